/*
 * test_probe.c - the W3C Trace Context syntax checks of src/probe/ on
 * cases written after the kinds the W3C test suite exercises (version,
 * lengths, case, all-zero ids, future versions, tracestate keys, values,
 * member counts and duplicates), and the exposition checker on small
 * texts whose findings are counted per rule.
 */
#include <string.h>
#include "probe/probe.h"
#include "test.h"

static int tp(const char *v)
{
	char why[256], id[33];
	return ag_traceparent_check(v, why, sizeof(why), id);
}

TEST(traceparent_valid)
{
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") == 0);
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00") == 0);
	/* a later version may add fields after a '-' */
	CHECK(tp("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future-holds") == 0);
	CHECK(tp("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") == 0);
	char why[256], id[33];
	CHECK(ag_traceparent_check("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", why,
				   sizeof(why), id) == 0);
	CHECK(!strcmp(id, "4bf92f3577b34da6a3ce929d0e0e4736"));
}

TEST(traceparent_invalid)
{
	CHECK(tp("") < 0);
	CHECK(tp("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") < 0);  /* version ff */
	CHECK(tp("0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") < 0);   /* short version */
	CHECK(tp("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01") < 0);  /* uppercase */
	CHECK(tp("00-00000000000000000000000000000000-00f067aa0ba902b7-01") < 0);  /* zero trace */
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01") < 0);  /* zero parent */
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01") < 0);   /* 31 digits */
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-") < 0); /* 00 is exact */
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g") < 0);  /* flags */
	CHECK(tp("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") < 0);  /* separator */
	CHECK(tp("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.x") < 0); /* no '-' */
	CHECK(tp("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7") < 0);    /* no flags */
}

static int ts(const char *v)
{
	char why[256];
	return ag_tracestate_check(v, why, sizeof(why));
}

TEST(tracestate)
{
	CHECK(ts("") == 0);
	CHECK(ts("rojo=00f067aa0ba902b7") == 0);
	CHECK(ts("congo=t61rcWkgMzE, rojo=00f067aa0ba902b7") == 0);
	CHECK(ts("tenant1@vendor=x,foo=bar") == 0);
	CHECK(ts("a=1,,b=2") == 0);      /* empty members are allowed */
	CHECK(ts("Rojo=1") < 0);         /* uppercase key */
	CHECK(ts("1abc=1") < 0);         /* a simple key starts with a letter */
	CHECK(ts("rojo") < 0);           /* no '=' */
	CHECK(ts("rojo=") < 0);          /* empty value */
	CHECK(ts("rojo=a=b") < 0);       /* '=' in a value */
	CHECK(ts("rojo=1,rojo=2") < 0);  /* a key twice */
	CHECK(ts("t@vendorwaytoolongname=1") < 0); /* system id over 14 */
	char many[33 * 8 + 1] = "";
	for (int i = 0; i < 33; i++) {
		char m[9];
		snprintf(m, sizeof(m), "k%02d=v,", i);
		strcat(many, m);
	}
	CHECK(ts(many) < 0);             /* 33 members */
}

static size_t count(const struct ag_probe_findings *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += !strcmp(f->v[i].rule, rule);
	return n;
}

TEST(exposition_counts)
{
	static const char good[] = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 3\n"
				   "a_total{x=\"2\"} 4\n";
	struct ag_probe_findings f = {0};
	struct ag_metrics_stats st;
	REQUIRE(ag_metrics_lint(good, sizeof(good) - 1, false, &f, &st) == 0);
	CHECK(f.n == 0);
	CHECK(st.samples == 2 && st.families == 1);
	ag_probe_findings_release(&f);

	static const char hist[] = "# HELP h_seconds H.\n# TYPE h_seconds histogram\n"
				   "h_seconds_bucket{le=\"1\",path=\"/a\"} 1\n"
				   "h_seconds_bucket{le=\"+Inf\",path=\"/a\"} 2\n"
				   "h_seconds_count{path=\"/a\"} 2\n"
				   "h_seconds_bucket{le=\"1\",path=\"/b\"} 5\n"
				   "h_seconds_bucket{le=\"2\",path=\"/b\"} 4\n"
				   "h_seconds_count{path=\"/b\"} 4\n";
	REQUIRE(ag_metrics_lint(hist, sizeof(hist) - 1, false, &f, &st) == 0);
	CHECK(count(&f, "metrics-histogram") == 2); /* /b: not cumulative, no +Inf */
	CHECK(f.n == 2);
	ag_probe_findings_release(&f);

	static const char om[] = "# TYPE c counter\nc_total 1\nc_created 2\n# EOF\n";
	REQUIRE(ag_metrics_lint(om, sizeof(om) - 1, true, &f, &st) == 0);
	CHECK(count(&f, "metrics-help") == 1);
	CHECK(f.n == 1);
	ag_probe_findings_release(&f);
	/* the same text read as the text format: c_total is its own family */
	REQUIRE(ag_metrics_lint(om, sizeof(om) - 1, false, &f, &st) == 0);
	CHECK(count(&f, "metrics-counter") == 1);
	ag_probe_findings_release(&f);
}

TEST_MAIN(TEST_ENTRY(traceparent_valid), TEST_ENTRY(traceparent_invalid), TEST_ENTRY(tracestate),
	  TEST_ENTRY(exposition_counts))
