/*
 * api_lint.c - the built-in API rules and x-archgate-ignore; see api_lint.h.
 *
 * Two passes. The scan visits every node of every document once (an
 * explicit stack, no recursion): it resolves each $ref (api-ref), notes
 * which components are referenced and collects the x-archgate-ignore
 * entries. The rules then walk only the structure OpenAPI defines (paths,
 * path items, operations, parameters, responses, media types), following
 * $refs with ag_api_deref() where the specification allows them, and never
 * descend into schemas: a recursive schema costs nothing. Every finding
 * remembers the chain of mappings the walk went through, so an ignore on
 * an operation covers a problem found in a response it references; ignores
 * are applied once all findings are in.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_lint.h"
#include "api_schema.h"
#include "api_status.h"
#include "base/array.h"
#include "base/buf.h"
#include "yaml/schema.h"

static const char *const rule_ids[AG_API__NRULES] = {
	[AG_API_ERROR_RESPONSES] = "api-error-responses",
	[AG_API_STATUS_REGISTERED] = "api-status-registered",
	[AG_API_PROBLEM_JSON] = "api-problem-json",
	[AG_API_OPERATION_ID_UNIQUE] = "api-operation-id-unique",
	[AG_API_PATH_PARAMS] = "api-path-params",
	[AG_API_SERVERS] = "api-servers",
	[AG_API_UNUSED_COMPONENT] = "api-unused-component",
	[AG_API_REF] = "api-ref",
	[AG_API_EXAMPLE_VALID] = "api-example-valid",
	[AG_API_IGNORE] = "api-ignore",
	[AG_API_IGNORE_UNUSED] = "api-ignore-unused",
};

const char *ag_api_rule_id(enum ag_api_rule r)
{
	return (unsigned)r < AG_API__NRULES ? rule_ids[r] : NULL;
}

int ag_api_rule_find(const char *id, size_t len)
{
	for (int i = 0; i < AG_API__NRULES; i++)
		if (strlen(rule_ids[i]) == len && !memcmp(rule_ids[i], id, len))
			return i;
	return -1;
}

#define CHAIN_MAX 12

/* What a finding needs until the ignores are applied. */
struct pending {
	const struct ag_ynode *chain[CHAIN_MAX];
	int n;
};

struct used {
	const struct ag_ynode *node;
};

struct opid {
	const struct ag_ynode *id, *op;
	size_t doc;
	char *label; /* owned */
};

struct seen;

struct lint {
	struct ag_api_set *s;
	struct ag_api_result *res;
	const struct ag_api_lint_opts *o;
	struct pending *pend;
	size_t pend_alloc;
	/* the walk's current chain of mappings */
	const struct ag_ynode *chain[CHAIN_MAX];
	int depth;
	/* components referenced ($ref targets at /components/KIND/NAME) */
	const struct ag_ynode **used;
	size_t nused, used_alloc;
	/* security scheme names used in security requirements, per root doc */
	const struct ag_ynode **sec;
	size_t nsec, sec_alloc;
	struct opid *ops;
	size_t nops, ops_alloc;
	size_t nign_alloc;
	/* media types and parameters whose examples were checked (shared
	 * components are checked once) */
	struct seen *examples;
	size_t example_budget; /* schema steps left for all examples of the run */
	/* the operation being walked */
	const char *op_label;
	int err;
};

static void push(struct lint *L, const struct ag_ynode *n)
{
	if (L->depth < CHAIN_MAX)
		L->chain[L->depth] = n;
	L->depth++;
}

static void pop(struct lint *L)
{
	L->depth--;
}

static void vreport(struct lint *L, enum ag_api_rule rule, const char *file,
		    const struct ag_ynode *at, const struct ag_pos *via, const char *fmt,
		    va_list ap) __attribute__((format(printf, 6, 0)));

/* A finding of `rule` at node `at` of document `file`; `via` is the place
 * of the $ref the walk followed to reach it, when it did. */
static void vreport(struct lint *L, enum ag_api_rule rule, const char *file,
		    const struct ag_ynode *at, const struct ag_pos *via, const char *fmt,
		    va_list ap)
{
	if (L->err)
		return;
	struct ag_api_result *r = L->res;
	if (r->n >= AG_API_MAX_FINDINGS) {
		r->dropped++;
		return;
	}
	struct ag_api_finding *v = ag_array_grow(r->v, &r->alloc, r->n + 1, sizeof(*v), 64);
	if (!v) {
		L->err = AG_ENOMEM;
		return;
	}
	r->v = v;
	if (r->alloc > L->pend_alloc) {
		struct pending *p = realloc(L->pend, r->alloc * sizeof(*p));
		if (!p) {
			L->err = AG_ENOMEM;
			return;
		}
		L->pend = p;
		L->pend_alloc = r->alloc;
	}
	struct ag_buf b = AG_BUF_INIT;
	int rc = 0;
	if (L->op_label && rule != AG_API_REF && rule != AG_API_IGNORE &&
	    rule != AG_API_UNUSED_COMPONENT && rule != AG_API_EXAMPLE_VALID)
		rc = ag_buf_printf(&b, "%s: ", L->op_label);
	if (!rc)
		rc = ag_buf_vprintf(&b, fmt, ap);
	if (!rc && via && via->file)
		rc = ag_buf_printf(&b, " (reached through the $ref at %s:%d:%d)", via->file,
				   via->line, via->col);
	if (rc) {
		ag_buf_release(&b);
		L->err = AG_ENOMEM;
		return;
	}
	struct ag_api_finding *f = &r->v[r->n];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->message = ag_buf_detach(&b, NULL);
	f->pos.file = file;
	f->pos.line = at ? at->line : 1;
	f->pos.col = at ? at->col : 1;
	struct pending *p = &L->pend[r->n];
	p->n = 0;
	int depth = L->depth < CHAIN_MAX ? L->depth : CHAIN_MAX;
	for (int i = 0; i < depth && p->n < CHAIN_MAX; i++)
		p->chain[p->n++] = L->chain[i];
	if (at && at->kind == AG_Y_MAP && p->n < CHAIN_MAX)
		p->chain[p->n++] = at;
	r->n++;
}

