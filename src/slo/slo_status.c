/*
 * slo_status.c - where each SLO stands; see slo_status.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "base/json.h"
#include "events/events_query.h"
#include "events/events_stats.h"
#include "slo_budget.h"
#include "slo_rules.h"
#include "slo_status.h"

static const struct {
	const char *name;
	long long secs;
} burn_windows[AG_SLO_NWIN - 1] = {{"1h", 3600}, {"6h", 6 * 3600}, {"1d", 86400}, {"3d", 3 * 86400}};

void ag_slo_state_init(struct ag_slo_state *st, const struct ag_slo_def *d)
{
	memset(st, 0, sizeof(*st));
	st->d = d;
	ag_slo_prom_duration(d->window_s, st->window);
	st->w[0].name = st->window;
	st->w[0].secs = d->window_s;
	for (size_t i = 1; i < AG_SLO_NWIN; i++) {
		st->w[i].name = burn_windows[i - 1].name;
		st->w[i].secs = burn_windows[i - 1].secs;
	}
}

static bool is_events(const struct ag_slo_query *q)
{
	return q->source && !strcasecmp(q->source, "archgate-events");
}

static void rfc3339(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A predicate's diagnostics at its query's place in the SLO file. */
static void moved(struct ag_diags *from, struct ag_diags *to, const struct ag_slo_query *q)
{
	for (size_t i = 0; i < from->n; i++) {
		struct ag_pos p = q->pos;
		ag_diags_addpos(to, AG_SEV_ERROR, &p, "the events predicate '%s' does not parse: %s",
				q->query, from->v[i].message);
	}
}

int ag_slo_status_events(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			 long long at, struct ag_diags *diags)
{
	return ag_slo_status_series(st, paths, npaths, at, NULL, diags);
}

void ag_slo_since_walk(const struct ag_slo_state *st, const double *bad, const double *total,
		       size_t nb, long long base, long long step, struct ag_slo_since *sv, size_t ns)
{
	for (size_t k = 0; k < ns; k++) {
		struct ag_slo_since *s = &sv[k];
		s->state = AG_SINCE_NOT;
		/* the window ending now, as counted; then bucket by bucket back */
		double b = st->w[0].bad, t = st->w[0].total;
#define PAST(b, t) ((t) > 0 && ag_slo_consumed(b, t, st->d->target) >= s->threshold)
		if (!st->w[0].have || !PAST(b, t))
			continue;
		size_t e = 2 * nb;
		while (e > nb) {
			double b2 = b - bad[e - 1] + bad[e - 1 - nb];
			double t2 = t - total[e - 1] + total[e - 1 - nb];
			if (!PAST(b2, t2))
				break;
			b = b2;
			t = t2;
			e--;
		}
#undef PAST
		s->state = e > nb ? AG_SINCE_AT : AG_SINCE_BEFORE;
		s->since = base + step * (long long)(e > nb ? e - 1 : nb);
	}
}

int ag_slo_status_series(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			 long long at, struct ag_slo_series *ser, struct ag_diags *diags)
{
	return ag_slo_status_since(st, paths, npaths, at, ser, NULL, 0, diags);
}

