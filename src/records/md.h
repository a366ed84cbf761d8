/*
 * md.h - line-oriented Markdown structure for decision records and RFCs.
 *
 * Decision records are edited by people and by archgate, and every finding
 * must point at a line. So documents are kept as their original text plus a
 * line table that classifies each line (heading, table row, fence, front
 * matter, blank, text). Readers ask for sections by heading; writers splice
 * lines and keep everything else byte for byte. (Why not md4c: it reports no
 * source positions; arch/decisions/0003.)
 *
 * Strings are (ptr, len) spans into the document's text, which the caller
 * owns and must keep alive.
 */
#ifndef AG_MD_H
#define AG_MD_H

#include "base/arena.h"
#include "base/buf.h"

struct ag_span {
	const char *s;
	size_t len;
};

enum ag_md_kind {
	AG_MD_BLANK,
	AG_MD_TEXT,
	AG_MD_HEADING,   /* ATX: level 1-6, `text` is the title */
	AG_MD_TABLE,     /* a line starting with '|' */
	AG_MD_FENCE,     /* ``` or ~~~ delimiter, or a line inside a fence */
	AG_MD_FRONT,     /* YAML front matter, delimiters included */
	AG_MD_COMMENT,   /* inside <!-- ... --> (whole-line comments only) */
};

struct ag_md_line {
	size_t off;        /* byte offset of the line in the text */
	size_t len;        /* length without the line end (\n or \r\n) */
	enum ag_md_kind kind;
	int level;         /* headings */
	struct ag_span text; /* heading title, trimmed; else the trimmed line */
};

struct ag_md {
	const char *text;
	size_t len;
	struct ag_md_line *lines; /* in the arena */
	size_t n;
	size_t front_end;  /* lines [0, front_end) are front matter (0 if none) */
	bool crlf;         /* the file uses \r\n; edits keep it */
};

int ag_md_parse(struct ag_arena *a, const char *text, size_t len, struct ag_md *out);

/* Index of the first heading (any level when level is 0) whose title starts
 * with `title` case-insensitively, at or after line `from`; -1 if none. */
long ag_md_heading(const struct ag_md *d, int level, const char *title, size_t from);
/* First line after section `h`'s content: the next heading of the same or a
 * higher level, or d->n. */
size_t ag_md_section_end(const struct ag_md *d, size_t h);

/* Split a table row into cells (trimmed); returns the count (at most max). */
int ag_md_cells(struct ag_span row, struct ag_span *cells, int max);
/* Whether a table row is the |---|:--| separator. */
bool ag_md_is_separator(struct ag_span row);

/* Value of a metadata line: "**Key:** v", "Key: v", "* Key: v", "- Key: v",
 * or a two-cell table row "| **Key** | v |".
 * Returns true and sets *val (trimmed) when line `i` is such a line for key. */
bool ag_md_meta(const struct ag_md *d, size_t i, const char *key, struct ag_span *val);

/* A Markdown link "[text](target)" in the span; false if none. */
bool ag_md_link(struct ag_span s, struct ag_span *text, struct ag_span *target);

struct ag_span ag_span_trim(struct ag_span s);
bool ag_span_eq(struct ag_span s, const char *z);       /* case-insensitive */
bool ag_span_prefix(struct ag_span s, const char *z);   /* case-insensitive */

/* Point links at another file. Every inline link "[text](dest)" (and
 * image) and every reference definition "[label]: dest" whose
 * destination's path is `old` (the whole path or its last component after
 * a '/', before any "#anchor" or "?query") gets `new_` in place of `old`;
 * nothing else of the line changes, except that the text of an inline link
 * whose text is exactly `old_text` becomes `new_text` (both NULL: texts
 * are kept). Every occurrence on every line is rewritten; lines inside
 * fences and HTML comments and text inside code spans are left alone.
 * Appends the rewritten document to `out` and sets *count to the number of
 * links changed. */
int ag_md_relink(const struct ag_md *d, const char *old, const char *new_,
		 const char *old_text, const char *new_text, struct ag_buf *out, size_t *count);

/* The one writer of values into a document, by where they go:
 *   AG_MD_FRONT  a YAML scalar in front matter: plain when that reads back
 *                as the same string, else double-quoted with \\ and \"
 *   AG_MD_TABLE  a table cell: '|' and a trailing '\\' escaped
 *   anything else  a line of text, as it is
 * A value with a control character (a newline would add a line to the
 * record) is refused with AG_EINVAL, nothing appended. */
int ag_md_put_value(struct ag_buf *b, enum ag_md_kind where, const char *v);

/* Rewrite: the document with lines [first, first+count) replaced by
 * `insert` (which must end with a newline if non-empty; \n is turned into
 * \r\n for CRLF documents). Appends to `out`. */
int ag_md_splice(const struct ag_md *d, size_t first, size_t count, const char *insert,
		 struct ag_buf *out);

#endif
