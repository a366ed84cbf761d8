/*
 * advise.h - Phase 1.5 recommendations from the stated constraints.
 *
 * The seed's 2026 patterns (edge, WASM, local-first, AI integration) and its
 * Phase 1 rules of thumb, each tied to the constraint that triggers it and
 * carrying the seed's trade-off. Advice is not a finding: it never fails a
 * gate, it says what the constraints point at.
 */
#ifndef AG_ADVISE_H
#define AG_ADVISE_H

#include "model/model.h"

struct ag_advice {
	const char *id;        /* stable: "edge-compute" */
	const char *pattern;   /* "Edge compute" */
	const char *advice;    /* what to do */
	const char *tradeoff;  /* what it costs */
	const char *tools;     /* the seed's examples, comma separated */
	char *because;         /* the triggering constraint, in words (malloc'd) */
	struct ag_pos pos;     /* where that constraint is stated */
};

struct ag_advices {
	struct ag_advice *v;
	size_t n;
};

int ag_advise(const struct ag_model *m, struct ag_advices *out);
void ag_advices_release(struct ag_advices *a);

#endif
