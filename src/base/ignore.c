/*
 * ignore.c - .gitignore-style pattern lists; see ignore.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ag.h"
#include "ignore.h"

/* ---- the index (see ignore.h) ----
 *
 * Every pattern with a literal end is filed in a bucket keyed by
 * (kind, base, literal text); the buckets hold pattern indexes in the
 * order added, so the stack pops from their ends. A probe (kind, base,
 * length) says which slice of a path to look up: for each probe some
 * live pattern uses, a path's slice of that length is hashed and its
 * bucket's patterns are tried. What a kind promises, and why the index
 * never hides a match:
 *
 *   K_NAME   all literal, matched against the name: only a name equal
 *            to the text can match
 *   K_NPRE   literal prefix of length L: the glob compares those L
 *            bytes one by one first, so the name starts with them
 *   K_NSUF   literal suffix of length L: the glob must end with s at its
 *            end, after comparing those L bytes, so the name ends so
 *   K_PATH, K_PPRE, K_PSUF   the same for anchored patterns, against the
 *            path below the pattern's folder (`base` is part of the key)
 *
 * A backslash, '*', '?' and '[' (closed or not) end a literal run, and
 * the "/" after "**" belongs to the "**" (glob() consumes it with it). */

enum { K_NAME, K_NPRE, K_NSUF, K_PATH, K_PPRE, K_PSUF, K_PROBE = 8, K_DEAD = 16 };

/* A bucket's key is the text of its first pattern (not a copy): that
 * pattern is the last of the bucket to be popped, so when it goes the
 * bucket is empty and becomes dead (K_DEAD: found by no lookup, left out
 * of the table when it grows). Dead buckets are dropped by a rebuild once
 * they outnumber the live ones, so a walk that pushes and pops many
 * folders' .gitignore files keeps only what is live. A probe's bucket has
 * no key; `one` is the probe's index. Most buckets hold one pattern:
 * it is kept in `one`, `more` is allocated for the second. */
struct ix_bucket {
	const char *key;
	size_t *more; /* n > 1: pattern indexes, ascending (`one` unused) */
	size_t one, base;
	uint32_t klen, kind, n, alloc;
};

struct ix_probe {
	unsigned kind;
	size_t base, len, count; /* count: live patterns filed through it */
};

struct ag_ignore_index {
	struct ix_bucket *b;
	size_t nb, ab;
	struct ix_probe *pr;
	size_t npr, apr;
	size_t *slot; /* open addressing: bucket id + 1, 0 empty */
	size_t nslot;
	size_t *gen; /* patterns tried one by one, ascending */
	size_t ngen, agen;
	size_t ndead; /* dead buckets */
};

static const size_t *bucket_idx(const struct ix_bucket *b)
{
	return b->alloc ? b->more : &b->one;
}

static uint64_t ix_hash(unsigned kind, size_t base, const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ ((uint64_t)kind << 56) ^ (uint64_t)base;
	h *= 1099511628211ull;
	if (!k) /* a probe: its length is the key */
		return (h ^ (uint64_t)n) * 1099511628211ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return h ^ (h >> 29);
}

static bool ix_same(const struct ix_bucket *b, unsigned kind, size_t base, const char *k,
		    size_t n)
{
	return b->kind == kind && b->base == base && b->klen == n &&
	       (!k || !memcmp(b->key, k, n)); /* K_DEAD never equals a kind asked for */
}

/* The bucket of (kind, base, k, n), or SIZE_MAX when there is none. */
static size_t ix_find(const struct ag_ignore_index *x, unsigned kind, size_t base, const char *k,
		      size_t n)
{
	if (!x->nslot)
		return SIZE_MAX;
	size_t mask = x->nslot - 1;
	for (size_t i = (size_t)ix_hash(kind, base, k, n) & mask;; i = (i + 1) & mask) {
		size_t id = x->slot[i];
		if (!id)
			return SIZE_MAX;
		if (ix_same(&x->b[id - 1], kind, base, k, n))
			return id - 1;
	}
}

