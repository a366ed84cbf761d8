/*
 * radar_catalog.c - the built-in technology catalog and the matcher that
 * indexes it; see radar_catalog.h.
 *
 * The table is data, reviewed like code: src/radar/catalog.tsv, one line
 * per technology, its aliases, and the packages, images, files and
 * extensions that give it away (ADR 0042). tests/unit/test_radar_catalog.c
 * checks that it has at least 1,000 technologies, every one the seed
 * names, no pattern claimed twice and PyPI names in normalised form.
 * Patterns are matched case-insensitively.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "model/radar.h"
#include "radar_catalog.h"

#define catalog ag_catalog_table /* radar_catalog.h */
#define NCATALOG ag_catalog_count

const struct ag_tech *ag_catalog(size_t *n)
{
	*n = NCATALOG;
	return catalog;
}

/* Lowercase the key; PyPI names are PEP 503 normalised (runs of '-', '_'
 * and '.' become one '-'). */
static size_t norm_key(enum ag_eco eco, const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		if (eco == AG_ECO_PYPI && (c == '-' || c == '_' || c == '.')) {
			if (k && out[k - 1] == '-')
				continue;
			c = '-';
		}
		out[k++] = c;
	}
	out[k] = '\0';
	return k;
}

struct name_ctx {
	const char *want;
};

static bool name_eq(const char *norm, void *arg)
{
	return !strcmp(norm, ((struct name_ctx *)arg)->want);
}

bool ag_tech_names(const struct ag_tech *t, bool (*fn)(const char *norm, void *arg),
		   void *arg)
{
	char buf[256];
	ag_radar_norm(t->name, strlen(t->name), buf, sizeof(buf));
	if (fn(buf, arg))
		return true;
	for (const char *a = t->aliases; *a;) {
		const char *end = strchr(a, '|');
		size_t len = end ? (size_t)(end - a) : strlen(a);
		if (ag_radar_norm(a, len, buf, sizeof(buf)) && fn(buf, arg))
			return true;
		a += len + (end ? 1 : 0);
	}
	return false;
}

const struct ag_tech *ag_catalog_find(const char *name, size_t n)
{
	char want[256];
	if (!ag_radar_norm(name, n, want, sizeof(want)))
		return NULL;
	struct name_ctx ctx = {want};
	for (size_t i = 0; i < NCATALOG; i++)
		if (ag_tech_names(&catalog[i], name_eq, &ctx))
			return &catalog[i];
	return NULL;
}

/* ---- the matcher ---- */

struct ag_matcher_slot {
	const char *key; /* lowercase; NULL when the slot is free */
	size_t len;
	unsigned char eco;
	const struct ag_match_target *target;
};

struct ag_matcher_prefix {
	const char *key;
	size_t len;
	unsigned char eco;
	bool mapping; /* from the radar: wins ties */
	const struct ag_match_target *target;
};

