/*
 * rules.h - the rule registry and the engine that runs it.
 *
 * A rule is data plus a check function: an id, the seed phase it belongs to,
 * a default severity, a title, the rationale (the seed's "why") and the fix.
 * Rules live in per-phase files (rules_phase1.c, ...) and are collected in
 * one static registry (rules.c). A check function reads the const model and
 * reports findings through ag_rule_report(); it never prints.
 *
 * The engine (ag_check_run) runs every enabled rule up to a phase, applies
 * the policy (severity overrides, waivers, expired waivers), computes the
 * four-phase board (phases.h) and the phase-order findings, and hands back
 * a `struct ag_result` that the report writers (report.h) render.
 */
#ifndef AG_RULES_H
#define AG_RULES_H

#include "base/diag.h"
#include "model/model.h"

struct ag_finding {
	const struct ag_rule *rule;
	enum ag_severity sev;   /* after policy */
	const char *phase;      /* usually rule->phase */
	char *message;          /* owned */
	char *file;             /* owned; NULL when the finding has no place */
	int line, col;
	const struct ag_waiver *waiver; /* non-NULL when waived */
	bool baselined;         /* known: in arch/baseline.json (rules/baseline.h) */
};

struct ag_findings {
	struct ag_finding *v;
	size_t n, alloc;
};

struct ag_ctx;
struct ag_api_run;

struct ag_rule {
	const char *id;        /* kebab-case, stable: users put it in policy */
	const char *phase;     /* "1", "1.5", "2", "2.5", "3", "4" */
	enum ag_severity severity;
	bool red_flag;         /* an active finding reopens Phase 1 */
	const char *title;     /* one line */
	const char *rationale; /* the why, in the seed's words where it has them */
	const char *fix;       /* what to do about it */
	void (*check)(struct ag_ctx *ctx);
};

/* What a check function sees. */
struct ag_ctx {
	const struct ag_model *model;
	const struct ag_rule *rule;
	struct ag_findings *out;
	long today;   /* days since 1970-01-01 (ARCHGATE_TODAY or the clock) */
	int err;      /* first AG_ENOMEM, sticky */
	struct ag_api_run *api; /* the model's API specs linted once per run, for
				   every api-* rule (rules_api.c); NULL until then */
};

/* Report a finding of the current rule at `pos` (may be NULL). */
void ag_rule_report(struct ag_ctx *ctx, const struct ag_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The same at severity `sev` instead of the rule's own (a rule that is an
 * error for one record format and a warning for another); a severity set
 * in the policy still wins. */
void ag_rule_report_sev(struct ag_ctx *ctx, enum ag_severity sev, const struct ag_pos *pos,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The registry, ordered by phase then id. */
const struct ag_rule *const *ag_rules_all(size_t *n);
const struct ag_rule *ag_rule_find(const char *id);

/* Checks the rule ids that policy names (the keys of `rules:` and each
 * waiver's `rule:`) against the registry: every unknown one is an input
 * error at its place in archgate.yaml, with a did-you-mean. The policy is
 * loaded by the model (model/policy.h), below the registry, so whoever loads
 * a model with its policy calls this once after the load. Returns the
 * number of errors added. */
size_t ag_rules_check_policy(const struct ag_policy *p, struct ag_diags *d);

/* Phases of the seed, in order. */
struct ag_phase {
	const char *id;
	const char *name;
	const char *goal;
};
const struct ag_phase *ag_phases(size_t *n);
/* Index of a phase id in ag_phases(), or -1. */
int ag_phase_index(const char *id);

enum ag_phase_state { AG_PHASE_COMPLETE, AG_PHASE_OPEN, AG_PHASE_BLOCKED };
const char *ag_phase_state_name(enum ag_phase_state s);

#define AG_NPHASES 6

struct ag_board {
	enum ag_phase_state state[AG_NPHASES];
	int current;          /* index of the phase being worked on */
	bool reopened;        /* an active red flag sent the team back to Phase 1 */
};

struct ag_check_opts {
	const char *max_phase; /* NULL: all phases */
	long today;            /* days since epoch; 0: from ARCHGATE_TODAY or clock */
	const char *const *only; /* NULL, or NULL-terminated rule-id prefixes to run
				    (e.g. "adr-", "rfc-" for `adr lint`) */
	bool no_baseline;      /* ignore arch/baseline.json (`archgate baseline`) */
};

struct ag_result {
	struct ag_findings findings;
	int max_phase;   /* index of the last phase checked (--phase) */
	struct ag_board board;
	size_t errors, warnings, notes, waived; /* counts of unwaived findings */
	size_t baselined;      /* known findings (not in the counts above) */
	bool baseline;         /* arch/baseline.json was read */
	bool baseline_red_flags; /* policy baseline.red_flags: red flags can be known */
};

/* Run the rules. Returns 0 or AG_ENOMEM. */
int ag_check_run(const struct ag_model *m, const struct ag_check_opts *opts,
		 struct ag_result *res);
void ag_result_release(struct ag_result *res);
/* Counts a result's findings into its summary (errors, warnings, waived,
 * baselined), after a caller dropped findings or marked them known. */
void ag_result_recount(struct ag_result *res);
/* Keep only the findings in files under `prefix` ("packages/web/docs/adr/"),
 * and count again. The board is left as it was. */
void ag_result_keep_files(struct ag_result *res, const char *prefix);

/* Whether finding `f` blocks its phase: unwaived, not baselined and of
 * error severity. */
bool ag_finding_blocks(const struct ag_finding *f);

/* Today in days since 1970-01-01: $ARCHGATE_TODAY (YYYY-MM-DD) if set and
 * valid, else the system clock (UTC). */
long ag_today(void);

#endif
