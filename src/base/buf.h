/*
 * buf.h - a growable byte buffer (after git's strbuf and curl's dynbuf).
 *
 * Invariants:
 *   - `data` is never NULL and always NUL-terminated: a fresh or released
 *     buffer points at ag_buf_empty, a shared read-only "" (git's
 *     strbuf_slopbuf), so `b.data` can be printed, compared or searched
 *     without a NULL test. `alloc` is 0 exactly while `data` is that shared
 *     string; never write through `data` then, and never free `data`
 *     yourself: ag_buf_release() and ag_buf_detach() know which is which.
 *   - Every append is bounded by `cap_limit` (0 means AG_BUF_DEFAULT_LIMIT)
 *     so a runaway writer fails with AG_ELIMIT instead of eating the
 *     machine.
 *
 * The failure policy (ADR-018): the first failed append - AG_ENOMEM,
 * AG_ELIMIT, or AG_EINVAL from a format the C library cannot render - is
 * kept in `err`. The content stays what it was before the failing append,
 * every later append is a no-op that returns the same error, and
 * ag_buf_detach() returns NULL. So a writer may append without testing each
 * result, and checks once, where the output is used: it returns
 * ag_buf_err(out) (or the last append's result) to its caller, and whoever
 * writes the bytes to a file or a stream tests ag_buf_err() first. A
 * function must never return 0 for a buffer whose `err` is set. Testing
 * each result (to stop early) stays correct: it sees the same error.
 * ag_buf_reset() and ag_buf_release() clear the error with the content.
 */
#ifndef AG_BUF_H
#define AG_BUF_H

#include <stdarg.h>
#include "ag.h"

#define AG_BUF_DEFAULT_LIMIT ((size_t)1 << 30)

/* The "" an empty buffer points at. Read-only: writing to it crashes. */
extern const char ag_buf_empty[1];

struct ag_buf {
	char *data;       /* never NULL; ag_buf_empty while alloc == 0 */
	size_t len;
	size_t alloc;     /* bytes allocated, 0 while data is ag_buf_empty */
	size_t cap_limit; /* largest len allowed; 0 = AG_BUF_DEFAULT_LIMIT */
	int err;          /* first failed append, sticky; 0 while all is well */
};

#define AG_BUF_INIT {(char *)ag_buf_empty, 0, 0, 0, 0}

void ag_buf_init(struct ag_buf *b);
/* Frees the content; the buffer is as after ag_buf_init() (no error, no
 * cap_limit) and may be used again. */
void ag_buf_release(struct ag_buf *b);
/* Empties the buffer (keeping its memory) and clears the error. */
void ag_buf_reset(struct ag_buf *b);
/* The sticky error: 0, AG_ENOMEM, AG_ELIMIT or AG_EINVAL. */
static inline int ag_buf_err(const struct ag_buf *b)
{
	return b->err;
}

