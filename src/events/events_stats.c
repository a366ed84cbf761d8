/*
 * events_stats.c - histograms, group tables and the parallel query run;
 * see events_stats.h.
 *
 * The hot loop is: scan a line for the fields the query uses, test the
 * where clause, encode the group key, find the group in an open-addressing
 * table, bump counters and add to a histogram. Nothing in it allocates
 * except when a group or a histogram bucket range is new.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/json.h"
#include "base/suggest.h"
#include "events_index.h"
#include "events_input.h"
#include "events_read.h"
#include "events_stats.h"

/* ---- histograms ------------------------------------------------------------------ */

#define HSHIFT 46 /* 52 mantissa bits - 6 kept */
/* Index range kept: 2^-40 (~1e-12) .. 2^60 (~1e18); beyond, values share
 * the end buckets (min and max stay exact). */
#define HIDX_MIN ((int32_t)((1023 - 40) << 6))
#define HIDX_MAX ((int32_t)((1023 + 60) << 6))

static inline int32_t bucket_of(double a)
{
	uint64_t bits;
	memcpy(&bits, &a, sizeof(bits));
	int32_t i = (int32_t)((bits >> HSHIFT) & 0x1ffff);
	return i < HIDX_MIN ? HIDX_MIN : i > HIDX_MAX ? HIDX_MAX : i;
}

static inline double bucket_low(int32_t i)
{
	uint64_t bits = (uint64_t)i << HSHIFT;
	double d;
	memcpy(&d, &bits, sizeof(d));
	return d;
}

void ag_hist_init(struct ag_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = INFINITY;
	h->max = -INFINITY;
}

void ag_hist_release(struct ag_hist *h)
{
	free(h->b[0]);
	free(h->b[1]);
	ag_hist_init(h);
}

/* Makes bucket i of side s addressable. */
static int hist_reserve(struct ag_hist *h, int s, int32_t i)
{
	if (h->n[s] && i >= h->lo[s] && i < h->lo[s] + (int32_t)h->n[s])
		return 0;
	int32_t lo, hi;
	if (!h->n[s]) {
		lo = i - 32;
		hi = i + 32;
	} else {
		lo = i < h->lo[s] ? i : h->lo[s];
		hi = i >= h->lo[s] + (int32_t)h->n[s] ? i + 1 : h->lo[s] + (int32_t)h->n[s];
		/* grow by at least half again, toward the side that was needed */
		int32_t want = (int32_t)h->n[s] + (int32_t)h->n[s] / 2;
		if (hi - lo < want) {
			if (i < h->lo[s])
				lo = hi - want;
			else
				hi = lo + want;
		}
	}
	if (lo < HIDX_MIN)
		lo = HIDX_MIN;
	if (hi > HIDX_MAX + 1)
		hi = HIDX_MAX + 1;
	uint64_t *nb = calloc((size_t)(hi - lo), sizeof(*nb));
	if (!nb)
		return AG_ENOMEM;
	if (h->n[s])
		memcpy(nb + (h->lo[s] - lo), h->b[s], h->n[s] * sizeof(*nb));
	free(h->b[s]);
	h->b[s] = nb;
	h->lo[s] = lo;
	h->n[s] = (uint32_t)(hi - lo);
	return 0;
}

/* ag_hist_add(), inlined into update_group (once per value of every line) */
static inline int hist_add(struct ag_hist *h, double v)
{
	if (v != v)
		return 0;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
	h->count++;
	if (v == 0) {
		h->zero++;
		return 0;
	}
	int s = v < 0;
	int32_t i = bucket_of(s ? -v : v);
	if (!(h->n[s] && i >= h->lo[s] && i < h->lo[s] + (int32_t)h->n[s])) {
		int rc = hist_reserve(h, s, i);
		if (rc) {
			h->count--;
			return rc;
		}
	}
	h->b[s][i - h->lo[s]]++;
	return 0;
}

int ag_hist_add(struct ag_hist *h, double v)
{
	return hist_add(h, v);
}

int ag_hist_merge(struct ag_hist *dst, const struct ag_hist *src)
{
	for (int s = 0; s < 2; s++) {
		if (!src->n[s])
			continue;
		int32_t first = -1, last = -1;
		for (uint32_t k = 0; k < src->n[s]; k++)
			if (src->b[s][k]) {
				if (first < 0)
					first = (int32_t)k;
				last = (int32_t)k;
			}
		if (first < 0)
			continue;
		int rc = hist_reserve(dst, s, src->lo[s] + first);
		if (!rc)
			rc = hist_reserve(dst, s, src->lo[s] + last);
		if (rc)
			return rc;
		for (int32_t k = first; k <= last; k++)
			dst->b[s][src->lo[s] + k - dst->lo[s]] += src->b[s][k];
	}
	dst->count += src->count;
	dst->zero += src->zero;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	return 0;
}

