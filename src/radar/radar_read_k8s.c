/*
 * radar_read_k8s.c - Kubernetes: any YAML document with a top-level
 * apiVersion and kind (its container images, the API group and kind
 * themselves: Istio, Argo CD, cert-manager, Knative, Gateway API, ...),
 * kustomization files (images: overrides, helmCharts:), Helm values files
 * (image: and image.repository) and, for compose files, ${VAR} resolved
 * from the folder's .env (ADR 0040).
 *
 * Read line by line like the other YAML readers: a document starts at
 * "---"; only keys at column 0 say what a document is; Helm templates'
 * {{ ... }} values are skipped, never guessed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "radar_scan_impl.h"

/* The value of "key: value" at s (after the key and its colon), without
 * quotes or a trailing comment: [*vs, *vs + return). */
static size_t yaml_value(const char *s, const char *e, const char **vs)
{
	s = skip_ws(s, e);
	if (s < e && (*s == '"' || *s == '\'')) {
		char q = *s++;
		const char *t = s;
		while (s < e && *s != q)
			s++;
		*vs = t;
		return (size_t)(s - t);
	}
	const char *t = s;
	while (s < e && !(*s == '#' && (s == t || s[-1] == ' ')))
		s++;
	while (s > t && (s[-1] == ' ' || s[-1] == '\t'))
		s--;
	*vs = t;
	return (size_t)(s - t);
}

/* "key:" at s: the value after it, or -1 when the line is not that key. */
static long key_is(const char *s, const char *e, const char *key, const char **vs)
{
	size_t k = strlen(key);
	if ((size_t)(e - s) < k + 1 || memcmp(s, key, k) || s[k] != ':')
		return -1;
	return (long)yaml_value(s + k + 1, e, vs);
}

static bool templated(const char *v, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (v[i] == '{' && v[i + 1] == '{')
			return true;
	return false;
}

/* Kubernetes' own API groups: "" (v1), apps, batch, ... and *.k8s.io. */
static bool builtin_group(const char *g, size_t n)
{
	static const char *const groups[] = {"", "apps", "batch", "autoscaling", "policy",
					     "extensions"};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (strlen(groups[i]) == n && !memcmp(groups[i], g, n))
			return true;
	return n > 7 && !memcmp(g + n - 7, ".k8s.io", 7);
}

/* `image:` at the line's start, after "- ", or after "{" or "," (flow
 * style: {name: db, image: postgres:16}): its value. */
static bool image_value(const char *s, const char *e, const char **v, size_t *vn)
{
	for (const char *p = s; p + 6 <= e; p++) {
		if (memcmp(p, "image:", 6))
			continue;
		const char *b = p;
		while (b > s && (b[-1] == ' ' || b[-1] == '-'))
			b--;
		if (b != s && b[-1] != '{' && b[-1] != ',')
			continue;
		const char *q = p + 6, *vend = e;
		const char *qs = skip_ws(q, e);
		if (b != s && qs < e && *qs != '"' && *qs != '\'') {
			vend = qs;
			while (vend < e && *vend != ',' && *vend != '}')
				vend++;
		}
		*vn = yaml_value(q, vend, v);
		return true;
	}
	return false;
}

/* One document's apiVersion and kind: the group (and group/Kind) through
 * the catalog's k8s patterns, and Kubernetes itself for its own groups. */
static void k8s_kind(struct ctx *c, const char *av, size_t an, int aline, const char *kd,
		     size_t kn)
{
	const char *slash = memchr(av, '/', an);
	size_t gl = slash ? (size_t)(slash - av) : 0;
	enum ag_evidence_kind was = c->kind;
	c->kind = AG_EVIDENCE_INFRA;
	char key[256];
	size_t kl = ag_scan_join(key, sizeof(key), av, gl, "/", kd, kn);
	if (gl && kl && ag_matcher_lookup(&c->m, AG_ECO_K8S, key, kl))
		ag_scan_hit(c, AG_ECO_K8S, key, kl, aline, av, an);
	else if (gl)
		ag_scan_hit(c, AG_ECO_K8S, av, gl, aline, av, an);
	if (builtin_group(av, gl)) {
		char shown[300];
		size_t sn = ag_scan_join(shown, sizeof(shown), av, an, " ", kd, kn);
		ag_scan_hit_name(c, "Kubernetes", aline, shown, sn);
	}
	c->kind = was;
}

