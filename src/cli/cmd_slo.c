/*
 * cmd_slo.c - `archgate slo ...`: SLOs and error budgets from OpenSLO,
 * sloth and pyrra files (ADR-0025): the budget arithmetic and the
 * Prometheus rules that watch it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "cli.h"
#include "slo/slo_budget.h"
#include "slo/slo_read.h"
#include "slo/slo_rules.h"
#include "slo/slo_status.h"
#include "slo/slo_explain.h"
#include "slo/slo_convert.h"
#include "history/change.h"
#include "base/json.h"
#include "net/http.h"
#include "yaml/yaml_tree.h"
#include <ctype.h>
#include <math.h>
#include <time.h>

static const char *const slo_usage[] = {
	"archgate slo <budget|convert|explain|rules|status> [FILE...]",
	"",
	"Service level objectives read from OpenSLO v1 (kind SLO, inline or",
	"referenced SLI), sloth (version: prometheus/v1) and pyrra",
	"(ServiceLevelObjective) files; without FILE, the model's arch/slo/.",
	"See docs/slo.md.",
	"",
	"Examples:",
	"  archgate slo budget",
	"  archgate slo rules > slo-rules.yaml && promtool check rules slo-rules.yaml",
	NULL};

/* Every FILE (or folder), else the arch folder's slo/, into `s`; finished.
 * 0, or AG_EXIT_USAGE after printing the errors. */
static int load(struct cli_ctx *c, struct ag_slo_set *s)
{
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = 0;
	if (c->npos) {
		for (int i = 0; i < c->npos && rc != AG_ENOMEM; i++) {
			int r = ag_slo_read_path(s, c->pos[i], c->pos[i], &d);
			if (r && rc != AG_ENOMEM)
				rc = r;
		}
	} else {
		const struct ag_model *m;
		int mrc = cli_model(c, &m);
		if (mrc) {
			ag_diags_release(&d);
			return mrc;
		}
		if (!m) {
			ag_diags_release(&d);
			return cli_usage_error(c, "no FILE given and no arch folder found "
						  "(its slo/ is the default)");
		}
		size_t l = strlen(m->arch_dir) + 5, k = strlen(m->arch_rel) + 5;
		char *p = malloc(l), *disp = malloc(k);
		if (p && disp) {
			snprintf(p, l, "%s/slo", m->arch_dir);
			snprintf(disp, k, "%s/slo", m->arch_rel);
			rc = ag_slo_read_path(s, p, disp, &d);
		} else {
			rc = AG_ENOMEM;
		}
		free(p);
		free(disp);
	}
	if (rc != AG_ENOMEM) {
		int r = ag_slo_finish(s, &d);
		if (r && !rc)
			rc = r;
	}
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (rc == AG_ENOMEM) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	return rc ? AG_EXIT_USAGE : 0;
}

static const char *const budget_usage[] = {
	"archgate slo budget [FILE...] [--format FMT]", "",
	"For each SLO, the bad fraction its target allows (1 - target) and the",
	"bad time that is over its window (99.9% over 30 days: 0.001 x 30 days",
	"= 43.2 minutes); for Timeslices SLOs, the bad slices allowed. Then the",
	"usual targets (99, 99.5, 99.9, 99.95, 99.99) for every window used.",
	"FILE is an OpenSLO, sloth or pyrra file or a folder of them (default:",
	"the arch folder's slo/).", "",
	"Example:", "  archgate slo budget arch/slo/checkout.yaml --format json", NULL};

static int slo_budget(struct cli_ctx *c)
{
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	int rc = load(c, &s);
	if (rc) {
		ag_arena_release(&a);
		return rc;
	}
	struct ag_buf out = AG_BUF_INIT;
	rc = c->format == AG_FMT_JSON ? ag_slo_budget_json(&out, &s) : ag_slo_budget_text(&out, &s);
	rc = cli_output(c, &out, rc);
	ag_arena_release(&a);
	return rc;
}

static const struct cli_command slo_budget_cmd = {
	.name = "budget", .summary = "Allowed bad fraction and bad time per SLO",
	.usage = budget_usage, .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_POLICY, .run = slo_budget,
};

static const char *const rules_usage[] = {
	"archgate slo rules [FILE...] [--output RULES] [--tests TESTS] [--min-events N]", "",
	"Prometheus recording and alerting rules for every SLO with a Prometheus",
	"indicator, to stdout or RULES. Recording rules carry sloth's names",
	"(slo:sli_error:ratio_rate5m ... slo:sli_error:ratio_rate3d, the SLO's",
	"window, slo:objective:ratio, slo:error_budget:ratio,",
	"slo:period_burn_rate:ratio, slo:period_error_budget_remaining:ratio);",
	"each error ratio is summed bad events over summed events in its window,",
	"never an average of ratios. The alerts burn multi-window, multi-rate:",
	"for 30 days, page at 14.4x (1h and 5m) or 6x (6h and 30m), ticket at 3x",
	"(1d and 2h) or 1x (3d and 6h); for another window each factor is",
	"scaled so that it still means the same share of the budget. Alerts",
	"carry burn_tier=page|ticket for Alertmanager's inhibition.",
	"With a minimum traffic (--min-events, else error_budget.min_events in",
	"archgate.yaml) no alert fires on a long window with fewer events.",
	"--tests writes a `promtool test rules` file for RULES (it needs",
	"--output): each SLO healthy, then failing, every alert expected.", "",
	"Example:",
	"  archgate slo rules --output slo-rules.yaml --tests slo-tests.yaml &&",
	"    promtool check rules slo-rules.yaml && promtool test rules slo-tests.yaml",
	NULL};

enum { RULES_OUTPUT, RULES_TESTS, RULES_MIN_EVENTS };
static const struct cli_option rules_options[] = {
	[RULES_OUTPUT] = CLI_VALUE("output", "RULES", "write the rules to RULES (atomically)"),
	[RULES_TESTS] = CLI_VALUE("tests", "TESTS",
				  "also write a promtool test rules file for RULES"),
	[RULES_MIN_EVENTS] = CLI_VALUE("min-events", "N",
				       "no alert on a window with fewer than N events"),
};

