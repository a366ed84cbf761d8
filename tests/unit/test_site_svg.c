/*
 * test_site_svg.c - ag_site_svg_clean() (site_svg.c): an untrusted SVG (the
 * Mermaid CLI's) rewritten to keep only what draws; and the Markdown
 * renderer's hook for ```mermaid blocks (site_md.c).
 */
#include <string.h>
#include "site/site.h"
#include "test.h"

static char *clean(const char *svg, int want_rc)
{
	struct ag_buf o = AG_BUF_INIT;
	CHECK_EQ_INT(ag_site_svg_clean(svg, strlen(svg), &o), want_rc);
	return ag_buf_detach(&o, NULL);
}

#define CHECK_CLEAN(in, want)                                                              \
	do {                                                                               \
		char *got_ = clean(in, 0);                                                 \
		CHECK_STR(got_, want);                                                     \
		free(got_);                                                                \
	} while (0)

TEST(svg_keeps_drawing)
{
	CHECK_CLEAN("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"0 0 10.2 5\" width=\"100%\"><g class='a \"b\"'><rect x=\"1\"/>"
		    "<text>A &amp; B &lt; &#67; & D</text></g><path d=\"M0 0\" "
		    "marker-end=\"url(#arrow)\" style=\"fill:url('#g')\"/></svg>\n",
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10.2 5\" width=\"11\" "
		    "height=\"6\"><g class=\"a &quot;b&quot;\"><rect x=\"1\"/><text>A &amp; B "
		    "&lt; &#67; &amp; D</text></g><path d=\"M0 0\" marker-end=\"url(#arrow)\" "
		    "style=\"fill:url('#g')\"/></svg>");
	CHECK_CLEAN("<svg><style>.a>b{fill:red}</style><!-- c --><use href=\"#x\"/></svg>",
		    "<svg><style>.a&gt;b{fill:red}</style><use href=\"#x\"/></svg>");
}

TEST(svg_drops_what_runs)
{
	CHECK_CLEAN("<svg onload=\"alert(1)\"><script>alert(2)</script><g OnClick='x'>"
		    "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		    "<img src=\"x\" onerror=\"alert(3)\"/></div></foreignObject></g></svg>",
		    "<svg><g></g></svg>");
	/* links: a <g> with their position, the link gone */
	CHECK_CLEAN("<svg><a xlink:href=\"javascript:alert(1)\" target=\"_blank\" "
		    "transform=\"translate(1,2)\"><text>t</text></a></svg>",
		    "<svg><g transform=\"translate(1,2)\"><text>t</text></g></svg>");
	/* href only inside the document; schemes however written */
	CHECK_CLEAN("<svg><use href=\"data:image/svg+xml,x\"/><use xlink:href=\"http://e/x#a\"/>"
		    "<rect fill=\"&#106;avascript:x\" stroke=\"url(http://e/)\" "
		    "style=\"background:u&#114;l(//e/x)\" x=\"1\"/></svg>",
		    "<svg><use/><use/><rect x=\"1\"/></svg>");
	/* animation, images, other namespaces, prefixed elements */
	CHECK_CLEAN("<svg><set attributeName=\"href\" to=\"javascript:x\"/><animate/>"
		    "<image href=\"http://e/x.png\"/><svg:script>x</svg:script>"
		    "<g xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ev=\"e\" ev:event=\"x\" "
		    "xml:base=\"http://e/\"/></svg>",
		    "<svg><g/></svg>");
	/* CSS that fetches: the whole <style> goes */
	CHECK_CLEAN("<svg><style>@import 'http://e/x.css';</style><style>a{b:url(http://e/)}"
		    "</style><style><![CDATA[a{fill:red}]]></style></svg>",
		    "<svg><style></style><style></style><style>a{fill:red}</style></svg>");
	/* markup inside <style> */
	CHECK_CLEAN("<svg><style>a{}<script>x</script></style></svg>",
		    "<svg><style>a{}</style></svg>");
}

