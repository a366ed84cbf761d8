/*
 * events_scan.h - the NDJSON line scanner and the JSON value decoder under
 * every `archgate events` command.
 *
 * Why hand-written (ADR-013): an event log is gigabytes of small objects of
 * which a question needs two or three fields. The scanner validates every
 * byte of a line (so invalid lines are counted exactly) but decodes only the
 * fields it was asked for; everything else is skipped at memchr-like speed.
 * Nothing is allocated: values point into the caller's bytes.
 *
 * Fields are paths. "service" names a top-level key; "http.status" names
 * the top-level key "http.status" when a line has one, and otherwise the key
 * "status" inside the object under "http" (both spellings are common in
 * event logs, and OpenTelemetry attribute names contain dots). When a key
 * occurs twice, the last one wins (as in jq).
 *
 * Strings are returned raw (between the quotes, escapes not decoded) with a
 * flag saying whether they contain escapes; ag_ev_unescape() decodes them.
 * Bytes >= 0x80 are passed through without UTF-8 validation (as jq does);
 * control characters inside strings, bad escapes, bad numbers, trailing
 * garbage and nesting deeper than AG_EV_MAX_DEPTH make a line invalid.
 *
 * Thread safety: everything here is pure; a compiled field set is read-only
 * while lines are scanned and may be shared by threads.
 */
#ifndef AG_EVENTS_SCAN_H
#define AG_EVENTS_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/ag.h"

#define AG_EV_MAX_FIELDS 64   /* fields one scan can extract */
#define AG_EV_MAX_DEPTH 512   /* nesting deeper than this is an invalid line */

enum ag_ev_type {
	AG_EV_NONE = 0, /* the field is absent */
	AG_EV_NULL,
	AG_EV_FALSE,
	AG_EV_TRUE,
	AG_EV_NUM,
	AG_EV_STR,
	AG_EV_OBJ,
	AG_EV_ARR,
};

/* One JSON value, borrowed from the scanned bytes.
 *   STR: p/n are the bytes between the quotes; `esc` when they hold escapes.
 *   NUM: p/n are the literal as written; `num` its value.
 *   OBJ, ARR: p/n are the whole value including its brackets.
 *   NULL, FALSE, TRUE: p/n are the literal. */
struct ag_ev_val {
	const char *p;
	size_t n;
	double num;
	uint8_t type; /* enum ag_ev_type */
	bool esc;
};

/* A set of field paths to extract, compiled once. */
struct ag_ev_fields {
	size_t n;
	struct {
		const char *path; /* borrowed; must outlive the set */
		size_t len;
	} f[AG_EV_MAX_FIELDS];
	uint64_t len_mask; /* bit k: some path or path prefix has length k (k < 64) */
	uint8_t all[AG_EV_MAX_FIELDS];   /* 0..n-1, the top-level candidates */
	uint16_t zero[AG_EV_MAX_FIELDS]; /* their offsets into the paths: all 0 */
	/* Top-level keys that match a path, or a dotted prefix of one, hashed:
	 * a key costs one probe instead of a comparison per field. */
	struct ag_ev_fent {
		const char *s;
		uint32_t hash;
		uint16_t len;
		uint16_t sub;   /* 0: the whole path; else offset of the rest */
		uint8_t field;
	} ent[255];
	size_t nent;
	uint8_t slot[512];  /* entry index + 1; 0 empty */
	/* The same entries by key length (below 64), each with its first and
	 * last 8 bytes as words: a top-level key costs a compare or two. */
	uint8_t lhead[64];  /* first entry of this length + 1; 0 none */
	uint8_t lnext[255]; /* next entry of the same length + 1 */
	uint64_t w0[255], w1[255];
	uint64_t quick[16]; /* bit per (length, first, last byte) hash of the entries */
	bool linear;        /* too many entries: compare every field */
	uint32_t gen;       /* changes with every change of the set */
};

void ag_ev_fields_init(struct ag_ev_fields *fs);
/* Adds a path (borrowed) and returns its index, or the index it already
 * has. Returns AG_ELIMIT when the set is full, AG_EINVAL for an empty path. */