double ag_hist_quantile(const struct ag_hist *h, double q)
{
	if (!h->count)
		return NAN;
	double r = ceil(q * (double)h->count - 1e-9);
	uint64_t rank = r < 1 ? 1 : r > (double)h->count ? h->count : (uint64_t)r;
	if (rank == h->count)
		return h->max;
	if (rank == 1)
		return h->min;
	uint64_t seen = 0;
	double est = NAN;
	/* negatives, most negative first */
	for (int32_t k = (int32_t)h->n[1] - 1; k >= 0 && est != est; k--) {
		seen += h->b[1][k];
		if (seen >= rank) {
			int32_t i = h->lo[1] + k;
			est = i == HIDX_MAX ? h->min : i == HIDX_MIN ? -bucket_low(i)
				: -(bucket_low(i) + bucket_low(i + 1)) / 2;
		}
	}
	if (est != est) {
		seen += h->zero;
		if (seen >= rank)
			est = 0;
	}
	for (uint32_t k = 0; k < h->n[0] && est != est; k++) {
		seen += h->b[0][k];
		if (seen >= rank) {
			/* the end buckets hold everything beyond them: say so honestly
			 * with the exact extreme instead of a midpoint */
			int32_t i = h->lo[0] + (int32_t)k;
			est = i == HIDX_MAX ? h->max : i == HIDX_MIN ? bucket_low(i)
				: (bucket_low(i) + bucket_low(i + 1)) / 2;
		}
	}
	if (est != est)
		est = h->max;
	return est < h->min ? h->min : est > h->max ? h->max : est;
}

/* ---- group tables ----------------------------------------------------------------- */

struct numstat {
	uint64_t n;
	double sum, min, max;
	struct ag_hist h;
};

struct group {
	uint64_t hash;
	const char *key;
	uint32_t klen;
	uint64_t count, errors;
	struct numstat *ns;
};

struct table {
	struct group *g;
	size_t ng, gcap;
	uint32_t *slots; /* group index + 1; 0 empty */
	size_t mask;
	struct ag_arena arena;
	size_t nslots;   /* numeric slots per group */
};

static void table_init(struct table *t, size_t nslots)
{
	memset(t, 0, sizeof(*t));
	ag_arena_init(&t->arena, 0);
	t->nslots = nslots;
}

static void table_release(struct table *t)
{
	for (size_t i = 0; i < t->ng; i++)
		for (size_t s = 0; s < t->nslots; s++)
			ag_hist_release(&t->g[i].ns[s].h);
	free(t->g);
	free(t->slots);
	ag_arena_release(&t->arena);
	memset(t, 0, sizeof(*t));
}

static inline uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0x94d049bb133111ebull;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return h;
}

static inline bool small_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static uint64_t group_hash(const void *groups, size_t i)
{
	return ((const struct group *)groups)[i].hash;
}

static int table_grow(struct table *t)
{
	return ag_ev_slots_grow(&t->slots, &t->mask, 64, t->g, t->ng, group_hash);
}

/* Finds or adds the group with this key. NULL when out of memory. */
static struct group *table_get(struct table *t, const char *key, size_t klen, uint64_t h)
{
	if (t->mask) {
		size_t j = h & t->mask;
		while (t->slots[j]) {
			struct group *g = &t->g[t->slots[j] - 1];
			if (g->hash == h && g->klen == klen &&
			    (klen > 16 ? !memcmp(g->key, key, klen) : small_eq(g->key, key, klen)))
				return g;
			j = (j + 1) & t->mask;
		}
	}
	if ((t->ng + 1) * 2 > (t->mask ? t->mask + 1 : 0)) {
		if (table_grow(t))
			return NULL;
	}
	struct group *ng = ag_array_grow(t->g, &t->gcap, t->ng + 1, sizeof(*ng), 16);
	if (!ng)
		return NULL;
	t->g = ng;
	if (t->ng >= UINT32_MAX - 1)
		return NULL;
	struct group *g = &t->g[t->ng];
	memset(g, 0, sizeof(*g));
	g->hash = h;
	g->klen = (uint32_t)klen;
	char *k = ag_arena_alloc(&t->arena, klen ? klen : 1);
	if (!k)
		return NULL;
	memcpy(k, key, klen);
	g->key = k;
	if (t->nslots) {
		g->ns = ag_arena_alloc(&t->arena, t->nslots * sizeof(*g->ns));
		if (!g->ns)
			return NULL;
		for (size_t s = 0; s < t->nslots; s++) {
			g->ns[s].min = INFINITY;
			g->ns[s].max = -INFINITY;
			ag_hist_init(&g->ns[s].h);
		}
	}
	ag_ev_slots_put(t->slots, t->mask, h, t->ng++);
	return g;
}

/* ---- the run ------------------------------------------------------------------------ */

struct chunk_out {
	uint64_t seq;
	struct ag_buf out;
	struct ag_evs_example ex[AG_EVS_MAX_EXAMPLES];
	uint64_t ex_line[AG_EVS_MAX_EXAMPLES]; /* chunk-relative, 0-based */
	size_t nex;
	struct chunk_out *next;
};

struct engine {
	const struct ag_evq *q;
	const struct ag_evs_opts *o;
	struct ag_ev_fields fs;  /* the query's fields, then the container keys */
	struct ag_evr_keys keys;
	size_t max_ex;
	pthread_mutex_t mu;
	struct chunk_out *pending;
	struct ag_evs_result *res;
	uint64_t emitted;
	int emit_rc;
};

struct worker {
	struct engine *e;
	struct table t;
	struct ag_ev_strtab seen; /* field names of the first events */
	unsigned sampled;
	struct ag_evr_worker rd;
	struct ag_evq_scratch scr;
	struct ag_buf key;
	uint64_t events, matched;
	struct chunk_out *co;   /* current chunk */
	/* Groups of short string keys by their words: a direct-mapped cache in
	 * front of the table (a key of at most 16 bytes is its length, first
	 * and last 8 bytes, so a hit needs no comparison of bytes). */
	struct gcache {
		uint64_t a, b;
		uint32_t n, g; /* g: group index + 1; 0 empty */
	} gc[64];
	const struct ag_ev_line *line;
	int err;
};

