/*
 * test_events_scan.c - the NDJSON line scanner and JSON value decoder:
 * every JSON form that may appear in a valid line, every way a line can
 * be invalid (with the column), nested paths, escapes and times.
 */
#include <math.h>
#include "events/events_scan.h"
#include "test.h"

static struct ag_ev_fields fs;
static struct ag_ev_val vals[AG_EV_MAX_FIELDS];

static void want(const char *const *paths, size_t n)
{
	ag_ev_fields_init(&fs);
	for (size_t i = 0; i < n; i++)
		ag_ev_fields_add(&fs, paths[i], strlen(paths[i]));
}

static enum ag_ev_line_kind scan(const char *line, struct ag_ev_line *l)
{
	const char *end = line + strlen(line);
	const char *next = ag_ev_scan_line(line, end, &fs, vals, l);
	(void)next;
	return l->kind;
}

static const char *str(int i, char *buf)
{
	size_t n;
	const char *s = ag_ev_str(&vals[i], buf, &n);
	memmove(buf, s, n);
	buf[n] = '\0';
	return buf;
}

TEST(seed_example)
{
	static const char *const p[] = {"trace_id", "service", "duration_ms", "user_id"};
	want(p, 4);
	struct ag_ev_line l;
	CHECK_EQ_INT(scan("{ \"trace_id\": \"abc123\", \"span_id\": \"xyz789\", \"service\": "
			  "\"payment-api\", \"event\": \"charge_created\", \"user_id\": 42, "
			  "\"amount_cents\": 1999, \"duration_ms\": 234 }", &l),
		     AG_EV_LINE_OBJECT);
	char b[64];
	CHECK_STR(str(0, b), "abc123");
	CHECK_STR(str(1, b), "payment-api");
	CHECK_EQ_INT(vals[2].type, AG_EV_NUM);
	CHECK(vals[2].num == 234);
	CHECK(vals[3].num == 42);
}

TEST(any_key_order_and_whitespace_and_crlf)
{
	static const char *const p[] = {"service", "duration_ms"};
	want(p, 2);
	struct ag_ev_line l;
	CHECK_EQ_INT(scan("\t{\"duration_ms\" :\t-1.5e2 ,\"x\":[1,{\"service\":\"no\"}],"
			  "\"service\":\"a\"}  \r\n", &l),
		     AG_EV_LINE_OBJECT);
	char b[64];
	CHECK_STR(str(0, b), "a"); /* the nested "service" is not the top-level one */
	CHECK(vals[1].num == -150);
	CHECK_EQ_INT(l.len, strlen("\t{\"duration_ms\" :\t-1.5e2 ,\"x\":[1,{\"service\":\"no\"}],"
				   "\"service\":\"a\"}  "));
}

TEST(numbers_in_every_form)
{
	static const char *const p[] = {"n"};
	want(p, 1);
	static const struct {
		const char *text;
		double v;
	} cases[] = {{"0", 0},	       {"-0", 0},	  {"7", 7},	      {"-12", -12},
		     {"3.25", 3.25},   {"1e3", 1000},	  {"1E+2", 100},      {"2.5e-3", 0.0025},
		     {"123456789012345678901234567890", 1.2345678901234568e29},
		     {"0.1", 0.1},     {"1e308", 1e308},  {"9007199254740993", 9007199254740992.0}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[128];
		snprintf(line, sizeof(line), "{\"n\":%s}", cases[i].text);
		struct ag_ev_line l;
		CHECK_EQ_INT(scan(line, &l), AG_EV_LINE_OBJECT);
		CHECK_EQ_INT(vals[0].type, AG_EV_NUM);
		if (vals[0].num != cases[i].v)
			TEST_FAIL_("%s gave %.17g", cases[i].text, vals[0].num);
	}
}

