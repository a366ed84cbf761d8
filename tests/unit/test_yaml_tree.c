/*
 * test_yaml_tree.c - the positioned YAML tree: node positions, plain vs
 * quoted scalars, duplicate keys, aliases, every safety limit (alias bombs,
 * nesting, size) and hostile bytes (tabs, invalid UTF-8, NUL, garbage), and
 * the core-schema helpers.
 */
#include "base/arena.h"
#include "base/buf.h"
#include "test.h"
#include "util.h"
#include "yaml/yaml_tree.h"

struct yfix {
	struct ag_arena arena;
	struct ag_diags diags;
	struct ag_ynode *root;
	int rc;
};

static int yparse_n(struct yfix *f, const char *text, size_t len)
{
	ag_arena_init(&f->arena, 0);
	ag_diags_init(&f->diags);
	f->root = (struct ag_ynode *)1; /* must be reset by the parser */
	f->rc = ag_yaml_parse(&f->arena, "t.yaml", text, len, &f->root, &f->diags);
	return f->rc;
}

static int yparse(struct yfix *f, const char *text)
{
	return yparse_n(f, text, strlen(text));
}

static void yfree(struct yfix *f)
{
	ag_diags_release(&f->diags);
	ag_arena_release(&f->arena);
}

/* The value of `key` in mapping `m`, or NULL. */
static const struct ag_ynode *get(const struct ag_ynode *m, const char *key)
{
	if (!m || m->kind != AG_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (!strcmp(m->kids[i]->str, key))
			return m->kids[i + 1];
	return NULL;
}

/* Every failed parse leaves the root NULL and at least one error that says
 * where, in the file it was given. */
static void check_failed_well(struct yfix *f)
{
	CHECK(f->rc != 0);
	CHECK(f->root == NULL);
	CHECK(ag_diags_count(&f->diags, AG_SEV_ERROR) >= 1);
	if (f->diags.n)
		CHECK_STR(f->diags.v[0].file, "t.yaml");
}

TEST(positions_of_nodes)
{
	struct yfix f;
	const char *src =
		"# comment\n"
		"a:\n"
		"  b: [1, 22]\n"
		"  c: {d: x}\n"
		"list:\n"
		"  - one\n"
		"  - k: v\n";
	REQUIRE(yparse(&f, src) == 0);
	const struct ag_ynode *r = f.root;
	REQUIRE(r && r->kind == AG_Y_MAP);
	CHECK_EQ_INT(r->line, 2);
	CHECK_EQ_INT(r->col, 1);
	CHECK_EQ_INT(r->n, 4); /* two pairs */
	CHECK_EQ_INT(r->kids[0]->line, 2); /* key a */
	CHECK_EQ_INT(r->kids[0]->col, 1);
	const struct ag_ynode *a = get(r, "a");
	REQUIRE(a && a->kind == AG_Y_MAP);
	CHECK_EQ_INT(a->line, 3);
	CHECK_EQ_INT(a->col, 3);
	const struct ag_ynode *b = get(a, "b");
	REQUIRE(b && b->kind == AG_Y_SEQ && b->n == 2);
	CHECK_EQ_INT(b->line, 3);
	CHECK_EQ_INT(b->col, 6);
	CHECK_EQ_INT(b->kids[0]->line, 3);
	CHECK_EQ_INT(b->kids[0]->col, 7);
	CHECK_EQ_INT(b->kids[1]->col, 10);
	CHECK_STR(b->kids[1]->str, "22");
	CHECK_EQ_INT(b->kids[1]->len, 2);
	const struct ag_ynode *d = get(get(a, "c"), "d");
	REQUIRE(d);
	CHECK_EQ_INT(d->line, 4);
	CHECK_EQ_INT(d->col, 10);
	const struct ag_ynode *l = get(r, "list");
	REQUIRE(l && l->kind == AG_Y_SEQ && l->n == 2);
	CHECK_EQ_INT(l->kids[0]->line, 6);
	CHECK_EQ_INT(l->kids[0]->col, 5);
	CHECK_EQ_INT(l->kids[1]->kind, AG_Y_MAP);
	CHECK_EQ_INT(l->kids[1]->line, 7);
	CHECK_EQ_INT(l->kids[1]->col, 5);
	CHECK_EQ_INT(f.diags.n, 0);
	yfree(&f);
}

/* A document that starts further down its file (one of several): lines in
 * the tree and in every kind of error count from there, columns do not move. */
TEST(positions_from_a_first_line)
{
	struct yfix f;
	ag_arena_init(&f.arena, 0);
	ag_diags_init(&f.diags);
	const char *src = "a:\n  b: [1, 2]\n";
	REQUIRE(ag_yaml_parse_at(&f.arena, "t.yaml", src, strlen(src), 41, &f.root, &f.diags) == 0);
	CHECK_EQ_INT(f.root->line, 41);
	const struct ag_ynode *b = get(get(f.root, "a"), "b");
	REQUIRE(b);
	CHECK_EQ_INT(b->line, 42);
	CHECK_EQ_INT(b->col, 6);
	yfree(&f);

	ag_arena_init(&f.arena, 0);
	ag_diags_init(&f.diags);
	const char *bad = "a: 1\nb: [x\n";
	CHECK(ag_yaml_parse_at(&f.arena, "t.yaml", bad, strlen(bad), 100, &f.root, &f.diags) != 0);
	REQUIRE(f.diags.n >= 1);
	CHECK_EQ_INT(f.diags.v[0].line, 102);
	CHECK_CONTAINS(f.diags.v[0].message, "started at line 101");
	yfree(&f);

	ag_arena_init(&f.arena, 0);
	ag_diags_init(&f.diags);
	const char *bin = "a: 1\nb: \x01\n";
	CHECK(ag_yaml_parse_at(&f.arena, "t.yaml", bin, strlen(bin), 10, &f.root, &f.diags) != 0);
	REQUIRE(f.diags.n >= 1);
	CHECK_EQ_INT(f.diags.v[0].line, 11);
	yfree(&f);
}

TEST(columns_count_characters_not_bytes)
{
	struct yfix f;
	/* "é" is two bytes but one column */
	REQUIRE(yparse(&f, "caf\xc3\xa9: [x, y]\n") == 0);
	const struct ag_ynode *v = get(f.root, "caf\xc3\xa9");
	REQUIRE(v && v->n == 2);
	CHECK_EQ_INT(v->col, 7);
	CHECK_EQ_INT(v->kids[1]->col, 11);
	yfree(&f);
}

TEST(weights_count_subtree_nodes)
{
	struct yfix f;
	REQUIRE(yparse(&f, "a: [1, 2, 3]\nb: x\n") == 0);
	CHECK_EQ_INT(get(f.root, "a")->weight, 4);
	CHECK_EQ_INT(get(f.root, "b")->weight, 1);
	CHECK_EQ_INT(f.root->weight, 1 + 2 + 4 + 1);
	yfree(&f);
}

TEST(plain_vs_quoted)
{
	struct yfix f;
	const char *src =
		"a: 12\n"
		"b: \"12\"\n"
		"c: '12'\n"
		"d: !!str 12\n"
		"e: null\n"
		"f: \"null\"\n"
		"g:\n"
		"h: ''\n"
		"i: true\n"
		"j: 'true'\n"
		"k: |\n"
		"  12\n";
	REQUIRE(yparse(&f, src) == 0);
	long long v;
	CHECK(get(f.root, "a")->plain);
	CHECK(ag_yaml_int(get(f.root, "a"), &v) == 0 && v == 12);
	CHECK(!get(f.root, "b")->plain);
	CHECK(ag_yaml_int(get(f.root, "b"), &v) != 0);
	CHECK(!get(f.root, "c")->plain);
	CHECK(ag_yaml_int(get(f.root, "c"), &v) != 0);
	CHECK(!get(f.root, "d")->plain); /* tagged: always a string */
	CHECK(ag_yaml_int(get(f.root, "d"), &v) != 0);
	CHECK(!get(f.root, "k")->plain); /* block scalar */
	CHECK(ag_yaml_int(get(f.root, "k"), &v) != 0);
	CHECK(ag_yaml_is_null(get(f.root, "e")));
	CHECK(!ag_yaml_is_null(get(f.root, "f")));
	CHECK(ag_yaml_is_null(get(f.root, "g")));
	CHECK(!ag_yaml_is_null(get(f.root, "h"))); /* '' is an empty string */
	CHECK_EQ_INT(ag_yaml_bool(get(f.root, "i")), 1);
	CHECK_EQ_INT(ag_yaml_bool(get(f.root, "j")), -1);
	CHECK_STR(get(f.root, "b")->str, "12");
	CHECK_STR(get(f.root, "k")->str, "12\n");
	CHECK_STR(ag_yaml_describe(get(f.root, "a")), "an integer");
	CHECK_STR(ag_yaml_describe(get(f.root, "b")), "a string");
	CHECK_STR(ag_yaml_describe(get(f.root, "e")), "null");
	CHECK_STR(ag_yaml_describe(get(f.root, "i")), "a boolean");
	yfree(&f);
}

TEST(describe_kinds)
{
	struct yfix f;
	REQUIRE(yparse(&f, "m: {a: 1}\ns: [1]\nn: 1.5\nw: word\nz: ~\n") == 0);
	CHECK_STR(ag_yaml_describe(get(f.root, "m")), "a mapping");
	CHECK_STR(ag_yaml_describe(get(f.root, "s")), "a sequence");
	CHECK_STR(ag_yaml_describe(get(f.root, "n")), "a number");
	CHECK_STR(ag_yaml_describe(get(f.root, "w")), "a string");
	CHECK_STR(ag_yaml_describe(get(f.root, "z")), "null");
	CHECK_STR(ag_yaml_describe(NULL), "null");
	yfree(&f);
}

TEST(scalar_keeps_multibyte_and_length)
{
	struct yfix f;
	REQUIRE(yparse(&f, "k: \"a\\tb \xe2\x86\x92 c\"\n") == 0);
	const struct ag_ynode *v = get(f.root, "k");
	REQUIRE(v);
	CHECK_STR(v->str, "a\tb \xe2\x86\x92 c");
	CHECK_EQ_INT(v->len, strlen("a\tb \xe2\x86\x92 c"));
	yfree(&f);
}

TEST(duplicate_key_reports_first_definition)
{
	struct yfix f;
	yparse(&f, "a: 1\nb: 2\na: 3\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "duplicate key 'a' (first defined at line 1, column 1)", 3, 1);
	yfree(&f);

	/* nested, and the later of three is each reported against its predecessor */
	yparse(&f, "top:\n  x: 1\n  y: 2\n  x: 3\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "duplicate key 'x' (first defined at line 2, column 3)", 4, 3);
	yfree(&f);

	/* flow mapping, quoted spelling of the same key */
	yparse(&f, "{name: a, \"name\": b}\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "duplicate key 'name'", 1, 11);
	yfree(&f);
}

TEST(same_key_in_different_maps_is_fine)
{
	struct yfix f;
	CHECK_EQ_INT(yparse(&f, "- {id: a}\n- {id: b}\n"), 0);
	CHECK_EQ_INT(f.diags.n, 0);
	yfree(&f);
	CHECK_EQ_INT(yparse(&f, "a: {id: 1}\nb: {id: 2}\n"), 0);
	CHECK_EQ_INT(f.diags.n, 0);
	yfree(&f);
}

TEST(alias_shares_the_node)
{
	struct yfix f;
	REQUIRE(yparse(&f, "base: &b {x: 1, y: [2, 3]}\nuse: *b\nagain: *b\n") == 0);
	const struct ag_ynode *base = get(f.root, "base"), *use = get(f.root, "use");
	REQUIRE(base && use);
	CHECK(base == use); /* shared, not copied */
	CHECK(get(f.root, "again") == base);
	CHECK_EQ_INT(base->weight, 7);
	/* the expanded weight counts the alias targets each time */
	CHECK_EQ_INT(f.root->weight, 1 + 3 + 7 * 3);
	yfree(&f);

	REQUIRE(yparse(&f, "a: &s hello\nb: *s\n") == 0);
	CHECK(get(f.root, "a") == get(f.root, "b"));
	CHECK_STR(get(f.root, "b")->str, "hello");
	yfree(&f);
}

TEST(recursive_alias_is_an_error)
{
	struct yfix f;
	yparse(&f, "a: &a [1, *a]\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "recursive alias", 1, 11);
	CHECK_DIAG(&f.diags, "'*a'", 0, 0);
	yfree(&f);

	yparse(&f, "m: &m\n  self: *m\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "recursive alias", 2, 9);
	yfree(&f);
}

TEST(undefined_alias_is_an_error)
{
	struct yfix f;
	yparse(&f, "a: 1\nb: *nope\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "alias '*nope' refers to an anchor that is not defined", 2, 4);
	yfree(&f);

	/* an anchor defined later does not count */
	yparse(&f, "b: *later\na: &later 1\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "not defined", 1, 4);
	yfree(&f);
}

/* The billion laughs: 10 levels of 9 aliases to the level below. */
static char *billion_laughs(int levels)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < levels; i++) {
		ag_buf_printf(&b, "l%d: &l%d [", i, i);
		for (int k = 0; k < 9; k++)
			ag_buf_printf(&b, "%s*l%d", k ? ", " : "", i - 1);
		ag_buf_adds(&b, "]\n");
	}
	return ag_buf_detach(&b, NULL);
}

TEST(alias_bomb_is_limited_quickly)
{
	char *src = billion_laughs(10);
	struct yfix f;
	/* expanding 9^10 nodes would take minutes (the harness's timeout);
	 * the node budget refuses it */
	yparse(&f, src);
	CHECK_EQ_INT(f.rc, AG_ELIMIT);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "alias bomb", 0, 0);
	CHECK_DIAG(&f.diags, "1000000 nodes", 0, 0);
	yfree(&f);
	free(src);

	/* a few levels of the same shape are fine: aliases are legitimate */
	src = billion_laughs(4);
	CHECK_EQ_INT(yparse(&f, src), 0);
	yfree(&f);
	free(src);
}

static char *nested(const char *open, const char *close, int depth)
{
	struct ag_buf b = AG_BUF_INIT;
	for (int i = 0; i < depth; i++)
		ag_buf_adds(&b, open);
	ag_buf_adds(&b, "x");
	for (int i = 0; i < depth; i++)
		ag_buf_adds(&b, close);
	ag_buf_addc(&b, '\n');
	return ag_buf_detach(&b, NULL);
}

TEST(deep_nesting_is_limited)
{
	char *src = nested("[", "]", 10000);
	struct yfix f;
	yparse(&f, src);
	CHECK_EQ_INT(f.rc, AG_ELIMIT);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "nesting is deeper than 100 levels", 1, 101);
	yfree(&f);
	free(src);

	src = nested("{a: ", "}", 10000);
	yparse(&f, src);
	CHECK_EQ_INT(f.rc, AG_ELIMIT);
	CHECK_DIAG(&f.diags, "nesting", 0, 0);
	yfree(&f);
	free(src);
}

TEST(nesting_limit_boundary)
{
	struct yfix f;
	char *src = nested("[", "]", AG_YAML_MAX_DEPTH);
	CHECK_EQ_INT(yparse(&f, src), 0);
	yfree(&f);
	free(src);
	src = nested("[", "]", AG_YAML_MAX_DEPTH + 1);
	CHECK_EQ_INT(yparse(&f, src), AG_ELIMIT);
	yfree(&f);
	free(src);
}

TEST(tab_indentation_mentions_tab)
{
	struct yfix f;
	yparse(&f, "system:\n\tname: x\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "tab", 2, 1);
	yfree(&f);

	/* a tab inside a value is just a character */
	CHECK_EQ_INT(yparse(&f, "a: \"x\ty\"\n"), 0);
	yfree(&f);
}

TEST(invalid_utf8_mentions_utf8)
{
	struct yfix f;
	yparse(&f, "name: caf\xe9\n"); /* Latin-1 é */
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "UTF-8", 1, 10);
	yfree(&f);

	yparse(&f, "a: 1\nb: \xff\xfe\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "UTF-8", 2, 4);
	yfree(&f);

	/* a truncated multi-byte sequence at the very end */
	yparse(&f, "a: \xe2\x86");
	CHECK(f.rc != 0);
	CHECK_DIAG(&f.diags, "UTF-8", 0, 0);
	yfree(&f);
}

TEST(invalid_utf8_points_at_the_bad_byte)
{
	/* a Latin-1 "é" (0xe9) in the middle of a line: the 10th character */
	struct yfix f;
	yparse(&f, "name: Caf\xe9 Books\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "UTF-8", 1, 10);
	CHECK_DIAG(&f.diags, "0xe9", 0, 0);
	yfree(&f);
}

TEST(nul_bytes_are_an_error)
{
	static const char src[] = "a: b\0c\n";
	struct yfix f;
	yparse_n(&f, src, sizeof(src) - 1);
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	yfree(&f);

	/* an escaped NUL in a double-quoted scalar is decoded by libyaml */
	yparse(&f, "a: \"x\\0y\"\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "NUL", 1, 4);
	yfree(&f);
}

TEST(binary_garbage_is_an_error_not_a_crash)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
					    0, 0, 0, '\r', 'I', 'H', 'D', 'R', 0, 0, 1, 0};
	struct yfix f;
	yparse_n(&f, (const char *)png, sizeof(png));
	CHECK(f.rc == AG_EPARSE);
	check_failed_well(&f);
	yfree(&f);

	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
	yparse_n(&f, elf, sizeof(elf) - 1);
	CHECK(f.rc == AG_EPARSE);
	check_failed_well(&f);
	yfree(&f);

	/* random bytes, deterministic seed: never a crash, and an error always
	 * comes with a diagnostic */
	unsigned seed = 12345;
	char buf[512];
	int errors = 0;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + (size_t)round % sizeof(buf);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		yparse_n(&f, buf, n);
		if (f.rc) {
			errors++;
			if (!f.diags.n)
				TEST_FAIL_("round %d: rc %d without a diagnostic", round, f.rc);
			CHECK(f.root == NULL);
		}
		yfree(&f);
	}
	CHECK(errors > 250);
}

TEST(multiple_documents_are_an_error)
{
	struct yfix f;
	yparse(&f, "---\na: 1\n---\nb: 2\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "more than one YAML document", 3, 1);
	yfree(&f);

	/* one explicit document is fine */
	CHECK_EQ_INT(yparse(&f, "---\na: 1\n...\n"), 0);
	REQUIRE(f.root);
	CHECK_EQ_INT(f.root->kind, AG_Y_MAP);
	yfree(&f);
}

TEST(empty_documents_have_no_root)
{
	struct yfix f;
	CHECK_EQ_INT(yparse(&f, ""), 0);
	CHECK(f.root == NULL);
	yfree(&f);
	CHECK_EQ_INT(yparse(&f, "# only a comment\n\n"), 0);
	CHECK(f.root == NULL);
	yfree(&f);
	CHECK_EQ_INT(yparse(&f, "---\n"), 0);
	CHECK(f.root == NULL || ag_yaml_is_null(f.root));
	yfree(&f);
}

TEST(syntax_error_has_position_and_context)
{
	struct yfix f;
	yparse(&f, "a: [1, 2\nb: 3\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	check_failed_well(&f);
	CHECK_DIAG(&f.diags, "flow sequence that started at line 1, column 4", 0, 0);
	CHECK(f.diags.v[0].line >= 1);
	yfree(&f);

	yparse(&f, "a: b: c\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "mapping values are not allowed", 1, 5);
	yfree(&f);
}

TEST(complex_keys_are_refused)
{
	struct yfix f;
	yparse(&f, "? [a, b]\n: 1\n");
	CHECK_EQ_INT(f.rc, AG_EPARSE);
	CHECK_DIAG(&f.diags, "mapping keys must be plain scalars", 1, 3);
	yfree(&f);
}

TEST(oversized_buffer_is_refused_before_parsing)
{
	size_t n = AG_YAML_MAX_BYTES + 1;
	char *big = malloc(n);
	REQUIRE(big);
	/* invalid YAML from the first byte: a parse would report the tab, so an
	 * AG_ELIMIT proves the size was checked first */
	memset(big, '\t', n);
	struct yfix f;
	yparse_n(&f, big, n);
	CHECK_EQ_INT(f.rc, AG_ELIMIT);
	check_failed_well(&f);
	CHECK_EQ_INT(f.diags.n, 1);
	CHECK_DIAG(&f.diags, "16 MiB", 1, 1);
	yfree(&f);

	/* exactly at the limit is allowed */
	memset(big, '#', AG_YAML_MAX_BYTES);
	big[AG_YAML_MAX_BYTES - 1] = '\n';
	CHECK_EQ_INT(yparse_n(&f, big, AG_YAML_MAX_BYTES), 0);
	yfree(&f);
	free(big);
}

TEST(node_budget_counts_plain_nodes_too)
{
	/* a flat list of more than AG_YAML_MAX_NODES items */
	size_t items = AG_YAML_MAX_NODES + 10;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_addc(&b, '[');
	for (size_t i = 0; i < items; i++)
		ag_buf_adds(&b, i ? ",1" : "1");
	ag_buf_adds(&b, "]\n");
	struct yfix f;
	yparse_n(&f, b.data, b.len);
	CHECK_EQ_INT(f.rc, AG_ELIMIT);
	CHECK_DIAG(&f.diags, "nodes", 0, 0);
	yfree(&f);
	ag_buf_release(&b);
}

TEST(text_need_not_be_nul_terminated)
{
	const char src[] = {'a', ':', ' ', '1', 'X', 'Y', ':'}; /* only 4 bytes count */
	struct yfix f;
	REQUIRE(yparse_n(&f, src, 4) == 0);
	long long v = 0;
	CHECK(ag_yaml_int(get(f.root, "a"), &v) == 0 && v == 1);
	yfree(&f);
}

/* A plain scalar node for the core-schema helpers. */
static struct ag_ynode scalar(const char *s)
{
	struct ag_ynode n;
	memset(&n, 0, sizeof(n));
	n.kind = AG_Y_SCALAR;
	n.str = s;
	n.len = strlen(s);
	n.plain = true;
	return n;
}

static int int_of(const char *s, long long *v)
{
	struct ag_ynode n = scalar(s);
	return ag_yaml_int(&n, v);
}

static int num_of(const char *s, double *d)
{
	struct ag_ynode n = scalar(s);
	return ag_yaml_num(&n, d);
}

static int bool_of(const char *s)
{
	struct ag_ynode n = scalar(s);
	return ag_yaml_bool(&n);
}

static bool null_of(const char *s)
{
	struct ag_ynode n = scalar(s);
	return ag_yaml_is_null(&n);
}

TEST(core_schema_int)
{
	long long v = -99;
	CHECK(int_of("42", &v) == 0 && v == 42);
	CHECK(int_of("-7", &v) == 0 && v == -7);
	CHECK(int_of("+3", &v) == 0 && v == 3);
	CHECK(int_of("0", &v) == 0 && v == 0);
	CHECK(int_of("10_000_000", &v) == 0 && v == 10000000);
	CHECK(int_of("9223372036854775807", &v) == 0 && v == 9223372036854775807LL);
	CHECK(int_of("-9223372036854775808", &v) == 0 && v == (-9223372036854775807LL - 1));
	v = 5;
	CHECK(int_of("9223372036854775808", &v) != 0); /* overflow */
	CHECK(int_of("99999999999999999999999999999999", &v) != 0);
	CHECK(int_of("1.5", &v) != 0);
	CHECK(int_of("12abc", &v) != 0);
	CHECK(int_of("abc", &v) != 0);
	CHECK(int_of("", &v) != 0);
	CHECK(int_of("-", &v) != 0);
	CHECK(int_of("+", &v) != 0);
	CHECK(int_of(" 1", &v) != 0);
	CHECK(int_of("1 000", &v) != 0);
	CHECK_EQ_INT(v, 5); /* failures leave *out alone */
	/* a lone underscore has no digits at all: it is a string, not 0 */
	CHECK(int_of("_", &v) != 0);
	CHECK(int_of("___", &v) != 0);
	CHECK(int_of("-_", &v) != 0);

	struct ag_ynode q = scalar("42");
	q.plain = false;
	CHECK(ag_yaml_int(&q, &v) != 0);
	CHECK(ag_yaml_int(NULL, &v) != 0);
}

TEST(core_schema_num)
{
	double d = 0;
	CHECK(num_of("1.5", &d) == 0 && d == 1.5);
	CHECK(num_of("-2e3", &d) == 0 && d == -2000.0);
	CHECK(num_of("42", &d) == 0 && d == 42.0);
	CHECK(num_of(".5", &d) == 0 && d == 0.5);
	CHECK(num_of("99.9", &d) == 0 && d > 99.89 && d < 99.91);
	CHECK(num_of("10_000_000", &d) == 0 && d == 1e7);
	d = 7;
	CHECK(num_of("1e999", &d) != 0); /* not finite */
	CHECK(num_of("nan", &d) != 0);
	CHECK(num_of("inf", &d) != 0);
	CHECK(num_of("0x10", &d) != 0);
	CHECK(num_of("1.2.3", &d) != 0);
	CHECK(num_of("abc", &d) != 0);
	CHECK(num_of("", &d) != 0);
	CHECK(num_of(".", &d) != 0);
	CHECK(num_of("e5", &d) != 0);
	CHECK(num_of("_", &d) != 0);
	CHECK(d == 7);
}

TEST(core_schema_bool)
{
	CHECK_EQ_INT(bool_of("true"), 1);
	CHECK_EQ_INT(bool_of("True"), 1);
	CHECK_EQ_INT(bool_of("TRUE"), 1);
	CHECK_EQ_INT(bool_of("false"), 0);
	CHECK_EQ_INT(bool_of("False"), 0);
	CHECK_EQ_INT(bool_of("FALSE"), 0);
	/* YAML 1.1's yes/no/on/off are strings in the core schema */
	CHECK_EQ_INT(bool_of("yes"), -1);
	CHECK_EQ_INT(bool_of("no"), -1);
	CHECK_EQ_INT(bool_of("on"), -1);
	CHECK_EQ_INT(bool_of("tRUE"), -1);
	CHECK_EQ_INT(bool_of("1"), -1);
	CHECK_EQ_INT(bool_of(""), -1);
	CHECK_EQ_INT(ag_yaml_bool(NULL), -1);
}

TEST(core_schema_null)
{
	CHECK(null_of(""));
	CHECK(null_of("~"));
	CHECK(null_of("null"));
	CHECK(null_of("Null"));
	CHECK(null_of("NULL"));
	CHECK(!null_of("nil"));
	CHECK(!null_of("none"));
	CHECK(!null_of("nUll"));
	CHECK(!null_of("0"));
	CHECK(ag_yaml_is_null(NULL));
	struct ag_ynode q = scalar("null");
	q.plain = false;
	CHECK(!ag_yaml_is_null(&q));
	struct ag_ynode m;
	memset(&m, 0, sizeof(m));
	m.kind = AG_Y_MAP;
	CHECK(!ag_yaml_is_null(&m));
}

TEST_MAIN(
	TEST_ENTRY(positions_of_nodes),
	TEST_ENTRY(positions_from_a_first_line),
	TEST_ENTRY(columns_count_characters_not_bytes),
	TEST_ENTRY(weights_count_subtree_nodes),
	TEST_ENTRY(plain_vs_quoted),
	TEST_ENTRY(describe_kinds),
	TEST_ENTRY(scalar_keeps_multibyte_and_length),
	TEST_ENTRY(duplicate_key_reports_first_definition),
	TEST_ENTRY(same_key_in_different_maps_is_fine),
	TEST_ENTRY(alias_shares_the_node),
	TEST_ENTRY(recursive_alias_is_an_error),
	TEST_ENTRY(undefined_alias_is_an_error),
	TEST_ENTRY(alias_bomb_is_limited_quickly),
	TEST_ENTRY(deep_nesting_is_limited),
	TEST_ENTRY(nesting_limit_boundary),
	TEST_ENTRY(tab_indentation_mentions_tab),
	TEST_ENTRY(invalid_utf8_mentions_utf8),
	TEST_ENTRY(invalid_utf8_points_at_the_bad_byte),
	TEST_ENTRY(nul_bytes_are_an_error),
	TEST_ENTRY(binary_garbage_is_an_error_not_a_crash),
	TEST_ENTRY(multiple_documents_are_an_error),
	TEST_ENTRY(empty_documents_have_no_root),
	TEST_ENTRY(syntax_error_has_position_and_context),
	TEST_ENTRY(complex_keys_are_refused),
	TEST_ENTRY(oversized_buffer_is_refused_before_parsing),
	TEST_ENTRY(node_budget_counts_plain_nodes_too),
	TEST_ENTRY(text_need_not_be_nul_terminated),
	TEST_ENTRY(core_schema_int),
	TEST_ENTRY(core_schema_num),
	TEST_ENTRY(core_schema_bool),
	TEST_ENTRY(core_schema_null)
)
