/*
 * slo_read.h - one internal SLO model read from OpenSLO v1, sloth
 * prometheus/v1 and pyrra ServiceLevelObjective files (ADR-0025).
 *
 * model/slo.h reads arch/slo/ for what the rules need (name, service);
 * this module reads the same files (through ag_slo_each_doc) and also
 * sloth's and pyrra's, fully: the indicator (a ratio of good or bad events
 * to all events, or a threshold on a metric), each objective's target, the
 * window (rolling or calendar) and the budgeting method. Every problem is a
 * file:line:col error; reading goes on so that one run reports them all.
 *
 * One struct ag_slo_def per objective: an OpenSLO SLO with two objectives
 * is two definitions (named "slo-objective" when there is more than one).
 */
#ifndef AG_SLO_READ_H
#define AG_SLO_READ_H

#include "base/arena.h"
#include "base/diag.h"
#include "yaml/yaml_tree.h"

enum ag_slo_format { AG_SLO_OPENSLO, AG_SLO_SLOTH, AG_SLO_PYRRA };
enum ag_slo_budgeting { AG_SLO_OCCURRENCES, AG_SLO_TIMESLICES, AG_SLO_RATIO_TIMESLICES };
enum ag_sli_kind {
	AG_SLI_NONE,      /* OpenSLO SLO without an indicator: budgets only */
	AG_SLI_RATIO,     /* good or bad events over total events */
	AG_SLI_THRESHOLD, /* a metric compared with each objective's value */
};

/* One query of an indicator: PromQL for sloth, pyrra and OpenSLO's
 * Prometheus metric sources; whatever the source speaks otherwise. */
struct ag_slo_query {
	const char *source; /* "Prometheus", or OpenSLO's metricSource type */
	const char *query;  /* NULL when absent */
	struct ag_pos pos;  /* the query (or its metric source) */
	/* OpenSLO metricSourceRef: the DataSource named, and from its
	 * connectionDetails a Prometheus `url` or an archgate-events `file`
	 * (relative to the repository root); NULL when absent. */
	const char *datasource, *url, *file;
};

/* One burn-rate AlertCondition of an OpenSLO SLO's alertPolicies: alert
 * when the error ratio over lookbackWindow and over 1/12 of it are both
 * above threshold x the allowed bad fraction, for alertAfter. */
struct ag_slo_alert {
	const char *policy;   /* the AlertPolicy's name ("" inline without one) */
	const char *name;     /* the AlertCondition's name ("" when none) */
	const char *severity; /* spec.severity: the alert's severity and burn_tier */
	bool gte;             /* op gte (else gt) */
	double threshold;     /* the burn rate */
	long long long_s, short_s, for_s;
	struct ag_pos pos;    /* the condition */
};

struct ag_slo_def {
	struct ag_pos pos;          /* the document, or sloth's slos[] item */
	enum ag_slo_format format;
	const char *name;           /* unique per objective */
	const char *service;        /* "" when the format has none */
	const char *description;    /* "" when absent */
	enum ag_sli_kind kind;
	bool good;                  /* ratio: num counts good events (else bad ones) */
	struct ag_slo_query num, total; /* ratio */
	struct ag_slo_query metric; /* threshold */
	const char *op;             /* threshold: lt, lte, gt, gte */
	double value;               /* threshold: the objective's value */
	double target;              /* 0.999 */
	struct ag_pos target_pos;
	long long window_s;         /* window length in seconds (a calendar month: 30 days) */
	const char *window;         /* as written: "30d", "1M" */
	bool calendar;
	enum ag_slo_budgeting budgeting;
	double timeslice_target;    /* Timeslices: a slice is good at this ratio */
	long long timeslice_s;      /* Timeslices: the slice's length */
	/* OpenSLO spec.alertPolicies: their burn-rate conditions, which
	 * replace the default multi-window alerts (slo_rules.h) */
	bool policies;              /* alertPolicies given */
	const struct ag_slo_alert *alerts;
	size_t nalerts;
};

struct ag_slo_set {
	struct ag_arena *arena;     /* borrowed: everything lives here */
	struct ag_slo_def *v;
	size_t n, cap;
	/* OpenSLO documents kept until ag_slo_finish() resolves indicatorRef */
	struct ag_slo_doc *docs;
	size_t ndocs, capdocs;
};

void ag_slo_set_init(struct ag_slo_set *s, struct ag_arena *a);

/* Read `len` bytes of one file (several "---" documents) shown as `file`.
 * Returns AG_ENOMEM, AG_EINVAL when an error was diagnosed, or 0. */
int ag_slo_read(struct ag_slo_set *s, const char *file, const char *text, size_t len,
		struct ag_diags *diags);

/* A file, or every YAML file (.yaml, .yml) in a folder (sorted); `disp` is its name
 * in messages. AG_EIO (diagnosed) when it cannot be read. */
int ag_slo_read_path(struct ag_slo_set *s, const char *path, const char *disp,
		     struct ag_diags *diags);

/* After every file: OpenSLO SLOs become definitions, each indicatorRef
 * resolved against the SLI documents of all the files read, each
 * metricSourceRef against the DataSource documents and each alertPolicies
 * item against the AlertPolicy and AlertCondition documents. A condition
 * of a kind other than burnrate is a warning at its kind and is left out. */
int ag_slo_finish(struct ag_slo_set *s, struct ag_diags *diags);

/* "30d", "1h30m", "2w" (and for OpenSLO calendar windows "1M", "1Q",
 * "1Y") to seconds; -1 when malformed. */
long long ag_slo_duration(const char *s, bool calendar_units);

/* The event file an SLO is counted from by its DataSources: a ratio whose
 * metric source is archgate-events and names a file (relative to the
 * repository root); NULL otherwise. */
const char *ag_slo_events_file(const struct ag_slo_def *d);
/* The Prometheus URL its DataSources give (not archgate-events); NULL if none. */
const char *ag_slo_prometheus_url(const struct ag_slo_def *d);

const char *ag_slo_format_name(enum ag_slo_format f);
const char *ag_slo_budgeting_name(enum ag_slo_budgeting b);

#endif
