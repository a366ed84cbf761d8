/*
 * radar_scan.h - what a repository really uses: its manifests, lockfiles,
 * images, infrastructure code, CI workflows and source files, mapped to
 * technologies with evidence (file, line, matched text).
 *
 * Read (each by a small line- or token-level reader that keeps line
 * numbers; nothing is executed and nothing is resolved over the network):
 *
 *   npm       package.json, package-lock.json, npm-shrinkwrap.json,
 *             yarn.lock, pnpm-lock.yaml
 *   Go        go.mod
 *   Rust      Cargo.toml, Cargo.lock
 *   Python    requirements*.txt (and requirements/ folders), pyproject.toml
 *             (PEP 621, Poetry, dependency groups), Pipfile, Pipfile.lock,
 *             poetry.lock, uv.lock
 *   JVM       pom.xml, build.gradle(.kts), settings.gradle(.kts),
 *             gradle/libs.versions.toml
 *   PHP       composer.json, composer.lock
 *   Ruby      Gemfile, Gemfile.lock
 *   images    Dockerfile (FROM, with ARG defaults; what RUN installs),
 *             Containerfile, docker-compose*.yml, compose*.yml (a file of
 *             backing services only is dev, ADR 0060), workflow `image:`
 *   IaC       *.tf: providers (required_providers, provider blocks) and
 *             resource types
 *   CI        `uses:` in .github/workflows files (and docker:// actions),
 *             what their run: steps install; Azure Pipelines by content
 *   tests     phpunit.xml(.dist): the database the tests run on
 *   Helm      Chart.yaml dependencies
 *   files     well-known file names (wrangler.toml, fly.toml, Jenkinsfile)
 *             and source languages by extension
 *
 * Skipped: symbolic links (never followed, so nothing outside the tree is
 * read), .git, .hg, .svn, node_modules, vendor, bower_components,
 * .terraform, whatever .gitignore files (at every level) and
 * .git/info/exclude ignore, and the radar's scan.exclude patterns.
 * Bounded: files over max_file_bytes are not read (a warning says so),
 * the walk stops after max_entries directory entries and 64 levels, and
 * each technology keeps at most max_evidence pieces of evidence (the
 * total is still counted).
 *
 * Every piece of evidence says how the technology is used (direct, dev,
 * transitive, ci, image, infra; see enum ag_evidence_kind and ADR 0030);
 * generated and vendored code gives no language away (radar_source.c).
 *
 * Ownership: a struct ag_scan owns everything it holds (its arena);
 * ag_scan_release() frees it. Paths in evidence are relative to the root.
 */
#ifndef AG_RADAR_SCAN_H
#define AG_RADAR_SCAN_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "model/model.h"
#include "radar_catalog.h"

/* Where a piece of evidence came from. Each shows as one of the six kinds
 * of use of model/radar.h (ag_evidence_use(), ADR 0030):
 *
 *   manifest, file, source, model   direct
 *   dev                             dev
 *   lockfile                        transitive
 *   ci                              ci
 *   image                           image
 *   infra                           infra
 *
 * Readers set c->kind per construct: a devDependency is AG_EVIDENCE_DEV in
 * a manifest, a workflow's `uses:` is AG_EVIDENCE_CI. */
enum ag_evidence_kind {
	AG_EVIDENCE_MANIFEST, /* a declared dependency */
	AG_EVIDENCE_LOCKFILE, /* a resolved dependency, possibly transitive */
	AG_EVIDENCE_IMAGE,    /* a container image */
	AG_EVIDENCE_INFRA,    /* a Terraform provider or resource, a Helm chart */
	AG_EVIDENCE_FILE,     /* a well-known file name */
	AG_EVIDENCE_SOURCE,   /* a source file's extension */
	AG_EVIDENCE_MODEL,    /* arch/system.yaml containers[].tech */
	AG_EVIDENCE_DEV,      /* a declared test or build dependency */
	AG_EVIDENCE_CI,       /* a CI setup step or action */
};

/* The kind of use a piece of evidence shows. */
struct ag_evidence;
enum ag_use ag_evidence_use(enum ag_evidence_kind k);
/* The kind of use `ev` shows: its `as`, else its kind's. */
enum ag_use ag_ev_use(const struct ag_evidence *ev);

struct ag_evidence {
	const char *file;  /* relative to the root */
	int line;          /* 1-based */
	const char *match; /* the text that matched: a package, an image, ... */
	enum ag_evidence_kind kind;
	/* the use it shows when not its kind's own (ADR 0056): 0, or
	 * AG_USE_DEV + 1 / AG_USE_CI + 1 for a file or source file that is a
	 * tool's (a linter's config, a CI service's file) or that sits in a
	 * test, docs or examples folder */
	unsigned char as;
};

