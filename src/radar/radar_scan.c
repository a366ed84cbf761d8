/*
 * radar_scan.c - walk a repository and map what it uses to technologies;
 * see radar_scan.h.
 *
 * Why hand-written readers instead of full parsers: a scan must be fast on
 * 100,000-file trees and must never fail on a manifest it half
 * understands. Each reader looks for the few constructs that name a
 * dependency and keeps the line they are on; everything else is skipped.
 * JSON manifests and lockfiles go through one small tokenizer that tracks
 * the path of keys (so "dependencies" inside "scripts" is not mistaken for
 * a dependency list); TOML, YAML, XML, Gradle, HCL and Dockerfiles are
 * read line by line.
 *
 * The walk is depth-first in byte order of names, so evidence comes out in
 * the same order on every machine.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/radar.h"
#include "radar_scan.h"

#define MAX_DEPTH 64
#define PATH_CAP 4096

/* ------------------------------------------------------------------ */
/* the result: technologies in use, indexed by canonical name          */

int ag_scan_init(struct ag_scan *s)
{
	memset(s, 0, sizeof(*s));
	ag_arena_init(&s->arena, (size_t)256 << 20);
	return 0;
}

void ag_scan_release(struct ag_scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].ev);
	free(s->v);
	free(s->index);
	ag_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

const char *ag_ev_kind_name(enum ag_ev_kind k)
{
	switch (k) {
	case AG_EV_MANIFEST: return "manifest";
	case AG_EV_LOCKFILE: return "lockfile";
	case AG_EV_IMAGE: return "image";
	case AG_EV_INFRA: return "infrastructure";
	case AG_EV_FILE: return "file";
	case AG_EV_SOURCE: return "source";
	case AG_EV_MODEL: return "model";
	}
	return "file";
}

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The entry of `name` (canonical, NUL-terminated), created when missing. */
static struct ag_used *used_get(struct ag_scan *s, const char *name, const struct ag_tech *tech)
{
	if ((s->n + 1) * 2 > s->nindex) {
		size_t nn = s->nindex ? s->nindex * 2 : 256;
		struct ag_used **ni = calloc(nn, sizeof(*ni));
		if (!ni)
			return NULL;
		/* the index holds positions + 1 encoded as pointers into v, so
		 * rebuild it from v after any reallocation */
		free(s->index);
		s->index = ni;
		s->nindex = nn;
		for (size_t i = 0; i < s->n; i++) {
			size_t h = name_hash(s->v[i].name) & (nn - 1);
			while (ni[h])
				h = (h + 1) & (nn - 1);
			ni[h] = (struct ag_used *)(uintptr_t)(i + 1);
		}
	}
	size_t h = name_hash(name) & (s->nindex - 1);
	while (s->index[h]) {
		size_t i = (size_t)(uintptr_t)s->index[h] - 1;
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
		h = (h + 1) & (s->nindex - 1);
	}
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 64;
		struct ag_used *v = realloc(s->v, na * sizeof(*v));
		if (!v)
			return NULL;
		s->v = v;
		s->alloc = na;
	}
	struct ag_used *u = &s->v[s->n];
	memset(u, 0, sizeof(*u));
	u->name = tech ? tech->name : ag_arena_strdup(&s->arena, name);
	if (!u->name)
		return NULL;
	u->tech = tech;
	s->index[h] = (struct ag_used *)(uintptr_t)(s->n + 1);
	s->n++;
	return u;
}

static int used_add_ev(struct ag_scan *s, struct ag_used *u, const struct ag_evidence *ev,
		       size_t max_evidence)
{
	u->total++;
	if (ev->kind == AG_EV_SOURCE)
		u->files++;
	/* per technology: at most 5 pieces from one file, max_evidence in all;
	 * languages keep only their first 3 files */
	size_t cap = ev->kind == AG_EV_SOURCE ? 3 : max_evidence;
	if (u->nev >= cap)
		return 0;
	size_t same = 0;
	for (size_t i = u->nev; i-- > 0 && same < 5;) {
		if (strcmp(u->ev[i].file, ev->file))
			break;
		if (u->ev[i].line == ev->line && !strcmp(u->ev[i].match, ev->match))
			return 0;
		same++;
	}
	if (same >= 5)
		return 0;
	if (u->nev == u->evalloc) {
		size_t na = u->evalloc ? u->evalloc * 2 : 4;
		struct ag_evidence *v = realloc(u->ev, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		u->ev = v;
		u->evalloc = na;
	}
	struct ag_evidence *e = &u->ev[u->nev];
	*e = *ev;
	/* consecutive evidence usually shares the file name: share the copy */
	if (u->nev && !strcmp(u->ev[u->nev - 1].file, ev->file))
		e->file = u->ev[u->nev - 1].file;
	else if (!(e->file = ag_arena_strdup(&s->arena, ev->file)))
		return AG_ENOMEM;
	if (!(e->match = ag_arena_strdup(&s->arena, ev->match)))
		return AG_ENOMEM;
	u->nev++;
	return 0;
}

int ag_scan_add(struct ag_scan *s, const struct ag_matcher *m, const char *name, size_t n,
		const struct ag_evidence *ev, size_t max_evidence)
{
	const struct ag_tech *t = m ? ag_matcher_find(m, name, n) : ag_catalog_find(name, n);
	char buf[256];
	if (!t) {
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, name, n);
		buf[n] = '\0';
	}
	struct ag_used *u = NULL;
	/* names outside the catalog are one technology however they are
	 * spelt: "libyaml" and "LibYAML" */
	for (size_t i = 0; !t && i < s->n && !u; i++)
		if (!s->v[i].tech && ag_radar_same(s->v[i].name, strlen(s->v[i].name), name, n))
			u = &s->v[i];
	if (!u)
		u = used_get(s, t ? t->name : buf, t);
	if (!u)
		return AG_ENOMEM;
	return used_add_ev(s, u, ev, max_evidence ? max_evidence : 50);
}

/* ------------------------------------------------------------------ */
/* .gitignore-style patterns                                           */

enum { PAT_NEGATE = 1, PAT_DIR = 2, PAT_ANCHORED = 4 };

struct pat {
	char *p;       /* owned */
	size_t len;
	size_t base;   /* length of the relative path of the folder it applies to */
	unsigned flags;
};

struct pats {
	struct pat *v;
	size_t n, alloc;
};

static void pats_pop(struct pats *ps, size_t to)
{
	while (ps->n > to)
		free(ps->v[--ps->n].p);
}

static void pats_release(struct pats *ps)
{
	pats_pop(ps, 0);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

/* Parse one line of a .gitignore; 0 also when the line is no pattern. */
static int pats_add(struct pats *ps, const char *s, size_t n, size_t base)
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
		flags |= PAT_NEGATE;
		s++, n--;
	} else if (s[0] == '\\' && n > 1 && (s[1] == '#' || s[1] == '!')) {
		s++, n--;
	}
	if (n && s[n - 1] == '/') {
		flags |= PAT_DIR;
		n--;
	}
	if (n && s[0] == '/') {
		flags |= PAT_ANCHORED;
		s++, n--;
	}
	if (!n || n > 1024)
		return 0;
	if (memchr(s, '/', n))
		flags |= PAT_ANCHORED;
	/* "**" + "/" + name with no other slash matches at any depth */
	if ((flags & PAT_ANCHORED) && n > 3 && !memcmp(s, "**/", 3) && !memchr(s + 3, '/', n - 3)) {
		s += 3, n -= 3;
		flags &= ~(unsigned)PAT_ANCHORED;
	}
	if (ps->n == ps->alloc) {
		size_t na = ps->alloc ? ps->alloc * 2 : 32;
		struct pat *v = realloc(ps->v, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		ps->v = v;
		ps->alloc = na;
	}
	char *c = malloc(n + 1);
	if (!c)
		return AG_ENOMEM;
	memcpy(c, s, n);
	c[n] = '\0';
	ps->v[ps->n++] = (struct pat){c, n, base, flags};
	return 0;
}

static int pats_add_text(struct pats *ps, const char *text, size_t len, size_t base)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int rc = pats_add(ps, p, l, base);
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

/* Whether `rel` (relative to the root, `name` its last component) is
 * ignored by the patterns, the last matching one deciding. */
static bool pats_ignored(const struct pats *ps, const char *rel, size_t rl, const char *name,
			 bool is_dir)
{
	bool ignored = false;
	for (size_t i = 0; i < ps->n; i++) {
		const struct pat *pt = &ps->v[i];
		if ((pt->flags & PAT_DIR) && !is_dir)
			continue;
		if (ignored == !(pt->flags & PAT_NEGATE))
			continue; /* cannot change the outcome */
		int budget = 10000;
		bool hit;
		if (pt->flags & PAT_ANCHORED) {
			if (pt->base > rl)
				continue;
			const char *sub = rel + pt->base + (pt->base ? 1 : 0);
			if (sub > rel + rl)
				continue;
			hit = glob(pt->p, pt->p + pt->len, sub, rel + rl, &budget);
		} else {
			hit = glob(pt->p, pt->p + pt->len, name, name + strlen(name), &budget);
		}
		if (hit)
			ignored = !(pt->flags & PAT_NEGATE);
	}
	return ignored;
}

