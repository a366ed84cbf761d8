/*
 * fuzz_adr_template.c - ag_adr_template_fill() and ag_adr_front_add() on an
 * arbitrary template (a repository's templates/template.md, adr-template.md
 * or template.md is anyone's pull request).
 *
 * Checks: the fill returns 0, AG_ENOMEM or (for a NUL byte) AG_EPARSE with
 * a diagnostic at a 1-based position; a filled record parses; a template
 * without front matter gives a record whose title is the title given, even
 * when that title holds adr-tools' placeholder words (they are never
 * replaced twice); adding front matter only adds bytes.
 */
#include <string.h>
#include "records/adr_template.h"
#include "fuzz_common.h"

static const char *const titles[] = {
	"Use DATE and \"TITLE\": NUMBER",
	"Zürich: 数据库 [x](y) | z",
	"STATUS",
};

static bool has(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);
	for (size_t i = 0; i + wl <= n; i++)
		if (!memcmp(s + i, w, wl))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > AG_ADR_MAX_BYTES + 16)
		return -1;
	const char *tpl = (const char *)data;
	const char *title = titles[size % 3];
	struct ag_adr_fill f = {"tpl.md", title, (int)(size % 40) - 1, "2026-11-25",
				size % 2 ? "Ana, \"Bo\"" : NULL,
				size % 5 ? "parent: Decisions\nnav_order: 12\n" : NULL};
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_adr_template_fill(tpl, size, &f, &out, &d);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM || rc == AG_EPARSE);
	if (rc == AG_EPARSE) {
		FUZZ_CHECK(d.n == 1 && d.v[0].line >= 1 && d.v[0].col >= 1);
		FUZZ_CHECK(memchr(tpl, '\0', size) != NULL || size > AG_ADR_MAX_BYTES);
	}
	struct ag_arena arena;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	if (rc == 0) {
		FUZZ_CHECK(!memchr(out.data ? out.data : "", '\0', out.len));
		char *text = ag_arena_strndup(&arena, out.data ? out.data : "", out.len);
		struct ag_adr r;
		if (text && ag_adr_parse(&arena, "docs/adr/0001-x.md", text, out.len, &r) == 0) {
			bool plain = !memchr(tpl, '-', size) && !memchr(tpl, '\r', size) &&
				     !memchr(tpl, '{', size) && !memchr(tpl, '<', size) &&
				     !memchr(tpl, '`', size) && !memchr(tpl, '~', size) &&
				     !has(tpl, size, "TITLE");
			if (plain)
				FUZZ_CHECK(!strcmp(r.title, title));
		}
	}
	ag_buf_release(&out);
	ag_diags_release(&d);
	if (!memchr(tpl, '\0', size)) {
		struct ag_buf b = AG_BUF_INIT;
		rc = ag_adr_front_add(tpl, size, "layout: default\n", &b);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		if (!rc)
			FUZZ_CHECK(b.len >= size);
		ag_buf_release(&b);
	}
	ag_arena_release(&arena);
	return 0;
}
