/*
 * metrics.h - a Prometheus metrics exposition checked as a scraper and a
 * reviewer would check it (ADR-0047): the text format 0.0.4 and OpenMetrics
 * 1.0 text, told apart by the caller (the response's content type).
 *
 * ag_metrics_lint() parses the whole body once into samples and metadata
 * lines and then checks, each finding under one rule id:
 *
 *   metrics-syntax      a line that is not a comment, metadata or a sample
 *                       (OpenMetrics: also blank lines and free comments)
 *   metrics-name        metric and label names of the allowed characters;
 *                       no label named __*, no camelCase, no ':' (recording
 *                       rules only), no type in the name
 *   metrics-help        every family has one # HELP
 *   metrics-type        every family has one # TYPE, before its samples
 *   metrics-duplicate   no HELP/TYPE given twice, no series twice
 *   metrics-split       a family's samples are together, not interleaved
 *   metrics-counter     counters end in _total (OpenMetrics: their samples
 *                       do; the family name does not)
 *   metrics-histogram   buckets have le, ascend, are cumulative, end with
 *                       +Inf, and _count is the +Inf bucket; a summary's
 *                       quantile is in [0, 1]; le and quantile only there;
 *                       _bucket, _sum, _count, _total only as their type's
 *   metrics-units       base units (seconds, bytes), not milli-/kilo-
 *   metrics-eof         OpenMetrics ends with # EOF and nothing after it
 *
 * The checks include what `promtool check metrics` checks (its lint rules)
 * and what it misses (histograms without +Inf, non-cumulative buckets,
 * split families, OpenMetrics' # EOF). Native histograms exist only in the
 * protobuf exposition, which is not read here.
 *
 * Limits: AG_METRICS_MAX_SAMPLES samples (more: one metrics-syntax error and
 * the rest unread), lines of any length within the body the caller read.
 *
 * Ownership: the result owns its messages. The library prints nothing.
 */
#ifndef AG_PROBE_METRICS_H
#define AG_PROBE_METRICS_H

#include "base/ag.h"
#include "base/diag.h"

#define AG_METRICS_MAX_SAMPLES ((size_t)500000)
#define AG_METRICS_MAX_FINDINGS ((size_t)10000)

struct ag_probe_finding {
	const char *rule;        /* static: "metrics-help" */
	enum ag_severity sev;
	char *message;           /* owned */
	int line, col;           /* in the body; 0 when about the whole response */
};

struct ag_probe_findings {
	struct ag_probe_finding *v;
	size_t n, alloc;
	size_t dropped;
};

/* Appends a finding (message formatted); 0 or AG_ENOMEM. Past
 * AG_METRICS_MAX_FINDINGS it is counted in `dropped`. */
int ag_probe_add(struct ag_probe_findings *f, const char *rule, enum ag_severity sev, int line,
		 int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void ag_probe_findings_release(struct ag_probe_findings *f);
size_t ag_probe_count(const struct ag_probe_findings *f, enum ag_severity sev);

struct ag_metrics_stats {
	size_t samples, families;
};

/* Checks `len` bytes of `text` as an exposition (OpenMetrics when
 * `openmetrics`), appending findings to `out` in line order. Returns 0 or
 * AG_ENOMEM. */
int ag_metrics_lint(const char *text, size_t len, bool openmetrics, struct ag_probe_findings *out,
		    struct ag_metrics_stats *st);

#endif
