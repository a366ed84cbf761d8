/*
 * events_jaeger.c - Jaeger and Zipkin spans as records; see
 * events_jaeger.h.
 */
#include <string.h>
#include "events_jaeger.h"

#define K ag_evr_key_is

static bool same_str(const struct ag_ev_val *a, const struct ag_ev_val *b)
{
	return a->type == AG_EV_STR && b->type == AG_EV_STR && a->n == b->n &&
	       !memcmp(a->p, b->p, a->n);
}

static int kind_word(const struct ag_ev_val *v)
{
	static const char *const w[] = {"", "internal", "server", "client", "producer", "consumer"};
	static const char *const u[] = {"", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
	if (v->type != AG_EV_STR)
		return -1;
	for (int i = 1; i < 6; i++)
		if (K(v, w[i], u[i]))
			return i;
	return -1;
}

/* Microseconds (a number or digits) as nanoseconds. */
static bool micros(const struct ag_ev_val *v, uint64_t *ns)
{
	uint64_t us;
	if (!ag_evr_u64(v, &us) || us > UINT64_MAX / 1000)
		return false;
	*ns = us * 1000;
	return true;
}

/* The parent from references, as Jaeger's model picks it. */
static void parent_of(const struct ag_ev_val *refs, const struct ag_ev_val *trace,
		      struct ag_ev_val *parent)
{
	struct ag_ev_val child_of = {0}, same = {0}, any = {0}, r, k, v;
	struct ag_ev_iter it, i2;
	if (refs->type != AG_EV_ARR)
		return;
	ag_ev_iter_init(&it, refs);
	while (ag_ev_iter_next(&it, NULL, &r) == 1) {
		if (r.type != AG_EV_OBJ)
			continue;
		struct ag_ev_val type = {0}, tid = {0}, sid = {0};
		ag_ev_iter_init(&i2, &r);
		while (ag_ev_iter_next(&i2, &k, &v) == 1) {
			if (K(&k, "refType", NULL))
				type = v;
			else if (K(&k, "traceID", NULL))
				tid = v;
			else if (K(&k, "spanID", NULL))
				sid = v;
		}
		if (sid.type != AG_EV_STR)
			continue;
		if (!any.type)
			any = sid;
		if (tid.type != AG_EV_NONE && !same_str(&tid, trace))
			continue;
		if (!same.type)
			same = sid;
		if (!child_of.type && K(&type, "CHILD_OF", NULL))
			child_of = sid;
	}
	*parent = child_of.type ? child_of : same.type ? same : any;
}

int ag_jaeger_span(struct ag_evr_out *o, const struct ag_ev_val *span,
		   const struct ag_ev_val *processes)
{
	struct ag_evr_rec x;
	ag_evr_rec_init(&x, AG_EVR_SPAN);
	x.style = AG_EVR_JAEGER;
	x.res_style = AG_EVR_JAEGER;
	struct ag_ev_val refs = {0}, proc = {0}, pid = {0}, pspan = {0}, k, v;
	uint64_t dur = 0;
	bool has_dur = false;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, span);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (K(&k, "traceID", NULL))
			x.trace = v;
		else if (K(&k, "spanID", NULL))
			x.span = v;
		else if (K(&k, "operationName", NULL))
			x.name = v;
		else if (K(&k, "references", NULL))
			refs = v;
		else if (K(&k, "parentSpanID", NULL))
			pspan = v;
		else if (K(&k, "startTime", NULL))
			x.has_start = micros(&v, &x.start);
		else if (K(&k, "duration", NULL))
			has_dur = micros(&v, &dur);
		else if (K(&k, "tags", NULL))
			x.attrs = v;
		else if (K(&k, "process", NULL))
			proc = v;
		else if (K(&k, "processID", NULL))
			pid = v;
		else if (K(&k, "flags", NULL))
			x.flags = v;
	}
	parent_of(&refs, &x.trace, &x.parent);
	if (!x.parent.type && pspan.type == AG_EV_STR)
		x.parent = pspan;
	if (x.has_start && has_dur) {
		x.end = x.start + dur;
		x.has_end = true;
	}
	if (proc.type != AG_EV_OBJ && processes && processes->type == AG_EV_OBJ &&
	    pid.type == AG_EV_STR) {
		ag_ev_iter_init(&it, processes);
		while (ag_ev_iter_next(&it, &k, &v) == 1)
			if (same_str(&k, &pid))
				proc = v;
	}
	if (proc.type == AG_EV_OBJ) {
		ag_ev_iter_init(&it, &proc);
		while (ag_ev_iter_next(&it, &k, &v) == 1) {
			if (K(&k, "serviceName", NULL))
				x.service = v;
			else if (K(&k, "tags", NULL))
				x.res_attrs = v;
		}
	}
	struct ag_ev_val t;
	if (ag_evr_find_attr(&x.attrs, AG_EVR_JAEGER, "span.kind", 9, &t))
		x.span_kind = kind_word(&t);
	if (ag_evr_find_attr(&x.attrs, AG_EVR_JAEGER, "error", 5, &t) && t.type == AG_EV_TRUE)
		x.status = 2;
	else if (ag_evr_find_attr(&x.attrs, AG_EVR_JAEGER, "otel.status_code", 16, &t) &&
		 t.type == AG_EV_STR)
		x.status = K(&t, "ERROR", "error") ? 2 : K(&t, "OK", "ok") ? 1 : -1;
	return ag_evr_emit(o, &x);
}