/* ------------------------------------------------------------------ */
/* the walk                                                            */

struct ctx {
	struct ag_scan *s;
	struct ag_diags *d;
	struct ag_matcher m;
	size_t max_file, max_entries, max_ev;
	struct pats ign;     /* .gitignore stack */
	struct pats exclude; /* scan.exclude */
	char path[PATH_CAP]; /* root + '/' + relative path */
	size_t root_len;
	char *buf;           /* file contents */
	size_t bufcap;
	bool stopped;
	int err;
	/* the file being read */
	const char *rel;
	enum ag_ev_kind kind;
};

static const char *rel_of(const struct ctx *c)
{
	return c->path + c->root_len + 1;
}

static void note_err(struct ctx *c, int rc)
{
	if (rc && !c->err)
		c->err = rc;
}

/* Evidence for whatever `key` maps to in `eco`. */
static void hit(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line,
		const char *shown, size_t sn)
{
	if (!n || c->err)
		return;
	const struct ag_match_target *t = ag_matcher_lookup(&c->m, eco, key, n);
	if (!t)
		return;
	char match[256];
	if (sn >= sizeof(match))
		sn = sizeof(match) - 1;
	memcpy(match, shown, sn);
	match[sn] = '\0';
	struct ag_evidence ev = {c->rel, line, match, c->kind};
	struct ag_used *u = used_get(c->s, t->tech ? t->tech->name : t->name, t->tech);
	if (!u) {
		note_err(c, AG_ENOMEM);
		return;
	}
	note_err(c, used_add_ev(c->s, u, &ev, c->max_ev));
}

static void hit_key(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line)
{
	hit(c, eco, key, n, line, key, n);
}

/* Evidence for a technology by name (go.mod's `go` line, engines.node). */
static void hit_name(struct ctx *c, const char *name, int line, const char *shown, size_t sn)
{
	const struct ag_tech *t = ag_matcher_find(&c->m, name, strlen(name));
	if (!t || c->err)
		return;
	char match[256];
	if (sn >= sizeof(match))
		sn = sizeof(match) - 1;
	memcpy(match, shown, sn);
	match[sn] = '\0';
	struct ag_evidence ev = {c->rel, line, match, c->kind};
	struct ag_used *u = used_get(c->s, t->name, t);
	if (!u) {
		note_err(c, AG_ENOMEM);
		return;
	}
	note_err(c, used_add_ev(c->s, u, &ev, c->max_ev));
}

/* ---- line helpers ---- */

struct lines {
	const char *p, *end;
	int no;
};

static bool next_line(struct lines *l, const char **s, size_t *n)
{
	if (l->p >= l->end)
		return false;
	const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	*s = l->p;
	*n = nl ? (size_t)(nl - l->p) : (size_t)(l->end - l->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	l->p = nl ? nl + 1 : l->end;
	l->no++;
	return true;
}

static const char *skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool starts(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - s) >= n && !memcmp(s, lit, n);
}

static bool starts_ci(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - s) >= n && !strncasecmp(s, lit, n);
}

/* A quoted or bare token at s: sets ts and tn, returns the end. */
static const char *token(const char *s, const char *e, const char **ts, size_t *tn)
{
	s = skip_ws(s, e);
	if (s < e && (*s == '"' || *s == '\'')) {
		char q = *s++;
		const char *t = s;
		while (s < e && *s != q)
			s++;
		*ts = t;
		*tn = (size_t)(s - t);
		return s < e ? s + 1 : s;
	}
	const char *t = s;
	while (s < e && *s != ' ' && *s != '\t' && *s != '#')
		s++;
	*ts = t;
	*tn = (size_t)(s - t);
	return s;
}

/* ---- a small JSON tokenizer with the path of keys ---- */

struct jw {
	const char *p, *end;
	int line;
	int depth;
	const char *key[MAX_DEPTH]; /* NULL for array elements */
	size_t klen[MAX_DEPTH];
	bool bad;
};

enum jv { JV_STR, JV_OBJ, JV_ARR, JV_OTHER };

/* Called for every object member (key != NULL) and array element. */
typedef void (*jw_fn)(struct ctx *c, const struct jw *w, const char *key, size_t kl,
		      int line, enum jv t, const char *val, size_t vl);

static void jw_ws(struct jw *w)
{
	while (w->p < w->end) {
		char ch = *w->p;
		if (ch == '\n')
			w->line++;
		else if (ch != ' ' && ch != '\t' && ch != '\r')
			break;
		w->p++;
	}
}

static bool jw_str(struct jw *w, const char **s, size_t *n)
{
	if (w->p >= w->end || *w->p != '"')
		return false;
	const char *t = ++w->p;
	while (w->p < w->end && *w->p != '"') {
		if (*w->p == '\\' && w->p + 1 < w->end)
			w->p++;
		else if (*w->p == '\n')
			return false;
		w->p++;
	}
	if (w->p >= w->end)
		return false;
	*s = t;
	*n = (size_t)(w->p - t);
	w->p++;
	return true;
}

static void jw_value(struct ctx *c, struct jw *w, const char *key, size_t kl, int kline,
		     jw_fn fn);

static void jw_container(struct ctx *c, struct jw *w, bool obj, jw_fn fn)
{
	w->p++; /* '{' or '[' */
	char close = obj ? '}' : ']';
	jw_ws(w);
	if (w->p < w->end && *w->p == close) {
		w->p++;
		return;
	}
	while (!w->bad && w->p < w->end) {
		jw_ws(w);
		const char *k = NULL;
		size_t kn = 0;
		int kline = w->line;
		if (obj) {
			if (!jw_str(w, &k, &kn)) {
				w->bad = true;
				return;
			}
			jw_ws(w);
			if (w->p >= w->end || *w->p != ':') {
				w->bad = true;
				return;
			}
			w->p++;
			jw_ws(w);
		}
		jw_value(c, w, k, kn, kline, fn);
		jw_ws(w);
		if (w->p < w->end && *w->p == ',') {
			w->p++;
			continue;
		}
		if (w->p < w->end && *w->p == close) {
			w->p++;
			return;
		}
		w->bad = true;
	}
}

static void jw_value(struct ctx *c, struct jw *w, const char *key, size_t kl, int kline,
		     jw_fn fn)
{
	if (w->p >= w->end) {
		w->bad = true;
		return;
	}
	char ch = *w->p;
	if (ch == '"') {
		const char *v;
		size_t vn;
		if (!jw_str(w, &v, &vn)) {
			w->bad = true;
			return;
		}
		fn(c, w, key, kl, kline, JV_STR, v, vn);
	} else if (ch == '{' || ch == '[') {
		fn(c, w, key, kl, kline, ch == '{' ? JV_OBJ : JV_ARR, NULL, 0);
		if (w->depth >= MAX_DEPTH) {
			w->bad = true;
			return;
		}
		w->key[w->depth] = key;
		w->klen[w->depth] = kl;
		w->depth++;
		jw_container(c, w, ch == '{', fn);
		w->depth--;
	} else {
		const char *v = w->p;
		while (w->p < w->end && !strchr(",}] \t\r\n", *w->p))
			w->p++;
		if (w->p == v) {
			w->bad = true;
			return;
		}
		fn(c, w, key, kl, kline, JV_OTHER, v, (size_t)(w->p - v));
	}
}

static void json_walk(struct ctx *c, const char *text, size_t len, jw_fn fn)
{
	struct jw w;
	memset(&w, 0, sizeof(w));
	w.p = text;
	w.end = text + len;
	w.line = 1;
	jw_ws(&w);
	if (w.p < w.end && (*w.p == '{' || *w.p == '['))
		jw_value(c, &w, NULL, 0, 1, fn);
}

static bool kis(const char *k, size_t n, const char *lit)
{
	return k && strlen(lit) == n && !memcmp(k, lit, n);
}

/* path[i] is key `lit` */
static bool pathis(const struct jw *w, int i, const char *lit)
{
	return i >= 0 && i < w->depth && kis(w->key[i], w->klen[i], lit);
}

static void j_package_json(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			   int line, enum jv t, const char *v, size_t vl)
{
	(void)v, (void)vl, (void)t;
	if (w->depth == 2 && k &&
	    (pathis(w, 1, "dependencies") || pathis(w, 1, "devDependencies") ||
	     pathis(w, 1, "peerDependencies") || pathis(w, 1, "optionalDependencies")))
		hit_key(c, AG_ECO_NPM, k, kl, line);
	else if (w->depth == 2 && pathis(w, 1, "engines") && kis(k, kl, "node"))
		hit_name(c, "Node.js", line, "engines.node", 12);
}