static int ix_rehash(struct ag_ignore_index *x, size_t ns)
{
	size_t *slot = calloc(ns, sizeof(*slot));
	if (!slot)
		return AG_ENOMEM;
	for (size_t id = 0; id < x->nb; id++) {
		const struct ix_bucket *b = &x->b[id];
		if (b->kind & K_DEAD) /* its key may be freed: out of the table */
			continue;
		size_t i = (size_t)ix_hash(b->kind, b->base, b->key, b->klen) & (ns - 1);
		while (slot[i])
			i = (i + 1) & (ns - 1);
		slot[i] = id + 1;
	}
	free(x->slot);
	x->slot = slot;
	x->nslot = ns;
	return 0;
}

/* The bucket of (kind, base, k, n), made when missing: its id, or
 * SIZE_MAX when out of memory. */
static size_t ix_get(struct ag_ignore_index *x, unsigned kind, size_t base, const char *k,
		     size_t n)
{
	size_t id = ix_find(x, kind, base, k, n);
	if (id != SIZE_MAX)
		return id;
	if ((x->nb + 1) * 2 > x->nslot && ix_rehash(x, x->nslot ? x->nslot * 2 : 64))
		return SIZE_MAX;
	if (x->nb == x->ab) {
		size_t na = x->ab ? x->ab * 2 : 64;
		struct ix_bucket *v = realloc(x->b, na * sizeof(*v));
		if (!v)
			return SIZE_MAX;
		x->b = v;
		x->ab = na;
	}
	id = x->nb++;
	x->b[id] = (struct ix_bucket){k, NULL, 0, base, (uint32_t)n, kind, 0, 0};
	size_t mask = x->nslot - 1, i = (size_t)ix_hash(kind, base, k, n) & mask;
	while (x->slot[i])
		i = (i + 1) & mask;
	x->slot[i] = id + 1;
	return id;
}

