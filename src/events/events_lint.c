/*
 * events_lint.c - field coverage and type consistency of event logs; see
 * events_lint.h.
 *
 * Workers count fields into their own tables and remember where (chunk,
 * line in chunk) each type was first seen; the producer records where each
 * chunk starts, so positions become file:line at the end without any
 * ordering between workers.
 */
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "events_index.h"
#include "events_input.h"
#include "events_lint.h"
#include "events_read.h"

struct pos {
	uint64_t seq, rel; /* chunk, 0-based line in it; seq UINT64_MAX = none */
};

struct lfield {
	char *name;
	size_t len;
	uint64_t hash;
	uint64_t by_type[AG_EV_ARR + 1];
	struct pos first[AG_EV_ARR + 1];
	uint64_t present;
};

struct lex {
	struct pos at;
	size_t col;
	const char *why;
	char *text;
};

struct chunkpos {
	size_t input;
	uint64_t first_line;
};

struct lctx {
	const struct ag_evl_opts *o;
	struct ag_ev_fields fs; /* the required fields, then the container keys */
	struct ag_evr_keys keys;
	struct chunkpos *chunks;
	size_t nchunks, capchunks;
	int err;
};

struct lworker {
	struct lctx *c;
	struct lfield *f;
	size_t nf, capf;
	uint32_t *slots;
	size_t mask;
	uint64_t more;
	uint64_t events;
	uint64_t req[AG_EV_MAX_FIELDS];
	struct lex ex[AG_EVS_MAX_EXAMPLES];
	size_t nex;
	struct ag_evr_worker rd;
	uint64_t seq;
};

static uint64_t hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

static uint64_t field_hash(const void *fields, size_t i)
{
	return ((const struct lfield *)fields)[i].hash;
}

static int grow_slots(struct lworker *w)
{
	return ag_ev_slots_grow(&w->slots, &w->mask, 64, w->f, w->nf, field_hash);
}

/* The field named (p, n), added when new; NULL past the limit or on ENOMEM. */
static struct lfield *field(struct lworker *w, const char *p, size_t n, int *rc)
{
	uint64_t h = hash(p, n);
	if (w->mask) {
		for (size_t j = h & w->mask; w->slots[j]; j = (j + 1) & w->mask) {
			struct lfield *f = &w->f[w->slots[j] - 1];
			if (f->hash == h && f->len == n && !memcmp(f->name, p, n))
				return f;
		}
	}
	if (w->nf >= AG_EVL_MAX_FIELDS) {
		w->more++;
		return NULL;
	}
	if ((w->nf + 1) * 2 > (w->mask ? w->mask + 1 : 0) && (*rc = grow_slots(w)))
		return NULL;
	struct lfield *nfp = ag_array_grow(w->f, &w->capf, w->nf + 1, sizeof(*nfp), 32);
	if (!nfp) {
		*rc = AG_ENOMEM;
		return NULL;
	}
	w->f = nfp;
	struct lfield *f = &w->f[w->nf];
	memset(f, 0, sizeof(*f));
	if (!(f->name = malloc(n + 1))) {
		*rc = AG_ENOMEM;
		return NULL;
	}
	memcpy(f->name, p, n);
	f->name[n] = '\0';
	f->len = n;
	f->hash = h;
	for (int t = 0; t <= AG_EV_ARR; t++)
		f->first[t].seq = UINT64_MAX;
	ag_ev_slots_put(w->slots, w->mask, h, w->nf++);
	return f;
}

static bool before(struct pos a, struct pos b)
{
	return a.seq < b.seq || (a.seq == b.seq && a.rel < b.rel);
}

static void count(struct lfield *f, enum ag_ev_type t, struct pos at)
{
	if (t == AG_EV_FALSE)
		t = AG_EV_TRUE;
	f->by_type[t]++;
	if (t != AG_EV_NULL)
		f->present++;
	if (before(at, f->first[t]))
		f->first[t] = at;
}

static void on_bad(void *ctx, uint64_t rel, size_t col, const char *why, const char *text,
		   size_t len)
{
	struct lworker *w = ctx;
	if (w->nex >= w->c->o->max_examples || w->nex >= AG_EVS_MAX_EXAMPLES)
		return;
	struct lex *x = &w->ex[w->nex];
	size_t n = len < 120 ? len : 120;
	if (!(x->text = malloc(n + 1)))
		return;
	memcpy(x->text, text, n);
	x->text[n] = '\0';
	x->at = (struct pos){w->seq, rel};
	x->col = col;
	x->why = why;
	w->nex++;
}

/* Where the record in progress is, for the first line of a type. */
struct at {
	struct lworker *w;
	uint64_t rel;
};

