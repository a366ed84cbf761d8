/*
 * baseline.h - "these findings are known": arch/baseline.json records the
 * findings a team adopting archgate already has, so that `check` fails
 * only on new ones while the known ones are paid down.
 *
 * A finding is known by its fingerprint: a hash of its rule, its file, its
 * message with line references taken out (":12" in "evidence at a.c:12"),
 * and its rank among the findings that share all three. It survives
 * unrelated edits and lines moving, and changes when the finding does.
 * Red flags are not baselined (the seed says STOP) unless the policy
 * allows it (baseline.red_flags, for adopting archgate where they are).
 *
 * The file is JSON written by archgate (its "archgate": "baseline" member
 * says so, which is how `archgate baseline` knows it may replace it):
 *
 *   {"archgate": "baseline", "version": 1,
 *    "findings": [{"fingerprint": "9f2c...", "rule": "...", "file": "...",
 *                  "message": "..."}, ...]}
 *
 * Only the fingerprints decide; rule, file and message are for people
 * reading the diff. A baseline only shrinks: `archgate baseline` drops what
 * was fixed and adds a new finding only when told to (--accept-new).
 */
#ifndef AG_RULES_BASELINE_H
#define AG_RULES_BASELINE_H

#include "base/buf.h"
#include "base/diag.h"
#include "rules.h"

#define AG_BASELINE_FILE "baseline.json" /* in the arch folder */
#define AG_BASELINE_MAX_BYTES ((size_t)64 << 20)

struct ag_baseline {
	uint64_t *fp;     /* sorted */
	size_t n;
	bool present;     /* the file exists */
};

/* Reads `path` (`name` in diagnostics: the path relative to the
 * repository). A missing file is an empty baseline (present false, 0).
 * A malformed one is AG_EINVAL with a diagnostic at name:line:col. */
int ag_baseline_load(const char *path, const char *name, struct ag_baseline *b,
		     struct ag_diags *d);
/* The same from text (for tests and the fuzz target); `name` is the file
 * named in diagnostics. */
int ag_baseline_parse(const char *text, size_t len, const char *name, struct ag_baseline *b,
		      struct ag_diags *d);
void ag_baseline_release(struct ag_baseline *b);
bool ag_baseline_has(const struct ag_baseline *b, uint64_t fp);

/* The fingerprint of every finding of `res`, in its order (malloc'd). */
int ag_baseline_fingerprints(const struct ag_findings *fs, uint64_t **out);

/* What `archgate baseline` writes: the findings of `res` that may be
 * baselined (unwaived, not red flags) and are in `old` — or all of them
 * when there is no old baseline, or `accept_new`. Counts what changed. */
struct ag_baseline_diff {
	size_t kept, added, fixed, new_left_out;
	size_t red_flags;       /* left out: policy does not allow them */
	size_t red_flags_known; /* written: policy baseline.red_flags allows them */
};
int ag_baseline_write(struct ag_buf *out, const struct ag_result *res,
		      const struct ag_baseline *old, bool accept_new, struct ag_baseline_diff *diff);

/* How the baseline changed over git history (`archgate baseline --stats`):
 * each commit that touched `rel` (a path relative to `repo`), newest
 * first, with the number of findings the file held after it (0 when the
 * commit deleted it; -1 when that version is not a baseline archgate can
 * read). At most AG_BASELINE_HISTORY_MAX commits. */
#define AG_BASELINE_HISTORY_MAX 10000
struct ag_baseline_version {
	char commit[65];  /* hex object id (SHA-1 or SHA-256) */
	char date[11];    /* committer date, YYYY-MM-DD */
	long known;
};
struct ag_baseline_history {
	struct ag_baseline_version *v;
	size_t n;
	bool truncated;   /* more commits than AG_BASELINE_HISTORY_MAX */
};
/* 0, AG_ENOMEM, or a git failure (AG_ENOENT: no git; AG_EINVAL: `repo` is
 * not a git work tree). */
int ag_baseline_history(const char *repo, const char *rel, struct ag_baseline_history *h);
void ag_baseline_history_release(struct ag_baseline_history *h);

#endif
