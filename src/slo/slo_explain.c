/*
 * slo_explain.c - one SLO in words; see slo_explain.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/json.h"
#include "slo_budget.h"
#include "slo_explain.h"
#include "slo_rules.h"

static void g(struct ag_buf *b, double v)
{
	ag_buf_printf(b, "%.10g", round(v * 1e9) / 1e9);
}

static void human(struct ag_buf *b, double secs)
{
	char h[64];
	ag_slo_human_seconds(secs, h);
	ag_buf_adds(b, h);
}

int ag_slo_explain(struct ag_buf *out, const struct ag_slo_def *d, double freeze_at, bool json)
{
	double bad = ag_slo_bad_fraction(d->target);
	double secs = ag_slo_bad_seconds(d->target, d->window_s);
	char period[32];
	ag_slo_prom_duration(d->window_s, period);
	if (json) {
		struct ag_json w;
		ag_json_init(&w, out, 0);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "name", d->name);
		ag_json_kv_str(&w, "service", d->service);
		ag_json_kv_str(&w, "file", d->pos.file);
		ag_json_kv_int(&w, "line", d->pos.line);
		ag_json_kv_str(&w, "format", ag_slo_format_name(d->format));
		ag_json_kv_double(&w, "target", d->target, AG_JSON_SHORTEST);
		ag_json_kv_str(&w, "window", period);
		ag_json_kv_int(&w, "window_seconds", d->window_s);
		ag_json_kv_bool(&w, "calendar", d->calendar);
		ag_json_kv_str(&w, "budgeting", ag_slo_budgeting_name(d->budgeting));
		ag_json_kv_double(&w, "allowed_bad_fraction", bad, AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "allowed_bad_seconds", secs, AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "freeze_at", freeze_at, AG_JSON_SHORTEST);
		ag_json_kv_double(&w, "freeze_after_bad_seconds", secs * freeze_at, AG_JSON_SHORTEST);
		ag_json_kv_str(&w, "alerts_from", d->nalerts ? "alertPolicies" : "default");
		ag_json_key(&w, "alerts");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < d->nalerts; i++) {
			const struct ag_slo_alert *a = &d->alerts[i];
			char lw[32], sw[32], fw[32];
			ag_slo_prom_duration(a->long_s, lw);
			ag_slo_prom_duration(a->short_s, sw);
			ag_slo_prom_duration(a->for_s, fw);
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "burn_tier", a->severity);
			ag_json_kv_str(&w, "severity", a->severity);
			ag_json_kv_str(&w, "policy", a->policy);
			ag_json_kv_str(&w, "condition", a->name);
			ag_json_kv_str(&w, "long_window", lw);
			ag_json_kv_str(&w, "short_window", sw);
			ag_json_kv_double(&w, "budget_share",
					  round(a->threshold * (double)a->long_s / (double)d->window_s * 1e9) / 1e9,
					  AG_JSON_SHORTEST);
			ag_json_kv_double(&w, "factor", a->threshold, AG_JSON_SHORTEST);
			ag_json_kv_str(&w, "op", a->gte ? "gte" : "gt");
			ag_json_kv_double(&w, "error_ratio_threshold",
					  round(a->threshold * bad * 1e12) / 1e12, AG_JSON_SHORTEST);
			if (a->for_s > 0)
				ag_json_kv_str(&w, "alert_after", fw);
			else
				ag_json_kv_null(&w, "alert_after");
			ag_json_kv_bool(&w, "can_fire", a->gte ? a->threshold * bad <= 1 : a->threshold * bad < 1);
			ag_json_end_object(&w);
		}
		for (size_t i = 0; i < 4 && !d->nalerts; i++) {
			const struct ag_slo_burn *bu = &ag_slo_burns[i];
			if (bu->long_s >= d->window_s)
				continue;
			double f = ag_slo_burn_factor(bu, d->window_s);
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "burn_tier", bu->tier);
			ag_json_kv_str(&w, "long_window", bu->long_w);
			ag_json_kv_str(&w, "short_window", bu->short_w);
			ag_json_kv_double(&w, "budget_share", bu->share, AG_JSON_SHORTEST);
			ag_json_kv_double(&w, "factor", f, AG_JSON_SHORTEST);
			ag_json_kv_double(&w, "error_ratio_threshold", round(f * bad * 1e12) / 1e12,
					  AG_JSON_SHORTEST);
			ag_json_kv_bool(&w, "can_fire", f * bad < 1);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		ag_buf_addc(out, '\n');
		return rc ? rc : ag_buf_err(out);
	}
	ag_buf_printf(out, "%s%s%s (%s, %s:%d)\n\n", d->service, *d->service ? "/" : "", d->name,
		      ag_slo_format_name(d->format), d->pos.file, d->pos.line);
	if (*d->description)
		ag_buf_printf(out, "%s\n\n", d->description);
	ag_buf_adds(out, "Objective: ");
	g(out, d->target * 100);
	ag_buf_printf(out, "%% of %s good over %s %s (",
		      d->budgeting == AG_SLO_OCCURRENCES ? "events" : "time slices",
		      d->calendar ? "each calendar" : "a rolling", d->window);
	human(out, (double)d->window_s);
	ag_buf_printf(out, ", %lld s), budgeting %s.\n", d->window_s,
		      ag_slo_budgeting_name(d->budgeting));
	ag_buf_adds(out, "Allowed bad fraction: 1 - ");
	g(out, d->target);
	ag_buf_adds(out, " = ");
	g(out, bad);
	if (bad > 0) {
		ag_buf_adds(out, d->budgeting == AG_SLO_OCCURRENCES ? " (one bad event in " : " (one bad slice in ");
		g(out, round(1 / bad * 1e6) / 1e6);
		ag_buf_adds(out, ")");
	}
	ag_buf_adds(out, ".\nAllowed bad time: ");
	g(out, bad);
	ag_buf_printf(out, " x %lld s = ", d->window_s);
	g(out, secs);
	ag_buf_adds(out, " s = ");
	human(out, secs);
	ag_buf_adds(out, d->budgeting == AG_SLO_OCCURRENCES
				 ? " (what the budget is worth when traffic is steady).\n"
				 : ".\n");
	if (d->budgeting != AG_SLO_OCCURRENCES && d->timeslice_s > 0) {
		long long slices = d->window_s / d->timeslice_s;
		ag_buf_printf(out, "Time slices: %lld s each, %lld in the window; a slice is good at ",
			      d->timeslice_s, slices);
		g(out, d->timeslice_target * 100);
		ag_buf_printf(out, "%%; floor(");
		g(out, bad);
		ag_buf_printf(out, " x %lld) = %lld may be bad.\n", slices,
			      (long long)floor(bad * (double)slices + 1e-9));
	}
	ag_buf_adds(out, "Freeze: risky changes stop when ");
	g(out, freeze_at * 100);
	ag_buf_adds(out, "% of the budget is spent (error_budget.freeze_at): ");
	human(out, secs * freeze_at);
	ag_buf_adds(out, " of bad time; everything but fixes at 100%.\n\n");
	if (d->nalerts) {
		ag_buf_adds(out, "Alerts, from its alertPolicies (both windows over burn rate x allowed\n"
				 "bad fraction; the short window is 1/12 of the lookback window):\n");
		for (size_t i = 0; i < d->nalerts; i++) {
			const struct ag_slo_alert *a = &d->alerts[i];
			char lw[32], sw[32], fw[32];
			ag_slo_prom_duration(a->long_s, lw);
			ag_slo_prom_duration(a->short_s, sw);
			ag_slo_prom_duration(a->for_s, fw);
			ag_buf_printf(out, "  %-6s %s%s%s%s%s %s and %s: burn rate %s ", a->severity,
				      a->name, *a->policy ? " (" : "", a->policy, *a->policy ? ")" : "",
				      *a->name || *a->policy ? "," : "", lw, sw, a->gte ? ">=" : ">");
			g(out, a->threshold);
			ag_buf_adds(out, ", ");
			ag_buf_printf(out, "%.4g%% of the budget in %s (",
				      a->threshold * (double)a->long_s / (double)d->window_s * 100, lw);
			g(out, a->threshold);
			ag_buf_printf(out, " x %lld / %lld); error ratio %s ", a->long_s, d->window_s,
				      a->gte ? ">=" : ">");
			g(out, a->threshold);
			ag_buf_adds(out, " x ");
			g(out, bad);
			ag_buf_adds(out, " = ");
			g(out, round(a->threshold * bad * 100 * 1e9) / 1e9);
			ag_buf_adds(out, "%");
			if (a->for_s > 0)
				ag_buf_printf(out, ", for %s", fw);
			bool can = a->gte ? a->threshold * bad <= 1 : a->threshold * bad < 1;
			ag_buf_adds(out, can ? "\n" : " (can never fire)\n");
		}
		return ag_buf_err(out);
	}
	ag_buf_adds(out, "Alerts (both windows of a pair over factor x allowed bad fraction;\n"
			 "factor = budget share x window / long window):\n");
	for (size_t i = 0; i < 4; i++) {
		const struct ag_slo_burn *bu = &ag_slo_burns[i];
		if (bu->long_s >= d->window_s) {
			ag_buf_printf(out, "  %-6s %s and %s: left out, the window is not longer than %s\n",
				      bu->tier, bu->long_w, bu->short_w, bu->long_w);
			continue;
		}
		double f = ag_slo_burn_factor(bu, d->window_s);
		ag_buf_printf(out, "  %-6s %s and %s: ", bu->tier, bu->long_w, bu->short_w);
		g(out, bu->share * 100);
		ag_buf_printf(out, "%% of the budget in %s; ", bu->long_w);
		g(out, bu->share);
		ag_buf_printf(out, " x %lld / %lld = ", d->window_s, bu->long_s);
		g(out, f);
		ag_buf_adds(out, "x; error ratio over ");
		g(out, f);
		ag_buf_adds(out, " x ");
		g(out, bad);
		ag_buf_adds(out, " = ");
		g(out, round(f * bad * 100 * 1e9) / 1e9);
		ag_buf_adds(out, f * bad < 1 ? "%\n" : "% (can never fire)\n");
	}
	return ag_buf_err(out);
}
