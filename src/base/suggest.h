/*
 * suggest.h - "did you mean": the closest of a set of names to a word that
 * is not one of them (an unknown key, command, rule id or event field).
 */
#ifndef AG_BASE_SUGGEST_H
#define AG_BASE_SUGGEST_H

#include <stddef.h>

/* Damerau-free Levenshtein distance, capped at `cap + 1`. */
size_t ag_edit_distance(const char *a, size_t an, const char *b, size_t bn, size_t cap);
/* The closest candidate within a sensible distance, or NULL. */
const char *ag_did_you_mean(const char *word, size_t n, const char *const *cands,
			    size_t ncands);

#endif
