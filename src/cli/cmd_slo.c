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

/* One instant query; the value of its single sample (0 when none). */
static int prom_query(const char *url, const char *q, long long at, long timeout_ms,
		      double *out, struct ag_diags *d)
{
	struct ag_buf u = AG_BUF_INIT;
	size_t ul = strlen(url);
	while (ul && url[ul - 1] == '/')
		ul--;
	ag_buf_printf(&u, "%.*s/api/v1/query?query=", (int)ul, url);
	ag_http_query_escape(&u, q, strlen(q));
	ag_buf_printf(&u, "&time=%lld", at);
	if (ag_buf_err(&u))
		return AG_ENOMEM;
	struct ag_http_req rq = {0};
	rq.url = u.data;
	rq.timeout_ms = timeout_ms;
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	int rc = ag_http_do(&rq, &rs, d);
	if (!rc) {
		struct ag_arena a;
		ag_arena_init(&a, 0);
		struct ag_ynode *root = NULL;
		struct ag_diags jd;
		ag_diags_init(&jd);
		const char *status = NULL, *err = NULL;
		if (!ag_yaml_parse(&a, "prometheus", rs.body.data ? rs.body.data : "", rs.body.len,
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
			const struct ag_ynode *res = ag_yaml_get(ag_yaml_get(root, "data"), "result");
			*out = 0;
			if (res && res->kind == AG_Y_SEQ && res->n) {
				const struct ag_ynode *v = ag_yaml_get(res->kids[0], "value");
				char *end = NULL;
				double x = v && v->kind == AG_Y_SEQ && v->n == 2 &&
						   v->kids[1]->kind == AG_Y_SCALAR
					   ? strtod(v->kids[1]->str, &end)
					   : 0;
				if (!end || *end) {
					ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0,
						     "Prometheus at '%s' answered '%s' without a "
						     "sample value", url, q);
					rc = AG_EIO;
				} else {
					*out = isnan(x) ? 0 : x;
				}
			}
		}
		ag_diags_release(&jd);
		ag_arena_release(&a);
	}
	ag_http_resp_release(&rs);
	ag_buf_release(&u);
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
static int count_slo(struct ag_slo_state *st, const char *ev, const char *url, const char *root,
		     long long at, long timeout_ms, struct ag_diags *d)
{
	const struct ag_slo_def *def = st->d;
	if (ev)
		return ag_slo_status_events(st, &ev, 1, at, d);
	if (url)
		return status_prometheus(st, url, at, timeout_ms, d);
	bool evs = def->kind == AG_SLI_RATIO && def->num.source &&
		   !strcasecmp(def->num.source, "archgate-events");
	const char *file = def->num.file ? def->num.file : def->total.file;
	const char *u = def->num.url ? def->num.url : def->total.url;
	if (evs && file) {
		char *path = file[0] == '/' || !root ? strdup(file) : ag_path_join(root, file);
		if (!path)
			return AG_ENOMEM;
		int rc = ag_slo_status_events(st, (const char *const *)&path, 1, at, d);
		free(path);
		return rc;
	}
	if (!evs && u)
		return status_prometheus(st, u, at, timeout_ms, d);
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
		err = count_slo(&v[i], ev, url, root, at, timeout_ms, &d);
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

int cli_slo_freeze(struct cli_ctx *c, const struct ag_model *m, bool *stop)
{
	*stop = false;
	const struct ag_budget_policy *bp = &m->policy.error_budget;
	double freeze = ag_policy_freeze_at(&m->policy);
	printf("\nError budget (freeze at %.4g%%):\n", freeze * 100);
	/* without a source in the policy, each SLO's DataSource (if any) */
	bool policy_src = (bp->events.set && bp->events.len) ||
			  (bp->prometheus.set && bp->prometheus.len);
	char today[11];
	cli_today(today);
	long long at = (long long)time(NULL);
	const char *pinned = getenv("ARCHGATE_TODAY");
	if (pinned && *pinned) {
		char t[32];
		snprintf(t, sizeof(t), "%.10sT12:00:00Z", pinned);
		parse_at(t, &at);
	}
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
	if (!policy_src && (rc || !any_datasource(&s))) {
		ag_diags_release(&d);
		ag_arena_release(&a);
		printf("  no status source (error_budget.events or error_budget.prometheus in "
		       "archgate.yaml, or a DataSource the SLOs name): not checked\n");
		return 0;
	}
	struct ag_slo_state *v = rc ? NULL : calloc(s.n ? s.n : 1, sizeof(*v));
	char *evpath = NULL;
	if (!rc && !v)
		rc = AG_ENOMEM;
	if (!rc && bp->events.set && bp->events.len) {
		size_t n = strlen(m->root) + bp->events.len + 2;
		evpath = malloc(n);
		if (!evpath)
			rc = AG_ENOMEM;
		else if (bp->events.s[0] == '/')
			snprintf(evpath, n, "%s", bp->events.s);
		else
			snprintf(evpath, n, "%s/%s", m->root, bp->events.s);
	}
	const char *prom = !evpath && policy_src ? bp->prometheus.s : NULL;
	for (size_t i = 0; !rc && i < s.n; i++) {
		ag_slo_state_init(&v[i], &s.v[i]);
		rc = count_slo(&v[i], evpath, prom, m->root, at, AG_HTTP_DEFAULT_TIMEOUT_MS, &d);
	}
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (rc) {
		printf("  cannot read the SLO status (%s): STOP until it can be read\n",
		       evpath ? "error_budget.events" : prom ? "error_budget.prometheus"
						  : "the SLOs' DataSources");
		*stop = true;
		free(evpath);
		free(v);
		ag_arena_release(&a);
		return 0;
	}
	size_t shown = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct ag_slo_state *st = &v[i];
		if (st->skip || !st->w[0].have || st->w[0].total <= 0)
			continue;
		shown++;
		double budget = ag_slo_bad_fraction(st->d->target);
		double consumed = budget > 0 ? st->w[0].bad / st->w[0].total / budget : 0;
		struct ag_buf nm = AG_BUF_INIT;
		ag_text_in(&nm, st->d->name);
		printf("  %s: %.4g%% of the budget consumed (%.0f bad of %.0f events over %s)",
		       nm.data ? nm.data : "", consumed * 100, st->w[0].bad, st->w[0].total,
		       st->window);
		if (consumed < freeze) {
			printf(": ok\n");
			ag_buf_release(&nm);
			continue;
		}
		const char *what = consumed >= 1 ? "exhausted: everything but fixes is frozen"
						 : "risky changes are frozen";
		const struct ag_adr *ex = NULL, *expired = NULL;
		char exp[11] = "", exp_old[11] = "";
		for (size_t r = 0; r < m->adrs.n; r++) {
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
		struct ag_buf fl = AG_BUF_INIT;
		if (ex) {
			printf(": %s, but %s (Accepted) grants an exception until %s\n", what,
			       ag_text_in(&fl, ex->file), exp);
		} else {
			*stop = true;
			printf(": %s\n", what);
			if (expired)
				printf("    the exception in %s expired on %s\n",
				       ag_text_in(&fl, expired->file), exp_old);
			else
				printf("    to deploy anyway: an Accepted ADR that names %s and has "
				       "an \"Expires:\" date\n", nm.data ? nm.data : "");
		}
		ag_buf_release(&fl);
		ag_buf_release(&nm);
	}
	if (!shown)
		printf("  no SLO with events in its window\n");
	free(evpath);
	free(v);
	ag_arena_release(&a);
	return 0;
}

const struct cli_command cli_cmd_slo = {
	.name = "slo", .summary = "SLOs and error budgets: budgets and Prometheus rules",
	.usage = slo_usage, .subs = CLI_SUBS(&slo_budget_cmd, &slo_convert_cmd, &slo_explain_cmd, &slo_rules_cmd, &slo_status_cmd),
};
