/*
 * buf.c - growable byte buffer; see buf.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"

const char ag_buf_empty[1] = "";

void ag_buf_init(struct ag_buf *b)
{
	b->data = (char *)ag_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->cap_limit = 0;
	b->err = 0;
}

void ag_buf_release(struct ag_buf *b)
{
	if (b->alloc)
		free(b->data);
	ag_buf_init(b);
}

void ag_buf_reset(struct ag_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->alloc)
		b->data[0] = '\0';
}

static int fail(struct ag_buf *b, int err)
{
	b->err = err;
	return err;
}

int ag_buf_grow(struct ag_buf *b, size_t extra)
{
	if (b->err)
		return b->err;
	size_t limit = b->cap_limit ? b->cap_limit : AG_BUF_DEFAULT_LIMIT;
	if (extra > limit || b->len > limit - extra)
		return fail(b, AG_ELIMIT);
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n > ((size_t)-1) / 2 ? need : n * 2;
	char *p = realloc(b->alloc ? b->data : NULL, n);
	if (!p)
		return fail(b, AG_ENOMEM);
	if (!b->alloc)
		p[0] = '\0';
	b->data = p;
	b->alloc = n;
	return 0;
}

int ag_buf_add(struct ag_buf *b, const void *p, size_t n)
{
	int rc = ag_buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int ag_buf_adds(struct ag_buf *b, const char *s)
{
	return ag_buf_add(b, s, strlen(s));
}

int ag_buf_addc(struct ag_buf *b, char c)
{
	return ag_buf_add(b, &c, 1);
}

int ag_buf_vprintf(struct ag_buf *b, const char *fmt, va_list ap)
{
	if (b->err)
		return b->err;
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return fail(b, AG_EINVAL);
	int rc = ag_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

size_t ag_snprintf(char *dst, size_t cap, const char *fmt, ...)
{
	if (!cap)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(dst, cap, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dst[0] = '\0';
		return 0;
	}
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

int ag_buf_printf(struct ag_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *ag_buf_detach(struct ag_buf *b, size_t *len)
{
	if (!b->err && !b->alloc)
		ag_buf_grow(b, 0);
	if (b->err) {
		int err = b->err;
		ag_buf_release(b);
		b->err = err;
		if (len)
			*len = 0;
		return NULL;
	}
	char *p = b->data;
	if (len)
		*len = b->len;
	ag_buf_init(b);
	return p;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes are
 * not one (overlong forms, surrogates and values past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		     : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (!len || len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return len;
}

bool ag_utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l)
			return false;
		i += l;
	}
	return true;
}

/* JSON and XML must be UTF-8: a byte that is not part of a valid sequence
 * (a Windows-1252 "é" in an ADR title) becomes U+FFFD. */
static const char replacement[] = "\xEF\xBF\xBD";

/* Adds the character at s[*i] (ASCII, or a whole UTF-8 sequence, or
 * U+FFFD for a byte that starts none) and moves *i to its last byte. */
static int add_char(struct ag_buf *b, const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80)
		return ag_buf_addc(b, (char)c);
	size_t l = utf8_len((const unsigned char *)s + *i, n - *i);
	if (!l)
		return ag_buf_add(b, replacement, 3);
	int rc = ag_buf_add(b, s + *i, l);
	*i += l - 1;
	return rc;
}

int ag_buf_json_str(struct ag_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	int rc = ag_buf_addc(b, '"');
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': rc = ag_buf_add(b, "\\\"", 2); break;
		case '\\': rc = ag_buf_add(b, "\\\\", 2); break;
		case '\n': rc = ag_buf_add(b, "\\n", 2); break;
		case '\r': rc = ag_buf_add(b, "\\r", 2); break;
		case '\t': rc = ag_buf_add(b, "\\t", 2); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				rc = ag_buf_add(b, e, 6);
			} else {
				rc = add_char(b, s, n, &i);
			}
		}
	}
	return rc ? rc : ag_buf_addc(b, '"');
}

int ag_buf_xml_str(struct ag_buf *b, const char *s, size_t n)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '<': rc = ag_buf_adds(b, "&lt;"); break;
		case '>': rc = ag_buf_adds(b, "&gt;"); break;
		case '&': rc = ag_buf_adds(b, "&amp;"); break;
		case '"': rc = ag_buf_adds(b, "&quot;"); break;
		case '\'': rc = ag_buf_adds(b, "&apos;"); break;
		default:
			/* XML 1.0 forbids most control characters even escaped. */
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
				rc = ag_buf_addc(b, '?');
			} else {
				rc = add_char(b, s, n, &i);
			}
		}
	}
	return rc;
}

/* ---- terminal text and URLs (ADR-023) ---- */

/* The length of the character at s[0] when it may be printed as it is:
 * printable ASCII, or a valid UTF-8 sequence that is not a C1 control
 * (U+0080..U+009F, C2 80..C2 9F: CSI is U+009B); 0 when it must be
 * escaped. */
