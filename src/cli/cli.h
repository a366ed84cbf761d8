/*
 * cli.h - the archgate command-line tool over the library.
 *
 * The CLI is the only place that prints, reads the environment for output
 * decisions (NO_COLOR, TTY) and chooses exit codes. It is a tree of
 * commands (after git.c's `commands[]` and parse-options.h's
 * `struct option[]`); cli.c walks it, one way for every level.
 *
 * How a command is declared
 * -------------------------
 * Each command, and each subcommand, is one `const struct cli_command` in
 * the cmd_*.c file that implements it, right after its usage text and its
 * option table:
 *
 *   static const char *const list_usage[] = {
 *       "archgate adr list [--status S] [--format FMT]",   <- synopsis lines
 *       "",
 *       "List the decision records, oldest first.",        <- description
 *       "",
 *       "Example:",                                        <- examples: from
 *       "  archgate adr list --status accepted", NULL};       "Example" to the end
 *
 *   enum { LIST_STATUS };                      <- index of each option's value
 *   static const struct cli_option list_options[] = {
 *       [LIST_STATUS] = CLI_VALUE("status", "S", "only records with status S"),
 *   };
 *
 *   static const struct cli_command adr_list = {
 *       .name = "list", .summary = "List the records",
 *       .usage = list_usage, CLI_OPTIONS(list_options),
 *       .formats = CLI_TEXT_JSON,              <- --format, from the one table
 *       CLI_RECORDS,                           <- the setup it needs (cli_model)
 *       .run = run_list,
 *   };
 *
 * A command with subcommands has `.subs = CLI_SUBS(&new, &list, ...)`
 * instead of `.run`; main.c's root lists the top-level commands the same way.
 * Commands that share one run() tell themselves apart by `.arg` (adr
 * accept/reject/deprecate pass the status). Subcommands that share options
 * may share one index enum and leave holes in their tables (events). A
 * command whose --format has its own vocabulary (diagram: mermaid, dot, ...)
 * declares a "format" option itself and no `.formats`. The setups:
 * CLI_MODEL (arch folder required, every part), CLI_RECORDS (policy and
 * records; arch/ at the repository root when there is none), or .arch and
 * .parts spelled out (diagram: the system only; events: optional).
 * Nothing else registers anything: --help, `archgate help adr list`, the
 * man page (`archgate docs man`) and the usage lines of error messages are
 * all generated from these tables, so a new command (or option) is
 * documented everywhere by declaring it once.
 *
 * What cli.c does for a leaf, in order:
 *   1. parse its options: its own table, then --format (when .formats),
 *      --dir (when it reads the arch folder), and --color, --no-color and
 *      -h/--help, which every command takes. Values land in c->opt[i] (NULL
 *      when not given, "" for a flag given), by index in the command's own
 *      table; positional arguments in c->pos. There is no global option
 *      list and no bit mask: a table may hold any number of options;
 *   2. print the command's help and return 0 when --help was given;
 *   3. check --format against the command's formats (c->format);
 *   4. run it. The first time it calls cli_model() (after checking its
 *      arguments, so that bad usage is reported before a missing arch
 *      folder), the setup its table asks for runs, here and only here:
 *      find the arch folder (.arch), load those parts of the model
 *      (.parts, AG_LOAD_*), check the policy with ag_rules_check_policy()
 *      whenever it is loaded, print any problem and exit 2. A command that
 *      needs the model only sometimes (events, when no FILE is given) just
 *      does not ask;
 *   5. release the model.
 *
 * Exit codes and messages: run() returns an enum ag_exit. Usage errors go
 * through cli_usage_error(c, ...), which prints "archgate CMD: reason", the
 * command's usage line and a pointer to its --help. A command computes
 * nothing itself: it asks the library for the result and for its report
 * (text or JSON, written by a library writer: report/, events_report.h,
 * records_report.h), and hands the buffer to cli_output().
 *
 * Adding a command: write its usage, options table and run() in a cmd_*.c
 * (or a new one), declare its `struct cli_command`, and list it in its
 * parent's CLI_SUBS (main.c's commands[] for a top-level one; a new file
 * also gets an extern line below). Then regenerate docs/archgate.1 with
 * `archgate docs man`; t0001 checks its help, example and options.
 */
#ifndef AG_CLI_H
#define AG_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "base/diag.h"
#include "model/model.h"
#include "report/report.h"

enum ag_exit {
	AG_EXIT_OK = 0,     /* all good */
	AG_EXIT_FAIL = 1,   /* a gate or rule failed */
	AG_EXIT_USAGE = 2,  /* bad usage or bad input */
};

