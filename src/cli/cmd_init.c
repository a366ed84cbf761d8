/*
 * cmd_init.c - `archgate init [DIR] [--example]`.
 */
#include <stdio.h>
#include <sys/stat.h>
#include "cli.h"
#include "model/templates.h"

static const char *const init_usage[] = {
	"archgate init [DIR] [--example | --red-flags]", "",
	"Create an arch/ folder in DIR (default: the current folder) with the",
	"seed's defaults: a policy with the sign-off roles Lead Backend, Lead",
	"Mobile and DevOps, a model to fill in, the seed's tech radar and a first",
	"decision record. With --example, lay down a complete worked example (a",
	"web shop with 8 containers) that passes every gate. Never overwrites an",
	"existing file: if any file would be replaced, nothing is written.", "",
	"Examples:",
	"  archgate init",
	"  archgate init --example /tmp/demo && cd /tmp/demo && archgate check", NULL};

enum { INIT_EXAMPLE, INIT_RED_FLAGS };
static const struct cli_option init_options[] = {
	[INIT_EXAMPLE] = CLI_FLAG("example", "the worked example instead of the minimal skeleton"),
	[INIT_RED_FLAGS] = CLI_FLAG("red-flags", "an example that trips every red flag (Phase 1 "
				    "reopened)"),
};

static int run_init(struct cli_ctx *c)
{
	if (c->npos > 1)
		return cli_usage_error(c, "expected at most one folder");
	const char *dest = c->npos ? c->pos[0] : ".";
	struct stat st;
	if (!stat(dest, &st) && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "archgate init: '%s' exists and is not a folder\n", dest);
		return AG_EXIT_USAGE;
	}
	if (c->opt[INIT_EXAMPLE] && c->opt[INIT_RED_FLAGS])
		return cli_usage_error(c, "--example and --red-flags lay down different examples; "
				       "pick one");
	const char *set = c->opt[INIT_EXAMPLE] ? "example" : c->opt[INIT_RED_FLAGS] ? "redflags"
										    : "minimal";
	struct ag_diags created, errors;
	int rc;
	ag_diags_init(&created);
	ag_diags_init(&errors);
	created.max = 10000;
	rc = ag_init(dest, set, &created, &errors);
	cli_print_diags(&errors, false);
	for (size_t i = 0; i < created.n; i++)
		printf("created %s\n", created.v[i].file);
	if (!rc)
		printf("\nNext: cd %s && archgate status\n", dest);
	ag_diags_release(&created);
	ag_diags_release(&errors);
	if (rc == AG_ENOENT)
		fprintf(stderr, "archgate init: this build has no '%s' templates\n", set);
	return rc ? AG_EXIT_USAGE : AG_EXIT_OK;
}

const struct cli_command cli_cmd_init = {
	.name = "init", .summary = "Lay down an arch/ folder (or the worked example)",
	.usage = init_usage, CLI_OPTIONS(init_options), .run = run_init,
};