static size_t hash_key(unsigned eco, const char *s, size_t n)
{
	size_t h = 1469598103934665603u ^ eco;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static char *keep_string(struct ag_matcher *m, const char *s, size_t n)
{
	if (m->nstrings == m->salloc) {
		size_t na = m->salloc ? m->salloc * 2 : 64;
		char **v = realloc(m->strings, na * sizeof(*v));
		if (!v)
			return NULL;
		m->strings = v;
		m->salloc = na;
	}
	char *c = malloc(n + 1);
	if (!c)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	m->strings[m->nstrings++] = c;
	return c;
}

static int grow_slots(struct ag_matcher *m)
{
	size_t nn = m->nslots ? m->nslots * 2 : 4096;
	struct ag_matcher_slot *ns = calloc(nn, sizeof(*ns));
	if (!ns)
		return AG_ENOMEM;
	for (size_t i = 0; i < m->nslots; i++) {
		struct ag_matcher_slot *s = &m->slots[i];
		if (!s->key)
			continue;
		size_t h = hash_key(s->eco, s->key, s->len) & (nn - 1);
		while (ns[h].key)
			h = (h + 1) & (nn - 1);
		ns[h] = *s;
	}
	free(m->slots);
	m->slots = ns;
	m->nslots = nn;
	return 0;
}

static struct ag_matcher_slot *find_slot(const struct ag_matcher *m, unsigned eco,
					 const char *key, size_t n)
{
	if (!m->nslots)
		return NULL;
	size_t h = hash_key(eco, key, n) & (m->nslots - 1);
	for (;;) {
		struct ag_matcher_slot *s = &m->slots[h];
		if (!s->key || (s->eco == eco && s->len == n && !memcmp(s->key, key, n)))
			return s;
		h = (h + 1) & (m->nslots - 1);
	}
}

/* Insert one normalised pattern. `replace`: a radar mapping overrides. */
static int insert(struct ag_matcher *m, unsigned eco, const char *key, size_t n,
		  const struct ag_match_target *t, bool replace)
{
	if (n && key[n - 1] == '*') {
		if (m->npre == m->prealloc) {
			size_t na = m->prealloc ? m->prealloc * 2 : 128;
			struct ag_matcher_prefix *v = realloc(m->pre, na * sizeof(*v));
			if (!v)
				return AG_ENOMEM;
			m->pre = v;
			m->prealloc = na;
		}
		m->pre[m->npre++] = (struct ag_matcher_prefix){key, n - 1, (unsigned char)eco,
							       replace, t};
		return 0;
	}
	if ((m->used + 1) * 2 > m->nslots && grow_slots(m))
		return AG_ENOMEM;
	struct ag_matcher_slot *s = find_slot(m, eco, key, n);
	if (s->key) {
		if (replace)
			s->target = t;
		return 0; /* first catalog claim wins; the tests forbid a second */
	}
	*s = (struct ag_matcher_slot){key, n, (unsigned char)eco, t};
	m->used++;
	return 0;
}

static int pre_cmp(const void *a, const void *b)
{
	const struct ag_matcher_prefix *x = a, *y = b;
	if (x->eco != y->eco)
		return x->eco < y->eco ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1; /* longest first */
	if (x->mapping != y->mapping)
		return x->mapping ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int add_pattern(struct ag_matcher *m, const char *p, size_t n,
		       const struct ag_match_target *t, bool replace)
{
	const char *colon = memchr(p, ':', n);
	if (!colon || ag_pattern_problem(p, n))
		return AG_EINVAL;
	int eco = ag_eco_parse(p, (size_t)(colon - p));
	char buf[512];
	size_t kl = norm_key((enum ag_eco)eco, colon + 1, n - (size_t)(colon - p) - 1, buf,
			     sizeof(buf));
	char *key = keep_string(m, buf, kl);
	if (!key)
		return AG_ENOMEM;
	return insert(m, (unsigned)eco, key, kl, t, replace);
}

static struct ag_match_target *new_target(struct ag_matcher *m)
{
	if (m->ntargets == m->talloc) {
		/* targets are referenced by pointer: allocate in blocks, never move */
		return NULL;
	}
	return &m->targets[m->ntargets++];
}

struct name_ins {
	struct ag_matcher *m;
	const struct ag_match_target *t;
	int rc;
};

static bool name_insert(const char *norm, void *arg)
{
	struct name_ins *ni = arg;
	size_t n = strlen(norm);
	char *key = keep_string(ni->m, norm, n);
	if (!key || insert(ni->m, AG_ECO__COUNT, key, n, ni->t, false)) {
		ni->rc = AG_ENOMEM;
		return true;
	}
	return false;
}

const char *ag_tech_implies(const struct ag_tech *t, const char *p, size_t plen, size_t *len)
{
	for (const char *e = t->implies; e && *e;) {
		while (*e == ' ' || *e == ',')
			e++;
		size_t el = strcspn(e, ",");
		const char *gt = memchr(e, '>', el);
		if (gt && (size_t)(gt - e) == plen && !memcmp(e, p, plen)) {
			*len = el - (size_t)(gt + 1 - e);
			return gt + 1;
		}
		e += el;
	}
	return NULL;
}

/* How many patterns of the catalog imply something: each gets a target. */
static size_t count_implying(void)
{
	size_t n = 0;
	for (size_t i = 0; i < NCATALOG; i++)
		for (const char *e = catalog[i].implies; *e; e++)
			n += *e == '>';
	return n;
}

int ag_matcher_init(struct ag_matcher *m)
{
	memset(m, 0, sizeof(*m));
	/* one target per catalog technology and per implying pattern, plus
	 * room for a radar's mappings */
	m->talloc = NCATALOG + count_implying() + 4096;
	m->targets = calloc(m->talloc, sizeof(*m->targets));
	if (!m->targets)
		return AG_ENOMEM;
	if (grow_slots(m))
		return AG_ENOMEM;
	for (size_t i = 0; i < NCATALOG; i++) {
		struct ag_match_target *t = new_target(m);
		t->name = catalog[i].name;
		t->tech = &catalog[i];
	}
	for (size_t i = 0; i < NCATALOG; i++) {
		const struct ag_match_target *t = &m->targets[i];
		for (const char *p = catalog[i].match; *p;) {
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, " ");
			if (!len)
				break;
			const struct ag_match_target *pt = t;
			size_t il;
			const char *imp = *catalog[i].implies
						  ? ag_tech_implies(&catalog[i], p, len, &il)
						  : NULL;
			if (imp) {
				struct ag_match_target *nt = new_target(m);
				if (!nt)
					return AG_ENOMEM;
				*nt = *t;
				nt->implies = imp;
				nt->implies_len = il;
				pt = nt;
			}
			int rc = add_pattern(m, p, len, pt, false);
			if (rc == AG_ENOMEM)
				return rc;
			p += len;
		}
	}
	/* names and aliases, in canonical form, under a pseudo-ecosystem */
	for (size_t i = 0; i < NCATALOG; i++) {
		const struct ag_match_target *t = &m->targets[i];
		struct name_ins ni = {m, t, 0};
		ag_tech_names(&catalog[i], name_insert, &ni);
		if (ni.rc)
			return ni.rc;
	}
	qsort(m->pre, m->npre, sizeof(*m->pre), pre_cmp);
	return 0;
}

const struct ag_tech *ag_matcher_find(const struct ag_matcher *m, const char *name, size_t n)
{
	char buf[256];
	size_t kl = ag_radar_norm(name, n, buf, sizeof(buf));
	if (!kl)
		return NULL;
	struct ag_matcher_slot *s = find_slot(m, AG_ECO__COUNT, buf, kl);
	return s && s->key ? s->target->tech : NULL;
}

int ag_matcher_add(struct ag_matcher *m, const char *pattern, size_t plen,
		   const char *name, size_t nlen)
{
	if (ag_pattern_problem(pattern, plen))
		return AG_EINVAL;
	struct ag_match_target *t = new_target(m);
	if (!t)
		return AG_ELIMIT;
	char *nm = keep_string(m, name, nlen);
	if (!nm)
		return AG_ENOMEM;
	t->name = nm;
	t->tech = ag_matcher_find(m, name, nlen);
	if (t->tech)
		t->name = t->tech->name;
	int rc = add_pattern(m, pattern, plen, t, true);
	if (!rc)
		qsort(m->pre, m->npre, sizeof(*m->pre), pre_cmp);
	return rc;
}

const struct ag_match_target *ag_matcher_lookup(const struct ag_matcher *m, enum ag_eco eco,
						const char *key, size_t n)
{
	char buf[512];
	if (!n || n >= sizeof(buf))
		return NULL;
	size_t kl = norm_key(eco, key, n, buf, sizeof(buf));
	struct ag_matcher_slot *s = find_slot(m, (unsigned)eco, buf, kl);
	if (s && s->key)
		return s->target;
	/* prefixes of this ecosystem, longest first */
	size_t lo = 0, hi = m->npre;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->pre[mid].eco < (unsigned)eco)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < m->npre && m->pre[i].eco == (unsigned)eco; i++)
		if (m->pre[i].len <= kl && !memcmp(m->pre[i].key, buf, m->pre[i].len))
			return m->pre[i].target;
	return NULL;
}

