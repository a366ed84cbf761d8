/*
 * test_api.c - the API linter's parts: the status code table, JSON pointers
 * (escapes, arrays, percent-encoding), the key index of big mappings, $ref
 * chains and cycles, ignores and their expiry, and that every api-* rule id
 * is in the registry.
 */
#include "api/api_lint.h"
#include "api/api_schema.h"
#include "api/api_status.h"
#include "base/buf.h"
#include "rules/rules.h"
#include "yaml/schema.h"
#include "test.h"

struct afix {
	struct ag_diags d;
	struct ag_api_set s;
	struct ag_api_result r;
	int rc;
};

static int lint(struct afix *f, const char *text, long today)
{
	ag_diags_init(&f->d);
	ag_api_set_init(&f->s, NULL, &f->d);
	memset(&f->r, 0, sizeof(f->r));
	size_t doc;
	f->rc = ag_api_add_text(&f->s, "t.yaml", text, strlen(text), &doc);
	if (f->rc)
		return f->rc;
	struct ag_api_lint_opts o = {today};
	return f->rc = ag_api_lint(&f->s, &o, &f->r);
}

static void afree(struct afix *f)
{
	ag_api_result_release(&f->r);
	ag_api_set_release(&f->s);
	ag_diags_release(&f->d);
}

static size_t count(const struct afix *f, enum ag_api_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->r.n; i++)
		n += f->r.v[i].rule == rule && !f->r.v[i].ignore;
	return n;
}

TEST(status_table)
{
	const char *why;
	CHECK(ag_http_status(200, &why) == AG_HTTP_REGISTERED && !strcmp(why, "OK"));
	CHECK(ag_http_status(422, &why) == AG_HTTP_REGISTERED &&
	      !strcmp(why, "Unprocessable Content"));
	CHECK(ag_http_status(425, NULL) == AG_HTTP_REGISTERED);
	CHECK(ag_http_status(451, NULL) == AG_HTTP_REGISTERED);
	CHECK(ag_http_status(418, NULL) == AG_HTTP_UNUSED);
	CHECK(ag_http_status(306, NULL) == AG_HTTP_UNUSED);
	CHECK(ag_http_status(510, NULL) == AG_HTTP_OBSOLETE);
	CHECK(ag_http_status(420, &why) == AG_HTTP_UNREGISTERED && !why);
	CHECK(ag_http_status(499, NULL) == AG_HTTP_UNREGISTERED);
	CHECK(ag_http_status(600, NULL) == AG_HTTP_UNREGISTERED);
	/* sorted: every code 100..599 answers (bisection finds every entry) */
	int registered = 0;
	for (int c = 100; c < 600; c++)
		registered += ag_http_status(c, NULL) != AG_HTTP_UNREGISTERED;
	CHECK_EQ_INT(registered, 63);
}

TEST(rule_ids_in_registry)
{
	for (int r = 0; r < AG_API__NRULES; r++) {
		const char *id = ag_api_rule_id((enum ag_api_rule)r);
		REQUIRE(id);
		const struct ag_rule *rule = ag_rule_find(id);
		CHECK(rule != NULL);
		if (rule)
			CHECK(!strcmp(rule->phase, "3"));
		CHECK_EQ_INT(ag_api_rule_find(id, strlen(id)), r);
	}
	CHECK(ag_api_rule_id(AG_API__NRULES) == NULL);
	CHECK_EQ_INT(ag_api_rule_find("api-nope", 8), -1);
}

