/*
 * radar_scan_impl.h - private to src/radar/: what the repository scanner's
 * files share (radar_scan.c, radar_walk.c, radar_read*.c, radar_usage.c).
 * The public API is radar_scan.h.
 *
 * A reader (ag_read_*) gets the walk's context and a manifest's text and
 * records evidence with ag_scan_hit(), hit_key() or ag_scan_hit_name(). It
 * never fails: a construct it does not understand is skipped, and an
 * allocation failure is kept in c->err, which stops the walk. The small
 * line and token helpers are static inline here; the rest is shared under
 * the ag_scan_ and ag_read_ prefixes.
 */
#ifndef AG_RADAR_SCAN_IMPL_H
#define AG_RADAR_SCAN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include "base/diag.h"
#include "base/ignore.h"
#include "radar_catalog.h"
#include "radar_scan.h"

#define MAX_DEPTH 64
#define PATH_CAP 4096

/* ---- the result (radar_scan.c) ---- */

/* The entry of `name` (canonical, NUL-terminated), created when missing;
 * NULL when out of memory. */
struct ag_used *ag_scan_used_get(struct ag_scan *s, const char *name, const struct ag_tech *tech);
/* Records one piece of evidence (copied), within the per-technology caps. */
int ag_scan_used_add(struct ag_scan *s, struct ag_used *u, const struct ag_evidence *ev,
		     size_t max_evidence);
/* qsort order of technologies: by name, case-insensitively first. */
int ag_scan_used_cmp(const void *a, const void *b);
/* Rebuilds the name index after s->v was sorted. */
void ag_scan_reindex(struct ag_scan *s);

/* ---- the walk's context (radar_walk.c) ---- */

struct ctx {
	struct ag_scan *s;
	struct ag_diags *d;
	struct ag_matcher m;
	size_t max_file, max_entries, max_ev;
	struct ag_ignore ign;     /* .gitignore stack */
	struct ag_ignore exclude; /* scan.exclude */
	char path[PATH_CAP];      /* root + '/' + relative path */
	size_t root_len;
	char *buf;                /* file contents */
	size_t bufcap;
	bool stopped;
	int err;
	/* the file being read */
	const char *rel;
	enum ag_evidence_kind kind;
	bool ci_file; /* under .github/ or a CI service's own file: what its
			 readers find is ci (ADR 0041) */
	bool dev_dir; /* under a test, docs, examples or tools folder: what it
			 declares or holds is dev (ADR 0056) */
	char dev_dir_path[PATH_CAP]; /* the folder dev_dir was decided for */
	size_t dev_dir_len;
	bool dev_dir_known;
	bool node_runs; /* the package.json being read runs something on Node.js */
	bool install;   /* the evidence is what an install command names: a tool's
			   category says its use in an image too (ADR 0060) */
	/* folders whose package.json declares only devDependencies: the lock
	 * file beside it is dev use of its package manager (ADR 0056) */
	const char **dev_pkgs;
	size_t ndev_pkgs, dev_pkgs_cap;
	/* compose files that only start backing services (ADR 0060): dev
	 * when something else in the repository builds the product */
	const char **dev_composes;
	size_t ndev_composes, dev_composes_cap;
	bool product_build; /* a build manifest or Dockerfile outside dev folders */
	/* source files (radar_source.c) */
	struct ag_ignore generated; /* .gitattributes linguist-generated */
	struct ag_ignore vendored;  /* .gitattributes linguist-vendored */
	bool file_generated;        /* the file being read gives no language away */
	bool in_build;              /* the folder being walked is under build output */
	bool cpp_here;              /* its folder holds C++ sources */
	bool seen_c, seen_cpp;      /* the tree has .c, C++ sources */
	const char *headers[3];     /* undecided .h files, the first three */
	size_t nheaders;            /* all of them */
};

/* ---- what the readers share (radar_read.c) ---- */

static inline void note_err(struct ctx *c, int rc)
{
	if (rc && !c->err)
		c->err = rc;
}

/* Notes that the package.json being read (c->rel) declares nothing the
 * product runs (radar_walk.c). */
void ag_scan_note_dev_package(struct ctx *c);

/* Notes that the compose file being read (c->rel) only starts backing
 * services: datastores, caches, queues, no build: (ADR 0060). */
void ag_scan_note_dev_compose(struct ctx *c);

/* Whether a folder of `rel` holds tests, docs, examples or developer tools
 * (radar_walk.c, ADR 0056). */
bool ag_scan_dev_dir(const char *rel);

/* After the walk: a tool found only by its own file (a config) and declared
 * as a test or build dependency somewhere is dev, not direct (ADR 0056). */
void ag_scan_settle(struct ag_scan *s);

/* Evidence for whatever `key` maps to in `eco`, shown as `shown`. */
void ag_scan_hit(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line,
		 const char *shown, size_t sn);

