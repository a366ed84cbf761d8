/*
 * radar_scan_impl.h - private to src/radar/: what the repository scanner's
 * files share (radar_scan.c, radar_walk.c, radar_read*.c, radar_usage.c). The public API is radar_scan.h.
 *
 * A reader gets the walk's context and a manifest's text and records
 * evidence with hit(), hit_key() or hit_name(); it never fails (a
 * construct it does not understand is skipped), and an allocation failure
 * is kept in c->err, which stops the walk.
 */
#ifndef AG_RADAR_SCAN_IMPL_H
#define AG_RADAR_SCAN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include "base/diag.h"
#include "base/ignore.h"
#include "radar_catalog.h"
#include "radar_scan.h"

#define MAX_DEPTH 64
#define PATH_CAP 4096

/* ---- the result (radar_scan.c) ---- */

struct ag_used *used_get(struct ag_scan *s, const char *name, const struct ag_tech *tech);
int used_add_ev(struct ag_scan *s, struct ag_used *u, const struct ag_evidence *ev,
		size_t max_evidence);
int used_cmp(const void *a, const void *b);
void rebuild_index(struct ag_scan *s);

/* ---- the walk's context (radar_walk.c) ---- */

struct ctx {
	struct ag_scan *s;
	struct ag_diags *d;
	struct ag_matcher m;
	size_t max_file, max_entries, max_ev;
	struct ag_ignore ign;     /* .gitignore stack */
	struct ag_ignore exclude; /* scan.exclude */
	char path[PATH_CAP]; /* root + '/' + relative path */
	size_t root_len;
	char *buf;           /* file contents */
	size_t bufcap;
	bool stopped;
	int err;
	/* the file being read */
	const char *rel;
	enum ag_ev_kind kind;
};

/* ---- what the readers share (radar_read.c) ---- */

void note_err(struct ctx *c, int rc);
void hit(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line,
	 const char *shown, size_t sn);
void hit_key(struct ctx *c, enum ag_eco eco, const char *key, size_t n, int line);
void hit_name(struct ctx *c, const char *name, int line, const char *shown, size_t sn);

struct lines {
	const char *p, *end;
	int no;
};

bool next_line(struct lines *l, const char **s, size_t *n);
const char *skip_ws(const char *s, const char *e);
bool starts(const char *s, const char *e, const char *lit);
bool starts_ci(const char *s, const char *e, const char *lit);
const char *token(const char *s, const char *e, const char **ts, size_t *tn);

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

void json_walk(struct ctx *c, const char *text, size_t len, jw_fn fn);
bool kis(const char *k, size_t n, const char *lit);
bool pathis(const struct jw *w, int i, const char *lit);

size_t pep508_name(const char *s, const char *e, const char **ns);

/* TOML: the current [table] header, "name = value" keys, string arrays. */
struct toml_state {
	char table[256];
	bool in_array;     /* inside a multi-line array of requirement strings */
	enum ag_eco array_eco;
};


void toml_header(struct toml_state *t, const char *s, const char *e);
bool table_is(const struct toml_state *t, const char *lit);
bool table_ends(const struct toml_state *t, const char *lit);
void toml_strings(struct ctx *c, const char *s, const char *e, int line, enum ag_eco eco);
size_t toml_key(const char *s, const char *e, const char **ks);
void read_toml_lock(struct ctx *c, const char *text, size_t len, enum ag_eco eco);

/* ---- one reader per ecosystem (radar_read_*.c) ---- */

void j_package_json(struct ctx *c, const struct jw *w, const char *k, size_t kl,
		    int line, enum jv t, const char *v, size_t vl);
void j_npm_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl, int line,
		enum jv t, const char *v, size_t vl);
void read_yarn_lock(struct ctx *c, const char *text, size_t len);
void read_pnpm_lock(struct ctx *c, const char *text, size_t len);
void j_composer(struct ctx *c, const struct jw *w, const char *k, size_t kl, int line,
		enum jv t, const char *v, size_t vl);
void j_composer_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
		     int line, enum jv t, const char *v, size_t vl);
void j_pipfile_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
		    int line, enum jv t, const char *v, size_t vl);
void read_requirements(struct ctx *c, const char *text, size_t len);
void read_pyproject(struct ctx *c, const char *text, size_t len, bool pipfile);
void read_cargo_toml(struct ctx *c, const char *text, size_t len);
void read_go_mod(struct ctx *c, const char *text, size_t len);
void read_pom(struct ctx *c, const char *text, size_t len);
void read_gradle(struct ctx *c, const char *text, size_t len);
void read_gemfile(struct ctx *c, const char *text, size_t len);
void read_gemfile_lock(struct ctx *c, const char *text, size_t len);
void read_dockerfile(struct ctx *c, const char *text, size_t len);
void read_yaml_images(struct ctx *c, const char *text, size_t len, bool workflow);
void read_chart(struct ctx *c, const char *text, size_t len);
void read_terraform(struct ctx *c, const char *text, size_t len);

#endif
