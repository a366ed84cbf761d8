/*
 * rules_impl.h - internal to the rule modules: the per-phase rule tables
 * and helpers shared by check functions. Not part of the library API.
 */
#ifndef AG_RULES_IMPL_H
#define AG_RULES_IMPL_H

#include "rules.h"

/* Phase 1: rules_phase1.c */
extern const struct ag_rule ag_rule_constraints_stated;
extern const struct ag_rule ag_rule_latency_budget;
extern const struct ag_rule ag_rule_capabilities_stated;
extern const struct ag_rule ag_rule_capability_decided;
extern const struct ag_rule ag_rule_build_needs_adr;
extern const struct ag_rule ag_rule_buy_core;
extern const struct ag_rule ag_rule_boundary_style;
extern const struct ag_rule ag_rule_context_drawable;
extern const struct ag_rule ag_rule_discovered_draft;
extern const struct ag_rule ag_rule_microservices_justified;

/* Phase 2, decision records and RFCs: rules_decisions.c */
extern const struct ag_rule ag_rule_adr_sections;
extern const struct ag_rule ag_rule_adr_alternatives;
extern const struct ag_rule ag_rule_adr_status;
extern const struct ag_rule ag_rule_adr_date;
extern const struct ag_rule ag_rule_adr_links;
extern const struct ag_rule ag_rule_adr_number_unique;
extern const struct ag_rule ag_rule_rfc_signoff;
extern const struct ag_rule ag_rule_adr_cites_draft_rfc;

/* Phase 1.5: rules_patterns.c */
extern const struct ag_rule ag_rule_edge_runtime;
extern const struct ag_rule ag_rule_global_latency;
extern const struct ag_rule ag_rule_local_first;
extern const struct ag_rule ag_rule_ai_controls;

/* Phase 2, data and failure modes: rules_data.c */
extern const struct ag_rule ag_rule_data_owner;
extern const struct ag_rule ag_rule_financial;
extern const struct ag_rule ag_rule_data_gravity;
extern const struct ag_rule ag_rule_failure_modes;

/* Phases 2.5 and 3: rules_operate.c */
extern const struct ag_rule ag_rule_structured_logs;
extern const struct ag_rule ag_rule_tracing;
extern const struct ag_rule ag_rule_slo_defined;
extern const struct ag_rule ag_rule_sla_looser_than_slo;
extern const struct ag_rule ag_rule_slo_within_dependencies;
extern const struct ag_rule ag_rule_observed_calls;
extern const struct ag_rule ag_rule_metrics_endpoint;
extern const struct ag_rule ag_rule_error_format;
extern const struct ag_rule ag_rule_review_policy;
extern const struct ag_rule ag_rule_cost_ceiling;
extern const struct ag_rule ag_rule_cross_az;

/* Phase 4: rules_evolve.c */
extern const struct ag_rule ag_rule_load_bearing;
extern const struct ag_rule ag_rule_debt_terms;

/* Git history: rules_history.c */
extern const struct ag_rule ag_rule_unreviewed_deploy;
extern const struct ag_rule ag_rule_big_bang;

/* Red flags: rules_redflags.c */
extern const struct ag_rule ag_rule_authority;
extern const struct ag_rule ag_rule_spaghetti;
extern const struct ag_rule ag_rule_migrate_later;
extern const struct ag_rule ag_rule_kubernetes;
extern const struct ag_rule ag_rule_undocumented;

/* Containers that run code (kind service, web, worker or function, or no
 * kind): they log, trace, expose metrics and have SLOs. */
bool ag_container_runs_code(const struct ag_container *c);

/* Phase 3, the tech radar against what is in use: rules_radar.c */
extern const struct ag_rule ag_rule_radar_hold_in_use;
extern const struct ag_rule ag_rule_radar_trial_needs_adr;
extern const struct ag_rule ag_rule_radar_unlisted;
extern const struct ag_rule ag_rule_radar_languages;

/* Phase 3, standard interfaces (OpenAPI specs): rules_api.c */
extern const struct ag_rule ag_rule_api_error_responses;
extern const struct ag_rule ag_rule_api_status_registered;
extern const struct ag_rule ag_rule_api_problem_json;
extern const struct ag_rule ag_rule_api_operation_id_unique;
extern const struct ag_rule ag_rule_api_path_params;
extern const struct ag_rule ag_rule_api_servers;
extern const struct ag_rule ag_rule_api_unused_component;
extern const struct ag_rule ag_rule_api_ref;
extern const struct ag_rule ag_rule_api_example_valid;
extern const struct ag_rule ag_rule_api_ignore;
extern const struct ag_rule ag_rule_api_ignore_unused;

/* Frees what the api-* rules kept of one check run (ctx->api); NULL is fine. */
void ag_api_run_free(struct ag_api_run *run);


/* The engine's own rules: rules.c */
extern const struct ag_rule ag_rule_phase_order;
extern const struct ag_rule ag_rule_waiver_expired;
extern const struct ag_rule ag_rule_waiver_unused;

/* The first Accepted ADR that names `word`, or NULL. */
const struct ag_adr *ag_accepted_adr_naming(const struct ag_model *m, const char *word,
					    size_t n);

/* Position to blame when a whole section is missing: the section if present,
 * else the start of system.yaml. */
struct ag_pos ag_section_pos(const struct ag_model *m, const struct ag_pos *section);

#endif
