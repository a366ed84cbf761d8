/*
 * cmd_events.c - `archgate events ...`: Phase 2.5 over real data. "Think in
 * traces, not logs"; "structured events over text logs: query like a
 * database, not grep". NDJSON event logs and OTLP/JSON exports, plain or
 * gzip/zstd, from files or standard input; the engine is src/events/.
 */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "events/events_lint.h"
#include "events/events_sql.h"
#include "events/events_stats.h"
#include "events/events_trace.h"

const char *const usage_events[] = {
	"archgate events <lint|stats|query|sql|trace|traces> [OPTIONS] [FILE...]",
	"",
	"Answer the seed's Phase 2.5 questions from NDJSON event logs (one JSON",
	"object per line) and OpenTelemetry OTLP/JSON exports (the Collector's file",
	"exporter), plain, gzip or zstd. Without FILE: the model's",
	"observability.events paths, else standard input. Invalid lines are",
	"counted and shown with their line numbers, never fatal.",
	"",
	"  events lint FILE...      share of JSON lines, coverage of the required",
	"                           fields (observability.required_fields), type",
	"                           consistency, unparseable text lines; exit 1 below",
	"                           the policy (events.min_json_share,",
	"                           events.min_field_coverage)",
	"  events stats FILE...     per service: count, errors, mean and p50/p95/p99",
	"                           duration (at most 1% relative error)",
	"      --by FIELD           group by another field (default service)",
	"      --duration FIELD     the latency field (default duration_ms)",
	"      --errors EXPR        what counts as an error (default: see",
	"                           docs/events.md; level error/fatal/critical,",
	"                           error=true, status >= 500, OTLP status.code 2)",
	"      --where EXPR         only events matching EXPR",
	"  events query QUERY FILE...",
	"                           filter, group, aggregate, top-N, time windows:",
	"                           where EXPR, by FIELDS, every 1m, compute AGGS,",
	"                           top N by AGG, since/until TIME, limit N",
	"  events sql \"SELECT ...\" FILE...",
	"                           SQL (SQLite) over the table `events`, whose",
	"                           columns are the fields found, plus _file, _line",
	"                           and _json (the whole event)",
	"  events trace ID FILE...  one trace as a tree with timings and its",
	"                           critical path",
	"  events traces [--slowest N] FILE...",
	"                           the N slowest traces (default 10)",
	"",
	"Options for every subcommand:",
	"  --format FMT             text (default) or json (sql: also csv)",
	"  --threads N              worker threads (default: every core)",
	"  --time-field FIELD       the event time (default timestamp, ts, time,",
	"                           @timestamp; OTLP: the span start)",
	"  --no-progress            no progress line on a terminal",
	"",
	"Examples:",
	"  archgate events stats logs/app.ndjson.zst",
	"  archgate events query 'where service = \"payment-api\" and duration_ms > 200",
	"      by event compute count, p99(duration_ms) top 5' logs/*.ndjson",
	"  archgate events sql \"SELECT service, count(*) FROM events GROUP BY 1\" app.ndjson",
	"  archgate events traces --slowest 5 otel-traces.json", NULL};

/* ---- shared plumbing ------------------------------------------------------------------ */

struct progress {
	bool on;
	bool shown;
};

static void fmt_bytes(char *o, size_t n, double b)
{
	if (b >= 1e9)
		snprintf(o, n, "%.2f GB", b / 1e9);
	else if (b >= 1e6)
		snprintf(o, n, "%.1f MB", b / 1e6);
	else
		snprintf(o, n, "%.0f kB", b / 1e3);
}

static void on_progress(void *ctx, uint64_t done, uint64_t total, double secs)
{
	struct progress *p = ctx;
	if (!p->on || secs < 0.5)
		return;
	char d[32], rate[32], left[48] = "";
	fmt_bytes(d, sizeof(d), (double)done);
	fmt_bytes(rate, sizeof(rate), secs > 0 ? (double)done / secs : 0);
	if (total && done && done < total) {
		double rem = secs * (double)(total - done) / (double)done;
		char t[32];
		fmt_bytes(t, sizeof(t), (double)total);
		snprintf(left, sizeof(left), " of %s, %.0f s left", t, ceil(rem));
	}
	fprintf(stderr, "\r\033[K%s%s  %s/s", d, left, rate);
	fflush(stderr);
	p->shown = true;
}

static void progress_end(struct progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
}

static bool parse_threads(const char *cmd, const struct cli_args *a, unsigned *out, int *rc)
{
	*out = 0;
	*rc = 0;
	const char *t = a->val[OPT_THREADS];
	if (!t)
		return true;
	char *e;
	long v = strtol(t, &e, 10);
	if (*e || v < 1 || v > 256) {
		*rc = cli_usage_error(cmd, "--threads needs a number from 1 to 256, not '%s'", t);
		return false;
	}
	*out = (unsigned)v;
	return true;
}

/* The files to read: the arguments, else the model's observability.events
 * (globs relative to the repository root), else standard input when it is
 * not a terminal. *list is malloc'd (strings malloc'd too when from globs). */
