/*
 * adr_edit.h - creating and changing decision records.
 *
 * Every change is computed in memory first and written atomically
 * (fsutil.h). A change that touches two records (a supersede, a link) writes
 * both or, if the second write fails, restores the first. Records keep
 * their own format: an adr-tools record gets adr-tools-style status and link
 * lines, a MADR record front-matter status, a seed record bold metadata.
 *
 * New records are numbered under an exclusive lock on the folder (flock on
 * the directory itself, so no lock file is left behind) and created with a
 * no-clobber link(2): many processes creating records at once get distinct
 * numbers, and nothing is ever overwritten.
 */
#ifndef AG_ADR_EDIT_H
#define AG_ADR_EDIT_H

#include "adr.h"

struct ag_adr_new {
	const char *title;    /* any text without control characters */
	enum ag_adr_format format;
	const char *date;     /* YYYY-MM-DD */
	const char *deciders; /* NULL: the template's placeholder */
	const char *prefix;   /* log4brains: YYYYMMDD; NULL otherwise */
	/* the folder's own template (adr_template.h), NULL: the built-in one
	 * of `format`; tpl_file names it in diagnostics */
	const char *tpl;
	size_t tpl_len;
	const char *tpl_file;
	/* the folder's records, NULL when none: new records are named in
	 * their style (ag_adrs_naming) and carry their front matter */
	const struct ag_adrs *adrs;
	/* the record's text in place of the built-in template's prompts
	 * (adr init's first record); NULL: the prompts */
	const char *context, *decision, *consequences;
	const char *alternatives; /* the seed's Alternatives table, whole */
};

/* How a folder names its records: what comes before the number ("",
 * "adr-", "ADR-", "adr") and how many digits, zero padded, from its
 * highest-numbered record; "" and 4 (0001-slug.md) when it has none. */
struct ag_adr_naming {
	char prefix[8];
	int width;
};
void ag_adrs_naming(const struct ag_adrs *adrs, struct ag_adr_naming *nm);

/* A file-name slug: lowercase ASCII letters and digits; Latin letters with
 * accents transliterated (é -> e, ß -> ss, Ł -> l, ơ -> o); letters of
 * other scripts kept as they are (Greek and Cyrillic lowercased); runs of
 * anything else (punctuation, symbols, emoji, spaces, invisible and
 * direction-changing characters, invalid UTF-8) become one '-'; no leading
 * or trailing '-'; at most 60 bytes, cut at a '-' (never inside a
 * character); "untitled" only when nothing is left. */
void ag_adr_slug(const char *title, char *out, size_t cap);

/* Validate a title: non-empty, at most 500 bytes, valid UTF-8, no control
 * characters. Returns NULL or a message. */
const char *ag_adr_title_problem(const char *title);

/* Validate a free-text value written into a record (deciders, an
 * author's or signer's name, an e-mail): NULL, or why not ("contains a
 * control character ..."): a newline would add a line to the record. */
const char *ag_text_problem(const char *v);

/* Render a new record's text: the template o->tpl filled in
 * (ag_adr_template_fill), or the built-in template of o->format; either way
 * with the front matter the folder's records carry (ag_adrs_front_carry).
 * AG_EINVAL: the title or deciders fail the checks above; AG_EPARSE: the
 * template is not text (diagnosed in `diags`, which may be NULL). */
int ag_adr_render(const struct ag_adr_new *o, int number, struct ag_buf *out,
		  struct ag_diags *diags);

/* Create the next record in `dir` (absolute; created if missing), named in
 * the folder's style (o->adrs) and numbered one more than the highest
 * number of any file in it (0012-x.md, adr-012-x.md, ADR012-x.md). On
 * success *path is the malloc'd absolute path and *number its number. */
int ag_adr_create(const char *dir, const struct ag_adr_new *o, char **path, int *number,
		  struct ag_diags *diags);

/* The format most records in the set use (seed when empty). */
enum ag_adr_format ag_adrs_majority_format(const struct ag_adrs *adrs);

/* Set a record's status; writes the file. */
int ag_adr_set_status(const struct ag_adrs *adrs, const struct ag_adr *adr,
		      enum ag_adr_status st, struct ag_diags *diags);

/* Link `from` to `to` with `type`, and `to` back to `from` with `reverse`.
 * Links that are already there are not added twice. */
int ag_adr_link(const struct ag_adrs *adrs, const struct ag_adr *from, const char *type,
		const struct ag_adr *to, const char *reverse, struct ag_diags *diags);

/* `old` is superseded by `new_`: status and both links. */
int ag_adr_supersede(const struct ag_adrs *adrs, const struct ag_adr *old,
		     const struct ag_adr *new_, struct ag_diags *diags);

/* Give the first record that shares its number with an earlier one (by
 * file name) the next free number, renaming the file and rewriting every
 * link to it; the move is reported as a note diagnostic "old -> new".
 * Returns 1 after a move (the caller re-reads the records and calls again,
 * so later moves see current links), 0 when no duplicate is left, or a
 * negative error. */
int ag_adrs_renumber(const struct ag_adrs *adrs, struct ag_diags *moves,
		     struct ag_diags *diags);

/* Rename a record: a new title (file slug and heading) and/or a new number;
 * every link to it is rewritten. new_title or new_number (<0) may be unset. */
int ag_adr_move(const struct ag_adrs *adrs, const struct ag_adr *adr, const char *new_title,
		int new_number, char **new_path, struct ag_diags *diags);

/* Finish an edit a crash interrupted in the records folder `dir` (ADR-022):
 * replay its journal (files as the edit makes them, symbolic links only
 * inside `root`) and remove the temp files of cut-short writes. Call under
 * the folder lock before reading the records. Returns 1 when something was
 * replayed or removed (re-read the records), 0 when there was nothing to
 * do, or a negative error (diagnosed; a journal archgate did not write is
 * refused, never applied). */
int ag_adrs_recover(const char *dir, const char *root, struct ag_diags *diags);

/* Whether an interrupted edit's journal is pending in the records folder
 * `dir` (anything by that name counts: ag_adrs_recover() decides what it
 * is). Commands that only read refuse to go on while one is (ADR-026):
 * the records may be half changed. Returns 1 (pending), 0, or AG_ENOMEM;
 * `*name` (may be NULL) gets the journal's file name, static. */
int ag_adrs_pending(const char *dir, const char **name);

#endif
