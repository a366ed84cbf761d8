/*
 * cmd_api.c - `archgate api lint`: OpenAPI and Swagger specs checked by the
 * api-* rules (ADR-0032), printed by the same report writers as `check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/array.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include <sys/stat.h>
#include "api/api_diff.h"
#include "api/api_lint.h"
#include "api/api_ruleset.h"
#include "base/json.h"
#include "cli.h"
#include "history/git.h"
#include "rules/baseline.h"
#include "rules/rules_api.h"

static const char *const api_usage[] = {
	"archgate api <lint|diff> [SPEC...]", "",
	"Standard interfaces, from the specs: OpenAPI 3.0, 3.1 and 3.2 and Swagger",
	"2.0 documents in YAML or JSON. See docs/api.md.", "",
	"Example:",
	"  archgate api lint services/checkout/openapi.yaml",
	"  archgate api diff --base origin/main services/checkout/openapi.yaml", NULL};

static const char *const lint_usage[] = {
	"archgate api lint [SPEC...] [--format FMT] [--root DIR]",
	"archgate api lint [SPEC...] [--baseline FILE | --write-baseline FILE] [--since REF]", "",
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
	"--write-baseline FILE records today's findings; --baseline FILE then",
	"shows them as known and fails only on new ones (fingerprints as in",
	"arch/baseline.json: rule, file, message, not the line). --since REF",
	"reports only findings on lines changed since the git revision REF (a",
	"spec not in REF is all new). A Spectral ruleset (.spectral.yaml here or",
	"at the root, or --ruleset FILE) sets the severities of the rules it",
	"names that archgate has (path-params: off, oas3-api-servers: error...);",
	"custom rules and overrides are listed as not applied.",
	"Exit 0 when no error finding remains, 1 when one does, 2 when a spec",
	"cannot be read or is not OpenAPI (file:line:col: error: ...).", "",
	"Examples:",
	"  archgate api lint openapi.yaml",
	"  archgate api lint --format sarif api/*.json > api.sarif",
	"  archgate api lint            # the specs named in arch/system.yaml",
	"  archgate api lint --since origin/main openapi.yaml",
	"  archgate api lint --baseline api-baseline.json openapi.yaml", NULL};

enum { LINT_ROOT, LINT_BASELINE, LINT_WRITE_BASELINE, LINT_SINCE, LINT_RULESET, LINT_NO_RULESET };
static const struct cli_option lint_options[] = {
	[LINT_ROOT] = CLI_VALUE("root", "DIR", "the folder cross-file $refs must stay inside"),
	[LINT_BASELINE] = CLI_VALUE("baseline", "FILE", "findings in FILE are known, not failures"),
	[LINT_WRITE_BASELINE] = CLI_VALUE("write-baseline", "FILE",
					  "record today's findings in FILE and exit 0"),
	[LINT_SINCE] = CLI_VALUE("since", "REF", "only findings on lines changed since REF"),
	[LINT_RULESET] = CLI_VALUE("ruleset", "FILE",
				   "a Spectral ruleset whose severities apply (default: "
				   ".spectral.yaml, .yml or .json here or at the root)"),
	[LINT_NO_RULESET] = CLI_FLAG("no-ruleset", "ignore any .spectral.yaml"),
};

/* ---- a Spectral ruleset's severities ----------------------------------------------------- */

/* The ruleset file to read: --ruleset, else .spectral.* in the current
 * folder, else at `root`; NULL when none (or --no-ruleset). */
static const char *find_ruleset(struct cli_ctx *c, const char *root, char *buf, size_t cap)
{
	if (c->opt[LINT_NO_RULESET])
		return NULL;
	if (c->opt[LINT_RULESET])
		return c->opt[LINT_RULESET];
	static const char *const names[] = {".spectral.yaml", ".spectral.yml", ".spectral.json"};
	for (int where = 0; where < 2; where++)
		for (size_t i = 0; i < 3; i++) {
			if (where == 0)
				ag_snprintf(buf, cap, "%s", names[i]);
			else if (root)
				ag_snprintf(buf, cap, "%s/%s", root, names[i]);
			else
				continue;
			if (ag_exists(buf))
				return buf;
		}
	return NULL;
}

/* `file` (relative to folder `base`) relative to the folder of the ruleset
 * at `rpath`, into out; false when it is not inside it. */
