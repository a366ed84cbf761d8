/*
 * test_json.c - the streaming JSON writer (base/json.h): compact and pretty
 * layouts, escaping, numbers, the sticky error and the nesting checks.
 */
#include <math.h>
#include <stdint.h>
#include "base/json.h"
#include "test.h"

TEST(compact_document)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_int(&w, "version", 1);
	ag_json_key(&w, "findings");
	ag_json_begin_array(&w);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "rule", "waiver-expired");
	ag_json_kv_str(&w, "file", NULL);
	ag_json_kv_bool(&w, "red_flag", false);
	ag_json_kv_bool(&w, "waived", true);
	ag_json_kv_null(&w, "x");
	ag_json_end_object(&w);
	ag_json_int(&w, -3);
	ag_json_uint(&w, UINT64_MAX);
	ag_json_end_array(&w);
	ag_json_key(&w, "empty");
	ag_json_begin_object(&w);
	ag_json_end_object(&w);
	ag_json_key(&w, "none");
	ag_json_begin_array(&w);
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"version\":1,\"findings\":[{\"rule\":\"waiver-expired\","
			  "\"file\":null,\"red_flag\":false,\"waived\":true,\"x\":null},"
			  "-3,18446744073709551615],\"empty\":{},\"none\":[]}");
	ag_buf_release(&b);
}

TEST(appends_after_existing_content)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "prefix ");
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_str(&w, "v");
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "prefix \"v\"");
	ag_buf_release(&b);
}

TEST(top_level_sequence_for_ndjson)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	for (int i = 0; i < 3; i++) {
		ag_json_begin_object(&w);
		ag_json_kv_int(&w, "i", i);
		ag_json_end_object(&w);
		ag_buf_addc(&b, '\n');
	}
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n");
	ag_buf_release(&b);
}

TEST(strings_are_escaped_like_ag_buf_json_str)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "q\"k", "say \"hi\"\n\t\\ caf\xe9 \xc3\xa9");
	ag_json_keyn(&w, "nul\0key", 7);
	ag_json_strn(&w, "a\0b", 3);
	ag_json_kv_strn(&w, "n", "abcdef", 3);
	ag_json_end_object(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"q\\\"k\":\"say \\\"hi\\\"\\n\\t\\\\ caf\xef\xbf\xbd \xc3\xa9\","
			  "\"nul\\u0000key\":\"a\\u0000b\",\"n\":\"abc\"}");
	ag_buf_release(&b);
}

static const char *num(struct ag_buf *b, double v, int decimals)
{
	struct ag_json w;
	ag_buf_reset(b);
	ag_json_init(&w, b, AG_JSON_COMPACT);
	ag_json_double(&w, v, decimals);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	return b->data;
}

TEST(doubles_in_the_callers_format)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_STR(num(&b, 12.345, 2), "12.35");
	CHECK_STR(num(&b, 3, 2), "3.00");
	CHECK_STR(num(&b, 0.5, 0), "0");
	CHECK_STR(num(&b, -1.25, 3), "-1.250");
	CHECK_STR(num(&b, NAN, 2), "null");
	CHECK_STR(num(&b, INFINITY, 2), "null");
	CHECK_STR(num(&b, -INFINITY, AG_JSON_SHORTEST), "null");
	/* the events engine's format: integers bare, up to six decimals */
	CHECK_STR(num(&b, 42, AG_JSON_SHORTEST), "42");
	CHECK_STR(num(&b, -7, AG_JSON_SHORTEST), "-7");
	CHECK_STR(num(&b, 0.25, AG_JSON_SHORTEST), "0.25");
	CHECK_STR(num(&b, 1.0 / 3, AG_JSON_SHORTEST), "0.333333");
	CHECK_STR(num(&b, 1e-4, AG_JSON_SHORTEST), "0.0001");
	CHECK_STR(num(&b, 1e20, AG_JSON_SHORTEST), "1e+20");
	CHECK_STR(num(&b, 0.1 + 0.2 - 0.3, AG_JSON_SHORTEST), "5.551115123125783e-17");
	/* the largest double fits */
	char big[AG_JSON_NUM_MAX];
	CHECK(ag_json_format_double(big, -1.7976931348623157e308, 17) > 300);
	CHECK_EQ_INT(ag_json_format_double(big, 1, 18), AG_EINVAL);
	CHECK_EQ_INT(ag_json_format_double(big, 1, -2), AG_EINVAL);
	CHECK_EQ_INT(ag_json_format_double(big, 2.5, AG_JSON_SHORTEST), 3);
	CHECK_STR(big, "2.5");
	ag_buf_release(&b);
}

