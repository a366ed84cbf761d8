/*
 * test_buf.c - struct ag_buf: growth, limits, printf, detach, the failure
 * policy (a never-NULL data pointer, a sticky error) and the JSON and XML
 * escaping every report writer relies on.
 */
#include <stdint.h>
#include <wchar.h>
#include "base/buf.h"
#include "test.h"

TEST(starts_empty)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK(b.data == ag_buf_empty);
	CHECK_STR(b.data, "");
	CHECK_EQ_INT(b.len, 0);
	CHECK_EQ_INT(b.alloc, 0);
	CHECK_EQ_INT(ag_buf_err(&b), 0);
	ag_buf_init(&b);
	CHECK(b.data == ag_buf_empty);
	ag_buf_release(&b);
	ag_buf_release(&b); /* releasing twice is harmless */
	CHECK(b.data == ag_buf_empty);
}

TEST(data_is_never_null)
{
	/* an empty buffer can be printed, searched and compared as it is */
	struct ag_buf b = AG_BUF_INIT;
	CHECK(b.data != NULL);
	CHECK_EQ_INT(strlen(b.data), 0);
	CHECK(strchr(b.data, 'x') == NULL);
	ag_buf_adds(&b, "abc");
	CHECK(b.data != ag_buf_empty);
	ag_buf_release(&b);
	CHECK(b.data == ag_buf_empty); /* released: the shared "" again */
	ag_buf_adds(&b, "x");
	ag_buf_reset(&b);
	CHECK(b.data != NULL);
	CHECK_STR(b.data, "");
	ag_buf_release(&b);
	/* a buffer detached from is empty again, not NULL */
	ag_buf_adds(&b, "y");
	free(ag_buf_detach(&b, NULL));
	CHECK(b.data == ag_buf_empty);
	CHECK_EQ_INT(b.alloc, 0);
}

TEST(add_keeps_nul_terminated)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_adds(&b, "abc"), 0);
	CHECK_EQ_INT(ag_buf_addc(&b, 'd'), 0);
	CHECK_EQ_INT(ag_buf_add(&b, "efXX", 2), 0);
	CHECK_EQ_INT(ag_buf_add(&b, NULL, 0), 0);
	CHECK_EQ_INT(b.len, 6);
	CHECK_STR(b.data, "abcdef");
	CHECK(b.alloc > b.len);
	ag_buf_release(&b);
}

TEST(add_embedded_nul)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_add(&b, "a\0b", 3), 0);
	CHECK_EQ_INT(b.len, 3);
	CHECK_MEM(b.data, "a\0b", 4);
	ag_buf_release(&b);
}

TEST(growth_keeps_content)
{
	struct ag_buf b = AG_BUF_INIT;
	size_t last_alloc = 0, reallocs = 0;
	for (int i = 0; i < 100000; i++) {
		REQUIRE(ag_buf_addc(&b, (char)('a' + i % 26)) == 0);
		if (b.alloc != last_alloc) {
			reallocs++;
			last_alloc = b.alloc;
		}
	}
	CHECK_EQ_INT(b.len, 100000);
	CHECK_EQ_INT(strlen(b.data), 100000);
	int bad = 0;
	for (int i = 0; i < 100000; i++)
		bad += b.data[i] != (char)('a' + i % 26);
	CHECK_EQ_INT(bad, 0);
	/* geometric growth: a handful of reallocations, not one per byte */
	CHECK(reallocs < 40);
	ag_buf_release(&b);
}

TEST(grow_reserves_without_changing_len)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_grow(&b, 1000), 0);
	CHECK(b.alloc >= 1001);
	CHECK_EQ_INT(b.len, 0);
	ag_buf_release(&b);
}

TEST(cap_limit_refuses_and_keeps_content)
{
	struct ag_buf b = AG_BUF_INIT;
	b.cap_limit = 10;
	CHECK_EQ_INT(ag_buf_adds(&b, "0123456789"), 0);
	CHECK_EQ_INT(ag_buf_addc(&b, 'x'), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_printf(&b, "%d", 1), AG_ELIMIT);
	CHECK_EQ_INT(b.len, 10);
	CHECK_STR(b.data, "0123456789");
	ag_buf_release(&b);
}

