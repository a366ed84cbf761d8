/*
 * cmd_init.c - `archgate init [DIR] [--example]`.
 */
#include <stdio.h>
#include <sys/stat.h>
#include "cli.h"
#include "model/templates.h"

const char *const usage_init[] = {
	"archgate init [DIR] [--example | --red-flags]", "",
	"Create an arch/ folder in DIR (default: the current folder) with the",
	"seed's defaults: a policy with the sign-off roles Lead Backend, Lead",
	"Mobile and DevOps, a model to fill in, the seed's tech radar and a first",
	"decision record. With --example, lay down a complete worked example (a",
	"web shop with 8 containers) that passes every gate. Never overwrites an",
	"existing file: if any file would be replaced, nothing is written.", "",
	"Options:",
	"  --example      the worked example instead of the minimal skeleton",
	"  --red-flags    an example that trips every red flag (Phase 1 reopened)", "",
	"Examples:",
	"  archgate init",
	"  archgate init --example /tmp/demo && cd /tmp/demo && archgate check", NULL};

int cmd_init(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("init", argc, argv, 1u << OPT_EXAMPLE | 1u << OPT_RED_FLAGS, &a);
	if (rc)
		return rc;
	if (a.val[OPT_HELP]) {
		cli_help("init");
		return 0;
	}
	if (a.npos > 1)
		return cli_usage_error("init", "expected at most one folder");
	const char *dest = a.npos ? a.pos[0] : ".";
	struct stat st;
	if (!stat(dest, &st) && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "archgate init: '%s' exists and is not a folder\n", dest);
		return AG_EXIT_USAGE;
	}
	if (a.val[OPT_EXAMPLE] && a.val[OPT_RED_FLAGS])
		return cli_usage_error("init", "--example and --red-flags lay down different examples; "
				       "pick one");
	const char *set = a.val[OPT_EXAMPLE] ? "example" : a.val[OPT_RED_FLAGS] ? "redflags"
										 : "minimal";
	struct ag_diags created, errors;
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
