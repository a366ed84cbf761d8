/*
 * slo_budget.h - error-budget arithmetic and its reports: for each SLO the
 * allowed bad fraction (1 - target) and, over its window, the allowed bad
 * time (99.9% over 30 days = 0.001 x 2,592,000 s = 43.2 minutes); for
 * Timeslices, the bad slices allowed; and the usual targets (99, 99.5,
 * 99.9, 99.95, 99.99) for every window the SLOs use. See docs/slo.md.
 */
#ifndef AG_SLO_BUDGET_H
#define AG_SLO_BUDGET_H

#include "base/buf.h"
#include "slo_read.h"

/* 1 - target, rounded to 12 decimals so that 1 - 0.999 is 0.001. */
double ag_slo_bad_fraction(double target);
/*
 * The fraction of the budget `bad` of `total` events consume at `target`
 * (the burn rate over a window), 0 when nothing was counted. Rounded to
 * 12 decimals like the bad fraction, so that a budget spent exactly reads
 * 1 and what remains 0, not 2.22e-16 of floating-point residue.
 */
double ag_slo_consumed(double bad, double total, double target);
/* The allowed bad time of `target` over `window_s` seconds, in seconds. */
double ag_slo_bad_seconds(double target, long long window_s);
/* "43.2 minutes", "7.2 hours", "259.2 seconds" (out has room for 64). */
void ag_slo_human_seconds(double secs, char out[64]);

int ag_slo_budget_text(struct ag_buf *out, const struct ag_slo_set *s);
int ag_slo_budget_json(struct ag_buf *out, const struct ag_slo_set *s);

#endif
