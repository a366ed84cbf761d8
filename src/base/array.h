/*
 * array.h - growing a malloc'd array (after git's ALLOC_GROW).
 *
 * The lists archgate builds (diagnostics, findings, spans, groups) keep a
 * pointer, a count and a capacity, and grow by doubling. This is the one
 * copy of that step:
 *
 *   struct ag_diag *v = ag_array_grow(d->v, &d->alloc, d->n + 1, sizeof(*v), 8);
 *   if (!v)
 *           return AG_ENOMEM;
 *   d->v = v;
 */
#ifndef AG_ARRAY_H
#define AG_ARRAY_H

#include <stddef.h>

/* Room for `need` elements of `size` bytes in `v` (capacity *alloc): `v`
 * itself when it has room, else `v` reallocated to twice its capacity (at
 * least `first`, at least `need`) and *alloc updated. NULL when that is
 * more than memory or size_t can hold; `v` is then untouched and still the
 * caller's to free. */
void *ag_array_grow(void *v, size_t *alloc, size_t need, size_t size, size_t first);

#endif
