/*
 * slo_rules.c - Prometheus rules for SLOs; see slo_rules.h.
 */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "slo_budget.h"
#include "slo_rules.h"
#include "slo_status.h"

const struct ag_slo_burn ag_slo_burns[4] = {
	{"page", "1h", "5m", 3600, 0.02},
	{"page", "6h", "30m", 6 * 3600, 0.05},
	{"ticket", "1d", "2h", 86400, 0.10},
	{"ticket", "3d", "6h", 3 * 86400, 0.10},
};

static const char *const std_windows[] = {"5m", "30m", "1h", "2h", "6h", "1d", "3d"};

double ag_slo_burn_factor(const struct ag_slo_burn *b, long long window_s)
{
	return round(b->share * (double)window_s / (double)b->long_s * 1e9) / 1e9;
}

void ag_slo_prom_duration(long long s, char out[32])
{
	if (s % 86400 == 0)
		snprintf(out, 32, "%lldd", s / 86400);
	else if (s % 3600 == 0)
		snprintf(out, 32, "%lldh", s / 3600);
	else if (s % 60 == 0)
		snprintf(out, 32, "%lldm", s / 60);
	else
		snprintf(out, 32, "%llds", s);
}

/* A YAML double-quoted scalar. */
static void yq(struct ag_buf *b, const char *s)
{
	ag_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			ag_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			ag_buf_adds(b, "\\n");
		else if (c == '\t')
			ag_buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			ag_buf_printf(b, "\\x%02x", c);
		else
			ag_buf_addc(b, (char)c);
	}
	ag_buf_addc(b, '"');
}

/* A PromQL string literal's content. */
static void pq(struct ag_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			ag_buf_addc(b, '\\');
		if (*s == '\n')
			ag_buf_adds(b, "\\n");
		else
			ag_buf_addc(b, *s);
	}
}