int ag_slo_status_since(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			long long at, struct ag_slo_series *ser, struct ag_slo_since *sv, size_t ns,
			struct ag_diags *diags)
{
	const struct ag_slo_def *d = st->d;
	if (d->kind != AG_SLI_RATIO || !is_events(&d->num) ||
	    (d->total.source && *d->total.source && !is_events(&d->total))) {
		st->skip = "its indicator is not over archgate-events";
		return 0;
	}
	/* one pass: counts per bucket (an hour when `at` is on the hour, else
	 * a minute, `at` rounded down to it), summed into each window */
	at -= at % 60;
	long long bucket = at % 3600 || ns ? 60 : 3600;
	/* since when: one window more before it, in minutes */
	size_t nb = ns ? (size_t)((d->window_s + 59) / 60) : 0;
	long long base = at - 2 * 60 * (long long)nb;
	double *sb = ns ? calloc(nb ? 4 * nb : 1, sizeof(*sb)) : NULL;
	if (ns && !sb)
		return AG_ENOMEM;
	char since[32], until[32];
	rfc3339(ns ? base : at - d->window_s, since);
	rfc3339(at, until);
	struct ag_buf text = AG_BUF_INIT, errs = AG_BUF_INIT;
	if (d->total.query)
		ag_buf_printf(&text, "where (%s) ", d->total.query);
	ag_buf_printf(&text, "every %llds compute count, errors since \"%s\" until \"%s\"", bucket,
		      since, until);
	ag_buf_printf(&errs, d->good ? "not (%s)" : "%s", d->num.query ? d->num.query : "false");
	if (ag_buf_err(&text) || ag_buf_err(&errs)) {
		ag_buf_release(&text);
		ag_buf_release(&errs);
		return AG_ENOMEM;
	}
	int rc = 0;
	struct ag_evq q;
	ag_evq_init(&q);
	struct ag_diags qd;
	ag_diags_init(&qd);
	if (ag_evq_parse(&q, text.data, &qd)) {
		moved(&qd, diags, &d->total);
		rc = AG_EINVAL;
	} else if (ag_evq_set_errors(&q, errs.data, &qd)) {
		moved(&qd, diags, &d->num);
		rc = AG_EINVAL;
	} else if (!(rc = ag_evq_set_time_fields(&q, NULL, 0))) {
		struct ag_evs_opts o = {0};
		struct ag_evs_result res;
		int r = ag_evs_run(&q, paths, npaths, &o, &res, diags);
		if (r == 0 || r == AG_EIO) {
			for (size_t i = 0; i < AG_SLO_NWIN; i++) {
				struct ag_slo_count *c = &st->w[i];
				if (i && c->secs >= d->window_s)
					continue;
				int64_t from = (int64_t)(at - c->secs) * 1000000000LL;
				c->have = true;
				for (size_t k = 0; k < res.nrows; k++) {
					if (res.rows[k].window < from)
						continue;
					c->total += res.rows[k].agg[0];
					c->bad += res.rows[k].agg[1];
				}
			}
			for (size_t k = 0; ser && ser->slice > 0 && k < res.nrows; k++) {
				long long t = (long long)(res.rows[k].window / 1000000000LL);
				long long off = t - (at - d->window_s);
				if (off < 0)
					continue;
				size_t j = (size_t)(off / ser->slice);
				if (j >= ser->n)
					j = ser->n - 1;
				ser->total[j] += res.rows[k].agg[0];
				ser->bad[j] += res.rows[k].agg[1];
			}
			for (size_t k = 0; sb && k < res.nrows; k++) {
				long long t = (long long)(res.rows[k].window / 1000000000LL);
				if (t < base || t >= at)
					continue;
				size_t j = (size_t)((t - base) / 60);
				sb[j] += res.rows[k].agg[1];
				sb[2 * nb + j] += res.rows[k].agg[0];
			}
			if (sb)
				ag_slo_since_walk(st, sb, sb + 2 * nb, nb, base, 60, sv, ns);
		}
		rc = r;
		ag_evs_result_release(&res);
	}
	ag_diags_release(&qd);
	ag_evq_release(&q);
	ag_buf_release(&text);
	ag_buf_release(&errs);
	free(sb);
	return rc;
}

struct figures {
	double sli, ratio, consumed, remaining, burn[AG_SLO_NWIN], tte;
	bool have_sli, have_burn[AG_SLO_NWIN], have_tte;
};

static void figure(const struct ag_slo_state *st, struct figures *f)
{
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < AG_SLO_NWIN; i++) {
		const struct ag_slo_count *c = &st->w[i];
		if (!c->have || c->total <= 0)
			continue;
		f->burn[i] = ag_slo_consumed(c->bad, c->total, st->d->target);
		f->have_burn[i] = true;
		if (!i) {
			f->ratio = c->bad / c->total;
			f->sli = 1 - f->ratio;
			f->consumed = f->burn[0];
			f->remaining = 1 - f->consumed;
			f->have_sli = true;
		}
	}
	if (f->have_sli && f->have_burn[1]) {
		if (f->remaining <= 0) {
			f->tte = 0;
			f->have_tte = true;
		} else if (f->burn[1] > 0) {
			f->tte = f->remaining * (double)st->d->window_s / f->burn[1];
			f->have_tte = true;
		}
	}
}

static void pct(struct ag_buf *b, double v)
{
	ag_buf_printf(b, "%.4g%%", v * 100);
}

