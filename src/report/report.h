/*
 * report.h - report writers: a check result rendered for people and tools.
 *
 * Every writer appends to a caller-owned buffer and returns 0 or AG_ENOMEM;
 * the CLI decides where the bytes go. Formats:
 *
 *   text    grouped by phase, for people; ANSI colour only when opts->color
 *   json    {"version":1,"findings":[...],"summary":{...}} (PRODUCT.md)
 *   sarif   SARIF 2.1.0, with rule metadata and help, for code scanning
 *   junit   JUnit XML: one test case per rule, one per finding
 *   github  GitHub Actions workflow commands (::error file=...::)
 *
 * The status board (`archgate status`) has text and json writers too.
 */
#ifndef AG_REPORT_H
#define AG_REPORT_H

#include "base/buf.h"
#include "base/json.h"
#include "rules/rules.h"

enum ag_format { AG_FMT_TEXT, AG_FMT_JSON, AG_FMT_SARIF, AG_FMT_JUNIT, AG_FMT_GITHUB };
#define AG_FMT__COUNT (AG_FMT_GITHUB + 1) /* not a format: the number of them */

struct ag_report_opts {
	bool color;
	const char *tool_version;
};

/* Parses a --format value; -1 when unknown. The names are one table in
 * report.c; ag_format_name() of a value out of range is "text". */
int ag_format_parse(const char *s);
const char *ag_format_name(enum ag_format f);

int ag_report_check(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		    const struct ag_result *res, const struct ag_report_opts *opts);

/* The four-phase board; only AG_FMT_TEXT and AG_FMT_JSON. */
int ag_report_status(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		     const struct ag_result *res, const struct ag_report_opts *opts);

/* The one next step: the first blocker of the current phase (a red flag
 * first when one reopened Phase 1), and how many blockers the phase has.
 * step is NULL when every phase is complete. */
struct ag_next {
	const struct ag_finding *step;
	size_t steps; /* blockers of the phase, the step included */
	int phase;    /* index in ag_phases() */
	/* when nothing blocks: the first finding the baseline holds (in the
	 * same order), and how many it holds; work left, though no gate fails */
	const struct ag_finding *known;
	size_t nknown;
};
void ag_next_step(const struct ag_result *res, struct ag_next *n);
/* `archgate next`; only AG_FMT_TEXT and AG_FMT_JSON. */
int ag_report_next(struct ag_buf *out, enum ag_format fmt, const struct ag_result *res,
		   const struct ag_report_opts *opts);

/* One finding as a JSON object (the shape PRODUCT.md fixes), written as
 * the next value of `w`. Returns the writer's (sticky) error. */
int ag_report_finding_json(struct ag_json *w, const struct ag_finding *f);

/* The rule list and one rule's explanation. */
int ag_report_rules(struct ag_buf *out, enum ag_format fmt, const struct ag_report_opts *o);
int ag_report_explain(struct ag_buf *out, enum ag_format fmt, const struct ag_rule *r,
		      const struct ag_report_opts *o);
/* docs/rules.md, generated from the registry. */
int ag_report_rules_markdown(struct ag_buf *out);

/* `s` escaped for a GitHub Actions workflow command: as data (% CR LF), or
 * as a property value (also : and ,); other control bytes as \xNN. For
 * commands whose reports are not check results (api diff, probe). */
int ag_report_gh_escape(struct ag_buf *b, const char *s, bool property);

#endif