static const char *skip_ws(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* The end of a series selector at p (metric{labels}, metric or {labels}),
 * or NULL when p does not start one. */
static const char *selector_end(const char *p)
{
	const char *q = p;
	if (isalpha((unsigned char)*q) || *q == '_' || *q == ':') {
		while (isalnum((unsigned char)*q) || *q == '_' || *q == ':')
			q++;
	}
	bool named = q > p;
	q = skip_ws(q);
	if (*q == '{') {
		q++;
		while (*q && *q != '}') {
			if (*q == '"' || *q == '\'' || *q == '`') {
				char quote = *q++;
				while (*q && *q != quote) {
					if (*q == '\\' && quote != '`' && q[1])
						q++;
					q++;
				}
				if (!*q)
					return NULL;
			} else if (*q == '[' || *q == '(' || *q == '{') {
				return NULL;
			}
			q++;
		}
		if (*q != '}')
			return NULL;
		return q + 1;
	}
	return named ? q : NULL;
}

/* The selector of a counter query: "sel" or "sum(sel)"; n its length. */
static const char *counter_selector(const char *query, size_t *n)
{
	const char *p = skip_ws(query);
	bool sum = false;
	if (!strncmp(p, "sum", 3) && *skip_ws(p + 3) == '(') {
		p = skip_ws(skip_ws(p + 3) + 1);
		sum = true;
	}
	const char *e = selector_end(p);
	if (!e)
		return NULL;
	const char *t = skip_ws(e);
	if (sum) {
		if (*t != ')')
			return NULL;
		t = skip_ws(t + 1);
	}
	if (*t)
		return NULL;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	*n = (size_t)(e - p);
	return p;
}

static const char *const templates[] = {"{{.window}}", "{{ .window }}"};

static bool templated(const char *q)
{
	return strstr(q, templates[0]) || strstr(q, templates[1]);
}

/* The query over window w into b. */
static void over(struct ag_buf *b, const char *q, const char *w)
{
	if (templated(q)) {
		while (*q) {
			size_t tl = !strncmp(q, templates[0], strlen(templates[0]))   ? strlen(templates[0])
				    : !strncmp(q, templates[1], strlen(templates[1])) ? strlen(templates[1])
										      : 0;
			if (tl) {
				ag_buf_adds(b, w);
				q += tl;
			} else {
				ag_buf_addc(b, *q++);
			}
		}
		return;
	}
	size_t n = 0;
	const char *sel = counter_selector(q, &n);
	ag_buf_printf(b, "sum(increase(%.*s[%s]))", (int)n, sel, w);
}

/* The SLI's error ratio over window w, reset into e: bad / total, or
 * 1 - good / total. */
static void error_ratio(struct ag_buf *e, const struct ag_slo_def *d, const char *w)
{
	ag_buf_reset(e);
	ag_buf_adds(e, d->good ? "1 - ((" : "(");
	over(e, d->num.query, w);
	ag_buf_adds(e, ") / (");
	over(e, d->total.query, w);
	ag_buf_adds(e, d->good ? "))" : ")");
}

static bool usable(const struct ag_slo_query *q, struct ag_diags *d, const char *what)
{
	size_t n;
	if (!q->query) {
		ag_diags_addpos(d, AG_SEV_ERROR, &q->pos, "the %s query is missing", what);
		return false;
	}
	if (q->source && strcasecmp(q->source, "prometheus")) {
		ag_diags_addpos(d, AG_SEV_ERROR, &q->pos,
				"the %s metric source is %s: only Prometheus queries become rules",
				what, *q->source ? q->source : "not named");
		return false;
	}
	if (!templated(q->query) && !counter_selector(q->query, &n)) {
		ag_diags_addpos(d, AG_SEV_ERROR, &q->pos,
				"the %s query is neither a counter selector (name{labels}, or sum() "
				"of one) nor a query with {{.window}}: it cannot be taken over a window",
				what);
		return false;
	}
	return true;
}

static void labels(struct ag_buf *b, const char *id, const struct ag_slo_def *d,
		   const char *window, const char *tier)
{
	ag_buf_adds(b, "    labels:\n      sloth_id: ");
	yq(b, id);
	ag_buf_adds(b, "\n      sloth_service: ");
	yq(b, d->service);
	ag_buf_adds(b, "\n      sloth_slo: ");
	yq(b, d->name);
	if (window) {
		ag_buf_adds(b, "\n      sloth_window: ");
		yq(b, window);
	}
	if (tier) {
		ag_buf_printf(b, "\n      burn_tier: %s\n      severity: %s", tier, tier);
	}
	ag_buf_addc(b, '\n');
}

static void record(struct ag_buf *b, const char *name, const struct ag_buf *expr,
		   const char *id, const struct ag_slo_def *d, const char *window)
{
	ag_buf_printf(b, "  - record: %s\n    expr: ", name);
	yq(b, expr->data);
	ag_buf_addc(b, '\n');
	labels(b, id, d, window, NULL);
}

/* {sloth_id="..."} */
static void sel(struct ag_buf *b, const char *metric, const char *id)
{
	ag_buf_printf(b, "%s{sloth_id=\"", metric);
	pq(b, id);
	ag_buf_adds(b, "\"}");
}

static void num(struct ag_buf *b, double v)
{
	ag_buf_printf(b, "%.12g", v);
}

/* The alert's summary; `value` is the error ratio as shown. */
static void summary(struct ag_buf *s, const struct ag_slo_def *d, const char *period, int ticket,
		    const char *value)
{
	ag_buf_printf(s, "%s%s%s is burning its error budget (%s errors of %s, %s): %s",
		      *d->service ? d->service : "", *d->service ? " " : "", d->name, value,
		      period, ticket ? "ticket: 10% in 1d or 3d" : "page: 2% in 1h or 5% in 6h",
		      ticket ? "look into it today" : "act now");
}

/* The number of events of the total query over window w (seconds secs) into
 * b: sum(increase(sel[w])) for a counter selector; a templated query as it
 * is when it takes increase(), times the window when it takes rate().
 * false when neither. */
static bool events_over(struct ag_buf *b, const char *q, const char *w, long long secs)
{
	if (!templated(q)) {
		over(b, q, w);
		return true;
	}
	if (strstr(q, "increase(")) {
		over(b, q, w);
		return true;
	}
	if (strstr(q, "rate(") && !strstr(q, "irate(")) {
		ag_buf_adds(b, "(");
		over(b, q, w);
		ag_buf_printf(b, ") * %lld", secs);
		return true;
	}
	return false;
}

/* The error ratio over a window of `w` seconds after `healthy` good
 * minutes and `failing` bad ones. */
static double err_ratio(long long w, long long healthy, long long failing)
{
	double wm = (double)w / 60;
	return fmin((double)failing, wm) / fmin((double)(healthy + failing), wm);
}

static long long parse_w(const char *w)
{
	return ag_slo_duration(w, false);
}

static bool guarded(const struct ag_slo_def *d, const struct ag_slo_rules_opts *o)
{
	return o && o->min_events > 0 &&
	       (!templated(d->total.query) || strstr(d->total.query, "increase(") ||
		(strstr(d->total.query, "rate(") && !strstr(d->total.query, "irate(")));
}

/* Whether window i (alert i/2's long window for even i, its short one
 * for odd i) is one the SLI recordings do not have yet; its name in w. */
static bool alert_window_new(const struct ag_slo_def *d, size_t i, const char *period,
			     char w[32])
{
	const struct ag_slo_alert *a = &d->alerts[i / 2];
	ag_slo_prom_duration(i % 2 ? a->short_s : a->long_s, w);
	if (!strcmp(w, period))
		return false;
	for (size_t k = 0; k < sizeof(std_windows) / sizeof(std_windows[0]); k++)
		if (!strcmp(w, std_windows[k]))
			return false;
	for (size_t j = 0; j < i; j++) {
		char x[32];
		const struct ag_slo_alert *b = &d->alerts[j / 2];
		ag_slo_prom_duration(j % 2 ? b->short_s : b->long_s, x);
		if (!strcmp(x, w))
			return false;
	}
	return true;
}

/* A policy alert's summary; `value` is the error ratio as shown. */
static void policy_summary(struct ag_buf *s, const struct ag_slo_def *d,
			   const struct ag_slo_alert *a, const char *period, const char *value)
{
	char lw[32], sw[32];
	ag_slo_prom_duration(a->long_s, lw);
	ag_slo_prom_duration(a->short_s, sw);
	ag_buf_printf(s, "%s%s%s is burning its error budget (%s errors of %s): %s%sburn rate %s %.12g over %s and %s",
		      *d->service ? d->service : "", *d->service ? " " : "", d->name, value, period,
		      a->name, *a->name ? ": " : "", a->gte ? "at or above" : "above", a->threshold,
		      lw, sw);
}

/* The labels of a policy alert: sloth's, then severity and burn_tier from
 * the condition's severity, and the condition's name. */
static void policy_labels(struct ag_buf *b, const char *id, const struct ag_slo_def *d,
			  const struct ag_slo_alert *a, const char *indent)
{
	ag_buf_printf(b, "%ssloth_id: ", indent);
	yq(b, id);
	if (*d->service) {
		ag_buf_printf(b, "\n%ssloth_service: ", indent);
		yq(b, d->service);
	}
	ag_buf_printf(b, "\n%ssloth_slo: ", indent);
	yq(b, d->name);
	ag_buf_printf(b, "\n%sburn_tier: ", indent);
	yq(b, a->severity);
	ag_buf_printf(b, "\n%sseverity: ", indent);
	yq(b, a->severity);
	if (*a->name) {
		ag_buf_printf(b, "\n%salert_condition: ", indent);
		yq(b, a->name);
	}
}

/* One SLOErrorBudgetBurn per burn-rate condition of the SLO's policies. */
static void policy_alerts(struct ag_buf *b, const struct ag_slo_def *d, const char *id,
			  const struct ag_slo_rules_opts *o, bool guard, const char *period,
			  double budget)
{
	struct ag_buf e = AG_BUF_INIT;
	for (size_t i = 0; i < d->nalerts; i++) {
		const struct ag_slo_alert *a = &d->alerts[i];
		char ws[2][32];
		ag_slo_prom_duration(a->short_s, ws[0]);
		ag_slo_prom_duration(a->long_s, ws[1]);
		ag_buf_reset(&e);
		ag_buf_adds(&e, "max without (sloth_window) (\n");
		for (int k = 0; k < 2; k++) {
			char m[64];
			snprintf(m, sizeof(m), "slo:sli_error:ratio_rate%s", ws[k]);
			ag_buf_adds(&e, k ? " and ignoring (sloth_window) (" : "(");
			sel(&e, m, id);
			ag_buf_printf(&e, " %s (", a->gte ? ">=" : ">");
			num(&e, a->threshold);
			ag_buf_adds(&e, " * ");
			num(&e, budget);
			ag_buf_adds(&e, "))");
		}
		if (guard) {
			char m[64];
			snprintf(m, sizeof(m), "slo:sli_total:increase%s", ws[1]);
			ag_buf_adds(&e, " and ignoring (sloth_window) (");
			sel(&e, m, id);
			ag_buf_printf(&e, " >= %lld)", o->min_events);
		}
		ag_buf_adds(&e, "\n)");
		ag_buf_adds(b, "  - alert: SLOErrorBudgetBurn\n    expr: ");
		yq(b, e.data);
		ag_buf_addc(b, '\n');
		if (a->for_s > 0) {
			char f[32];
			ag_slo_prom_duration(a->for_s, f);
			ag_buf_printf(b, "    for: %s\n", f);
		}
		ag_buf_adds(b, "    labels:\n");
		policy_labels(b, id, d, a, "      ");
		ag_buf_adds(b, "\n    annotations:\n      summary: ");
		struct ag_buf sm = AG_BUF_INIT;
		policy_summary(&sm, d, a, period, "{{ $value | humanizePercentage }}");
		yq(b, sm.data);
		ag_buf_release(&sm);
		ag_buf_addc(b, '\n');
	}
	ag_buf_release(&e);
}

/* Both metric sources of type archgate-events: counted by slo status from
 * event files, not by Prometheus. */
static bool over_events(const struct ag_slo_def *d)
{
	return d->num.source && !strcasecmp(d->num.source, "archgate-events") &&
	       d->total.source && !strcasecmp(d->total.source, "archgate-events");
}

static int one_slo(struct ag_buf *b, const struct ag_slo_def *d, const char *id,
		   const struct ag_slo_rules_opts *o)
{
	struct ag_buf e = AG_BUF_INIT;
	char period[32];
	ag_slo_prom_duration(d->window_s, period);
	double budget = ag_slo_bad_fraction(d->target);

	ag_buf_adds(b, "- name: ");
	{
		struct ag_buf n = AG_BUF_INIT;
		ag_buf_printf(&n, "archgate-slo-sli-recordings-%s", id);
		yq(b, n.data);
		ag_buf_release(&n);
	}
	ag_buf_adds(b, "\n  rules:\n");
	size_t nw = sizeof(std_windows) / sizeof(std_windows[0]);
	bool period_std = false;
	for (size_t i = 0; i <= nw; i++) {
		const char *w = i < nw ? std_windows[i] : period;
		if (i == nw && period_std)
			break;
		if (i < nw && !strcmp(w, period))
			period_std = true;
		error_ratio(&e, d, w);
		char name[64];
		snprintf(name, sizeof(name), "slo:sli_error:ratio_rate%s", w);
		record(b, name, &e, id, d, w);
	}
	/* the windows of the SLO's own burn-rate conditions */
	for (size_t i = 0; i < 2 * d->nalerts; i++) {
		char w[32];
		if (!alert_window_new(d, i, period, w))
			continue;
		error_ratio(&e, d, w);
		char name[64];
		snprintf(name, sizeof(name), "slo:sli_error:ratio_rate%s", w);
		record(b, name, &e, id, d, w);
	}

	bool guard = guarded(d, o);
	for (size_t i = 0; guard && d->nalerts && i < d->nalerts; i++) {
		char w[32];
		ag_slo_prom_duration(d->alerts[i].long_s, w);
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = d->alerts[j].long_s == d->alerts[i].long_s;
		if (seen)
			continue;
		ag_buf_reset(&e);
		events_over(&e, d->total.query, w, d->alerts[i].long_s);
		char name[64];
		snprintf(name, sizeof(name), "slo:sli_total:increase%s", w);
		record(b, name, &e, id, d, w);
	}
	for (size_t i = 0; guard && !d->nalerts && i < 4; i++) {
		const struct ag_slo_burn *bu = &ag_slo_burns[i];
		if (bu->long_s >= d->window_s)
			continue;
		ag_buf_reset(&e);
		events_over(&e, d->total.query, bu->long_w, bu->long_s);
		char name[64];
		snprintf(name, sizeof(name), "slo:sli_total:increase%s", bu->long_w);
		record(b, name, &e, id, d, bu->long_w);
	}

	ag_buf_adds(b, "- name: ");
	{
		struct ag_buf n = AG_BUF_INIT;
		ag_buf_printf(&n, "archgate-slo-meta-recordings-%s", id);
		yq(b, n.data);
		ag_buf_release(&n);
	}
	ag_buf_adds(b, "\n  rules:\n");
	ag_buf_reset(&e);
	ag_buf_adds(&e, "vector(");
	num(&e, d->target);
	ag_buf_adds(&e, ")");
	record(b, "slo:objective:ratio", &e, id, d, NULL);
	ag_buf_reset(&e);
	ag_buf_adds(&e, "vector(");
	num(&e, budget);
	ag_buf_adds(&e, ")");
	record(b, "slo:error_budget:ratio", &e, id, d, NULL);
	ag_buf_reset(&e);
	ag_buf_adds(&e, "vector(");
	num(&e, (double)d->window_s / 86400);
	ag_buf_adds(&e, ")");
	record(b, "slo:time_period:days", &e, id, d, NULL);
	ag_buf_reset(&e);
	ag_buf_adds(&e, "sum without (sloth_window) (");
	sel(&e, "slo:sli_error:ratio_rate5m", id);
	ag_buf_adds(&e, ") / ");
	num(&e, budget);
	record(b, "slo:current_burn_rate:ratio", &e, id, d, NULL);
	ag_buf_reset(&e);
	char pname[64];
	snprintf(pname, sizeof(pname), "slo:sli_error:ratio_rate%s", period);
	ag_buf_adds(&e, "sum without (sloth_window) (");
	sel(&e, pname, id);
	ag_buf_adds(&e, ") / ");
	num(&e, budget);
	record(b, "slo:period_burn_rate:ratio", &e, id, d, NULL);
	ag_buf_reset(&e);
	ag_buf_adds(&e, "1 - ");
	sel(&e, "slo:period_burn_rate:ratio", id);
	record(b, "slo:period_error_budget_remaining:ratio", &e, id, d, NULL);

	ag_buf_adds(b, "- name: ");
	{
		struct ag_buf n = AG_BUF_INIT;
		ag_buf_printf(&n, "archgate-slo-alerts-%s", id);
		yq(b, n.data);
		ag_buf_release(&n);
	}
	ag_buf_adds(b, "\n  rules:\n");
	if (d->nalerts) {
		policy_alerts(b, d, id, o, guard, period, budget);
		ag_buf_release(&e);
		return ag_buf_err(b);
	}
	const char *tiers[2] = {"page", "ticket"};
	for (int t = 0; t < 2; t++) {
		ag_buf_reset(&e);
		int pairs = 0;
		for (size_t i = 0; i < 4; i++) {
			const struct ag_slo_burn *bu = &ag_slo_burns[i];
			if (strcmp(bu->tier, tiers[t]) || bu->long_s >= d->window_s)
				continue;
			double f = ag_slo_burn_factor(bu, d->window_s);
			ag_buf_adds(&e, pairs ? "\nor ignoring (sloth_window)\n(" : "(");
			const char *ws[2] = {bu->short_w, bu->long_w};
			for (int k = 0; k < 2; k++) {
				char m[64];
				snprintf(m, sizeof(m), "slo:sli_error:ratio_rate%s", ws[k]);
				ag_buf_adds(&e, k ? " and ignoring (sloth_window) (" : "(");
				sel(&e, m, id);
				ag_buf_adds(&e, " > (");
				num(&e, f);
				ag_buf_adds(&e, " * ");
				num(&e, budget);
				ag_buf_adds(&e, "))");
			}
			if (guard) {
				char m[64];
				snprintf(m, sizeof(m), "slo:sli_total:increase%s", bu->long_w);
				ag_buf_adds(&e, " and ignoring (sloth_window) (");
				sel(&e, m, id);
				ag_buf_printf(&e, " >= %lld)", o->min_events);
			}
			ag_buf_adds(&e, ")");
			pairs++;
		}
		if (!pairs)
			continue;
		struct ag_buf full = AG_BUF_INIT;
		ag_buf_printf(&full, "max without (sloth_window) (\n%s\n)", e.data);
		ag_buf_adds(b, "  - alert: SLOErrorBudgetBurn\n    expr: ");
		yq(b, full.data);
		ag_buf_release(&full);
		ag_buf_addc(b, '\n');
		labels(b, id, d, NULL, tiers[t]);
		struct ag_buf s = AG_BUF_INIT;
		summary(&s, d, period, t, "{{ $value | humanizePercentage }}");
		ag_buf_adds(b, "    annotations:\n      summary: ");
		yq(b, s.data);
		ag_buf_addc(b, '\n');
		ag_buf_release(&s);
	}
	ag_buf_release(&e);
	return ag_buf_err(b);
}

int ag_slo_rules(struct ag_buf *out, const struct ag_slo_set *s,
		 const struct ag_slo_rules_opts *o, struct ag_diags *diags)
{
	int bad = 0;
	ag_buf_adds(out, "# Prometheus rules written by `archgate slo rules` (see docs/slo.md).\n"
			 "# Regenerate them instead of editing them.\ngroups:\n");
	size_t groups = 0;
	char **ids = calloc(s->n ? s->n : 1, sizeof(*ids));
	if (!ids)
		return AG_ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_slo_def *d = &s->v[i];
		if (d->kind == AG_SLI_NONE) {
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->pos,
					"SLO '%s' has no indicator: no rules for it", d->name);
			continue;
		}
		if (d->kind == AG_SLI_THRESHOLD) {
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->metric.pos,
					"SLO '%s' has a threshold indicator: only ratio indicators "
					"become rules so far",
					d->name);
			continue;
		}
		if (d->policies && !d->nalerts && d->kind == AG_SLI_RATIO && !over_events(d))
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->pos,
					"SLO '%s': none of its alertPolicies has a burnrate "
					"condition, so it gets the default burn-rate alerts",
					d->name);
		if (over_events(d)) {
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->pos,
					"SLO '%s' is counted from event files (archgate-events): "
					"no Prometheus rules for it (slo status and gate deploy "
					"count it)",
					d->name);
			continue;
		}
		bool ok = usable(&d->num, diags, d->good ? "good" : "bad");
		ok &= usable(&d->total, diags, "total");
		if (!ok) {
			bad = 1;
			continue;
		}
		struct ag_buf id = AG_BUF_INIT;
		ag_buf_printf(&id, "%s%s%s", d->service, *d->service ? "-" : "", d->name);
		if (ag_buf_err(&id)) {
			free(ids);
			return AG_ENOMEM;
		}
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = ids[j] && !strcmp(ids[j], id.data);
		if (dup) {
			ag_diags_addpos(diags, AG_SEV_ERROR, &d->pos,
					"SLO '%s' has the same rule id '%s' as another SLO", d->name,
					id.data);
			ag_buf_release(&id);
			bad = 1;
			continue;
		}
		ids[i] = ag_buf_detach(&id, NULL);
		if (o && o->min_events > 0 && !guarded(d, o))
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->total.pos,
					"SLO '%s': the total query takes neither increase() nor "
					"rate(), so its alerts have no minimum-traffic guard",
					d->name);
		if (one_slo(out, d, ids[i], o))
			break;
		groups++;
	}
	for (size_t i = 0; i < s->n; i++)
		free(ids[i]);
	free(ids);
	if (!groups)
		ag_buf_adds(out, "  []\n");
	if (ag_buf_err(out))
		return ag_buf_err(out);
	return bad ? AG_EINVAL : 0;
}

