/*
 * cost.c - cost governance arithmetic; see cost.h.
 */
#include <stdlib.h>
#include <string.h>
#include "cost.h"

int ag_cost_compute(const struct ag_model *m, struct ag_cost_report *r)
{
	memset(r, 0, sizeof(*r));
	const struct ag_cost *c = &m->sys.cost;
	r->currency = c->currency.set ? c->currency.s : "USD";
	const struct ag_cost_item *it = c->items.v;
	const struct ag_ai_feature *ai = m->sys.ai.v;
	if (c->items.n + m->sys.ai.n &&
	    !(r->lines = calloc(c->items.n + m->sys.ai.n, sizeof(*r->lines))))
		return AG_ENOMEM;
	for (size_t i = 0; i < c->items.n; i++)
		r->lines[r->nlines++] = (struct ag_cost_line){it[i].name.s, false, it[i].monthly.d};
	for (size_t i = 0; i < m->sys.ai.n; i++) /* model costs count as items */
		if (ai[i].cost_month.set)
			r->lines[r->nlines++] =
				(struct ag_cost_line){ai[i].name.s, true, ai[i].cost_month.d};
	for (size_t i = 0; i < r->nlines; i++)
		r->items += r->lines[i].monthly;
	if (c->transfers.n) {
		r->tv = calloc(c->transfers.n, sizeof(*r->tv));
		if (!r->tv) {
			ag_cost_release(r);
			return AG_ENOMEM;
		}
	}
	const struct ag_transfer *t = c->transfers.v;
	for (size_t i = 0; i < c->transfers.n; i++) {
		struct ag_transfer_cost *tc = &r->tv[r->ntv++];
		tc->t = &t[i];
		bool cross = t[i].cross_az.set && t[i].cross_az.b;
		tc->price_per_gb = t[i].price_per_gb.set ? t[i].price_per_gb.d
				   : cross ? AG_CROSS_AZ_PRICE_PER_GB : 0.0;
		tc->monthly = t[i].gb_month.d * tc->price_per_gb;
		r->transfers += tc->monthly;
	}
	r->total = r->items + r->transfers;
	if (c->active_users.set && c->active_users.i > 0) {
		r->has_users = true;
		r->per_user = r->total / (double)c->active_users.i;
	}
	if (c->ceiling_per_user_month.set) {
		r->has_ceiling = true;
		r->ceiling = c->ceiling_per_user_month.d;
	}
	r->over_ceiling = r->has_users && r->has_ceiling && r->per_user > r->ceiling;
	return 0;
}

void ag_cost_release(struct ag_cost_report *r)
{
	free(r->lines);
	free(r->tv);
	memset(r, 0, sizeof(*r));
}