/* One option of a command. `help` may hold several lines ('\n'). */
struct cli_option {
	const char *name;   /* the long name, without "--"; NULL: an unused slot */
	const char *arg;    /* the value's placeholder ("DIR"); NULL for a flag */
	const char *help;
	char short_name;    /* e.g. 'h' for -h; 0 for none */
};

#define CLI_FLAG(n, h) {.name = (n), .help = (h)}
#define CLI_VALUE(n, a, h) {.name = (n), .arg = (a), .help = (h)}
#define CLI_OPTIONS(table) .options = (table), .noptions = sizeof(table) / sizeof((table)[0])

/* What a command needs of the arch folder. */
enum cli_arch {
	CLI_ARCH_NONE,      /* nothing; the command takes no --dir */
	CLI_ARCH_REQUIRED,  /* found (--dir, $ARCHGATE_DIR or walking up), else exit 2 */
	CLI_ARCH_OR_ROOT,   /* records work without one: then arch/ at the nearest
			     * folder with .git or .adr-dir (where it would be made) */
	CLI_ARCH_OPTIONAL,  /* loaded when there is one; the command copes without */
};

/* The usual setups, for .arch and .parts in one go. */
#define CLI_MODEL .arch = CLI_ARCH_REQUIRED, .parts = AG_LOAD_ALL
#define CLI_RECORDS .arch = CLI_ARCH_OR_ROOT, .parts = AG_LOAD_POLICY | AG_LOAD_RECORDS

/* The formats a command accepts for --format: a list of enum ag_format
 * ended by AG_FMT__COUNT; the first is the default. Names come from the
 * report library's one table (ag_format_name). */
#define CLI_FORMATS(...) ((const enum ag_format[]){__VA_ARGS__, AG_FMT__COUNT})
#define CLI_TEXT_JSON CLI_FORMATS(AG_FMT_TEXT, AG_FMT_JSON)
#define CLI_ALL_FORMATS \
	CLI_FORMATS(AG_FMT_TEXT, AG_FMT_JSON, AG_FMT_SARIF, AG_FMT_JUNIT, AG_FMT_GITHUB)

/* A parent's subcommands: CLI_SUBS(&a, &b) (the list ends with NULL). */
#define CLI_SUBS(...) ((const struct cli_command *const[]){__VA_ARGS__, NULL})

struct cli_ctx;

struct cli_command {
	const char *name;
	const char *summary;              /* one line, for the parent's list */
	const char *const *usage;         /* synopsis, "", description, "", "Example..." */
	const struct cli_option *options; /* this command's own options (CLI_OPTIONS) */
	size_t noptions;
	const enum ag_format *formats;    /* NULL: the framework adds no --format */
	enum cli_arch arch;
	unsigned parts;                   /* AG_LOAD_* bits to load */
	int (*run)(struct cli_ctx *c);    /* a leaf; returns an enum ag_exit */
	int arg;                          /* for run() when commands share one function */
	const struct cli_command *const *subs; /* or: subcommands, NULL-terminated */
};

/* What a running command gets. */
struct cli_ctx {
	const struct cli_command *cmd;
	const char *name;       /* its path for messages: "check", "adr new" */
	const char **opt;       /* per cmd->options index: NULL, or the value ("" for flags) */
	char **pos;             /* positional arguments */
	int npos;
	enum ag_format format;  /* --format, checked against cmd->formats */
	const char *dir;        /* --dir, or NULL */
	const char *color_when; /* --color, or NULL */
	bool no_color;          /* --no-color */
	bool help;              /* -h, --help */
	const char *format_name;/* --format as given */
	struct ag_model model;  /* what cmd->arch and cmd->parts asked for */
	bool have_model;        /* false until loaded, and when an optional arch/ is absent */
	bool tried_model;
	int model_rc;
	bool locked;            /* lock_fd holds a folder lock (cli_model_locked) */
	bool edit;              /* an editing command: it finishes a pending journal of
				 * the records instead of being refused (ADR-026) */
	int lock_fd;
	struct ag_buf text[8];  /* cli_text()'s copies, reused in turn (data NULL: unused) */
	unsigned ntext;
};

/* The root's own options (main.c's table), before the command. */
enum { CLI_ROOT_DIR, CLI_ROOT_VERSION };

/* Run the command tree rooted at `root` (main.c's) on main()'s arguments. */
int cli_main(const struct cli_command *root, int argc, char **argv);

/* The model the command's table asks for, loaded on the first call:
 * 0 with *m set (NULL when an optional arch folder is absent), or
 * AG_EXIT_USAGE after printing why (every later call returns it too). */
int cli_model(struct cli_ctx *c, const struct ag_model **m);

