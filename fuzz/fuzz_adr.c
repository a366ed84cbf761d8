/*
 * fuzz_adr.c - ag_adr_parse() on arbitrary Markdown.
 *
 * The input is copied into a NUL-terminated arena buffer, as ag_adrs_load()
 * does with a file's contents. Inputs with NUL bytes or over
 * AG_ADR_MAX_BYTES are skipped: ag_adrs_load() rejects those before parsing.
 * The display path is picked from the input size, so that file-name
 * numbering (including overlong numbers and names without one) is covered.
 *
 * Checks: extracted fields point into the arena or are NULL as documented,
 * positions are 1-based, and the word search (ag_adr_mentions,
 * ag_find_word) works on the record.
 */
#include <string.h>
#include "records/adr.h"
#include "fuzz_common.h"

static const char *const names[] = {
	"arch/decisions/0001-record-architecture-decisions.md",
	"0042-no-directory.md",
	"arch/decisions/99999999999999999999-overlong-number.md",
	"arch/decisions/adr-without-number.md",
	"docs/adr/ADR-012-prefixed.md",
	"docs/adr/2024-01-02-dated.md",
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
	struct ag_adr adr;
	int rc = ag_adr_parse(&arena, file, text, size, &adr);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	if (rc == 0) {
		FUZZ_CHECK(adr.text == text && adr.len == size && adr.file == file);
		FUZZ_CHECK(adr.title != NULL);
		if (*adr.title)
			FUZZ_CHECK_POS(&adr.title_pos, file);
		FUZZ_CHECK(adr.status >= AG_ADR_UNKNOWN && adr.status <= AG_ADR_SUPERSEDED);
		FUZZ_CHECK(ag_adr_status_name(adr.status) != NULL);
		if (adr.status != AG_ADR_UNKNOWN)
			FUZZ_CHECK(adr.status_text != NULL);
		if (adr.status_text) {
			(void)strlen(adr.status_text);
			FUZZ_CHECK_POS(&adr.status_pos, file);
		}
		if (adr.date) {
			(void)strlen(adr.date);
			FUZZ_CHECK_POS(&adr.date_pos, file);
		}
		if (adr.phase) {
			(void)strlen(adr.phase);
			FUZZ_CHECK_POS(&adr.phase_pos, file);
		}
		FUZZ_CHECK(adr.number >= -1);
		static const char *const words[] = {"microservices", "Kafka", "a", "ADR"};
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			size_t n = strlen(words[i]);
			const char *hit = ag_find_word(text, size, words[i], n);
			FUZZ_CHECK(hit == NULL || (hit >= text && hit + n <= text + size));
			FUZZ_CHECK(ag_adr_mentions(&adr, words[i], n) == (hit != NULL));
		}
		/* the title as a word, as rules search for capability names */
		size_t tl = strlen(adr.title);
		if (tl)
			(void)ag_find_word(text, size, adr.title, tl);
	}
	ag_arena_release(&arena);
	return 0;
}
