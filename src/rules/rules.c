/*
 * rules.c - the rule registry, the phase table and the check engine; see
 * rules.h. Rule implementations live in rules_phase*.c; this file only
 * collects them and applies policy.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/array.h"
#include "base/buf.h"
#include "baseline.h"
#include "rules.h"
#include "rules_impl.h"

static const struct ag_phase phases[AG_NPHASES] = {
	{"1", "Constraints & Trade-offs",
	 "State the constraints, decide buy vs build, define the boundaries"},
	{"1.5", "Modern Architecture Patterns",
	 "Weigh edge, WASM, local-first and AI against the constraints"},
	{"2", "Technical Consensus",
	 "RFCs with alternatives and sign-off; data ownership; failure modes"},
	{"2.5", "Observability-Driven Development",
	 "Traces, structured events, SLOs before SLAs"},
	{"3", "Governance & Standards",
	 "Tech radar, standard interfaces, reviews, cost"},
	{"4", "Evolution & Modernization",
	 "Debt paid like a loan, strangler-fig migrations, mentorship"},
};

/* Engine rules: findings made by the engine itself, not by a check. */
const struct ag_rule ag_rule_phase_order = {
	"phase-order", "1", AG_SEV_ERROR, false,
	"No artifact of a later phase is decided while an earlier phase is open",
	"The seed: \"You MUST complete each phase before proceeding to the next.\" "
	"A decision accepted in Phase 3 while Phase 1 constraints are still "
	"unstated was made without the constraints that should dictate it.",
	"Move the record back to Proposed, or finish the open phase first "
	"(`archgate status` lists what blocks it).",
	NULL};

const struct ag_rule ag_rule_waiver_expired = {
	"waiver-expired", "1", AG_SEV_ERROR, false,
	"Waivers expire; an expired waiver is an error",
	"A waiver is a loan against the rules, and loans have terms. A waiver "
	"that silently outlives its reason turns a decision into an accident.",
	"Fix the finding the waiver covered, or renew the waiver with a new "
	"reason and a new expiry date in archgate.yaml.",
	NULL};

const struct ag_rule ag_rule_baseline_invalid = {
	"baseline-invalid", "1", AG_SEV_ERROR, false,
	"arch/baseline.json is a baseline archgate can read",
	"A baseline says which findings are known, so a broken one must not "
	"silently hide them, nor silently stop hiding them: either would change "
	"what the gate lets through without anyone deciding it.",
	"Run `archgate baseline` to write it again from today's findings (it "
	"only ever shrinks; add new ones with --accept-new), or restore it from "
	"git.",
	NULL};

const struct ag_rule ag_rule_waiver_unused = {
	"waiver-unused", "1", AG_SEV_WARNING, false,
	"Every waiver matches a finding",
	"A waiver that matches nothing is either stale (the problem was fixed) or "
	"mistyped (and the finding it meant to cover is still failing).",
	"Delete the waiver, or correct its rule, file or match.",
	NULL};

/* The registry: every rule, in phase order. Adding a rule means adding its
 * definition to a rules_phase*.c file and one line here. */
