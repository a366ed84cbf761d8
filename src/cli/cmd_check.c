/*
 * cmd_check.c - `archgate check` and `archgate status`: run the rules and
 * show the result as findings or as the four-phase board.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char *const check_usage[] = {
	"archgate check [--format FMT] [--phase P] [--dir DIR]", "",
	"Run every rule over the arch folder and report the findings, grouped by",
	"phase. Exit 0 when no finding of error severity remains, 1 when one does,",
	"2 on bad usage or malformed input. The formats: text for people, json",
	"(the shape is stable, see docs/json.md), sarif (2.1.0, for code",
	"scanning), junit (XML) and github (workflow annotations).", "",
	"Examples:",
	"  archgate check",
	"  archgate check --format sarif > archgate.sarif",
	"  archgate check --phase 1 --format github", NULL};

enum { CHECK_PHASE };
static const struct cli_option check_options[] = {
	[CHECK_PHASE] = CLI_VALUE("phase", "P", "check only up to phase P (1, 1.5, 2, 2.5, 3 or 4)"),
};

static const char *const status_usage[] = {
	"archgate status [--format FMT] [--dir DIR]", "",
	"Show the four-phase board: each phase complete, open or blocked, the",
	"exact findings that block it (file:line), the current phase and the",
	"active red flags. \"You MUST complete each phase before proceeding.\"",
	"Exit 0 when every phase is complete, 1 otherwise.", "",
	"Example:",
	"  archgate status --format json | jq .current", NULL};

/* arg: 1 for status (the board), 0 for check (the findings). */
static int run(struct cli_ctx *c)
{
	bool status = c->cmd->arg;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	struct ag_check_opts opts = {status ? NULL : c->opt[CHECK_PHASE], 0, NULL};
	if (opts.max_phase && ag_phase_index(opts.max_phase) < 0)
		return cli_usage_error(c, "unknown phase '%s' (use 1, 1.5, 2, 2.5, 3 or 4)",
				       opts.max_phase);
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	cli_no_records(c, m);
	struct ag_result res;
	rc = ag_check_run(m, &opts, &res);
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		ag_result_release(&res);
		return AG_EXIT_USAGE;
	}
	struct ag_buf out = AG_BUF_INIT;
	struct ag_report_opts ro = {cli_color(c), AG_VERSION};
	rc = status ? ag_report_status(&out, c->format, m, &res, &ro)
		    : ag_report_check(&out, c->format, m, &res, &ro);
	int exit_code;
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		exit_code = AG_EXIT_USAGE;
	} else if ((exit_code = cli_write(&out)) == 0) {
		bool done = true;
		for (int p = 0; p < AG_NPHASES; p++)
			done = done && res.board.state[p] == AG_PHASE_COMPLETE;
		exit_code = (status ? !done : res.errors > 0) ? AG_EXIT_FAIL : AG_EXIT_OK;
	}
	ag_buf_release(&out);
	ag_result_release(&res);
	return exit_code;
}

const struct cli_command cli_cmd_check = {
	.name = "check", .summary = "Run every rule; fail on errors (text, json, sarif, junit, github)",
	.usage = check_usage, CLI_OPTIONS(check_options), .formats = CLI_ALL_FORMATS, CLI_MODEL,
	.run = run,
};

const struct cli_command cli_cmd_status = {
	.name = "status", .summary = "Show the four-phase board: where the team is, what blocks",
	.usage = status_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run, .arg = 1,
};