static void report(struct lint *L, enum ag_api_rule rule, const char *file,
		   const struct ag_ynode *at, const struct ag_pos *via, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void report(struct lint *L, enum ag_api_rule rule, const char *file,
		   const struct ag_ynode *at, const struct ag_pos *via, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(L, rule, file, at, via, fmt, ap);
	va_end(ap);
}

static bool is_str(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_is_null(n);
}

static bool key_is(const struct ag_ynode *k, const char *s)
{
	size_t l = strlen(s);
	return k->len == l && !memcmp(k->str, s, l);
}

/* ---- the scan: $refs, used components, ignores ------------------------------------- */

static int add_used(struct lint *L, const struct ag_ynode *n)
{
	const struct ag_ynode **v = ag_array_grow(L->used, &L->used_alloc, L->nused + 1,
						  sizeof(*v), 64);
	if (!v)
		return AG_ENOMEM;
	L->used = v;
	L->used[L->nused++] = n;
	return 0;
}

/* After `ref` (written in doc `from`) resolved: if it names something under
 * a component section, mark that component used. */
static int mark_component(struct lint *L, size_t from, const char *ref)
{
	const char *hash = strchr(ref, '#');
	if (!hash || hash[1] != '/')
		return 0;
	/* the first two segments (definitions/X) or three (components/K/X) */
	const char *p = hash + 2;
	int want = !strncmp(p, "components/", 11) ? 3 : 2;
	const char *e = p;
	for (int seg = 0; seg < want; seg++) {
		e = strchr(e, '/');
		if (!e) {
			e = p + strlen(p);
			if (seg + 1 < want)
				return 0;
			break;
		}
		if (seg + 1 < want)
			e++;
	}
	size_t l = (size_t)(e - ref);
	char buf[2048];
	if (l >= sizeof(buf))
		return 0;
	memcpy(buf, ref, l);
	buf[l] = '\0';
	struct ag_api_loc at;
	char why[256];
	int rc = ag_api_resolve(L->s, from, buf, &at, why, sizeof(why));
	if (rc == AG_ENOMEM)
		return rc;
	return rc ? 0 : add_used(L, at.node);
}

static void read_ignores(struct lint *L, size_t doc, const struct ag_ynode *owner,
			 const struct ag_ynode *list)
{
	const char *file = L->s->docs[doc].name;
	if (list->kind != AG_Y_SEQ) {
		report(L, AG_API_IGNORE, file, list, NULL,
		       "x-archgate-ignore is %s; it is a list of {rule, reason, expires}",
		       ag_yaml_describe(list));
		return;
	}
	for (size_t i = 0; i < list->n && !L->err; i++) {
		const struct ag_ynode *e = list->kids[i];
		if (e->kind != AG_Y_MAP) {
			report(L, AG_API_IGNORE, file, e, NULL,
			       "an x-archgate-ignore entry is %s; write {rule: ID, reason: WHY, "
			       "expires: YYYY-MM-DD}", ag_yaml_describe(e));
			continue;
		}
		const struct ag_ynode *rule = ag_yaml_get(e, "rule");
		const struct ag_ynode *reason = ag_yaml_get(e, "reason");
		const struct ag_ynode *exp = ag_yaml_get(e, "expires");
		bool ok = true;
		for (size_t k = 0; k + 1 < e->n; k += 2) {
			const struct ag_ynode *key = e->kids[k];
			if (!key_is(key, "rule") && !key_is(key, "reason") && !key_is(key, "expires")) {
				report(L, AG_API_IGNORE, file, key, NULL,
				       "unknown key '%s' in an x-archgate-ignore entry (rule, reason, "
				       "expires)", key->str);
				ok = false;
			}
		}
		if (!is_str(rule)) {
			report(L, AG_API_IGNORE, file, e, NULL,
			       "an x-archgate-ignore entry without a rule");
			continue;
		}
		if (ag_api_rule_find(rule->str, rule->len) < 0) {
			report(L, AG_API_IGNORE, file, rule, NULL,
			       "x-archgate-ignore names unknown rule '%s' (archgate rules lists "
			       "the api-* rules)", rule->str);
			continue;
		}
		if (!is_str(reason)) {
			report(L, AG_API_IGNORE, file, e, NULL,
			       "the x-archgate-ignore entry for '%s' gives no reason; an exception "
			       "without its why is an accident", rule->str);
			ok = false;
		}
		long day = 0;
		if (!exp) {
			report(L, AG_API_IGNORE, file, e, NULL,
			       "the x-archgate-ignore entry for '%s' has no expires date; "
			       "exceptions are loans and loans have terms", rule->str);
			ok = false;
		} else if ((!is_str(exp) || ag_date_parse(exp->str, exp->len, &day))) {
			report(L, AG_API_IGNORE, file, exp, NULL,
			       "expires is '%s', not a date (YYYY-MM-DD)",
			       exp->kind == AG_Y_SCALAR ? exp->str : ag_yaml_describe(exp));
			ok = false;
		}
		if (!ok)
			continue;
		struct ag_api_result *r = L->res;
		struct ag_api_ignore *v = ag_array_grow(r->ignores, &L->nign_alloc, r->nignores + 1,
							sizeof(*v), 8);
		if (!v) {
			L->err = AG_ENOMEM;
			return;
		}
		r->ignores = v;
		struct ag_api_ignore *g = &r->ignores[r->nignores++];
		memset(g, 0, sizeof(*g));
		g->owner = owner;
		g->rule = rule->str;
		g->reason = reason->str;
		g->pos = (struct ag_pos){file, e->line, e->col};
		g->rule_pos = (struct ag_pos){file, rule->line, rule->col};
		g->reason_pos = (struct ag_pos){file, reason->line, reason->col};
		g->expires = exp->str;
		g->expires_pos = (struct ag_pos){file, exp->line, exp->col};
		g->expires_day = day;
		g->expired = day < L->o->today;
		if (g->expired)
			report(L, AG_API_IGNORE, file, exp, NULL,
			       "the x-archgate-ignore entry for '%s' expired on %s (reason "
			       "given: %s); fix the finding or renew the entry",
			       g->rule, g->expires, g->reason);
	}
}

/* A set of container nodes already scanned: a node shared through YAML
 * aliases is scanned once, however many aliases name it. */
struct seen {
	const struct ag_ynode **v;
	size_t cap, n;
};

static size_t seen_hash(const struct ag_ynode *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 20) & (cap - 1);
}

