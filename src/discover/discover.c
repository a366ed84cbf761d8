/*
 * discover.c - what an existing repository tells `archgate init`; see
 * discover.h.
 */
#include <ctype.h>
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/fsutil.h"
#include "discover.h"
#include "model/slo.h"
#include "model/templates.h"
#include "model/radar.h"
#include "radar/radar_export.h"
#include "radar/radar_scan.h"
#include "records/adr.h"
#include "yaml/yaml_tree.h"

#define PATH_CAP 4096

/* The files the walk keeps for reading afterwards. */
struct paths {
	char **v;
	size_t n, cap;
};

/* A value that may name another container ("cartservice:7070",
 * "http://api:8080/v1"): a relation when it does. */
struct ref {
	const char *from, *value, *rel;
	int line;
};

/* KEY=VALUE pairs of a compose file's .env. */
struct dotenv {
	const char **key, **val;
	size_t n;
};

struct walk {
	struct ag_discovery *x;
	struct ref *refs;
	size_t nrefs, refcap;
	struct ag_diags *d;
	char path[PATH_CAP]; /* root + '/' + relative */
	size_t root_len;
	struct paths compose, docker, yaml, json, owners;
	int err;
};

static int keep(struct ag_discovery *x, struct paths *p, const char *rel)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 16;
		char **nv = ag_arena_realloc_array(&x->arena, p->v, p->n, nc, sizeof(*nv));
		if (!nv)
			return AG_ENOMEM;
		p->v = nv;
		p->cap = nc;
	}
	if (!(p->v[p->n] = ag_arena_strdup(&x->arena, rel)))
		return AG_ENOMEM;
	p->n++;
	return 0;
}

static bool ends(const char *s, const char *lit)
{
	size_t a = strlen(s), b = strlen(lit);
	return a >= b && !strcmp(s + a - b, lit);
}

static bool begins(const char *s, const char *lit)
{
	return !strncmp(s, lit, strlen(lit));
}

/* A name or value discovery may write: valid UTF-8 without control
 * characters (YAML cannot hold invalid UTF-8; a newline in an id or a
 * file name is nobody's architecture). */
static bool usable(const char *s)
{
	if (!s || !*s)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return ag_utf8_valid(s, strlen(s));
}

static bool yaml_name(const char *n)
{
	return ends(n, ".yaml") || ends(n, ".yml");
}

/* A compose file; compose.test.yaml and the like set up test runs, not
 * the system. */
static bool compose_name(const char *n)
{
	return yaml_name(n) && (begins(n, "compose.") || begins(n, "docker-compose.")) &&
	       !strstr(n, ".test") && !strstr(n, ".ci.");
}

/* The base files first (compose.yaml before compose.override.yaml and
 * compose.full.yaml), shallower before deeper, then by name: a service
 * is found where it is defined, and variants add to it. */
static int compose_rank(const char *rel)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	int depth = 0;
	for (const char *p = rel; *p; p++)
		depth += *p == '/';
	bool plain = !strcmp(base, "compose.yaml") || !strcmp(base, "compose.yml") ||
		     !strcmp(base, "docker-compose.yaml") || !strcmp(base, "docker-compose.yml");
	return depth * 2 + !plain;
}

static int cmp_compose(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int rx = compose_rank(x), ry = compose_rank(y);
	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x, y);
}

static bool docker_name(const char *n)
{
	return !strcmp(n, "Dockerfile") || !strcmp(n, "Containerfile") ||
	       begins(n, "Dockerfile.") || ends(n, ".Dockerfile") || ends(n, ".dockerfile");
}

/* Folders that hold other people's code or build output, not the
 * repository's architecture. */
static bool skipped_dir(const char *n)
{
	static const char *const skip[] = {"node_modules", "vendor", "third_party",
					   "bower_components", "target", "dist", "build",
					   "out", "__pycache__", "venv", "env", "testdata",
					   "fixtures", "test", "tests", "e2e", "__tests__",
					   "examples", "samples", NULL};
	if (n[0] == '.')
		return strcmp(n, ".github") != 0;
	for (size_t i = 0; skip[i]; i++)
		if (!strcmp(n, skip[i]))
			return true;
	return false;
}