int ag_jaeger_trace(struct ag_evr_out *o, const struct ag_ev_val *trace)
{
	struct ag_ev_val spans = {0}, procs = {0}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, trace);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (K(&k, "spans", NULL))
			spans = v;
		else if (K(&k, "processes", NULL))
			procs = v;
	}
	if (spans.type != AG_EV_ARR) {
		o->err = "a Jaeger trace whose spans are not an array";
		return AG_EPARSE;
	}
	ag_ev_iter_init(&it, &spans);
	while (ag_ev_iter_next(&it, NULL, &v) == 1) {
		if (v.type != AG_EV_OBJ)
			continue;
		int rc = ag_jaeger_span(o, &v, &procs);
		if (rc)
			return rc;
	}
	return 0;
}

static struct ag_ev_val endpoint_service(const struct ag_ev_val *ep)
{
	struct ag_ev_val k, v, out = {0};
	struct ag_ev_iter it;
	if (ep->type != AG_EV_OBJ)
		return out;
	ag_ev_iter_init(&it, ep);
	while (ag_ev_iter_next(&it, &k, &v) == 1)
		if (K(&k, "serviceName", NULL))
			out = v;
	return out;
}

int ag_zipkin_span(struct ag_evr_out *o, const struct ag_ev_val *span)
{
	struct ag_evr_rec x;
	ag_evr_rec_init(&x, AG_EVR_SPAN);
	x.style = AG_EVR_ZIPKIN;
	uint64_t dur = 0;
	bool has_dur = false;
	struct ag_ev_val k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, span);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (K(&k, "traceId", NULL))
			x.trace = v;
		else if (K(&k, "id", NULL))
			x.span = v;
		else if (K(&k, "parentId", NULL))
			x.parent = v;
		else if (K(&k, "name", NULL))
			x.name = v;
		else if (K(&k, "kind", NULL))
			x.span_kind = kind_word(&v);
		else if (K(&k, "timestamp", NULL))
			x.has_start = micros(&v, &x.start);
		else if (K(&k, "duration", NULL))
			has_dur = micros(&v, &dur);
		else if (K(&k, "localEndpoint", NULL))
			x.service = endpoint_service(&v);
		else if (K(&k, "remoteEndpoint", NULL))
			x.peer = endpoint_service(&v);
		else if (K(&k, "tags", NULL))
			x.attrs = v;
	}
	if (x.has_start && has_dur) {
		x.end = x.start + dur;
		x.has_end = true;
	}
	struct ag_ev_val t;
	if (ag_evr_find_attr(&x.attrs, AG_EVR_ZIPKIN, "error", 5, &t))
		x.status = 2;
	return ag_evr_emit(o, &x);
}