/* 1 when `p` was new (and is now in), 0 when seen, AG_ENOMEM. */
static int seen_add(struct seen *s, const struct ag_ynode *p)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		const struct ag_ynode **v = calloc(cap, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->v[i])
				continue;
			size_t k = seen_hash(s->v[i], cap);
			while (v[k])
				k = (k + 1) & (cap - 1);
			v[k] = s->v[i];
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	size_t k = seen_hash(p, s->cap);
	for (; s->v[k]; k = (k + 1) & (s->cap - 1))
		if (s->v[k] == p)
			return 0;
	s->v[k] = p;
	s->n++;
	return 1;
}

/* Every node of document `doc`, each once (an explicit stack: nesting
 * cannot overflow the C stack). */
static void scan_doc(struct lint *L, size_t doc)
{
	const struct ag_ynode *root = L->s->docs[doc].root;
	if (!root)
		return;
	const char *file = L->s->docs[doc].name;
	const struct ag_ynode **stack = NULL;
	size_t n = 0, alloc = 0;
	const struct ag_ynode **v = ag_array_grow(stack, &alloc, 1, sizeof(*v), 256);
	if (!v) {
		L->err = AG_ENOMEM;
		return;
	}
	stack = v;
	stack[n++] = root;
	struct seen seen = {0};
	L->depth = 0;
	push(L, root); /* an ignore on the document covers the scan's findings too */
	while (n && !L->err) {
		const struct ag_ynode *node = stack[--n];
		if (node->kind == AG_Y_SCALAR)
			continue;
		int fresh = seen_add(&seen, node);
		if (fresh < 0) {
			L->err = fresh;
			break;
		}
		if (!fresh)
			continue;
		if (node->kind == AG_Y_MAP) {
			const struct ag_ynode *ref = ag_yaml_get(node, "$ref");
			if (ref && ref->kind == AG_Y_SCALAR) {
				struct ag_api_loc at = {doc, node}, out;
				char why[512];
				int rc = ag_api_deref(L->s, at, &out, why, sizeof(why));
				if (rc == AG_ENOMEM) {
					L->err = rc;
				} else if (rc) {
					push(L, node);
					report(L, AG_API_REF, file, ref, NULL,
					       "$ref '%s' does not resolve: %s", ref->str, why);
					pop(L);
				}
				/* what a $ref names is used, even when a chain beyond it breaks */
				if (!L->err && (rc = mark_component(L, doc, ref->str)))
					L->err = rc;
			}
			const struct ag_ynode *ign = ag_yaml_get(node, "x-archgate-ignore");
			if (ign)
				read_ignores(L, doc, node, ign);
		}
		if (!(v = ag_array_grow(stack, &alloc, n + node->n, sizeof(*v), 256))) {
			L->err = AG_ENOMEM;
			break;
		}
		stack = v;
		for (size_t i = node->n; i > 0; i--)
			if (node->kids[i - 1]->kind != AG_Y_SCALAR)
				stack[n++] = node->kids[i - 1];
	}
	pop(L);
	free(seen.v);
	free(stack);
}

/* ---- the rules' walk ---------------------------------------------------------------- */

static const char *const methods[] = {"get", "put", "post", "delete", "options",
				      "head", "patch", "trace", "query"};

/* Follows a $ref at `at` for a rule; reports api-ref problems no further (the
 * scan did). Returns false when it does not resolve. */
static bool deref(struct lint *L, size_t doc, const struct ag_ynode *at, struct ag_api_loc *out,
		  struct ag_pos *via)
{
	via->file = NULL;
	char why[512];
	int rc = ag_api_deref(L->s, (struct ag_api_loc){doc, at}, out, why, sizeof(why));
	if (rc == AG_ENOMEM)
		L->err = rc;
	if (rc)
		return false;
	if (out->node != at) {
		const struct ag_ynode *r = ag_yaml_get(at, "$ref");
		*via = (struct ag_pos){L->s->docs[doc].name, r->line, r->col};
	}
	return true;
}

static bool media_is_problem_json(const struct ag_ynode *k)
{
	static const char want[] = "application/problem+json";
	size_t n = k->len;
	const char *semi = memchr(k->str, ';', n);
	if (semi)
		n = (size_t)(semi - k->str);
	while (n && k->str[n - 1] == ' ')
		n--;
	return n == sizeof(want) - 1 && !strncasecmp(k->str, want, n);
}

static bool list_has_problem_json(const struct ag_ynode *seq)
{
	if (!seq || seq->kind != AG_Y_SEQ)
		return false;
	for (size_t i = 0; i < seq->n; i++)
		if (seq->kids[i]->kind == AG_Y_SCALAR && media_is_problem_json(seq->kids[i]))
			return true;
	return false;
}

