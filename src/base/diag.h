/*
 * diag.h - diagnostics: what went wrong (or might), and exactly where.
 *
 * Every parser, loader and rule appends to a caller-owned `struct ag_diags`
 * instead of printing (after jq: errors are values handed back, never
 * printed by the library). A diagnostic owns its strings.
 *
 * A diagnostic is (severity, code, file, line, col, message), after
 * STYLE.md 4. The code says what kind of diagnostic it is, for programs to
 * match on; the message says the rest, for people; the file is only ever a
 * file's path. Input errors (malformed YAML, unknown keys, dangling
 * references) use severity AG_SEV_ERROR and code AG_DIAG_INPUT; the CLI
 * maps them to exit code 2. A module that needs other codes defines them
 * in its header (events_query.h: which text of a query is wrong).
 * Rule findings are a separate type (rules.h) because they carry a rule id,
 * a phase and waiver state.
 */
#ifndef AG_DIAG_H
#define AG_DIAG_H

#include "ag.h"

enum ag_severity {
	AG_SEV_OFF = 0, /* only meaningful in policy: rule disabled */
	AG_SEV_NOTE = 1,
	AG_SEV_WARNING = 2,
	AG_SEV_ERROR = 3,
};

/* The code of ag_diags_add() and ag_diags_addpos(): something about the
 * input (a file, an argument) is wrong or worth a note. */
#define AG_DIAG_INPUT "input"

struct ag_diag {
	enum ag_severity sev;
	const char *code; /* never NULL; a static string (not owned, never freed) */
	char *file;       /* owned; may be NULL; a path, never anything else */
	int line, col;
	char *message; /* owned; lowercase, no trailing period */
};

struct ag_diags {
	struct ag_diag *v;
	size_t n, alloc;
	size_t max;      /* stop recording after this many (0 = 100) */
	size_t dropped;  /* how many were not recorded because of max */
};

void ag_diags_init(struct ag_diags *d);
void ag_diags_release(struct ag_diags *d);
/* Appends one diagnostic with code AG_DIAG_INPUT. Returns 0, or AG_ENOMEM.
 * Past `max` the diagnostic is counted in `dropped` and 0 is returned. */
int ag_diags_add(struct ag_diags *d, enum ag_severity sev, const char *file,
		 int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* The same with a code: a string that lives as long as the program (a
 * literal); NULL means AG_DIAG_INPUT. */
int ag_diags_addc(struct ag_diags *d, enum ag_severity sev, const char *code,
		  const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
int ag_diags_addpos(struct ag_diags *d, enum ag_severity sev,
		    const struct ag_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
size_t ag_diags_count(const struct ag_diags *d, enum ag_severity sev);

const char *ag_severity_name(enum ag_severity s);
/* Parses "off", "note", "warning", "error"; returns -1 when unknown. */
int ag_severity_parse(const char *s, size_t n);

#endif
