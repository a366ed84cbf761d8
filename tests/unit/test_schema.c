/*
 * test_schema.c - the table-driven loader (ag_schema_load) on a schema of
 * its own, so these tests do not move when the model's keys do; plus
 * ag_date_parse, ag_edit_distance and ag_did_you_mean.
 */
#include <stddef.h>
#include "base/arena.h"
#include "yaml/schema.h"
#include "test.h"
#include "util.h"
#include "yaml/yaml_tree.h"

struct part {
	struct ag_pos pos;
	struct ag_scalar id, size;
};

struct thing {
	struct ag_pos pos;
	struct ag_scalar name, count, ratio, flag, color, when;
	struct ag_list tags;  /* of struct ag_scalar */
	struct ag_list parts; /* of struct part */
	struct part main;
	const struct ag_ynode *raw;
};

static const char *const colors[] = {"red", "green", "blue", NULL};

static const struct ag_field part_fields[] = {
	{"id", AG_F_STR, offsetof(struct part, id), AG_F_REQUIRED, NULL, NULL, "Id.", NULL},
	{"size", AG_F_INT, offsetof(struct part, size), 0, NULL, NULL, "Size.", NULL},
};
static const struct ag_schema part_schema = {
	"part", sizeof(struct part), offsetof(struct part, pos), part_fields, 2, NULL};

static const struct ag_field thing_fields[] = {
	{"name", AG_F_STR, offsetof(struct thing, name), AG_F_REQUIRED, NULL, NULL, NULL, NULL},
	{"count", AG_F_INT, offsetof(struct thing, count), 0, NULL, NULL, NULL, NULL},
	{"ratio", AG_F_NUM, offsetof(struct thing, ratio), 0, NULL, NULL, NULL, NULL},
	{"flag", AG_F_BOOL, offsetof(struct thing, flag), 0, NULL, NULL, NULL, NULL},
	{"color", AG_F_ENUM, offsetof(struct thing, color), 0, NULL, colors, NULL, NULL},
	{"when", AG_F_DATE, offsetof(struct thing, when), 0, NULL, NULL, NULL, NULL},
	{"tags", AG_F_STRS, offsetof(struct thing, tags), 0, NULL, NULL, NULL, NULL},
	{"parts", AG_F_OBJS, offsetof(struct thing, parts), 0, &part_schema, NULL, NULL, NULL},
	{"main", AG_F_OBJ, offsetof(struct thing, main), 0, &part_schema, NULL, NULL, NULL},
	{"raw", AG_F_NODE, offsetof(struct thing, raw), 0, NULL, NULL, NULL, NULL},
};
static const struct ag_schema thing_schema = {
	"thing", sizeof(struct thing), offsetof(struct thing, pos), thing_fields,
	sizeof(thing_fields) / sizeof(thing_fields[0]), NULL};

struct sfix {
	struct ag_arena arena;
	struct ag_diags diags;
	struct ag_loader l;
	struct thing t;
	int rc;
};

/* Parse `src` and load it as a thing. The YAML must be valid. */
static int load(struct sfix *f, const char *src)
{
	memset(f, 0, sizeof(*f));
	ag_arena_init(&f->arena, 0);
	ag_diags_init(&f->diags);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(&f->arena, "thing.yaml", src, strlen(src), &root, &f->diags);
	if (rc) {
		fprintf(stderr, "fixture YAML does not parse:\n");
		diag_dump(&f->diags);
		return f->rc = -100;
	}
	f->l = (struct ag_loader){&f->arena, &f->diags, "thing.yaml", 0};
	return f->rc = ag_schema_load(&f->l, &thing_schema, root, &f->t);
}

static void unload(struct sfix *f)
{
	ag_diags_release(&f->diags);
	ag_arena_release(&f->arena);
}

