/*
 * govern.c - the cost, debt, advise and review reports; see govern.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "govern.h"


static int finish_json(struct ag_json *w, struct ag_buf *out)
{
	AG_TRY(ag_json_finish(w));
	return ag_buf_addc(out, '\n');
}

/* ---- cost ------------------------------------------------------------------------------ */

static int cost_json(struct ag_buf *out, const struct ag_model *m, const struct ag_cost_report *r)
{
	const struct ag_cost *c = &m->sys.cost;
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "currency", r->currency);
	ag_json_key(&w, "items");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->nlines; i++) {
		const struct ag_cost_line *l = &r->lines[i];
		struct ag_buf name = AG_BUF_INIT;
		if (ag_buf_printf(&name, "%s%s", l->ai ? "AI: " : "", l->name ? l->name : "")) {
			ag_buf_release(&name);
			return AG_ENOMEM;
		}
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "name", l->name || l->ai ? name.data : NULL);
		ag_json_kv_double(&w, "monthly", l->monthly, 2);
		ag_json_end_object(&w);
		ag_buf_release(&name);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "transfers");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->ntv; i++) {
		const struct ag_transfer *t = r->tv[i].t;
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "from", t->from.s);
		ag_json_kv_str(&w, "to", t->to.s);
		ag_json_kv_double(&w, "gb_month", t->gb_month.d, AG_JSON_SHORTEST);
		ag_json_kv_bool(&w, "cross_az", t->cross_az.set && t->cross_az.b);
		ag_json_kv_double(&w, "price_per_gb", r->tv[i].price_per_gb, AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "monthly", r->tv[i].monthly, 2);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_kv_double(&w, "items_total", r->items, 2);
	ag_json_kv_double(&w, "transfers_total", r->transfers, 2);
	ag_json_kv_double(&w, "total", r->total, 2);
	if (r->has_users) {
		ag_json_kv_int(&w, "active_users", c->active_users.i);
		ag_json_kv_double(&w, "per_user", r->per_user, 6);
	} else {
		ag_json_kv_null(&w, "active_users");
		ag_json_kv_null(&w, "per_user");
	}
	if (r->has_ceiling)
		ag_json_kv_double(&w, "ceiling", r->ceiling, AG_JSON_SHORTEST);
	else
		ag_json_kv_null(&w, "ceiling");
	ag_json_kv_bool(&w, "over_ceiling", r->over_ceiling);
	ag_json_end_object(&w);
	return finish_json(&w, out);
}

int ag_report_cost(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		   const struct ag_cost_report *r)
{
	if (fmt == AG_FMT_JSON)
		return cost_json(out, m, r);
	if (fmt != AG_FMT_TEXT)
		return AG_EINVAL;
	const struct ag_cost *c = &m->sys.cost;
	/* names from system.yaml as the terminal may show them (ADR-023) */
	struct ag_buf t1 = AG_BUF_INIT, t2 = AG_BUF_INIT, cur = AG_BUF_INIT;
	const char *currency = ag_text_in(&cur, r->currency);
	int rc = ag_buf_printf(out, "Monthly cost (%s)\n\n", currency);
	for (size_t i = 0; i < r->nlines && !rc; i++)
		rc = ag_buf_printf(out, "  %s%-*s %12.2f\n", r->lines[i].ai ? "AI: " : "",
				   r->lines[i].ai ? 42 : 46, ag_text_in(&t1, r->lines[i].name),
				   r->lines[i].monthly);
	for (size_t i = 0; i < r->ntv && !rc; i++) {
		const struct ag_transfer *t = r->tv[i].t;
		char label[128];
		snprintf(label, sizeof(label), "transfer %s -> %s, %g GB at %g",
			 ag_text_in(&t1, t->from.s), ag_text_in(&t2, t->to.s), t->gb_month.d,
			 r->tv[i].price_per_gb);
		rc = ag_buf_printf(out, "  %-46s %12.2f%s\n", label, r->tv[i].monthly,
				   t->cross_az.set && t->cross_az.b ? "  cross-AZ" : "");
	}
	ag_buf_release(&t1);
	ag_buf_release(&t2);
	if (!rc)
		rc = ag_buf_printf(out, "  %-46s %12s\n  %-46s %12.2f\n", "", "------------",
				   "Total", r->total);
	if (!rc && r->has_users)
		rc = ag_buf_printf(out, "\n  Active users %lld: %.4f %s per user per month",
				   c->active_users.i, r->per_user, currency);
	else if (!rc)
		rc = ag_buf_adds(out, "\n  No active-user count (cost.active_users)");
	ag_buf_release(&cur);
	AG_TRY(rc);
	if (r->has_ceiling && r->has_users)
		return ag_buf_printf(out, ", ceiling %.4f: %s\n", r->ceiling,
				     r->over_ceiling ? "OVER the ceiling" : "within");
	return ag_buf_adds(out, "\n");
}