/* An error response: RFC 9457 body. */
static void check_problem(struct lint *L, size_t opdoc, size_t respdoc, const struct ag_ynode *op,
			  const struct ag_ynode *code, const struct ag_ynode *resp_at)
{
	struct ag_api_loc r;
	struct ag_pos via;
	if (!deref(L, respdoc, resp_at, &r, &via) || r.node->kind != AG_Y_MAP)
		return;
	const char *file = L->s->docs[r.doc].name;
	push(L, resp_at);
	push(L, r.node);
	if (L->s->docs[opdoc].dialect == AG_API_SWAGGER2) {
		const struct ag_ynode *produces = ag_yaml_get(op, "produces");
		if (!produces)
			produces = ag_yaml_get(L->s->docs[opdoc].root, "produces");
		if (!list_has_problem_json(produces))
			report(L, AG_API_PROBLEM_JSON, file, r.node, via.file ? &via : NULL,
			       "error response %s: the operation does not produce "
			       "application/problem+json (RFC 9457)", code->str);
	} else {
		const struct ag_ynode *content = ag_yaml_get(r.node, "content");
		if (!content || content->kind != AG_Y_MAP || !content->n) {
			report(L, AG_API_PROBLEM_JSON, file, r.node, via.file ? &via : NULL,
			       "error response %s has no content; declare an "
			       "application/problem+json body (RFC 9457)", code->str);
		} else {
			bool ok = false;
			for (size_t i = 0; i + 1 < content->n && !ok; i += 2)
				ok = media_is_problem_json(content->kids[i]);
			if (!ok)
				report(L, AG_API_PROBLEM_JSON, file, content->kids[0],
				       via.file ? &via : NULL,
				       "error response %s is '%s', not application/problem+json "
				       "(RFC 9457)", code->str, content->kids[0]->str);
		}
	}
	pop(L);
	pop(L);
}

/* Whether `n` is seen for the first time by the example checks. */
static bool first_visit(struct lint *L, const struct ag_ynode *n)
{
	int r = seen_add(L->examples, n);
	if (r < 0)
		L->err = r;
	return r == 1;
}

static void check_one_example(struct lint *L, size_t sdoc, const struct ag_ynode *schema,
			      size_t vdoc, const struct ag_ynode *value, const char *what)
{
	char why[512];
	const struct ag_ynode *at = value;
	if (!L->example_budget) {
		L->res->examples_unchecked++;
		return;
	}
	int r = ag_api_schema_check(L->s, (struct ag_api_loc){sdoc, schema}, value,
				    L->s->docs[sdoc].dialect != AG_API_OAS31, &L->example_budget,
				    why, sizeof(why), &at);
	if (r == AG_ENOMEM)
		L->err = r;
	else if (r == AG_API_INVALID)
		report(L, AG_API_EXAMPLE_VALID, L->s->docs[vdoc].name, at ? at : value, NULL,
		       "%s does not match its schema: %s", what, why);
}

/* `example` and `examples` (a map of Example objects, each possibly a $ref,
 * with `value`) of `owner` (a media type or a parameter), against `schema`. */
static void check_examples(struct lint *L, size_t doc, const struct ag_ynode *owner,
			   const struct ag_ynode *schema)
{
	if (!schema || !owner || owner->kind != AG_Y_MAP || !first_visit(L, owner))
		return;
	const struct ag_ynode *ex = ag_yaml_get(owner, "example");
	if (ex)
		check_one_example(L, doc, schema, doc, ex, "the example");
	const struct ag_ynode *exs = ag_yaml_get(owner, "examples");
	if (!exs || exs->kind != AG_Y_MAP)
		return;
	for (size_t i = 0; i + 1 < exs->n && !L->err; i += 2) {
		struct ag_api_loc e;
		struct ag_pos via;
		if (!deref(L, doc, exs->kids[i + 1], &e, &via) || e.node->kind != AG_Y_MAP)
			continue;
		const struct ag_ynode *val = ag_yaml_get(e.node, "value");
		if (!val)
			continue;
		char what[160];
		snprintf(what, sizeof(what), "example '%.100s'", exs->kids[i]->str);
		check_one_example(L, doc, schema, e.doc, val, what);
	}
}

/* Every media type of a `content` map. */
static void check_content_examples(struct lint *L, size_t doc, const struct ag_ynode *content)
{
	if (!content || content->kind != AG_Y_MAP)
		return;
	for (size_t i = 0; i + 1 < content->n && !L->err; i += 2) {
		const struct ag_ynode *mt = content->kids[i + 1];
		check_examples(L, doc, mt, ag_yaml_get(mt, "schema"));
	}
}

