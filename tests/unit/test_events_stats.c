/*
 * test_events_stats.c - histograms (error bound, merging, edge values), the
 * query language (parsing, errors at the column, evaluation), the OTLP
 * reader and trace assembly with its critical path.
 */
#include <math.h>
#include <stdlib.h>
#include "events/events_otlp.h"
#include "events/events_query.h"
#include "events/events_stats.h"
#include "events/events_trace.h"
#include "test.h"

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double nearest_rank(const double *sorted, size_t n, double q)
{
	size_t r = (size_t)ceil(q * (double)n - 1e-9);
	if (r < 1)
		r = 1;
	return sorted[r - 1];
}

/* A deterministic generator (no rand(): the same numbers everywhere). */
static uint64_t rng = 88172645463325252ull;
static double next_u(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

TEST(quantiles_within_the_stated_error)
{
	enum { N = 20000 };
	static double v[N];
	struct ag_hist h;
	ag_hist_init(&h);
	for (int i = 0; i < N; i++) {
		/* latencies spanning six orders of magnitude, some negative and zero */
		double x = exp(next_u() * 14 - 4);
		if (i % 97 == 0)
			x = 0;
		if (i % 101 == 0)
			x = -x;
		v[i] = x;
		REQUIRE(ag_hist_add(&h, x) == 0);
	}
	qsort(v, N, sizeof(v[0]), cmp_d);
	static const double qs[] = {0.001, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		double want = nearest_rank(v, N, qs[i]), got = ag_hist_quantile(&h, qs[i]);
		double err = want == 0 ? fabs(got) : fabs(got - want) / fabs(want);
		if (err > AG_HIST_REL_ERROR + 1e-12)
			TEST_FAIL_("q=%g: got %.9g, want %.9g (error %.4f%%)", qs[i], got, want,
				   err * 100);
	}
	CHECK(ag_hist_quantile(&h, 1) == v[N - 1]); /* the max is exact */
	ag_hist_release(&h);
}

TEST(merging_equals_one_histogram)
{
	struct ag_hist a, b, all;
	ag_hist_init(&a);
	ag_hist_init(&b);
	ag_hist_init(&all);
	for (int i = 0; i < 5000; i++) {
		double x = 1 + next_u() * 1000;
		ag_hist_add(i % 3 ? &a : &b, x);
		ag_hist_add(&all, x);
	}
	REQUIRE(ag_hist_merge(&a, &b) == 0);
	CHECK_EQ_INT(a.count, all.count);
	for (double q = 0.05; q <= 1; q += 0.05)
		CHECK(ag_hist_quantile(&a, q) == ag_hist_quantile(&all, q));
	ag_hist_release(&a);
	ag_hist_release(&b);
	ag_hist_release(&all);
}

TEST(hist_edges)
{
	struct ag_hist h;
	ag_hist_init(&h);
	CHECK(isnan(ag_hist_quantile(&h, 0.5)));
	ag_hist_add(&h, NAN);
	CHECK_EQ_INT(h.count, 0);
	ag_hist_add(&h, 1e300);
	ag_hist_add(&h, 1e-300);
	ag_hist_add(&h, 42);
	CHECK(ag_hist_quantile(&h, 1) == 1e300);
	CHECK(ag_hist_quantile(&h, 0.01) == 1e-300);
	CHECK(fabs(ag_hist_quantile(&h, 0.5) - 42) / 42 <= AG_HIST_REL_ERROR);
	ag_hist_release(&h);
}

/* ---- the query language ---------------------------------------------------------- */

static int parse(struct ag_evq *q, const char *text, struct ag_diags *d)
{
	ag_evq_init(q);
	ag_diags_init(d);
	return ag_evq_parse(q, text, d);
}

TEST(query_parses_every_clause)
{
	struct ag_evq q;
	struct ag_diags d;
	REQUIRE(parse(&q, "where service = \"payment-api\" and (duration_ms >= 200 or not "
			  "exists user_id) and lower(level) in ('error', 'warn') by service, "
			  "event every 1m compute count, errors, avg(duration_ms), p99(duration_ms), "
			  "percentile(duration_ms, 99.9) top 5 by p99(duration_ms) since "
			  "\"2026-01-29T10:00:00Z\" until \"2026-01-30\"", &d) == 0);
	CHECK(q.aggregate);
	CHECK_EQ_INT(q.nkeys, 2);
	CHECK_EQ_INT(q.every_ns, 60000000000LL);
	CHECK_EQ_INT(q.naggs, 5);
	CHECK_STR(q.aggs[3].name, "p99(duration_ms)");
	CHECK(fabs(q.aggs[4].q - 0.999) < 1e-12);
	CHECK_EQ_INT(q.top, 5);
	CHECK_EQ_INT(q.sort_agg, 3);
	CHECK(q.has_since && q.has_until);
	CHECK_EQ_INT(q.nslots, 1); /* avg and the percentiles share one histogram */
	ag_evq_release(&q);
	ag_diags_release(&d);
}

static void expect_error(const char *text, int col, const char *msg)
{
	struct ag_evq q;
	struct ag_diags d;
	int rc = parse(&q, text, &d);
	if (rc == 0 || d.n != 1) {
		TEST_FAIL_("'%s' parsed (rc %d, %zu diagnostics)", text, rc, d.n);
	} else {
		if (d.v[0].col != col)
			TEST_FAIL_("'%s': column %d, expected %d (%s)", text, d.v[0].col, col,
				   d.v[0].message);
		CHECK_CONTAINS(d.v[0].message, msg);
	}
	ag_evq_release(&q);
	ag_diags_release(&d);
}

TEST(query_errors_point_at_the_column)
{
	expect_error("where duration_ms >", 20, "expected a value after '>'");
	expect_error("where service = 'a' annd x = 1", 21, "expected a clause");
	expect_error("by service compute p99(", 24, "expected a field");
	expect_error("compute median(x)", 9, "unknown aggregate");
	expect_error("where (a = 1", 13, "expected ')'");
	expect_error("every 5", 7, "expected a duration");
	expect_error("where a = \"open", 11, "unterminated string");
	expect_error("top 0", 5, "positive whole number");
	expect_error("since \"last tuesday\"", 7, "expected a time");
	expect_error("where 1 = 2", 12, "a field on one side");
	expect_error("where a in (1, b)", 16, "expected a value in the 'in' list");
	expect_error("where a = 1 | count", 13, "unexpected character");
}

/* Which text is wrong travels in the code; the file stays a file (none). */
TEST(query_errors_carry_a_code_and_no_file)
{
	struct ag_evq q;
	struct ag_diags d;
	REQUIRE(parse(&q, "where x ==", &d) != 0);
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].code, AG_EVQ_CODE_QUERY);
	CHECK(d.v[0].file == NULL);
	CHECK_EQ_INT(d.v[0].line, 1);
	static const struct {
		const char *code, *text;
		int (*set)(struct ag_evq *, const char *, struct ag_diags *);
	} parts[] = {{AG_EVQ_CODE_WHERE, "a =", ag_evq_set_where},
		     {AG_EVQ_CODE_ERRORS, "a =", ag_evq_set_errors},
		     {AG_EVQ_CODE_BY, "", ag_evq_add_key}};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		ag_diags_release(&d);
		CHECK(parts[i].set(&q, parts[i].text, &d) < 0);
		REQUIRE(d.n == 1);
		CHECK_STR(d.v[0].code, parts[i].code);
		CHECK(d.v[0].file == NULL);
	}
	ag_diags_release(&d);
	CHECK(ag_evq_add_agg(&q, "median(x)", &d) < 0);
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].code, AG_EVQ_CODE_AGGREGATE);
	CHECK(d.v[0].file == NULL);
	ag_evq_release(&q);
	ag_diags_release(&d);
}