struct files {
	char **v;
	size_t n;
	bool owned;
};

static void files_release(struct files *f)
{
	if (f->owned)
		for (size_t i = 0; i < f->n; i++)
			free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static int model_files(const struct cli_args *a, struct files *f, const char *cmd)
{
	char cwd[4096], *dir = NULL;
	if (!getcwd(cwd, sizeof(cwd)) || ag_model_find(a->val[OPT_DIR], cwd, &dir))
		return 0;
	struct ag_model m;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_model_load_parts(&m, dir, AG_LOAD_SYSTEM, &d);
	free(dir);
	if (rc) {
		cli_print_diags(&d, false);
		ag_diags_release(&d);
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	ag_diags_release(&d);
	const struct ag_scalar *ev = m.sys.observability.events.v;
	for (size_t i = 0; i < m.sys.observability.events.n; i++) {
		char pat[8192];
		snprintf(pat, sizeof(pat), "%s%s%s", ev[i].s[0] == '/' ? "" : m.root,
			 ev[i].s[0] == '/' ? "" : "/", ev[i].s);
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t k = 0; k < g.gl_pathc; k++) {
				char **nv = realloc(f->v, (f->n + 1) * sizeof(*nv));
				char *s = strdup(g.gl_pathv[k]);
				if (!nv || !s) {
					free(s);
					if (nv)
						f->v = nv;
					globfree(&g);
					ag_model_release(&m);
					fprintf(stderr, "archgate %s: out of memory\n", cmd);
					return AG_EXIT_USAGE;
				}
				f->v = nv;
				f->v[f->n++] = s;
			}
			globfree(&g);
		} else {
			fprintf(stderr, "archgate %s: warning: observability.events path '%s' "
				"matches no file\n", cmd, ev[i].s);
		}
	}
	f->owned = true;
	ag_model_release(&m);
	return 0;
}

static int get_files(const char *cmd, const struct cli_args *a, int first, struct files *f)
{
	memset(f, 0, sizeof(*f));
	if (a->npos > first) {
		f->v = malloc((size_t)(a->npos - first) * sizeof(*f->v));
		if (!f->v)
			return AG_EXIT_USAGE;
		for (int i = first; i < a->npos; i++)
			f->v[f->n++] = a->pos[i];
		return 0;
	}
	int rc = model_files(a, f, cmd);
	if (rc || f->n)
		return rc;
	files_release(f);
	if (isatty(STDIN_FILENO))
		return cli_usage_error(cmd, "no event files given (and standard input is a "
					    "terminal)");
	f->v = malloc(sizeof(*f->v));
	if (!f->v)
		return AG_EXIT_USAGE;
	f->v[f->n++] = "-";
	return 0;
}

static const char *display_path(const char *p)
{
	return strcmp(p, "-") ? p : "(stdin)";
}

/* Query errors: the diagnostic, then the query with a caret at the column. */
static void print_query_diags(const struct ag_diags *d, const char *cmd, const char *text)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_diag *g = &d->v[i];
		if (!strcmp(g->code, AG_EVQ_CODE_QUERY) || !strcmp(g->code, AG_EVQ_CODE_WHERE) ||
		    !strcmp(g->code, AG_EVQ_CODE_ERRORS) || !strcmp(g->code, AG_EVQ_CODE_AGGREGATE) ||
		    !strcmp(g->code, AG_EVQ_CODE_BY) || !strcmp(g->code, AG_EVSQL_CODE)) {
			fprintf(stderr, "archgate %s: error in %s at column %d: %s\n", cmd,
				!strcmp(g->code, AG_EVQ_CODE_QUERY) ? "the query"
				: !strcmp(g->code, AG_EVSQL_CODE) ? "the SQL" : g->code,
				g->col, g->message);
			if (text) {
				fprintf(stderr, "  %s\n  %*s^\n", text, g->col > 0 ? g->col - 1 : 0, "");
			}
		} else {
			struct ag_diags one = {(struct ag_diag *)g, 1, 1, 1, 0};
			cli_print_diags(&one, false);
		}
	}
}

