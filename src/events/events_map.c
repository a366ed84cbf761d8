/*
 * events_map.c - calls between services from spans; see events_map.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "events_map.h"
#include "events_report.h"

struct obs {
	uint32_t from, to;
	float dur;
	bool has_dur, err;
	enum ag_evm_via via;
	uint32_t tid;
	size_t ord;
};

static uint64_t key(uint64_t trace, uint64_t span)
{
	return trace ^ (span * 0x9e3779b97f4a7c15ull) ^ (span >> 29);
}

static int cmp_obs(const void *a, const void *b)
{
	const struct obs *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank over sorted values. */
static double rank(const float *v, size_t n, double q)
{
	size_t r = (size_t)ceil(q * (double)n);
	return v[r ? r - 1 : 0];
}

static const struct ag_evm *sort_map; /* qsort has no context argument */

static int cmp_svc(const void *a, const void *b)
{
	return strcmp(((const struct ag_evm_service *)a)->name,
		      ((const struct ag_evm_service *)b)->name);
}

static int cmp_edge(const void *a, const void *b)
{
	const struct ag_evm_edge *x = a, *y = b;
	int c = strcmp(sort_map->cs.names.s[x->from], sort_map->cs.names.s[y->from]);
	return c ? c : strcmp(sort_map->cs.names.s[x->to], sort_map->cs.names.s[y->to]);
}

/* Each span's parent, through a hash of (trace, span id): the first span
 * with an id wins when ids repeat. A span whose id another service's span
 * shares (Zipkin's client and server halves of one call) is answered:
 * *shared is set for it. */
static int parents(const struct ag_evt_cspans *cs, size_t **out, bool *shared)
{
	size_t n = cs->n, cap = 16;
	while (cap < n * 2)
		cap *= 2;
	size_t *slot = calloc(cap, sizeof(*slot)), *par = malloc((n ? n : 1) * sizeof(*par));
	if (!slot || !par) {
		free(slot);
		free(par);
		return AG_ENOMEM;
	}
	size_t mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		size_t j = key(cs->v[i].trace, cs->v[i].span) & mask;
		while (slot[j])
			j = (j + 1) & mask;
		slot[j] = i + 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ag_evt_cspan *s = &cs->v[i];
		par[i] = SIZE_MAX;
		for (size_t j = key(s->trace, s->span) & mask; slot[j]; j = (j + 1) & mask) {
			const struct ag_evt_cspan *o = &cs->v[slot[j] - 1];
			if (o->trace == s->trace && o->span == s->span && o->svc != s->svc)
				shared[i] = true;
		}
		if (!s->has_parent)
			continue;
		for (size_t j = key(s->trace, s->parent) & mask; slot[j]; j = (j + 1) & mask) {
			const struct ag_evt_cspan *p = &cs->v[slot[j] - 1];
			if (p->trace == s->trace && p->span == s->parent) {
				par[i] = slot[j] - 1 == i ? SIZE_MAX : slot[j] - 1;
				break;
			}
		}
	}
	free(slot);
	*out = par;
	return 0;
}

static int edges(struct ag_evm *m, struct obs *ob, size_t nob)
{
	qsort(ob, nob, sizeof(*ob), cmp_obs);
	float *durs = malloc((nob ? nob : 1) * sizeof(*durs));
	m->edges = calloc(nob ? nob : 1, sizeof(*m->edges));
	if (!durs || !m->edges) {
		free(durs);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < nob;) {
		size_t j = i, nd = 0;
		struct ag_evm_edge *e = &m->edges[m->nedges++];
		e->from = ob[i].from;
		e->to = ob[i].to;
		e->via = ob[i].via;
		e->trace_id = m->cs.tids.s[ob[i].tid];
		for (; j < nob && ob[j].from == e->from && ob[j].to == e->to; j++) {
			e->calls++;
			e->errors += ob[j].err;
			if (ob[j].has_dur)
				durs[nd++] = ob[j].dur;
		}
		if (nd) {
			qsort(durs, nd, sizeof(*durs), cmp_float);
			e->p50_ms = rank(durs, nd, 0.50);
			e->p99_ms = rank(durs, nd, 0.99);
			e->has_dur = true;
		}
		i = j;
	}
	free(durs);
	sort_map = m;
	qsort(m->edges, m->nedges, sizeof(*m->edges), cmp_edge);
	sort_map = NULL;
	return 0;
}