struct ev {
	struct ag_ev_fields fs;
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
};

static bool matches(const char *where, const char *line)
{
	struct ag_evq q;
	struct ag_diags d;
	char text[512];
	snprintf(text, sizeof(text), "where %s", where);
	if (parse(&q, text, &d)) {
		TEST_FAIL_("'%s' does not parse: %s", where, d.n ? d.v[0].message : "?");
		return false;
	}
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	struct ag_ev_line l;
	ag_ev_scan_line(line, line + strlen(line), &q.fields, vals, &l);
	struct ag_evq_scratch s = {0};
	ag_evq_scratch_fit(&s, strlen(line));
	bool m = ag_evq_match(q.where, vals, &s);
	ag_evq_scratch_release(&s);
	ag_evq_release(&q);
	ag_diags_release(&d);
	return m;
}

TEST(query_semantics)
{
	const char *e = "{\"service\":\"Pay\\u002dAPI\",\"d\":250,\"s\":\"500\",\"ok\":true,"
			"\"n\":null,\"tags\":[1]}";
	CHECK(matches("service = \"Pay-API\"", e));
	CHECK(!matches("service = \"pay-api\"", e));
	CHECK(matches("lower(service) = \"pay-api\"", e));
	CHECK(matches("service ~ \"api\"", e));
	CHECK(matches("d > 200 and d <= 250", e));
	CHECK(matches("s >= 500", e));          /* a numeric string compares as a number */
	CHECK(matches("missing != 1", e));      /* absent: not equal */
	CHECK(!matches("missing = 1", e));
	CHECK(!matches("missing < 1", e));
	CHECK(matches("ok = true and ok", e));
	CHECK(matches("not exists n and exists d", e)); /* null does not exist */
	CHECK(matches("n = null", e));
	CHECK(matches("d in (1, 250) and d not in (3)", e));
	CHECK(!matches("service < 1", e));      /* a string and a number do not compare */
	CHECK(matches("d = 0.25s", e));         /* durations are milliseconds */
}

