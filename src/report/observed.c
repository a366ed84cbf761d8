/*
 * observed.c - the observed call map as a diagram; see observed.h.
 */
#include <stdio.h>
#include <string.h>
#include "observed.h"

static struct ag_scalar scalar(struct ag_arena *a, const char *s)
{
	struct ag_scalar v;
	memset(&v, 0, sizeof(v));
	v.s = ag_arena_strdup(a, s);
	v.len = v.s ? strlen(v.s) : 0;
	v.set = v.s != NULL;
	return v;
}

int ag_observed_diagram(struct ag_buf *out, const struct ag_evm *map,
			enum ag_diagram_format fmt, struct ag_buf *err)
{
	struct ag_model m;
	memset(&m, 0, sizeof(m));
	ag_arena_init(&m.arena, 0);
	struct ag_boundaries *b = &m.sys.boundaries;
	m.sys.system.name = scalar(&m.arena, "Calls observed in traces");
	size_t nc = 0, ne = 0;
	for (size_t i = 0; i < map->nservices; i++)
		map->services[i].spans ? nc++ : ne++;
	struct ag_container *co = ag_arena_alloc(&m.arena, (nc + 1) * sizeof(*co));
	struct ag_element *ex = ag_arena_alloc(&m.arena, (ne + 1) * sizeof(*ex));
	struct ag_relation *re = ag_arena_alloc(&m.arena, (map->nedges + 1) * sizeof(*re));
	int rc = co && ex && re ? 0 : AG_ENOMEM;
	for (size_t i = 0; !rc && i < map->nservices; i++) {
		const struct ag_evm_service *s = &map->services[i];
		char d[64];
		snprintf(d, sizeof(d), "%llu spans", (unsigned long long)s->spans);
		if (s->spans) {
			struct ag_container *c = &co[b->containers.n++];
			memset(c, 0, sizeof(*c));
			c->id = c->name = scalar(&m.arena, s->name);
			c->description = scalar(&m.arena, d);
		} else {
			struct ag_element *e = &ex[b->external.n++];
			memset(e, 0, sizeof(*e));
			e->id = e->name = scalar(&m.arena, s->name);
			e->description = scalar(&m.arena, "named by client spans, not traced");
		}
	}
	const char *const *names = (const char *const *)map->cs.names.s;
	for (size_t i = 0; !rc && i < map->nedges; i++) {
		const struct ag_evm_edge *e = &map->edges[i];
		char label[128], p99[48] = "";
		if (e->has_dur)
			snprintf(p99, sizeof(p99), ", p99 %.1f ms", e->p99_ms);
		snprintf(label, sizeof(label), "%llu call%s, %llu error%s%s",
			 (unsigned long long)e->calls, e->calls == 1 ? "" : "s",
			 (unsigned long long)e->errors, e->errors == 1 ? "" : "s", p99);
		struct ag_relation *r = &re[b->relations.n++];
		memset(r, 0, sizeof(*r));
		r->from = scalar(&m.arena, names[e->from]);
		r->to = scalar(&m.arena, names[e->to]);
		r->label = scalar(&m.arena, label);
	}
	b->containers.v = co;
	b->external.v = ex;
	b->relations.v = re;
	b->containers.set = b->external.set = b->relations.set = true;
	if (!rc)
		rc = ag_diagram_render(out, &m, AG_VIEW_CONTAINER, fmt, err);
	ag_arena_release(&m.arena);
	return rc;
}
