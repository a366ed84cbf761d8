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
#include "events_report.h"
#include "events_trace.h"

enum { F_TRACE, F_SPAN, F_PARENT, F_PARENT2, F_SERVICE, F_NAME, F_EVENT, F_DUR, F_END, F_KIND,
       F_SEV, F_BODY, F_TIME, F_PEER, F_SRVADDR, F_NETPEER, F_DBSYS, F_N };

static const char *const names[F_N] = {"trace_id", "span_id", "parent_span_id", "parent_id",
				       "service", "name", "event", "duration_ms", "end", "kind",
				       "severity", "body", "timestamp", "peer.service",
				       "server.address", "net.peer.name", "db.system"};

struct summ {
	struct ag_evt_summary s;
	uint64_t *svc;          /* hashes of the services seen (a small set) */
	uint32_t nsvc, capsvc;
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
	bool compact;   /* every span, as struct ag_evt_cspan */
};

struct tworker {
	struct tctx *c;
	struct ag_evr_worker rd;
	struct ag_evq_scratch scr;
	struct ag_evt_span *spans;
	size_t n, cap;
	struct ag_evt_log *logs;
	size_t nlogs, caplogs;
	uint64_t seq;   /* the chunk in progress: spans' input order */
	size_t inchunk;
	struct summ *sv;
	size_t ns, scap;
	uint32_t *slots;
	size_t mask;
	struct ag_evt_cspans cs;
};

/* A value's text: a string decoded (into scratch), anything else as
 * written; NULL when absent or null. */
static const char *val_text(const struct ag_ev_val *v, char *scratch, size_t *n)
{
	if (v->type == AG_EV_NONE || v->type == AG_EV_NULL)
		return NULL;
	if (v->type == AG_EV_STR)
		return ag_ev_str(v, scratch, n);
	*n = v->n;
	return v->p;
}

static char *dup_val(const struct ag_ev_val *v, char *scratch)
{
	size_t n;
	const char *s = val_text(v, scratch, &n);
	if (!s)
		return NULL;
	char *o = malloc(n + 1);
	if (o) {
		memcpy(o, s, n);
		o[n] = '\0';
	}
	return o;
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))
			return false;
	}
	return true;
}

/* Hex ids lowercased (hex compares without regard to case); any other id,
 * such as base64, is kept as it is: ids that differ in case differ. */
