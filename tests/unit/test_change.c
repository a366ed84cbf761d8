/*
 * test_change.c - the pieces of the risky-change freeze (ADR 0052) that
 * need no repository: conventional-commit types, and the walk that finds
 * since when a rolling window's budget has been past a threshold, and the
 * parse of git's two outputs (ag_changes_parse) on texts with no NUL after
 * them.
 */
#include <stdlib.h>
#include <string.h>
#include "history/change.h"
#include "slo/slo_budget.h"
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

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* An exact-size heap copy: ASan sees a read past its end. */
static char *dup_exact(const char *s, size_t n)
{
	char *d = malloc(n ? n : 1);
	if (d)
		memcpy(d, s, n);
	return d;
}

static int parse(const struct ag_budget_policy *bp, const char *shas, size_t sl,
		 const char *log, size_t ll, struct ag_changes *out)
{
	char *s = dup_exact(shas, sl), *l = dup_exact(log, ll);
	const char *labels[] = {"hotfix"};
	int rc = ag_changes_parse(bp, s, sl, l, ll, labels, 1, out);
	free(s);
	free(l);
	return rc;
}

TEST(parse_git_output_without_a_nul_after_it)
{
	struct ag_scalar rt = {.s = "Risk: high", .set = true};
	struct ag_scalar rp = {.s = "db/migrations/", .set = true};
	struct ag_budget_policy bp;
	memset(&bp, 0, sizeof(bp));
	bp.risky.trailers = (struct ag_list){.v = &rt, .n = 1, .set = true};
	bp.risky.paths = (struct ag_list){.v = &rp, .n = 1, .set = true};
	/* as git writes them: B (no files) then A (a migration, a trailer) */
	static const char shas[] = SHA_B "\n" SHA_A "\n";
	static const char log[] = "\1" SHA_B "\0chore: empty\0\0\0"
				  "\1" SHA_A "\0fix(db): migrate\0Risk: high\nChange-Type: fix\n\0\0"
				  "\nREADME.md\0db/migrations/001.sql\0";
	struct ag_changes c;
	CHECK(parse(&bp, shas, sizeof(shas) - 1, log, sizeof(log) - 1, &c) == 0);
	CHECK(c.n == 2 && c.risky == 1 && c.fixes == 1 && c.risky_configured);
	CHECK(!strcmp(c.v[0].sha, SHA_B) && !strcmp(c.v[0].subject, "chore: empty"));
	CHECK(!c.v[0].risky && !c.v[0].fix);
	CHECK(c.v[1].risky && c.v[1].fix);
	CHECK(!strcmp(c.v[1].risky_why[AG_WHY_TRAILER], "trailer Risk: high"));
	CHECK(!strcmp(c.v[1].risky_why[AG_WHY_PATH],
		      "path db/migrations/001.sql (db/migrations/)"));
	CHECK(!strcmp(c.v[1].fix_why[AG_WHY_PREFIX], "subject prefix fix"));
	ag_changes_release(&c);
	/* the list without its last newline is the same list */
	CHECK(parse(&bp, shas, sizeof(shas) - 2, log, sizeof(log) - 1, &c) == 0 && c.n == 2);
	ag_changes_release(&c);
	/* a log cut right after a "\1": no read past it (ASan), and A is
	 * missing */
	static const char cut[] = "\1" SHA_B "\0chore: empty\0\0\0\1";
	CHECK(parse(&bp, shas, sizeof(shas) - 1, cut, sizeof(cut) - 1, &c) == AG_EINVAL);
	CHECK(c.n == 0 && !c.v);
	/* ... or inside the next commit's id */
	static const char cut2[] = "\1" SHA_B "\0chore: empty\0\0\0\1" "aaaa";
	CHECK(parse(&bp, shas, sizeof(shas) - 1, cut2, sizeof(cut2) - 1, &c) == AG_EINVAL);
	/* ids are lowercase hex of 40 or 64 digits */
	static const char upper[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
	CHECK(parse(&bp, upper, sizeof(upper) - 1, log, sizeof(log) - 1, &c) == AG_EINVAL);
	static const char nul[] = SHA_B "\n" "aaaa\0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
	CHECK(parse(&bp, nul, sizeof(nul) - 1, log, sizeof(log) - 1, &c) == AG_EINVAL);
	/* an empty range: nothing, with or without a log */
	CHECK(parse(&bp, "", 0, "", 0, &c) == 0 && c.n == 0);
	ag_changes_release(&c);
}

/* What Prometheus's extrapolated increase() hands back is a hair off the
 * counted figure: a budget spent exactly reads 1, what remains 0, and a
 * threshold is met by the figure it names, never by 2.22e-16 of residue. */
TEST(consumed_is_rounded_where_floating_point_drifts)
{
	double bad = 10.000000000000002; /* 10 bad of 10,000 at 99.9% */
	CHECK(1 - bad / 10000 / 0.001 != 0);
	CHECK(ag_slo_consumed(bad, 10000, 0.999) == 1);
	CHECK(1 - ag_slo_consumed(bad, 10000, 0.999) == 0);
	CHECK(ag_slo_consumed(4.999999999999999, 10000, 0.999) == 0.5);
	CHECK(ag_slo_consumed(1, 10000, 0.999) == 0.1);
	CHECK(ag_slo_consumed(0, 10000, 0.999) == 0);
	CHECK(ag_slo_consumed(5, 0, 0.999) == 0);
	CHECK(ag_slo_consumed(5, 100, 1) == 0); /* a 100% target has no budget */
}

TEST_MAIN(TEST_ENTRY(conventional_commit_types),
	  TEST_ENTRY(consumed_is_rounded_where_floating_point_drifts),
	  TEST_ENTRY(since_walk_finds_the_first_minute_of_the_run),
	  TEST_ENTRY(parse_git_output_without_a_nul_after_it))
