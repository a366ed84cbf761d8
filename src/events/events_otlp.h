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

/* Streaming (ADR-058): a document that is an object whose first member is
 * resourceSpans, resourceLogs or resourceMetrics (or their snake_case
 * names) holding an array is read from its first byte to its last in one
 * pass, each record handed on as soon as its object is complete, so what
 * the reader holds is one record and not the document. Its answers are
 * those of ag_otlp_each() on the document, with these exceptions, where
 * the whole-document reader took the last of several and this one takes
 * each in turn: a key written twice (two resourceSpans, a second
 * "resource" after a resource's scopes), and lists written in another
 * order than spans, logs, metrics (records come in the document's order).
 * A record before a syntax error is delivered; the error is then where
 * ag_ev_scan_doc() would put it, with its message. */
struct ag_otlp_stream {
	/* Optional: told after each record where the reader is, so that the
	 * caller can count lines or give back the memory behind it. */
	void (*behind)(void *ctx, const char *p);
	void *ctx;
	const char *err, *errp; /* out: a syntax error (static message), where */
	/* private: the members of spans and log records, as a field set
	 * (ag_otlp_stream_init), so that one scan of a record validates it
	 * and finds them */
	struct ag_ev_fields fs;
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	struct ag_evr_res res; /* the resource's attributes */
};

/* Compiles s->fs; once, before the first ag_otlp_stream(). Large (some
 * 15 KB): one per reader, not per document. */
void ag_otlp_stream_init(struct ag_otlp_stream *s);

/* Whether the value at p (not white space) is a document ag_otlp_stream()
 * reads. Looks at its first member only. */
bool ag_otlp_streams(const char *p, const char *end);

/* Reads the document at p ('{') up to `end`. Returns the byte after it,
 * or NULL: on a syntax error (s->err, s->errp) or when the callback
 * stopped the reading (*rc is its value, or AG_ENOMEM). *rc is AG_EPARSE
 * (o->err) when the document is JSON but not OTLP's structure: the records
 * before that place were delivered, the rest of the document is read to
 * its end without records. */
const char *ag_otlp_stream(struct ag_otlp_stream *s, struct ag_evr_out *o, const char *p,
			   const char *end, int *rc);

#endif