static inline void hit_key(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line)
{
	ag_scan_hit(c, eco, key, n, line, key, n);
}

/* Evidence for a technology by name (go.mod's `go` line, engines.node). */
void ag_scan_hit_name(struct ctx *c, const char *name, int line, const char *shown, size_t sn);

/* Lines of a text, numbered from 1, without their "\n" or "\r\n". */
struct lines {
	const char *p, *end;
	int no;
};

static inline bool next_line(struct lines *l, const char **s, size_t *n)
{
	if (l->p >= l->end)
		return false;
	const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	*s = l->p;
	*n = nl ? (size_t)(nl - l->p) : (size_t)(l->end - l->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	l->p = nl ? nl + 1 : l->end;
	l->no++;
	return true;
}

static inline const char *skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* The next line with its leading blanks skipped: [*s, *e). */
static inline bool next_trimmed(struct lines *l, const char **s, const char **e)
{
	size_t n;
	if (!next_line(l, s, &n))
		return false;
	*e = *s + n;
	*s = skip_ws(*s, *e);
	return true;
}

static inline bool starts(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - s) >= n && !memcmp(s, lit, n);
}

static inline bool starts_ci(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - s) >= n && !strncasecmp(s, lit, n);
}

/* a, then sep, then b, into dst (cap bytes, NUL-terminated): the length
 * written, or 0 when it does not fit (nothing then names a technology).
 * The length comes from the pieces, never from snprintf's return value,
 * which is what would have been written and can exceed cap. */
size_t ag_scan_join(char *dst, size_t cap, const char *a, size_t an, const char *sep,
		    const char *b, size_t bn);

/* A quoted or bare token at s: sets ts and tn, returns the end. */
const char *ag_scan_token(const char *s, const char *e, const char **ts, size_t *tn);
/* The value of attribute `name` (any case, as MSBuild reads it) in the
 * element text [s, e): name="v" or name='v', blanks around '=' allowed,
 * the name at s or after a blank or '<'. Sets *vn and returns the value;
 * NULL when absent or when its closing quote is not in [s, e). */
const char *ag_scan_xml_attr(const char *s, const char *e, const char *name, size_t *vn);

/* A small JSON walker with the path of keys. */
struct jw {
	const char *p, *end;
	int line;
	int depth;
	const char *key[MAX_DEPTH]; /* NULL for array elements */
	size_t klen[MAX_DEPTH];
	bool bad;
};

enum jv { JV_STR, JV_OBJ, JV_ARR, JV_OTHER };

/* Called for every object member (key != NULL) and array element. */
typedef void (*jw_fn)(struct ctx *c, const struct jw *w, const char *key, size_t kl,
		      int line, enum jv t, const char *val, size_t vl);

void ag_scan_json_walk(struct ctx *c, const char *text, size_t len, jw_fn fn);

static inline bool kis(const char *k, size_t n, const char *lit)
{
	return k && strlen(lit) == n && !memcmp(k, lit, n);
}

/* path[i] is key `lit` */
static inline bool pathis(const struct jw *w, int i, const char *lit)
{
	return i >= 0 && i < w->depth && kis(w->key[i], w->klen[i], lit);
}

/* A PEP 508 requirement's name: "requests[socks]>=2 ; python_version<'3'" */
size_t ag_scan_pep508_name(const char *s, const char *e, const char **ns);

/* TOML: the current [table] header, "name = value" keys, string arrays. */
struct toml_state {
	char table[256];
	bool in_array;     /* inside a multi-line array of requirement strings */
	enum ag_eco array_eco;
};

void ag_scan_toml_header(struct toml_state *t, const char *s, const char *e);

static inline bool table_is(const struct toml_state *t, const char *lit)
{
	return !strcmp(t->table, lit);
}

static inline bool table_ends(const struct toml_state *t, const char *lit)
{
	size_t a = strlen(t->table), b = strlen(lit);
	return a >= b && !strcmp(t->table + a - b, lit);
}

/* Every string in [ ... ] on this line is a PEP 508 requirement. */
void ag_scan_toml_strings(struct ctx *c, const char *s, const char *e, int line, enum ag_eco eco);
/* The key of a "key = value" line, or 0. */
size_t ag_scan_toml_key(const char *s, const char *e, const char **ks);
/* Cargo.lock, poetry.lock, uv.lock: name = "x" in each [[package]]. */
void ag_read_toml_lock(struct ctx *c, const char *text, size_t len, enum ag_eco eco);

/* ---- source files (radar_source.c) ---- */

/* A C++ source or header by its extension. */
bool ag_source_is_cpp(const char *name);
/* Generated by its name (*.pb.*, *.min.js, ...). */
bool ag_source_generated_name(const char *name);
/* A folder name that holds build output (dist, build, target, ...). */
bool ag_source_build_dir(const char *name);
/* The linguist-generated and linguist-vendored patterns of a .gitattributes
 * read in the folder `base` bytes long. Returns 0 or AG_ENOMEM. */