static bool rel_to_ruleset(const char *rpath, const char *base, const char *file, char *out,
			   size_t cap)
{
	char dir[4096];
	ag_snprintf(dir, sizeof(dir), "%s", rpath);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		ag_snprintf(dir, sizeof(dir), ".");
	char full[8192];
	if (file[0] == '/')
		ag_snprintf(full, sizeof(full), "%s", file);
	else
		ag_snprintf(full, sizeof(full), "%s/%s", base, file);
	char *rd = realpath(dir, NULL), *rf = realpath(full, NULL);
	bool ok = false;
	if (rd && rf) {
		size_t n = strlen(rd);
		if (!strncmp(rf, rd, n) && rf[n] == '/') {
			ag_snprintf(out, cap, "%s", rf + n + 1);
			ok = true;
		} else if (!strcmp(rd, "/")) {
			ag_snprintf(out, cap, "%s", rf + 1);
			ok = true;
		}
	}
	free(rd);
	free(rf);
	return ok;
}

/* Applies the ruleset's severities to the api-* findings of `res`. */
static void apply_ruleset(const struct ag_api_ruleset *rs, const char *base,
			  struct ag_result *res)
{
	size_t k = 0;
	for (size_t i = 0; i < res->findings.n; i++) {
		struct ag_finding *f = &res->findings.v[i];
		int r = ag_api_rule_find(f->rule->id, strlen(f->rule->id));
		char rel[4096];
		bool in = rs->noverrides && f->file &&
			  rel_to_ruleset(rs->path, base, f->file, rel, sizeof(rel));
		int sev = r >= 0 ? ag_api_ruleset_severity(rs, (enum ag_api_rule)r, in ? rel : NULL)
				 : AG_API_SEV_UNSET;
		if (sev == AG_API_SEV_DEFAULT)
			f->sev = f->rule->severity;
		else if (sev >= 0 && sev != AG_SEV_OFF)
			f->sev = (enum ag_severity)sev;
		if (sev == AG_SEV_OFF) {
			free(f->message);
			free(f->file);
			continue;
		}
		res->findings.v[k++] = *f;
	}
	res->findings.n = k;
	ag_result_recount(res);
}

/* ---- --since: the lines of a file changed since a git revision -------------------------- */

struct line_range {
	long from, to; /* inclusive */
};

struct changed {
	char *file;
	bool all;      /* not in REF: every line is new */
	struct line_range *r;
	size_t n, alloc;
};

/* Reads `git diff -U0 REF -- file` (relative to `base`) into ch. */
static int changed_lines(const char *base, const char *ref, const char *file, struct changed *ch)
{
	struct ag_buf spec = AG_BUF_INIT, out = AG_BUF_INIT;
	ag_buf_printf(&spec, "%s:./%s", ref, file);
	if (spec.err)
		return AG_ENOMEM;
	const char *cat[] = {"cat-file", "-e", spec.data, NULL};
	int rc = ag_git(base, cat, &out);
	ag_buf_release(&spec);
	ag_buf_release(&out);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		ch->all = true;
		return 0;
	}
	const char *argv[] = {"diff", "-U0", "--no-color", "--no-ext-diff", ref, "--", file, NULL};
	rc = ag_git(base, argv, &out);
	if (rc) {
		ag_buf_release(&out);
		return rc < 0 ? rc : AG_EINVAL;
	}
	for (const char *p = out.data; p && *p;) {
		const char *e = strchr(p, '\n');
		if (!strncmp(p, "@@ ", 3)) {
			const char *plus = strstr(p, " +");
			if (plus && (!e || plus < e)) {
				char *end;
				long start = strtol(plus + 2, &end, 10), count = 1;
				if (*end == ',')
					count = strtol(end + 1, &end, 10);
				if (count > 0) {
					struct line_range *v = ag_array_grow(ch->r, &ch->alloc, ch->n + 1,
									     sizeof(*v), 16);
					if (!v) {
						ag_buf_release(&out);
						return AG_ENOMEM;
					}
					ch->r = v;
					ch->r[ch->n++] = (struct line_range){start, start + count - 1};
				}
			}
		}
		p = e ? e + 1 : NULL;
	}
	ag_buf_release(&out);
	return 0;
}

static bool is_changed(const struct changed *ch, long line)
{
	if (ch->all)
		return true;
	for (size_t i = 0; i < ch->n; i++)
		if (line >= ch->r[i].from && line <= ch->r[i].to)
			return true;
	return false;
}

/* Drops the findings of `res` on lines unchanged since `ref`; *hidden
 * counts them. Returns 0, AG_ENOMEM, or AG_EINVAL when git cannot diff. */
