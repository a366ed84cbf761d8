/*
 * slo_read.c - OpenSLO, sloth and pyrra files into struct ag_slo_def; see
 * slo_read.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "base/fsutil.h"
#include "base/suggest.h"
#include "model/slo.h"
#include "slo_read.h"

struct ag_slo_doc {
	const char *file;
	const struct ag_ynode *root;
	int type; /* DOC_* */
};

enum { DOC_SLO, DOC_SLI, DOC_SLOTH, DOC_PYRRA, DOC_DS, DOC_AP, DOC_AC };

struct rd {
	struct ag_slo_set *s;
	const char *file;
	struct ag_diags *diags;
	int errors;
	bool quiet; /* a referenced document, diagnosed where it is read itself */
};

static void err(struct rd *r, const struct ag_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err(struct rd *r, const struct ag_ynode *at, const char *fmt, ...)
{
	r->errors++;
	if (r->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	ag_diags_vaddc(r->diags, AG_SEV_ERROR, AG_DIAG_INPUT, r->file, at ? at->line : 1,
		       at ? at->col : 1, fmt, ap);
	va_end(ap);
}

static void warn(struct rd *r, const struct ag_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn(struct rd *r, const struct ag_ynode *at, const char *fmt, ...)
{
	if (r->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	ag_diags_vaddc(r->diags, AG_SEV_WARNING, AG_DIAG_INPUT, r->file, at ? at->line : 1,
		       at ? at->col : 1, fmt, ap);
	va_end(ap);
}

static const char *str(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_is_null(n) ? n->str : NULL;
}

/* The value at `key` as a string, with an error when it is there but not
 * a scalar, or missing when `required`. */
static const char *get_str(struct rd *r, const struct ag_ynode *map, const char *key,
			   bool required, const char *what)
{
	const struct ag_ynode *n = ag_yaml_get(map, key);
	if (!n || ag_yaml_is_null(n)) {
		if (required)
			err(r, map, "%s needs '%s'", what, key);
		return NULL;
	}
	if (n->kind != AG_Y_SCALAR) {
		err(r, n, "'%s' must be a string, not %s", key, ag_yaml_describe(n));
		return NULL;
	}
	return n->str;
}

/* A mapping at `key`; NULL (with an error if it is something else). */
static const struct ag_ynode *get_map(struct rd *r, const struct ag_ynode *map, const char *key)
{
	const struct ag_ynode *n = ag_yaml_get(map, key);
	if (!n || ag_yaml_is_null(n))
		return NULL;
	if (n->kind != AG_Y_MAP) {
		err(r, n, "'%s' must be a mapping, not %s", key, ag_yaml_describe(n));
		return NULL;
	}
	return n;
}

/* Unknown keys of a mapping, with a did-you-mean. */
static void check_keys(struct rd *r, const struct ag_ynode *map, const char *what,
		       const char *const *keys, size_t nkeys)
{
	if (!map || map->kind != AG_Y_MAP)
		return;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ag_ynode *k = map->kids[i];
		bool known = false;
		for (size_t j = 0; j < nkeys && !known; j++)
			known = !strcmp(k->str, keys[j]);
		if (known)
			continue;
		const char *dym = ag_did_you_mean(k->str, k->len, keys, nkeys);
		if (dym)
			err(r, k, "unknown key '%s' in %s; did you mean '%s'?", k->str, what, dym);
		else
			err(r, k, "unknown key '%s' in %s", k->str, what);
	}
}
#define CHECK_KEYS(r, map, what, ...)                                              \
	do {                                                                        \
		static const char *const ks_[] = {__VA_ARGS__};                     \
		check_keys(r, map, what, ks_, sizeof(ks_) / sizeof(ks_[0]));        \
	} while (0)

static void pos_of(struct rd *r, const struct ag_ynode *n, struct ag_pos *p)
{
	p->file = r->file;
	p->line = n ? n->line : 1;
	p->col = n ? n->col : 1;
}

static struct ag_slo_def *new_def(struct rd *r, enum ag_slo_format f, const struct ag_ynode *at)
{
	struct ag_slo_set *s = r->s;
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 16;
		struct ag_slo_def *v = ag_arena_realloc_array(s->arena, s->v, s->n, nc, sizeof(*v));
		if (!v)
			return NULL;
		s->v = v;
		s->cap = nc;
	}
	struct ag_slo_def *d = &s->v[s->n++];
	memset(d, 0, sizeof(*d));
	d->format = f;
	pos_of(r, at, &d->pos);
	d->name = d->service = d->description = "";
	d->window = "30d";
	d->window_s = 30 * 86400LL;
	return d;
}

long long ag_slo_duration(const char *s, bool calendar_units)
{
	if (!s || !*s)
		return -1;
	long long total = 0;
	const char *p = s;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		long long v = 0;
		while (*p >= '0' && *p <= '9') {
			if (v > 100000000LL)
				return -1;
			v = v * 10 + (*p++ - '0');
		}
		long long unit;
		switch (*p) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		case 'y': unit = 365 * 86400; break;
		case 'M': unit = calendar_units ? 30 * 86400 : -1; break;
		case 'Q': unit = calendar_units ? 90 * 86400 : -1; break;
		case 'Y': unit = calendar_units ? 365 * 86400 : -1; break;
		default: unit = -1;
		}
		if (unit < 0)
			return -1;
		p++;
		total += v * unit;
		if (total > 100LL * 365 * 86400)
			return -1;
	}
	return total > 0 ? total : -1;
}