static int update_group(struct worker *w, struct group *g, const struct ag_ev_val *vals);

static void encode_val(struct ag_buf *k, const struct ag_ev_val *v, bool lower, char *scratch)
{
	char t = (char)v->type;
	switch (v->type) {
	case AG_EV_STR: {
		size_t n;
		const char *s = ag_ev_str(v, scratch, &n);
		if (lower) {
			if (s != scratch)
				memcpy(scratch, s, n);
			for (size_t i = 0; i < n; i++)
				if (scratch[i] >= 'A' && scratch[i] <= 'Z')
					scratch[i] = (char)(scratch[i] + 32);
			s = scratch;
		}
		uint32_t len = (uint32_t)n;
		ag_buf_addc(k, t);
		ag_buf_add(k, &len, 4);
		ag_buf_add(k, s, n);
		break;
	}
	case AG_EV_NUM: {
		double d = v->num == 0 ? 0 : v->num;
		ag_buf_addc(k, t);
		ag_buf_add(k, &d, 8);
		break;
	}
	case AG_EV_OBJ:
	case AG_EV_ARR: {
		uint32_t len = (uint32_t)v->n;
		ag_buf_addc(k, t);
		ag_buf_add(k, &len, 4);
		ag_buf_add(k, v->p, v->n);
		break;
	}
	case AG_EV_NONE:
		ag_buf_addc(k, AG_EV_NULL); /* absent and null: one group, "no value" */
		break;
	default:
		ag_buf_addc(k, t);
	}
}

/* The common case, one short string key, without the buffer machinery. */
static inline size_t fast_key(const struct ag_evq *q, const struct ag_ev_val *vals, char *out)
{
	if (q->every_ns || q->nkeys != 1 || q->keys[0].lower)
		return 0;
	const struct ag_ev_val *v = ag_evq_key_val(q, 0, vals);
	if (v->type != AG_EV_STR || v->esc || v->n > 200)
		return 0;
	uint32_t len = (uint32_t)v->n;
	out[0] = AG_EV_STR;
	memcpy(out + 1, &len, 4);
	memcpy(out + 5, v->p, v->n);
	return v->n + 5;
}

/* ag_evq_key_val() without the call when the key's own field is a string
 * (a service name where it is expected). */
static inline const struct ag_ev_val *key_val(const struct ag_evq *q, size_t i,
					      const struct ag_ev_val *vals)
{
	const struct ag_ev_val *v = &vals[q->keys[i].field];
	return v->type == AG_EV_STR ? v : ag_evq_key_val(q, i, vals);
}

static int aggregate(struct worker *w, const struct ag_ev_val *vals)
{
	const struct ag_evq *q = w->e->q;
	char fk[208];
	if (!q->every_ns && q->nkeys == 1 && !q->keys[0].lower) {
		const struct ag_ev_val *v = key_val(q, 0, vals);
		if (v->type == AG_EV_STR && !v->esc && v->n <= 16) {
			uint64_t a = 0, b = 0;
			if (v->n >= 8) {
				memcpy(&a, v->p, 8);
				memcpy(&b, v->p + v->n - 8, 8);
			} else {
				memcpy(&a, v->p, v->n);
			}
			uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ v->n;
			struct gcache *c = &w->gc[(h ^ h >> 29) & 63];
			if (c->g && c->a == a && c->b == b && c->n == v->n)
				return update_group(w, &w->t.g[c->g - 1], vals);
			size_t fkl = fast_key(q, vals, fk);
			struct group *g = table_get(&w->t, fk, fkl, hash_bytes(fk, fkl));
			if (!g)
				return AG_ENOMEM;
			*c = (struct gcache){a, b, (uint32_t)v->n, (uint32_t)(g - w->t.g) + 1};
			return update_group(w, g, vals);
		}
	}
	size_t fkl = fast_key(q, vals, fk);
	if (fkl) {
		struct group *g = table_get(&w->t, fk, fkl, hash_bytes(fk, fkl));
		if (!g)
			return AG_ENOMEM;
		return update_group(w, g, vals);
	}
	struct ag_buf *k = &w->key;
	ag_buf_reset(k);
	if (q->every_ns) {
		int64_t t;
		if (!ag_evq_time(q, vals, &t))
			return 0; /* no time: not in any window */
		int64_t wstart = t - ((t % q->every_ns) + q->every_ns) % q->every_ns;
		ag_buf_add(k, &wstart, 8);
	}
	for (size_t i = 0; i < q->nkeys; i++)
		encode_val(k, ag_evq_key_val(q, i, vals), q->keys[i].lower, w->scr.p);
	if (k->len == 0)
		ag_buf_addc(k, 0); /* one group: the total */
	if (ag_buf_err(k))
		return ag_buf_err(k);
	struct group *g = table_get(&w->t, k->data, k->len, hash_bytes(k->data, k->len));
	if (!g)
		return AG_ENOMEM;
	return update_group(w, g, vals);
}