TEST(default_error_predicate)
{
	struct ag_evq q;
	struct ag_diags d;
	ag_evq_init(&q);
	ag_diags_init(&d);
	REQUIRE(ag_evq_set_errors(&q, AG_EVQ_DEFAULT_ERRORS, &d) == 0);
	static const struct {
		const char *line;
		bool err;
	} cases[] = {
		{"{\"level\":\"ERROR\"}", true},     {"{\"level\":\"info\"}", false},
		{"{\"severity\":\"Fatal\"}", true},  {"{\"error\":true}", true},
		{"{\"error\":false}", false},        {"{\"status\":503}", true},
		{"{\"status\":\"ok\"}", false},      {"{\"status_code\":\"502\"}", true},
		{"{\"http\":{\"status_code\":500}}", true}, {"{\"status\":{\"code\":2}}", true},
		{"{\"status\":{\"code\":1}}", false}, {"{}", false},
		/* the direct evaluation (ag_evq_is_error) must agree everywhere */
		{"{\"level\":\"CRITICAL\"}", true}, {"{\"level\":\"fatal\"}", true},
		{"{\"level\":\"errors\"}", false},  {"{\"level\":\"Error \"}", false},
		{"{\"level\":\"\\u0045rror\"}", true}, {"{\"level\":\"err\\\"r\"}", false},
		{"{\"level\":5}", false},            {"{\"level\":[\"error\"]}", false},
		{"{\"level\":\"%rror\"}", false},  {"{\"level\":\"info\",\"status\":500}", true},
		{"{\"error\":\"true\"}", true},    {"{\"error\":1}", false},
		{"{\"status\":499.9}", false},        {"{\"status\":\"5e2\"}", true},
		{"{\"status\":\"\\u0035\"}", false}, {"{\"status\":null}", false},
		{"{\"status\":{\"code\":\"2\"}}", true}, {"{\"status\":{\"code\":2.0}}", true},
		{"{\"http.status_code\":504}", true}, {"{\"http\":{\"status_code\":\"x\"}}", false},
		/* the loggers of docs/events.md's table */
		{"{\"level\":50}", true},           {"{\"level\":40}", false}, /* pino, bunyan */
		{"{\"level\":\"60\"}", true},       {"{\"@l\":\"ERR\"}", true}, /* Serilog */
		{"{\"@l\":\"WRN\"}", false},        {"{\"Level\":\"ERROR\"}", true}, /* logback */
		{"{\"Level\":{\"Name\":\"CRITICAL\"}}", true}, /* loguru */
		{"{\"log\":{\"level\":\"error\"}}", true}, {"{\"log.level\":\"emerg\"}", true},
		{"{\"lvl\":\"crit\"}", true},       {"{\"levelname\":\"CRITICAL\"}", true},
		{"{\"severity\":\"SEVERE\"}", true}, {"{\"level\":\"panic\"}", true},
		{"{\"level\":\"alert\"}", true},    {"{\"level\":\"warning\"}", false},
		{"{\"severity_text\":\"Error\"}", true}, {"{\"severityText\":\"FATAL\"}", true},
		{"{\"severityNumber\":17}", true},  {"{\"severityNumber\":\"13\"}", false},
		{"{\"severity_number\":21}", true},
		{"{\"http\":{\"response\":{\"status_code\":503}}}", true},
		{"{\"http.response.status_code\":404}", false},
		{"{\"res\":{\"statusCode\":500}}", true}, {"{\"response\":{\"statusCode\":\"502\"}}", true},
		{"{\"statusCode\":500}", true},     {"{\"status\":600}", false},
		{"{\"otel.status_code\":\"ERROR\"}", true}, {"{\"otel\":{\"status_code\":\"OK\"}}", false},
		{"{\"status\":\"failed\"}", true},  {"{\"status\":\"Failure\"}", true},
		{"{\"outcome\":\"error\"}", true},  {"{\"event\":{\"outcome\":\"failure\"}}", true},
		{"{\"event\":{\"outcome\":\"success\"}}", false},
	};
	struct ag_evq_scratch s = {0};
	ag_evq_scratch_fit(&s, 256);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ag_ev_val vals[AG_EV_MAX_FIELDS];
		struct ag_ev_line l;
		ag_ev_scan_line(cases[i].line, cases[i].line + strlen(cases[i].line), &q.fields,
				vals, &l);
		if (ag_evq_match(q.errors, vals, &s) != cases[i].err)
			TEST_FAIL_("%s: expected %s", cases[i].line, cases[i].err ? "an error" : "no error");
		if (ag_evq_is_error(&q, vals, &s) != cases[i].err)
			TEST_FAIL_("%s: ag_evq_is_error: expected %s", cases[i].line,
				   cases[i].err ? "an error" : "no error");
	}
	CHECK(q.errors_default);
	ag_evq_scratch_release(&s);
	ag_evq_release(&q);
	ag_diags_release(&d);
}