TEST(first_error_is_sticky)
{
	struct ag_buf b = AG_BUF_INIT;
	b.cap_limit = 8;
	CHECK_EQ_INT(ag_buf_adds(&b, "12345"), 0);
	CHECK_EQ_INT(ag_buf_adds(&b, "6789"), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_err(&b), AG_ELIMIT);
	/* later appends are no-ops, even those that would fit: the output is
	 * already incomplete, so nothing after the hole may follow it */
	CHECK_EQ_INT(ag_buf_addc(&b, 'x'), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_add(&b, "", 0), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_printf(&b, "%s", ""), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_json_str(&b, "a", 1), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_xml_str(&b, "a", 1), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_grow(&b, 0), AG_ELIMIT);
	CHECK_STR(b.data, "12345");
	/* checked once, at the end, by whoever uses the bytes */
	CHECK_EQ_INT(ag_buf_err(&b), AG_ELIMIT);
	/* reset starts over, error and all */
	ag_buf_reset(&b);
	CHECK_EQ_INT(ag_buf_err(&b), 0);
	CHECK_EQ_INT(ag_buf_adds(&b, "abc"), 0);
	CHECK_STR(b.data, "abc");
	ag_buf_release(&b);
	CHECK_EQ_INT(ag_buf_err(&b), 0);
}

TEST(unrenderable_format_is_sticky_einval)
{
	/* %ls of a wide string the C locale cannot encode: vsnprintf fails */
	static const wchar_t bad[] = {0x20AC, 0};
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_buf_printf(&b, "%ls", bad);
	if (rc) { /* the C library may also render it; then there is nothing to test */
		CHECK_EQ_INT(rc, AG_EINVAL);
		CHECK_EQ_INT(ag_buf_err(&b), AG_EINVAL);
		CHECK_EQ_INT(ag_buf_adds(&b, "x"), AG_EINVAL);
	}
	ag_buf_release(&b);
}

TEST(detach_of_a_failed_buffer_is_null)
{
	struct ag_buf b = AG_BUF_INIT;
	b.cap_limit = 4;
	ag_buf_adds(&b, "abc");
	ag_buf_adds(&b, "def");
	size_t len = 99;
	CHECK(ag_buf_detach(&b, &len) == NULL);
	CHECK_EQ_INT(len, 0);
	/* the partial content is freed (ASan checks) and the error kept */
	CHECK_EQ_INT(ag_buf_err(&b), AG_ELIMIT);
	CHECK(b.data == ag_buf_empty);
	CHECK_EQ_INT(b.len, 0);
	ag_buf_release(&b);
}

TEST(grow_overflow_is_limit)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_adds(&b, "x"), 0);
	CHECK_EQ_INT(ag_buf_grow(&b, SIZE_MAX), AG_ELIMIT);
	CHECK_EQ_INT(ag_buf_grow(&b, AG_BUF_DEFAULT_LIMIT), AG_ELIMIT);
	CHECK_STR(b.data, "x");
	ag_buf_release(&b);
}

TEST(printf_appends)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_printf(&b, "%s:%d:%d", "arch/system.yaml", 3, 7), 0);
	CHECK_EQ_INT(ag_buf_printf(&b, " %s", "error"), 0);
	CHECK_STR(b.data, "arch/system.yaml:3:7 error");
	CHECK_EQ_INT(b.len, strlen("arch/system.yaml:3:7 error"));
	ag_buf_release(&b);
}

TEST(printf_larger_than_first_allocation)
{
	char big[5000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_adds(&b, "<"), 0);
	CHECK_EQ_INT(ag_buf_printf(&b, "%s>%05d", big, 42), 0);
	CHECK_EQ_INT(b.len, 1 + 4999 + 1 + 5);
	CHECK(b.data[0] == '<' && b.data[1] == 'z' && b.data[4999] == 'z');
	CHECK_STR(b.data + 5000, ">00042");
	ag_buf_release(&b);
}

TEST(printf_empty_string_allocates)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_buf_printf(&b, "%s", ""), 0);
	REQUIRE(b.data != NULL);
	CHECK_STR(b.data, "");
	ag_buf_release(&b);
}

TEST(reset_keeps_memory)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "hello");
	size_t alloc = b.alloc;
	ag_buf_reset(&b);
	CHECK_EQ_INT(b.len, 0);
	CHECK_STR(b.data, "");
	CHECK_EQ_INT(b.alloc, alloc);
	ag_buf_adds(&b, "x");
	CHECK_STR(b.data, "x");
	ag_buf_release(&b);
	ag_buf_reset(&b); /* reset of an empty buffer is harmless (and writes nothing) */
	CHECK(b.data == ag_buf_empty);
}

