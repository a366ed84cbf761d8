/*
 * slo_convert.c - SLOs in another format; see slo_convert.h.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "slo_convert.h"
#include "slo_rules.h"

#define Q(b, s) ag_slo_yaml_quote((b), (s))

static void pct(struct ag_buf *b, double target)
{
	ag_buf_printf(b, "%.10g", target * 100);
}

static bool templated(const char *q)
{
	return q && (strstr(q, "{{.window}}") || strstr(q, "{{ .window }}"));
}

/* A query as sloth writes it: a rate over {{.window}}. */
static bool sloth_query(struct ag_buf *b, const struct ag_slo_query *q)
{
	if (!q->query || (q->source && *q->source && strcasecmp(q->source, "prometheus")))
		return false;
	if (templated(q->query)) {
		ag_buf_adds(b, q->query);
		return true;
	}
	char sel[512];
	if (!ag_slo_selector_of(q->query, sel, sizeof(sel)))
		return false;
	ag_buf_printf(b, "sum(rate(%s[{{.window}}]))", sel);
	return true;
}

static void openslo_source(struct ag_buf *b, const char *indent, const struct ag_slo_query *q)
{
	ag_buf_printf(b, "%smetricSource:\n", indent);
	if (q->datasource) {
		ag_buf_printf(b, "%s  metricSourceRef: ", indent);
		Q(b, q->datasource);
		ag_buf_addc(b, '\n');
	}
	ag_buf_printf(b, "%s  type: ", indent);
	Q(b, q->source && *q->source ? q->source : "Prometheus");
	if (q->query) {
		ag_buf_printf(b, "\n%s  spec:\n%s    query: ", indent, indent);
		Q(b, q->query);
	}
	ag_buf_addc(b, '\n');
}

static void to_openslo(struct ag_buf *b, const struct ag_slo_def *d)
{
	ag_buf_adds(b, "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ");
	Q(b, d->name);
	ag_buf_adds(b, "\nspec:\n");
	if (*d->description) {
		ag_buf_adds(b, "  description: ");
		Q(b, d->description);
		ag_buf_addc(b, '\n');
	}
	ag_buf_adds(b, "  service: ");
	Q(b, *d->service ? d->service : d->name);
	ag_buf_addc(b, '\n');
	if (d->kind == AG_SLI_RATIO) {
		ag_buf_adds(b, "  indicator:\n    metadata:\n      name: ");
		struct ag_buf n = AG_BUF_INIT;
		ag_buf_printf(&n, "%s-sli", d->name);
		Q(b, n.data);
		ag_buf_release(&n);
		ag_buf_printf(b, "\n    spec:\n      ratioMetric:\n        counter: true\n        %s:\n",
			      d->good ? "good" : "bad");
		openslo_source(b, "          ", &d->num);
		ag_buf_adds(b, "        total:\n");
		openslo_source(b, "          ", &d->total);
	} else if (d->kind == AG_SLI_THRESHOLD) {
		ag_buf_adds(b, "  indicator:\n    metadata:\n      name: ");
		struct ag_buf n = AG_BUF_INIT;
		ag_buf_printf(&n, "%s-sli", d->name);
		Q(b, n.data);
		ag_buf_release(&n);
		ag_buf_adds(b, "\n    spec:\n      thresholdMetric:\n");
		openslo_source(b, "        ", &d->metric);
	}
	ag_buf_adds(b, "  timeWindow:\n    - duration: ");
	Q(b, d->window);
	ag_buf_printf(b, "\n      isRolling: %s\n", d->calendar ? "false" : "true");
	ag_buf_printf(b, "  budgetingMethod: %s\n  objectives:\n    - target: %.12g\n",
		      ag_slo_budgeting_name(d->budgeting), d->target);
	if (d->kind == AG_SLI_THRESHOLD)
		ag_buf_printf(b, "      op: %s\n      value: %.12g\n", d->op ? d->op : "lte", d->value);
	if (d->budgeting != AG_SLO_OCCURRENCES) {
		char w[32];
		ag_slo_prom_duration(d->timeslice_s, w);
		ag_buf_printf(b, "      timeSliceTarget: %.12g\n      timeSliceWindow: %s\n",
			      d->timeslice_target, w);
	}
	/* the burn-rate conditions, inline, one policy per policy name */
	if (d->nalerts)
		ag_buf_adds(b, "  alertPolicies:\n");
	for (size_t i = 0; i < d->nalerts; i++) {
		const struct ag_slo_alert *a = &d->alerts[i];
		bool first = !i || strcmp(d->alerts[i - 1].policy, a->policy);
		if (first) {
			ag_buf_adds(b, "    - kind: AlertPolicy\n      metadata:\n        name: ");
			Q(b, *a->policy ? a->policy : d->name);
			ag_buf_adds(b, "\n      spec:\n        conditions:\n");
		}
		char lw[32], fw[32];
		ag_slo_prom_duration(a->long_s, lw);
		ag_buf_adds(b, "          - kind: AlertCondition\n            metadata:\n              name: ");
		Q(b, *a->name ? a->name : d->name);
		ag_buf_adds(b, "\n            spec:\n              severity: ");
		Q(b, a->severity);
		ag_buf_printf(b, "\n              condition:\n                kind: burnrate\n"
				 "                op: %s\n                threshold: %.12g\n"
				 "                lookbackWindow: %s\n",
			      a->gte ? "gte" : "gt", a->threshold, lw);
		if (a->for_s > 0) {
			ag_slo_prom_duration(a->for_s, fw);
			ag_buf_printf(b, "                alertAfter: %s\n", fw);
		}
	}
}