/* ---- OTLP ----------------------------------------------------------------------------- */

struct seen {
	int n;
	char names[8][64];
	double dur[8];
	char trace[8][40];
	char svc[8][32];
	double code[8];
	double user[8];
};

static int collect(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		   const struct ag_buf *json)
{
	struct seen *s = ctx;
	(void)json;
	(void)rec;
	if (s->n >= 8)
		return 0;
	char b[256];
	size_t n;
	const char *p;
	if (vals[0].type == AG_EV_STR) {
		p = ag_ev_str(&vals[0], b, &n);
		snprintf(s->names[s->n], 64, "%.*s", (int)n, p);
	}
	s->dur[s->n] = vals[1].type == AG_EV_NUM ? vals[1].num : -1;
	if (vals[2].type == AG_EV_STR)
		snprintf(s->trace[s->n], 40, "%.*s", (int)vals[2].n, vals[2].p);
	if (vals[3].type == AG_EV_STR)
		snprintf(s->svc[s->n], 32, "%.*s", (int)vals[3].n, vals[3].p);
	s->code[s->n] = vals[4].type == AG_EV_NUM ? vals[4].num : -1;
	s->user[s->n] = vals[5].type == AG_EV_NUM ? vals[5].num : -1;
	s->n++;
	return 0;
}

