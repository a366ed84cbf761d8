/*
 * adr.h - architecture decision records: reading every common format.
 *
 * archgate's own format is the seed's template ("# ADR-NNN: Title",
 * "**Status:** Accepted", "**Date:**", "**Deciders:**", sections Context,
 * Decision, Consequences, Alternatives Considered, References). Existing
 * repositories are read as they are, their format detected per file:
 *
 *   AG_ADRF_SEED        the seed's template
 *   AG_ADRF_NYGARD      adr-tools: "# 1. Title", "Date:", "## Status" section
 *                       whose first line is the status and whose other lines
 *                       are links ("Superseded by [2. T](0002-t.md)")
 *   AG_ADRF_MADR        MADR 2 ("* Status: accepted" bullets) and MADR 3/4
 *                       (YAML front matter: status, date, deciders or
 *                       decision-makers; "superseded by [ADR-0005](...)")
 *   AG_ADRF_LOG4BRAINS  "- Status:" bullets, date-prefixed file names
 *
 * Where they live is detected too (ag_adr_locate, adr_find.c). Every record keeps
 * its line table (md.h) so rules point at lines and edits keep the rest of
 * the file byte for byte.
 */
#ifndef AG_ADR_H
#define AG_ADR_H

#include "base/arena.h"
#include "base/diag.h"
#include "md.h"
#include <stdint.h>

enum ag_adr_status {
	AG_ADR_UNKNOWN,
	AG_ADR_PROPOSED,
	AG_ADR_ACCEPTED,
	AG_ADR_REJECTED,
	AG_ADR_DEPRECATED,
	AG_ADR_SUPERSEDED,
};

enum ag_adr_format {
	AG_ADRF_SEED,
	AG_ADRF_NYGARD,
	AG_ADRF_MADR,
	AG_ADRF_LOG4BRAINS,
};

#define AG_ADR_MAX_BYTES ((size_t)1 << 20)

struct ag_adr_link {
	const char *type;    /* as written: "Supersedes", "Superseded by", "Amends" */
	const char *target;  /* link target as written: "0002-use-postgresql.md" */
	const char *text;    /* link text */
	struct ag_pos pos;
	size_t line;         /* line index in the record's md */
};

struct ag_adr {
	const char *file;   /* display path relative to the repository root */
	const char *name;   /* file base name */
	const char *text;   /* whole file, NUL-terminated */
	size_t len;
	enum ag_adr_format format;
	/* a seed-format record that shows the seed template's marks (a
	 * "**Status:**"/"Status:" metadata line under the title); false for
	 * records that match no format at all (home-grown), which the seed's
	 * template rules then only warn about */
	bool seed_marks;
	int number;         /* from the file name prefix; -1 when none */
	const char *title;  /* without the "ADR-NNN:" or "N." prefix; "" if none */
	struct ag_pos title_pos;
	long title_line;    /* line index of the title heading, -1 */
	const char *fm_title; /* front matter's title:, used when there is no heading */
	struct ag_pos fm_title_pos;
	enum ag_adr_status status;
	const char *status_text; /* as written, NULL when missing */
	struct ag_pos status_pos;
	long status_line;   /* line index holding the status value, -1 */
	const char *date;   /* as written, NULL when missing */
	struct ag_pos date_pos;
	const char *deciders;
	const char *phase;  /* "**Phase:**" metadata, NULL when missing */
	struct ag_pos phase_pos;
	const char **tags;
	size_t ntags;
	struct ag_adr_link *links;
	size_t nlinks;
	struct ag_md md;
	const char *package; /* log4brains package name; NULL for the main folder */
	/* read from a subfolder of the main folder (MADR's categories with
	 * local numbers, an archive such as deprecated/); `package` is the
	 * subfolder's name */
	bool in_subfolder;
	/* a hash set of the record's lowercased ASCII words (ntokens slots): a
	 * prefilter that lets rules skip records that cannot match; NULL until
	 * ag_adrs_index() (ag_model_load builds it) */
	uint32_t *tokens;
	size_t ntokens;
};

