/*
 * model.h - the architecture model: arch/system.yaml as typed structures.
 *
 * The model is what the seed's phases produce: Phase 1 constraints,
 * capabilities (buy vs build) and boundaries (the context); Phase 2 data
 * ownership and failure modes; Phase 2.5 observability; Phase 3 cost;
 * Phase 4 debt and migration. Every value remembers its file, line and
 * column (struct ag_scalar, schema.h) so rules can point at it.
 *
 * Ownership: ag_model_load() fills a `struct ag_model` whose every pointer
 * lives in the model's own arena; ag_model_release() frees it all at once.
 * Rules, reports and renderers take `const struct ag_model *`.
 *
 * Validation here is structural (types, unknown keys, duplicate and dangling
 * ids). Judgements about the architecture are rules (rules.h).
 */
#ifndef AG_MODEL_H
#define AG_MODEL_H

#include "records/adr.h"
#include "records/rfc.h"
#include "slo.h"
#include "base/fsutil.h"
#include "policy.h"
#include "radar.h"
#include "yaml/schema.h"

enum ag_latency { AG_LAT_REALTIME, AG_LAT_INTERACTIVE, AG_LAT_BATCH };
enum ag_style { AG_STYLE_MONOLITH, AG_STYLE_MODULAR_MONOLITH, AG_STYLE_MICROSERVICES,
		AG_STYLE_SERVERLESS };
enum ag_decision { AG_DEC_BUY, AG_DEC_BUILD };
enum ag_ckind { AG_CK_SERVICE, AG_CK_WEB, AG_CK_MOBILE, AG_CK_WORKER, AG_CK_FUNCTION,
		AG_CK_DATASTORE, AG_CK_CACHE, AG_CK_QUEUE, AG_CK_OTHER };
enum ag_runtime { AG_RT_CONTAINER, AG_RT_SERVERLESS, AG_RT_EDGE, AG_RT_WASM, AG_RT_VM,
		  AG_RT_MANAGED, AG_RT_BROWSER, AG_RT_DEVICE };
enum ag_consistency { AG_CONS_STRONG, AG_CONS_EVENTUAL, AG_CONS_CAUSAL };
enum ag_route_to { AG_ROUTE_LEGACY, AG_ROUTE_NEW };

struct ag_system_info {
	struct ag_pos pos;
	struct ag_scalar name, description;
};

struct ag_constraints {
	struct ag_pos pos;
	struct ag_scalar users, latency, p99_ms, availability, global, teams, offline,
		collaborative;
	struct ag_list compliance; /* of struct ag_scalar */
	struct ag_list regions;    /* of struct ag_scalar */
};

struct ag_capability {
	struct ag_pos pos;
	struct ag_scalar name, core, decision, vendor, description;
};

struct ag_element { /* a person or an external system */
	struct ag_pos pos;
	struct ag_scalar id, name, kind, description;
	struct ag_scalar sla; /* external systems: the availability they promise (99.95) */
};

struct ag_container {
	struct ag_pos pos;
	struct ag_scalar id, name, description, kind, runtime, owner, metrics, logs,
		errors, tracing, region, filesystem, cpu_ms, openapi;
	struct ag_scalar sla; /* the availability promised to customers (99.5) */
	struct ag_scalar discovered; /* "compose.yaml:4": a draft `init` wrote */
	struct ag_list tech; /* of struct ag_scalar */
};

struct ag_relation {
	struct ag_pos pos;
	struct ag_scalar from, to, label, tech;
	struct ag_scalar discovered; /* "compose.yaml:9": a draft `init` wrote */
};

struct ag_boundaries {
	struct ag_pos pos;
	struct ag_scalar style;
	struct ag_list people;     /* of struct ag_element */
	struct ag_list external;   /* of struct ag_element */
	struct ag_list containers; /* of struct ag_container */
	struct ag_list relations;  /* of struct ag_relation */
};

struct ag_entity {
	struct ag_pos pos;
	struct ag_scalar name, owner, consistency, financial, pii, description;
};

struct ag_flow {
	struct ag_pos pos;
	struct ag_scalar from, to, gb_month, cross_region, description;
};

struct ag_data {
	struct ag_pos pos;
	struct ag_list entities; /* of struct ag_entity */
	struct ag_list flows;    /* of struct ag_flow */
};

struct ag_failure_mode {
	struct ag_pos pos;
	struct ag_scalar dependency, scenario, impact, mitigation;
};

struct ag_observability {
	struct ag_pos pos;
	struct ag_scalar logs, tracing;
	struct ag_list required_fields; /* of struct ag_scalar */
	struct ag_list events;          /* of struct ag_scalar: event log paths */
};

struct ag_cost_item {
	struct ag_pos pos;
	struct ag_scalar name, monthly, container;
};

struct ag_transfer {
	struct ag_pos pos;
	struct ag_scalar from, to, gb_month, cross_az, price_per_gb;
};

