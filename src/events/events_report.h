/*
 * events_report.h - the documents of `archgate events stats`, `events lint`
 * and `events traces`: text for people, JSON for programs (the shapes are
 * in docs/json.md; `events stats` is one PRODUCT.md keeps stable), every
 * JSON written through base/json.h.
 *
 * The engine computes (events_stats.h, events_lint.h, events_trace.h);
 * these writers only lay the results out, so a number the text shows is
 * the number the JSON has. Every writer appends to a caller-owned buffer
 * and returns 0, AG_ENOMEM or AG_ELIMIT. `paths` are the inputs as given
 * (indexed by the results' `input`); "-" is standard input.
 */
#ifndef AG_EVENTS_REPORT_H
#define AG_EVENTS_REPORT_H

#include "events_lint.h"
#include "events_stats.h"
#include "events_trace.h"

/* A path as reports show it: "(stdin)" for "-". */
const char *ag_ev_display_path(const char *path);

/* Text from an event line as a terminal may show it: newlines, tabs and
 * carriage returns as \n \t \r, other control bytes (ESC, BEL, DEL) as
 * \xHH, so an echoed line can neither move the cursor nor forge an output
 * line. */
int ag_ev_text_escaped(struct ag_buf *out, const char *s, size_t n);

/* The first `max` lines that are not JSON events, after a heading, as
 * `events stats` and `events query` show them (nothing when all are). */
int ag_evs_examples_text(struct ag_buf *out, const struct ag_evs_result *r,
			 const char *const *paths, size_t max);

/* `events stats`: `q` is the stats query (key `by`; aggregates count,
 * errors, avg, p50, p95 and p99 of the duration, in that order). */
int ag_evs_stats_report(struct ag_buf *out, bool json, const struct ag_evq *q,
			const struct ag_evs_result *r, const char *by,
			const char *const *paths);

/* `events lint` against the thresholds (ag_evl_ok() gives the verdict the
 * report states). */
int ag_evl_report(struct ag_buf *out, bool json, const struct ag_evl_result *r,
		  const char *const *paths, double min_share, double min_coverage);

/* `events traces`: the `n` slowest of `ntraces` traces. */
int ag_evt_slowest_report(struct ag_buf *out, bool json, const struct ag_evt_summary *s,
			  size_t n, uint64_t ntraces);

#endif
