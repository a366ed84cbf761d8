/*
 * radar_catalog.h - the built-in catalog of technologies and what gives
 * them away in a repository.
 *
 * One table, kept as data in src/radar/catalog.tsv and compiled into the
 * binary by cmake/catalog.cmake (ADR 0042): every technology the seed
 * names (its Phase 3 radar and its 2026 stack: Postgres, pgvector, Neon,
 * ClickHouse, Valkey, OpenTelemetry, Cloudflare Workers, Spin, KEDA,
 * Infracost, ...) and the common languages, frameworks, datastores, tools
 * and platforms around them, each with
 *
 *   - a canonical name and aliases ("PostgreSQL": postgres, pg, psql),
 *   - the seed's category where it has one ("OLTP", "Caching", "Edge"),
 *   - a suggested quadrant for new radar entries,
 *   - match patterns "ecosystem:name", a trailing '*' for a prefix:
 *       npm:mongoose  pypi:pymongo  docker:mongo  helm:mongodb  ...
 *
 * Ecosystems: npm, go, cargo, pypi, maven (group:artifact, also Gradle),
 * composer, gem, docker (image path without registry, tag or digest),
 * terraform (provider), terraform-resource (resource type), actions
 * (GitHub Actions `uses:` without @ref), helm (chart dependency name),
 * ext (source file extension, ".go") and file (a file name, "Dockerfile").
 *
 * A pattern may imply other technologies (the implies column): a Spring
 * Boot starter brings Spring Framework and Tomcat with it, and no lock file
 * may say so. The lookup's target then carries the implied names; the
 * scanner records each at the same line (radar_read.c, ADR 0060).
 *
 * The matcher indexes the catalog plus a radar's own `mappings:` (which
 * win) for O(1) exact lookups and a short list of prefix patterns. It owns
 * its memory (ag_matcher_release); the catalog itself is static.
 */
#ifndef AG_RADAR_CATALOG_H
#define AG_RADAR_CATALOG_H

#include "base/ag.h"
#include "base/buf.h"
#include "model/radar.h"

enum {
	AG_TECH_LANGUAGE = 1 << 0, /* a programming language: counts toward the
				      language budget (thresholds.max_languages) */
};

struct ag_tech {
	const char *name;     /* canonical display name */
	const char *category; /* "Language", "OLTP", "Caching", ... */
	const char *quadrant; /* suggested default quadrant id */
	unsigned flags;       /* AG_TECH_* */
	const char *family;   /* languages counted together (TypeScript and
				 JavaScript are one); NULL: the name itself */
	const char *aliases;  /* '|'-separated other names, may be "" */
	const char *match;    /* space-separated patterns */
	const char *implies;  /* what a pattern brings with it (ADR 0060):
				 comma-separated "PATTERN>Name|Name" entries,
				 each PATTERN one of `match`, each Name a
				 catalog technology; may be "" */
};

/* The table itself (generated from src/radar/catalog.tsv). */
extern const struct ag_tech ag_catalog_table[];
extern const size_t ag_catalog_count;

/* The whole catalog, in table order. */
const struct ag_tech *ag_catalog(size_t *n);

/* The technology whose name or an alias equals `name` in canonical form
 * (ag_radar_norm), or NULL. Linear in the catalog size. */
const struct ag_tech *ag_catalog_find(const char *name, size_t n);

/* Calls fn for the canonical forms of a technology's name and each alias
 * until fn returns true; returns whether one did. */
bool ag_tech_names(const struct ag_tech *t, bool (*fn)(const char *norm, void *arg),
		   void *arg);


/* What a pattern maps to: a catalog technology, or (radar mappings) just
 * a name, with `tech` the catalog entry of that name when there is one. */
struct ag_match_target {
	const char *name;
	const struct ag_tech *tech;
	const char *implies; /* '|'-separated technologies the pattern brings
				with it, implies_len bytes; NULL when none */
	size_t implies_len;
};

struct ag_matcher_slot;
struct ag_matcher_prefix;

struct ag_matcher {
	struct ag_matcher_slot *slots; /* open addressing on (eco, key) */
	size_t nslots, used;
	struct ag_matcher_prefix *pre; /* prefix patterns, longest first */
	size_t npre, prealloc;
	struct ag_match_target *targets; /* owned copies for added mappings */
	size_t ntargets, talloc;
	char **strings; /* owned strings of added mappings */
	size_t nstrings, salloc;
};

/* Index the catalog. Returns 0 or AG_ENOMEM. */
int ag_matcher_init(struct ag_matcher *m);
/* Add a pattern that maps to technology `name` (a radar mapping); it wins
 * over the catalog. The strings are copied. Returns 0, AG_ENOMEM, or
 * AG_EINVAL for a malformed pattern. */
int ag_matcher_add(struct ag_matcher *m, const char *pattern, size_t plen,
		   const char *name, size_t nlen);
/* The technology `key` in `eco` maps to, or NULL. Keys are compared as
 * the ecosystem writes them, except pypi (PEP 503 normalised), maven and
 * npm (case-insensitive). Exact patterns win over prefixes; among prefixes
 * the longest wins. */
const struct ag_match_target *ag_matcher_lookup(const struct ag_matcher *m, enum ag_eco eco,
						const char *key, size_t n);
/* The catalog technology named `name` (or having it as an alias), in O(1):
 * ag_catalog_find() through the index. */
const struct ag_tech *ag_matcher_find(const struct ag_matcher *m, const char *name, size_t n);
void ag_matcher_release(struct ag_matcher *m);

/* The '|'-separated names pattern `p` (plen bytes, as written in t->match)
 * implies in t->implies: sets *len and returns them, or NULL. */
const char *ag_tech_implies(const struct ag_tech *t, const char *p, size_t plen, size_t *len);

/* `archgate radar catalog`: every technology (or only `only`), as text or
 * JSON [{"name","category","quadrant","language","aliases":[],"match":[],
 * "implies":[{"match","technologies":[]}]}]. */
int ag_catalog_report(struct ag_buf *out, const struct ag_tech *only, bool json);

#endif
