/*
 * fuzz_git_log.c - the parser of `git log -z` output that decides who
 * reviewed a commit (ag_review_parse_log, src/history/review.c).
 *
 * The input is git's output as it would come back: commits separated by
 * NUL, in each sha, parents, author, subject, then trailer values one a
 * line. Checks: the parser returns 0, AG_EINVAL or AG_ENOMEM; every commit
 * it returns has a 40-digit lowercase hex sha, an author and subject
 * without a newline, and a reviewer exactly when it is reviewed, which is
 * one of the lines after its subject, never the author. No crash, leak or
 * read outside the input.
 */
#include <stdlib.h>
#include <string.h>
#include "base/ag.h"
#include "fuzz_common.h"
#include "history/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 20))
		return -1;
	char *text = malloc(size ? size : 1); /* exactly the input: no NUL after it */
	FUZZ_CHECK(text != NULL);
	memcpy(text, data, size);
	struct ag_review r;
	int rc = ag_review_parse_log(text, size, &r);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	for (size_t i = 0; rc == 0 && i < r.n; i++) {
		const struct ag_commit_review *c = &r.v[i];
		FUZZ_CHECK(strlen(c->sha) == 40 && strspn(c->sha, "0123456789abcdef") == 40);
		FUZZ_CHECK(c->author && !strchr(c->author, '\n'));
		FUZZ_CHECK(c->subject && !strchr(c->subject, '\n'));
		FUZZ_CHECK(c->reviewed == (c->reviewer != NULL));
		FUZZ_CHECK(!c->reviewer || (*c->reviewer && !strchr(c->reviewer, '\n')));
		/* the reviewer is a whole line of the input */
		if (c->reviewer) {
			size_t n = strlen(c->reviewer);
			bool found = false;
			for (size_t k = 0; !found && k + n <= size; k++)
				found = (k == 0 || data[k - 1] == '\n') &&
					!memcmp(data + k, c->reviewer, n) &&
					(k + n == size || data[k + n] == '\n' || data[k + n] == '\0');
			FUZZ_CHECK(found);
		}
	}
	ag_review_release(&r);
	free(text);
	return 0;
}