static int since_filter(struct ag_result *res, const char *base, const char *ref, size_t *hidden)
{
	struct ag_buf rev = AG_BUF_INIT, sink = AG_BUF_INIT;
	ag_buf_printf(&rev, "%s^{commit}", ref);
	const char *verify[] = {"rev-parse", "--verify", "--quiet", rev.data ? rev.data : "", NULL};
	int vrc = rev.err ? AG_ENOMEM : ag_git(base, verify, &sink);
	ag_buf_release(&rev);
	ag_buf_release(&sink);
	if (vrc)
		return vrc == AG_ENOMEM ? vrc : AG_EINVAL;
	struct changed *cache = NULL;
	size_t nc = 0, calloc_ = 0;
	int rc = 0;
	size_t k = 0;
	for (size_t i = 0; i < res->findings.n; i++) {
		struct ag_finding *f = &res->findings.v[i];
		bool keep = true;
		if (f->file && rc == 0) {
			size_t j = 0;
			while (j < nc && strcmp(cache[j].file, f->file))
				j++;
			if (j == nc) {
				struct changed *v = ag_array_grow(cache, &calloc_, nc + 1, sizeof(*v), 8);
				if (!v) {
					rc = AG_ENOMEM;
				} else {
					cache = v;
					memset(&cache[nc], 0, sizeof(*cache));
					if (!(cache[nc].file = strdup(f->file)))
						rc = AG_ENOMEM;
					else
						rc = changed_lines(base, ref, f->file, &cache[nc]);
					nc++;
				}
			}
			if (rc == 0)
				keep = is_changed(&cache[j], f->line);
		}
		if (keep) {
			res->findings.v[k++] = *f;
		} else {
			free(f->message);
			free(f->file);
			(*hidden)++;
		}
	}
	res->findings.n = k;
	for (size_t j = 0; j < nc; j++) {
		free(cache[j].file);
		free(cache[j].r);
	}
	free(cache);
	ag_result_recount(res);
	return rc;
}

