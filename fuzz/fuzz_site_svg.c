/*
 * fuzz_site_svg.c - ag_site_svg_clean() (the site's sanitiser of the SVG
 * the Mermaid CLI draws) on arbitrary bytes.
 *
 * Checks the safety contract of site.h: what it keeps is accepted by the
 * sanitiser again and comes out unchanged (one pass is enough: nothing it
 * writes is read differently the second time), is valid wherever the input
 * was valid UTF-8, and holds no script, foreignObject, image, iframe or
 * animation element, no on* attribute, no href but "#...", and no
 * javascript:, vbscript: or data: however a character of it is written.
 */
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "site/site.h"
#include "fuzz_common.h"

static bool has(const char *h, size_t n, const char *w)
{
	size_t l = strlen(w);
	for (size_t i = 0; i + l <= n; i++)
		if (!strncasecmp(h + i, w, l))
			return true;
	return false;
}

/* Each tag (text has every '<' and '>' escaped, so tags are what lies
 * between them): no element that runs or loads, no handler, no href but
 * "#...", no scheme that runs in a value. */
static void check_svg(const char *s, size_t n)
{
	static const char *const bad[] = {"<script", "<foreignobject", "<image", "<iframe",
					  "<animate", "<set", "<a ", "<a>", "<a/", "javascript:",
					  "vbscript:", "data:", "<!", "<?", NULL};
	FUZZ_CHECK(n >= 4 && !memcmp(s, "<svg", 4));
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '<')
			continue;
		const char *e = memchr(s + i, '>', n - i);
		FUZZ_CHECK(e != NULL);
		size_t tn = (size_t)(e - s) - i + 1;
		const char *t = s + i;
		FUZZ_CHECK(!memchr(t + 1, '<', tn - 1));
		for (size_t k = 0; bad[k]; k++)
			FUZZ_CHECK(!has(t, tn, bad[k]));
		for (size_t a = 0; a + 3 < tn; a++) {
			if (t[a] != ' ')
				continue;
			size_t j = a + 1;
			while (j < tn && t[j] != '=' && t[j] != ' ' && t[j] != '>' && t[j] != '"')
				j++;
			if (j >= tn || t[j] != '=')
				continue;
			FUZZ_CHECK(!((t[a + 1] | 0x20) == 'o' && (t[a + 2] | 0x20) == 'n'));
			if (j - a - 1 >= 4 && !strncasecmp(t + j - 4, "href", 4))
				FUZZ_CHECK(j + 2 < tn && t[j + 1] == '"' && t[j + 2] == '#');
			const char *q = memchr(t + j + 2, '"', tn - j - 2);
			FUZZ_CHECK(q != NULL);
			a = (size_t)(q - t);
		}
		i = (size_t)(e - s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 18))
		return -1;
	struct ag_buf out = AG_BUF_INIT, again = AG_BUF_INIT;
	int rc = ag_site_svg_clean((const char *)data, size, &out);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	if (!rc) {
		check_svg(out.data, out.len);
		if (ag_utf8_valid((const char *)data, size))
			FUZZ_CHECK(ag_utf8_valid(out.data, out.len));
		int rc2 = ag_site_svg_clean(out.data, out.len, &again);
		FUZZ_CHECK(rc2 == 0 || rc2 == AG_ENOMEM);
		if (!rc2)
			FUZZ_CHECK(again.len == out.len && !memcmp(again.data, out.data, out.len));
	} else if (rc == AG_EINVAL) {
		FUZZ_CHECK(out.len == 0);
	}
	ag_buf_release(&out);
	ag_buf_release(&again);
	return 0;
}