static int write_file(const struct cli_ctx *c, const char *path, const struct ag_buf *b)
{
	int rc = ag_write_replace(path, b->data ? b->data : "", b->len);
	if (rc) {
		fprintf(stderr, "archgate %s: cannot write '%s': %s\n", c->name, path,
			ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	return 0;
}

/* The path of `target` as seen from the folder of `from`: its name when
 * both are in one folder, else absolute. malloc'd. */
static char *relative_to(const char *target, const char *from)
{
	const char *ts = strrchr(target, '/'), *fs = strrchr(from, '/');
	size_t tl = ts ? (size_t)(ts - target) : 0, fl = fs ? (size_t)(fs - from) : 0;
	if (tl == fl && !strncmp(target, from, tl))
		return strdup(ts ? ts + 1 : target);
	if (target[0] == '/')
		return strdup(target);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	size_t n = strlen(cwd) + strlen(target) + 2;
	char *r = malloc(n);
	if (r)
		snprintf(r, n, "%s/%s", cwd, target);
	free(cwd);
	return r;
}

static int slo_rules(struct cli_ctx *c)
{
	const char *outp = c->opt[RULES_OUTPUT], *testp = c->opt[RULES_TESTS];
	const char *me = c->opt[RULES_MIN_EVENTS];
	if (outp && !*outp)
		return cli_usage_error(c, "--output needs a file name");
	if (testp && !*testp)
		return cli_usage_error(c, "--tests needs a file name");
	if (testp && !outp)
		return cli_usage_error(c, "--tests needs --output: the test file names the rules file");
	if (testp && outp && !strcmp(testp, outp))
		return cli_usage_error(c, "--tests and --output name the same file");
	struct ag_slo_rules_opts o = {0};
	if (me) {
		char *end;
		errno = 0;
		long long v = strtoll(me, &end, 10);
		if (!*me || *end || errno || v < 0)
			return cli_usage_error(c, "--min-events needs a number of events (0 or more), "
					       "not '%s'", me);
		o.min_events = v;
	}
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	int rc = load(c, &s);
	if (rc) {
		ag_arena_release(&a);
		return rc;
	}
	if (!me) {
		const struct ag_model *m = NULL;
		if (!cli_model(c, &m) && m)
			o.min_events = ag_policy_min_events(&m->policy);
	}
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT, tests = AG_BUF_INIT;
	rc = ag_slo_rules(&out, &s, &o, &d);
	char *rel = NULL;
	if (!rc && testp) {
		rel = relative_to(outp, testp);
		rc = rel ? ag_slo_rules_tests(&tests, &s, &o, rel, &d) : AG_ENOMEM;
	}
	free(rel);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (rc == AG_EINVAL) {
		ag_buf_release(&out);
		ag_buf_release(&tests);
		ag_arena_release(&a);
		return AG_EXIT_USAGE;
	}
	if (!outp) {
		rc = cli_output(c, &out, rc);
	} else if (rc) {
		rc = cli_output(c, &out, rc);
	} else {
		rc = write_file(c, outp, &out);
		if (!rc && testp)
			rc = write_file(c, testp, &tests);
		ag_buf_release(&out);
	}
	ag_buf_release(&tests);
	ag_arena_release(&a);
	return rc;
}

static const struct cli_command slo_rules_cmd = {
	.name = "rules", .summary = "Prometheus recording and burn-rate alerting rules",
	.usage = rules_usage, CLI_OPTIONS(rules_options), .arch = CLI_ARCH_OPTIONAL,
	.parts = AG_LOAD_POLICY, .run = slo_rules,
};

static const char *const status_usage[] = {
	"archgate slo status [FILE...] [--events LOG | --url URL] [--at TIME] [--format FMT]", "",
	"Where each SLO stands at TIME (default now): its events and bad events",
	"over its window, the SLI, the error budget consumed and remaining, the",
	"burn rate over 1h, 6h, 1d and 3d (error ratio / allowed bad fraction)",
	"and when the budget runs out at the 1h burn rate.",
	"With --events, SLOs whose metric sources are of type archgate-events",
	"are counted from the event file LOG by the events engine (their",
	"queries are events predicates, docs/events.md); with --url, SLOs with",
	"Prometheus queries are counted by the Prometheus at URL through its",
	"HTTP API (sum(increase(...)) per window; --timeout MS, default 10000).",
	"With neither, each SLO is counted from the OpenSLO DataSource its",
	"metric sources name (metricSourceRef): an archgate-events DataSource's",
	"connectionDetails.file (relative to the repository root) or a",
	"Prometheus DataSource's connectionDetails.url.",
	"Exit 2 when Prometheus is down, slow or answers an error.", "",
	"Examples:",
	"  archgate slo status --events logs/checkout.ndjson --at 2026-11-25T12:00:00Z",
	"  archgate slo status --url http://127.0.0.1:9090 --format json", NULL};

enum { ST_EVENTS, ST_URL, ST_AT, ST_TIMEOUT };
static const struct cli_option status_options[] = {
	[ST_EVENTS] = CLI_VALUE("events", "LOG", "count archgate-events SLOs in this event file"),
	[ST_URL] = CLI_VALUE("url", "URL", "count Prometheus SLOs with the Prometheus at URL"),
	[ST_AT] = CLI_VALUE("at", "TIME", "the end of the windows: RFC 3339 or unix seconds"),
	[ST_TIMEOUT] = CLI_VALUE("timeout", "MS", "Prometheus: per query (default 10000)"),
};

static bool parse_at(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s && !*end && !errno && v >= 0) {
		*out = v;
		return true;
	}
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	char z = 0, extra = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &extra) != 7 || z != 'Z' ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = (long long)timegm(&tm);
	return true;
}

/* One API call (`api`: "query?..." or "query_range?...", its query `q`
 * for messages); on success *result is data.result of the answer, in `a`. */