/* The examples of an operation: parameters, request body, responses. */
static void operation_examples(struct lint *L, size_t doc, const struct ag_ynode *item,
			       const struct ag_ynode *op)
{
	bool sw2 = L->s->docs[doc].dialect == AG_API_SWAGGER2;
	const struct ag_ynode *lists[2] = {ag_yaml_get(item, "parameters"),
					   ag_yaml_get(op, "parameters")};
	for (int l = 0; l < 2; l++) {
		const struct ag_ynode *list = lists[l];
		for (size_t i = 0; list && list->kind == AG_Y_SEQ && i < list->n && !L->err; i++) {
			struct ag_api_loc p;
			struct ag_pos via;
			if (!deref(L, doc, list->kids[i], &p, &via) || p.node->kind != AG_Y_MAP)
				continue;
			check_examples(L, p.doc, p.node, ag_yaml_get(p.node, "schema"));
			check_content_examples(L, p.doc, ag_yaml_get(p.node, "content"));
		}
	}
	struct ag_api_loc body;
	struct ag_pos via;
	const struct ag_ynode *rb = ag_yaml_get(op, "requestBody");
	if (rb && deref(L, doc, rb, &body, &via))
		check_content_examples(L, body.doc, ag_yaml_get(body.node, "content"));
	struct ag_api_loc rl;
	const struct ag_ynode *resp = ag_yaml_get(op, "responses");
	if (!resp || !deref(L, doc, resp, &rl, &via) || rl.node->kind != AG_Y_MAP)
		return;
	for (size_t i = 0; i + 1 < rl.node->n && !L->err; i += 2) {
		struct ag_api_loc r;
		if (!deref(L, rl.doc, rl.node->kids[i + 1], &r, &via) || r.node->kind != AG_Y_MAP)
			continue;
		if (!sw2) {
			check_content_examples(L, r.doc, ag_yaml_get(r.node, "content"));
			continue;
		}
		/* Swagger 2.0: examples: {media type: value} against the schema */
		const struct ag_ynode *schema = ag_yaml_get(r.node, "schema");
		const struct ag_ynode *exs = ag_yaml_get(r.node, "examples");
		if (!schema || !exs || exs->kind != AG_Y_MAP || !first_visit(L, r.node))
			continue;
		for (size_t k = 0; k + 1 < exs->n && !L->err; k += 2) {
			char what[160];
			snprintf(what, sizeof(what), "the %.100s example", exs->kids[k]->str);
			check_one_example(L, r.doc, schema, r.doc, exs->kids[k + 1], what);
		}
	}
}

static void check_responses(struct lint *L, size_t doc, const struct ag_ynode *op,
			    const struct ag_ynode *opkey)
{
	/* a response to HEAD has no body (RFC 9110 9.3.2): nothing to be problem+json */
	bool head = key_is(opkey, "head");
	const struct ag_ynode *resp = ag_yaml_get(op, "responses");
	struct ag_api_loc rl = {doc, resp};
	struct ag_pos via = {0};
	if (resp && !deref(L, doc, resp, &rl, &via))
		return;
	resp = rl.node;
	const char *file = L->s->docs[rl.doc].name; /* where the codes are written */
	if (!resp || resp->kind != AG_Y_MAP || !resp->n) {
		report(L, AG_API_ERROR_RESPONSES, file, resp ? resp : opkey, NULL,
		       "declares no responses; declare at least one 4xx and one 5xx (or "
		       "default)");
		return;
	}
	push(L, resp);
	bool has4 = false, has5 = false;
	for (size_t i = 0; i + 1 < resp->n && !L->err; i += 2) {
		const struct ag_ynode *k = resp->kids[i];
		const char *s = k->str;
		bool error_class = false;
		if (k->len >= 2 && s[0] == 'x' && s[1] == '-')
			continue;
		if (key_is(k, "default")) {
			has5 = error_class = true;
		} else if (k->len == 3 && s[0] >= '1' && s[0] <= '5' &&
			   (s[1] == 'X' || s[1] == 'x') && (s[2] == 'X' || s[2] == 'x')) {
			error_class = s[0] >= '4';
		} else if (k->len == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
			   s[1] <= '9' && s[2] >= '0' && s[2] <= '9') {
			int code = ag_leading_number(s);
			const char *reason;
			switch (ag_http_status(code, &reason)) {
			case AG_HTTP_REGISTERED:
				break;
			case AG_HTTP_UNUSED:
				report(L, AG_API_STATUS_REGISTERED, file, k, NULL,
				       "status %d is reserved as unused in the HTTP status code "
				       "registry; use a registered code", code);
				break;
			case AG_HTTP_OBSOLETE:
				report(L, AG_API_STATUS_REGISTERED, file, k, NULL,
				       "status %d (%s) is obsolete in the HTTP status code registry",
				       code, reason);
				break;
			case AG_HTTP_UNREGISTERED:
				report(L, AG_API_STATUS_REGISTERED, file, k, NULL,
				       "status %d is not a registered HTTP status code (RFC 9110 and "
				       "the IANA registry)", code);
				break;
			}
			error_class = code >= 400 && code <= 599;
		} else {
			report(L, AG_API_STATUS_REGISTERED, file, k, NULL,
			       "'%s' is not a status code (a registered code such as 404, a "
			       "range such as 4XX, or default)", s);
			continue;
		}
		if (s[0] == '4')
			has4 = true;
		if (s[0] == '5')
			has5 = true;
		if (error_class && !head)
			check_problem(L, doc, rl.doc, op, k, resp->kids[i + 1]);
	}
	const struct ag_ynode *at = resp->n ? resp->kids[0] : resp;
	if (!has4)
		report(L, AG_API_ERROR_RESPONSES, file, at, via.file ? &via : NULL,
		       "declares no 4xx response; say how a client's mistake is answered");
	if (!has5)
		report(L, AG_API_ERROR_RESPONSES, file, at, via.file ? &via : NULL,
		       "declares no 5xx or default response; say how a failure is answered");
	pop(L);
}

struct param {
	const struct ag_ynode *name, *node;
	size_t doc;
	struct ag_pos via;
};

/* The path parameters of `list` (a parameters sequence) into `out`. */
static size_t path_params(struct lint *L, size_t doc, const struct ag_ynode *list,
			  struct param *out, size_t n, size_t max)
{
	if (!list || list->kind != AG_Y_SEQ)
		return n;
	for (size_t i = 0; i < list->n && n < max; i++) {
		struct ag_api_loc p;
		struct ag_pos via;
		if (!deref(L, doc, list->kids[i], &p, &via))
			continue;
		const struct ag_ynode *in = ag_yaml_get(p.node, "in");
		const struct ag_ynode *name = ag_yaml_get(p.node, "name");
		if (!is_str(in) || strcmp(in->str, "path") || !is_str(name))
			continue;
		/* an operation's parameter overrides the path item's of the same name */
		size_t k;
		for (k = 0; k < n; k++)
			if (!strcmp(out[k].name->str, name->str))
				break;
		out[k] = (struct param){name, p.node, p.doc, via};
		if (k == n)
			n++;
	}
	return n;
}