static int on_record(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		     const char *text, size_t len)
{
	struct lworker *w = ctx;
	w->events++;
	for (size_t i = 0; i < w->c->o->nrequired; i++)
		if (vals[i].type > AG_EV_NULL)
			w->req[i]++;
	if (rec->kind != AG_EVR_EVENT)
		return 0; /* the format fixes the types of a span's fields */
	/* every top-level field of an event, by type */
	struct ag_ev_val obj = {text, len, 0, AG_EV_OBJ, false};
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, &obj);
	char kbuf[512];
	int rc = 0;
	uint64_t rel = w->rd.at;
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		const char *kp = k.p;
		size_t kn = k.n;
		if (k.esc) {
			if (kn > sizeof(kbuf))
				continue;
			kn = ag_ev_unescape(k.p, k.n, kbuf);
			kp = kbuf;
		}
		struct lfield *f = field(w, kp, kn, &rc);
		if (f)
			count(f, (enum ag_ev_type)v.type, (struct pos){w->seq, rel});
		else if (rc)
			break;
	}
	return rc;
}

static int lint_chunk(void *arg, struct ag_ev_chunk *c)
{
	struct lworker *w = arg;
	w->seq = c->seq;
	struct ag_evr_sink sink = {on_record, on_bad, w, false};
	w->rd.mapped = c->mapped;
	return ag_evr_chunk(&w->rd, c->p, c->n, c->doc, &sink, &c->nlines);
}

static int lint_retire(void *ctx, const struct ag_ev_chunk *c)
{
	struct lctx *x = ctx;
	struct chunkpos *n = ag_array_grow(x->chunks, &x->capchunks, c->seq + 1, sizeof(*n), 64);
	if (!n)
		return AG_ENOMEM;
	x->chunks = n;
	x->chunks[c->seq] = (struct chunkpos){c->input, c->first_line};
	if (c->seq + 1 > x->nchunks)
		x->nchunks = c->seq + 1;
	return 0;
}

static void lint_progress(void *ctx, uint64_t done, uint64_t total, double secs)
{
	const struct lctx *x = ctx;
	x->o->progress(x->o->ctx, done, total, secs);
}

static struct ag_evl_where where_of(const struct lctx *x, struct pos p)
{
	if (p.seq == UINT64_MAX || p.seq >= x->nchunks)
		return (struct ag_evl_where){(size_t)-1, 0};
	return (struct ag_evl_where){x->chunks[p.seq].input, x->chunks[p.seq].first_line + p.rel};
}