static void print_examples(const struct ag_evs_result *r, char **paths, size_t max,
			   struct ag_buf *out)
{
	uint64_t bad = r->invalid + r->other;
	if (!bad)
		return;
	ag_buf_printf(out, "\n%llu line%s %s not JSON events:\n", (unsigned long long)bad,
		      bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
	for (size_t i = 0; i < r->nex && i < max; i++) {
		const struct ag_evs_example *x = &r->ex[i];
		ag_buf_printf(out, "  %s:%llu:%zu: %s: %s\n", display_path(paths[x->input]),
			      (unsigned long long)x->line, x->col, x->why, x->text);
	}
}

static void examples_json(struct ag_buf *out, const struct ag_evs_result *r, char **paths)
{
	ag_buf_adds(out, "\"invalid_examples\":[");
	for (size_t i = 0; i < r->nex; i++) {
		const struct ag_evs_example *x = &r->ex[i];
		const char *f = display_path(paths[x->input]);
		ag_buf_adds(out, i ? ",{\"file\":" : "{\"file\":");
		ag_buf_json_str(out, f, strlen(f));
		ag_buf_printf(out, ",\"line\":%llu,\"col\":%zu,\"message\":",
			      (unsigned long long)x->line, x->col);
		ag_buf_json_str(out, x->why, strlen(x->why));
		ag_buf_adds(out, ",\"text\":");
		ag_buf_json_str(out, x->text, strlen(x->text));
		ag_buf_addc(out, '}');
	}
	ag_buf_addc(out, ']');
}

static int run_error(const char *cmd, int rc, const struct ag_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_diag *g = &d->v[i];
		/* a query error met while running (trace's --errors) has no file;
		 * it has always been shown with its code where a file would be */
		if (!g->file && strcmp(g->code, AG_DIAG_INPUT)) {
			fprintf(stderr, "%s:%d:%d: %s: %s\n", g->code, g->line, g->col > 0 ? g->col : 1,
				ag_severity_name(g->sev), g->message);
			continue;
		}
		struct ag_diags one = {(struct ag_diag *)g, 1, 1, 1, 0};
		cli_print_diags(&one, false);
	}
	if (d->dropped)
		cli_print_diags(&(struct ag_diags){NULL, 0, 0, 1, d->dropped}, false);
	if (rc && rc != AG_EIO)
		fprintf(stderr, "archgate %s: %s\n", cmd, ag_strerror(rc));
	return AG_EXIT_USAGE;
}

/* ---- stats ----------------------------------------------------------------------------- */