static void lower(char *s)
{
	if (!s || !all_hex(s, strlen(s)))
		return;
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

static bool id_eq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	if (!all_hex(a, an) || !all_hex(b, bn))
		return !memcmp(a, b, an);
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
static void facts(const struct tctx *c, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		  struct ag_evq_scratch *scr,
		  int64_t *start, bool *has_start, double *dur, bool *has_dur, bool *err)
{
	if (rec->kind == AG_EVR_SPAN && rec->has_start) {
		/* a reader's span: its times are nanoseconds, however small */
		*start = (int64_t)rec->start;
		*has_start = true;
		*has_dur = rec->has_end;
		*dur = rec->end >= rec->start ? (double)(rec->end - rec->start) / 1e6
					      : -((double)(rec->start - rec->end) / 1e6);
		*err = c->q.errors && ag_evq_is_error(&c->q, vals, scr);
		return;
	}
	*has_start = ag_evq_time(&c->q, vals, start);
	*has_dur = ag_ev_as_num(&vals[c->idx[F_DUR]], dur);
	int64_t end;
	if (!*has_dur && *has_start && ag_ev_time_ns(&vals[c->idx[F_END]], &end)) {
		*dur = (double)(end - *start) / 1e6;
		*has_dur = true;
	}
	*err = c->q.errors && ag_evq_is_error(&c->q, vals, scr);
}

static uint64_t summ_hash(const void *summs, size_t i)
{
	return ((const struct summ *)summs)[i].hash;
}

static int add_svc(struct summ *s, uint64_t h)
{
	for (uint32_t i = 0; i < s->nsvc; i++)
		if (s->svc[i] == h)
			return 0;
	if (s->nsvc == s->capsvc) {
		uint32_t cap = s->capsvc ? s->capsvc * 2 : 4;
		uint64_t *n = realloc(s->svc, cap * sizeof(*n));
		if (!n)
			return AG_ENOMEM;
		s->svc = n;
		s->capsvc = cap;
	}
	s->svc[s->nsvc++] = h;
	return 0;
}

static int summarize(struct tworker *w, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		     const char *id, size_t idn)
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
	facts(c, vals, rec, &w->scr, &start, &has_start, &dur, &has_dur, &err);
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
	const struct ag_ev_val *sv = &vals[c->idx[F_SERVICE]];
	if (sv->type == AG_EV_STR && add_svc(s, hash_id(sv->p, sv->n)))
		return AG_ENOMEM;
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

/* SpanKind from a number or a word ("server", "SPAN_KIND_CLIENT"). */
static int kind_of(const struct ag_ev_val *v)
{
	if (v->type == AG_EV_NUM)
		return v->num >= 0 && v->num <= 5 ? (int)v->num : -1;
	if (v->type != AG_EV_STR || v->esc)
		return -1;
	static const char *const w[] = {"unspecified", "internal", "server", "client", "producer",
					"consumer"};
	size_t off = v->n > 10 && !memcmp(v->p, "SPAN_KIND_", 10) ? 10 : 0;
	for (int i = 1; i < 6; i++) {
		size_t n = strlen(w[i]);
		if (v->n - off != n)
			continue;
		size_t k = 0;
		while (k < n && (v->p[off + k] | 0x20) == w[i][k])
			k++;
		if (k == n)
			return i;
	}
	return -1;
}

/* A log record of the wanted trace: kept to be shown under its span. */
static int on_log(struct tworker *w, const struct ag_ev_val *vals)
{
	const struct tctx *c = w->c;
	const struct ag_ev_val *tv = &vals[c->idx[F_TRACE]];
	if (c->summarize || tv->type != AG_EV_STR)
		return 0;
	size_t idn;
	const char *id = ag_ev_str(tv, w->scr.p + w->scr.cap / 2, &idn);
	if (!id_eq(id, idn, c->want, c->wantlen))
		return 0;
	struct ag_evt_log *nl = ag_array_grow(w->logs, &w->caplogs, w->nlogs + 1, sizeof(*nl), 16);
	if (!nl)
		return AG_ENOMEM;
	w->logs = nl;
	struct ag_evt_log *l = &w->logs[w->nlogs++];
	memset(l, 0, sizeof(*l));
	l->span_id = dup_val(&vals[c->idx[F_SPAN]], w->scr.p);
	if (l->span_id && !*l->span_id) {
		free(l->span_id);
		l->span_id = NULL;
	}
	lower(l->span_id);
	char *sev = dup_val(&vals[c->idx[F_SEV]], w->scr.p);
	const struct ag_ev_val *bv = vals[c->idx[F_BODY]].type != AG_EV_NONE ? &vals[c->idx[F_BODY]]
									 : &vals[c->idx[F_EVENT]];
	char *body = dup_val(bv, w->scr.p);
	size_t n = (sev ? strlen(sev) + 2 : 0) + (body ? strlen(body) : 0) + 1;
	l->text = malloc(n);
	if (l->text)
		snprintf(l->text, n, "%s%s%s", sev ? sev : "", sev ? ": " : "", body ? body : "");
	free(sev);
	free(body);
	l->has_time = ag_ev_time_ns(&vals[c->idx[F_TIME]], &l->time_ns);
	return l->text ? 0 : AG_ENOMEM;
}

/* An id's hash: hex ids without regard to case (as id_eq compares them),
 * any other id byte by byte. */
static uint64_t exact_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ 0x5bd1e995u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint64_t id_hash(const char *s, size_t n)
{
	return all_hex(s, n) ? hash_id(s, n) : exact_hash(s, n);
}

static int name_of(struct tworker *w, const struct ag_ev_val *v, uint32_t *out)
{
	size_t n;
	const char *s = v->type == AG_EV_STR ? val_text(v, w->scr.p, &n) : NULL;
	*out = AG_EVT_NONE;
	if (!s || !n)
		return 0;
	return ag_ev_strtab_add(&w->cs.names, s, n, exact_hash(s, n), out);
}

static int compact_span(struct tworker *w, const struct ag_ev_val *vals,
			const struct ag_evr_rec *rec, const char *id, size_t idn)
{
	const struct tctx *c = w->c;
	struct ag_evt_cspans *o = &w->cs;
	struct ag_evt_cspan *nv = ag_array_grow(o->v, &o->cap, o->n + 1, sizeof(*nv), 256);
	if (!nv)
		return AG_ENOMEM;
	o->v = nv;
	struct ag_evt_cspan *s = &o->v[o->n];
	memset(s, 0, sizeof(*s));
	s->trace = id_hash(id, idn);
	int rc = ag_ev_strtab_add(&o->tids, id, idn, s->trace, &s->tid);
	size_t n;
	const char *t = val_text(&vals[c->idx[F_SPAN]], w->scr.p, &n);
	if (!rc && t)
		s->span = id_hash(t, n);
	const struct ag_ev_val *pv = vals[c->idx[F_PARENT]].type > AG_EV_NULL
					     ? &vals[c->idx[F_PARENT]] : &vals[c->idx[F_PARENT2]];
	if ((t = val_text(pv, w->scr.p, &n)) && n) {
		s->parent = id_hash(t, n);
		s->has_parent = true;
	}
	int64_t start;
	bool has_start, has_dur, err;
	double dur;
	facts(c, vals, rec, &w->scr, &start, &has_start, &dur, &has_dur, &err);
	s->dur_ms = (float)dur;
	s->has_dur = has_dur;
	s->err = err;
	s->kind = (int8_t)kind_of(&vals[c->idx[F_KIND]]);
	if (!rc)
		rc = name_of(w, &vals[c->idx[F_SERVICE]], &s->svc);
	s->peer = AG_EVT_NONE;
	static const int peers[] = {F_PEER, F_SRVADDR, F_NETPEER, F_DBSYS};
	for (size_t i = 0; !rc && s->peer == AG_EVT_NONE && i < sizeof(peers) / sizeof(*peers); i++)
		rc = name_of(w, &vals[c->idx[peers[i]]], &s->peer);
	if (!rc)
		o->n++;
	return rc;
}

static int on_span(struct tworker *w, const struct ag_ev_val *vals, const struct ag_evr_rec *rec)
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
		return summarize(w, vals, rec, id, idn);
	if (c->compact)
		return compact_span(w, vals, rec, id, idn);
	if (!id_eq(id, idn, c->want, c->wantlen))
		return 0;
	struct ag_evt_span *ns = ag_array_grow(w->spans, &w->cap, w->n + 1, sizeof(*ns), 64);
	if (!ns)
		return AG_ENOMEM;
	w->spans = ns;
	struct ag_evt_span *s = &w->spans[w->n++];
	memset(s, 0, sizeof(*s));
	facts(c, vals, rec, &w->scr, &s->start_ns, &s->has_start, &s->dur_ms, &s->has_dur,
	      &s->error);
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
	s->ord = (size_t)(w->seq << 24 | w->inchunk++);
	s->kind = kind_of(&vals[c->idx[F_KIND]]);
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
	if (rec->kind == AG_EVR_LOG)
		return on_log(ctx, vals); /* an event, not a span: shown under its span */
	if (rec->kind == AG_EVR_METRIC)
		return 0;
	return on_span(ctx, vals, rec);
}

