/*
 * json.h - the one streaming JSON writer: every JSON document archgate
 * produces is written through it (issue 9: "every JSON output comes from
 * one JSON writer").
 *
 * A writer appends to a caller-owned struct ag_buf. Tokens are written as
 * they are called for, so the writer holds no tree and no copy of the data:
 *
 *   struct ag_json w;
 *   ag_json_init(&w, out, AG_JSON_COMPACT);
 *   ag_json_begin_object(&w);
 *   ag_json_kv_str(&w, "rule", "waiver-expired");
 *   ag_json_kv_int(&w, "line", 10);
 *   ag_json_key(&w, "tags");
 *   ag_json_begin_array(&w);
 *   ag_json_str(&w, "structure");
 *   ag_json_end_array(&w);
 *   ag_json_end_object(&w);
 *   int rc = ag_json_finish(&w);   -> {"rule":"waiver-expired","line":10,"tags":["structure"]}
 *
 * Errors are sticky (after curl's dynbuf and git's strbuf users): the first
 * failure - AG_ENOMEM or AG_ELIMIT from the buffer, AG_EINVAL for a call
 * that would make the document invalid, AG_ELIMIT past AG_JSON_MAX_DEPTH -
 * is kept in `err`, every later call is a no-op that returns it, and the
 * caller checks once, with ag_json_finish(). Every function also returns
 * the error so a caller may stop early. Misuse that is always a programming
 * error returns AG_EINVAL rather than asserting, so a unit test can show it:
 * an end without a begin, an end of the other kind, a key outside an object
 * or twice in a row, a value in an object without its key, and (at finish)
 * a container left open.
 *
 * Strings are escaped as ag_buf_json_str() escapes them (UTF-8 kept, every
 * byte that is not valid UTF-8 becomes U+FFFD), so output is valid JSON
 * whatever the input. Several top-level values may follow each other (one
 * NDJSON line each): the writer adds nothing between them, the caller adds
 * the newline.
 *
 * Layout: AG_JSON_COMPACT writes no whitespace at all ({"a":1,"b":[2,3]}).
 * AG_JSON_PRETTY puts each member on its own line, indented by two spaces a
 * level, with ": " after keys (Python's json.dumps(indent=2) and jq's
 * layout; an empty container stays "[]"). In an indented layout
 * ag_json_inline() writes the next container on one line - so a list of
 * small records reads one record a line. The layout is a set of flags:
 * AG_JSON_INDENT(n) breaks lines and indents n spaces a level,
 * AG_JSON_SPACED puts a space after ':' and after ',' on one line, and
 * AG_JSON_BREAK_EMPTY breaks the line of an empty indented container too
 * ("[\n  ]", the radar exports' layout since their first version).
 * Nothing ends the document with a newline: the caller adds it.
 */
#ifndef AG_JSON_H
#define AG_JSON_H

#include "ag.h"
#include "buf.h"

/* Nesting deeper than this fails with AG_ELIMIT (no archgate document comes
 * close; the bound keeps the writer's state a fixed-size array). */
#define AG_JSON_MAX_DEPTH 64

#define AG_JSON_INDENT(n) ((unsigned)(n) & 0xffu) /* spaces a level; 0: one line */
#define AG_JSON_SPACED 0x100u      /* "a": 1, "b": 2 */
#define AG_JSON_BREAK_EMPTY 0x200u /* an empty indented container: "[\n  ]" */
#define AG_JSON_COMPACT 0u
#define AG_JSON_PRETTY (AG_JSON_INDENT(2) | AG_JSON_SPACED)

/* ag_json_double()'s `decimals` for "as short as it reads": an integral
 * value without a fraction, others with up to six decimals and no trailing
 * zeros, very large or very small ones in the shortest %g form that reads
 * back as the same double (the events engine's number format). */
#define AG_JSON_SHORTEST (-1)

