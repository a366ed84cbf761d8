/*
 * review.h - "MANDATORY: All code changes must undergo a deep-dive
 * 'fine-toothed comb' review before git deployment."
 *
 * A commit counts as reviewed when someone other than its author signed it
 * off: a review trailer (archgate.yaml review.trailers, default Reviewed-by)
 * naming another person, or a merge commit by another person that brought
 * it in (the usual pull-request merge). Deployments are git tags matching
 * review.deploy_tags (default "deploy/" followed by anything).
 */
#ifndef AG_REVIEW_H
#define AG_REVIEW_H

#include "model/model.h"

struct ag_commit_review {
	char sha[41];
	char *author;   /* "Name <email>", malloc'd */
	char *subject;  /* malloc'd */
	bool merge;
	bool reviewed;
	char *reviewer; /* who reviewed it, malloc'd, NULL when nobody */
};

struct ag_review {
	struct ag_commit_review *v;
	size_t n;
	size_t unreviewed;
};

/* Review state of every commit in `range` (a git revision range such as
 * "main..HEAD" or "deploy/41..deploy/42"), at most 5000 commits. Returns 0,
 * AG_ENOENT (git missing or not a repository), AG_EINVAL (bad range,
 * diagnosed) or AG_ENOMEM. */
int ag_review_range(const struct ag_model *m, const char *range, struct ag_review *out,
		    struct ag_diags *diags);
void ag_review_release(struct ag_review *r);

/* Parses `git log -z` output in the format ag_review_range asks for (a NUL
 * after each commit; in it sha, parents, author, subject, then one review
 * trailer value a line) into `out`, editing `data` in place. Returns 0,
 * AG_EINVAL when a commit does not have that shape (out then holds the
 * commits before it; release it) or AG_ENOMEM. Exposed for the fuzz
 * target. */
int ag_review_parse_log(char *data, size_t len, struct ag_review *out);

/* The range of the latest deployment: "<previous deploy tag>..<latest>", or
 * "<latest>" when there is only one. NULL (and 0) when there are no deploy
 * tags; malloc'd otherwise. */
int ag_review_last_deploy(const struct ag_model *m, char **range);

/* The range a deployment of HEAD would ship: "<latest deploy tag>..HEAD", or
 * "HEAD" when nothing was deployed yet. malloc'd. */
int ag_review_pending(const struct ag_model *m, char **range);

#endif
