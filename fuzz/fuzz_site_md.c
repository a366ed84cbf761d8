/*
 * fuzz_site_md.c - ag_site_md() (the site's Markdown renderer over md4c)
 * on arbitrary bytes.
 *
 * Checks the safety contract of site.h: the HTML is valid UTF-8; every
 * tag is one the renderer writes (no script, svg, iframe or raw HTML
 * passed through); every attribute is one of its own (no on* handler);
 * every href and src passes the URL allowlist once its entities are
 * decoded. A resolver that rewrites links is exercised too.
 */
#include <string.h>
#include "base/buf.h"
#include "site/site.h"
#include "fuzz_common.h"

static const char *const tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "pre",
	"code", "em", "strong", "u", "del", "a", "img", "br", "table", "thead", "tbody", "tr",
	"th", "td", "input", NULL};
static const char *const attrs[] = {"href", "src", "alt", "title", "class", "start", "type",
				    "checked", "disabled", NULL};

static bool in(const char *const *set, const char *s, size_t n)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && !memcmp(set[i], s, n))
			return true;
	return false;
}

/* The value of an attribute as the browser reads it: the five entities
 * the escaper writes decoded (it writes no others). */
static void check_url(const char *v, size_t n)
{
	struct ag_buf u = AG_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		static const struct {
			const char *e;
			char c;
		} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
			    {"&apos;", '\''}};
		bool done = false;
		for (size_t k = 0; k < 5 && !done; k++) {
			size_t l = strlen(ents[k].e);
			if (i + l <= n && !memcmp(v + i, ents[k].e, l)) {
				ag_buf_addc(&u, ents[k].c);
				i += l - 1;
				done = true;
			}
		}
		if (!done) {
			FUZZ_CHECK(v[i] != '&'); /* no entity the escaper did not write */
			ag_buf_addc(&u, v[i]);
		}
	}
	FUZZ_CHECK(ag_buf_err(&u) || ag_url_allowed(u.data, u.len));
	ag_buf_release(&u);
}

static void check_html(const char *h, size_t n)
{
	FUZZ_CHECK(ag_utf8_valid(h, n));
	for (size_t i = 0; i < n; i++) {
		if (h[i] != '<')
			continue;
		size_t j = i + 1;
		if (j < n && h[j] == '/')
			j++;
		size_t t0 = j;
		while (j < n && ((h[j] >= 'a' && h[j] <= 'z') || (h[j] >= '0' && h[j] <= '9')))
			j++;
		FUZZ_CHECK(in(tags, h + t0, j - t0));
		/* attributes up to '>' */
		while (j < n && h[j] != '>') {
			FUZZ_CHECK(h[j] != '<');
			if (h[j] == ' ') {
				size_t a0 = ++j;
				while (j < n && h[j] >= 'a' && h[j] <= 'z')
					j++;
				FUZZ_CHECK(in(attrs, h + a0, j - a0));
				bool url = (j - a0 == 4 && !memcmp(h + a0, "href", 4)) ||
					   (j - a0 == 3 && !memcmp(h + a0, "src", 3));
				if (j < n && h[j] == '=') {
					FUZZ_CHECK(j + 1 < n && h[j + 1] == '"');
					size_t v0 = j + 2;
					const char *q = memchr(h + v0, '"', n - v0);
					FUZZ_CHECK(q != NULL);
					if (url)
						check_url(h + v0, (size_t)(q - h) - v0);
					j = (size_t)(q - h) + 1;
				}
				continue;
			}
			j++;
		}
		i = j;
	}
}

static bool resolve(void *ctx, const char *t, size_t n, struct ag_buf *out)
{
	(void)ctx;
	if (n > 3 && !memcmp(t + n - 3, ".md", 3)) {
		ag_buf_add(out, t, n - 3);
		ag_buf_adds(out, ".html");
		return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 18))
		return -1;
	struct ag_buf html = AG_BUF_INIT, plain = AG_BUF_INIT;
	struct ag_site_md_opts o = {.resolve = resolve, .skip_first_h1 = size & 1,
				    .heading_shift = (int)(size % 3)};
	int rc = ag_site_md(&html, &plain, (const char *)data, size, size & 2 ? &o : NULL);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	if (!rc)
		check_html(html.data, html.len);
	ag_buf_release(&html);
	ag_buf_release(&plain);
	return 0;
}
