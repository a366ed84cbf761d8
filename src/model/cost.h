/*
 * cost.h - cost governance arithmetic: monthly total, cost per active user
 * against the ceiling, and data-transfer charges (cross-AZ among them).
 *
 * "Review the architecture for hidden costs (e.g., Cross-AZ data transfer).
 * Set the budget ceiling per active user." Used by `archgate cost` and the
 * cost rules so both say the same numbers.
 */
#ifndef AG_COST_H
#define AG_COST_H

#include "model.h"

/* Price per GB of cross-AZ transfer when a transfer states none: the common
 * cloud list price of 0.01 per GB in each direction. */
#define AG_CROSS_AZ_PRICE_PER_GB 0.02

struct ag_transfer_cost {
	const struct ag_transfer *t;
	double price_per_gb; /* the stated price, or the cross-AZ default */
	double monthly;
};

/* One line of the monthly bill: a cost item, or an AI feature's model cost
 * (cost_month), which counts as an item too. */
struct ag_cost_line {
	const char *name;       /* the item's or the AI feature's name */
	bool ai;                /* shown as "AI: <name>" */
	double monthly;
};

struct ag_cost_report {
	const char *currency;   /* "USD" unless stated */
	struct ag_cost_line *lines; /* malloc'd: the items, then the AI model costs */
	size_t nlines;
	double items;           /* sum of the lines */
	double transfers;       /* sum of transfer charges */
	double total;
	bool has_users, has_ceiling;
	double per_user;        /* total / active_users */
	double ceiling;
	bool over_ceiling;      /* the verdict: per_user > ceiling, both known */
	struct ag_transfer_cost *tv; /* malloc'd, one per transfer */
	size_t ntv;
};

int ag_cost_compute(const struct ag_model *m, struct ag_cost_report *r);
void ag_cost_release(struct ag_cost_report *r);

#endif