/* ---- promtool test rules ------------------------------------------------ */


enum { M_EQ, M_NE, M_RE, M_NRE };

struct matcher {
	char label[64];
	int op;
	char value[128];
};

struct selector {
	char name[128];
	struct matcher m[8];
	size_t n;
};

/* Reads the selector of a counter query, or of a templated query with one
 * selector taken over [{{.window}}] and no grouping. */
static bool query_selector(const char *q, char *out, size_t cap)
{
	size_t n = 0;
	const char *p = NULL;
	if (!templated(q)) {
		p = counter_selector(q, &n);
	} else {
		if (strstr(q, " by") || strstr(q, "by(") || strstr(q, "without"))
			return false;
		const char *t = strstr(q, "[{{");
		if (!t || strstr(t + 1, "[{{") || t == q)
			return false;
		const char *e = t, *b = t;
		if (b[-1] == '}') {
			b--;
			while (b > q && *b != '{')
				b--;
			if (*b != '{')
				return false;
		}
		while (b > q && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == ':'))
			b--;
		p = b;
		n = (size_t)(e - b);
	}
	if (!p || !n || n >= cap)
		return false;
	memcpy(out, p, n);
	out[n] = 0;
	return true;
}

static bool parse_selector(const char *s, struct selector *out)
{
	memset(out, 0, sizeof(*out));
	size_t k = 0;
	while (isalnum((unsigned char)*s) || *s == '_' || *s == ':') {
		if (k + 1 >= sizeof(out->name))
			return false;
		out->name[k++] = *s++;
	}
	s = skip_ws(s);
	if (!*s)
		return k > 0;
	if (*s++ != '{')
		return false;
	for (;;) {
		s = skip_ws(s);
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '}')
			return k > 0 && !*skip_ws(s + 1);
		if (out->n == 8)
			return false;
		struct matcher *m = &out->m[out->n++];
		size_t l = 0;
		while (isalnum((unsigned char)*s) || *s == '_') {
			if (l + 1 >= sizeof(m->label))
				return false;
			m->label[l++] = *s++;
		}
		if (!l)
			return false;
		s = skip_ws(s);
		if (s[0] == '=' && s[1] == '~')
			m->op = M_RE, s += 2;
		else if (s[0] == '!' && s[1] == '~')
			m->op = M_NRE, s += 2;
		else if (s[0] == '!' && s[1] == '=')
			m->op = M_NE, s += 2;
		else if (s[0] == '=')
			m->op = M_EQ, s += 1;
		else
			return false;
		s = skip_ws(s);
		if (*s != '"' && *s != '\'')
			return false;
		char quote = *s++;
		size_t v = 0;
		while (*s && *s != quote) {
			if (*s == '\\' && s[1])
				s++;
			if (v + 1 >= sizeof(m->value))
				return false;
			m->value[v++] = *s++;
		}
		if (*s != quote)
			return false;
		s++;
		if (!strcmp(out->name, "__name__"))
			return false;
	}
}

