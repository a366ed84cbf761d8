/*
 * rules_operate.c - Phase 2.5 (Observability-Driven Development) and Phase 3
 * (Governance & Standards): what every running container must expose, SLOs
 * before SLAs, the review policy and the cost ceiling.
 *
 * Which containers "run code" (and so log, trace, expose metrics and have
 * SLOs): kinds service, web, worker and function (service when no kind is
 * given). Datastores, caches and queues are covered by failure modes; mobile
 * apps by their backends.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include "model/cost.h"
#include "rules_impl.h"

bool ag_container_runs_code(const struct ag_container *c)
{
	if (!c->kind.set)
		return true;
	switch ((enum ag_ckind)c->kind.e) {
	case AG_CK_SERVICE:
	case AG_CK_WEB:
	case AG_CK_WORKER:
	case AG_CK_FUNCTION:
		return true;
	default:
		return false;
	}
}

/* Runs code and answers HTTP requests (so it has error responses). */
static bool serves_http(const struct ag_container *c)
{
	return ag_container_runs_code(c) && !(c->kind.set && c->kind.e == AG_CK_WORKER);
}

/* Every running container's setting at `off` in struct ag_container, or
 * else the system-wide one at `dflt_off` in struct ag_observability, must
 * be set to its enum's first value: the finding says what is `missing`,
 * or what the container does instead ("'x' <before>VALUE<after>"). */
static void check_observability(struct ag_ctx *ctx, size_t off, size_t dflt_off,
				const char *missing, const char *before, const char *after)
{
	const struct ag_model *m = ctx->model;
	const char *dflt = (const char *)&m->sys.observability + dflt_off;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		if (!ag_container_runs_code(&c[i]))
			continue;
		const struct ag_scalar *own = (const struct ag_scalar *)((const char *)&c[i] + off);
		const struct ag_scalar *v = own->set ? own : (const struct ag_scalar *)dflt;
		if (!v->set)
			ag_rule_report(ctx, &c[i].pos, "'%s' does not declare %s", c[i].id.s,
				       missing);
		else if (v->e != 0)
			ag_rule_report(ctx, &v->pos, "'%s' %s%s%s", c[i].id.s, before, v->s, after);
	}
}

static void check_structured_logs(struct ag_ctx *ctx)
{
	/* "json" is the first of logs' values */
	check_observability(ctx, offsetof(struct ag_container, logs),
			    offsetof(struct ag_observability, logs),
			    "its log format (logs: json)", "writes ", " logs, not JSON");
}

const struct ag_rule ag_rule_structured_logs = {
	"structured-logs", "2.5", AG_SEV_ERROR, false,
	"Every running container writes structured JSON logs",
	"\"All logs must be JSON.\" and \"Structured Events Over Text Logs: Query "
	"like a database, not grep.\" \"User 42 charged $19.99 in 234ms\" is "
	"unparseable; {\"user_id\":42,\"amount_cents\":1999,\"duration_ms\":234} is "
	"a row.",
	"Set `logs: json` on the container (or `observability.logs: json` for all) "
	"and make the logger emit one JSON object per line.",
	check_structured_logs};

static void check_tracing(struct ag_ctx *ctx)
{
	/* "w3c" is the first of tracing's values */
	check_observability(ctx, offsetof(struct ag_container, tracing),
			    offsetof(struct ag_observability, tracing),
			    "trace propagation (tracing: w3c)", "propagates ",
			    ", not W3C trace context");
}

const struct ag_rule ag_rule_tracing = {
	"trace-propagation", "2.5", AG_SEV_ERROR, false,
	"Every running container propagates W3C trace context",
	"\"Think in Traces, Not Logs ... Trace ID Propagation: Follow a request "
	"across 10 microservices.\" One service that drops the traceparent header "
	"cuts every trace through it in two.",
	"Set `tracing: w3c` on the container (or `observability.tracing: w3c`) and "
	"use an OpenTelemetry SDK that honours the traceparent header.",
	check_tracing};

static bool has_slo(const struct ag_model *m, const struct ag_container *c)
{
	const struct ag_slo *s = m->slos.v;
	for (size_t i = 0; i < m->slos.n; i++)
		if (s[i].service && ((c->id.set && !strcasecmp(s[i].service, c->id.s)) ||
				     (c->name.set && !strcasecmp(s[i].service, c->name.s))))
			return true;
	return false;
}

