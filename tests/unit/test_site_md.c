/*
 * test_site_md.c - the site's Markdown renderer (site_md.c): md4c with raw
 * HTML off, every URL through the allowlist (entities decoded first),
 * record links rewritten, text escaped, broken UTF-8 replaced.
 */
#include <string.h>
#include "site/site.h"
#include "test.h"

static char *md(const char *src, const struct ag_site_md_opts *o)
{
	struct ag_buf h = AG_BUF_INIT;
	int rc = ag_site_md(&h, NULL, src, strlen(src), o);
	CHECK_EQ_INT(rc, 0);
	return ag_buf_detach(&h, NULL);
}

#define CHECK_MD(src, want)                                                                \
	do {                                                                               \
		char *got_ = md(src, NULL);                                                \
		CHECK_STR(got_, want);                                                     \
		free(got_);                                                                \
	} while (0)

TEST(site_md_basic_blocks)
{
	CHECK_MD("# T\n\npara *em* **b** `c`\n", "<h1>T</h1>\n<p>para <em>em</em> <strong>b</strong> <code>c</code></p>\n");
	CHECK_MD("- a\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	CHECK_MD("| a | b |\n|---|--:|\n| 1 | 2 |\n",
		 "<table>\n<thead>\n<tr><th>a</th><th class=\"right\">b</th></tr>\n</thead>\n"
		 "<tbody>\n<tr><td>1</td><td class=\"right\">2</td></tr>\n</tbody>\n</table>\n");
}

TEST(site_md_raw_html_is_text)
{
	CHECK_MD("<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
	CHECK_MD("a <img src=x onerror=alert(1)> b\n",
		 "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n");
}

TEST(site_md_urls_through_the_allowlist)
{
	CHECK_MD("[x](javascript:alert(1))\n", "<p>x</p>\n");
	CHECK_MD("[x](&#106;avascript:alert(1))\n", "<p>x</p>\n");
	CHECK_MD("[x](JaVaScRiPt&colon;alert(1))\n", "<p>x</p>\n");
	CHECK_MD("[x](data:text/html,hi)\n", "<p>x</p>\n");
	CHECK_MD("![alt *t*](javascript:x)\n", "<p>alt t</p>\n");
	CHECK_MD("![a\"b](pic.png)\n", "<p><img src=\"pic.png\" alt=\"a&quot;b\"></p>\n");
	CHECK_MD("[ok](https://e.org/?a=1&b=\"2\")\n",
		 "<p><a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\">ok</a></p>\n");
	/* md4c: no link inside a link text; the outer URL is an autolink */
	CHECK_MD("[[x](javascript:1)](https://e.org)\n",
		 "<p>[x](<a href=\"https://e.org\">https://e.org</a>)</p>\n");
}

TEST(site_md_unbalanced_spans_are_closed)
{
	/* md4c reports two image enters and one leave here (fuzz_site_md) */
	CHECK_MD("![![b](c![b](c.png)*e*](d.png)g)\n[x](\"y onerror=alert(1) \")\n",
		 "<p><img src=\"d.png\" alt=\"b [x](&quot;y onerror=alert(1) &quot;)\"></p>\n");
	char *got = md("![![b](c![b](c.png)*e*](d.png)g)\n\npara \"q\" x=1\n", NULL);
	CHECK_STR(got, "<p><img src=\"d.png\" alt=\"b\"></p>\n<p>para &quot;q&quot; x=1</p>\n");
	free(got);
}

TEST(site_md_code_info_string)
{
	CHECK_MD("```sh\nls <x>\n```\n", "<pre><code class=\"language-sh\">ls &lt;x&gt;\n</code></pre>\n");
	CHECK_MD("```a\" onclick=\"x\n1\n```\n", "<pre><code>1\n</code></pre>\n");
}

static bool resolve(void *ctx, const char *t, size_t n, struct ag_buf *out)
{
	(void)ctx;
	if (n == 9 && !memcmp(t, "0002-b.md", 9))
		return !ag_buf_adds(out, "0002-b.html");
	return false;
}

TEST(site_md_links_to_records)
{
	struct ag_site_md_opts o = {.resolve = resolve, .skip_first_h1 = true};
	char *got = md("# Title\n\n[b](0002-b.md) [c](0003-c.md)\n", &o);
	CHECK_STR(got, "<p><a href=\"0002-b.html\">b</a> <a href=\"0003-c.md\">c</a></p>\n");
	free(got);
}

TEST(site_md_broken_utf8_and_entities)
{
	CHECK_MD("a\xff" "b\n", "<p>a\xEF\xBF\xBD" "b</p>\n");
	CHECK_MD("&lt;b&gt; &amp; &#60;\n", "<p>&lt;b&gt; &amp; &lt;</p>\n");
	struct ag_buf h = AG_BUF_INIT, p = AG_BUF_INIT;
	CHECK_EQ_INT(ag_site_md(&h, &p, "x\0y", 3, NULL), 0);
	CHECK(strstr(h.data, "\xEF\xBF\xBD") != NULL);
	ag_buf_release(&h);
	ag_buf_release(&p);
}

TEST_MAIN(TEST_ENTRY(site_md_basic_blocks), TEST_ENTRY(site_md_raw_html_is_text),
	  TEST_ENTRY(site_md_urls_through_the_allowlist), TEST_ENTRY(site_md_code_info_string),
	  TEST_ENTRY(site_md_unbalanced_spans_are_closed),
	  TEST_ENTRY(site_md_links_to_records), TEST_ENTRY(site_md_broken_utf8_and_entities))