/* Whether the whole of `v` matches the regular expression (anchored, as
 * Prometheus's matchers are); -1 when POSIX cannot compile it. */
static int re_full(const char *re, const char *v)
{
	char buf[300];
	if (snprintf(buf, sizeof(buf), "^(%s)$", re) >= (int)sizeof(buf))
		return -1;
	regex_t r;
	if (regcomp(&r, buf, REG_EXTENDED | REG_NOSUB))
		return -1;
	int ok = !regexec(&r, v, 0, NULL, 0);
	regfree(&r);
	return ok;
}

static int holds(const struct matcher *m, const char *v)
{
	switch (m->op) {
	case M_EQ: return !strcmp(m->value, v);
	case M_NE: return !!strcmp(m->value, v);
	case M_RE: return re_full(m->value, v);
	default: {
		int r = re_full(m->value, v);
		return r < 0 ? -1 : !r;
	}
	}
}

/* A string the simple regular expression matches: the first alternative,
 * '.' as '0', a class as its first member, x? and x* left out. */
static void re_example(const char *re, char *out, size_t cap)
{
	size_t k = 0;
	int depth = 0;
	for (const char *p = re; *p && k + 2 < cap; p++) {
		size_t start = k;
		if (*p == '|') {
			if (!depth)
				break;
			/* skip the rest of this group */
			int d = 0;
			while (p[1] && !(p[1] == ')' && d == 0)) {
				if (p[1] == '(')
					d++;
				else if (p[1] == ')')
					d--;
				p++;
			}
			continue;
		}
		if (*p == '(') {
			depth++;
			if (p[1] == '?' && p[2] == ':')
				p += 2;
			continue;
		}
		if (*p == ')') {
			if (depth)
				depth--;
			continue;
		}
		if (*p == '^' || *p == '$')
			continue;
		if (*p == '.') {
			out[k++] = '0';
		} else if (*p == '[') {
			const char *q = p + 1;
			bool neg = *q == '^';
			if (neg)
				q++;
			char c = neg ? 'z' : *q;
			while (*q && (*q != ']' || q == p + 1 + neg))
				q++;
			out[k++] = c;
			p = *q ? q : q - 1;
		} else if (*p == '\\' && p[1]) {
			p++;
			out[k++] = *p == 'd' ? '0' : *p == 'w' ? 'a' : *p == 's' ? ' ' : *p;
		} else {
			out[k++] = *p;
		}
		if (p[1] == '*' || p[1] == '?') {
			k = start;
			p++;
		} else if (p[1] == '+') {
			p++;
		} else if (p[1] == '{') {
			long n = strtol(p + 2, NULL, 10);
			char c = out[k - 1];
			for (long i = 1; i < n && k + 2 < cap; i++)
				out[k++] = c;
			if (n == 0)
				k = start;
			const char *q = strchr(p + 1, '}');
			if (q)
				p = q;
		}
	}
	out[k] = 0;
}

