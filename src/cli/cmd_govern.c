/*
 * cmd_govern.c - governance commands over the model: `cost`, `debt`,
 * `advise`, `review` and `gate deploy`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/advise.h"
#include "cli.h"
#include "model/cost.h"
#include "history/review.h"

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

static void jstr(struct ag_buf *b, const char *s)
{
	if (s)
		ag_buf_json_str(b, s, strlen(s));
	else
		ag_buf_adds(b, "null");
}

static int run_cost(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = no_args(c, &m);
	if (rc)
		return rc;
	enum ag_format fmt = c->format;
	struct ag_cost_report r;
	if (ag_cost_compute(m, &r)) {
		fprintf(stderr, "archgate cost: out of memory\n");
		return AG_EXIT_USAGE;
	}
	const struct ag_cost *cost = &m->sys.cost;
	bool over = r.has_users && r.has_ceiling && r.per_user > r.ceiling;
	struct ag_buf b = AG_BUF_INIT;
	const struct ag_cost_item *it = cost->items.v;
	if (fmt == AG_FMT_JSON) {
		ag_buf_adds(&b, "{\"currency\":");
		jstr(&b, r.currency);
		ag_buf_adds(&b, ",\"items\":[");
		size_t k = 0;
		for (size_t i = 0; i < cost->items.n; i++, k++) {
			ag_buf_adds(&b, k ? ",{\"name\":" : "{\"name\":");
			jstr(&b, it[i].name.s);
			ag_buf_printf(&b, ",\"monthly\":%.2f}", it[i].monthly.d);
		}
		const struct ag_ai_feature *ai = m->sys.ai.v;
		for (size_t i = 0; i < m->sys.ai.n; i++) /* model costs count as items */
			if (ai[i].cost_month.set) {
				ag_buf_adds(&b, k++ ? ",{\"name\":" : "{\"name\":");
				struct ag_buf nm = AG_BUF_INIT;
				ag_buf_printf(&nm, "AI: %s", ai[i].name.s);
				jstr(&b, nm.data);
				ag_buf_release(&nm);
				ag_buf_printf(&b, ",\"monthly\":%.2f}", ai[i].cost_month.d);
			}
		ag_buf_adds(&b, "],\"transfers\":[");
		for (size_t i = 0; i < r.ntv; i++) {
			const struct ag_transfer *t = r.tv[i].t;
			ag_buf_adds(&b, i ? ",{\"from\":" : "{\"from\":");
			jstr(&b, t->from.s);
			ag_buf_adds(&b, ",\"to\":");
			jstr(&b, t->to.s);
			ag_buf_printf(&b, ",\"gb_month\":%g,\"cross_az\":%s,\"price_per_gb\":%g,"
				      "\"monthly\":%.2f}", t->gb_month.d,
				      t->cross_az.set && t->cross_az.b ? "true" : "false",
				      r.tv[i].price_per_gb, r.tv[i].monthly);
		}
		ag_buf_printf(&b, "],\"items_total\":%.2f,\"transfers_total\":%.2f,\"total\":%.2f",
			      r.items, r.transfers, r.total);
		if (r.has_users)
			ag_buf_printf(&b, ",\"active_users\":%lld,\"per_user\":%.6f", cost->active_users.i,
				      r.per_user);
		else
			ag_buf_adds(&b, ",\"active_users\":null,\"per_user\":null");
		if (r.has_ceiling)
			ag_buf_printf(&b, ",\"ceiling\":%g", r.ceiling);
		else
			ag_buf_adds(&b, ",\"ceiling\":null");
		ag_buf_printf(&b, ",\"over_ceiling\":%s}\n", over ? "true" : "false");
	} else {
		ag_buf_printf(&b, "Monthly cost (%s)\n\n", r.currency);
		for (size_t i = 0; i < cost->items.n; i++)
			ag_buf_printf(&b, "  %-46s %12.2f\n", it[i].name.s, it[i].monthly.d);
		const struct ag_ai_feature *ai = m->sys.ai.v;
		for (size_t i = 0; i < m->sys.ai.n; i++)
			if (ai[i].cost_month.set)
				ag_buf_printf(&b, "  AI: %-42s %12.2f\n", ai[i].name.s, ai[i].cost_month.d);
		for (size_t i = 0; i < r.ntv; i++) {
			const struct ag_transfer *t = r.tv[i].t;
			char label[128];
			snprintf(label, sizeof(label), "transfer %s -> %s, %g GB at %g", t->from.s,
				 t->to.s, t->gb_month.d, r.tv[i].price_per_gb);
			ag_buf_printf(&b, "  %-46s %12.2f%s\n", label, r.tv[i].monthly,
				      t->cross_az.set && t->cross_az.b ? "  cross-AZ" : "");
		}
		ag_buf_printf(&b, "  %-46s %12s\n  %-46s %12.2f\n", "", "------------", "Total",
			      r.total);
		if (r.has_users)
			ag_buf_printf(&b, "\n  Active users %lld: %.4f %s per user per month", cost->active_users.i,
				      r.per_user, r.currency);
		else
			ag_buf_adds(&b, "\n  No active-user count (cost.active_users)");
		if (r.has_ceiling && r.has_users)
			ag_buf_printf(&b, ", ceiling %.4f: %s\n", r.ceiling, over ? "OVER the ceiling" : "within");
		else
			ag_buf_adds(&b, "\n");
	}
	rc = cli_write(&b);
	ag_buf_release(&b);
	ag_cost_release(&r);
	return rc ? rc : over ? AG_EXIT_FAIL : 0;
}

