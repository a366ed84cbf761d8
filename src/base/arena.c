/*
 * arena.c - bump allocator; see arena.h.
 *
 * Chunks are at least 64 KiB; a request larger than that gets a chunk of its
 * own. Memory is zeroed because most arena users build structs field by field.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "arena.h"

#define CHUNK_MIN ((size_t)64 * 1024)
#define ALIGN ((size_t)16)

struct ag_arena_chunk {
	struct ag_arena_chunk *next;
	size_t size;
	size_t off;
	_Alignas(16) unsigned char data[];
};

void ag_arena_init(struct ag_arena *a, size_t budget)
{
	a->head = NULL;
	a->used = 0;
	a->budget = budget;
}

void ag_arena_release(struct ag_arena *a)
{
	struct ag_arena_chunk *c = a->head;
	while (c) {
		struct ag_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
	a->used = 0;
}

void *ag_arena_alloc(struct ag_arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN)
		return NULL;
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (a->budget && (n > a->budget || a->used > a->budget - n))
		return NULL;
	struct ag_arena_chunk *c = a->head;
	if (!c || c->size - c->off < n) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->off = 0;
		/* A dedicated big chunk goes behind the head so the head's free
		 * space stays usable for small allocations. */
		if (a->head && size == n) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->off;
	c->off += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *ag_arena_strndup(struct ag_arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = ag_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ag_arena_strdup(struct ag_arena *a, const char *s)
{
	return ag_arena_strndup(a, s, strlen(s));
}

void *ag_arena_realloc_array(struct ag_arena *a, void *old, size_t old_n,
			     size_t new_n, size_t elsize)
{
	if (elsize && new_n > SIZE_MAX / elsize)
		return NULL;
	void *p = ag_arena_alloc(a, new_n * elsize);
	if (p && old && old_n)
		memcpy(p, old, (old_n < new_n ? old_n : new_n) * elsize);
	return p;
}