TEST(pointers)
{
	struct afix f;
	const char *spec =
		"openapi: 3.0.3\n"
		"x-a:\n"
		"  a/b: {v: 1}\n"
		"  m~n: {v: 2}\n"
		"  'sp ace': {v: 3}\n"
		"  list: [{v: 4}, {v: 5}]\n";
	REQUIRE(lint(&f, spec, 0) == 0);
	struct ag_api_loc at;
	char why[256];
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/a~1b", &at, why, sizeof(why)) == 0 &&
	      at.node->line == 3);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/m~0n", &at, why, sizeof(why)) == 0 &&
	      at.node->line == 4);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/sp%20ace", &at, why, sizeof(why)) == 0 &&
	      at.node->line == 5);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/list/1", &at, why, sizeof(why)) == 0 &&
	      at.node->col == 18);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/list/01", &at, why, sizeof(why)) == AG_EINVAL);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/list/2", &at, why, sizeof(why)) == AG_EINVAL);
	CHECK(ag_api_resolve(&f.s, 0, "#/x-a/nope", &at, why, sizeof(why)) == AG_EINVAL &&
	      strstr(why, "there is no 'nope'"));
	CHECK(ag_api_resolve(&f.s, 0, "#anchor", &at, why, sizeof(why)) == AG_EINVAL &&
	      strstr(why, "not a JSON pointer"));
	CHECK(ag_api_resolve(&f.s, 0, "#", &at, why, sizeof(why)) == 0 && at.node == f.s.docs[0].root);
	CHECK(ag_api_resolve(&f.s, 0, "other.yaml#/a", &at, why, sizeof(why)) == AG_EINVAL &&
	      strstr(why, "not read from a file"));
	CHECK(ag_api_resolve(&f.s, 0, "https://x/y.yaml", &at, why, sizeof(why)) == AG_EINVAL &&
	      strstr(why, "remote"));
	afree(&f);
}

TEST(big_mapping_index)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "openapi: 3.0.3\nx-big:\n");
	for (int i = 0; i < 500; i++)
		ag_buf_printf(&b, "  k%d: {v: %d}\n", (i * 7919) % 500, i);
	struct afix f;
	REQUIRE(lint(&f, b.data, 0) == 0);
	const struct ag_ynode *big = ag_yaml_get(f.s.docs[0].root, "x-big");
	REQUIRE(big);
	char key[16];
	for (int i = 0; i < 500; i++) {
		int n = snprintf(key, sizeof(key), "k%d", i);
		const struct ag_ynode *v = ag_api_get(&f.s, big, key, (size_t)n);
		CHECK(v && v == ag_yaml_get(big, key));
	}
	CHECK(ag_api_get(&f.s, big, "k500", 4) == NULL);
	CHECK(ag_api_get(&f.s, big, "k", 1) == NULL);
	afree(&f);
	ag_buf_release(&b);
}

TEST(ref_chains)
{
	struct afix f;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "openapi: 3.0.3\nx-c:\n");
	for (int i = 0; i < 40; i++)
		ag_buf_printf(&b, "  c%d: {$ref: '#/x-c/c%d'}\n", i, i + 1);
	ag_buf_adds(&b, "  c40: {v: end}\n");
	REQUIRE(lint(&f, b.data, 0) == 0);
	struct ag_api_loc at, out;
	char why[512];
	at.doc = 0;
	at.node = ag_yaml_get(ag_yaml_get(f.s.docs[0].root, "x-c"), "c10");
	CHECK(ag_api_deref(&f.s, at, &out, why, sizeof(why)) == 0 &&
	      ag_yaml_get(out.node, "v"));
	at.node = ag_yaml_get(ag_yaml_get(f.s.docs[0].root, "x-c"), "c0");
	CHECK(ag_api_deref(&f.s, at, &out, why, sizeof(why)) == AG_EINVAL &&
	      strstr(why, "more than 32 $refs"));
	afree(&f);
	ag_buf_release(&b);
}

static const char ignore_spec[] =
	"openapi: 3.0.3\n"
	"info: {title: t, version: '1'}\n"
	"x-archgate-ignore: [{rule: api-servers, reason: internal, expires: 2027-01-01}]\n"
	"paths:\n"
	"  /a:\n"
	"    get:\n"
	"      responses:\n"
	"        '200':\n"
	"          $ref: '#/components/responses/Ok'\n"
	"        '404':\n"
	"          $ref: '#/components/responses/Bad'\n"
	"        '500':\n"
	"          $ref: '#/components/responses/Bad'\n"
	"components:\n"
	"  responses:\n"
	"    Ok: {description: ok}\n"
	"    Spare:\n"
	"      description: kept for the next version\n"
	"      x-archgate-ignore: [{rule: api-unused-component, reason: v2, expires: 2027-01-01}]\n"
	"    Bad:\n"
	"      description: bad\n"
	"      x-archgate-ignore: [{rule: api-problem-json, reason: legacy, expires: 2027-01-01}]\n";

