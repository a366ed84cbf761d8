/*
 * array.c - growing a malloc'd array; see array.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include "array.h"

void *ag_array_grow(void *v, size_t *alloc, size_t need, size_t size, size_t first)
{
	if (need <= *alloc)
		return v;
	size_t n = *alloc ? *alloc : (first ? first : 1);
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = realloc(v, n * size);
	if (!p)
		return NULL;
	*alloc = n;
	return p;
}
