/*
 * radar.h - arch/radar.yaml: the team's tech radar as typed structures.
 *
 * The seed's Phase 3 radar ("Adopt: TypeScript, Terraform, Postgres. Trial:
 * Go, Rust. Hold: MongoDB, PHP.") with what the well-known radars lack:
 *
 *   - rings and quadrants are configurable (1 to 8 of each; default Adopt,
 *     Trial, Assess, Hold and the four Thoughtworks quadrants). Every ring
 *     has a *gate* (adopt, trial, assess or hold) that says what the rules
 *     enforce for technologies in it, so a ring may be called "Experiment"
 *     and still need an ADR like Trial does;
 *   - every entry has a dated history of ring changes, from which the
 *     renderer and the exports know what is new, moved up (towards the
 *     centre) or moved down in the current edition;
 *   - entries can be retired (kept for the record, no longer drawn);
 *   - `mappings` teach the scanner (radar_scan.h) packages and images the
 *     built-in catalog (radar_catalog.h) does not know;
 *   - `scan.exclude` keeps fixtures and generated trees out of the scan.
 *
 * A bad entry is an input error with file:line:col, never silently dropped:
 * unknown keys (with did-you-mean), unknown rings and quadrants, duplicate
 * names, null list items, history out of date order or disagreeing with
 * the entry's ring.
 *
 * Ownership: ag_radar_load() fills a struct whose pointers live in the
 * loader's arena (the model's). The only thing a radar owns outside the
 * arena is the lazily computed usage scan (radar_scan.h), which
 * ag_radar_release() frees; ag_model_release() calls it.
 */
#ifndef AG_RADAR_H
#define AG_RADAR_H

#include "yaml/schema.h"

#define AG_RADAR_MAX_RINGS 8
#define AG_RADAR_MAX_QUADRANTS 8

/* What archgate enforces for technologies in a ring (rules_radar.c). */
enum ag_radar_gate {
	AG_GATE_ADOPT,  /* safe to use; its languages set the language budget */
	AG_GATE_TRIAL,  /* in use only with an Accepted ADR that names it */
	AG_GATE_ASSESS, /* worth exploring; no gate */
	AG_GATE_HOLD,   /* do not use: in use is an error at the manifest line */
};

/* How an entry changed in the current edition. */
enum ag_radar_move {
	AG_MOVE_NONE,
	AG_MOVE_NEW,  /* first appeared within recent_days of the edition */
	AG_MOVE_UP,   /* moved towards the centre (e.g. Trial -> Adopt) */
	AG_MOVE_DOWN, /* moved outwards (e.g. Adopt -> Hold) */
};

struct ag_radar_ring {
	struct ag_pos pos;
	struct ag_scalar id, name, gate, color, description;
	enum ag_radar_gate g; /* resolved gate */
};

struct ag_radar_quadrant {
	struct ag_pos pos;
	struct ag_scalar id, name, description;
};

struct ag_radar_event { /* one history item */
	struct ag_pos pos;
	struct ag_scalar date, ring, note;
	int ring_ix; /* resolved, -1 when unknown */
};

struct ag_radar_entry {
	struct ag_pos pos;
	struct ag_scalar name, quadrant, ring, description, retired, moved;
	struct ag_list links;   /* of struct ag_scalar */
	struct ag_list aliases; /* of struct ag_scalar */
	struct ag_list history; /* of struct ag_radar_event, in date order */
	/* resolved by ag_radar_load() */
	int quadrant_ix, ring_ix; /* -1 when unknown (then the load failed) */
	enum ag_radar_move move;
	long added;               /* date of the first history item, or -1 */
};

/* The ecosystems a mapping pattern ("ecosystem:name") can name: the
 * vocabulary of radar.yaml's `mappings`, which the scanner's catalog
 * (radar/radar_catalog.h) uses too. */
enum ag_eco {
	AG_ECO_NPM,
	AG_ECO_GO,
	AG_ECO_CARGO,
	AG_ECO_PYPI,
	AG_ECO_MAVEN,
	AG_ECO_COMPOSER,
	AG_ECO_GEM,
	AG_ECO_DOCKER,
	AG_ECO_TF_PROVIDER,
	AG_ECO_TF_RESOURCE,
	AG_ECO_ACTIONS,
	AG_ECO_HELM,
	AG_ECO_EXT,
	AG_ECO_FILE,
	AG_ECO_NUGET,     /* NuGet package id (.csproj, packages.config) */
	AG_ECO_HEX,       /* Hex package (mix.exs) */
	AG_ECO_K8S,       /* Kubernetes apiVersion group, or group/Kind */
	AG_ECO_TF_MODULE, /* Terraform module source, no version or //subdir */
	AG_ECO_PKGCONFIG, /* pkg-config module (CMake pkg_check_modules) */
	AG_ECO_CMAKE,     /* CMake package (find_package, FetchContent_Declare) */
	AG_ECO_PRECOMMIT, /* pre-commit hook id (.pre-commit-config.yaml) */
	AG_ECO_OS,        /* a distribution package an install command names
			     (apt-get, apk, dnf, yum, brew, choco install) */
	AG_ECO__COUNT
};

