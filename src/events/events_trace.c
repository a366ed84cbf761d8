/*
 * events_trace.c - trace assembly, critical paths and the slowest traces;
 * see events_trace.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/json.h"
#include "events_index.h"
#include "events_input.h"
#include "events_read.h"
#include "events_trace.h"

enum { F_TRACE, F_SPAN, F_PARENT, F_PARENT2, F_SERVICE, F_NAME, F_EVENT, F_DUR, F_END, F_N };

static const char *const names[F_N] = {"trace_id", "span_id", "parent_span_id", "parent_id",
				       "service", "name", "event", "duration_ms", "end"};

struct summ {
	struct ag_evt_summary s;
	uint64_t hash;
	int64_t end_ns;
	bool has_end;
	double max_dur;
};

struct tctx {
	struct ag_evq q;
	struct ag_ev_fields fs; /* q's fields + the container keys */
	int idx[F_N];
	struct ag_evr_keys keys;
	const char *want;
	size_t wantlen;
	bool summarize;
};

struct tworker {
	struct tctx *c;
	struct ag_evr_worker rd;
	struct ag_evq_scratch scr;
	struct ag_evt_span *spans;
	size_t n, cap;
	struct summ *sv;
	size_t ns, scap;
	uint32_t *slots;
	size_t mask;
};

static char *dup_val(const struct ag_ev_val *v, char *scratch)
{
	if (v->type == AG_EV_NONE || v->type == AG_EV_NULL)
		return NULL;
	const char *s = v->p;
	size_t n = v->n;
	if (v->type == AG_EV_STR)
		s = ag_ev_str(v, scratch, &n);
	char *o = malloc(n + 1);
	if (o) {
		memcpy(o, s, n);
		o[n] = '\0';
	}
	return o;
}

