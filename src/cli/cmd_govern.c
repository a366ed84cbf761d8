/*
 * cmd_govern.c - governance commands over the model: `cost`, `debt`,
 * `advise`, `review` and `gate deploy`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report/govern.h"

static const char *const cost_usage[] = {
	"archgate cost [--format text|json]", "",
	"Phase 3 cost governance: the monthly total (cost items, AI model costs and",
	"data transfers), the cost per active user against the ceiling, and every",
	"cross-AZ transfer priced (default 0.02 per GB: 0.01 each way). Exit 1 when",
	"the cost per active user is over the ceiling.", "",
	"Example:", "  archgate cost --format json | jq .per_user", NULL};

static const char *const debt_usage[] = {
	"archgate debt [--format text|json]", "",
	"Phase 4: the tech-debt register as a loan book, ordered by monthly interest:",
	"principal (days to pay it off), interest (hours lost each month) and payback",
	"(months until paying it off has paid for itself), load-bearing items first",
	"among equals; then the strangler-fig migration's progress.", "",
	"Example:", "  archgate debt", NULL};

static const char *const advise_usage[] = {
	"archgate advise [--format text|json]", "",
	"Phase 1.5: recommendations from the stated constraints (edge for global",
	"sub-100 ms targets, WASM for CPU-heavy serverless, local-first for offline",
	"and collaborative apps, AI cost and latency controls, ...), each with the",
	"constraint that triggered it, its trade-off and the seed's example tools.", "",
	"Example:", "  archgate advise", NULL};

static const char *const review_usage[] = {
	"archgate review [RANGE] [--format text|json]", "",
	"Check that every commit in RANGE was reviewed by someone other than its",
	"author: a review trailer (review.trailers, default Reviewed-by) naming",
	"another person, or a merge by another person that brought it in. RANGE is",
	"a git revision range; the default is what the next deploy would ship (the",
	"latest tag matching review.deploy_tags, default deploy/*, up to HEAD).",
	"Exit 1 when a commit is unreviewed.", "",
	"Example:", "  archgate review origin/main..HEAD", NULL};

static const char *const gate_usage[] = {
	"archgate gate deploy [RANGE]", "",
	"Gates that say go or stop before a change ships.", "",
	"Example:", "  archgate gate deploy && ./deploy.sh", NULL};

static const char *const gate_deploy_usage[] = {
	"archgate gate deploy [RANGE]", "",
	"The deploy gate: every commit to be shipped (RANGE, default the latest",
	"deploy tag..HEAD) reviewed by someone other than its author, and no active",
	"red flag in the architecture (any red flag means: STOP, return to Phase 1).",
	"Exit 0 to go, 1 to stop.", "",
	"Example:", "  archgate gate deploy && ./deploy.sh", NULL};

/* The arguments of cost, debt and advise: none; then the model. */
static int no_args(struct cli_ctx *c, const struct ag_model **m)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	return cli_model(c, m);
}

static int run_cost(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = no_args(c, &m);
	if (rc)
		return rc;
	struct ag_cost_report r;
	if (ag_cost_compute(m, &r)) {
		fprintf(stderr, "archgate cost: out of memory\n");
		return AG_EXIT_USAGE;
	}
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_report_cost(&b, c->format, m, &r));
	bool over = r.over_ceiling;
	ag_cost_release(&r);
	return rc ? rc : over ? AG_EXIT_FAIL : 0;
}

const struct cli_command cli_cmd_cost = {
	.name = "cost", .summary = "Monthly cost, cost per active user, cross-AZ transfers",
	.usage = cost_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_cost,
};

static int run_debt(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = no_args(c, &m);
	if (rc)
		return rc;
	struct ag_debt_book book;
	if (ag_debt_book_compute(m, &book))
		return AG_EXIT_USAGE;
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_report_debt(&b, c->format, m, &book));
	ag_debt_book_release(&book);
	return rc;
}

const struct cli_command cli_cmd_debt = {
	.name = "debt", .summary = "The tech-debt register by interest; strangler-fig progress",
	.usage = debt_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_debt,
};