struct ag_json {
	struct ag_buf *out; /* borrowed */
	int err;            /* first error, sticky; 0 while all is well */
	unsigned style;     /* AG_JSON_* flags */
	unsigned depth;     /* open containers */
	bool next_inline;   /* ag_json_inline() was called */
	unsigned char frame[AG_JSON_MAX_DEPTH]; /* per open container: flags */
};

/* Starts a writer over `out` (appends after what `out` holds). Cannot fail. */
void ag_json_init(struct ag_json *w, struct ag_buf *out, unsigned style);

/* The writer's error, or AG_EINVAL when a container is still open, or the
 * buffer's own sticky error; 0 when the document is complete and written. */
int ag_json_finish(struct ag_json *w);
/* Records `err` (when no error is recorded yet) as if a call had failed:
 * for a value that could not be prepared (its own buffer ran out). Returns
 * the writer's error. */
int ag_json_fail(struct ag_json *w, int err);

int ag_json_begin_object(struct ag_json *w);
int ag_json_end_object(struct ag_json *w);
int ag_json_begin_array(struct ag_json *w);
int ag_json_end_array(struct ag_json *w);
/* Indented layouts: the next container (and all inside it) on one line.
 * Compact: no effect. */
int ag_json_inline(struct ag_json *w);

/* A member's key; the next call writes its value. NUL-terminated, or n bytes. */
int ag_json_key(struct ag_json *w, const char *key);
int ag_json_keyn(struct ag_json *w, const char *key, size_t n);

/* Values. A NULL string is written as null. */
int ag_json_str(struct ag_json *w, const char *s);
int ag_json_strn(struct ag_json *w, const char *s, size_t n);
int ag_json_int(struct ag_json *w, long long v);
int ag_json_uint(struct ag_json *w, unsigned long long v);
/* `decimals` digits after the point ("%.*f"), or AG_JSON_SHORTEST. NaN and
 * infinities, which JSON cannot spell, are written as null. */
int ag_json_double(struct ag_json *w, double v, int decimals);
int ag_json_bool(struct ag_json *w, bool v);
int ag_json_null(struct ag_json *w);
/* Strings already escaped: `n` bytes of JSON string content as found
 * between the quotes of a parsed document, written between quotes as they
 * are (an events reader passes fields through without decoding them). */
int ag_json_key_escaped(struct ag_json *w, const char *s, size_t n);
int ag_json_str_escaped(struct ag_json *w, const char *s, size_t n);
/* `n` bytes that are already one valid JSON value (a number kept as its
 * source text, a record rendered earlier); written as they are. */
int ag_json_raw(struct ag_json *w, const char *json, size_t n);
/* The same without the whitespace between its tokens: an array or object
 * from a pretty-printed document stays on one NDJSON line. */
int ag_json_raw_compact(struct ag_json *w, const char *json, size_t n);

/* Key and value in one call, the common case in an object. */
int ag_json_kv_str(struct ag_json *w, const char *key, const char *s);
int ag_json_kv_strn(struct ag_json *w, const char *key, const char *s, size_t n);
int ag_json_kv_int(struct ag_json *w, const char *key, long long v);
int ag_json_kv_uint(struct ag_json *w, const char *key, unsigned long long v);
int ag_json_kv_double(struct ag_json *w, const char *key, double v, int decimals);
int ag_json_kv_bool(struct ag_json *w, const char *key, bool v);
int ag_json_kv_null(struct ag_json *w, const char *key);
int ag_json_kv_raw(struct ag_json *w, const char *key, const char *json, size_t n);

/* Room for any number ag_json_double() writes (DBL_MAX with 17 decimals). */
#define AG_JSON_NUM_MAX 352

/* Writes `v` into `dst` (NUL-terminated) exactly as ag_json_double(w, v,
 * decimals) would, and returns its length, or AG_EINVAL when `decimals` is
 * neither AG_JSON_SHORTEST nor 0 to 17: for text output (a table cell)
 * that must show the same number as the JSON. */
int ag_json_format_double(char dst[AG_JSON_NUM_MAX], double v, int decimals);

#endif