/* A target written as a percent (sloth's objective, pyrra's target). */
static bool percent(struct rd *r, const struct ag_ynode *n, const char *key, double *out)
{
	double v;
	char *end = NULL;
	if (!n || n->kind != AG_Y_SCALAR) {
		err(r, n, "'%s' must be a percentage such as 99.9", key);
		return false;
	}
	if (ag_yaml_num(n, &v)) {
		v = strtod(n->str, &end);
		if (end == n->str || *end) {
			err(r, n, "'%s' must be a percentage such as 99.9, not '%s'", key, n->str);
			return false;
		}
	}
	if (!(v > 0 && v < 100)) {
		err(r, n, "'%s' must be above 0 and below 100, not %s", key, n->str);
		return false;
	}
	*out = v / 100;
	return true;
}

/* --- OpenSLO ------------------------------------------------------------ */

static const struct ag_ynode *find_doc(struct ag_slo_set *s, int type, const char *name,
				       const char **file)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		if (s->docs[i].type != type)
			continue;
		const char *n = str(ag_yaml_get(ag_yaml_get(s->docs[i].root, "metadata"), "name"));
		if (n && !strcmp(n, name)) {
			*file = s->docs[i].file;
			return s->docs[i].root;
		}
	}
	return NULL;
}

static void metric_source(struct rd *r, const struct ag_ynode *holder, const char *what,
			  struct ag_slo_query *q)
{
	const struct ag_ynode *ms = get_map(r, holder, "metricSource");
	pos_of(r, holder, &q->pos);
	if (!ms) {
		err(r, holder, "%s needs a metricSource", what);
		return;
	}
	CHECK_KEYS(r, ms, "metricSource", "metricSourceRef", "type", "spec");
	q->source = get_str(r, ms, "type", false, "metricSource");
	const char *ref = get_str(r, ms, "metricSourceRef", false, "metricSource");
	if (ref) {
		const char *f = NULL;
		const struct ag_ynode *ds = find_doc(r->s, DOC_DS, ref, &f);
		if (!ds) {
			err(r, ag_yaml_get(ms, "metricSourceRef"),
			    "metricSourceRef '%s': no DataSource document of that name in the files read",
			    ref);
		} else {
			const struct ag_ynode *dspec = ag_yaml_get(ds, "spec");
			const char *dtype = str(ag_yaml_get(dspec, "type"));
			const struct ag_ynode *cd = ag_yaml_get(dspec, "connectionDetails");
			q->datasource = ref;
			if (!q->source)
				q->source = dtype;
			else if (dtype && strcasecmp(dtype, q->source))
				err(r, ag_yaml_get(ms, "type"),
				    "metricSource type '%s' is not the type of DataSource '%s' (%s, "
				    "in %s)", q->source, ref, dtype, f);
			q->url = str(ag_yaml_get(cd, "url"));
			q->file = str(ag_yaml_get(cd, "file"));
		}
	}
	if (!q->source)
		q->source = "";
	const struct ag_ynode *spec = get_map(r, ms, "spec");
	const struct ag_ynode *qn = ag_yaml_get(spec, "query");
	if (!qn)
		qn = ag_yaml_get(spec, "promql");
	if (qn && qn->kind == AG_Y_SCALAR && qn->len) {
		q->query = qn->str;
		pos_of(r, qn, &q->pos);
	} else if (qn) {
		err(r, qn, "the query must be a string, not %s", ag_yaml_describe(qn));
	} else {
		pos_of(r, ms, &q->pos);
	}
}

struct sli {
	enum ag_sli_kind kind;
	bool good;
	struct ag_slo_query num, total, metric;
};

static void read_sli_spec(struct rd *r, const struct ag_ynode *spec, struct sli *out)
{
	memset(out, 0, sizeof(*out));
	if (!spec || spec->kind != AG_Y_MAP) {
		err(r, spec, "the indicator needs a spec with ratioMetric or thresholdMetric");
		return;
	}
	CHECK_KEYS(r, spec, "the SLI spec", "description", "ratioMetric", "thresholdMetric");
	const struct ag_ynode *ratio = get_map(r, spec, "ratioMetric");
	const struct ag_ynode *thr = get_map(r, spec, "thresholdMetric");
	if (ratio && thr) {
		err(r, thr, "an SLI has ratioMetric or thresholdMetric, not both");
		return;
	}
	if (thr) {
		CHECK_KEYS(r, thr, "thresholdMetric", "metricSource");
		out->kind = AG_SLI_THRESHOLD;
		metric_source(r, thr, "thresholdMetric", &out->metric);
		return;
	}
	if (!ratio) {
		err(r, spec, "the SLI spec needs ratioMetric or thresholdMetric");
		return;
	}
	CHECK_KEYS(r, ratio, "ratioMetric", "counter", "good", "bad", "total", "raw", "rawType");
	if (ag_yaml_get(ratio, "raw")) {
		err(r, ag_yaml_get(ratio, "raw"),
		    "a raw ratioMetric (a precomputed ratio) is not read: give good or bad and total counts");
		return;
	}
	const struct ag_ynode *good = get_map(r, ratio, "good"), *bad = get_map(r, ratio, "bad");
	const struct ag_ynode *total = get_map(r, ratio, "total");
	if (good && bad) {
		err(r, bad, "ratioMetric has good or bad, not both");
		return;
	}
	if (!good && !bad) {
		err(r, ratio, "ratioMetric needs good or bad");
		return;
	}
	if (!total) {
		err(r, ratio, "ratioMetric needs total");
		return;
	}
	out->kind = AG_SLI_RATIO;
	out->good = good != NULL;
	metric_source(r, good ? good : bad, good ? "good" : "bad", &out->num);
	metric_source(r, total, "total", &out->total);
}

static void read_sli_doc(struct rd *r, const struct ag_ynode *root, struct sli *out)
{
	CHECK_KEYS(r, root, "the SLI", "apiVersion", "kind", "metadata", "spec");
	read_sli_spec(r, ag_yaml_get(root, "spec"), out);
}

/* --- AlertPolicy and AlertCondition ---------------------------------- */