static void lower(char *s)
{
	for (; s && *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

static bool id_eq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

static uint64_t hash_id(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		h = (h ^ (unsigned char)c) * 1099511628211ull;
	}
	return h;
}

/* The span's facts from an event. */
static void facts(const struct tctx *c, const struct ag_ev_val *vals, struct ag_evq_scratch *scr,
		  int64_t *start, bool *has_start, double *dur, bool *has_dur, bool *err)
{
	*has_start = ag_evq_time(&c->q, vals, start);
	*has_dur = ag_ev_as_num(&vals[c->idx[F_DUR]], dur);
	int64_t end;
	if (!*has_dur && *has_start && ag_ev_time_ns(&vals[c->idx[F_END]], &end)) {
		*dur = (double)(end - *start) / 1e6;
		*has_dur = true;
	}
	*err = c->q.errors && ag_evq_match(c->q.errors, vals, scr);
}

static uint64_t summ_hash(const void *summs, size_t i)
{
	return ((const struct summ *)summs)[i].hash;
}

static int summarize(struct tworker *w, const struct ag_ev_val *vals, const char *id, size_t idn)
{
	const struct tctx *c = w->c;
	uint64_t h = hash_id(id, idn);
	struct summ *s = NULL;
	if (w->mask)
		for (size_t j = h & w->mask; w->slots[j]; j = (j + 1) & w->mask) {
			struct summ *x = &w->sv[w->slots[j] - 1];
			if (x->hash == h && id_eq(x->s.trace_id, strlen(x->s.trace_id), id, idn)) {
				s = x;
				break;
			}
		}
	if (!s) {
		if ((w->ns + 1) * 2 > (w->mask ? w->mask + 1 : 0) &&
		    ag_ev_slots_grow(&w->slots, &w->mask, 1024, w->sv, w->ns, summ_hash))
			return AG_ENOMEM;
		struct summ *nv = ag_array_grow(w->sv, &w->scap, w->ns + 1, sizeof(*nv), 256);
		if (!nv)
			return AG_ENOMEM;
		w->sv = nv;
		s = &w->sv[w->ns];
		memset(s, 0, sizeof(*s));
		s->hash = h;
		if (!(s->s.trace_id = malloc(idn + 1)))
			return AG_ENOMEM;
		memcpy(s->s.trace_id, id, idn);
		s->s.trace_id[idn] = '\0';
		lower(s->s.trace_id);
		ag_ev_slots_put(w->slots, w->mask, h, w->ns++);
	}
	int64_t start;
	bool has_start, has_dur, err;
	double dur;
	facts(c, vals, &w->scr, &start, &has_start, &dur, &has_dur, &err);
	s->s.spans++;
	s->s.errors += err;
	if (has_start && (!s->s.has_start || start < s->s.start_ns)) {
		s->s.start_ns = start;
		s->s.has_start = true;
	}
	if (has_start && has_dur) {
		int64_t end = start + (int64_t)(dur * 1e6);
		if (!s->has_end || end > s->end_ns) {
			s->end_ns = end;
			s->has_end = true;
		}
	}
	if (has_dur && dur > s->max_dur)
		s->max_dur = dur;
	bool root = vals[c->idx[F_PARENT]].type <= AG_EV_NULL &&
		    vals[c->idx[F_PARENT2]].type <= AG_EV_NULL;
	if ((root || (vals[c->idx[F_PARENT]].type == AG_EV_STR && !vals[c->idx[F_PARENT]].n)) &&
	    !s->s.root_name) {
		const struct ag_ev_val *nm = vals[c->idx[F_NAME]].type == AG_EV_STR
						     ? &vals[c->idx[F_NAME]] : &vals[c->idx[F_EVENT]];
		s->s.root_name = dup_val(nm, w->scr.p);
		s->s.root_service = dup_val(&vals[c->idx[F_SERVICE]], w->scr.p);
	}
	return 0;
}

static int on_span(struct tworker *w, const struct ag_ev_val *vals)
{
	const struct tctx *c = w->c;
	const struct ag_ev_val *tv = &vals[c->idx[F_TRACE]];
	if (tv->type != AG_EV_STR || vals[c->idx[F_SPAN]].type == AG_EV_NONE)
		return 0;
	size_t idn;
	const char *id = ag_ev_str(tv, w->scr.p + w->scr.cap / 2, &idn);
	if (!idn)
		return 0;
	if (c->summarize)
		return summarize(w, vals, id, idn);
	if (!id_eq(id, idn, c->want, c->wantlen))
		return 0;
	struct ag_evt_span *ns = ag_array_grow(w->spans, &w->cap, w->n + 1, sizeof(*ns), 64);
	if (!ns)
		return AG_ENOMEM;
	w->spans = ns;
	struct ag_evt_span *s = &w->spans[w->n++];
	memset(s, 0, sizeof(*s));
	facts(c, vals, &w->scr, &s->start_ns, &s->has_start, &s->dur_ms, &s->has_dur, &s->error);
	s->span_id = dup_val(&vals[c->idx[F_SPAN]], w->scr.p);
	const struct ag_ev_val *pv = vals[c->idx[F_PARENT]].type > AG_EV_NULL
					     ? &vals[c->idx[F_PARENT]] : &vals[c->idx[F_PARENT2]];
	s->parent_id = dup_val(pv, w->scr.p);
	if (s->parent_id && !*s->parent_id) {
		free(s->parent_id);
		s->parent_id = NULL;
	}
	s->service = dup_val(&vals[c->idx[F_SERVICE]], w->scr.p);
	s->name = dup_val(vals[c->idx[F_NAME]].type == AG_EV_STR ? &vals[c->idx[F_NAME]]
								  : &vals[c->idx[F_EVENT]],
			  w->scr.p);
	lower(s->span_id);
	lower(s->parent_id);
	if (!s->span_id)
		return AG_ENOMEM;
	return 0;
}

static int on_record(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		     const char *text, size_t n)
{
	(void)text;
	(void)n;
	if (rec->kind == AG_EVR_LOG || rec->kind == AG_EVR_METRIC)
		return 0; /* events, not spans */
	return on_span(ctx, vals);
}

static int trace_chunk(void *arg, struct ag_ev_chunk *ch)
{
	struct tworker *w = arg;
	int rc = ag_evq_scratch_fit(&w->scr, ch->n);
	struct ag_evr_sink sink = {on_record, NULL, w, false};
	if (!rc)
		rc = ag_evr_chunk(&w->rd, ch->p, ch->n, ch->doc, &sink, &ch->nlines);
	return rc;
}

static void free_span(struct ag_evt_span *s)
{
	free(s->span_id);
	free(s->parent_id);
	free(s->service);
	free(s->name);
	free(s->kids);
}

static int setup(struct tctx *c, const struct ag_evt_opts *o, struct ag_diags *d)
{
	memset(c, 0, sizeof(*c));
	ag_evq_init(&c->q);
	for (int i = 0; i < F_N; i++) {
		c->idx[i] = ag_ev_fields_add(&c->q.fields, names[i], strlen(names[i]));
		if (c->idx[i] < 0)
			return c->idx[i];
	}
	int rc = ag_evq_set_errors(&c->q, o->errors ? o->errors : AG_EVQ_DEFAULT_ERRORS, d);
	if (rc)
		return rc;
	static const char *const tf[] = {"start", "start_time", "timestamp", "ts", "time",
					 "@timestamp"};
	if (o->time_field)
		rc = ag_evq_set_time_fields(&c->q, &o->time_field, 1);
	else
		rc = ag_evq_set_time_fields(&c->q, tf, sizeof(tf) / sizeof(tf[0]));
	if (rc)
		return rc;
	c->fs = c->q.fields;
	return ag_evr_keys_add(&c->fs, &c->keys);
}

static int run(struct tctx *c, const char *const *paths, size_t npaths,
	       const struct ag_evt_opts *o, struct tworker **wsp, unsigned *ntp,
	       struct ag_diags *d)
{
	unsigned nt = ag_ev_threads(o->threads);
	struct tworker *ws = calloc(nt, sizeof(*ws));
	void **wp = calloc(nt, sizeof(*wp));
	if (!ws || !wp) {
		free(ws);
		free(wp);
		return AG_ENOMEM;
	}
	int rc = 0;
	for (unsigned t = 0; t < nt; t++) {
		ws[t].c = c;
		ag_evr_worker_init(&ws[t].rd, &c->fs, &c->keys);
		wp[t] = &ws[t];
		if (ag_evq_scratch_fit(&ws[t].scr, 4096))
			rc = AG_ENOMEM;
	}
	struct ag_ev_run_opts ro = {nt, 0, trace_chunk, wp, NULL, o->ctx, o->progress};
	struct ag_ev_run_stats st;
	if (!rc)
		rc = ag_ev_run(paths, npaths, &ro, &st, d);
	free(wp);
	*wsp = ws;
	*ntp = nt;
	return rc;
}

static void workers_free(struct tworker *ws, unsigned nt)
{
	for (unsigned t = 0; t < nt; t++) {
		for (size_t i = 0; i < ws[t].n; i++)
			free_span(&ws[t].spans[i]);
		free(ws[t].spans);
		for (size_t i = 0; i < ws[t].ns; i++) {
			free(ws[t].sv[i].s.trace_id);
			free(ws[t].sv[i].s.root_name);
			free(ws[t].sv[i].s.root_service);
		}
		free(ws[t].sv);
		free(ws[t].slots);
		ag_evr_worker_release(&ws[t].rd);
		ag_evq_scratch_release(&ws[t].scr);
	}
	free(ws);
}

int ag_evt_collect(const char *const *paths, size_t npaths, const char *id,
		   const struct ag_evt_opts *o, struct ag_evt_trace *t, struct ag_diags *d)
{
	memset(t, 0, sizeof(*t));
	struct tctx c;
	int rc = setup(&c, o, d);
	if (rc) {
		ag_evq_release(&c.q);
		return rc;
	}
	c.want = id;
	c.wantlen = strlen(id);
	struct tworker *ws = NULL;
	unsigned nt = 0;
	rc = run(&c, paths, npaths, o, &ws, &nt, d);
	size_t total = 0;
	for (unsigned i = 0; ws && i < nt; i++)
		total += ws[i].n;
	t->id = strdup(id);
	t->spans = calloc(total ? total : 1, sizeof(*t->spans));
	if (!t->id || !t->spans) {
		rc = rc ? rc : AG_ENOMEM;
	} else {
		lower(t->id);
		for (unsigned i = 0; i < nt; i++) {
			if (ws[i].n)
				memcpy(t->spans + t->n, ws[i].spans, ws[i].n * sizeof(*t->spans));
			t->n += ws[i].n;
			ws[i].n = 0;
		}
	}
	if (ws)
		workers_free(ws, nt);
	ag_evq_release(&c.q);
	if (!rc || rc == AG_EIO) {
		int brc = ag_evt_build(t);
		if (brc)
			rc = brc;
	}
	return rc;
}

void ag_evt_trace_release(struct ag_evt_trace *t)
{
	for (size_t i = 0; i < t->n; i++)
		free_span(&t->spans[i]);
	free(t->spans);
	free(t->roots);
	free(t->path);
	free(t->id);
	memset(t, 0, sizeof(*t));
}

/* ---- the tree --------------------------------------------------------------------- */

static int cmp_start(const void *a, const void *b)
{
	const struct ag_evt_span *x = a, *y = b;
	if (x->has_start != y->has_start)
		return x->has_start ? -1 : 1;
	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	return strcmp(x->span_id, y->span_id);
}

static double end_ms(const struct ag_evt_trace *t, const struct ag_evt_span *s)
{
	return (double)(s->start_ns - t->t0) / 1e6 + (s->has_dur ? s->dur_ms : 0);
}

static double start_ms(const struct ag_evt_trace *t, const struct ag_evt_span *s)
{
	return (double)(s->start_ns - t->t0) / 1e6;
}

/* Marks the critical path under span i, which counts until `limit`. */
static void critical(struct ag_evt_trace *t, size_t i, double limit, int depth)
{
	struct ag_evt_span *s = &t->spans[i];
	s->critical = true;
	t->path[t->npath++] = i;
	double cur = end_ms(t, s) < limit ? end_ms(t, s) : limit;
	double self = 0;
	/* children by end, latest first: pick the latest that ends before cur */
	for (;;) {
		size_t best = (size_t)-1;
		double best_end = -INFINITY;
		for (size_t k = 0; k < s->nkids; k++) {
			struct ag_evt_span *c = &t->spans[s->kids[k]];
			if (c->critical || start_ms(t, c) >= cur)
				continue;
			double e = end_ms(t, c) < cur ? end_ms(t, c) : cur;
			if (e > best_end) {
				best_end = e;
				best = s->kids[k];
			}
		}
		if (best == (size_t)-1 || depth > 1000)
			break;
		self += cur - best_end;
		critical(t, best, best_end, depth + 1);
		cur = start_ms(t, &t->spans[best]);
	}
	double st = start_ms(t, s);
	if (cur > st)
		self += cur - st;
	s->self_ms = self;
}

static void set_depth(struct ag_evt_trace *t, size_t i, int depth)
{
	if (depth > 1000)
		return;
	t->spans[i].depth = depth;
	for (size_t k = 0; k < t->spans[i].nkids; k++)
		set_depth(t, t->spans[i].kids[k], depth + 1);
}

int ag_evt_build(struct ag_evt_trace *t)
{
	if (!t->n)
		return 0;
	qsort(t->spans, t->n, sizeof(*t->spans), cmp_start);
	/* a span id seen twice (a retry logged again): keep both, link to the first */
	t->t0 = INT64_MAX;
	for (size_t i = 0; i < t->n; i++) {
		if (t->spans[i].has_start && t->spans[i].start_ns < t->t0)
			t->t0 = t->spans[i].start_ns;
	}
	if (t->t0 == INT64_MAX)
		t->t0 = 0;
	for (size_t i = 0; i < t->n; i++)
		if (!t->spans[i].has_start)
			t->spans[i].start_ns = t->t0;
	size_t *nk = calloc(t->n, sizeof(*nk));
	t->roots = calloc(t->n, sizeof(*t->roots));
	t->path = calloc(t->n, sizeof(*t->path));
	if (!nk || !t->roots || !t->path) {
		free(nk);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < t->n; i++) {
		struct ag_evt_span *s = &t->spans[i];
		s->parent = (size_t)-1;
		if (s->parent_id)
			for (size_t k = 0; k < t->n; k++)
				if (k != i && !strcmp(t->spans[k].span_id, s->parent_id)) {
					s->parent = k;
					break;
				}
		/* a cycle (a span its own ancestor) makes it a root */
		size_t hops = 0;
		for (size_t p = s->parent; p != (size_t)-1 && hops <= t->n; p = t->spans[p].parent)
			hops++;
		if (hops > t->n)
			s->parent = (size_t)-1;
		if (s->parent == (size_t)-1)
			t->roots[t->nroots++] = i;
		else
			nk[s->parent]++;
		t->errors += s->error;
	}
	for (size_t i = 0; i < t->n; i++)
		if (nk[i] && !(t->spans[i].kids = calloc(nk[i], sizeof(size_t)))) {
			free(nk);
			return AG_ENOMEM;
		}
	for (size_t i = 0; i < t->n; i++) {
		size_t p = t->spans[i].parent;
		if (p != (size_t)-1)
			t->spans[p].kids[t->spans[p].nkids++] = i;
	}
	free(nk);
	double last = 0;
	for (size_t i = 0; i < t->n; i++)
		if (end_ms(t, &t->spans[i]) > last)
			last = end_ms(t, &t->spans[i]);
	t->dur_ms = last;
	for (size_t r = 0; r < t->nroots; r++)
		set_depth(t, t->roots[r], 0);
	/* the critical path starts at the root that ends last */
	size_t best = (size_t)-1;
	for (size_t r = 0; r < t->nroots; r++)
		if (best == (size_t)-1 || end_ms(t, &t->spans[t->roots[r]]) > end_ms(t, &t->spans[best]))
			best = t->roots[r];
	if (best != (size_t)-1)
		critical(t, best, INFINITY, 0);
	return 0;
}

static void tree_lines(struct ag_buf *b, const struct ag_evt_trace *t, size_t i, char *prefix,
		       size_t plen, bool last, bool top)
{
	const struct ag_evt_span *s = &t->spans[i];
	char when[64];
	snprintf(when, sizeof(when), "%10.3f", start_ms(t, s));
	ag_buf_printf(b, "%s ms ", when);
	if (s->has_dur)
		ag_buf_printf(b, "%10.3f ms ", s->dur_ms);
	else
		ag_buf_printf(b, "%10s    ", "?");
	ag_buf_adds(b, s->critical ? "* " : "  ");
	ag_buf_add(b, prefix, plen);
	if (!top)
		ag_buf_adds(b, last ? "`- " : "|- ");
	ag_buf_printf(b, "%s: %s", s->service ? s->service : "?", s->name ? s->name : "?");
	if (s->error)
		ag_buf_adds(b, "  [error]");
	if (s->parent_id && s->parent == (size_t)-1)
		ag_buf_printf(b, "  (parent %s not found)", s->parent_id);
	ag_buf_addc(b, '\n');
	if (plen + 4 >= 4000)
		return;
	size_t np = plen;
	if (!top) {
		memcpy(prefix + plen, last ? "   " : "|  ", 3);
		np += 3;
	}
	for (size_t k = 0; k < s->nkids; k++)
		tree_lines(b, t, s->kids[k], prefix, np, k + 1 == s->nkids, false);
}

int ag_evt_render(struct ag_buf *b, const struct ag_evt_trace *t, bool json)
{
	if (json) {
		struct ag_json w;
		ag_json_init(&w, b, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "trace_id", t->id);
		ag_json_kv_uint(&w, "spans", t->n);
		ag_json_kv_uint(&w, "errors", t->errors);
		ag_json_kv_double(&w, "duration_ms", t->dur_ms, AG_JSON_SHORTEST);
		if (t->n) {
			char ts[40];
			ag_ev_format_time(t->t0, ts);
			ag_json_kv_str(&w, "start", ts);
		}
		ag_json_key(&w, "tree");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < t->n; i++) {
			const struct ag_evt_span *s = &t->spans[i];
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "span_id", s->span_id);
			ag_json_kv_str(&w, "parent_span_id", s->parent_id);
			ag_json_kv_str(&w, "service", s->service);
			ag_json_kv_str(&w, "name", s->name);
			ag_json_kv_int(&w, "depth", s->depth);
			ag_json_kv_double(&w, "start_ms", start_ms(t, s), AG_JSON_SHORTEST);
			ag_json_kv_double(&w, "duration_ms", s->has_dur ? s->dur_ms : NAN,
					  AG_JSON_SHORTEST);
			ag_json_kv_bool(&w, "error", s->error);
			ag_json_kv_bool(&w, "critical", s->critical);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_key(&w, "critical_path");
		ag_json_begin_array(&w);
		for (size_t k = 0; k < t->npath; k++) {
			const struct ag_evt_span *s = &t->spans[t->path[k]];
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "span_id", s->span_id);
			ag_json_kv_double(&w, "self_ms", s->self_ms, AG_JSON_SHORTEST);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(b, '\n');
	}
	size_t nsvc = 0;
	for (size_t i = 0; i < t->n; i++) {
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = t->spans[k].service && t->spans[i].service &&
			       !strcmp(t->spans[k].service, t->spans[i].service);
		nsvc += !seen && t->spans[i].service;
	}
	ag_buf_printf(b, "trace %s: %zu span%s, %zu service%s, %.3f ms", t->id, t->n,
		      t->n == 1 ? "" : "s", nsvc, nsvc == 1 ? "" : "s", t->dur_ms);
	if (t->errors)
		ag_buf_printf(b, ", %llu error%s", (unsigned long long)t->errors,
			      t->errors == 1 ? "" : "s");
	if (t->n) {
		char ts[40];
		ag_ev_format_time(t->t0, ts);
		ag_buf_printf(b, ", from %s", ts);
	}
	ag_buf_adds(b, "\n\n     start     duration    span (* critical path)\n");
	char prefix[4096];
	for (size_t r = 0; r < t->nroots; r++)
		tree_lines(b, t, t->roots[r], prefix, 0, true, true);
	if (t->npath) {
		ag_buf_adds(b, "\ncritical path (self time):\n");
		for (size_t k = 0; k < t->npath; k++) {
			const struct ag_evt_span *s = &t->spans[t->path[k]];
			ag_buf_printf(b, "  %10.3f ms  %s: %s\n", s->self_ms,
				      s->service ? s->service : "?", s->name ? s->name : "?");
		}
	}
	return ag_buf_err(b);
}

