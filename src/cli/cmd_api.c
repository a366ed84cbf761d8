/*
 * cmd_api.c - `archgate api lint`: OpenAPI and Swagger specs checked by the
 * api-* rules (ADR-0032), printed by the same report writers as `check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/buf.h"
#include "base/fsutil.h"
#include "api/api_lint.h"
#include "cli.h"
#include "rules/rules_api.h"

static const char *const api_usage[] = {
	"archgate api <lint> [SPEC...]", "",
	"Standard interfaces, from the specs: OpenAPI 3.0, 3.1 and 3.2 and Swagger",
	"2.0 documents in YAML or JSON. See docs/api.md.", "",
	"Example:",
	"  archgate api lint services/checkout/openapi.yaml", NULL};

static const char *const lint_usage[] = {
	"archgate api lint [SPEC...] [--format FMT] [--root DIR]", "",
	"Check API specs (OpenAPI 3.0/3.1/3.2, Swagger 2.0; YAML or JSON) against",
	"the api-* rules: every operation declares a 4xx and a 5xx (or default)",
	"response, only registered status codes, RFC 9457 application/problem+json",
	"error bodies, unique operationIds, declared path parameters, servers, no",
	"unused components, and every $ref resolves. $refs are followed within the",
	"spec and to relative files inside --root (default: the repository of the",
	"arch folder, else the git work tree, else the current folder), never to",
	"the network; findings are at file:line:col of the node, also through a",
	"$ref.",
	"",
	"Without SPEC, the specs the model names: a container's openapi: key, and",
	"the files the glob patterns of api.specs in archgate.yaml match.",
	"An exception goes in the spec, on the node or one above it:",
	"  x-archgate-ignore: [{rule: api-servers, reason: WHY, expires: YYYY-MM-DD}]",
	"An expired one is an error (today is $ARCHGATE_TODAY, else the clock).",
	"Rule severities come from arch/archgate.yaml like every rule's.",
	"Exit 0 when no error finding remains, 1 when one does, 2 when a spec",
	"cannot be read or is not OpenAPI (file:line:col: error: ...).", "",
	"Examples:",
	"  archgate api lint openapi.yaml",
	"  archgate api lint --format sarif api/*.json > api.sarif",
	"  archgate api lint            # the specs named in arch/system.yaml", NULL};

enum { LINT_ROOT };
static const struct cli_option lint_options[] = {
	[LINT_ROOT] = CLI_VALUE("root", "DIR", "the folder cross-file $refs must stay inside"),
};

/* The git work tree the current folder is in (a parent with .git), else the
 * current folder: the default root when there is no arch folder. */
static void work_tree(char out[4096])
{
	if (!getcwd(out, 4096)) {
		ag_snprintf(out, 4096, ".");
		return;
	}
	char probe[4096];
	size_t n = strlen(out);
	for (;;) {
		ag_snprintf(probe, sizeof(probe), "%.*s/.git", (int)n, out);
		if (ag_exists(probe)) {
			out[n ? n : 1] = '\0';
			return;
		}
		while (n > 0 && out[n - 1] != '/')
			n--;
		if (n <= 1)
			break;
		n--; /* drop the slash */
	}
	if (!getcwd(out, 4096))
		ag_snprintf(out, 4096, ".");
}

static int api_lint(struct cli_ctx *c)
{
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	char cwd_root[4096];
	const char *root = c->opt[LINT_ROOT] ? c->opt[LINT_ROOT] : m && m->root ? m->root : NULL;
	if (!root) {
		work_tree(cwd_root);
		root = cwd_root;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	d.max = 1000;
	struct ag_api_set s;
	if (ag_api_set_init(&s, root, &d)) {
		ag_diags_release(&d);
		return cli_usage_error(c, "cannot use '%s' as the root folder", root);
	}
	int nspecs = 0;
	rc = 0;
	if (c->npos) {
		for (int i = 0; i < c->npos && rc != AG_ENOMEM; i++) {
			size_t doc;
			rc = ag_api_add(&s, c->pos[i], c->pos[i], &doc);
			nspecs++;
		}
	} else if (m) {
		rc = nspecs = ag_api_model_specs(m, &s);
	}
	if (!nspecs && rc != AG_ENOMEM) {
		bool bad = ag_diags_count(&d, AG_SEV_ERROR) > 0;
		cli_print_diags(&d, cli_color_stderr(c));
		ag_api_set_release(&s);
		ag_diags_release(&d);
		if (bad)
			return AG_EXIT_USAGE;
		return cli_usage_error(c, "no SPEC given, and the model names none (a "
				       "container's openapi:, or api.specs in archgate.yaml)");
	}
	struct ag_api_result ar = {0};
	struct ag_api_lint_opts o = {ag_today()};
	if (rc != AG_ENOMEM)
		rc = ag_api_lint(&s, &o, &ar);
	struct ag_result res = {0};
	struct ag_waiver *wv = NULL;
	if (rc != AG_ENOMEM) {
		wv = calloc(ar.nignores + 1, sizeof(*wv));
		rc = wv ? ag_api_result_to_check(m ? &m->policy : NULL, &ar, wv, &res) : AG_ENOMEM;
	}
	cli_print_diags(&d, cli_color_stderr(c));
	if (ar.dropped)
		fprintf(stderr, "archgate %s: warning: %zu more findings not shown (archgate keeps "
			"%zu per run)\n", c->name, ar.dropped, AG_API_MAX_FINDINGS);
	if (ar.examples_unchecked)
		fprintf(stderr, "archgate %s: warning: %zu examples not checked against their "
			"schemas (the %zu schema steps of a run are spent)\n", c->name,
			ar.examples_unchecked, AG_API_EXAMPLE_STEPS);
	bool bad_input = ag_diags_count(&d, AG_SEV_ERROR) > 0 || d.dropped;
	int code;
	if (rc == AG_ENOMEM) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		code = AG_EXIT_USAGE;
	} else if (bad_input) {
		/* a spec that could not be read: no report that looks complete */
		code = AG_EXIT_USAGE;
	} else {
		struct ag_buf out = AG_BUF_INIT;
		struct ag_report_opts ro = {cli_color(c), AG_VERSION};
		/* the text report's "no decision records" remark is about check */
		rc = ag_report_check(&out, c->format, c->format == AG_FMT_JUNIT ? m : NULL, &res,
				     &ro);
		code = cli_output(c, &out, rc);
		if (code == AG_EXIT_OK && res.errors)
			code = AG_EXIT_FAIL;
	}
	ag_result_release(&res);
	free(wv);
	ag_api_result_release(&ar);
	ag_api_set_release(&s);
	ag_diags_release(&d);
	return code;
}

static const struct cli_command api_lint_cmd = {
	.name = "lint", .summary = "Check OpenAPI/Swagger specs against the api-* rules",
	.usage = lint_usage, CLI_OPTIONS(lint_options), .formats = CLI_ALL_FORMATS,
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_POLICY | AG_LOAD_SYSTEM, .run = api_lint,
};

const struct cli_command cli_cmd_api = {
	.name = "api", .summary = "API specs: lint OpenAPI and Swagger against the standards",
	.usage = api_usage, .subs = CLI_SUBS(&api_lint_cmd),
};