static const struct ag_rule *const registry_table[] = {
	/* Phase 1 */
	&ag_rule_constraints_stated,
	&ag_rule_latency_budget,
	&ag_rule_capabilities_stated,
	&ag_rule_capability_decided,
	&ag_rule_build_needs_adr,
	&ag_rule_buy_core,
	&ag_rule_boundary_style,
	&ag_rule_context_drawable,
	&ag_rule_discovered_draft,
	&ag_rule_microservices_justified,
	&ag_rule_authority,
	&ag_rule_spaghetti,
	&ag_rule_migrate_later,
	&ag_rule_kubernetes,
	&ag_rule_undocumented,
	/* the engine's own (reported in the waived or checked rule's phase) */
	&ag_rule_phase_order,
	&ag_rule_waiver_expired,
	&ag_rule_waiver_unused,
	&ag_rule_baseline_invalid,
	/* Phase 1.5 */
	&ag_rule_edge_runtime,
	&ag_rule_global_latency,
	&ag_rule_local_first,
	&ag_rule_ai_controls,
	/* Phase 2: data and failure modes */
	&ag_rule_data_owner,
	&ag_rule_financial,
	&ag_rule_data_gravity,
	&ag_rule_failure_modes,
	/* Phase 2: decision records and RFCs */
	&ag_rule_adr_sections,
	&ag_rule_adr_alternatives,
	&ag_rule_adr_status,
	&ag_rule_adr_date,
	&ag_rule_adr_links,
	&ag_rule_adr_number_unique,
	&ag_rule_rfc_signoff,
	&ag_rule_adr_cites_draft_rfc,
	/* Phase 2.5 */
	&ag_rule_structured_logs,
	&ag_rule_tracing,
	&ag_rule_slo_defined,
	&ag_rule_sla_looser_than_slo,
	&ag_rule_slo_within_dependencies,
	&ag_rule_observed_calls,
	/* Phase 3 */
	&ag_rule_api_error_responses,
	&ag_rule_api_example_valid,
	&ag_rule_api_ignore,
	&ag_rule_api_ignore_unused,
	&ag_rule_api_operation_id_unique,
	&ag_rule_api_path_params,
	&ag_rule_api_problem_json,
	&ag_rule_api_ref,
	&ag_rule_api_servers,
	&ag_rule_api_status_registered,
	&ag_rule_api_unused_component,
	&ag_rule_metrics_endpoint,
	&ag_rule_error_format,
	&ag_rule_review_policy,
	&ag_rule_cost_ceiling,
	&ag_rule_cross_az,
	&ag_rule_unreviewed_deploy,
	&ag_rule_radar_hold_in_use,
	&ag_rule_radar_languages,
	&ag_rule_radar_trial_needs_adr,
	&ag_rule_radar_unlisted,
	/* Phase 4 */
	&ag_rule_load_bearing,
	&ag_rule_debt_terms,
	&ag_rule_big_bang,
};

static const struct ag_rule *const *registry(size_t *n)
{
	*n = sizeof(registry_table) / sizeof(registry_table[0]);
	return registry_table;
}

const struct ag_rule *const *ag_rules_all(size_t *n)
{
	return registry(n);
}

const struct ag_rule *ag_rule_find(const char *id)
{
	size_t n;
	const struct ag_rule *const *all = registry(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i]->id, id))
			return all[i];
	return NULL;
}

const struct ag_phase *ag_phases(size_t *n)
{
	*n = AG_NPHASES;
	return phases;
}

int ag_phase_index(const char *id)
{
	if (!id)
		return -1;
	if (!strncasecmp(id, "phase", 5))
		for (id += 5; *id == ' '; id++)
			;
	for (int i = 0; i < AG_NPHASES; i++)
		if (!strcmp(phases[i].id, id))
			return i;
	return -1;
}

const char *ag_phase_state_name(enum ag_phase_state s)
{
	switch (s) {
	case AG_PHASE_COMPLETE: return "complete";
	case AG_PHASE_OPEN: return "open";
	case AG_PHASE_BLOCKED: return "blocked";
	}
	return "open";
}

long ag_today(void)
{
	const char *env = getenv("ARCHGATE_TODAY");
	long days;
	if (env && !ag_date_parse(env, strlen(env), &days))
		return days;
	return (long)(time(NULL) / 86400);
}

