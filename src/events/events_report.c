/*
 * events_report.c - the text and JSON documents of events stats, lint and
 * traces; see events_report.h.
 */
#include <math.h>
#include <string.h>
#include "base/json.h"
#include "events_report.h"


const char *ag_ev_display_path(const char *p)
{
	return strcmp(p, "-") ? p : "(stdin)";
}

int ag_ev_text_escaped(struct ag_buf *out, const char *s, size_t n)
{
	return ag_buf_text_str(out, s, n); /* the one terminal escaper (ADR-023) */
}

int ag_evs_examples_text(struct ag_buf *out, const struct ag_evs_result *r,
			 const char *const *paths, size_t max)
{
	uint64_t bad = r->invalid + r->other;
	if (!bad)
		return 0;
	AG_TRY(ag_buf_printf(out, "\n%llu line%s %s not JSON events:\n", (unsigned long long)bad,
			  bad == 1 ? "" : "s", bad == 1 ? "is" : "are"));
	for (size_t i = 0; i < r->nex && i < max; i++) {
		const struct ag_evs_example *x = &r->ex[i];
		AG_TRY(ag_buf_printf(out, "  %s:%llu:%zu: %s: ", ag_ev_display_path(paths[x->input]),
				  (unsigned long long)x->line, x->col, x->why));
		AG_TRY(ag_ev_text_escaped(out, x->text, strlen(x->text)));
		AG_TRY(ag_buf_addc(out, '\n'));
	}
	return 0;
}

/* "invalid_examples": [{"file", "line", "col", "message", "text"}] */
static void examples_json(struct ag_json *w, const struct ag_evs_example *ex, size_t n,
			  const char *const *paths)
{
	ag_json_key(w, "invalid_examples");
	ag_json_begin_array(w);
	for (size_t i = 0; i < n; i++) {
		ag_json_begin_object(w);
		ag_json_kv_str(w, "file", ag_ev_display_path(paths[ex[i].input]));
		ag_json_kv_uint(w, "line", ex[i].line);
		ag_json_kv_uint(w, "col", ex[i].col);
		ag_json_kv_str(w, "message", ex[i].why);
		ag_json_kv_str(w, "text", ex[i].text);
		ag_json_end_object(w);
	}
	ag_json_end_array(w);
}

static void cell_json(struct ag_json *w, const struct ag_evs_cell *c)
{
	if (c->type == AG_EV_STR)
		ag_json_strn(w, c->s, c->n);
	else if (c->type == AG_EV_NUM)
		ag_json_double(w, c->num, AG_JSON_SHORTEST);
	else if (c->type == AG_EV_TRUE || c->type == AG_EV_FALSE)
		ag_json_bool(w, c->type == AG_EV_TRUE);
	else if (c->type == AG_EV_OBJ || c->type == AG_EV_ARR)
		ag_json_raw_compact(w, c->s, c->n);
	else
		ag_json_null(w);
}

/* The stats columns, in the query's aggregate order (events_report.h). */
static const char *const stats_columns[] = {"count", "errors", "mean_ms", "p50_ms", "p95_ms",
					    "p99_ms"};
#define NSTATS (sizeof(stats_columns) / sizeof(stats_columns[0]))

static int stats_json(struct ag_buf *out, const struct ag_evs_result *r, const char *by,
		      const char *const *paths)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_uint(&w, "lines", r->lines);
	ag_json_kv_uint(&w, "events", r->events);
	ag_json_kv_uint(&w, "invalid", r->invalid + r->other);
	ag_json_kv_uint(&w, "blank", r->blank);
	ag_json_kv_uint(&w, "bytes", r->bytes);
	ag_json_kv_str(&w, "by", by);
	ag_json_key(&w, strcmp(by, "service") ? "groups" : "services");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct ag_evs_row *row = &r->rows[i];
		ag_json_begin_object(&w);
		ag_json_key(&w, by);
		cell_json(&w, &row->key[0]);
		for (size_t k = 0; k < NSTATS; k++)
			ag_json_kv_double(&w, stats_columns[k], row->agg_null[k] ? NAN : row->agg[k],
					  AG_JSON_SHORTEST);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	examples_json(&w, r->ex, r->nex, paths);
	ag_json_end_object(&w);
	AG_TRY(ag_json_finish(&w));
	return ag_buf_addc(out, '\n');
}

