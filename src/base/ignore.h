/*
 * ignore.h - .gitignore-style pattern lists (after git's dir.c): the lines
 * of .gitignore files, each tied to the folder it was read in, matched
 * against paths relative to a root, the last matching pattern deciding.
 *
 * What a line means is what it means to git: blank lines and "#" comments
 * are no pattern; trailing spaces are dropped unless escaped ("\ "); a
 * leading "!" re-includes what an earlier pattern excluded; a trailing "/"
 * matches folders only; a pattern with a "/" in it (other than at the end)
 * is anchored to its folder, one without matches the last component at
 * any depth, as does "**" + "/" + name. In the glob, "*" and "?" stop at
 * "/", "**" crosses it, "[...]" is a class ("[!...]" negated) and a
 * backslash escapes. Matching is bounded: a hostile pattern gives up
 * (no match) instead of backtracking for ever. Patterns longer than 1024
 * bytes are no pattern.
 *
 * A walker keeps one list as a stack: it adds a folder's .gitignore when
 * it enters the folder (`base` = the length of the folder's relative
 * path) and pops back to ag_ignore_mark() when it leaves.
 *
 * Matching costs about the same for one pattern or a million in the common
 * shapes: each pattern is filed under its literal text, so only
 * patterns that can match a path are tried, last first. A pattern that is
 * all literal ("node_modules", "/dist") is filed by its text; one that
 * begins or ends with literal text ("build*", "*.log", "doc/a?",
 * "?x.tmp") by the longer of the two. A path looks up each of its
 * prefixes and suffixes of a length some pattern uses, and the glob
 * then decides as before, so the outcome is exactly the linear one.
 * Patterns with no literal end ("*x*", "*") are tried one by one.
 *
 * Ownership: the list owns copies of its patterns and its index;
 * ag_ignore_release() frees them. A zeroed struct is an empty list.
 */
#ifndef AG_IGNORE_H
#define AG_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

enum { AG_IGNORE_NEGATE = 1, AG_IGNORE_DIR = 2, AG_IGNORE_ANCHORED = 4 };

struct ag_ignore_pat {
	char *p;       /* owned */
	size_t len;
	size_t base;   /* length of the relative path of the folder it applies to */
	unsigned flags;
	size_t bucket; /* where the index files it (SIZE_MAX: tried one by one) */
	size_t probe;
};

struct ag_ignore_index; /* ignore.c */

struct ag_ignore {
	struct ag_ignore_pat *v;
	size_t n, alloc;
	struct ag_ignore_index *ix; /* owned; NULL until the first pattern */
};

void ag_ignore_init(struct ag_ignore *ig);
void ag_ignore_release(struct ag_ignore *ig);

/* Adds one line of a .gitignore read in the folder whose relative path is
 * `base` bytes long (0: the root). Returns 0 (also when the line is no
 * pattern) or AG_ENOMEM. */
int ag_ignore_add(struct ag_ignore *ig, const char *line, size_t n, size_t base);
/* Adds every line of a .gitignore's text. Returns 0 or AG_ENOMEM. */
int ag_ignore_add_text(struct ag_ignore *ig, const char *text, size_t len, size_t base);

/* The stack: ag_ignore_pop(ig, mark) drops every pattern added since
 * `mark = ag_ignore_mark(ig)`. */
size_t ag_ignore_mark(const struct ag_ignore *ig);
void ag_ignore_pop(struct ag_ignore *ig, size_t mark);

/* Whether `rel` (rl bytes, relative to the root; `name` its last
 * component, NUL-terminated) is ignored. */
bool ag_ignore_match(const struct ag_ignore *ig, const char *rel, size_t rl, const char *name,
		     bool is_dir);

/* The same answer by trying every pattern, last to first, without the
 * index: what ag_ignore_match() must always agree with (the unit test
 * compares them on random patterns). */
bool ag_ignore_match_linear(const struct ag_ignore *ig, const char *rel, size_t rl,
			    const char *name, bool is_dir);

#endif