/* "node_modules/a/node_modules/@s/b" -> "@s/b" */
static void npm_lock_name(struct ctx *c, const char *k, size_t kl, int line)
{
	const char *last = NULL;
	for (const char *p = k; p + 13 <= k + kl; p++)
		if (!memcmp(p, "node_modules/", 13))
			last = p + 13;
	if (last)
		hit_key(c, AG_ECO_NPM, last, (size_t)(k + kl - last), line);
}

static void j_npm_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl, int line,
		       enum jv t, const char *v, size_t vl)
{
	(void)v, (void)vl;
	if (!k)
		return;
	if (w->depth == 2 && pathis(w, 1, "packages"))
		npm_lock_name(c, k, kl, line);
	else if (w->depth >= 2 && pathis(w, w->depth - 1, "dependencies") &&
		 (t == JV_OBJ || t == JV_STR))
		hit_key(c, AG_ECO_NPM, k, kl, line);
}

static void j_composer(struct ctx *c, const struct jw *w, const char *k, size_t kl, int line,
		       enum jv t, const char *v, size_t vl)
{
	(void)t, (void)v, (void)vl;
	if (w->depth == 2 && k && (pathis(w, 1, "require") || pathis(w, 1, "require-dev")))
		hit_key(c, AG_ECO_COMPOSER, k, kl, line);
}

static void j_composer_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			    int line, enum jv t, const char *v, size_t vl)
{
	if (w->depth == 3 && t == JV_STR && kis(k, kl, "name") &&
	    (pathis(w, 1, "packages") || pathis(w, 1, "packages-dev")))
		hit_key(c, AG_ECO_COMPOSER, v, vl, line);
}

static void j_pipfile_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			   int line, enum jv t, const char *v, size_t vl)
{
	(void)t, (void)v, (void)vl;
	if (w->depth == 2 && k && (pathis(w, 1, "default") || pathis(w, 1, "develop")))
		hit_key(c, AG_ECO_PYPI, k, kl, line);
}

/* ---- line-based readers ---- */

/* A PEP 508 requirement's name: "requests[socks]>=2 ; python_version<'3'" */
static size_t pep508_name(const char *s, const char *e, const char **ns)
{
	s = skip_ws(s, e);
	const char *t = s;
	while (s < e && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.'))
		s++;
	*ns = t;
	return (size_t)(s - t);
}

static void read_requirements(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s >= e || *s == '#')
			continue;
		if (*s == '-') {
			/* -e git+https://...#egg=name */
			const char *egg = NULL;
			for (const char *p = s; p + 4 <= e; p++)
				if (!memcmp(p, "egg=", 4))
					egg = p + 4;
			if (egg) {
				const char *ns;
				size_t nl = pep508_name(egg, e, &ns);
				hit_key(c, AG_ECO_PYPI, ns, nl, l.no);
			}
			continue;
		}
		const char *ns;
		size_t nl = pep508_name(s, e, &ns);
		if (nl && !(nl >= 4 && (starts(ns, e, "http") || starts(ns, e, "git+"))))
			hit_key(c, AG_ECO_PYPI, ns, nl, l.no);
	}
}

/* TOML: the current [table] header, "name = value" keys, string arrays. */
struct toml_state {
	char table[256];
	bool in_array;     /* inside a multi-line array of requirement strings */
	enum ag_eco array_eco;
};

static void toml_header(struct toml_state *t, const char *s, const char *e)
{
	while (s < e && (*s == '[' || *s == ' '))
		s++;
	const char *end = e;
	while (end > s && end[-1] != ']')
		end--;
	while (end > s && (end[-1] == ']' || end[-1] == ' '))
		end--;
	size_t k = 0;
	for (; s < end && k + 1 < sizeof(t->table); s++)
		if (*s != '"' && *s != '\'')
			t->table[k++] = *s;
	t->table[k] = '\0';
}

static bool table_is(const struct toml_state *t, const char *lit)
{
	return !strcmp(t->table, lit);
}

static bool table_ends(const struct toml_state *t, const char *lit)
{
	size_t a = strlen(t->table), b = strlen(lit);
	return a >= b && !strcmp(t->table + a - b, lit);
}

/* Every string in [ ... ] on this line is a PEP 508 requirement. */
static void toml_strings(struct ctx *c, const char *s, const char *e, int line, enum ag_eco eco)
{
	while (s < e) {
		if (*s == '#')
			return;
		if (*s == '"' || *s == '\'') {
			char q = *s++;
			const char *t = s;
			while (s < e && *s != q)
				s++;
			const char *ns;
			size_t nl = pep508_name(t, s, &ns);
			hit_key(c, eco, ns, nl, line);
		}
		s++;
	}
}

/* key of a "key = value" line, or 0 */
static size_t toml_key(const char *s, const char *e, const char **ks)
{
	s = skip_ws(s, e);
	const char *t;
	size_t n;
	const char *after = token(s, e, &t, &n);
	if (!n)
		return 0;
	/* bare keys stop at '=' */
	const char *eq = memchr(t, '=', n);
	if (eq)
		n = (size_t)(eq - t);
	while (n && t[n - 1] == ' ')
		n--;
	after = skip_ws(after, e);
	if (!eq && (after >= e || *after != '='))
		return 0;
	*ks = t;
	return n;
}

static void read_cargo_toml(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	struct toml_state t = {"", false, AG_ECO_CARGO};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s >= e || *s == '#')
			continue;
		if (*s == '[') {
			toml_header(&t, s, e);
			/* [dependencies.serde] names the crate in the header */
			const char *dot = strrchr(t.table, '.');
			if (dot && (starts(t.table, t.table + strlen(t.table), "dependencies.") ||
				    starts(t.table, t.table + strlen(t.table), "dev-dependencies.") ||
				    starts(t.table, t.table + strlen(t.table), "build-dependencies.")))
				hit_key(c, AG_ECO_CARGO, dot + 1, strlen(dot + 1), l.no);
			continue;
		}
		if (table_is(&t, "dependencies") || table_is(&t, "dev-dependencies") ||
		    table_is(&t, "build-dependencies") || table_ends(&t, ".dependencies") ||
		    table_ends(&t, ".dev-dependencies") || table_ends(&t, ".build-dependencies")) {
			const char *k;
			size_t kl = toml_key(s, e, &k);
			hit_key(c, AG_ECO_CARGO, k, kl, l.no);
		}
	}
}

static void read_pyproject(struct ctx *c, const char *text, size_t len, bool pipfile)
{
	struct lines l = {text, text + len, 0};
	struct toml_state t = {"", false, AG_ECO_PYPI};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s >= e || *s == '#')
			continue;
		if (t.in_array) {
			toml_strings(c, s, e, l.no, AG_ECO_PYPI);
			if (memchr(s, ']', (size_t)(e - s)))
				t.in_array = false;
			continue;
		}
		if (*s == '[') {
			toml_header(&t, s, e);
			continue;
		}
		const char *k;
		size_t kl = toml_key(s, e, &k);
		if (!kl)
			continue;
		const char *eq = memchr(s, '=', (size_t)(e - s));
		const char *val = eq ? skip_ws(eq + 1, e) : e;
		bool arr = val < e && *val == '[';
		/* PEP 621 and PEP 735: arrays of requirement strings */
		if (arr && ((table_is(&t, "project") && kis(k, kl, "dependencies")) ||
			    table_is(&t, "project.optional-dependencies") ||
			    table_is(&t, "dependency-groups") ||
			    (table_is(&t, "build-system") && kis(k, kl, "requires")))) {
			toml_strings(c, val + 1, e, l.no, AG_ECO_PYPI);
			if (!memchr(val, ']', (size_t)(e - val)))
				t.in_array = true;
			continue;
		}
		if (table_is(&t, "project") && kis(k, kl, "requires-python")) {
			hit_name(c, "Python", l.no, "requires-python", 15);
			continue;
		}
		bool poetry = table_is(&t, "tool.poetry.dependencies") ||
			      table_is(&t, "tool.poetry.dev-dependencies") ||
			      (starts(t.table, t.table + strlen(t.table), "tool.poetry.group.") &&
			       table_ends(&t, ".dependencies"));
		bool pip = pipfile && (table_is(&t, "packages") || table_is(&t, "dev-packages"));
		if (poetry || pip) {
			if (kis(k, kl, "python"))
				hit_name(c, "Python", l.no, "python", 6);
			else
				hit_key(c, AG_ECO_PYPI, k, kl, l.no);
		} else if (pipfile && table_is(&t, "requires") && kis(k, kl, "python_version")) {
			hit_name(c, "Python", l.no, "python_version", 14);
		}
	}
}

