/*
 * suggest.c - "did you mean": the closest of some names; see suggest.h.
 */
#include <string.h>
#include "suggest.h"

size_t ag_edit_distance(const char *a, size_t an, const char *b, size_t bn, size_t cap)
{
	if (an > 256 || bn > 256)
		return cap + 1;
	size_t row[257];
	for (size_t j = 0; j <= bn; j++)
		row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t prev = row[0], best = i;
		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > cap)
			return cap + 1;
	}
	return row[bn];
}

const char *ag_did_you_mean(const char *word, size_t n, const char *const *cands,
			    size_t ncands)
{
	size_t cap = n < 6 ? 2 : n / 3 + 1;
	const char *best = NULL;
	size_t bestd = cap + 1;
	for (size_t i = 0; i < ncands; i++) {
		size_t d = ag_edit_distance(word, n, cands[i], strlen(cands[i]), cap);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}
