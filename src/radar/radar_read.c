/*
 * radar_read.c - what the manifest readers share: evidence for a match,
 * lines, tokens, a small JSON walker that keeps the path of keys, TOML
 * tables and keys.
 *
 * Why hand-written readers instead of full parsers: a scan must be fast on
 * 100,000-file trees and must never fail on a manifest it half
 * understands. Each reader looks for the few constructs that name a
 * dependency and keeps the line they are on; everything else is skipped.
 * JSON manifests and lockfiles go through one small tokenizer that tracks
 * the path of keys (so "dependencies" inside "scripts" is not mistaken for
 * a dependency list); TOML, YAML, XML, Gradle, HCL and Dockerfiles are
 * read line by line.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

/* The use a tool's own file or declaration shows, by the tool's category
 * (ADR 0056): a CI service's or a dependency bot's is ci; a linter's, a
 * test tool's, a documentation generator's or a workstation tool's is dev,
 * wherever it is declared. 0: the kind's own (direct). */
static unsigned char category_as(const struct ag_tech *t)
{
	static const char *const ci[] = {"CI/CD", "Dependencies"};
	static const char *const dev[] = {"Testing", "Quality", "Tooling", "Documentation"};
	if (!t || !t->category || (t->flags & AG_TECH_LANGUAGE))
		return 0;
	for (size_t i = 0; i < sizeof(ci) / sizeof(ci[0]); i++)
		if (!strcmp(t->category, ci[i]))
			return AG_USE_CI + 1;
	for (size_t i = 0; i < sizeof(dev) / sizeof(dev[0]); i++)
		if (!strcmp(t->category, dev[i]))
			return AG_USE_DEV + 1;
	return 0;
}

/* A tool's configuration written as code: vite.config.ts, jest.config.js,
 * playwright.config.ts. The language it is written in is not the product's. */
static bool tool_config(const char *rel)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	const char *dot = strstr(base, ".config.");
	return dot && dot > base && !strchr(dot + 8, '.');
}

/* One piece of evidence for technology `name` (`tech` its catalog entry,
 * or NULL), shown as `shown` cut to 255 bytes, in the file being read. */
static void record(struct ctx *c, const char *name, const struct ag_tech *tech, int line,
		   const char *shown, size_t sn)
{
	char match[256];
	if (sn >= sizeof(match))
		sn = sizeof(match) - 1;
	memcpy(match, shown, sn);
	match[sn] = '\0';
	struct ag_evidence ev = {c->rel, line, match, c->kind, 0};
	/* what a CI file's readers find is CI setup; the file itself is use
	 * of the CI service (ADR 0030) */
	if (c->ci_file && c->kind != AG_EVIDENCE_SOURCE && c->kind != AG_EVIDENCE_FILE)
		ev.kind = AG_EVIDENCE_CI;
	/* a tool's own file shows the tool's use; whatever a test, docs or
	 * examples folder declares or holds is dev (ADR 0056) */
	if (ev.kind == AG_EVIDENCE_FILE || ev.kind == AG_EVIDENCE_SOURCE ||
	    ev.kind == AG_EVIDENCE_MANIFEST || (c->install && ev.kind == AG_EVIDENCE_IMAGE))
		ev.as = category_as(tech); /* a test tool a RUN line installs is dev */
	if (!ev.as && ev.kind == AG_EVIDENCE_SOURCE && tool_config(c->rel))
		ev.as = AG_USE_DEV + 1;
	if (!ev.as && c->dev_dir &&
	    (ev.kind == AG_EVIDENCE_FILE || ev.kind == AG_EVIDENCE_SOURCE ||
	     ev.kind == AG_EVIDENCE_MANIFEST))
		ev.as = AG_USE_DEV + 1;
	struct ag_used *u = ag_scan_used_get(c->s, name, tech);
	if (!u) {
		note_err(c, AG_ENOMEM);
		return;
	}
	note_err(c, ag_scan_used_add(c->s, u, &ev, c->max_ev));
}