int ag_slo_status_render(struct ag_buf *out, const struct ag_slo_state *v, size_t n,
			 const char *source, long long at, bool json)
{
	char when[32];
	rfc3339(at, when);
	if (json) {
		struct ag_json w;
		ag_json_init(&w, out, 0);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "source", source);
		ag_json_kv_str(&w, "at", when);
		ag_json_key(&w, "slos");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			const struct ag_slo_state *st = &v[i];
			struct figures f;
			figure(st, &f);
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "name", st->d->name);
			ag_json_kv_str(&w, "service", st->d->service);
			ag_json_kv_str(&w, "file", st->d->pos.file);
			ag_json_kv_int(&w, "line", st->d->pos.line);
			ag_json_kv_double(&w, "target", st->d->target, AG_JSON_SHORTEST);
			ag_json_kv_str(&w, "window", st->window);
			ag_json_kv_int(&w, "window_seconds", st->d->window_s);
			if (st->skip) {
				ag_json_kv_str(&w, "skipped", st->skip);
				ag_json_end_object(&w);
				continue;
			}
			ag_json_kv_double(&w, "allowed_bad_fraction", ag_slo_bad_fraction(st->d->target), AG_JSON_SHORTEST);
			if (st->w[0].have) {
				ag_json_kv_double(&w, "events", st->w[0].total, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "bad_events", st->w[0].bad, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "allowed_bad_events",
						  st->w[0].total * ag_slo_bad_fraction(st->d->target), AG_JSON_SHORTEST);
			}
			if (f.have_sli) {
				ag_json_kv_double(&w, "sli", f.sli, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "error_ratio", f.ratio, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "budget_consumed", f.consumed, AG_JSON_SHORTEST);
				ag_json_kv_double(&w, "budget_remaining", f.remaining, AG_JSON_SHORTEST);
			} else {
				ag_json_kv_null(&w, "sli");
				ag_json_kv_null(&w, "budget_consumed");
				ag_json_kv_null(&w, "budget_remaining");
			}
			ag_json_key(&w, "burn_rates");
			ag_json_begin_object(&w);
			for (size_t k = 1; k < AG_SLO_NWIN; k++) {
				if (st->w[k].secs >= st->d->window_s)
					continue;
				if (f.have_burn[k])
					ag_json_kv_double(&w, st->w[k].name, f.burn[k], AG_JSON_SHORTEST);
				else
					ag_json_kv_null(&w, st->w[k].name);
			}
			ag_json_end_object(&w);
			if (f.have_tte)
				ag_json_kv_double(&w, "time_to_exhaustion_seconds", f.tte, AG_JSON_SHORTEST);
			else
				ag_json_kv_null(&w, "time_to_exhaustion_seconds");
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		int rc = ag_json_finish(&w);
		ag_buf_addc(out, '\n');
		return rc ? rc : ag_buf_err(out);
	}
	ag_buf_printf(out, "SLO status from %s at %s\n", source, when);
	for (size_t i = 0; i < n; i++) {
		const struct ag_slo_state *st = &v[i];
		struct figures f;
		figure(st, &f);
		ag_buf_printf(out, "\n%s%s%s (", st->d->service, *st->d->service ? "/" : "",
			      st->d->name);
		pct(out, st->d->target);
		ag_buf_printf(out, " over %s)\n", st->window);
		if (st->skip) {
			ag_buf_printf(out, "  not counted: %s\n", st->skip);
			continue;
		}
		if (!f.have_sli) {
			ag_buf_adds(out, "  no events in the window\n");
			continue;
		}
		ag_buf_printf(out, "  events %.0f, bad %.0f (allowed %.4g)\n  SLI ", st->w[0].total,
			      st->w[0].bad, st->w[0].total * ag_slo_bad_fraction(st->d->target));
		pct(out, f.sli);
		ag_buf_adds(out, ", budget consumed ");
		pct(out, f.consumed);
		ag_buf_adds(out, ", remaining ");
		pct(out, f.remaining);
		ag_buf_adds(out, "\n  burn rate:");
		for (size_t k = 1; k < AG_SLO_NWIN; k++) {
			if (st->w[k].secs >= st->d->window_s)
				continue;
			if (f.have_burn[k])
				ag_buf_printf(out, " %s %.3gx", st->w[k].name, f.burn[k]);
			else
				ag_buf_printf(out, " %s -", st->w[k].name);
		}
		ag_buf_addc(out, '\n');
		if (f.have_tte) {
			char h[64];
			ag_slo_human_seconds(f.tte, h);
			ag_buf_printf(out, "  budget exhausted %s%s\n", f.tte > 0 ? "in " : "",
				      f.tte > 0 ? h : "already");
		}
	}
	return ag_buf_err(out);
}