/* --baseline: the findings of `res` in FILE are known. */
static int apply_baseline(struct cli_ctx *c, struct ag_result *res, const char *file)
{
	struct ag_baseline b;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_baseline_load(file, file, &b, &d);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (rc)
		return rc;
	if (!b.present) {
		fprintf(stderr, "%s: error: no such baseline (make it with --write-baseline)\n",
			cli_text(c, file));
		ag_baseline_release(&b);
		return AG_ENOENT;
	}
	uint64_t *fp = NULL;
	if (res->findings.n && (rc = ag_baseline_fingerprints(&res->findings, &fp))) {
		ag_baseline_release(&b);
		return rc;
	}
	for (size_t i = 0; i < res->findings.n; i++) {
		struct ag_finding *f = &res->findings.v[i];
		f->baselined = !f->waiver && ag_baseline_has(&b, fp[i]);
	}
	res->baseline = true;
	free(fp);
	ag_baseline_release(&b);
	ag_result_recount(res);
	return 0;
}

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
	} else if (c->opt[LINT_WRITE_BASELINE]) {
		struct ag_baseline none = {0};
		struct ag_baseline_diff bd;
		struct ag_buf out = AG_BUF_INIT;
		rc = ag_baseline_write(&out, &res, &none, true, &bd);
		if (!rc)
			rc = ag_write_replace(c->opt[LINT_WRITE_BASELINE], out.data ? out.data : "",
					      out.len);
		ag_buf_release(&out);
		if (rc) {
			fprintf(stderr, "archgate %s: cannot write '%s': %s\n", c->name,
				cli_text(c, c->opt[LINT_WRITE_BASELINE]), ag_strerror(rc));
			code = AG_EXIT_USAGE;
		} else {
			printf("%zu finding%s recorded in %s\n", bd.added + bd.kept,
			       bd.added + bd.kept == 1 ? "" : "s", cli_text(c, c->opt[LINT_WRITE_BASELINE]));
			code = AG_EXIT_OK;
		}
	} else {
		size_t hidden = 0;
		rc = 0;
		char rbuf[4096];
		const char *rpath = find_ruleset(c, root, rbuf, sizeof(rbuf));
		if (rpath) {
			struct ag_api_ruleset rs;
			struct ag_diags rd;
			ag_diags_init(&rd);
			rc = ag_api_ruleset_load(rpath, &rs, &rd);
			cli_print_diags(&rd, cli_color_stderr(c));
			ag_diags_release(&rd);
			for (size_t i = 0; !rc && i < rs.nskipped; i++)
				fprintf(stderr, "%s:%d:%d: note: '%s' not applied: %s\n",
					cli_text(c, rs.skipped[i].pos.file), rs.skipped[i].pos.line,
					rs.skipped[i].pos.col, cli_text(c, rs.skipped[i].name),
					rs.skipped[i].why);
			if (!rc)
				apply_ruleset(&rs, c->npos || !m || !m->root ? "." : m->root, &res);
			ag_api_ruleset_release(&rs);
		}
		if (c->opt[LINT_BASELINE])
			rc = apply_baseline(c, &res, c->opt[LINT_BASELINE]);
		if (!rc && c->opt[LINT_SINCE]) {
			rc = since_filter(&res, c->npos || !m || !m->root ? "." : m->root,
					  c->opt[LINT_SINCE], &hidden);
			if (rc == AG_EINVAL)
				fprintf(stderr, "archgate %s: --since '%s': git cannot diff against it "
					"(not a revision, or not a git work tree)\n", c->name,
					cli_text(c, c->opt[LINT_SINCE]));
			else if (!rc && hidden)
				fprintf(stderr, "archgate %s: %zu finding%s on lines unchanged since %s "
					"not shown\n", c->name, hidden, hidden == 1 ? "" : "s",
					cli_text(c, c->opt[LINT_SINCE]));
		}
		struct ag_buf out = AG_BUF_INIT;
		struct ag_report_opts ro = {cli_color(c), AG_VERSION};
		/* the text report's "no decision records" remark is about check */
		if (rc) {
			if (rc == AG_ENOMEM)
				fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
			ag_buf_release(&out);
			code = AG_EXIT_USAGE;
		} else {
			rc = ag_report_check(&out, c->format, c->format == AG_FMT_JUNIT ? m : NULL,
					     &res, &ro);
			code = cli_output(c, &out, rc);
		}
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


/* ---- archgate api diff ------------------------------------------------------------------ */

static const char *const diff_usage[] = {
	"archgate api diff OLD NEW [--fail-on LEVEL] [--format FMT]",
	"archgate api diff --base REF [SPEC...] [--fail-on LEVEL] [--format FMT]", "",
	"The changes between two versions of an API spec (OpenAPI 3.x or Swagger",
	"2.0), each classified by whom it hurts. breaking: a client written against",
	"OLD fails against NEW (a path, operation, status code or media type",
	"removed; a response field removed, renamed, made optional or of another",
	"type; a request parameter or field added as required or made required; a",
	"request type narrowed; an enum value a client may send removed). warning:",
	"may break some clients (a response enum value added, a request parameter",
	"removed). info: additions. Each change is at file:line:col of NEW (a",
	"removal: the nearest node NEW still has) with the place in OLD beside it.",
	"",
	"--base REF reads the old version of each SPEC from git (git show",
	"REF:path, with the files its $refs reach as of REF); without SPEC, the",
	"specs the model names. Exit 1 when a change at --fail-on (default",
	"breaking; warning, info, or never) or above is found, 0 otherwise, 2 when",
	"a spec cannot be read. --format github prints one annotation per change",
	"(breaking as an error) for a pull request's files.", "",
	"Examples:",
	"  archgate api diff v1/openapi.yaml openapi.yaml",
	"  archgate api diff --base origin/main services/checkout/openapi.yaml",
	"  archgate api diff --base HEAD~1 --format json openapi.yaml | jq .changes", NULL};

enum { DIFF_BASE, DIFF_FAIL_ON, DIFF_ROOT };
static const struct cli_option diff_options[] = {
	[DIFF_BASE] = CLI_VALUE("base", "REF", "read the old version of each SPEC from git at REF"),
	[DIFF_FAIL_ON] = CLI_VALUE("fail-on", "LEVEL",
				   "exit 1 at this level or above: breaking (default), warning, "
				   "info, never"),
	[DIFF_ROOT] = CLI_VALUE("root", "DIR", "the folder cross-file $refs must stay inside"),
};

/* The files of one spec as of a git commit, written under a temporary
 * folder at their paths in the repository, so that the old version's
 * cross-file $refs reach the old versions of their files. */
struct base_tree {
	char dir[4096];
	char **made;   /* files and folders created, to remove in reverse */
	size_t nmade, made_alloc;
};

static int base_note(struct base_tree *t, const char *path)
{
	char **v = ag_array_grow(t->made, &t->made_alloc, t->nmade + 1, sizeof(*v), 16);
	if (!v)
		return AG_ENOMEM;
	t->made = v;
	if (!(t->made[t->nmade] = strdup(path)))
		return AG_ENOMEM;
	t->nmade++;
	return 0;
}

static void base_remove(struct base_tree *t)
{
	for (size_t i = t->nmade; i > 0; i--) {
		if (remove(t->made[i - 1]) != 0) {
			/* a folder that still holds something: leave it */
		}
		free(t->made[i - 1]);
	}
	free(t->made);
	if (t->dir[0])
		rmdir(t->dir);
	memset(t, 0, sizeof(*t));
}

/* Collapses "a/./b", "a/../b" in place; -1 when the path climbs out. */
static int norm_rel(char *p)
{
	char *seg[256];
	size_t n = 0;
	char *save = p, *q = p;
	char tmp[4096];
	ag_snprintf(tmp, sizeof(tmp), "%s", p);
	for (char *s = tmp; *s;) {
		char *e = strchr(s, '/');
		if (e)
			*e = '\0';
		if (!strcmp(s, "..")) {
			if (!n)
				return -1;
			n--;
		} else if (*s && strcmp(s, ".")) {
			if (n >= 256)
				return -1;
			seg[n++] = s;
		}
		if (!e)
			break;
		s = e + 1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(seg[i]);
		if (i)
			*q++ = '/';
		memcpy(q, seg[i], l);
		q += l;
	}
	*q = '\0';
	return save[0] ? 0 : -1;
}

/* Every cross-file $ref of a tree, for base_fetch(). */
static void refs_of(const struct ag_ynode *n, char ***v, size_t *nv, size_t *alloc, int depth)
{
	if (!n || depth > AG_YAML_MAX_DEPTH)
		return;
	if (n->kind == AG_Y_MAP) {
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			const struct ag_ynode *k = n->kids[i], *val = n->kids[i + 1];
			if (!strcmp(k->str, "$ref") && val->kind == AG_Y_SCALAR && val->len &&
			    val->str[0] != '#' && !strchr(val->str, ':') && val->str[0] != '/') {
				size_t fl = strcspn(val->str, "#");
				char **g = ag_array_grow(*v, alloc, *nv + 1, sizeof(**v), 16);
				if (!g)
					return;
				*v = g;
				if (((*v)[*nv] = strndup(val->str, fl)))
					(*nv)++;
			} else {
				refs_of(val, v, nv, alloc, depth + 1);
			}
		}
	} else if (n->kind == AG_Y_SEQ) {
		for (size_t i = 0; i < n->n; i++)
			refs_of(n->kids[i], v, nv, alloc, depth + 1);
	}
}

