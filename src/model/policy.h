/*
 * policy.h - arch/archgate.yaml: how strictly this team applies the rules.
 *
 * Sign-off roles for RFCs, per-rule severity overrides (or "off"), waivers
 * (one finding, a reason, an expiry date), error-budget policy, review policy
 * and the thresholds that some rules compare against. Structures live in
 * the model's arena (model.h).
 */
#ifndef AG_POLICY_H
#define AG_POLICY_H

#include "yaml/schema.h"

struct ag_rule_override {
	const char *rule;  /* arena-owned rule id */
	int sev;           /* enum ag_severity; AG_SEV_OFF disables the rule */
	struct ag_pos pos;
};

struct ag_waiver {
	struct ag_pos pos;
	struct ag_scalar rule, file, match, reason, expires, by;
};

struct ag_signoff {
	struct ag_pos pos;
	struct ag_list roles; /* of struct ag_scalar */
	struct ag_scalar distinct_signers;
};

/* error_budget.risky and error_budget.fix: what makes a commit risky (or a
 * fix) for the freeze of `gate deploy` (ADR 0052). Lists of struct
 * ag_scalar: trailers as "Key: value" (or "Key": any value), paths as
 * .gitignore patterns (risky only), labels, conventional-commit types. */
struct ag_change_class {
	struct ag_pos pos;
	struct ag_list trailers, paths, labels, prefixes;
};

struct ag_budget_policy {
	struct ag_pos pos;
	struct ag_scalar freeze_at, freeze_all_at, min_events, events, prometheus;
	struct ag_change_class risky, fix;
};

struct ag_review_policy {
	struct ag_pos pos;
	struct ag_scalar required, deploy_tags;
	struct ag_list trailers; /* of struct ag_scalar */
};

struct ag_baseline_policy {
	struct ag_pos pos;
	struct ag_scalar red_flags;
};

struct ag_thresholds {
	struct ag_pos pos;
	struct ag_scalar microservices_min_teams, kubernetes_min_users, max_languages,
		big_bang_share, data_gravity_gb;
};

struct ag_events_policy {
	struct ag_pos pos;
	struct ag_scalar min_json_share, min_field_coverage;
};

/* radar: how the radar rules read a scan (ADR 0030). */
struct ag_radar_policy {
	struct ag_pos pos;
	struct ag_list in_use; /* of struct ag_scalar: evidence kinds (ag_use_name) */
	struct ag_scalar new_ring;
	unsigned in_use_mask;  /* resolved: AG_USE_BIT()s, the default when unset */
};

/* Phase 3: the API specs `archgate api lint` and `check` read besides the
 * ones containers name (ADR-032). */
struct ag_api_policy {
	struct ag_pos pos;
	struct ag_list specs; /* of struct ag_scalar: glob(3) patterns from the repository root */
};

/* More names for the sections and fields of decision records, besides the
 * built-in English, Chinese, Japanese, German, French, Spanish and
 * Portuguese ones. Each a list of strings. */
struct ag_sections_policy {
	struct ag_pos pos;
	struct ag_list status, date, context, decision, consequences, alternatives;
};

struct ag_policy {
	struct ag_pos pos;
	struct ag_sections_policy sections;
	struct ag_scalar version, decisions;
	struct ag_signoff signoff;
	const struct ag_ynode *rules_node;
	struct ag_rule_override *overrides;
	size_t noverrides;
	struct ag_list waivers; /* of struct ag_waiver */
	struct ag_budget_policy error_budget;
	struct ag_review_policy review;
	struct ag_thresholds thresholds;
	struct ag_events_policy events;
	struct ag_radar_policy radar;
	struct ag_api_policy api;
	struct ag_baseline_policy baseline;
};

extern const struct ag_schema ag_policy_schema;

/* Load the policy from a parsed archgate.yaml (`root` may be NULL for a
 * missing file). Rule ids in `rules:` and `waivers:` are kept as written:
 * the registry lives above the model, so ag_rules_check_policy() (rules.h)
 * checks them. Returns AG_ENOMEM or 0; input errors are counted in l->errors. */
int ag_policy_load(struct ag_loader *l, const struct ag_ynode *root,
		   struct ag_policy *p);

/* Effective severity of a rule after overrides. */
int ag_policy_severity(const struct ag_policy *p, const char *rule_id, int dflt);

/* The evidence kinds that make a technology "in use" for the radar rules:
 * radar.in_use, default direct, image and infra (AG_USE_DEFAULT_IN_USE).
 * `p` may be NULL (no arch folder): the default. */
unsigned ag_policy_in_use(const struct ag_policy *p);
/* The ring id `radar scan --write` gives new entries: radar.new_ring, or
 * "assess" (ring names are checked against radar.yaml by the writer). */
const char *ag_policy_new_ring(const struct ag_policy *p);

/* Numbers with their documented defaults. */
long long ag_policy_microservices_min_teams(const struct ag_policy *p);
/* error_budget.freeze_at (0.5) and error_budget.min_events (0: no guard);
 * `p` may be NULL. */
double ag_policy_freeze_at(const struct ag_policy *p);
/* error_budget.freeze_all_at (1.0): past it everything but fixes freezes. */
double ag_policy_freeze_all_at(const struct ag_policy *p);
long long ag_policy_min_events(const struct ag_policy *p);
/* `archgate events lint` thresholds: defaults 0.99 and 0.99. `p` may be
 * NULL (no arch folder): then the defaults. */
double ag_policy_min_json_share(const struct ag_policy *p);
double ag_policy_min_field_coverage(const struct ag_policy *p);

/* The roles that sign an RFC: signoff.roles, or the seed's three (Lead
 * Backend, Lead Mobile, DevOps) when it names none. Up to `max` go to
 * `out` (borrowed from the policy or static); returns how many. */
size_t ag_policy_signoff_roles(const struct ag_policy *p, const char **out, size_t max);
/* signoff.distinct_signers: one person may not sign every role (default). */
bool ag_policy_distinct_signers(const struct ag_policy *p);

#endif
