/*
 * fuzz_rfc.c - ag_rfc_parse() on arbitrary Markdown (arch/rfcs/NNNN-*.md:
 * the title, the status line and the Sign-off table).
 *
 * The input is copied into a NUL-terminated arena buffer, as
 * ag_rfcs_load() does with a file's contents; inputs with NUL bytes or
 * over AG_ADR_MAX_BYTES are skipped (the loader refuses those first). The
 * display path is picked from the input size, so that file-name numbering
 * is covered. Checks: the title is a string and, when set, has a 1-based
 * position; the status line, its text and position agree; the Sign-off
 * heading and every signature's line are lines of the document, after
 * the heading; every signature has a role, its cells are strings, and
 * ag_rfc_signature() finds a signature for its role; the status names
 * round-trip through ag_rfc_status_parse().
 */
#include <string.h>
#include "records/rfc.h"
#include "fuzz_common.h"

static const char *const names[] = {
	"arch/rfcs/0001-move-sessions-to-redis.md",
	"0042-no-directory.md",
	"arch/rfcs/99999999999999999999-overlong-number.md",
	"arch/rfcs/rfc-without-number.md",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > AG_ADR_MAX_BYTES || memchr(data, '\0', size))
		return -1;
	struct ag_arena arena;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	char *text = ag_arena_strndup(&arena, (const char *)data, size);
	FUZZ_CHECK(text != NULL);
	const char *file = names[size % (sizeof(names) / sizeof(names[0]))];
	struct ag_rfc r;
	int rc = ag_rfc_parse(&arena, file, text, size, &r);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	if (rc == 0) {
		FUZZ_CHECK(r.text == text && r.len == size && r.file == file);
		FUZZ_CHECK(r.title != NULL && r.name != NULL);
		if (*r.title)
			FUZZ_CHECK_POS(&r.title_pos, file);
		FUZZ_CHECK(r.number >= -1);
		FUZZ_CHECK(r.status >= AG_RFC_UNKNOWN && r.status <= AG_RFC_WITHDRAWN);
		FUZZ_CHECK(ag_rfc_status_name(r.status) != NULL);
		FUZZ_CHECK((r.status_line >= 0) == (r.status_text != NULL));
		if (r.status_text) {
			FUZZ_CHECK((size_t)r.status_line < r.md.n);
			FUZZ_CHECK(ag_rfc_status_parse(r.status_text, strlen(r.status_text)) ==
				   r.status);
			FUZZ_CHECK_POS(&r.status_pos, file);
			FUZZ_CHECK(r.status_pos.line == (int)r.status_line + 1);
		}
		FUZZ_CHECK(r.signoff_heading >= -1 && r.signoff_heading < (long)r.md.n);
		FUZZ_CHECK(r.signoff_heading >= 0 || r.nsigs == 0);
		for (size_t i = 0; i < r.nsigs; i++) {
			const struct ag_signature *s = &r.sigs[i];
			FUZZ_CHECK(s->role && *s->role && s->name && s->email && s->date);
			(void)strlen(s->name), (void)strlen(s->email), (void)strlen(s->date);
			FUZZ_CHECK(s->line > (size_t)r.signoff_heading && s->line < r.md.n);
			FUZZ_CHECK_POS(&s->pos, file);
			FUZZ_CHECK(ag_rfc_signature(&r, s->role) != NULL);
		}
		for (int st = AG_RFC_DRAFT; st <= AG_RFC_WITHDRAWN; st++) {
			const char *nm = ag_rfc_status_name((enum ag_rfc_status)st);
			FUZZ_CHECK(ag_rfc_status_parse(nm, strlen(nm)) == (enum ag_rfc_status)st);
		}
	}
	ag_arena_release(&arena);
	return 0;
}