/* Writes `rel` (relative to the root of the repository `gitdir` is in) as
 * of `ref` under t->dir, and the files
 * its $refs reach, at most AG_API_MAX_DOCS. 0; 1 when `rel` is not in that
 * commit; AG_E* otherwise (a message in `why`). */
static int base_fetch(struct base_tree *t, const char *gitdir, const char *ref, const char *rel,
		      char *why, size_t whylen)
{
	char **queue = NULL;
	size_t nq = 0, qalloc = 0, done = 0;
	int rc = 0;
	char **g = ag_array_grow(queue, &qalloc, 1, sizeof(*queue), 16);
	if (!g || !(g[0] = strdup(rel))) {
		free(g);
		return AG_ENOMEM;
	}
	queue = g;
	nq = 1;
	for (; done < nq && rc == 0; done++) {
		const char *path = queue[done];
		bool dup = false;
		for (size_t i = 0; i < done && !dup; i++)
			dup = !strcmp(queue[i], path);
		if (dup)
			continue;
		if (done >= AG_API_MAX_DOCS)
			break;
		struct ag_buf spec = AG_BUF_INIT, text = AG_BUF_INIT;
		ag_buf_printf(&spec, "%s:%s", ref, path);
		const char *argv[] = {"show", "--no-textconv", spec.data ? spec.data : "", NULL};
		int grc = spec.err ? AG_ENOMEM : ag_git(gitdir, argv, &text);
		ag_buf_release(&spec);
		if (grc) {
			if (grc > 0 && done == 0) {
				rc = 1;
			} else if (grc < 0) {
				ag_snprintf(why, whylen, "cannot run git: %s", ag_strerror(grc));
				rc = grc;
			}
			/* a $ref'd file missing at REF: the diff sees a dangling $ref */
			ag_buf_release(&text);
			continue;
		}
		char full[8192];
		ag_snprintf(full, sizeof(full), "%s/%s", t->dir, path);
		/* the folders on the way, each noted for removal */
		for (char *s = full + strlen(t->dir) + 1; (s = strchr(s, '/')); s++) {
			*s = '\0';
			if (!ag_exists(full)) {
				if (mkdir(full, 0700) || base_note(t, full))
					rc = AG_EIO;
			}
			*s = '/';
		}
		if (rc == 0 && (ag_write_new(full, text.data ? text.data : "", text.len) ||
				base_note(t, full))) {
			ag_snprintf(why, whylen, "cannot write '%s'", full);
			rc = AG_EIO;
		}
		/* where its $refs lead */
		struct ag_arena a;
		ag_arena_init(&a, 0);
		struct ag_diags d;
		ag_diags_init(&d);
		struct ag_ynode *root = NULL;
		char **refs = NULL;
		size_t nrefs = 0, ralloc = 0;
		if (rc == 0 && !ag_yaml_parse(&a, path, text.data ? text.data : "", text.len, &root, &d))
			refs_of(root, &refs, &nrefs, &ralloc, 0);
		for (size_t i = 0; i < nrefs; i++) {
			char next[4096];
			const char *slash = strrchr(path, '/');
			int dl = slash ? (int)(slash - path + 1) : 0;
			ag_snprintf(next, sizeof(next), "%.*s%s", dl, path, refs[i]);
			if (norm_rel(next) == 0) {
				char **q = ag_array_grow(queue, &qalloc, nq + 1, sizeof(*queue), 16);
				if (q && (q[nq] = strdup(next))) {
					queue = q;
					nq++;
				} else if (q) {
					queue = q;
				}
			}
			free(refs[i]);
		}
		free(refs);
		ag_diags_release(&d);
		ag_arena_release(&a);
		ag_buf_release(&text);
	}
	for (size_t i = 0; i < nq; i++)
		free(queue[i]);
	free(queue);
	return rc;
}

