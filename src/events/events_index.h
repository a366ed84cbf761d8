/*
 * events_index.h - the open-addressing index under the events engine's
 * hash tables.
 *
 * The field table of `events lint`, the group table of `events stats` and
 * the trace table of `events trace` keep their records in an array and
 * find them through a power-of-two array of slots: a slot holds a record's
 * index + 1 (0 is empty) and a collision probes the next slot. Each table
 * hashes and compares its own keys; growing the slots is the same for all
 * three, and lives here.
 */
#ifndef AG_EVENTS_INDEX_H
#define AG_EVENTS_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include "base/ag.h"

/* Puts record i (with that hash) in the first free slot from its own on;
 * the caller keeps the table at most half full (grow first). */
void ag_ev_slots_put(uint32_t *slots, size_t mask, uint64_t hash, size_t i);

/* Replaces *slots (*mask + 1 of them; *mask 0 when there are none yet) by
 * twice as many, or `first` (a power of two) at the start, and re-inserts
 * records 0 to n-1 by hash_at(records, i). Returns 0, or AG_ENOMEM with
 * the old slots kept. */
int ag_ev_slots_grow(uint32_t **slots, size_t *mask, size_t first, const void *records,
		     size_t n, uint64_t (*hash_at)(const void *records, size_t i));

/* A table of distinct strings (service names, trace ids): each string is
 * kept once and known by its index, found again by its hash. The caller
 * hashes (its own notion of equal: ids may compare without case). */
struct ag_ev_strtab {
	char **s;
	uint64_t *h;
	size_t n, cap;
	uint32_t *slots;
	size_t mask;
};

/* *idx: the index of (s, n) with hash h, added when it is new. 0 or
 * AG_ENOMEM. Strings with the same hash are the same string. */
int ag_ev_strtab_add(struct ag_ev_strtab *t, const char *s, size_t n, uint64_t h,
		     uint32_t *idx);
void ag_ev_strtab_release(struct ag_ev_strtab *t);

#endif