/* The DataSources the SLOs name, once each, after them. */
static void openslo_datasources(struct ag_buf *b, const struct ag_slo_set *s)
{
	for (size_t i = 0; i < 2 * s->n; i++) {
		const struct ag_slo_query *q = i % 2 ? &s->v[i / 2].total : &s->v[i / 2].num;
		if (!q->datasource)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			const struct ag_slo_query *p = j % 2 ? &s->v[j / 2].total : &s->v[j / 2].num;
			seen = p->datasource && !strcmp(p->datasource, q->datasource);
		}
		if (seen)
			continue;
		ag_buf_adds(b, "---\napiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: ");
		Q(b, q->datasource);
		ag_buf_adds(b, "\nspec:\n  type: ");
		Q(b, q->source && *q->source ? q->source : "Prometheus");
		ag_buf_addc(b, '\n');
		if (q->url || q->file) {
			ag_buf_printf(b, "  connectionDetails:\n    %s: ", q->url ? "url" : "file");
			Q(b, q->url ? q->url : q->file);
			ag_buf_addc(b, '\n');
		}
	}
}

static void dropped(struct ag_diags *dg, const struct ag_slo_def *d, const char *to, const char *what)
{
	ag_diags_addpos(dg, AG_SEV_WARNING, &d->pos, "SLO '%s' in %s: %s", d->name, to, what);
}