static int trace_chunk(void *arg, struct ag_ev_chunk *ch)
{
	struct tworker *w = arg;
	w->seq = ch->seq;
	w->inchunk = 0;
	int rc = ag_evq_scratch_fit(&w->scr, ch->n);
	struct ag_evr_sink sink = {on_record, NULL, w, false};
	w->rd.mapped = ch->mapped;
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
	       const struct ag_evt_opts *o, struct tworker **wsp, unsigned *ntp, uint64_t *bytes,
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
	struct ag_ev_run_stats st = {0};
	if (!rc)
		rc = ag_ev_run(paths, npaths, &ro, &st, d);
	*bytes = st.bytes;
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
		for (size_t i = 0; i < ws[t].nlogs; i++) {
			free(ws[t].logs[i].span_id);
			free(ws[t].logs[i].text);
		}
		free(ws[t].logs);
		for (size_t i = 0; i < ws[t].ns; i++) {
			free(ws[t].sv[i].s.trace_id);
			free(ws[t].sv[i].s.root_name);
			free(ws[t].sv[i].s.root_service);
		}
		for (size_t i = 0; i < ws[t].ns; i++)
			free(ws[t].sv[i].svc);
		free(ws[t].sv);
		free(ws[t].slots);
		ag_evt_cspans_release(&ws[t].cs);
		ag_evr_worker_release(&ws[t].rd);
		ag_evq_scratch_release(&ws[t].scr);
	}
	free(ws);
}