/* Add pattern `i` to bucket `b` (indexes ascending). */
static int bucket_push(struct ix_bucket *b, size_t i)
{
	if (!b->n && !b->alloc) {
		b->one = i;
		b->n = 1;
		return 0;
	}
	if (!b->alloc || b->n == b->alloc) {
		uint32_t na = b->alloc ? b->alloc * 2 : 4;
		size_t *v = realloc(b->more, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		if (!b->alloc)
			v[0] = b->one;
		b->more = v;
		b->alloc = na;
	}
	b->more[b->n++] = i;
	return 0;
}

static int push_index(size_t **v, size_t *n, size_t *alloc, size_t i)
{
	if (*n == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 4;
		size_t *nv = realloc(*v, na * sizeof(*nv));
		if (!nv)
			return AG_ENOMEM;
		*v = nv;
		*alloc = na;
	}
	(*v)[(*n)++] = i;
	return 0;
}

/* Where the class that opens at p ("[") closes, as glob() reads it, or
 * NULL when it does not (then '[' is a literal). */
static const char *class_end(const char *p, const char *pe)
{
	const char *q = p + 1;
	if (q < pe && (*q == '!' || *q == '^'))
		q++;
	const char *start = q;
	while (q < pe && (*q != ']' || q == start))
		q += (q + 2 < pe && q[1] == '-' && q[2] != ']') ? 3 : 1;
	return q < pe ? q : NULL;
}

/* The lengths of the literal runs that begin and end the pattern;
 * `*all` when it has no wildcard or escape at all. */
static void literal_ends(const char *p, size_t n, size_t *lead, size_t *tail, bool *all)
{
	const char *pe = p + n, *first = NULL, *after = p;
	for (const char *q = p; q < pe;) {
		const char *next;
		if (*q == '\\')
			next = q + 2 > pe ? pe : q + 2;
		else if (*q == '*' && q + 1 < pe && q[1] == '*')
			next = q + 2 < pe && q[2] == '/' ? q + 3 : q + 2; /* "**" + "/" is one */
		else if (*q == '*' || *q == '?')
			next = q + 1;
		else if (*q == '[') {
			const char *e = class_end(q, pe);
			next = e ? e + 1 : q + 1;
		} else {
			q++;
			continue;
		}
		if (!first)
			first = q;
		after = next;
		q = next;
	}
	*all = !first;
	*lead = first ? (size_t)(first - p) : n;
	*tail = (size_t)(pe - after);
}

/* File pattern `i` in the index (or in the one-by-one list). */
static int ix_add(struct ag_ignore *ig, size_t i)
{
	struct ag_ignore_pat *pt = &ig->v[i];
	if (!ig->ix && !(ig->ix = calloc(1, sizeof(*ig->ix))))
		return AG_ENOMEM;
	struct ag_ignore_index *x = ig->ix;
	size_t lead, tail;
	bool all, anch = pt->flags & AG_IGNORE_ANCHORED;
	literal_ends(pt->p, pt->len, &lead, &tail, &all);
	unsigned kind;
	size_t len;
	const char *key;
	if (all)
		kind = anch ? K_PATH : K_NAME, len = 0, key = pt->p;
	else if (lead && lead >= tail)
		kind = anch ? K_PPRE : K_NPRE, len = lead, key = pt->p;
	else if (tail)
		kind = anch ? K_PSUF : K_NSUF, len = tail, key = pt->p + pt->len - tail;
	else {
		pt->bucket = pt->probe = SIZE_MAX;
		return push_index(&x->gen, &x->ngen, &x->agen, i);
	}
	size_t base = anch ? pt->base : 0;
	/* the probe first: a key bucket made and then left empty by a failure
	 * would keep the text of a pattern that is never added */
	size_t pid = ix_get(x, kind | K_PROBE, base, NULL, len);
	if (pid == SIZE_MAX)
		return AG_ENOMEM;
	/* the probe's bucket records where its probe lives (in `one`) */
	struct ix_bucket *pb = &x->b[pid];
	if (!pb->n) {
		if (x->npr == x->apr) {
			size_t na = x->apr ? x->apr * 2 : 16;
			struct ix_probe *v = realloc(x->pr, na * sizeof(*v));
			if (!v)
				return AG_ENOMEM;
			x->pr = v;
			x->apr = na;
		}
		pb->one = x->npr;
		pb->n = 1;
		x->pr[x->npr++] = (struct ix_probe){kind, base, len, 0};
	}
	size_t probe = pb->one;
	/* a new bucket's first pattern goes inline: only an older, live
	 * bucket can fail to take one */
	size_t bid = ix_get(x, kind, base, key, all ? pt->len : len);
	if (bid == SIZE_MAX || bucket_push(&x->b[bid], i))
		return AG_ENOMEM;
	pt->bucket = bid;
	pt->probe = probe;
	x->pr[pt->probe].count++;
	return 0;
}

static void ix_remove(struct ag_ignore *ig, size_t i)
{
	struct ag_ignore_index *x = ig->ix;
	const struct ag_ignore_pat *pt = &ig->v[i];
	if (!x)
		return;
	if (pt->bucket == SIZE_MAX) {
		x->ngen--; /* the last one: the stack pops in reverse */
		return;
	}
	struct ix_bucket *b = &x->b[pt->bucket];
	if (!--b->n) { /* its key is the text of this pattern, about to go */
		b->kind |= K_DEAD;
		x->ndead++;
	}
	x->pr[pt->probe].count--;
}

static void ix_free(struct ag_ignore_index *x);

/* Drop the dead buckets once they outnumber the live ones: file every
 * pattern again into a fresh index (amortised against the pops that made
 * them dead). Out of memory: keep the old one, which is still right. */
static void ix_compact(struct ag_ignore *ig)
{
	struct ag_ignore_index *old = ig->ix;
	if (!old || old->ndead < 64 || old->ndead <= old->nb - old->ndead)
		return;
	size_t *saved = malloc((ig->n ? ig->n : 1) * 2 * sizeof(*saved));
	if (!saved)
		return;
	for (size_t i = 0; i < ig->n; i++) {
		saved[2 * i] = ig->v[i].bucket;
		saved[2 * i + 1] = ig->v[i].probe;
	}
	ig->ix = NULL;
	for (size_t i = 0; i < ig->n; i++)
		if (ix_add(ig, i)) {
			ix_free(ig->ix);
			ig->ix = old;
			for (size_t k = 0; k < ig->n; k++) {
				ig->v[k].bucket = saved[2 * k];
				ig->v[k].probe = saved[2 * k + 1];
			}
			free(saved);
			return;
		}
	free(saved);
	ix_free(old);
}

static void ix_free(struct ag_ignore_index *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nb; i++)
		free(x->b[i].more);
	free(x->b);
	free(x->pr);
	free(x->slot);
	free(x->gen);
	free(x);
}

