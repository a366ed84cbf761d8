/*
 * buf.h - a growable byte buffer (after git's strbuf and curl's dynbuf).
 *
 * The buffer is always NUL-terminated once anything has been added. Every
 * append is bounded by `cap_limit` (0 means AG_BUF_DEFAULT_LIMIT) so a runaway
 * writer fails with AG_ELIMIT instead of eating the machine. On allocation
 * failure the buffer keeps its old contents and AG_ENOMEM is returned.
 */
#ifndef AG_BUF_H
#define AG_BUF_H

#include <stdarg.h>
#include "ag.h"

#define AG_BUF_DEFAULT_LIMIT ((size_t)1 << 30)

struct ag_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap_limit;
};

#define AG_BUF_INIT {0, 0, 0, 0}

void ag_buf_init(struct ag_buf *b);
void ag_buf_release(struct ag_buf *b);
void ag_buf_reset(struct ag_buf *b);
int ag_buf_grow(struct ag_buf *b, size_t extra);
int ag_buf_add(struct ag_buf *b, const void *p, size_t n);
int ag_buf_adds(struct ag_buf *b, const char *s);
int ag_buf_addc(struct ag_buf *b, char c);
int ag_buf_printf(struct ag_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ag_buf_vprintf(struct ag_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Detach the data (caller frees); the buffer is left empty. Never NULL on
 * success: an empty buffer yields a freshly allocated "". */
char *ag_buf_detach(struct ag_buf *b, size_t *len);

/* Escaping helpers used by the report writers. */
int ag_buf_json_str(struct ag_buf *b, const char *s, size_t n); /* adds "..." */
int ag_buf_xml_str(struct ag_buf *b, const char *s, size_t n);  /* escapes <>&"' */

#endif