/* Cargo.lock, poetry.lock, uv.lock: name = "x" in each [[package]] */
static void read_toml_lock(struct ctx *c, const char *text, size_t len, enum ag_eco eco)
{
	struct lines l = {text, text + len, 0};
	bool in_pkg = false;
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (n && s[0] == '[') {
			in_pkg = starts(s, e, "[[package]]");
			continue;
		}
		if (!in_pkg || !starts(s, e, "name"))
			continue;
		const char *k;
		size_t kl = toml_key(s, e, &k);
		if (!kis(k, kl, "name"))
			continue;
		const char *eq = memchr(s, '=', n);
		const char *v;
		size_t vl;
		token(eq + 1, e, &v, &vl);
		hit_key(c, eco, v, vl, l.no);
	}
}

static void read_go_mod(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	bool block = false;
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s >= e || starts(s, e, "//"))
			continue;
		if (block) {
			if (*s == ')') {
				block = false;
				continue;
			}
			const char *t;
			size_t tn;
			token(s, e, &t, &tn);
			hit_key(c, AG_ECO_GO, t, tn, l.no);
			continue;
		}
		if (starts(s, e, "go ") || starts(s, e, "go\t")) {
			hit_name(c, "Go", l.no, s, (size_t)(e - s));
		} else if (starts(s, e, "require")) {
			const char *r = skip_ws(s + 7, e);
			if (r < e && *r == '(') {
				block = true;
			} else {
				const char *t;
				size_t tn;
				token(r, e, &t, &tn);
				hit_key(c, AG_ECO_GO, t, tn, l.no);
			}
		}
	}
}

/* The text between <tag> and </tag> on this line. */
static bool xml_tag(const char *s, const char *e, const char *tag, const char **v, size_t *vl)
{
	char open[64];
	snprintf(open, sizeof(open), "<%s>", tag);
	size_t on = strlen(open);
	for (const char *p = s; p + on <= e; p++) {
		if (memcmp(p, open, on))
			continue;
		const char *t = p + on, *q = t;
		while (q < e && *q != '<')
			q++;
		*v = t;
		*vl = (size_t)(q - t);
		while (*vl && isspace((unsigned char)t[*vl - 1]))
			(*vl)--;
		return true;
	}
	return false;
}

static bool has(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	for (const char *p = s; p + n <= e; p++)
		if (!memcmp(p, lit, n))
			return true;
	return false;
}

static void read_pom(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int in_dep = 0, excl = 0, aline = 0;
	char group[256] = "", art[256] = "";
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (has(s, e, "<exclusions>"))
			excl++;
		if (has(s, e, "</exclusions>") && excl)
			excl--;
		if (has(s, e, "<dependency>") || has(s, e, "<plugin>") || has(s, e, "<parent>")) {
			if (in_dep && *art) { /* a plugin's own dependencies start */
				char key[520];
				int kn = snprintf(key, sizeof(key), "%s:%s",
						  *group ? group : "org.apache.maven.plugins", art);
				hit_key(c, AG_ECO_MAVEN, key, (size_t)kn, aline);
			}
			in_dep = 1;
			group[0] = art[0] = '\0';
			aline = 0;
		}
		if (in_dep && !excl) {
			const char *v;
			size_t vl;
			if (xml_tag(s, e, "groupId", &v, &vl) && vl < sizeof(group)) {
				memcpy(group, v, vl);
				group[vl] = '\0';
			}
			if (xml_tag(s, e, "artifactId", &v, &vl) && vl < sizeof(art)) {
				memcpy(art, v, vl);
				art[vl] = '\0';
				aline = l.no;
			}
		}
		if (in_dep && (has(s, e, "</dependency>") || has(s, e, "</plugin>") ||
			       has(s, e, "</parent>"))) {
			in_dep = 0;
			if (*art) {
				char key[520];
				int kn = snprintf(key, sizeof(key), "%s:%s",
						  *group ? group : "org.apache.maven.plugins", art);
				hit_key(c, AG_ECO_MAVEN, key, (size_t)kn, aline);
			}
		}
	}
}

static bool gav_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '.' || ch == '-' || ch == '_';
}

/* "group:artifact[:version][@classifier]" -> "group:artifact" */
static size_t gav(const char *s, size_t n)
{
	size_t i = 0;
	bool letter = false;
	while (i < n && gav_char(s[i]))
		letter |= isalpha((unsigned char)s[i]), i++;
	if (!i || i >= n || s[i] != ':' || !letter)
		return 0;
	size_t g = i++;
	while (i < n && gav_char(s[i]))
		i++;
	if (i == g + 1)
		return 0;
	size_t end = i;
	if (i < n && s[i] != ':' && s[i] != '@')
		return 0;
	return end;
}

static void read_gradle(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (starts(s, e, "//"))
			continue;
		/* kotlin("jvm") */
		if (starts(s, e, "kotlin(\"")) {
			const char *t = s + 8, *q = t;
			while (q < e && *q != '"')
				q++;
			char key[256];
			int kn = snprintf(key, sizeof(key), "org.jetbrains.kotlin.%.*s",
					  (int)(q - t), t);
			hit(c, AG_ECO_MAVEN, key, (size_t)kn, l.no, s, (size_t)(q - s) + 2);
			continue;
		}
		/* id 'x' / id("x") / id = "x" (version catalogs): plugin ids */
		bool plugin = starts(s, e, "id ") || starts(s, e, "id(") || starts(s, e, "id=") ||
			      has(s, e, " id = ") || has(s, e, "{ id = ") || has(s, e, "{id=");
		const char *group = NULL;
		size_t gl = 0;
		for (const char *p = s; p < e; p++) {
			if (*p != '"' && *p != '\'')
				continue;
			char q = *p;
			const char *t = ++p;
			while (p < e && *p != q)
				p++;
			size_t tn = (size_t)(p - t);
			size_t k = gav(t, tn);
			if (k) {
				hit_key(c, AG_ECO_MAVEN, t, k, l.no);
			} else if (plugin && tn && memchr(t, '.', tn)) {
				hit_key(c, AG_ECO_MAVEN, t, tn, l.no);
				break;
			} else if (p - t > 0) {
				/* group: 'g', name: 'a' (map notation) */
				const char *before = t - 1;
				while (before > s && (before[-1] == ' ' || before[-1] == ':' ||
						      before[-1] == '='))
					before--;
				if (before - s >= 5 && !memcmp(before - 5, "group", 5)) {
					group = t;
					gl = tn;
				} else if (group && before - s >= 4 && !memcmp(before - 4, "name", 4)) {
					char key[520];
					int kn = snprintf(key, sizeof(key), "%.*s:%.*s", (int)gl, group,
							  (int)tn, t);
					hit_key(c, AG_ECO_MAVEN, key, (size_t)kn, l.no);
					group = NULL;
				}
			}
		}
	}
}

static void read_gemfile(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (!starts(s, e, "gem ") && !starts(s, e, "gem("))
			continue;
		const char *t;
		size_t tn;
		token(s + 4, e, &t, &tn);
		while (tn && (t[tn - 1] == ',' || t[tn - 1] == ')'))
			tn--;
		hit_key(c, AG_ECO_GEM, t, tn, l.no);
	}
}

static void read_gemfile_lock(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		/* "    name (1.2.3)" under GEM specs */
		if (n < 6 || memcmp(s, "    ", 4) || s[4] == ' ')
			continue;
		const char *t = s + 4, *e = s + n, *q = t;
		while (q < e && *q != ' ')
			q++;
		if (q + 1 < e && q[1] == '(')
			hit_key(c, AG_ECO_GEM, t, (size_t)(q - t), l.no);
	}
}

static void read_yarn_lock(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		if (!n || s[0] == ' ' || s[0] == '#' || s[n - 1] != ':')
			continue;
		/* "@babel/core@^7.0.0", "@babel/core@^7.1.0":  |  lodash@^4.17.21: */
		const char *t = s, *e = s + n - 1;
		if (*t == '"')
			t++;
		const char *q = t + 1;
		while (q < e && *q != '@' && *q != ',' && *q != '"')
			q++;
		if (q < e && *q == '@')
			hit_key(c, AG_ECO_NPM, t, (size_t)(q - t), l.no);
	}
}

static void read_pnpm_lock(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	bool in_pkgs = false;
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		if (n && s[0] != ' ') {
			in_pkgs = starts(s, s + n, "packages:") || starts(s, s + n, "snapshots:");
			continue;
		}
		if (!in_pkgs || n < 4 || s[0] != ' ' || s[1] != ' ' || s[2] == ' ')
			continue;
		const char *t = s + 2, *e = s + n;
		while (e > t && (e[-1] == ':' || e[-1] == ' '))
			e--;
		if (t < e && (*t == '\'' || *t == '"'))
			t++, e--;
		if (t < e && *t == '/')
			t++;
		const char *paren = memchr(t, '(', (size_t)(e - t));
		if (paren)
			e = paren;
		const char *at = NULL;
		for (const char *p = t + 1; p < e; p++)
			if (*p == '@')
				at = p;
		if (!at) { /* v5: /name/1.2.3 or /@scope/name/1.2.3 */
			for (const char *p = e; p > t; p--)
				if (p[-1] == '/') {
					at = p - 1;
					break;
				}
		}
		if (at && at > t)
			hit_key(c, AG_ECO_NPM, t, (size_t)(at - t), l.no);
	}
}