TEST(detach_hands_over_and_empties)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "owned");
	size_t len = 0;
	char *p = ag_buf_detach(&b, &len);
	CHECK_STR(p, "owned");
	CHECK_EQ_INT(len, 5);
	CHECK(b.data == ag_buf_empty);
	CHECK_EQ_INT(b.len, 0);
	free(p);

	/* an empty buffer still yields an allocated "", never the shared one */
	p = ag_buf_detach(&b, &len);
	REQUIRE(p != NULL);
	CHECK(p != ag_buf_empty);
	CHECK_STR(p, "");
	CHECK_EQ_INT(len, 0);
	free(p);
}

static void json(struct ag_buf *b, const char *s, size_t n)
{
	ag_buf_reset(b);
	CHECK_EQ_INT(ag_buf_json_str(b, s, n), 0);
}

TEST(json_escaping)
{
	struct ag_buf b = AG_BUF_INIT;
	json(&b, "plain", 5);
	CHECK_STR(b.data, "\"plain\"");
	json(&b, "", 0);
	CHECK_STR(b.data, "\"\"");
	json(&b, "say \"hi\" \\ now", 14);
	CHECK_STR(b.data, "\"say \\\"hi\\\" \\\\ now\"");
	json(&b, "a\nb\rc\td", 7);
	CHECK_STR(b.data, "\"a\\nb\\rc\\td\"");
	json(&b, "\x01\x1f\x7f\b\f", 5);
	CHECK_STR(b.data, "\"\\u0001\\u001f\\u007f\\u0008\\u000c\"");
	/* the length is honoured: an embedded NUL is escaped, not a terminator */
	json(&b, "a\0b", 3);
	CHECK_STR(b.data, "\"a\\u0000b\"");
	/* UTF-8 passes through unchanged; '/' needs no escape */
	json(&b, "caf\xc3\xa9 \xe2\x86\x92 a/b", 13);
	CHECK_STR(b.data, "\"caf\xc3\xa9 \xe2\x86\x92 a/b\"");
	/* only n bytes are read */
	json(&b, "abcdef", 3);
	CHECK_STR(b.data, "\"abc\"");
	ag_buf_release(&b);
}

TEST(invalid_utf8_becomes_replacement_character)
{
	/* JSON (RFC 8259) and XML must be UTF-8: a Windows-1252 byte in an ADR
	 * title must not make the report unparseable */
	struct ag_buf b = AG_BUF_INIT;
	json(&b, "caf\xe9 q", 6);
	CHECK_STR(b.data, "\"caf\xef\xbf\xbd q\"");
	json(&b, "\xc3", 1); /* truncated sequence at the end */
	CHECK_STR(b.data, "\"\xef\xbf\xbd\"");
	json(&b, "\xc0\xaf", 2); /* overlong '/' */
	CHECK_STR(b.data, "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	json(&b, "\xed\xa0\x80", 3); /* a UTF-16 surrogate */
	CHECK_STR(b.data, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	json(&b, "\xf0\x9f\x98\x80", 4); /* U+1F600 passes */
	CHECK_STR(b.data, "\"\xf0\x9f\x98\x80\"");
	ag_buf_reset(&b);
	ag_buf_xml_str(&b, "caf\xe9", 4);
	CHECK_STR(b.data, "caf\xef\xbf\xbd");
	ag_buf_release(&b);
}

TEST(json_escaping_appends)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, "{\"k\":");
	ag_buf_json_str(&b, "v", 1);
	ag_buf_addc(&b, '}');
	CHECK_STR(b.data, "{\"k\":\"v\"}");
	ag_buf_release(&b);
}

static void xml(struct ag_buf *b, const char *s, size_t n)
{
	ag_buf_reset(b);
	CHECK_EQ_INT(ag_buf_xml_str(b, s, n), 0);
}