/* The images and charts of the document [s, e) starting at line `no`. */
static void k8s_images(struct ctx *c, const char *s, const char *e, int no, bool charts)
{
	struct lines l = {s, e, no - 1};
	const char *a, *b;
	enum ag_evidence_kind was = c->kind;
	while (next_trimmed(&l, &a, &b)) {
		const char *v = NULL;
		size_t in = 0;
		if (image_value(a, b, &v, &in) && in && !templated(v, in)) {
			c->kind = AG_EVIDENCE_IMAGE;
			ag_scan_image(c, v, in, l.no);
		}
		long vn;
		if (charts && (vn = key_is(a, b, "chart", &v)) > 0 && !templated(v, (size_t)vn)) {
			c->kind = AG_EVIDENCE_INFRA;
			hit_key(c, AG_ECO_HELM, v, (size_t)vn, l.no);
		}
	}
	c->kind = was;
}

/* An OpenAPI or Swagger document under any name (api-docs/api.yaml): its
 * first top-level key is `openapi:` or `swagger:`. Direct use: the API is
 * designed in it. */
static void openapi_doc(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		if (!n || s[0] == '#' || s[0] == ' ' || s[0] == '\t' || s[0] == '\r' ||
		    (n >= 3 && !memcmp(s, "---", 3)))
			continue;
		if (starts(s, s + n, "openapi:") || starts(s, s + n, "swagger:")) {
			enum ag_evidence_kind was = c->kind;
			c->kind = AG_EVIDENCE_MANIFEST;
			ag_scan_hit_name(c, "OpenAPI", l.no, s, n);
			c->kind = was;
		}
		return;
	}
}

void ag_read_k8s(struct ctx *c, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	openapi_doc(c, text, len);
	int no = 1;
	while (p < end) {
		/* one document: up to the next "---" line */
		const char *d = p, *de = end;
		int dno = no, n = no;
		const char *av = NULL, *kd = NULL;
		size_t an = 0, kn = 0;
		int aline = 0;
		for (const char *q = p; q < end;) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			const char *le = nl ? nl : end;
			if (q != d && le - q >= 3 && !memcmp(q, "---", 3)) {
				de = q;
				break;
			}
			const char *lq = le;
			if (lq > q && lq[-1] == '\r')
				lq--;
			const char *v;
			long vn;
			if (!av && (vn = key_is(q, lq, "apiVersion", &v)) > 0) {
				av = v, an = (size_t)vn, aline = n;
			} else if (!kd && (vn = key_is(q, lq, "kind", &v)) > 0) {
				kd = v, kn = (size_t)vn;
			}
			q = nl ? nl + 1 : end;
			n++;
			de = q;
		}
		if (av && kd && !templated(av, an) && !templated(kd, kn)) {
			k8s_kind(c, av, an, aline, kd, kn);
			bool charts = (kn == 11 && !memcmp(kd, "Application", 11)) ||
				      (kn == 11 && !memcmp(kd, "HelmRelease", 11)) ||
				      (kn == 9 && !memcmp(kd, "HelmChart", 9));
			k8s_images(c, d, de, dno, charts);
		}
		if (de == p)
			break;
		for (const char *q = p; q < de; q++)
			no += *q == '\n';
		p = de;
	}
}

/* kustomization.yaml: images: (name / newName) and helmCharts: (name);
 * its resources are read as manifests of their own. */
void ag_read_kustomization(struct ctx *c, const char *text, size_t len)
{
	ag_scan_hit_name(c, "Kustomize", 1, "kustomization", 13);
	struct lines l = {text, text + len, 0};
	enum { OTHER, IMAGES, CHARTS } sec = OTHER;
	const char *s;
	size_t n;
	/* the image entry being read: its name, its newName, their lines */
	char name[256] = "", nname[256] = "";
	int nline = 0, nnline = 0;
	enum ag_evidence_kind was = c->kind;
#define FLUSH()                                                                   \
	do {                                                                      \
		c->kind = AG_EVIDENCE_IMAGE;                                      \
		if (*nname)                                                       \
			ag_scan_image(c, nname, strlen(nname), nnline);           \
		else if (*name)                                                   \
			ag_scan_image(c, name, strlen(name), nline);              \
		*name = *nname = '\0';                                            \
	} while (0)
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (n && s[0] != ' ' && s[0] != '-' && s[0] != '#') {
			if (sec == IMAGES)
				FLUSH();
			sec = starts(s, e, "images:") ? IMAGES
			      : starts(s, e, "helmCharts:") ? CHARTS : OTHER;
			continue;
		}
		if (sec == OTHER)
			continue;
		const char *t = skip_ws(s, e);
		if (t < e && *t == '-') {
			if (sec == IMAGES)
				FLUSH();
			t = skip_ws(t + 1, e);
		}
		const char *v;
		long vn;
		if ((vn = key_is(t, e, "name", &v)) > 0) {
			if (sec == CHARTS) {
				c->kind = AG_EVIDENCE_INFRA;
				hit_key(c, AG_ECO_HELM, v, (size_t)vn, l.no);
			} else if ((size_t)vn < sizeof(name)) {
				memcpy(name, v, (size_t)vn);
				name[vn] = '\0';
				nline = l.no;
			}
		} else if (sec == IMAGES && (vn = key_is(t, e, "newName", &v)) > 0 &&
			   (size_t)vn < sizeof(nname)) {
			memcpy(nname, v, (size_t)vn);
			nname[vn] = '\0';
			nnline = l.no;
		}
	}
	if (sec == IMAGES)
		FLUSH();
