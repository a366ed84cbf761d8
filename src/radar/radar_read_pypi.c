/*
 * radar_read_pypi.c - Python: requirements files, pyproject.toml (PEP 621,
 * Poetry, dependency groups), Pipfile and Pipfile.lock.
 */
#include <string.h>
#include "radar_scan_impl.h"

static void j_pipfile_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			   int line, enum jv t, const char *v, size_t vl)
{
	(void)t, (void)v, (void)vl;
	if (w->depth == 2 && k && (pathis(w, 1, "default") || pathis(w, 1, "develop")))
		hit_key(c, AG_ECO_PYPI, k, kl, line);
}

void ag_read_pipfile_lock(struct ctx *c, const char *text, size_t len)
{
	ag_scan_json_walk(c, text, len, j_pipfile_lock);
}

/* requirements-dev.txt, dev-requirements.txt, requirements/test.txt,
 * tests/requirements.txt ...: test and tool requirements by their name or
 * folder (ADR 0030). */
static bool dev_requirements(const char *rel)
{
	static const char *const words[] = {"dev", "test", "lint", "doc", "typing", "tox"};
	const char *base = strrchr(rel, '/');
	const char *parent = NULL;
	if (base) {
		for (const char *p = base; p > rel && !parent; p--)
			if (p[-1] == '/')
				parent = p;
		if (!parent)
			parent = rel;
	}
	/* under a test folder (test/, tests/, e2e/ at any level) */
	for (const char *p = rel; base && p < base; p++)
		if (p == rel || p[-1] == '/')
			for (size_t i = 0; i < 3; i++) {
				static const char *const dirs[] = {"test/", "tests/", "e2e/"};
				if (!strncmp(p, dirs[i], strlen(dirs[i])))
					return true;
			}
	base = base ? base + 1 : rel;
	bool in_folder = parent && !strncmp(parent, "requirements/", 13);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);
		if (in_folder && !strncmp(base, words[i], n))
			return true;
		for (const char *p = base; (p = strstr(p, words[i])); p++)
			if (p > base && (p[-1] == '-' || p[-1] == '_' || p[-1] == '.'))
				return true;
			else if (p == base && (p[n] == '-' || p[n] == '_'))
				return true;
	}
	return false;
}

/* pip-compile (and uv pip compile) output annotates every pin with where it
 * came from: "# via -r requirements.in" is a direct requirement, "# via
 * gradio" one that only gradio needs (transitive, ADR 0030). A pin is
 * recorded when its annotations are over. */
struct pending_req {
	const char *name;
	size_t n;
	int line;
	bool via, via_r; /* annotated; and by -r (a requirement file) */
};

static void flush_req(struct ctx *c, struct pending_req *pr, enum ag_evidence_kind kind)
{
	if (!pr->n)
		return;
	c->kind = pr->via && !pr->via_r ? AG_EVIDENCE_LOCKFILE : kind;
	hit_key(c, AG_ECO_PYPI, pr->name, pr->n, pr->line);
	c->kind = kind;
	pr->n = 0;
}

void ag_read_requirements(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	if (c->rel && dev_requirements(c->rel))
		c->kind = AG_EVIDENCE_DEV;
	enum ag_evidence_kind kind = c->kind;
	struct pending_req pr = {NULL, 0, 0, false, false};
	bool in_via = false;
	while (next_trimmed(&l, &s, &e)) {
		if (s < e && *s == '#') {
			const char *t = skip_ws(s + 1, e);
			if (starts(t, e, "via")) {
				pr.via = true;
				t = skip_ws(t + 3, e);
				in_via = t >= e; /* "# via" alone: a list follows */
				if (starts(t, e, "-r"))
					pr.via_r = true;
			} else if (in_via && starts(t, e, "-r")) {
				pr.via_r = true;
			}
			continue;
		}
		if (s >= e)
			continue;
		/* a pin's "--hash=..." continuation lines: its annotations follow */
		if (starts(s, e, "--hash"))
			continue;
		in_via = false;
		flush_req(c, &pr, kind);
		if (*s == '-') {
			/* -e git+https://...#egg=name */
			const char *egg = NULL;
			for (const char *p = s; p + 4 <= e; p++)
				if (!memcmp(p, "egg=", 4))
					egg = p + 4;
			if (egg) {
				const char *ns;
				size_t nl = ag_scan_pep508_name(egg, e, &ns);
				hit_key(c, AG_ECO_PYPI, ns, nl, l.no);
			}
			continue;
		}
		const char *ns;
		size_t nl = ag_scan_pep508_name(s, e, &ns);
		/* a URL (https://..., git+https://...) is not a name; httpx is */
		bool url = ns + nl < e && (ns[nl] == ':' || ns[nl] == '+');
		if (nl && !url) {
			pr = (struct pending_req){ns, nl, l.no, false, false};
			/* older pip-compile: "httpx==0.25  # via gradio" on the line */
			for (const char *p = ns + nl; p + 5 <= e; p++)
				if (*p == '#' && starts(skip_ws(p + 1, e), e, "via")) {
					const char *t = skip_ws(skip_ws(p + 1, e) + 3, e);
					pr.via = true;
					pr.via_r = starts(t, e, "-r");
					in_via = t >= e;
					break;
				}
		}
	}
	flush_req(c, &pr, kind);
}

