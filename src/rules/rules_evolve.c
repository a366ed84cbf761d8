/*
 * rules_evolve.c - Phase 4, Evolution & Modernization: debt as a loan,
 * load-bearing legacy code, and the strangler fig.
 */
#include <string.h>
#include "rules_impl.h"

static void check_load_bearing(struct ag_ctx *ctx)
{
	const struct ag_debt *d = ctx->model->sys.debt.v;
	for (size_t i = 0; i < ctx->model->sys.debt.n; i++) {
		if (!d[i].load_bearing.set || !d[i].load_bearing.b)
			continue;
		if (!d[i].owner.set)
			ag_rule_report(ctx, &d[i].pos, "load-bearing debt '%s' has no owner", d[i].id.s);
		if (!d[i].plan.set)
			ag_rule_report(ctx, &d[i].pos, "load-bearing debt '%s' has no plan to replace "
				       "it", d[i].id.s);
	}
}

const struct ag_rule ag_rule_load_bearing = {
	"load-bearing-plan", "4", AG_SEV_ERROR, false,
	"Load-bearing legacy code has an owner and a replacement plan",
	"\"Identify 'Load Bearing' legacy code that needs replacement.\" Code that "
	"everything rests on and nobody owns is where outages come from; naming an "
	"owner and a plan turns it from a fear into a project.",
	"Give the debt item `owner:` and `plan:` (e.g. \"strangle /orders behind "
	"the new API, one route at a time\").",
	check_load_bearing};

static void check_debt_terms(struct ag_ctx *ctx)
{
	const struct ag_debt *d = ctx->model->sys.debt.v;
	for (size_t i = 0; i < ctx->model->sys.debt.n; i++) {
		if (!d[i].principal_days.set || !d[i].interest_hours_month.set)
			ag_rule_report(ctx, &d[i].pos, "debt '%s' does not state its principal "
				       "(principal_days) and interest (interest_hours_month)",
				       d[i].id.s);
		else if (d[i].principal_days.d <= 0 || d[i].interest_hours_month.d < 0)
			ag_rule_report(ctx, &d[i].pos, "debt '%s' has a principal that is not "
				       "positive or a negative interest", d[i].id.s);
	}
}

const struct ag_rule ag_rule_debt_terms = {
	"debt-terms", "4", AG_SEV_WARNING, false,
	"Every debt item states its principal and its interest",
	"\"Treat debt like a financial loan. Pay interest (refactoring) "
	"regularly.\" A loan without an amount and a rate cannot be compared with "
	"another, so the register cannot say which to pay off first.",
	"Give each debt item `principal_days` (effort to pay it off) and "
	"`interest_hours_month` (what it costs each month while unpaid); "
	"`archgate debt` then orders the register by payback.",
	check_debt_terms};