/* A value for `label` that every matcher of `ms` on it accepts and, when
 * `not` is set, that `not` refuses. false when none is found. */
static bool pick(const char *label, const struct matcher *const *ms, size_t n,
		 const struct matcher *not, char *out, size_t cap)
{
	char cand[16][128];
	size_t nc = 0;
	const struct matcher *all[17];
	size_t na = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ms[i]->label, label))
			all[na++] = ms[i];
	if (not)
		all[na++] = not;
	for (size_t i = 0; i < na && nc < 12; i++) {
		if (all[i]->op == M_EQ || all[i]->op == M_NE) {
			snprintf(cand[nc++], 128, "%s", all[i]->value);
		} else {
			re_example(all[i]->value, cand[nc], 128);
			nc++;
		}
	}
	static const char *const extra[] = {"archgate", "ok", "200", "0"};
	for (size_t i = 0; i < 4; i++)
		snprintf(cand[nc++], 128, "%s", extra[i]);
	for (size_t c = 0; c < nc; c++) {
		bool ok = true;
		for (size_t i = 0; i < na && ok; i++) {
			int h = holds(all[i], cand[c]);
			if (h < 0)
				return false;
			ok = all[i] == not ? !h : h;
		}
		if (ok) {
			ag_snprintf(out, cap, "%s", cand[c]);
			return true;
		}
	}
	return false;
}