static int update_group(struct worker *w, struct group *g, const struct ag_ev_val *vals)
{
	const struct ag_evq *q = w->e->q;
	g->count++;
	if (q->errors && ag_evq_is_error_in(q, vals, w->rd.set, &w->scr))
		g->errors++;
	for (size_t s = 0; s < q->nslots; s++) {
		double d;
		const struct ag_ev_val *v = &vals[q->slot_field[s]];
		if (v->type == AG_EV_NUM && !q->slot_num[s]) {
			d = v->num; /* the common case, without a call */
		} else if (v->type == AG_EV_NUM) {
			/* a duration field's number, scaled: ag_evq_slot_value()'s
			 * first case, without the call */
			d = v->num * q->nums[q->slot_num[s] - 1].mul;
			if (d != d)
				continue;
		} else if (!ag_evq_slot_value(q, s, vals, &d)) {
			continue;
		}
		struct numstat *ns = &g->ns[s];
		ns->n++;
		ns->sum += d;
		if (d < ns->min)
			ns->min = d;
		if (d > ns->max)
			ns->max = d;
		if (q->slot_hist[s] && hist_add(&ns->h, d))
			return AG_ENOMEM;
	}
	return 0;
}

static int on_event(struct worker *w, const struct ag_ev_val *vals, const char *text, size_t n)
{
	const struct ag_evq *q = w->e->q;
	w->events++;
	/* the usual question has neither a time range nor a filter: no calls */
	if (((q->has_since || q->has_until) && !ag_evq_in_range(q, vals)) ||
	    (q->where && !ag_evq_match(q->where, vals, &w->scr)))
		return 0;
	w->matched++;
	if (!q->aggregate) {
		if (w->e->o->emit) {
			ag_buf_add(&w->co->out, text, n);
			ag_buf_addc(&w->co->out, '\n');
			if (ag_buf_err(&w->co->out))
				return ag_buf_err(&w->co->out);
		}
		return 0;
	}
	return aggregate(w, vals);
}

#define SAMPLE_EVENTS 16
#define SAMPLE_NAMES 256

static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The member names of an object, as field paths: "a", and "a.b" for the
 * members of a nested object (two levels). */
static int sample_object(struct ag_ev_strtab *t, const struct ag_ev_val *obj, const char *prefix,
			 size_t pn, int depth)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, obj);
	while (t->n < SAMPLE_NAMES && ag_ev_iter_next(&it, &k, &v) == 1) {
		if (k.esc || !k.n || pn + 1 + k.n > 200)
			continue; /* an escaped or long key is no suggestion */
		char path[256];
		size_t n = 0;
		if (pn) {
			memcpy(path, prefix, pn);
			path[pn] = '.';
			n = pn + 1;
		}
		memcpy(path + n, k.p, k.n);
		n += k.n;
		uint32_t idx;
		int rc = ag_ev_strtab_add(t, path, n, name_hash(path, n), &idx);
		if (rc)
			return rc;
		if (v.type == AG_EV_OBJ && depth < 2 && (rc = sample_object(t, &v, path, n, depth + 1)))
			return rc;
	}
	return 0;
}

static int on_record(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		     const char *text, size_t n)
{
	struct worker *w = ctx;
	if (w->sampled < SAMPLE_EVENTS && rec->kind == AG_EVR_EVENT && text && n) {
		w->sampled++;
		struct ag_ev_val v;
		const char *err, *errp;
		if (ag_ev_parse_value(text, text + n, &v, &err, &errp) && v.type == AG_EV_OBJ) {
			int rc = sample_object(&w->seen, &v, "", 0, 1);
			if (rc)
				return rc;
		}
	}
	return on_event(w, vals, text, n);
}

static void on_bad(void *ctx, uint64_t rel_line, size_t col, const char *why, const char *text,
		   size_t len)
{
	struct worker *w = ctx;
	struct chunk_out *co = w->co;
	if (co->nex >= w->e->max_ex)
		return;
	struct ag_evs_example *x = &co->ex[co->nex];
	size_t n = len < 120 ? len : 120;
	x->text = malloc(n + 1);
	if (!x->text)
		return;
	memcpy(x->text, text, n);
	x->text[n] = '\0';
	x->why = why;
	x->col = col;
	co->ex_line[co->nex++] = rel_line;
}

static int run_chunk(void *arg, struct ag_ev_chunk *c)
{
	struct worker *w = arg;
	struct engine *e = w->e;
	const struct ag_evq *q = e->q;
	struct chunk_out *co = calloc(1, sizeof(*co));
	if (!co)
		return AG_ENOMEM;
	ag_buf_init(&co->out);
	co->seq = c->seq;
	w->co = co;
	/* a value is never longer than its chunk (scratch pages are touched only
	 * by strings with escapes) */
	int rc = ag_evq_scratch_fit(&w->scr, c->n);
	struct ag_evr_sink sink = {on_record, on_bad, w, !q->aggregate && e->o->emit};
	w->rd.mapped = c->mapped;
	if (!rc)
		rc = ag_evr_chunk(&w->rd, c->p, c->n, c->doc, &sink, &c->nlines);
	pthread_mutex_lock(&e->mu);
	co->next = e->pending;
	e->pending = co;
	pthread_mutex_unlock(&e->mu);
	w->co = NULL;
	return rc;
}

