/*
 * json.c - the streaming JSON writer; see json.h.
 *
 * The state is one flag byte per open container: whether it is an object,
 * whether it has a member yet (so the next one needs a comma), whether a
 * key waits for its value, and whether it is written on one line. Commas
 * and line breaks are written before a member, never after one, so the
 * writer never has to take anything back.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

enum {
	F_OBJECT = 1,  /* an object (else an array) */
	F_MEMBER = 2,  /* has at least one member */
	F_KEY = 4,     /* a key was written; its value comes next */
	F_INLINE = 8,  /* written on one line */
};

void ag_json_init(struct ag_json *w, struct ag_buf *out, unsigned style)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->style = style;
}

static int fail(struct ag_json *w, int err)
{
	if (!w->err)
		w->err = err;
	return w->err;
}

static int put(struct ag_json *w, const char *s, size_t n)
{
	int rc = ag_buf_add(w->out, s, n);
	return rc ? fail(w, rc) : 0;
}

static bool pretty_at(const struct ag_json *w, unsigned depth)
{
	return AG_JSON_INDENT(w->style) && depth && !(w->frame[depth - 1] & F_INLINE);
}

static bool spaced(const struct ag_json *w)
{
	return w->style & AG_JSON_SPACED;
}

/* A line break and the indentation of a member at `depth`. */
static int newline(struct ag_json *w, unsigned depth)
{
	static const char spaces[] = "                                ";
	int rc = put(w, "\n", 1);
	for (size_t n = (size_t)depth * AG_JSON_INDENT(w->style); !rc && n; ) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		rc = put(w, spaces, k);
		n -= k;
	}
	return rc;
}

/* What goes before a member of the innermost container: a comma after the
 * first, then a line break (pretty) or a space (inline). */
static int separate(struct ag_json *w)
{
	unsigned char *f = &w->frame[w->depth - 1];
	bool first = !(*f & F_MEMBER);
	*f |= F_MEMBER;
	int rc = first ? 0 : put(w, ",", 1);
	if (!rc && pretty_at(w, w->depth))
		rc = newline(w, w->depth);
	else if (!rc && !first && spaced(w))
		rc = put(w, " ", 1);
	return rc;
}

/* Called before every value: checks that a value may stand here. */
static int before_value(struct ag_json *w)
{
	if (w->err)
		return w->err;
	if (!w->depth)
		return 0;
	unsigned char *f = &w->frame[w->depth - 1];
	if (*f & F_OBJECT) {
		if (!(*f & F_KEY))
			return fail(w, AG_EINVAL); /* a value in an object needs its key */
		*f &= (unsigned char)~F_KEY;
		return 0;
	}
	return separate(w);
}

int ag_json_fail(struct ag_json *w, int err)
{
	return err ? fail(w, err) : w->err;
}

int ag_json_finish(struct ag_json *w)
{
	if (w->err)
		return w->err;
	if (w->depth || w->next_inline)
		return fail(w, AG_EINVAL);
	return 0;
}

static int begin(struct ag_json *w, unsigned char kind, char open)
{
	int rc = before_value(w);
	if (rc)
		return rc;
	if (w->depth == AG_JSON_MAX_DEPTH)
		return fail(w, AG_ELIMIT);
	unsigned char f = kind;
	if (w->next_inline || (w->depth && (w->frame[w->depth - 1] & F_INLINE)))
		f |= F_INLINE;
	w->next_inline = false;
	rc = put(w, &open, 1);
	if (rc)
		return rc;
	w->frame[w->depth++] = f;
	return 0;
}

static int end(struct ag_json *w, unsigned char kind, char close)
{
	if (w->err)
		return w->err;
	if (!w->depth)
		return fail(w, AG_EINVAL); /* an end without a begin */
	unsigned char f = w->frame[w->depth - 1];
	if ((f & F_OBJECT) != kind || (f & F_KEY) || w->next_inline)
		return fail(w, AG_EINVAL); /* the other kind, or a key without value */
	int rc = 0;
	if (((f & F_MEMBER) || (w->style & AG_JSON_BREAK_EMPTY)) && pretty_at(w, w->depth))
		rc = newline(w, w->depth - 1);
	if (!rc)
		rc = put(w, &close, 1);
	if (!rc)
		w->depth--;
	return rc;
}

int ag_json_begin_object(struct ag_json *w) { return begin(w, F_OBJECT, '{'); }
int ag_json_end_object(struct ag_json *w) { return end(w, F_OBJECT, '}'); }
int ag_json_begin_array(struct ag_json *w) { return begin(w, 0, '['); }
int ag_json_end_array(struct ag_json *w) { return end(w, 0, ']'); }

int ag_json_inline(struct ag_json *w)
{
	if (w->err)
		return w->err;
	if (AG_JSON_INDENT(w->style))
		w->next_inline = true;
	return 0;
}

/* A string's text: escaped here, or as it is when it already is. */
static int string(struct ag_json *w, const char *s, size_t n, bool escaped)
{
	if (!escaped) {
		int rc = ag_buf_json_str(w->out, s, n);
		return rc ? fail(w, rc) : 0;
	}
	int rc = put(w, "\"", 1);
	if (!rc && n)
		rc = put(w, s, n);
	return rc ? rc : put(w, "\"", 1);
}

static int key(struct ag_json *w, const char *k, size_t n, bool escaped)
{
	if (w->err)
		return w->err;
	if (!w->depth || !k)
		return fail(w, AG_EINVAL);
	unsigned char *f = &w->frame[w->depth - 1];
	if (!(*f & F_OBJECT) || (*f & F_KEY))
		return fail(w, AG_EINVAL); /* a key outside an object, or twice */
	int rc = separate(w);
	if (!rc)
		rc = string(w, k, n, escaped);
	if (!rc)
		rc = spaced(w) ? put(w, ": ", 2) : put(w, ":", 1);
	if (!rc)
		*f |= F_KEY;
	return rc;
}

