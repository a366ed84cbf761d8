/*
 * site_slo.c - the SLOs page's error-budget burn-down charts: for each SLO
 * counted over archgate-events, the budget remaining at the end of each day
 * of its window (the bad events allowed over the window, as `archgate slo
 * status` counts them, spent day by day; from the policy's
 * error_budget.events or else the SLO's own archgate-events DataSource
 * file, as `gate deploy` does), drawn as an inline SVG with
 * the error_budget.freeze_at line. No clock: the status time is
 * ARCHGATE_TODAY's (or today's) date at 12:00:00Z, the time `gate deploy`
 * uses, so two builds on the same day give the same bytes. Prometheus is
 * never asked: the site is built offline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "rules/rules.h"
#include "site_impl.h"
#include "slo/slo_budget.h"
#include "slo/slo_read.h"
#include "slo/slo_status.h"
#include "yaml/schema.h"

#define W 480
#define H 180
#define L 44 /* left margin (the axis labels) */
#define R 12
#define T 12
#define B 28

static double y_of(double remaining)
{
	if (remaining > 1)
		remaining = 1;
	if (remaining < 0)
		remaining = 0;
	return T + (1 - remaining) * (H - T - B);
}

static void chart(struct ag_buf *b, size_t idx, const struct ag_slo_state *st,
		  const struct ag_slo_series *ser, double freeze, long at)
{
	double cb = 0, ct = 0, last = 1;
	char day0[11], day1[11];
	long at_day = at / 86400;
	long start_day = (long)((at - st->d->window_s) / 86400);
	ag_date_format(start_day, day0);
	ag_date_format(at_day, day1);
	double plot_w = W - L - R;
	struct ag_buf pts = AG_BUF_INIT;
	ag_buf_printf(&pts, "%.1f,%.1f", (double)L, y_of(1));
	/* the budget is the bad events the window's events allow (as `slo
	 * status` counts it): spent day by day, so the line only goes down and
	 * ends where `slo status` stands */
	for (size_t j = 0; j < ser->n; j++)
		ct += ser->total[j];
	for (size_t j = 0; j < ser->n; j++) {
		cb += ser->bad[j];
		double rem = 1 - ag_slo_consumed(cb, ct, st->d->target);
		last = rem;
		ag_buf_printf(&pts, " %.1f,%.1f", L + plot_w * (double)(j + 1) / (double)ser->n,
			      y_of(rem));
	}
	ag_buf_printf(b, "<figure class=\"burn\" id=\"burn-%zu\"><svg xmlns=\"http://www.w3.org/"
		      "2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		      "aria-labelledby=\"burn-%zu-t burn-%zu-d\"><title id=\"burn-%zu-t\">"
		      "Error budget of ", idx, W, H, W, H, idx, idx, idx);
	ag_site_h(b, st->d->name);
	ag_buf_printf(b, " over %s</title><desc id=\"burn-%zu-d\">", st->window, idx);
	ag_buf_printf(b, "Budget remaining from %s to %s, one point a %s: %.4g%% left at the end "
		      "(%.0f bad of %.0f events); deploys freeze below %.4g%%.</desc>\n",
		      day0, day1, ser->slice >= 86400 ? "day" : "hour", last * 100, cb, ct,
		      (1 - freeze) * 100);
	/* axes and grid: 100%, 50%, 0% */
	for (int k = 0; k <= 2; k++) {
		double y = y_of(1 - k * 0.5);
		ag_buf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
			      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n",
			      L, y, W - R, y, L - 4, y + 4, 100 - k * 50);
	}
	double fy = y_of(1 - freeze);
	ag_buf_printf(b, "<line class=\"freeze\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		      "stroke-dasharray=\"6 4\"/><text class=\"freeze\" x=\"%d\" y=\"%.1f\" "
		      "text-anchor=\"end\">freeze at %.4g%%</text>\n",
		      L, fy, W - R, fy, W - R, fy - 4, freeze * 100);
	ag_buf_printf(b, "<polyline class=\"remaining\" fill=\"none\" points=\"%s\"/>\n",
		      pts.data ? pts.data : "");
	ag_buf_printf(b, "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" "
		      "text-anchor=\"end\">%s</text></svg>\n", L, H - 8, day0, W - R, H - 8, day1);
	ag_buf_release(&pts);
	ag_buf_adds(b, "<figcaption>");
	ag_site_h(b, st->d->name);
	ag_buf_printf(b, ": %.4g%% of the budget left over %s (%.0f bad of %.0f events)",
		      last * 100, st->window, cb, ct);
	if (last <= 0)
		ag_buf_adds(b, " — exhausted");
	else if (1 - last >= freeze)
		ag_buf_adds(b, " — frozen");
	ag_buf_adds(b, ".</figcaption></figure>\n");
}

/* The file an SLO's burn-down is counted from: error_budget.events for
 * every SLO when the policy names it (as the freeze does), else the SLO's
 * own archgate-events DataSource file; NULL when neither. Relative paths
 * are the repository root's. */
static char *events_of(const struct ag_model *m, const struct ag_slo_def *d)
{
	const struct ag_budget_policy *bp = &m->policy.error_budget;
	const char *f = bp->events.set && bp->events.len ? bp->events.s : ag_slo_events_file(d);
	if (!f)
		return NULL;
	return f[0] == '/' ? strdup(f) : ag_path_join(m->root, f);
}

