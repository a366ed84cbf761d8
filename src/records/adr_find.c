/*
 * adr_find.c - where a repository keeps its decision records: the one
 * place that decides it (ag_adr_locate); see adr.h and
 * arch/decisions/0024.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "adr.h"
#include "base/fsutil.h"
#include "yaml/yaml_tree.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* "./docs/adr/" -> "docs/adr"; "" and "." name the root. In the arena. */
static char *clean_rel(struct ag_arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '"' || *s == '\''))
		s++, n--;
	while (n && strchr(" \"'/\r\t", s[n - 1]))
		n--;
	while (n >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2, n -= 2;
		while (n && *s == '/')
			s++, n--;
	}
	if (n == 1 && *s == '.')
		n = 0;
	return ag_arena_strndup(a, s, n);
}

/* Whether a relative path stays inside the repository: no absolute path,
 * no ".." component (a pointer file must not send archgate elsewhere). */
static bool inside(const char *rel)
{
	if (*rel == '/')
		return false;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

/* `base` + "/" + `rel` with "." and ".." resolved as names, in the arena:
 * "arch" + "../docs/adr" is "docs/adr". NULL (and *out_of_repo) when it
 * is absolute or climbs above the root; NULL alone when out of memory. */
static char *join_inside(struct ag_arena *a, const char *base, const char *rel,
			 bool *out_of_repo)
{
	*out_of_repo = *rel == '/';
	if (*out_of_repo)
		return NULL;
	size_t bl = strlen(base), n = bl + strlen(rel) + 2;
	char *in = ag_arena_alloc(a, n), *out = ag_arena_alloc(a, n);
	if (!in || !out)
		return NULL;
	snprintf(in, n, "%s/%s", base, rel);
	size_t o = 0;
	for (const char *p = in; *p;) {
		size_t k = strcspn(p, "/");
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (!o) {
				*out_of_repo = true;
				return NULL;
			}
			while (o && out[o - 1] != '/')
				o--;
			if (o)
				o--; /* the '/' before the dropped name */
		} else if (k && !(k == 1 && *p == '.')) {
			if (o)
				out[o++] = '/';
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		while (*p == '/')
			p++;
	}
	out[o] = '\0';
	return out;
}

static int add_looked(struct ag_arena *a, struct ag_adr_where *w, const char *rel,
		      const char *why)
{
	const char **nl = ag_arena_realloc_array(a, w->looked, w->nlooked, w->nlooked + 1,
						 sizeof(*nl));
	if (!nl)
		return AG_ENOMEM;
	w->looked = nl;
	size_t n = strlen(rel) + strlen(why) + 8;
	char *s = ag_arena_alloc(a, n);
	if (!s)
		return AG_ENOMEM;
	snprintf(s, n, "%s (%s)", *rel ? rel : ".", why);
	w->looked[w->nlooked++] = s;
	return 0;
}

/* How many record-named files `abs` holds (0 when it is no folder). */
static size_t count_records(const char *abs)
{
	char **names;
	size_t n;
	if (ag_dir_list(abs, ag_record_file_name, &names, &n))
		return 0;
	ag_dir_list_free(names, n);
	return n;
}

static int add_package(struct ag_arena *a, struct ag_adr_where *w, const char *name,
		       const char *rel)
{
	struct ag_adr_pkg *np = ag_arena_realloc_array(a, w->pkgs, w->npkgs, w->npkgs + 1,
						       sizeof(*np));
	if (!np)
		return AG_ENOMEM;
	w->pkgs = np;
	w->pkgs[w->npkgs].name = name;
	w->pkgs[w->npkgs].dir_rel = rel;
	w->pkgs[w->npkgs].dir = ag_arena_strdup(a, "");
	w->npkgs++;
	return 0;
}

static const struct ag_ynode *scalar(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && n->len ? n : NULL;
}

/* log4brains: project.adrFolder, and packages[].{name, adrFolder}. */
static int read_log4brains(struct ag_arena *a, const char *root, struct ag_adr_where *w,
			   char **main_rel)
{
	*main_rel = NULL;
	char *path = ag_path_join(root, ".log4brains.yml");
	char *data = NULL;
	size_t len;
	int rc = path ? ag_read_file(path, 1 << 20, &data, &len) : AG_ENOMEM;
	free(path);
	if (rc)
		return rc == AG_ENOMEM ? rc : 0;
	struct ag_diags ignore;
	ag_diags_init(&ignore);
	struct ag_ynode *y = NULL;
	rc = ag_yaml_parse(a, ".log4brains.yml", data, len, &y, &ignore);
	ag_diags_release(&ignore);
	free(data);
	if (rc)
		return rc == AG_ENOMEM ? rc : 0; /* unreadable: not a pointer */
	const struct ag_ynode *proj = ag_yaml_get(y, "project");
	const struct ag_ynode *f = scalar(ag_yaml_get(proj, "adrFolder"));
	if (f && !(*main_rel = clean_rel(a, f->str, f->len)))
		return AG_ENOMEM;
	const struct ag_ynode *pk = ag_yaml_get(proj, "packages");
	for (size_t i = 0; pk && pk->kind == AG_Y_SEQ && i < pk->n; i++) {
		const struct ag_ynode *nm = scalar(ag_yaml_get(pk->kids[i], "name"));
		const struct ag_ynode *pf = scalar(ag_yaml_get(pk->kids[i], "adrFolder"));
		if (!nm || !pf)
			continue;
		char *rel = clean_rel(a, pf->str, pf->len);
		if (!rel)
			return AG_ENOMEM;
		if (inside(rel) && (rc = add_package(a, w, nm->str, rel)))
			return rc;
	}
	return 0;
}

/* Backstage: metadata.annotations."backstage.io/adr-location" in
 * catalog-info.yaml, relative to that file's folder. A line scan, since a
 * catalog file often holds several YAML documents. */
static int read_backstage(struct ag_arena *a, const char *root, char **rel)
{
	*rel = NULL;
	char *path = ag_path_join(root, "catalog-info.yaml");
	char *data = NULL;
	size_t len;
	int rc = path ? ag_read_file(path, 1 << 20, &data, &len) : AG_ENOMEM;
	free(path);
	if (rc)
		return rc == AG_ENOMEM ? rc : 0;
	static const char key[] = "backstage.io/adr-location";
	for (const char *p = data; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *k = p;
		while (k < p + n && (*k == ' ' || *k == '\t'))
			k++;
		if (*k == '"' || *k == '\'')
			k++;
		if ((size_t)(p + n - k) > sizeof(key) - 1 && !strncmp(k, key, sizeof(key) - 1)) {
			const char *v = k + sizeof(key) - 1;
			if (*v == '"' || *v == '\'')
				v++;
			if (*v == ':') {
				v++;
				const char *e = p + n;
				const char *hash = memchr(v, '#', (size_t)(e - v));
				if (hash && hash > v && (hash[-1] == ' ' || hash[-1] == '\t'))
					e = hash;
				if (!(*rel = clean_rel(a, v, (size_t)(e - v))))
					rc = AG_ENOMEM;
				break;
			}
		}
		p = nl ? nl + 1 : NULL;
	}
	free(data);
	return rc;
}

/* The first line of `<root>/.adr-dir`, trimmed; NULL when none. */
static int read_adr_dir(struct ag_arena *a, const char *root, char **rel)
{
	*rel = NULL;
	char *path = ag_path_join(root, ".adr-dir");
	char *data = NULL;
	size_t len;
	int rc = path ? ag_read_file(path, 4096, &data, &len) : AG_ENOMEM;
	free(path);
	if (rc)
		return rc == AG_ENOMEM ? rc : 0;
	size_t n = strcspn(data, "\r\n");
	if (n && !(*rel = clean_rel(a, data, n)))
		rc = AG_ENOMEM;
	free(data);
	return rc;
}

const char *const ag_adr_common_dirs[] = {
	"doc/adr", "docs/adr", "docs/adrs", "doc/adrs", "docs/decisions", "doc/decisions",
	"docs/architecture-decisions", "docs/architecture/decisions", "docs/architecture/adr",
	"docs/architecture/adrs", "doc/architecture/decisions", "doc/architecture/adr",
	"doc/architecture/adrs", "adr", "adrs", "decisions", NULL};

int ag_adr_locate(struct ag_arena *a, const char *root, const char *arch_dir,
		  const char *configured, struct ag_adr_where *w)
{
	memset(w, 0, sizeof(*w));
	const char *arch_rel = arch_dir + strlen(root);
	while (*arch_rel == '/')
		arch_rel++;
	size_t n = strlen(arch_rel) + 12;
	char *own = ag_arena_alloc(a, n);
	if (!own)
		return AG_ENOMEM;
	snprintf(own, n, "%s%sdecisions", arch_rel, *arch_rel ? "/" : "");
	int rc;
	const char *rel = NULL;
	if (configured) {
		/* 1. policy: always, existing or not (adr new creates it), but
		 * only inside the repository: a pull request can change it */
		bool out;
		char *c = join_inside(a, arch_rel, configured, &out);
		if (!c && !out)
			return AG_ENOMEM;
		if (c) {
			rel = c;
			w->how = "decisions: in archgate.yaml";
			goto found;
		}
		w->refused = configured;
	}
	/* --dir or ARCHGATE_DIR naming the records folder itself */
	if (count_records(arch_dir)) {
		rel = arch_rel;
		w->how = "the folder given";
		goto found;
	}
	/* 2-4. a pointer the repository keeps: used when its folder exists */
	struct {
		const char *why;
		char *rel;
	} ptr[3] = {{".adr-dir", NULL}, {".log4brains.yml", NULL}, {"catalog-info.yaml", NULL}};
	if ((rc = read_adr_dir(a, root, &ptr[0].rel)) ||
	    (rc = read_log4brains(a, root, w, &ptr[1].rel)) ||
	    (rc = read_backstage(a, root, &ptr[2].rel)))
		return rc;
	for (int i = 0; i < 3 && !rel; i++) {
		if (!ptr[i].rel)
			continue;
		char *abs = inside(ptr[i].rel) ? ag_path_join(root, ptr[i].rel) : NULL;
		bool ok = abs && is_dir(abs);
		free(abs);
		if ((rc = add_looked(a, w, ptr[i].rel, ptr[i].why)))
			return rc;
		if (ok) {
			rel = ptr[i].rel;
			w->how = ptr[i].why;
		}
	}
	if (!rel && w->npkgs)
		w->how = ".log4brains.yml";
	if (rel)
		goto found;
	/* 5-7. archgate's own folder, the common places, the root: the first
	 * holding records; else the first that exists; else archgate's own */
	const char *first_dir = NULL;
	for (size_t i = 0; !rel; i++) {
		const char *c = i == 0 ? own : ag_adr_common_dirs[i - 1] ? ag_adr_common_dirs[i - 1] : "";
		bool last = i > 0 && !ag_adr_common_dirs[i - 1];
		if (i > 0 && !last && !strcmp(c, own))
			continue;
		if ((rc = add_looked(a, w, c, last ? "repository root" : i == 0 ? "archgate's own"
										 : "common place")))
			return rc;
		char *abs = ag_path_join(root, c);
		if (!abs)
			return AG_ENOMEM;
		if (is_dir(abs)) {
			if (!last && !first_dir)
				first_dir = c;
			if (count_records(abs)) {
				rel = c;
				w->how = last ? "repository root" : i == 0 ? "archgate's own folder"
									  : "common place";
			}
		}
		free(abs);
		if (last)
			break;
	}
	if (!rel) {
		rel = first_dir ? first_dir : own;
		w->how = first_dir ? "common place" : NULL;
	}
found:
	w->dir_rel = *rel ? ag_arena_strdup(a, rel) : ag_arena_strdup(a, ".");
	char *abs = *rel ? ag_path_join(root, rel) : strdup(root);
	w->dir = abs ? ag_arena_strdup(a, abs) : NULL;
	free(abs);
	for (size_t i = 0; i < w->npkgs && w->dir; i++) {
		char *pa = ag_path_join(root, w->pkgs[i].dir_rel);
		w->pkgs[i].dir = pa ? ag_arena_strdup(a, pa) : NULL;
		free(pa);
		if (!w->pkgs[i].dir)
			return AG_ENOMEM;
	}
	return w->dir && w->dir_rel ? 0 : AG_ENOMEM;
}