static int events_stats(int argc, char **argv)
{
	const char *cmd = "events stats";
	struct cli_args a;
	int rc = cli_parse(cmd, argc, argv,
			   1u << OPT_DIR | 1u << OPT_FORMAT | 1u << OPT_BY | 1u << OPT_THREADS |
				   1u << OPT_ERRORS | 1u << OPT_DURATION | 1u << OPT_WHERE |
				   1u << OPT_NO_PROGRESS, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("events");
		return 0;
	}
	enum ag_format fmt;
	unsigned threads;
	if ((rc = cli_format(cmd, &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)) ||
	    !parse_threads(cmd, &a, &threads, &rc))
		return rc;
	const char *by = a.val[OPT_BY] ? a.val[OPT_BY] : "service";
	const char *dur = a.val[OPT_DURATION] ? a.val[OPT_DURATION] : "duration_ms";
	struct ag_evq q;
	ag_evq_init(&q);
	struct ag_diags d;
	ag_diags_init(&d);
	char aggs[4][300];
	snprintf(aggs[0], sizeof(aggs[0]), "avg(`%s`)", dur);
	snprintf(aggs[1], sizeof(aggs[1]), "p50(`%s`)", dur);
	snprintf(aggs[2], sizeof(aggs[2]), "p95(`%s`)", dur);
	snprintf(aggs[3], sizeof(aggs[3]), "p99(`%s`)", dur);
	if (!*by || !*dur) {
		ag_evq_release(&q);
		return cli_usage_error(cmd, "--by and --duration need a field name");
	}
	rc = ag_evq_add_key(&q, by, &d);
	if (!rc && ag_evq_add_agg(&q, "count", &d) < 0)
		rc = AG_EPARSE;
	if (!rc && ag_evq_add_agg(&q, "errors", &d) < 0)
		rc = AG_EPARSE;
	for (int i = 0; !rc && i < 4; i++)
		if (ag_evq_add_agg(&q, aggs[i], &d) < 0)
			rc = AG_EPARSE;
	const char *errs = a.val[OPT_ERRORS] ? a.val[OPT_ERRORS] : AG_EVQ_DEFAULT_ERRORS;
	if (!rc)
		rc = ag_evq_set_errors(&q, errs, &d);
	if (!rc && a.val[OPT_WHERE])
		rc = ag_evq_set_where(&q, a.val[OPT_WHERE], &d);
	if (rc) {
		const char *text = d.n && !strcmp(d.v[0].code, AG_EVQ_CODE_ERRORS) ? errs
				   : d.n && !strcmp(d.v[0].code, AG_EVQ_CODE_WHERE)
					   ? a.val[OPT_WHERE] : NULL;
		print_query_diags(&d, cmd, text);
		ag_diags_release(&d);
		ag_evq_release(&q);
		return AG_EXIT_USAGE;
	}
	struct files f;
	if ((rc = get_files(cmd, &a, 0, &f))) {
		ag_diags_release(&d);
		ag_evq_release(&q);
		return rc;
	}
	struct progress pr = {isatty(STDERR_FILENO) && !a.val[OPT_NO_PROGRESS], false};
	struct ag_evs_opts o = {threads, 0, 5, NULL, on_progress, &pr};
	struct ag_evs_result res;
	rc = ag_evs_run(&q, (const char *const *)f.v, f.n, &o, &res, &d);
	progress_end(&pr);
	int exit_code = AG_EXIT_OK;
	if (rc && rc != AG_EIO) {
		exit_code = run_error(cmd, rc, &d);
		goto out;
	}
	cli_print_diags(&d, false);
	if (rc == AG_EIO)
		exit_code = AG_EXIT_USAGE;
	struct ag_buf out = AG_BUF_INIT;
	bool is_service = !strcmp(by, "service");
	if (fmt == AG_FMT_JSON) {
		ag_buf_printf(&out, "{\"lines\":%llu,\"events\":%llu,\"invalid\":%llu,"
			      "\"blank\":%llu,\"bytes\":%llu,\"by\":",
			      (unsigned long long)res.lines, (unsigned long long)res.events,
			      (unsigned long long)(res.invalid + res.other),
			      (unsigned long long)res.blank, (unsigned long long)res.bytes);
		ag_buf_json_str(&out, by, strlen(by));
		ag_buf_printf(&out, ",\"%s\":[", is_service ? "services" : "groups");
		for (size_t i = 0; i < res.nrows; i++) {
			const struct ag_evs_row *r = &res.rows[i];
			ag_buf_adds(&out, i ? ",{" : "{");
			ag_buf_json_str(&out, by, strlen(by));
			ag_buf_addc(&out, ':');
			const struct ag_evs_cell *c = &r->key[0];
			if (c->type == AG_EV_STR)
				ag_buf_json_str(&out, c->s, c->n);
			else if (c->type == AG_EV_NUM)
				ag_evs_json_num(&out, c->num);
			else if (c->type == AG_EV_TRUE || c->type == AG_EV_FALSE)
				ag_buf_adds(&out, c->type == AG_EV_TRUE ? "true" : "false");
			else if (c->type == AG_EV_OBJ || c->type == AG_EV_ARR)
				ag_buf_add(&out, c->s, c->n);
			else
				ag_buf_adds(&out, "null");
			static const char *const names[] = {"count", "errors", "mean_ms", "p50_ms",
							    "p95_ms", "p99_ms"};
			for (int k = 0; k < 6; k++) {
				ag_buf_printf(&out, ",\"%s\":", names[k]);
				ag_evs_json_num(&out, r->agg_null[k] ? NAN : r->agg[k]);
			}
			ag_buf_addc(&out, '}');
		}
		ag_buf_adds(&out, "],");
		examples_json(&out, &res, f.v);
		ag_buf_adds(&out, "}\n");
	} else {
		struct ag_evq view = q; /* the same rows with the stats headings */
		static const char *const heads[] = {"count", "errors", "mean_ms", "p50_ms",
						    "p95_ms", "p99_ms"};
		for (int k = 0; k < 6; k++)
			view.aggs[k].name = heads[k];
		ag_evs_render(&out, &view, &res, (const char *const *)f.v, false);
		ag_buf_printf(&out, "\n%llu lines, %llu events, %llu invalid, %zu %s%s",
			      (unsigned long long)res.lines, (unsigned long long)res.events,
			      (unsigned long long)(res.invalid + res.other), res.ngroups,
			      is_service ? "service" : "group",
			      res.ngroups == 1 ? "" : "s");
		if (res.seconds > 0.05)
			ag_buf_printf(&out, " in %.2f s (%.2f GB/s)", res.seconds,
				      (double)res.bytes / res.seconds / 1e9);
		ag_buf_addc(&out, '\n');
		print_examples(&res, f.v, 5, &out);
	}
	if (!out.data || cli_write(&out))
		exit_code = AG_EXIT_USAGE;
	ag_buf_release(&out);
out:
	ag_evs_result_release(&res);
	files_release(&f);
	ag_diags_release(&d);
	ag_evq_release(&q);
	return exit_code;
}

/* ---- lint -------------------------------------------------------------------------------- */

static void where_text(struct ag_buf *b, char **paths, const struct ag_evl_where *w)
{
	if (w->input == (size_t)-1)
		ag_buf_adds(b, "?");
	else
		ag_buf_printf(b, "%s:%llu", display_path(paths[w->input]),
			      (unsigned long long)w->line);
}