static int services(struct ag_evm *m)
{
	size_t nn = m->cs.names.n;
	uint64_t *spans = calloc(nn + 1, sizeof(*spans));
	uint32_t *tid = calloc(nn + 1, sizeof(*tid));
	bool *used = calloc(nn + 1, sizeof(*used));
	m->services = calloc(nn + 1, sizeof(*m->services));
	if (!spans || !tid || !used || !m->services) {
		free(spans);
		free(tid);
		free(used);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < m->cs.n; i++)
		if (m->cs.v[i].svc != AG_EVT_NONE) {
			if (!spans[m->cs.v[i].svc]++)
				tid[m->cs.v[i].svc] = m->cs.v[i].tid;
			used[m->cs.v[i].svc] = true;
		}
	for (size_t i = 0; i < m->nedges; i++)
		used[m->edges[i].from] = used[m->edges[i].to] = true;
	for (size_t i = 0; i < nn; i++)
		if (used[i])
			m->services[m->nservices++] = (struct ag_evm_service){
				m->cs.names.s[i], spans[i], spans[i] ? m->cs.tids.s[tid[i]] : NULL};
	qsort(m->services, m->nservices, sizeof(*m->services), cmp_svc);
	free(spans);
	free(tid);
	free(used);
	return 0;
}

int ag_evm_build(const char *const *paths, size_t npaths, const struct ag_evt_opts *o,
		 struct ag_evm *m, struct ag_diags *d)
{
	memset(m, 0, sizeof(*m));
	struct ag_evt_opts oo = *o;
	oo.where = NULL;
	int rc = ag_evt_compact(paths, npaths, &oo, &m->cs, d);
	if (rc && rc != AG_EIO)
		return rc;
	const struct ag_evt_cspans *cs = &m->cs;
	m->spans = cs->n;
	m->traces = cs->tids.n;
	m->bytes = cs->bytes;
	size_t *par = NULL;
	bool *crossed = calloc(cs->n + 1, sizeof(*crossed));
	struct obs *ob = malloc((cs->n ? cs->n : 1) * sizeof(*ob));
	int brc = crossed && ob ? parents(cs, &par, crossed) : AG_ENOMEM;
	size_t nob = 0;
	for (size_t i = 0; !brc && i < cs->n; i++) {
		const struct ag_evt_cspan *s = &cs->v[i];
		m->unnamed += s->svc == AG_EVT_NONE;
		if (par[i] == SIZE_MAX)
			continue;
		const struct ag_evt_cspan *p = &cs->v[par[i]];
		if (p->svc == AG_EVT_NONE || s->svc == AG_EVT_NONE || p->svc == s->svc)
			continue;
		crossed[par[i]] = true;
		ob[nob++] = (struct obs){p->svc, s->svc, s->dur_ms, s->has_dur, s->err,
					 AG_EVM_SPAN, s->tid, i};
	}
	for (size_t i = 0; !brc && i < cs->n; i++) {
		const struct ag_evt_cspan *s = &cs->v[i];
		if (crossed[i] || s->peer == AG_EVT_NONE || s->svc == AG_EVT_NONE ||
		    s->peer == s->svc || (s->kind != 3 && s->kind != 4))
			continue;
		ob[nob++] = (struct obs){s->svc, s->peer, s->dur_ms, s->has_dur, s->err,
					 AG_EVM_PEER, s->tid, i};
	}
	if (!brc)
		brc = edges(m, ob, nob);
	if (!brc)
		brc = services(m);
	free(par);
	free(crossed);
	free(ob);
	return brc ? brc : rc;
}

void ag_evm_release(struct ag_evm *m)
{
	free(m->services);
	free(m->edges);
	ag_evt_cspans_release(&m->cs);
	memset(m, 0, sizeof(*m));
}

static const char *via_name(enum ag_evm_via v)
{
	return v == AG_EVM_SPAN ? "span" : "peer";
}