static void check_path_params(struct lint *L, size_t pathdoc, size_t doc,
			      const struct ag_ynode *pathkey, const struct ag_ynode *item,
			      const struct ag_ynode *op)
{
	enum { MAXP = 64 };
	struct param ps[MAXP];
	size_t n = path_params(L, doc, ag_yaml_get(item, "parameters"), ps, 0, MAXP);
	n = path_params(L, doc, ag_yaml_get(op, "parameters"), ps, n, MAXP);
	bool seen[MAXP] = {0};
	const char *file = L->s->docs[pathdoc].name; /* the path template's */
	const char *p = pathkey->str;
	while ((p = strchr(p, '{'))) {
		const char *e = strchr(p, '}');
		if (!e)
			break;
		size_t l = (size_t)(e - p - 1);
		bool found = false;
		for (size_t k = 0; k < n; k++) {
			if (ps[k].name->len == l && !memcmp(ps[k].name->str, p + 1, l)) {
				found = seen[k] = true;
				break;
			}
		}
		if (!found)
			report(L, AG_API_PATH_PARAMS, file, pathkey, NULL,
			       "path parameter '%.*s' is not declared (parameters: [{name: %.*s, "
			       "in: path, required: true}])", (int)l, p + 1, (int)l, p + 1);
		p = e + 1;
	}
	for (size_t k = 0; k < n; k++) {
		const char *pf = L->s->docs[ps[k].doc].name;
		const struct ag_pos *via = ps[k].via.file ? &ps[k].via : NULL;
		if (!seen[k])
			report(L, AG_API_PATH_PARAMS, pf, ps[k].node, via,
			       "path parameter '%s' is not in the path template '%s'",
			       ps[k].name->str, pathkey->str);
		else if (ag_yaml_bool(ag_yaml_get(ps[k].node, "required")) != 1)
			report(L, AG_API_PATH_PARAMS, pf, ps[k].node, via,
			       "path parameter '%s' must say required: true", ps[k].name->str);
	}
}

static void note_security(struct lint *L, const struct ag_ynode *list)
{
	if (!list || list->kind != AG_Y_SEQ)
		return;
	for (size_t i = 0; i < list->n; i++) {
		const struct ag_ynode *req = list->kids[i];
		if (req->kind != AG_Y_MAP)
			continue;
		for (size_t k = 0; k + 1 < req->n; k += 2) {
			const struct ag_ynode **v = ag_array_grow(L->sec, &L->sec_alloc,
								  L->nsec + 1, sizeof(*v), 16);
			if (!v) {
				L->err = AG_ENOMEM;
				return;
			}
			L->sec = v;
			L->sec[L->nsec++] = req->kids[k];
		}
	}
}

static void operation(struct lint *L, size_t pathdoc, size_t doc, const struct ag_ynode *pathkey,
		      const struct ag_ynode *item, const struct ag_ynode *opkey,
		      const struct ag_ynode *op)
{
	char label[512];
	char meth[16];
	size_t ml = opkey->len < sizeof(meth) - 1 ? opkey->len : sizeof(meth) - 1;
	for (size_t i = 0; i < ml; i++)
		meth[i] = (char)(opkey->str[i] >= 'a' && opkey->str[i] <= 'z' ? opkey->str[i] - 32
									    : opkey->str[i]);
	meth[ml] = '\0';
	snprintf(label, sizeof(label), "%s %s", meth, pathkey->str);
	L->op_label = label;
	L->res->operations++;
	push(L, op);
	const struct ag_ynode *id = ag_yaml_get(op, "operationId");
	if (is_str(id)) {
		struct opid *v = ag_array_grow(L->ops, &L->ops_alloc, L->nops + 1, sizeof(*v), 64);
		char *lab = strdup(label);
		if (!v || !lab) {
			free(lab);
			L->err = AG_ENOMEM;
		} else {
			L->ops = v;
			L->ops[L->nops++] = (struct opid){id, op, doc, lab};
		}
	}
	note_security(L, ag_yaml_get(op, "security"));
	check_path_params(L, pathdoc, doc, pathkey, item, op);
	check_responses(L, doc, op, opkey);
	operation_examples(L, doc, item, op);
	pop(L);
	L->op_label = NULL;
}

static void walk_paths(struct lint *L, size_t doc)
{
	const struct ag_ynode *paths = ag_yaml_get(L->s->docs[doc].root, "paths");
	if (!paths || paths->kind != AG_Y_MAP)
		return;
	push(L, paths);
	for (size_t i = 0; i + 1 < paths->n && !L->err; i += 2) {
		const struct ag_ynode *key = paths->kids[i];
		if (key->len >= 2 && key->str[0] == 'x' && key->str[1] == '-')
			continue;
		struct ag_api_loc item;
		struct ag_pos via;
		if (!deref(L, doc, paths->kids[i + 1], &item, &via) || item.node->kind != AG_Y_MAP)
			continue;
		push(L, paths->kids[i + 1]);
		push(L, item.node);
		for (size_t k = 0; k + 1 < item.node->n && !L->err; k += 2) {
			const struct ag_ynode *mk = item.node->kids[k];
			for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
				if (key_is(mk, methods[m]) && item.node->kids[k + 1]->kind == AG_Y_MAP) {
					/* an operation is in the path item's document */
					operation(L, doc, item.doc, key, item.node, mk,
						  item.node->kids[k + 1]);
					break;
				}
			}
		}
		pop(L);
		pop(L);
	}
	pop(L);
}