/* ---- the slowest traces --------------------------------------------------------------- */

static double summ_dur(const struct summ *s)
{
	if (s->has_end && s->s.has_start)
		return (double)(s->end_ns - s->s.start_ns) / 1e6;
	return s->max_dur;
}

static int cmp_summ(const void *a, const void *b)
{
	const struct ag_evt_summary *x = a, *y = b;
	if (x->dur_ms != y->dur_ms)
		return x->dur_ms > y->dur_ms ? -1 : 1;
	return strcmp(x->trace_id, y->trace_id);
}

int ag_evt_slowest(const char *const *paths, size_t npaths, size_t top,
		   const struct ag_evt_opts *o, struct ag_evt_summary **out, size_t *nout,
		   uint64_t *ntraces, struct ag_diags *d)
{
	*out = NULL;
	*nout = 0;
	*ntraces = 0;
	struct tctx c;
	int rc = setup(&c, o, d);
	if (rc) {
		ag_evq_release(&c.q);
		return rc;
	}
	c.summarize = true;
	struct tworker *ws = NULL;
	unsigned nt = 0;
	rc = run(&c, paths, npaths, o, &ws, &nt, d);
	/* merge into worker 0 */
	struct tworker *m = ws ? &ws[0] : NULL;
	for (unsigned t = 1; m && t < nt && (!rc || rc == AG_EIO); t++) {
		for (size_t i = 0; i < ws[t].ns; i++) {
			struct summ *s = &ws[t].sv[i];
			struct summ *x = NULL;
			if (m->mask)
				for (size_t j = s->hash & m->mask; m->slots[j]; j = (j + 1) & m->mask)
					if (m->sv[m->slots[j] - 1].hash == s->hash &&
					    !strcmp(m->sv[m->slots[j] - 1].s.trace_id, s->s.trace_id)) {
						x = &m->sv[m->slots[j] - 1];
						break;
					}
			if (!x) {
				/* move it over: re-insert through the table */
				if ((m->ns + 1) * 2 > (m->mask ? m->mask + 1 : 0) &&
				    ag_ev_slots_grow(&m->slots, &m->mask, 1024, m->sv, m->ns,
						     summ_hash)) {
					rc = AG_ENOMEM;
					break;
				}
				struct summ *nv = ag_array_grow(m->sv, &m->scap, m->ns + 1,
								sizeof(*nv), 256);
				if (!nv) {
					rc = AG_ENOMEM;
					break;
				}
				m->sv = nv;
				m->sv[m->ns] = *s;
				memset(s, 0, sizeof(*s));
				ag_ev_slots_put(m->slots, m->mask, m->sv[m->ns].hash, m->ns);
				m->ns++;
				continue;
			}
			x->s.spans += s->s.spans;
			x->s.errors += s->s.errors;
			if (s->s.has_start && (!x->s.has_start || s->s.start_ns < x->s.start_ns)) {
				x->s.start_ns = s->s.start_ns;
				x->s.has_start = true;
			}
			if (s->has_end && (!x->has_end || s->end_ns > x->end_ns)) {
				x->end_ns = s->end_ns;
				x->has_end = true;
			}
			if (s->max_dur > x->max_dur)
				x->max_dur = s->max_dur;
			if (!x->s.root_name && s->s.root_name) {
				x->s.root_name = s->s.root_name;
				x->s.root_service = s->s.root_service;
				s->s.root_name = s->s.root_service = NULL;
			}
		}
	}
	if (m && (!rc || rc == AG_EIO)) {
		*ntraces = m->ns;
		struct ag_evt_summary *all = calloc(m->ns ? m->ns : 1, sizeof(*all));
		if (!all) {
			rc = AG_ENOMEM;
		} else {
			for (size_t i = 0; i < m->ns; i++) {
				all[i] = m->sv[i].s;
				all[i].dur_ms = summ_dur(&m->sv[i]);
				memset(&m->sv[i].s, 0, sizeof(m->sv[i].s));
			}
			qsort(all, m->ns, sizeof(*all), cmp_summ);
			size_t keep = top < m->ns ? top : m->ns;
			for (size_t i = keep; i < m->ns; i++) {
				free(all[i].trace_id);
				free(all[i].root_name);
				free(all[i].root_service);
			}
			*out = all;
			*nout = keep;
		}
	}
	if (ws)
		workers_free(ws, nt);
	ag_evq_release(&c.q);
	return rc;
}

void ag_evt_summaries_free(struct ag_evt_summary *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].trace_id);
		free(s[i].root_name);
		free(s[i].root_service);
	}
	free(s);
}