int ag_evs_stats_report(struct ag_buf *out, bool json, const struct ag_evq *q,
			const struct ag_evs_result *r, const char *by,
			const char *const *paths)
{
	if (json)
		return stats_json(out, r, by, paths);
	struct ag_evq view = *q; /* the same rows with the stats headings */
	for (size_t k = 0; k < NSTATS && k < view.naggs; k++)
		view.aggs[k].name = stats_columns[k];
	AG_TRY(ag_evs_render(out, &view, r, paths, false));
	bool is_service = !strcmp(by, "service");
	AG_TRY(ag_buf_printf(out, "\n%llu lines, %llu events, %llu invalid, %zu %s%s",
			  (unsigned long long)r->lines, (unsigned long long)r->events,
			  (unsigned long long)(r->invalid + r->other), r->ngroups,
			  is_service ? "service" : "group", r->ngroups == 1 ? "" : "s"));
	if (r->seconds > 0.05)
		AG_TRY(ag_buf_printf(out, " in %.2f s (%.2f GB/s)", r->seconds,
				  (double)r->bytes / r->seconds / 1e9));
	AG_TRY(ag_buf_addc(out, '\n'));
	return ag_evs_examples_text(out, r, paths, 5);
}

/* ---- lint ------------------------------------------------------------------------------- */

static int lint_json(struct ag_buf *out, const struct ag_evl_result *r,
		     const char *const *paths, double min_share, double min_cov)
{
	uint64_t nonblank = r->lines - r->blank;
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_uint(&w, "lines", r->lines);
	ag_json_kv_uint(&w, "blank", r->blank);
	ag_json_kv_uint(&w, "json_lines", nonblank - r->invalid - r->other);
	ag_json_kv_uint(&w, "events", r->events);
	ag_json_kv_uint(&w, "invalid", r->invalid + r->other);
	ag_json_kv_double(&w, "json_share", ag_evl_json_share(r), AG_JSON_SHORTEST);
	ag_json_kv_double(&w, "min_json_share", min_share, AG_JSON_SHORTEST);
	ag_json_kv_double(&w, "min_field_coverage", min_cov, AG_JSON_SHORTEST);
	ag_json_key(&w, "required");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->nrequired; i++) {
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "field", r->required[i]);
		ag_json_kv_uint(&w, "present", r->required_present[i]);
		ag_json_kv_double(&w, "coverage", ag_evl_coverage(r, i), AG_JSON_SHORTEST);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "fields");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->nfields; i++) {
		const struct ag_evl_field *f = &r->fields[i];
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "field", f->name);
		ag_json_key(&w, "types");
		ag_json_begin_object(&w);
		for (int t = AG_EV_NULL; t <= AG_EV_ARR; t++)
			if (f->by_type[t])
				ag_json_kv_uint(&w, ag_ev_type_name((enum ag_ev_type)t), f->by_type[t]);
		ag_json_end_object(&w);
		ag_json_kv_bool(&w, "consistent", !ag_evl_inconsistent(f));
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	examples_json(&w, r->ex, r->nex, paths);
	ag_json_kv_bool(&w, "ok", ag_evl_ok(r, min_share, min_cov));
	ag_json_end_object(&w);
	AG_TRY(ag_json_finish(&w));
	return ag_buf_addc(out, '\n');
}

static int where_text(struct ag_buf *b, const char *const *paths, const struct ag_evl_where *w)
{
	if (w->input == (size_t)-1)
		return ag_buf_adds(b, "?");
	return ag_buf_printf(b, "%s:%llu", ag_ev_display_path(paths[w->input]),
			     (unsigned long long)w->line);
}

