/*
 * events_lint.h - how structured an event log is: the share of lines that
 * are JSON events, the coverage of the fields every event must carry
 * (observability.required_fields), the types each field is written with,
 * and examples of unparseable lines ("User 42 charged $19.99 in 234ms").
 *
 * Every top-level field of every event is counted by type, so a field
 * written sometimes as a number and sometimes as a string shows up. In
 * OTLP/JSON lines each span (or log record) is an event; its fields are
 * those of events_otlp.h and only the required fields are checked there
 * (the OTLP schema fixes the types). A field that is present but null
 * does not count as covered.
 */
#ifndef AG_EVENTS_LINT_H
#define AG_EVENTS_LINT_H

#include "events_stats.h"

#define AG_EVL_MAX_FIELDS 1000 /* distinct fields tracked; more are summed */

struct ag_evl_where {
	size_t input;    /* index into the paths; (size_t)-1 when unknown */
	uint64_t line;   /* 1-based */
};

struct ag_evl_field {
	char *name;                   /* decoded (malloc'd) */
	uint64_t by_type[AG_EV_ARR + 1]; /* counts per enum ag_ev_type (TRUE counts booleans) */
	struct ag_evl_where first[AG_EV_ARR + 1]; /* first line per type */
	uint64_t present;             /* events where it is there and not null */
};

struct ag_evl_result {
	uint64_t lines, blank, events, other, invalid, otlp_lines, bytes;
	double seconds;
	struct ag_evl_field *fields;  /* by number of events, then name */
	size_t nfields;
	uint64_t more_fields;         /* distinct fields past the limit */
	const char *const *required;  /* borrowed from the caller */
	uint64_t *required_present;   /* per required field */
	size_t nrequired;
	struct ag_evs_example ex[AG_EVS_MAX_EXAMPLES];
	size_t nex;
};

struct ag_evl_opts {
	unsigned threads;
	size_t max_examples;
	const char *const *required;  /* field paths */
	size_t nrequired;             /* at most AG_EV_MAX_FIELDS - 4 */
	void (*progress)(void *ctx, uint64_t done, uint64_t total, double seconds);
	void *ctx;
};

int ag_evl_run(const char *const *paths, size_t npaths, const struct ag_evl_opts *o,
	       struct ag_evl_result *res, struct ag_diags *d);
void ag_evl_result_release(struct ag_evl_result *res);

/* The share of non-blank lines that are JSON events (1 when there are
 * none), and whether a field was written with more than one JSON type
 * (null aside; true and false are one type). */
double ag_evl_json_share(const struct ag_evl_result *r);
bool ag_evl_inconsistent(const struct ag_evl_field *f);

/* The share of events that carry required field `i` (0 without events). */
double ag_evl_coverage(const struct ag_evl_result *r, size_t i);

/* The verdict against the policy's thresholds (policy.h gives them, with
 * their defaults): the JSON share at least `min_share`, each required
 * field's coverage at least `min_coverage` (when there are events at all).
 * A log with no non-blank line fails: nothing to judge is not a pass. */
bool ag_evl_share_ok(const struct ag_evl_result *r, double min_share);
bool ag_evl_field_ok(const struct ag_evl_result *r, size_t i, double min_coverage);
bool ag_evl_ok(const struct ag_evl_result *r, double min_share, double min_coverage);

#endif
