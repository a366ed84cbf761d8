/*
 * events_trace.h - traces from events: "Trace ID Propagation: follow a
 * request across 10 microservices".
 *
 * A span is any event with a trace id and a span id: an OTLP span, or an
 * NDJSON event with trace_id, span_id and optionally parent_span_id (or
 * parent_id), service, name (or event), a start time (start, start_time,
 * timestamp, ts, time, @timestamp) and duration_ms. A trace's spans may be
 * spread over lines and files in any order. Trace ids compare without
 * regard to case (OTLP hex ids come in either).
 *
 * The critical path is the chain of spans that decided the trace's end:
 * from the root's end, the child that finished last, then, before that
 * child started, the next one that finished last, and so on into each
 * chosen child (the algorithm Jaeger's trace view uses). Each span on it
 * gets its own share ("self time") of the end-to-end latency.
 *
 * Memory: `trace` keeps the spans of one trace; `traces` keeps a summary
 * (about 100 bytes) per trace seen.
 */
#ifndef AG_EVENTS_TRACE_H
#define AG_EVENTS_TRACE_H

#include "base/buf.h"
#include "base/diag.h"
#include "events_stats.h"

struct ag_evt_span {
	char *span_id, *parent_id, *service, *name; /* malloc'd; parent NULL for a root */
	int64_t start_ns;
	bool has_start;
	double dur_ms;
	bool has_dur;
	bool error;
	/* filled by ag_evt_build */
	size_t parent;       /* index, or (size_t)-1 */
	size_t *kids;
	size_t nkids;
	int depth;
	bool critical;
	double self_ms;      /* share of the critical path */
};

struct ag_evt_trace {
	char *id;
	struct ag_evt_span *spans; /* in start order after ag_evt_build */
	size_t n;
	size_t *roots;
	size_t nroots;
	int64_t t0;                /* earliest start */
	double dur_ms;             /* end-to-end */
	uint64_t errors;
	size_t *path;              /* the critical path, root first */
	size_t npath;
};

struct ag_evt_summary {
	char *trace_id;
	char *root_service, *root_name;
	uint64_t spans, errors;
	double dur_ms;
	int64_t start_ns;
	bool has_start;
};

struct ag_evt_opts {
	unsigned threads;
	const char *errors;     /* error predicate; NULL: AG_EVQ_DEFAULT_ERRORS */
	const char *time_field; /* NULL: the defaults above */
	void (*progress)(void *ctx, uint64_t done, uint64_t total, double seconds);
	void *ctx;
};

/* Collects the spans of trace `id` and builds the tree. A trace with no
 * span is returned empty (n == 0). */
int ag_evt_collect(const char *const *paths, size_t npaths, const char *id,
		   const struct ag_evt_opts *o, struct ag_evt_trace *t, struct ag_diags *d);
void ag_evt_trace_release(struct ag_evt_trace *t);

/* Renders the tree with timings and the critical path. */
int ag_evt_render(struct ag_buf *out, const struct ag_evt_trace *t, bool json);

/* The `top` slowest traces, slowest first; *ntraces is how many were seen. */
int ag_evt_slowest(const char *const *paths, size_t npaths, size_t top,
		   const struct ag_evt_opts *o, struct ag_evt_summary **out, size_t *nout,
		   uint64_t *ntraces, struct ag_diags *d);
void ag_evt_summaries_free(struct ag_evt_summary *s, size_t n);

/* Builds parent links, depths, start order and the critical path of
 * spans already in t->spans (exposed for tests). */
int ag_evt_build(struct ag_evt_trace *t);

#endif
