/*
 * cmd_probe.c - `archgate probe URL...`: running services asked what they
 * do (src/probe/, ADR-0047), printed as text or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "cli.h"
#include "probe/probe.h"

static const char *const probe_usage[] = {
	"archgate probe URL... [--format FMT] [--timeout MS] [--allow-remote]", "",
	"Ask running services what they do, against Phase 3's standards. Each URL",
	"gets a GET with a W3C traceparent; the answer must have a registered",
	"status below 400 and should return a valid traceresponse with the same",
	"trace id. A metrics exposition (Prometheus text 0.0.4 or OpenMetrics, by",
	"content type; text/plain at a /metrics path) is checked for HELP and TYPE,",
	"valid and conventional names (_total on counters, base units), duplicate",
	"series, split families, histogram buckets (le ascending, cumulative, +Inf,",
	"_count) and OpenMetrics' # EOF. Any other URL also gets a GET of a path",
	"below it that cannot exist, which must be a 4xx with an RFC 9457",
	"application/problem+json body.", "",
	"Requests go to loopback addresses only (127.0.0.0/8, ::1) unless",
	"--allow-remote; each is bounded by --timeout (default 10000 ms) and 16 MiB.",
	"Exit 0 when no error finding remains (--strict: no warning either), 1",
	"when one does, 2 when a URL cannot be reached or is not http(s).", "",
	"Examples:",
	"  archgate probe http://127.0.0.1:9090/metrics",
	"  archgate probe http://127.0.0.1:8080/ http://127.0.0.1:8080/metrics --format json",
	NULL};

enum { PROBE_TIMEOUT, PROBE_ALLOW_REMOTE, PROBE_NO_ERRORS, PROBE_TEXT, PROBE_STRICT };
static const struct cli_option probe_options[] = {
	[PROBE_TIMEOUT] = CLI_VALUE("timeout", "MS", "deadline of each request (default 10000)"),
	[PROBE_ALLOW_REMOTE] = CLI_FLAG("allow-remote", "also probe addresses outside loopback"),
	[PROBE_NO_ERRORS] = CLI_FLAG("no-errors", "do not send the request that must fail"),
	[PROBE_TEXT] = CLI_FLAG("text", "ask for the text format 0.0.4, not OpenMetrics"),
	[PROBE_STRICT] = CLI_FLAG("strict", "warnings fail too"),
};

#define MAX_URLS 64

static const char *sev_name(enum ag_severity s)
{
	return ag_severity_name(s);
}

static void text_target(struct cli_ctx *c, struct ag_buf *out, const struct ag_probe_target *t)
{
	if (!t->reached) {
		ag_buf_printf(out, "%s: unreachable\n", cli_text(c, t->url));
		return;
	}
	ag_buf_printf(out, "%s: %ld %s", cli_text(c, t->url), t->status,
		      *t->media ? cli_text(c, t->media) : "(no body type)");
	if (t->metrics)
		ag_buf_printf(out, ", %s, %zu samples in %zu families",
			      t->openmetrics ? "OpenMetrics" : "text format", t->stats.samples,
			      t->stats.families);
	if (t->error_status)
		ag_buf_printf(out, "; an unknown path answered %ld", t->error_status);
	ag_buf_addc(out, '\n');
	for (size_t i = 0; i < t->f.n; i++) {
		const struct ag_probe_finding *f = &t->f.v[i];
		if (f->line)
			ag_buf_printf(out, "  %s:%d:%d: %s: %s [%s]\n", cli_text(c, t->url), f->line,
				      f->col, sev_name(f->sev), cli_text(c, f->message), f->rule);
		else
			ag_buf_printf(out, "  %s: %s: %s [%s]\n", cli_text(c, t->url), sev_name(f->sev),
				      cli_text(c, f->message), f->rule);
	}
	if (t->f.dropped)
		ag_buf_printf(out, "  ... and %zu more findings not shown\n", t->f.dropped);
}

static void json_target(struct ag_json *w, const struct ag_probe_target *t)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "url", t->url);
	ag_json_kv_bool(w, "reached", t->reached);
	if (t->reached) {
		ag_json_kv_int(w, "status", t->status);
		ag_json_kv_str(w, "media_type", t->media);
		ag_json_kv_str(w, "traceparent_sent", t->traceparent);
		if (t->metrics) {
			ag_json_kv_str(w, "exposition", t->openmetrics ? "openmetrics" : "text");
			ag_json_kv_int(w, "samples", (long long)t->stats.samples);
			ag_json_kv_int(w, "families", (long long)t->stats.families);
		}
		if (t->error_status)
			ag_json_kv_int(w, "unknown_path_status", t->error_status);
	}
	ag_json_key(w, "findings");
	ag_json_begin_array(w);
	for (size_t i = 0; i < t->f.n; i++) {
		const struct ag_probe_finding *f = &t->f.v[i];
		ag_json_inline(w);
		ag_json_begin_object(w);
		ag_json_kv_str(w, "rule", f->rule);
		ag_json_kv_str(w, "severity", sev_name(f->sev));
		ag_json_kv_str(w, "message", f->message);
		if (f->line) {
			ag_json_kv_int(w, "line", f->line);
			ag_json_kv_int(w, "col", f->col);
		}
		ag_json_end_object(w);
	}
	ag_json_end_array(w);
	ag_json_kv_int(w, "dropped", (long long)t->f.dropped);
	ag_json_end_object(w);
}

static int run_probe(struct cli_ctx *c)
{
	if (!c->npos)
		return cli_usage_error(c, "give at least one URL");
	if (c->npos > MAX_URLS)
		return cli_usage_error(c, "at most %d URLs in one run", MAX_URLS);
	struct ag_probe_opts o = {0};
	if (c->opt[PROBE_TIMEOUT]) {
		char *e;
		long v = strtol(c->opt[PROBE_TIMEOUT], &e, 10);
		if (*e || v < 1 || v > 600000)
			return cli_usage_error(c, "--timeout '%s': give milliseconds, 1 to 600000",
					       cli_text(c, c->opt[PROBE_TIMEOUT]));
		o.timeout_ms = v;
	}
	o.allow_remote = c->opt[PROBE_ALLOW_REMOTE] != NULL;
	o.no_errors = c->opt[PROBE_NO_ERRORS] != NULL;
	o.text_only = c->opt[PROBE_TEXT] != NULL;
	struct ag_probe_target *ts = calloc((size_t)c->npos, sizeof(*ts));
	if (!ts) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(AG_ENOMEM));
		return AG_EXIT_USAGE;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = 0;
	size_t errors = 0, warnings = 0, unreachable = 0;
	int n = 0;
	for (; n < c->npos && rc == 0; n++) {
		rc = ag_probe_url(c->pos[n], &o, &ts[n], &d);
		if (!ts[n].reached)
			unreachable++;
		errors += ag_probe_count(&ts[n].f, AG_SEV_ERROR);
		warnings += ag_probe_count(&ts[n].f, AG_SEV_WARNING);
	}
	cli_print_diags(&d, cli_color_stderr(c));
	int code;
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		code = AG_EXIT_USAGE;
	} else {
		bool failed = errors || (c->opt[PROBE_STRICT] && warnings);
		struct ag_buf out = AG_BUF_INIT;
		if (c->format == AG_FMT_JSON) {
			struct ag_json w;
			ag_json_init(&w, &out, AG_JSON_COMPACT);
			ag_json_begin_object(&w);
			ag_json_key(&w, "targets");
			ag_json_begin_array(&w);
			for (int i = 0; i < n; i++)
				json_target(&w, &ts[i]);
			ag_json_end_array(&w);
			ag_json_kv_int(&w, "errors", (long long)errors);
			ag_json_kv_int(&w, "warnings", (long long)warnings);
			ag_json_kv_int(&w, "unreachable", (long long)unreachable);
			ag_json_kv_bool(&w, "failed", failed || unreachable);
			ag_json_end_object(&w);
			rc = ag_json_finish(&w);
			if (!rc)
				rc = ag_buf_addc(&out, '\n');
		} else {
			for (int i = 0; i < n; i++)
				text_target(c, &out, &ts[i]);
			ag_buf_printf(&out, "%zu error%s, %zu warning%s in %d URL%s%s\n", errors,
				      errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", n,
				      n == 1 ? "" : "s",
				      unreachable ? "; probe failed: unreachable"
				      : failed    ? "; probe failed"
						  : "; probe passed");
			rc = out.err;
		}
		code = cli_output(c, &out, rc);
		if (code == AG_EXIT_OK && unreachable)
			code = AG_EXIT_USAGE;
		else if (code == AG_EXIT_OK && failed)
			code = AG_EXIT_FAIL;
	}
	for (int i = 0; i < c->npos; i++)
		ag_probe_target_release(&ts[i]);
	free(ts);
	ag_diags_release(&d);
	return code;
}

const struct cli_command cli_cmd_probe = {
	.name = "probe", .summary = "Probe running services: metrics, trace context, error answers",
	.usage = probe_usage, CLI_OPTIONS(probe_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_NONE, .run = run_probe,
};
