/*
 * cmd_init.c - `archgate init [DIR] [--example]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "cli.h"
#include "discover/discover.h"
#include "init_ask.h"
#include "model/example_log.h"
#include "model/templates.h"
#include "rules/rules.h"

static const char *const init_usage[] = {
	"archgate init [DIR] [--dry-run] [--no-discover | --example | --red-flags]",
	"              [--no-input] [--users N] [--latency CLASS] [--p99 MS]",
	"              [--availability PCT] [--compliance LIST] [--style STYLE]", "",
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
	"down a complete worked example (a web shop with 8 containers, and the",
	"Checkout API's request log of the seven days before today for its error",
	"budget) that passes every gate. Never overwrites an existing file: if any file would be",
	"replaced, nothing is written. --dry-run prints what would be written.", "",
	"On a terminal, init then asks the seed's Phase 1 questions in order -",
	"scale, latency, compliance, availability, buy vs build for each",
	"capability, monolith or microservices - with a summary before writing",
	"('<' goes back, '?' explains). Off a terminal (CI) it never asks: the",
	"answers come from the flags, and what no flag answers stays a question",
	"in system.yaml. --no-input skips the questions on a terminal too.", "",
	"Examples:",
	"  archgate init",
	"  archgate init --dry-run | less",
	"  archgate init --users 50000 --latency interactive --p99 300 --compliance GDPR",
	"  archgate init --example /tmp/demo && cd /tmp/demo && archgate check", NULL};

enum { INIT_EXAMPLE, INIT_RED_FLAGS, INIT_DRY_RUN, INIT_NO_DISCOVER, INIT_NO_INPUT, INIT_USERS,
       INIT_LATENCY, INIT_P99, INIT_AVAILABILITY, INIT_COMPLIANCE, INIT_STYLE };
static const struct cli_option init_options[] = {
	[INIT_EXAMPLE] = CLI_FLAG("example", "the worked example instead of the minimal skeleton"),
	[INIT_RED_FLAGS] = CLI_FLAG("red-flags", "an example that trips every red flag (Phase 1 "
				    "reopened)"),
	[INIT_DRY_RUN] = CLI_FLAG("dry-run", "print the files init would write; write nothing"),
	[INIT_NO_DISCOVER] = CLI_FLAG("no-discover", "the minimal skeleton, without looking at "
				      "what the repository holds"),
	[INIT_NO_INPUT] = CLI_FLAG("no-input", "never ask, even on a terminal"),
	[INIT_USERS] = CLI_VALUE("users", "N", "how many users the system must serve"),
	[INIT_LATENCY] = CLI_VALUE("latency", "CLASS", "realtime, interactive or batch"),
	[INIT_P99] = CLI_VALUE("p99", "MS", "the p99 response-time target in milliseconds"),
	[INIT_AVAILABILITY] = CLI_VALUE("availability", "PCT", "the availability target, e.g. "
					"99.9"),
	[INIT_COMPLIANCE] = CLI_VALUE("compliance", "LIST", "the regimes that apply, "
				      "comma-separated (HIPAA,GDPR,PCI-DSS), or none"),
	[INIT_STYLE] = CLI_VALUE("style", "STYLE", "monolith, modular-monolith, microservices or "
				 "serverless"),
};

/* The Phase 1 answers given as flags; a usage error for a bad one. */
static int phase1_flags(struct cli_ctx *c, struct ag_phase1 *a, struct ag_arena *arena)
{
	const char *v;
	char *end;
	if ((v = c->opt[INIT_USERS])) {
		a->users = strtoll(v, &end, 10);
		if (*end || a->users <= 0)
			return cli_usage_error(c, "--users takes a positive number, not '%s'", v);
	}
	if ((v = c->opt[INIT_LATENCY])) {
		static const char *const classes[] = {"realtime", "interactive", "batch", NULL};
		for (size_t i = 0; classes[i] && !a->latency; i++)
			if (!strcmp(v, classes[i]))
				a->latency = classes[i];
		if (!a->latency)
			return cli_usage_error(c, "--latency is realtime, interactive or batch, not "
					       "'%s'", v);
	}
	if ((v = c->opt[INIT_P99])) {
		a->p99_ms = strtoll(v, &end, 10);
		if (*end || a->p99_ms <= 0)
			return cli_usage_error(c, "--p99 takes milliseconds, not '%s'", v);
	}
	if ((v = c->opt[INIT_AVAILABILITY])) {
		a->availability = strtod(v, &end);
		if (*end || !(a->availability > 0 && a->availability < 100))
			return cli_usage_error(c, "--availability is a percentage below 100, not "
					       "'%s'", v);
	}
	if ((v = c->opt[INIT_COMPLIANCE])) {
		a->compliance_set = true;
		for (const char *s = v; *s && strcmp(v, "none");) {
			const char *e = strchr(s, ',');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
					return cli_usage_error(c, "--compliance: a control character "
							       "in '%s'", v);
			if (n && a->ncompliance == AG_PHASE1_MAX_COMPLIANCE)
				return cli_usage_error(c, "--compliance: at most %d regimes",
						       AG_PHASE1_MAX_COMPLIANCE);
			if (n && !(a->compliance[a->ncompliance++] = ag_arena_strndup(arena, s, n)))
				return AG_EXIT_USAGE;
			s += n + (e != NULL);
		}
	}
	if ((v = c->opt[INIT_STYLE])) {
		static const char *const styles[] = {"monolith", "modular-monolith", "microservices",
						     "serverless", NULL};
		for (size_t i = 0; styles[i] && !a->style; i++)
			if (!strcmp(v, styles[i]))
				a->style = styles[i];
		if (!a->style)
			return cli_usage_error(c, "--style is monolith, modular-monolith, microservices "
					       "or serverless, not '%s'", v);
	}
	return 0;
}

