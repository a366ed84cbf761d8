/*
 * radar_read_terraform.c - Terraform: required_providers, provider blocks and
 * resource types in *.tf files.
 */
#include <string.h>
#include "radar_scan_impl.h"

void ag_read_terraform(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int rp_depth = 0; /* brace depth inside required_providers, 0 outside */
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s == '#' || starts(s, e, "//"))
			continue;
		if (rp_depth) {
			if (starts(s, e, "source")) {
				const char *eq = memchr(s, '=', (size_t)(e - s));
				if (eq) {
					const char *t;
					size_t tn;
					ag_scan_token(eq + 1, e, &t, &tn);
					const char *last = t;
					for (const char *p = t; p < t + tn; p++)
						if (*p == '/')
							last = p + 1;
					ag_scan_hit(c, AG_ECO_TF_PROVIDER, last,
						    (size_t)(t + tn - last), l.no, t, tn);
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
		ag_scan_token(s + 8, e, &t, &tn);
		if (tn && t[tn - 1] == '{')
			tn--;
		hit_key(c, res ? AG_ECO_TF_RESOURCE : AG_ECO_TF_PROVIDER, t, tn, l.no);
	}
}