void ag_matcher_release(struct ag_matcher *m)
{
	for (size_t i = 0; i < m->nstrings; i++)
		free(m->strings[i]);
	free(m->strings);
	free(m->slots);
	free(m->pre);
	free(m->targets);
	memset(m, 0, sizeof(*m));
}

/* Calls fn on each '|'- or ' '-separated word of list. */
/* The next word of a `sep`-separated list at *p (its length in *len), or
 * NULL at the end; *p moves past it. */
static const char *next_word(const char **p, char sep, size_t *len)
{
	while (**p == sep)
		(*p)++;
	const char *w = *p;
	*len = 0;
	while (w[*len] && w[*len] != sep)
		(*len)++;
	*p += *len;
	return *len ? w : NULL;
}

static int words(struct ag_buf *b, const char *list, char sep)
{
	int rc = 0;
	size_t len;
	bool first = true;
	for (const char *w; !rc && (w = next_word(&list, sep, &len)); first = false)
		rc = ag_buf_printf(b, "%s%.*s", first ? "" : ", ", (int)len, w);
	return rc;
}

static void words_json(struct ag_json *j, const char *list, char sep)
{
	size_t len;
	for (const char *w; (w = next_word(&list, sep, &len));)
		ag_json_strn(j, w, len);
}

/* One technology as JSON; its word lists become arrays of strings. */
static void tech_json(struct ag_json *w, const struct ag_tech *t)
{
	ag_json_inline(w);
	ag_json_begin_object(w);
	ag_json_kv_str(w, "name", t->name);
	ag_json_kv_str(w, "category", t->category);
	ag_json_kv_str(w, "quadrant", t->quadrant);
	ag_json_kv_bool(w, "language", t->flags & AG_TECH_LANGUAGE);
	ag_json_key(w, "aliases");
	ag_json_begin_array(w);
	words_json(w, t->aliases, '|');
	ag_json_end_array(w);
	ag_json_key(w, "match");
	ag_json_begin_array(w);
	words_json(w, t->match, ' ');
	ag_json_end_array(w);
	if (*t->implies) {
		ag_json_key(w, "implies");
		ag_json_begin_array(w);
		const char *list = t->implies;
		size_t el;
		for (const char *e; (e = next_word(&list, ',', &el));) {
			const char *gt = memchr(e, '>', el);
			if (!gt)
				continue;
			const char *p = e;
			while (*p == ' ')
				p++;
			ag_json_inline(w);
			ag_json_begin_object(w);
			ag_json_key(w, "match");
			ag_json_strn(w, p, (size_t)(gt - p));
			ag_json_key(w, "technologies");
			ag_json_begin_array(w);
			char names[512];
			size_t nl = (size_t)(e + el - gt - 1);
			if (nl < sizeof(names)) {
				memcpy(names, gt + 1, nl);
				names[nl] = '\0';
				words_json(w, names, '|');
			}
			ag_json_end_array(w);
			ag_json_end_object(w);
		}
		ag_json_end_array(w);
	}
	ag_json_end_object(w);
}