TEST(xml_escaping)
{
	struct ag_buf b = AG_BUF_INIT;
	xml(&b, "a<b>&\"c'", 8);
	CHECK_STR(b.data, "a&lt;b&gt;&amp;&quot;c&apos;");
	xml(&b, "&amp;", 5); /* escaped again: the writer does not guess */
	CHECK_STR(b.data, "&amp;amp;");
	/* newline, tab and CR are legal XML text; other C0 controls are not
	 * legal even as character references, so they are replaced */
	xml(&b, "l1\nl2\tx\ry", 9);
	CHECK_STR(b.data, "l1\nl2\tx\ry");
	xml(&b, "a\x01" "b\x1b" "c", 5);
	CHECK_STR(b.data, "a?b?c");
	xml(&b, "n\0ul", 4);
	CHECK(strchr(b.data, '\0') == b.data + b.len);
	CHECK_EQ_INT(b.len, 4);
	xml(&b, "\xc3\xa9t\xc3\xa9", 5);
	CHECK_STR(b.data, "\xc3\xa9t\xc3\xa9");
	xml(&b, "", 0);
	CHECK_EQ_INT(b.len, 0);
	ag_buf_release(&b);
}

static const char *text(struct ag_buf *b, const char *s, size_t n)
{
	ag_buf_reset(b);
	CHECK_EQ_INT(ag_buf_text_str(b, s, n), 0);
	return b->data;
}

/* ADR-023: a value printed to a terminal cannot carry control characters */
TEST(text_escaping)
{
	struct ag_buf b = AG_BUF_INIT;
	CHECK_STR(text(&b, "plain caf\xc3\xa9 \\ ok", 16), "plain caf\xc3\xa9 \\ ok");
	CHECK(ag_text_plain("plain", 5));
	/* a newline in a file name cannot start a forged diagnostic line */
	CHECK_STR(text(&b, "x.md\nx.md:1:1: error: forged", 28),
		  "x.md\\nx.md:1:1: error: forged");
	CHECK_STR(text(&b, "a\x1b[31mred\x07\r\t", 12), "a\\x1b[31mred\\x07\\r\\t");
	CHECK_STR(text(&b, "del\x7f", 4), "del\\x7f");
	/* C1 CSI in UTF-8 (U+009B) and a lone 0x9B byte */
	CHECK_STR(text(&b, "\xc2\x9b" "2J", 4), "\\x9b2J");
	CHECK_STR(text(&b, "\x9b" "2J", 3), "\\x9b2J");
	CHECK_STR(text(&b, "n\0ul", 4), "n\\x00ul");
	CHECK(!ag_text_plain("a\nb", 3));
	ag_buf_release(&b);
}

TEST(url_allowlist)
{
	static const char *const ok[] = {"https://example.com/x", "HTTP://a", "mailto:a@b",
					 "docs/x.md", "../x.md#y", "x.md", "/abs", "?q=a:b",
					 "a/b:c", "#frag"};
	static const char *const bad[] = {"javascript:alert(1)", "JavaScript:x", "data:text/html,x",
					  "vbscript:x", "file:///etc/passwd", "java\tscript:x",
					  " javascript:x", "https://a b", "", "x:y",
					  "https://a\x1b", "\xc3\xa9:x"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		CHECK(ag_url_allowed(ok[i], strlen(ok[i])));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK(!ag_url_allowed(bad[i], strlen(bad[i])));
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_uri_path(&b, "../adr/javascript:x (1).md", 26);
	CHECK_STR(b.data, "../adr/javascript%3Ax%20%281%29.md");
	CHECK(ag_url_allowed(b.data, b.len));
	ag_buf_release(&b);
}

TEST_MAIN(
	TEST_ENTRY(starts_empty),
	TEST_ENTRY(data_is_never_null),
	TEST_ENTRY(add_keeps_nul_terminated),
	TEST_ENTRY(add_embedded_nul),
	TEST_ENTRY(growth_keeps_content),
	TEST_ENTRY(grow_reserves_without_changing_len),
	TEST_ENTRY(cap_limit_refuses_and_keeps_content),
	TEST_ENTRY(first_error_is_sticky),
	TEST_ENTRY(unrenderable_format_is_sticky_einval),
	TEST_ENTRY(detach_of_a_failed_buffer_is_null),
	TEST_ENTRY(grow_overflow_is_limit),
	TEST_ENTRY(printf_appends),
	TEST_ENTRY(printf_larger_than_first_allocation),
	TEST_ENTRY(printf_empty_string_allocates),
	TEST_ENTRY(reset_keeps_memory),
	TEST_ENTRY(detach_hands_over_and_empties),
	TEST_ENTRY(json_escaping),
	TEST_ENTRY(invalid_utf8_becomes_replacement_character),
	TEST_ENTRY(json_escaping_appends),
	TEST_ENTRY(xml_escaping),
	TEST_ENTRY(text_escaping),
	TEST_ENTRY(url_allowlist)
)