static bool has_servers(const struct ag_ynode *n)
{
	const struct ag_ynode *s = ag_yaml_get(n, "servers");
	return s && s->kind == AG_Y_SEQ && s->n;
}

/* OpenAPI 3 lets each path item, or each operation, say where it is served
 * instead of the document: then no document-level servers are needed. */
static bool every_path_has_servers(struct lint *L, size_t doc)
{
	const struct ag_ynode *paths = ag_yaml_get(L->s->docs[doc].root, "paths");
	if (!paths || paths->kind != AG_Y_MAP || !paths->n)
		return false;
	for (size_t i = 0; i + 1 < paths->n; i += 2) {
		if (paths->kids[i]->len >= 2 && !memcmp(paths->kids[i]->str, "x-", 2))
			continue;
		struct ag_api_loc item;
		struct ag_pos via;
		if (!deref(L, doc, paths->kids[i + 1], &item, &via) || item.node->kind != AG_Y_MAP)
			return false;
		if (has_servers(item.node))
			continue;
		bool ops = false;
		for (size_t k = 0; k + 1 < item.node->n; k += 2) {
			for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
				if (!key_is(item.node->kids[k], methods[m]))
					continue;
				if (!has_servers(item.node->kids[k + 1]))
					return false;
				ops = true;
			}
		}
		if (!ops)
			return false;
	}
	return true;
}