/* An extra for tests or tools: [project.optional-dependencies] dev = [...] */
static bool dev_extra(const char *k, size_t n)
{
	static const char *const names[] = {"dev", "develop", "test", "tests", "testing",
					    "lint", "docs", "doc", "typing", "all-dev"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (kis(k, n, names[i]))
			return true;
	return false;
}

void ag_read_pyproject(struct ctx *c, const char *text, size_t len, bool pipfile)
{
	struct lines l = {text, text + len, 0};
	struct toml_state t = {"", false, AG_ECO_PYPI};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s == '#')
			continue;
		if (t.in_array) {
			ag_scan_toml_strings(c, s, e, l.no, AG_ECO_PYPI);
			if (memchr(s, ']', (size_t)(e - s)))
				t.in_array = false;
			continue;
		}
		if (*s == '[') {
			ag_scan_toml_header(&t, s, e);
			continue;
		}
		const char *k;
		size_t kl = ag_scan_toml_key(s, e, &k);
		if (!kl)
			continue;
		const char *eq = memchr(s, '=', (size_t)(e - s));
		const char *val = eq ? skip_ws(eq + 1, e) : e;
		bool arr = val < e && *val == '[';
		/* PEP 735 groups, uv's dev-dependencies, build requirements and
		 * extras named for tests or tools are dev (ADR 0030) */
		c->kind = table_is(&t, "dependency-groups") ||
				  (table_is(&t, "tool.uv") && kis(k, kl, "dev-dependencies")) ||
				  table_is(&t, "build-system") ||
				  (table_is(&t, "project.optional-dependencies") && dev_extra(k, kl))
			  ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
		/* PEP 621 and PEP 735: arrays of requirement strings */
		if (arr && ((table_is(&t, "project") && kis(k, kl, "dependencies")) ||
			    table_is(&t, "project.optional-dependencies") ||
			    table_is(&t, "dependency-groups") ||
			    (table_is(&t, "tool.uv") && kis(k, kl, "dev-dependencies")) ||
			    (table_is(&t, "build-system") && kis(k, kl, "requires")))) {
			ag_scan_toml_strings(c, val + 1, e, l.no, AG_ECO_PYPI);
			if (!memchr(val, ']', (size_t)(e - val)))
				t.in_array = true;
			continue;
		}
		if (table_is(&t, "project") && kis(k, kl, "requires-python")) {
			ag_scan_hit_name(c, "Python", l.no, "requires-python", 15);
			continue;
		}
		bool poetry = table_is(&t, "tool.poetry.dependencies") ||
			      table_is(&t, "tool.poetry.dev-dependencies") ||
			      (starts(t.table, t.table + strlen(t.table), "tool.poetry.group.") &&
			       table_ends(&t, ".dependencies"));
		bool pip = pipfile && (table_is(&t, "packages") || table_is(&t, "dev-packages"));
		/* Poetry's dev-dependencies and every group but main, Pipfile's
		 * dev-packages */
		if (table_is(&t, "tool.poetry.dev-dependencies") || table_is(&t, "dev-packages") ||
		    (starts(t.table, t.table + strlen(t.table), "tool.poetry.group.") &&
		     !table_is(&t, "tool.poetry.group.main.dependencies")))
			c->kind = AG_EVIDENCE_DEV;
		if (poetry || pip) {
			if (kis(k, kl, "python"))
				ag_scan_hit_name(c, "Python", l.no, "python", 6);
			else
				hit_key(c, AG_ECO_PYPI, k, kl, l.no);
		} else if (pipfile && table_is(&t, "requires") && kis(k, kl, "python_version")) {
			ag_scan_hit_name(c, "Python", l.no, "python_version", 14);
		}
	}
}