struct alerts {
	struct ag_slo_alert *v;
	size_t n, cap;
};

static int add_alert(struct rd *r, struct alerts *al, const struct ag_slo_alert *a)
{
	if (al->n == al->cap) {
		size_t nc = al->cap ? al->cap * 2 : 4;
		struct ag_slo_alert *v =
			ag_arena_realloc_array(r->s->arena, al->v, al->n, nc, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		al->v = v;
		al->cap = nc;
	}
	al->v[al->n++] = *a;
	return 0;
}

/* A duration at `key` of `map` in seconds; 0 when absent (an error when
 * `required`), -1 after an error. */
static long long get_duration(struct rd *r, const struct ag_ynode *map, const char *key,
			      bool required, const char *what)
{
	const char *v = get_str(r, map, key, required, what);
	if (!v)
		return ag_yaml_get(map, key) && !ag_yaml_is_null(ag_yaml_get(map, key)) ? -1 : 0;
	long long d = ag_slo_duration(v, false);
	if (d < 0) {
		err(r, ag_yaml_get(map, key), "%s '%s' is not a duration such as 1h or 5m", key, v);
		return -1;
	}
	return d;
}

/* An AlertCondition (a document, or inline in a policy) into al when it is
 * a burn-rate condition; other kinds are a warning at their kind. */
static int read_condition(struct rd *r, const struct ag_ynode *c, const char *policy,
			  struct alerts *al)
{
	if (!c || c->kind != AG_Y_MAP) {
		err(r, c, "an AlertCondition must be a mapping");
		return 0;
	}
	CHECK_KEYS(r, c, "the AlertCondition", "apiVersion", "kind", "metadata", "spec");
	const struct ag_ynode *md = get_map(r, c, "metadata");
	const char *name = md ? get_str(r, md, "name", false, "metadata") : NULL;
	const struct ag_ynode *spec = get_map(r, c, "spec");
	if (!spec) {
		err(r, c, "an AlertCondition needs a spec with severity and condition");
		return 0;
	}
	CHECK_KEYS(r, spec, "the AlertCondition spec", "description", "severity", "condition");
	const char *sev = get_str(r, spec, "severity", true, "the AlertCondition spec");
	const struct ag_ynode *cond = get_map(r, spec, "condition");
	if (!cond) {
		err(r, spec, "the AlertCondition spec needs condition: {kind: burnrate, op, "
			     "threshold, lookbackWindow, alertAfter}");
		return 0;
	}
	const char *kind = get_str(r, cond, "kind", true, "the condition");
	if (!kind)
		return 0;
	if (strcmp(kind, "burnrate")) {
		warn(r, ag_yaml_get(cond, "kind"),
		     "condition kind '%s' of AlertCondition '%s' is not read (only burnrate): "
		     "no alert for it", kind, name ? name : "");
		return 0;
	}
	CHECK_KEYS(r, cond, "the burnrate condition", "kind", "op", "threshold", "lookbackWindow",
		   "alertAfter");
	struct ag_slo_alert a = {0};
	a.policy = policy ? policy : "";
	a.name = name ? name : "";
	a.severity = sev ? sev : "";
	pos_of(r, c, &a.pos);
	const char *op = get_str(r, cond, "op", true, "the burnrate condition");
	if (op && strcmp(op, "gt") && strcmp(op, "gte"))
		err(r, ag_yaml_get(cond, "op"),
		    "op '%s': a burn-rate alert fires above its threshold (gt or gte)", op);
	a.gte = op && !strcmp(op, "gte");
	const struct ag_ynode *th = ag_yaml_get(cond, "threshold");
	if (!th || ag_yaml_num(th, &a.threshold) || !(a.threshold > 0))
		err(r, th ? th : cond, "the burnrate condition needs threshold: a burn rate above 0 "
				       "(14.4)");
	a.long_s = get_duration(r, cond, "lookbackWindow", true, "the burnrate condition");
	if (a.long_s > 0 && a.long_s < 12 * 60) {
		err(r, ag_yaml_get(cond, "lookbackWindow"),
		    "lookbackWindow must be 12m or more: its short window is 1/12 of it");
		a.long_s = -1;
	}
	a.short_s = a.long_s / 12;
	a.short_s -= a.short_s % 60; /* whole minutes, as the default windows */
	a.for_s = get_duration(r, cond, "alertAfter", false, "the burnrate condition");
	if (a.long_s <= 0 || a.for_s < 0 || !sev || !op || !(a.threshold > 0) ||
	    (strcmp(op, "gt") && strcmp(op, "gte")))
		return 0;
	return add_alert(r, al, &a);
}

/* An AlertPolicy's conditions, inline or by conditionRef. */
static int read_policy(struct rd *r, const struct ag_ynode *p, struct alerts *al)
{
	if (!p || p->kind != AG_Y_MAP) {
		err(r, p, "an AlertPolicy must be a mapping");
		return 0;
	}
	CHECK_KEYS(r, p, "the AlertPolicy", "apiVersion", "kind", "metadata", "spec");
	const struct ag_ynode *md = get_map(r, p, "metadata");
	const char *name = md ? get_str(r, md, "name", false, "metadata") : NULL;
	const struct ag_ynode *spec = get_map(r, p, "spec");
	if (!spec) {
		err(r, p, "an AlertPolicy needs a spec with conditions");
		return 0;
	}
	CHECK_KEYS(r, spec, "the AlertPolicy spec", "description", "alertWhenNoData",
		   "alertWhenResolved", "alertWhenBreaching", "conditions", "notificationTargets");
	const struct ag_ynode *cs = ag_yaml_get(spec, "conditions");
	if (!cs || cs->kind != AG_Y_SEQ || !cs->n) {
		err(r, cs ? cs : spec, "the AlertPolicy spec needs conditions: a list of "
				       "AlertConditions (inline or conditionRef)");
		return 0;
	}
	for (size_t i = 0; i < cs->n; i++) {
		const struct ag_ynode *c = cs->kids[i];
		const char *ref = c->kind == AG_Y_MAP ? str(ag_yaml_get(c, "conditionRef")) : NULL;
		int rc;
		if (ref) {
			CHECK_KEYS(r, c, "the condition reference", "conditionRef");
			const char *f = NULL;
			const struct ag_ynode *doc = find_doc(r->s, DOC_AC, ref, &f);
			if (!doc) {
				err(r, ag_yaml_get(c, "conditionRef"),
				    "conditionRef '%s': no AlertCondition document of that name in "
				    "the files read", ref);
				continue;
			}
			struct rd r2 = {r->s, f, r->diags, 0, true};
			rc = read_condition(&r2, doc, name, al);
		} else {
			rc = read_condition(r, c, name, al);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* An SLO's alertPolicies: names, {alertPolicyRef: name} or inline policies. */
static int read_alert_policies(struct rd *r, const struct ag_ynode *aps, struct alerts *al)
{
	if (aps->kind != AG_Y_SEQ) {
		err(r, aps, "alertPolicies must be a list (of AlertPolicy names or policies)");
		return 0;
	}
	for (size_t i = 0; i < aps->n; i++) {
		const struct ag_ynode *p = aps->kids[i];
		const char *ref = str(p);
		if (!ref && p->kind == AG_Y_MAP && ag_yaml_get(p, "alertPolicyRef")) {
			CHECK_KEYS(r, p, "the alert policy reference", "alertPolicyRef");
			ref = get_str(r, p, "alertPolicyRef", true, "the alert policy reference");
			if (!ref)
				continue;
		}
		int rc;
		if (ref) {
			const char *f = NULL;
			const struct ag_ynode *doc = find_doc(r->s, DOC_AP, ref, &f);
			if (!doc) {
				err(r, p, "alert policy '%s': no AlertPolicy document of that name in "
					  "the files read", ref);
				continue;
			}
			struct rd r2 = {r->s, f, r->diags, 0, true};
			rc = read_policy(&r2, doc, al);
		} else if (p->kind == AG_Y_MAP) {
			rc = read_policy(r, p, al);
		} else {
			err(r, p, "an alertPolicies item is a name, {alertPolicyRef: NAME} or an "
				  "AlertPolicy, not %s", ag_yaml_describe(p));
			continue;
		}
		if (rc)
			return rc;
	}
	return 0;
}

static int openslo_slo(struct rd *r, const struct ag_ynode *root)
{
	CHECK_KEYS(r, root, "the SLO", "apiVersion", "kind", "metadata", "spec");
	const struct ag_ynode *md = get_map(r, root, "metadata");
	const char *name = get_str(r, md ? md : root, "name", true, "metadata");
	const struct ag_ynode *spec = get_map(r, root, "spec");
	if (!spec) {
		err(r, root, "the SLO needs a spec");
		return 0;
	}
	CHECK_KEYS(r, spec, "the SLO spec", "description", "service", "indicator", "indicatorRef",
		   "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
	const char *service = get_str(r, spec, "service", true, "the SLO spec");
	const char *desc = get_str(r, spec, "description", false, "the SLO spec");

	/* the indicator, inline or by reference */
	struct sli sli = {0};
	const struct ag_ynode *ind = get_map(r, spec, "indicator");
	const char *ref = get_str(r, spec, "indicatorRef", false, "the SLO spec");
	if (ind && ref) {
		err(r, ag_yaml_get(spec, "indicatorRef"), "an SLO has indicator or indicatorRef, not both");
	} else if (ind) {
		CHECK_KEYS(r, ind, "the indicator", "metadata", "spec");
		read_sli_spec(r, ag_yaml_get(ind, "spec"), &sli);
	} else if (ref) {
		const char *f = NULL;
		const struct ag_ynode *doc = find_doc(r->s, DOC_SLI, ref, &f);
		if (!doc) {
			err(r, ag_yaml_get(spec, "indicatorRef"),
			    "indicatorRef '%s': no SLI document of that name in the files read", ref);
		} else {
			struct rd r2 = {r->s, f, r->diags, 0, false};
			read_sli_doc(&r2, doc, &sli);
			r->errors += r2.errors;
		}
	}

	/* the window */
	long long window_s = 30 * 86400LL;
	const char *window = "30d";
	bool calendar = false;
	const struct ag_ynode *tw = ag_yaml_get(spec, "timeWindow");
	if (!tw) {
		err(r, spec, "the SLO spec needs timeWindow (e.g. [{duration: 30d, isRolling: true}])");
	} else if (tw->kind != AG_Y_SEQ || tw->n != 1 || tw->kids[0]->kind != AG_Y_MAP) {
		err(r, tw, "timeWindow must be a list of one mapping ({duration: 30d, isRolling: true})");
	} else {
		const struct ag_ynode *w = tw->kids[0];
		CHECK_KEYS(r, w, "timeWindow", "duration", "isRolling", "calendar");
		const struct ag_ynode *rolling = ag_yaml_get(w, "isRolling");
		int rb = rolling ? ag_yaml_bool(rolling) : 1;
		if (rb < 0)
			err(r, rolling, "isRolling must be true or false");
		calendar = rb == 0 || get_map(r, w, "calendar");
		if (calendar && rb == 1 && rolling)
			err(r, rolling, "a rolling window has no calendar");
		if (calendar && !get_map(r, w, "calendar"))
			err(r, w, "a calendar window (isRolling: false) needs calendar: {startTime, timeZone}");
		const char *dur = get_str(r, w, "duration", true, "timeWindow");
		if (dur) {
			long long v = ag_slo_duration(dur, true);
			if (v < 0)
				err(r, ag_yaml_get(w, "duration"),
				    "duration '%s' is not a duration such as 30d, 4w or 1M", dur);
			else {
				window_s = v;
				window = dur;
			}
		}
	}

	/* the budgeting method */
	enum ag_slo_budgeting bm = AG_SLO_OCCURRENCES;
	const char *bms = get_str(r, spec, "budgetingMethod", true, "the SLO spec");
	if (bms) {
		if (!strcmp(bms, "Occurrences"))
			bm = AG_SLO_OCCURRENCES;
		else if (!strcmp(bms, "Timeslices"))
			bm = AG_SLO_TIMESLICES;
		else if (!strcmp(bms, "RatioTimeslices"))
			bm = AG_SLO_RATIO_TIMESLICES;
		else {
			static const char *const bmv[] = {"Occurrences", "Timeslices", "RatioTimeslices"};
			const char *dym = ag_did_you_mean(bms, strlen(bms), bmv, 3);
			err(r, ag_yaml_get(spec, "budgetingMethod"),
			    "budgetingMethod '%s': expected Occurrences, Timeslices or "
			    "RatioTimeslices%s%s%s",
			    bms, dym ? "; did you mean '" : "", dym ? dym : "", dym ? "'?" : "");
		}
	}

	/* the alert policies */
	struct alerts al = {0};
	const struct ag_ynode *aps = ag_yaml_get(spec, "alertPolicies");
	if (aps && !ag_yaml_is_null(aps)) {
		int arc = read_alert_policies(r, aps, &al);
		if (arc)
			return arc;
	}

	/* one definition per objective */
	const struct ag_ynode *objs = ag_yaml_get(spec, "objectives");
	if (!objs || objs->kind != AG_Y_SEQ || !objs->n) {
		err(r, objs ? objs : spec, "the SLO spec needs objectives: a list with a target each");
		return 0;
	}
	for (size_t i = 0; i < objs->n; i++) {
		const struct ag_ynode *o = objs->kids[i];
		if (o->kind != AG_Y_MAP) {
			err(r, o, "an objective must be a mapping, not %s", ag_yaml_describe(o));
			continue;
		}
		CHECK_KEYS(r, o, "the objective", "displayName", "op", "value", "target",
			   "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator",
			   "indicatorRef", "compositeWeight");
		struct ag_slo_def *d = new_def(r, AG_SLO_OPENSLO, root);
		if (!d)
			return AG_ENOMEM;
		d->service = service ? service : "";
		d->description = desc ? desc : "";
		d->name = name ? name : "";
		if (objs->n > 1) {
			const char *dn = str(ag_yaml_get(o, "displayName"));
			char num[24];
			snprintf(num, sizeof(num), "%zu", i + 1);
			size_t l = strlen(d->name) + strlen(dn ? dn : num) + 2;
			char *nm = ag_arena_alloc(r->s->arena, l);
			if (!nm)
				return AG_ENOMEM;
			snprintf(nm, l, "%s-%s", d->name, dn ? dn : num);
			d->name = nm;
		}
		d->kind = sli.kind;
		d->good = sli.good;
		d->num = sli.num;
		d->total = sli.total;
		d->metric = sli.metric;
		d->window = window;
		d->window_s = window_s;
		d->calendar = calendar;
		d->budgeting = bm;
		d->policies = aps && !ag_yaml_is_null(aps);
		d->alerts = al.v;
		d->nalerts = al.n;
		const struct ag_ynode *t = ag_yaml_get(o, "target");
		const struct ag_ynode *tp = ag_yaml_get(o, "targetPercent");
		double v = 0;
		pos_of(r, t ? t : tp ? tp : o, &d->target_pos);
		if (t && tp)
			err(r, tp, "an objective has target or targetPercent, not both");
		else if (t) {
			if (ag_yaml_num(t, &v) || !(v > 0 && v < 1))
				err(r, t, "target must be a ratio above 0 and below 1 (0.999), not %s",
				    t->kind == AG_Y_SCALAR ? t->str : ag_yaml_describe(t));
			else
				d->target = v;
		} else if (tp) {
			if (ag_yaml_num(tp, &v) || !(v > 0 && v < 100))
				err(r, tp, "targetPercent must be above 0 and below 100 (99.9)");
			else
				d->target = v / 100;
		} else {
			err(r, o, "the objective needs target (0.999) or targetPercent (99.9)");
		}
		if (sli.kind == AG_SLI_THRESHOLD) {
			d->op = get_str(r, o, "op", true, "an objective of a threshold SLI");
			if (d->op && strcmp(d->op, "lt") && strcmp(d->op, "lte") &&
			    strcmp(d->op, "gt") && strcmp(d->op, "gte"))
				err(r, ag_yaml_get(o, "op"), "op '%s': expected lt, lte, gt or gte", d->op);
			const struct ag_ynode *vn = ag_yaml_get(o, "value");
			if (!vn || ag_yaml_num(vn, &d->value))
				err(r, vn ? vn : o, "an objective of a threshold SLI needs a numeric value");
		}
		if (bm != AG_SLO_OCCURRENCES) {
			const struct ag_ynode *tst = ag_yaml_get(o, "timeSliceTarget");
			const char *tsw = get_str(r, o, "timeSliceWindow", false, "the objective");
			if (bm == AG_SLO_TIMESLICES &&
			    (!tst || ag_yaml_num(tst, &d->timeslice_target) ||
			     !(d->timeslice_target > 0 && d->timeslice_target <= 1)))
				err(r, tst ? tst : o, "Timeslices needs timeSliceTarget, a ratio above 0 up to 1");
			if (!tsw)
				err(r, o, "%s needs timeSliceWindow (e.g. 1m)", bms);
			else if ((d->timeslice_s = ag_slo_duration(tsw, false)) < 0 ||
				 d->timeslice_s > d->window_s)
				err(r, ag_yaml_get(o, "timeSliceWindow"),
				    "timeSliceWindow '%s' is not a duration within the window", tsw);
		}
	}
	return 0;
}

/* --- sloth prometheus/v1 ------------------------------------------------- */

static int sloth_doc(struct rd *r, const struct ag_ynode *root)
{
	CHECK_KEYS(r, root, "the sloth spec", "version", "service", "labels", "slos");
	const char *service = get_str(r, root, "service", true, "a sloth spec");
	const struct ag_ynode *slos = ag_yaml_get(root, "slos");
	if (!slos || slos->kind != AG_Y_SEQ) {
		err(r, slos ? slos : root, "a sloth spec needs slos: a list");
		return 0;
	}
	for (size_t i = 0; i < slos->n; i++) {
		const struct ag_ynode *o = slos->kids[i];
		if (o->kind != AG_Y_MAP) {
			err(r, o, "a sloth SLO must be a mapping, not %s", ag_yaml_describe(o));
			continue;
		}
		CHECK_KEYS(r, o, "the sloth SLO", "name", "objective", "description", "labels",
			   "sli", "alerting");
		struct ag_slo_def *d = new_def(r, AG_SLO_SLOTH, o);
		if (!d)
			return AG_ENOMEM;
		d->service = service ? service : "";
		const char *nm = get_str(r, o, "name", true, "a sloth SLO");
		d->name = nm ? nm : "";
		const char *desc = get_str(r, o, "description", false, "a sloth SLO");
		d->description = desc ? desc : "";
		const struct ag_ynode *obj = ag_yaml_get(o, "objective");
		pos_of(r, obj ? obj : o, &d->target_pos);
		if (!obj)
			err(r, o, "a sloth SLO needs objective (a percentage such as 99.9)");
		else
			percent(r, obj, "objective", &d->target);
		const struct ag_ynode *sli = get_map(r, o, "sli");
		if (!sli) {
			err(r, o, "a sloth SLO needs sli: {events: {error_query, total_query}}");
			continue;
		}
		CHECK_KEYS(r, sli, "sli", "events", "raw", "plugin");
		const struct ag_ynode *ev = get_map(r, sli, "events");
		if (!ev) {
			const struct ag_ynode *other = ag_yaml_get(sli, "raw");
			err(r, other ? other : sli,
			    "only sli.events (error_query and total_query) is read, not raw or plugin SLIs");
			continue;
		}
		CHECK_KEYS(r, ev, "sli.events", "error_query", "total_query");
		d->kind = AG_SLI_RATIO;
		d->good = false;
		struct ag_slo_query *qs[2] = {&d->num, &d->total};
		const char *keys[2] = {"error_query", "total_query"};
		for (int k = 0; k < 2; k++) {
			qs[k]->source = "Prometheus";
			qs[k]->query = get_str(r, ev, keys[k], true, "sli.events");
			const struct ag_ynode *qn = ag_yaml_get(ev, keys[k]);
			pos_of(r, qn ? qn : ev, &qs[k]->pos);
		}
	}
	return 0;
}

/* --- pyrra ServiceLevelObjective ---------------------------------------- */

static void pyrra_metric(struct rd *r, const struct ag_ynode *holder, const char *key,
			 const char *what, struct ag_slo_query *q)
{
	const struct ag_ynode *m = get_map(r, holder, key);
	q->source = "Prometheus";
	pos_of(r, m ? m : holder, &q->pos);
	if (!m) {
		err(r, holder, "%s needs %s: {metric: ...}", what, key);
		return;
	}
	CHECK_KEYS(r, m, key, "metric");
	q->query = get_str(r, m, "metric", true, key);
	if (ag_yaml_get(m, "metric"))
		pos_of(r, ag_yaml_get(m, "metric"), &q->pos);
}

static int pyrra_doc(struct rd *r, const struct ag_ynode *root)
{
	CHECK_KEYS(r, root, "the ServiceLevelObjective", "apiVersion", "kind", "metadata", "spec",
		   "status");
	const struct ag_ynode *md = get_map(r, root, "metadata");
	const struct ag_ynode *spec = get_map(r, root, "spec");
	struct ag_slo_def *d = new_def(r, AG_SLO_PYRRA, root);
	if (!d)
		return AG_ENOMEM;
	const char *nm = get_str(r, md ? md : root, "name", true, "metadata");
	d->name = nm ? nm : "";
	const char *ns = md ? get_str(r, md, "namespace", false, "metadata") : NULL;
	d->service = ns ? ns : "";
	if (!spec) {
		err(r, root, "a ServiceLevelObjective needs a spec");
		return 0;
	}
	CHECK_KEYS(r, spec, "the ServiceLevelObjective spec", "target", "window", "description",
		   "indicator", "alerting", "serviceLevelObjectiveRef");
	const char *desc = get_str(r, spec, "description", false, "the spec");
	d->description = desc ? desc : "";
	const struct ag_ynode *t = ag_yaml_get(spec, "target");
	pos_of(r, t ? t : spec, &d->target_pos);
	if (!t)
		err(r, spec, "the spec needs target (a percentage as a string, \"99.9\")");
	else
		percent(r, t, "target", &d->target);
	const char *w = get_str(r, spec, "window", true, "the spec");
	if (w) {
		long long v = ag_slo_duration(w, false);
		if (v < 0)
			err(r, ag_yaml_get(spec, "window"), "window '%s' is not a duration such as 4w or 30d", w);
		else {
			d->window = w;
			d->window_s = v;
		}
	}
	const struct ag_ynode *ind = get_map(r, spec, "indicator");
	if (!ind) {
		err(r, spec, "the spec needs indicator: {ratio: {errors, total}}");
		return 0;
	}
	CHECK_KEYS(r, ind, "the indicator", "ratio", "latency", "latencyNative", "bool_gauge");
	const struct ag_ynode *ratio = get_map(r, ind, "ratio"), *lat = get_map(r, ind, "latency");
	d->kind = AG_SLI_RATIO;
	if (ratio) {
		CHECK_KEYS(r, ratio, "ratio", "errors", "total", "grouping");
		d->good = false;
		pyrra_metric(r, ratio, "errors", "ratio", &d->num);
		pyrra_metric(r, ratio, "total", "ratio", &d->total);
	} else if (lat) {
		CHECK_KEYS(r, lat, "latency", "success", "total", "grouping");
		d->good = true;
		pyrra_metric(r, lat, "success", "latency", &d->num);
		pyrra_metric(r, lat, "total", "latency", &d->total);
	} else {
		d->kind = AG_SLI_NONE;
		err(r, ind, "only ratio and latency indicators are read");
	}
	return 0;
}

/* --- documents ---------------------------------------------------------- */

static int add_slo_doc(struct rd *r, const struct ag_ynode *root, int type)
{
	struct ag_slo_set *s = r->s;
	if (s->ndocs == s->capdocs) {
		size_t nc = s->capdocs ? s->capdocs * 2 : 16;
		struct ag_slo_doc *v =
			ag_arena_realloc_array(s->arena, s->docs, s->ndocs, nc, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		s->docs = v;
		s->capdocs = nc;
	}
	s->docs[s->ndocs++] = (struct ag_slo_doc){r->file, root, type};
	return 0;
}

static int one_doc(void *vr, const struct ag_ynode *root)
{
	struct rd *r = vr;
	if (!root)
		return 0;
	if (root->kind != AG_Y_MAP) {
		err(r, root, "an SLO document must be a mapping, not %s", ag_yaml_describe(root));
		return 0;
	}
	const char *api = str(ag_yaml_get(root, "apiVersion"));
	const char *kind = str(ag_yaml_get(root, "kind"));
	const char *version = str(ag_yaml_get(root, "version"));
	if (version && !api) {
		if (strcmp(version, "prometheus/v1")) {
			err(r, ag_yaml_get(root, "version"),
			    "sloth spec version '%s': only prometheus/v1 is read", version);
			return 0;
		}
		return add_slo_doc(r, root, DOC_SLOTH);
	}
	if (!api) {
		err(r, root, "not an SLO document: no apiVersion (openslo/v1, pyrra.dev/v1alpha1) "
			     "or version (sloth's prometheus/v1)");
		return 0;
	}
	if (!strncmp(api, "pyrra.dev/", 10)) {
		if (!kind || strcmp(kind, "ServiceLevelObjective")) {
			err(r, ag_yaml_get(root, "kind"), "pyrra's kind is ServiceLevelObjective");
			return 0;
		}
		return add_slo_doc(r, root, DOC_PYRRA);
	}
	if (!strcmp(api, "openslo/v1")) {
		if (!kind) {
			err(r, root, "an OpenSLO document needs kind");
			return 0;
		}
		if (!strcmp(kind, "SLO") || !strcmp(kind, "SLI"))
			return add_slo_doc(r, root, kind[2] == 'I' ? DOC_SLI : DOC_SLO);
		if (!strcmp(kind, "DataSource"))
			return add_slo_doc(r, root, DOC_DS);
		if (!strcmp(kind, "AlertPolicy"))
			return add_slo_doc(r, root, DOC_AP);
		if (!strcmp(kind, "AlertCondition"))
			return add_slo_doc(r, root, DOC_AC);
		static const char *const kinds[] = {"Service", "AlertNotificationTarget"};
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (!strcmp(kind, kinds[i]))
				return 0; /* read as valid OpenSLO; nothing budgets need */
		err(r, ag_yaml_get(root, "kind"), "OpenSLO kind '%s' is not one of OpenSLO v1's", kind);
		return 0;
	}
	err(r, ag_yaml_get(root, "apiVersion"),
	    "apiVersion '%s': archgate reads openslo/v1, pyrra.dev/v1alpha1 and sloth's "
	    "version: prometheus/v1", api);
	return 0;
}

void ag_slo_set_init(struct ag_slo_set *s, struct ag_arena *a)
{
	memset(s, 0, sizeof(*s));
	s->arena = a;
}

int ag_slo_read(struct ag_slo_set *s, const char *file, const char *text, size_t len,
		struct ag_diags *diags)
{
	size_t fl = strlen(file) + 1;
	char *f = ag_arena_alloc(s->arena, fl);
	if (!f)
		return AG_ENOMEM;
	memcpy(f, file, fl);
	struct rd r = {s, f, diags, 0, false};
	int rc = ag_slo_each_doc(s->arena, f, text, len, one_doc, &r, diags);
	if (rc == AG_ENOMEM)
		return rc;
	return rc || r.errors ? AG_EINVAL : 0;
}

int ag_slo_read_path(struct ag_slo_set *s, const char *path, const char *disp,
		     struct ag_diags *diags)
{
	struct stat st;
	char *data = NULL;
	size_t len;
	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		int r = ag_read_file(path, AG_YAML_MAX_BYTES, &data, &len);
		if (r) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 0, 0, "cannot read SLO file: %s",
				     ag_strerror(r));
			return r == AG_ENOMEM ? r : AG_EIO;
		}
		r = ag_slo_read(s, disp, data, len, diags);
		free(data);
		return r;
	}
	char **names;
	size_t n;
	if (ag_dir_list(path, ag_slo_file_name, &names, &n))
		return AG_ENOMEM;
	int rc = 0;
	for (size_t i = 0; i < n && rc != AG_ENOMEM; i++) {
		char p[4096], d[4096];
		snprintf(p, sizeof(p), "%s/%s", path, names[i]);
		snprintf(d, sizeof(d), "%s/%s", disp, names[i]);
		int r = ag_read_file(p, AG_YAML_MAX_BYTES, &data, &len);
		if (r) {
			ag_diags_add(diags, AG_SEV_ERROR, d, 0, 0, "cannot read SLO file: %s",
				     ag_strerror(r));
			rc = r == AG_ENOMEM ? r : AG_EIO;
			continue;
		}
		r = ag_slo_read(s, d, data, len, diags);
		free(data);
		if (r && rc != AG_EIO)
			rc = r;
	}
	ag_dir_list_free(names, n);
	return rc;
}

/* A DataSource document: a name, a type and, for Prometheus, a URL. */
static void datasource_doc(struct rd *r, const struct ag_ynode *root)
{
	CHECK_KEYS(r, root, "the DataSource", "apiVersion", "kind", "metadata", "spec");
	const struct ag_ynode *md = get_map(r, root, "metadata");
	get_str(r, md ? md : root, "name", true, "metadata");
	const struct ag_ynode *spec = get_map(r, root, "spec");
	if (!spec) {
		err(r, root, "a DataSource needs a spec with type and connectionDetails");
		return;
	}
	CHECK_KEYS(r, spec, "the DataSource spec", "description", "type", "connectionDetails");
	const char *type = get_str(r, spec, "type", true, "the DataSource spec");
	const struct ag_ynode *cd = get_map(r, spec, "connectionDetails");
	const char *url = cd ? get_str(r, cd, "url", false, "connectionDetails") : NULL;
	const char *file = cd ? get_str(r, cd, "file", false, "connectionDetails") : NULL;
	if (url && strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
		err(r, ag_yaml_get(cd, "url"), "url '%s' is not an http:// or https:// URL", url);
	if (type && !strcasecmp(type, "archgate-events") && file && !*file)
		err(r, ag_yaml_get(cd, "file"), "file must name an event file");
}

int ag_slo_finish(struct ag_slo_set *s, struct ag_diags *diags)
{
	int bad = 0;
	for (size_t i = 0; i < s->ndocs; i++) {
		struct rd r = {s, s->docs[i].file, diags, 0, false};
		const struct ag_ynode *root = s->docs[i].root;
		struct sli tmp;
		int rc = 0;
		struct alerts scratch = {0};
		switch (s->docs[i].type) {
		case DOC_SLI: read_sli_doc(&r, root, &tmp); break;
		case DOC_DS: datasource_doc(&r, root); break;
		case DOC_AP: rc = read_policy(&r, root, &scratch); break;
		case DOC_AC: rc = read_condition(&r, root, NULL, &scratch); break;
		case DOC_SLO: rc = openslo_slo(&r, root); break;
		case DOC_SLOTH: rc = sloth_doc(&r, root); break;
		default: rc = pyrra_doc(&r, root);
		}
		if (rc)
			return rc;
		bad |= r.errors != 0;
	}
	/* what a reference names must be one document: the first would win */
	static const char *const kinds[] = {[DOC_SLI] = "SLI", [DOC_DS] = "DataSource",
					    [DOC_AP] = "AlertPolicy", [DOC_AC] = "AlertCondition"};
	for (size_t i = 0; i < s->ndocs; i++) {
		int t = s->docs[i].type;
		if (t != DOC_SLI && t != DOC_DS && t != DOC_AP && t != DOC_AC)
			continue;
		const struct ag_ynode *nn = ag_yaml_get(ag_yaml_get(s->docs[i].root, "metadata"),
							"name");
		const char *n = str(nn), *f = NULL;
		if (!n || !*n)
			continue;
		const struct ag_ynode *first = find_doc(s, t, n, &f);
		if (first == s->docs[i].root)
			continue;
		const struct ag_ynode *fn = ag_yaml_get(ag_yaml_get(first, "metadata"), "name");
		ag_diags_addc(diags, AG_SEV_ERROR, AG_DIAG_INPUT, s->docs[i].file, nn->line, nn->col,
			      "%s '%s' is defined twice (also at %s:%d): references to it would "
			      "use the first", kinds[t], n, f, fn ? fn->line : first->line);
		bad = 1;
	}
	/* names are what rules and reports key on */
	for (size_t i = 0; i < s->n; i++)
		for (size_t j = 0; j < i; j++)
			if (*s->v[i].name && !strcmp(s->v[i].name, s->v[j].name) &&
			    !strcmp(s->v[i].service, s->v[j].service)) {
				ag_diags_add(diags, AG_SEV_ERROR, s->v[i].pos.file, s->v[i].pos.line,
					     s->v[i].pos.col,
					     "SLO '%s' of service '%s' is defined twice (also at %s:%d)",
					     s->v[i].name, s->v[i].service, s->v[j].pos.file,
					     s->v[j].pos.line);
				bad = 1;
				break;
			}
	return bad ? AG_EINVAL : 0;
}

static bool counted_from_events(const struct ag_slo_def *d)
{
	return d->kind == AG_SLI_RATIO && d->num.source &&
	       !strcasecmp(d->num.source, "archgate-events");
}

const char *ag_slo_events_file(const struct ag_slo_def *d)
{
	return counted_from_events(d) ? (d->num.file ? d->num.file : d->total.file) : NULL;
}

const char *ag_slo_prometheus_url(const struct ag_slo_def *d)
{
	return counted_from_events(d) ? NULL : d->num.url ? d->num.url : d->total.url;
}

const char *ag_slo_format_name(enum ag_slo_format f)
{
	return f == AG_SLO_SLOTH ? "sloth" : f == AG_SLO_PYRRA ? "pyrra" : "openslo";
}

const char *ag_slo_budgeting_name(enum ag_slo_budgeting b)
{
	return b == AG_SLO_TIMESLICES	     ? "Timeslices"
	       : b == AG_SLO_RATIO_TIMESLICES ? "RatioTimeslices"
					      : "Occurrences";
}
