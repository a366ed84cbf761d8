/*
 * radar_read_helm.c - Helm: Chart.yaml dependencies.
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
