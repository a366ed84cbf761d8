/*
 * adr.h - reading architecture decision records (ADRs).
 *
 * The seed's template is line-oriented Markdown: a "# ADR-NNN: Title"
 * heading, bold metadata lines ("**Status:** Accepted", "**Date:**",
 * "**Deciders:**") and sections. This reader extracts what rules need with
 * the line and column of each piece; it also accepts the Nygard/adr-tools
 * "## Status" section form. (Why a line scanner and not md4c: arch/decisions/
 * 0003.) Files are read whole into the model's arena.
 */
#ifndef AG_ADR_H
#define AG_ADR_H

#include "arena.h"
#include "diag.h"

enum ag_adr_status {
	AG_ADR_UNKNOWN,
	AG_ADR_PROPOSED,
	AG_ADR_ACCEPTED,
	AG_ADR_REJECTED,
	AG_ADR_DEPRECATED,
	AG_ADR_SUPERSEDED,
};

#define AG_ADR_MAX_BYTES ((size_t)1 << 20)

struct ag_adr {
	const char *file;   /* display path relative to the repository root */
	const char *text;   /* whole file, NUL-terminated */
	size_t len;
	int number;         /* from the file name prefix; -1 when none */
	const char *title;  /* without the "ADR-NNN:" prefix; "" when missing */
	struct ag_pos title_pos;
	enum ag_adr_status status;
	const char *status_text; /* as written */
	struct ag_pos status_pos;
	const char *date;        /* as written, NULL when missing */
	struct ag_pos date_pos;
	const char *phase;       /* "**Phase:**" metadata, NULL when missing */
	struct ag_pos phase_pos;
};

struct ag_adrs {
	struct ag_adr *v;
	size_t n;
	const char *dir_rel; /* where they were found, relative to the root */
};

/* Read every NNNN-*.md in `dir` (absolute), sorted by file name. A missing
 * directory is not an error (no decisions yet). `dir_rel` is the display
 * path used in positions. Returns 0, AG_ENOMEM or AG_EIO (diagnosed). */
int ag_adrs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_adrs *out, struct ag_diags *diags);

/* Parse one ADR held in `text` (arena-owned). */
int ag_adr_parse(struct ag_arena *a, const char *file, const char *text,
		 size_t len, struct ag_adr *out);

const char *ag_adr_status_name(enum ag_adr_status s);

/* Whether the ADR's title or body names `word` (case-insensitive, on word
 * boundaries: "Search" matches "search engine", not "Research"). */
bool ag_adr_mentions(const struct ag_adr *adr, const char *word, size_t n);

/* Case-insensitive whole-word search in a buffer. */
const char *ag_find_word(const char *hay, size_t hn, const char *word, size_t n);

#endif