TEST(loads_every_type)
{
	struct sfix f;
	REQUIRE(load(&f,
		     "name: Widget\n"
		     "count: 10_000_000\n"
		     "ratio: 0.25\n"
		     "flag: false\n"
		     "color: green\n"
		     "when: 2024-02-29\n"
		     "tags: [a, b]\n"
		     "parts:\n"
		     "  - {id: p1, size: 3}\n"
		     "  - id: p2\n"
		     "main: {id: m}\n"
		     "raw: [anything, {goes: here}]\n") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	CHECK_EQ_INT(f.diags.n, 0);
	CHECK(f.t.name.set);
	CHECK_STR(f.t.name.s, "Widget");
	CHECK_EQ_INT(f.t.name.len, 6);
	CHECK_STR(f.t.name.pos.file, "thing.yaml");
	CHECK_EQ_INT(f.t.name.pos.line, 1);
	CHECK_EQ_INT(f.t.name.pos.col, 7);
	CHECK_EQ_INT(f.t.count.i, 10000000);
	CHECK(f.t.count.d == 1e7);
	CHECK_STR(f.t.count.s, "10_000_000"); /* text as written */
	CHECK(f.t.ratio.d == 0.25);
	CHECK(f.t.flag.set && !f.t.flag.b);
	CHECK_EQ_INT(f.t.color.e, 1);
	CHECK_EQ_INT(f.t.when.i, 19782);
	CHECK(f.t.tags.set);
	REQUIRE(f.t.tags.n == 2);
	CHECK_STR(((struct ag_scalar *)f.t.tags.v)[1].s, "b");
	CHECK_EQ_INT(((struct ag_scalar *)f.t.tags.v)[1].pos.col, 11);
	CHECK_EQ_INT(f.t.tags.pos.line, 7);
	REQUIRE(f.t.parts.n == 2);
	const struct part *p = f.t.parts.v;
	CHECK_STR(p[0].id.s, "p1");
	CHECK_EQ_INT(p[0].size.i, 3);
	CHECK_EQ_INT(p[0].pos.line, 9);
	CHECK_EQ_INT(p[0].pos.col, 5);
	CHECK_STR(p[1].id.s, "p2");
	CHECK(!p[1].size.set);
	CHECK_EQ_INT(p[1].pos.line, 10);
	CHECK_STR(f.t.main.id.s, "m");
	CHECK_EQ_INT(f.t.main.pos.line, 11);
	REQUIRE(f.t.raw != NULL);
	CHECK_EQ_INT(f.t.raw->kind, AG_Y_SEQ);
	CHECK_EQ_INT(f.t.pos.line, 1);
	unload(&f);
}

TEST(unset_fields_stay_unset)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\n") == 0);
	CHECK(!f.t.count.set);
	CHECK(f.t.count.s == NULL);
	CHECK(!f.t.tags.set);
	CHECK_EQ_INT(f.t.tags.n, 0);
	CHECK(!f.t.main.id.set);
	CHECK(f.t.main.pos.file == NULL);
	unload(&f);
}

TEST(null_document_leaves_struct_zeroed)
{
	struct sfix f;
	REQUIRE(load(&f, "") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	CHECK(f.t.pos.file == NULL);
	unload(&f);
	REQUIRE(load(&f, "~\n") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	unload(&f);
}

TEST(unknown_key_did_you_mean)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ncuont: 3\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags, "unknown key 'cuont' in thing; did you mean 'count'?", 2, 1);
	CHECK_STR(f.diags.v[0].file, "thing.yaml");
	CHECK_EQ_INT(f.diags.v[0].sev, AG_SEV_ERROR);
	unload(&f);

	/* in a nested object the schema's own name is used */
	REQUIRE(load(&f, "name: x\nparts:\n  - {id: a, sise: 2}\n") == 0);
	CHECK_DIAG(&f.diags, "unknown key 'sise' in part; did you mean 'size'?", 3, 13);
	unload(&f);
}

TEST(unknown_key_without_suggestion)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\nzzzzzzzzzz: 3\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	REQUIRE(f.diags.n == 1);
	CHECK_STR(f.diags.v[0].message, "unknown key 'zzzzzzzzzz' in thing");
	unload(&f);
}

TEST(merge_keys_are_explained)
{
	struct sfix f;
	REQUIRE(load(&f, "base: &b {name: x}\n<<: *b\n") == 0);
	CHECK_DIAG(&f.diags, "merge keys ('<<') are not supported in thing", 2, 1);
	unload(&f);
}

