/*
 * events_index.c - growing an open-addressing index; see events_index.h.
 */
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
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

static uint64_t strtab_hash(const void *t, size_t i)
{
	return ((const struct ag_ev_strtab *)t)->h[i];
}

int ag_ev_strtab_add(struct ag_ev_strtab *t, const char *s, size_t n, uint64_t h,
		     uint32_t *idx)
{
	if (t->mask)
		for (size_t j = h & t->mask; t->slots[j]; j = (j + 1) & t->mask)
			if (t->h[t->slots[j] - 1] == h) {
				*idx = t->slots[j] - 1;
				return 0;
			}
	if (t->n >= UINT32_MAX - 1)
		return AG_ELIMIT;
	if ((t->n + 1) * 2 > (t->mask ? t->mask + 1 : 0) &&
	    ag_ev_slots_grow(&t->slots, &t->mask, 64, t, t->n, strtab_hash))
		return AG_ENOMEM;
	size_t cap = t->cap;
	char **ns = ag_array_grow(t->s, &cap, t->n + 1, sizeof(*ns), 16);
	if (!ns)
		return AG_ENOMEM;
	t->s = ns;
	uint64_t *nh = ag_array_grow(t->h, &t->cap, t->n + 1, sizeof(*nh), 16);
	if (!nh)
		return AG_ENOMEM;
	t->h = nh;
	char *c = malloc(n + 1);
	if (!c)
		return AG_ENOMEM;
	memcpy(c, s, n);
	c[n] = '\0';
	t->s[t->n] = c;
	t->h[t->n] = h;
	ag_ev_slots_put(t->slots, t->mask, h, t->n);
	*idx = (uint32_t)t->n++;
	return 0;
}

void ag_ev_strtab_release(struct ag_ev_strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->h);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
