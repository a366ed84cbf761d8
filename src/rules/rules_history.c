/*
 * rules_history.c - rules that read the repository's git history: a deploy
 * that shipped unreviewed commits (a red flag), and a strangler-fig
 * migration that switched most routes in one change (a big-bang rewrite).
 * Outside a git repository, or without git, they find nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "history/git.h"
#include "history/review.h"
#include "rules_impl.h"

static void check_unreviewed_deploy(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	if (m->policy.review.required.set && !m->policy.review.required.b)
		return;
	char *range = NULL;
	if (ag_review_last_deploy(m, &range) || !range)
		return;
	struct ag_review r;
	struct ag_diags ignore;
	ag_diags_init(&ignore);
	int rc = ag_review_range(m, range, &r, &ignore);
	ag_diags_release(&ignore);
	if (rc == AG_ENOMEM)
		ctx->err = rc;
	const char *file = m->policy.pos.file ? m->policy.pos.file : "arch/archgate.yaml";
	struct ag_pos at = m->policy.review.pos.file ? m->policy.review.pos
						     : (struct ag_pos){file, 0, 0};
	for (size_t i = 0; !rc && i < r.n; i++)
		if (!r.v[i].reviewed)
			ag_rule_report(ctx, &at, "deploy %s shipped commit %.12s \"%s\" by %s without "
				       "a review by someone else", range, r.v[i].sha, r.v[i].subject,
				       r.v[i].author);
	if (!rc)
		ag_review_release(&r);
	free(range);
}

const struct ag_rule ag_rule_unreviewed_deploy = {
	"unreviewed-deploy", "3", AG_SEV_ERROR, true,
	"Nothing is deployed without a review by someone other than its author",
	"Red flag: \"Pushing to deployment without a 'fine-toothed comb' code "
	"review.\" and the standard: \"MANDATORY: All code changes must undergo a "
	"deep-dive 'fine-toothed comb' review before git deployment.\" A second "
	"pair of eyes is the cheapest outage prevention there is.",
	"Review the listed commits now and record it (a Reviewed-by trailer, or a "
	"merge by the reviewer); gate future deploys with `archgate gate deploy`.",
	check_unreviewed_deploy};

/* Routes (path -> side) of migration in a system.yaml text. */
struct routes {
	char **path;
	int *to_new;
	size_t n;
};

static void routes_release(struct routes *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->path[i]);
	free(r->path);
	free(r->to_new);
	memset(r, 0, sizeof(*r));
}

static int routes_from_model(const struct ag_system *s, struct routes *out)
{
	memset(out, 0, sizeof(*out));
	const struct ag_route *rt = s->migration.routes.v;
	size_t n = s->migration.routes.n;
	out->path = calloc(n + 1, sizeof(*out->path));
	out->to_new = calloc(n + 1, sizeof(*out->to_new));
	if (!out->path || !out->to_new)
		return AG_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (!rt[i].path.set || !rt[i].to.set)
			continue;
		if (!(out->path[out->n] = strdup(rt[i].path.s)))
			return AG_ENOMEM;
		out->to_new[out->n++] = rt[i].to.e == AG_ROUTE_NEW;
	}
	return 0;
}

static int routes_at(const struct ag_model *m, const char *rev, const char *rel,
		     struct routes *out)
{
	memset(out, 0, sizeof(*out));
	char spec[600];
	/* "./": relative to the -C folder, which need not be the top level */
	snprintf(spec, sizeof(spec), "%s:./%s", rev, rel);
	const char *argv[] = {"show", spec, NULL};
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_git(m->root, argv, &b);
	if (rc) {
		ag_buf_release(&b);
		return rc < 0 ? rc : AG_ENOENT;
	}
	struct ag_arena a;
	ag_arena_init(&a, (size_t)64 << 20);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_ynode *root;
	rc = ag_yaml_parse(&a, rel, b.data, b.len, &root, &d);
	struct ag_system sys;
	memset(&sys, 0, sizeof(sys));
	struct ag_loader l = {&a, &d, rel, 0};
	if (!rc)
		rc = ag_schema_load(&l, &ag_system_schema, root, &sys);
	if (!rc && !l.errors)
		rc = routes_from_model(&sys, out);
	else if (!rc)
		rc = AG_EINVAL; /* an old version that no longer parses: skip it */
	ag_diags_release(&d);
	ag_arena_release(&a);
	ag_buf_release(&b);
	return rc;
}

