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

void ag_read_requirements(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
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
				size_t nl = ag_scan_pep508_name(egg, e, &ns);
				hit_key(c, AG_ECO_PYPI, ns, nl, l.no);
			}
			continue;
		}
		const char *ns;
		size_t nl = ag_scan_pep508_name(s, e, &ns);
		if (nl && !(nl >= 4 && (starts(ns, e, "http") || starts(ns, e, "git+"))))
			hit_key(c, AG_ECO_PYPI, ns, nl, l.no);
	}
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
		/* PEP 621 and PEP 735: arrays of requirement strings */
		if (arr && ((table_is(&t, "project") && kis(k, kl, "dependencies")) ||
			    table_is(&t, "project.optional-dependencies") ||
			    table_is(&t, "dependency-groups") ||
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
