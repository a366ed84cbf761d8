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

/* Since when an SLO's budget has been past a threshold: the first minute
 * of the current run of the budget consumed over the rolling window (the
 * window ending at each minute) being at or past it. */
enum { AG_SINCE_NOT, AG_SINCE_AT, AG_SINCE_BEFORE };
struct ag_slo_since {
	double threshold; /* in: a share of the budget (0.5) */
	int state;        /* out: AG_SINCE_NOT (not past it at `at`), AG_SINCE_AT
			   * (since `since`), AG_SINCE_BEFORE (past it for a whole
			   * window back: since `since` or earlier) */
	long long since;  /* out: unix seconds, on the minute */
};

/* ag_slo_status_series, also answering `ns` since-when questions in the
 * same pass: the pass then reads two windows back from `at`, in minutes
 * (the counts of `st` and `ser` are the same). `sv` may be NULL when ns is 0. */
int ag_slo_status_since(struct ag_slo_state *st, const char *const *paths, size_t npaths,
			long long at, struct ag_slo_series *ser, struct ag_slo_since *sv, size_t ns,
			struct ag_diags *diags);

/* The walk behind ag_slo_status_since, for counts from elsewhere
 * (Prometheus): buckets of `step` seconds, bucket j holding the events in
 * [base + j*step, base + (j+1)*step), 2*nb of them ending at st's `at`
 * (nb*step the window); st->w[0] the window's counts now. */
void ag_slo_since_walk(const struct ag_slo_state *st, const double *bad, const double *total,
		       size_t nb, long long base, long long step, struct ag_slo_since *sv, size_t ns);

/* The PromQL of the good-or-bad events (num) or all events (!num) of `d`
 * over window `w` (secs seconds) into b; false when its query cannot be
 * taken over a window (slo_rules.h's rules say why). */
bool ag_slo_count_promql(struct ag_buf *b, const struct ag_slo_def *d, bool num, const char *w,
			 long long secs);

/* The report: text, or JSON {"source","at","slos":[...]} (docs/slo.md). */
int ag_slo_status_render(struct ag_buf *out, const struct ag_slo_state *v, size_t n,
			 const char *source, long long at, bool json);

#endif