TEST(ignores_and_expiry)
{
	struct afix f;
	long before = 0, after = 0;
	REQUIRE(ag_date_parse("2026-12-31", 10, &before) == 0);
	REQUIRE(ag_date_parse("2027-01-02", 10, &after) == 0);
	REQUIRE(lint(&f, ignore_spec, before) == 0);
	CHECK_EQ_INT((int)count(&f, AG_API_SERVERS), 0);
	CHECK_EQ_INT((int)count(&f, AG_API_PROBLEM_JSON), 0); /* ignored on the component */
	CHECK_EQ_INT((int)count(&f, AG_API_IGNORE), 0);
	CHECK_EQ_INT((int)count(&f, AG_API_IGNORE_UNUSED), 0);
	CHECK_EQ_INT((int)count(&f, AG_API_UNUSED_COMPONENT), 0); /* ignored on itself */
	CHECK_EQ_INT((int)f.r.nignores, 3);
	afree(&f);
	/* the day after: both expired, the findings come back */
	REQUIRE(lint(&f, ignore_spec, after) == 0);
	CHECK_EQ_INT((int)count(&f, AG_API_SERVERS), 1);
	CHECK_EQ_INT((int)count(&f, AG_API_PROBLEM_JSON), 2); /* once per operation's use */
	CHECK_EQ_INT((int)count(&f, AG_API_IGNORE), 3);
	CHECK_EQ_INT((int)count(&f, AG_API_UNUSED_COMPONENT), 1);
	afree(&f);
}

TEST(ignore_on_the_document_covers_refs)
{
	struct afix f;
	REQUIRE(lint(&f,
		     "openapi: 3.0.3\n"
		     "x-archgate-ignore: [{rule: api-ref, reason: generated, expires: 2030-01-01}]\n"
		     "x-a: {$ref: '#/nope'}\n", 0) == 0);
	CHECK_EQ_INT((int)count(&f, AG_API_REF), 0);
	CHECK_EQ_INT((int)count(&f, AG_API_IGNORE_UNUSED), 0);
	afree(&f);
}

TEST(not_openapi)
{
	struct afix f;
	CHECK(lint(&f, "name: x\n", 0) == AG_EPARSE);
	CHECK(ag_diags_count(&f.d, AG_SEV_ERROR) == 1);
	afree(&f);
	CHECK(lint(&f, "openapi: 2.5\n", 0) == AG_EPARSE);
	afree(&f);
	CHECK(lint(&f, "{\"openapi\": \"3.1.0\", \"paths\": {}}", 0) == 0);
	CHECK_EQ_INT((int)count(&f, AG_API_SERVERS), 1);
	CHECK_EQ_INT(f.r.v[0].pos.line, 1);
	CHECK_EQ_INT(f.r.v[0].pos.col, 13);
	afree(&f);
}

TEST(head_and_path_servers)
{
	struct afix f;
	REQUIRE(lint(&f,
		     "openapi: 3.0.3\n"
		     "paths:\n"
		     "  /a:\n"
		     "    servers: [{url: /a}]\n"
		     "    head:\n"
		     "      responses: {'200': {description: ok}, '404': {description: no},\n"
		     "                  '503': {description: no}}\n"
		     "  /b:\n"
		     "    get:\n"
		     "      servers: [{url: /b}]\n"
		     "      responses: {'200': {description: ok}, 4XX: {description: no},\n"
		     "                  default: {description: no}}\n", 0) == 0);
	/* a HEAD response has no body; every path says where it is served */
	CHECK_EQ_INT((int)count(&f, AG_API_SERVERS), 0);
	CHECK_EQ_INT((int)count(&f, AG_API_PROBLEM_JSON), 2); /* GET's 4XX and default */
	CHECK_EQ_INT((int)count(&f, AG_API_ERROR_RESPONSES), 0);
	afree(&f);
}

