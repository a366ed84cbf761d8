/*
 * cmd_events.c - `archgate events ...`: Phase 2.5 over real data. "Think in
 * traces, not logs"; "structured events over text logs: query like a
 * database, not grep". NDJSON event logs and OTLP/JSON exports, plain or
 * gzip/zstd, from files or standard input; the engine is src/events/.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "events/events_lint.h"
#include "events/events_map.h"
#include "events/events_report.h"
#include "events/events_sql.h"
#include "events/events_stats.h"
#include "events/events_trace.h"
#include "report/observed.h"

static const char *const events_usage[] = {
	"archgate events <lint|stats|query|sql|trace|traces|map> [OPTIONS] [FILE...]",
	"",
	"Answer the seed's Phase 2.5 questions from NDJSON event logs (one JSON",
	"object per line) and OpenTelemetry OTLP/JSON exports (the Collector's file",
	"exporter), plain, gzip or zstd. Without FILE: the model's",
	"observability.events paths, else standard input. Invalid lines are",
	"counted and shown with their line numbers, never fatal.",
	"",
	"Examples:",
	"  archgate events stats logs/app.ndjson.zst",
	"  archgate events query 'where service = \"payment-api\" and duration_ms > 200",
	"      by event compute count, p99(duration_ms) top 5' logs/*.ndjson",
	"  archgate events sql \"SELECT service, count(*) FROM events GROUP BY 1\" app.ndjson",
	"  archgate events traces --slowest 5 otel-traces.json",
	"  archgate events map otel-traces.json", NULL};

/* The options of the events subcommands, one index each; every
 * subcommand's table holds the ones it takes. */
enum { EV_THREADS, EV_NO_PROGRESS, EV_TIME_FIELD, EV_ERRORS, EV_BY, EV_DURATION, EV_WHERE,
       EV_SLOWEST, EV_MAP_FORMAT, SQL_FORMAT = 0 };
#define EV_OPT_THREADS \
	[EV_THREADS] = CLI_VALUE("threads", "N", "worker threads (default: every core)")
#define EV_OPT_NO_PROGRESS \
	[EV_NO_PROGRESS] = CLI_FLAG("no-progress", "no progress line on a terminal")
#define EV_OPT_TIME_FIELD \
	[EV_TIME_FIELD] = CLI_VALUE("time-field", "FIELD", "the event time (default timestamp, ts, " \
				    "time,\n@timestamp; OTLP: the span start)")
#define EV_OPT_ERRORS \
	[EV_ERRORS] = CLI_VALUE("errors", "EXPR", "what counts as an error (default: see\n" \
				"docs/events.md; level error/fatal/critical,\nerror=true, " \
				"status >= 500, OTLP status.code 2)")

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