TEST(bad_decimals_is_sticky_einval)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	CHECK_EQ_INT(ag_json_double(&w, 1, 40), AG_EINVAL);
	CHECK_EQ_INT(ag_json_finish(&w), AG_EINVAL);
	ag_buf_release(&b);
}

TEST(raw_values)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_array(&w);
	ag_json_raw(&w, "1.50", 4);
	ag_json_raw(&w, "{\"a\":[1]}", 9);
	ag_json_end_array(&w);
	ag_json_begin_object(&w);
	ag_json_kv_raw(&w, "n", "7e3", 3);
	ag_json_end_object(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "[1.50,{\"a\":[1]}]{\"n\":7e3}");
	ag_buf_release(&b);
}

TEST(raw_compact)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_array(&w);
	static const char pretty[] = "{ \"a\" :\n\t[1,\r\n 2],\n \"s\": \"x \\\" y\\n \" }";
	ag_json_raw_compact(&w, pretty, sizeof(pretty) - 1);
	ag_json_raw_compact(&w, "7", 1);
	ag_json_end_array(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	/* whitespace between tokens goes, inside strings (escaped quote too) stays */
	CHECK_STR(b.data, "[{\"a\":[1,2],\"s\":\"x \\\" y\\n \"},7]");
	ag_buf_release(&b);
}

static void sample(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "date", "2026-11-25");
	ag_json_key(w, "quadrants");
	ag_json_inline(w);
	ag_json_begin_array(w);
	for (int i = 0; i < 2; i++) {
		ag_json_begin_object(w);
		ag_json_kv_int(w, "id", i);
		ag_json_end_object(w);
	}
	ag_json_end_array(w);
	ag_json_key(w, "entries");
	ag_json_begin_array(w);
	for (int i = 0; i < 2; i++) {
		ag_json_inline(w);
		ag_json_begin_object(w);
		ag_json_kv_int(w, "ring", i);
		ag_json_key(w, "links");
		ag_json_begin_array(w);
		ag_json_str(w, "a");
		ag_json_str(w, "b");
		ag_json_end_array(w);
		ag_json_key(w, "none");
		ag_json_begin_array(w);
		ag_json_end_array(w);
		ag_json_end_object(w);
	}
	ag_json_end_array(w);
	ag_json_key(w, "tags");
	ag_json_begin_array(w);
	ag_json_str(w, "x");
	ag_json_begin_object(w);
	ag_json_end_object(w);
	ag_json_end_array(w);
	ag_json_end_object(w);
}

TEST(pretty_layout_with_inline_records)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_PRETTY);
	sample(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data,
		  "{\n"
		  "  \"date\": \"2026-11-25\",\n"
		  "  \"quadrants\": [{\"id\": 0}, {\"id\": 1}],\n"
		  "  \"entries\": [\n"
		  "    {\"ring\": 0, \"links\": [\"a\", \"b\"], \"none\": []},\n"
		  "    {\"ring\": 1, \"links\": [\"a\", \"b\"], \"none\": []}\n"
		  "  ],\n"
		  "  \"tags\": [\n"
		  "    \"x\",\n"
		  "    {}\n"
		  "  ]\n"
		  "}");
	ag_buf_release(&b);
}

TEST(inline_is_ignored_in_compact_mode)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	sample(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"date\":\"2026-11-25\",\"quadrants\":[{\"id\":0},{\"id\":1}],"
			  "\"entries\":[{\"ring\":0,\"links\":[\"a\",\"b\"],\"none\":[]},"
			  "{\"ring\":1,\"links\":[\"a\",\"b\"],\"none\":[]}],\"tags\":[\"x\",{}]}");
	ag_buf_release(&b);
}

