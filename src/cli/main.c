/*
 * main.c - archgate's entry point: the command table, global options and
 * help. Commands live in cmd_*.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const char *const usage_help[] = {
	"archgate help [COMMAND]", "",
	"Show the list of commands, or one command's help.", "",
	"Example:", "  archgate help check", NULL};
static const char *const usage_version[] = {
	"archgate version", "", "Print archgate's version.", "", "Example:",
	"  archgate version", NULL};

static const struct cli_cmd commands[] = {
	{"init", cmd_init, "Lay down an arch/ folder (or the worked example)", usage_init},
	{"status", cmd_status, "Show the four-phase board: where the team is, what blocks",
	 usage_status},
	{"check", cmd_check, "Run every rule; fail on errors (text, json, sarif, junit, github)",
	 usage_check},
	{"rules", cmd_rules, "List the rules", usage_rules},
	{"explain", cmd_explain, "Explain one rule: why it exists and how to fix it",
	 usage_explain},
	{"adr", cmd_adr, "Decision records: new, list, show, toc, graph, lint, lifecycle",
	 usage_adr},
	{"rfc", cmd_rfc, "RFCs: new, sign, status, list, accept", usage_rfc},
	{"advise", cmd_advise, "Recommend Phase 1.5 patterns from the constraints", usage_advise},
	{"cost", cmd_cost, "Monthly cost, cost per active user, cross-AZ transfers", usage_cost},
	{"debt", cmd_debt, "The tech-debt register by interest; strangler-fig progress",
	 usage_debt},
	{"review", cmd_review, "Check every commit in a range was reviewed by someone else",
	 usage_review},
	{"gate", cmd_gate, "The deploy gate: reviewed commits and no red flags", usage_gate},
	{"diagram", cmd_diagram, "Draw the context diagram (Mermaid, DOT, PlantUML, "
	 "Structurizr, SVG)", usage_diagram},
	{"events", cmd_events,
	 "Event logs and traces: lint, stats, query, sql, trace, traces", usage_events},
	{"radar", cmd_radar, "Tech radar: scan what is in use, render SVG, export, import",
	 usage_radar},
	{"docs", cmd_docs, "Print generated reference pages (model, rules)", usage_docs},
	{"help", cmd_help, "Show help for a command", usage_help},
	{"version", cmd_version, "Print the version", usage_version},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct cli_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void cli_help(const char *cmd)
{
	const struct cli_cmd *c = find_command(cmd);
	if (!c)
		return;
	printf("usage: %s\n", c->usage[0]);
	for (size_t i = 1; c->usage[i]; i++)
		printf("%s\n", c->usage[i]);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "archgate %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	const struct cli_cmd *c = find_command(cmd);
	fprintf(stderr, "\nusage: %s\n(see 'archgate %s --help')\n",
		c ? c->usage[0] : "archgate COMMAND", cmd);
	return AG_EXIT_USAGE;
}

static void main_help(FILE *to)
{
	fprintf(to,
		"usage: archgate [--dir DIR] COMMAND [ARGS]\n\n"
		"archgate keeps a team's architecture as files in its git repository and\n"
		"enforces the four phases (constraints, consensus, observability,\n"
		"governance, evolution) as gates in CI and before deploys.\n\n"
		"Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(to, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(to,
		"\nOptions for every command:\n"
		"  --dir DIR          the arch folder (default: $ARCHGATE_DIR, or the first\n"
		"                     arch/ found walking up from the current folder)\n"
		"  --format FMT       output format where supported (text, json, ...)\n"
		"  --color WHEN       auto, always or never (NO_COLOR is honoured)\n"
		"  -h, --help         help for the command\n\n"
		"Exit codes: 0 all good, 1 a gate or rule failed, 2 bad usage or input.\n\n"
		"Example:\n"
		"  archgate init --example demo && cd demo && archgate status\n\n"
		"'archgate help COMMAND' shows a command's help and an example.\n");
}

static int cmd_help(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("help", argc, argv, 0, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("help");
		return 0;
	}
	if (a.npos == 0) {
		main_help(stdout);
		return 0;
	}
	if (!find_command(a.pos[0]))
		return cli_usage_error("help", "no such command '%s'", a.pos[0]);
	cli_help(a.pos[0]);
	return 0;
}

static int cmd_version(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("version", argc, argv, 0, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("version");
		return 0;
	}
	printf("archgate %s\n", AG_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	/* Global options before the command: --dir, --version, --help. */
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			printf("archgate %s\n", AG_VERSION);
			return 0;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			main_help(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--dir") && i + 1 < argc) {
			setenv("ARCHGATE_DIR", argv[++i], 1);
		} else if (!strncmp(argv[i], "--dir=", 6)) {
			setenv("ARCHGATE_DIR", argv[i] + 6, 1);
		} else {
			fprintf(stderr, "archgate: unknown option '%s'\n", argv[i]);
			main_help(stderr);
			return AG_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		main_help(stderr);
		return AG_EXIT_USAGE;
	}
	const struct cli_cmd *c = find_command(argv[i]);
	if (!c) {
		const char *names[NCOMMANDS];
		for (size_t k = 0; k < NCOMMANDS; k++)
			names[k] = commands[k].name;
		const char *hint = ag_did_you_mean(argv[i], strlen(argv[i]), names, NCOMMANDS);
		fprintf(stderr, "archgate: '%s' is not an archgate command", argv[i]);
		if (hint)
			fprintf(stderr, "; did you mean '%s'?", hint);
		fprintf(stderr, "\n(see 'archgate --help')\n");
		return AG_EXIT_USAGE;
	}
	return c->fn(argc - i, argv + i);
}
