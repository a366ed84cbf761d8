/*
 * slo_rules.c - Prometheus rules for SLOs; see slo_rules.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "slo_budget.h"
#include "slo_rules.h"

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

static int one_slo(struct ag_buf *b, const struct ag_slo_def *d, const char *id)
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
		ag_buf_reset(&e);
		if (d->good) {
			ag_buf_adds(&e, "1 - ((");
			over(&e, d->num.query, w);
			ag_buf_adds(&e, ") / (");
			over(&e, d->total.query, w);
			ag_buf_adds(&e, "))");
		} else {
			ag_buf_adds(&e, "(");
			over(&e, d->num.query, w);
			ag_buf_adds(&e, ") / (");
			over(&e, d->total.query, w);
			ag_buf_adds(&e, ")");
		}
		char name[64];
		snprintf(name, sizeof(name), "slo:sli_error:ratio_rate%s", w);
		record(b, name, &e, id, d, w);
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
		ag_buf_printf(&s, "%s%s%s is burning its error budget (%s of %s, %s): %s",
			      *d->service ? d->service : "", *d->service ? " " : "", d->name,
			      "{{ $value | humanizePercentage }} errors", period,
			      t ? "ticket: 10% in 1d or 3d" : "page: 2% in 1h or 5% in 6h",
			      t ? "look into it today" : "act now");
		ag_buf_adds(b, "    annotations:\n      summary: ");
		yq(b, s.data);
		ag_buf_addc(b, '\n');
		ag_buf_release(&s);
	}
	ag_buf_release(&e);
	return ag_buf_err(b);
}

int ag_slo_rules(struct ag_buf *out, const struct ag_slo_set *s, struct ag_diags *diags)
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
		if (one_slo(out, d, ids[i]))
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