TEST(one_record_a_line_layouts)
{
	/* one space of indent, compact records: the radar catalog's layout */
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_INDENT(1));
	ag_json_begin_array(&w);
	for (int i = 0; i < 2; i++) {
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		ag_json_kv_int(&w, "n", i);
		ag_json_key(&w, "tags");
		ag_json_begin_array(&w);
		ag_json_str(&w, "a");
		ag_json_str(&w, "b");
		ag_json_end_array(&w);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "[\n {\"n\":0,\"tags\":[\"a\",\"b\"]},\n {\"n\":1,\"tags\":[\"a\",\"b\"]}\n]");
	/* spaced on one line */
	ag_buf_reset(&b);
	ag_json_init(&w, &b, AG_JSON_SPACED);
	ag_json_begin_object(&w);
	ag_json_kv_int(&w, "a", 1);
	ag_json_kv_int(&w, "b", 2);
	ag_json_end_object(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"a\": 1, \"b\": 2}");
	ag_buf_release(&b);
}

TEST(empty_containers_may_break_their_line)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	for (int brk = 0; brk < 2; brk++) {
		ag_buf_reset(&b);
		ag_json_init(&w, &b, AG_JSON_PRETTY | (brk ? AG_JSON_BREAK_EMPTY : 0));
		ag_json_begin_object(&w);
		ag_json_key(&w, "entries");
		ag_json_begin_array(&w);
		ag_json_end_array(&w);
		ag_json_key(&w, "links");
		ag_json_inline(&w);
		ag_json_begin_array(&w); /* on one line: never broken */
		ag_json_end_array(&w);
		ag_json_end_object(&w);
		CHECK_EQ_INT(ag_json_finish(&w), 0);
		CHECK_STR(b.data, brk ? "{\n  \"entries\": [\n  ],\n  \"links\": []\n}"
				      : "{\n  \"entries\": [],\n  \"links\": []\n}");
	}
	ag_buf_release(&b);
}

TEST(pretty_indents_deeply)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_PRETTY);
	for (int i = 0; i < 20; i++)
		ag_json_begin_array(&w);
	ag_json_int(&w, 1);
	for (int i = 0; i < 20; i++)
		ag_json_end_array(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	/* the innermost value stands after 40 spaces */
	const char *one = strchr(b.data, '1');
	REQUIRE(one != NULL);
	CHECK(one - b.data >= 41 && one[-41] == '\n');
	CHECK(one[-1] == ' ' && one[-40] == ' ');
	ag_buf_release(&b);
}

/* Every misuse returns AG_EINVAL, keeps it, and writes nothing more. */
static int misuse(void (*fn)(struct ag_json *))
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	fn(&w);
	size_t len = b.len;
	int rc = ag_json_finish(&w);
	/* later calls are no-ops that return the first error */
	CHECK_EQ_INT(ag_json_str(&w, "more"), rc);
	CHECK_EQ_INT(ag_json_begin_object(&w), rc);
	CHECK_EQ_INT(b.len, len);
	ag_buf_release(&b);
	return rc;
}

static void end_without_begin(struct ag_json *w) { ag_json_end_object(w); }
static void end_array_without_begin(struct ag_json *w) { ag_json_end_array(w); }
static void end_of_other_kind(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_end_array(w);
}
static void array_closed_as_object(struct ag_json *w)
{
	ag_json_begin_array(w);
	ag_json_end_object(w);
}
static void key_outside_object(struct ag_json *w)
{
	ag_json_begin_array(w);
	ag_json_key(w, "k");
}
static void key_at_top_level(struct ag_json *w) { ag_json_key(w, "k"); }
static void two_keys(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_key(w, "a");
	ag_json_key(w, "b");
}
static void value_without_key(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_int(w, 1);
}
static void key_without_value(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_key(w, "a");
	ag_json_end_object(w);
}
static void left_open(struct ag_json *w)
{
	ag_json_begin_array(w);
	ag_json_begin_object(w);
	ag_json_end_object(w);
}
static void empty_raw(struct ag_json *w) { ag_json_raw(w, "", 0); }
static void null_key(struct ag_json *w)
{
	ag_json_begin_object(w);
	ag_json_key(w, NULL);
}

TEST(nesting_errors_are_einval)
{
	CHECK_EQ_INT(misuse(end_without_begin), AG_EINVAL);
	CHECK_EQ_INT(misuse(end_array_without_begin), AG_EINVAL);
	CHECK_EQ_INT(misuse(end_of_other_kind), AG_EINVAL);
	CHECK_EQ_INT(misuse(array_closed_as_object), AG_EINVAL);
	CHECK_EQ_INT(misuse(key_outside_object), AG_EINVAL);
	CHECK_EQ_INT(misuse(key_at_top_level), AG_EINVAL);
	CHECK_EQ_INT(misuse(two_keys), AG_EINVAL);
	CHECK_EQ_INT(misuse(value_without_key), AG_EINVAL);
	CHECK_EQ_INT(misuse(key_without_value), AG_EINVAL);
	CHECK_EQ_INT(misuse(left_open), AG_EINVAL);
	CHECK_EQ_INT(misuse(empty_raw), AG_EINVAL);
	CHECK_EQ_INT(misuse(null_key), AG_EINVAL);
}