TEST(bad_numbers_are_invalid_with_a_column)
{
	want(NULL, 0);
	static const struct {
		const char *line;
		size_t col;
	} cases[] = {{"{\"n\":01}", 7},	 {"{\"n\":1.}", 8},    {"{\"n\":.5}", 6},
		     {"{\"n\":1e}", 8},	 {"{\"n\":-}", 7},     {"{\"n\":+1}", 6},
		     {"{\"n\":0x10}", 7}, {"{\"n\":NaN}", 6},  {"{\"n\":1 2}", 8}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ag_ev_line l;
		CHECK_EQ_INT(scan(cases[i].line, &l), AG_EV_LINE_INVALID);
		if (l.err_col != cases[i].col)
			TEST_FAIL_("%s: column %zu, expected %zu (%s)", cases[i].line, l.err_col,
				   cases[i].col, l.err);
	}
}

TEST(escapes_and_unicode)
{
	static const char *const p[] = {"s", "k\"ey"};
	want(p, 2);
	struct ag_ev_line l;
	CHECK_EQ_INT(scan("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\\ud800x\","
			  "\"k\\\"ey\":1}", &l),
		     AG_EV_LINE_OBJECT);
	CHECK(vals[0].esc);
	char b[128];
	CHECK_STR(str(0, b), "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx");
	CHECK_EQ_INT(vals[1].type, AG_EV_NUM); /* an escaped key matches its decoded name */
}

TEST(invalid_strings)
{
	want(NULL, 0);
	static const char *const bad[] = {
		"{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"open}",
		"{\"a\":'single'}",	    "{a:1}",		"{\"a\":1,}",	       "{\"a\":1",
		"{\"a\" 1}",		    "{\"a\":tru}",	"{\"a\":nul}",	       "{\"a\":[1,]}",
		"{\"a\":1}}",		    "{\"a\":1} x",	"User 42 charged $19.99 in 234ms",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ag_ev_line l;
		if (scan(bad[i], &l) != AG_EV_LINE_INVALID)
			TEST_FAIL_("accepted: %s", bad[i]);
		CHECK(l.err != NULL && l.err_col >= 1);
	}
	struct ag_ev_line l;
	scan("User 42 charged $19.99 in 234ms", &l);
	CHECK_STR(l.err, "not JSON: a plain text line");
	CHECK_EQ_INT(l.err_col, 1);
}

TEST(line_kinds_and_line_ends)
{
	want(NULL, 0);
	const char *text = "{}\n\n  \r\n[1,2]\n\"s\"\n42\nnull\n{\"a\":1}";
	const char *p = text, *end = text + strlen(text);
	enum ag_ev_line_kind want_kinds[] = {AG_EV_LINE_OBJECT, AG_EV_LINE_BLANK, AG_EV_LINE_BLANK,
					    AG_EV_LINE_ARRAY,  AG_EV_LINE_OTHER, AG_EV_LINE_OTHER,
					    AG_EV_LINE_OTHER,  AG_EV_LINE_OBJECT};
	size_t n = 0;
	while (p < end) {
		struct ag_ev_line l;
		p = ag_ev_scan_line(p, end, &fs, vals, &l);
		REQUIRE(n < 8);
		CHECK_EQ_INT(l.kind, want_kinds[n]);
		n++;
	}
	CHECK_EQ_INT(n, 8); /* the last line has no newline */
}

TEST(a_newline_inside_a_value_ends_the_line)
{
	want(NULL, 0);
	const char *text = "{\"a\":\"x\n\"}\n{\"b\":2}\n";
	const char *p = text, *end = text + strlen(text);
	struct ag_ev_line l;
	p = ag_ev_scan_line(p, end, &fs, vals, &l);
	CHECK_EQ_INT(l.kind, AG_EV_LINE_INVALID);
	p = ag_ev_scan_line(p, end, &fs, vals, &l);
	CHECK_EQ_INT(l.kind, AG_EV_LINE_INVALID); /* "}" alone */
	p = ag_ev_scan_line(p, end, &fs, vals, &l);
	CHECK_EQ_INT(l.kind, AG_EV_LINE_OBJECT);
	CHECK(p == end);
}