static void check_slo_defined(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++)
		if (ag_container_runs_code(&c[i]) && c[i].id.set && !has_slo(m, &c[i]))
			ag_rule_report(ctx, &c[i].pos, "'%s' has no SLO: no file in %s/slo/ has "
				       "spec.service '%s'", c[i].id.s, m->arch_rel, c[i].id.s);
}

const struct ag_rule ag_rule_slo_defined = {
	"slo-defined", "2.5", AG_SEV_ERROR, false,
	"Every running container has at least one SLO",
	"\"Define SLOs Before SLAs. SLO: Internal target (99.9% = 43min downtime/"
	"month).\" Without an objective there is no error budget, and without a "
	"budget there is no rule for when to stop shipping risky changes.",
	"Add an OpenSLO v1 document to arch/slo/ (kind: SLO) whose spec.service is "
	"the container's id, with an objective such as target: 0.999 over a 30d "
	"rolling window.",
	check_slo_defined};

/* A percent (99.9) or a ratio (0.999) as a ratio. */
static double as_ratio(double v)
{
	return v > 1 ? v / 100 : v;
}

static bool slo_of(const struct ag_slo *s, const struct ag_container *c)
{
	return s->service && ((c->id.set && !strcasecmp(s->service, c->id.s)) ||
			      (c->name.set && !strcasecmp(s->service, c->name.s)));
}

static void check_sla_looser(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	const struct ag_slo *s = m->slos.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		if (!c[i].sla.set || !c[i].id.set)
			continue;
		double sla = as_ratio(c[i].sla.d);
		bool any = false;
		for (size_t k = 0; k < m->slos.n; k++) {
			if (!slo_of(&s[k], &c[i]) || s[k].target <= 0)
				continue;
			any = true;
			if (s[k].target <= sla + 1e-12)
				ag_rule_report(ctx, &c[i].sla.pos,
					       "'%s' promises %.10g%% in its SLA but its SLO '%s' "
					       "(%s:%d) aims at %.10g%%: the SLO must be stricter",
					       c[i].id.s, sla * 100, s[k].name, s[k].file, s[k].line,
					       s[k].target * 100);
		}
		if (!any)
			ag_rule_report(ctx, &c[i].sla.pos,
				       "'%s' promises %.10g%% in its SLA but has no SLO with a "
				       "target: define the SLO first",
				       c[i].id.s, sla * 100);
	}
}

const struct ag_rule ag_rule_sla_looser_than_slo = {
	"sla-looser-than-slo", "2.5", AG_SEV_ERROR, false,
	"An SLA promises less than the SLO behind it",
	"\"Define SLOs Before SLAs\" (\"SLA: External commitment to customers\"). The "
	"SLO is the internal target, the SLA the contract: with the SLO stricter, the error budget runs out and freezes "
	"risky changes before the contract is breached.",
	"Give the container an SLO in arch/slo/ with a target above its `sla:` "
	"(an SLA of 99.5 under an SLO of 99.9), or lower the SLA.",
	check_sla_looser};

/* The availability of a relation's target: the highest SLO target of a
 * container, else its sla; an external system's sla; < 0 when unknown. */
static double availability_of(const struct ag_model *m, const char *id)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		if (!c[i].id.set || strcmp(c[i].id.s, id))
			continue;
		double best = -1;
		for (size_t k = 0; k < m->slos.n; k++)
			if (slo_of(&m->slos.v[k], &c[i]) && m->slos.v[k].target > best)
				best = m->slos.v[k].target;
		if (best <= 0 && c[i].sla.set)
			best = as_ratio(c[i].sla.d);
		return best;
	}
	const struct ag_element *e = m->sys.boundaries.external.v;
	for (size_t i = 0; i < m->sys.boundaries.external.n; i++)
		if (e[i].id.set && !strcmp(e[i].id.s, id))
			return e[i].sla.set ? as_ratio(e[i].sla.d) : -1;
	return -1;
}

