/*
 * rules_api.h - the api-* rules of the registry (rules_api.c) applied to an
 * API lint result (api/api_lint.h), for `archgate api lint` and for
 * `archgate check`'s Phase 3.
 *
 * The api/ layer finds problems by rule id; the registry gives each id its
 * severity, rationale and fix, so `archgate rules`, `explain`, SARIF rule
 * metadata and policy overrides treat the API rules like every other rule.
 */
#ifndef AG_RULES_API_H
#define AG_RULES_API_H

#include "api/api_lint.h"
#include "rules.h"

/* The findings of `ar` as a check result in `res` (initialised here):
 * severities from policy `p` (NULL: the rules' own; off drops them), phase
 * 3, an x-archgate-ignore entry shown as a waiver. `waivers` is caller
 * storage for ar->nignores entries that must outlive `res` (their strings
 * point into the spec set). Returns 0 or AG_ENOMEM. */
int ag_api_result_to_check(const struct ag_policy *p, const struct ag_api_result *ar,
			   struct ag_waiver *waivers, struct ag_result *res);

/* Reads the specs that model `m` names (each container's openapi:, and the
 * files policy api.specs' glob patterns match, from the repository root)
 * into `s`; errors go to the set's diagnostics, a pattern matching nothing
 * is a warning there. Returns the number of specs, or AG_ENOMEM. */
int ag_api_model_specs(const struct ag_model *m, struct ag_api_set *s);

#endif
