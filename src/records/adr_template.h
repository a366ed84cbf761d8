/*
 * adr_template.h - new records in the folder's own template and style.
 *
 * A team that keeps a template next to its records gets new records in it
 * (arch/decisions/0028): adr-tools' templates/template.md, MADR's
 * adr-template.md, MADR 2's and log4brains' template.md, or the file that
 * `--template FILE` or $ADR_TEMPLATE names. Filling a template changes
 * only what a new record must say and keeps every other byte:
 *
 *   - the first level-1 heading becomes the title, in the heading's own
 *     numbering ("# ADR-###: [Title]" -> "# ADR-007: Use Redis", "# N. T"
 *     -> "# 7. Use Redis", "# {short title}" -> "# Use Redis");
 *   - adr-tools' placeholders NUMBER, TITLE, DATE and STATUS, as whole
 *     uppercase words (adr-tools replaces them with sed);
 *   - the status, date and (when given) deciders, wherever the template
 *     keeps them: front matter (status, date, deciders, decision-makers),
 *     metadata lines ("* Status: [proposed | ...] <!-- optional -->" keeps
 *     its comment), or the first line of a "## Status" section;
 *   - front matter the folder's records carry and the template does not
 *     have (a Jekyll site's parent: or nav_order:), added to it.
 *
 * The template is repository content: any bytes are read without a crash;
 * a NUL byte or a file over AG_ADR_MAX_BYTES is an error at its place.
 */
#ifndef AG_ADR_TEMPLATE_H
#define AG_ADR_TEMPLATE_H

#include "adr.h"

/* The template files a records folder may hold, in the order they are
 * tried (NULL-terminated, relative to the folder). */
extern const char *const ag_adr_template_names[];

/* The template for a new record in `dir`: `given` (--template FILE) when
 * not NULL, else `env` ($ADR_TEMPLATE, as adr-tools honours it) when not
 * empty, else the first of ag_adr_template_names that is a file in `dir`.
 * *path is malloc'd, or NULL when there is none (the built-in template of
 * the folder's format is used). Returns 0 or AG_ENOMEM. */
int ag_adr_template_find(const char *dir, const char *given, const char *env, char **path);

struct ag_adr_fill {
	const char *file;     /* the template's display path, for diagnostics */
	const char *title;
	int number;           /* -1: none (log4brains names files by date) */
	const char *date;     /* YYYY-MM-DD */
	const char *deciders; /* NULL: the template's placeholder stays */
	const char *carry;    /* front-matter lines to add ("key: value\n"...) or NULL */
};

/* Fill the template `tpl` (len bytes, need not be NUL-terminated) into
 * `out`. AG_EPARSE with an error diagnostic (file:line:col) when the
 * template holds a NUL byte or is over AG_ADR_MAX_BYTES; AG_EINVAL when
 * a value fails ag_text_problem(); AG_ENOMEM. */
int ag_adr_template_fill(const char *tpl, size_t len, const struct ag_adr_fill *f,
			 struct ag_buf *out, struct ag_diags *diags);

/* The front matter the folder's records carry, for a new record numbered
 * `number` titled `title`: from the latest record that has front matter,
 * each "key: value" on one line whose value every record that has the key
 * shares (parent: Decisions), an integer one more than the largest
 * (nav_order: 12 -> 13), and title: when the records keep their title
 * there. The record's own fields (status, date, deciders, tags, ...) are
 * not carried. Appends "key: value\n" lines to `out` (nothing when the
 * records have no front matter). */
int ag_adrs_front_carry(const struct ag_adrs *adrs, const char *title, struct ag_buf *out);

/* `text` with the lines of `carry` whose keys its front matter lacks
 * added at the end of its front matter (a front matter made when it has
 * none). Appends to `out`. */
int ag_adr_front_add(const char *text, size_t len, const char *carry, struct ag_buf *out);

#endif
