/*
 * slo_budget.c - error budgets; see slo_budget.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/json.h"
#include "slo_budget.h"

static const double usual[] = {0.99, 0.995, 0.999, 0.9995, 0.9999};
#define NUSUAL (sizeof(usual) / sizeof(usual[0]))

double ag_slo_bad_fraction(double target)
{
	return round((1 - target) * 1e12) / 1e12;
}

double ag_slo_consumed(double bad, double total, double target)
{
	double budget = ag_slo_bad_fraction(target);
	if (total <= 0 || budget <= 0)
		return 0;
	return round(bad / total / budget * 1e12) / 1e12;
}

double ag_slo_bad_seconds(double target, long long window_s)
{
	return round(ag_slo_bad_fraction(target) * (double)window_s * 1e6) / 1e6;
}

/* %.4g without a trailing ".0" */
static void num(double v, char *out, size_t n)
{
	snprintf(out, n, "%.4g", v);
}

void ag_slo_human_seconds(double secs, char out[64])
{
	char v[32];
	const char *unit;
	if (secs < 120) {
		num(secs, v, sizeof(v));
		unit = "seconds";
	} else if (secs < 120 * 60) {
		num(secs / 60, v, sizeof(v));
		unit = "minutes";
	} else if (secs < 48 * 3600) {
		num(secs / 3600, v, sizeof(v));
		unit = "hours";
	} else {
		num(secs / 86400, v, sizeof(v));
		unit = "days";
	}
	snprintf(out, 64, "%s %s", v, unit);
}

static void pct(double target, char out[32])
{
	snprintf(out, 32, "%.10g%%", round(target * 100 * 1e8) / 1e8);
}

/* The distinct windows of the set, shortest first (30d when empty). */
static size_t windows(const struct ag_slo_set *s, const struct ag_slo_def **w, size_t max)
{
	static const struct ag_slo_def thirty = {.window = "30d", .window_s = 30 * 86400LL};
	size_t n = 0;
	for (size_t i = 0; i < s->n && n < max; i++) {
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = w[j]->window_s == s->v[i].window_s;
		if (!seen)
			w[n++] = &s->v[i];
	}
	if (!n)
		w[n++] = &thirty;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && w[j - 1]->window_s > w[j]->window_s; j--) {
			const struct ag_slo_def *t = w[j];
			w[j] = w[j - 1];
			w[j - 1] = t;
		}
	return n;
}
#define MAXWIN 8

static long long bad_slices(const struct ag_slo_def *d)
{
	if (d->budgeting == AG_SLO_OCCURRENCES || d->timeslice_s <= 0)
		return -1;
	return (long long)floor(ag_slo_bad_fraction(d->target) *
				(double)(d->window_s / d->timeslice_s) + 1e-9);
}

int ag_slo_budget_text(struct ag_buf *out, const struct ag_slo_set *s)
{
	size_t wname = 3, wsvc = 7;
	for (size_t i = 0; i < s->n; i++) {
		size_t l = strlen(s->v[i].name), k = strlen(s->v[i].service);
		wname = l > wname ? l : wname;
		wsvc = k > wsvc ? k : wsvc;
	}
	if (wname > 40)
		wname = 40;
	if (s->n) {
		ag_buf_printf(out, "%-*s  %-*s  %-8s  %-7s  %-12s  %s\n", (int)wname, "SLO",
			      (int)wsvc, "service", "target", "window", "bad fraction",
			      "bad time in the window");
		for (size_t i = 0; i < s->n; i++) {
			const struct ag_slo_def *d = &s->v[i];
			char t[32], f[32], h[64];
			pct(d->target, t);
			pct(ag_slo_bad_fraction(d->target), f);
			ag_slo_human_seconds(ag_slo_bad_seconds(d->target, d->window_s), h);
			ag_buf_printf(out, "%-*s  %-*s  %-8s  %-7s  %-12s  %s", (int)wname, d->name,
				      (int)wsvc, *d->service ? d->service : "-", t, d->window, f, h);
			if (d->calendar)
				ag_buf_adds(out, " (calendar; a month counted as 30 days)");
			long long bs = bad_slices(d);
			if (bs >= 0)
				ag_buf_printf(out, "; %s: %lld bad slices of %lld", 
					      ag_slo_budgeting_name(d->budgeting), bs,
					      d->window_s / d->timeslice_s);
			ag_buf_addc(out, '\n');
		}
		ag_buf_addc(out, '\n');
	}
	const struct ag_slo_def *w[MAXWIN];
	size_t nw = windows(s, w, MAXWIN);
	ag_buf_printf(out, "%-8s", "target");
	for (size_t j = 0; j < nw; j++)
		ag_buf_printf(out, "  %-16s", w[j]->window);
	ag_buf_adds(out, "  (allowed bad time)\n");
	for (size_t i = 0; i < NUSUAL; i++) {
		char t[32];
		pct(usual[i], t);
		ag_buf_printf(out, "%-8s", t);
		for (size_t j = 0; j < nw; j++) {
			char h[64];
			ag_slo_human_seconds(ag_slo_bad_seconds(usual[i], w[j]->window_s), h);
			ag_buf_printf(out, "  %-16s", h);
		}
		/* no trailing blanks */
		while (out->len && out->data[out->len - 1] == ' ')
			out->len--;
		ag_buf_addc(out, '\n');
	}
	return ag_buf_err(out);
}

int ag_slo_budget_json(struct ag_buf *out, const struct ag_slo_set *s)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_PRETTY);
	ag_json_begin_object(&w);
	ag_json_key(&w, "slos");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_slo_def *d = &s->v[i];
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "name", d->name);
		ag_json_kv_str(&w, "service", d->service);
		ag_json_kv_str(&w, "file", d->pos.file);
		ag_json_kv_int(&w, "line", d->pos.line);
		ag_json_kv_str(&w, "format", ag_slo_format_name(d->format));
		ag_json_kv_double(&w, "target", d->target, AG_JSON_SHORTEST);
		ag_json_kv_str(&w, "window", d->window);
		ag_json_kv_int(&w, "window_seconds", d->window_s);
		ag_json_kv_bool(&w, "calendar", d->calendar);
		ag_json_kv_str(&w, "budgeting", ag_slo_budgeting_name(d->budgeting));
		ag_json_kv_double(&w, "allowed_bad_fraction", ag_slo_bad_fraction(d->target),
				  AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "allowed_bad_seconds",
				  ag_slo_bad_seconds(d->target, d->window_s), AG_JSON_SHORTEST);
		long long bs = bad_slices(d);
		if (bs >= 0) {
			ag_json_kv_int(&w, "timeslice_seconds", d->timeslice_s);
			ag_json_kv_int(&w, "allowed_bad_slices", bs);
		}
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	const struct ag_slo_def *win[MAXWIN];
	size_t nw = windows(s, win, MAXWIN);
	ag_json_key(&w, "usual_targets");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < NUSUAL; i++) {
		ag_json_begin_object(&w);
		ag_json_kv_double(&w, "target", usual[i], AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "allowed_bad_fraction", ag_slo_bad_fraction(usual[i]),
				  AG_JSON_SHORTEST);
		ag_json_key(&w, "allowed_bad_seconds");
		ag_json_begin_object(&w);
		for (size_t j = 0; j < nw; j++)
			ag_json_kv_double(&w, win[j]->window,
					  ag_slo_bad_seconds(usual[i], win[j]->window_s),
					  AG_JSON_SHORTEST);
		ag_json_end_object(&w);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	int rc = ag_json_finish(&w);
	if (!rc)
		rc = ag_buf_addc(out, '\n');
	return rc;
}