/* Whether DEST/arch exists (init will refuse to write over it). */
static bool arch_there(const char *dest)
{
	char *p = ag_path_join(dest, "arch");
	struct stat st;
	bool there = p && !lstat(p, &st);
	free(p);
	return there;
}

/* What discovery found, in a few lines. */
static void print_discovery(const struct ag_discovery *x)
{
	struct ag_buf b = AG_BUF_INIT;
	if (x->nc)
		ag_buf_printf(&b, "discovered %zu container%s and %zu relation%s", x->nc,
			      x->nc == 1 ? "" : "s", x->nr, x->nr == 1 ? "" : "s");
	else
		ag_buf_adds(&b, "discovered no containers (no compose file, Kubernetes workload, "
			    "Dockerfile or application manifest at the root)");
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
			size_t flags = 0;
			for (size_t i = 0; i < res.findings.n; i++)
				flags += res.findings.v[i].rule->red_flag &&
					 ag_finding_blocks(&res.findings.v[i]);
			if (flags)
				printf("%zu red flag%s: the seed says STOP (archgate status lists "
				       "them). Adopting archgate where they already are? "
				       "'baseline: {red_flags: true}' in arch/archgate.yaml lets "
				       "archgate baseline record them.\n", flags,
				       flags == 1 ? "" : "s");
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
	struct ag_phase1 answers = {0};
	struct ag_arena aa; /* the answers' strings */
	ag_discovery_init(&x);
	ag_arena_init(&aa, (size_t)1 << 20);
	bool minimal = !strcmp(set, "minimal");
	int rc = 0;
	if (!minimal && (c->opt[INIT_USERS] || c->opt[INIT_LATENCY] || c->opt[INIT_P99] ||
			 c->opt[INIT_AVAILABILITY] || c->opt[INIT_COMPLIANCE] || c->opt[INIT_STYLE]))
		rc = cli_usage_error(c, "the Phase 1 answers are for the minimal skeleton; the "
				     "examples have their own");
	else if (minimal)
		rc = phase1_flags(c, &answers, &aa);
	if (rc) {
		ag_arena_release(&aa);
		return rc;
	}
	if (minimal && !c->opt[INIT_NO_DISCOVER] && !stat(dest, &st)) {
		rc = ag_discover(dest, &x, &errors);
		if (!rc && ag_discovery_any(&x))
			print_discovery(&x);
		else if (!rc && x.entries && !arch_there(dest)) /* a repository, nothing to draft */
			printf("discovered nothing to draft: no compose file, Kubernetes workload, "
			       "Dockerfile or application manifest at the root, no decision "
			       "records, SLO files, API specs, event logs or technologies the "
			       "radar knows (looked at %zu entr%s)\n", x.entries,
			       x.entries == 1 ? "y" : "ies");
	}
	bool stopped = false;
	if (!rc && minimal && !dry && !c->opt[INIT_NO_INPUT] && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		if (ag_discovery_any(&x))
			printf("\n");
		stopped = init_ask(&answers, &aa, &x, stdin, stdout) != 0;
	}
	if (!rc && !stopped && minimal && (ag_discovery_any(&x) || ag_phase1_any(&answers))) {
		char *real = realpath(dest, NULL);
		const char *base = real && strrchr(real, '/') && strrchr(real, '/')[1]
					   ? strrchr(real, '/') + 1 : "My System";
		rc = ag_discovery_init_files(&x, &answers, base, &files, &nfiles);
		free(real);
		if (!rc && x.proposed)
			printf("radar: %zu technolog%s the repository uses, proposed in ring assess "
			       "(evidence in comments)\n", x.proposed, x.proposed == 1 ? "y" : "ies");
	}
	if (stopped) {
		ag_discovery_release(&x);
		ag_arena_release(&aa);
		ag_diags_release(&created);
		ag_diags_release(&errors);
		return AG_EXIT_FAIL;
	}
	if (!rc && !files)
		rc = ag_template_files(set, &files, &nfiles);
	/* the example's request log, the seven days before today (ADR-0053) */
	struct ag_buf log = AG_BUF_INIT;
	if (!rc && !strcmp(set, "example")) {
		struct ag_init_file *nf = realloc(files, (nfiles + 1) * sizeof(*nf));
		rc = nf ? ag_example_log(&log, (long long)ag_today() * 86400) : AG_ENOMEM;
		if (nf)
			files = nf;
		if (!rc)
			files[nfiles++] = (struct ag_init_file){AG_EXAMPLE_LOG_PATH, log.data,
								 log.len};
	}
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
	ag_buf_release(&log);
	ag_discovery_release(&x);
	ag_arena_release(&aa);
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