int ag_json_keyn(struct ag_json *w, const char *k, size_t n)
{
	return key(w, k, n, false);
}

int ag_json_key_escaped(struct ag_json *w, const char *s, size_t n)
{
	return key(w, s, n, true);
}

int ag_json_str_escaped(struct ag_json *w, const char *s, size_t n)
{
	int rc = before_value(w);
	if (rc)
		return rc;
	return s ? string(w, s, n, true) : fail(w, AG_EINVAL);
}

int ag_json_key(struct ag_json *w, const char *key)
{
	return ag_json_keyn(w, key, key ? strlen(key) : 0);
}

int ag_json_raw(struct ag_json *w, const char *json, size_t n)
{
	int rc = before_value(w);
	if (rc)
		return rc;
	if (!json || !n)
		return fail(w, AG_EINVAL);
	return put(w, json, n);
}

int ag_json_raw_compact(struct ag_json *w, const char *json, size_t n)
{
	int rc = before_value(w);
	if (rc)
		return rc;
	if (!json || !n)
		return fail(w, AG_EINVAL);
	bool str = false, esc = false;
	size_t from = 0; /* the run to copy */
	for (size_t i = 0; i < n; i++) {
		char c = json[i];
		if (str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				str = false;
		} else if (c == '"') {
			str = true;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (i > from && (rc = put(w, json + from, i - from)))
				return rc;
			from = i + 1;
		}
	}
	return n > from ? put(w, json + from, n - from) : 0;
}

int ag_json_strn(struct ag_json *w, const char *s, size_t n)
{
	int rc = before_value(w);
	if (rc)
		return rc;
	return s ? string(w, s, n, false) : put(w, "null", 4);
}

int ag_json_str(struct ag_json *w, const char *s)
{
	return ag_json_strn(w, s, s ? strlen(s) : 0);
}

int ag_json_int(struct ag_json *w, long long v)
{
	char tmp[32];
	return ag_json_raw(w, tmp, ag_snprintf(tmp, sizeof(tmp), "%lld", v));
}

int ag_json_uint(struct ag_json *w, unsigned long long v)
{
	char tmp[32];
	return ag_json_raw(w, tmp, ag_snprintf(tmp, sizeof(tmp), "%llu", v));
}

int ag_json_format_double(char dst[AG_JSON_NUM_MAX], double v, int decimals)
{
	if (decimals != AG_JSON_SHORTEST && (decimals < 0 || decimals > 17))
		return AG_EINVAL;
	if (!isfinite(v))
		return (int)ag_snprintf(dst, AG_JSON_NUM_MAX, "null");
	if (decimals >= 0)
		return (int)ag_snprintf(dst, AG_JSON_NUM_MAX, "%.*f", decimals, v);
	if (v == floor(v) && fabs(v) < 1e15)
		return (int)ag_snprintf(dst, AG_JSON_NUM_MAX, "%.0f", v);
	if (fabs(v) >= 1e15 || fabs(v) < 0.001) {
		/* the shortest text that reads back as the same double */
		int n = 0;
		for (int prec = 6; prec <= 17; prec++) {
			n = (int)ag_snprintf(dst, AG_JSON_NUM_MAX, "%.*g", prec, v);
			if (strtod(dst, NULL) == v)
				break;
		}
		return n;
	}
	int n = (int)ag_snprintf(dst, AG_JSON_NUM_MAX, "%.6f", v);
	while (n > 1 && dst[n - 1] == '0')
		n--;
	if (dst[n - 1] == '.')
		n--;
	dst[n] = '\0';
	return n;
}

int ag_json_double(struct ag_json *w, double v, int decimals)
{
	char tmp[AG_JSON_NUM_MAX];
	int n = ag_json_format_double(tmp, v, decimals);
	if (n < 0)
		return fail(w, n);
	return ag_json_raw(w, tmp, (size_t)n);
}

int ag_json_bool(struct ag_json *w, bool v)
{
	return v ? ag_json_raw(w, "true", 4) : ag_json_raw(w, "false", 5);
}

int ag_json_null(struct ag_json *w)
{
	return ag_json_raw(w, "null", 4);
}

#define KV(call)                                                            \
	do {                                                                \
		int rc_ = ag_json_key(w, key);                              \
		return rc_ ? rc_ : (call);                                  \
	} while (0)

int ag_json_kv_str(struct ag_json *w, const char *key, const char *s) { KV(ag_json_str(w, s)); }
int ag_json_kv_strn(struct ag_json *w, const char *key, const char *s, size_t n)
{
	KV(ag_json_strn(w, s, n));
}
int ag_json_kv_int(struct ag_json *w, const char *key, long long v) { KV(ag_json_int(w, v)); }
int ag_json_kv_uint(struct ag_json *w, const char *key, unsigned long long v)
{
	KV(ag_json_uint(w, v));
}
int ag_json_kv_double(struct ag_json *w, const char *key, double v, int decimals)
{
	KV(ag_json_double(w, v, decimals));
}
int ag_json_kv_bool(struct ag_json *w, const char *key, bool v) { KV(ag_json_bool(w, v)); }
int ag_json_kv_null(struct ag_json *w, const char *key) { KV(ag_json_null(w)); }
int ag_json_kv_raw(struct ag_json *w, const char *key, const char *json, size_t n)
{
	KV(ag_json_raw(w, json, n));
}