/* An image reference -> its catalog key: no registry, no tag or digest,
 * no "library/"; then the last path component as a fallback. */
static void hit_image(struct ctx *c, const char *img, size_t n, int line)
{
	const char *s = img, *e = img + n;
	const char *at = memchr(s, '@', n);
	if (at)
		e = at;
	const char *slash = memchr(s, '/', (size_t)(e - s));
	if (slash) {
		bool registry = false;
		for (const char *p = s; p < slash; p++)
			if (*p == '.' || *p == ':' || *p == '$')
				registry = true;
		if (registry || (slash - s == 9 && !memcmp(s, "localhost", 9)))
			s = slash + 1;
	}
	const char *last = s;
	for (const char *p = s; p < e; p++)
		if (*p == '/')
			last = p + 1;
	const char *colon = memchr(last, ':', (size_t)(e - last));
	if (colon)
		e = colon;
	if (starts(s, e, "library/"))
		s += 8;
	if (s >= e || (e - s == 7 && !memcmp(s, "scratch", 7)))
		return;
	for (const char *p = s; p < e; p++)
		if (*p == '$' || *p == '{')
			return; /* an unresolved variable names the image */
	if (ag_matcher_lookup(&c->m, AG_ECO_DOCKER, s, (size_t)(e - s)))
		hit(c, AG_ECO_DOCKER, s, (size_t)(e - s), line, img, n);
	else if (last > s)
		hit(c, AG_ECO_DOCKER, last, (size_t)(e - last), line, img, n);
}

struct darg {
	char name[64];
	char val[256];
};

static void read_dockerfile(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	char stages[32][64];
	size_t nst = 0;
	struct darg args[32];
	size_t nargs = 0;
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (starts_ci(s, e, "ARG ")) {
			const char *t;
			size_t tn;
			token(s + 4, e, &t, &tn);
			const char *eq = memchr(t, '=', tn);
			if (eq && nargs < 32 && (size_t)(eq - t) < 64 &&
			    (size_t)(t + tn - eq - 1) < 256) {
				snprintf(args[nargs].name, 64, "%.*s", (int)(eq - t), t);
				const char *v = eq + 1;
				size_t vl = (size_t)(t + tn - v);
				if (vl && (*v == '"' || *v == '\''))
					v++, vl -= vl >= 2 ? 2 : 1;
				snprintf(args[nargs].val, 256, "%.*s", (int)vl, v);
				nargs++;
			}
			continue;
		}
		if (!starts_ci(s, e, "FROM ") && !starts_ci(s, e, "FROM\t"))
			continue;
		const char *p = s + 5, *t;
		size_t tn;
		do {
			p = token(p, e, &t, &tn);
		} while (tn > 2 && t[0] == '-' && t[1] == '-');
		/* a whole-token ARG reference: FROM ${BASE} or FROM $BASE:tag */
		char img[300];
		size_t il = tn < sizeof(img) ? tn : sizeof(img) - 1;
		memcpy(img, t, il);
		img[il] = '\0';
		if (img[0] == '$') {
			const char *nm = img + 1 + (img[1] == '{');
			size_t nl = strcspn(nm, "}:@");
			for (size_t a = 0; a < nargs; a++)
				if (strlen(args[a].name) == nl && !memcmp(args[a].name, nm, nl)) {
					const char *rest = nm + nl + (nm[nl] == '}');
					char tmp[300];
					snprintf(tmp, sizeof(tmp), "%s%s", args[a].val, rest);
					snprintf(img, sizeof(img), "%s", tmp);
					il = strlen(img);
				}
		}
		bool stage = false;
		for (size_t k = 0; k < nst; k++)
			if (!strcasecmp(stages[k], img))
				stage = true;
		if (!stage)
			hit_image(c, img, il, l.no);
		/* AS name */
		const char *as;
		size_t asn;
		p = token(p, e, &as, &asn);
		if (asn == 2 && !strncasecmp(as, "as", 2)) {
			token(p, e, &as, &asn);
			if (asn && asn < 64 && nst < 32)
				snprintf(stages[nst++], 64, "%.*s", (int)asn, as);
		}
	}
}

/* YAML files read by lines: compose files and workflows (image:, uses:). */
static void read_yaml_images(struct ctx *c, const char *text, size_t len, bool workflow)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s < e && *s == '-')
			s = skip_ws(s + 1, e);
		bool image = starts(s, e, "image:");
		bool uses = workflow && starts(s, e, "uses:");
		if (!image && !uses)
			continue;
		const char *t;
		size_t tn;
		token(s + (image ? 6 : 5), e, &t, &tn);
		if (!tn)
			continue;
		if (image) {
			enum ag_ev_kind k = c->kind;
			c->kind = AG_EV_IMAGE;
			hit_image(c, t, tn, l.no);
			c->kind = k;
		} else if (starts(t, t + tn, "docker://")) {
			hit_image(c, t + 9, tn - 9, l.no);
		} else if (tn && t[0] != '.') {
			const char *at = memchr(t, '@', tn);
			size_t kl = at ? (size_t)(at - t) : tn;
			hit(c, AG_ECO_ACTIONS, t, kl, l.no, t, tn);
		}
	}
}

static void read_chart(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	bool deps = false;
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (n && s[0] != ' ' && s[0] != '-' && s[0] != '#') {
			deps = starts(s, e, "dependencies:");
			continue;
		}
		if (!deps)
			continue;
		s = skip_ws(s, e);
		if (s < e && *s == '-')
			s = skip_ws(s + 1, e);
		if (!starts(s, e, "name:"))
			continue;
		const char *t;
		size_t tn;
		token(s + 5, e, &t, &tn);
		hit_key(c, AG_ECO_HELM, t, tn, l.no);
	}
}

static void read_terraform(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int rp_depth = 0; /* brace depth inside required_providers, 0 outside */
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		s = skip_ws(s, e);
		if (s >= e || *s == '#' || starts(s, e, "//"))
			continue;
		if (rp_depth) {
			if (starts(s, e, "source")) {
				const char *eq = memchr(s, '=', (size_t)(e - s));
				if (eq) {
					const char *t;
					size_t tn;
					token(eq + 1, e, &t, &tn);
					const char *last = t;
					for (const char *p = t; p < t + tn; p++)
						if (*p == '/')
							last = p + 1;
					hit(c, AG_ECO_TF_PROVIDER, last, (size_t)(t + tn - last), l.no,
					    t, tn);
				}
			}
			for (const char *p = s; p < e; p++)
				rp_depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
			if (rp_depth < 0)
				rp_depth = 0;
			continue;
		}
		if (starts(s, e, "required_providers")) {
			for (const char *p = s; p < e; p++)
				rp_depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
			continue;
		}
		bool res = starts(s, e, "resource ") || starts(s, e, "resource\t");
		bool prov = starts(s, e, "provider ") || starts(s, e, "provider\t");
		if (!res && !prov)
			continue;
		const char *t;
		size_t tn;
		token(s + 8, e, &t, &tn);
		if (tn && t[tn - 1] == '{')
			tn--;
		hit_key(c, res ? AG_ECO_TF_RESOURCE : AG_ECO_TF_PROVIDER, t, tn, l.no);
	}
}

/* ------------------------------------------------------------------ */

enum reader {
	R_NONE, R_PACKAGE_JSON, R_NPM_LOCK, R_YARN_LOCK, R_PNPM_LOCK, R_COMPOSER,
	R_COMPOSER_LOCK, R_PIPFILE_LOCK, R_PIPFILE, R_PYPROJECT, R_REQUIREMENTS, R_CARGO,
	R_CARGO_LOCK, R_PY_LOCK, R_GO_MOD, R_POM, R_GRADLE, R_GEMFILE, R_GEMFILE_LOCK,
	R_DOCKERFILE, R_COMPOSE, R_WORKFLOW, R_CHART, R_TERRAFORM,
};