static void check_slo_within_deps(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	const struct ag_relation *r = m->sys.boundaries.relations.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		if (!c[i].id.set)
			continue;
		double product = 1;
		size_t deps = 0;
		char names[256] = "";
		size_t nl = 0;
		for (size_t k = 0; k < m->sys.boundaries.relations.n; k++) {
			if (!r[k].from.set || !r[k].to.set || strcmp(r[k].from.s, c[i].id.s))
				continue;
			double a = availability_of(m, r[k].to.s);
			if (a <= 0)
				continue;
			product *= a;
			deps++;
			if (nl < sizeof(names) - 1) {
				nl += ag_snprintf(names + nl, sizeof(names) - nl, "%s%s %.10g%%",
						  nl ? ", " : "", r[k].to.s, a * 100);
			}
		}
		if (!deps)
			continue;
		for (size_t k = 0; k < m->slos.n; k++) {
			const struct ag_slo *s = &m->slos.v[k];
			if (!slo_of(s, &c[i]) || s->target <= 0 || s->target <= product + 1e-12)
				continue;
			struct ag_pos at = {s->file, s->line, 1};
			ag_rule_report(ctx, &at,
				       "SLO '%s' of '%s' aims at %.10g%%, but what it calls is "
				       "available %.6g%% of the time together (%s): it cannot be met "
				       "without retries, fallbacks or a cache",
				       s->name, c[i].id.s, s->target * 100, product * 100, names);
		}
	}
}

const struct ag_rule ag_rule_slo_within_dependencies = {
	"slo-within-dependencies", "2.5", AG_SEV_WARNING, false,
	"An SLO is no stricter than its dependencies together allow",
	"\"Design for resilience, not perfection.\" A service that needs every one "
	"of its dependencies to answer is at most "
	"as available as their product: 99.9% on two 99.9% dependencies is "
	"99.8%. An SLO above that is spent by the dependencies alone.",
	"Lower the SLO to what the dependencies allow, or make the calls "
	"tolerate failure (retries, a fallback, a cache) and say so in an ADR.",
	check_slo_within_deps};

static void check_metrics_endpoint(struct ag_ctx *ctx)
{
	const struct ag_container *c = ctx->model->sys.boundaries.containers.v;
	for (size_t i = 0; i < ctx->model->sys.boundaries.containers.n; i++) {
		if (!ag_container_runs_code(&c[i]))
			continue;
		if (!c[i].metrics.set)
			ag_rule_report(ctx, &c[i].pos, "'%s' does not declare a metrics endpoint "
				       "(metrics: /metrics)", c[i].id.s);
		else if (c[i].metrics.s[0] != '/')
			ag_rule_report(ctx, &c[i].metrics.pos, "'%s' declares metrics at '%s'; an "
				       "HTTP path starts with '/'", c[i].id.s, c[i].metrics.s);
	}
}

const struct ag_rule ag_rule_metrics_endpoint = {
	"metrics-endpoint", "3", AG_SEV_ERROR, false,
	"Every running container exposes a metrics endpoint",
	"\"All services must expose a /metrics endpoint.\" A standard endpoint "
	"means one scrape configuration and one dashboard template for every "
	"service, instead of one per team.",
	"Set `metrics: /metrics` on the container and serve Prometheus exposition "
	"format there (`archgate probe URL` checks a running service).",
	check_metrics_endpoint};

static void check_error_format(struct ag_ctx *ctx)
{
	const struct ag_container *c = ctx->model->sys.boundaries.containers.v;
	for (size_t i = 0; i < ctx->model->sys.boundaries.containers.n; i++) {
		if (!serves_http(&c[i]))
			continue;
		if (!c[i].errors.set)
			ag_rule_report(ctx, &c[i].pos, "'%s' does not declare its error format "
				       "(errors: problem+json)", c[i].id.s);
		else if (!strstr(c[i].errors.s, "problem+json"))
			ag_rule_report(ctx, &c[i].errors.pos, "'%s' returns errors as '%s', not "
				       "RFC 9457 problem+json", c[i].id.s, c[i].errors.s);
	}
}

const struct ag_rule ag_rule_error_format = {
	"error-format", "3", AG_SEV_ERROR, false,
	"Every HTTP container returns standard codes with problem+json bodies",
	"\"All APIs must return standard HTTP error codes.\" One error shape (RFC "
	"9457 application/problem+json) lets every client, gateway and dashboard "
	"handle every service's errors the same way.",
	"Set `errors: problem+json` on the container and return RFC 9457 bodies "
	"with registered 4xx/5xx status codes.",
	check_error_format};