struct series {
	char text[512];
};

/* The series text (name{labels}) matching every matcher of `a` and `b`
 * (b may be NULL), refusing `not` on its label when set. */
static bool series_for(const struct selector *a, const struct selector *b,
		       const struct matcher *not, struct series *out)
{
	const struct matcher *ms[17];
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		ms[n++] = &a->m[i];
	for (size_t i = 0; b && i < b->n; i++)
		ms[n++] = &b->m[i];
	const char *labels[18];
	size_t nl = 0;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < nl && !seen; j++)
			seen = !strcmp(labels[j], ms[i]->label);
		if (!seen)
			labels[nl++] = ms[i]->label;
	}
	if (not) {
		bool seen = false;
		for (size_t j = 0; j < nl && !seen; j++)
			seen = !strcmp(labels[j], not->label);
		if (!seen)
			labels[nl++] = not->label;
	}
	struct ag_buf t = AG_BUF_INIT;
	ag_buf_adds(&t, a->name);
	ag_buf_addc(&t, '{');
	size_t shown = 0;
	bool ok = true;
	for (size_t j = 0; j < nl && ok; j++) {
		char v[128];
		const struct matcher *x = not && !strcmp(not->label, labels[j]) ? not : NULL;
		ok = pick(labels[j], ms, n, x, v, sizeof(v));
		if (ok && *v) {
			ag_buf_printf(&t, "%s%s=\"", shown++ ? ", " : "", labels[j]);
			pq(&t, v);
			ag_buf_addc(&t, '"');
		}
	}
	ag_buf_addc(&t, '}');
	ok = ok && !ag_buf_err(&t) && t.len < sizeof(out->text);
	if (ok)
		memcpy(out->text, t.data, t.len + 1);
	ag_buf_release(&t);
	return ok;
}

/* The two series of an SLO: `both` counted by the numerator and the total,
 * `rest` by the total only (for different metric names: the numerator's
 * and the total's own series). */