static int retire_chunk(void *ctx, const struct ag_ev_chunk *c)
{
	struct engine *e = ctx;
	pthread_mutex_lock(&e->mu);
	struct chunk_out **pp = &e->pending, *co = NULL;
	while (*pp) {
		if ((*pp)->seq == c->seq) {
			co = *pp;
			*pp = co->next;
			break;
		}
		pp = &(*pp)->next;
	}
	pthread_mutex_unlock(&e->mu);
	if (!co)
		return 0;
	struct ag_evs_result *res = e->res;
	for (size_t i = 0; i < co->nex; i++) {
		if (res->nex < e->max_ex) {
			struct ag_evs_example *x = &res->ex[res->nex++];
			*x = co->ex[i];
			x->input = c->input;
			x->line = c->first_line + co->ex_line[i];
		} else {
			free(co->ex[i].text);
		}
	}
	int rc = 0;
	if (co->out.len && e->o->emit && !e->emit_rc) {
		const char *p = co->out.data, *end = p + co->out.len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (e->q->limit && e->emitted >= (uint64_t)e->q->limit) {
				e->emit_rc = 1;
				break;
			}
			if ((e->emit_rc = e->o->emit(e->o->ctx, p, (size_t)(nl - p))))
				break;
			e->emitted++;
			p = nl + 1;
		}
		if (e->q->limit && e->emitted >= (uint64_t)e->q->limit)
			e->emit_rc = 1;
		if (e->emit_rc)
			rc = 1; /* stop the run: the output has what it needs */
	}
	ag_buf_release(&co->out);
	free(co);
	return rc;
}

static void progress_tramp(void *ctx, uint64_t done, uint64_t total, double seconds)
{
	struct engine *e = ctx;
	e->o->progress(e->o->ctx, done, total, seconds);
}

/* ---- results ------------------------------------------------------------------------ */

struct result_priv {
	struct table t;
};

static int merge_into(struct table *dst, struct table *src)
{
	for (size_t i = 0; i < src->ng; i++) {
		struct group *s = &src->g[i];
		struct group *g = table_get(dst, s->key, s->klen, s->hash);
		if (!g)
			return AG_ENOMEM;
		g->count += s->count;
		g->errors += s->errors;
		for (size_t k = 0; k < dst->nslots; k++) {
			struct numstat *a = &g->ns[k], *b = &s->ns[k];
			a->n += b->n;
			a->sum += b->sum;
			if (b->min < a->min)
				a->min = b->min;
			if (b->max > a->max)
				a->max = b->max;
			if (ag_hist_merge(&a->h, &b->h))
				return AG_ENOMEM;
		}
	}
	return 0;
}

static const char *decode_cell(const char *p, struct ag_evs_cell *c)
{
	memset(c, 0, sizeof(*c));
	c->type = (uint8_t)*p++;
	uint32_t len;
	switch (c->type) {
	case AG_EV_STR:
	case AG_EV_OBJ:
	case AG_EV_ARR:
		memcpy(&len, p, 4);
		c->s = p + 4;
		c->n = len;
		return p + 4 + len;
	case AG_EV_NUM:
		memcpy(&c->num, p, 8);
		return p + 8;
	default:
		return p;
	}
}

static double agg_value(const struct ag_evq_agg *a, const struct group *g, bool *null)
{
	*null = false;
	switch (a->kind) {
	case AG_AGG_COUNT:
		return (double)g->count;
	case AG_AGG_ERRORS:
		return (double)g->errors;
	case AG_AGG_ERROR_RATE:
		return g->count ? (double)g->errors / (double)g->count : 0;
	default:
		break;
	}
	const struct numstat *ns = &g->ns[a->slot];
	if (!ns->n) {
		*null = a->kind != AG_AGG_SUM;
		return 0;
	}
	switch (a->kind) {
	case AG_AGG_SUM: return ns->sum;
	case AG_AGG_AVG: return ns->sum / (double)ns->n;
	case AG_AGG_MIN: return ns->min;
	case AG_AGG_MAX: return ns->max;
	case AG_AGG_PCT: return ag_hist_quantile(&ns->h, a->q);
	default: return 0;
	}
}

struct sortrow {
	double primary;   /* window or sort aggregate, signed for direction */
	double secondary; /* sort aggregate after a window */
	struct ag_evs_row *row;
	size_t nkeys;
};

static int cmp_cell(const struct ag_evs_cell *a, const struct ag_evs_cell *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->type == AG_EV_NUM)
		return a->num < b->num ? -1 : a->num > b->num;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = n ? memcmp(a->s, b->s, n) : 0;
	return c ? c : a->n < b->n ? -1 : a->n > b->n;
}

static int cmp_dbl(double a, double b)
{
	bool an = a != a, bn = b != b;
	if (an || bn)
		return an == bn ? 0 : an ? 1 : -1; /* nulls last */
	return a < b ? -1 : a > b;
}

static int cmp_rows(const void *x, const void *y)
{
	const struct sortrow *a = x, *b = y;
	int c = cmp_dbl(a->primary, b->primary);
	if (!c)
		c = cmp_dbl(a->secondary, b->secondary);
	for (size_t i = 0; !c && i < a->nkeys; i++)
		c = cmp_cell(&a->row->key[i], &b->row->key[i]);
	return c;
}