static void check_review_policy(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_review_policy *r = &m->policy.review;
	if (!r->pos.file) {
		struct ag_pos at = {m->policy.pos.file ? m->policy.pos.file : "arch/archgate.yaml",
				    m->has_policy ? 1 : 0, m->has_policy ? 1 : 0};
		ag_rule_report(ctx, &at, "no review policy: add review: {required: true} to "
			       "archgate.yaml");
	} else if (r->required.set && !r->required.b) {
		ag_rule_report(ctx, &r->required.pos, "code review is switched off "
			       "(review.required: false)");
	}
}

const struct ag_rule ag_rule_review_policy = {
	"review-policy", "3", AG_SEV_ERROR, false,
	"The review policy is configured and on",
	"\"MANDATORY: All code changes must undergo a deep-dive 'fine-toothed comb' "
	"review before git deployment.\" The policy says what counts as a review "
	"(trailers, merge commits) so `archgate review` and `archgate gate deploy` "
	"can check it.",
	"Add to arch/archgate.yaml:\n  review:\n    required: true\n"
	"    trailers: [Reviewed-by]",
	check_review_policy};

static void check_cost_ceiling(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_cost *c = &m->sys.cost;
	struct ag_pos at = ag_section_pos(m, &c->pos);
	if (!c->pos.file) {
		ag_rule_report(ctx, &at, "no cost model: state cost.active_users, "
			       "cost.ceiling_per_user_month and the monthly cost items");
		return;
	}
	struct ag_cost_report r;
	if (ag_cost_compute(m, &r)) {
		ctx->err = AG_ENOMEM;
		return;
	}
	if (!r.has_ceiling)
		ag_rule_report(ctx, &at, "no budget ceiling per active user "
			       "(cost.ceiling_per_user_month)");
	if (!r.has_users)
		ag_rule_report(ctx, &at, "no active-user count (cost.active_users), so cost per "
			       "user cannot be checked");
	if (r.over_ceiling)
		ag_rule_report(ctx, &c->ceiling_per_user_month.pos,
			       "cost per active user is %.4f %s a month, over the ceiling of %.4f "
			       "(total %.2f %s for %lld users)", r.per_user, r.currency, r.ceiling,
			       r.total, r.currency, c->active_users.i);
	ag_cost_release(&r);
}

const struct ag_rule ag_rule_cost_ceiling = {
	"cost-ceiling", "3", AG_SEV_ERROR, false,
	"Cost per active user stays under the ceiling",
	"\"Set the budget ceiling per active user.\" A ceiling per user scales "
	"with the business: growth that raises the cost per user is a design "
	"problem, not a success.",
	"Cut the largest items (`archgate cost` lists them), fix cross-AZ "
	"transfers, or raise the ceiling with a recorded decision.",
	check_cost_ceiling};

static void check_cross_az(struct ag_ctx *ctx)
{
	struct ag_cost_report r;
	if (ag_cost_compute(ctx->model, &r)) {
		ctx->err = AG_ENOMEM;
		return;
	}
	for (size_t i = 0; i < r.ntv; i++) {
		const struct ag_transfer *t = r.tv[i].t;
		if (t->cross_az.set && t->cross_az.b)
			ag_rule_report(ctx, &t->pos, "%s -> %s crosses availability zones: %.0f GB a "
				       "month at %.3f per GB is %.2f %s a month", t->from.s, t->to.s,
				       t->gb_month.d, r.tv[i].price_per_gb, r.tv[i].monthly, r.currency);
	}
	ag_cost_release(&r);
}

const struct ag_rule ag_rule_cross_az = {
	"cross-az-transfer", "3", AG_SEV_WARNING, false,
	"Cross-AZ data transfer is priced and visible",
	"\"Review the architecture for hidden costs (e.g., Cross-AZ data "
	"transfer).\" Chatty services spread over zones pay per gigabyte in both "
	"directions, a bill that appears on no architecture diagram.",
	"Keep chatty pairs in one zone (zone-aware routing, read replicas per "
	"zone), or accept the cost with a waiver that says why.",
	check_cross_az};
