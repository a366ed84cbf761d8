/*
 * rules_data.c - Phase 2, Technical Consensus: data flow, consistency and
 * failure modes.
 *
 * "Source of Truth: Which database owns the 'User Profile'? Consistency
 * Model: Strong (Banking) or Eventual (Social Feed)? Data Gravity: Don't
 * move massive data to the compute." and "Failure Mode Analysis ... Design
 * for resilience, not perfection."
 */
#include <string.h>
#include "rules_impl.h"

static void check_data_owner(struct ag_ctx *ctx)
{
	const struct ag_data *d = &ctx->model->sys.data;
	const struct ag_entity *e = d->entities.v;
	for (size_t i = 0; i < d->entities.n; i++) {
		const char *n = e[i].name.s ? e[i].name.s : "?";
		if (!e[i].owner.set)
			ag_rule_report(ctx, &e[i].pos, "entity '%s' has no owner: which store is its "
				       "source of truth?", n);
		if (!e[i].consistency.set)
			ag_rule_report(ctx, &e[i].pos, "entity '%s' has no consistency model (strong, "
				       "eventual or causal)", n);
	}
	/* every datastore that exists should own something, or why is it there? */
	if (!d->entities.n) {
		const struct ag_container *c = ctx->model->sys.boundaries.containers.v;
		for (size_t i = 0; i < ctx->model->sys.boundaries.containers.n; i++)
			if (c[i].kind.set && c[i].kind.e == AG_CK_DATASTORE) {
				ag_rule_report(ctx, &c[i].pos, "there are datastores but no data "
					       "entities: say which store owns what (data.entities)");
				break;
			}
	}
}

const struct ag_rule ag_rule_data_owner = {
	"data-owner", "2", AG_SEV_ERROR, false,
	"Every data entity has one owner (its source of truth) and a consistency model",
	"\"Source of Truth: Which database owns the 'User Profile'?\" Two stores "
	"that both think they own a record disagree sooner or later, and nobody "
	"knows which one is right. The consistency model decides what users may "
	"see while the stores catch up.",
	"Give each entity under data.entities an `owner:` (the id of one "
	"container) and `consistency: strong|eventual|causal`.",
	check_data_owner};

static void check_financial(struct ag_ctx *ctx)
{
	const struct ag_data *d = &ctx->model->sys.data;
	const struct ag_entity *e = d->entities.v;
	for (size_t i = 0; i < d->entities.n; i++)
		if (e[i].financial.set && e[i].financial.b && e[i].consistency.set &&
		    e[i].consistency.e != AG_CONS_STRONG)
			ag_rule_report(ctx, &e[i].consistency.pos,
				       "entity '%s' moves money but is %s consistent",
				       e[i].name.s ? e[i].name.s : "?",
				       e[i].consistency.e == AG_CONS_EVENTUAL ? "eventually" : "causally");
}

const struct ag_rule ag_rule_financial = {
	"financial-consistency", "2", AG_SEV_ERROR, false,
	"Money-moving entities are strongly consistent",
	"\"Consistency Model: Strong (Banking) or Eventual (Social Feed)?\" A feed "
	"that is a second late is fine; a balance that is a second late pays out "
	"twice.",
	"Set `consistency: strong` for the entity, or split it: keep the money "
	"movement in a strongly consistent store and project an eventual view.",
	check_financial};

static void check_data_gravity(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	double limit = m->policy.thresholds.data_gravity_gb.set ? m->policy.thresholds.data_gravity_gb.d
								  : 1000.0;
	const struct ag_flow *f = m->sys.data.flows.v;
	for (size_t i = 0; i < m->sys.data.flows.n; i++)
		if (f[i].cross_region.set && f[i].cross_region.b && f[i].gb_month.set &&
		    f[i].gb_month.d >= limit)
			ag_rule_report(ctx, &f[i].pos,
				       "%s -> %s moves %.0f GB a month across regions; move the "
				       "compute to the data", f[i].from.s, f[i].to.s, f[i].gb_month.d);
}

const struct ag_rule ag_rule_data_gravity = {
	"data-gravity", "2", AG_SEV_WARNING, false,
	"Large data flows do not cross regions",
	"\"Data Gravity: Don't move massive data to the compute; move compute to "
	"the data.\" Terabytes across regions cost transfer fees every month and "
	"add latency to every job that waits for them.",
	"Run the job in the data's region, or ship aggregates instead of raw data; "
	"the threshold is thresholds.data_gravity_gb (default 1000).",
	check_data_gravity};

static bool needs_failure_mode(const struct ag_container *c)
{
	return c->kind.set && (c->kind.e == AG_CK_DATASTORE || c->kind.e == AG_CK_CACHE ||
			       c->kind.e == AG_CK_QUEUE);
}

static const struct ag_failure_mode *failure_mode_for(const struct ag_model *m, const char *id)
{
	const struct ag_failure_mode *f = m->sys.failure_modes.v;
	for (size_t i = 0; i < m->sys.failure_modes.n; i++)
		if (f[i].dependency.set && !strcmp(f[i].dependency.s, id))
			return &f[i];
	return NULL;
}

static void check_failure_modes(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_boundaries *b = &m->sys.boundaries;
	const struct ag_element *e = b->external.v;
	for (size_t i = 0; i < b->external.n; i++) {
		if (!e[i].id.set)
			continue;
		if (!failure_mode_for(m, e[i].id.s))
			ag_rule_report(ctx, &e[i].pos, "no failure mode for external system '%s': "
				       "what happens if %s is down?", e[i].id.s,
				       e[i].name.s ? e[i].name.s : e[i].id.s);
	}
	const struct ag_container *c = b->containers.v;
	for (size_t i = 0; i < b->containers.n; i++) {
		if (!needs_failure_mode(&c[i]) || !c[i].id.set)
			continue;
		if (!failure_mode_for(m, c[i].id.s))
			ag_rule_report(ctx, &c[i].pos, "no failure mode for %s '%s': what happens "
				       "if it is down, slow or flushed?", c[i].kind.s, c[i].id.s);
	}
	const struct ag_failure_mode *f = m->sys.failure_modes.v;
	for (size_t i = 0; i < m->sys.failure_modes.n; i++) {
		if (!f[i].impact.set)
			ag_rule_report(ctx, &f[i].pos, "the failure mode of '%s' does not say its "
				       "impact", f[i].dependency.s);
		if (!f[i].mitigation.set)
			ag_rule_report(ctx, &f[i].pos, "the failure mode of '%s' has no mitigation",
				       f[i].dependency.s);
	}
}

const struct ag_rule ag_rule_failure_modes = {
	"failure-modes", "2", AG_SEV_ERROR, false,
	"Every external system and datastore has a failure mode with impact and "
	"mitigation",
	"\"What happens if the Payment Gateway is down? What happens if the Redis "
	"Cache is flushed? Design for resilience, not perfection.\" Every "
	"dependency fails eventually; the only choice is whether the answer was "
	"designed or improvised at 3 a.m.",
	"Add an entry under failure_modes for the dependency: `dependency:` (its "
	"id), `scenario`, `impact` (what users see) and `mitigation` (how the "
	"system degrades).",
	check_failure_modes};