int ag_ev_fields_add(struct ag_ev_fields *fs, const char *path, size_t len);
/* Index of a path, or -1. */
int ag_ev_fields_find(const struct ag_ev_fields *fs, const char *path, size_t len);
/* The same through the set's hash table: for the many lookups of record
 * readers (an attribute key against every field). */
int ag_ev_fields_lookup(const struct ag_ev_fields *fs, const char *key, size_t len);

enum ag_ev_line_kind {
	AG_EV_LINE_OBJECT,  /* a JSON object: an event */
	AG_EV_LINE_BLANK,   /* empty or whitespace only */
	AG_EV_LINE_OTHER,   /* valid JSON, but not an object or array (42, "x") */
	AG_EV_LINE_ARRAY,   /* a JSON array: its elements are the records */
	AG_EV_LINE_INVALID, /* not JSON */
};

struct ag_ev_line {
	enum ag_ev_line_kind kind;
	const char *start;  /* first byte of the line */
	size_t len;         /* length without the line end (\n, \r\n) */
	size_t err_col;     /* INVALID: 1-based byte column of the problem (in its line) */
	size_t err_line;    /* INVALID, documents: lines from `start` to the problem */
	const char *err;    /* INVALID: static message, lowercase */
	uint64_t lines;     /* lines the call went over (1 for a line) */
	/* bit i: field i has a value (ag_ev_scan_line; every other field is
	 * AG_EV_NONE); ~0 from ag_ev_scan_doc (not tracked) */
	uint64_t set;
};

/* Scans the line that starts at `p` (ending at the next \n or at `end`).
 * For an object, vals[i] (fs->n entries) receives field i; every entry's
 * `type` is reset first (AG_EV_NONE), and only present fields have their
 * other members set: read `type` first.
 * Returns the start of the next line (past the \n), or `end`. */
const char *ag_ev_scan_line(const char *p, const char *end, const struct ag_ev_fields *fs,
			    struct ag_ev_val *vals, struct ag_ev_line *res);

/* Tells the scanner that values it wrote were changed by someone else
 * (the record readers fill the same array): the next scan resets every
 * field. Per thread. */
void ag_ev_scan_forget(void);

/* Turns this thread's key memo off (every key is searched for and looked
 * up, as on a line whose keys were never seen) or back on: the slow path
 * the memo must agree with, for the differential fuzz target and tests.
 * A scan with the memo off leaves it as it was. On by default. */
void ag_ev_scan_memo(bool on);

/* Document mode, for inputs whose records span lines (pretty-printed
 * JSON, a JSON array over many lines, objects written back to back): scans
 * the JSON value that starts at the first byte at or after `p` that is not
 * white space (newlines are white space here, and so is one comma before
 * the value), with the results of ag_ev_scan_line(): res->start and
 * res->len are the value, res->lines the lines passed (the value, the
 * white space before it and the rest of its last line). A broken value is
 * one INVALID record that runs to the next line beginning with '{' or '[',
 * where scanning can pick up again; err_line/err_col say where it broke.
 * Returns where the next value may start. */
const char *ag_ev_scan_doc(const char *p, const char *end, const struct ag_ev_fields *fs,
			   struct ag_ev_val *vals, struct ag_ev_line *res);

/* Where a broken document that starts at p (its line at `from`, error at
 * ep) ends as one INVALID record, as ag_ev_scan_doc() ends it: returns the
 * next line beginning with '{' or '[' (or end), and sets *len (the record,
 * without that line's newline), *err_line (lines from p to the error) and
 * *err_col (1-based). For readers that walk a document themselves. */
const char *ag_ev_doc_resync(const char *from, const char *p, const char *ep, const char *end,
			     size_t *len, size_t *err_line, size_t *err_col);

/* Turns on (or off, freeing it) this thread's index of where the objects
 * and arrays of the last document ag_ev_scan_doc() scanned end, which the
 * value iterator then uses to skip them. Only while the bytes of that
 * document stay where they are: turn it off before they go. */
void ag_ev_doc_index(bool on);

/* Whether an input that starts at p is read in document mode: its first
 * value is an array, or an object that does not end on its first line.
 * NDJSON (every record on its line) stays in line mode, which is faster. */