static int add_finding(struct ag_findings *fs, const struct ag_rule *rule,
		       enum ag_severity sev, const char *phase, const struct ag_pos *pos,
		       char *msg)
{
	struct ag_finding *v = ag_array_grow(fs->v, &fs->alloc, fs->n + 1, sizeof(*v), 32);
	if (!v) {
		free(msg);
		return AG_ENOMEM;
	}
	fs->v = v;
	char *file = NULL;
	if (pos && pos->file && !(file = strdup(pos->file))) {
		free(msg);
		return AG_ENOMEM;
	}
	struct ag_finding *f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->sev = sev;
	f->phase = phase;
	f->message = msg;
	f->file = file;
	f->line = pos ? pos->line : 0;
	f->col = pos ? pos->col : 0;
	return 0;
}

static int vreport(struct ag_findings *fs, const struct ag_rule *rule, enum ag_severity sev,
		   const char *phase, const struct ag_pos *pos, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static int vreport(struct ag_findings *fs, const struct ag_rule *rule, enum ag_severity sev,
		   const char *phase, const struct ag_pos *pos, const char *fmt, va_list ap)
{
	struct ag_buf b = AG_BUF_INIT;
	if (ag_buf_vprintf(&b, fmt, ap)) {
		ag_buf_release(&b);
		return AG_ENOMEM;
	}
	return add_finding(fs, rule, sev, phase, pos, ag_buf_detach(&b, NULL));
}

void ag_rule_report(struct ag_ctx *ctx, const struct ag_pos *pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vreport(ctx->out, ctx->rule, ctx->rule->severity, ctx->rule->phase, pos,
			 fmt, ap);
	va_end(ap);
	if (rc && !ctx->err)
		ctx->err = rc;
}

void ag_rule_report_sev(struct ag_ctx *ctx, enum ag_severity sev, const struct ag_pos *pos,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vreport(ctx->out, ctx->rule, sev, ctx->rule->phase, pos, fmt, ap);
	va_end(ap);
	if (rc && !ctx->err)
		ctx->err = rc;
}

static int engine_report(struct ag_findings *fs, const struct ag_policy *p,
			 const struct ag_rule *rule, const char *phase,
			 const struct ag_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int engine_report(struct ag_findings *fs, const struct ag_policy *p,
			 const struct ag_rule *rule, const char *phase,
			 const struct ag_pos *pos, const char *fmt, ...)
{
	int sev = ag_policy_severity(p, rule->id, (int)rule->severity);
	if (sev == AG_SEV_OFF)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int rc = vreport(fs, rule, (enum ag_severity)sev, phase, pos, fmt, ap);
	va_end(ap);
	return rc;
}

bool ag_finding_blocks(const struct ag_finding *f)
{
	return !f->waiver && !f->baselined && f->sev == AG_SEV_ERROR;
}

static bool waiver_matches(const struct ag_waiver *w, const struct ag_finding *f)
{
	if (!w->rule.set || strcmp(w->rule.s, f->rule->id))
		return false;
	if (w->file.set && (!f->file || strcmp(w->file.s, f->file)))
		return false;
	if (w->match.set && !strstr(f->message, w->match.s))
		return false;
	return true;
}

/* Apply waivers to findings [from, n). `used` has one flag per waiver. */
static void apply_waivers(const struct ag_policy *p, struct ag_findings *fs, size_t from,
			  long today, bool *used)
{
	const struct ag_waiver *w = p->waivers.v;
	for (size_t i = from; i < fs->n; i++) {
		for (size_t k = 0; k < p->waivers.n; k++) {
			if (!waiver_matches(&w[k], &fs->v[i]))
				continue;
			used[k] = true;
			if (w[k].expires.set && w[k].expires.i < today)
				continue; /* expired: reported separately, waives nothing */
			fs->v[i].waiver = &w[k];
			break;
		}
	}
}

static int finding_cmp(const void *a, const void *b)
{
	const struct ag_finding *x = a, *y = b;
	int px = ag_phase_index(x->phase), py = ag_phase_index(y->phase);
	if (px != py)
		return px < py ? -1 : 1;
	int r = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	r = strcmp(x->rule->id, y->rule->id);
	return r ? r : strcmp(x->message, y->message);
}

static void compute_board(const struct ag_findings *fs, struct ag_board *b, int max_idx)
{
	bool own[AG_NPHASES] = {0};
	b->reopened = false;
	for (size_t i = 0; i < fs->n; i++) {
		const struct ag_finding *f = &fs->v[i];
		if (!ag_finding_blocks(f))
			continue;
		int p = ag_phase_index(f->phase);
		if (p >= 0)
			own[p] = true;
		if (f->rule->red_flag)
			b->reopened = true;
	}
	if (b->reopened)
		own[0] = true;
	/* Phases after max_idx (check --phase) were not checked: they are never
	 * complete. The first of them may be the current phase, but phase_order
	 * judges only records of checked phases. */
	bool earlier_ok = true;
	b->current = -1;
	for (int i = 0; i < AG_NPHASES; i++) {
		if (!earlier_ok)
			b->state[i] = AG_PHASE_BLOCKED;
		else if (own[i] || i > max_idx)
			b->state[i] = AG_PHASE_OPEN;
		else
			b->state[i] = AG_PHASE_COMPLETE;
		if (b->state[i] != AG_PHASE_COMPLETE && earlier_ok) {
			b->current = i;
			earlier_ok = false;
		}
	}
	if (b->current < 0)
		b->current = AG_NPHASES - 1;
}

/* "You MUST complete each phase before proceeding": decided artifacts of a
 * phase after the current one. */
static int phase_order(const struct ag_model *m, struct ag_findings *fs,
		       const struct ag_board *b, int max_idx)
{
	if (b->state[b->current] == AG_PHASE_COMPLETE)
		return 0;
	const struct ag_adr *a = m->adrs.v;
	for (size_t i = 0; i < m->adrs.n; i++) {
		int p = ag_phase_index(a[i].phase);
		if (p <= b->current || p > max_idx || a[i].status != AG_ADR_ACCEPTED)
			continue;
		int rc = engine_report(fs, &m->policy, &ag_rule_phase_order, phases[p].id,
				       &a[i].status_pos,
				       "'%s' (Phase %s) is Accepted while Phase %s (%s) is "
				       "still %s; complete it first",
				       a[i].title, phases[p].id, phases[b->current].id,
				       phases[b->current].name,
				       b->reopened && b->current == 0 ? "reopened by a red flag"
								      : "open");
		if (rc)
			return rc;
	}
	return 0;
}

static bool selected(const struct ag_check_opts *opts, const char *id)
{
	if (!opts || !opts->only)
		return true;
	for (size_t i = 0; opts->only[i]; i++)
		if (!strncmp(id, opts->only[i], strlen(opts->only[i])))
			return true;
	return false;
}

/* The summary counts of res's findings. */
static void count(struct ag_result *res)
{
	res->errors = res->warnings = res->notes = res->waived = res->baselined = 0;
	for (size_t i = 0; i < res->findings.n; i++) {
		const struct ag_finding *f = &res->findings.v[i];
		if (f->waiver)
			res->waived++;
		else if (f->baselined)
			res->baselined++;
		else if (f->sev == AG_SEV_ERROR)
			res->errors++;
		else if (f->sev == AG_SEV_WARNING)
			res->warnings++;
		else
			res->notes++;
	}
}

/* Known findings (arch/baseline.json) stop counting; red flags stay. A
 * baseline that cannot be read is a finding itself: no finding is
 * hidden by a file archgate cannot trust. */
static int apply_baseline(const struct ag_model *m, struct ag_result *res)
{
	if (!m->arch_dir)
		return 0;
	size_t pn = strlen(m->arch_dir) + sizeof(AG_BASELINE_FILE) + 2;
	size_t nn = strlen(m->arch_rel) + sizeof(AG_BASELINE_FILE) + 2;
	char *path = malloc(pn), *name = malloc(nn);
	if (!path || !name) {
		free(path);
		free(name);
		return AG_ENOMEM;
	}
	snprintf(path, pn, "%s/%s", m->arch_dir, AG_BASELINE_FILE);
	snprintf(name, nn, "%s/%s", m->arch_rel, AG_BASELINE_FILE);
	struct ag_baseline b;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_baseline_load(path, name, &b, &d);
	free(path);
	free(name);
	res->baseline = b.present;
	if (rc == AG_ENOMEM) {
		ag_diags_release(&d);
		return rc;
	}
	if (rc) {
		rc = 0;
		for (size_t i = 0; i < d.n && !rc; i++) {
			struct ag_pos pos = {d.v[i].file, d.v[i].line, d.v[i].col};
			rc = engine_report(&res->findings, &m->policy, &ag_rule_baseline_invalid, "1",
					   &pos, "%s (no finding is taken as known)", d.v[i].message);
		}
		ag_diags_release(&d);
		if (!rc && res->findings.n)
			qsort(res->findings.v, res->findings.n, sizeof(*res->findings.v),
			      finding_cmp);
		return rc;
	}
	ag_diags_release(&d);
	if (!b.n) {
		ag_baseline_release(&b);
		return 0;
	}
	uint64_t *fp;
	if ((rc = ag_baseline_fingerprints(&res->findings, &fp))) {
		ag_baseline_release(&b);
		return rc;
	}
	for (size_t i = 0; i < res->findings.n; i++) {
		struct ag_finding *f = &res->findings.v[i];
		f->baselined = !f->waiver && (!f->rule->red_flag || res->baseline_red_flags) &&
			       ag_baseline_has(&b, fp[i]);
	}
	free(fp);
	ag_baseline_release(&b);
	return 0;
}

int ag_check_run(const struct ag_model *m, const struct ag_check_opts *opts,
		 struct ag_result *res)
{
	memset(res, 0, sizeof(*res));
	long today = opts && opts->today ? opts->today : ag_today();
	int max_idx = AG_NPHASES - 1;
	if (opts && opts->max_phase) {
		max_idx = ag_phase_index(opts->max_phase);
		if (max_idx < 0)
			return AG_EINVAL;
	}
	size_t nr;
	const struct ag_rule *const *all = registry(&nr);
	struct ag_ctx ctx = {m, NULL, &res->findings, today, 0, NULL};
	for (size_t i = 0; i < nr && !ctx.err; i++) {
		const struct ag_rule *r = all[i];
		if (!r->check || ag_phase_index(r->phase) > max_idx || !selected(opts, r->id))
			continue;
		int sev = ag_policy_severity(&m->policy, r->id, (int)r->severity);
		if (sev == AG_SEV_OFF)
			continue;
		size_t before = res->findings.n;
		ctx.rule = r;
		r->check(&ctx);
		/* the policy's severity, when it sets one, wins over the rule's
		 * own per-record choice (ag_rule_report_sev) */
		bool overridden = ag_policy_severity(&m->policy, r->id, -1) != -1;
		for (size_t k = before; k < res->findings.n; k++)
			if (overridden || res->findings.v[k].sev == r->severity)
				res->findings.v[k].sev = (enum ag_severity)sev;
	}
	ag_api_run_free(ctx.api);
	if (ctx.err)
		return ctx.err;

	/* Waivers apply to the rules' findings, then (once the board is known)
	 * to the phase-order findings; only then can a waiver be called unused
	 * or expired. */
	const struct ag_policy *p = &m->policy;
	bool *used = calloc(p->waivers.n + 1, sizeof(*used));
	if (!used)
		return AG_ENOMEM;
	apply_waivers(p, &res->findings, 0, today, used);
	res->max_phase = max_idx;
	compute_board(&res->findings, &res->board, max_idx);
	size_t before = res->findings.n;
	int rc = 0;
	if (selected(opts, ag_rule_phase_order.id))
		rc = phase_order(m, &res->findings, &res->board, max_idx);
	if (!rc)
		apply_waivers(p, &res->findings, before, today, used);
	const struct ag_waiver *w = p->waivers.v;
	for (size_t k = 0; k < p->waivers.n && !rc; k++) {
		const struct ag_rule *wr = w[k].rule.set ? ag_rule_find(w[k].rule.s) : NULL;
		if (!wr || ag_phase_index(wr->phase) > max_idx || !selected(opts, wr->id))
			continue;
		if (w[k].expires.set && w[k].expires.i < today)
			rc = engine_report(&res->findings, p, &ag_rule_waiver_expired, wr->phase,
					   &w[k].expires.pos,
					   "waiver for '%s' expired on %s (reason given: %s)",
					   w[k].rule.s, w[k].expires.s,
					   w[k].reason.set ? w[k].reason.s : "none");
		else if (!used[k])
			rc = engine_report(&res->findings, p, &ag_rule_waiver_unused, wr->phase,
					   &w[k].pos, "waiver for '%s' matches no finding",
					   w[k].rule.s);
	}
	free(used);
	if (rc)
		return rc;
	if (res->findings.n) /* qsort's base must not be NULL, even for 0 items */
		qsort(res->findings.v, res->findings.n, sizeof(*res->findings.v), finding_cmp);
	res->baseline_red_flags = m->policy.baseline.red_flags.set && m->policy.baseline.red_flags.b;
	if (!(opts && opts->no_baseline) && (rc = apply_baseline(m, res)))
		return rc;
	/* an expired waiver's own error may block a phase the waived warning
	 * did not; a known finding blocks none */
	compute_board(&res->findings, &res->board, max_idx);
	count(res);
	return 0;
}

void ag_result_recount(struct ag_result *res)
{
	count(res);
}

void ag_result_keep_files(struct ag_result *res, const char *prefix)
{
	size_t k = 0, pl = strlen(prefix);
	for (size_t i = 0; i < res->findings.n; i++) {
		struct ag_finding *f = &res->findings.v[i];
		if (f->file && !strncmp(f->file, prefix, pl)) {
			res->findings.v[k++] = *f;
			continue;
		}
		free(f->message);
		free(f->file);
	}
	res->findings.n = k;
	count(res);
}

void ag_result_release(struct ag_result *res)
{
	for (size_t i = 0; i < res->findings.n; i++) {
		free(res->findings.v[i].message);
		free(res->findings.v[i].file);
	}
	free(res->findings.v);
	memset(res, 0, sizeof(*res));
}

static size_t unknown_rule(const char *id, size_t n, const struct ag_pos *pos,
			   struct ag_diags *d)
{
	if (ag_rule_find(id))
		return 0;
	enum { NRULES = sizeof(registry_table) / sizeof(registry_table[0]) };
	const char *cands[NRULES];
	for (size_t i = 0; i < NRULES; i++)
		cands[i] = registry_table[i]->id;
	const char *hint = ag_did_you_mean(id, n, cands, NRULES);
	if (hint)
		ag_diags_addpos(d, AG_SEV_ERROR, pos, "unknown rule '%s'; did you mean '%s'?", id,
				hint);
	else
		ag_diags_addpos(d, AG_SEV_ERROR, pos,
				"unknown rule '%s' (archgate rules lists them)", id);
	return 1;
}

size_t ag_rules_check_policy(const struct ag_policy *p, struct ag_diags *d)
{
	size_t bad = 0;
	for (size_t i = 0; i < p->noverrides; i++)
		bad += unknown_rule(p->overrides[i].rule, strlen(p->overrides[i].rule),
				    &p->overrides[i].pos, d);
	const struct ag_waiver *w = p->waivers.v;
	for (size_t i = 0; i < p->waivers.n; i++)
		if (w[i].rule.set)
			bad += unknown_rule(w[i].rule.s, w[i].rule.len, &w[i].rule.pos, d);
	return bad;
}