static int prom_get(const char *url, const char *api, const char *q, long timeout_ms,
		    struct ag_arena *a, const struct ag_ynode **result, struct ag_diags *d)
{
	struct ag_buf u = AG_BUF_INIT;
	size_t ul = strlen(url);
	while (ul && url[ul - 1] == '/')
		ul--;
	ag_buf_printf(&u, "%.*s/api/v1/%s", (int)ul, url, api);
	if (ag_buf_err(&u))
		return AG_ENOMEM;
	struct ag_http_req rq = {0};
	rq.url = u.data;
	rq.timeout_ms = timeout_ms;
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	int rc = ag_http_do(&rq, &rs, d);
	*result = NULL;
	if (!rc) {
		struct ag_ynode *root = NULL;
		struct ag_diags jd;
		ag_diags_init(&jd);
		const char *status = NULL, *err = NULL;
		if (!ag_yaml_parse(a, "prometheus", rs.body.data ? rs.body.data : "", rs.body.len,
				   &root, &jd) && root) {
			const struct ag_ynode *st = ag_yaml_get(root, "status");
			const struct ag_ynode *er = ag_yaml_get(root, "error");
			status = st && st->kind == AG_Y_SCALAR ? st->str : NULL;
			err = er && er->kind == AG_Y_SCALAR ? er->str : NULL;
		}
		if (!status || strcmp(status, "success")) {
			ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0,
				     "Prometheus at '%s' answered HTTP %ld to '%s': %s", url, rs.status,
				     q, err ? err : "not a Prometheus API answer");
			rc = AG_EIO;
		} else {
			*result = ag_yaml_get(ag_yaml_get(root, "data"), "result");
		}
		ag_diags_release(&jd);
	}
	ag_http_resp_release(&rs);
	ag_buf_release(&u);
	return rc;
}

/* One instant query; the value of its single sample (0 when none). */
static int prom_query(const char *url, const char *q, long long at, long timeout_ms,
		      double *out, struct ag_diags *d)
{
	struct ag_buf api = AG_BUF_INIT;
	ag_buf_adds(&api, "query?query=");
	ag_http_query_escape(&api, q, strlen(q));
	ag_buf_printf(&api, "&time=%lld", at);
	if (ag_buf_err(&api))
		return AG_ENOMEM;
	struct ag_arena a;
	ag_arena_init(&a, 0);
	const struct ag_ynode *res;
	int rc = prom_get(url, api.data, q, timeout_ms, &a, &res, d);
	if (!rc) {
		*out = 0;
		if (res && res->kind == AG_Y_SEQ && res->n) {
			const struct ag_ynode *v = ag_yaml_get(res->kids[0], "value");
			char *end = NULL;
			double x = v && v->kind == AG_Y_SEQ && v->n == 2 && v->kids[1]->kind == AG_Y_SCALAR
					   ? strtod(v->kids[1]->str, &end)
					   : 0;
			if (!end || *end) {
				ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0,
					     "Prometheus at '%s' answered '%s' without a sample value",
					     url, q);
				rc = AG_EIO;
			} else {
				*out = isnan(x) ? 0 : x;
			}
		}
	}
	ag_arena_release(&a);
	ag_buf_release(&api);
	return rc;
}

/* One range query from start to end by step; the sample at time
 * start + (j+1)*step... lands in out[j] (n of them, zeroed by the caller;
 * no sample: 0). */
static int prom_range(const char *url, const char *q, long long base, long long step, size_t n,
		      long timeout_ms, double *out, struct ag_diags *d)
{
	struct ag_buf api = AG_BUF_INIT;
	ag_buf_adds(&api, "query_range?query=");
	ag_http_query_escape(&api, q, strlen(q));
	ag_buf_printf(&api, "&start=%lld&end=%lld&step=%lld", base + step,
		      base + step * (long long)n, step);
	if (ag_buf_err(&api))
		return AG_ENOMEM;
	struct ag_arena a;
	ag_arena_init(&a, 0);
	const struct ag_ynode *res;
	int rc = prom_get(url, api.data, q, timeout_ms, &a, &res, d);
	const struct ag_ynode *vals = !rc && res && res->kind == AG_Y_SEQ && res->n
					      ? ag_yaml_get(res->kids[0], "values") : NULL;
	for (size_t i = 0; vals && vals->kind == AG_Y_SEQ && i < vals->n; i++) {
		const struct ag_ynode *p = vals->kids[i];
		if (p->kind != AG_Y_SEQ || p->n != 2 || p->kids[0]->kind != AG_Y_SCALAR ||
		    p->kids[1]->kind != AG_Y_SCALAR)
			continue;
		double ts = strtod(p->kids[0]->str, NULL), x = strtod(p->kids[1]->str, NULL);
		long long j = (long long)llround((ts - (double)base) / (double)step) - 1;
		if (j >= 0 && (size_t)j < n && !isnan(x))
			out[j] = x;
	}
	ag_arena_release(&a);
	ag_buf_release(&api);
	return rc;
}

/* Since when, from Prometheus: the window's events per step over two
 * windows back, one range query of `increase` over the step for each
 * count (each sample read about once, not a window's worth per step),
 * then the same walk as over event files. The step: the shortest of a
 * minute, 2, 5, 10, 15, 30 minutes, an hour... that fits two windows in
 * 10,000 steps (Prometheus's limit is 11,000). */