TEST(wrong_types)
{
	struct sfix f;
	REQUIRE(load(&f,
		     "name: [a]\n"
		     "count: lots\n"
		     "ratio: high\n"
		     "flag: yes\n"
		     "when: tomorrow\n"
		     "main: 5\n"
		     "parts: {id: a}\n") == 0);
	CHECK_EQ_INT(f.l.errors, 7);
	CHECK_DIAG(&f.diags, "'name' must be a string, not a sequence", 1, 7);
	CHECK_DIAG(&f.diags, "'count' must be an integer, not a string ('lots')", 2, 8);
	CHECK_DIAG(&f.diags, "'ratio' must be a number, not a string ('high')", 3, 8);
	CHECK_DIAG(&f.diags, "'flag' must be true or false, not a string ('yes')", 4, 7);
	CHECK_DIAG(&f.diags, "'when' must be a date written YYYY-MM-DD, not 'tomorrow'", 5, 7);
	CHECK_DIAG(&f.diags, "'main' must be a mapping, not an integer", 6, 7);
	CHECK_DIAG(&f.diags, "'parts' must be a list of mappings, not a mapping", 7, 8);
	CHECK(!f.t.count.set);
	CHECK(!f.t.flag.set);
	unload(&f);
}

TEST(number_where_integer_wanted)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ncount: 1.5\n") == 0);
	CHECK_DIAG(&f.diags, "'count' must be an integer, not a number ('1.5')", 2, 8);
	unload(&f);
	REQUIRE(load(&f, "name: x\ncount: \"3\"\n") == 0);
	CHECK_DIAG(&f.diags, "'count' must be an integer, not a string ('3')", 2, 8);
	unload(&f);
}

TEST(null_scalar_is_an_error)
{
	struct sfix f;
	REQUIRE(load(&f, "name:\ncount: ~\n") == 0);
	CHECK_EQ_INT(f.l.errors, 2);
	CHECK_DIAG(&f.diags, "'name' must be a string, not null", 0, 0);
	CHECK_DIAG(&f.diags, "'count' must be an integer, not null", 2, 8);
	unload(&f);
}

TEST(string_field_accepts_any_scalar)
{
	struct sfix f;
	REQUIRE(load(&f, "name: 123\n") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	CHECK_STR(f.t.name.s, "123");
	unload(&f);
}

TEST(enum_did_you_mean)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ncolor: gren\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags, "'color' is 'gren'; did you mean 'green'? (one of: red, green, blue)",
		   2, 8);
	unload(&f);

	REQUIRE(load(&f, "name: x\ncolor: purple\n") == 0);
	REQUIRE(f.diags.n == 1);
	CHECK_STR(f.diags.v[0].message, "'color' is 'purple'; it must be one of: red, green, blue");
	unload(&f);

	/* enums are case-sensitive */
	REQUIRE(load(&f, "name: x\ncolor: Red\n") == 0);
	CHECK_DIAG(&f.diags, "did you mean 'red'?", 2, 8);
	unload(&f);
}

TEST(required_keys)
{
	struct sfix f;
	REQUIRE(load(&f, "count: 1\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags, "thing is missing the required key 'name'", 1, 1);
	unload(&f);

	REQUIRE(load(&f, "name: x\nparts:\n  - {size: 1}\n  - id: ok\n  - size: 2\n") == 0);
	CHECK_EQ_INT(f.l.errors, 2);
	CHECK_DIAG(&f.diags, "part is missing the required key 'id'", 3, 5);
	unload(&f);
}

TEST(strs_accepts_a_single_scalar)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ntags: solo\n") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	CHECK(f.t.tags.set);
	REQUIRE(f.t.tags.n == 1);
	const struct ag_scalar *s = f.t.tags.v;
	CHECK_STR(s[0].s, "solo");
	CHECK(s[0].set);
	CHECK_EQ_INT(s[0].pos.line, 2);
	CHECK_EQ_INT(s[0].pos.col, 7);
	unload(&f);
}

TEST(strs_items_must_be_scalars)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ntags: [a, {b: c}]\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags, "'tags' must be a string, not a mapping", 2, 11);
	unload(&f);
}