/* A further folder of records: a log4brains package. */
struct ag_adr_pkg {
	const char *name;
	const char *dir;     /* absolute */
	const char *dir_rel; /* relative to the repository root */
};

struct ag_adrs {
	struct ag_adr *v;
	size_t n;
	const char *dir;     /* absolute folder, NULL when none was found */
	const char *dir_rel; /* relative to the repository root ("." for the root) */
	const struct ag_adr_pkg *pkgs; /* log4brains packages, read too */
	size_t npkgs;
	const char *how;     /* what named the folder (".adr-dir", ...); NULL: default */
	const char *const *looked; /* "docs/adr (common place)", ... in order */
	size_t nlooked;
};

/* The sections and fields a reader and the rules know by name. */
enum ag_adr_section {
	AG_ADRS_STATUS,
	AG_ADRS_DATE,
	AG_ADRS_LINKS,
	AG_ADRS_CONTEXT,
	AG_ADRS_DECISION,
	AG_ADRS_CONSEQUENCES,
	AG_ADRS_ALTERNATIVES,
	AG_ADRS_COUNT
};

/* The built-in names of a section, English first, then Chinese, Japanese,
 * German, French, Spanish, Portuguese (NULL-terminated). */
const char *const *ag_adr_section_names(enum ag_adr_section s);

/* Names a repository adds (archgate.yaml `sections:`), per section; each
 * NULL or NULL-terminated. */
struct ag_adr_vocab {
	const char *const *extra[AG_ADRS_COUNT];
};

/* Whether `t` is a name of section `s` (case-insensitive; built-in or in
 * `v`, which may be NULL). `prefix`: t only starts with the name. */
bool ag_adr_section_is(const struct ag_adr_vocab *v, enum ag_adr_section s,
		       struct ag_span t, bool prefix);

/* Where the records are, as ag_adr_locate found them (arena-owned). */
struct ag_adr_where {
	const char *dir, *dir_rel, *how;
	struct ag_adr_pkg *pkgs;
	size_t npkgs;
	const char **looked;
	size_t nlooked;
	const struct ag_adr_vocab *vocab; /* set by the caller; NULL: built-in only */
	const char *refused; /* `configured` when it leaves the repository (then
			      * not used: the caller says so), else NULL */
};

/* The common places, in the order they are tried (NULL-terminated). */
extern const char *const ag_adr_common_dirs[];

/* Where decision records live: the one function that decides it
 * (arch/decisions/0024). In order:
 *   1. `configured` (archgate.yaml `decisions:`, relative to the arch
 *      folder; "." and ".." resolved), whether it exists or not, unless
 *      it is absolute or leaves the repository (w->refused);
 *   2. the folder named by <root>/.adr-dir (adr-tools), then by
 *      .log4brains.yml's project.adrFolder, then by catalog-info.yaml's
 *      backstage.io/adr-location annotation, when that folder exists;
 *   3. of <arch>/decisions, the common places (ag_adr_common_dirs) and the
 *      repository root: the first holding a record file; else the first
 *      existing one (the root excepted); else <arch>/decisions.
 * .log4brains.yml's packages are always added as further folders. Every
 * place tried is in w->looked, for "no records found" messages. */
int ag_adr_locate(struct ag_arena *a, const char *root, const char *arch_dir,
		  const char *configured, struct ag_adr_where *w);

/* ag_adrs_load of the main folder and every package, merged and sorted by
 * file name; records of a package carry its name. */
int ag_adrs_load_where(struct ag_arena *a, const struct ag_adr_where *w,
		       struct ag_adrs *out, struct ag_diags *diags);

/* Whether a file name is a record's, ADR or RFC: ".md" last and a number
 * first (0001-x.md, 20260210-x.md), optionally after "adr", "adr-" or
 * "adr_" in any case (adr-012-x.md, ADR012-x.md); README.md and
 * template.md are not. */
bool ag_record_file_name(const char *name);