const struct cli_command cli_cmd_cost = {
	.name = "cost", .summary = "Monthly cost, cost per active user, cross-AZ transfers",
	.usage = cost_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_cost,
};

struct debt_row {
	const struct ag_debt *d;
	double payback; /* months; -1 when unknown */
};

static int by_interest(const void *x, const void *y)
{
	const struct debt_row *a = x, *b = y;
	double ia = a->d->interest_hours_month.set ? a->d->interest_hours_month.d : -1;
	double ib = b->d->interest_hours_month.set ? b->d->interest_hours_month.d : -1;
	if (ia != ib)
		return ia > ib ? -1 : 1;
	bool la = a->d->load_bearing.set && a->d->load_bearing.b;
	bool lb = b->d->load_bearing.set && b->d->load_bearing.b;
	if (la != lb)
		return la ? -1 : 1;
	return strcmp(a->d->id.s, b->d->id.s);
}

static int run_debt(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = no_args(c, &m);
	if (rc)
		return rc;
	enum ag_format fmt = c->format;
	size_t n = m->sys.debt.n;
	struct debt_row *rows = calloc(n + 1, sizeof(*rows));
	if (!rows)
		return AG_EXIT_USAGE;
	const struct ag_debt *d = m->sys.debt.v;
	for (size_t i = 0; i < n; i++) {
		rows[i].d = &d[i];
		rows[i].payback = d[i].principal_days.set && d[i].interest_hours_month.set &&
					  d[i].interest_hours_month.d > 0
				  ? d[i].principal_days.d * 8.0 / d[i].interest_hours_month.d
				  : -1;
	}
	qsort(rows, n, sizeof(*rows), by_interest);
	const struct ag_route *rt = m->sys.migration.routes.v;
	size_t nr = m->sys.migration.routes.n, done = 0;
	for (size_t i = 0; i < nr; i++)
		done += rt[i].to.set && rt[i].to.e == AG_ROUTE_NEW;
	struct ag_buf b = AG_BUF_INIT;
	if (fmt == AG_FMT_JSON) {
		ag_buf_adds(&b, "{\"debt\":[");
		for (size_t i = 0; i < n; i++) {
			const struct ag_debt *x = rows[i].d;
			ag_buf_adds(&b, i ? ",{\"id\":" : "{\"id\":");
			jstr(&b, x->id.s);
			ag_buf_adds(&b, ",\"title\":");
			jstr(&b, x->title.s);
			ag_buf_printf(&b, ",\"principal_days\":%g,\"interest_hours_month\":%g,",
				      x->principal_days.d, x->interest_hours_month.d);
			if (rows[i].payback >= 0)
				ag_buf_printf(&b, "\"payback_months\":%.2f", rows[i].payback);
			else
				ag_buf_adds(&b, "\"payback_months\":null");
			ag_buf_printf(&b, ",\"load_bearing\":%s,\"owner\":",
				      x->load_bearing.set && x->load_bearing.b ? "true" : "false");
			jstr(&b, x->owner.s);
			ag_buf_adds(&b, ",\"plan\":");
			jstr(&b, x->plan.s);
			ag_buf_addc(&b, '}');
		}
		ag_buf_printf(&b, "],\"migration\":{\"legacy\":");
		jstr(&b, m->sys.migration.legacy.s);
		ag_buf_printf(&b, ",\"routes\":%zu,\"on_new\":%zu}}\n", nr, done);
	} else {
		double interest = 0, principal = 0;
		ag_buf_printf(&b, "Tech debt, by monthly interest\n\n  %-24s %9s %10s %9s  %s\n",
			      "ID", "principal", "interest", "payback", "owner");
		for (size_t i = 0; i < n; i++) {
			const struct ag_debt *x = rows[i].d;
			char pb[32] = "-";
			if (rows[i].payback >= 0)
				snprintf(pb, sizeof(pb), "%.1f mo", rows[i].payback);
			ag_buf_printf(&b, "  %-24s %7.0f d %7.0f h/mo %9s  %s%s\n", x->id.s,
				      x->principal_days.d, x->interest_hours_month.d, pb,
				      x->owner.s ? x->owner.s : "(no owner)",
				      x->load_bearing.set && x->load_bearing.b ? "  load-bearing" : "");
			interest += x->interest_hours_month.d;
			principal += x->principal_days.d;
		}
		ag_buf_printf(&b, "\n  %zu item%s: %.0f days of principal, %.0f hours of interest a "
			      "month\n", n, n == 1 ? "" : "s", principal, interest);
		if (nr) {
			char bar[21];
			size_t fill = done * 20 / nr;
			for (size_t i = 0; i < 20; i++)
				bar[i] = i < fill ? '#' : '.';
			bar[20] = '\0';
			ag_buf_printf(&b, "\nStrangler fig: %zu of %zu routes on the new system [%s] %.0f%%\n",
				      done, nr, bar, 100.0 * (double)done / (double)nr);
		}
	}
	rc = cli_write(&b);
	ag_buf_release(&b);
	free(rows);
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
	enum ag_format fmt = c->format;
	struct ag_advices adv;
	if (ag_advise(m, &adv))
		return AG_EXIT_USAGE;
	struct ag_buf b = AG_BUF_INIT;
	if (fmt == AG_FMT_JSON)
		ag_buf_addc(&b, '[');
	for (size_t i = 0; i < adv.n; i++) {
		const struct ag_advice *x = &adv.v[i];
		if (fmt == AG_FMT_JSON) {
			ag_buf_adds(&b, i ? ",{\"id\":" : "{\"id\":");
			jstr(&b, x->id);
			ag_buf_adds(&b, ",\"pattern\":");
			jstr(&b, x->pattern);
			ag_buf_adds(&b, ",\"because\":");
			jstr(&b, x->because);
			ag_buf_adds(&b, ",\"advice\":");
			jstr(&b, x->advice);
			ag_buf_adds(&b, ",\"tradeoff\":");
			jstr(&b, x->tradeoff);
			ag_buf_adds(&b, ",\"tools\":");
			jstr(&b, x->tools);
			ag_buf_adds(&b, ",\"file\":");
			jstr(&b, x->pos.file);
			ag_buf_printf(&b, ",\"line\":%d,\"col\":%d}", x->pos.line, x->pos.col);
		} else {
			ag_buf_printf(&b, "%s%s\n  because %s (%s:%d)\n  %s\n  Trade-off: %s\n  Tools: %s\n",
				      i ? "\n" : "", x->pattern, x->because,
				      x->pos.file ? x->pos.file : "?", x->pos.line, x->advice, x->tradeoff,
				      x->tools);
		}
	}
	if (fmt == AG_FMT_JSON)
		ag_buf_adds(&b, "]\n");
	else if (!adv.n)
		ag_buf_adds(&b, "No recommendations: state constraints (users, latency, p99_ms, "
			    "regions, compliance, offline, collaborative) to get some.\n");
	rc = cli_write(&b);
	ag_buf_release(&b);
	ag_advices_release(&adv);
	return rc;
}