static int finish(const struct ag_evq *q, struct table *t, struct ag_evs_result *res)
{
	res->ngroups = t->ng;
	if (!t->ng)
		return 0;
	struct ag_evs_row *rows = calloc(t->ng, sizeof(*rows));
	struct sortrow *sr = calloc(t->ng, sizeof(*sr));
	if (!rows || !sr) {
		free(rows);
		free(sr);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < t->ng; i++) {
		const struct group *g = &t->g[i];
		struct ag_evs_row *r = &rows[i];
		const char *p = g->key;
		if (q->every_ns) {
			memcpy(&r->window, p, 8);
			p += 8;
		}
		for (size_t k = 0; k < q->nkeys; k++) {
			p = decode_cell(p, &r->key[k]);
			if (r->key[k].type > AG_EV_NULL) /* absent keys group as null */
				res->key_present[k] += g->count;
		}
		for (size_t sl = 0; sl < t->nslots && sl < AG_EVQ_MAX_AGGS; sl++)
			res->slot_values[sl] += g->ns[sl].n;
		for (size_t a = 0; a < q->naggs; a++)
			r->agg[a] = agg_value(&q->aggs[a], g, &r->agg_null[a]);
		sr[i].row = r;
		sr[i].nkeys = q->nkeys;
		double sv = NAN;
		int sa = q->sort_agg >= 0 ? q->sort_agg : (q->naggs && !q->every_ns ? 0 : -1);
		bool asc = q->sort_agg >= 0 ? q->sort_asc : false;
		if (sa >= 0 && !r->agg_null[sa])
			sv = asc ? r->agg[sa] : -r->agg[sa];
		if (q->every_ns && q->sort_agg < 0) {
			sr[i].primary = (double)r->window;
			sr[i].secondary = NAN;
		} else {
			sr[i].primary = sv;
			sr[i].secondary = q->every_ns ? (double)r->window : NAN;
		}
	}
	qsort(sr, t->ng, sizeof(*sr), cmp_rows);
	size_t keep = q->top && (size_t)q->top < t->ng ? (size_t)q->top : t->ng;
	res->rows = calloc(keep, sizeof(*res->rows));
	if (!res->rows) {
		free(rows);
		free(sr);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < keep; i++)
		res->rows[i] = *sr[i].row;
	res->nrows = keep;
	free(rows);
	free(sr);
	return 0;
}

int ag_evs_run(const struct ag_evq *q, const char *const *paths, size_t npaths,
	       const struct ag_evs_opts *o, struct ag_evs_result *res, struct ag_diags *d)
{
	memset(res, 0, sizeof(*res));
	struct engine e;
	memset(&e, 0, sizeof(e));
	e.q = q;
	e.o = o;
	e.res = res;
	e.fs = q->fields;
	e.max_ex = o->max_examples > AG_EVS_MAX_EXAMPLES ? AG_EVS_MAX_EXAMPLES : o->max_examples;
	if (ag_evr_keys_add(&e.fs, &e.keys)) {
		ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0, "the query uses too many fields (at most %d)",
			     AG_EV_MAX_FIELDS - AG_EVR_NKEYS);
		return AG_ELIMIT;
	}
	pthread_mutex_init(&e.mu, NULL);
	unsigned nt = ag_ev_threads(o->threads);
	struct worker *ws = calloc(nt, sizeof(*ws));
	void **wp = calloc(nt, sizeof(*wp));
	int rc = 0;
	if (!ws || !wp) {
		free(ws);
		free(wp);
		pthread_mutex_destroy(&e.mu);
		return AG_ENOMEM;
	}
	for (unsigned t = 0; t < nt; t++) {
		ws[t].e = &e;
		ag_buf_init(&ws[t].key);
		ag_evr_worker_init(&ws[t].rd, &e.fs, &e.keys);
		table_init(&ws[t].t, q->nslots);
		wp[t] = &ws[t];
		if (ag_evq_scratch_fit(&ws[t].scr, 4096))
			rc = AG_ENOMEM;
	}
	struct ag_ev_run_stats st;
	if (!rc) {
		struct ag_ev_run_opts ro = {nt, o->chunk_bytes, run_chunk, wp, retire_chunk, &e,
					    o->progress ? progress_tramp : NULL};
		rc = ag_ev_run(paths, npaths, &ro, &st, d);
		if (rc == 1)
			rc = 0; /* stopped early: the limit was reached */
		res->bytes = st.bytes;
		res->seconds = st.seconds;
	}
	for (unsigned t = 0; t < nt; t++) {
		res->lines += ws[t].rd.n.lines;
		res->events += ws[t].events;
		res->invalid += ws[t].rd.n.invalid;
		res->blank += ws[t].rd.n.blank;
		res->other += ws[t].rd.n.other;
		res->otlp_lines += ws[t].rd.n.containers;
		res->matched += ws[t].matched;
	}
	int mrc = 0;
	for (unsigned t = 1; t < nt && !mrc; t++)
		for (size_t i = 0; i < ws[t].seen.n && !mrc && ws[0].seen.n < SAMPLE_NAMES; i++) {
			uint32_t idx;
			mrc = ag_ev_strtab_add(&ws[0].seen, ws[t].seen.s[i], strlen(ws[t].seen.s[i]),
					       ws[t].seen.h[i], &idx);
		}
	if (!mrc && ws[0].seen.n) {
		/* handed over: the strings move, the table's own arrays go */
		res->seen = ws[0].seen.s;
		res->nseen = ws[0].seen.n;
		ws[0].seen.s = NULL;
		ws[0].seen.n = 0;
	}
	for (unsigned t = 1; t < nt && !mrc; t++)
		mrc = merge_into(&ws[0].t, &ws[t].t);
	if (!mrc && q->aggregate)
		mrc = finish(q, &ws[0].t, res);
	if (!rc)
		rc = mrc;
	struct result_priv *priv = calloc(1, sizeof(*priv));
	if (priv) {
		priv->t = ws[0].t; /* the rows' strings point into its arena */
		res->priv = priv;
	} else {
		table_release(&ws[0].t);
		if (!rc)
			rc = AG_ENOMEM;
	}
	for (unsigned t = 0; t < nt; t++) {
		if (t)
			table_release(&ws[t].t);
		ag_evq_scratch_release(&ws[t].scr);
		ag_evr_worker_release(&ws[t].rd);
		ag_buf_release(&ws[t].key);
		ag_ev_strtab_release(&ws[t].seen);
	}
	while (e.pending) {
		struct chunk_out *co = e.pending;
		e.pending = co->next;
		for (size_t i = 0; i < co->nex; i++)
			free(co->ex[i].text);
		ag_buf_release(&co->out);
		free(co);
	}
	free(ws);
	free(wp);
	pthread_mutex_destroy(&e.mu);
	return rc;
}

