/*
 * events_rec.h - records that are not NDJSON lines: the spans, log records
 * and metric data points inside OTLP/JSON, Jaeger and Zipkin documents,
 * turned into flat events with the field names NDJSON logs use, so one
 * query works on all of them.
 *
 * Each reader (events_otlp.h, events_jaeger.h) walks its format and fills
 * a `struct ag_evr_rec`, which points into the input: no copy, no
 * allocation per record. ag_evr_emit() then gives each field of the
 * caller's field set its value and hands the record to the caller:
 *
 *   trace_id, span_id, parent_span_id   ids as written; hex ids lowercased
 *                (hex compares without regard to case; any other id, such
 *                as base64, is kept exactly)
 *   service      the resource's service.name (Jaeger: the process's
 *                serviceName; Zipkin: localEndpoint.serviceName)
 *   name, event  the span name (a log record: event is the body when it
 *                is a string; a data point: the metric name)
 *   kind         SpanKind as an integer (1 internal, 2 server, 3 client,
 *                4 producer, 5 consumer)
 *   start, end   nanoseconds since the epoch; duration_ms (end - start)
 *   status.code  0 unset, 1 ok, 2 error; status.message
 *   scope.name   the instrumentation scope
 *   timestamp    a span's start; a log record's or data point's time
 *   severity, level (the severity text), severity_number, body  (logs)
 *   metric, type (gauge, sum, histogram, exponential_histogram, summary),
 *   unit, value, count, sum, min, max                          (metrics)
 *   peer.service the remote service a client span calls, when the format
 *                says (Zipkin remoteEndpoint.serviceName), else the attribute
 *   any other name: the record's attribute (OTLP attributes, Jaeger tags,
 *   Zipkin tags) with that key, else its resource's (OTLP resource
 *   attributes, Jaeger process tags).
 */
#ifndef AG_EVENTS_REC_H
#define AG_EVENTS_REC_H

#include <string.h>
#include "base/buf.h"
#include "events_scan.h"

enum ag_evr_kind {
	AG_EVR_EVENT,  /* an NDJSON line (or an element of a JSON array) */
	AG_EVR_SPAN,
	AG_EVR_LOG,    /* an OTLP log record: an event, not a span */
	AG_EVR_METRIC, /* an OTLP metric data point */
};

/* How a record's attributes are written. */
enum ag_evr_style {
	AG_EVR_NONE,
	AG_EVR_OTLP,   /* [{"key": K, "value": AnyValue}] */
	AG_EVR_JAEGER, /* [{"key": K, "type": T, "value": V}] */
	AG_EVR_ZIPKIN, /* {"K": "V"} */
};

struct ag_evr_rec {
	enum ag_evr_kind kind;
	struct ag_ev_val trace, span, parent, service, name, scope, status_msg, flags, peer;
	int span_kind;           /* -1: not given */
	int status;              /* -1: not given; 0 unset, 1 ok, 2 error */
	uint64_t start, end;     /* ns since the epoch */
	bool has_start, has_end;
	uint64_t time;           /* logs, metrics */
	bool has_time;
	struct ag_ev_val sevtext, sevnum, body; /* logs; body an OTLP AnyValue */
	struct ag_ev_val metric, mtype, unit, value, count, sum, min, max; /* metrics */
	struct ag_ev_val attrs, res_attrs;
	enum ag_evr_style style, res_style;
	/* Optional (NULL): res_attrs resolved once (ag_evr_resolve_res), for
	 * a reader that hands on many records of one resource; ag_evr_emit()
	 * then does not read them again. */
	const struct ag_evr_res *res;
};

/* A resource's attributes against one field set: v[idx[k]] for k < n are
 * the fields they give a value (the first attribute that names one). */
struct ag_evr_res {
	const struct ag_ev_fields *fs;
	uint32_t gen;
	size_t n;
	uint8_t idx[AG_EV_MAX_FIELDS];
	struct ag_ev_val v[AG_EV_MAX_FIELDS];
};

/* Called per record with vals[i] = field i of the emitter's field set and,
 * when asked for, the record as one flat JSON object. Values point into
 * the input or the emitter's scratch and are valid during the call.
 * Return non-zero to stop (the reader returns it). */
typedef int (*ag_evr_fn)(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
			 const struct ag_buf *json);

#define AG_EVR_SCRATCH (4 * 1024 + AG_EV_MAX_FIELDS * 48)

struct ag_evr_out {
	const struct ag_ev_fields *fs; /* fields to fill */
	struct ag_ev_val *vals;        /* fs->n entries */
	struct ag_buf *json;           /* optional: also render each record */
	ag_evr_fn fn;
	void *ctx;
	uint64_t records;              /* records delivered */
	const char *err;               /* set with AG_EPARSE by a reader */
	/* private: the fields' builtins, for this field set and generation */
	const struct ag_ev_fields *map_fs;
	uint32_t map_gen;
	uint8_t map[AG_EV_MAX_FIELDS];
	char scratch[AG_EVR_SCRATCH];
};

/* Fills the fields of one record, renders it when asked and calls fn.
 * Returns fn's value or AG_ENOMEM. */
int ag_evr_emit(struct ag_evr_out *o, const struct ag_evr_rec *r);

/* Resolves r's resource attributes against fs into *out and points
 * r->res at it: what ag_evr_emit() would find in them for every record of
 * the resource. *out must live as long as r and its copies are emitted. */
void ag_evr_resolve_res(struct ag_evr_rec *r, const struct ag_ev_fields *fs,
			struct ag_evr_res *out);

/* Helpers for readers. */
void ag_evr_rec_init(struct ag_evr_rec *r, enum ag_evr_kind kind);
/* Whether key (a STR value from the input) is `a` or, when not NULL, `b`.
 * Inline: the readers call it with literals, whose lengths are then known
 * when compiling (a pretty-printed OTLP file asks it tens of millions of
 * times). */
static inline bool ag_evr_key_is(const struct ag_ev_val *k, const char *a, const char *b)
{
	size_t n = strlen(a);
	if (k->n == n && !memcmp(k->p, a, n))
		return true;
	if (b) {
		n = strlen(b);
		return k->n == n && !memcmp(k->p, b, n);
	}
	return false;
}
/* An unsigned decimal integer (a number or a string of digits). */
bool ag_evr_u64(const struct ag_ev_val *v, uint64_t *out);
/* An OTLP AnyValue object as a plain value (false when v is not one). */
bool ag_evr_any_value(const struct ag_ev_val *any, struct ag_ev_val *out);
/* Finds attribute `name` in attributes written in `style`. */
bool ag_evr_find_attr(const struct ag_ev_val *attrs, enum ag_evr_style style, const char *name,
		      size_t nlen, struct ag_ev_val *out);

#endif