bool ag_ev_is_doc(const char *p, const char *end);

/* Parses one JSON value at `p` (no leading whitespace; newlines inside are
 * white space). Returns the byte
 * after it, or NULL with *err / *errp set. Numbers get their value. */
const char *ag_ev_parse_value(const char *p, const char *end, struct ag_ev_val *v,
			      const char **err, const char **errp);
/* The same for a value inside a document, as a member of a container
 * `depth` levels down (the top-level value's members are at 1), so that
 * the 512-level limit counts from the document's top as ag_ev_scan_doc()
 * counts it: for readers that walk a document's outer levels themselves
 * (events_otlp.h's ag_otlp_stream). */
const char *ag_ev_parse_value_in(const char *p, const char *end, int depth, struct ag_ev_val *v,
				 const char **err, const char **errp);
/* The same for an object at p ('{'), whose members are matched against
 * `fs` as a line's top-level members are by ag_ev_scan_line() (vals[i]
 * gets field i; every entry's type is reset first): a reader that needs
 * a few members of each of many objects validates and finds them in one
 * pass. On an error every entry is AG_EV_NONE. */
const char *ag_ev_scan_obj_in(const char *p, const char *end, int depth,
			      const struct ag_ev_fields *fs, struct ag_ev_val *vals, const char **err,
			      const char **errp);

/* Skips JSON whitespace (space, tab, CR, LF). */
const char *ag_ev_ws(const char *p, const char *end);

/* Iterates the members of an object value (v->type == AG_EV_OBJ) or the
 * elements of an array value that the scanner produced (so valid JSON):
 * nested objects and arrays are skipped by their brackets alone. On
 * anything else next() returns -1 at the first error it sees, and never
 * reads outside the value. */
struct ag_ev_iter {
	const char *p, *end;
	bool obj, first;
};
void ag_ev_iter_init(struct ag_ev_iter *it, const struct ag_ev_val *v);
/* Returns 1 with the next member (key is a STR value; NULL for arrays
 * allowed), 0 at the end, -1 on malformed input. */
int ag_ev_iter_next(struct ag_ev_iter *it, struct ag_ev_val *key, struct ag_ev_val *val);

/* Decodes string bytes (the raw p/n of a STR value) into `out`, which must
 * hold n bytes: decoding never grows a string. \u escapes become UTF-8,
 * surrogate pairs are joined, and a lone surrogate becomes U+FFFD (as jq).
 * Returns the decoded length. */
size_t ag_ev_unescape(const char *p, size_t n, char *out);

/* The string a value stands for, decoded into `scratch` (n bytes) when it
 * has escapes; otherwise the raw bytes. Only for STR values. */
const char *ag_ev_str(const struct ag_ev_val *v, char *scratch, size_t *len);

/* Value of a JSON number literal (already validated). */
double ag_ev_number(const char *p, size_t n);

/* A value as a number: NUM values, and STR values whose whole text is a
 * JSON number (OpenTelemetry writes 64-bit integers as strings). */
bool ag_ev_as_num(const struct ag_ev_val *v, double *out);

/* A timestamp as nanoseconds since the Unix epoch. Numbers (and numeric
 * strings) are seconds below 1e11, milliseconds below 1e14, microseconds
 * below 1e17 and nanoseconds above; strings may also be RFC 3339
 * ("2026-01-29T10:00:00.123Z", "+02:00" offsets, a space for the T) or a
 * date ("2026-01-29"). Returns false when the value is not a time. */
bool ag_ev_time_ns(const struct ag_ev_val *v, int64_t *ns);
/* The same for text (used by the query parser). */
bool ag_ev_parse_time(const char *s, size_t n, int64_t *ns);
/* Formats nanoseconds since the epoch as RFC 3339 UTC with milliseconds
 * ("2026-01-29T10:00:00.123Z"); out holds at least 32 bytes. */
void ag_ev_format_time(int64_t ns, char *out);

/* Type names as lint and errors print them: "string", "number", ... */
const char *ag_ev_type_name(enum ag_ev_type t);

#endif
