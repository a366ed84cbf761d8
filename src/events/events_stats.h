/*
 * events_stats.h - the aggregation engine: mergeable histograms, group
 * tables, and the parallel run that answers `events stats` and
 * `events query` over NDJSON and OTLP/JSON files.
 *
 * Histograms are log-linear (ADR-013): a positive value falls in the
 * bucket given by its binary exponent and the top 6 bits of its mantissa,
 * so every bucket spans at most 1/64 of its lower bound and its midpoint is
 * within 1/128 (0.79%) of any value in it. Quantiles use the nearest-rank
 * definition (the smallest value with at least q*n values at or below it)
 * and report the midpoint of that value's bucket, clamped to the exact
 * minimum and maximum: relative error at most 0.79% for values between
 * 2^-40 and 2^60 (about 1e-12 to 1e18; beyond them the end buckets report
 * the exact minimum or maximum), and the 0th and 100th percentiles exact.
 * Buckets are counters, so histograms from threads (or runs) merge by
 * addition and the answer does not depend on how the input was split.
 *
 * Each worker thread aggregates into its own group table; tables are
 * merged once at the end. Memory grows with the number of groups, never
 * with the number of events.
 */
#ifndef AG_EVENTS_STATS_H
#define AG_EVENTS_STATS_H

#include <stdint.h>
#include "base/buf.h"
#include "base/diag.h"
#include "events_query.h"

/* ---- histograms -------------------------------------------------------------- */

struct ag_hist {
	uint64_t count;
	uint64_t zero;       /* values equal to 0 */
	double min, max;
	int32_t lo[2];       /* first bucket index held, per sign (0 +, 1 -) */
	uint32_t n[2];       /* buckets held, per sign */
	uint64_t *b[2];      /* counts, per sign (malloc'd) */
};

void ag_hist_init(struct ag_hist *h);
void ag_hist_release(struct ag_hist *h);
/* Adds a value (NaN is ignored). AG_ENOMEM. */
int ag_hist_add(struct ag_hist *h, double v);
/* Adds every count of `src` to `dst`. AG_ENOMEM. */
int ag_hist_merge(struct ag_hist *dst, const struct ag_hist *src);
/* The q-quantile (0 < q <= 1), nearest rank; NaN when empty. */
double ag_hist_quantile(const struct ag_hist *h, double q);
/* The most a quantile can be off, relative to the true value. */
#define AG_HIST_REL_ERROR (1.0 / 128)

/* ---- running a query ------------------------------------------------------------- */

struct ag_evs_example {
	size_t input;    /* index into the paths */
	uint64_t line;   /* 1-based */
	size_t col;      /* 1-based byte column of the problem */
	const char *why; /* static */
	char *text;      /* the line, at most 120 bytes (malloc'd) */
};

#define AG_EVS_MAX_EXAMPLES 20

struct ag_evs_cell {
	uint8_t type;    /* enum ag_ev_type: NONE (absent), NULL, TRUE, FALSE, NUM, STR */
	double num;
	const char *s;   /* STR (decoded), OBJ/ARR (raw); owned by the result */
	size_t n;
};

struct ag_evs_row {
	struct ag_evs_cell key[AG_EVQ_MAX_KEYS];
	int64_t window;          /* start of the time window (ns), when every */
	double agg[AG_EVQ_MAX_AGGS];
	bool agg_null[AG_EVQ_MAX_AGGS]; /* no value (avg of nothing) */
};

struct ag_evs_result {
	uint64_t lines, events, invalid, blank, other, otlp_lines, bytes;
	uint64_t matched;                 /* events the where clause kept */
	double seconds;
	struct ag_evs_example ex[AG_EVS_MAX_EXAMPLES];
	size_t nex;
	struct ag_evs_row *rows;          /* groups, sorted and cut to top */
	size_t nrows, ngroups;            /* ngroups: before top */
	/* Over every group (before top): the events whose group key i was
	 * present and not null, and the values each numeric slot read. */
	uint64_t key_present[AG_EVQ_MAX_KEYS];
	uint64_t slot_values[AG_EVQ_MAX_AGGS];
	/* The field names (dotted, two levels deep) of the first events each
	 * thread saw as written (not converted records), for suggestions. */
	char **seen;
	size_t nseen;
	void *priv;                       /* owns the rows' strings */
};

struct ag_evs_opts {
	unsigned threads;                 /* 0: all cores */
	size_t chunk_bytes;               /* 0: default */
	size_t max_examples;              /* invalid-line examples kept (<= 20) */
	/* Selection queries: called in input order with each matching event as
	 * one line of JSON (NDJSON lines as written, OTLP records flattened).
	 * Return non-zero to stop. */
	int (*emit)(void *ctx, const char *line, size_t n);
	void (*progress)(void *ctx, uint64_t done, uint64_t total, double seconds);
	void *ctx;
};

/* Runs `q` over the inputs. Input files that cannot be read add error
 * diagnostics (and make the result AG_EIO, with everything else still
 * computed); invalid lines are counted and exemplified, never fatal. */
int ag_evs_run(const struct ag_evq *q, const char *const *paths, size_t npaths,
	       const struct ag_evs_opts *o, struct ag_evs_result *res, struct ag_diags *d);
void ag_evs_result_release(struct ag_evs_result *res);

/* The code of ag_evs_absent()'s warnings. */
#define AG_EVS_CODE_ABSENT "absent-field"
/* After a run that read events: a warning for each field the query groups
 * by or computes over that no event had, and for each field its where
 * clause names that none of the first events had when nothing matched —
 * with the nearest field name that was there (did you mean) and the first
 * few that were. Returns 0 or AG_ENOMEM. */
int ag_evs_absent(const struct ag_evq *q, const struct ag_evs_result *r, struct ag_diags *d);

/* Renders the result of an aggregate query: a text table or JSON
 * ({"lines","events","invalid",...,"rows":[{key..., agg...}]}). */
int ag_evs_render(struct ag_buf *out, const struct ag_evq *q, const struct ag_evs_result *r,
		  const char *const *paths, bool json);

/* Appends a number as the JSON writer writes it with AG_JSON_SHORTEST
 * (base/json.h): integers without a fraction, others with up to 6
 * decimals; NaN and infinities as null. For text that shows the same
 * numbers as the JSON (a table cell); JSON itself uses the writer. */
int ag_evs_json_num(struct ag_buf *b, double v);

#endif