/* `spec` (relative to folder `dir`) relative to the root of the git work
 * tree, into out; -1 when it is outside. */
static int repo_rel(const char *dir, const char *spec, char *out, size_t cap)
{
	struct ag_buf pre = AG_BUF_INIT;
	const char *argv[] = {"rev-parse", "--show-prefix", NULL};
	int rc = ag_git(dir, argv, &pre);
	if (rc) {
		ag_buf_release(&pre);
		return -1;
	}
	size_t n = pre.len;
	while (n && (pre.data[n - 1] == '\n' || pre.data[n - 1] == '\r'))
		n--;
	ag_snprintf(out, cap, "%.*s%s", (int)n, pre.data ? pre.data : "", spec);
	ag_buf_release(&pre);
	return spec[0] == '/' ? -1 : norm_rel(out);
}

static void diff_text(struct cli_ctx *c, struct ag_buf *out, const struct ag_api_diff *df,
		      const char *old_name, const char *new_name, const char *old_prefix,
		      int fail_on, bool failed)
{
	ag_buf_printf(out, "%s -> %s: %zu breaking, %zu warning%s, %zu info in %zu operation%s%s\n",
		      cli_text(c, old_name), cli_text(c, new_name), df->count[AG_API_BREAKING],
		      df->count[AG_API_WARNING], df->count[AG_API_WARNING] == 1 ? "" : "s",
		      df->count[AG_API_INFO], df->operations, df->operations == 1 ? "" : "s",
		      failed ? "; diff failed" : fail_on > AG_API_BREAKING ? "" : "; no breaking change");
	for (size_t i = 0; i < df->n; i++) {
		const struct ag_api_change *ch = &df->v[i];
		ag_buf_printf(out, "  %s:%d:%d: %s: %s [%s]", cli_text(c, ch->pos.file), ch->pos.line,
			      ch->pos.col, ag_api_level_name(ch->level), cli_text(c, ch->message),
			      ch->kind);
		if (ch->old.file)
			ag_buf_printf(out, " (was %s%s:%d:%d)", cli_text(c, old_prefix),
				      cli_text(c, ch->old.file), ch->old.line, ch->old.col);
		ag_buf_addc(out, '\n');
	}
	if (df->dropped)
		ag_buf_printf(out, "  ... and %zu more changes not shown\n", df->dropped);
}

static void diff_github(struct ag_buf *out, const struct ag_api_diff *df, const char *old_prefix)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct ag_api_change *ch = &df->v[i];
		const char *cmd = ch->level == AG_API_BREAKING ? "error"
				  : ch->level == AG_API_WARNING ? "warning" : "notice";
		ag_buf_printf(out, "::%s file=", cmd);
		ag_report_gh_escape(out, ch->pos.file, true);
		ag_buf_printf(out, ",line=%d,col=%d,title=", ch->pos.line, ch->pos.col);
		struct ag_buf t = AG_BUF_INIT;
		ag_buf_printf(&t, "archgate api diff: %s (%s)", ch->kind, ag_api_level_name(ch->level));
		ag_report_gh_escape(out, t.data ? t.data : "", true);
		ag_buf_release(&t);
		ag_buf_adds(out, "::");
		ag_report_gh_escape(out, ch->message, false);
		if (ch->old.file) {
			struct ag_buf w = AG_BUF_INIT;
			ag_buf_printf(&w, " (was %s%s:%d:%d)", old_prefix, ch->old.file, ch->old.line,
				      ch->old.col);
			ag_report_gh_escape(out, w.data ? w.data : "", false);
			ag_buf_release(&w);
		}
		ag_buf_addc(out, '\n');
	}
}

