/*
 * cli.h - the archgate command-line tool over the library.
 *
 * The CLI is the only place that prints, reads the environment for output
 * decisions (NO_COLOR, TTY) and chooses exit codes. Each command is a
 * cmd_*() function in its own file, registered in main.c's command table
 * (after git.c's `commands[]`).
 */
#ifndef AG_CLI_H
#define AG_CLI_H

#include <stdbool.h>
#include "base/diag.h"
#include "model/model.h"
#include "report/report.h"

enum ag_exit {
	AG_EXIT_OK = 0,     /* all good */
	AG_EXIT_FAIL = 1,   /* a gate or rule failed */
	AG_EXIT_USAGE = 2,  /* bad usage or bad input */
};

struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *const *usage; /* NULL-terminated lines: usage, blank, text */
};

/* Options every command understands are parsed by cli_parse(). */
enum cli_opt_id {
	OPT_HELP, OPT_DIR, OPT_FORMAT, OPT_PHASE, OPT_COLOR, OPT_NO_COLOR, OPT_EXAMPLE,
	OPT_SUPERSEDES, OPT_NO_EDIT, OPT_TEMPLATE, OPT_STATUS, OPT_TAG, OPT_SINCE, OPT_UNTIL,
	OPT_IN, OPT_ROLE, OPT_NAME, OPT_EMAIL, OPT_DECIDERS, OPT_AUTHOR, OPT_RED_FLAGS,
	OPT_VIEW, OPT_OUTPUT,
	/* events */
	OPT_BY, OPT_THREADS, OPT_ERRORS, OPT_DURATION, OPT_WHERE, OPT_TIME_FIELD, OPT_SLOWEST,
	OPT_NO_PROGRESS,
	/* radar */
	OPT_FROM,
	OPT__COUNT
};

struct cli_args {
	const char *val[OPT__COUNT]; /* NULL when not given; "" for flags */
	char **pos;                  /* positional arguments */
	int npos;
};

/* Parse argv[1..] accepting the options whose bits are set in `allowed`
 * (1 << OPT_x). On error prints "archgate CMD: ..." and returns
 * AG_EXIT_USAGE. --help is always allowed. */
int cli_parse(const char *cmd, int argc, char **argv, unsigned allowed,
	      struct cli_args *out);

/* Print a command's help (usage lines) to stdout. */
void cli_help(const char *cmd);
/* Print "usage: ..." and a hint to stderr; returns AG_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether to colour stdout: --color/--no-color, NO_COLOR, TTY. */
bool cli_color(const struct cli_args *a);

/* Print diagnostics to stderr as "file:line:col: error: message". */
void cli_print_diags(const struct ag_diags *d, bool color);

/* Find and load the model; on failure print why and return AG_EXIT_USAGE. */
int cli_load_model(const struct cli_args *a, struct ag_model *m);

/* Find the arch folder and load only `parts` (AG_LOAD_* bits), so that a
 * problem in a part the command does not use (say, a malformed decision
 * record for `diagram`) cannot block it. Prints problems; returns
 * AG_EXIT_USAGE on failure. */
int cli_load_parts(const struct cli_args *a, struct ag_model *m, unsigned parts);

/* Load only what decision-record commands need (policy, ADRs, RFCs), so a
 * broken system.yaml never blocks `adr new`. Works without an arch/ folder:
 * the repository root is then the nearest folder with .git or .adr-dir. */
int cli_load_records(const struct cli_args *a, struct ag_model *m);

/* Today as YYYY-MM-DD (ARCHGATE_TODAY or the clock). */
void cli_today(char out[11]);

/* `git config --get KEY`, malloc'd, or NULL. */
char *cli_git_config(const char *key);

/* Write a buffer to stdout; AG_EXIT_USAGE (with a message) if that fails. */
int cli_write(const struct ag_buf *b);

/* Parse --format against the formats a command supports (bit per
 * enum ag_format). */
int cli_format(const char *cmd, const struct cli_args *a, unsigned allowed,
	       enum ag_format *out);

int cmd_init(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_docs(int argc, char **argv);
int cmd_adr(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_debt(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_gate(int argc, char **argv);
int cmd_rfc(int argc, char **argv);
int cmd_diagram(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_radar(int argc, char **argv);

extern const char *const usage_init[], *const usage_check[], *const usage_status[],
	*const usage_rules[], *const usage_explain[], *const usage_docs[], *const usage_adr[],
	*const usage_rfc[], *const usage_cost[], *const usage_debt[], *const usage_advise[],
	*const usage_review[], *const usage_gate[], *const usage_diagram[], *const usage_events[],
	*const usage_radar[];

#endif