static int prom_since(const struct ag_slo_state *st, const char *url, long long at,
		      long timeout_ms, struct ag_slo_since *sv, size_t ns, long long *step_out,
		      struct ag_diags *d)
{
	static const long long steps[] = {60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400};
	long long W = st->d->window_s, step = 86400;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (2 * ((W + steps[i] - 1) / steps[i]) <= 10000) {
			step = steps[i];
			break;
		}
	*step_out = step;
	size_t nb = (size_t)((W + step - 1) / step);
	long long base = at - 2 * step * (long long)nb;
	double *num = calloc(4 * nb, sizeof(*num));
	if (!num)
		return AG_ENOMEM;
	double *tot = num + 2 * nb;
	char w[32];
	ag_slo_prom_duration(step, w);
	struct ag_buf q = AG_BUF_INIT;
	ag_slo_count_promql(&q, st->d, true, w, step);
	int rc = ag_buf_err(&q) ? AG_ENOMEM : prom_range(url, q.data, base, step, 2 * nb, timeout_ms, num, d);
	ag_buf_reset(&q);
	ag_slo_count_promql(&q, st->d, false, w, step);
	if (!rc)
		rc = ag_buf_err(&q) ? AG_ENOMEM
				    : prom_range(url, q.data, base, step, 2 * nb, timeout_ms, tot, d);
	if (!rc) {
		if (st->d->good)
			for (size_t j = 0; j < 2 * nb; j++)
				num[j] = tot[j] - num[j];
		ag_slo_since_walk(st, num, tot, nb, base, step, sv, ns);
	}
	ag_buf_release(&q);
	free(num);
	return rc;
}

static int status_prometheus(struct ag_slo_state *st, const char *url, long long at,
			     long timeout_ms, struct ag_diags *d)
{
	const struct ag_slo_def *def = st->d;
	struct ag_buf q = AG_BUF_INIT;
	if (!ag_slo_count_promql(&q, def, true, "1h", 3600) ||
	    (ag_buf_reset(&q), !ag_slo_count_promql(&q, def, false, "1h", 3600))) {
		ag_buf_release(&q);
		st->skip = "its indicator is not a Prometheus counter ratio";
		return 0;
	}
	int rc = 0;
	for (size_t i = 0; i < AG_SLO_NWIN && !rc; i++) {
		struct ag_slo_count *c = &st->w[i];
		if (i && c->secs >= def->window_s)
			continue;
		double num = 0, tot = 0;
		ag_buf_reset(&q);
		ag_slo_count_promql(&q, def, true, c->name, c->secs);
		rc = ag_buf_err(&q) ? AG_ENOMEM : prom_query(url, q.data, at, timeout_ms, &num, d);
		if (rc)
			break;
		ag_buf_reset(&q);
		ag_slo_count_promql(&q, def, false, c->name, c->secs);
		rc = ag_buf_err(&q) ? AG_ENOMEM : prom_query(url, q.data, at, timeout_ms, &tot, d);
		if (rc)
			break;
		c->total = tot;
		c->bad = def->good ? tot - num : num;
		c->have = true;
	}
	ag_buf_release(&q);
	return rc;
}

/* Counts st from the event file `ev` or the Prometheus at `url` (as the
 * flags or the policy give them); with neither, from the DataSource its
 * metric sources name: an archgate-events file (relative to `root`) or a
 * Prometheus url. */
/* From event files: with `sv`, also the since-when answers (the same pass). */
static int count_events(struct ag_slo_state *st, const char *path, long long at,
			struct ag_slo_since *sv, size_t ns, struct ag_diags *d)
{
	return sv ? ag_slo_status_since(st, &path, 1, at, NULL, sv, ns, d)
		  : ag_slo_status_events(st, &path, 1, at, d);
}

/* Counts one SLO from the event file or the Prometheus given (a flag or the
 * policy), else from its own DataSource. `sv` (may be NULL): since-when
 * questions, answered when it is counted from events. `*prom_out` (may be
 * NULL): the Prometheus it was counted from, or NULL. */
static int count_slo(struct ag_slo_state *st, const char *ev, const char *url, const char *root,
		     long long at, long timeout_ms, struct ag_slo_since *sv, size_t ns,
		     const char **prom_out, struct ag_diags *d)
{
	const struct ag_slo_def *def = st->d;
	if (prom_out)
		*prom_out = NULL;
	if (ev)
		return count_events(st, ev, at, sv, ns, d);
	if (url) {
		if (prom_out)
			*prom_out = url;
		return status_prometheus(st, url, at, timeout_ms, d);
	}
	bool evs = def->kind == AG_SLI_RATIO && def->num.source &&
		   !strcasecmp(def->num.source, "archgate-events");
	const char *file = ag_slo_events_file(def), *u = ag_slo_prometheus_url(def);
	if (file) {
		char *path = file[0] == '/' || !root ? strdup(file) : ag_path_join(root, file);
		if (!path)
			return AG_ENOMEM;
		int rc = count_events(st, path, at, sv, ns, d);
		free(path);
		return rc;
	}
	if (u) {
		if (prom_out)
			*prom_out = u;
		return status_prometheus(st, u, at, timeout_ms, d);
	}
	st->skip = evs ? "no event file: no --events, and no DataSource with a file"
		       : "no Prometheus: no --url, and no DataSource with a url";
	return 0;
}

/* Whether any SLO of s names a DataSource it can be counted from. */
static bool any_datasource(const struct ag_slo_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_slo_def *d = &s->v[i];
		if (d->num.file || d->num.url || d->total.file || d->total.url)
			return true;
	}
	return false;
}