static bool to_sloth(struct ag_buf *b, const struct ag_slo_def *d, struct ag_diags *dg)
{
	if (d->kind != AG_SLI_RATIO) {
		dropped(dg, d, "sloth", "left out: sloth reads ratio indicators only");
		return false;
	}
	struct ag_buf err = AG_BUF_INIT, tot = AG_BUF_INIT, num = AG_BUF_INIT;
	bool ok = sloth_query(&tot, &d->total) && sloth_query(&num, &d->num);
	if (!ok) {
		dropped(dg, d, "sloth", "left out: its queries are not Prometheus counters");
		ag_buf_release(&err);
		ag_buf_release(&tot);
		ag_buf_release(&num);
		return false;
	}
	if (d->good)
		ag_buf_printf(&err, "(%s) - (%s)", tot.data, num.data);
	else
		ag_buf_adds(&err, num.data);
	if (d->window_s != 30 * 86400LL)
		dropped(dg, d, "sloth", "its window is dropped: sloth's prometheus/v1 is always 30 days");
	if (d->budgeting != AG_SLO_OCCURRENCES)
		dropped(dg, d, "sloth", "its time slices are dropped: sloth counts events");
	ag_buf_adds(b, "---\nversion: \"prometheus/v1\"\nservice: ");
	Q(b, *d->service ? d->service : d->name);
	ag_buf_adds(b, "\nslos:\n  - name: ");
	Q(b, d->name);
	ag_buf_adds(b, "\n    objective: ");
	pct(b, d->target);
	if (*d->description) {
		ag_buf_adds(b, "\n    description: ");
		Q(b, d->description);
	}
	ag_buf_adds(b, "\n    sli:\n      events:\n        error_query: ");
	Q(b, err.data);
	ag_buf_adds(b, "\n        total_query: ");
	Q(b, tot.data);
	ag_buf_adds(b, "\n    alerting:\n      name: ");
	Q(b, "SLOErrorBudgetBurn");
	ag_buf_addc(b, '\n');
	ag_buf_release(&err);
	ag_buf_release(&tot);
	ag_buf_release(&num);
	return true;
}

static bool to_pyrra(struct ag_buf *b, const struct ag_slo_def *d, struct ag_diags *dg)
{
	char num[512], tot[512];
	if (d->kind != AG_SLI_RATIO || !ag_slo_selector_of(d->num.query, num, sizeof(num)) ||
	    !ag_slo_selector_of(d->total.query, tot, sizeof(tot)) ||
	    (d->num.source && *d->num.source && strcasecmp(d->num.source, "prometheus"))) {
		dropped(dg, d, "pyrra", "left out: pyrra needs a ratio of two Prometheus counter selectors");
		return false;
	}
	if (d->good) {
		dropped(dg, d, "pyrra", "left out: pyrra's ratio counts errors, and this SLO counts good events");
		return false;
	}
	if (d->budgeting != AG_SLO_OCCURRENCES)
		dropped(dg, d, "pyrra", "its time slices are dropped: pyrra counts events");
	if (d->calendar)
		dropped(dg, d, "pyrra", "its calendar window becomes a rolling one");
	char w[32];
	ag_slo_prom_duration(d->window_s, w);
	ag_buf_adds(b, "---\napiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: ");
	Q(b, d->name);
	if (*d->service) {
		ag_buf_adds(b, "\n  namespace: ");
		Q(b, d->service);
	}
	ag_buf_adds(b, "\nspec:\n  target: \"");
	pct(b, d->target);
	ag_buf_printf(b, "\"\n  window: %s\n", w);
	if (*d->description) {
		ag_buf_adds(b, "  description: ");
		Q(b, d->description);
		ag_buf_addc(b, '\n');
	}
	ag_buf_adds(b, "  indicator:\n    ratio:\n      errors:\n        metric: ");
	Q(b, num);
	ag_buf_adds(b, "\n      total:\n        metric: ");
	Q(b, tot);
	ag_buf_addc(b, '\n');
	return true;
}

int ag_slo_convert(struct ag_buf *out, const struct ag_slo_set *s, enum ag_slo_format to,
		   struct ag_diags *diags)
{
	ag_buf_printf(out, "# %s documents written by `archgate slo convert` (see docs/slo.md)\n",
		      ag_slo_format_name(to));
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_slo_def *d = &s->v[i];
		if (to == AG_SLO_OPENSLO)
			to_openslo(out, d);
		else if (to == AG_SLO_SLOTH)
			to_sloth(out, d, diags);
		else
			to_pyrra(out, d, diags);
		if (d->nalerts && to != AG_SLO_OPENSLO)
			dropped(diags, d, ag_slo_format_name(to),
				"its alert policies are dropped: the format has no burn-rate conditions");
	}
	if (to == AG_SLO_OPENSLO)
		openslo_datasources(out, s);
	return ag_buf_err(out);
}
