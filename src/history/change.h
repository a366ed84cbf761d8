/*
 * change.h - which commits of a range are risky and which are fixes, for
 * the error-budget freeze of `gate deploy` (ADR 0052).
 *
 * A commit is risky when error_budget.risky names one of its trailers
 * ("Risk: high"), a path it touches (.gitignore patterns), a label of the
 * range (handed in by CI) or its conventional-commit type; when
 * error_budget.risky names nothing at all, every commit that is not a fix
 * is risky. A commit is a fix by error_budget.fix the same way (default:
 * type `fix`, or the trailer `Change-Type: fix`). A fix can be risky too
 * (a fix that rewrites a migration): risky wins.
 */
#ifndef AG_CHANGE_H
#define AG_CHANGE_H

#include "model/model.h"

enum { AG_WHY_TRAILER, AG_WHY_PATH, AG_WHY_LABEL, AG_WHY_PREFIX, AG_WHY_DEFAULT, AG_WHY__N };

struct ag_change {
	char sha[65];
	char *subject;               /* malloc'd */
	bool risky, fix;
	char *risky_why[AG_WHY__N];  /* per kind, malloc'd or NULL: "trailer Risk: high" */
	char *fix_why[AG_WHY__N];
};

struct ag_changes {
	struct ag_change *v;
	size_t n, risky, fixes;
	bool risky_configured;       /* error_budget.risky names something */
};

/* Classifies every commit of `range` (at most 5000, as git log lists
 * them), with the range's labels (`nlabels` strings). Returns 0, AG_ENOENT
 * (git missing or no repository), AG_EINVAL (bad range or git's output not
 * in the shape asked for, diagnosed) or AG_ENOMEM. */
int ag_changes_classify(const struct ag_model *m, const char *range, const char *const *labels,
			size_t nlabels, struct ag_changes *out, struct ag_diags *diags);
/* What ag_changes_classify() does with git's two outputs, exposed for
 * tests and fuzzing: `shas` is `git log --format=%H` (one 40- or 64-digit
 * lowercase hex id a line), `log` the NUL-framed `git log -z --name-only
 * --format=%x01%H%x00%s%x00%(trailers:only,unfold)%x00` of the same range;
 * neither needs a NUL after its `*_len` bytes. Classifies by the policy's
 * risky and fix classes and the labels. Returns 0, AG_EINVAL (either text
 * not in that shape; nothing kept, no diagnostic) or AG_ENOMEM. */
int ag_changes_parse(const struct ag_budget_policy *bp, const char *shas, size_t shas_len,
		     const char *log, size_t log_len, const char *const *labels, size_t nlabels,
		     struct ag_changes *out);
void ag_changes_release(struct ag_changes *c);

/* The conventional-commit type of a subject ("fix" of "fix(api)!: x"):
 * its length, 0 when the subject has none. Exposed for tests. */
size_t ag_change_type(const char *subject, const char **type);

#endif