static int add_file(struct ag_found_files *f, struct ag_arena *a, const char *path, int line,
		    const char *what)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].path, path))
			return 0; /* a file once, at its first document */
	if (f->n == f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 8;
		struct ag_found_file *nv = ag_arena_realloc_array(a, f->v, f->n, nc, sizeof(*nv));
		if (!nv)
			return AG_ENOMEM;
		f->v = nv;
		f->cap = nc;
	}
	const char *p = ag_arena_strdup(a, path);
	if (!p)
		return AG_ENOMEM;
	f->v[f->n++] = (struct ag_found_file){p, line, what};
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walk *w, size_t len, int depth)
{
	if (w->err || depth > AG_DISCOVER_MAX_DEPTH)
		return;
	DIR *dir = opendir(w->path);
	if (!dir) {
		ag_diags_add(w->d, AG_SEV_WARNING, w->path + (len > w->root_len ? w->root_len + 1 : len),
			     0, 0, "cannot read this folder; discovery skipped it");
		return;
	}
	/* sorted, so what is found (and written) does not depend on the file system */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !usable(e->d_name))
			continue;
		if (++w->x->entries > AG_DISCOVER_MAX_ENTRIES) {
			w->x->truncated = true;
			break;
		}
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **nv = realloc(names, nc * sizeof(*nv));
			if (!nv) {
				w->err = AG_ENOMEM;
				break;
			}
			names = nv;
			cap = nc;
		}
		if (!(names[n] = strdup(e->d_name))) {
			w->err = AG_ENOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n && !w->err; i++) {
		const char *name = names[i];
		size_t nl = strlen(name);
		if (len + 1 + nl >= PATH_CAP)
			continue;
		w->path[len] = '/';
		memcpy(w->path + len + 1, name, nl + 1);
		const char *rel = w->path + w->root_len + 1;
		struct stat st;
		if (lstat(w->path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (!skipped_dir(name))
				walk_dir(w, len + 1 + nl, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			int rc = 0;
			if (compose_name(name))
				rc = keep(w->x, &w->compose, rel);
			else if (docker_name(name))
				rc = keep(w->x, &w->docker, rel);
			else if (!strcmp(name, "CODEOWNERS") && (depth == 0 || !strcmp(rel, ".github/CODEOWNERS") ||
								  !strcmp(rel, "docs/CODEOWNERS")))
				rc = keep(w->x, &w->owners, rel);
			else if (ends(name, ".ndjson") || ends(name, ".jsonl"))
				rc = add_file(&w->x->events, &w->x->arena, rel, 1, "events");
			else if (yaml_name(name))
				rc = keep(w->x, &w->yaml, rel);
			else if (ends(name, ".json") && (strstr(name, "openapi") || strstr(name, "swagger")))
				rc = keep(w->x, &w->json, rel);
			if (rc)
				w->err = rc;
		}
		w->path[len] = '\0';
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- what the files say ------------------------------------------------------------ */

static const char *at(struct ag_discovery *x, const char *rel, int line)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_printf(&b, "%s:%d", rel, line);
	const char *s = b.err ? NULL : ag_arena_strdup(&x->arena, b.data);
	ag_buf_release(&b);
	return s;
}

/* A non-empty string value that discovery may write, or NULL. */
static const char *scalar(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && n->len == strlen(n->str) && !ag_yaml_is_null(n) &&
			       usable(n->str)
		       ? n->str
		       : NULL;
}

static struct ag_found_container *find_container(struct ag_discovery *x, const char *id)
{
	for (size_t i = 0; i < x->nc; i++)
		if (!strcmp(x->c[i].id, id))
			return &x->c[i];
	return NULL;
}

/* A new container `id` (NULL when one of that name exists, or on ENOMEM:
 * *err says which). */
static struct ag_found_container *add_container(struct ag_discovery *x, const char *id,
						const char *rel, int line, int *err)
{
	if (find_container(x, id))
		return NULL;
	if (x->nc == x->ccap) {
		size_t nc = x->ccap ? x->ccap * 2 : 8;
		struct ag_found_container *v =
			ag_arena_realloc_array(&x->arena, x->c, x->nc, nc, sizeof(*v));
		if (!v) {
			*err = AG_ENOMEM;
			return NULL;
		}
		x->c = v;
		x->ccap = nc;
	}
	struct ag_found_container *c = &x->c[x->nc];
	memset(c, 0, sizeof(*c));
	c->id = ag_arena_strdup(&x->arena, id);
	c->from = at(x, rel, line);
	c->kind = "service";
	if (!c->id || !c->from) {
		*err = AG_ENOMEM;
		return NULL;
	}
	x->nc++;
	return c;
}

static int add_relation(struct ag_discovery *x, const char *from, const char *to,
			const char *rel, int line, const char *how)
{
	for (size_t i = 0; i < x->nr; i++)
		if (!strcmp(x->r[i].from, from) && !strcmp(x->r[i].to, to))
			return 0;
	if (x->nr == x->rcap) {
		size_t nc = x->rcap ? x->rcap * 2 : 8;
		struct ag_found_relation *v =
			ag_arena_realloc_array(&x->arena, x->r, x->nr, nc, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		x->r = v;
		x->rcap = nc;
	}
	struct ag_found_relation *r = &x->r[x->nr];
	r->from = ag_arena_strdup(&x->arena, from);
	r->to = ag_arena_strdup(&x->arena, to);
	r->src = at(x, rel, line);
	r->how = how;
	if (!r->from || !r->to || !r->src)
		return AG_ENOMEM;
	x->nr++;
	return 0;
}

/* `dir` (a compose file's folder, repository-relative, "." for the root)
 * joined with `sub`, normalised; NULL when it leaves the repository or is
 * a URL (a remote build context). */
static const char *join_dir(struct ag_discovery *x, const char *dir, const char *sub)
{
	if (strstr(sub, "://") || sub[0] == '/' || begins(sub, "git@"))
		return NULL;
	char buf[PATH_CAP];
	if (ag_snprintf(buf, sizeof(buf), "%s/%s", dir, sub) + 1 >= sizeof(buf))
		return NULL;
	/* split on '/', drop "." and "", pop on ".." */
	const char *seg[256];
	size_t segl[256], n = 0;
	for (char *p = buf; *p;) {
		char *q = strchr(p, '/');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		if (l == 2 && !strncmp(p, "..", 2)) {
			if (!n)
				return NULL;
			n--;
		} else if (l && !(l == 1 && *p == '.')) {
			if (n == 256)
				return NULL;
			seg[n] = p;
			segl[n++] = l;
		}
		if (!q)
			break;
		p = q + 1;
	}
	struct ag_buf b = AG_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			ag_buf_addc(&b, '/');
		ag_buf_add(&b, seg[i], segl[i]);
	}
	const char *s = b.err ? NULL : ag_arena_strdup(&x->arena, n ? b.data : ".");
	ag_buf_release(&b);
	return s;
}

static const char *dir_of(struct ag_discovery *x, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? ag_arena_strndup(&x->arena, rel, (size_t)(slash - rel)) : ".";
}

/* A file's text, or NULL (too large, unreadable: discovery skips it). */
static char *read_text(struct walk *w, const char *rel, size_t *len)
{
	char *path = ag_path_join(w->path, rel);
	char *data = NULL;
	if (!path) {
		w->err = AG_ENOMEM;
		return NULL;
	}
	int rc = ag_read_file(path, AG_DISCOVER_MAX_FILE, &data, len);
	free(path);
	if (rc == AG_ENOMEM)
		w->err = rc;
	return rc ? NULL : data;
}

/* The whole file as one YAML (or JSON) document, in `a`; NULL when it
 * does not parse (a warning says so when `warn`). */
static const struct ag_ynode *parse_one(struct walk *w, struct ag_arena *a, const char *rel,
					const char *text, size_t len, bool warn)
{
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(a, rel, text, len, &root, &d);
	if (rc == AG_ENOMEM)
		w->err = rc;
	else if (rc && warn && d.n)
		ag_diags_add(w->d, AG_SEV_WARNING, rel, d.v[0].line, d.v[0].col,
			     "not read by discovery: %s", d.v[0].message);
	ag_diags_release(&d);
	return rc ? NULL : root;
}

static const char *ports_text(struct ag_discovery *x, const struct ag_ynode *ports)
{
	if (!ports || ports->kind != AG_Y_SEQ || !ports->n)
		return NULL;
	struct ag_buf b = AG_BUF_INIT;
	for (size_t i = 0; i < ports->n; i++) {
		const struct ag_ynode *p = ports->kids[i];
		const char *s = scalar(p);
		if (!s && p->kind == AG_Y_MAP) /* long syntax: published:target */
			s = scalar(ag_yaml_get(p, "target"));
		if (!s)
			continue;
		if (b.len)
			ag_buf_adds(&b, ", ");
		ag_buf_adds(&b, s);
	}
	const char *r = !b.err && b.len ? ag_arena_strdup(&x->arena, b.data) : NULL;
	ag_buf_release(&b);
	return r;
}

static int add_ref(struct walk *w, const char *from, const char *value, const char *rel,
		   int line)
{
	if (w->nrefs == w->refcap) {
		size_t nc = w->refcap ? w->refcap * 2 : 32;
		struct ref *v = ag_arena_realloc_array(&w->x->arena, w->refs, w->nrefs, nc, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		w->refs = v;
		w->refcap = nc;
	}
	const char *f = ag_arena_strdup(&w->x->arena, from);
	const char *v = ag_arena_strdup(&w->x->arena, value);
	const char *r = ag_arena_strdup(&w->x->arena, rel);
	if (!f || !v || !r)
		return AG_ENOMEM;
	w->refs[w->nrefs++] = (struct ref){f, v, r, line};
	return 0;
}

/* The .env beside a compose file: KEY=VALUE lines, quotes taken off. */
static void read_dotenv(struct walk *w, const char *dir, struct dotenv *e)
{
	memset(e, 0, sizeof(*e));
	char rel[PATH_CAP];
	if (ag_snprintf(rel, sizeof(rel), strcmp(dir, ".") ? "%s/.env" : ".env", dir) + 1 >=
	    sizeof(rel))
		return;
	size_t len;
	char *text = read_text(w, rel, &len);
	if (!text)
		return;
	size_t cap = 0;
	for (char *p = text; p < text + len && !w->err;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		char *end = nl ? nl : text + len;
		*end = '\0';
		p += strspn(p, " \t");
		if (!strncmp(p, "export ", 7))
			p += 7;
		char *eq = strchr(p, '=');
		if (*p != '#' && eq && eq > p) {
			char *v = eq + 1;
			size_t vl = strlen(v);
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				v[--vl] = '\0';
			if (vl >= 2 && (*v == '"' || *v == '\'') && v[vl - 1] == *v)
				v[--vl] = '\0', v++;
			if (e->n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				const char **nk = ag_arena_realloc_array(&w->x->arena, e->key, e->n, nc,
									 sizeof(*nk));
				const char **nv = ag_arena_realloc_array(&w->x->arena, e->val, e->n, nc,
									 sizeof(*nv));
				if (!nk || !nv) {
					w->err = AG_ENOMEM;
					break;
				}
				e->key = nk;
				e->val = nv;
				cap = nc;
			}
			e->key[e->n] = ag_arena_strndup(&w->x->arena, p, (size_t)(eq - p));
			e->val[e->n] = ag_arena_strdup(&w->x->arena, v);
			if (!e->key[e->n] || !e->val[e->n])
				w->err = AG_ENOMEM;
			e->n++;
		}
		p = nl ? nl + 1 : end;
	}
	free(text);
}

/* `s` with ${VAR}, ${VAR:-default}, ${VAR-default} and $VAR taken from the
 * .env (compose's own interpolation, without the process environment: the
 * repository is read as it is). NULL when a variable stays unresolved. */
static const char *expand(struct walk *w, const struct dotenv *e, const char *s)
{
	if (!s || !strchr(s, '$'))
		return s;
	struct ag_buf b = AG_BUF_INIT;
	bool ok = true;
	for (const char *p = s; *p && ok;) {
		if (*p != '$') {
			ag_buf_addc(&b, *p++);
			continue;
		}
		if (p[1] == '$') { /* $$ is a literal $ */
			ag_buf_addc(&b, '$');
			p += 2;
			continue;
		}
		const char *name = p + 1, *ne, *dflt = NULL, *end;
		bool braced = *name == '{';
		if (braced)
			name++;
		for (ne = name; (*ne >= 'A' && *ne <= 'Z') || (*ne >= 'a' && *ne <= 'z') ||
				(*ne >= '0' && *ne <= '9') || *ne == '_';
		     ne++)
			;
		end = ne;
		if (braced) {
			const char *close = strchr(ne, '}');
			if (!close) {
				ok = false;
				break;
			}
			if (ne[0] == ':' && ne[1] == '-')
				dflt = ne + 2;
			else if (ne[0] == '-')
				dflt = ne + 1;
			end = close + 1;
			if (dflt && dflt > close)
				dflt = NULL;
			if (dflt && strchr(dflt, '$') && strchr(dflt, '$') < close)
				ok = false; /* a nested variable: not resolved */
			if (dflt)
				dflt = ag_arena_strndup(&w->x->arena, dflt, (size_t)(close - dflt));
		}
		const char *val = NULL;
		for (size_t i = 0; i < e->n && !val; i++)
			if (strlen(e->key[i]) == (size_t)(ne - name) && !strncmp(e->key[i], name,
										(size_t)(ne - name)))
				val = e->val[i];
		if (!val || (!*val && dflt && ne[0] == ':'))
			val = dflt;
		if (!val || ne == name)
			ok = false;
		else
			ag_buf_adds(&b, val);
		p = end;
	}
	const char *r = ok && !b.err ? ag_arena_strdup(&w->x->arena, b.data ? b.data : "") : NULL;
	ag_buf_release(&b);
	return r && usable(r) ? r : NULL;
}

/* A compose service's environment: values that may name other services. */
static void compose_env(struct walk *w, const struct dotenv *e, const char *id, const char *rel,
			const struct ag_ynode *env)
{
	if (!env)
		return;
	bool map = env->kind == AG_Y_MAP;
	for (size_t j = 0; j < env->n && !w->err; j += map ? 2 : 1) {
		const struct ag_ynode *n = map ? env->kids[j + 1] : env->kids[j];
		const char *v = scalar(n);
		if (v && !map) /* - KEY=value */
			v = strchr(v, '=') ? strchr(v, '=') + 1 : NULL;
		if ((v = expand(w, e, v)) && *v) {
			int rc = add_ref(w, id, v, rel, n->line);
			if (rc)
				w->err = rc;
		}
	}
}

static void read_compose(struct walk *w, const char *rel)
{
	size_t len;
	char *text = read_text(w, rel, &len);
	if (!text)
		return;
	struct ag_discovery *x = w->x;
	const struct ag_ynode *root = parse_one(w, &x->arena, rel, text, len, true);
	free(text);
	const struct ag_ynode *svcs = ag_yaml_get(root, "services");
	if (!svcs || svcs->kind != AG_Y_MAP)
		return;
	const char *dir = dir_of(x, rel);
	struct dotenv env;
	if (dir)
		read_dotenv(w, dir, &env);
	for (size_t i = 0; i + 1 < svcs->n && !w->err && dir; i += 2) {
		const struct ag_ynode *k = svcs->kids[i], *v = svcs->kids[i + 1];
		if (!scalar(k) || v->kind != AG_Y_MAP)
			continue;
		/* the same service in compose.override.yaml adds to the first */
		struct ag_found_container *c = find_container(x, k->str);
		if (!c && !(c = add_container(x, k->str, rel, k->line, &w->err)))
			continue;
		x->deployed = true;
		const struct ag_ynode *img = ag_yaml_get(v, "image");
		const char *image = expand(w, &env, scalar(img));
		if (image && !c->image) {
			c->image = image;
			c->image_file = rel;
			c->image_line = img->line;
		}
		const struct ag_ynode *build = ag_yaml_get(v, "build");
		const char *ctx = scalar(build) ? build->str : scalar(ag_yaml_get(build, "context"));
		if (build && !ctx && build->kind == AG_Y_MAP)
			ctx = ".";
		ctx = expand(w, &env, ctx);
		const char *df = expand(w, &env, scalar(ag_yaml_get(build, "dockerfile")));
		const char *cdir = ctx ? join_dir(x, dir, ctx) : NULL;
		if (cdir && df && strchr(df, '/')) /* context ./ with dockerfile src/ad/Dockerfile */
			cdir = join_dir(x, cdir, dir_of(x, df));
		if (cdir && !c->dir)
			c->dir = cdir;
		if (!c->ports)
			c->ports = ports_text(x, ag_yaml_get(v, "ports"));
		const struct ag_ynode *dep = ag_yaml_get(v, "depends_on");
		if (dep && (dep->kind == AG_Y_SEQ || dep->kind == AG_Y_MAP)) {
			size_t step = dep->kind == AG_Y_MAP ? 2 : 1;
			for (size_t j = 0; j < dep->n && !w->err; j += step) {
				const struct ag_ynode *t = dep->kids[j];
				if (scalar(t)) {
					int rc = add_relation(x, c->id, t->str, rel, t->line, "depends_on");
					if (rc)
						w->err = rc;
				}
			}
		}
		compose_env(w, &env, c->id, rel, ag_yaml_get(v, "environment"));
	}
}

/* The host a value names: "cartservice:7070", "http://api:8080/x",
 * "redis://cache" -> cartservice, api, cache; into buf, or "". */
static const char *ref_host(const char *v, char *buf, size_t cap)
{
	const char *s = strstr(v, "://");
	s = s ? s + 3 : v;
	const char *at = strchr(s, '@'); /* user:password@host */
	const char *slash = strchr(s, '/');
	if (at && (!slash || at < slash))
		s = at + 1;
	size_t n = strcspn(s, ":/?,; ");
	if (!n || n >= cap || (!s[n] && s == v)) { /* a bare word is a value, not an address */
		*buf = '\0';
		return buf;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Relations from the values that name another container. */
static int resolve_refs(struct walk *w)
{
	for (size_t i = 0; i < w->nrefs; i++) {
		char host[256];
		ref_host(w->refs[i].value, host, sizeof(host));
		if (*host && strcmp(host, w->refs[i].from) && find_container(w->x, host)) {
			int rc = add_relation(w->x, w->refs[i].from, host, w->refs[i].rel,
					      w->refs[i].line, "environment");
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* ---- YAML documents: Kubernetes workloads, SLOs, OpenAPI -------------------------- */

struct doc_ctx {
	struct walk *w;
	const char *rel;
};

static const struct ag_ynode *pod_spec(const struct ag_ynode *root, const char *kind)
{
	const struct ag_ynode *spec = ag_yaml_get(root, "spec");
	if (!strcmp(kind, "CronJob"))
		spec = ag_yaml_get(ag_yaml_get(spec, "jobTemplate"), "spec");
	return ag_yaml_get(ag_yaml_get(spec, "template"), "spec");
}

static int on_doc(void *vctx, const struct ag_ynode *root)
{
	struct doc_ctx *dc = vctx;
	struct walk *w = dc->w;
	struct ag_discovery *x = w->x;
	if (!root || root->kind != AG_Y_MAP)
		return 0;
	const char *api = scalar(ag_yaml_get(root, "apiVersion"));
	const char *kind = scalar(ag_yaml_get(root, "kind"));
	const char *oas = scalar(ag_yaml_get(root, "openapi"));
	const char *swagger = scalar(ag_yaml_get(root, "swagger"));
	if (oas || swagger) {
		struct ag_buf b = AG_BUF_INIT;
		ag_buf_printf(&b, "%s %s", oas ? "OpenAPI" : "Swagger", oas ? oas : swagger);
		const char *what = b.err ? NULL : ag_arena_strdup(&x->arena, b.data);
		ag_buf_release(&b);
		return what ? add_file(&x->openapi, &x->arena, dc->rel, root->line, what)
			    : AG_ENOMEM;
	}
	if (!api || !kind)
		return 0;
	if (begins(api, "openslo/"))
		return add_file(&x->slos, &x->arena, dc->rel, root->line, "OpenSLO");
	if (begins(api, "sloth.slok.dev/"))
		return add_file(&x->slos, &x->arena, dc->rel, root->line, "sloth");
	if (begins(api, "pyrra.dev/"))
		return add_file(&x->slos, &x->arena, dc->rel, root->line, "pyrra");
	static const char *const workloads[] = {"Deployment", "StatefulSet", "DaemonSet", "Job",
						"CronJob", NULL};
	bool workload = false;
	for (size_t i = 0; workloads[i]; i++)
		workload = workload || !strcmp(kind, workloads[i]);
	const char *name = scalar(ag_yaml_get(ag_yaml_get(root, "metadata"), "name"));
	if (!workload || !name)
		return 0;
	int err = 0;
	struct ag_found_container *c = add_container(x, name, dc->rel, root->line, &err);
	if (!c)
		return err;
	x->deployed = true;
	if (!strcmp(kind, "Job") || !strcmp(kind, "CronJob"))
		c->kind = "worker";
	const struct ag_ynode *cs = ag_yaml_get(pod_spec(root, kind), "containers");
	for (size_t i = 0; cs && cs->kind == AG_Y_SEQ && i < cs->n; i++) {
		const struct ag_ynode *env = ag_yaml_get(cs->kids[i], "env");
		for (size_t j = 0; env && env->kind == AG_Y_SEQ && j < env->n; j++) {
			const struct ag_ynode *v = ag_yaml_get(env->kids[j], "value");
			int rc = scalar(v) ? add_ref(w, c->id, v->str, dc->rel, v->line) : 0;
			if (rc)
				return rc;
		}
	}
	if (cs && cs->kind == AG_Y_SEQ && cs->n) {
		const struct ag_ynode *img = ag_yaml_get(cs->kids[0], "image");
		if (scalar(img)) {
			if (!(c->image = ag_arena_strdup(&x->arena, img->str)) ||
			    !(c->image_file = ag_arena_strdup(&x->arena, dc->rel)))
				return AG_ENOMEM;
			c->image_line = img->line;
		}
	}
	return 0;
}

static void read_documents(struct walk *w, const char *rel, bool json)
{
	size_t len;
	char *text = read_text(w, rel, &len);
	if (!text)
		return;
	/* most YAML in a repository is neither: read only what may be */
	if (!strstr(text, "apiVersion") && !strstr(text, "openapi") && !strstr(text, "swagger")) {
		free(text);
		return;
	}
	struct ag_arena a;
	ag_arena_init(&a, (size_t)64 << 20);
	struct doc_ctx dc = {w, rel};
	if (json) {
		const struct ag_ynode *root = parse_one(w, &a, rel, text, len, false);
		if (root) {
			int rc = on_doc(&dc, root);
			if (rc == AG_ENOMEM)
				w->err = rc;
		}
	} else {
		struct ag_diags d; /* Helm templates and the like do not parse: not a problem */
		ag_diags_init(&d);
		int rc = ag_slo_each_doc(&a, rel, text, len, on_doc, &dc, &d);
		if (rc == AG_ENOMEM)
			w->err = rc;
		ag_diags_release(&d);
	}
	ag_arena_release(&a);
	free(text);
}

/* ---- Dockerfiles: a container per folder nothing else builds ----------------------- */

static void read_dockerfile(struct walk *w, const char *rel)
{
	struct ag_discovery *x = w->x;
	const char *dir = dir_of(x, rel);
	if (!dir) {
		w->err = AG_ENOMEM;
		return;
	}
	for (size_t i = 0; i < x->nc; i++)
		if (x->c[i].dir && (!strcmp(x->c[i].dir, dir) ||
				    (strcmp(x->c[i].dir, ".") && begins(dir, x->c[i].dir) &&
				     dir[strlen(x->c[i].dir)] == '/')))
			return; /* a compose service builds it, or it is a helper of one
				   (src/checkout/genproto/Dockerfile) */
	/* src/cartservice/src/Dockerfile builds the workload named cartservice
	 * (or whose image is .../cartservice:tag): the deepest folder that
	 * names a container without a folder of its own */
	for (const char *end = dir + strlen(dir); end > dir && strcmp(dir, ".");) {
		const char *start = end;
		while (start > dir && start[-1] != '/')
			start--;
		size_t n = (size_t)(end - start);
		for (size_t i = 0; i < x->nc; i++) {
			struct ag_found_container *c = &x->c[i];
			if (c->dir)
				continue;
			const char *img = c->image ? c->image : "";
			const char *last = strrchr(img, '/') ? strrchr(img, '/') + 1 : img;
			size_t ln = strcspn(last, ":@");
			if ((strlen(c->id) == n && !strncmp(c->id, start, n)) ||
			    (ln == n && !strncmp(last, start, n))) {
				c->dir = dir;
				return;
			}
		}
		end = start > dir ? start - 1 : dir;
	}
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	/* Dockerfile.worker and worker.Dockerfile name the container */
	char id[256];
	if (begins(base, "Dockerfile.") && base[11])
		ag_snprintf(id, sizeof(id), "%s", base + 11);
	else if (ends(base, ".Dockerfile") || ends(base, ".dockerfile"))
		ag_snprintf(id, sizeof(id), "%.*s", (int)(strlen(base) - 11), base);
	else if (strcmp(dir, "."))
		ag_snprintf(id, sizeof(id), "%s", strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
	else
		ag_snprintf(id, sizeof(id), "app");
	if (find_container(x, id)) /* two folders named api: use the path */
		ag_snprintf(id, sizeof(id), "%s", dir);
	for (char *p = id; *p; p++)
		if (*p == '/')
			*p = '-';
	if (!usable(id)) /* ".Dockerfile", or a name cut inside a character */
		return;
	struct ag_found_container *c = add_container(x, id, rel, 1, &w->err);
	if (c)
		c->dir = dir;
}

/* Nothing runs in a container here, but the root is an application (a
 * Gemfile, composer.json, package.json, go.mod ...): one container, the
 * monolith the seed says to start with, its tech from the root's manifests. */
static void the_app(struct walk *w)
{
	static const char *const manifests[] = {"Gemfile", "composer.json", "package.json",
						"go.mod", "pyproject.toml", "requirements.txt",
						"pom.xml", "build.gradle", "build.gradle.kts",
						"Cargo.toml", "mix.exs", "Pipfile", NULL};
	for (size_t i = 0; manifests[i]; i++) {
		char *p = ag_path_join(w->path, manifests[i]);
		if (!p) {
			w->err = AG_ENOMEM;
			return;
		}
		struct stat st;
		bool there = !lstat(p, &st) && S_ISREG(st.st_mode);
		free(p);
		if (there) {
			struct ag_found_container *c =
				add_container(w->x, "app", manifests[i], 1, &w->err);
			if (c)
				c->dir = ".";
			return;
		}
	}
}

/* ---- technologies, from the radar scanner's evidence ------------------------------- */

static bool under(const char *file, const char *dir)
{
	size_t n = strlen(dir);
	return !strcmp(dir, ".") || (!strncmp(file, dir, n) && file[n] == '/');
}

/* Whether `file` belongs to container c: under its folder and under no
 * deeper folder of another container (a root build context owns what the
 * services in subfolders do not). */
static bool owned_by(const struct ag_discovery *x, const char *file,
		     const struct ag_found_container *c)
{
	if (!c->dir || !under(file, c->dir))
		return false;
	size_t n = strlen(c->dir);
	for (size_t i = 0; i < x->nc; i++) {
		const char *d = x->c[i].dir;
		if (&x->c[i] != c && d && under(file, d) && strcmp(d, ".") &&
		    (!strcmp(c->dir, ".") || strlen(d) > n))
			return false;
	}
	return true;
}

static const char *kind_of(const struct ag_tech *t)
{
	static const struct {
		const char *category, *kind;
	} map[] = {{"OLTP", "datastore"},   {"OLAP", "datastore"},  {"Vector", "datastore"},
		   {"Time series", "datastore"}, {"Search", "datastore"},
		   {"Object storage", "datastore"}, {"Caching", "cache"}, {"Messaging", "queue"}};
	for (size_t i = 0; t && t->category && i < sizeof(map) / sizeof(*map); i++)
		if (!strcmp(t->category, map[i].category))
			return map[i].kind;
	return NULL;
}

static void add_tech(struct ag_discovery *x, struct ag_found_container *c, const struct ag_used *u,
		     const struct ag_evidence *ev, int *err)
{
	for (size_t i = 0; i < c->ntech; i++)
		if (!strcmp(c->tech[i].name, u->name))
			return;
	if (c->ntech == AG_DISCOVER_MAX_TECH)
		return;
	const char *from = at(x, ev->file, ev->line);
	if (!from) {
		*err = AG_ENOMEM;
		return;
	}
	/* a client library is a backing service; an image in a service's
	 * folder (its test compose file's redis) stays the service's tech */
	bool client = ag_ev_use(ev) == AG_USE_DIRECT;
	c->tech[c->ntech++] = (struct ag_found_tech){u->name, from, ev->file, ev->line,
						     client ? kind_of(u->tech) : NULL, false};
}

/* What each container uses: first what its image is, then the languages
 * and the rest of what its folder's manifests (declared dependencies, not
 * lockfiles, test tools or CI steps), Dockerfile images and sources name.
 * Only catalog technologies: a container's tech list is for people; a
 * well-known file name (a Dockerfile is Docker) says nothing about it. */
static int container_tech(struct ag_discovery *x, const char *root)
{
	struct ag_scan *s = malloc(sizeof(*s));
	if (!s)
		return AG_ENOMEM;
	int rc = ag_scan_init(s);
	if (rc) {
		free(s);
		return rc;
	}
	x->scan = s; /* kept: init proposes the radar from it */
	struct ag_scan_opts o = {.max_evidence = 100000};
	struct ag_diags quiet; /* `radar scan` reports the scan's own warnings */
	ag_diags_init(&quiet);
	rc = ag_scan_dir(s, root, &o, &quiet);
	ag_diags_release(&quiet);
	for (size_t pass = 0; pass < 3 && !rc; pass++)
		for (size_t ci = 0; ci < x->nc && !rc; ci++) {
			struct ag_found_container *c = &x->c[ci];
			for (size_t i = 0; i < s->n && !rc; i++) {
				const struct ag_used *u = &s->v[i];
				if (!u->tech)
					continue;
				bool lang = u->tech->flags & AG_TECH_LANGUAGE;
				for (size_t k = 0; k < u->nev && !rc; k++) {
					const struct ag_evidence *ev = &u->ev[k];
					enum ag_use use = ag_ev_use(ev);
					bool hit;
					if (pass == 0) /* the image itself */
						hit = c->image_file && !strcmp(ev->file, c->image_file) &&
						      ev->line == c->image_line;
					else
						hit = owned_by(x, ev->file, c) && (pass == 1) == lang &&
						      (use == AG_USE_DIRECT || use == AG_USE_IMAGE) &&
						      ev->kind != AG_EVIDENCE_FILE &&
						      ev->kind != AG_EVIDENCE_MODEL;
					if (hit) {
						add_tech(x, c, u, ev, &rc);
						if (pass == 0 && kind_of(u->tech))
							c->kind = kind_of(u->tech);
						break;
					}
				}
			}
		}
	return rc;
}

/* ---- the database an application's own configuration names ---------------------- */

/* Rails' config/database.yml `adapter:` and Laravel's DB_CONNECTION in
 * .env.example (or .env): the database a monolith uses when no image and
 * no client library names it (ActiveRecord and Laravel carry their own
 * drivers), named as the radar's catalog names them (ag_radar_db_tech). */

/* The first line of `text` that is `key` followed by `sep` (after
 * indentation when `indented`), its value in *v and *vn; 0 when none. */
static int config_line(const char *text, size_t len, const char *key, char sep, bool indented,
		       const char **v, size_t *vn)
{
	int line = 1;
	size_t kn = strlen(key);
	for (size_t i = 0; i < len; line++) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t j = i;
		while (indented && j < e && (text[j] == ' ' || text[j] == '\t'))
			j++;
		if (e - j > kn && !strncmp(text + j, key, kn) && text[j + kn] == sep) {
			j += kn + 1;
			while (j < e && (text[j] == ' ' || text[j] == '"' || text[j] == '\''))
				j++;
			size_t k = j;
			while (k < e && (isalnum((unsigned char)text[k]) || text[k] == '_'))
				k++;
			if (k > j) {
				*v = text + j;
				*vn = k - j;
				return line;
			}
		}
		i = e + 1;
	}
	return 0;
}

static void app_database(struct walk *w, struct ag_found_container *c)
{
	static const struct {
		const char *file, *key;
		char sep;
		bool indented;
	} src[] = {{"config/database.yml", "adapter", ':', true},
		   {".env.example", "DB_CONNECTION", '=', false},
		   {".env", "DB_CONNECTION", '=', false}};
	for (size_t i = 0; i < sizeof(src) / sizeof(*src) && !w->err; i++) {
		char rel[PATH_CAP];
		if (ag_snprintf(rel, sizeof(rel), strcmp(c->dir, ".") ? "%s/%s" : "%.0s%s", c->dir,
				src[i].file) + 1 >= sizeof(rel))
			return;
		size_t len;
		char *text = read_text(w, rel, &len);
		if (!text)
			continue;
		const char *v;
		size_t vn;
		int line = config_line(text, len, src[i].key, src[i].sep, src[i].indented, &v, &vn);
		const char *name = line ? ag_radar_db_tech(v, vn) : NULL;
		char match[64]; /* "DB_CONNECTION=pgsql": the evidence's text */
		if (name)
			ag_snprintf(match, sizeof(match), "%s%c%.*s", src[i].key, src[i].sep,
				    (int)vn, v);
		free(text);
		const struct ag_tech *t = name ? ag_catalog_find(name, strlen(name)) : NULL;
		if (!t || !kind_of(t))
			continue;
		for (size_t k = 0; k < c->ntech; k++)
			if (!strcmp(c->tech[k].name, t->name))
				return;
		const char *file = ag_arena_strdup(&w->x->arena, rel);
		const char *from = file ? at(w->x, file, line) : NULL;
		if (!from) {
			w->err = AG_ENOMEM;
			return;
		}
		if (c->ntech < AG_DISCOVER_MAX_TECH)
			c->tech[c->ntech++] = (struct ag_found_tech){t->name, from, file, line,
								     kind_of(t), true};
		/* evidence for the radar init proposes, as the scan's own is */
		if (w->x->scan && ag_scan_add(w->x->scan, NULL, t->name, strlen(t->name),
					      &(struct ag_evidence){file, line, match,
								    AG_EVIDENCE_MANIFEST, 0},
					      100000))
			w->err = AG_ENOMEM;
		return;
	}
}

/* ---- backing services: a datastore, cache or queue a service is a client of ------- */

/* "Amazon SQS" -> "amazon-sqs": a container id from a technology's name. */
static void tech_id(char *buf, size_t cap, const char *name)
{
	size_t n = 0;
	for (const char *p = name; *p && n + 1 < cap; p++) {
		unsigned char ch = (unsigned char)*p;
		if (isalnum(ch) || ch >= 0x80)
			buf[n++] = (char)(ch < 0x80 ? tolower(ch) : ch);
		else if (n && buf[n - 1] != '-')
			buf[n++] = '-';
	}
	while (n && buf[n - 1] == '-')
		n--;
	buf[n] = '\0';
}

/* A service's datastore, cache or queue technology (a client library, a
 * configured database) is not the service's own tech but a container it
 * talks to: the one that already runs it (compose `db` from postgres:16)
 * or a new draft named after it, and a relation to it. */
static int backing_services(struct ag_discovery *x)
{
	size_t n = x->nc; /* add_container may move x->c: indexes only */
	/* Where compose files or Kubernetes manifests say what runs, they are
	 * the truth of it: a client library then names whom a service talks
	 * to, not a store of its own (the demo's cart service has clients of
	 * Spanner and AlloyDB for optional components; Redis is what runs). */
	bool deployed = x->deployed;
	for (size_t ci = 0; ci < n; ci++) {
		if (strcmp(x->c[ci].kind, "service") && strcmp(x->c[ci].kind, "worker"))
			continue;
		size_t keep = 0;
		for (size_t t = 0; t < x->c[ci].ntech; t++) {
			struct ag_found_tech ft = x->c[ci].tech[t];
			if (!ft.kind) {
				x->c[ci].tech[keep++] = ft;
				continue;
			}
			size_t to = x->nc;
			for (size_t j = 0; j < x->nc && to == x->nc; j++)
				if (j != ci && strcmp(x->c[j].kind, "service") &&
				    strcmp(x->c[j].kind, "worker") && x->c[j].ntech &&
				    !strcmp(x->c[j].tech[0].name, ft.name))
					to = j;
			if (to == x->nc && deployed) {
				x->c[ci].tech[keep++] = ft;
				continue;
			}
			if (to == x->nc) {
				char id[128];
				tech_id(id, sizeof(id), ft.name);
				struct ag_found_container *b = find_container(x, id);
				int err = 0;
				if (!b) { /* a new draft: it is that technology */
					if (!(b = add_container(x, id, ft.file, ft.line, &err)))
						return err ? err : AG_ENOMEM;
					b->kind = ft.kind;
					b->tech[b->ntech++] = ft;
				} else if (!strcmp(b->kind, "service") || !strcmp(b->kind, "worker")) {
					x->c[ci].tech[keep++] = ft; /* a service of that name */
					continue;
				}
				to = (size_t)(b - x->c);
			}
			int rc = add_relation(x, x->c[ci].id, x->c[to].id, ft.file, ft.line,
					      ft.configured ? "config" : "client");
			if (rc)
				return rc;
		}
		x->c[ci].ntech = keep;
	}
	return 0;
}

/* ---- CODEOWNERS -------------------------------------------------------------------- */

/* Whether a CODEOWNERS pattern covers folder `dir` (repository-relative). */
static bool owns(const char *pat, size_t n, const char *dir)
{
	char p[1024];
	if (n >= sizeof(p))
		return false;
	memcpy(p, pat, n);
	p[n] = '\0';
	bool anchored = p[0] == '/';
	char *s = p + anchored;
	size_t l = strlen(s);
	while (l && (s[l - 1] == '/' || (l >= 2 && s[l - 1] == '*' && s[l - 2] == '/') ||
		     (l >= 3 && !strcmp(s + l - 3, "/**")))) {
		if (s[l - 1] == '/')
			s[--l] = '\0';
		else if (s[l - 2] == '/')
			s[l -= 2] = '\0';
		else
			s[l -= 3] = '\0';
	}
	if (!l || !strcmp(s, "*") || !strcmp(s, "**"))
		return true;
	if (!strcmp(dir, "."))
		return false;
	/* the folder itself or a folder above it; unanchored names match at any depth */
	for (const char *d = dir; d;) {
		char head[PATH_CAP];
		for (const char *e = d;; e = strchr(e + 1, '/')) {
			size_t hl = e ? (size_t)(e - d) : strlen(d);
			if (hl >= sizeof(head))
				break;
			memcpy(head, d, hl);
			head[hl] = '\0';
			if (!fnmatch(s, head, FNM_PATHNAME))
				return true;
			if (!e)
				break;
		}
		if (anchored || strchr(s, '/'))
			break;
		d = strchr(d, '/');
		d = d ? d + 1 : NULL;
	}
	return false;
}

static void read_codeowners(struct walk *w)
{
	static const char *const order[] = {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
					    NULL};
	struct ag_discovery *x = w->x;
	const char *rel = NULL;
	for (size_t i = 0; order[i] && !rel; i++)
		for (size_t k = 0; k < w->owners.n; k++)
			if (!strcmp(w->owners.v[k], order[i]))
				rel = w->owners.v[k];
	size_t len;
	char *text = rel ? read_text(w, rel, &len) : NULL;
	if (!text)
		return;
	x->codeowners = rel;
	int line = 0;
	for (char *p = text; p < text + len && !w->err;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		char *e = nl ? nl : text + len;
		line++;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		char *pe = p;
		while (pe < e && *pe != ' ' && *pe != '\t' && *pe != '\r')
			pe++;
		char *o = pe;
		while (o < e && (*o == ' ' || *o == '\t'))
			o++;
		char *oe = o;
		while (oe < e && *oe != ' ' && *oe != '\t' && *oe != '\r' && *oe != '#')
			oe++;
		if (p < pe && *p != '#' && o < oe) {
			if (*o == '@')
				o++;
			char owner[256];
			if ((size_t)(oe - o) >= sizeof(owner))
				o = oe;
			else
				ag_snprintf(owner, sizeof(owner), "%.*s", (int)(oe - o), o);
			if (o < oe && !usable(owner))
				o = oe;
			for (size_t i = 0; i < x->nc && o < oe; i++) {
				struct ag_found_container *c = &x->c[i];
				if (!c->dir || !owns(p, (size_t)(pe - p), c->dir))
					continue;
				/* the last matching line wins */
				c->owner = ag_arena_strndup(&x->arena, o, (size_t)(oe - o));
				c->owner_from = at(x, rel, line);
				if (!c->owner || !c->owner_from)
					w->err = AG_ENOMEM;
			}
		}
		p = nl ? nl + 1 : e;
	}
	free(text);
}

/* ---- decision records -------------------------------------------------------------- */

static int find_records(struct ag_discovery *x, const char *root, struct ag_diags *d)
{
	(void)d;
	struct ag_arena a;
	ag_arena_init(&a, (size_t)256 << 20);
	char *arch = ag_path_join(root, "arch");
	int rc = arch ? 0 : AG_ENOMEM;
	struct ag_adr_where where;
	if (!rc)
		rc = ag_adr_locate(&a, root, arch, NULL, &where);
	if (!rc && where.dir_rel && strcmp(where.dir_rel, "arch/decisions")) {
		struct ag_adrs adrs;
		struct ag_diags quiet; /* `adr lint` judges the records, not init */
		ag_diags_init(&quiet);
		rc = ag_adrs_load_where(&a, &where, &adrs, &quiet);
		ag_diags_release(&quiet);
		if (rc == AG_ENOMEM) {
			/* keep rc */
		} else if (adrs.n) {
			rc = 0;
			x->nrecords = adrs.n;
			x->decisions = ag_arena_strdup(&x->arena, where.dir_rel);
			x->decisions_how = where.how ? ag_arena_strdup(&x->arena, where.how) : NULL;
			if (!x->decisions || (where.how && !x->decisions_how))
				rc = AG_ENOMEM;
		} else {
			rc = 0;
		}
	} else if (rc != AG_ENOMEM) {
		rc = 0;
	}
	free(arch);
	ag_arena_release(&a);
	return rc;
}

/* ---- the whole ----------------------------------------------------------------------- */

void ag_discovery_init(struct ag_discovery *x)
{
	memset(x, 0, sizeof(*x));
	ag_arena_init(&x->arena, (size_t)256 << 20);
}

int ag_discover(const char *root, struct ag_discovery *x, struct ag_diags *d)
{
	ag_discovery_init(x);
	struct walk *w = calloc(1, sizeof(*w));
	if (!w)
		return AG_ENOMEM;
	w->x = x;
	w->d = d;
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (rl + 2 >= PATH_CAP) {
		free(w);
		return 0;
	}
	memcpy(w->path, root, rl);
	w->path[rl] = '\0';
	w->root_len = rl;
	walk_dir(w, rl, 0);
	w->path[rl] = '\0';
	if (w->compose.n)
		qsort(w->compose.v, w->compose.n, sizeof(*w->compose.v), cmp_compose);
	for (size_t i = 0; i < w->compose.n && !w->err; i++)
		read_compose(w, w->compose.v[i]);
	for (size_t i = 0; i < w->yaml.n && !w->err; i++)
		read_documents(w, w->yaml.v[i], false);
	for (size_t i = 0; i < w->json.n && !w->err; i++)
		read_documents(w, w->json.v[i], true);
	for (size_t i = 0; i < w->docker.n && !w->err; i++)
		read_dockerfile(w, w->docker.v[i]);
	if (!w->err)
		w->err = resolve_refs(w);
	if (!w->err && !x->nc)
		the_app(w);
	/* relations only between containers that were found */
	size_t k = 0;
	for (size_t i = 0; i < x->nr; i++)
		if (find_container(x, x->r[i].from) && find_container(x, x->r[i].to))
			x->r[k++] = x->r[i];
	x->nr = k;
	int rc = w->err;
	if (!rc)
		rc = container_tech(x, w->path);
	for (size_t i = 0; !rc && i < x->nc; i++)
		if (x->c[i].dir && (!strcmp(x->c[i].kind, "service") || !strcmp(x->c[i].kind, "worker")))
			app_database(w, &x->c[i]), rc = w->err;
	if (!rc)
		rc = backing_services(x);
	/* a container's API spec: the first one in its folder */
	for (size_t i = 0; !rc && i < x->openapi.n; i++)
		for (size_t j = 0; j < x->nc; j++)
			if (!x->c[j].openapi && owned_by(x, x->openapi.v[i].path, &x->c[j])) {
				x->c[j].openapi = x->openapi.v[i].path;
				break;
			}
	if (!rc)
		read_codeowners(w), rc = w->err;
	if (!rc)
		rc = find_records(x, w->path, d);
	free(w);
	return rc;
}

void ag_discovery_release(struct ag_discovery *x)
{
	if (x->scan) {
		ag_scan_release(x->scan);
		free(x->scan);
	}
	ag_arena_release(&x->arena);
	memset(x, 0, sizeof(*x));
}

bool ag_discovery_any(const struct ag_discovery *x)
{
	bool techs = false; /* a Terraform repository: no container, a radar to seed */
	for (size_t i = 0; x->scan && i < x->scan->n && !techs; i++)
		techs = x->scan->v[i].tech != NULL;
	return x->nc || x->decisions || x->slos.n || x->openapi.n || x->events.n || techs;
}

/* ---- arch/system.yaml ----------------------------------------------------------------- */

/* A comment's text: one line, no control characters. */
static int comment(struct ag_buf *b, const char *s)
{
	for (; s && *s; s++)
		AG_TRY(ag_buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s));
	return 0;
}

static int ystr(struct ag_buf *b, const char *s)
{
	return ag_buf_yaml_str(b, s, strlen(s));
}

static int write_container(struct ag_buf *b, const struct ag_found_container *c)
{
	AG_TRY(ag_buf_adds(b, "    - id: "));
	AG_TRY(ystr(b, c->id));
	AG_TRY(ag_buf_adds(b, "\n      name: "));
	AG_TRY(ystr(b, c->id));
	AG_TRY(ag_buf_printf(b, "\n      kind: %s\n", c->kind));
	if (c->ntech) {
		AG_TRY(ag_buf_adds(b, "      tech: ["));
		for (size_t i = 0; i < c->ntech; i++) {
			if (i)
				AG_TRY(ag_buf_adds(b, ", "));
			AG_TRY(ystr(b, c->tech[i].name));
		}
		AG_TRY(ag_buf_adds(b, "]  # "));
		for (size_t i = 0; i < c->ntech; i++) {
			if (i)
				AG_TRY(ag_buf_adds(b, ", "));
			AG_TRY(comment(b, c->tech[i].from));
		}
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	if (c->image || c->dir)
		AG_TRY(ag_buf_adds(b, "      runtime: container\n"));
	if (c->openapi) {
		/* relative to the repository root, as model paths are */
		AG_TRY(ag_buf_adds(b, "      openapi: "));
		AG_TRY(ystr(b, c->openapi));
		AG_TRY(ag_buf_adds(b, "  # found in its folder\n"));
	}
	if (c->owner) {
		AG_TRY(ag_buf_adds(b, "      owner: "));
		AG_TRY(ystr(b, c->owner));
		AG_TRY(ag_buf_adds(b, "  # "));
		AG_TRY(comment(b, c->owner_from));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	AG_TRY(ag_buf_adds(b, "      discovered: "));
	AG_TRY(ystr(b, c->from));
	AG_TRY(ag_buf_adds(b, "  # a draft: check it, then delete this line"));
	if (c->image) {
		AG_TRY(ag_buf_adds(b, "; image "));
		AG_TRY(comment(b, c->image));
	}
	if (c->dir) {
		AG_TRY(ag_buf_adds(b, "; folder "));
		AG_TRY(comment(b, c->dir));
	}
	if (c->ports) {
		AG_TRY(ag_buf_adds(b, "; ports "));
		AG_TRY(comment(b, c->ports));
	}
	return ag_buf_addc(b, '\n');
}

static int file_list(struct ag_buf *b, const struct ag_found_files *f, const char *title)
{
	if (!f->n)
		return 0;
	AG_TRY(ag_buf_printf(b, "\n# %s\n", title));
	for (size_t i = 0; i < f->n; i++) {
		AG_TRY(ag_buf_adds(b, "#   "));
		AG_TRY(comment(b, f->v[i].path));
		AG_TRY(ag_buf_printf(b, ":%d (", f->v[i].line));
		AG_TRY(comment(b, f->v[i].what));
		AG_TRY(ag_buf_adds(b, ")\n"));
	}
	return 0;
}

bool ag_phase1_any(const struct ag_phase1 *a)
{
	return a && (a->users || a->latency || a->p99_ms || a->availability ||
		     a->compliance_set || a->ncap || a->style);
}

static int constraints(struct ag_buf *b, const struct ag_phase1 *a)
{
	AG_TRY(ag_buf_adds(b, "# Phase 1: the non-functional requirements. \"These constraints dictate the\n"
			   "# tech stack, not your personal preference.\"\n"));
	if (!a || !(a->users || a->latency || a->p99_ms || a->availability || a->compliance_set))
		return ag_buf_adds(b,
			"# Uncomment and answer:\n"
			"# constraints:\n"
			"#   users: 10000          # 1k users or 10M users?\n"
			"#   latency: interactive  # realtime, interactive or batch\n"
			"#   p99_ms: 300\n"
			"#   compliance: []        # HIPAA? GDPR? PCI-DSS? [] when none apply\n\n");
	AG_TRY(ag_buf_adds(b, "constraints:\n"));
	if (a->users)
		AG_TRY(ag_buf_printf(b, "  users: %lld\n", a->users));
	else
		AG_TRY(ag_buf_adds(b, "  # users: 10000        # 1k users or 10M users?\n"));
	if (a->latency)
		AG_TRY(ag_buf_printf(b, "  latency: %s\n", a->latency));
	if (a->p99_ms)
		AG_TRY(ag_buf_printf(b, "  p99_ms: %lld\n", a->p99_ms));
	if (a->availability)
		AG_TRY(ag_buf_printf(b, "  availability: %g\n", a->availability));
	if (a->compliance_set) {
		AG_TRY(ag_buf_adds(b, "  compliance: ["));
		for (size_t i = 0; i < a->ncompliance; i++) {
			if (i)
				AG_TRY(ag_buf_adds(b, ", "));
			AG_TRY(ystr(b, a->compliance[i]));
		}
		AG_TRY(ag_buf_adds(b, a->ncompliance ? "]\n" : "]  # none apply\n"));
	}
	return ag_buf_addc(b, '\n');
}

static int capabilities(struct ag_buf *b, const struct ag_phase1 *a)
{
	AG_TRY(ag_buf_adds(b, "# Phase 1: buy vs build. \"Only build your Core Differentiator. Buy "
			   "everything else.\"\n"));
	if (!a || !a->ncap)
		return ag_buf_adds(b, "# capabilities:\n"
				      "#   - {name: Auth, core: false, decision: buy, vendor: Auth0}\n\n");
	AG_TRY(ag_buf_adds(b, "capabilities:\n"));
	for (size_t i = 0; i < a->ncap; i++) {
		AG_TRY(ag_buf_adds(b, "  - {name: "));
		AG_TRY(ystr(b, a->cap[i].name));
		AG_TRY(ag_buf_printf(b, ", core: %s, decision: %s", a->cap[i].core ? "true" : "false",
				  a->cap[i].buy ? "buy" : "build"));
		if (a->cap[i].buy && a->cap[i].vendor) {
			AG_TRY(ag_buf_adds(b, ", vendor: "));
			AG_TRY(ystr(b, a->cap[i].vendor));
		}
		AG_TRY(ag_buf_adds(b, "}\n"));
	}
	return ag_buf_addc(b, '\n');
}

int ag_discovery_system_yaml(const struct ag_discovery *x, const struct ag_phase1 *a,
			     const char *name, struct ag_buf *out)
{
	struct ag_buf *b = out;
	AG_TRY(ag_buf_adds(b,
		"# The architecture model, begun by `archgate init` from what this\n"
		"# repository holds. Every element marked `discovered:` is a draft: check\n"
		"# it, complete it, then delete that line (`archgate status` lists the\n"
		"# drafts as open items of Phase 1). A comment after a value says where it\n"
		"# was found.\n"
		"system:\n  name: "));
	AG_TRY(ystr(b, name));
	AG_TRY(ag_buf_adds(b,
		"\n  description: What the system does and for whom\n\n"));
	AG_TRY(constraints(b, a));
	AG_TRY(capabilities(b, a));
	AG_TRY(ag_buf_adds(b, "boundaries:\n"));
	size_t services = 0;
	for (size_t i = 0; i < x->nc; i++)
		services += !strcmp(x->c[i].kind, "service") || !strcmp(x->c[i].kind, "worker");
	if (a && a->style)
		AG_TRY(ag_buf_printf(b, "  style: %s  # \"Start with Monolith.\"\n", a->style));
	else
		AG_TRY(ag_buf_printf(b,
			"  # Monolith or microservices? \"Start with Monolith.\" Discovery found %zu\n"
			"  # service%s; say which style this is and why (an ADR), then uncomment:\n"
			"  # style: monolith       # monolith, modular-monolith, microservices or serverless\n",
			services, services == 1 ? "" : "s"));
	AG_TRY(ag_buf_adds(b, "  people: []\n  external: []\n"));
	if (!x->nc) {
		AG_TRY(ag_buf_adds(b, "  containers: []\n"));
	} else {
		AG_TRY(ag_buf_adds(b, "  containers:\n"));
		for (size_t i = 0; i < x->nc; i++)
			AG_TRY(write_container(b, &x->c[i]));
	}
	if (!x->nr) {
		AG_TRY(ag_buf_adds(b, "  relations: []\n"));
	} else {
		AG_TRY(ag_buf_adds(b, "  relations:\n"));
		for (size_t i = 0; i < x->nr; i++) {
			AG_TRY(ag_buf_adds(b, "    - from: "));
			AG_TRY(ystr(b, x->r[i].from));
			AG_TRY(ag_buf_adds(b, "\n      to: "));
			AG_TRY(ystr(b, x->r[i].to));
			static const struct {
				const char *how, *label, *why;
			} hows[] = {{"environment", "calls", "its environment names it"},
				    {"client", "reads and writes", "it declares a client of it"},
				    {"config", "reads and writes", "its configuration names it"},
				    {"depends_on", "depends on", "depends_on"}};
			size_t h = 0;
			while (h + 1 < sizeof(hows) / sizeof(*hows) && strcmp(x->r[i].how, hows[h].how))
				h++;
			AG_TRY(ag_buf_printf(b, "\n      label: %s\n      discovered: ", hows[h].label));
			AG_TRY(ystr(b, x->r[i].src));
			AG_TRY(ag_buf_printf(b, "  # %s; say what happens along it\n", hows[h].why));
		}
	}
	if (x->events.n) {
		AG_TRY(ag_buf_adds(b, "\nobservability:\n  events:  # event logs found in the repository\n"));
		for (size_t i = 0; i < x->events.n; i++) {
			AG_TRY(ag_buf_adds(b, "    - "));
			AG_TRY(ystr(b, x->events.v[i].path));
			AG_TRY(ag_buf_addc(b, '\n'));
		}
	}
	AG_TRY(file_list(b, &x->slos, "SLO files found (`archgate slo budget FILE...` reads them):"));
	AG_TRY(file_list(b, &x->openapi, "API specifications found:"));
	return 0;
}

/* ---- the files init writes -------------------------------------------------------- */

/* The template's radar.yaml with an entry proposed for each technology the
 * scan found (radar scan --write's proposer, so both write the same). */
static int propose_radar(struct ag_discovery *x, struct ag_init_file *f)
{
	if (!x->scan)
		return 0;
	struct ag_arena a;
	ag_arena_init(&a, (size_t)64 << 20);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_ynode *root = NULL;
	struct ag_radar r;
	memset(&r, 0, sizeof(r));
	struct ag_loader l = {&a, &d, "arch/radar.yaml", 0};
	struct ag_buf out = AG_BUF_INIT;
	/* Not the template's examples: "PHP: hold" in a PHP repository is a
	 * decision nobody made, and would fail check on day one. */
	static const char seeded[] =
		"# The tech radar, begun by `archgate init` from what this repository\n"
		"# uses: each technology `archgate radar scan` found, in ring assess,\n"
		"# its evidence in a comment. Decide each one's ring -- adopt (safe to\n"
		"# use), trial (use with caution or permission), assess, hold (do not\n"
		"# use for new services) -- with an ADR for Adopt and Hold. The radar\n"
		"# allows the languages in its Adopt ring.\n"
		"rings: [adopt, trial, assess, hold]\n"
		"quadrants: [languages-and-frameworks, tools, platforms, techniques]\n"
		"entries:\n";
	const char *text = seeded;
	size_t tlen = sizeof(seeded) - 1;
	int rc = ag_yaml_parse(&a, "arch/radar.yaml", text, tlen, &root, &d);
	if (!rc)
		rc = ag_radar_load(&l, root, &r);
	size_t added = 0;
	if (!rc)
		rc = ag_radar_propose(&out, "arch/radar.yaml", text, tlen, x->scan, &r, "assess",
				      &added, &d);
	if (!rc && added) {
		f->data = ag_arena_strndup(&x->arena, out.data, out.len);
		f->len = out.len;
		x->proposed = added;
		if (!f->data)
			rc = AG_ENOMEM;
	}
	ag_buf_release(&out);
	ag_radar_release(&r);
	ag_diags_release(&d);
	ag_arena_release(&a);
	return rc == AG_ENOMEM ? rc : 0; /* the template radar stays when proposing fails */
}

int ag_discovery_init_files(struct ag_discovery *x, const struct ag_phase1 *a,
			    const char *name, struct ag_init_file **files, size_t *n)
{
	int rc = ag_template_files("minimal", files, n);
	if (rc)
		return rc;
	struct ag_buf sys = AG_BUF_INIT, pol = AG_BUF_INIT;
	rc = ag_discovery_system_yaml(x, a, name, &sys);
	size_t k = 0;
	for (size_t i = 0; i < *n && !rc; i++) {
		struct ag_init_file f = (*files)[i];
		if (!strcmp(f.rel, "arch/radar.yaml")) {
			rc = propose_radar(x, &f);
		} else if (!strcmp(f.rel, "arch/system.yaml")) {
			f.data = ag_arena_strndup(&x->arena, sys.data, sys.len);
			f.len = sys.len;
		} else if (x->decisions && begins(f.rel, "arch/decisions/")) {
			continue; /* the records are where they are */
		} else if (x->decisions && !strcmp(f.rel, "arch/archgate.yaml")) {
			ag_buf_add(&pol, f.data, f.len);
			ag_buf_printf(&pol, "\n# The decision records, where this repository keeps them "
				      "(found by archgate init: %zu in ", x->nrecords);
			comment(&pol, x->decisions);
			if (x->decisions_how) {
				ag_buf_adds(&pol, ", ");
				comment(&pol, x->decisions_how);
			}
			ag_buf_adds(&pol, ").\n# Relative to this folder.\ndecisions: ");
			struct ag_buf rel = AG_BUF_INIT;
			ag_buf_printf(&rel, strcmp(x->decisions, ".") ? "../%s" : "..", x->decisions);
			if (rel.err)
				rc = rel.err;
			else
				ag_buf_yaml_str(&pol, rel.data, rel.len);
			ag_buf_release(&rel);
			ag_buf_addc(&pol, '\n');
			if (!rc && !(rc = pol.err)) {
				f.data = ag_arena_strndup(&x->arena, pol.data, pol.len);
				f.len = pol.len;
			}
		}
		if (!rc && !f.data)
			rc = AG_ENOMEM;
		(*files)[k++] = f;
	}
	*n = k;
	if (!rc)
		rc = sys.err;
	ag_buf_release(&sys);
	ag_buf_release(&pol);
	if (rc) {
		free(*files);
		*files = NULL;
		*n = 0;
	}
	return rc;
}