TEST(schema_bombs_are_undecided)
{
	/* anyOf of anyOfs that refer to themselves: exponential if unbounded */
	struct afix f;
	REQUIRE(lint(&f,
		     "openapi: 3.1.0\n"
		     "x-s:\n"
		     "  A: {anyOf: [{$ref: '#/x-s/B'}, {$ref: '#/x-s/B'}, {type: integer}]}\n"
		     "  B: {anyOf: [{$ref: '#/x-s/A'}, {$ref: '#/x-s/A'}, {type: integer}]}\n"
		     "  C: {allOf: [{$ref: '#/x-s/C'}]}\n"
		     "x-v: hello\n", 0) == 0);
	const struct ag_ynode *xs = ag_yaml_get(f.s.docs[0].root, "x-s");
	const struct ag_ynode *v = ag_yaml_get(f.s.docs[0].root, "x-v");
	char why[256];
	const struct ag_ynode *at;
	struct ag_api_loc a = {0, ag_yaml_get(xs, "A")}, c = {0, ag_yaml_get(xs, "C")};
	CHECK_EQ_INT(ag_api_schema_check(&f.s, a, v, false, NULL, why, sizeof(why), &at),
		     AG_API_UNDECIDED);
	CHECK_EQ_INT(ag_api_schema_check(&f.s, c, v, false, NULL, why, sizeof(why), &at),
		     AG_API_UNDECIDED);
	afree(&f);
}

TEST(schema_subset)
{
	struct afix f;
	REQUIRE(lint(&f,
		     "openapi: 3.0.3\n"
		     "x-s:\n"
		     "  n: {type: number, exclusiveMinimum: true, minimum: 0}\n"
		     "  o: {oneOf: [{type: integer}, {type: number}]}\n"
		     "  s: {type: string, maxLength: 2}\n"
		     "  q: {type: string, nullable: true}\n"
		     "x-v: [0, 1.5, 'é€', ~, 3]\n", 0) == 0);
	const struct ag_ynode *xs = ag_yaml_get(f.s.docs[0].root, "x-s");
	const struct ag_ynode *v = ag_yaml_get(f.s.docs[0].root, "x-v");
	char why[256];
	const struct ag_ynode *at;
#define SC(key, i) ag_api_schema_check(&f.s, (struct ag_api_loc){0, ag_yaml_get(xs, key)}, \
				       v->kids[i], true, NULL, why, sizeof(why), &at)
	CHECK_EQ_INT(SC("n", 0), AG_API_INVALID); /* 0 is not above an exclusive 0 */
	CHECK_EQ_INT(SC("n", 1), AG_API_VALID);
	CHECK_EQ_INT(SC("o", 4), AG_API_INVALID); /* an integer is a number too */
	CHECK_EQ_INT(SC("o", 1), AG_API_VALID);
	CHECK_EQ_INT(SC("s", 2), AG_API_VALID);   /* two characters, five bytes */
	CHECK_EQ_INT(SC("q", 3), AG_API_VALID);   /* nullable */
	CHECK_EQ_INT(SC("s", 3), AG_API_INVALID);
#undef SC
	afree(&f);
}

TEST_MAIN(TEST_ENTRY(ignore_on_the_document_covers_refs), TEST_ENTRY(schema_bombs_are_undecided), TEST_ENTRY(schema_subset), TEST_ENTRY(head_and_path_servers), TEST_ENTRY(status_table), TEST_ENTRY(rule_ids_in_registry), TEST_ENTRY(pointers),
	  TEST_ENTRY(big_mapping_index), TEST_ENTRY(ref_chains), TEST_ENTRY(ignores_and_expiry),
	  TEST_ENTRY(not_openapi))