/* How a piece of evidence says a technology is used (ADR 0030): the
 * vocabulary of `archgate radar scan`'s evidence kinds and of archgate.yaml's
 * radar.in_use. Only direct, image and infra use counts as "in use" for the
 * radar rules unless the policy says otherwise. */
enum ag_use {
	AG_USE_DIRECT,     /* declared by the code: a manifest, a source file, a
			      tool's own file, the model's containers[].tech */
	AG_USE_DEV,        /* a declared test or build dependency */
	AG_USE_TRANSITIVE, /* only in a lockfile (or a pip-compile "# via" line) */
	AG_USE_CI,         /* a CI setup step, action or service image */
	AG_USE_IMAGE,      /* a container image the system runs */
	AG_USE_INFRA,      /* infrastructure code: Terraform, Helm charts */
	AG_USE__COUNT
};

#define AG_USE_BIT(u) (1u << (unsigned)(u))
#define AG_USE_DEFAULT_IN_USE \
	(AG_USE_BIT(AG_USE_DIRECT) | AG_USE_BIT(AG_USE_IMAGE) | AG_USE_BIT(AG_USE_INFRA))

/* "direct" -> AG_USE_DIRECT; -1 when unknown. */
int ag_use_parse(const char *s, size_t n);
const char *ag_use_name(enum ag_use u);

/* "npm" -> AG_ECO_NPM; -1 when unknown. */
int ag_eco_parse(const char *s, size_t n);
const char *ag_eco_name(enum ag_eco e);
/* Checks "ecosystem:name[*]". Returns NULL when valid, else a reason. */
const char *ag_pattern_problem(const char *p, size_t n);

struct ag_radar_mapping {
	struct ag_pos pos;
	struct ag_scalar technology;
	struct ag_list match; /* of struct ag_scalar: "ecosystem:name", '*' suffix */
};

struct ag_radar_scan_cfg {
	struct ag_pos pos;
	struct ag_list exclude; /* of struct ag_scalar: gitignore-style patterns */
};

struct ag_scan;

struct ag_radar {
	struct ag_pos pos;      /* pos.file is set when radar.yaml was read */
	bool present;           /* radar.yaml exists */
	struct ag_scalar title, edition, recent_days;
	const struct ag_ynode *rings_node, *quadrants_node;
	struct ag_list entries;  /* of struct ag_radar_entry */
	struct ag_list mappings; /* of struct ag_radar_mapping */
	struct ag_radar_scan_cfg scan;
	/* resolved by ag_radar_load(): the defaults when the file has none */
	struct ag_radar_ring *rings;
	size_t nrings;
	struct ag_radar_quadrant *quadrants;
	size_t nquadrants;
	long edition_day;       /* days since 1970; -1 when nothing is dated */
	long recent;            /* recent_days, default 180 */
	/* Lazily computed by ag_radar_usage() (radar_scan.h) and freed by
	 * ag_radar_release(). A cache behind a const model: not thread-safe. */
	struct ag_scan *usage;
	void (*usage_free)(struct ag_scan *); /* set with usage by radar/ */
	int usage_rc;
};

extern const struct ag_schema ag_radar_schema;

/* Fill `r` from a parsed radar.yaml (`root` may be NULL for a missing or
 * empty file: the radar then has the default rings and quadrants and no
 * entries). Returns AG_ENOMEM or 0; input errors are diagnostics counted in
 * l->errors. */
int ag_radar_load(struct ag_loader *l, const struct ag_ynode *root, struct ag_radar *r);

/* Frees the usage cache; the rest lives in the arena. */
void ag_radar_release(struct ag_radar *r);

/* The canonical form names are compared in: lowercase letters and digits,
 * '+' and '#' kept (C, C++ and C# stay apart), everything else dropped, so
 * "Node.js", "nodejs" and "node-js" are one name. Writes at most cap-1
 * bytes and a NUL; returns the length. */
size_t ag_radar_norm(const char *s, size_t n, char *out, size_t cap);
/* Whether two names are equal in canonical form. */
bool ag_radar_same(const char *a, size_t an, const char *b, size_t bn);

/* The entry named `name` (or having it as an alias), or NULL. */
const struct ag_radar_entry *ag_radar_entry_named(const struct ag_radar *r,
						  const char *name, size_t n);

/* Ring and quadrant lookup by id or display name, case-insensitive; -1. */
int ag_radar_ring_index(const struct ag_radar *r, const char *s, size_t n);
int ag_radar_quadrant_index(const struct ag_radar *r, const char *s, size_t n);

/* Display names (never NULL). */
const char *ag_radar_ring_name(const struct ag_radar *r, int ix);
const char *ag_radar_quadrant_name(const struct ag_radar *r, int ix);
const char *ag_radar_gate_name(enum ag_radar_gate g);
const char *ag_radar_move_name(enum ag_radar_move m); /* "new", "up", ... */

/* Markdown reference for radar.yaml (docs/model.md). */
int ag_radar_doc(struct ag_buf *out);

#endif