static const struct {
	const char *name;
	enum reader r;
	enum ag_ev_kind kind;
} by_name[] = {
	{"package.json", R_PACKAGE_JSON, AG_EV_MANIFEST},
	{"package-lock.json", R_NPM_LOCK, AG_EV_LOCKFILE},
	{"npm-shrinkwrap.json", R_NPM_LOCK, AG_EV_LOCKFILE},
	{"yarn.lock", R_YARN_LOCK, AG_EV_LOCKFILE},
	{"pnpm-lock.yaml", R_PNPM_LOCK, AG_EV_LOCKFILE},
	{"composer.json", R_COMPOSER, AG_EV_MANIFEST},
	{"composer.lock", R_COMPOSER_LOCK, AG_EV_LOCKFILE},
	{"Pipfile.lock", R_PIPFILE_LOCK, AG_EV_LOCKFILE},
	{"Pipfile", R_PIPFILE, AG_EV_MANIFEST},
	{"pyproject.toml", R_PYPROJECT, AG_EV_MANIFEST},
	{"Cargo.toml", R_CARGO, AG_EV_MANIFEST},
	{"Cargo.lock", R_CARGO_LOCK, AG_EV_LOCKFILE},
	{"poetry.lock", R_PY_LOCK, AG_EV_LOCKFILE},
	{"uv.lock", R_PY_LOCK, AG_EV_LOCKFILE},
	{"go.mod", R_GO_MOD, AG_EV_MANIFEST},
	{"pom.xml", R_POM, AG_EV_MANIFEST},
	{"build.gradle", R_GRADLE, AG_EV_MANIFEST},
	{"build.gradle.kts", R_GRADLE, AG_EV_MANIFEST},
	{"settings.gradle", R_GRADLE, AG_EV_MANIFEST},
	{"settings.gradle.kts", R_GRADLE, AG_EV_MANIFEST},
	{"libs.versions.toml", R_GRADLE, AG_EV_MANIFEST},
	{"Gemfile", R_GEMFILE, AG_EV_MANIFEST},
	{"Gemfile.lock", R_GEMFILE_LOCK, AG_EV_LOCKFILE},
	{"Containerfile", R_DOCKERFILE, AG_EV_IMAGE},
	{"Chart.yaml", R_CHART, AG_EV_INFRA},
};

static bool has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !strcasecmp(s + n - k, suf);
}

static bool has_prefix(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && !strncmp(s, pre, k);
}

static bool yaml_ext(const char *s, size_t n)
{
	return has_suffix(s, n, ".yml") || has_suffix(s, n, ".yaml");
}

/* Which reader a file needs: by name, then by pattern. `parent` is the
 * relative path of its folder. */
static enum reader reader_for(const char *name, const char *parent, enum ag_ev_kind *kind)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(by_name) / sizeof(by_name[0]); i++)
		if (!strcmp(by_name[i].name, name)) {
			*kind = by_name[i].kind;
			return by_name[i].r;
		}
	*kind = AG_EV_MANIFEST;
	if (has_prefix(name, n, "requirements") && has_suffix(name, n, ".txt"))
		return R_REQUIREMENTS;
	size_t pl = strlen(parent);
	const char *pbase = parent;
	for (const char *p = parent; *p; p++)
		if (*p == '/')
			pbase = p + 1;
	if (!strcmp(pbase, "requirements") && (has_suffix(name, n, ".txt") || has_suffix(name, n, ".in")))
		return R_REQUIREMENTS;
	*kind = AG_EV_IMAGE;
	if (!strncasecmp(name, "dockerfile", 10) || has_suffix(name, n, ".dockerfile"))
		return R_DOCKERFILE;
	if ((has_prefix(name, n, "docker-compose") || has_prefix(name, n, "compose")) &&
	    yaml_ext(name, n))
		return R_COMPOSE;
	if (pl >= 17 && has_suffix(parent, pl, ".github/workflows") &&
	    (pl == 17 || parent[pl - 18] == '/') && yaml_ext(name, n))
		return R_WORKFLOW;
	*kind = AG_EV_INFRA;
	if (has_suffix(name, n, ".tf"))
		return R_TERRAFORM;
	return R_NONE;
}

static int read_file(struct ctx *c, size_t *len)
{
	int fd = open(c->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return AG_EIO;
	struct stat st;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return AG_EIO;
	}
	if ((size_t)st.st_size > c->max_file) {
		close(fd);
		*len = (size_t)st.st_size;
		return AG_ELIMIT;
	}
	size_t want = (size_t)st.st_size;
	if (want + 1 > c->bufcap) {
		size_t nc = want + 1 < 65536 ? 65536 : want + 1;
		char *nb = realloc(c->buf, nc);
		if (!nb) {
			close(fd);
			return AG_ENOMEM;
		}
		c->buf = nb;
		c->bufcap = nc;
	}
	size_t got = 0;
	while (got < want) {
		ssize_t r = read(fd, c->buf + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	c->buf[got] = '\0';
	*len = got;
	c->s->stats.bytes += got;
	return 0;
}

static void scan_file(struct ctx *c, const char *name, size_t rel_len)
{
	const char *rel = rel_of(c);
	c->rel = rel;
	/* the folder's relative path, for "parent/name" keys and workflows */
	size_t nl = strlen(name);
	size_t pl = rel_len > nl ? rel_len - nl - 1 : 0;
	char parent[PATH_CAP];
	memcpy(parent, rel, pl);
	parent[pl] = '\0';

	/* the extension says the language */
	const char *dot = strrchr(name, '.');
	if (dot && dot != name && dot[1]) {
		c->kind = AG_EV_SOURCE;
		hit(c, AG_ECO_EXT, dot, strlen(dot), 1, dot, strlen(dot));
	}
	/* well-known file names, alone and with their folder */
	c->kind = AG_EV_FILE;
	hit(c, AG_ECO_FILE, name, nl, 1, name, nl);
	const char *pbase = parent;
	for (const char *p = parent; *p; p++)
		if (*p == '/')
			pbase = p + 1;
	if (*pbase) {
		char two[PATH_CAP];
		int tn = snprintf(two, sizeof(two), "%s/%s", pbase, name);
		if (tn > 0 && (size_t)tn < sizeof(two))
			hit(c, AG_ECO_FILE, two, (size_t)tn, 1, two, (size_t)tn);
	}

	enum ag_ev_kind kind;
	enum reader r = reader_for(name, parent, &kind);
	if (r == R_NONE)
		return;
	if (r == R_WORKFLOW) {
		c->kind = AG_EV_FILE;
		hit(c, AG_ECO_FILE, ".github/workflows", 17, 1, name, nl);
	}
	size_t len = 0;
	int rc = read_file(c, &len);
	if (rc == AG_ENOMEM) {
		note_err(c, rc);
		return;
	}
	if (rc == AG_ELIMIT) {
		c->s->stats.too_large++;
		ag_diags_add(c->d, AG_SEV_WARNING, rel, 0, 0,
			     "not scanned: %zu bytes is over the %zu-byte limit for manifests",
			     len, c->max_file);
		return;
	}
	if (rc)
		return;
	c->s->stats.read++;
	c->kind = kind;
	const char *t = c->buf;
	switch (r) {
	case R_PACKAGE_JSON: json_walk(c, t, len, j_package_json); break;
	case R_NPM_LOCK: json_walk(c, t, len, j_npm_lock); break;
	case R_COMPOSER: json_walk(c, t, len, j_composer); break;
	case R_COMPOSER_LOCK: json_walk(c, t, len, j_composer_lock); break;
	case R_PIPFILE_LOCK: json_walk(c, t, len, j_pipfile_lock); break;
	case R_YARN_LOCK: read_yarn_lock(c, t, len); break;
	case R_PNPM_LOCK: read_pnpm_lock(c, t, len); break;
	case R_PIPFILE: read_pyproject(c, t, len, true); break;
	case R_PYPROJECT: read_pyproject(c, t, len, false); break;
	case R_REQUIREMENTS: read_requirements(c, t, len); break;
	case R_CARGO: read_cargo_toml(c, t, len); break;
	case R_CARGO_LOCK: read_toml_lock(c, t, len, AG_ECO_CARGO); break;
	case R_PY_LOCK: read_toml_lock(c, t, len, AG_ECO_PYPI); break;
	case R_GO_MOD: read_go_mod(c, t, len); break;
	case R_POM: read_pom(c, t, len); break;
	case R_GRADLE: read_gradle(c, t, len); break;
	case R_GEMFILE: read_gemfile(c, t, len); break;
	case R_GEMFILE_LOCK: read_gemfile_lock(c, t, len); break;
	case R_DOCKERFILE: read_dockerfile(c, t, len); break;
	case R_COMPOSE: read_yaml_images(c, t, len, false); break;
	case R_WORKFLOW: read_yaml_images(c, t, len, true); break;
	case R_CHART: read_chart(c, t, len); break;
	case R_TERRAFORM: read_terraform(c, t, len); break;
	case R_NONE: break;
	}
}

static const char *const skip_dirs[] = {
	".git", ".hg", ".svn", "node_modules", "vendor", "bower_components", ".terraform",
};

struct dent {
	char *name;
	unsigned char type;
};

static int dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name, ((const struct dent *)b)->name);
}

/* Load a .gitignore-style file at `c->path` into `ps` for folder `base`. */
static void load_ignore_file(struct ctx *c, struct pats *ps, size_t base)
{
	size_t len;
	int rc = read_file(c, &len);
	if (rc == AG_ENOMEM)
		note_err(c, rc);
	if (!rc)
		note_err(c, pats_add_text(ps, c->buf, len, base));
}