void ag_ignore_init(struct ag_ignore *ig)
{
	memset(ig, 0, sizeof(*ig));
}

size_t ag_ignore_mark(const struct ag_ignore *ig)
{
	return ig->n;
}

void ag_ignore_pop(struct ag_ignore *ig, size_t mark)
{
	while (ig->n > mark) {
		ix_remove(ig, --ig->n);
		free(ig->v[ig->n].p);
	}
	ix_compact(ig);
}

void ag_ignore_release(struct ag_ignore *ig)
{
	ag_ignore_pop(ig, 0);
	free(ig->v);
	ix_free(ig->ix);
	memset(ig, 0, sizeof(*ig));
}

int ag_ignore_add(struct ag_ignore *ig, const char *s, size_t n, size_t base)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) {
		if (n >= 2 && s[n - 2] == '\\' && s[n - 1] == ' ')
			break;
		n--;
	}
	if (!n || s[0] == '#')
		return 0;
	unsigned flags = 0;
	if (s[0] == '!') {
		flags |= AG_IGNORE_NEGATE;
		s++, n--;
	} else if (s[0] == '\\' && n > 1 && (s[1] == '#' || s[1] == '!')) {
		s++, n--;
	}
	if (n && s[n - 1] == '/') {
		flags |= AG_IGNORE_DIR;
		n--;
	}
	if (n && s[0] == '/') {
		flags |= AG_IGNORE_ANCHORED;
		s++, n--;
	}
	if (!n || n > 1024)
		return 0;
	if (memchr(s, '/', n))
		flags |= AG_IGNORE_ANCHORED;
	/* "**" + "/" + name with no other slash matches at any depth */
	if ((flags & AG_IGNORE_ANCHORED) && n > 3 && !memcmp(s, "**/", 3) &&
	    !memchr(s + 3, '/', n - 3)) {
		s += 3, n -= 3;
		flags &= ~(unsigned)AG_IGNORE_ANCHORED;
	}
	if (ig->n == ig->alloc) {
		size_t na = ig->alloc ? ig->alloc * 2 : 32;
		struct ag_ignore_pat *v = realloc(ig->v, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		ig->v = v;
		ig->alloc = na;
	}
	char *c = malloc(n + 1);
	if (!c)
		return AG_ENOMEM;
	memcpy(c, s, n);
	c[n] = '\0';
	ig->v[ig->n] = (struct ag_ignore_pat){c, n, base, flags, SIZE_MAX, SIZE_MAX};
	if (ix_add(ig, ig->n)) {
		free(c);
		return AG_ENOMEM;
	}
	ig->n++;
	return 0;
}

int ag_ignore_add_text(struct ag_ignore *ig, const char *text, size_t len, size_t base)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int rc = ag_ignore_add(ig, p, l, base);
		if (rc)
			return rc;
		p += l + 1;
	}
	return 0;
}

/* Glob as git does: '*' and '?' stop at '/', "**" crosses it, "[...]"
 * classes, backslash escapes. `budget` bounds backtracking on hostile
 * patterns. */
static bool glob(const char *p, const char *pe, const char *s, const char *se, int *budget)
{
	if (--*budget < 0)
		return false;
	while (p < pe) {
		char c = *p;
		if (c == '*') {
			if (p + 1 < pe && p[1] == '*') {
				p += 2;
				if (p < pe && *p == '/') {
					p++;
					for (const char *t = s;;) {
						if (glob(p, pe, t, se, budget))
							return true;
						const char *sl = memchr(t, '/', (size_t)(se - t));
						if (!sl)
							return false;
						t = sl + 1;
					}
				}
				for (const char *t = s; t <= se; t++)
					if (glob(p, pe, t, se, budget))
						return true;
				return false;
			}
			p++;
			for (const char *t = s;; t++) {
				if (glob(p, pe, t, se, budget))
					return true;
				if (t >= se || *t == '/')
					return false;
			}
		}
		if (s >= se)
			return false;
		if (c == '?') {
			if (*s == '/')
				return false;
		} else if (c == '[') {
			const char *q = p + 1;
			bool neg = q < pe && (*q == '!' || *q == '^');
			if (neg)
				q++;
			bool hit = false;
			const char *start = q;
			while (q < pe && (*q != ']' || q == start)) {
				if (q + 2 < pe && q[1] == '-' && q[2] != ']') {
					if (*s >= q[0] && *s <= q[2])
						hit = true;
					q += 3;
				} else {
					if (*s == *q)
						hit = true;
					q++;
				}
			}
			if (q >= pe) { /* no closing bracket: a literal '[' */
				if (*s != '[')
					return false;
			} else {
				if (hit == neg || *s == '/')
					return false;
				p = q;
			}
		} else {
			if (c == '\\' && p + 1 < pe)
				c = *++p;
			if (*s != c)
				return false;
		}
		p++, s++;
	}
	return s == se;
}