void ag_scan_hit(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line,
		 const char *shown, size_t sn)
{
	if (!n || c->err)
		return;
	const struct ag_match_target *t = ag_matcher_lookup(&c->m, eco, key, n);
	if (!t)
		return;
	record(c, t->tech ? t->tech->name : t->name, t->tech, line, shown, sn);
	if (!t->implies)
		return;
	/* what the dependency brings with it (a Spring Boot starter: Spring
	 * Framework, Tomcat), at the same line and of the same kind, shown as
	 * "via" the dependency; implied technologies imply nothing further
	 * (ADR 0060) */
	char via[256];
	size_t vl = ag_scan_join(via, sizeof(via), AG_EV_VIA, strlen(AG_EV_VIA), "", shown,
				 sn < sizeof(via) - 5 ? sn : sizeof(via) - 5);
	const char *p = t->implies, *end = t->implies + t->implies_len;
	while (p < end && !c->err) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p);
		const struct ag_tech *it = ag_matcher_find(&c->m, p, len);
		if (it && it != t->tech)
			record(c, it->name, it, line, via, vl);
		p += len + (bar ? 1 : 0);
	}
}

void ag_scan_hit_name(struct ctx *c, const char *name, int line, const char *shown, size_t sn)
{
	const struct ag_tech *t = ag_matcher_find(&c->m, name, strlen(name));
	if (t && !c->err)
		record(c, t->name, t, line, shown, sn);
}

/* ---- line helpers ---- */

size_t ag_scan_join(char *dst, size_t cap, const char *a, size_t an, const char *sep,
		    const char *b, size_t bn)
{
	size_t sn = strlen(sep);
	if (!cap || an >= cap || sn >= cap - an || bn >= cap - an - sn)
		return 0;
	memcpy(dst, a, an);
	memcpy(dst + an, sep, sn);
	memcpy(dst + an + sn, b, bn);
	dst[an + sn + bn] = '\0';
	return an + sn + bn;
}

const char *ag_scan_xml_attr(const char *s, const char *e, const char *name, size_t *vn)
{
	size_t k = strlen(name);
	for (const char *p = s; p + k < e; p++) {
		if (strncasecmp(p, name, k) ||
		    (p > s && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '<'))
			continue;
		const char *q = skip_ws(p + k, e);
		if (q >= e || *q != '=')
			continue;
		q = skip_ws(q + 1, e);
		if (q >= e || (*q != '"' && *q != '\''))
			continue;
		char quote = *q++;
		const char *end = memchr(q, quote, (size_t)(e - q));
		if (!end)
			return NULL;
		*vn = (size_t)(end - q);
		return q;
	}
	return NULL;
}

/* A quoted or bare token at s: sets ts and tn, returns the end. */
const char *ag_scan_token(const char *s, const char *e, const char **ts, size_t *tn)
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

void ag_scan_json_walk(struct ctx *c, const char *text, size_t len, jw_fn fn)
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

/* A PEP 508 requirement's name: "requests[socks]>=2 ; python_version<'3'" */
size_t ag_scan_pep508_name(const char *s, const char *e, const char **ns)
{
	s = skip_ws(s, e);
	const char *t = s;
	while (s < e && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.'))
		s++;
	*ns = t;
	return (size_t)(s - t);
}


void ag_scan_toml_header(struct toml_state *t, const char *s, const char *e)
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

/* Every string in [ ... ] on this line is a PEP 508 requirement. */
void ag_scan_toml_strings(struct ctx *c, const char *s, const char *e, int line, enum ag_eco eco)
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
			size_t nl = ag_scan_pep508_name(t, s, &ns);
			hit_key(c, eco, ns, nl, line);
			if (s >= e)
				return; /* unclosed: s++ would pass the end */
		}
		s++;
	}
}

/* key of a "key = value" line, or 0 */
size_t ag_scan_toml_key(const char *s, const char *e, const char **ks)
{
	s = skip_ws(s, e);
	const char *t;
	size_t n;
	const char *after = ag_scan_token(s, e, &t, &n);
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

/* Cargo.lock, poetry.lock, uv.lock: name = "x" in each [[package]] */
void ag_read_toml_lock(struct ctx *c, const char *text, size_t len, enum ag_eco eco)
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
		size_t kl = ag_scan_toml_key(s, e, &k);
		if (!kis(k, kl, "name"))
			continue;
		const char *eq = memchr(s, '=', n);
		const char *v;
		size_t vl;
		ag_scan_token(eq + 1, e, &v, &vl);
		hit_key(c, eco, v, vl, l.no);
	}
}
