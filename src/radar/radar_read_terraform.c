/*
 * radar_read_terraform.c - Terraform: required_providers, provider blocks,
 * resource and data source types, module sources (registry, GitHub and
 * git:: addresses)
 * and helm_release charts in *.tf files (ADR 0041).
 */
#include <string.h>
#include "radar_scan_impl.h"

/* A module's source -> "namespace/name/provider[/subdir]": registry
 * addresses as written, github.com/ns/terraform-<provider>-<name> turned
 * into one; local paths ("./", "../") name nothing. */
static void tf_module(struct ctx *c, const char *t, size_t tn, int line)
{
	const char *s = t, *e = t + tn;
	if (!tn || *s == '.' || *s == '/')
		return;
	const char *q = memchr(s, '?', tn);
	if (q)
		e = q;
	static const char *const strip[] = {"git::", "https://", "http://", "ssh://", "git@",
					    "registry.terraform.io/", "app.terraform.io/",
					    "github.com/", "github.com:"};
	for (size_t i = 0; i < sizeof(strip) / sizeof(strip[0]); i++)
		if (starts(s, e, strip[i]))
			s += strlen(strip[i]);
	char key[512];
	size_t k = 0;
	for (const char *p = s; p < e && k + 1 < sizeof(key); p++) {
		if (*p == '/' && p + 1 < e && p[1] == '/')
			continue; /* "//subdir": one slash */
		key[k++] = *p;
	}
	key[k] = '\0';
	if (k > 4 && !strcmp(key + k - 4, ".git"))
		key[k -= 4] = '\0';
	/* ns/terraform-<provider>-<name>[/subdir] -> ns/<name>/<provider> */
	char *slash = strchr(key, '/');
	if (slash && !strncmp(slash + 1, "terraform-", 10)) {
		char *prov = slash + 11, *dash = strchr(prov, '-');
		char *rest = strchr(prov, '/');
		if (dash && (!rest || dash < rest)) {
			char tmp[512];
			size_t pl = (size_t)(dash - prov);
			size_t nl = (size_t)((rest ? rest : key + k) - dash - 1);
			size_t w = ag_scan_join(tmp, sizeof(tmp), key, (size_t)(slash - key) + 1,
						"", dash + 1, nl);
			if (w && w + 1 + pl < sizeof(tmp)) {
				tmp[w++] = '/';
				memcpy(tmp + w, prov, pl);
				w += pl;
				size_t rl = rest ? strlen(rest) : 0;
				if (w + rl < sizeof(tmp)) {
					memcpy(tmp + w, rest ? rest : "", rl);
					tmp[w + rl] = '\0';
					memcpy(key, tmp, w + rl + 1);
					k = w + rl;
				}
			}
		}
	}
	/* the whole address, then without its subdir, then its provider */
	size_t parts = 0, three = k;
	for (size_t i = 0; i < k; i++)
		if (key[i] == '/' && ++parts == 3)
			three = i;
	if (ag_matcher_lookup(&c->m, AG_ECO_TF_MODULE, key, k)) {
		ag_scan_hit(c, AG_ECO_TF_MODULE, key, k, line, t, tn);
		return;
	}
	if (parts < 2)
		return;
	if (three < k && ag_matcher_lookup(&c->m, AG_ECO_TF_MODULE, key, three)) {
		ag_scan_hit(c, AG_ECO_TF_MODULE, key, three, line, t, tn);
		return;
	}
	const char *prov = key;
	for (size_t i = 0, n = 0; i < three; i++)
		if (key[i] == '/' && ++n == 2)
			prov = key + i + 1;
	if (prov > key)
		ag_scan_hit(c, AG_ECO_TF_PROVIDER, prov, (size_t)(key + three - prov), line, t, tn);
}

/* The value of `name = "value"` on [s, e), or 0. */
static size_t tf_attr(const char *s, const char *e, const char *name, const char **v)
{
	const char *k;
	size_t kl = ag_scan_toml_key(s, e, &k);
	if (!kis(k, kl, name))
		return 0;
	const char *eq = memchr(s, '=', (size_t)(e - s));
	size_t vl;
	ag_scan_token(eq + 1, e, v, &vl);
	return vl;
}

void ag_read_terraform(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int rp_depth = 0; /* brace depth inside required_providers, 0 outside */
	int blk_depth = 0; /* brace depth inside a module or helm_release block */
	bool in_module = false;
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s == '#' || starts(s, e, "//"))
			continue;
		if (blk_depth) {
			const char *v;
			size_t vl;
			if (blk_depth == 1 && in_module && (vl = tf_attr(s, e, "source", &v)))
				tf_module(c, v, vl, l.no);
			else if (blk_depth == 1 && !in_module && (vl = tf_attr(s, e, "chart", &v))) {
				const char *last = v;
				for (const char *p = v; p < v + vl; p++)
					if (*p == '/')
						last = p + 1;
				ag_scan_hit(c, AG_ECO_HELM, last, (size_t)(v + vl - last), l.no, v, vl);
			}
			for (const char *p = s; p < e; p++)
				blk_depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
			if (blk_depth < 0)
				blk_depth = 0;
			continue;
		}
		if (starts(s, e, "module ") || starts(s, e, "module\t")) {
			in_module = true;
			for (const char *p = s; p < e; p++)
				blk_depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
			continue;
		}
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
		/* a data source reads a service the code depends on: data
		 * "aws_ssoadmin_instances" is use of IAM Identity Center */
		bool data = starts(s, e, "data ") || starts(s, e, "data\t");
		if (!res && !prov && !data)
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(s + (data ? 4 : 8), e, &t, &tn);
		res |= data;
		if (tn && t[tn - 1] == '{')
			tn--;
		hit_key(c, res ? AG_ECO_TF_RESOURCE : AG_ECO_TF_PROVIDER, t, tn, l.no);
		if (res && tn == 12 && !memcmp(t, "helm_release", 12)) {
			in_module = false;
			for (const char *p = s; p < e; p++)
				blk_depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
		}
	}
}