TEST(otlp_spans_as_events)
{
	const char *line =
		"{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"a\\u0062\",\"traceId\":"
		"\"ABCDEF\",\"spanId\":\"01\",\"startTimeUnixNano\":\"1000000\",\"endTimeUnixNano\":"
		"3500000,\"status\":{\"code\":\"STATUS_CODE_ERROR\"},\"attributes\":[{\"key\":\"user_id\","
		"\"value\":{\"intValue\":\"42\"}}]}]}],\"resource\":{\"attributes\":[{\"key\":"
		"\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]}},{\"resource\":{},"
		"\"scope_spans\":[{\"spans\":[{\"trace_id\":\"00ff\",\"span_id\":\"02\",\"name\":\"c\"}]}]}]}";
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	static const char *const names[] = {"name", "duration_ms", "trace_id", "service",
					    "status.code", "user_id"};
	for (int i = 0; i < 6; i++)
		ag_ev_fields_add(&fs, names[i], strlen(names[i]));
	ag_ev_fields_add(&fs, "resourceSpans", 13);
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	struct ag_ev_line l;
	ag_ev_scan_line(line, line + strlen(line), &fs, vals, &l);
	REQUIRE(l.kind == AG_EV_LINE_OBJECT && vals[6].type == AG_EV_ARR);
	struct seen s = {0};
	struct ag_ev_fields f6 = fs;
	f6.n = 6;
	struct ag_ev_val ovals[AG_EV_MAX_FIELDS];
	static struct ag_evr_out r;
	r = (struct ag_evr_out){.fs = &f6, .vals = ovals, .fn = collect, .ctx = &s};
	REQUIRE(ag_otlp_each(&r, &vals[6], AG_OTLP_TRACES) == 0);
	REQUIRE(s.n == 2);
	CHECK_STR(s.names[0], "ab");
	CHECK(s.dur[0] == 2.5);
	CHECK_STR(s.trace[0], "abcdef"); /* hex ids lowercased */
	CHECK_STR(s.svc[0], "svc");
	CHECK(s.code[0] == 2);
	CHECK(s.user[0] == 42);
	CHECK_STR(s.names[1], "c");
	CHECK(s.dur[1] == -1);
	CHECK_STR(s.svc[1], "");
	CHECK(s.code[1] == 0); /* no status: unset */
}

TEST(otlp_rejects_wrong_shapes)
{
	const char *line = "{\"resourceSpans\":{\"not\":\"an array\"}}";
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	ag_ev_fields_add(&fs, "resourceSpans", 13);
	struct ag_ev_val vals[AG_EV_MAX_FIELDS], ov[1];
	struct ag_ev_line l;
	ag_ev_scan_line(line, line + strlen(line), &fs, vals, &l);
	struct ag_ev_fields none;
	ag_ev_fields_init(&none);
	struct seen s = {0};
	static struct ag_evr_out r;
	r = (struct ag_evr_out){.fs = &none, .vals = ov, .fn = collect, .ctx = &s};
	CHECK_EQ_INT(ag_otlp_each(&r, &vals[0], AG_OTLP_TRACES), AG_EPARSE);
	CHECK(r.err != NULL);
}

/* ---- traces ------------------------------------------------------------------------------- */

static void span(struct ag_evt_trace *t, const char *id, const char *parent, double start,
		 double dur)
{
	struct ag_evt_span *s = &t->spans[t->n++];
	memset(s, 0, sizeof(*s));
	s->span_id = strdup(id);
	s->parent_id = parent ? strdup(parent) : NULL;
	s->service = strdup("svc");
	s->name = strdup(id);
	s->start_ns = (int64_t)(start * 1e6);
	s->has_start = true;
	s->dur_ms = dur;
	s->has_dur = true;
}