static int slo_status(struct cli_ctx *c)
{
	const char *ev = c->opt[ST_EVENTS], *url = c->opt[ST_URL], *ats = c->opt[ST_AT];
	const char *to = c->opt[ST_TIMEOUT];
	if (ev && url)
		return cli_usage_error(c, "give either --events LOG or --url URL");
	if ((ev && !*ev) || (url && !*url))
		return cli_usage_error(c, "--%s needs a value", ev ? "events" : "url");
	long long at = (long long)time(NULL);
	if (ats && !parse_at(ats, &at))
		return cli_usage_error(c, "--at needs RFC 3339 (2026-11-25T12:00:00Z) or unix "
				       "seconds, not '%s'", ats);
	long timeout_ms = AG_HTTP_DEFAULT_TIMEOUT_MS;
	if (to) {
		char *end;
		errno = 0;
		long v = strtol(to, &end, 10);
		if (!*to || *end || errno || v <= 0)
			return cli_usage_error(c, "--timeout needs milliseconds, not '%s'", to);
		timeout_ms = v;
	}
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	int rc = load(c, &s);
	if (rc) {
		ag_arena_release(&a);
		return rc;
	}
	if (!ev && !url && !any_datasource(&s)) {
		ag_arena_release(&a);
		return cli_usage_error(c, "give either --events LOG or --url URL (or name a "
				       "DataSource with connectionDetails in the SLOs' metric sources)");
	}
	const struct ag_model *m = NULL;
	const char *root = NULL;
	if (!ev && !url && !cli_model(c, &m) && m)
		root = m->root;
	struct ag_slo_state *v = calloc(s.n ? s.n : 1, sizeof(*v));
	if (!v) {
		ag_arena_release(&a);
		return cli_output(c, &(struct ag_buf)AG_BUF_INIT, AG_ENOMEM);
	}
	struct ag_diags d;
	ag_diags_init(&d);
	int err = 0;
	for (size_t i = 0; i < s.n && !err; i++) {
		ag_slo_state_init(&v[i], &s.v[i]);
		err = count_slo(&v[i], ev, url, root, at, timeout_ms, NULL, 0, NULL, &d);
	}
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (err == AG_ENOMEM) {
		rc = cli_output(c, &(struct ag_buf)AG_BUF_INIT, err);
	} else if (err) {
		rc = AG_EXIT_USAGE;
	} else {
		struct ag_buf out = AG_BUF_INIT;
		rc = cli_output(c, &out,
				ag_slo_status_render(&out, v, s.n,
						     ev ? "events" : url ? "prometheus" : "datasources", at,
						     c->format == AG_FMT_JSON));
	}
	free(v);
	ag_arena_release(&a);
	return rc;
}

static const struct cli_command slo_status_cmd = {
	.name = "status", .summary = "Budget consumed and burn rates, from events or Prometheus",
	.usage = status_usage, CLI_OPTIONS(status_options), .formats = CLI_TEXT_JSON,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_POLICY, .run = slo_status,
};

static const char *const explain_usage[] = {
	"archgate slo explain NAME [FILE...] [--format FMT]", "",
	"What the SLO called NAME means, step by step with the numbers used:",
	"its objective, the allowed bad fraction (1 - target) and bad time",
	"(times its window), the bad time at which the error-budget policy",
	"freezes risky changes (error_budget.freeze_at, default 50%), and each",
	"burn-rate alert's windows, factor and error-ratio threshold.", "",
	"Example:", "  archgate slo explain checkout-availability", NULL};

static int slo_explain(struct cli_ctx *c)
{
	if (c->npos < 1)
		return cli_usage_error(c, "missing the SLO's NAME (archgate slo budget lists them)");
	const char *name = c->pos[0];
	c->pos++;
	c->npos--;
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	int rc = load(c, &s);
	c->pos--;
	c->npos++;
	if (rc) {
		ag_arena_release(&a);
		return rc;
	}
	const struct ag_slo_def *d = NULL;
	for (size_t i = 0; i < s.n && !d; i++)
		if (!strcmp(s.v[i].name, name))
			d = &s.v[i];
	if (!d) {
		struct ag_buf names = AG_BUF_INIT;
		for (size_t i = 0; i < s.n; i++)
			ag_buf_printf(&names, "%s%s", i ? ", " : "", s.v[i].name);
		fprintf(stderr, "archgate %s: no SLO named '%s'%s%s\n", c->name, cli_text(c, name),
			s.n ? "; there are: " : "", s.n ? cli_text(c, names.data) : "");
		ag_buf_release(&names);
		ag_arena_release(&a);
		return AG_EXIT_USAGE;
	}
	const struct ag_model *m = NULL;
	double freeze = 0.5;
	if (!cli_model(c, &m) && m)
		freeze = ag_policy_freeze_at(&m->policy);
	struct ag_buf out = AG_BUF_INIT;
	rc = cli_output(c, &out, ag_slo_explain(&out, d, freeze, c->format == AG_FMT_JSON));
	ag_arena_release(&a);
	return rc;
}

static const struct cli_command slo_explain_cmd = {
	.name = "explain", .summary = "One SLO's arithmetic, step by step",
	.usage = explain_usage, .formats = CLI_TEXT_JSON, .arch = CLI_ARCH_OPTIONAL,
	.parts = AG_LOAD_POLICY, .run = slo_explain,
};

static const char *const convert_usage[] = {
	"archgate slo convert --to openslo|sloth|pyrra [FILE...]", "",
	"The SLOs written as OpenSLO v1, sloth prometheus/v1 or pyrra",
	"ServiceLevelObjective documents, to stdout: lossless where the target",
	"format can say it; each thing it cannot (a window other than sloth's",
	"30 days, time slices, a good-events ratio in pyrra, a threshold",
	"indicator) is a warning at the SLO.", "",
	"Example:", "  archgate slo convert --to openslo sloth.yaml > arch/slo/payments.yaml", NULL};

enum { CONV_TO };
static const struct cli_option convert_options[] = {
	[CONV_TO] = CLI_VALUE("to", "FORMAT", "openslo, sloth or pyrra"),
};

