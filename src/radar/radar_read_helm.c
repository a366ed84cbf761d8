/*
 * radar_read_helm.c - Helm: Chart.yaml dependencies; and the hooks of a
 * .pre-commit-config.yaml (a YAML list read the same way).
 */
#include <string.h>
#include "radar_scan_impl.h"

void ag_read_chart(struct ctx *c, const char *text, size_t len)
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
		ag_scan_token(s + 5, e, &t, &tn);
		hit_key(c, AG_ECO_HELM, t, tn, l.no);
	}
}

/* .pre-commit-config.yaml: each hook's `id:` (terraform_tflint, ruff,
 * hadolint-docker) in ecosystem pre-commit, as ci evidence: the hooks run
 * before a commit and in CI, not in the system (ADR 0056). */
void ag_read_precommit(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		/* `- id: x`, `id: x`, `- {id: x, ...}`, `{name: n, id: x}` */
		const char *k = NULL;
		for (const char *p = s; p + 3 <= e && !k; p++) {
			if (*p == '#')
				break;
			if (!memcmp(p, "id:", 3) &&
			    (p == s || p[-1] == ' ' || p[-1] == '{' || p[-1] == ',' || p[-1] == '-'))
				k = p + 3;
		}
		if (!k)
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(k, e, &t, &tn);
		while (tn && (t[tn - 1] == ',' || t[tn - 1] == '}'))
			tn--;
		hit_key(c, AG_ECO_PRECOMMIT, t, tn, l.no);
	}
}
