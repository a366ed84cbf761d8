/*
 * cmd_init.c - `archgate init [DIR] [--example]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/fsutil.h"
#include "cli.h"
#include "discover/discover.h"
#include "model/templates.h"

static const char *const init_usage[] = {
	"archgate init [DIR] [--dry-run] [--no-discover | --example | --red-flags]", "",
	"Create an arch/ folder in DIR (default: the current folder) with the",
	"seed's defaults: a policy with the sign-off roles Lead Backend, Lead",
	"Mobile and DevOps, a model to fill in, the seed's tech radar and a first",
	"decision record. In a repository that already holds something, init",
	"first discovers it: compose services, Kubernetes workloads and",
	"Dockerfiles become containers (with their tech from the radar catalog and",
	"their owners from CODEOWNERS), depends_on becomes relations, existing",
	"decision records are referenced where they are, and SLO files, API specs",
	"and event logs are listed. Every discovered element is a draft marked",
	"`discovered: FILE:LINE` until a person confirms it. With --example, lay",
	"down a complete worked example (a web shop with 8 containers) that passes",
	"every gate. Never overwrites an existing file: if any file would be",
	"replaced, nothing is written. --dry-run prints what would be written.", "",
	"Examples:",
	"  archgate init",
	"  archgate init --dry-run | less",
	"  archgate init --example /tmp/demo && cd /tmp/demo && archgate check", NULL};

enum { INIT_EXAMPLE, INIT_RED_FLAGS, INIT_DRY_RUN, INIT_NO_DISCOVER };
static const struct cli_option init_options[] = {
	[INIT_EXAMPLE] = CLI_FLAG("example", "the worked example instead of the minimal skeleton"),
	[INIT_RED_FLAGS] = CLI_FLAG("red-flags", "an example that trips every red flag (Phase 1 "
				    "reopened)"),
	[INIT_DRY_RUN] = CLI_FLAG("dry-run", "print the files init would write; write nothing"),
	[INIT_NO_DISCOVER] = CLI_FLAG("no-discover", "the minimal skeleton, without looking at "
				      "what the repository holds"),
};

/* What discovery found, in a few lines. */
static void print_discovery(const struct ag_discovery *x)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_printf(&b, "discovered %zu container%s and %zu relation%s", x->nc,
		      x->nc == 1 ? "" : "s", x->nr, x->nr == 1 ? "" : "s");
	if (x->codeowners) {
		ag_buf_adds(&b, " (owners from ");
		ag_buf_text(&b, x->codeowners);
		ag_buf_addc(&b, ')');
	}
	ag_buf_addc(&b, '\n');
	for (size_t i = 0; i < x->nc; i++) {
		ag_buf_adds(&b, "  ");
		ag_buf_text(&b, x->c[i].id);
		ag_buf_printf(&b, " (%s) from ", x->c[i].kind);
		ag_buf_text(&b, x->c[i].from);
		ag_buf_addc(&b, '\n');
	}
	if (x->decisions) {
		ag_buf_printf(&b, "decision records: %zu in ", x->nrecords);
		ag_buf_text(&b, x->decisions);
		if (x->decisions_how) {
			ag_buf_adds(&b, " (");
			ag_buf_text(&b, x->decisions_how);
			ag_buf_addc(&b, ')');
		}
		ag_buf_adds(&b, ", referenced where they are\n");
	}
	ag_buf_printf(&b, "SLO files: %zu, API specs: %zu, event logs: %zu\n", x->slos.n,
		      x->openapi.n, x->events.n);
	if (x->truncated)
		ag_buf_printf(&b, "(discovery stopped after %d entries)\n", AG_DISCOVER_MAX_ENTRIES);
	if (!b.err)
		fputs(b.data, stdout);
	ag_buf_release(&b);
}

/* --dry-run: each file with a header, nothing written. */
static void print_files(const char *dest, const struct ag_init_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *p = ag_path_join(dest, f[i].rel);
		printf("%s==> %s <==\n", i ? "\n" : "", p ? p : f[i].rel);
		fwrite(f[i].data, 1, f[i].len, stdout);
		free(p);
	}
}

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
	if (c->opt[INIT_NO_DISCOVER] && (c->opt[INIT_EXAMPLE] || c->opt[INIT_RED_FLAGS]))
		return cli_usage_error(c, "--no-discover is for the minimal skeleton; the examples "
				       "never discover");
	const char *set = c->opt[INIT_EXAMPLE] ? "example" : c->opt[INIT_RED_FLAGS] ? "redflags"
										    : "minimal";
	bool dry = c->opt[INIT_DRY_RUN] != NULL;
	struct ag_diags created, errors;
	ag_diags_init(&created);
	ag_diags_init(&errors);
	created.max = 10000;
	struct ag_init_file *files = NULL;
	size_t nfiles = 0;
	struct ag_discovery x;
	bool discovered = false;
	int rc = 0;
	if (!strcmp(set, "minimal") && !c->opt[INIT_NO_DISCOVER] && !stat(dest, &st)) {
		rc = ag_discover(dest, &x, &errors);
		discovered = !rc;
		if (!rc && ag_discovery_any(&x)) {
			char *real = realpath(dest, NULL);
			const char *base = real && strrchr(real, '/') && strrchr(real, '/')[1]
						   ? strrchr(real, '/') + 1 : "My System";
			rc = ag_discovery_init_files(&x, base, &files, &nfiles);
			free(real);
			if (!rc)
				print_discovery(&x);
		}
	}
	if (!rc && !files)
		rc = ag_template_files(set, &files, &nfiles);
	if (!rc && dry)
		print_files(dest, files, nfiles);
	else if (!rc)
		rc = ag_init_files(dest, files, nfiles, &created, &errors);
	cli_print_diags(&errors, false);
	bool said = ag_diags_count(&errors, AG_SEV_ERROR) > 0;
	for (size_t i = 0; i < created.n; i++)
		printf("created %s\n", created.v[i].file);
	if (!rc && !dry)
		print_next(dest);
	free(files);
	if (discovered)
		ag_discovery_release(&x);
	ag_diags_release(&created);
	ag_diags_release(&errors);
	if (rc == AG_ENOENT)
		fprintf(stderr, "archgate init: this build has no '%s' templates\n", set);
	else if (rc && !said)
		fprintf(stderr, "archgate init: %s\n", ag_strerror(rc));
	return rc ? AG_EXIT_USAGE : AG_EXIT_OK;
}

const struct cli_command cli_cmd_init = {
	.name = "init", .summary = "Lay down an arch/ folder (or the worked example)",
	.usage = init_usage, CLI_OPTIONS(init_options), .run = run_init,
};