static bool slo_series(const struct ag_slo_def *d, struct series *both, struct series *rest)
{
	char a[256], b[256];
	struct selector num, tot;
	if (!query_selector(d->num.query, a, sizeof(a)) ||
	    !query_selector(d->total.query, b, sizeof(b)) || !parse_selector(a, &num) ||
	    !parse_selector(b, &tot))
		return false;
	if (strcmp(num.name, tot.name))
		return series_for(&num, NULL, NULL, both) && series_for(&tot, NULL, NULL, rest);
	if (!series_for(&num, &tot, NULL, both))
		return false;
	for (size_t i = 0; i < num.n; i++)
		if (series_for(&tot, NULL, &num.m[i], rest))
			return true;
	return false;
}

/* The end of a policy SLO's test: each condition's alert expected when
 * its two windows' error ratios are past its threshold from alertAfter
 * before the end on (the recordings may lag a minute), with a 100% error
 * ratio in its short window; an alert on the edge of either is a warning
 * and the SLO is tested while healthy only. */
static void policy_tests(struct ag_buf *out, const struct ag_slo_def *d, const char *id,
			 const char *period, double budget, long long healthy, long long failing,
			 struct ag_diags *diags)
{
	bool *fires = calloc(d->nalerts ? d->nalerts : 1, sizeof(*fires));
	if (!fires)
		return; /* the test stays a valid file, without its end */
	bool edge = false;
	for (size_t i = 0; i < d->nalerts; i++) {
		const struct ag_slo_alert *a = &d->alerts[i];
		double th = a->threshold * budget;
		long long for_m = (a->for_s + 59) / 60;
		bool f[2];
		for (int lag = 0; lag < 2; lag++) {
			long long fm = failing - for_m - lag;
			double lo = fm <= 0 ? 0
					   : fmin(err_ratio(a->long_s, healthy, fm),
						  err_ratio(a->short_s, healthy, fm));
			f[lag] = a->gte ? lo >= th : lo > th;
		}
		double shown = err_ratio(a->short_s, healthy, failing);
		if (f[0] != f[1] || (f[0] && shown != 1))
			edge = true;
		fires[i] = f[0];
	}
	if (edge) {
		ag_diags_addpos(diags, AG_SEV_WARNING, &d->target_pos,
				"SLO '%s': its burn thresholds sit on the test's error ratios; its "
				"alerts are tested while healthy only",
				d->name);
		free(fires);
		return;
	}
	ag_buf_printf(out, "      - eval_time: %lldm\n        alertname: SLOErrorBudgetBurn\n"
			   "        exp_alerts:",
		      healthy + failing);
	int firing = 0;
	for (size_t i = 0; i < d->nalerts; i++) {
		if (!fires[i])
			continue;
		firing++;
		ag_buf_adds(out, "\n          - exp_labels:\n");
		policy_labels(out, id, d, &d->alerts[i], "              ");
		ag_buf_adds(out, "\n            exp_annotations:\n              summary: ");
		struct ag_buf sm = AG_BUF_INIT;
		policy_summary(&sm, d, &d->alerts[i], period, "100%");
		yq(out, sm.data);
		ag_buf_release(&sm);
	}
	ag_buf_adds(out, firing ? "\n" : " []\n");
	free(fires);
}

