/*
 * cmd_init.c - `archgate init [DIR] [--example]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "base/fsutil.h"
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

/* What to do now: the first step `archgate next` names in the new folder
 * (none when the example passes every gate), then the command. */
static void print_next(const char *dest)
{
	char *arch = ag_path_join(dest, "arch");
	struct ag_model m;
	struct ag_diags d;
	struct ag_result res;
	ag_diags_init(&d);
	int rc = arch ? ag_model_load(&m, arch, &d) : AG_ENOMEM;
	if (arch) {
		if (!rc && !ag_check_run(&m, &(struct ag_check_opts){0}, &res)) {
			struct ag_next n;
			ag_next_step(&res, &n);
			if (n.step) /* the rule's title: archgate's own text */
				printf("\nFirst step (Phase %s): %s\n", n.step->phase,
				       n.step->rule->title);
		}
		if (!rc)
			ag_result_release(&res);
		ag_model_release(&m);
	}
	ag_diags_release(&d);
	free(arch);
	printf("\nNext: cd %s && archgate status   (archgate next says what to do)\n", dest);
}

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
		print_next(dest);
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
