/*
 * fuzz_ignore.c - .gitignore pattern lists (base/ignore.h): parsing any
 * text as a .gitignore and matching any paths against it.
 *
 * The input is  patterns \0 path \0 path ...  (at most 16 paths). Every
 * path is matched as a file and as a folder, at the root and with the
 * patterns read in a subfolder. Checks: matching is a pure function (the
 * same answer twice); patterns read in folder "sub" never match a path
 * outside it unless they are unanchored; popping to a mark restores the
 * count; no pattern longer than 1024 bytes is kept. The glob's
 * backtracking budget must keep every input fast (libFuzzer's -timeout).
 */
#include <string.h>
#include "base/ag.h"
#include "base/ignore.h"
#include "fuzz_common.h"

#define MAX_PATHS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return -1;
	const char *p = (const char *)data, *end = p + size;
	const char *z = memchr(p, '\0', size);
	size_t plen = z ? (size_t)(z - p) : size;

	struct ag_ignore ig;
	ag_ignore_init(&ig);
	int rc = ag_ignore_add_text(&ig, p, plen, 0);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	size_t mark = ag_ignore_mark(&ig);
	rc = ag_ignore_add_text(&ig, p, plen, 3); /* as if read in "sub/" */
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	for (size_t i = 0; i < ig.n; i++)
		FUZZ_CHECK(ig.v[i].len > 0 && ig.v[i].len <= 1024 && ig.v[i].p[ig.v[i].len] == '\0');

	const char *s = z ? z + 1 : end;
	for (int k = 0; k < MAX_PATHS && s < end; k++) {
		const char *nz = memchr(s, '\0', (size_t)(end - s));
		size_t n = nz ? (size_t)(nz - s) : (size_t)(end - s);
		char path[4 + 4096];
		if (n <= 4096) {
			memcpy(path, s, n);
			path[n] = '\0';
			const char *name = strrchr(path, '/');
			name = name ? name + 1 : path;
			for (int dir = 0; dir < 2; dir++) {
				bool a = ag_ignore_match(&ig, path, n, name, dir);
				bool b = ag_ignore_match(&ig, path, n, name, dir);
				FUZZ_CHECK(a == b);
				FUZZ_CHECK(a == ag_ignore_match_linear(&ig, path, n, name, dir));
			}
		}
		s = nz ? nz + 1 : end;
	}
	ag_ignore_pop(&ig, mark);
	FUZZ_CHECK(ag_ignore_mark(&ig) == mark);
	s = z ? z + 1 : end;
	for (int k = 0; k < MAX_PATHS && s < end; k++) { /* the index after the pop */
		const char *nz = memchr(s, '\0', (size_t)(end - s));
		size_t n = nz ? (size_t)(nz - s) : (size_t)(end - s);
		char path[4 + 4096];
		if (n <= 4096) {
			memcpy(path, s, n);
			path[n] = '\0';
			const char *name = strrchr(path, '/');
			name = name ? name + 1 : path;
			for (int dir = 0; dir < 2; dir++)
				FUZZ_CHECK(ag_ignore_match(&ig, path, n, name, dir) ==
					   ag_ignore_match_linear(&ig, path, n, name, dir));
		}
		s = nz ? nz + 1 : end;
	}
	ag_ignore_release(&ig);
	FUZZ_CHECK(ig.n == 0 && ig.v == NULL && ig.ix == NULL);
	return 0;
}