/* Whether pattern `pt` matches `rel` (rl bytes; `name` its last
 * component, nl bytes). */
static bool pat_match(const struct ag_ignore_pat *pt, const char *rel, size_t rl,
		      const char *name, size_t nl, bool is_dir)
{
	if ((pt->flags & AG_IGNORE_DIR) && !is_dir)
		return false;
	int budget = 10000;
	if (pt->flags & AG_IGNORE_ANCHORED) {
		if (pt->base > rl)
			return false;
		const char *sub = rel + pt->base + (pt->base ? 1 : 0);
		if (sub > rel + rl)
			return false;
		return glob(pt->p, pt->p + pt->len, sub, rel + rl, &budget);
	}
	return glob(pt->p, pt->p + pt->len, name, name + nl, &budget);
}

bool ag_ignore_match_linear(const struct ag_ignore *ig, const char *rel, size_t rl,
			    const char *name, bool is_dir)
{
	size_t nl = strlen(name);
	for (size_t i = ig->n; i-- > 0;)
		if (pat_match(&ig->v[i], rel, rl, name, nl, is_dir))
			return !(ig->v[i].flags & AG_IGNORE_NEGATE);
	return false;
}

/* The last pattern of `v` (n indexes, ascending) above `*best` that
 * matches, into *best (+1: 0 is none). */
static void try_list(const struct ag_ignore *ig, const size_t *v, size_t n, size_t *best,
		     const char *rel, size_t rl, const char *name, size_t nl, bool is_dir)
{
	while (n-- > 0 && v[n] + 1 > *best)
		if (pat_match(&ig->v[v[n]], rel, rl, name, nl, is_dir)) {
			*best = v[n] + 1;
			return;
		}
}

/* Whether `rel` (relative to the root, `name` its last component) is
 * ignored by the patterns, the last matching one deciding: the last
 * match among the patterns the index says can match. */
bool ag_ignore_match(const struct ag_ignore *ig, const char *rel, size_t rl, const char *name,
		     bool is_dir)
{
	const struct ag_ignore_index *x = ig->ix;
	if (!ig->n || !x)
		return false;
	size_t nl = strlen(name), best = 0;
	for (size_t p = 0; p < x->npr; p++) {
		const struct ix_probe *pr = &x->pr[p];
		if (!pr->count)
			continue;
		const char *s = name;
		size_t sl = nl;
		if (pr->kind >= K_PATH) { /* the path below the pattern's folder */
			if (pr->base > rl || (pr->base && pr->base == rl))
				continue;
			s = rel + pr->base + (pr->base ? 1 : 0);
			sl = rl - (size_t)(s - rel);
		}
		const char *k = s;
		size_t kl = sl;
		if (pr->kind == K_NPRE || pr->kind == K_PPRE || pr->kind == K_NSUF ||
		    pr->kind == K_PSUF) {
			if (sl < pr->len)
				continue;
			kl = pr->len;
			if (pr->kind == K_NSUF || pr->kind == K_PSUF)
				k = s + sl - pr->len;
		}
		size_t id = ix_find(x, pr->kind, pr->base, k, kl);
		if (id != SIZE_MAX)
			try_list(ig, bucket_idx(&x->b[id]), x->b[id].n, &best, rel, rl, name, nl,
				 is_dir);
	}
	try_list(ig, x->gen, x->ngen, &best, rel, rl, name, nl, is_dir);
	return best && !(ig->v[best - 1].flags & AG_IGNORE_NEGATE);
}