struct ag_cost {
	struct ag_pos pos;
	struct ag_scalar currency, active_users, ceiling_per_user_month;
	struct ag_list items;     /* of struct ag_cost_item */
	struct ag_list transfers; /* of struct ag_transfer */
};

struct ag_debt {
	struct ag_pos pos;
	struct ag_scalar id, title, principal_days, interest_hours_month, load_bearing,
		owner, plan;
	struct ag_list paths; /* of struct ag_scalar */
};

struct ag_route {
	struct ag_pos pos;
	struct ag_scalar path, to;
};

struct ag_migration {
	struct ag_pos pos;
	struct ag_scalar legacy, target;
	struct ag_list routes; /* of struct ag_route */
};

enum ag_streaming { AG_STREAM_SSE, AG_STREAM_WEBSOCKETS, AG_STREAM_NONE };

struct ag_ai_feature {
	struct ag_pos pos;
	struct ag_scalar name, container, llm, vector_store, embedding_cache, batching,
		streaming, cost_month;
};

struct ag_system {
	struct ag_pos pos;
	struct ag_system_info system;
	struct ag_constraints constraints;
	struct ag_list capabilities; /* of struct ag_capability */
	struct ag_boundaries boundaries;
	struct ag_data data;
	struct ag_list failure_modes; /* of struct ag_failure_mode */
	struct ag_observability observability;
	struct ag_cost cost;
	struct ag_list debt; /* of struct ag_debt */
	struct ag_migration migration;
	struct ag_list ai; /* of struct ag_ai_feature */
};

/* Everything archgate knows about one repository's architecture. */
struct ag_model {
	struct ag_arena arena;
	const char *root;      /* repository root (parent of arch dir), absolute */
	const char *arch_dir;  /* the arch directory, absolute */
	const char *arch_rel;  /* the arch directory relative to root ("arch") */
	bool has_system;       /* system.yaml exists */
	bool has_policy;       /* archgate.yaml exists */
	struct ag_system sys;
	struct ag_policy policy;
	struct ag_adrs adrs;
	struct ag_adr_vocab adr_vocab; /* archgate.yaml sections: (the rules use it too) */
	struct ag_rfcs rfcs;
	struct ag_slos slos;
	struct ag_radar radar; /* arch/radar.yaml (radar.present), with AG_LOAD_SYSTEM */
};

extern const struct ag_schema ag_system_schema;

/* Find the arch directory: `explicit_dir` if given (--dir), else
 * $ARCHGATE_DIR, else the first `arch/` walking up from `cwd`, stopping at
 * the repository root (a folder with .git), as git does. On success
 * *out is a malloc'd absolute path. AG_ENOENT when none is found. */
int ag_model_find(const char *explicit_dir, const char *cwd, char **out);

/* Load archgate.yaml, system.yaml, radar.yaml and the decision records from
 * `arch_dir`.
 * Input errors are appended to `diags`; the function returns AG_EINVAL when
 * there were any (the model is then only partially filled and must still be
 * released), AG_ENOMEM/AG_EIO on system failures, 0 when the model is
 * valid. */
int ag_model_load(struct ag_model *m, const char *arch_dir, struct ag_diags *diags);

/* Load only some parts (AG_LOAD_* bits); ag_model_load loads all. The arch
 * folder need not exist: missing files are simply absent. */
enum { AG_LOAD_POLICY = 1, AG_LOAD_SYSTEM = 2, AG_LOAD_RECORDS = 4, AG_LOAD_ALL = 7 };
int ag_model_load_parts(struct ag_model *m, const char *arch_dir, unsigned parts,
			struct ag_diags *diags);
void ag_model_release(struct ag_model *m);

/* Look up an element (person, external system or container) by id. Returns
 * "person", "external", "container" or NULL. */
const char *ag_model_kind_of(const struct ag_model *m, const char *id, size_t len);
const struct ag_container *ag_model_container(const struct ag_model *m,
					      const char *id, size_t len);

/* The fields every structured event must carry: observability.required_fields
 * as stated (duplicates and empty names dropped), or the documented default
 * trace_id, span_id, service, event when it is not stated or `m` is NULL
 * (no arch folder). Up to `max` go to `out` (borrowed); returns how many. */
/* The event log files observability.events names: each path or glob
 * pattern, relative to the repository root unless absolute, expanded in
 * order. A pattern that matches no file is a warning at its place in
 * system.yaml. *out: malloc'd array of malloc'd paths (ag_paths_free).
 * Returns 0 or AG_ENOMEM. */
int ag_model_event_files(const struct ag_model *m, char ***out, size_t *n,
			 struct ag_diags *d);
void ag_paths_free(char **v, size_t n);

size_t ag_model_required_fields(const struct ag_model *m, const char **out, size_t max);

#endif
