/*
 * slo_status.h - where each SLO stands: bad and total events over its
 * window and over the burn windows (1h, 6h, 1d, 3d), counted from event
 * files through the events engine or handed in from Prometheus by the
 * caller; the SLI, the budget consumed and remaining, the burn rates and
 * the time to exhaustion at the 1h burn rate. See docs/slo.md.
 */
#ifndef AG_SLO_STATUS_H
#define AG_SLO_STATUS_H

#include <stdint.h>
#include "base/buf.h"
#include "base/diag.h"
#include "slo_read.h"

#define AG_SLO_NWIN 5 /* the SLO's window, then 1h, 6h, 1d, 3d */

struct ag_slo_count {
	const char *name;   /* "30d", "1h" ... */
	long long secs;
	double bad, total;
	bool have;          /* counted */
};

struct ag_slo_state {
	const struct ag_slo_def *d;
	struct ag_slo_count w[AG_SLO_NWIN];
	char window[32];    /* the SLO's window as a Prometheus duration */
	const char *skip;   /* why it was not counted (static), or NULL */
};

/* The windows of `d` into st (names and lengths, nothing counted). */
void ag_slo_state_init(struct ag_slo_state *st, const struct ag_slo_def *d);

/* Counts st's windows ending at `at` (unix seconds, exclusive) from the
 * event files: an SLO whose good/bad and total metric sources are of type
 * archgate-events (their queries are events predicates; a missing total
 * query is every event). Other SLOs get st->skip. AG_EINVAL with a
 * diagnostic at the query when a predicate does not parse; AG_EIO when a
 * file cannot be read. */
int ag_slo_status_events(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			 long long at, struct ag_diags *diags);

/* Events per slice of the SLO's window, oldest first: slice j holds the
 * events in [at - window + j*slice, at - window + (j+1)*slice) (the last
 * slice takes the rest). The caller sets slice (seconds), n (>= 1) and
 * zeroed arrays bad[n] and total[n]. */
struct ag_slo_series {
	long long slice;
	size_t n;
	double *bad, *total;
};

/* ag_slo_status_events, also filling `ser` (may be NULL) in the same pass:
 * the burn-down of the window (`archgate site`). `at` is rounded down to
 * the minute as there. */
int ag_slo_status_series(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			 long long at, struct ag_slo_series *ser, struct ag_diags *diags);

/* The PromQL of the good-or-bad events (num) or all events (!num) of `d`
 * over window `w` (secs seconds) into b; false when its query cannot be
 * taken over a window (slo_rules.h's rules say why). */
bool ag_slo_count_promql(struct ag_buf *b, const struct ag_slo_def *d, bool num, const char *w,
			 long long secs);

/* The report: text, or JSON {"source","at","slos":[...]} (docs/slo.md). */
int ag_slo_status_render(struct ag_buf *out, const struct ag_slo_state *v, size_t n,
			 const char *source, long long at, bool json);

#endif