static int events_lint(int argc, char **argv)
{
	const char *cmd = "events lint";
	struct cli_args a;
	int rc = cli_parse(cmd, argc, argv,
			   1u << OPT_DIR | 1u << OPT_FORMAT | 1u << OPT_THREADS |
				   1u << OPT_NO_PROGRESS, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("events");
		return 0;
	}
	enum ag_format fmt;
	unsigned threads;
	if ((rc = cli_format(cmd, &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)) ||
	    !parse_threads(cmd, &a, &threads, &rc))
		return rc;
	/* the model, when there is one: required fields and thresholds */
	static const char *const dflt[] = {"trace_id", "span_id", "service", "event"};
	const char *req[AG_EV_MAX_FIELDS];
	size_t nreq = 0;
	double min_share = 0.99, min_cov = 0.99;
	struct ag_model m;
	memset(&m, 0, sizeof(m));
	bool have_model = false;
	char cwd[4096], *dir = NULL;
	if (getcwd(cwd, sizeof(cwd)) && !ag_model_find(a.val[OPT_DIR], cwd, &dir)) {
		struct ag_diags md;
		ag_diags_init(&md);
		rc = ag_model_load_parts(&m, dir, AG_LOAD_POLICY | AG_LOAD_SYSTEM, &md);
		free(dir);
		cli_print_diags(&md, false);
		ag_diags_release(&md);
		if (rc) {
			ag_model_release(&m);
			return AG_EXIT_USAGE;
		}
		have_model = true;
		min_share = ag_policy_min_json_share(&m.policy);
		min_cov = ag_policy_min_field_coverage(&m.policy);
		const struct ag_scalar *rf = m.sys.observability.required_fields.v;
		for (size_t i = 0; i < m.sys.observability.required_fields.n; i++) {
			bool dup = false;
			for (size_t k = 0; k < nreq; k++)
				dup |= !strcmp(req[k], rf[i].s);
			if (!dup && *rf[i].s && nreq < AG_EV_MAX_FIELDS - 4)
				req[nreq++] = rf[i].s;
		}
	}
	if (!have_model || !m.sys.observability.required_fields.set)
		for (size_t i = 0; i < 4; i++)
			req[nreq++] = dflt[i];
	struct files f;
	if ((rc = get_files(cmd, &a, 0, &f))) {
		if (have_model)
			ag_model_release(&m);
		return rc;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	struct progress pr = {isatty(STDERR_FILENO) && !a.val[OPT_NO_PROGRESS], false};
	struct ag_evl_opts o = {threads, 5, req, nreq, on_progress, &pr};
	struct ag_evl_result r;
	rc = ag_evl_run((const char *const *)f.v, f.n, &o, &r, &d);
	progress_end(&pr);
	int exit_code = AG_EXIT_OK;
	if (rc && rc != AG_EIO) {
		exit_code = run_error(cmd, rc, &d);
		goto out;
	}
	cli_print_diags(&d, false);
	double share = ag_evl_json_share(&r);
	bool fail = share < min_share;
	for (size_t i = 0; i < nreq; i++)
		if (r.events && (double)r.required_present[i] / (double)r.events < min_cov)
			fail = true;
	if (r.lines - r.blank == 0)
		fail = true; /* nothing to judge is not a pass */
	struct ag_buf out = AG_BUF_INIT;
	uint64_t nonblank = r.lines - r.blank;
	if (fmt == AG_FMT_JSON) {
		ag_buf_printf(&out, "{\"lines\":%llu,\"blank\":%llu,\"json_lines\":%llu,"
			      "\"events\":%llu,\"invalid\":%llu,\"json_share\":",
			      (unsigned long long)r.lines, (unsigned long long)r.blank,
			      (unsigned long long)(nonblank - r.invalid - r.other),
			      (unsigned long long)r.events, (unsigned long long)(r.invalid + r.other));
		ag_evs_json_num(&out, share);
		ag_buf_adds(&out, ",\"min_json_share\":");
		ag_evs_json_num(&out, min_share);
		ag_buf_adds(&out, ",\"min_field_coverage\":");
		ag_evs_json_num(&out, min_cov);
		ag_buf_adds(&out, ",\"required\":[");
		for (size_t i = 0; i < nreq; i++) {
			ag_buf_adds(&out, i ? ",{\"field\":" : "{\"field\":");
			ag_buf_json_str(&out, req[i], strlen(req[i]));
			ag_buf_printf(&out, ",\"present\":%llu,\"coverage\":",
				      (unsigned long long)r.required_present[i]);
			ag_evs_json_num(&out, r.events ? (double)r.required_present[i] /
								 (double)r.events : 0);
			ag_buf_addc(&out, '}');
		}
		ag_buf_adds(&out, "],\"fields\":[");
		for (size_t i = 0; i < r.nfields; i++) {
			const struct ag_evl_field *fl = &r.fields[i];
			ag_buf_adds(&out, i ? ",{\"field\":" : "{\"field\":");
			ag_buf_json_str(&out, fl->name, strlen(fl->name));
			ag_buf_adds(&out, ",\"types\":{");
			bool first = true;
			for (int t = AG_EV_NULL; t <= AG_EV_ARR; t++) {
				if (!fl->by_type[t])
					continue;
				ag_buf_printf(&out, "%s\"%s\":%llu", first ? "" : ",",
					      ag_ev_type_name((enum ag_ev_type)t),
					      (unsigned long long)fl->by_type[t]);
				first = false;
			}
			ag_buf_printf(&out, "},\"consistent\":%s}",
				      ag_evl_inconsistent(fl) ? "false" : "true");
		}
		ag_buf_adds(&out, "],");
		struct ag_evs_result fake;
		memset(&fake, 0, sizeof(fake));
		memcpy(fake.ex, r.ex, sizeof(r.ex));
		fake.nex = r.nex;
		examples_json(&out, &fake, f.v);
		ag_buf_printf(&out, ",\"ok\":%s}\n", fail ? "false" : "true");
	} else {
		ag_buf_printf(&out, "%llu lines, %llu JSON event lines of %llu non-blank: %.2f%% "
			      "(policy: at least %.2f%%)%s\n",
			      (unsigned long long)r.lines,
			      (unsigned long long)(nonblank - r.invalid - r.other),
			      (unsigned long long)nonblank, share * 100, min_share * 100,
			      share < min_share ? "  FAIL" : "");
		if (r.otlp_lines)
			ag_buf_printf(&out, "%llu OTLP/JSON lines\n", (unsigned long long)r.otlp_lines);
		ag_buf_printf(&out, "\nRequired fields (%llu events, policy: at least %.2f%% each):\n",
			      (unsigned long long)r.events, min_cov * 100);
		for (size_t i = 0; i < nreq; i++) {
			double cov = r.events ? (double)r.required_present[i] / (double)r.events : 0;
			ag_buf_printf(&out, "  %-20s %7.2f%%  %llu missing%s\n", req[i], cov * 100,
				      (unsigned long long)(r.events - r.required_present[i]),
				      cov < min_cov ? "  FAIL" : "");
		}
		bool any = false;
		for (size_t i = 0; i < r.nfields; i++) {
			const struct ag_evl_field *fl = &r.fields[i];
			if (!ag_evl_inconsistent(fl))
				continue;
			if (!any)
				ag_buf_adds(&out, "\nFields written with more than one type:\n");
			any = true;
			ag_buf_printf(&out, "  %s:", fl->name);
			for (int t = AG_EV_TRUE; t <= AG_EV_ARR; t++) {
				if (!fl->by_type[t])
					continue;
				ag_buf_printf(&out, " %s %llu (first ", ag_ev_type_name((enum ag_ev_type)t),
					      (unsigned long long)fl->by_type[t]);
				where_text(&out, f.v, &fl->first[t]);
				ag_buf_adds(&out, ")");
			}
			ag_buf_addc(&out, '\n');
		}
		if (!any && r.nfields)
			ag_buf_printf(&out, "\nEvery one of the %zu fields has one type.\n", r.nfields);
		if (r.more_fields)
			ag_buf_printf(&out, "(%llu more field names not tracked)\n",
				      (unsigned long long)r.more_fields);
		if (r.invalid + r.other) {
			ag_buf_printf(&out, "\nLines that are not JSON events (%llu; the first %zu):\n",
				      (unsigned long long)(r.invalid + r.other), r.nex);
			for (size_t i = 0; i < r.nex; i++) {
				const struct ag_evs_example *x = &r.ex[i];
				ag_buf_printf(&out, "  %s:%llu:%zu: %s\n      %s\n",
					      display_path(f.v[x->input]), (unsigned long long)x->line,
					      x->col, x->why, x->text);
			}
		}
		ag_buf_printf(&out, "\n%s\n", fail ? "events lint: FAIL" : "events lint: ok");
	}
	if (!out.data || cli_write(&out))
		exit_code = AG_EXIT_USAGE;
	else if (rc == AG_EIO)
		exit_code = AG_EXIT_USAGE;
	else if (fail)
		exit_code = AG_EXIT_FAIL;
	ag_buf_release(&out);
out:
	ag_evl_result_release(&r);
	files_release(&f);
	ag_diags_release(&d);
	if (have_model)
		ag_model_release(&m);
	return exit_code;
}

/* ---- query ------------------------------------------------------------------------------ */

static int emit_line(void *ctx, const char *line, size_t n)
{
	(void)ctx;
	if (fwrite(line, 1, n, stdout) != n || putchar('\n') == EOF)
		return -1;
	return 0;
}

static int events_query(int argc, char **argv)
{
	const char *cmd = "events query";
	struct cli_args a;
	int rc = cli_parse(cmd, argc, argv,
			   1u << OPT_DIR | 1u << OPT_FORMAT | 1u << OPT_THREADS | 1u << OPT_ERRORS |
				   1u << OPT_TIME_FIELD | 1u << OPT_NO_PROGRESS, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("events");
		return 0;
	}
	enum ag_format fmt;
	unsigned threads;
	if ((rc = cli_format(cmd, &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)) ||
	    !parse_threads(cmd, &a, &threads, &rc))
		return rc;
	if (a.npos < 1)
		return cli_usage_error(cmd, "missing the query, e.g. 'by service compute "
					    "count, p99(duration_ms)'");
	const char *text = a.pos[0];
	struct ag_evq q;
	ag_evq_init(&q);
	struct ag_diags d;
	ag_diags_init(&d);
	rc = ag_evq_parse(&q, text, &d);
	const char *errs = a.val[OPT_ERRORS] ? a.val[OPT_ERRORS] : AG_EVQ_DEFAULT_ERRORS;
	if (!rc)
		rc = ag_evq_set_errors(&q, errs, &d);
	/* time fields only when the query uses time: each field costs a little
	 * on every line */
	const char *tf = a.val[OPT_TIME_FIELD];
	if (!rc && (q.every_ns || q.has_since || q.has_until))
		rc = ag_evq_set_time_fields(&q, tf ? &tf : NULL, tf ? 1 : 0);
	if (rc) {
		print_query_diags(&d, cmd,
				  d.n && !strcmp(d.v[0].code, AG_EVQ_CODE_ERRORS) ? errs : text);
		ag_diags_release(&d);
		ag_evq_release(&q);
		return AG_EXIT_USAGE;
	}
	struct files f;
	if ((rc = get_files(cmd, &a, 1, &f))) {
		ag_diags_release(&d);
		ag_evq_release(&q);
		return rc;
	}
	struct progress pr = {isatty(STDERR_FILENO) && !a.val[OPT_NO_PROGRESS] &&
				      (q.aggregate || !isatty(STDOUT_FILENO)),
			      false};
	struct ag_evs_opts o = {threads, 0, 5, q.aggregate ? NULL : emit_line, on_progress, &pr};
	struct ag_evs_result res;
	rc = ag_evs_run(&q, (const char *const *)f.v, f.n, &o, &res, &d);
	progress_end(&pr);
	int exit_code = AG_EXIT_OK;
	if (rc && rc != AG_EIO) {
		exit_code = run_error(cmd, rc, &d);
	} else {
		cli_print_diags(&d, false);
		if (rc == AG_EIO)
			exit_code = AG_EXIT_USAGE;
		if (fflush(stdout))
			exit_code = AG_EXIT_USAGE;
		if (q.aggregate) {
			struct ag_buf out = AG_BUF_INIT;
			ag_evs_render(&out, &q, &res, (const char *const *)f.v, fmt == AG_FMT_JSON);
			if (fmt != AG_FMT_JSON)
				print_examples(&res, f.v, 3, &out);
			if (!out.data || cli_write(&out))
				exit_code = AG_EXIT_USAGE;
			ag_buf_release(&out);
		} else if (res.invalid + res.other && isatty(STDERR_FILENO)) {
			fprintf(stderr, "archgate %s: %llu invalid line%s skipped\n", cmd,
				(unsigned long long)(res.invalid + res.other),
				res.invalid + res.other == 1 ? "" : "s");
		}
	}
	ag_evs_result_release(&res);
	files_release(&f);
	ag_diags_release(&d);
	ag_evq_release(&q);
	return exit_code;
}

/* ---- sql ------------------------------------------------------------------------------------ */

static int events_sql(int argc, char **argv)
{
	const char *cmd = "events sql";
	struct cli_args a;
	int rc = cli_parse(cmd, argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("events");
		return 0;
	}
	enum ag_evsql_format fmt = AG_EVSQL_TEXT;
	const char *fv = a.val[OPT_FORMAT];
	if (fv && !strcmp(fv, "json"))
		fmt = AG_EVSQL_JSON;
	else if (fv && !strcmp(fv, "csv"))
		fmt = AG_EVSQL_CSV;
	else if (fv && strcmp(fv, "text"))
		return cli_usage_error(cmd, "unknown format '%s' (use text, json, csv)", fv);
	if (a.npos < 1)
		return cli_usage_error(cmd, "missing the SQL, e.g. \"SELECT service, count(*) "
					    "FROM events GROUP BY 1\"");
	struct files f;
	if ((rc = get_files(cmd, &a, 1, &f)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_evsql_run((const char *const *)f.v, f.n, a.pos[0], fmt, &out, &d);
	int exit_code = AG_EXIT_OK;
	if (rc && rc != AG_EIO) {
		print_query_diags(&d, cmd, a.pos[0]);
		if (rc != AG_EINVAL)
			fprintf(stderr, "archgate %s: %s\n", cmd, ag_strerror(rc));
		exit_code = AG_EXIT_USAGE;
	} else {
		cli_print_diags(&d, false);
		if (cli_write(&out) || rc == AG_EIO)
			exit_code = AG_EXIT_USAGE;
	}
	ag_buf_release(&out);
	files_release(&f);
	ag_diags_release(&d);
	return exit_code;
}

/* ---- trace, traces --------------------------------------------------------------------------- */

static int events_trace(int argc, char **argv, bool many)
{
	const char *cmd = many ? "events traces" : "events trace";
	struct cli_args a;
	unsigned allowed = 1u << OPT_DIR | 1u << OPT_FORMAT | 1u << OPT_THREADS |
			   1u << OPT_ERRORS | 1u << OPT_TIME_FIELD | 1u << OPT_NO_PROGRESS |
			   (many ? 1u << OPT_SLOWEST : 0);
	int rc = cli_parse(cmd, argc, argv, allowed, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("events");
		return 0;
	}
	enum ag_format fmt;
	unsigned threads;
	if ((rc = cli_format(cmd, &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)) ||
	    !parse_threads(cmd, &a, &threads, &rc))
		return rc;
	size_t top = 10;
	if (many && a.val[OPT_SLOWEST]) {
		char *e;
		long v = strtol(a.val[OPT_SLOWEST], &e, 10);
		if (*e || v < 1 || v > 1000000)
			return cli_usage_error(cmd, "--slowest needs a positive number, not '%s'",
					       a.val[OPT_SLOWEST]);
		top = (size_t)v;
	}
	if (!many && a.npos < 1)
		return cli_usage_error(cmd, "missing the trace id");
	struct files f;
	if ((rc = get_files(cmd, &a, many ? 0 : 1, &f)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct progress pr = {isatty(STDERR_FILENO) && !a.val[OPT_NO_PROGRESS], false};
	struct ag_evt_opts o = {threads, a.val[OPT_ERRORS], a.val[OPT_TIME_FIELD], on_progress, &pr};
	struct ag_buf out = AG_BUF_INIT;
	int exit_code = AG_EXIT_OK;
	if (!many) {
		struct ag_evt_trace t;
		rc = ag_evt_collect((const char *const *)f.v, f.n, a.pos[0], &o, &t, &d);
		progress_end(&pr);
		if (rc && rc != AG_EIO) {
			exit_code = run_error(cmd, rc, &d);
		} else {
			cli_print_diags(&d, false);
			if (!t.n) {
				fprintf(stderr, "archgate %s: no span of trace '%s' in the input\n", cmd,
					a.pos[0]);
				exit_code = AG_EXIT_FAIL;
			} else {
				ag_evt_render(&out, &t, fmt == AG_FMT_JSON);
				if (!out.data || cli_write(&out))
					exit_code = AG_EXIT_USAGE;
			}
			if (rc == AG_EIO)
				exit_code = AG_EXIT_USAGE;
		}
		ag_evt_trace_release(&t);
	} else {
		struct ag_evt_summary *s;
		size_t ns;
		uint64_t ntr;
		rc = ag_evt_slowest((const char *const *)f.v, f.n, top, &o, &s, &ns, &ntr, &d);
		progress_end(&pr);
		if (rc && rc != AG_EIO) {
			exit_code = run_error(cmd, rc, &d);
		} else {
			cli_print_diags(&d, false);
			if (fmt == AG_FMT_JSON) {
				ag_buf_printf(&out, "{\"traces\":%llu,\"slowest\":[",
					      (unsigned long long)ntr);
				for (size_t i = 0; i < ns; i++) {
					ag_buf_adds(&out, i ? ",{\"trace_id\":" : "{\"trace_id\":");
					ag_buf_json_str(&out, s[i].trace_id, strlen(s[i].trace_id));
					ag_buf_adds(&out, ",\"duration_ms\":");
					ag_evs_json_num(&out, s[i].dur_ms);
					ag_buf_printf(&out, ",\"spans\":%llu,\"errors\":%llu,\"root_service\":",
						      (unsigned long long)s[i].spans,
						      (unsigned long long)s[i].errors);
					if (s[i].root_service)
						ag_buf_json_str(&out, s[i].root_service,
								strlen(s[i].root_service));
					else
						ag_buf_adds(&out, "null");
					ag_buf_adds(&out, ",\"root_name\":");
					if (s[i].root_name)
						ag_buf_json_str(&out, s[i].root_name, strlen(s[i].root_name));
					else
						ag_buf_adds(&out, "null");
					if (s[i].has_start) {
						char ts[40];
						ag_ev_format_time(s[i].start_ns, ts);
						ag_buf_printf(&out, ",\"start\":\"%s\"", ts);
					}
					ag_buf_addc(&out, '}');
				}
				ag_buf_adds(&out, "]}\n");
			} else {
				ag_buf_printf(&out, "%-34s %12s %6s %6s  %s\n", "trace_id", "duration_ms",
					      "spans", "errors", "root");
				for (size_t i = 0; i < ns; i++)
					ag_buf_printf(&out, "%-34s %12.3f %6llu %6llu  %s: %s\n",
						      s[i].trace_id, s[i].dur_ms,
						      (unsigned long long)s[i].spans,
						      (unsigned long long)s[i].errors,
						      s[i].root_service ? s[i].root_service : "?",
						      s[i].root_name ? s[i].root_name : "(no root span)");
				ag_buf_printf(&out, "\n%zu slowest of %llu trace%s; "
					      "'archgate events trace ID' shows one\n", ns,
					      (unsigned long long)ntr, ntr == 1 ? "" : "s");
			}
			if (!out.data || cli_write(&out))
				exit_code = AG_EXIT_USAGE;
			if (rc == AG_EIO)
				exit_code = AG_EXIT_USAGE;
			ag_evt_summaries_free(s, ns);
		}
	}
	ag_buf_release(&out);
	files_release(&f);
	ag_diags_release(&d);
	return exit_code;
}

static int events_trace1(int argc, char **argv)
{
	return events_trace(argc, argv, false);
}

static int events_traces(int argc, char **argv)
{
	return events_trace(argc, argv, true);
}

/* ---- dispatch ----------------------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} subcommands[] = {
	{"lint", events_lint},
	{"stats", events_stats},
	{"query", events_query},
	{"sql", events_sql},
	{"trace", events_trace1},
	{"traces", events_traces},
};

int cmd_events(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_help("events");
		return argc < 2 ? AG_EXIT_USAGE : 0;
	}
	const char *sub = argv[1];
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(sub, subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	return cli_usage_error("events", "unknown subcommand '%s' (lint, stats, query, sql, "
					 "trace or traces)", sub);
}