int ag_evm_render(struct ag_buf *b, const struct ag_evm *m, bool json)
{
	const char *const *names = (const char *const *)m->cs.names.s;
	if (json) {
		struct ag_json w;
		ag_json_init(&w, b, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_key(&w, "services");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < m->nservices; i++) {
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "name", m->services[i].name);
			ag_json_kv_uint(&w, "spans", m->services[i].spans);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_key(&w, "calls");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < m->nedges; i++) {
			const struct ag_evm_edge *e = &m->edges[i];
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "from", names[e->from]);
			ag_json_kv_str(&w, "to", names[e->to]);
			ag_json_kv_uint(&w, "calls", e->calls);
			ag_json_kv_uint(&w, "errors", e->errors);
			ag_json_kv_double(&w, "error_rate", (double)e->errors / (double)e->calls,
					  AG_JSON_SHORTEST);
			if (e->has_dur) {
				ag_json_kv_double(&w, "p50_ms", e->p50_ms, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "p99_ms", e->p99_ms, AG_JSON_SHORTEST);
			} else {
				ag_json_kv_null(&w, "p50_ms");
				ag_json_kv_null(&w, "p99_ms");
			}
			ag_json_kv_str(&w, "via", via_name(e->via));
			ag_json_kv_str(&w, "trace_id", e->trace_id);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_kv_uint(&w, "spans", m->spans);
		ag_json_kv_uint(&w, "traces", m->traces);
		ag_json_kv_uint(&w, "bytes", m->bytes);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(b, '\n');
	}
	if (m->nedges) {
		size_t wf = 6, wt = 6;
		for (size_t i = 0; i < m->nedges; i++) {
			size_t f = strlen(names[m->edges[i].from]), t = strlen(names[m->edges[i].to]);
			wf = f > wf ? (f < 40 ? f : 40) : wf;
			wt = t > wt ? (t < 40 ? t : 40) : wt;
		}
		ag_buf_printf(b, "%-*s  %-*s %8s %7s %6s %10s %10s  %s\n", (int)wf, "caller", (int)wt,
			      "callee", "calls", "errors", "error", "p50_ms", "p99_ms", "seen as");
		for (size_t i = 0; i < m->nedges; i++) {
			const struct ag_evm_edge *e = &m->edges[i];
			const char *f = names[e->from], *t = names[e->to];
			ag_ev_text_escaped(b, f, strlen(f));
			ag_buf_printf(b, "%*s  ", (int)(wf > strlen(f) ? wf - strlen(f) : 0), "");
			ag_ev_text_escaped(b, t, strlen(t));
			ag_buf_printf(b, "%*s %8llu %7llu %5.1f%%", (int)(wt > strlen(t) ? wt - strlen(t) : 0),
				      "", (unsigned long long)e->calls, (unsigned long long)e->errors,
				      100.0 * (double)e->errors / (double)e->calls);
			if (e->has_dur)
				ag_buf_printf(b, " %10.1f %10.1f", e->p50_ms, e->p99_ms);
			else
				ag_buf_printf(b, " %10s %10s", "-", "-");
			ag_buf_printf(b, "  %s\n", e->via == AG_EVM_SPAN ? "child span" : "peer name");
		}
		ag_buf_addc(b, '\n');
	}
	uint64_t calls = 0;
	for (size_t i = 0; i < m->nedges; i++)
		calls += m->edges[i].calls;
	ag_buf_printf(b, "%zu service%s, %llu call%s on %zu edge%s, from %llu span%s in %llu trace%s\n",
		    m->nservices, m->nservices == 1 ? "" : "s", (unsigned long long)calls,
		    calls == 1 ? "" : "s", m->nedges, m->nedges == 1 ? "" : "s",
		    (unsigned long long)m->spans, m->spans == 1 ? "" : "s",
		    (unsigned long long)m->traces, m->traces == 1 ? "" : "s");
	if (!m->nedges)
		ag_buf_adds(b, "no call between services: looked for spans whose parent span is of "
			       "another service, and client or producer spans naming peer.service, "
			       "server.address, net.peer.name or db.system\n");
	if (m->unnamed)
		ag_buf_printf(b, "%llu span%s without a service (service, service.name) left out\n",
			    (unsigned long long)m->unnamed, m->unnamed == 1 ? "" : "s");
	return ag_buf_err(b);
}
