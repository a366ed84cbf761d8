/*
 * events_map.h - the architecture as the traces show it: which service
 * calls which, how often, how many of those calls fail and how slow they
 * are — derived from spans, not declared.
 *
 * A call from service A to service B is seen as:
 *   - a span of B whose parent span is a span of A (any span kind: a
 *     server span under a client span, a consumer under a producer, an
 *     internal span under a span of another service);
 *   - a client or producer span of A that has no child span in another
 *     service but names its peer: peer.service, else server.address,
 *     net.peer.name, db.system (Zipkin's remoteEndpoint is peer.service).
 *     B is then that name: an uninstrumented database, queue or API.
 * Each call is counted once: a client span whose callee is instrumented is
 * counted through the callee's span. A call's duration and error are the
 * callee's span (the server side) when there is one, else the client
 * span's. Percentiles are exact (nearest rank over every call).
 *
 * Memory: about 48 bytes per span, plus each distinct trace id once.
 */
#ifndef AG_EVENTS_MAP_H
#define AG_EVENTS_MAP_H

#include "base/buf.h"
#include "base/diag.h"
#include "events_trace.h"

enum ag_evm_via { AG_EVM_SPAN, AG_EVM_PEER };

struct ag_evm_edge {
	uint32_t from, to;       /* indexes into services */
	uint64_t calls, errors;
	double p50_ms, p99_ms;   /* of the calls with a duration */
	bool has_dur;
	enum ag_evm_via via;     /* how the first of its calls was seen */
	const char *trace_id;    /* a trace that shows it (borrowed from the map) */
};

struct ag_evm_service {
	const char *name;        /* borrowed from the map */
	uint64_t spans;          /* its own spans (0: only named as a peer) */
	const char *trace_id;    /* a trace with one of its spans (NULL: none) */
};

struct ag_evm {
	struct ag_evm_service *services; /* sorted by name */
	size_t nservices;
	struct ag_evm_edge *edges;       /* sorted by caller, then callee */
	size_t nedges;
	uint64_t spans, traces, bytes;
	uint64_t unnamed;                /* spans without a service */
	struct ag_evt_cspans cs;         /* owns the strings */
};

/* Reads the inputs (as `events traces` does: o->errors is the error
 * predicate, o->where is ignored) and derives the map. Unreadable inputs
 * add error diagnostics (AG_EIO, the rest still read). */
int ag_evm_build(const char *const *paths, size_t npaths, const struct ag_evt_opts *o,
		 struct ag_evm *m, struct ag_diags *d);
void ag_evm_release(struct ag_evm *m);

/* Text (a table of calls, then a line saying what was read and, when no
 * call was seen, what was looked for) or JSON
 * ({"services":[{name,spans}],"calls":[{from,to,calls,errors,error_rate,
 * p50_ms,p99_ms,via,trace_id}],"spans","traces","bytes"}). */
int ag_evm_render(struct ag_buf *out, const struct ag_evm *m, bool json);

#endif