void ag_evs_result_release(struct ag_evs_result *res)
{
	for (size_t i = 0; i < res->nex; i++)
		free(res->ex[i].text);
	free(res->rows);
	for (size_t i = 0; i < res->nseen; i++)
		free(res->seen[i]);
	free(res->seen);
	struct result_priv *priv = res->priv;
	if (priv) {
		table_release(&priv->t);
		free(priv);
	}
	memset(res, 0, sizeof(*res));
}

/* ---- fields that are not there -------------------------------------------------------- */

static bool seen_has(const struct ag_evs_result *r, const char *name, size_t n)
{
	for (size_t i = 0; i < r->nseen; i++)
		if (strlen(r->seen[i]) == n && !memcmp(r->seen[i], name, n))
			return true;
	return false;
}

static int absent(struct ag_diags *d, const struct ag_evs_result *r, const char *what,
		  const char *name, size_t n, const char *also)
{
	char hint[300] = "", first[400] = "";
	const char *dym = ag_did_you_mean(name, n, (const char *const *)r->seen, r->nseen);
	if (dym)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", dym);
	size_t at = 0;
	for (size_t i = 0; i < r->nseen && i < 12 && at + strlen(r->seen[i]) + 8 < sizeof(first);
	     i++) {
		size_t l = strlen(r->seen[i]);
		memcpy(first + at, i ? ", " : "", i ? 2 : 0);
		at += i ? 2 : 0;
		memcpy(first + at, r->seen[i], l);
		at += l;
		first[at] = '\0';
	}
	if (r->nseen > 12 && at + 6 < sizeof(first))
		memcpy(first + at, ", ...", 6);
	return ag_diags_addc(d, AG_SEV_WARNING, AG_EVS_CODE_ABSENT, NULL, 0, 0,
			     "%s '%.*s'%s%s%s%s", what, (int)n, name, also, hint,
			     r->nseen ? "; the first events have " : "", first);
}

int ag_evs_absent(const struct ag_evq *q, const struct ag_evs_result *r, struct ag_diags *d)
{
	if (!r->events)
		return 0;
	int rc = 0;
	for (size_t k = 0; !rc && q->aggregate && k < q->nkeys; k++)
		if (!r->key_present[k] && r->ngroups)
			rc = absent(d, r, "no event has the field", q->keys[k].name,
				    strlen(q->keys[k].name),
				    q->keys[k].nalt ? " (nor any field the service is read from, "
						      "docs/events.md)" : "");
	for (size_t a = 0; !rc && q->aggregate && a < q->naggs; a++) {
		const struct ag_evq_agg *g = &q->aggs[a];
		if (g->field < 0 || g->kind < AG_AGG_SUM || r->slot_values[g->slot])
			continue;
		bool dup = false; /* p50 and p99 of one field: one warning */
		for (size_t b = 0; b < a; b++)
			dup |= q->aggs[b].field == g->field && q->aggs[b].kind >= AG_AGG_SUM;
		int num = q->slot_num[g->slot];
		bool chain = num > 0 && q->nums[num - 1].nalt > 0;
		if (!dup)
			rc = absent(d, r, "no event has a number in the field",
				    q->fields.f[g->field].path, q->fields.f[g->field].len,
				    chain ? " (nor in any of the known duration fields, docs/events.md)"
					  : "");
	}
	if (!rc && !r->matched && q->where && r->nseen) {
		int f[AG_EV_MAX_FIELDS];
		size_t nf = ag_evq_where_fields(q, f, AG_EV_MAX_FIELDS);
		for (size_t i = 0; !rc && i < nf && i < AG_EV_MAX_FIELDS; i++) {
			const char *p = q->fields.f[f[i]].path;
			size_t n = q->fields.f[f[i]].len;
			if (!seen_has(r, p, n))
				rc = absent(d, r, "nothing matched, and none of the first events has the "
					    "field", p, n, "");
		}
	}
	return rc;
}

/* ---- rendering ------------------------------------------------------------------------ */

int ag_evs_json_num(struct ag_buf *b, double v)
{
	char tmp[AG_JSON_NUM_MAX];
	int n = ag_json_format_double(tmp, v, AG_JSON_SHORTEST);
	return ag_buf_add(b, tmp, (size_t)n);
}