static void diff_json_one(struct ag_json *w, const struct ag_api_diff *df, const char *old_name,
			  const char *new_name, const char *old_prefix, bool failed)
{
	char was[8192];
	ag_json_begin_object(w);
	ag_json_kv_str(w, "old", old_name);
	ag_json_kv_str(w, "new", new_name);
	ag_json_kv_bool(w, "failed", failed);
	ag_json_kv_int(w, "breaking", (long long)df->count[AG_API_BREAKING]);
	ag_json_kv_int(w, "warnings", (long long)df->count[AG_API_WARNING]);
	ag_json_kv_int(w, "info", (long long)df->count[AG_API_INFO]);
	ag_json_kv_int(w, "operations", (long long)df->operations);
	ag_json_kv_int(w, "dropped", (long long)df->dropped);
	ag_json_key(w, "changes");
	ag_json_begin_array(w);
	for (size_t i = 0; i < df->n; i++) {
		const struct ag_api_change *ch = &df->v[i];
		ag_json_inline(w);
		ag_json_begin_object(w);
		ag_json_kv_str(w, "kind", ch->kind);
		ag_json_kv_str(w, "level", ag_api_level_name(ch->level));
		ag_json_kv_str(w, "message", ch->message);
		ag_json_kv_str(w, "file", ch->pos.file);
		ag_json_kv_int(w, "line", ch->pos.line);
		ag_json_kv_int(w, "col", ch->pos.col);
		if (ch->old.file) {
			ag_json_key(w, "was");
			ag_json_begin_object(w);
			ag_snprintf(was, sizeof(was), "%s%s", old_prefix, ch->old.file);
			ag_json_kv_str(w, "file", was);
			ag_json_kv_int(w, "line", ch->old.line);
			ag_json_kv_int(w, "col", ch->old.col);
			ag_json_end_object(w);
		}
		ag_json_end_object(w);
	}
	ag_json_end_array(w);
	ag_json_end_object(w);
}

/* One pair: reads both into their own sets and diffs them. 0 ok (with
 * *failed), AG_EXIT_USAGE when a spec cannot be read. */
struct diff_pair {
	const char *old_path, *old_name, *old_root;
	const char *old_prefix; /* "REF:" before the old files' names, or "" */
	const char *old_title;  /* the old version's name in the report */
	const char *new_path, *new_name, *new_root;
};

static int diff_one(struct cli_ctx *c, const struct diff_pair *p, int fail_on, struct ag_buf *out,
		    struct ag_json *w, bool *failed)
{
	struct ag_diags d;
	ag_diags_init(&d);
	d.max = 1000;
	struct ag_api_set os, ns;
	int rc = ag_api_set_init(&os, p->old_root, &d);
	if (!rc && (rc = ag_api_set_init(&ns, p->new_root, &d)))
		ag_api_set_release(&os);
	if (rc) {
		ag_diags_release(&d);
		return cli_usage_error(c, "cannot use '%s' as the root folder", p->new_root);
	}
	size_t od = 0, nd = 0;
	int orc = ag_api_add(&os, p->old_path, p->old_name, &od);
	int nrc = ag_api_add(&ns, p->new_path, p->new_name, &nd);
	int code = 0;
	struct ag_api_diff df = {0};
	if (orc == AG_ENOMEM || nrc == AG_ENOMEM) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(AG_ENOMEM));
		code = AG_EXIT_USAGE;
	} else if (orc || nrc || ag_diags_count(&d, AG_SEV_ERROR)) {
		code = AG_EXIT_USAGE;
	} else if ((rc = ag_api_diff(&os, od, &ns, nd, &df))) {
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
		code = AG_EXIT_USAGE;
	} else {
		bool f = false;
		for (int l = fail_on; l <= AG_API_BREAKING; l++)
			f |= df.count[l] > 0;
		*failed |= f;
		if (w)
			diff_json_one(w, &df, p->old_title, p->new_name, p->old_prefix, f);
		else if (c->format == AG_FMT_GITHUB)
			diff_github(out, &df, p->old_prefix);
		else
			diff_text(c, out, &df, p->old_title, p->new_name, p->old_prefix, fail_on,
				  f);
	}
	cli_print_diags(&d, cli_color_stderr(c));
	ag_api_diff_release(&df);
	ag_api_set_release(&os);
	ag_api_set_release(&ns);
	ag_diags_release(&d);
	return code;
}

