/*
 * main.c - archgate's entry point: the root of the command tree (the
 * top-level commands, after git.c's `commands[]`), `help` and `version`.
 * Commands live in cmd_*.c; cli.c walks the tree.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char *const help_usage[] = {
	"archgate help [COMMAND [SUBCOMMAND]]", "",
	"Show the list of commands, or one command's help (the same as",
	"'archgate COMMAND --help').", "",
	"Example:", "  archgate help adr new", NULL};

static int run_help(struct cli_ctx *c)
{
	if (c->npos == 0)
		return cli_print_help(&cli_root, "", stdout);
	const struct cli_command *cmd = &cli_root;
	char path[128] = "";
	for (int i = 0; i < c->npos; i++) {
		const struct cli_command *sub = cli_find_sub(cmd, c->pos[i]);
		size_t len = strlen(path);
		snprintf(path + len, sizeof(path) - len, "%s%s", i ? " " : "", c->pos[i]);
		if (!sub)
			return cli_usage_error(c, "no such command '%s'", path);
		cmd = sub;
	}
	return cli_print_help(cmd, path, stdout);
}

static const struct cli_command cmd_help = {
	.name = "help", .summary = "Show help for a command", .usage = help_usage,
	.run = run_help,
};

static const char *const version_usage[] = {
	"archgate version", "", "Print archgate's version.", "", "Example:",
	"  archgate version", NULL};

static int run_version(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	printf("archgate %s\n", AG_VERSION);
	return 0;
}

static const struct cli_command cmd_version = {
	.name = "version", .summary = "Print the version", .usage = version_usage,
	.run = run_version,
};

static const char *const root_usage[] = {
	"archgate [--dir DIR] COMMAND [ARGS]", "",
	"archgate keeps a team's architecture as files in its git repository and",
	"enforces the four phases (constraints, consensus, observability,",
	"governance, evolution) as gates in CI and before deploys.", "",
	"Exit codes: 0 all good, 1 a gate or rule failed, 2 bad usage or input.",
	"'archgate help COMMAND' shows a command's help and an example.", "",
	"Example:",
	"  archgate init --example demo && cd demo && archgate status", NULL};

static const struct cli_option root_options[] = {
	[CLI_ROOT_DIR] = CLI_VALUE("dir", "DIR", "the arch folder for every command (default: "
				   "$ARCHGATE_DIR, or the\nfirst arch/ found walking up from the "
				   "current folder)"),
	[CLI_ROOT_VERSION] = {.name = "version", .short_name = 'V', .help = "print the version"},
};

static const struct cli_command *const commands[] = {
	&cli_cmd_init, &cli_cmd_status, &cli_cmd_next, &cli_cmd_check, &cli_cmd_baseline, &cli_cmd_rules,
	&cli_cmd_explain, &cli_cmd_adr, &cli_cmd_rfc, &cli_cmd_advise, &cli_cmd_cost,
	&cli_cmd_debt, &cli_cmd_review, &cli_cmd_gate, &cli_cmd_diagram, &cli_cmd_events,
	&cli_cmd_radar, &cli_cmd_slo, &cli_cmd_api, &cli_cmd_site, &cli_cmd_serve, &cli_cmd_probe, &cli_cmd_docs, &cmd_help, &cmd_version, NULL};

const struct cli_command cli_root = {
	.name = "archgate",
	.summary = "keep a team's architecture in its git repository and enforce the four "
		   "phases as gates",
	.usage = root_usage, CLI_OPTIONS(root_options), .subs = commands,
};

int main(int argc, char **argv)
{
	return cli_main(&cli_root, argc, argv);
}