int ag_slo_rules_tests(struct ag_buf *out, const struct ag_slo_set *s,
		       const struct ag_slo_rules_opts *o, const char *rules_file,
		       struct ag_diags *diags)
{
	const long long healthy = 60, failing = 360; /* minutes */
	long long rate = 100;
	if (o && o->min_events > 0 && (o->min_events + 29) / 30 > rate)
		rate = (o->min_events + 29) / 30;
	ag_buf_adds(out, "# promtool test rules file written by `archgate slo rules --tests`\n"
			 "# (see docs/slo.md): each SLO healthy for an hour, then failing for six.\n"
			 "rule_files:\n  - ");
	yq(out, rules_file);
	ag_buf_adds(out, "\nevaluation_interval: 1m\ntests:\n");
	size_t tests = 0;
	struct ag_buf e = AG_BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_slo_def *d = &s->v[i];
		if (d->kind != AG_SLI_RATIO || over_events(d))
			continue;
		struct series both, rest;
		if (!slo_series(d, &both, &rest)) {
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->pos,
					"SLO '%s': no test series for it (its queries are not "
					"one selector each, or their matchers are beyond a "
					"simple example)",
					d->name);
			continue;
		}
		ag_buf_reset(&e);
		ag_buf_printf(&e, "%s%s%s", d->service, *d->service ? "-" : "", d->name);
		const char *id = e.data;
		char period[32];
		ag_slo_prom_duration(d->window_s, period);
		double budget = ag_slo_bad_fraction(d->target);
		/* bad series: none for an hour, then all of the traffic */
		struct ag_buf bad = AG_BUF_INIT, good = AG_BUF_INIT, all = AG_BUF_INIT;
		ag_buf_printf(&bad, "0+0x%lld %lld+%lldx%lld", healthy, rate, rate, failing - 1);
		ag_buf_printf(&good, "0+%lldx%lld %lld+0x%lld", rate, healthy, rate * healthy,
			      failing - 1);
		ag_buf_printf(&all, "0+%lldx%lld", rate, healthy + failing);
		bool same = strncmp(both.text, rest.text, strcspn(both.text, "{")) == 0 &&
			    strcspn(both.text, "{") == strcspn(rest.text, "{");
		const char *vboth, *vrest;
		if (same) {
			vboth = d->good ? good.data : bad.data;
			vrest = d->good ? bad.data : good.data;
		} else {
			vboth = d->good ? good.data : bad.data;
			vrest = all.data;
		}
		ag_buf_adds(out, "  - name: ");
		struct ag_buf nm = AG_BUF_INIT;
		ag_buf_printf(&nm, "%s: healthy, then burning its budget", id);
		yq(out, nm.data);
		ag_buf_release(&nm);
		ag_buf_adds(out, "\n    interval: 1m\n    input_series:\n      - series: ");
		yq(out, both.text);
		ag_buf_adds(out, "\n        values: ");
		yq(out, vboth);
		ag_buf_adds(out, "\n      - series: ");
		yq(out, rest.text);
		ag_buf_adds(out, "\n        values: ");
		yq(out, vrest);
		ag_buf_adds(out, "\n");
		ag_buf_release(&bad);
		ag_buf_release(&good);
		ag_buf_release(&all);

		long long end = healthy + failing;
		/* the error ratios: 0 while healthy, 1 at the end */
		ag_buf_adds(out, "    promql_expr_test:\n");
		const char *wins[2] = {"5m", "1h"};
		for (int k = 0; k < 2; k++) {
			for (int at = 0; at < 2; at++) {
				ag_buf_printf(out, "      - expr: ");
				struct ag_buf x = AG_BUF_INIT;
				char m[64];
				snprintf(m, sizeof(m), "slo:sli_error:ratio_rate%s", wins[k]);
				sel(&x, m, id);
				yq(out, x.data);
				ag_buf_reset(&x);
				ag_buf_printf(out, "\n        eval_time: %lldm\n        exp_samples:\n"
					      "          - labels: ",
					      at ? end : healthy);
				ag_buf_printf(&x, "%s{sloth_id=\"", m);
				pq(&x, id);
				if (*d->service) {
					ag_buf_adds(&x, "\", sloth_service=\"");
					pq(&x, d->service);
				}
				ag_buf_adds(&x, "\", sloth_slo=\"");
				pq(&x, d->name);
				ag_buf_printf(&x, "\", sloth_window=\"%s\"}", wins[k]);
				yq(out, x.data);
				ag_buf_printf(out, "\n            value: %d\n", at);
				ag_buf_release(&x);
			}
		}
		ag_buf_adds(out, "    alert_rule_test:\n");
		ag_buf_printf(out, "      - eval_time: %lldm\n        alertname: SLOErrorBudgetBurn\n"
				   "        exp_alerts: []\n",
			      healthy);
		if (d->nalerts) {
			policy_tests(out, d, id, period, budget, healthy, failing, diags);
			tests++;
			continue;
		}
		const char *tiers[2] = {"page", "ticket"};
		bool fires[2][2] = {{false, false}, {false, false}}; /* [tier][lag] */
		for (int t = 0; t < 2; t++) {
			for (size_t k = 0; k < 4; k++) {
				const struct ag_slo_burn *bu = &ag_slo_burns[k];
				if (strcmp(bu->tier, tiers[t]) || bu->long_s >= d->window_s)
					continue;
				double th = ag_slo_burn_factor(bu, d->window_s) * budget;
				/* the alert may see the recordings of a minute before */
				for (int lag = 0; lag < 2; lag++) {
					double lo = fmin(err_ratio(bu->long_s, healthy, failing - lag),
							 err_ratio(parse_w(bu->short_w), healthy,
								   failing - lag));
					fires[t][lag] |= lo > th;
				}
			}
		}
		if (fires[0][0] != fires[0][1] || fires[1][0] != fires[1][1]) {
			ag_diags_addpos(diags, AG_SEV_WARNING, &d->target_pos,
					"SLO '%s': its burn thresholds sit on the test's error "
					"ratios; its alerts are tested while healthy only",
					d->name);
			tests++;
			continue;
		}
		ag_buf_printf(out, "      - eval_time: %lldm\n        alertname: SLOErrorBudgetBurn\n"
				   "        exp_alerts:",
			      end);
		int firing = 0;
		for (int t = 0; t < 2; t++) {
			if (!fires[t][0])
				continue;
			firing++;
			ag_buf_adds(out, "\n          - exp_labels:\n              sloth_id: ");
			yq(out, id);
			if (*d->service) {
				ag_buf_adds(out, "\n              sloth_service: ");
				yq(out, d->service);
			}
			ag_buf_adds(out, "\n              sloth_slo: ");
			yq(out, d->name);
			ag_buf_printf(out, "\n              burn_tier: %s\n              severity: %s"
					   "\n            exp_annotations:\n              summary: ",
				      tiers[t], tiers[t]);
			struct ag_buf sm = AG_BUF_INIT;
			summary(&sm, d, period, t, "100%");
			yq(out, sm.data);
			ag_buf_release(&sm);
		}
		ag_buf_adds(out, firing ? "\n" : " []\n");
		tests++;
	}
	ag_buf_release(&e);
	if (!tests)
		ag_buf_adds(out, "  []\n");
	return ag_buf_err(out);
}

bool ag_slo_count_promql(struct ag_buf *b, const struct ag_slo_def *d, bool num, const char *w,
			 long long secs)
{
	const struct ag_slo_query *q = num ? &d->num : &d->total;
	size_t n;
	if (d->kind != AG_SLI_RATIO || !q->query ||
	    (q->source && *q->source && strcasecmp(q->source, "prometheus")))
		return false;
	if (!templated(q->query) && !counter_selector(q->query, &n))
		return false;
	return events_over(b, q->query, w, secs);
}

bool ag_slo_selector_of(const char *query, char *out, size_t cap)
{
	return query && query_selector(query, out, cap);
}

void ag_slo_yaml_quote(struct ag_buf *b, const char *s)
{
	yq(b, s);
}