TEST(svg_refuses_what_it_cannot_read)
{
	static const char *const bad[] = {
		"", "text", "<g/>", "<svg>", "<svg></g>", "<svg x=1/>", "<svg x/>",
		"<!DOCTYPE svg [<!ENTITY a \"b\">]><svg>&a;</svg>", "<svg/><svg/>",
		"<svg a=\"<\"/>", "<svg><!-- x</svg>", "<svg>x</svg>y", "<svg a=\"1\"b=\"2\"/>",
		NULL};
	for (size_t i = 0; bad[i]; i++) {
		struct ag_buf o = AG_BUF_INIT;
		ag_buf_adds(&o, "kept");
		CHECK_EQ_INT(ag_site_svg_clean(bad[i], strlen(bad[i]), &o), AG_EINVAL);
		CHECK_STR(o.data, "kept");
		ag_buf_release(&o);
	}
	/* too deep */
	struct ag_buf deep = AG_BUF_INIT, o = AG_BUF_INIT;
	ag_buf_adds(&deep, "<svg>");
	for (int i = 0; i < 300; i++)
		ag_buf_adds(&deep, "<g>");
	for (int i = 0; i < 300; i++)
		ag_buf_adds(&deep, "</g>");
	ag_buf_adds(&deep, "</svg>");
	CHECK_EQ_INT(ag_site_svg_clean(deep.data, deep.len, &o), AG_EINVAL);
	ag_buf_release(&deep);
	ag_buf_release(&o);
}

TEST(svg_clean_is_idempotent)
{
	const char *in = "<svg viewBox=\"0 0 3 4\" width=\"100%\"><g a=\"&quot;'\"><text>&lt;x"
			 "</text></g></svg>";
	char *once = clean(in, 0), *twice = clean(once, 0);
	CHECK_STR(twice, once);
	free(once);
	free(twice);
}

struct seen {
	char code[256];
	size_t offset;
	bool draw;
};

static bool hook(void *ctx, const char *code, size_t n, size_t offset, struct ag_buf *html)
{
	struct seen *s = ctx;
	memcpy(s->code, code, n < 255 ? n : 255);
	s->code[n < 255 ? n : 255] = 0;
	s->offset = offset;
	if (s->draw)
		ag_buf_adds(html, "<figure>drawn</figure>\n");
	return s->draw;
}

TEST(md_mermaid_hook)
{
	const char *src = "para\n\n```mermaid\nflowchart LR\n  A[\"&lt;b>\"] --> B\n```\n\n"
			  "```js\nx\n```\n";
	struct seen s = {.draw = true};
	struct ag_site_md_opts o = {.mermaid = hook, .ctx = &s};
	struct ag_buf h = AG_BUF_INIT;
	CHECK_EQ_INT(ag_site_md(&h, NULL, src, strlen(src), &o), 0);
	CHECK_STR(h.data, "<p>para</p>\n<figure>drawn</figure>\n"
			  "<pre><code class=\"language-js\">x\n</code></pre>\n");
	CHECK_STR(s.code, "flowchart LR\n  A[\"&lt;b>\"] --> B\n");
	CHECK_EQ_INT((int)s.offset, (int)(strstr(src, "flowchart") - src));
	/* declined: the code block as before */
	s.draw = false;
	ag_buf_reset(&h);
	CHECK_EQ_INT(ag_site_md(&h, NULL, src, strlen(src), &o), 0);
	CHECK_CONTAINS(h.data, "<pre><code class=\"language-mermaid\">flowchart LR\n"
			       "  A[&quot;&amp;lt;b&gt;&quot;] --&gt; B\n</code></pre>\n");
	ag_buf_release(&h);
}

TEST_MAIN(TEST_ENTRY(svg_keeps_drawing), TEST_ENTRY(svg_drops_what_runs),
	  TEST_ENTRY(svg_refuses_what_it_cannot_read), TEST_ENTRY(svg_clean_is_idempotent),
	  TEST_ENTRY(md_mermaid_hook))