/* Walk the folder whose relative path is path[root_len+1 .. +rel_len]. */
static void walk(struct ctx *c, size_t rel_len, int depth)
{
	if (c->err || c->stopped)
		return;
	if (depth > MAX_DEPTH) {
		ag_diags_add(c->d, AG_SEV_WARNING, rel_len ? rel_of(c) : ".", 0, 0,
			     "not scanned: folders nest deeper than %d levels", MAX_DEPTH);
		return;
	}
	size_t plen = c->root_len + (rel_len ? 1 + rel_len : 0);
	c->path[plen] = '\0';
	DIR *dir = opendir(c->path);
	if (!dir) {
		if (depth)
			ag_diags_add(c->d, AG_SEV_WARNING, rel_of(c), 0, 0,
				     "not scanned: cannot open the folder: %s", strerror(errno));
		else
			note_err(c, AG_EIO);
		return;
	}
	c->s->stats.dirs++;
	struct dent *v = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		const char *nm = de->d_name;
		if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
			continue;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 32;
			struct dent *nv = realloc(v, na * sizeof(*nv));
			if (!nv) {
				note_err(c, AG_ENOMEM);
				break;
			}
			v = nv;
			alloc = na;
		}
		if (!(v[n].name = strdup(nm))) {
			note_err(c, AG_ENOMEM);
			break;
		}
		v[n++].type = de->d_type;
	}
	closedir(dir);
	if (n)
		qsort(v, n, sizeof(*v), dent_cmp);

	/* this folder's .gitignore applies to everything below it */
	size_t ign_before = c->ign.n;
	for (size_t i = 0; i < n && !c->err; i++) {
		if (strcmp(v[i].name, ".gitignore"))
			continue;
		size_t nl = strlen(v[i].name);
		if (plen + 1 + nl >= PATH_CAP)
			break;
		c->path[plen] = '/';
		memcpy(c->path + plen + 1, v[i].name, nl + 1);
		load_ignore_file(c, &c->ign, rel_len);
		c->path[plen] = '\0';
	}

	for (size_t i = 0; i < n && !c->err && !c->stopped; i++) {
		const char *nm = v[i].name;
		size_t nl = strlen(nm);
		if (++c->s->stats.entries > c->max_entries) {
			c->stopped = true;
			ag_diags_add(c->d, AG_SEV_WARNING, NULL, 0, 0,
				     "scan stopped after %zu entries (the limit); the rest of "
				     "the tree was not read", c->max_entries);
			break;
		}
		if (plen + 1 + nl >= PATH_CAP) {
			c->s->stats.ignored++;
			continue;
		}
		c->path[plen] = '/';
		memcpy(c->path + plen + 1, nm, nl + 1);
		size_t child_rel = rel_len ? rel_len + 1 + nl : nl;
		unsigned char type = v[i].type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (lstat(c->path, &st))
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
						   : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
		}
		if (type != DT_DIR && type != DT_REG) {
			c->s->stats.ignored++; /* symlinks are never followed */
			continue;
		}
		bool is_dir = type == DT_DIR;
		bool skip = false;
		if (is_dir)
			for (size_t k = 0; k < sizeof(skip_dirs) / sizeof(skip_dirs[0]); k++)
				if (!strcmp(nm, skip_dirs[k]))
					skip = true;
		const char *rel = rel_of(c);
		if (!skip && (pats_ignored(&c->exclude, rel, child_rel, nm, is_dir) ||
			      pats_ignored(&c->ign, rel, child_rel, nm, is_dir)))
			skip = true;
		if (skip) {
			c->s->stats.ignored++;
			continue;
		}
		if (is_dir) {
			walk(c, child_rel, depth + 1);
		} else {
			c->s->stats.files++;
			scan_file(c, nm, child_rel);
		}
	}
	pats_pop(&c->ign, ign_before);
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int used_cmp(const void *a, const void *b)
{
	const struct ag_used *x = a, *y = b;
	int r = strcasecmp(x->name, y->name);
	return r ? r : strcmp(x->name, y->name);
}

static void rebuild_index(struct ag_scan *s)
{
	if (!s->nindex)
		return;
	memset(s->index, 0, s->nindex * sizeof(*s->index));
	for (size_t i = 0; i < s->n; i++) {
		size_t h = name_hash(s->v[i].name) & (s->nindex - 1);
		while (s->index[h])
			h = (h + 1) & (s->nindex - 1);
		s->index[h] = (struct ag_used *)(uintptr_t)(i + 1);
	}
}

static int setup_ctx(struct ctx *c, struct ag_scan *s, const struct ag_scan_opts *o,
		     struct ag_diags *d)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->d = d;
	c->max_file = o && o->max_file_bytes ? o->max_file_bytes : (size_t)16 << 20;
	c->max_entries = o && o->max_entries ? o->max_entries : 5000000;
	c->max_ev = o && o->max_evidence ? o->max_evidence : 50;
	int rc = ag_matcher_init(&c->m);
	if (rc)
		return rc;
	const struct ag_radar *r = o ? o->radar : NULL;
	if (!r)
		return 0;
	const struct ag_radar_mapping *mp = r->mappings.v;
	for (size_t i = 0; i < r->mappings.n; i++) {
		if (!mp[i].technology.set)
			continue;
		const struct ag_scalar *pat = mp[i].match.v;
		for (size_t k = 0; k < mp[i].match.n; k++) {
			if (!pat[k].set)
				continue;
			rc = ag_matcher_add(&c->m, pat[k].s, pat[k].len, mp[i].technology.s,
					    mp[i].technology.len);
			if (rc == AG_ENOMEM)
				return rc;
		}
	}
	const struct ag_scalar *ex = r->scan.exclude.v;
	for (size_t i = 0; i < r->scan.exclude.n; i++)
		if (ex[i].set && (rc = pats_add(&c->exclude, ex[i].s, ex[i].len, 0)))
			return rc;
	return 0;
}

static void release_ctx(struct ctx *c)
{
	ag_matcher_release(&c->m);
	pats_release(&c->ign);
	pats_release(&c->exclude);
	free(c->buf);
}

int ag_scan_dir(struct ag_scan *s, const char *root, const struct ag_scan_opts *o,
		struct ag_diags *d)
{
	struct ctx *c = malloc(sizeof(*c));
	if (!c)
		return AG_ENOMEM;
	int rc = setup_ctx(c, s, o, d);
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (!rc && rl + 2 >= PATH_CAP)
		rc = AG_EIO;
	if (!rc) {
		memcpy(c->path, root, rl);
		c->path[rl] = '\0';
		c->root_len = rl;
		/* .git/info/exclude holds the repository's private ignores */
		snprintf(c->path + rl, PATH_CAP - rl, "/.git/info/exclude");
		load_ignore_file(c, &c->ign, 0);
		c->path[rl] = '\0';
		walk(c, 0, 0);
		rc = c->err;
	}
	release_ctx(c);
	free(c);
	if (!rc && s->n > 1) {
		qsort(s->v, s->n, sizeof(*s->v), used_cmp);
		rebuild_index(s);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* the model's view: scan + containers[].tech + radar entries          */

struct entry_key {
	const char *key;
	const struct ag_radar_entry *e;
};

static int ekey_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry_key *)a)->key, ((const struct entry_key *)b)->key);
}

struct resolve_ctx {
	const struct entry_key *keys;
	size_t n;
	const struct ag_radar_entry *found;
};

static bool resolve_name(const char *norm, void *arg)
{
	struct resolve_ctx *rc = arg;
	struct entry_key k = {norm, NULL};
	const struct entry_key *hitk = bsearch(&k, rc->keys, rc->n, sizeof(k), ekey_cmp);
	if (!hitk)
		return false;
	/* a live entry wins over a retired one of the same name */
	const struct entry_key *first = hitk;
	while (first > rc->keys && !strcmp(first[-1].key, norm))
		first--;
	for (const struct entry_key *p = first; p < rc->keys + rc->n && !strcmp(p->key, norm); p++)
		if (!rc->found || (rc->found->retired.set && !p->e->retired.set))
			rc->found = p->e;
	return rc->found && !rc->found->retired.set;
}

static int resolve_entries(struct ag_scan *s, const struct ag_radar *r)
{
	const struct ag_radar_entry *e = r->entries.v;
	size_t nk = 0;
	for (size_t i = 0; i < r->entries.n; i++)
		nk += 1 + e[i].aliases.n;
	if (!nk)
		return 0;
	struct entry_key *keys = malloc(nk * sizeof(*keys));
	if (!keys)
		return AG_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < r->entries.n; i++) {
		for (size_t a = 0; a <= e[i].aliases.n; a++) {
			const struct ag_scalar *sc =
				a ? &((const struct ag_scalar *)e[i].aliases.v)[a - 1] : &e[i].name;
			if (!sc->set)
				continue;
			char buf[256];
			size_t bl = ag_radar_norm(sc->s, sc->len, buf, sizeof(buf));
			char *key = bl ? ag_arena_strndup(&s->arena, buf, bl) : NULL;
			if (bl && !key) {
				free(keys);
				return AG_ENOMEM;
			}
			if (key)
				keys[k++] = (struct entry_key){key, &e[i]};
		}
	}
	qsort(keys, k, sizeof(*keys), ekey_cmp);
	for (size_t i = 0; i < s->n; i++) {
		struct resolve_ctx rc = {keys, k, NULL};
		struct ag_used *u = &s->v[i];
		if (u->tech) {
			ag_tech_names(u->tech, resolve_name, &rc);
		} else {
			char buf[256];
			if (ag_radar_norm(u->name, strlen(u->name), buf, sizeof(buf)))
				resolve_name(buf, &rc);
		}
		u->entry = rc.found;
	}
	free(keys);
	return 0;
}