static int cmp_fields(const void *a, const void *b)
{
	const struct ag_evl_field *x = a, *y = b;
	uint64_t nx = 0, ny = 0;
	for (int t = 0; t <= AG_EV_ARR; t++) {
		nx += x->by_type[t];
		ny += y->by_type[t];
	}
	if (nx != ny)
		return nx > ny ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int cmp_ex(const void *a, const void *b)
{
	const struct lex *x = a, *y = b;
	return before(x->at, y->at) ? -1 : before(y->at, x->at) ? 1 : 0;
}

int ag_evl_run(const char *const *paths, size_t npaths, const struct ag_evl_opts *o,
	       struct ag_evl_result *res, struct ag_diags *d)
{
	memset(res, 0, sizeof(*res));
	struct lctx x;
	memset(&x, 0, sizeof(x));
	x.o = o;
	ag_ev_fields_init(&x.fs);
	if (o->nrequired > AG_EV_MAX_FIELDS - AG_EVR_NKEYS) {
		ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0, "at most %d required fields",
			     AG_EV_MAX_FIELDS - AG_EVR_NKEYS);
		return AG_ELIMIT;
	}
	for (size_t i = 0; i < o->nrequired; i++) {
		int k = ag_ev_fields_add(&x.fs, o->required[i], strlen(o->required[i]));
		if (k != (int)i) {
			ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0,
				     "required field '%s' is empty or named twice", o->required[i]);
			return AG_EINVAL;
		}
	}
	if (ag_evr_keys_add(&x.fs, &x.keys))
		return AG_ELIMIT;
	unsigned nt = ag_ev_threads(o->threads);
	struct lworker *ws = calloc(nt, sizeof(*ws));
	void **wp = calloc(nt, sizeof(*wp));
	if (!ws || !wp) {
		free(ws);
		free(wp);
		return AG_ENOMEM;
	}
	for (unsigned t = 0; t < nt; t++) {
		ws[t].c = &x;
		ag_evr_worker_init(&ws[t].rd, &x.fs, &x.keys);
		wp[t] = &ws[t];
	}
	struct ag_ev_run_opts ro = {nt, 0, lint_chunk, wp, lint_retire, &x,
				    o->progress ? lint_progress : NULL};
	struct ag_ev_run_stats st;
	int rc = ag_ev_run(paths, npaths, &ro, &st, d);
	res->bytes = st.bytes;
	res->seconds = st.seconds;
	/* merge */
	struct lworker *m = &ws[0];
	int mrc = 0;
	for (unsigned t = 0; t < nt; t++) {
		struct lworker *w = &ws[t];
		res->lines += w->rd.n.lines;
		res->blank += w->rd.n.blank;
		res->events += w->events;
		res->other += w->rd.n.other;
		res->invalid += w->rd.n.invalid;
		res->otlp_lines += w->rd.n.containers;
		res->more_fields += w->more;
		if (t == 0)
			continue;
		for (size_t i = 0; i < w->nf && !mrc; i++) {
			struct lfield *s = &w->f[i];
			struct lfield *f = field(m, s->name, s->len, &mrc);
			if (!f)
				continue;
			f->present += s->present;
			for (int k = 0; k <= AG_EV_ARR; k++) {
				f->by_type[k] += s->by_type[k];
				if (before(s->first[k], f->first[k]))
					f->first[k] = s->first[k];
			}
		}
		for (size_t i = 0; i < o->nrequired; i++)
			m->req[i] += w->req[i];
	}
	res->required = o->required;
	res->nrequired = o->nrequired;
	res->required_present = calloc(o->nrequired ? o->nrequired : 1, sizeof(uint64_t));
	res->fields = calloc(m->nf ? m->nf : 1, sizeof(*res->fields));
	if (!res->required_present || !res->fields)
		mrc = AG_ENOMEM;
	if (!mrc) {
		for (size_t i = 0; i < o->nrequired; i++)
			res->required_present[i] = m->req[i];
		for (size_t i = 0; i < m->nf; i++) {
			struct ag_evl_field *f = &res->fields[i];
			f->name = m->f[i].name;
			m->f[i].name = NULL;
			f->present = m->f[i].present;
			for (int k = 0; k <= AG_EV_ARR; k++) {
				f->by_type[k] = m->f[i].by_type[k];
				f->first[k] = where_of(&x, m->f[i].first[k]);
			}
		}
		res->nfields = m->nf;
		qsort(res->fields, res->nfields, sizeof(*res->fields), cmp_fields);
		/* examples: the first ones in input order */
		struct lex all[AG_EVS_MAX_EXAMPLES * 8];
		size_t na = 0;
		for (unsigned t = 0; t < nt; t++)
			for (size_t i = 0; i < ws[t].nex; i++) {
				if (na < sizeof(all) / sizeof(all[0])) {
					all[na++] = ws[t].ex[i];
				} else {
					free(ws[t].ex[i].text);
				}
				ws[t].ex[i].text = NULL;
			}
		qsort(all, na, sizeof(all[0]), cmp_ex);
		for (size_t i = 0; i < na; i++) {
			if (res->nex < o->max_examples && res->nex < AG_EVS_MAX_EXAMPLES) {
				struct ag_evl_where wh = where_of(&x, all[i].at);
				struct ag_evs_example *e = &res->ex[res->nex++];
				e->input = wh.input;
				e->line = wh.line;
				e->col = all[i].col;
				e->why = all[i].why;
				e->text = all[i].text;
			} else {
				free(all[i].text);
			}
		}
	}
	for (unsigned t = 0; t < nt; t++) {
		for (size_t i = 0; i < ws[t].nf; i++)
			free(ws[t].f[i].name);
		for (size_t i = 0; i < ws[t].nex; i++)
			free(ws[t].ex[i].text);
		free(ws[t].f);
		free(ws[t].slots);
		ag_evr_worker_release(&ws[t].rd);
	}
	free(ws);
	free(wp);
	free(x.chunks);
	return rc ? rc : mrc;
}

void ag_evl_result_release(struct ag_evl_result *res)
{
	for (size_t i = 0; i < res->nfields; i++)
		free(res->fields[i].name);
	free(res->fields);
	free(res->required_present);
	for (size_t i = 0; i < res->nex; i++)
		free(res->ex[i].text);
	memset(res, 0, sizeof(*res));
}

double ag_evl_json_share(const struct ag_evl_result *r)
{
	uint64_t nonblank = r->lines - r->blank;
	return nonblank ? (double)(nonblank - r->invalid - r->other) / (double)nonblank : 1.0;
}

bool ag_evl_inconsistent(const struct ag_evl_field *f)
{
	int kinds = 0;
	for (int t = AG_EV_TRUE; t <= AG_EV_ARR; t++)
		kinds += f->by_type[t] != 0;
	return kinds > 1;
}

double ag_evl_coverage(const struct ag_evl_result *r, size_t i)
{
	return r->events ? (double)r->required_present[i] / (double)r->events : 0;
}

bool ag_evl_share_ok(const struct ag_evl_result *r, double min_share)
{
	return ag_evl_json_share(r) >= min_share;
}

bool ag_evl_field_ok(const struct ag_evl_result *r, size_t i, double min_coverage)
{
	return ag_evl_coverage(r, i) >= min_coverage;
}

bool ag_evl_ok(const struct ag_evl_result *r, double min_share, double min_coverage)
{
	if (r->lines == r->blank || !ag_evl_share_ok(r, min_share))
		return false;
	/* coverage is judged over events: lines that are none are the
	 * share's business */
	for (size_t i = 0; r->events && i < r->nrequired; i++)
		if (!ag_evl_field_ok(r, i, min_coverage))
			return false;
	return true;
}
