/*
 * rules_api.c - Phase 3, standard interfaces: the api-* rules (ADR-0032).
 *
 * The checks themselves are in src/api/ (api_lint.c), below the registry;
 * here is what the registry knows of each rule, the translation of an API
 * lint result into check findings, and the check functions that lint the
 * specs the model names when `archgate check` runs. The first api-* check
 * of a run lints the model's specs and keeps the result in the check
 * context; each check then reports its own rule's findings, so policy
 * severities and `--phase` work per rule exactly as for every other rule.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/fsutil.h"
#include "rules_api.h"
#include "rules_impl.h"

#define API_RULE(var, id, sev, title, why, fix, fn) \
	static void fn(struct ag_ctx *ctx);            \
	const struct ag_rule var = {id, "3", sev, false, title, why, fix, fn}

API_RULE(ag_rule_api_error_responses, "api-error-responses", AG_SEV_ERROR,
	 "Every API operation declares a 4xx and a 5xx (or default) response",
	 "\"All APIs must return standard HTTP error codes.\" An operation whose spec "
	 "lists only its successes leaves every client to guess what a failure looks "
	 "like; generated clients then throw untyped errors, and gateways and "
	 "dashboards cannot tell a client's mistake from a server's.",
	 "Add at least one 4xx response (400, 404, 422...) and a 5xx or `default` "
	 "response to the operation, with an application/problem+json body.",
	 check_api_error_responses);

API_RULE(ag_rule_api_status_registered, "api-status-registered", AG_SEV_ERROR,
	 "API responses use only registered HTTP status codes",
	 "\"All APIs must return standard HTTP error codes.\" Standard codes are the "
	 "ones in the IANA HTTP Status Code Registry (RFC 9110 "
	 "and the RFCs that added to it). Clients, proxies and caches act on the code "
	 "(retry a 503, never cache a 404 forever); an invented code such as 420 or "
	 "499 means something only to its author.",
	 "Use the registered code that means what you mean (429 for rate limits, 422 "
	 "for a semantically wrong body), a range (4XX), or `default`.",
	 check_api_status_registered);

API_RULE(ag_rule_api_problem_json, "api-problem-json", AG_SEV_ERROR,
	 "API error responses are RFC 9457 application/problem+json",
	 "\"All APIs must return standard HTTP error codes.\" A standard code needs "
	 "a standard body: one error shape for every service (RFC 9457 Problem "
	 "Details: type, title, "
	 "status, detail, instance) lets every client, gateway and dashboard handle "
	 "every service's errors the same way, which is what the container's "
	 "`errors: problem+json` promises.",
	 "Give every 4xx, 5xx and default response `content: {application/problem+json: "
	 "{schema: ...}}` (Swagger 2.0: add application/problem+json to `produces`).",
	 check_api_problem_json);

API_RULE(ag_rule_api_operation_id_unique, "api-operation-id-unique", AG_SEV_ERROR,
	 "No two API operations share an operationId",
	 "\"Standardize Interfaces\": the spec is the interface. Code generators "
	 "name client methods after operationIds and documentation "
	 "links to them; two operations with one id produce a client that does not "
	 "compile or silently calls the wrong endpoint.",
	 "Rename one of the operations' operationId.",
	 check_api_operation_id_unique);

API_RULE(ag_rule_api_path_params, "api-path-params", AG_SEV_ERROR,
	 "Every {parameter} of a path template is declared, required, and used",
	 "\"Standardize Interfaces\": the spec is the interface, and it must agree "
	 "with itself. A path parameter missing from `parameters` is invisible to "
	 "validators and "
	 "generated clients; one declared but not in the template can never be sent. "
	 "Both are specs that disagree with the service.",
	 "Declare `{name: ID, in: path, required: true, schema: ...}` for each {ID} in "
	 "the path (on the path item or the operation), and drop path parameters the "
	 "template does not have.",
	 check_api_path_params);

API_RULE(ag_rule_api_servers, "api-servers", AG_SEV_WARNING,
	 "An API spec says where the API is served",
	 "\"Standardize Interfaces\": an interface says where it is. Without "
	 "`servers` (Swagger 2.0: `host`) tools fall back to the spec's own "
	 "location, try-it consoles call nowhere and probes cannot find the service.",
	 "Add `servers: [{url: https://api.example.com}]` (a relative url such as /v1 "
	 "is allowed).",
	 check_api_servers);

API_RULE(ag_rule_api_unused_component, "api-unused-component", AG_SEV_WARNING,
	 "Every component of an API spec is referenced",
	 "\"Standardize Interfaces\": a spec is read by people and tools as the "
	 "interface. A schema or response nobody references is dead text that "
	 "reviewers still "
	 "read and keep in step; often it is the one the author meant to use.",
	 "Reference the component with $ref where it was meant to be used, or delete "
	 "it.",
	 check_api_unused_component);

API_RULE(ag_rule_api_ref, "api-ref", AG_SEV_ERROR,
	 "Every $ref of an API spec resolves, inside the repository",
	 "\"Standardize Interfaces\": a spec is the interface only if tools can read "
	 "it. A dangling $ref is a spec that no tool can use as written. archgate "
	 "follows "
	 "only local and relative-file $refs inside the repository: a spec whose meaning "
	 "depends on a remote file is not reviewable in a pull request, and fetching it "
	 "would let a spec make the linter call out.",
	 "Fix the pointer (#/components/schemas/Name) or the file path, vendor remote "
	 "files into the repository, and break cycles of $refs that name only each "
	 "other.",
	 check_api_ref);

API_RULE(ag_rule_api_example_valid, "api-example-valid", AG_SEV_WARNING,
	 "API examples agree with their schemas",
	 "\"Standardize Interfaces\": examples are the part of a spec people copy. "
	 "An example that its own schema rejects teaches clients the wrong shape, and "
	 "mock servers and contract tests built from the spec fail on it.",
	 "Fix the example (or the schema, if the example is what the API really "
	 "sends). archgate checks type, enum, const, required, properties, "
	 "additionalProperties, items, lengths, bounds, allOf/anyOf/oneOf and $ref.",
	 check_api_example_valid);

API_RULE(ag_rule_api_ignore, "api-ignore", AG_SEV_ERROR,
	 "x-archgate-ignore entries have a rule, a reason and an expiry, and are not "
	 "expired",
	 "\"Treat debt like a financial loan.\" An exception written next to the "
	 "operation it excuses is reviewed with it. Like a policy waiver it is a loan: "
	 "it needs its reason, and it has terms, so "
	 "an expired exception is an error instead of a silent, permanent hole.",
	 "Write `x-archgate-ignore: [{rule: api-..., reason: ..., expires: YYYY-MM-DD}]`; "
	 "when one expires, fix the finding or renew it with a new reason and date.",
	 check_api_ignore);

API_RULE(ag_rule_api_ignore_unused, "api-ignore-unused", AG_SEV_WARNING,
	 "Every x-archgate-ignore entry covers a finding",
	 "\"Treat debt like a financial loan.\" A loan nobody draws on is paperwork "
	 "that hides the real ones. An exception that covers nothing is stale (the "
	 "problem was fixed) or "
	 "misplaced (the finding it meant to cover is still failing elsewhere).",
	 "Delete the entry, or move it onto the node the finding is on (or one of the "
	 "nodes above it: the operation, the path item, the document).",
	 check_api_ignore_unused);

static const struct ag_rule *rule_of(enum ag_api_rule r)
{
	static const struct ag_rule *const table[AG_API__NRULES] = {
		[AG_API_ERROR_RESPONSES] = &ag_rule_api_error_responses,
		[AG_API_STATUS_REGISTERED] = &ag_rule_api_status_registered,
		[AG_API_PROBLEM_JSON] = &ag_rule_api_problem_json,
		[AG_API_OPERATION_ID_UNIQUE] = &ag_rule_api_operation_id_unique,
		[AG_API_PATH_PARAMS] = &ag_rule_api_path_params,
		[AG_API_SERVERS] = &ag_rule_api_servers,
		[AG_API_UNUSED_COMPONENT] = &ag_rule_api_unused_component,
		[AG_API_REF] = &ag_rule_api_ref,
		[AG_API_EXAMPLE_VALID] = &ag_rule_api_example_valid,
		[AG_API_IGNORE] = &ag_rule_api_ignore,
		[AG_API_IGNORE_UNUSED] = &ag_rule_api_ignore_unused,
	};
	return (unsigned)r < AG_API__NRULES ? table[r] : NULL;
}

static struct ag_scalar scalar(const char *s, struct ag_pos pos)
{
	struct ag_scalar v = {0};
	v.s = s;
	v.len = s ? strlen(s) : 0;
	v.pos = pos;
	v.set = s != NULL;
	return v;
}

int ag_api_result_to_check(const struct ag_policy *p, const struct ag_api_result *ar,
			   struct ag_waiver *waivers, struct ag_result *res)
{
	memset(res, 0, sizeof(*res));
	res->max_phase = AG_NPHASES - 1;
	for (size_t i = 0; i < ar->nignores; i++) {
		const struct ag_api_ignore *g = &ar->ignores[i];
		struct ag_waiver *w = &waivers[i];
		memset(w, 0, sizeof(*w));
		w->pos = g->pos;
		w->rule = scalar(g->rule, g->rule_pos);
		w->reason = scalar(g->reason, g->reason_pos);
		w->expires = scalar(g->expires, g->expires_pos);
		w->expires.i = g->expires_day;
	}
	for (size_t i = 0; i < ar->n; i++) {
		const struct ag_api_finding *af = &ar->v[i];
		const struct ag_rule *r = rule_of(af->rule);
		int sev = p ? ag_policy_severity(p, r->id, (int)r->severity) : (int)r->severity;
		if (sev == AG_SEV_OFF)
			continue;
		struct ag_finding *v = ag_array_grow(res->findings.v, &res->findings.alloc,
						     res->findings.n + 1, sizeof(*v), 64);
		if (!v)
			return AG_ENOMEM;
		res->findings.v = v;
		struct ag_finding *f = &v[res->findings.n];
		memset(f, 0, sizeof(*f));
		f->rule = r;
		f->sev = (enum ag_severity)sev;
		f->phase = r->phase;
		f->line = af->pos.line;
		f->col = af->pos.col;
		if (!(f->message = strdup(af->message)) ||
		    !(f->file = strdup(af->pos.file))) {
			free(f->message);
			return AG_ENOMEM;
		}
		if (af->ignore)
			f->waiver = &waivers[af->ignore - ar->ignores];
		res->findings.n++;
	}
	ag_result_recount(res);
	return 0;
}

/* The specs matching policy pattern `pat` (from the repository root). */
static int glob_specs(const struct ag_model *m, const struct ag_scalar *pat, struct ag_api_set *s)
{
	const char *p = pat->s;
	bool up = !strcmp(p, "..") || !strncmp(p, "../", 3) || strstr(p, "/../") ||
		  (strlen(p) >= 3 && !strcmp(p + strlen(p) - 3, "/.."));
	if (p[0] == '/' || up) {
		ag_diags_addpos(s->diags, AG_SEV_ERROR, &pat->pos,
				"api.specs pattern '%s' leaves the repository; patterns are "
				"relative to its root, without '..'", p);
		return 0;
	}
	char *full = ag_path_join(m->root, p);
	if (!full)
		return AG_ENOMEM;
	glob_t g;
	int flags = GLOB_ERR;
#ifdef GLOB_BRACE
	flags |= GLOB_BRACE;
#endif
	int grc = glob(full, flags, NULL, &g);
	free(full);
	if (grc == GLOB_NOSPACE) {
		globfree(&g);
		return AG_ENOMEM;
	}
	if (grc == GLOB_NOMATCH || grc) {
		ag_diags_addpos(s->diags, AG_SEV_WARNING, &pat->pos,
				"api.specs pattern '%s' matches no file", p);
		globfree(&g);
		return 0;
	}
	size_t rl = strlen(m->root);
	int n = 0, rc = 0;
	for (size_t i = 0; i < g.gl_pathc && rc != AG_ENOMEM; i++) {
		const char *path = g.gl_pathv[i];
		const char *name = !strncmp(path, m->root, rl) && path[rl] == '/' ? path + rl + 1 : path;
		size_t doc;
		rc = ag_api_add(s, path, name, &doc);
		n++;
	}
	globfree(&g);
	return rc == AG_ENOMEM ? rc : n;
}

