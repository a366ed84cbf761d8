/*
 * cmd_check.c - `archgate check` and `archgate status`: run the rules and
 * show the result as findings or as the four-phase board.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

const char *const usage_check[] = {
	"archgate check [--format FMT] [--phase P] [--dir DIR]", "",
	"Run every rule over the arch folder and report the findings, grouped by",
	"phase. Exit 0 when no finding of error severity remains, 1 when one does,",
	"2 on bad usage or malformed input.", "",
	"Options:",
	"  --format FMT   text (default), json, sarif (2.1.0), junit or github",
	"                 (workflow annotations)",
	"  --phase P      check only up to phase P (1, 1.5, 2, 2.5, 3 or 4)",
	"  --dir DIR      the arch folder (default: found by walking up)",
	"  --color WHEN   auto, always or never", "",
	"Examples:",
	"  archgate check",
	"  archgate check --format sarif > archgate.sarif",
	"  archgate check --phase 1 --format github", NULL};

const char *const usage_status[] = {
	"archgate status [--format FMT] [--dir DIR]", "",
	"Show the four-phase board: each phase complete, open or blocked, the",
	"exact findings that block it (file:line), the current phase and the",
	"active red flags. \"You MUST complete each phase before proceeding.\"",
	"Exit 0 when every phase is complete, 1 otherwise.", "",
	"Options:",
	"  --format FMT   text (default) or json",
	"  --dir DIR      the arch folder", "",
	"Example:",
	"  archgate status --format json | jq .current", NULL};

static int run(const char *cmd, int argc, char **argv, bool status)
{
	struct cli_args a;
	unsigned allowed = 1u << OPT_DIR | 1u << OPT_FORMAT | (status ? 0 : 1u << OPT_PHASE);
	int rc = cli_parse(cmd, argc, argv, allowed, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help(cmd);
		return 0;
	}
	if (a.npos)
		return cli_usage_error(cmd, "unexpected argument '%s'", a.pos[0]);
	enum ag_format fmt;
	unsigned fmts = status ? (1u << AG_FMT_TEXT | 1u << AG_FMT_JSON) : 0x1f;
	if ((rc = cli_format(cmd, &a, fmts, &fmt)))
		return rc;
	struct ag_check_opts opts = {a.val[OPT_PHASE], 0, NULL};
	if (opts.max_phase && ag_phase_index(opts.max_phase) < 0)
		return cli_usage_error(cmd, "unknown phase '%s' (use 1, 1.5, 2, 2.5, 3 or 4)",
				       opts.max_phase);
	struct ag_model m;
	if ((rc = cli_load_model(&a, &m))) {
		ag_model_release(&m);
		return rc;
	}
	struct ag_result res;
	rc = ag_check_run(&m, &opts, &res);
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", cmd, ag_strerror(rc));
		ag_result_release(&res);
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	struct ag_buf out = AG_BUF_INIT;
	struct ag_report_opts ro = {cli_color(&a), AG_VERSION};
	rc = status ? ag_report_status(&out, fmt, &m, &res, &ro)
		    : ag_report_check(&out, fmt, &m, &res, &ro);
	int exit_code;
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", cmd, ag_strerror(rc));
		exit_code = AG_EXIT_USAGE;
	} else if ((exit_code = cli_write(&out)) == 0) {
		bool done = true;
		for (int p = 0; p < AG_NPHASES; p++)
			done = done && res.board.state[p] == AG_PHASE_COMPLETE;
		exit_code = (status ? !done : res.errors > 0) ? AG_EXIT_FAIL : AG_EXIT_OK;
	}
	ag_buf_release(&out);
	ag_result_release(&res);
	ag_model_release(&m);
	return exit_code;
}

int cmd_check(int argc, char **argv)
{
	return run("check", argc, argv, false);
}

int cmd_status(int argc, char **argv)
{
	return run("status", argc, argv, true);
}