static bool parse_threads(const struct cli_ctx *c, unsigned *out, int *rc)
{
	*out = 0;
	*rc = 0;
	const char *t = c->opt[EV_THREADS];
	if (!t)
		return true;
	char *e;
	long v = strtol(t, &e, 10);
	if (*e || v < 1 || v > 256) {
		*rc = cli_usage_error(c, "--threads needs a number from 1 to 256, not '%s'", t);
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

static int model_files(struct cli_ctx *c, struct files *f)
{
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc || !m)
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	char **v;
	size_t n;
	rc = ag_model_event_files(m, &v, &n, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	f->v = v;
	f->n = n;
	f->owned = true;
	return 0;
}

static int get_files(struct cli_ctx *c, int first, struct files *f)
{
	memset(f, 0, sizeof(*f));
	if (c->npos > first) {
		f->v = malloc((size_t)(c->npos - first) * sizeof(*f->v));
		if (!f->v)
			return AG_EXIT_USAGE;
		for (int i = first; i < c->npos; i++)
			f->v[f->n++] = c->pos[i];
		return 0;
	}
	int rc = model_files(c, f);
	if (rc || f->n)
		return rc;
	files_release(f);
	if (isatty(STDIN_FILENO))
		return cli_usage_error(c, "no event files given (and standard input is a "
					    "terminal)");
	f->v = malloc(sizeof(*f->v));
	if (!f->v)
		return AG_EXIT_USAGE;
	f->v[f->n++] = "-";
	return 0;
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

/* The progress line for a run over the files: on a terminal, unless
 * --no-progress (or `quiet`). */
static struct progress progress_for(const struct cli_ctx *c, bool quiet)
{
	return (struct progress){isatty(STDERR_FILENO) && !c->opt[EV_NO_PROGRESS] && !quiet, false};
}

/* After a run over the files: the progress line gone, the diagnostics
 * printed, and the exit code so far: AG_EXIT_USAGE when an input could not
 * be read (what was read is still reported) or, with *stop set, when the
 * run failed and there is nothing to report. */
static int after_run(const struct cli_ctx *c, int rc, const struct ag_diags *d,
		     struct progress *pr, bool *stop, bool read_nothing)
{
	progress_end(pr);
	*stop = rc && rc != AG_EIO;
	if (rc == AG_EIO && read_nothing) {
		/* no input could be read at all (a compressed file cut inside its
		 * header): the error, and no empty report before it */
		*stop = true;
		cli_print_diags(d, false);
		return AG_EXIT_USAGE;
	}
	if (!*stop) {
		cli_print_diags(d, false);
		return rc ? AG_EXIT_USAGE : AG_EXIT_OK;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_diag *g = &d->v[i];
		/* a query error met while running (trace's --errors) has no file;
		 * it has always been shown with its code where a file would be */
		if (!g->file && strcmp(g->code, AG_DIAG_INPUT)) {
			struct ag_buf msg = AG_BUF_INIT; /* ADR-023 */
			fprintf(stderr, "%s:%d:%d: %s: %s\n", g->code, g->line, g->col > 0 ? g->col : 1,
				ag_severity_name(g->sev), ag_text_in(&msg, g->message));
			ag_buf_release(&msg);
			continue;
		}
		struct ag_diags one = {(struct ag_diag *)g, 1, 1, 1, 0};
		cli_print_diags(&one, false);
	}
	if (d->dropped)
		cli_print_diags(&(struct ag_diags){NULL, 0, 0, 1, d->dropped}, false);
	fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
	return AG_EXIT_USAGE;
}

/* Write a report after a run: `code` stays unless writing fails. */
static int report(const struct cli_ctx *c, struct ag_buf *out, int rc, int code)
{
	int w = cli_output(c, out, rc);
	return w ? w : code;
}

/* After a table of a run: a warning for each field the query needs that
 * no event had, with the names that were there. */
static void warn_absent(const struct cli_ctx *c, const struct ag_evq *q,
			const struct ag_evs_result *r)
{
	struct ag_diags w;
	ag_diags_init(&w);
	if (ag_evs_absent(q, r, &w) == 0)
		for (size_t i = 0; i < w.n; i++)
			fprintf(stderr, "archgate %s: warning: %s\n", c->name, w.v[i].message);
	ag_diags_release(&w);
}

/* The error predicate: --errors, or the engine's default. */
static const char *errors_of(const struct cli_ctx *c)
{
	return c->opt[EV_ERRORS] ? c->opt[EV_ERRORS] : AG_EVQ_DEFAULT_ERRORS;
}

/* ---- lint -------------------------------------------------------------------------------- */

static const char *const lint_usage[] = {
	"archgate events lint [FILE...]", "",
	"How structured the event logs are: the share of JSON lines, coverage of",
	"the required fields (observability.required_fields; default trace_id,",
	"span_id, service, event), type consistency per field, and the lines that",
	"are not JSON events. Exit 1 below the policy (events.min_json_share,",
	"events.min_field_coverage; default 0.99 each) or when there is nothing",
	"to judge.", "",
	"Example:", "  archgate events lint logs/app.ndjson.gz", NULL};

static const struct cli_option lint_options[] = {EV_OPT_THREADS, EV_OPT_NO_PROGRESS};

static int events_lint(struct cli_ctx *c)
{
	unsigned threads;
	int rc;
	if (!parse_threads(c, &threads, &rc))
		return rc;
	/* the model, when there is one: required fields and thresholds */
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	const char *req[AG_EV_MAX_FIELDS - 4];
	size_t nreq = ag_model_required_fields(m, req, AG_EV_MAX_FIELDS - 4);
	double min_share = ag_policy_min_json_share(m ? &m->policy : NULL);
	double min_cov = ag_policy_min_field_coverage(m ? &m->policy : NULL);
	struct files f;
	if ((rc = get_files(c, 0, &f)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct progress pr = progress_for(c, false);
	struct ag_evl_opts o = {threads, 5, req, nreq, on_progress, &pr};
	struct ag_evl_result r;
	rc = ag_evl_run((const char *const *)f.v, f.n, &o, &r, &d);
	bool stop;
	int code = after_run(c, rc, &d, &pr, &stop, !r.bytes);
	if (!stop) {
		if (!code && !ag_evl_ok(&r, min_share, min_cov))
			code = AG_EXIT_FAIL;
		struct ag_buf out = AG_BUF_INIT;
		code = report(c, &out, ag_evl_report(&out, c->format == AG_FMT_JSON, &r,
						     (const char *const *)f.v, min_share, min_cov),
			      code);
	}
	ag_evl_result_release(&r);
	files_release(&f);
	ag_diags_release(&d);
	return code;
}

static const struct cli_command events_lint_cmd = {
	.name = "lint", .summary = "JSON share, required-field coverage, type consistency",
	.usage = lint_usage, CLI_OPTIONS(lint_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_POLICY | AG_LOAD_SYSTEM, .run = events_lint,
};

/* ---- stats ----------------------------------------------------------------------------- */

static const char *const stats_usage[] = {
	"archgate events stats [--by FIELD] [--duration FIELD] [--errors EXPR] [--where EXPR] "
	"[FILE...]", "",
	"Per service (or --by field): count, errors, mean and p50/p95/p99",
	"duration (at most 1% relative error). The JSON shape is stable (see",
	"docs/json.md).", "",
	"Example:", "  archgate events stats --where 'level = \"error\"' logs/app.ndjson.zst", NULL};

static const struct cli_option stats_options[] = {
	EV_OPT_THREADS, EV_OPT_NO_PROGRESS, EV_OPT_ERRORS,
	[EV_BY] = CLI_VALUE("by", "FIELD", "group by another field (default service)"),
	[EV_DURATION] = CLI_VALUE("duration", "FIELD[:UNIT]", "the latency field, in ms or in UNIT (ns, us,\nms, s); default: duration_ms, else the\nknown fields in their units (event.duration\nin ns, ...; see docs/events.md)"),
	[EV_WHERE] = CLI_VALUE("where", "EXPR", "only events matching EXPR"),
};

static int events_stats(struct cli_ctx *c)
{
	unsigned threads;
	int rc;
	if (!parse_threads(c, &threads, &rc))
		return rc;
	const char *by = c->opt[EV_BY] ? c->opt[EV_BY] : "service";
	if (!*by || (c->opt[EV_DURATION] && !*c->opt[EV_DURATION]))
		return cli_usage_error(c, "--by and --duration need a field name");
	char dur[256];
	double mul = 1;
	if (c->opt[EV_DURATION] &&
	    ag_evq_duration_field(c->opt[EV_DURATION], dur, sizeof(dur), &mul))
		return cli_usage_error(c, "--duration takes FIELD or FIELD:UNIT with a unit of ns, "
					  "us, ms or s, not '%s'", c->opt[EV_DURATION]);
	if (!c->opt[EV_DURATION])
		snprintf(dur, sizeof(dur), "duration_ms");
	struct ag_evq q;
	ag_evq_init(&q);
	struct ag_diags d;
	ag_diags_init(&d);
	/* the aggregates events_report.h's stats columns expect, in order */
	char aggs[4][300];
	snprintf(aggs[0], sizeof(aggs[0]), "avg(`%s`)", dur);
	snprintf(aggs[1], sizeof(aggs[1]), "p50(`%s`)", dur);
	snprintf(aggs[2], sizeof(aggs[2]), "p95(`%s`)", dur);
	snprintf(aggs[3], sizeof(aggs[3]), "p99(`%s`)", dur);
	rc = c->opt[EV_BY] ? ag_evq_add_key(&q, by, &d) : ag_evq_add_service_key(&q, &d);
	if (!rc && ag_evq_add_agg(&q, "count", &d) < 0)
		rc = AG_EPARSE;
	if (!rc && ag_evq_add_agg(&q, "errors", &d) < 0)
		rc = AG_EPARSE;
	for (int i = 0; !rc && i < 4; i++)
		if (ag_evq_add_agg(&q, aggs[i], &d) < 0)
			rc = AG_EPARSE;
	/* the latency: the field in its unit, or the known fields in theirs */
	if (!rc)
		rc = ag_evq_set_unit(&q, dur, mul, !c->opt[EV_DURATION]);
	const char *errs = errors_of(c);
	if (!rc)
		rc = ag_evq_set_errors(&q, errs, &d);
	if (!rc && c->opt[EV_WHERE])
		rc = ag_evq_set_where(&q, c->opt[EV_WHERE], &d);
	struct files f = {0};
	if (rc) {
		const char *kind = d.n ? d.v[0].code : "";
		print_query_diags(&d, c->name, !strcmp(kind, AG_EVQ_CODE_ERRORS) ? errs
					       : !strcmp(kind, AG_EVQ_CODE_WHERE) ? c->opt[EV_WHERE]
					       : NULL);
		rc = AG_EXIT_USAGE;
	} else if (!(rc = get_files(c, 0, &f))) {
		struct progress pr = progress_for(c, false);
		struct ag_evs_opts o = {threads, 0, 5, NULL, on_progress, &pr};
		struct ag_evs_result res;
		int run = ag_evs_run(&q, (const char *const *)f.v, f.n, &o, &res, &d);
		bool stop;
		rc = after_run(c, run, &d, &pr, &stop, !res.bytes);
		struct ag_buf out = AG_BUF_INIT;
		if (!stop)
			rc = report(c, &out, ag_evs_stats_report(&out, c->format == AG_FMT_JSON, &q,
								 &res, by, (const char *const *)f.v),
				    rc);
		if (!stop)
			warn_absent(c, &q, &res);
		ag_evs_result_release(&res);
	}
	files_release(&f);
	ag_diags_release(&d);
	ag_evq_release(&q);
	return rc;
}

static const struct cli_command events_stats_cmd = {
	.name = "stats", .summary = "Per service: count, errors, mean and p50/p95/p99 duration",
	.usage = stats_usage, CLI_OPTIONS(stats_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_stats,
};

/* ---- query ------------------------------------------------------------------------------ */

static int emit_line(void *ctx, const char *line, size_t n)
{
	(void)ctx;
	if (fwrite(line, 1, n, stdout) != n || putchar('\n') == EOF)
		return -1;
	return 0;
}

static const char *const query_usage[] = {
	"archgate events query QUERY [FILE...]", "",
	"Filter, group, aggregate, top-N and time windows: where EXPR, by FIELDS,",
	"every 1m, compute AGGS, top N by AGG, since/until TIME, limit N (see",
	"docs/events.md). Without aggregates, prints the matching events.", "",
	"Example:",
	"  archgate events query 'where service = \"payment-api\" and duration_ms > 200",
	"      by event compute count, p99(duration_ms) top 5' logs/*.ndjson", NULL};

static const struct cli_option query_options[] = {
	EV_OPT_THREADS, EV_OPT_NO_PROGRESS, EV_OPT_TIME_FIELD, EV_OPT_ERRORS,
};

static int events_query(struct cli_ctx *c)
{
	unsigned threads;
	int rc;
	if (!parse_threads(c, &threads, &rc))
		return rc;
	if (c->npos < 1)
		return cli_usage_error(c, "missing the query, e.g. 'by service compute "
					  "count, p99(duration_ms)'");
	const char *text = c->pos[0];
	struct ag_evq q;
	ag_evq_init(&q);
	struct ag_diags d;
	ag_diags_init(&d);
	rc = ag_evq_parse(&q, text, &d);
	const char *errs = errors_of(c);
	if (!rc)
		rc = ag_evq_set_errors(&q, errs, &d);
	/* time fields only when the query uses time: each field costs a little
	 * on every line */
	const char *tf = c->opt[EV_TIME_FIELD];
	if (!rc && (q.every_ns || q.has_since || q.has_until))
		rc = ag_evq_set_time_fields(&q, tf ? &tf : NULL, tf ? 1 : 0);
	struct files f = {0};
	if (rc) {
		print_query_diags(&d, c->name,
				  d.n && !strcmp(d.v[0].code, AG_EVQ_CODE_ERRORS) ? errs : text);
		rc = AG_EXIT_USAGE;
	} else if (!(rc = get_files(c, 1, &f))) {
		/* events go to stdout as they are found: no progress line over them */
		struct progress pr = progress_for(c, !q.aggregate && isatty(STDOUT_FILENO));
		struct ag_evs_opts o = {threads, 0, 5, q.aggregate ? NULL : emit_line, on_progress,
					&pr};
		struct ag_evs_result res;
		int run = ag_evs_run(&q, (const char *const *)f.v, f.n, &o, &res, &d);
		bool stop;
		rc = after_run(c, run, &d, &pr, &stop, !res.bytes);
		if (!stop && fflush(stdout))
			rc = AG_EXIT_USAGE;
		if (!stop && q.aggregate) {
			struct ag_buf out = AG_BUF_INIT;
			int w = ag_evs_render(&out, &q, &res, (const char *const *)f.v,
					      c->format == AG_FMT_JSON);
			if (!w && c->format != AG_FMT_JSON)
				w = ag_evs_examples_text(&out, &res, (const char *const *)f.v, 3);
			rc = report(c, &out, w, rc);
		}
		if (!stop)
			warn_absent(c, &q, &res);
		if (!stop && !q.aggregate && res.invalid + res.other && isatty(STDERR_FILENO)) {
			fprintf(stderr, "archgate %s: %llu invalid line%s skipped\n", c->name,
				(unsigned long long)(res.invalid + res.other),
				res.invalid + res.other == 1 ? "" : "s");
		}
		ag_evs_result_release(&res);
	}
	files_release(&f);
	ag_diags_release(&d);
	ag_evq_release(&q);
	return rc;
}

static const struct cli_command events_query_cmd = {
	.name = "query", .summary = "Filter, group, aggregate, top-N, time windows",
	.usage = query_usage, CLI_OPTIONS(query_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_query,
};

/* ---- sql ------------------------------------------------------------------------------------ */

static const char *const sql_usage[] = {
	"archgate events sql \"SELECT ...\" [FILE...] [--format text|json|csv]", "",
	"SQL (SQLite) over the table `events`, whose columns are the fields found,",
	"plus _file, _line and _json (the whole event).", "",
	"Example:",
	"  archgate events sql \"SELECT service, count(*) FROM events GROUP BY 1\" app.ndjson",
	NULL};

static const struct cli_option sql_options[] = {
	/* SQL results have a csv format too */
	[SQL_FORMAT] = CLI_VALUE("format", "FMT", "text (default), json or csv"),
};

static int events_sql(struct cli_ctx *c)
{
	enum ag_evsql_format fmt = AG_EVSQL_TEXT;
	const char *fv = c->opt[SQL_FORMAT];
	if (fv && !strcmp(fv, "json"))
		fmt = AG_EVSQL_JSON;
	else if (fv && !strcmp(fv, "csv"))
		fmt = AG_EVSQL_CSV;
	else if (fv && strcmp(fv, "text"))
		return cli_usage_error(c, "unknown format '%s' (use text, json, csv)", fv);
	if (c->npos < 1)
		return cli_usage_error(c, "missing the SQL, e.g. \"SELECT service, count(*) "
					  "FROM events GROUP BY 1\"");
	struct files f;
	int rc = get_files(c, 1, &f);
	if (rc)
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_evsql_run((const char *const *)f.v, f.n, c->pos[0], fmt, &out, &d);
	int code = AG_EXIT_OK;
	if (rc && rc != AG_EIO) {
		print_query_diags(&d, c->name, c->pos[0]);
		if (rc != AG_EINVAL)
			fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		code = AG_EXIT_USAGE;
		ag_buf_release(&out);
	} else {
		cli_print_diags(&d, false);
		code = report(c, &out, 0, rc ? AG_EXIT_USAGE : AG_EXIT_OK);
	}
	files_release(&f);
	ag_diags_release(&d);
	return code;
}

static const struct cli_command events_sql_cmd = {
	.name = "sql", .summary = "SQL (SQLite) over the events",
	.usage = sql_usage, CLI_OPTIONS(sql_options),
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_sql,
};

/* ---- trace, traces --------------------------------------------------------------------------- */

static const char *const trace_usage[] = {
	"archgate events trace ID [FILE...]", "",
	"One trace as a tree of spans with their timings, and its critical path.",
	"Exit 1 when no span of the trace is in the input.", "",
	"Example:", "  archgate events trace 4bf92f3577b34da6a3ce929d0e0e4736 otel-traces.json",
	NULL};

static const struct cli_option trace_options[] = {
	EV_OPT_THREADS, EV_OPT_NO_PROGRESS, EV_OPT_TIME_FIELD, EV_OPT_ERRORS,
};

static const char *const traces_usage[] = {
	"archgate events traces [--slowest N] [--where EXPR] [FILE...]", "",
	"The N slowest traces (default 10): duration, spans, errors and root span.",
	"--where keeps the traces a condition on their own fields holds for.", "",
	"Examples:", "  archgate events traces --slowest 5 otel-traces.json",
	"  archgate events traces --where 'errors > 0 and services >= 3' jaeger.json", NULL};

static const struct cli_option traces_options[] = {
	EV_OPT_THREADS, EV_OPT_NO_PROGRESS, EV_OPT_TIME_FIELD, EV_OPT_ERRORS,
	[EV_SLOWEST] = CLI_VALUE("slowest", "N", "how many traces (default 10)"),
	[EV_WHERE] = CLI_VALUE("where", "EXPR", "only traces matching EXPR over duration_ms,\n"
			       "errors, spans, services, root_service,\nroot_name, trace_id"),
};

/* arg: 1 for traces (the slowest), 0 for trace (one). */
static int events_trace(struct cli_ctx *c)
{
	bool many = c->cmd->arg;
	unsigned threads;
	int rc;
	if (!parse_threads(c, &threads, &rc))
		return rc;
	size_t top = 10;
	if (many && c->opt[EV_SLOWEST]) {
		char *e;
		long v = strtol(c->opt[EV_SLOWEST], &e, 10);
		if (*e || v < 1 || v > 1000000)
			return cli_usage_error(c, "--slowest needs a positive number, not '%s'",
					       c->opt[EV_SLOWEST]);
		top = (size_t)v;
	}
	if (!many && c->npos < 1)
		return cli_usage_error(c, "missing the trace id");
	struct files f;
	if ((rc = get_files(c, many ? 0 : 1, &f)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct progress pr = progress_for(c, false);
	struct ag_evt_opts o = {threads, c->opt[EV_ERRORS], c->opt[EV_TIME_FIELD],
				many ? c->opt[EV_WHERE] : NULL, on_progress, &pr};
	struct ag_buf out = AG_BUF_INIT;
	bool json = c->format == AG_FMT_JSON, stop;
	int code;
	if (!many) {
		struct ag_evt_trace t;
		rc = ag_evt_collect((const char *const *)f.v, f.n, c->pos[0], &o, &t, &d);
		code = after_run(c, rc, &d, &pr, &stop, !t.bytes);
		if (!stop && !t.n) {
			fprintf(stderr, "archgate %s: no span of trace '%s' in the input\n", c->name,
				c->pos[0]);
			code = code ? code : AG_EXIT_FAIL;
		} else if (!stop) {
			code = report(c, &out, ag_evt_render(&out, &t, json), code);
		}
		ag_evt_trace_release(&t);
	} else {
		struct ag_evt_summary *s;
		size_t ns;
		uint64_t ntr;
		rc = ag_evt_slowest((const char *const *)f.v, f.n, top, &o, &s, &ns, &ntr, &d);
		code = after_run(c, rc, &d, &pr, &stop, !ntr);
		if (!stop) {
			code = report(c, &out, ag_evt_slowest_report(&out, json, s, ns, ntr), code);
			ag_evt_summaries_free(s, ns);
		}
	}
	ag_buf_release(&out);
	files_release(&f);
	ag_diags_release(&d);
	return code;
}

static const struct cli_command events_trace_cmd = {
	.name = "trace", .summary = "One trace as a tree with timings and its critical path",
	.usage = trace_usage, CLI_OPTIONS(trace_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_trace, .arg = 0,
};

static const struct cli_command events_traces_cmd = {
	.name = "traces", .summary = "The slowest traces",
	.usage = traces_usage, CLI_OPTIONS(traces_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_trace, .arg = 1,
};

/* ---- map ---------------------------------------------------------------------------------- */

static const char *const map_usage[] = {
	"archgate events map [--format FMT] [FILE...]", "",
	"The calls between services that the traces show: per caller and callee",
	"the calls, the errors and the callee's p50 and p99. A call is a span whose",
	"parent span is of another service, or a client or producer span naming its",
	"peer (peer.service, server.address, net.peer.name, db.system). As a",
	"table, JSON, or drawn as `archgate diagram` draws the model.", "",
	"Examples:", "  archgate events map otel-traces.json",
	"  archgate events map --format svg otel-traces.json > calls.svg",
	"  archgate events map --format json jaeger.json zipkin.json | jq '.calls[]'", NULL};

static const struct cli_option map_options[] = {
	EV_OPT_THREADS, EV_OPT_NO_PROGRESS, EV_OPT_TIME_FIELD, EV_OPT_ERRORS,
	[EV_MAP_FORMAT] = CLI_VALUE("format", "FMT", "text (default), json, or a diagram's: mermaid,\n"
				    "mermaid-flowchart, dot, plantuml, structurizr, svg"),
};

static int events_map(struct cli_ctx *c)
{
	unsigned threads;
	int rc;
	if (!parse_threads(c, &threads, &rc))
		return rc;
	/* -1 text, -2 json, else a diagram notation */
	const char *fs = c->opt[EV_MAP_FORMAT];
	int fmt = !fs || !strcmp(fs, "text") ? -1 : !strcmp(fs, "json") ? -2
								 : ag_diagram_format_parse(fs);
	if (fmt == -1 && fs && strcmp(fs, "text"))
		return cli_usage_error(c, "unknown format '%s' (use text, json, mermaid, "
				       "mermaid-flowchart, dot, plantuml, structurizr or svg)", fs);
	struct files f;
	if ((rc = get_files(c, 0, &f)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct progress pr = progress_for(c, false);
	struct ag_evt_opts o = {threads, c->opt[EV_ERRORS], c->opt[EV_TIME_FIELD], NULL,
				on_progress, &pr};
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_evm m;
	bool stop;
	rc = ag_evm_build((const char *const *)f.v, f.n, &o, &m, &d);
	int code = after_run(c, rc, &d, &pr, &stop, !m.bytes);
	if (!stop && fmt < 0) {
		code = report(c, &out, ag_evm_render(&out, &m, fmt == -2), code);
	} else if (!stop) {
		rc = ag_observed_diagram(&out, &m, (enum ag_diagram_format)fmt, &err);
		if (rc == AG_ENOENT && fmt == AG_DIAG_SVG) {
			fprintf(stderr, "archgate %s: svg needs Graphviz's 'dot' on PATH (Debian: "
				"apt-get install graphviz); the dot format needs nothing\n", c->name);
			code = AG_EXIT_USAGE;
		} else if (rc) {
			fprintf(stderr, "archgate %s: %s%s%s", c->name,
				fmt == AG_DIAG_SVG && rc == AG_EIO ? "Graphviz 'dot' failed"
								   : ag_strerror(rc),
				err.len ? ":\n" : "\n", err.len ? err.data : "");
			code = AG_EXIT_USAGE;
		} else {
			code = report(c, &out, 0, code);
		}
	}
	ag_buf_release(&err);
	ag_evm_release(&m);
	ag_buf_release(&out);
	files_release(&f);
	ag_diags_release(&d);
	return code;
}

static const struct cli_command events_map_cmd = {
	.name = "map", .summary = "The calls between services that the traces show",
	.usage = map_usage, CLI_OPTIONS(map_options),
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_SYSTEM, .run = events_map,
};

const struct cli_command cli_cmd_events = {
	.name = "events", .summary = "Event logs and traces: lint, stats, query, sql, trace, traces, map",
	.usage = events_usage,
	.subs = CLI_SUBS(&events_lint_cmd, &events_stats_cmd, &events_query_cmd,
			 &events_sql_cmd, &events_trace_cmd, &events_traces_cmd, &events_map_cmd),
};
