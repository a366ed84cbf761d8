/*
 * test_change.c - the pieces of the risky-change freeze (ADR 0052) that
 * need no repository: conventional-commit types, and the walk that finds
 * since when a rolling window's budget has been past a threshold.
 */
#include <string.h>
#include "history/change.h"
#include "slo/slo_status.h"
#include "test.h"

static size_t type_of(const char *subject, char out[32])
{
	const char *t = NULL;
	size_t n = ag_change_type(subject, &t);
	out[0] = 0;
	if (n && n < 32) {
		memcpy(out, t, n);
		out[n] = 0;
	}
	return n;
}

TEST(conventional_commit_types)
{
	char t[32];
	CHECK(type_of("fix: the index", t) == 3 && !strcmp(t, "fix"));
	CHECK(type_of("fix(orders): retry", t) == 3 && !strcmp(t, "fix"));
	CHECK(type_of("feat!: drop v1", t) == 4 && !strcmp(t, "feat"));
	CHECK(type_of("feat(api)!: drop v1", t) == 4 && !strcmp(t, "feat"));
	CHECK(type_of("hot-fix: x", t) == 7 && !strcmp(t, "hot-fix"));
	/* no type: plain subjects, an unclosed scope, a space before ':' */
	CHECK(type_of("Fix the index", t) == 0);
	CHECK(type_of("fix(orders: retry", t) == 0);
	CHECK(type_of("fix : x", t) == 0);
	CHECK(type_of(": x", t) == 0);
	CHECK(type_of("", t) == 0);
}

/* An SLO of 90% over 10 minutes (a budget of one bad in ten), counted in
 * minute buckets: 10 of the window and 10 before it. */
TEST(since_walk_finds_the_first_minute_of_the_run)
{
	struct ag_slo_def d;
	memset(&d, 0, sizeof(d));
	d.target = 0.9;
	d.window_s = 600;
	struct ag_slo_state st;
	ag_slo_state_init(&st, &d);
	double bad[20] = {0}, total[20];
	for (int i = 0; i < 20; i++)
		total[i] = 10;
	/* bad: 3 in minute 12, 3 in minute 16: the window ending after minute
	 * 12 has 3 of 100 (30%), after minute 16 6 of 100 (60%) */
	bad[12] = 3;
	bad[16] = 3;
	st.w[0].have = true;
	st.w[0].bad = 6;
	st.w[0].total = 100;
	struct ag_slo_since sv[3] = {{.threshold = 0.5}, {.threshold = 0.3}, {.threshold = 1}};
	ag_slo_since_walk(&st, bad, total, 10, 1000, 60, sv, 3);
	CHECK(sv[0].state == AG_SINCE_AT && sv[0].since == 1000 + 16 * 60);
	CHECK(sv[1].state == AG_SINCE_AT && sv[1].since == 1000 + 12 * 60);
	CHECK(sv[2].state == AG_SINCE_NOT);
	/* past it for the whole window looked back: "or earlier" */
	bad[2] = 3;
	bad[6] = 3;
	ag_slo_since_walk(&st, bad, total, 10, 1000, 60, sv, 2);
	CHECK(sv[0].state == AG_SINCE_BEFORE && sv[0].since == 1000 + 10 * 60);
	/* a run broken in between: only the current run counts */
	memset(bad, 0, sizeof(bad));
	bad[1] = 6;  /* past 50% from minute 1 to 10, when it leaves */
	bad[15] = 6; /* and again from minute 15 */
	ag_slo_since_walk(&st, bad, total, 10, 1000, 60, sv, 1);
	CHECK(sv[0].state == AG_SINCE_AT && sv[0].since == 1000 + 15 * 60);
	/* nothing counted: not past anything */
	st.w[0].have = false;
	ag_slo_since_walk(&st, bad, total, 10, 1000, 60, sv, 1);
	CHECK(sv[0].state == AG_SINCE_NOT);
}

TEST_MAIN(TEST_ENTRY(conventional_commit_types),
	  TEST_ENTRY(since_walk_finds_the_first_minute_of_the_run))
