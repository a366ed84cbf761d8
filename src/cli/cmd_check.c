/*
 * cmd_check.c - `archgate check` and `archgate status`: run the rules and
 * show the result as findings or as the four-phase board.
 */
#include <stdio.h>
#include <string.h>
#include "base/fsutil.h"
#include "cli.h"
#include "rules/baseline.h"

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

static const char *const next_usage[] = {
	"archgate next [--format FMT] [--dir DIR]", "",
	"The one next step: the first thing that blocks the current phase (a red",
	"flag first, when one reopened Phase 1), in the seed's words: what, where",
	"(file:line), why and what to do, then how many steps the phase has left.",
	"Exit 0 when every phase is complete, 1 otherwise.", "",
	"Example:",
	"  archgate next",
	"  archgate next --format json | jq -r .step.finding.file", NULL};

enum { RUN_CHECK, RUN_STATUS, RUN_NEXT };

/* arg: RUN_STATUS for the board, RUN_NEXT for the next step, RUN_CHECK for
 * the findings. */
static int run(struct cli_ctx *c)
{
	bool status = c->cmd->arg != RUN_CHECK;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	struct ag_check_opts opts = {.max_phase = status ? NULL : c->opt[CHECK_PHASE]};
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
	rc = c->cmd->arg == RUN_NEXT	 ? ag_report_next(&out, c->format, &res, &ro)
	     : c->cmd->arg == RUN_STATUS ? ag_report_status(&out, c->format, m, &res, &ro)
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
	.usage = status_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run, .arg = RUN_STATUS,
};

const struct cli_command cli_cmd_next = {
	.name = "next", .summary = "The one next step of the current phase, and what to do",
	.usage = next_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = run, .arg = RUN_NEXT,
};

/* ---- baseline ------------------------------------------------------------------------- */

static const char *const baseline_usage[] = {
	"archgate baseline [--accept-new] [--dir DIR]",
	"archgate baseline --stats [--format FMT] [--dir DIR]", "",
	"Record today's findings in arch/baseline.json, so that `check`, `status`",
	"and the gates fail only on findings that are not in it and report the",
	"known ones as such (\"N known\"; SARIF baselineState). A baseline only",
	"shrinks: run again and the findings fixed since leave it; new findings",
	"join it only with --accept-new (the diff of the file shows them). Red",
	"flags are never baselined (the seed says STOP) unless the policy's",
	"baseline.red_flags allows it. --stats shows how the baseline has shrunk",
	"over git history: the known findings after each commit that changed it.", "",
	"Examples:",
	"  archgate baseline && git add arch/baseline.json",
	"  archgate baseline --accept-new",
	"  archgate baseline --stats --format json | jq .history[0]", NULL};

enum { BASELINE_ACCEPT, BASELINE_STATS };
static const struct cli_option baseline_options[] = {
	[BASELINE_ACCEPT] = CLI_FLAG("accept-new", "add findings that are not in the baseline yet"),
	[BASELINE_STATS] = CLI_FLAG("stats", "how the baseline shrank over git history (writes "
				    "nothing)"),
};

