/*
 * init_ask.h - `archgate init`'s guided Phase 1 on a terminal (init_ask.c).
 */
#ifndef AG_CLI_INIT_ASK_H
#define AG_CLI_INIT_ASK_H

#include <stdio.h>
#include "base/arena.h"
#include "discover/discover.h"

/* Ask the seed's Phase 1 questions on `in`/`out`, with what discovery found
 * (`x`, may be NULL) beside them; answers go to `a` (strings in `arena`).
 * Returns 0 to write, 1 when the user stopped (Ctrl-D, or no at the
 * summary): nothing is written then. */
int init_ask(struct ag_phase1 *a, struct ag_arena *arena, const struct ag_discovery *x,
	     FILE *in, FILE *out);

#endif
