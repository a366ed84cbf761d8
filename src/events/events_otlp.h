/*
 * events_otlp.h - OpenTelemetry OTLP/JSON as the Collector's file exporter
 * writes it: one ExportTraceServiceRequest (or ExportLogsServiceRequest)
 * per line, read as a stream of flat events, one per span (or log record).
 *
 * The OTLP/JSON encoding (opentelemetry-proto, docs/specification.md, "JSON
 * Protobuf Encoding"): keys in lowerCamelCase (the proto's snake_case names
 * are accepted too), trace and span ids as hex strings (either case; an
 * empty parent id means a root span), 64-bit integers such as
 * startTimeUnixNano as decimal strings or numbers, enums as integers (their
 * names are accepted too), attributes as [{"key", "value": AnyValue}].
 *
 * Each span becomes an event with these fields (the names NDJSON events
 * use, so one query works on both):
 *   trace_id, span_id, parent_span_id   lowercase hex ("" parent: absent)
 *   service      the resource's service.name
 *   name, event  the span name
 *   kind         SpanKind as an integer (1 internal .. 5 consumer)
 *   start, end   startTimeUnixNano / endTimeUnixNano (a number of ns)
 *   duration_ms  (end - start) / 1e6
 *   status.code  0 unset, 1 ok, 2 error; status.message
 *   scope.name   the instrumentation scope
 *   any other name: the span's attribute with that key, else the
 *   resource's (host.name, service.version, ...).
 * A log record has trace_id, span_id, service, timestamp (timeUnixNano, or
 * observedTimeUnixNano), severity (severityText), level (severityText too),
 * severity_number, body and event (the body when it is a string), and its
 * attributes.
 */
#ifndef AG_EVENTS_OTLP_H
#define AG_EVENTS_OTLP_H

#include "base/buf.h"
#include "events_scan.h"

/* The top-level keys that make a line an OTLP request; a scan that asks
 * for these fields learns whether a line is OTLP. */
#define AG_OTLP_SPANS_KEY "resourceSpans"
#define AG_OTLP_SPANS_KEY2 "resource_spans"
#define AG_OTLP_LOGS_KEY "resourceLogs"
#define AG_OTLP_LOGS_KEY2 "resource_logs"

/* Which of the four keys above (their field indexes in idx[], in that
 * order) holds an array in a scanned line's vals: 0 or 1 for spans, 2 or
 * 3 for logs, the last of them when there are several; -1 when the line
 * is no OTLP request. */
int ag_otlp_batch(const struct ag_ev_val *vals, const int idx[4]);

/* Called per span or log record with vals[i] = field i of the reader's
 * field set; `json` is the record as a flat JSON object when the reader
 * was asked for it (else NULL). Values point into the line or into the
 * reader's scratch and are valid during the call. Return non-zero to stop
 * (ag_otlp_each returns it). */
typedef int (*ag_otlp_fn)(void *ctx, const struct ag_ev_val *vals, const struct ag_buf *json);

struct ag_otlp_reader {
	const struct ag_ev_fields *fs; /* fields to fill */
	struct ag_ev_val *vals;        /* fs->n entries */
	char *scratch;                 /* ag_otlp_scratch_size(line length) bytes */
	struct ag_buf *json;           /* optional: also render each record */
	ag_otlp_fn fn;
	void *ctx;
	uint64_t records;              /* spans or log records delivered */
	const char *err;               /* set with AG_EPARSE */
};

/* Scratch bytes a line of `len` bytes needs. */
size_t ag_otlp_scratch_size(size_t len);

/* Reads the value of resourceSpans (logs false) or resourceLogs (logs
 * true). Returns 0, the callback's non-zero value, AG_ENOMEM, or AG_EPARSE
 * (with r->err) when the structure is not OTLP. */
int ag_otlp_each(struct ag_otlp_reader *r, const struct ag_ev_val *arr, bool logs);

#endif