/* ---- debt ------------------------------------------------------------------------------ */

static int by_interest(const void *x, const void *y)
{
	const struct ag_debt_row *a = x, *b = y;
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

int ag_debt_book_compute(const struct ag_model *m, struct ag_debt_book *b)
{
	memset(b, 0, sizeof(*b));
	size_t n = m->sys.debt.n;
	if (!(b->rows = calloc(n + 1, sizeof(*b->rows))))
		return AG_ENOMEM;
	const struct ag_debt *d = m->sys.debt.v;
	for (size_t i = 0; i < n; i++) {
		b->rows[i].d = &d[i];
		b->rows[i].payback = d[i].principal_days.set && d[i].interest_hours_month.set &&
					     d[i].interest_hours_month.d > 0
				     ? d[i].principal_days.d * AG_DEBT_HOURS_PER_DAY /
					       d[i].interest_hours_month.d
				     : -1;
		b->interest += d[i].interest_hours_month.d;
		b->principal += d[i].principal_days.d;
	}
	b->n = n;
	qsort(b->rows, n, sizeof(*b->rows), by_interest);
	const struct ag_route *rt = m->sys.migration.routes.v;
	b->routes = m->sys.migration.routes.n;
	for (size_t i = 0; i < b->routes; i++)
		b->on_new += rt[i].to.set && rt[i].to.e == AG_ROUTE_NEW;
	return 0;
}

void ag_debt_book_release(struct ag_debt_book *b)
{
	free(b->rows);
	memset(b, 0, sizeof(*b));
}

static int debt_json(struct ag_buf *out, const struct ag_model *m, const struct ag_debt_book *b)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_key(&w, "debt");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < b->n; i++) {
		const struct ag_debt *x = b->rows[i].d;
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "id", x->id.s);
		ag_json_kv_str(&w, "title", x->title.s);
		ag_json_kv_double(&w, "principal_days", x->principal_days.d, AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "interest_hours_month", x->interest_hours_month.d,
				  AG_JSON_SHORTEST);
		if (b->rows[i].payback >= 0)
			ag_json_kv_double(&w, "payback_months", b->rows[i].payback, 2);
		else
			ag_json_kv_null(&w, "payback_months");
		ag_json_kv_bool(&w, "load_bearing", x->load_bearing.set && x->load_bearing.b);
		ag_json_kv_str(&w, "owner", x->owner.s);
		ag_json_kv_str(&w, "plan", x->plan.s);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "migration");
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "legacy", m->sys.migration.legacy.s);
	ag_json_kv_uint(&w, "routes", b->routes);
	ag_json_kv_uint(&w, "on_new", b->on_new);
	ag_json_end_object(&w);
	ag_json_end_object(&w);
	return finish_json(&w, out);
}