int ag_usage_collect(const struct ag_model *m, const struct ag_scan_opts *o,
		     struct ag_scan *out, struct ag_diags *d)
{
	struct ag_scan_opts opts = o ? *o : (struct ag_scan_opts){0};
	if (!opts.radar)
		opts.radar = &m->radar;
	int rc = ag_scan_dir(out, m->root, &opts, d);
	if (rc)
		return rc;
	struct ag_matcher mt;
	if ((rc = ag_matcher_init(&mt)))
		return rc;
	const struct ag_container *ct = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n && !rc; i++) {
		const struct ag_scalar *t = ct[i].tech.v;
		for (size_t k = 0; k < ct[i].tech.n && !rc; k++) {
			if (!t[k].set || !t[k].len)
				continue;
			char match[300];
			snprintf(match, sizeof(match), "%s: tech %s",
				 ct[i].id.s ? ct[i].id.s : "?", t[k].s);
			struct ag_evidence ev = {t[k].pos.file ? t[k].pos.file : "arch/system.yaml",
						 t[k].pos.line, match, AG_EV_MODEL};
			rc = ag_scan_add(out, &mt, t[k].s, t[k].len, &ev, opts.max_evidence);
		}
	}
	ag_matcher_release(&mt);
	if (rc)
		return rc;
	if (out->n > 1) {
		qsort(out->v, out->n, sizeof(*out->v), used_cmp);
		rebuild_index(out);
	}
	return resolve_entries(out, &m->radar);
}

static void usage_free(struct ag_scan *s)
{
	ag_scan_release(s);
	free(s);
}

int ag_radar_usage(const struct ag_model *m, const struct ag_scan **out)
{
	/* The cache lives in the model (not a global); the model object itself
	 * is never defined const, so filling it in here is well-defined. */
	struct ag_radar *r = (struct ag_radar *)&m->radar;
	*out = NULL;
	if (!r->usage && !r->usage_rc) {
		struct ag_scan *s = malloc(sizeof(*s));
		if (!s)
			return AG_ENOMEM;
		ag_scan_init(s);
		struct ag_diags d;
		ag_diags_init(&d);
		d.max = 1;
		int rc = ag_usage_collect(m, NULL, s, &d);
		ag_diags_release(&d);
		if (rc) {
			ag_scan_release(s);
			free(s);
			r->usage_rc = rc;
			return rc;
		}
		r->usage = s;
		r->usage_free = usage_free;
	}
	*out = r->usage;
	return r->usage_rc;
}

const struct ag_radar_entry *ag_used_listed(const struct ag_used *u)
{
	return u->entry && !u->entry->retired.set ? u->entry : NULL;
}

/* ------------------------------------------------------------------ */
/* reports                                                             */

static const char *ring_id(const struct ag_radar *r, const struct ag_used *u)
{
	const struct ag_radar_entry *e = ag_used_listed(u);
	if (!r || !e || e->ring_ix < 0)
		return NULL;
	return r->rings[e->ring_ix].id.s;
}

int ag_scan_report_json(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r)
{
	int rc = ag_buf_adds(out, "{\"technologies\":[");
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct ag_used *u = &s->v[i];
		const char *ring = ring_id(r, u);
		const struct ag_radar_entry *e = ag_used_listed(u);
		rc = ag_buf_printf(out, "%s\n  {\"name\":", i ? "," : "");
		if (!rc)
			rc = ag_buf_json_str(out, u->name, strlen(u->name));
		if (!rc)
			rc = ag_buf_adds(out, ",\"ring\":");
		if (!rc)
			rc = ring ? ag_buf_json_str(out, ring, strlen(ring)) : ag_buf_adds(out, "null");
		if (!rc && e && r && e->quadrant_ix >= 0) {
			rc = ag_buf_adds(out, ",\"quadrant\":");
			const char *q = r->quadrants[e->quadrant_ix].id.s;
			if (!rc)
				rc = ag_buf_json_str(out, q, strlen(q));
			if (!rc)
				rc = ag_buf_adds(out, ",\"entry\":");
			if (!rc)
				rc = ag_buf_json_str(out, e->name.s, e->name.len);
		}
		if (!rc && u->entry && u->entry->retired.set)
			rc = ag_buf_printf(out, ",\"retired\":\"%s\"", u->entry->retired.s);
		if (!rc && u->tech)
			rc = ag_buf_adds(out, ",\"category\":") ||
			     ag_buf_json_str(out, u->tech->category, strlen(u->tech->category));
		if (!rc)
			rc = ag_buf_printf(out, ",\"language\":%s",
					   u->tech && (u->tech->flags & AG_TECH_LANGUAGE) ? "true"
											  : "false");
		if (!rc && u->files)
			rc = ag_buf_printf(out, ",\"files\":%zu", u->files);
		if (!rc)
			rc = ag_buf_printf(out, ",\"evidence_total\":%zu,\"evidence\":[", u->total);
		for (size_t k = 0; k < u->nev && !rc; k++) {
			const struct ag_evidence *ev = &u->ev[k];
			rc = ag_buf_printf(out, "%s\n    {\"file\":", k ? "," : "");
			if (!rc)
				rc = ag_buf_json_str(out, ev->file, strlen(ev->file));
			if (!rc)
				rc = ag_buf_printf(out, ",\"line\":%d,\"match\":", ev->line);
			if (!rc)
				rc = ag_buf_json_str(out, ev->match, strlen(ev->match));
			if (!rc)
				rc = ag_buf_printf(out, ",\"kind\":\"%s\"}", ag_ev_kind_name(ev->kind));
		}
		if (!rc)
			rc = ag_buf_adds(out, "]}");
	}
	if (!rc)
		rc = ag_buf_adds(out, "\n]}\n");
	return rc;
}

int ag_scan_report_text(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r,
			bool color)
{
	size_t per_ring[AG_RADAR_MAX_RINGS] = {0}, unlisted = 0, langs = 0;
	int rc = 0;
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct ag_used *u = &s->v[i];
		const struct ag_radar_entry *e = ag_used_listed(u);
		const char *where;
		char buf[160];
		if (e && r && e->ring_ix >= 0) {
			per_ring[e->ring_ix]++;
			snprintf(buf, sizeof(buf), "%s", ag_radar_ring_name(r, e->ring_ix));
			where = buf;
		} else if (u->entry && u->entry->retired.set) {
			unlisted++;
			snprintf(buf, sizeof(buf), "retired %s, still in use", u->entry->retired.s);
			where = buf;
		} else {
			unlisted++;
			where = "not on the radar";
		}
		if (u->tech && (u->tech->flags & AG_TECH_LANGUAGE))
			langs++;
		bool hold = e && r && e->ring_ix >= 0 && r->rings[e->ring_ix].g == AG_GATE_HOLD;
		const char *on = color ? (hold || !e ? "\033[1;31m" : "\033[1m") : "";
		const char *off = color ? "\033[0m" : "";
		rc = ag_buf_printf(out, "%s%s%s  [%s]", on, u->name, off, where);
		if (!rc && u->files)
			rc = ag_buf_printf(out, "  %zu file%s", u->files, u->files == 1 ? "" : "s");
		if (!rc)
			rc = ag_buf_addc(out, '\n');
		for (size_t k = 0; k < u->nev && !rc; k++)
			rc = ag_buf_printf(out, "    %s:%d: %s\n", u->ev[k].file, u->ev[k].line,
					   u->ev[k].match);
		if (!rc && u->total > u->nev && !u->files)
			rc = ag_buf_printf(out, "    ... and %zu more\n", u->total - u->nev);
	}
	if (rc)
		return rc;
	rc = ag_buf_printf(out, "\n%zu technolog%s in use", s->n, s->n == 1 ? "y" : "ies");
	if (!rc && r) {
		for (size_t i = 0; i < r->nrings && !rc; i++)
			if (per_ring[i])
				rc = ag_buf_printf(out, ", %zu %s", per_ring[i], r->rings[i].id.s);
		if (!rc && unlisted)
			rc = ag_buf_printf(out, ", %zu not on the radar", unlisted);
	}
	if (!rc)
		rc = ag_buf_printf(out, "; %zu language%s; %zu files in %zu folders scanned, "
				   "%zu manifest%s read\n", langs, langs == 1 ? "" : "s",
				   s->stats.files, s->stats.dirs, s->stats.read,
				   s->stats.read == 1 ? "" : "s");
	return rc;
}