/* Every function below returns 0, or the buffer's (new or earlier) error. */
int ag_buf_grow(struct ag_buf *b, size_t extra);
int ag_buf_add(struct ag_buf *b, const void *p, size_t n);
int ag_buf_adds(struct ag_buf *b, const char *s);
int ag_buf_addc(struct ag_buf *b, char c);
int ag_buf_printf(struct ag_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ag_buf_vprintf(struct ag_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hands the content over (caller frees) and leaves the buffer empty. An
 * empty buffer yields a freshly allocated "". NULL when the buffer has an
 * error (or "" cannot be allocated): the partial content is freed and
 * `err` is kept, so the caller can return ag_buf_err(b). */
char *ag_buf_detach(struct ag_buf *b, size_t *len);

/* snprintf() that returns what it wrote into dst: at most cap - 1 bytes
 * (0 when cap is 0 or the format fails), never the length the whole text
 * would have had. snprintf's own return value is no length of anything in
 * dst once the text is cut, so archgate never uses it as one
 * (scripts/banned.sh). */
size_t ag_snprintf(char *dst, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True when the n bytes are valid UTF-8 (no overlong form, surrogate or
 * value past U+10FFFF), as YAML and JSON need. */
bool ag_utf8_valid(const char *s, size_t n);

/* Escaping helpers used by the report writers. */
int ag_buf_json_str(struct ag_buf *b, const char *s, size_t n); /* adds "..." */
int ag_buf_xml_str(struct ag_buf *b, const char *s, size_t n);  /* escapes <>&"' */

/*
 * The output escaping policy (ADR-023): one escaper per output kind, and
 * one URL check for every URL archgate writes into a document.
 */

/* Terminal text: a value (a file name, a message, a commit subject, an
 * event line) made safe to print between fixed text. Control characters
 * (C0, DEL, C1) and bytes that start no UTF-8 sequence cannot reach the
 * terminal: newline, CR and tab become \n, \r, \t, everything else \xNN
 * (ESC is \x1b). So a value can neither move the cursor, recolour the
 * screen, ring the bell nor start a line of its own (a file name with a
 * newline cannot forge a "file:line:col: error" line). Backslashes stay as
 * they are: this is for people, not a reversible encoding. */
int ag_buf_text_str(struct ag_buf *b, const char *s, size_t n);
/* ag_buf_text_str() of a whole NUL-terminated string (NULL adds nothing). */
int ag_buf_text(struct ag_buf *b, const char *s);
/* ag_buf_text() of `s` into `tmp`, emptied first, for a value passed to a
 * printf format: returns tmp->data ("" when `s` is NULL or tmp failed). */
const char *ag_text_in(struct ag_buf *tmp, const char *s);
/* True when `s` needs no escaping for ag_buf_text_str() (the fast path). */
bool ag_text_plain(const char *s, size_t n);

/* The URL allowlist: true for an absolute URL whose scheme is http, https
 * or mailto (any case), and for a relative reference (no scheme: no ':'
 * before the first '/', '?' or '#'), false for everything else
 * (javascript:, data:, vbscript:, file:, ...). A URL holding a control
 * character, a space or a byte past 0x7E is refused too: browsers drop
 * tabs and newlines inside a scheme ("java\tscript:"), and a raw space
 * ends an unquoted attribute or a Markdown link. Callers drop a refused
 * URL (the text it labelled stays) rather than write it. */
bool ag_url_allowed(const char *s, size_t n);
/* A path written as an RFC 3986 relative reference: unreserved characters
 * and '/' stay, every other byte is percent-encoded (so ':' in a file name
 * cannot make the path read as a scheme, and ')', '<', '"' or a space
 * cannot end a Markdown link or an attribute early). */
int ag_buf_uri_path(struct ag_buf *b, const char *s, size_t n);

/* Mermaid text inside a double-quoted label, title or edge label (write
 * every label quoted: unquoted, brackets and '|' end it). Mermaid decodes
 * #name; and #NN; entities after parsing, so what means something to it
 * becomes one: " # < > &, '%' (Mermaid finds "%%{init: ...}%%"
 * directives anywhere in the text, inside a label too) and '`' (which
 * opens a Markdown string). Control characters, newlines included, become
 * a space: a newline would end the statement and start one of the
 * input's own. */
int ag_buf_mermaid_str(struct ag_buf *b, const char *s, size_t n);
/* A Graphviz DOT double-quoted string's content: '"' and '\\' get a
 * backslash, control characters (newlines included) become a space. */
int ag_buf_dot_str(struct ag_buf *b, const char *s, size_t n);
/* Markdown inline text (a link's label, a list item): '\\', '[', ']', '<',
 * '>', '`', '*' and '_' get a backslash, so a title cannot close a link
 * label and open a link of its own ("x](javascript:...)"), start an
 * autolink or HTML, or turn the rest of the line into code or emphasis;
 * control characters (newlines included) become a space. */
int ag_buf_md_str(struct ag_buf *b, const char *s, size_t n);
/* A YAML scalar that reads back as exactly `s`: plain when that is safe
 * (no indicator first, no ": " or " #", not a core-schema word or number),
 * else double-quoted with \" \\ \n \t and \xNN escapes. */
int ag_buf_yaml_str(struct ag_buf *b, const char *s, size_t n);

#endif