int ag_report_debt(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		   const struct ag_debt_book *b)
{
	if (fmt == AG_FMT_JSON)
		return debt_json(out, m, b);
	if (fmt != AG_FMT_TEXT)
		return AG_EINVAL;
	AG_TRY(ag_buf_printf(out, "Tech debt, by monthly interest\n\n  %-24s %9s %10s %9s  %s\n",
			  "ID", "principal", "interest", "payback", "owner"));
	for (size_t i = 0; i < b->n; i++) {
		const struct ag_debt *x = b->rows[i].d;
		char pb[32] = "-";
		if (b->rows[i].payback >= 0)
			snprintf(pb, sizeof(pb), "%.1f mo", b->rows[i].payback);
		struct ag_buf id = AG_BUF_INIT, ow = AG_BUF_INIT; /* ADR-023 */
		int rc = ag_buf_printf(out, "  %-24s %7.0f d %7.0f h/mo %9s  %s%s\n",
				       ag_text_in(&id, x->id.s), x->principal_days.d,
				       x->interest_hours_month.d, pb,
				       x->owner.s ? ag_text_in(&ow, x->owner.s) : "(no owner)",
				       x->load_bearing.set && x->load_bearing.b ? "  load-bearing"
										: "");
		ag_buf_release(&id);
		ag_buf_release(&ow);
		AG_TRY(rc);
	}
	AG_TRY(ag_buf_printf(out, "\n  %zu item%s: %.0f days of principal, %.0f hours of interest a "
			  "month\n", b->n, b->n == 1 ? "" : "s", b->principal, b->interest));
	if (!b->routes)
		return 0;
	char bar[21];
	size_t fill = b->on_new * 20 / b->routes;
	for (size_t i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	return ag_buf_printf(out, "\nStrangler fig: %zu of %zu routes on the new system [%s] %.0f%%\n",
			     b->on_new, b->routes, bar, 100.0 * (double)b->on_new / (double)b->routes);
}

/* ---- advise ----------------------------------------------------------------------------- */

int ag_report_advise(struct ag_buf *out, enum ag_format fmt, const struct ag_advices *a)
{
	if (fmt == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_COMPACT);
		ag_json_begin_array(&w);
		for (size_t i = 0; i < a->n; i++) {
			const struct ag_advice *x = &a->v[i];
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "id", x->id);
			ag_json_kv_str(&w, "pattern", x->pattern);
			ag_json_kv_str(&w, "because", x->because);
			ag_json_kv_str(&w, "advice", x->advice);
			ag_json_kv_str(&w, "tradeoff", x->tradeoff);
			ag_json_kv_str(&w, "tools", x->tools);
			ag_json_kv_str(&w, "file", x->pos.file);
			ag_json_kv_int(&w, "line", x->pos.line);
			ag_json_kv_int(&w, "col", x->pos.col);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		return finish_json(&w, out);
	}
	if (fmt != AG_FMT_TEXT)
		return AG_EINVAL;
	for (size_t i = 0; i < a->n; i++) {
		const struct ag_advice *x = &a->v[i];
		/* "because" holds names from system.yaml, and the file is a path:
		 * both escaped for the terminal (ADR-023); the rest is archgate's */
		struct ag_buf why = AG_BUF_INIT, file = AG_BUF_INIT;
		int rc = ag_buf_printf(out, "%s%s\n  because %s (%s:%d)\n  %s\n  Trade-off: %s\n"
				       "  Tools: %s\n", i ? "\n" : "", x->pattern,
				       ag_text_in(&why, x->because),
				       x->pos.file ? ag_text_in(&file, x->pos.file) : "?", x->pos.line,
				       x->advice, x->tradeoff, x->tools);
		ag_buf_release(&why);
		ag_buf_release(&file);
		AG_TRY(rc);
	}
	if (!a->n)
		return ag_buf_adds(out, "No recommendations: state constraints (users, latency, "
				   "p99_ms, regions, compliance, offline, collaborative) to get "
				   "some.\n");
	return 0;
}

/* ---- review ------------------------------------------------------------------------------ */

int ag_report_review(struct ag_buf *out, enum ag_format fmt, const char *range,
		     const struct ag_review *r)
{
	if (fmt == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "range", range);
		ag_json_key(&w, "commits");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < r->n; i++) {
			const struct ag_commit_review *c = &r->v[i];
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "sha", c->sha);
			ag_json_kv_str(&w, "author", c->author);
			ag_json_kv_str(&w, "subject", c->subject);
			ag_json_kv_bool(&w, "merge", c->merge);
			ag_json_kv_bool(&w, "reviewed", c->reviewed);
			ag_json_kv_str(&w, "reviewer", c->reviewer);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_kv_uint(&w, "unreviewed", r->unreviewed);
		ag_json_end_object(&w);
		return finish_json(&w, out);
	}
	if (fmt != AG_FMT_TEXT)
		return AG_EINVAL;
	for (size_t i = 0; i < r->n; i++) {
		const struct ag_commit_review *c = &r->v[i];
		if (c->merge)
			continue;
		/* subject and names come from commits: escaped (ADR-023) */
		struct ag_buf su = AG_BUF_INIT, au = AG_BUF_INIT, rv = AG_BUF_INIT;
		int rc = ag_buf_printf(out, "%s %.12s %s (%s)%s%s\n", c->reviewed ? "ok  " : "FAIL",
				       c->sha, ag_text_in(&su, c->subject), ag_text_in(&au, c->author),
				       c->reviewer ? ", reviewed by " : ", not reviewed",
				       c->reviewer ? ag_text_in(&rv, c->reviewer) : " by anyone else");
		ag_buf_release(&su);
		ag_buf_release(&au);
		ag_buf_release(&rv);
		AG_TRY(rc);
	}
	struct ag_buf rg = AG_BUF_INIT;
	int rc = ag_buf_printf(out, "%zu commit%s in %s, %zu unreviewed\n", r->n,
			       r->n == 1 ? "" : "s", ag_text_in(&rg, range), r->unreviewed);
	ag_buf_release(&rg);
	return rc;
}
