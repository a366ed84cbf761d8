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
 * The critical path is computed over the longest root (else the longest
 * span whose parent is missing), as Jaeger's trace view does: children are
 * clipped to their parent's window; from the end of the window, the child
 * that ends last at or before the cursor is on the path, then the cursor
 * moves to its start, and so on, into each chosen child. Time no child
 * covers is the span's own ("self time"); the self times add up to the
 * root's duration. Building is linear in the spans (hash of ids, children
 * in one array, an explicit stack: a 100,000-deep chain is no recursion).
 * Several roots, missing parents, duplicate ids, cycles and spans that end
 * before they start are counted as findings. OTLP log records are not
 * spans: `trace` shows them under their span.
 *
 * Memory: `trace` keeps the spans of one trace; `traces` keeps a summary
 * (about 100 bytes) per trace seen.
 */
#ifndef AG_EVENTS_TRACE_H
#define AG_EVENTS_TRACE_H

#include "base/buf.h"
#include "base/diag.h"
#include "events_index.h"
#include "events_stats.h"

struct ag_evt_log {
	char *span_id;       /* NULL: the trace's, not a span's */
	char *text;          /* "ERROR: message" (malloc'd) */
	int64_t time_ns;
	bool has_time;
};

struct ag_evt_span {
	char *span_id, *parent_id, *service, *name; /* malloc'd; parent NULL for a root */
	int64_t start_ns;
	bool has_start;
	double dur_ms;
	bool has_dur;
	bool error;
	int kind;            /* OTLP SpanKind; -1 unknown */
	size_t ord;          /* input order (set by the caller; ties in the critical path) */
	/* filled by ag_evt_build */
	size_t parent;       /* index, or (size_t)-1 */
	size_t *kids;
	size_t nkids;
	int depth;
	bool critical;
	bool orphan;         /* has a parent id that is not in the trace */
	bool cycle;          /* its parent chain looped back: cut here */
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
	size_t *path;              /* the critical path, in time order */
	size_t npath;
	size_t cp_root;            /* the root it is computed over; (size_t)-1 none */
	/* findings */
	size_t true_roots;         /* spans without a parent id */
	size_t orphans;            /* spans whose parent is not in the trace */
	size_t dup_ids;            /* span ids that occur more than once */
	size_t shared_ids;         /* of them: Zipkin client+server halves (not a fault) */
	size_t cycles;             /* parent chains that loop */
	size_t negative;           /* spans that end before they start */
	size_t *kids;              /* every span's children, one array */
	struct ag_evt_log *logs;   /* log records of the trace, in time order */
	size_t nlogs;
	uint64_t bytes;            /* input read */
};

struct ag_evt_summary {
	char *trace_id;
	char *root_service, *root_name;
	uint64_t spans, errors, services;
	double dur_ms;
	int64_t start_ns;
	bool has_start;
};

struct ag_evt_opts {
	unsigned threads;
	const char *errors;     /* error predicate; NULL: AG_EVQ_DEFAULT_ERRORS */
	const char *time_field; /* NULL: the defaults above */
	/* traces: a condition on the trace's duration_ms, errors, spans,
	 * services (how many), root_service, root_name, trace_id; NULL: all */
	const char *where;
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

/* Every span of every trace, compactly: what `events map` (events_map.h)
 * is built from. Ids are hashed (hex ids without regard to case, others
 * as they are); names are the services and the peers that client and
 * producer spans name (peer.service, else server.address, net.peer.name,
 * db.system), in one table. */
#define AG_EVT_NONE UINT32_MAX
struct ag_evt_cspan {
	uint64_t trace, span, parent;
	uint32_t svc, peer;  /* in names; AG_EVT_NONE: not stated */
	uint32_t tid;        /* the trace id, in tids */
	float dur_ms;
	bool has_parent, has_dur, err;
	int8_t kind;         /* OTLP SpanKind; -1 unknown */
};
struct ag_evt_cspans {
	struct ag_evt_cspan *v;
	size_t n, cap;
	struct ag_ev_strtab names, tids;
	uint64_t bytes;      /* input read */
};
int ag_evt_compact(const char *const *paths, size_t npaths, const struct ag_evt_opts *o,
		   struct ag_evt_cspans *out, struct ag_diags *d);
void ag_evt_cspans_release(struct ag_evt_cspans *c);

/* Builds parent links, depths, start order and the critical path of
 * spans already in t->spans (exposed for tests). */
int ag_evt_build(struct ag_evt_trace *t);

#endif