int ag_api_model_specs(const struct ag_model *m, struct ag_api_set *s)
{
	int n = 0;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		if (!c[i].openapi.set)
			continue;
		char *path = m->root ? ag_path_join(m->root, c[i].openapi.s) : strdup(c[i].openapi.s);
		if (!path)
			return AG_ENOMEM;
		size_t doc;
		int rc = ag_api_add(s, path, c[i].openapi.s, &doc);
		free(path);
		if (rc == AG_ENOMEM)
			return rc;
		n++;
	}
	const struct ag_scalar *pats = m->policy.api.specs.v;
	for (size_t i = 0; m->root && i < m->policy.api.specs.n; i++) {
		int k = glob_specs(m, &pats[i], s);
		if (k < 0)
			return k;
		n += k;
	}
	return n;
}

static bool names_specs(const struct ag_model *m)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++)
		if (c[i].openapi.set)
			return true;
	return m->policy.api.specs.n > 0;
}

/* One lint of the model's specs, shared by the api-* rules of a check run. */
struct ag_api_run {
	struct ag_diags d;
	struct ag_api_set s;
	struct ag_api_result ar;
	bool set_ok;
};

void ag_api_run_free(struct ag_api_run *run)
{
	if (!run)
		return;
	ag_api_result_release(&run->ar);
	if (run->set_ok)
		ag_api_set_release(&run->s);
	ag_diags_release(&run->d);
	free(run);
}