TEST(critical_path)
{
	struct ag_evt_trace t;
	memset(&t, 0, sizeof(t));
	t.id = strdup("t");
	t.spans = calloc(8, sizeof(*t.spans));
	/* root 0..100; a 5..40 and b 10..90 in parallel; c 50..80 inside b;
	 * d 95..99 (an orphan whose parent is missing) */
	span(&t, "b", "root", 10, 80);
	span(&t, "root", NULL, 0, 100);
	span(&t, "a", "root", 5, 35);
	span(&t, "c", "b", 50, 30);
	span(&t, "d", "gone", 95, 4);
	REQUIRE(ag_evt_build(&t) == 0);
	CHECK_EQ_INT(t.nroots, 2);
	CHECK(t.dur_ms == 100);
	CHECK_EQ_INT(t.true_roots, 1);
	CHECK_EQ_INT(t.orphans, 1);
	REQUIRE(t.npath == 3);
	CHECK_STR(t.spans[t.path[0]].span_id, "root");
	CHECK_STR(t.spans[t.path[1]].span_id, "b");
	CHECK_STR(t.spans[t.path[2]].span_id, "c");
	double sum = 0;
	for (size_t i = 0; i < t.npath; i++)
		sum += t.spans[t.path[i]].self_ms;
	CHECK(fabs(sum - 100) < 1e-9); /* self times add up to the root's duration */
	/* 0..10 and 90..100: a (5..40) ends after b started, so it is not on
	 * the path (a child is taken only when it ends by the cursor, as in
	 * Jaeger's critical path) */
	CHECK(fabs(t.spans[t.path[0]].self_ms - 20) < 1e-9);
	CHECK(fabs(t.spans[t.path[1]].self_ms - 50) < 1e-9);
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_evt_render(&b, &t, false) == 0);
	CHECK_CONTAINS(b.data, "(parent gone not found)");
	ag_buf_release(&b);
	ag_evt_trace_release(&t);
}

TEST(trace_cycles_do_not_hang)
{
	struct ag_evt_trace t;
	memset(&t, 0, sizeof(t));
	t.id = strdup("t");
	t.spans = calloc(4, sizeof(*t.spans));
	span(&t, "x", "y", 0, 1);
	span(&t, "y", "x", 0, 1);
	REQUIRE(ag_evt_build(&t) == 0);
	CHECK(t.nroots >= 1);
	CHECK_EQ_INT(t.cycles, 1);
	ag_evt_trace_release(&t);
}

/* The scale the issue asks for, as a correctness test (speed is bench/'s):
 * a 20,000-deep chain and a 20,000-wide fan-out build without recursion
 * and give a critical path that covers the root. */
static void shape(bool deep)
{
	enum { N = 20000 };
	struct ag_evt_trace t;
	memset(&t, 0, sizeof(t));
	t.id = strdup("t");
	t.spans = calloc(N, sizeof(*t.spans));
	for (int i = 0; i < N; i++) {
		char id[16], parent[16];
		snprintf(id, sizeof(id), "s%d", i);
		snprintf(parent, sizeof(parent), "s%d", deep ? i - 1 : 0);
		if (deep)
			span(&t, id, i ? parent : NULL, i * 0.001, (N - i) * 0.001);
		else
			span(&t, id, i ? parent : NULL, i ? 0.5 * i / N : 0, i ? 0.0001 : 10);
		t.spans[t.n - 1].ord = (size_t)i;
	}
	REQUIRE(ag_evt_build(&t) == 0);
	CHECK_EQ_INT(t.nroots, 1);
	double sum = 0;
	for (size_t i = 0; i < t.npath; i++)
		sum += t.spans[t.path[i]].self_ms;
	CHECK(fabs(sum - t.spans[t.cp_root].dur_ms) < 1e-6);
	if (deep)
		CHECK_EQ_INT(t.npath, N);
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_evt_render(&b, &t, false) == 0);
	CHECK_CONTAINS(b.data, deep ? "[depth 19999]" : "svc: s19999");
	ag_buf_release(&b);
	ag_evt_trace_release(&t);
}

TEST(trace_deep_and_wide)
{
	shape(true);
	shape(false);
}

TEST_MAIN(TEST_ENTRY(quantiles_within_the_stated_error), TEST_ENTRY(merging_equals_one_histogram),
	  TEST_ENTRY(hist_edges), TEST_ENTRY(query_parses_every_clause),
	  TEST_ENTRY(query_errors_point_at_the_column),
	  TEST_ENTRY(query_errors_carry_a_code_and_no_file), TEST_ENTRY(query_semantics),
	  TEST_ENTRY(default_error_predicate), TEST_ENTRY(otlp_spans_as_events),
	  TEST_ENTRY(otlp_rejects_wrong_shapes), TEST_ENTRY(critical_path),
	  TEST_ENTRY(trace_cycles_do_not_hang), TEST_ENTRY(trace_deep_and_wide))
