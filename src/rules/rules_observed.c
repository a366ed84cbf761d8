/*
 * rules_observed.c - Phase 2.5: the architecture the traces show against
 * the architecture the model declares. "Think in traces": the spans in the
 * event logs that observability.events names (events/events_map.h) are
 * compared with boundaries.containers and boundaries.relations.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "events/events_map.h"
#include "rules_impl.h"

static const struct ag_container *container_of(const struct ag_model *m, const char *name)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++)
		if ((c[i].id.set && !strcasecmp(c[i].id.s, name)) ||
		    (c[i].name.set && !strcasecmp(c[i].name.s, name)))
			return &c[i];
	return NULL;
}

static bool declared(const struct ag_model *m, const struct ag_container *from,
		     const struct ag_container *to)
{
	const struct ag_relation *r = m->sys.boundaries.relations.v;
	for (size_t i = 0; i < m->sys.boundaries.relations.n; i++)
		if (r[i].from.set && r[i].to.set && !strcmp(r[i].from.s, from->id.s) &&
		    !strcmp(r[i].to.s, to->id.s))
			return true;
	return false;
}

static bool emits(const struct ag_evm *map, const struct ag_model *m,
		  const struct ag_container *c)
{
	for (size_t i = 0; i < map->nservices; i++)
		if (map->services[i].spans && container_of(m, map->services[i].name) == c)
			return true;
	return false;
}

static bool seen(const struct ag_evm *map, const struct ag_model *m, const struct ag_scalar *from,
		 const struct ag_scalar *to)
{
	const char *const *names = (const char *const *)map->cs.names.s;
	for (size_t i = 0; i < map->nedges; i++) {
		const struct ag_container *f = container_of(m, names[map->edges[i].from]);
		const struct ag_container *t = container_of(m, names[map->edges[i].to]);
		if (f && t && !strcmp(f->id.s, from->s) && !strcmp(t->id.s, to->s))
			return true;
	}
	return false;
}

static void check_observed(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_list *events = &m->sys.observability.events;
	if (!events->n)
		return;
	struct ag_diags d;
	ag_diags_init(&d);
	char **paths = NULL;
	size_t n = 0;
	struct ag_evm map;
	memset(&map, 0, sizeof(map));
	int rc = ag_model_event_files(m, &paths, &n, &d);
	if (!rc && n) {
		struct ag_evt_opts o = {0};
		rc = ag_evm_build((const char *const *)paths, n, &o, &map, &d);
		if (rc == AG_EIO)
			rc = 0; /* `archgate events` reports what it cannot read */
	}
	if (rc) {
		ctx->err = ctx->err ? ctx->err : rc;
	} else if (map.spans) {
		const char *const *names = (const char *const *)map.cs.names.s;
		for (size_t i = 0; i < map.nedges; i++) {
			const struct ag_evm_edge *e = &map.edges[i];
			const struct ag_container *f = container_of(m, names[e->from]);
			const struct ag_container *t = container_of(m, names[e->to]);
			if (f && t && f != t && f->id.set && t->id.set && !declared(m, f, t))
				ag_rule_report(ctx, &events->pos,
					       "the traces show '%s' calling '%s' (%llu call%s, e.g. "
					       "trace %s) but system.yaml has no relation from '%s' "
					       "to '%s'", names[e->from], names[e->to],
					       (unsigned long long)e->calls, e->calls == 1 ? "" : "s",
					       e->trace_id, f->id.s, t->id.s);
		}
		const struct ag_relation *r = m->sys.boundaries.relations.v;
		for (size_t i = 0; i < m->sys.boundaries.relations.n; i++) {
			const struct ag_container *f = r[i].from.set ? container_of(m, r[i].from.s)
								      : NULL;
			const struct ag_container *t = r[i].to.set ? container_of(m, r[i].to.s) : NULL;
			if (f && t && emits(&map, m, f) && emits(&map, m, t) &&
			    !seen(&map, m, &r[i].from, &r[i].to))
				ag_rule_report(ctx, &r[i].pos,
					       "the relation '%s' -> '%s' is never seen in the traces "
					       "(%llu spans in %llu traces), though both emit spans",
					       r[i].from.s, r[i].to.s, (unsigned long long)map.spans,
					       (unsigned long long)map.traces);
		}
		for (size_t i = 0; i < map.nservices; i++)
			if (map.services[i].spans && !container_of(m, map.services[i].name))
				ag_rule_report(ctx, &events->pos,
					       "service '%s' emits %llu span%s (e.g. trace %s) but is "
					       "not a container of the model",
					       map.services[i].name,
					       (unsigned long long)map.services[i].spans,
					       map.services[i].spans == 1 ? "" : "s",
					       map.services[i].trace_id);
	}
	/* what could not be looked at: a pattern that matches nothing, a file
	 * that cannot be read */
	for (size_t i = 0; i < d.n; i++) {
		struct ag_pos pos = {d.v[i].file, d.v[i].line, d.v[i].col};
		ag_rule_report(ctx, d.v[i].file ? &pos : &events->pos, "%s", d.v[i].message);
	}
	ag_evm_release(&map);
	ag_paths_free(paths, n);
	ag_diags_release(&d);
}

const struct ag_rule ag_rule_observed_calls = {
	"observed-calls", "2.5", AG_SEV_WARNING, false,
	"The calls the traces show are the relations the model declares",
	"\"Think in Traces, Not Logs\": \"Trace ID Propagation: Follow a request "
	"across 10 microservices.\" "
	"A diagram that disagrees with the traffic is a diagram of a system that "
	"does not exist: a call nobody declared is a dependency nobody planned for "
	"(no failure mode, no owner), and a relation never seen is dead weight or "
	"a service that stopped propagating trace context.",
	"Add the missing relation (or container) to arch/system.yaml, remove the "
	"relation nobody uses, or fix the service that does not propagate the "
	"traceparent header; `archgate events map` shows what the traces show.",
	check_observed};
