/*
 * radar_read_docker.c - container images: Dockerfiles (FROM, with ARG
 * defaults), compose files, and workflows' image: and uses: (GitHub
 * Actions, docker:// actions).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

/* An image reference -> its catalog key: no registry, no tag or digest,
 * no "library/"; then its last two path components, then the last one, so
 * an image under any registry path is found (gcr.io/x/y/redis:7 is Redis,
 * ghcr.io/valkey-io/valkey is Valkey). Sets [*ks, *ks + *kl) to the key
 * that matched and returns its target, or NULL. */
static const struct ag_match_target *image_key(const struct ctx *c, const char *img, size_t n,
					       const char **ks, size_t *kl)
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
	const char *last = s, *two = s;
	for (const char *p = s; p < e; p++)
		if (*p == '/') {
			two = last;
			last = p + 1;
		}
	const char *colon = memchr(last, ':', (size_t)(e - last));
	if (colon)
		e = colon;
	if (starts(s, e, "library/"))
		s += 8;
	if (two < s)
		two = s;
	if (s >= e || (e - s == 7 && !memcmp(s, "scratch", 7)))
		return NULL;
	for (const char *p = s; p < e; p++)
		if (*p == '$' || *p == '{' || *p == ' ')
			return NULL; /* an unresolved variable names the image */
	const char *keys[3] = {s, two, last};
	for (int i = 0; i < 3; i++) {
		if (i && keys[i] == keys[i - 1])
			continue;
		const struct ag_match_target *t =
			ag_matcher_lookup(&c->m, AG_ECO_DOCKER, keys[i], (size_t)(e - keys[i]));
		if (t) {
			*ks = keys[i];
			*kl = (size_t)(e - keys[i]);
			return t;
		}
	}
	return NULL;
}

void ag_scan_image(struct ctx *c, const char *img, size_t n, int line)
{
	const char *k;
	size_t kl;
	if (image_key(c, img, n, &k, &kl))
		ag_scan_hit(c, AG_ECO_DOCKER, k, kl, line, img, n);
}

const struct ag_tech *ag_scan_image_tech(const struct ctx *c, const char *img, size_t n)
{
	const char *k;
	size_t kl;
	const struct ag_match_target *t = image_key(c, img, n, &k, &kl);
	return t ? t->tech : NULL;
}

struct darg {
	char name[64];
	char val[256];
};

void ag_read_dockerfile(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	char stages[32][64];
	size_t nst = 0;
	struct darg args[32];
	size_t nargs = 0;
	const char *s, *e;
	struct ag_install inst;
	ag_install_reset(&inst);
	bool run = false; /* the RUN line before this one goes on */
	while (next_trimmed(&l, &s, &e)) {
		/* what RUN installs is in the image, or a developer's in a dev
		 * folder's Dockerfile (ADR 0060) */
		bool run_line = starts_ci(s, e, "RUN ") || starts_ci(s, e, "RUN\t");
		if (run_line || run) {
			if (run && s < e && *s == '#')
				continue; /* a comment inside a continued RUN */
			enum ag_evidence_kind was = c->kind;
			c->kind = c->dev_dir ? AG_EVIDENCE_DEV : AG_EVIDENCE_IMAGE;
			run = ag_scan_install(c, &inst, run_line ? s + 4 : s, e, l.no);
			c->kind = was;
			continue;
		}
		if (starts_ci(s, e, "ARG ")) {
			const char *t;
			size_t tn;
			ag_scan_token(s + 4, e, &t, &tn);
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
			p = ag_scan_token(p, e, &t, &tn);
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
			ag_scan_image(c, img, il, l.no);
		/* AS name */
		const char *as;
		size_t asn;
		p = ag_scan_token(p, e, &as, &asn);
		if (asn == 2 && !strncasecmp(as, "as", 2)) {
			ag_scan_token(p, e, &as, &asn);
			if (asn && asn < 64 && nst < 32)
				snprintf(stages[nst++], 64, "%.*s", (int)asn, as);
		}
	}
}

/* YAML files read by lines: compose files and workflows (image:, uses:). */
void ag_read_yaml_images(struct ctx *c, const char *text, size_t len, bool workflow)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s < e && *s == '-')
			s = skip_ws(s + 1, e);
		bool image = starts(s, e, "image:");
		bool uses = workflow && starts(s, e, "uses:");
		if (!image && !uses)
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(s + (image ? 6 : 5), e, &t, &tn);
		if (!tn)
			continue;
		/* in a workflow, an action, its docker:// image and a job's
		 * container or service image are CI setup, not what the system
		 * runs (ADR 0030) */
		enum ag_evidence_kind k = c->kind;
		c->kind = workflow ? AG_EVIDENCE_CI : AG_EVIDENCE_IMAGE;
		if (image) {
			ag_scan_image(c, t, tn, l.no);
		} else if (starts(t, t + tn, "docker://")) {
			ag_scan_image(c, t + 9, tn - 9, l.no);
		} else if (tn && t[0] != '.') {
			const char *at = memchr(t, '@', tn);
			size_t kl = at ? (size_t)(at - t) : tn;
			ag_scan_hit(c, AG_ECO_ACTIONS, t, kl, l.no, t, tn);
		}
		c->kind = k;
	}
}
