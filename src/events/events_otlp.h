/*
 * events_otlp.h - OpenTelemetry OTLP/JSON: ExportTraceServiceRequest,
 * ExportLogsServiceRequest and ExportMetricsServiceRequest (or TracesData,
 * LogsData, MetricsData), one per line as the Collector's file exporter
 * writes them or one pretty-printed document as the OpenTelemetry
 * examples are, read as records (events_rec.h): one per span, log record
 * or metric data point.
 *
 * The OTLP/JSON encoding (opentelemetry-proto, docs/specification.md, "JSON
 * Protobuf Encoding"): keys in lowerCamelCase (the proto's snake_case names
 * are accepted too), trace and span ids as hex strings (an empty parent id
 * means a root span), 64-bit integers such as startTimeUnixNano as decimal
 * strings or numbers, enums as integers (their names are accepted too),
 * attributes as [{"key", "value": AnyValue}]. The older
 * instrumentationLibrarySpans/Logs are read too.
 *
 * Metric data points (gauge, sum, histogram, exponentialHistogram,
 * summary) become events with metric (the name), type, unit, timestamp
 * (timeUnixNano), start (startTimeUnixNano), value (asDouble or asInt;
 * gauges and sums), count, sum, min, max (histograms and summaries) and
 * the data point's attributes, so they can be queried like any event.
 */
#ifndef AG_EVENTS_OTLP_H
#define AG_EVENTS_OTLP_H

#include "events_rec.h"

enum ag_otlp_what { AG_OTLP_TRACES, AG_OTLP_LOGS, AG_OTLP_METRICS };

/* Reads the value of resourceSpans, resourceLogs or resourceMetrics.
 * Returns 0, the callback's non-zero value, AG_ENOMEM, or AG_EPARSE (with
 * o->err) when the structure is not OTLP. */
int ag_otlp_each(struct ag_evr_out *o, const struct ag_ev_val *arr, enum ag_otlp_what what);

#endif
