/*
 * events_read.h - from the bytes of a chunk to records: what every events
 * command (lint, stats, query, trace, traces, map, sql) reads the same way.
 *
 * An input is NDJSON (one JSON text per line: the fast path) or, detected
 * by its content (ag_ev_is_doc), JSON documents whose values span lines:
 * a pretty-printed document, a JSON array, objects written back to back.
 * Each JSON value is then recognised by its keys:
 *
 *   resourceSpans / resourceLogs / resourceMetrics   OTLP (events_otlp.h)
 *   {"result": {"resourceSpans": ...}}               Jaeger api/v3 (OTLP)
 *   {"data": [{"spans", ...}]}                        Jaeger query API
 *   {"data": {"spans", ...}}                          Jaeger UI state
 *   {"spans": [...], "processes"|"traceID"}           a Jaeger trace
 *   {"traceID", "spanID", ...}                        one Jaeger span
 *   {"traceId", "id", "localEndpoint"|"remoteEndpoint"} one Zipkin span
 *   [...]                                            its elements, each
 *                                                    recognised the same way
 *   in a document, an object with one member whose value is an array of
 *   objects ({"records": [...]}, {"expected": [...]}): its elements
 *   anything else                                    an event as it is
 *
 * Threads: a worker belongs to one thread; the field set and keys are
 * shared read-only.
 */
#ifndef AG_EVENTS_READ_H
#define AG_EVENTS_READ_H

#include "events_rec.h"

struct ag_otlp_stream;

/* The keys that recognise containers, added to a field set once. */
enum {
	AG_EVR_K_RSPANS, AG_EVR_K_RSPANS2, AG_EVR_K_RLOGS, AG_EVR_K_RLOGS2, AG_EVR_K_RMETRICS,
	AG_EVR_K_RMETRICS2, AG_EVR_K_DATA, AG_EVR_K_RESULT, AG_EVR_K_SPANS, AG_EVR_K_PROCESSES,
	AG_EVR_K_TRACEID_J, AG_EVR_K_SPANID_J, AG_EVR_K_TRACEID_Z, AG_EVR_K_ID, AG_EVR_K_LOCAL,
	AG_EVR_K_REMOTE, AG_EVR_NKEYS
};
struct ag_evr_keys {
	int idx[AG_EVR_NKEYS];
};
/* Adds the keys to `fs`. AG_ELIMIT when the set is full. */
int ag_evr_keys_add(struct ag_ev_fields *fs, struct ag_evr_keys *k);

/* What a consumer is told. */
struct ag_evr_sink {
	/* A record. vals[i] is field i of the worker's field set. For an
	 * event as written (rec->kind AG_EVR_EVENT) text/n is its JSON text;
	 * for a converted record, its flat JSON when `json` is set (else
	 * NULL). Return non-zero to stop the chunk (ag_evr_chunk returns it). */
	int (*record)(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		      const char *text, size_t n);
	/* A line or value that is not an event: 0-based line in the chunk,
	 * 1-based column in that line, why (static), the text (cut by the
	 * caller as it likes). Optional. */
	void (*bad)(void *ctx, uint64_t line, size_t col, const char *why, const char *text,
		    size_t n);
	void *ctx;
	bool json;
};

struct ag_evr_counts {
	uint64_t lines, blank, invalid, other, containers;
};

struct ag_evr_worker {
	const struct ag_ev_fields *fs; /* the consumer's fields and the keys */
	const struct ag_evr_keys *keys;
	struct ag_evr_counts n;
	uint64_t at;              /* 0-based line in the chunk of the record delivered */
	/* of the record delivered: bit i set when vals[i] may have a value
	 * (exact for NDJSON lines, ~0 for every other record) */
	uint64_t set;
	uint64_t keymask;         /* the container keys' fields */
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	struct ag_buf json;
	struct ag_evr_out *out;   /* malloc'd on first use */
	struct ag_otlp_stream *stream; /* malloc'd on first use */
	/* Set by the caller: the chunk's bytes are a read-only mapping of a
	 * file, whose pages an OTLP document's streaming reader gives back
	 * behind it (ADR-058). */
	bool mapped;
	/* Set by the caller: read OTLP documents whole, not streamed (the
	 * reference the fuzz target compares the streaming reader with). */
	bool whole;
};

void ag_evr_worker_init(struct ag_evr_worker *w, const struct ag_ev_fields *fs,
			const struct ag_evr_keys *keys);
void ag_evr_worker_release(struct ag_evr_worker *w);

/* Reads the records in p..p+n (whole lines; `doc`: in document mode) and
 * sets *nlines. Returns 0, the sink's non-zero value, or AG_ENOMEM. */
int ag_evr_chunk(struct ag_evr_worker *w, const char *p, size_t n, bool doc,
		 const struct ag_evr_sink *s, uint64_t *nlines);

#endif