const struct cli_command cli_cmd_advise = {
	.name = "advise", .summary = "Recommend Phase 1.5 patterns from the constraints",
	.usage = advise_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run_advise,
};

/* Review of `range` (NULL: what the next deploy ships). 0 reviewed, 1 not,
 * 2 on errors; prints the report when `print`. */
static int run_review(const struct ag_model *m, const char *range, enum ag_format fmt,
		      bool print)
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
	if (fmt == AG_FMT_JSON) {
		ag_buf_adds(&b, "{\"range\":");
		jstr(&b, range);
		ag_buf_adds(&b, ",\"commits\":[");
		for (size_t i = 0; i < r.n; i++) {
			ag_buf_printf(&b, "%s{\"sha\":\"%s\",\"author\":", i ? "," : "", r.v[i].sha);
			jstr(&b, r.v[i].author);
			ag_buf_adds(&b, ",\"subject\":");
			jstr(&b, r.v[i].subject);
			ag_buf_printf(&b, ",\"merge\":%s,\"reviewed\":%s,\"reviewer\":",
				      r.v[i].merge ? "true" : "false", r.v[i].reviewed ? "true" : "false");
			jstr(&b, r.v[i].reviewer);
			ag_buf_addc(&b, '}');
		}
		ag_buf_printf(&b, "],\"unreviewed\":%zu}\n", r.unreviewed);
	} else if (print) {
		for (size_t i = 0; i < r.n; i++)
			if (!r.v[i].merge)
				ag_buf_printf(&b, "%s %.12s %s (%s)%s%s\n", r.v[i].reviewed ? "ok  " : "FAIL",
					      r.v[i].sha, r.v[i].subject, r.v[i].author,
					      r.v[i].reviewer ? ", reviewed by " : ", not reviewed",
					      r.v[i].reviewer ? r.v[i].reviewer : " by anyone else");
		ag_buf_printf(&b, "%zu commit%s in %s, %zu unreviewed\n", r.n, r.n == 1 ? "" : "s",
			      range, r.unreviewed);
	}
	rc = print ? cli_write(&b) : 0;
	ag_buf_release(&b);
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
	return rc ? rc : run_review(m, c->npos ? c->pos[0] : NULL, c->format, true);
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
	int review = run_review(m, c->npos ? c->pos[0] : NULL, AG_FMT_TEXT, true);
	struct ag_check_opts opts = {NULL, 0, NULL};
	struct ag_result res;
	rc = ag_check_run(m, &opts, &res);
	size_t flags = 0;
	printf("\nRed flags:\n");
	for (size_t i = 0; !rc && i < res.findings.n; i++) {
		const struct ag_finding *f = &res.findings.v[i];
		if (!f->rule->red_flag || !ag_finding_blocks(f))
			continue;
		flags++;
		printf("  %s:%d:%d: %s [%s]\n", f->file ? f->file : "archgate", f->line, f->col,
		       f->message, f->rule->id);
	}
	if (!flags)
		printf("  none\n");
	ag_result_release(&res);
	if (rc || review == AG_EXIT_USAGE)
		return AG_EXIT_USAGE;
	bool go = review == 0 && flags == 0;
	printf("\n%s\n", go ? "GO: reviewed and no red flags" :
	       "STOP: do not deploy (unreviewed commits or an active red flag; return to Phase 1)");
	return go ? 0 : AG_EXIT_FAIL;
}

static const struct cli_command gate_deploy = {
	.name = "deploy", .summary = "Reviewed commits and no red flags: go or stop",
	.usage = gate_deploy_usage, CLI_MODEL, .run = run_gate_deploy,
};

const struct cli_command cli_cmd_gate = {
	.name = "gate", .summary = "The deploy gate: reviewed commits and no red flags",
	.usage = gate_usage, .subs = (const struct cli_command *const[]){&gate_deploy, NULL},
};