int ag_catalog_report(struct ag_buf *out, const struct ag_tech *only, bool json)
{
	if (json) {
		/* one compact technology a line; "[\n]" when none */
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_INDENT(1) | AG_JSON_BREAK_EMPTY);
		ag_json_begin_array(&w);
		for (size_t i = 0; i < NCATALOG; i++)
			if (!only || &catalog[i] == only)
				tech_json(&w, &catalog[i]);
		ag_json_end_array(&w);
		int rc = ag_json_finish(&w);
		return rc ? rc : ag_buf_addc(out, '\n');
	}
	int rc = 0;
	bool first = true;
	for (size_t i = 0; i < NCATALOG && !rc; i++) {
		const struct ag_tech *t = &catalog[i];
		if (only && t != only)
			continue;
		rc = ag_buf_printf(out, "%s%s  [%s; %s%s]\n", first || only ? "" : "\n",
				   t->name, t->category, t->quadrant,
				   t->flags & AG_TECH_LANGUAGE ? "; a language" : "");
		if (!rc && *t->aliases) {
			rc = ag_buf_adds(out, "    also: ");
			if (!rc)
				rc = words(out, t->aliases, '|');
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		if (!rc && *t->match) {
			rc = ag_buf_adds(out, "    found by: ");
			if (!rc)
				rc = words(out, t->match, ' ');
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		const char *list = t->implies;
		size_t el;
		for (const char *e; !rc && (e = next_word(&list, ',', &el));) {
			const char *gt = memchr(e, '>', el);
			while (*e == ' ')
				e++;
			size_t nl = gt ? (size_t)(list - gt - 1) : 0;
			char names[512];
			if (!gt || gt <= e || nl >= sizeof(names))
				continue;
			memcpy(names, gt + 1, nl);
			names[nl] = '\0';
			rc = ag_buf_printf(out, "    %.*s brings: ", (int)(gt - e), e);
			if (!rc)
				rc = words(out, names, '|');
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		first = false;
	}
	if (!rc && !only)
		rc = ag_buf_printf(out, "\n%zu technologies\n", NCATALOG);
	return rc;
}
