/*
 * govern.h - the governance reports: `archgate cost`, `debt`, `advise` and
 * `review`, each for people (AG_FMT_TEXT) and programs (AG_FMT_JSON; the
 * shapes are in docs/json.md), every JSON written through base/json.h.
 *
 * The numbers come from the library (model/cost.h's bill, the debt book
 * below, report/advise.h, history/review.h); the writers only lay them out,
 * so the text and the JSON always agree. Writers append to a caller-owned
 * buffer and return 0, AG_ENOMEM, AG_ELIMIT, or AG_EINVAL for a format they
 * do not have.
 */
#ifndef AG_GOVERN_H
#define AG_GOVERN_H

#include "model/cost.h"
#include "history/review.h"
#include "advise.h"
#include "report.h"

/* Hours in a working day: a debt's principal (days) over its interest
 * (hours a month) gives the months until paying it off pays for itself. */
#define AG_DEBT_HOURS_PER_DAY 8.0

struct ag_debt_row {
	const struct ag_debt *d; /* borrowed from the model */
	double payback;          /* months; -1 when principal or interest is unknown */
};

/* The tech-debt register as a loan book, and the strangler fig's progress. */
struct ag_debt_book {
	struct ag_debt_row *rows; /* malloc'd: by monthly interest, highest first;
				   * load-bearing first among equals; then by id */
	size_t n;
	double principal, interest; /* sums: days, hours a month */
	size_t routes, on_new;      /* migration routes, and those on the new system */
};

int ag_debt_book_compute(const struct ag_model *m, struct ag_debt_book *b);
void ag_debt_book_release(struct ag_debt_book *b);

int ag_report_cost(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		   const struct ag_cost_report *r);
int ag_report_debt(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		   const struct ag_debt_book *b);
int ag_report_advise(struct ag_buf *out, enum ag_format fmt, const struct ag_advices *a);
/* The review of the commits in `range`. */
int ag_report_review(struct ag_buf *out, enum ag_format fmt, const char *range,
		     const struct ag_review *r);

#endif