struct ag_used {
	const char *name;             /* canonical (catalog) or as written */
	const struct ag_tech *tech;   /* catalog entry, NULL for unknown names */
	struct ag_evidence *ev;
	size_t nev, evalloc;
	size_t total;                 /* evidence seen, including dropped */
	size_t files;                 /* source files (languages) */
	size_t uses[AG_USE__COUNT];   /* evidence seen per kind of use */
	size_t src_kept;              /* source-file evidence kept (at most 3) */
	/* set by ag_usage_collect(): the radar entry it is on, or NULL */
	const struct ag_radar_entry *entry;
};

struct ag_scan_stats {
	size_t entries;   /* directory entries looked at */
	size_t files;     /* regular files considered */
	size_t dirs;      /* directories entered */
	size_t read;      /* files read (manifests) */
	size_t bytes;     /* bytes read */
	size_t ignored;   /* entries skipped by rule */
	size_t too_large; /* manifests over the size limit */
};

struct ag_scan {
	struct ag_arena arena;
	struct ag_used *v;
	size_t n, alloc;
	struct ag_used **index; /* open addressing by canonical name */
	size_t nindex;
	struct ag_scan_stats stats;
	unsigned in_use; /* AG_USE_BIT()s that count as in use; ag_scan_init()
			    sets the default, ag_usage_collect() the policy's */
};

struct ag_scan_opts {
	const struct ag_radar *radar; /* mappings and scan.exclude; may be NULL */
	size_t max_file_bytes;        /* default 16 MiB */
	size_t max_entries;           /* default 5,000,000 */
	size_t max_evidence;          /* per technology, default 50 */
};

int ag_scan_init(struct ag_scan *s);
void ag_scan_release(struct ag_scan *s);

/* Walk `root` and record what it uses. Problems that do not stop the walk
 * (an unreadable folder, a file too large) are warnings in `d`. Returns 0,
 * AG_ENOMEM, or AG_EIO when the root itself cannot be read. */
int ag_scan_dir(struct ag_scan *s, const char *root, const struct ag_scan_opts *o,
		struct ag_diags *d);

/* Record one piece of evidence for technology `name` (resolved through the
 * catalog's names and aliases). The strings are copied. */
int ag_scan_add(struct ag_scan *s, const struct ag_matcher *m, const char *name, size_t n,
		const struct ag_evidence *ev, size_t max_evidence);

/* The whole picture for a model: the repository at m->root scanned with
 * the radar's settings, plus the model's containers[].tech as evidence at
 * their system.yaml lines, each technology resolved to its radar entry,
 * sorted by name. `out` must be initialised. */
int ag_usage_collect(const struct ag_model *m, const struct ag_scan_opts *o,
		     struct ag_scan *out, struct ag_diags *d);

/* The same, computed once per model and cached in m->radar (freed by
 * ag_model_release). Diagnostics are dropped: `archgate radar scan` shows
 * them. On failure *out is NULL and the error is returned (again). */
int ag_radar_usage(const struct ag_model *m, const struct ag_scan **out);

/* The radar entry a technology is on, counting retired entries as off the
 * radar: NULL when it is not (or no longer) listed. */
const struct ag_radar_entry *ag_used_listed(const struct ag_used *u);

/* Reports: text for people, or the stable JSON shape
 * {"technologies":[{"name","ring" (or null),"evidence":[{"file","line",
 * "match"}]}]} with extra fields (quadrant, category, language, files,
 * evidence_total, kind). `r` may be NULL. */
int ag_scan_report_text(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r,
			bool color);
int ag_scan_report_json(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r);

/* Where evidence came from: "manifest", "lockfile", "image",
 * "infrastructure", "file", "source", "model", "manifest" (dev),
 * "workflow" (ci): the JSON's "from". */
const char *ag_evidence_kind_name(enum ag_evidence_kind k);

/* The database a framework's driver or adapter value names ("pgsql",
 * "mysql2", "sqlite3" ...: Laravel's DB_CONNECTION, Rails' adapter:), as
 * the catalog names it, or NULL. */
const char *ag_radar_db_tech(const char *v, size_t n);

/* Whether `u` has evidence of a kind of use in `mask` (AG_USE_BIT()s): the
 * radar rules' "in use" (mask: s->in_use). */
bool ag_used_in_use(const struct ag_used *u, unsigned mask);
/* The first kept piece of evidence of a kind in `mask`, preferring source
 * files when `source_first` (a language's finding names its real source
 * files); NULL when none was kept. */
const struct ag_evidence *ag_used_first(const struct ag_used *u, unsigned mask,
					 bool source_first);

/* The match of a technology another brings with it (the catalog's
 * implies column, ADR 0060): "via " and the dependency that implies it. */
#define AG_EV_VIA "via "
/* Whether all of `u`'s use of a kind in `mask` comes with other
 * technologies (every such piece of evidence is AG_EV_VIA, none was
 * dropped): Tomcat that only a Spring Boot starter brings. */
bool ag_used_implied_only(const struct ag_used *u, unsigned mask);

#endif