/* How many routes went legacy -> new from `old` to `cur`. */
static size_t switched(const struct routes *old, const struct routes *cur)
{
	size_t n = 0;
	for (size_t i = 0; i < cur->n; i++) {
		if (!cur->to_new[i])
			continue;
		for (size_t k = 0; k < old->n; k++)
			if (!strcmp(old->path[k], cur->path[i])) {
				n += !old->to_new[k];
				break;
			}
	}
	return n;
}

static void check_big_bang(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_migration *mg = &m->sys.migration;
	if (mg->routes.n < 2 || !m->sys.pos.file)
		return;
	double share = m->policy.thresholds.big_bang_share.set ? m->policy.thresholds.big_bang_share.d
							       : 0.5;
	const char *rel = m->sys.pos.file; /* relative to the root */
	/* the working tree against HEAD, then each of the last commits that
	 * touched system.yaml against its parent */
	struct routes cur, prev = {0};
	if (routes_from_model(&m->sys, &cur)) {
		routes_release(&cur);
		ctx->err = AG_ENOMEM;
		return;
	}
	if (routes_at(m, "HEAD", rel, &prev) == 0) {
		size_t sw = switched(&prev, &cur);
		if (sw >= 2 && (double)sw > share * (double)cur.n)
			ag_rule_report(ctx, &mg->routes.pos, "the uncommitted change switches %zu of %zu "
				       "routes to the new system at once (more than %.0f%%)", sw, cur.n,
				       share * 100);
	}
	routes_release(&prev);
	routes_release(&cur);
	/* NUL-separated id and subject (-z ends each commit with a NUL too):
	 * no byte of a subject can move a field; ids are 40 (SHA-1) or 64
	 * (SHA-256) hex digits, and anything else stops the walk */
	const char *argv[] = {"log", "-z", "--max-count=3", "--format=%H%x00%s", "--", rel, NULL};
	struct ag_buf b = AG_BUF_INIT;
	if (ag_git(m->root, argv, &b) == 0 && b.data) {
		const char *end = b.data + b.len;
		for (const char *line = b.data; line < end;) {
			const char *z = memchr(line, '\0', (size_t)(end - line));
			size_t hl = z ? (size_t)(z - line) : 0;
			if (!z || (hl != 40 && hl != 64) || strspn(line, "0123456789abcdef") != hl)
				break;
			const char *subject = z + 1;
			const char *se = subject < end ? memchr(subject, '\0', (size_t)(end - subject))
						      : NULL;
			if (!se) /* the last commit without its terminator */
				se = end;
			char sha[65], parent[68];
			snprintf(sha, sizeof(sha), "%.*s", (int)hl, line);
			snprintf(parent, sizeof(parent), "%s^", sha);
			struct routes a = {0}, p = {0};
			if (routes_at(m, sha, rel, &a) == 0 && routes_at(m, parent, rel, &p) == 0) {
				size_t sw = switched(&p, &a);
				if (sw >= 2 && (double)sw > share * (double)a.n)
					ag_rule_report(ctx, &mg->routes.pos, "commit %.12s \"%s\" switched "
						       "%zu of %zu routes to the new system at once (more "
						       "than %.0f%%)", sha, subject, sw, a.n, share * 100);
			}
			routes_release(&a);
			routes_release(&p);
			line = se < end ? se + 1 : end;
			while (line < end && (*line == '\n' || *line == '\0'))
				line++; /* the separator between commits */
		}
	}
	ag_buf_release(&b);
}

const struct ag_rule ag_rule_big_bang = {
	"big-bang-rewrite", "4", AG_SEV_ERROR, false,
	"Strangler-fig migrations move routes a few at a time",
	"\"Don't rewrite the old system from scratch (The 'Big Bang' fails). Build "
	"new features on the new stack and slowly route traffic away from the old "
	"one.\" Switching most routes in one change is a big bang with extra "
	"steps: one bad release takes everything down, and there is no old path "
	"left to fall back on.",
	"Switch routes in small batches (at most thresholds.big_bang_share of them "
	"per change, default 50%), each behind a flag with the legacy route kept "
	"until the new one has proven itself.",
	check_big_bang};