static int run_advise(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = no_args(c, &m);
	if (rc)
		return rc;
	struct ag_advices adv;
	if (ag_advise(m, &adv))
		return AG_EXIT_USAGE;
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_report_advise(&b, c->format, &adv));
	ag_advices_release(&adv);
	return rc;
}

const struct cli_command cli_cmd_advise = {
	.name = "advise", .summary = "Recommend Phase 1.5 patterns from the constraints",
	.usage = advise_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_advise,
};

/* Review of `range` (NULL: what the next deploy ships), printed. 0 reviewed,
 * 1 not, 2 on errors. */
static int run_review(const struct cli_ctx *c, const struct ag_model *m, const char *range,
		      enum ag_format fmt)
{
	char *pending = NULL;
	if (!range) {
		if (ag_review_pending(m, &pending)) {
			fprintf(stderr, "archgate review: cannot read git history in %s\n", m->root);
			return AG_EXIT_USAGE;
		}
		range = pending;
	}
	struct ag_review r;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_review_range(m, range, &r, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc) {
		if (rc == AG_ENOENT)
			fprintf(stderr, "archgate review: %s is not a git repository (or git is "
				"missing)\n", m->root);
		free(pending);
		return AG_EXIT_USAGE;
	}
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_report_review(&b, fmt, range, &r));
	size_t bad = r.unreviewed;
	ag_review_release(&r);
	free(pending);
	return rc ? rc : bad ? AG_EXIT_FAIL : 0;
}

static int run_review_cmd(struct cli_ctx *c)
{
	if (c->npos > 1)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[1]);
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	return rc ? rc : run_review(c, m, c->npos ? c->pos[0] : NULL, c->format);
}

const struct cli_command cli_cmd_review = {
	.name = "review", .summary = "Check every commit in a range was reviewed by someone else",
	.usage = review_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_review_cmd,
};

static int run_gate_deploy(struct cli_ctx *c)
{
	if (c->npos > 1)
		return cli_usage_error(c, "expected an optional RANGE");
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	printf("Review of the commits to ship:\n");
	fflush(stdout);
	int review = run_review(c, m, c->npos ? c->pos[0] : NULL, AG_FMT_TEXT);
	struct ag_check_opts opts = {0};
	struct ag_result res;
	rc = ag_check_run(m, &opts, &res);
	size_t flags = 0;
	printf("\nRed flags:\n");
	for (size_t i = 0; !rc && i < res.findings.n; i++) {
		const struct ag_finding *f = &res.findings.v[i];
		if (!f->rule->red_flag || !ag_finding_blocks(f))
			continue;
		flags++;
		struct ag_buf fl = AG_BUF_INIT, msg = AG_BUF_INIT; /* ADR-023 */
		printf("  %s:%d:%d: %s [%s]\n", f->file ? ag_text_in(&fl, f->file) : "archgate",
		       f->line, f->col, ag_text_in(&msg, f->message), f->rule->id);
		ag_buf_release(&fl);
		ag_buf_release(&msg);
	}
	if (!flags)
		printf("  none\n");
	ag_result_release(&res);
	bool frozen = false;
	int fz = rc ? 0 : cli_slo_freeze(c, m, &frozen);
	if (rc || fz || review == AG_EXIT_USAGE)
		return AG_EXIT_USAGE;
	bool go = review == 0 && flags == 0 && !frozen;
	bool others = review != 0 || flags != 0;
	printf("\n%s%s\n", go ? "GO: reviewed and no red flags" :
	       others ? "STOP: do not deploy (unreviewed commits or an active red flag; return to Phase 1)"
		      : "STOP: do not deploy (an error budget is frozen)",
	       go || !others || !frozen ? "" : "\nand an error budget is frozen");
	return go ? 0 : AG_EXIT_FAIL;
}

static const struct cli_command gate_deploy = {
	.name = "deploy", .summary = "Reviewed commits and no red flags: go or stop",
	.usage = gate_deploy_usage, CLI_MODEL, .run = run_gate_deploy,
};

const struct cli_command cli_cmd_gate = {
	.name = "gate", .summary = "The deploy gate: reviewed commits and no red flags",
	.usage = gate_usage, .subs = CLI_SUBS(&gate_deploy),
};
