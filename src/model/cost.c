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
	for (size_t i = 0; i < c->items.n; i++)
		r->items += it[i].monthly.d;
	const struct ag_ai_feature *ai = m->sys.ai.v;
	for (size_t i = 0; i < m->sys.ai.n; i++)
		if (ai[i].cost_month.set)
			r->items += ai[i].cost_month.d;
	if (c->transfers.n) {
		r->tv = calloc(c->transfers.n, sizeof(*r->tv));
		if (!r->tv)
			return AG_ENOMEM;
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
	return 0;
}

void ag_cost_release(struct ag_cost_report *r)
{
	free(r->tv);
	memset(r, 0, sizeof(*r));
}