static int slo_convert(struct cli_ctx *c)
{
	const char *to = c->opt[CONV_TO];
	enum ag_slo_format f;
	if (!to)
		return cli_usage_error(c, "--to is required: openslo, sloth or pyrra");
	if (!strcmp(to, "openslo"))
		f = AG_SLO_OPENSLO;
	else if (!strcmp(to, "sloth"))
		f = AG_SLO_SLOTH;
	else if (!strcmp(to, "pyrra"))
		f = AG_SLO_PYRRA;
	else
		return cli_usage_error(c, "--to %s: not a format (openslo, sloth or pyrra)",
				       cli_text(c, to));
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	int rc = load(c, &s);
	if (rc) {
		ag_arena_release(&a);
		return rc;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_slo_convert(&out, &s, f, &d);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	rc = cli_output(c, &out, rc);
	ag_arena_release(&a);
	return rc;
}

static const struct cli_command slo_convert_cmd = {
	.name = "convert", .summary = "SLOs as OpenSLO, sloth or pyrra documents",
	.usage = convert_usage, CLI_OPTIONS(convert_options), .arch = CLI_ARCH_OPTIONAL,
	.parts = AG_LOAD_POLICY, .run = slo_convert,
};

/* ---- the freeze of `gate deploy` ---- */

/* The date of an "Expires:" line ("**Expires:** 2026-12-31"), or NULL. */
static bool adr_expiry(const char *text, char out[11])
{
	for (const char *p = text; (p = strstr(p, "Expires:")); p++) {
		const char *q = p + 8;
		while (*q == '*' || *q == ' ')
			q++;
		if (strlen(q) >= 10 && q[4] == '-' && q[7] == '-') {
			memcpy(out, q, 10);
			out[10] = 0;
			return true;
		}
	}
	return false;
}

/* Whether `name` appears in text as a whole word. */
static bool names(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = text; n && (p = strstr(p, name)); p++) {
		char b = p > text ? p[-1] : ' ', e = p[n];
		bool wb = !(isalnum((unsigned char)b) || b == '-' || b == '_');
		bool we = !(isalnum((unsigned char)e) || e == '-' || e == '_');
		if (wb && we)
			return true;
	}
	return false;
}

