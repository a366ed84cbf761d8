/*
 * radar_read_npm.c - npm: package.json, package-lock.json,
 * npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml.
 */
#include <string.h>
#include "radar_scan_impl.h"

static void j_package_json(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			   int line, enum jv t, const char *v, size_t vl)
{
	(void)v, (void)vl, (void)t;
	if (w->depth == 2 && k &&
	    (pathis(w, 1, "dependencies") || pathis(w, 1, "devDependencies") ||
	     pathis(w, 1, "peerDependencies") || pathis(w, 1, "optionalDependencies"))) {
		/* devDependencies are test and build tools; @types/x is typing
		 * for the compiler, never use of x (ADR 0030) */
		enum ag_evidence_kind was = c->kind;
		if (pathis(w, 1, "devDependencies") || (kl > 7 && !memcmp(k, "@types/", 7)))
			c->kind = AG_EVIDENCE_DEV;
		hit_key(c, AG_ECO_NPM, k, kl, line);
		c->kind = was;
	} else if (w->depth == 2 && pathis(w, 1, "engines") && kis(k, kl, "node")) {
		enum ag_evidence_kind was = c->kind;
		c->kind = c->node_runs ? was : AG_EVIDENCE_DEV;
		ag_scan_hit_name(c, "Node.js", line, "engines.node", 12);
		c->kind = was;
	}
}

static bool has_text(const char *s, size_t n, const char *lit)
{
	size_t ln = strlen(lit);
	for (size_t i = 0; i + ln <= n; i++)
		if (s[i] == lit[0] && !memcmp(s + i, lit, ln))
			return true;
	return false;
}

void ag_read_package_json(struct ctx *c, const char *text, size_t len)
{
	/* engines.node is direct use of Node.js when something in the package
	 * runs on it (a main, a bin, exports, a start script, a server
	 * framework); a front end that Node.js only builds says dev (ADR 0056) */
	static const char *const runs[] = {
		"\"main\"", "\"bin\"", "\"exports\"", "\"start\"", "\"next\"", "\"nuxt\"",
		"\"express\"", "\"fastify\"", "\"koa\"", "\"@nestjs/core\"", "\"@hapi/hapi\"",
		"\"@remix-run/node\"", "\"@sveltejs/kit\"", "\"hono\"",
	};
	c->node_runs = false;
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]) && !c->node_runs; i++)
		c->node_runs = has_text(text, len, runs[i]);
	ag_scan_json_walk(c, text, len, j_package_json);
	/* only devDependencies (Playwright, commitlint, Prettier in a .NET
	 * or Go repository): its lock file is dev use of npm, pnpm or Yarn */
	if (!c->node_runs && !has_text(text, len, "\"dependencies\"") &&
	    !has_text(text, len, "\"peerDependencies\"") &&
	    !has_text(text, len, "\"optionalDependencies\"") &&
	    !has_text(text, len, "\"workspaces\""))
		ag_scan_note_dev_package(c);
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

static void j_npm_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
		       int line, enum jv t, const char *v, size_t vl)
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

void ag_read_npm_lock(struct ctx *c, const char *text, size_t len)
{
	ag_scan_json_walk(c, text, len, j_npm_lock);
}

void ag_read_yarn_lock(struct ctx *c, const char *text, size_t len)
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

void ag_read_pnpm_lock(struct ctx *c, const char *text, size_t len)
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
		if (e - t >= 2 && (*t == '\'' || *t == '"'))
			t++, e--; /* a lone quote would leave e before t */
		if (t >= e)
			continue;
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