static void check_servers(struct lint *L, size_t doc)
{
	const struct ag_api_doc *d = &L->s->docs[doc];
	const struct ag_ynode *root = d->root;
	const struct ag_ynode *top = ag_yaml_get(root, d->dialect == AG_API_SWAGGER2 ? "swagger"
										    : "openapi");
	const struct ag_ynode *at = top ? top : root;
	if (d->dialect == AG_API_SWAGGER2) {
		if (!is_str(ag_yaml_get(root, "host")))
			report(L, AG_API_SERVERS, d->name, at, NULL,
			       "no host: the spec does not say where the API is served");
		return;
	}
	const struct ag_ynode *s = ag_yaml_get(root, "servers");
	if (!s || s->kind != AG_Y_SEQ || !s->n) {
		if (every_path_has_servers(L, doc))
			return;
		report(L, AG_API_SERVERS, d->name, s ? s : at, NULL,
		       "no servers: the spec does not say where the API is served "
		       "(servers: [{url: https://api.example.com}])");
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		if (!is_str(ag_yaml_get(s->kids[i], "url")))
			report(L, AG_API_SERVERS, d->name, s->kids[i], NULL,
			       "a server without a url");
}

static int ptr_cmp(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	return (x > y) - (x < y);
}

static bool in_sorted(const struct ag_ynode **v, size_t n, const struct ag_ynode *p)
{
	return n && bsearch(&p, v, n, sizeof(*v), ptr_cmp) != NULL;
}

static int name_cmp(const void *a, const void *b)
{
	const struct ag_ynode *x = *(const struct ag_ynode *const *)a;
	const struct ag_ynode *y = *(const struct ag_ynode *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* L->sec is sorted by name (ag_api_lint) before this is asked. */
static bool sec_used(struct lint *L, const struct ag_ynode *name)
{
	return L->nsec && bsearch(&name, L->sec, L->nsec, sizeof(*L->sec), name_cmp) != NULL;
}

static void check_unused(struct lint *L, size_t doc)
{
	const struct ag_api_doc *d = &L->s->docs[doc];
	static const char *const oas3[] = {"schemas", "responses", "parameters", "examples",
					   "requestBodies", "headers", "securitySchemes",
					   "links", "callbacks", "pathItems"};
	static const char *const sw2[] = {"definitions", "parameters", "responses",
					  "securityDefinitions"};
	const struct ag_ynode *base = d->dialect == AG_API_SWAGGER2
					      ? d->root : ag_yaml_get(d->root, "components");
	if (!base || base->kind != AG_Y_MAP)
		return;
	const char *const *kinds = d->dialect == AG_API_SWAGGER2 ? sw2 : oas3;
	size_t nk = d->dialect == AG_API_SWAGGER2 ? 4 : 10;
	for (size_t k = 0; k < nk && !L->err; k++) {
		const struct ag_ynode *sect = ag_yaml_get(base, kinds[k]);
		if (!sect || sect->kind != AG_Y_MAP)
			continue;
		bool security = !strncmp(kinds[k], "security", 8);
		push(L, sect);
		for (size_t i = 0; i + 1 < sect->n && !L->err; i += 2) {
			const struct ag_ynode *name = sect->kids[i];
			if (name->len >= 2 && name->str[0] == 'x' && name->str[1] == '-')
				continue;
			bool used = security ? sec_used(L, name)
					     : in_sorted(L->used, L->nused, sect->kids[i + 1]);
			if (!used) {
				/* an ignore on the component itself covers it too */
				push(L, sect->kids[i + 1]);
				report(L, AG_API_UNUSED_COMPONENT, d->name, name, NULL,
				       "%s%s/%s is %s", d->dialect == AG_API_SWAGGER2 ? "" : "components/",
				       kinds[k], name->str,
				       security ? "named by no security requirement"
						: "referenced by no $ref");
				pop(L);
			}
		}
		pop(L);
	}
}

static int opid_cmp(const void *a, const void *b)
{
	const struct opid *x = a, *y = b;
	int r = strcmp(x->id->str, y->id->str);
	if (r)
		return r;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->id->line != y->id->line)
		return x->id->line < y->id->line ? -1 : 1;
	return (x->id->col > y->id->col) - (x->id->col < y->id->col);
}

static void check_opids(struct lint *L)
{
	if (L->nops < 2)
		return;
	qsort(L->ops, L->nops, sizeof(*L->ops), opid_cmp);
	size_t first = 0;
	for (size_t i = 1; i < L->nops && !L->err; i++) {
		if (strcmp(L->ops[i].id->str, L->ops[first].id->str)) {
			first = i;
			continue;
		}
		const struct opid *a = &L->ops[first], *b = &L->ops[i];
		if (a->id == b->id)
			continue; /* the same node reached twice (a shared path item) */
		L->op_label = b->label;
		L->depth = 0;
		push(L, b->op);
		report(L, AG_API_OPERATION_ID_UNIQUE, L->s->docs[b->doc].name, b->id, NULL,
		       "operationId '%s' is also %s's (%s:%d:%d); generated clients need "
		       "unique names", b->id->str, a->label, L->s->docs[a->doc].name,
		       a->id->line, a->id->col);
		pop(L);
		L->op_label = NULL;
	}
}

/* ---- ignores ------------------------------------------------------------------------ */

static int ign_cmp(const void *a, const void *b)
{
	const struct ag_api_ignore *x = a, *y = b;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return (x->pos.col > y->pos.col) - (x->pos.col < y->pos.col);
}

static void apply_ignores(struct lint *L)
{
	struct ag_api_result *r = L->res;
	if (!r->nignores)
		return;
	qsort(r->ignores, r->nignores, sizeof(*r->ignores), ign_cmp);
	/* a node shared through an alias was scanned twice: one entry each */
	size_t k = 0;
	for (size_t i = 0; i < r->nignores; i++)
		if (!k || ign_cmp(&r->ignores[k - 1], &r->ignores[i]) ||
		    strcmp(r->ignores[k - 1].pos.file, r->ignores[i].pos.file))
			r->ignores[k++] = r->ignores[i];
	r->nignores = k;
	for (size_t i = 0; i < r->n; i++) {
		struct ag_api_finding *f = &r->v[i];
		if (f->rule == AG_API_IGNORE || f->rule == AG_API_IGNORE_UNUSED)
			continue;
		const char *id = rule_ids[f->rule];
		const struct pending *p = &L->pend[i];
		for (int c = p->n - 1; c >= 0 && !f->ignore; c--) {
			/* the first entry of this owner, by bisection */
			size_t lo = 0, hi = r->nignores;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (r->ignores[mid].owner < p->chain[c])
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < r->nignores && r->ignores[lo].owner == p->chain[c]; lo++) {
				struct ag_api_ignore *g = &r->ignores[lo];
				if (strcmp(g->rule, id))
					continue;
				g->used = true;
				if (!g->expired) {
					f->ignore = g;
					break;
				}
			}
		}
	}
	L->depth = 0;
	for (size_t i = 0; i < r->nignores; i++) {
		const struct ag_api_ignore *g = &r->ignores[i];
		if (g->used || g->expired)
			continue;
		size_t before = r->n;
		report(L, AG_API_IGNORE_UNUSED, g->pos.file, NULL, NULL,
		       "the x-archgate-ignore entry for '%s' covers no finding; delete it",
		       g->rule);
		if (r->n > before)
			r->v[before].pos = g->pos;
	}
}

static int finding_cmp(const void *a, const void *b)
{
	const struct ag_api_finding *x = a, *y = b;
	int r = strcmp(x->pos.file, y->pos.file);
	if (r)
		return r;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

int ag_api_lint(struct ag_api_set *s, const struct ag_api_lint_opts *o,
		struct ag_api_result *res)
{
	struct seen examples = {0};
	struct lint L = {.s = s, .res = res, .o = o, .examples = &examples,
			 .example_budget = AG_API_EXAMPLE_STEPS};
	/* the scan may add documents as it goes: they are scanned too */
	for (size_t d = 0; d < s->n && !L.err; d++)
		if (!s->docs[d].failed)
			scan_doc(&L, d);
	if (!L.err && L.nused)
		qsort(L.used, L.nused, sizeof(*L.used), ptr_cmp);
	size_t nroots = s->n;
	for (size_t d = 0; d < nroots && !L.err; d++) {
		const struct ag_api_doc *doc = &s->docs[d];
		if (!doc->is_root || doc->failed || doc->dialect == AG_API_NONE)
			continue;
		L.depth = 0;
		push(&L, doc->root);
		note_security(&L, ag_yaml_get(doc->root, "security"));
		check_servers(&L, d);
		walk_paths(&L, d);
		pop(&L);
	}
	if (L.nsec)
		qsort(L.sec, L.nsec, sizeof(*L.sec), name_cmp);
	for (size_t d = 0; d < nroots && !L.err; d++) {
		const struct ag_api_doc *doc = &s->docs[d];
		if (!doc->is_root || doc->failed || doc->dialect == AG_API_NONE)
			continue;
		L.depth = 0;
		push(&L, doc->root);
		check_unused(&L, d);
		pop(&L);
	}
	if (!L.err)
		check_opids(&L);
	if (!L.err)
		apply_ignores(&L);
	if (!L.err && res->n) {
		/* findings made twice (a node shared through an alias) are one */
		qsort(res->v, res->n, sizeof(*res->v), finding_cmp);
		size_t k = 0;
		for (size_t i = 0; i < res->n; i++) {
			if (k && !finding_cmp(&res->v[k - 1], &res->v[i])) {
				free(res->v[i].message);
				continue;
			}
			res->v[k++] = res->v[i];
		}
		res->n = k;
	}
	for (size_t i = 0; i < L.nops; i++)
		free(L.ops[i].label);
	free(L.ops);
	free(L.used);
	free(L.sec);
	free(L.pend);
	free(examples.v);
	return L.err;
}

void ag_api_result_release(struct ag_api_result *res)
{
	for (size_t i = 0; i < res->n; i++)
		free(res->v[i].message);
	free(res->v);
	free(res->ignores);
	memset(res, 0, sizeof(*res));
}