TEST(null_list_is_an_error_empty_list_is_not)
{
	struct sfix f;
	REQUIRE(load(&f, "name: x\ntags:\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags,
		   "'tags' must be a list of strings, not null (write [] for an empty list)", 0, 0);
	unload(&f);

	REQUIRE(load(&f, "name: x\nparts: ~\n") == 0);
	CHECK_DIAG(&f.diags, "'parts' must be a list of mappings, not null", 2, 8);
	unload(&f);

	REQUIRE(load(&f, "name: x\ntags: []\nparts: []\n") == 0);
	CHECK_EQ_INT(f.l.errors, 0);
	CHECK(f.t.tags.set); /* [] states "none", which is a decision */
	CHECK_EQ_INT(f.t.tags.n, 0);
	CHECK(f.t.parts.set);
	unload(&f);
}

TEST(objs_null_item_is_an_error)
{
	/* "parts: [~]" or a dangling "- " is a part with nothing in it: it must
	 * not become a silent, position-less, id-less element */
	struct sfix f;
	REQUIRE(load(&f, "name: x\nparts:\n  -\n  - id: b\n") == 0);
	CHECK(f.l.errors >= 1);
	CHECK(f.diags.n >= 1);
	if (f.diags.n)
		CHECK_EQ_INT(f.diags.v[0].line, 3);
	unload(&f);
}

TEST(walk_continues_after_errors)
{
	struct sfix f;
	REQUIRE(load(&f, "nmae: x\ncount: x\ncolor: x\nparts: [{}, {id: 1, size: z}]\n") == 0);
	/* unknown key, missing name, count, color, part id, part size */
	CHECK_EQ_INT(f.l.errors, 6);
	CHECK_EQ_INT(f.diags.n, 6);
	unload(&f);
}

TEST(not_a_mapping)
{
	struct sfix f;
	REQUIRE(load(&f, "[1, 2]\n") == 0);
	CHECK_EQ_INT(f.l.errors, 1);
	CHECK_DIAG(&f.diags, "thing must be a mapping (key: value), not a sequence", 1, 1);
	unload(&f);
	REQUIRE(load(&f, "just text\n") == 0);
	CHECK_DIAG(&f.diags, "thing must be a mapping (key: value), not a string", 1, 1);
	unload(&f);
}

static int date(const char *s, long *days)
{
	return ag_date_parse(s, strlen(s), days);
}

TEST(date_parse_valid)
{
	long d = 12345;
	CHECK(date("1970-01-01", &d) == 0 && d == 0);
	CHECK(date("1969-12-31", &d) == 0 && d == -1);
	CHECK(date("2026-11-25", &d) == 0 && d == 20782);
	CHECK(date("2000-02-29", &d) == 0 && d == 11016); /* divisible by 400 */
	CHECK(date("2024-02-29", &d) == 0 && d == 19782); /* divisible by 4 */
	CHECK(date("1600-03-01", &d) == 0 && d == -135080);
	CHECK(date("2026-12-31", &d) == 0);
	CHECK(date("2026-04-30", &d) == 0);
}

TEST(date_parse_invalid)
{
	long d = 777;
	CHECK(date("1900-02-29", &d) != 0); /* divisible by 100, not 400 */
	CHECK(date("2023-02-29", &d) != 0);
	CHECK(date("2026-02-30", &d) != 0);
	CHECK(date("2026-04-31", &d) != 0);
	CHECK(date("2026-13-01", &d) != 0);
	CHECK(date("2026-00-10", &d) != 0);
	CHECK(date("2026-01-00", &d) != 0);
	CHECK(date("2026-01-32", &d) != 0);
	CHECK(date("2026-4-1", &d) != 0);
	CHECK(date("2026/04/01", &d) != 0);
	CHECK(date("26-04-01", &d) != 0);
	CHECK(date("2026-04-01T00:00", &d) != 0);
	CHECK(date("2026-04-0a", &d) != 0);
	CHECK(date("", &d) != 0);
	CHECK(date("tomorrow!!", &d) != 0);
	CHECK_EQ_INT(d, 777);
	/* the length is honoured */
	CHECK(ag_date_parse("2026-04-01", 9, &d) != 0);
	CHECK(ag_date_parse("2026-04-01xyz", 10, &d) == 0);
}

static size_t dist(const char *a, const char *b, size_t cap)
{
	return ag_edit_distance(a, strlen(a), b, strlen(b), cap);
}

TEST(edit_distance)
{
	CHECK_EQ_INT(dist("kitten", "sitting", 10), 3);
	CHECK_EQ_INT(dist("same", "same", 10), 0);
	CHECK_EQ_INT(dist("", "abc", 10), 3);
	CHECK_EQ_INT(dist("abc", "", 10), 3);
	CHECK_EQ_INT(dist("", "", 10), 0);
	CHECK_EQ_INT(dist("nmae", "name", 10), 2); /* no transpositions */
	CHECK_EQ_INT(dist("flaw", "lawn", 10), 2);
	/* capped: anything farther than cap is cap + 1 */
	CHECK_EQ_INT(dist("abcdef", "uvwxyz", 2), 3);
	CHECK_EQ_INT(dist("kitten", "sitting", 3), 3);
	CHECK_EQ_INT(dist("kitten", "sitting", 2), 3);
	CHECK_EQ_INT(dist("kitten", "sitting", 1), 2);
}

TEST(edit_distance_long_strings)
{
	/* a 70-character key is unusual but legal; it is at distance 0 from
	 * itself and 1 from itself with one letter changed */
	char a[71], b[71];
	memset(a, 'k', 70);
	a[70] = '\0';
	memcpy(b, a, sizeof(a));
	b[35] = 'x';
	CHECK_EQ_INT(dist(a, a, 5), 0);
	CHECK_EQ_INT(dist(a, b, 5), 1);
}

TEST(did_you_mean)
{
	static const char *const c[] = {"name", "description", "constraints", "capabilities"};
	CHECK_STR(ag_did_you_mean("nmae", 4, c, 4), "name");
	CHECK_STR(ag_did_you_mean("descripton", 10, c, 4), "description");
	CHECK_STR(ag_did_you_mean("capabilites", 11, c, 4), "capabilities");
	CHECK_STR(ag_did_you_mean("contraints", 10, c, 4), "constraints");
	CHECK(ag_did_you_mean("xyz", 3, c, 4) == NULL);
	CHECK(ag_did_you_mean("entirely-different", 18, c, 4) == NULL);
	CHECK(ag_did_you_mean("name", 4, c, 0) == NULL);
	/* only the first n bytes of the word count */
	CHECK_STR(ag_did_you_mean("namXXXXX", 3, c, 4), "name");
}

TEST_MAIN(
	TEST_ENTRY(loads_every_type),
	TEST_ENTRY(unset_fields_stay_unset),
	TEST_ENTRY(null_document_leaves_struct_zeroed),
	TEST_ENTRY(unknown_key_did_you_mean),
	TEST_ENTRY(unknown_key_without_suggestion),
	TEST_ENTRY(merge_keys_are_explained),
	TEST_ENTRY(wrong_types),
	TEST_ENTRY(number_where_integer_wanted),
	TEST_ENTRY(null_scalar_is_an_error),
	TEST_ENTRY(string_field_accepts_any_scalar),
	TEST_ENTRY(enum_did_you_mean),
	TEST_ENTRY(required_keys),
	TEST_ENTRY(strs_accepts_a_single_scalar),
	TEST_ENTRY(strs_items_must_be_scalars),
	TEST_ENTRY(null_list_is_an_error_empty_list_is_not),
	TEST_ENTRY(objs_null_item_is_an_error),
	TEST_ENTRY(walk_continues_after_errors),
	TEST_ENTRY(not_a_mapping),
	TEST_ENTRY(date_parse_valid),
	TEST_ENTRY(date_parse_invalid),
	TEST_ENTRY(edit_distance),
	TEST_ENTRY(edit_distance_long_strings),
	TEST_ENTRY(did_you_mean)
)