int ag_evl_report(struct ag_buf *out, bool json, const struct ag_evl_result *r,
		  const char *const *paths, double min_share, double min_cov)
{
	if (json)
		return lint_json(out, r, paths, min_share, min_cov);
	uint64_t nonblank = r->lines - r->blank;
	double share = ag_evl_json_share(r);
	AG_TRY(ag_buf_printf(out, "%llu lines, %llu JSON event lines of %llu non-blank: %.2f%% "
			  "(policy: at least %.2f%%)%s\n",
			  (unsigned long long)r->lines,
			  (unsigned long long)(nonblank - r->invalid - r->other),
			  (unsigned long long)nonblank, share * 100, min_share * 100,
			  ag_evl_share_ok(r, min_share) ? "" : "  FAIL"));
	if (r->otlp_lines)
		AG_TRY(ag_buf_printf(out, "%llu OTLP/JSON lines\n", (unsigned long long)r->otlp_lines));
	AG_TRY(ag_buf_printf(out, "\nRequired fields (%llu events, policy: at least %.2f%% each):\n",
			  (unsigned long long)r->events, min_cov * 100));
	for (size_t i = 0; i < r->nrequired; i++)
		AG_TRY(ag_buf_printf(out, "  %-20s %7.2f%%  %llu missing%s\n", r->required[i],
				  ag_evl_coverage(r, i) * 100,
				  (unsigned long long)(r->events - r->required_present[i]),
				  ag_evl_field_ok(r, i, min_cov) ? "" : "  FAIL"));
	bool any = false;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct ag_evl_field *f = &r->fields[i];
		if (!ag_evl_inconsistent(f))
			continue;
		if (!any)
			AG_TRY(ag_buf_adds(out, "\nFields written with more than one type:\n"));
		any = true;
		AG_TRY(ag_buf_printf(out, "  %s:", f->name));
		for (int t = AG_EV_TRUE; t <= AG_EV_ARR; t++) {
			if (!f->by_type[t])
				continue;
			AG_TRY(ag_buf_printf(out, " %s %llu (first ", ag_ev_type_name((enum ag_ev_type)t),
					  (unsigned long long)f->by_type[t]));
			AG_TRY(where_text(out, paths, &f->first[t]));
			AG_TRY(ag_buf_adds(out, ")"));
		}
		AG_TRY(ag_buf_addc(out, '\n'));
	}
	if (!any && r->nfields)
		AG_TRY(ag_buf_printf(out, "\nEvery one of the %zu fields has one type.\n", r->nfields));
	if (r->more_fields)
		AG_TRY(ag_buf_printf(out, "(%llu more field names not tracked)\n",
				  (unsigned long long)r->more_fields));
	if (r->invalid + r->other) {
		AG_TRY(ag_buf_printf(out, "\nLines that are not JSON events (%llu; the first %zu):\n",
				  (unsigned long long)(r->invalid + r->other), r->nex));
		for (size_t i = 0; i < r->nex; i++) {
			const struct ag_evs_example *x = &r->ex[i];
			AG_TRY(ag_buf_printf(out, "  %s:%llu:%zu: %s\n      ",
					  ag_ev_display_path(paths[x->input]),
					  (unsigned long long)x->line, x->col, x->why));
			AG_TRY(ag_ev_text_escaped(out, x->text, strlen(x->text)));
			AG_TRY(ag_buf_addc(out, '\n'));
		}
	}
	return ag_buf_printf(out, "\n%s\n", ag_evl_ok(r, min_share, min_cov) ? "events lint: ok"
									     : "events lint: FAIL");
}

/* ---- traces ------------------------------------------------------------------------------ */

int ag_evt_slowest_report(struct ag_buf *out, bool json, const struct ag_evt_summary *s,
			  size_t n, uint64_t ntraces)
{
	if (json) {
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_uint(&w, "traces", ntraces);
		ag_json_key(&w, "slowest");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "trace_id", s[i].trace_id);
			ag_json_kv_double(&w, "duration_ms", s[i].dur_ms, AG_JSON_SHORTEST);
			ag_json_kv_uint(&w, "spans", s[i].spans);
			ag_json_kv_uint(&w, "errors", s[i].errors);
			ag_json_kv_str(&w, "root_service", s[i].root_service);
			ag_json_kv_str(&w, "root_name", s[i].root_name);
			if (s[i].has_start) {
				char ts[40];
				ag_ev_format_time(s[i].start_ns, ts);
				ag_json_kv_str(&w, "start", ts);
			}
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		AG_TRY(ag_json_finish(&w));
		return ag_buf_addc(out, '\n');
	}
	AG_TRY(ag_buf_printf(out, "%-34s %12s %6s %6s  %s\n", "trace_id", "duration_ms", "spans",
			  "errors", "root"));
	for (size_t i = 0; i < n; i++)
		AG_TRY(ag_buf_printf(out, "%-34s %12.3f %6llu %6llu  %s: %s\n", s[i].trace_id,
				  s[i].dur_ms, (unsigned long long)s[i].spans,
				  (unsigned long long)s[i].errors,
				  s[i].root_service ? s[i].root_service : "?",
				  s[i].root_name ? s[i].root_name : "(no root span)"));
	return ag_buf_printf(out, "\n%zu slowest of %llu trace%s; 'archgate events trace ID' "
			     "shows one\n", n, (unsigned long long)ntraces, ntraces == 1 ? "" : "s");
}