TEST(nested_paths_and_dotted_keys)
{
	static const char *const p[] = {"http.status", "a.b.c", "status", "status.code"};
	want(p, 4);
	struct ag_ev_line l;
	CHECK_EQ_INT(scan("{\"http\":{\"method\":\"GET\",\"status\":503},\"a\":{\"b\":{\"c\":true}},"
			  "\"status\":{\"code\":2}}", &l),
		     AG_EV_LINE_OBJECT);
	CHECK(vals[0].num == 503);
	CHECK_EQ_INT(vals[1].type, AG_EV_TRUE);
	CHECK_EQ_INT(vals[2].type, AG_EV_OBJ); /* the whole object and its member */
	CHECK(vals[3].num == 2);
	CHECK_EQ_INT(scan("{\"http.status\":404}", &l), AG_EV_LINE_OBJECT);
	CHECK(vals[0].num == 404);
	CHECK_EQ_INT(vals[3].type, AG_EV_NONE);
}

TEST(duplicate_keys_last_wins)
{
	static const char *const p[] = {"a"};
	want(p, 1);
	struct ag_ev_line l;
	scan("{\"a\":1,\"a\":2}", &l);
	CHECK(vals[0].num == 2);
}

TEST(deep_nesting_is_bounded)
{
	want(NULL, 0);
	static char line[4 * AG_EV_MAX_DEPTH + 64];
	size_t n = 0;
	line[n++] = '{';
	line[n++] = '"';
	line[n++] = 'a';
	line[n++] = '"';
	line[n++] = ':';
	for (int i = 0; i < AG_EV_MAX_DEPTH + 5; i++)
		line[n++] = '[';
	line[n] = '\0';
	struct ag_ev_line l;
	CHECK_EQ_INT(scan(line, &l), AG_EV_LINE_INVALID);
	CHECK_CONTAINS(l.err, "nesting");
}

TEST(iterator_walks_members)
{
	want(NULL, 0);
	const char *o = "{ \"a\" : 1, \"b\":[true,null], \"c\":{} }";
	struct ag_ev_val v = {o, strlen(o), 0, AG_EV_OBJ, false}, k, x;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, &v);
	int n = 0;
	while (ag_ev_iter_next(&it, &k, &x) == 1)
		n++;
	CHECK_EQ_INT(n, 3);
	const char *bad = "{\"a\" 1}";
	struct ag_ev_val bv = {bad, strlen(bad), 0, AG_EV_OBJ, false};
	ag_ev_iter_init(&it, &bv);
	CHECK_EQ_INT(ag_ev_iter_next(&it, &k, &x), -1);
}

TEST(times)
{
	int64_t ns;
	CHECK(ag_ev_parse_time("2026-01-29T10:00:00Z", 20, &ns));
	CHECK_EQ_INT(ns, 1769680800LL * 1000000000);
	CHECK(ag_ev_parse_time("2026-01-29T12:00:00.250+02:00", 29, &ns));
	CHECK_EQ_INT(ns, 1769680800LL * 1000000000 + 250000000);
	CHECK(ag_ev_parse_time("2026-01-29", 10, &ns));
	CHECK(ag_ev_parse_time("1769680800000000000", 19, &ns));
	CHECK_EQ_INT(ns, 1769680800LL * 1000000000);
	CHECK(ag_ev_parse_time("1769680800", 10, &ns));
	CHECK_EQ_INT(ns, 1769680800LL * 1000000000);
	CHECK(ag_ev_parse_time("1769680800123", 13, &ns)); /* milliseconds */
	CHECK_EQ_INT(ns, 1769680800123LL * 1000000);
	CHECK(!ag_ev_parse_time("yesterday", 9, &ns));
	CHECK(!ag_ev_parse_time("2026-13-01", 10, &ns));
	char out[40];
	ag_ev_format_time(1769680800LL * 1000000000 + 5000000, out);
	CHECK_STR(out, "2026-01-29T10:00:00.005Z");
}

TEST(numeric_strings)
{
	struct ag_ev_val v = {"1769680800000000000", 19, 0, AG_EV_STR, false};
	double d;
	CHECK(ag_ev_as_num(&v, &d));
	struct ag_ev_val w = {"12ms", 4, 0, AG_EV_STR, false};
	CHECK(!ag_ev_as_num(&w, &d));
}

