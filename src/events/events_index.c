/*
 * events_index.c - growing an open-addressing index; see events_index.h.
 */
#include <stdlib.h>
#include "events_index.h"

void ag_ev_slots_put(uint32_t *slots, size_t mask, uint64_t hash, size_t i)
{
	size_t j = hash & mask;
	while (slots[j])
		j = (j + 1) & mask;
	slots[j] = (uint32_t)(i + 1);
}

int ag_ev_slots_grow(uint32_t **slots, size_t *mask, size_t first, const void *records,
		     size_t n, uint64_t (*hash_at)(const void *records, size_t i))
{
	size_t nsz = *mask ? (*mask + 1) * 2 : first;
	uint32_t *s = calloc(nsz, sizeof(*s));
	if (!s)
		return AG_ENOMEM;
	for (size_t i = 0; i < n; i++)
		ag_ev_slots_put(s, nsz - 1, hash_at(records, i), i);
	free(*slots);
	*slots = s;
	*mask = nsz - 1;
	return 0;
}