static int cmp_log(const void *a, const void *b)
{
	const struct ag_evt_log *x = a, *y = b;
	if (x->has_time != y->has_time)
		return x->has_time ? -1 : 1;
	return x->time_ns < y->time_ns ? -1 : x->time_ns > y->time_ns;
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
	rc = run(&c, paths, npaths, o, &ws, &nt, &t->bytes, d);
	size_t total = 0, nlogs = 0;
	for (unsigned i = 0; ws && i < nt; i++)
		nlogs += ws[i].nlogs;
	if (nlogs && (t->logs = calloc(nlogs, sizeof(*t->logs)))) {
		for (unsigned i = 0; i < nt; i++) {
			if (ws[i].nlogs)
				memcpy(t->logs + t->nlogs, ws[i].logs, ws[i].nlogs * sizeof(*t->logs));
			t->nlogs += ws[i].nlogs;
			ws[i].nlogs = 0;
		}
		qsort(t->logs, t->nlogs, sizeof(*t->logs), cmp_log);
	} else if (nlogs) {
		rc = AG_ENOMEM;
	}
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

void ag_evt_cspans_release(struct ag_evt_cspans *c)
{
	free(c->v);
	ag_ev_strtab_release(&c->names);
	ag_ev_strtab_release(&c->tids);
	memset(c, 0, sizeof(*c));
}

/* One worker's spans into `out`, their names and trace ids renumbered. */
static int compact_merge(struct ag_evt_cspans *out, const struct ag_evt_cspans *w)
{
	uint32_t *nm = calloc(w->names.n + 1, sizeof(*nm)), *tm = calloc(w->tids.n + 1, sizeof(*tm));
	int rc = nm && tm ? 0 : AG_ENOMEM;
	for (size_t i = 0; !rc && i < w->names.n; i++)
		rc = ag_ev_strtab_add(&out->names, w->names.s[i], strlen(w->names.s[i]),
				      w->names.h[i], &nm[i]);
	for (size_t i = 0; !rc && i < w->tids.n; i++)
		rc = ag_ev_strtab_add(&out->tids, w->tids.s[i], strlen(w->tids.s[i]), w->tids.h[i],
				      &tm[i]);
	struct ag_evt_cspan *nv = rc ? NULL
				     : ag_array_grow(out->v, &out->cap, out->n + w->n + 1,
						     sizeof(*nv), 256);
	if (!rc && !nv)
		rc = AG_ENOMEM;
	if (!rc) {
		out->v = nv;
		for (size_t i = 0; i < w->n; i++) {
			struct ag_evt_cspan s = w->v[i];
			s.svc = s.svc == AG_EVT_NONE ? AG_EVT_NONE : nm[s.svc];
			s.peer = s.peer == AG_EVT_NONE ? AG_EVT_NONE : nm[s.peer];
			s.tid = tm[s.tid];
			out->v[out->n++] = s;
		}
	}
	free(nm);
	free(tm);
	return rc;
}

int ag_evt_compact(const char *const *paths, size_t npaths, const struct ag_evt_opts *o,
		   struct ag_evt_cspans *out, struct ag_diags *d)
{
	memset(out, 0, sizeof(*out));
	struct tctx c;
	int rc = setup(&c, o, d);
	if (rc) {
		ag_evq_release(&c.q);
		return rc;
	}
	c.compact = true;
	struct tworker *ws = NULL;
	unsigned nt = 0;
	rc = run(&c, paths, npaths, o, &ws, &nt, &out->bytes, d);
	for (unsigned t = 0; ws && t < nt && (!rc || rc == AG_EIO); t++) {
		int mrc = compact_merge(out, &ws[t].cs);
		if (mrc)
			rc = mrc;
	}
	if (ws)
		workers_free(ws, nt);
	ag_evq_release(&c.q);
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
	free(t->kids);
	for (size_t i = 0; i < t->nlogs; i++) {
		free(t->logs[i].span_id);
		free(t->logs[i].text);
	}
	free(t->logs);
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
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static int64_t end_ns(const struct ag_evt_span *s)
{
	return s->start_ns + (s->has_dur ? (int64_t)llround(s->dur_ms * 1e6) : 0);
}

static double start_ms(const struct ag_evt_trace *t, const struct ag_evt_span *s)
{
	return (double)(s->start_ns - t->t0) / 1e6;
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 29);
}

struct idx {
	size_t *slot; /* span index + 1 */
	size_t mask;
};

/* The first span with this id (preferring one that is not a client half,
 * as Zipkin's shared spans are), or (size_t)-1. */
static size_t find_id(const struct ag_evt_trace *t, const struct idx *x, const char *id,
		      size_t skip)
{
	size_t best = (size_t)-1;
	for (size_t j = str_hash(id) & x->mask; x->slot[j]; j = (j + 1) & x->mask) {
		size_t i = x->slot[j] - 1;
		if (i == skip || strcmp(t->spans[i].span_id, id))
			continue;
		if (best == (size_t)-1 || (t->spans[best].kind == 3 && t->spans[i].kind != 3))
			best = i;
	}
	return best;
}

struct kid {
	int64_t cs, ce; /* clipped to the parent's window */
	size_t i;
};

static int cmp_kid(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	if (x->ce != y->ce)
		return x->ce > y->ce ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i; /* ties: input order */
}

struct section {
	int64_t a, b;
	size_t span;
};

static int cmp_section(const void *a, const void *b)
{
	const struct section *x = a, *y = b;
	return x->a < y->a ? -1 : x->a > y->a;
}

/* The critical path over root r: an explicit stack of (span, window,
 * cursor, next child). */
static int critical(struct ag_evt_trace *t, size_t r)
{
	struct frame {
		size_t span;
		int64_t lo, hi, cur;
		struct kid *kids;
		size_t nk, at;
	};
	size_t cap = 64, top = 0, nsec = 0, seccap = 64;
	struct frame *st = malloc(cap * sizeof(*st));
	struct section *sec = malloc(seccap * sizeof(*sec));
	int rc = 0;
	if (!st || !sec) {
		rc = AG_ENOMEM;
		goto out;
	}
	const struct ag_evt_span *rs = &t->spans[r];
	if (end_ns(rs) < rs->start_ns)
		goto out;
	st[top++] = (struct frame){r, rs->start_ns, end_ns(rs), end_ns(rs), NULL, 0, 0};
	bool fresh = true;
	while (top && !rc) {
		struct frame *f = &st[top - 1];
		if (fresh) {
			/* the children inside the window, latest end first */
			const struct ag_evt_span *s = &t->spans[f->span];
			f->kids = s->nkids ? malloc(s->nkids * sizeof(*f->kids)) : NULL;
			if (s->nkids && !f->kids) {
				rc = AG_ENOMEM;
				break;
			}
			for (size_t k = 0; k < s->nkids; k++) {
				const struct ag_evt_span *c = &t->spans[s->kids[k]];
				if (!c->has_start || !c->has_dur || c->cycle)
					continue;
				int64_t cs = c->start_ns > f->lo ? c->start_ns : f->lo;
				int64_t ce = end_ns(c) < f->hi ? end_ns(c) : f->hi;
				if (ce < cs)
					continue;
				f->kids[f->nk++] = (struct kid){cs, ce, s->kids[k]};
			}
			if (f->nk)
				qsort(f->kids, f->nk, sizeof(*f->kids), cmp_kid);
			fresh = false;
		}
		while (f->at < f->nk && f->kids[f->at].ce > f->cur)
			f->at++;
		if (nsec + 2 > seccap) {
			struct section *ns = realloc(sec, seccap * 2 * sizeof(*sec));
			if (!ns) {
				rc = AG_ENOMEM;
				break;
			}
			sec = ns;
			seccap *= 2;
		}
		if (f->at < f->nk && f->cur > f->lo) {
			struct kid k = f->kids[f->at++];
			if (f->cur > k.ce)
				sec[nsec++] = (struct section){k.ce, f->cur, f->span};
			f->cur = k.cs;
			if (top == cap) {
				struct frame *nf = realloc(st, cap * 2 * sizeof(*st));
				if (!nf) {
					rc = AG_ENOMEM;
					break;
				}
				st = nf;
				cap *= 2;
				f = &st[top - 1];
			}
			st[top++] = (struct frame){k.i, k.cs, k.ce, k.ce, NULL, 0, 0};
			fresh = true;
			continue;
		}
		if (f->cur > f->lo)
			sec[nsec++] = (struct section){f->lo, f->cur, f->span};
		free(f->kids);
		top--;
	}
	while (top)
		free(st[--top].kids);
	if (rc)
		goto out;
	qsort(sec, nsec, sizeof(*sec), cmp_section);
	for (size_t k = 0; k < nsec; k++) {
		struct ag_evt_span *s = &t->spans[sec[k].span];
		if (!s->critical) {
			s->critical = true;
			t->path[t->npath++] = sec[k].span;
		}
		s->self_ms += (double)(sec[k].b - sec[k].a) / 1e6;
	}
out:
	free(st);
	free(sec);
	return rc;
}

int ag_evt_build(struct ag_evt_trace *t)
{
	t->cp_root = (size_t)-1;
	if (!t->n)
		return 0;
	qsort(t->spans, t->n, sizeof(*t->spans), cmp_start);
	t->t0 = INT64_MAX;
	for (size_t i = 0; i < t->n; i++)
		if (t->spans[i].has_start && t->spans[i].start_ns < t->t0)
			t->t0 = t->spans[i].start_ns;
	if (t->t0 == INT64_MAX)
		t->t0 = 0;
	for (size_t i = 0; i < t->n; i++)
		if (!t->spans[i].has_start)
			t->spans[i].start_ns = t->t0;
	struct idx x = {NULL, 1};
	while (x.mask < 2 * t->n)
		x.mask <<= 1;
	x.mask -= 1;
	x.slot = calloc(x.mask + 1, sizeof(*x.slot));
	size_t *nk = calloc(t->n, sizeof(*nk));
	uint8_t *state = calloc(t->n, 1);
	t->roots = calloc(t->n, sizeof(*t->roots));
	t->path = calloc(t->n, sizeof(*t->path));
	size_t *all = NULL;
	int rc = 0;
	if (!x.slot || !nk || !state || !t->roots || !t->path) {
		rc = AG_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t j = str_hash(t->spans[i].span_id) & x.mask;
		bool dup = false;
		for (; x.slot[j]; j = (j + 1) & x.mask)
			dup |= !strcmp(t->spans[x.slot[j] - 1].span_id, t->spans[i].span_id);
		x.slot[j] = i + 1;
		if (dup && !state[i]) {
			/* count each id once: mark the other spans with it */
			t->dup_ids++;
			size_t other = find_id(t, &x, t->spans[i].span_id, i);
			int a = t->spans[i].kind, b = other != (size_t)-1 ? t->spans[other].kind : -1;
			if ((a == 2 && b == 3) || (a == 3 && b == 2))
				t->shared_ids++;
			for (size_t k = str_hash(t->spans[i].span_id) & x.mask; x.slot[k];
			     k = (k + 1) & x.mask)
				if (!strcmp(t->spans[x.slot[k] - 1].span_id, t->spans[i].span_id))
					state[x.slot[k] - 1] = 1;
		}
	}
	memset(state, 0, t->n);
	for (size_t i = 0; i < t->n; i++) {
		struct ag_evt_span *s = &t->spans[i];
		s->parent = (size_t)-1;
		t->errors += s->error;
		if (s->has_dur && s->dur_ms < 0)
			t->negative++;
		if (s->kind == 2) {
			/* Zipkin's shared span: the server half is the client half's child */
			size_t c = find_id(t, &x, s->span_id, i);
			if (c != (size_t)-1 && t->spans[c].kind == 3) {
				s->parent = c;
				continue;
			}
		}
		if (!s->parent_id) {
			t->true_roots++;
			continue;
		}
		s->parent = find_id(t, &x, s->parent_id, i);
		if (s->parent == (size_t)-1) {
			s->orphan = true;
			t->orphans++;
		}
	}
	/* cycles: walk each chain once (0 new, 1 on this walk, 2 done) */
	size_t *walk = malloc(t->n * sizeof(*walk));
	if (!walk) {
		rc = AG_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t j = i, nw = 0;
		while (j != (size_t)-1 && !state[j]) {
			state[j] = 1;
			walk[nw++] = j;
			j = t->spans[j].parent;
		}
		if (j != (size_t)-1 && state[j] == 1) {
			/* the chain from i came back to j: cut the loop at j */
			t->spans[j].parent = (size_t)-1;
			t->spans[j].cycle = true;
			t->cycles++;
		}
		for (size_t k = 0; k < nw; k++)
			state[walk[k]] = 2;
	}
	free(walk);
	for (size_t i = 0; i < t->n; i++) {
		size_t p = t->spans[i].parent;
		if (p == (size_t)-1)
			t->roots[t->nroots++] = i;
		else
			nk[p]++;
	}
	/* children in one array, in start order */
	all = malloc(t->n * sizeof(*all));
	if (!all) {
		rc = AG_ENOMEM;
		goto out;
	}
	size_t off = 0;
	for (size_t i = 0; i < t->n; i++) {
		t->spans[i].kids = all + off;
		off += nk[i];
		t->spans[i].nkids = 0;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t p = t->spans[i].parent;
		if (p != (size_t)-1)
			t->spans[p].kids[t->spans[p].nkids++] = i;
	}
	int64_t first = INT64_MAX, last = INT64_MIN;
	for (size_t i = 0; i < t->n; i++) {
		const struct ag_evt_span *s = &t->spans[i];
		if (!s->has_start || !s->has_dur)
			continue;
		if (s->start_ns < first)
			first = s->start_ns;
		if (end_ns(s) > last)
			last = end_ns(s);
	}
	t->dur_ms = first <= last ? (double)(last - t->t0) / 1e6 : 0;
	/* depths, breadth first from the roots (the children array is the queue) */
	size_t *q = malloc(t->n * sizeof(*q));
	if (!q) {
		rc = AG_ENOMEM;
		goto out;
	}
	size_t qh = 0, qt = 0;
	for (size_t r = 0; r < t->nroots; r++) {
		t->spans[t->roots[r]].depth = 0;
		q[qt++] = t->roots[r];
	}
	while (qh < qt) {
		const struct ag_evt_span *s = &t->spans[q[qh++]];
		for (size_t k = 0; k < s->nkids; k++) {
			t->spans[s->kids[k]].depth = s->depth + 1;
			q[qt++] = s->kids[k];
		}
	}
	free(q);
	/* the critical path over the longest root, else the longest orphan */
	for (int pass = 0; pass < 2 && t->cp_root == (size_t)-1; pass++)
		for (size_t r = 0; r < t->nroots; r++) {
			const struct ag_evt_span *s = &t->spans[t->roots[r]];
			if (!s->has_start || !s->has_dur || (pass == 0) == (s->orphan || s->cycle))
				continue;
			if (t->cp_root == (size_t)-1 || s->dur_ms > t->spans[t->cp_root].dur_ms ||
			    (s->dur_ms == t->spans[t->cp_root].dur_ms &&
			     s->ord < t->spans[t->cp_root].ord))
				t->cp_root = t->roots[r];
		}
	if (t->cp_root != (size_t)-1)
		rc = critical(t, t->cp_root);
	t->kids = all;
	all = NULL;
out:
	free(all);
	free(x.slot);
	free(nk);
	free(state);
	return rc;
}

/* How deep the tree is drawn with lines; deeper spans say their depth. */
#define DRAW_DEPTH 24

static void span_line(struct ag_buf *b, const struct ag_evt_trace *t, size_t i,
		      const char *prefix, size_t plen, bool last, bool top)
{
	const struct ag_evt_span *s = &t->spans[i];
	ag_buf_printf(b, "%10.3f ms ", start_ms(t, s));
	if (s->has_dur)
		ag_buf_printf(b, "%10.3f ms ", s->dur_ms);
	else
		ag_buf_printf(b, "%10s    ", "?");
	ag_buf_adds(b, s->critical ? "* " : "  ");
	ag_buf_add(b, prefix, plen);
	if (!top)
		ag_buf_adds(b, last ? "`- " : "|- ");
	if (s->depth > DRAW_DEPTH)
		ag_buf_printf(b, "[depth %d] ", s->depth);
	ag_ev_text_escaped(b, s->service ? s->service : "?", strlen(s->service ? s->service : "?"));
	ag_buf_adds(b, ": ");
	ag_ev_text_escaped(b, s->name ? s->name : "?", strlen(s->name ? s->name : "?"));
	if (s->error)
		ag_buf_adds(b, "  [error]");
	if (s->has_dur && s->dur_ms < 0)
		ag_buf_adds(b, "  [ends before it starts]");
	if (s->orphan) {
		ag_buf_adds(b, "  (parent ");
		ag_ev_text_escaped(b, s->parent_id, strlen(s->parent_id));
		ag_buf_adds(b, " not found)");
	}
	if (s->cycle)
		ag_buf_adds(b, "  (its parent chain loops back here: cut)");
	ag_buf_addc(b, '\n');
}

static void log_lines(struct ag_buf *b, const struct ag_evt_trace *t, const char *span_id,
		      size_t indent)
{
	for (size_t k = 0; k < t->nlogs; k++) {
		const struct ag_evt_log *l = &t->logs[k];
		if (!l->span_id ? span_id != NULL : !span_id || strcmp(l->span_id, span_id))
			continue;
		if (l->has_time)
			ag_buf_printf(b, "%10.3f ms %13s", (double)(l->time_ns - t->t0) / 1e6, "");
		else
			ag_buf_printf(b, "%10s    %13s", "?", "");
		ag_buf_printf(b, "%*s  log: ", (int)(indent > 80 ? 80 : indent), "");
		ag_ev_text_escaped(b, l->text, strlen(l->text));
		ag_buf_addc(b, '\n');
	}
}

/* The tree, depth first, with an explicit stack. */
static int tree_text(struct ag_buf *b, const struct ag_evt_trace *t)
{
	struct item {
		size_t i;
		bool last, top;
	};
	size_t cap = t->n + 1, top = 0;
	struct item *st = malloc(cap * sizeof(*st));
	char prefix[DRAW_DEPTH * 3 + 4];
	if (!st)
		return AG_ENOMEM;
	for (size_t r = t->nroots; r-- > 0;)
		st[top++] = (struct item){t->roots[r], true, true};
	/* prefix[d] holds "|  " or "   " for each drawn level */
	bool more[DRAW_DEPTH + 1];
	while (top) {
		struct item it = st[--top];
		const struct ag_evt_span *s = &t->spans[it.i];
		int d = s->depth;
		size_t plen = 0;
		for (int k = 1; k < d && k <= DRAW_DEPTH; k++) {
			memcpy(prefix + plen, more[k] ? "|  " : "   ", 3);
			plen += 3;
		}
		if (d >= 1 && d <= DRAW_DEPTH)
			more[d] = !it.last;
		span_line(b, t, it.i, prefix, plen, it.last, it.top);
		log_lines(b, t, s->span_id, plen + 3);
		for (size_t k = s->nkids; k-- > 0;)
			st[top++] = (struct item){s->kids[k], k + 1 == s->nkids, false};
	}
	free(st);
	return ag_buf_err(b);
}

static void findings_text(struct ag_buf *b, const struct ag_evt_trace *t)
{
	bool any = t->true_roots > 1 || t->orphans || t->dup_ids > t->shared_ids || t->cycles ||
		   t->negative || (t->n && !t->true_roots);
	if (!any)
		return;
	ag_buf_adds(b, "findings:\n");
	if (t->true_roots > 1)
		ag_buf_printf(b, "  %zu roots (spans without a parent)\n", t->true_roots);
	if (t->n && !t->true_roots)
		ag_buf_adds(b, "  no root: every span names a parent\n");
	if (t->orphans)
		ag_buf_printf(b, "  %zu span%s whose parent is not in the input\n", t->orphans,
			      t->orphans == 1 ? "" : "s");
	if (t->dup_ids > t->shared_ids)
		ag_buf_printf(b, "  %zu span id%s used by more than one span\n",
			      t->dup_ids - t->shared_ids, t->dup_ids - t->shared_ids == 1 ? "" : "s");
	if (t->cycles)
		ag_buf_printf(b, "  %zu parent cycle%s (cut where the chain loops)\n", t->cycles,
			      t->cycles == 1 ? "" : "s");
	if (t->negative)
		ag_buf_printf(b, "  %zu span%s that end before they start\n", t->negative,
			      t->negative == 1 ? "" : "s");
	ag_buf_addc(b, '\n');
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
		ag_json_key(&w, "findings");
		ag_json_begin_object(&w);
		ag_json_kv_uint(&w, "roots", t->true_roots);
		ag_json_kv_uint(&w, "orphans", t->orphans);
		ag_json_kv_uint(&w, "duplicate_ids", t->dup_ids - t->shared_ids);
		ag_json_kv_uint(&w, "shared_ids", t->shared_ids);
		ag_json_kv_uint(&w, "cycles", t->cycles);
		ag_json_kv_uint(&w, "negative", t->negative);
		ag_json_end_object(&w);
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
			ag_json_kv_str(&w, "service", s->service);
			ag_json_kv_str(&w, "name", s->name);
			ag_json_kv_double(&w, "self_ms", s->self_ms, AG_JSON_SHORTEST);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_key(&w, "logs");
		ag_json_begin_array(&w);
		for (size_t k = 0; k < t->nlogs; k++) {
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "span_id", t->logs[k].span_id);
			if (t->logs[k].has_time)
				ag_json_kv_double(&w, "at_ms", (double)(t->logs[k].time_ns - t->t0) / 1e6,
						  AG_JSON_SHORTEST);
			ag_json_kv_str(&w, "text", t->logs[k].text);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(b, '\n');
	}
	size_t nsvc = 0;
	{
		/* distinct services through a small open-addressing set */
		size_t m = 16;
		while (m < 2 * t->n)
			m <<= 1;
		const char **set = calloc(m, sizeof(*set));
		if (!set)
			return AG_ENOMEM;
		for (size_t i = 0; i < t->n; i++) {
			const char *sv = t->spans[i].service;
			if (!sv)
				continue;
			size_t j = str_hash(sv) & (m - 1);
			while (set[j] && strcmp(set[j], sv))
				j = (j + 1) & (m - 1);
			if (!set[j]) {
				set[j] = sv;
				nsvc++;
			}
		}
		free(set);
	}
	ag_buf_adds(b, "trace ");
	ag_ev_text_escaped(b, t->id, strlen(t->id));
	ag_buf_printf(b, ": %zu span%s, %zu service%s, %.3f ms", t->n, t->n == 1 ? "" : "s", nsvc,
		      nsvc == 1 ? "" : "s", t->dur_ms);
	if (t->errors)
		ag_buf_printf(b, ", %llu error%s", (unsigned long long)t->errors,
			      t->errors == 1 ? "" : "s");
	if (t->nlogs)
		ag_buf_printf(b, ", %zu log record%s", t->nlogs, t->nlogs == 1 ? "" : "s");
	if (t->n) {
		char ts[40];
		ag_ev_format_time(t->t0, ts);
		ag_buf_printf(b, ", from %s", ts);
	}
	ag_buf_adds(b, "\n\n");
	findings_text(b, t);
	ag_buf_adds(b, "     start     duration    span (* critical path)\n");
	int rc = tree_text(b, t);
	if (rc)
		return rc;
	log_lines(b, t, NULL, 0);
	if (t->npath) {
		const struct ag_evt_span *r = &t->spans[t->cp_root];
		ag_buf_printf(b, "\ncritical path over ");
		ag_ev_text_escaped(b, r->service ? r->service : "?", strlen(r->service ? r->service : "?"));
		ag_buf_adds(b, ": ");
		ag_ev_text_escaped(b, r->name ? r->name : "?", strlen(r->name ? r->name : "?"));
		ag_buf_printf(b, " (%.3f ms; self time):\n", r->dur_ms);
		for (size_t k = 0; k < t->npath; k++) {
			const struct ag_evt_span *s = &t->spans[t->path[k]];
			ag_buf_printf(b, "  %10.3f ms  ", s->self_ms);
			ag_ev_text_escaped(b, s->service ? s->service : "?",
					   strlen(s->service ? s->service : "?"));
			ag_buf_adds(b, ": ");
			ag_ev_text_escaped(b, s->name ? s->name : "?", strlen(s->name ? s->name : "?"));
			ag_buf_addc(b, '\n');
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

/* The fields --where sees of a trace, in this order. */
enum { S_DUR, S_ERRORS, S_SPANS, S_SERVICES, S_ROOT_SERVICE, S_ROOT_NAME, S_TRACE, S_N };
static const char *const summ_fields[S_N] = {"duration_ms", "errors", "spans", "services",
					     "root_service", "root_name", "trace_id"};

static bool summary_matches(const struct ag_evq *q, const struct ag_evq_expr *e,
			    const struct ag_evt_summary *x)
{
	struct ag_ev_val v[AG_EV_MAX_FIELDS];
	memset(v, 0, sizeof(v));
	const double nums[4] = {x->dur_ms, (double)x->errors, (double)x->spans,
				(double)x->services};
	for (int i = 0; i < 4; i++)
		v[i] = (struct ag_ev_val){"0", 1, nums[i], AG_EV_NUM, false};
	const char *strs[3] = {x->root_service, x->root_name, x->trace_id};
	for (int i = 0; i < 3; i++)
		if (strs[i])
			v[4 + i] = (struct ag_ev_val){strs[i], strlen(strs[i]), 0, AG_EV_STR, false};
	size_t longest = 0;
	for (int i = 0; i < 3; i++)
		if (strs[i] && strlen(strs[i]) > longest)
			longest = strlen(strs[i]);
	struct ag_evq_scratch s = {0};
	(void)q;
	if (ag_evq_scratch_fit(&s, longest))
		return false;
	bool m = ag_evq_match(e, v, &s);
	ag_evq_scratch_release(&s);
	return m;
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
	struct ag_evq wq;
	ag_evq_init(&wq);
	const struct ag_evq_expr *where = NULL;
	if (o->where) {
		for (int i = 0; i < S_N; i++)
			ag_ev_fields_add(&wq.fields, summ_fields[i], strlen(summ_fields[i]));
		rc = ag_evq_set_where(&wq, o->where, d);
		if (rc) {
			ag_evq_release(&wq);
			ag_evq_release(&c.q);
			return rc;
		}
		where = wq.where;
	}
	struct tworker *ws = NULL;
	unsigned nt = 0;
	uint64_t bytes = 0;
	rc = run(&c, paths, npaths, o, &ws, &nt, &bytes, d);
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
			for (uint32_t k = 0; k < s->nsvc; k++)
				if (add_svc(x, s->svc[k])) {
					rc = AG_ENOMEM;
					break;
				}
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
			size_t nall = 0;
			for (size_t i = 0; i < m->ns; i++) {
				struct ag_evt_summary x = m->sv[i].s;
				x.dur_ms = summ_dur(&m->sv[i]);
				x.services = m->sv[i].nsvc;
				memset(&m->sv[i].s, 0, sizeof(m->sv[i].s));
				if (where && !summary_matches(&wq, where, &x)) {
					free(x.trace_id);
					free(x.root_name);
					free(x.root_service);
					continue;
				}
				all[nall++] = x;
			}
			*ntraces = nall;
			qsort(all, nall, sizeof(*all), cmp_summ);
			size_t keep = top < nall ? top : nall;
			for (size_t i = keep; i < nall; i++) {
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
	ag_evq_release(&wq);
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