static void not_drawn(struct ag_buf *b, const char *name, const char *why, bool code)
{
	ag_buf_adds(b, "<p class=\"burn-skip\">");
	ag_site_h(b, name);
	ag_buf_adds(b, ": not drawn (");
	if (code)
		ag_buf_adds(b, why);
	else
		ag_site_h(b, why);
	ag_buf_adds(b, ").</p>\n");
}

int ag_site_burn(struct ag_buf *b, const struct ag_model *m)
{
	const struct ag_budget_policy *bp = &m->policy.error_budget;
	bool policy = bp->events.set && bp->events.len;
	ag_buf_adds(b, "<section aria-labelledby=\"burn\"><h2 id=\"burn\">Error budget burn-down"
		    "</h2>\n");
	long today = ag_today();
	long long at = (long long)today * 86400 + 43200;
	double freeze = ag_policy_freeze_at(&m->policy);
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	struct ag_diags d;
	ag_diags_init(&d);
	size_t l = strlen(m->arch_dir) + 5, k = strlen(m->arch_rel) + 5;
	char *p = malloc(l), *disp = malloc(k);
	int rc = p && disp ? 0 : AG_ENOMEM, read = 0;
	if (!rc) {
		snprintf(p, l, "%s/slo", m->arch_dir);
		snprintf(disp, k, "%s/slo", m->arch_rel);
		read = ag_slo_read_path(&s, p, disp, &d);
		if (read != AG_ENOMEM) {
			int r = ag_slo_finish(&s, &d);
			read = read ? read : r;
		}
		if (read == AG_ENOMEM)
			rc = read;
	}
	if (rc)
		goto out;
	bool any = policy;
	for (size_t i = 0; i < s.n && !any; i++)
		any = ag_slo_events_file(&s.v[i]) != NULL;
	if (!any) {
		ag_buf_adds(b, "<p>No status source: set <code>error_budget.events</code> in "
			    "<code>archgate.yaml</code> to an events file, or give an SLO an "
			    "OpenSLO DataSource of type archgate-events with a file, to draw "
			    "its budget over its window");
		if ((bp->prometheus.set && bp->prometheus.len) || s.n)
			ag_buf_adds(b, " (the site is built offline, so Prometheus is not asked)");
		ag_buf_adds(b, ".</p>\n");
		goto out;
	}
	char day[11];
	ag_date_format(today, day);
	if (policy) {
		ag_buf_adds(b, "<p>From <code>");
		ag_site_h(b, bp->events.s);
		ag_buf_adds(b, "</code> (<code>error_budget.events</code>)");
	} else {
		ag_buf_adds(b, "<p>From each SLO's archgate-events DataSource file");
	}
	ag_buf_printf(b, " as of %s 12:00 UTC, as <code>archgate slo status</code> counts it; the "
		      "dashed line is <code>error_budget.freeze_at</code>.</p>\n", day);
	if (read) {
		ag_buf_adds(b, "<p>The SLO files do not read (<code>archgate slo status</code> says "
			    "why).</p>\n");
		goto out;
	}
	for (size_t i = 0; i < s.n && !rc; i++) {
		if (!policy && !ag_slo_events_file(&s.v[i])) {
			const struct ag_slo_def *dv = &s.v[i];
			bool evs = dv->kind == AG_SLI_RATIO && dv->num.source &&
				   !strcasecmp(dv->num.source, "archgate-events");
			not_drawn(b, dv->name, ag_slo_prometheus_url(dv)
				  ? "counted from Prometheus, which the site, built offline, does "
				    "not ask" : evs ? "no DataSource with a file, and no "
				    "error_budget.events" : "its indicator is not over archgate-events",
				  false);
			continue;
		}
		char *evpath = events_of(m, &s.v[i]);
		if (!evpath) {
			rc = AG_ENOMEM;
			break;
		}
		struct ag_slo_state st;
		ag_slo_state_init(&st, &s.v[i]);
		long long w = s.v[i].window_s > 0 ? s.v[i].window_s : 86400;
		struct ag_slo_series ser = {.slice = w >= 2 * 86400 ? 86400 : 3600};
		ser.n = (size_t)((w + ser.slice - 1) / ser.slice);
		if (ser.n > 400) {
			ser.n = 400;
			ser.slice = (w + 399) / 400;
		}
		ser.bad = calloc(ser.n, sizeof(double));
		ser.total = calloc(ser.n, sizeof(double));
		if (!ser.bad || !ser.total) {
			rc = AG_ENOMEM;
		} else {
			struct ag_diags qd;
			ag_diags_init(&qd);
			int r = ag_slo_status_series(&st, (const char *const *)&evpath, 1, at, &ser,
						     &qd);
			ag_diags_release(&qd);
			if (r == AG_ENOMEM)
				rc = r;
			else if (st.skip)
				not_drawn(b, s.v[i].name, st.skip, false);
			else if (r || !st.w[0].have)
				not_drawn(b, s.v[i].name, "the events file or its predicate does not "
					  "read; <code>archgate slo status</code> says why", true);
			else
				chart(b, i, &st, &ser, freeze, (long)at);
		}
		free(ser.bad);
		free(ser.total);
		free(evpath);
	}
	if (!rc && !s.n)
		ag_buf_adds(b, "<p>No SLO files in <code>arch/slo/</code>.</p>\n");
out:
	ag_buf_adds(b, "</section>\n");
	ag_diags_release(&d);
	free(p);
	free(disp);
	ag_arena_release(&a);
	if (!rc && ag_buf_err(b))
		rc = AG_ENOMEM;
	return rc;
}