TEST(field_set_limits)
{
	ag_ev_fields_init(&fs);
	char names[AG_EV_MAX_FIELDS + 1][8];
	for (int i = 0; i < AG_EV_MAX_FIELDS; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		CHECK_EQ_INT(ag_ev_fields_add(&fs, names[i], strlen(names[i])), i);
	}
	CHECK_EQ_INT(ag_ev_fields_add(&fs, "one-more", 8), AG_ELIMIT);
	CHECK_EQ_INT(ag_ev_fields_add(&fs, "f3", 2), 3);
	CHECK_EQ_INT(ag_ev_fields_add(&fs, "", 0), AG_EINVAL);
}

/* The scanner finds string ends with a mask per 64-byte block, kept for
 * the next strings in the block: move a line across every offset so keys,
 * escapes and strings full of structural characters straddle a boundary. */
TEST(strings_across_block_boundaries)
{
	static const char *const p[] = {"service", "duration_ms", "status.code",
					"long_key_name_of_twenty_three", "severity",
					"http.status_code"};
	want(p, 6);
	char line[512], b[128];
	for (int shift = 0; shift < 140; shift++) {
		int n = snprintf(line, sizeof(line),
				 "{\"pad\":\"%.*s\",\"k\\\"ey\":\"a\\\\\\\"b{}[],:\\\"\","
				 "\"service\":\"svc-\\\"q\\\"\",\"long_key_name_of_twenty_three\":\"x\","
				 "\"severity\":\"error\",\"http.status_code\":503,"
				 "\"duration_ms\":12.5,\"status\":{\"code\":2},\"tail\":\"}\\\\\"}\n"
				 "{\"service\":\"next\"}\n",
				 shift, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
					"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
					"xxxxxxxxxxxxxx");
		struct ag_ev_line l;
		const char *next = ag_ev_scan_line(line, line + n, &fs, vals, &l);
		if (l.kind != AG_EV_LINE_OBJECT) {
			TEST_FAIL_("shift %d: %s at %zu", shift, l.err ? l.err : "?", l.err_col);
			continue;
		}
		CHECK(vals[0].esc);
		CHECK_STR(str(0, b), "svc-\"q\"");
		CHECK(vals[1].type == AG_EV_NUM && vals[1].num == 12.5);
		CHECK(vals[2].type == AG_EV_NUM && vals[2].num == 2);
		CHECK_STR(str(3, b), "x");
		CHECK_STR(str(4, b), "error");
		CHECK(vals[5].type == AG_EV_NUM && vals[5].num == 503);
		CHECK(*next == '{');
		ag_ev_scan_line(next, line + n, &fs, vals, &l);
		CHECK_STR(str(0, b), "next");
		/* a control character inside a string, at every offset */
		for (int at = 1; at < 12; at++) {
			char bad[512];
			int m = snprintf(bad, sizeof(bad), "{\"pad\":\"%.*s\",\"service\":\"abcdefghijk\"}\n{}",
					 shift, line + 8);
			(void)m;
			/* line + 8 is the x's; put a tab inside "abcdefghijk" */
			char *sv = strstr(bad, "abcdefghijk");
			sv[at - 1] = '\t';
			CHECK_EQ_INT(scan(bad, &l), AG_EV_LINE_INVALID);
			CHECK_EQ_INT(l.err_col, (size_t)(sv + at - 1 - bad) + 1);
		}
	}
	/* an unterminated string that runs to the end of the bytes, short and long */
	struct ag_ev_line l;
	CHECK_EQ_INT(scan("{\"service\":\"abc", &l), AG_EV_LINE_INVALID);
	CHECK_EQ_INT(scan("{\"service\":\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
			  "abcdefghijklmnopqrstuvwxyz\\\"", &l), AG_EV_LINE_INVALID);
}

/* Numbers are valued while they are validated: the same doubles, bit for
 * bit, as ag_ev_number(). */