/* A record file name's number: *prefix_len bytes of "adr", "adr-", "ADR_"
 * ... before it, *digits digits; -1 when it has none (no digits, more than
 * six, or a date: YYYYMMDD-slug.md, YYYY-MM-DD-slug.md). */
int ag_adr_name_number(const char *name, size_t *prefix_len, size_t *digits);

/* Read every record in `dir` (absolute), sorted by file name. A missing
 * folder is not an error. Records are NNNN-*.md (adr-tools, MADR, seed) or
 * YYYYMMDD-*.md (log4brains); README.md, index.md and template.md are not
 * records. Returns 0, AG_ENOMEM, AG_EIO or AG_EINVAL (diagnosed). */
int ag_adrs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_adrs *out, struct ag_diags *diags);

/* Parse one record held in `text` (arena-owned, NUL-terminated). */
int ag_adr_parse(struct ag_arena *a, const char *file, const char *text,
		 size_t len, struct ag_adr *out);
/* The same, knowing a repository's own section names (`v` may be NULL). */
int ag_adr_parse_vocab(struct ag_arena *a, const char *file, const char *text, size_t len,
		       const struct ag_adr_vocab *v, struct ag_adr *out);

const char *ag_adr_status_name(enum ag_adr_status s);
const char *ag_adr_format_name(enum ag_adr_format f);
/* The lifecycle state a status as written maps to: Draft, Pending, On hold
 * -> Proposed; Approved, Partly superseded -> Accepted; Withdrawn ->
 * Rejected; ... (arch/decisions/0024; other languages too). Only the
 * leading phrase counts: "accepted; supersedes ADR-0045" is Accepted. */
enum ag_adr_status ag_adr_status_parse(const char *s, size_t n);
/* What a status says after its state word, when it is more than markup:
 * "; supersedes ADR-0045" of "accepted; supersedes ADR-0045"; "" when
 * nothing (or a "by [link]" that belongs to the old state). */
const char *ag_adr_status_rest(const char *status_text);

/* Records whose number is `n` (there can be two after a merge). Returns
 * how many, and the first in *out. */
size_t ag_adrs_by_number(const struct ag_adrs *adrs, int n, const struct ag_adr **out);
/* Resolve a user's reference: a number ("3", "0003") matches the number
 * exactly, never a digit inside a title; otherwise a file name or slug.
 * NULL and *ambiguous set when two records match. */
const struct ag_adr *ag_adrs_find(const struct ag_adrs *adrs, const char *ref,
				  bool *ambiguous);
/* The record a link points to, by file name; NULL when it does not exist. */
const struct ag_adr *ag_adrs_link_target(const struct ag_adrs *adrs,
					 const struct ag_adr_link *l);

/* Whether the ADR's title or body names `word` (case-insensitive, on word
 * boundaries: "Search" matches "search engine", not "Research"). */
bool ag_adr_mentions(const struct ag_adr *adr, const char *word, size_t n);

/* Build every record's word index (used by the rules that ask whether a
 * record names something; the records load without it, so commands that
 * only list or edit records do not pay for it). */
int ag_adrs_index(struct ag_arena *a, struct ag_adrs *adrs);

/* Whether the record contains the word `tok` (ASCII letters and digits,
 * any case) as a whole word; O(log n) through the token index. */
bool ag_adr_has_token(const struct ag_adr *adr, const char *tok, size_t n);

/* Case-insensitive whole-word search in a buffer. */
const char *ag_find_word(const char *hay, size_t hn, const char *word, size_t n);

/* The reverse of a well-known link type ("Supersedes" -> "Superseded by");
 * NULL when unknown. */
const char *ag_adr_link_reverse(const char *type);

/* "ADR-003: Title" for seed records, "ADR-0003: Title" for MADR ones (as
 * wide as the file's number, four digits at least: MADR's ADR-0000),
 * "3. Title" for adr-tools ones, the title alone for log4brains ones: how
 * the record names itself in links and tables of contents. */
int ag_adr_label(const struct ag_adr *adr, struct ag_buf *out);

#endif