#undef FLUSH
	c->kind = was;
	/* a kustomization with apiVersion and kind is a manifest too */
	ag_read_k8s(c, text, len);
}

/* A Helm values file: `image: ref` anywhere, and `repository:` under a key
 * that names an image (image:, images:, redisImage: ...). */
void ag_read_helm_values(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	struct {
		size_t indent;
		bool image;
	} stack[MAX_DEPTH];
	size_t depth = 0;
	const char *s;
	size_t n;
	enum ag_evidence_kind was = c->kind;
	c->kind = AG_EVIDENCE_IMAGE;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		const char *t = skip_ws(s, e);
		if (t >= e || *t == '#')
			continue;
		if (*t == '-')
			t = skip_ws(t + 1, e);
		size_t indent = (size_t)(t - s);
		const char *colon = memchr(t, ':', (size_t)(e - t));
		if (!colon || colon == t)
			continue;
		while (depth && stack[depth - 1].indent >= indent)
			depth--;
		const char *v;
		size_t vn = yaml_value(colon + 1, e, &v);
		size_t kn = (size_t)(colon - t);
		bool image_key = false;
		for (size_t i = 0; i + 5 <= kn; i++)
			if (!strncasecmp(t + i, "image", 5))
				image_key = true;
		if (!vn || (vn == 1 && (*v == '|' || *v == '>'))) {
			if (depth < MAX_DEPTH)
				stack[depth++].indent = indent, stack[depth - 1].image = image_key;
			continue;
		}
		if (templated(v, vn) || *v == '{' || *v == '[')
			continue;
		bool under_image = depth && stack[depth - 1].image;
		if ((kn == 5 && !memcmp(t, "image", 5)) ||
		    (under_image && kn == 10 && !memcmp(t, "repository", 10)))
			ag_scan_image(c, v, vn, l.no);
	}
	c->kind = was;
}

/* ---- compose: ${VAR} from the folder's .env ---- */

struct envvar {
	char name[64];
	char val[256];
};

/* The .env beside c->path (the compose file), at most 64 variables. */
static size_t load_env(struct ctx *c, struct envvar *vars, size_t cap)
{
	char path[PATH_CAP];
	const char *slash = strrchr(c->path, '/');
	if (!slash)
		return 0;
	size_t dl = (size_t)(slash - c->path);
	if (dl + 6 >= sizeof(path))
		return 0;
	memcpy(path, c->path, dl);
	memcpy(path + dl, "/.env", 6);
	int fd;
	if (ag_open_read(path, &fd))
		return 0;
	char *buf = malloc(65537);
	if (!buf) {
		close(fd);
		note_err(c, AG_ENOMEM);
		return 0;
	}
	size_t got = 0;
	ssize_t r;
	while (got < 65536 && (r = read(fd, buf + got, 65536 - got)) > 0)
		got += (size_t)r;
	close(fd);
	struct lines l = {buf, buf + got, 0};
	const char *s, *e;
	size_t nv = 0;
	while (nv < cap && next_trimmed(&l, &s, &e)) {
		if (starts(s, e, "export "))
			s = skip_ws(s + 7, e);
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq || eq == s || (size_t)(eq - s) >= sizeof(vars[0].name) || *s == '#')
			continue;
		const char *v;
		size_t vn = yaml_value(eq + 1, e, &v);
		if (vn >= sizeof(vars[0].val))
			continue;
		memcpy(vars[nv].name, s, (size_t)(eq - s));
		vars[nv].name[eq - s] = '\0';
		memcpy(vars[nv].val, v, vn);
		vars[nv].val[vn] = '\0';
		nv++;
	}
	free(buf);
	return nv;
}

/* `in` with ${VAR}, ${VAR:-default}, ${VAR-default} and $VAR replaced from
 * vars (a missing variable takes its default, or stays as written). */
