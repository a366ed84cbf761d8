/*
 * fuzz_change.c - ag_changes_parse() (history/change.h): git's two logs as
 * ag_changes_classify() asks for them, for the error-budget freeze of
 * `gate deploy` (ADR 0052). Commit text and file names are hostile.
 *
 * Input: one flags byte, then the `--format=%H` list and the NUL-framed
 * `-z --name-only` log, cut at the first 0xFF byte (no 0xFF: all list).
 * Each text is a heap copy of exactly its size, so a read past it is an
 * ASan report. Flags: bit 0 and 1 hand in the labels `db` and `hotfix`,
 * bit 2 leaves error_budget.risky empty (every non-fix is risky), bit 3
 * leaves error_budget.fix.trailers unset (the default Change-Type: fix).
 *
 * Checks: 0, AG_EINVAL or AG_ENOMEM; on failure nothing is kept (and
 * nothing leaks); on success one change per line of the list, each with a
 * 40- or 64-digit lowercase hex id and a subject, risky and fix exactly
 * when a reason of that kind is given, reasons of the shape of their kind,
 * and the counts of the flags.
 */
#include <stdlib.h>
#include <string.h>
#include "base/ag.h"
#include "fuzz_common.h"
#include "history/change.h"

#define LIST(a) {.v = (a), .n = sizeof(a) / sizeof((a)[0]), .set = true}

static struct ag_scalar risky_trailers[] = {{.s = "Risk: high"}, {.s = "Breaking"},
					    {.s = "Risk : Medium "}};
static struct ag_scalar risky_paths[] = {{.s = "db/migrations/"}, {.s = "*.sql"},
					 {.s = "!docs/**"}, {.s = "infra/**/prod/"},
					 {.s = "/Dockerfile"}};
static struct ag_scalar risky_labels[] = {{.s = "db"}, {.s = "risky"}};
static struct ag_scalar risky_prefixes[] = {{.s = "feat"}, {.s = "refactor"}};
static struct ag_scalar fix_trailers[] = {{.s = "Change-Type: fix"}, {.s = "Fixes"}};
static struct ag_scalar fix_labels[] = {{.s = "hotfix"}};
static struct ag_scalar fix_prefixes[] = {{.s = "fix"}, {.s = "revert"}};

static void policy(struct ag_budget_policy *bp, unsigned flags)
{
	memset(bp, 0, sizeof(*bp));
	if (!(flags & 4)) {
		bp->risky.trailers = (struct ag_list)LIST(risky_trailers);
		bp->risky.paths = (struct ag_list)LIST(risky_paths);
		bp->risky.labels = (struct ag_list)LIST(risky_labels);
		bp->risky.prefixes = (struct ag_list)LIST(risky_prefixes);
	}
	if (!(flags & 8))
		bp->fix.trailers = (struct ag_list)LIST(fix_trailers);
	bp->fix.labels = (struct ag_list)LIST(fix_labels);
	bp->fix.prefixes = (struct ag_list)LIST(fix_prefixes);
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static const char *const why_prefix[AG_WHY__N] = {
	[AG_WHY_TRAILER] = "trailer ",
	[AG_WHY_PATH] = "path ",
	[AG_WHY_LABEL] = "label ",
	[AG_WHY_PREFIX] = "subject prefix ",
	[AG_WHY_DEFAULT] = "not a fix",
};

/* exactly n bytes: malloc(0) may be NULL, so keep one byte for that */
static char *copy(const uint8_t *p, size_t n)
{
	char *d = malloc(n ? n : 1);
	if (d && n)
		memcpy(d, p, n);
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 1 << 20)
		return -1;
	unsigned flags = data[0];
	data++;
	size--;
	const uint8_t *cut = memchr(data, 0xff, size);
	size_t sl = cut ? (size_t)(cut - data) : size;
	size_t ll = cut ? size - sl - 1 : 0;
	char *shas = copy(data, sl), *log = copy(cut ? cut + 1 : data, ll);
	if (!shas || !log) {
		free(shas);
		free(log);
		return 0;
	}
	const char *labels[2];
	size_t nlabels = 0;
	if (flags & 1)
		labels[nlabels++] = "db";
	if (flags & 2)
		labels[nlabels++] = "hotfix";
	struct ag_budget_policy bp;
	policy(&bp, flags);

	struct ag_changes c;
	int rc = ag_changes_parse(&bp, shas, sl, log, ll, labels, nlabels, &c);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	if (rc) {
		FUZZ_CHECK(c.n == 0 && c.v == NULL && c.risky == 0 && c.fixes == 0);
	} else {
		size_t lines = 0;
		for (size_t i = 0; i < sl; i++)
			lines += shas[i] == '\n';
		lines += sl && shas[sl - 1] != '\n';
		FUZZ_CHECK(c.n == lines);
		FUZZ_CHECK(c.risky_configured == !(flags & 4));
		size_t risky = 0, fixes = 0;
		const char *line = shas;
		for (size_t i = 0; i < c.n; i++) {
			const struct ag_change *ch = &c.v[i];
			size_t n = strlen(ch->sha);
			FUZZ_CHECK(n == 40 || n == 64);
			FUZZ_CHECK(strspn(ch->sha, "0123456789abcdef") == n);
			/* the list's lines, in order */
			FUZZ_CHECK(line + n <= shas + sl && !memcmp(ch->sha, line, n));
			line += n + 1;
			FUZZ_CHECK(ch->subject != NULL);
			bool r = false, f = false;
			for (int k = 0; k < AG_WHY__N; k++) {
				if (ch->risky_why[k]) {
					r = true;
					FUZZ_CHECK(starts(ch->risky_why[k], why_prefix[k]));
				}
				if (ch->fix_why[k]) {
					f = true;
					FUZZ_CHECK(starts(ch->fix_why[k], why_prefix[k]));
				}
			}
			FUZZ_CHECK(!ch->fix_why[AG_WHY_PATH] && !ch->fix_why[AG_WHY_DEFAULT]);
			FUZZ_CHECK(ch->risky == r && ch->fix == f);
			/* nothing configured: every change that is not a fix is risky */
			FUZZ_CHECK(!(flags & 4) || (ch->fix ? !ch->risky : ch->risky));
			FUZZ_CHECK(!ch->risky_why[AG_WHY_DEFAULT] == !((flags & 4) && !ch->fix));
			/* a label reason is a label handed in and named by the policy */
			FUZZ_CHECK(!ch->risky_why[AG_WHY_LABEL] == !((flags & 1) && !(flags & 4)));
			FUZZ_CHECK(!ch->risky_why[AG_WHY_LABEL] ||
				   !strcmp(ch->risky_why[AG_WHY_LABEL], "label db"));
			FUZZ_CHECK(!ch->fix_why[AG_WHY_LABEL] == !(flags & 2));
			risky += ch->risky;
			fixes += ch->fix;
		}
		FUZZ_CHECK(c.risky == risky && c.fixes == fixes);
	}
	ag_changes_release(&c);
	FUZZ_CHECK(c.n == 0 && c.v == NULL);
	free(shas);
	free(log);
	return 0;
}
