/*
 * slo_rules.h - Prometheus recording and alerting rules for SLOs
 * (ADR-0025).
 *
 * Per SLO with a Prometheus ratio indicator, three rule groups:
 *   archgate-slo-sli-recordings-ID   slo:sli_error:ratio_rate<W> for W in
 *       5m 30m 1h 2h 6h 1d 3d and the SLO's own window: bad events summed
 *       over W divided by all events summed over W (sum(increase(x[W])),
 *       or the sloth query with {{.window}} set to W), never an average
 *       of shorter ratios;
 *   archgate-slo-meta-recordings-ID  slo:objective:ratio,
 *       slo:error_budget:ratio, slo:time_period:days,
 *       slo:current_burn_rate:ratio, slo:period_burn_rate:ratio,
 *       slo:period_error_budget_remaining:ratio;
 *   archgate-slo-alerts-ID           SLOErrorBudgetBurn twice, with
 *       burn_tier page (2% of the budget in 1h, 5% in 6h) and ticket
 *       (10% in 1d, 10% in 3d); each long window has a short one (1/12 of
 *       it) so the alert stops soon after the burn does. The factor is
 *       share x window / long window: 14.4, 6, 3 and 1 for 30 days.
 * Labels are sloth's (sloth_id, sloth_service, sloth_slo, sloth_window) so
 * dashboards made for sloth keep working.
 */
#ifndef AG_SLO_RULES_H
#define AG_SLO_RULES_H

#include "base/buf.h"
#include "base/diag.h"
#include "slo_read.h"

/* One burn tier's window pair and the budget share it alerts on. */
struct ag_slo_burn {
	const char *tier;   /* "page", "ticket" */
	const char *long_w, *short_w;
	long long long_s;
	double share;       /* of the budget spent in long_w */
};
extern const struct ag_slo_burn ag_slo_burns[4];

/* The burn-rate factor of `b` for a window of `window_s` seconds. */
double ag_slo_burn_factor(const struct ag_slo_burn *b, long long window_s);

/* "30d", "6h", "90m": seconds as a Prometheus duration (out: 32 bytes). */
void ag_slo_prom_duration(long long s, char out[32]);

/* The rules file for every SLO of `s` into `out`. SLOs without an
 * indicator are skipped with a warning; a query that cannot be taken over
 * a window is an error at its position. AG_EINVAL when there were errors,
 * AG_ENOMEM, or 0. */
struct ag_slo_rules_opts {
	/* The minimum-traffic guard: no alert on a long window with fewer
	 * events than this (0: none). The rules then also record
	 * slo:sli_total:increase<W> for each long window. */
	long long min_events;
};
int ag_slo_rules(struct ag_buf *out, const struct ag_slo_set *s,
		 const struct ag_slo_rules_opts *o, struct ag_diags *diags);

/* A `promtool test rules` file for the rules of ag_slo_rules(s, o), which
 * it names as `rules_file`: per SLO, series that stay healthy for an hour
 * and then fail for three days, the error ratios checked at both ends,
 * and every alert that can fire expected at the end (none at the start).
 * SLOs whose series cannot be derived from their queries are skipped
 * with a warning. AG_ENOMEM or 0. */
int ag_slo_rules_tests(struct ag_buf *out, const struct ag_slo_set *s,
		       const struct ag_slo_rules_opts *o, const char *rules_file,
		       struct ag_diags *diags);

/* The one series selector of a counter query or of a templated query
 * over [{{.window}}] without grouping, into out; false when there is none. */
bool ag_slo_selector_of(const char *query, char *out, size_t cap);

/* s as a YAML double-quoted scalar. */
void ag_slo_yaml_quote(struct ag_buf *b, const char *s);

#endif