TEST(one_pass_numbers_match_ag_ev_number)
{
	static const char *const p[] = {"n"};
	want(p, 1);
	static const char *const nums[] = {
		"0", "-0", "12.5", "0.1", "0.05", "-3.25", "123456789012345", "1234567890123456",
		"99999999999999999999", "1e5", "1E-3", "-0.000001", "9007199254740993",
		"0.123456789012345", "0.1234567890123456", "76", "89.5", "1.7976931348623157e308"};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		char line[128];
		snprintf(line, sizeof(line), "{\"n\":%s}", nums[i]);
		struct ag_ev_line l;
		CHECK_EQ_INT(scan(line, &l), AG_EV_LINE_OBJECT);
		double want_d = ag_ev_number(nums[i], strlen(nums[i]));
		if (memcmp(&vals[0].num, &want_d, sizeof(double)))
			TEST_FAIL_("%s: %.17g, want %.17g", nums[i], vals[0].num, want_d);
		CHECK_EQ_INT(vals[0].n, strlen(nums[i]));
	}
}

/* Keys remembered by position (a line usually repeats the last one's key
 * order) must still be read: a different key of the same length at the
 * same place, keys in another order, and a new field set at the same
 * address. */
TEST(remembered_key_order)
{
	static const char *const p1[] = {"service", "level"};
	want(p1, 2);
	char b[64];
	struct ag_ev_line l;
	for (int round = 0; round < 2; round++) {
		CHECK_EQ_INT(scan("{\"service\":\"a\",\"level\":\"x\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
		CHECK_STR(str(0, b), "a");
		CHECK_STR(str(1, b), "x");
		CHECK_EQ_INT(scan("{\"servicx\":\"b\",\"levex\":\"y\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
		CHECK_EQ_INT(vals[0].type, AG_EV_NONE);
		CHECK_EQ_INT(vals[1].type, AG_EV_NONE);
		CHECK_EQ_INT(scan("{\"level\":\"z\",\"service\":\"c\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
		CHECK_STR(str(0, b), "c");
		CHECK_STR(str(1, b), "z");
		/* the remembered key followed by more key bytes: not the same key */
		CHECK_EQ_INT(scan("{\"level\":\"q\",\"service_x\":\"d\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
		CHECK_EQ_INT(vals[0].type, AG_EV_NONE);
		CHECK_STR(str(1, b), "q");
		/* an escaped key that decodes to a wanted one */
		CHECK_EQ_INT(scan("{\"leve\\u006c\":\"e\",\"service\":\"f\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
		CHECK_STR(str(0, b), "f");
		CHECK_STR(str(1, b), "e");
	}
	/* a new set in the same place: what was remembered is forgotten */
	static const char *const p2[] = {"level"};
	want(p2, 1);
	CHECK_EQ_INT(scan("{\"service\":\"a\",\"level\":\"x\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
	CHECK_STR(str(0, b), "x");
	/* a key with a control character where a remembered key was */
	want(p1, 2);
	CHECK_EQ_INT(scan("{\"service\":\"a\",\"level\":\"x\",\"pad\":\"....................\"}", &l), AG_EV_LINE_OBJECT);
	CHECK_EQ_INT(scan("{\"serv\tce\":\"a\",\"level\":\"x\",\"pad\":\"....................\"}", &l), AG_EV_LINE_INVALID);
	CHECK_EQ_INT(l.err_col, 7);
}

TEST_MAIN(TEST_ENTRY(seed_example), TEST_ENTRY(any_key_order_and_whitespace_and_crlf),
	  TEST_ENTRY(numbers_in_every_form), TEST_ENTRY(bad_numbers_are_invalid_with_a_column),
	  TEST_ENTRY(escapes_and_unicode), TEST_ENTRY(invalid_strings),
	  TEST_ENTRY(line_kinds_and_line_ends), TEST_ENTRY(a_newline_inside_a_value_ends_the_line),
	  TEST_ENTRY(nested_paths_and_dotted_keys), TEST_ENTRY(duplicate_keys_last_wins),
	  TEST_ENTRY(deep_nesting_is_bounded), TEST_ENTRY(iterator_walks_members),
	  TEST_ENTRY(times), TEST_ENTRY(numeric_strings), TEST_ENTRY(field_set_limits),
	  TEST_ENTRY(strings_across_block_boundaries),
	  TEST_ENTRY(one_pass_numbers_match_ag_ev_number),
	  TEST_ENTRY(remembered_key_order))