/* The run's lint, made by the first api-* rule that asks. NULL when the
 * model names no spec or the repository root cannot be used; ctx->err set
 * on ENOMEM. */
static const struct ag_api_run *api_run(struct ag_ctx *ctx)
{
	if (ctx->api)
		return ctx->api;
	const struct ag_model *m = ctx->model;
	if (!names_specs(m))
		return NULL;
	struct ag_api_run *run = calloc(1, sizeof(*run));
	if (!run) {
		ctx->err = AG_ENOMEM;
		return NULL;
	}
	ag_diags_init(&run->d);
	if (ag_api_set_init(&run->s, m->root, &run->d)) {
		ag_diags_release(&run->d);
		free(run);
		return NULL;
	}
	run->set_ok = true;
	int rc = ag_api_model_specs(m, &run->s);
	struct ag_api_lint_opts o = {ctx->today};
	if (rc >= 0)
		rc = ag_api_lint(&run->s, &o, &run->ar);
	if (rc == AG_ENOMEM) {
		ag_api_run_free(run);
		ctx->err = rc;
		return NULL;
	}
	return ctx->api = run;
}

/* Reports the current rule's findings of the run's lint. A spec that cannot
 * be read is reported by api-ref at its place (the check engine has no
 * input-error channel). */
static void check_api(struct ag_ctx *ctx, enum ag_api_rule which)
{
	const struct ag_api_run *run = api_run(ctx);
	if (!run)
		return;
	if (which == AG_API_REF)
		for (size_t i = 0; i < run->d.n; i++) {
			if (run->d.v[i].sev != AG_SEV_ERROR)
				continue;
			struct ag_pos pos = {run->d.v[i].file, run->d.v[i].line, run->d.v[i].col};
			ag_rule_report(ctx, &pos, "%s", run->d.v[i].message);
		}
	for (size_t i = 0; i < run->ar.n; i++)
		if (run->ar.v[i].rule == which && !run->ar.v[i].ignore)
			ag_rule_report(ctx, &run->ar.v[i].pos, "%s", run->ar.v[i].message);
}

#define CHECK(fn, which) \
	static void fn(struct ag_ctx *ctx) { check_api(ctx, which); }
CHECK(check_api_error_responses, AG_API_ERROR_RESPONSES)
CHECK(check_api_status_registered, AG_API_STATUS_REGISTERED)
CHECK(check_api_problem_json, AG_API_PROBLEM_JSON)
CHECK(check_api_operation_id_unique, AG_API_OPERATION_ID_UNIQUE)
CHECK(check_api_path_params, AG_API_PATH_PARAMS)
CHECK(check_api_servers, AG_API_SERVERS)
CHECK(check_api_unused_component, AG_API_UNUSED_COMPONENT)
CHECK(check_api_ref, AG_API_REF)
CHECK(check_api_example_valid, AG_API_EXAMPLE_VALID)
CHECK(check_api_ignore, AG_API_IGNORE)
CHECK(check_api_ignore_unused, AG_API_IGNORE_UNUSED)