/* `archgate baseline --stats`. */
static int baseline_stats(struct cli_ctx *c, const struct ag_model *m, const char *path,
			  const char *name)
{
	struct ag_baseline_history h;
	char rel[4096];
	ag_snprintf(rel, sizeof(rel), "%s/%s", m->arch_rel, AG_BASELINE_FILE);
	int rc = ag_baseline_history(m->root, rel, &h);
	if (rc) {
		fprintf(stderr, "archgate %s: %s\n", c->name,
			rc == AG_EINVAL ? "no git history here: --stats reads the baseline's "
					  "commits (git log)"
					: ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	/* the working tree's version, when it differs from the last commit */
	struct ag_baseline now;
	struct ag_diags d;
	ag_diags_init(&d);
	long current = ag_baseline_load(path, name, &now, &d) ? -1
		       : now.present ? (long)now.n : 0;
	ag_baseline_release(&now);
	ag_diags_release(&d);
	long first = h.n ? h.v[h.n - 1].known : current;
	struct ag_buf out = AG_BUF_INIT;
	if (c->format == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, &out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_int(&w, "version", 1);
		ag_json_kv_str(&w, "file", name);
		ag_json_kv_int(&w, "known", current);
		ag_json_key(&w, "history");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < h.n; i++) {
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "commit", h.v[i].commit);
			ag_json_kv_str(&w, "date", h.v[i].date);
			ag_json_kv_int(&w, "known", h.v[i].known);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_kv_bool(&w, "truncated", h.truncated);
		ag_json_end_object(&w);
		if (!ag_json_finish(&w))
			ag_buf_addc(&out, '\n');
	} else if (!h.n) {
		ag_buf_printf(&out, "%s has no commits yet (git log -- %s is empty)", name, name);
		if (current >= 0)
			ag_buf_printf(&out, "; it holds %ld known finding%s now", current,
				      current == 1 ? "" : "s");
		ag_buf_addc(&out, '\n');
	} else {
		ag_buf_printf(&out, "%s over git history, newest first:\n", name);
		if (current != h.v[0].known)
			ag_buf_printf(&out, "  %-10s  %-12s  %5ld known\n", "now", "(not committed)",
				      current);
		for (size_t i = 0; i < h.n; i++) {
			const struct ag_baseline_version *v = &h.v[i];
			ag_buf_printf(&out, "  %s  %.12s  ", v->date, v->commit);
			if (v->known < 0)
				ag_buf_adds(&out, "  not a baseline archgate can read");
			else
				ag_buf_printf(&out, "%5ld known", v->known);
			long before = i + 1 < h.n ? h.v[i + 1].known : -1;
			if (v->known >= 0 && before >= 0 && v->known != before)
				ag_buf_printf(&out, "  (%+ld)", v->known - before);
			if (i + 1 == h.n)
				ag_buf_adds(&out, "  first");
			ag_buf_addc(&out, '\n');
		}
		if (h.truncated)
			ag_buf_printf(&out, "  ... (only the newest %d commits)\n",
				      AG_BASELINE_HISTORY_MAX);
		if (first > 0 && current >= 0)
			ag_buf_printf(&out, "%ld of %ld known findings paid down (%ld%%) in %zu "
				      "commit%s\n", first - current, first,
				      (first - current) * 100 / first, h.n, h.n == 1 ? "" : "s");
	}
	ag_baseline_history_release(&h);
	rc = cli_write(&out);
	ag_buf_release(&out);
	return rc;
}

static int baseline(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	if (c->opt[BASELINE_STATS] && c->opt[BASELINE_ACCEPT])
		return cli_usage_error(c, "--stats writes nothing; --accept-new is for writing");
	if (!c->opt[BASELINE_STATS] && c->format != AG_FMT_TEXT)
		return cli_usage_error(c, "--format applies to --stats");
	char path[4096], name[4096];
	ag_snprintf(name, sizeof(name), "%s/%s", m->arch_rel, AG_BASELINE_FILE);
	if (ag_snprintf(path, sizeof(path), "%s/%s", m->arch_dir, AG_BASELINE_FILE) + 1 >=
	    sizeof(path)) {
		fprintf(stderr, "archgate %s: the arch folder's path is too long\n", c->name);
		return AG_EXIT_USAGE;
	}
	if (c->opt[BASELINE_STATS])
		return baseline_stats(c, m, path, name);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_baseline old;
	rc = ag_baseline_load(path, name, &old, &d);
	if (rc) {
		cli_print_diags(&d, cli_color(c));
		ag_diags_release(&d);
		fprintf(stderr, "archgate %s: %s is not a baseline archgate can read; it is "
			"left as it is (restore it from git, or move it away to start a new "
			"one)\n", c->name, name);
		return AG_EXIT_USAGE;
	}
	ag_diags_release(&d);
	struct ag_check_opts opts = {.no_baseline = true};
	struct ag_result res;
	struct ag_buf out = AG_BUF_INIT;
	struct ag_baseline_diff diff;
	rc = ag_check_run(m, &opts, &res);
	if (!rc)
		rc = ag_baseline_write(&out, &res, &old, c->opt[BASELINE_ACCEPT] != NULL, &diff);
	if (!rc)
		rc = old.present ? ag_write_replace(path, out.data, out.len)
				 : ag_write_new(path, out.data, out.len);
	int code = AG_EXIT_OK;
	if (rc) {
		fprintf(stderr, "archgate %s: cannot write %s: %s\n", c->name, path,
			ag_strerror(rc));
		code = AG_EXIT_USAGE;
	} else {
		size_t n = diff.kept + diff.added;
		printf("%s/%s: %zu known finding%s", m->arch_rel, AG_BASELINE_FILE, n,
		       n == 1 ? "" : "s");
		if (old.present)
			printf(" (%zu fixed and dropped, %zu added)", diff.fixed, diff.added);
		printf("\n");
		if (diff.new_left_out)
			printf("%zu new finding%s left out: fix %s, or run 'archgate baseline "
			       "--accept-new' to add %s\n", diff.new_left_out,
			       diff.new_left_out == 1 ? "" : "s",
			       diff.new_left_out == 1 ? "it" : "them",
			       diff.new_left_out == 1 ? "it" : "them");
		if (diff.red_flags_known)
			printf("%zu red flag%s baselined because policy allows it "
			       "(baseline.red_flags in %s/archgate.yaml); the seed says STOP\n",
			       diff.red_flags_known, diff.red_flags_known == 1 ? " is" : "s are",
			       m->arch_rel);
		if (diff.red_flags)
			printf("%zu red flag%s never baselined: the seed says STOP\n", diff.red_flags,
			       diff.red_flags == 1 ? " is" : "s are");
	}
	ag_buf_release(&out);
	ag_result_release(&res);
	ag_baseline_release(&old);
	return code;
}

const struct cli_command cli_cmd_baseline = {
	.name = "baseline", .summary = "Record today's findings as known; check fails only on new ones",
	.usage = baseline_usage, CLI_OPTIONS(baseline_options), .formats = CLI_TEXT_JSON,
	CLI_MODEL, .run = baseline,
};
