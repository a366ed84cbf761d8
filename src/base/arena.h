/*
 * arena.h - a bump allocator: many small allocations, one free.
 *
 * A loaded model (its YAML trees, strings and typed structures) lives in one
 * arena and is released in one ag_arena_release() call (STYLE.md rule 6).
 * An arena has a byte budget: allocations past it fail with NULL, which the
 * loaders turn into AG_ELIMIT, so hostile input cannot exhaust memory.
 */
#ifndef AG_ARENA_H
#define AG_ARENA_H

#include <stddef.h>

struct ag_arena_chunk;

struct ag_arena {
	struct ag_arena_chunk *head;
	size_t used;   /* bytes handed out, for the budget */
	size_t budget; /* 0 means unlimited */
};

void ag_arena_init(struct ag_arena *a, size_t budget);
void ag_arena_release(struct ag_arena *a);
/* Zeroed, aligned for any object. NULL when out of memory or budget. */
void *ag_arena_alloc(struct ag_arena *a, size_t n);
/* Copy n bytes and add a NUL. */
char *ag_arena_strndup(struct ag_arena *a, const char *s, size_t n);
char *ag_arena_strdup(struct ag_arena *a, const char *s);
/* Grow an array held in the arena: returns a new array of new_n elements
 * holding the old ones (the old block is simply abandoned). */
void *ag_arena_realloc_array(struct ag_arena *a, void *old, size_t old_n,
			     size_t new_n, size_t elsize);

#endif