/* For commands that change files: the model, loaded, then the folder
 * `folder(model)` names locked (ag_dir_lock) and the model loaded again
 * under the lock, so that the files the command rewrites are the ones on
 * disk and no other archgate edit runs in between. The lock is held until
 * the command ends. A folder that does not exist is not locked (nothing in
 * it can be edited). Returns what cli_model() returns, or AG_EXIT_USAGE
 * after printing why the lock could not be taken. */
int cli_model_locked(struct cli_ctx *c, const char *(*folder)(const struct ag_model *m),
		     const struct ag_model **m);

/* Release and load the model again (after a command changed the files). */
int cli_reload(struct cli_ctx *c);

/* `s` (a file name, a title, an argument) escaped for the terminal
 * (ADR-023), for a printf argument: "" when NULL or out of memory. The
 * copy lives in `c` until the eighth later call or the command's end, so
 * up to eight can be passed to one printf. */
const char *cli_text(struct cli_ctx *c, const char *s);

/* When the model holds no decision records: say so on stderr, where
 * archgate looked, and how to point it at a folder; true then. */
bool cli_no_records(const struct cli_ctx *c, const struct ag_model *m);

/* Print "archgate CMD: reason", the usage line and a hint to stderr;
 * returns AG_EXIT_USAGE. */
int cli_usage_error(const struct cli_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether to colour stdout (stderr): --color/--no-color, NO_COLOR, TERM
 * dumb, whether it is a terminal. */
bool cli_color(const struct cli_ctx *c);
bool cli_color_stderr(const struct cli_ctx *c);

/* Print diagnostics to stderr as "file:line:col: error: message". */
void cli_print_diags(const struct ag_diags *d, bool color);

/* Today as YYYY-MM-DD (ARCHGATE_TODAY or the clock). */
void cli_today(char out[11]);

/* `git config --get KEY`, malloc'd, or NULL. */
char *cli_git_config(const char *key);

/* Write a buffer to stdout; AG_EXIT_USAGE (with a message) if that fails. */
int cli_write(const struct ag_buf *b);

/* Write a report to stdout and release it: `rc` is what its writer
 * returned (an error is said as "archgate CMD: why" and nothing is
 * written). Returns 0 or AG_EXIT_USAGE. */
int cli_output(const struct cli_ctx *c, struct ag_buf *b, int rc);

/* The subcommand of `cmd` called `name`, or NULL. */
const struct cli_command *cli_find_sub(const struct cli_command *cmd, const char *name);

/* Options cli.c adds to a leaf's own table: --format, --dir, and the ones
 * every command takes (--color, --no-color, -h/--help). */
#define CLI_NCOMMON 3
extern const struct cli_option cli_format_option, cli_dir_option,
	cli_common_options[CLI_NCOMMON];

/* cli_help.c: the help of a command (`name` is its path, "" for the root)
 * and the man page of the whole tree, both from the tables. */
int cli_render_help(struct ag_buf *out, const struct cli_command *cmd, const char *name);
int cli_print_help(const struct cli_command *cmd, const char *name, FILE *to);
int cli_render_man(struct ag_buf *out, const struct cli_command *root);

/* cmd_slo.c: the error-budget freeze of `gate deploy`, printed (or, with
 * `w`, written as the "error_budget" member of the object `w` is in):
 * every SLO of the arch folder's slo/ counted from error_budget.events or
 * error_budget.prometheus, and the commits of `range` classified with the
 * range's labels (ADR 0052). *stop is set when a budget past freeze_at has
 * a risky commit to ship (past freeze_all_at: a risky one or one that is
 * not a fix) and no Accepted, unexpired exception ADR naming its SLO, or
 * when the status cannot be read. Returns 0, or AG_EXIT_USAGE after
 * printing why the commits could not be read. */
struct ag_json;
int cli_slo_freeze(struct cli_ctx *c, const struct ag_model *m, const char *range,
		   const char *const *labels, size_t nlabels, struct ag_json *w, bool *stop);

/* The command tree, for `archgate help` and `archgate docs man`. */
extern const struct cli_command cli_root;

/* The top-level commands, each defined in its cmd_*.c. */
extern const struct cli_command cli_cmd_init, cli_cmd_status, cli_cmd_next, cli_cmd_check, cli_cmd_rules,
	cli_cmd_explain, cli_cmd_docs, cli_cmd_adr, cli_cmd_rfc, cli_cmd_advise, cli_cmd_cost,
	cli_cmd_debt, cli_cmd_review, cli_cmd_gate, cli_cmd_diagram, cli_cmd_events,
	cli_cmd_radar, cli_cmd_baseline, cli_cmd_slo, cli_cmd_api, cli_cmd_site, cli_cmd_serve, cli_cmd_probe;

#endif