static size_t text_char_len(const unsigned char *s, size_t n)
{
	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (s[0] < 0x80)
		return 0;
	size_t l = utf8_len(s, n);
	if (l == 2 && s[0] == 0xC2 && s[1] < 0xA0)
		return 0;
	return l;
}

bool ag_text_plain(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t l = text_char_len(u + i, n - i);
		if (!l)
			return false;
		i += l;
	}
	return true;
}

int ag_buf_text_str(struct ag_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	int rc = ag_buf_err(b);
	for (size_t i = 0; !rc && i < n;) {
		size_t l = text_char_len(u + i, n - i);
		if (l) {
			size_t j = i + l; /* copy a run of printable characters at once */
			while (j < n && (l = text_char_len(u + j, n - j)))
				j += l;
			rc = ag_buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		unsigned char c = u[i];
		/* a C1 control in UTF-8 is two bytes; show its code point */
		if (c == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] < 0xA0) {
			char e[4] = {'\\', 'x', hex[u[i + 1] >> 4], hex[u[i + 1] & 15]};
			rc = ag_buf_add(b, e, 4);
			i += 2;
			continue;
		}
		if (c == '\n')
			rc = ag_buf_add(b, "\\n", 2);
		else if (c == '\r')
			rc = ag_buf_add(b, "\\r", 2);
		else if (c == '\t')
			rc = ag_buf_add(b, "\\t", 2);
		else {
			char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			rc = ag_buf_add(b, e, 4);
		}
		i++;
	}
	return rc;
}

int ag_buf_text(struct ag_buf *b, const char *s)
{
	return s ? ag_buf_text_str(b, s, strlen(s)) : ag_buf_err(b);
}

const char *ag_text_in(struct ag_buf *tmp, const char *s)
{
	ag_buf_reset(tmp);
	ag_buf_text(tmp, s);
	return ag_buf_err(tmp) ? "" : tmp->data;
}

static bool scheme_is(const char *s, size_t n, const char *scheme)
{
	size_t l = strlen(scheme);
	return n == l && !strncasecmp(s, scheme, l);
}

bool ag_url_allowed(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f)
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' || s[i] == '?' || s[i] == '#')
			return true; /* relative: no scheme before the path */
		if (s[i] == ':')
			return scheme_is(s, i, "http") || scheme_is(s, i, "https") ||
			       scheme_is(s, i, "mailto");
	}
	return true; /* "0001-use-postgres.md" */
}

int ag_buf_uri_path(struct ag_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = ag_buf_err(b);
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			rc = ag_buf_addc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = ag_buf_add(b, e, 3);
		}
	}
	return rc;
}

int ag_buf_mermaid_str(struct ag_buf *b, const char *s, size_t n)
{
	int rc = ag_buf_err(b);
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': rc = ag_buf_adds(b, "#quot;"); break;
		case '#': rc = ag_buf_adds(b, "#35;"); break;
		case '<': rc = ag_buf_adds(b, "#lt;"); break;
		case '>': rc = ag_buf_adds(b, "#gt;"); break;
		case '&': rc = ag_buf_adds(b, "#amp;"); break;
		case '%': case '`':
			rc = ag_buf_printf(b, "#%d;", c);
			break;
		default:
			rc = ag_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
		}
	}
	return rc;
}

int ag_buf_dot_str(struct ag_buf *b, const char *s, size_t n)
{
	int rc = ag_buf_err(b);
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			rc = ag_buf_addc(b, '\\');
		if (!rc)
			rc = ag_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	return rc;
}

int ag_buf_yaml_str(struct ag_buf *b, const char *s, size_t n)
{
	bool plain = n > 0 && n < 120;
	static const char *const special[] = {"true", "false", "yes", "no", "on", "off",
					      "null", "~", "y", "n", NULL};
	for (size_t i = 0; special[i] && plain; i++)
		if (strlen(special[i]) == n && !strncasecmp(s, special[i], n))
			plain = false;
	if (plain && (strchr("-?:,[]{}#&*!|>'\"%@`. ", s[0]) || isdigit((unsigned char)s[0]) ||
		      s[n - 1] == ' ' || s[n - 1] == ':'))
		plain = false;
	for (size_t i = 0; i < n && plain; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || (c == ':' && (i + 1 == n || s[i + 1] == ' ')) ||
		    (c == '#' && i && s[i - 1] == ' ') || strchr("{}[],\"'\\", c))
			plain = false;
	}
	if (plain)
		return ag_buf_add(b, s, n);
	int rc = ag_buf_addc(b, '"');
	for (size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			rc = ag_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			rc = ag_buf_adds(b, "\\n");
		else if (c == '\t')
			rc = ag_buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			rc = ag_buf_printf(b, "\\x%02x", c);
		else
			rc = ag_buf_addc(b, (char)c);
	}
	return rc ? rc : ag_buf_addc(b, '"');
}

int ag_buf_md_str(struct ag_buf *b, const char *s, size_t n)
{
	int rc = ag_buf_err(b);
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (strchr("\\[]<>`*_", c) && c)
			rc = ag_buf_addc(b, '\\');
		if (!rc)
			rc = ag_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	return rc;
}