static void iso(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The reasons of one commit, "a; b", into b. */
static void reasons(struct ag_buf *b, char *const *why)
{
	bool first = true;
	for (int k = 0; k < AG_WHY__N; k++)
		if (why[k]) {
			if (!first)
				ag_buf_adds(b, "; ");
			ag_buf_text(b, why[k]);
			first = false;
		}
}

static void json_reasons(struct ag_json *w, const char *key, char *const *why)
{
	ag_json_key(w, key);
	ag_json_inline(w);
	ag_json_begin_array(w);
	for (int k = 0; k < AG_WHY__N; k++)
		if (why[k])
			ag_json_str(w, why[k]);
	ag_json_end_array(w);
}

/* Whether commit c stops a deploy frozen at level `all` (everything but
 * fixes) or not (risky changes). */
static bool blocks(const struct ag_change *c, bool all)
{
	return c->risky || (all && !c->fix);
}

static void json_since(struct ag_json *w, const char *key, const struct ag_slo_since *s,
		       bool have)
{
	ag_json_key(w, key);
	if (!have || (s->state != AG_SINCE_AT && s->state != AG_SINCE_BEFORE)) {
		ag_json_null(w);
		return;
	}
	char t[32];
	iso(s->since, t);
	ag_json_inline(w);
	ag_json_begin_object(w);
	ag_json_kv_str(w, "at", t);
	ag_json_kv_bool(w, "or_earlier", s->state == AG_SINCE_BEFORE);
	ag_json_end_object(w);
}

static void text_since(struct ag_buf *b, const char *what, const struct ag_slo_since *s,
		       const char *unknown, long long step)
{
	if (unknown) {
		ag_buf_printf(b, "    %s frozen since: unknown (%s)\n", what, unknown);
		return;
	}
	if (s->state != AG_SINCE_AT && s->state != AG_SINCE_BEFORE)
		return;
	char t[32], st[64] = "";
	iso(s->since, t);
	if (step > 60) {
		char d[32];
		ag_slo_prom_duration(step, d);
		snprintf(st, sizeof(st), " (to the %s step)", d);
	}
	ag_buf_printf(b, "    %s frozen since %s%s%s\n", what, t, st,
		      s->state == AG_SINCE_BEFORE ? " or earlier (past it for the whole window "
						    "looked back)" : "");
}

int cli_slo_freeze(struct cli_ctx *c, const struct ag_model *m, const char *range,
		   const char *const *labels, size_t nlabels, struct ag_json *w, bool *stop)
{
	*stop = false;
	const struct ag_budget_policy *bp = &m->policy.error_budget;
	double freeze = ag_policy_freeze_at(&m->policy), freeze_all = ag_policy_freeze_all_at(&m->policy);
	bool have_ev = bp->events.set && bp->events.len;
	bool have_prom = !have_ev && bp->prometheus.set && bp->prometheus.len;
	struct ag_buf tb = AG_BUF_INIT;
	char today[11];
	cli_today(today);
	long long at = (long long)time(NULL);
	const char *pinned = getenv("ARCHGATE_TODAY");
	if (pinned && *pinned) {
		char t[32];
		snprintf(t, sizeof(t), "%.10sT12:00:00Z", pinned);
		parse_at(t, &at);
	}
	/* the SLOs first: without a source in the policy, each SLO's
	 * DataSource (if any) is where it is counted */
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &a);
	struct ag_diags d;
	ag_diags_init(&d);
	size_t l = strlen(m->arch_dir) + 5, k = strlen(m->arch_rel) + 5;
	char *p = malloc(l), *disp = malloc(k);
	int rc = p && disp ? 0 : AG_ENOMEM;
	if (!rc) {
		snprintf(p, l, "%s/slo", m->arch_dir);
		snprintf(disp, k, "%s/slo", m->arch_rel);
		rc = ag_slo_read_path(&s, p, disp, &d);
		if (rc != AG_ENOMEM) {
			int r = ag_slo_finish(&s, &d);
			rc = rc ? rc : r;
		}
	}
	free(p);
	free(disp);
	bool have_ds = !have_ev && !have_prom && !rc && any_datasource(&s);
	if (w) {
		ag_json_key(w, "error_budget");
		ag_json_begin_object(w);
		ag_json_key(w, "source");
		if (have_ev || have_prom || have_ds)
			ag_json_str(w, have_ev ? "events" : have_prom ? "prometheus" : "datasources");
		else
			ag_json_null(w);
		ag_json_kv_double(w, "freeze_at", freeze, AG_JSON_SHORTEST);
		ag_json_kv_double(w, "freeze_all_at", freeze_all, AG_JSON_SHORTEST);
		ag_json_key(w, "labels");
		ag_json_inline(w);
		ag_json_begin_array(w);
		for (size_t i = 0; i < nlabels; i++)
			ag_json_str(w, labels[i]);
		ag_json_end_array(w);
	} else {
		printf("\nError budget (risky changes freeze at %.4g%%, everything but fixes at "
		       "%.4g%%):\n", freeze * 100, freeze_all * 100);
	}
	if (!have_ev && !have_prom && !have_ds) {
		ag_diags_release(&d);
		ag_arena_release(&a);
		if (w) {
			ag_json_kv_bool(w, "frozen", false);
			ag_json_end_object(w);
		} else {
			printf("  no status source (error_budget.events or error_budget.prometheus in "
			       "archgate.yaml, or a DataSource the SLOs name): not checked\n");
		}
		return 0;
	}
	/* the commits to ship, classified */
	struct ag_changes ch;
	struct ag_diags cd;
	ag_diags_init(&cd);
	int crc = ag_changes_classify(m, range, labels, nlabels, &ch, &cd);
	cli_print_diags(&cd, cli_color_stderr(c));
	ag_diags_release(&cd);
	if (crc) {
		ag_diags_release(&d);
		ag_arena_release(&a);
		if (crc == AG_ENOMEM)
			fprintf(stderr, "archgate gate deploy: out of memory\n");
		else if (crc != AG_EINVAL)
			fprintf(stderr, "archgate gate deploy: cannot read the commits of '%s' in %s\n",
				range, m->root);
		return AG_EXIT_USAGE;
	}
	struct ag_slo_state *v = rc ? NULL : calloc(s.n ? s.n : 1, sizeof(*v));
	struct ag_slo_since *since = rc ? NULL : calloc(2 * (s.n ? s.n : 1), sizeof(*since));
	long long *step = rc ? NULL : calloc(s.n ? s.n : 1, sizeof(*step));
	const char **counted_prom = rc ? NULL : calloc(s.n ? s.n : 1, sizeof(*counted_prom));
	char *evpath = NULL;
	if (!rc && (!v || !since || !step || !counted_prom))
		rc = AG_ENOMEM;
	if (!rc && have_ev) {
		size_t n = strlen(m->root) + bp->events.len + 2;
		evpath = malloc(n);
		if (!evpath)
			rc = AG_ENOMEM;
		else if (bp->events.s[0] == '/')
			snprintf(evpath, n, "%s", bp->events.s);
		else
			snprintf(evpath, n, "%s/%s", m->root, bp->events.s);
	}
	const char *prom = have_prom ? bp->prometheus.s : NULL;
	for (size_t i = 0; !rc && i < s.n; i++) {
		ag_slo_state_init(&v[i], &s.v[i]);
		since[2 * i].threshold = freeze;
		since[2 * i + 1].threshold = freeze_all;
		rc = count_slo(&v[i], evpath, prom, m->root, at, AG_HTTP_DEFAULT_TIMEOUT_MS,
			       &since[2 * i], 2, &counted_prom[i], &d);
	}
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (w) {
		ag_json_key(w, "commits");
		ag_json_begin_array(w);
		for (size_t i = 0; i < ch.n; i++) {
			const struct ag_change *cm = &ch.v[i];
			ag_json_begin_object(w);
			ag_json_kv_str(w, "sha", cm->sha);
			ag_json_kv_str(w, "subject", cm->subject);
			ag_json_kv_bool(w, "risky", cm->risky);
			json_reasons(w, "risky_because", cm->risky_why);
			ag_json_kv_bool(w, "fix", cm->fix);
			json_reasons(w, "fix_because", cm->fix_why);
			ag_json_end_object(w);
		}
		ag_json_end_array(w);
	}
	if (rc) {
		const char *src = evpath ? "error_budget.events"
				 : prom ? "error_budget.prometheus" : "the SLOs' DataSources";
		if (w) {
			ag_json_kv_bool(w, "frozen", true);
			ag_json_kv_str(w, "error", "cannot read the SLO status");
			ag_json_end_object(w);
		} else {
			printf("  cannot read the SLO status (%s): STOP until it can be read\n", src);
		}
		*stop = true;
		free(evpath);
		free(v);
		free(since);
		free(step);
		free(counted_prom);
		ag_changes_release(&ch);
		ag_arena_release(&a);
		return 0;
	}
	if (w) {
		ag_json_key(w, "slos");
		ag_json_begin_array(w);
	}
	size_t shown = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct ag_slo_state *st = &v[i];
		if (st->skip || !st->w[0].have || st->w[0].total <= 0)
			continue;
		shown++;
		double consumed = ag_slo_consumed(st->w[0].bad, st->w[0].total, st->d->target);
		bool all = consumed >= freeze_all, risky = consumed >= freeze;
		const struct ag_adr *ex = NULL, *expired = NULL;
		char exp[11] = "", exp_old[11] = "";
		for (size_t r = 0; risky && r < m->adrs.n; r++) {
			const struct ag_adr *ad = &m->adrs.v[r];
			char e[11];
			if (ad->status != AG_ADR_ACCEPTED || !names(ad->text, st->d->name) ||
			    !adr_expiry(ad->text, e))
				continue;
			if (strcmp(e, today) >= 0) {
				ex = ad;
				memcpy(exp, e, 11);
				break;
			}
			expired = ad;
			memcpy(exp_old, e, 11);
		}
		/* since when: counted with the status from event files; from
		 * Prometheus by a step query now, only for a frozen SLO */
		const char *unknown = NULL;
		step[i] = 60;
		if (risky && counted_prom[i]) {
			struct ag_diags pd;
			ag_diags_init(&pd);
			int prc = prom_since(st, counted_prom[i], at, AG_HTTP_DEFAULT_TIMEOUT_MS,
					     &since[2 * i], 2, &step[i], &pd);
			cli_print_diags(&pd, cli_color_stderr(c));
			ag_diags_release(&pd);
			if (prc)
				unknown = "Prometheus source: the step query failed";
		}
		size_t nblock = 0;
		for (size_t j = 0; risky && j < ch.n; j++)
			nblock += blocks(&ch.v[j], all);
		bool stops = risky && nblock && !ex;
		*stop = *stop || stops;
		if (w) {
			ag_json_begin_object(w);
			ag_json_kv_str(w, "name", st->d->name);
			ag_json_kv_double(w, "consumed", consumed, AG_JSON_SHORTEST);
			ag_json_kv_double(w, "bad", st->w[0].bad, AG_JSON_SHORTEST);
			ag_json_kv_double(w, "total", st->w[0].total, AG_JSON_SHORTEST);
			ag_json_kv_str(w, "window", st->window);
			ag_json_kv_str(w, "frozen", all ? "all_but_fixes" : risky ? "risky" : "none");
			ag_json_key(w, "since");
			ag_json_begin_object(w);
			json_since(w, "risky", &since[2 * i], !unknown);
			json_since(w, "all_but_fixes", &since[2 * i + 1], !unknown);
			ag_json_end_object(w);
			ag_json_kv_int(w, "since_step_seconds", step[i]);
			ag_json_key(w, "since_unknown");
			if (!unknown)
				ag_json_null(w);
			else
				ag_json_str(w, unknown);
			ag_json_key(w, "blocking");
			ag_json_inline(w);
			ag_json_begin_array(w);
			for (size_t j = 0; risky && j < ch.n; j++)
				if (blocks(&ch.v[j], all))
					ag_json_str(w, ch.v[j].sha);
			ag_json_end_array(w);
			ag_json_kv_bool(w, "stops", stops);
			ag_json_key(w, "exception");
			if (ex) {
				ag_json_inline(w);
				ag_json_begin_object(w);
				ag_json_kv_str(w, "file", ex->file);
				ag_json_kv_str(w, "expires", exp);
				ag_json_end_object(w);
			} else {
				ag_json_null(w);
			}
			ag_json_key(w, "expired_exception");
			if (!ex && expired) {
				ag_json_inline(w);
				ag_json_begin_object(w);
				ag_json_kv_str(w, "file", expired->file);
				ag_json_kv_str(w, "expired", exp_old);
				ag_json_end_object(w);
			} else {
				ag_json_null(w);
			}
			ag_json_end_object(w);
			continue;
		}
		struct ag_buf nm = AG_BUF_INIT;
		ag_text_in(&nm, st->d->name);
		ag_buf_printf(&tb, "  %s: %.4g%% of the budget consumed (%.0f bad of %.0f events over %s)",
			      nm.data ? nm.data : "", consumed * 100, st->w[0].bad, st->w[0].total,
			      st->window);
		if (!risky) {
			ag_buf_adds(&tb, ": ok\n");
			ag_buf_release(&nm);
			continue;
		}
		const char *what = all ? "exhausted: everything but fixes is frozen"
				       : "risky changes are frozen";
		struct ag_buf fl = AG_BUF_INIT;
		if (ex)
			ag_buf_printf(&tb, ": %s, but %s (Accepted) grants an exception until %s\n", what,
				      ag_text_in(&fl, ex->file), exp);
		else
			ag_buf_printf(&tb, ": %s\n", what);
		ag_buf_release(&fl);
		if (all)
			text_since(&tb, "everything but fixes", &since[2 * i + 1], unknown, step[i]);
		text_since(&tb, "risky changes", &since[2 * i], unknown, step[i]);
		for (size_t j = 0; !ex && j < ch.n; j++) {
			const struct ag_change *cm = &ch.v[j];
			if (!blocks(cm, all))
				continue;
			bool only_default = true;
			for (int q = 0; q < AG_WHY_DEFAULT; q++)
				only_default = only_default && !cm->risky_why[q];
			ag_buf_printf(&tb, "    %s: %.12s ", cm->risky && !(all && only_default) ? "risky"
										: "not a fix", cm->sha);
			ag_buf_text(&tb, cm->subject);
			if (cm->risky && !(all && only_default)) {
				ag_buf_adds(&tb, " (");
				reasons(&tb, cm->risky_why);
				ag_buf_adds(&tb, ")");
			}
			ag_buf_adds(&tb, "\n");
		}
		if (ex) {
		} else if (!nblock) {
			ag_buf_printf(&tb, "    %s: not stopped\n",
				      all ? "every commit to ship is a fix and none is risky"
					  : "no commit to ship is risky");
		} else if (expired) {
			struct ag_buf ef = AG_BUF_INIT;
			ag_buf_printf(&tb, "    the exception in %s expired on %s\n",
				      ag_text_in(&ef, expired->file), exp_old);
			ag_buf_release(&ef);
		} else {
			ag_buf_printf(&tb, "    to deploy anyway: an Accepted ADR that names %s and has "
				      "an \"Expires:\" date\n", nm.data ? nm.data : "");
		}
		ag_buf_release(&nm);
	}
	if (w) {
		ag_json_end_array(w);
		ag_json_kv_bool(w, "frozen", *stop);
		ag_json_end_object(w);
	} else {
		if (tb.data)
			fputs(tb.data, stdout);
		if (!shown)
			printf("  no SLO with events in its window\n");
	}
	int brc = ag_buf_err(&tb);
	ag_buf_release(&tb);
	free(evpath);
	free(v);
	free(since);
	free(step);
	free(counted_prom);
	ag_changes_release(&ch);
	ag_arena_release(&a);
	if (brc)
		fprintf(stderr, "archgate gate deploy: out of memory\n");
	return brc ? AG_EXIT_USAGE : 0;
}

const struct cli_command cli_cmd_slo = {
	.name = "slo", .summary = "SLOs and error budgets: budgets and Prometheus rules",
	.usage = slo_usage, .subs = CLI_SUBS(&slo_budget_cmd, &slo_convert_cmd, &slo_explain_cmd, &slo_rules_cmd, &slo_status_cmd),
};