TEST(depth_limit)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	for (int i = 0; i < AG_JSON_MAX_DEPTH; i++)
		CHECK_EQ_INT(ag_json_begin_array(&w), 0);
	CHECK_EQ_INT(ag_json_begin_array(&w), AG_ELIMIT);
	CHECK_EQ_INT(b.len, AG_JSON_MAX_DEPTH);
	CHECK_EQ_INT(ag_json_end_array(&w), AG_ELIMIT);
	CHECK_EQ_INT(ag_json_finish(&w), AG_ELIMIT);
	ag_buf_release(&b);
}

TEST(buffer_limit_is_sticky)
{
	struct ag_buf b = AG_BUF_INIT;
	b.cap_limit = 16;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_array(&w);
	CHECK_EQ_INT(ag_json_str(&w, "0123456789"), 0);
	CHECK_EQ_INT(ag_json_str(&w, "0123456789"), AG_ELIMIT);
	/* a value that would fit now is refused too: the document is broken */
	CHECK_EQ_INT(ag_json_int(&w, 1), AG_ELIMIT);
	CHECK_EQ_INT(ag_json_end_array(&w), AG_ELIMIT);
	CHECK_EQ_INT(ag_json_finish(&w), AG_ELIMIT);
	ag_buf_release(&b);
}

TEST(escaped_strings_pass_through)
{
	/* text as it stood between the quotes of an input document */
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_key_escaped(&w, "http.\\u0041", 11);
	ag_json_str_escaped(&w, "say \\\"hi\\\"", 10);
	ag_json_key_escaped(&w, "e", 1);
	ag_json_str_escaped(&w, "", 0);
	ag_json_end_object(&w);
	CHECK_EQ_INT(ag_json_finish(&w), 0);
	CHECK_STR(b.data, "{\"http.\\u0041\":\"say \\\"hi\\\"\",\"e\":\"\"}");
	ag_buf_reset(&b);
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	CHECK_EQ_INT(ag_json_str_escaped(&w, NULL, 0), AG_EINVAL);
	ag_buf_release(&b);
}

TEST(fail_records_an_outside_error)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_array(&w);
	CHECK_EQ_INT(ag_json_fail(&w, 0), 0); /* no error: nothing recorded */
	CHECK_EQ_INT(ag_json_fail(&w, AG_ENOMEM), AG_ENOMEM);
	CHECK_EQ_INT(ag_json_fail(&w, AG_ELIMIT), AG_ENOMEM); /* the first one stays */
	CHECK_EQ_INT(ag_json_end_array(&w), AG_ENOMEM);
	CHECK_EQ_INT(ag_json_finish(&w), AG_ENOMEM);
	CHECK_STR(b.data, "[");
	ag_buf_release(&b);
}

TEST_MAIN(
	TEST_ENTRY(compact_document),
	TEST_ENTRY(appends_after_existing_content),
	TEST_ENTRY(top_level_sequence_for_ndjson),
	TEST_ENTRY(strings_are_escaped_like_ag_buf_json_str),
	TEST_ENTRY(doubles_in_the_callers_format),
	TEST_ENTRY(bad_decimals_is_sticky_einval),
	TEST_ENTRY(raw_values),
	TEST_ENTRY(raw_compact),
	TEST_ENTRY(pretty_layout_with_inline_records),
	TEST_ENTRY(inline_is_ignored_in_compact_mode),
	TEST_ENTRY(one_record_a_line_layouts),
	TEST_ENTRY(empty_containers_may_break_their_line),
	TEST_ENTRY(pretty_indents_deeply),
	TEST_ENTRY(nesting_errors_are_einval),
	TEST_ENTRY(depth_limit),
	TEST_ENTRY(buffer_limit_is_sticky),
	TEST_ENTRY(escaped_strings_pass_through),
	TEST_ENTRY(fail_records_an_outside_error)
)
