/*
 * fuzz_md_relink.c - ag_md_relink() (the link rewriting of adr mv and
 * renumber) and ag_md_put_value() on arbitrary Markdown.
 *
 * Checks: rewriting a name that no link uses gives the document back byte
 * for byte; rewriting "a.md" to "b.md" changes the text by exactly
 * `count` times the length difference (only destinations change, and each
 * by the name); a front-matter value written by ag_md_put_value() has no
 * line break and, when quoted, its quotes escaped.
 */
#include <string.h>
#include "records/md.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 20) || memchr(data, '\0', size))
		return -1;
	struct ag_arena arena;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	char *text = ag_arena_strndup(&arena, (const char *)data, size);
	FUZZ_CHECK(text != NULL);
	struct ag_md md;
	if (ag_md_parse(&arena, text, size, &md) == 0) {
		struct ag_buf out = AG_BUF_INIT;
		size_t n;
		int rc = ag_md_relink(&md, "\x01none\x01", "x.md", NULL, NULL, &out, &n);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		if (!rc)
			FUZZ_CHECK(n == 0 && out.len == size && !memcmp(out.data, text, size));
		ag_buf_reset(&out);
		rc = ag_md_relink(&md, "a.md", "bb.md", NULL, NULL, &out, &n);
		if (!rc)
			FUZZ_CHECK(out.len == size + n);
		ag_buf_release(&out);
	}
	/* the first line as a value */
	size_t l = 0;
	while (l < size && text[l] != '\n')
		l++;
	char *v = ag_arena_strndup(&arena, text, l);
	if (v) {
		struct ag_buf b = AG_BUF_INIT;
		if (ag_md_put_value(&b, AG_MD_FRONT, v) == 0 && b.len)
			FUZZ_CHECK(!memchr(b.data, '\n', b.len) && !memchr(b.data, '\r', b.len));
		ag_buf_release(&b);
	}
	ag_arena_release(&arena);
	return 0;
}