static int api_diff(struct cli_ctx *c)
{
	int fail_on = AG_API_BREAKING;
	const char *fo = c->opt[DIFF_FAIL_ON];
	if (fo) {
		if (!strcmp(fo, "never"))
			fail_on = AG_API_BREAKING + 1;
		else if ((fail_on = ag_api_level_parse(fo)) < 0)
			return cli_usage_error(c, "--fail-on '%s': use breaking, warning, info or "
					       "never", cli_text(c, fo));
	}
	const char *base = c->opt[DIFF_BASE];
	if (!base && c->npos != 2)
		return cli_usage_error(c, "give OLD and NEW, or --base REF and the specs");
	if (base && (!*base || base[0] == '-'))
		return cli_usage_error(c, "--base takes a git revision");
	const struct ag_model *m = NULL;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	char cwd_root[4096];
	const char *root = c->opt[DIFF_ROOT] ? c->opt[DIFF_ROOT] : m && m->root ? m->root : NULL;
	if (!root) {
		work_tree(cwd_root);
		root = cwd_root;
	}
	struct ag_buf out = AG_BUF_INIT;
	struct ag_json w;
	bool json = c->format == AG_FMT_JSON;
	if (json) {
		ag_json_init(&w, &out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_key(&w, "diffs");
		ag_json_begin_array(&w);
	}
	bool failed = false;
	int code = 0;
	if (!base) {
		struct diff_pair p = {c->pos[0], c->pos[0], root, "", c->pos[0],
				      c->pos[1], c->pos[1], root};
		code = diff_one(c, &p, fail_on, &out, json ? &w : NULL, &failed);
	} else {
		/* the specs: as given, else the model's */
		char **specs = c->pos;      /* the paths to read the new versions from */
		const char *const *names = (const char *const *)c->pos; /* as shown */
		const char *reldir = ".";   /* the folder names are relative to */
		int nspecs = c->npos;
		char *model_specs[64];
		const char *model_names[64];
		int nmodel = 0;
		if (!nspecs && m) {
			const struct ag_container *ct = m->sys.boundaries.containers.v;
			for (size_t i = 0; i < m->sys.boundaries.containers.n && nmodel < 64; i++)
				if (ct[i].openapi.set) {
					char *full = m->root ? ag_path_join(m->root, ct[i].openapi.s)
							     : strdup(ct[i].openapi.s);
					if (full) {
						model_names[nmodel] = ct[i].openapi.s;
						model_specs[nmodel++] = full;
					}
				}
			specs = model_specs;
			names = model_names;
			reldir = m->root ? m->root : ".";
			nspecs = nmodel;
		}
		if (!nspecs) {
			ag_buf_release(&out);
			return cli_usage_error(c, "no SPEC given, and the model names none (a "
					       "container's openapi:)");
		}
		for (int i = 0; i < nspecs && !code; i++) {
			char rel[4096], why[512] = "", old_name[4096];
			if (repo_rel(reldir, names[i], rel, sizeof(rel))) {
				fprintf(stderr, "%s: error: not inside the git work tree here; --base "
					"reads specs from git\n", cli_text(c, names[i]));
				code = AG_EXIT_USAGE;
				break;
			}
			struct base_tree t = {0};
			char *tmpd = getenv("TMPDIR");
			ag_snprintf(t.dir, sizeof(t.dir), "%s/archgate-base-XXXXXX",
				    tmpd && *tmpd ? tmpd : "/tmp");
			if (!mkdtemp(t.dir)) {
				fprintf(stderr, "archgate %s: cannot make a temporary folder\n", c->name);
				code = AG_EXIT_USAGE;
				break;
			}
			int brc = base_fetch(&t, reldir, base, rel, why, sizeof(why));
			ag_snprintf(old_name, sizeof(old_name), "%s:%s", base, names[i]);
			if (brc == 1) {
				fprintf(stderr, "%s: error: not found at '%s' (git show %s:%s "
					"failed: no such revision, or no such file in it)\n",
					cli_text(c, names[i]), cli_text(c, base), cli_text(c, base),
					cli_text(c, rel));
				code = AG_EXIT_USAGE;
			} else if (brc) {
				fprintf(stderr, "archgate %s: %s\n", c->name, why);
				code = AG_EXIT_USAGE;
			} else {
				char oldp[8192];
				ag_snprintf(oldp, sizeof(oldp), "%s/%s", t.dir, rel);
				char prefix[4096];
				ag_snprintf(prefix, sizeof(prefix), "%s:", base);
				struct diff_pair p = {oldp, names[i], t.dir, prefix, old_name,
						      specs[i], names[i], root};
				code = diff_one(c, &p, fail_on, &out, json ? &w : NULL, &failed);
			}
			base_remove(&t);
		}
		for (int i = 0; i < nmodel; i++)
			free(model_specs[i]);
	}
	if (json) {
		ag_json_end_array(&w);
		ag_json_kv_bool(&w, "failed", failed);
		ag_json_end_object(&w);
		rc = ag_json_finish(&w);
		if (!rc)
			rc = ag_buf_addc(&out, '\n');
	} else {
		rc = out.err;
	}
	if (code) {
		ag_buf_release(&out);
		return code;
	}
	code = cli_output(c, &out, rc);
	if (code == AG_EXIT_OK && failed)
		code = AG_EXIT_FAIL;
	return code;
}

static const struct cli_command api_diff_cmd = {
	.name = "diff", .summary = "Breaking changes between two versions of a spec",
	.usage = diff_usage, CLI_OPTIONS(diff_options),
	.formats = CLI_FORMATS(AG_FMT_TEXT, AG_FMT_JSON, AG_FMT_GITHUB),
	.arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_POLICY | AG_LOAD_SYSTEM, .run = api_diff,
};

const struct cli_command cli_cmd_api = {
	.name = "api", .summary = "API specs: lint OpenAPI and Swagger against the standards, diff versions",
	.usage = api_usage, .subs = CLI_SUBS(&api_lint_cmd, &api_diff_cmd),
};