int ag_scan_attributes(struct ag_ignore *generated, struct ag_ignore *vendored,
		       const char *text, size_t len, size_t base);
/* Language evidence for the file c->rel called `name`, unless generated;
 * a .h is decided by cpp_here or, at the end, by ag_scan_source_finish(). */
void ag_scan_source(struct ctx *c, const char *name, bool generated, bool cpp_here);
void ag_scan_source_finish(struct ctx *c);

/* ---- one reader per ecosystem (radar_read_<ecosystem>.c) ---- */

void ag_read_package_json(struct ctx *c, const char *text, size_t len);
void ag_read_npm_lock(struct ctx *c, const char *text, size_t len);
void ag_read_yarn_lock(struct ctx *c, const char *text, size_t len);
void ag_read_pnpm_lock(struct ctx *c, const char *text, size_t len);
void ag_read_composer(struct ctx *c, const char *text, size_t len);
void ag_read_composer_lock(struct ctx *c, const char *text, size_t len);
void ag_read_pipfile_lock(struct ctx *c, const char *text, size_t len);
void ag_read_requirements(struct ctx *c, const char *text, size_t len);
void ag_read_pyproject(struct ctx *c, const char *text, size_t len, bool pipfile);
void ag_read_cargo_toml(struct ctx *c, const char *text, size_t len);
void ag_read_go_mod(struct ctx *c, const char *text, size_t len);
void ag_read_pom(struct ctx *c, const char *text, size_t len);
void ag_read_gradle(struct ctx *c, const char *text, size_t len);
void ag_read_gemfile(struct ctx *c, const char *text, size_t len);
void ag_read_gemfile_lock(struct ctx *c, const char *text, size_t len);
/* Evidence for the image reference img (any registry path, tag, digest). */
void ag_scan_image(struct ctx *c, const char *img, size_t n, int line);
/* The catalog technology the image reference img names, or NULL. */
const struct ag_tech *ag_scan_image_tech(const struct ctx *c, const char *img, size_t n);
void ag_read_dockerfile(struct ctx *c, const char *text, size_t len);
void ag_read_yaml_images(struct ctx *c, const char *text, size_t len, bool workflow);
void ag_read_chart(struct ctx *c, const char *text, size_t len);
void ag_read_terraform(struct ctx *c, const char *text, size_t len);
void ag_read_k8s(struct ctx *c, const char *text, size_t len);
void ag_read_kustomization(struct ctx *c, const char *text, size_t len);
void ag_read_helm_values(struct ctx *c, const char *text, size_t len);
void ag_read_compose(struct ctx *c, const char *text, size_t len);
void ag_read_nuget(struct ctx *c, const char *text, size_t len, bool packages_config);
void ag_read_mix(struct ctx *c, const char *text, size_t len);
void ag_read_tool_versions(struct ctx *c, const char *text, size_t len);
void ag_read_precommit(struct ctx *c, const char *text, size_t len);
void ag_read_app_config(struct ctx *c, const char *text, size_t len, bool dotenv);
void ag_read_cmake(struct ctx *c, const char *text, size_t len);
/* phpunit.xml(.dist): the database an <env name="DB_CONNECTION"> names,
 * as dev (ADR 0060). */
void ag_read_phpunit(struct ctx *c, const char *text, size_t len);

/* ---- CI files and install commands (radar_read_ci.c, ADR 0060) ---- */

/* Where an install command is, across the lines of one RUN or run: step. */
struct ag_install {
	unsigned char mode, tool, python;
	bool global, skip_value, in_expr;
	bool folded; /* a folded block scalar (run: >): a line's end ends nothing */
	struct {
		const char *s; /* into the text being read */
		size_t n;
		int line;
	} pending[16]; /* packages of a command that must turn out global */
	size_t npending;
};

void ag_install_reset(struct ag_install *st);
/* The tools one line of shell [s, e) installs (apt-get install X, npm i -g
 * X, pip install X, ...), as evidence of c->kind at `line`. Returns whether
 * the line ends in a backslash (the command goes on); st carries a command
 * across such lines. */
bool ag_scan_install(struct ctx *c, struct ag_install *st, const char *s, const char *e,
		     int line);
/* Install commands in the steps whose key is one of `keys` (NULL-ended:
 * "run:" in a workflow), inline or as a block scalar. */
void ag_read_run_steps(struct ctx *c, const char *text, size_t len, const char *const *keys);
/* A YAML file that is an Azure Pipelines pipeline by its content (a
 * top-level trigger:, pr:, pool:, stages:, jobs: or steps: and a `task:`
 * or `vmImage:`): records Azure Pipelines at the top-level key's line and
 * the script steps' installs as ci, and returns true; else false. */
bool ag_read_azure_pipelines(struct ctx *c, const char *text, size_t len);

#endif