static size_t interpolate(const char *in, size_t n, const struct envvar *vars, size_t nv,
			  char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap;) {
		if (in[i] != '$' || i + 1 >= n) {
			out[k++] = in[i++];
			continue;
		}
		bool brace = in[i + 1] == '{';
		size_t j = i + 1 + brace, ns = j;
		while (j < n && (in[j] == '_' || (in[j] >= 'A' && in[j] <= 'Z') ||
				 (in[j] >= 'a' && in[j] <= 'z') || (in[j] >= '0' && in[j] <= '9')))
			j++;
		size_t nl = j - ns;
		const char *def = NULL;
		size_t dl = 0;
		if (brace) {
			size_t close = j;
			while (close < n && in[close] != '}')
				close++;
			if (close >= n) {
				out[k++] = in[i++];
				continue;
			}
			if (j < close && (in[j] == ':' || in[j] == '-')) {
				size_t d = j + (in[j] == ':');
				if (d < close && in[d] == '-')
					def = in + d + 1, dl = close - d - 1;
			}
			j = close + 1;
		}
		const char *val = NULL;
		for (size_t v = 0; v < nv && !val; v++)
			if (strlen(vars[v].name) == nl && !memcmp(vars[v].name, in + ns, nl))
				val = vars[v].val;
		if (!val && def) {
			for (size_t d = 0; d < dl && k + 1 < cap; d++)
				out[k++] = def[d];
		} else if (val) {
			for (; *val && k + 1 < cap; val++)
				out[k++] = *val;
		} else {
			for (size_t d = i; d < j && k + 1 < cap; d++)
				out[k++] = in[d];
		}
		i = j;
	}
	out[k] = '\0';
	return k;
}

/* Whether a technology is a backing service a developer starts beside the
 * product: a datastore, a cache, a queue, a search engine (ADR 0060). */
static bool backing_service(const struct ag_tech *t)
{
	static const char *const cats[] = {
		"OLTP", "OLAP", "Caching", "Messaging", "Document store", "Key-value store",
		"Search", "Vector", "Wide-column store", "Time series", "Graph store",
		"Object storage",
	};
	if (!t)
		return false;
	for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
		if (!strcmp(t->category, cats[i]))
			return true;
	return false;
}

/* Whether every service of a compose file runs the image of a backing
 * service and none is built (no build: anywhere): the file is a developer's
 * datastores, not the product (ADR 0060). Services are the keys one level
 * under the top-level services:; a service with no image, or an image the
 * catalog does not know as a backing service, says no. */
static bool backing_only(const struct ctx *c, const char *text, size_t len,
			 const struct envvar *vars, size_t nv)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	bool in_services = false, cur = false, folded = false;
	size_t services = 0, backing = 0, svc_indent = 0;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n, *t = skip_ws(s, e);
		if (t >= e || *t == '#')
			continue;
		size_t ind = (size_t)(t - s);
		if (starts(t, e, "build:") || starts(t, e, "- build:"))
			return false;
		if (!ind || (in_services && svc_indent && ind <= svc_indent)) {
			backing += cur;
			cur = folded = false;
			if (!ind) {
				in_services = starts(t, e, "services:");
				svc_indent = 0;
				continue;
			}
		}
		if (!in_services)
			continue;
		if (!svc_indent)
			svc_indent = ind;
		if (ind == svc_indent)
			services++;
		const char *v = NULL;
		size_t vn = 0;
		if (folded) {
			folded = false;
			vn = yaml_value(t, e, &v);
		} else if (image_value(t, e, &v, &vn) && vn && (*v == '>' || *v == '|') && vn <= 2) {
			folded = true;
			continue;
		}
		if (!v || !vn)
			continue;
		char img[512];
		size_t il = interpolate(v, vn, vars, nv, img, sizeof(img));
		if (!backing_service(ag_scan_image_tech(c, img, il)))
			return false;
		cur = true;
	}
	backing += cur;
	return services && backing == services;
}

/* A compose file: every service's image (block or flow style, plain,
 * quoted or folded), ${VAR} resolved from the .env beside it. */
void ag_read_compose(struct ctx *c, const char *text, size_t len)
{
	struct envvar *vars = malloc(64 * sizeof(*vars));
	if (!vars) {
		note_err(c, AG_ENOMEM);
		return;
	}
	size_t nv = load_env(c, vars, 64);
	if (backing_only(c, text, len, vars, nv))
		ag_scan_note_dev_compose(c);
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	bool folded = false; /* the image's value is on the next line */
	while (next_trimmed(&l, &s, &e)) {
		const char *v = NULL;
		size_t vn = 0;
		if (folded) {
			folded = false;
			if (s >= e)
				continue;
			v = s;
			vn = yaml_value(s, e, &v);
		} else {
			image_value(s, e, &v, &vn);
			if (!v)
				continue;
			if (vn && (*v == '>' || *v == '|') && vn <= 2) {
				folded = true;
				continue;
			}
		}
		if (!vn)
			continue;
		char img[512];
		size_t il = interpolate(v, vn, vars, nv, img, sizeof(img));
		enum ag_evidence_kind was = c->kind;
		c->kind = AG_EVIDENCE_IMAGE;
		ag_scan_image(c, img, il, l.no);
		c->kind = was;
	}
	free(vars);
}