static void cell_json(struct ag_json *w, const struct ag_evs_cell *c)
{
	switch (c->type) {
	case AG_EV_NONE:
	case AG_EV_NULL: ag_json_null(w); break;
	case AG_EV_TRUE: ag_json_bool(w, true); break;
	case AG_EV_FALSE: ag_json_bool(w, false); break;
	case AG_EV_NUM: ag_json_double(w, c->num, AG_JSON_SHORTEST); break;
	case AG_EV_STR: ag_json_strn(w, c->s, c->n); break;
	default: ag_json_raw_compact(w, c->s, c->n); break; /* an object or array as it was */
	}
}

static void cell_text(struct ag_buf *b, const struct ag_evs_cell *c)
{
	switch (c->type) {
	case AG_EV_NONE:
	case AG_EV_NULL: ag_buf_adds(b, "(none)"); break;
	case AG_EV_TRUE: ag_buf_adds(b, "true"); break;
	case AG_EV_FALSE: ag_buf_adds(b, "false"); break;
	case AG_EV_NUM: ag_evs_json_num(b, c->num); break;
	/* a value from an event line: the terminal escaper (ADR-023) */
	default: ag_buf_text_str(b, c->s, c->n); break;
	}
}

int ag_evs_render(struct ag_buf *out, const struct ag_evq *q, const struct ag_evs_result *r,
		  const char *const *paths, bool json)
{
	(void)paths;
	if (json) {
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_uint(&w, "lines", r->lines);
		ag_json_kv_uint(&w, "events", r->events);
		ag_json_kv_uint(&w, "invalid", r->invalid + r->other);
		ag_json_kv_uint(&w, "matched", r->matched);
		ag_json_kv_uint(&w, "groups", r->ngroups);
		ag_json_key(&w, "rows");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < r->nrows; i++) {
			const struct ag_evs_row *row = &r->rows[i];
			ag_json_begin_object(&w);
			if (q->every_ns) {
				char ts[40];
				ag_ev_format_time(row->window, ts);
				ag_json_kv_str(&w, "window", ts);
			}
			for (size_t k = 0; k < q->nkeys; k++) {
				ag_json_key(&w, q->keys[k].name);
				cell_json(&w, &row->key[k]);
			}
			for (size_t a = 0; a < q->naggs; a++)
				ag_json_kv_double(&w, q->aggs[a].name,
						  row->agg_null[a] ? NAN : row->agg[a], AG_JSON_SHORTEST);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(out, '\n');
	}
	/* text: a table with a header, columns sized to their widest cell */
	size_t ncol = (q->every_ns ? 1 : 0) + q->nkeys + q->naggs;
	size_t nr = r->nrows + 1;
	struct ag_buf *cells = calloc(ncol * nr, sizeof(*cells));
	size_t *width = calloc(ncol ? ncol : 1, sizeof(*width));
	if (!cells || !width) {
		free(cells);
		free(width);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < ncol * nr; i++)
		ag_buf_init(&cells[i]);
	for (size_t i = 0; i < nr; i++) {
		size_t c = 0;
		const struct ag_evs_row *row = i ? &r->rows[i - 1] : NULL;
		if (q->every_ns) {
			char ts[40];
			if (row)
				ag_ev_format_time(row->window, ts);
			ag_buf_adds(&cells[i * ncol + c++], row ? ts : "window");
		}
		for (size_t k = 0; k < q->nkeys; k++, c++) {
			if (row)
				cell_text(&cells[i * ncol + c], &row->key[k]);
			else
				ag_buf_adds(&cells[i * ncol + c], q->keys[k].name);
		}
		for (size_t a = 0; a < q->naggs; a++, c++) {
			if (!row)
				ag_buf_adds(&cells[i * ncol + c], q->aggs[a].name);
			else if (row->agg_null[a])
				ag_buf_adds(&cells[i * ncol + c], "-");
			else
				ag_evs_json_num(&cells[i * ncol + c], row->agg[a]);
		}
	}
	for (size_t i = 0; i < nr * ncol; i++)
		if (cells[i].len > width[i % ncol])
			width[i % ncol] = cells[i].len;
	size_t nleft = (q->every_ns ? 1 : 0) + q->nkeys;
	for (size_t i = 0; i < nr; i++) {
		for (size_t c = 0; c < ncol; c++) {
			const struct ag_buf *cb = &cells[i * ncol + c];
			size_t pad = width[c] - cb->len;
			if (c)
				ag_buf_adds(out, "  ");
			if (c >= nleft)
				ag_buf_printf(out, "%*s", (int)pad, "");
			ag_buf_add(out, cb->data, cb->len);
			if (c < nleft && c + 1 < ncol)
				ag_buf_printf(out, "%*s", (int)pad, "");
		}
		ag_buf_addc(out, '\n');
	}
	int rc = 0;
	for (size_t i = 0; i < nr * ncol; i++) {
		if (!rc)
			rc = ag_buf_err(&cells[i]);
		ag_buf_release(&cells[i]);
	}
	free(cells);
	free(width);
	if (r->ngroups > r->nrows)
		ag_buf_printf(out, "(%zu of %zu groups)\n", r->nrows, r->ngroups);
	return rc ? rc : ag_buf_err(out);
}
