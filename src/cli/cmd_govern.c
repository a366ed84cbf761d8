/*
 * cmd_govern.c - governance commands over the model: `cost`, `debt`,
 * `advise`, `review` and `gate deploy`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report/govern.h"
#include "base/json.h"

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
	"archgate gate deploy [RANGE] [--labels LIST] [--format text|json]", "",
	"The deploy gate: every commit to be shipped (RANGE, default the latest",
	"deploy tag..HEAD) reviewed by someone other than its author, no active",
	"red flag in the architecture (any red flag means: STOP, return to Phase 1),",
	"and the error-budget freeze: with an SLO past error_budget.freeze_at",
	"(default 50%) no risky commit ships, past freeze_all_at (default 100%)",
	"nothing but fixes. What is risky and what is a fix comes from commit",
	"trailers, paths, the labels given with --labels and conventional-commit",
	"prefixes (error_budget.risky and error_budget.fix; ADR 0052). Exit 0 to",
	"go, 1 to stop.", "",
	"Example:", "  archgate gate deploy --labels \"$CI_MERGE_REQUEST_LABELS\" && ./deploy.sh", NULL};

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

/* The review of `range` into r, its diagnostics printed; 0, or the error
 * code after saying why (`cmd` names the command in the message). */
static int read_review(const struct ag_model *m, const char *range, const char *cmd,
		       struct ag_review *r)
{
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_review_range(m, range, r, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc == AG_ENOENT)
		fprintf(stderr, "archgate %s: %s is not a git repository (or git is missing)\n", cmd,
			m->root);
	return rc;
}

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
	int rc = read_review(m, range, "review", &r);
	if (rc) {
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

static bool review_failed(int rc)
{
	return rc == AG_EXIT_USAGE;
}

/* The review of `range` as JSON into b: 0 reviewed, 1 not, 2 on errors
 * (printed). */
static int review_json(const struct ag_model *m, const char *range, struct ag_buf *b)
{
	struct ag_review r;
	int rc = read_review(m, range, "gate deploy", &r);
	if (rc)
		return AG_EXIT_USAGE;
	rc = ag_report_review(b, AG_FMT_JSON, range, &r);
	size_t bad = r.unreviewed;
	ag_review_release(&r);
	return rc ? AG_EXIT_USAGE : bad ? AG_EXIT_FAIL : 0;
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

/* --labels "a, b,c": the names, trimmed, empty ones dropped; in `buf`. */
static size_t split_labels(char *buf, const char **out, size_t max)
{
	size_t n = 0;
	for (char *p = buf; p && *p && n < max;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t len = strlen(p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			p[--len] = 0;
		if (len)
			out[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

enum { GATE_LABELS };
static const struct cli_option gate_deploy_options[] = {
	[GATE_LABELS] = CLI_VALUE("labels", "LIST",
				  "the change's labels, comma-separated, as CI knows them (a pull\n"
				  "request's labels): error_budget.risky.labels and fix.labels"),
};

static int run_gate_deploy(struct cli_ctx *c)
{
	if (c->npos > 1)
		return cli_usage_error(c, "expected an optional RANGE");
	const char *lab = c->opt[GATE_LABELS];
	char *lbuf = lab ? strdup(lab) : NULL;
	const char *labels[256];
	size_t nlabels = lbuf ? split_labels(lbuf, labels, 256) : 0;
	if (lab && !lbuf)
		return AG_EXIT_USAGE;
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc) {
		free(lbuf);
		return rc;
	}
	bool json = c->format == AG_FMT_JSON;
	char *pending = NULL;
	const char *range = c->npos ? c->pos[0] : NULL;
	if (!range && ag_review_pending(m, &pending) == 0)
		range = pending;
	struct ag_buf out = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &out, 0);
	int review;
	if (json) {
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "range", range ? range : "HEAD");
		struct ag_buf rb = AG_BUF_INIT;
		review = !range ? AG_EXIT_USAGE : review_json(m, range, &rb);
		ag_json_key(&w, "review");
		if (rb.data && !review_failed(review))
			ag_json_raw_compact(&w, rb.data, rb.len);
		else
			ag_json_null(&w);
		ag_buf_release(&rb);
	} else {
		printf("Review of the commits to ship:\n");
		fflush(stdout);
		review = run_review(c, m, range, AG_FMT_TEXT);
	}
	struct ag_check_opts opts = {0};
	struct ag_result res;
	rc = ag_check_run(m, &opts, &res);
	size_t flags = 0;
	if (json) {
		ag_json_key(&w, "red_flags");
		ag_json_begin_array(&w);
	} else {
		printf("\nRed flags:\n");
	}
	for (size_t i = 0; !rc && i < res.findings.n; i++) {
		const struct ag_finding *f = &res.findings.v[i];
		if (!f->rule->red_flag || !ag_finding_blocks(f))
			continue;
		flags++;
		if (json) {
			ag_json_inline(&w);
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "file", f->file ? f->file : "archgate");
			ag_json_kv_int(&w, "line", f->line);
			ag_json_kv_int(&w, "col", f->col);
			ag_json_kv_str(&w, "rule", f->rule->id);
			ag_json_kv_str(&w, "message", f->message);
			ag_json_end_object(&w);
			continue;
		}
		struct ag_buf fl = AG_BUF_INIT, msg = AG_BUF_INIT; /* ADR-023 */
		printf("  %s:%d:%d: %s [%s]\n", f->file ? ag_text_in(&fl, f->file) : "archgate",
		       f->line, f->col, ag_text_in(&msg, f->message), f->rule->id);
		ag_buf_release(&fl);
		ag_buf_release(&msg);
	}
	if (json)
		ag_json_end_array(&w);
	else if (!flags)
		printf("  none\n");
	ag_result_release(&res);
	bool frozen = false;
	int fz = rc || review == AG_EXIT_USAGE ? 0
		 : cli_slo_freeze(c, m, range, labels, nlabels, json ? &w : NULL, &frozen);
	free(lbuf);
	free(pending);
	if (rc || fz || review == AG_EXIT_USAGE) {
		ag_buf_release(&out);
		return AG_EXIT_USAGE;
	}
	bool go = review == 0 && flags == 0 && !frozen;
	bool others = review != 0 || flags != 0;
	if (json) {
		ag_json_kv_str(&w, "verdict", go ? "go" : "stop");
		ag_json_end_object(&w);
		int jrc = ag_json_finish(&w);
		ag_buf_addc(&out, '\n');
		rc = cli_output(c, &out, jrc ? jrc : ag_buf_err(&out));
		return rc ? rc : go ? 0 : AG_EXIT_FAIL;
	}
	ag_buf_release(&out);
	printf("\n%s%s\n", go ? "GO: reviewed and no red flags" :
	       others ? "STOP: do not deploy (unreviewed commits or an active red flag; return to Phase 1)"
		      : "STOP: do not deploy (an error budget is frozen)",
	       go || !others || !frozen ? "" : "\nand an error budget is frozen");
	return go ? 0 : AG_EXIT_FAIL;
}

static const struct cli_command gate_deploy = {
	.name = "deploy", .summary = "Reviewed commits and no red flags: go or stop",
	.usage = gate_deploy_usage, CLI_OPTIONS(gate_deploy_options), .formats = CLI_TEXT_JSON,
	CLI_MODEL, .run = run_gate_deploy,
};

const struct cli_command cli_cmd_gate = {
	.name = "gate", .summary = "The deploy gate: reviewed commits and no red flags",
	.usage = gate_usage, .subs = CLI_SUBS(&gate_deploy),
};
