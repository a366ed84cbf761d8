/*
 * md.c - line-oriented Markdown structure; see md.h.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "base/ag.h"
#include "md.h"

struct ag_span ag_span_trim(struct ag_span s)
{
	while (s.len && isspace((unsigned char)s.s[0]))
		s.s++, s.len--;
	while (s.len && isspace((unsigned char)s.s[s.len - 1]))
		s.len--;
	return s;
}

bool ag_span_eq(struct ag_span s, const char *z)
{
	size_t n = strlen(z);
	return s.len == n && !strncasecmp(s.s, z, n);
}

bool ag_span_prefix(struct ag_span s, const char *z)
{
	size_t n = strlen(z);
	return s.len >= n && !strncasecmp(s.s, z, n);
}

static bool is_fence(struct ag_span t)
{
	if (t.len < 3 || (strncmp(t.s, "```", 3) && strncmp(t.s, "~~~", 3)))
		return false;
	/* "```code```" on one line is inline code: a backtick fence's info
	 * string holds no backtick (CommonMark) */
	size_t k = 0;
	while (k < t.len && t.s[k] == '`')
		k++;
	return !k || !memchr(t.s + k, '`', t.len - k);
}

int ag_md_parse(struct ag_arena *a, const char *text, size_t len, struct ag_md *out)
{
	memset(out, 0, sizeof(*out));
	out->text = text;
	out->len = len;
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	n += len && text[len - 1] != '\n';
	out->lines = ag_arena_alloc(a, (n + 1) * sizeof(*out->lines));
	if (!out->lines)
		return AG_ENOMEM;
	bool fence = false, comment = false, front = false;
	const char *p = text, *end = text + len;
	for (size_t k = 0; p < end; k++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct ag_md_line *ln = &out->lines[out->n++];
		ln->off = (size_t)(p - text);
		if (l && p[l - 1] == '\r') {
			l--;
			if (k == 0)
				out->crlf = true;
		}
		ln->len = l;
		struct ag_span t = ag_span_trim((struct ag_span){p, l});
		ln->text = t;
		if (k == 0 && t.len == 3 && !strncmp(p, "---", 3)) {
			front = true;
			ln->kind = AG_MD_FRONT;
		} else if (front) {
			ln->kind = AG_MD_FRONT;
			if (t.len == 3 && !strncmp(p, "---", 3)) {
				front = false;
				out->front_end = k + 1;
			}
		} else if (fence) {
			ln->kind = AG_MD_FENCE;
			if (is_fence(t))
				fence = false;
		} else if (is_fence(t)) {
			ln->kind = AG_MD_FENCE;
			fence = true;
		} else if (comment || (t.len >= 4 && !strncmp(t.s, "<!--", 4))) {
			ln->kind = AG_MD_COMMENT;
			comment = !(t.len >= 3 && !strncmp(t.s + t.len - 3, "-->", 3));
		} else if (!t.len) {
			ln->kind = AG_MD_BLANK;
		} else if (t.s[0] == '#' && p[0] == '#') {
			int lv = 0;
			while ((size_t)lv < t.len && t.s[lv] == '#')
				lv++;
			if (lv <= 6 && ((size_t)lv == t.len || t.s[lv] == ' ')) {
				ln->kind = AG_MD_HEADING;
				ln->level = lv;
				struct ag_span h = ag_span_trim((struct ag_span){t.s + lv, t.len - (size_t)lv});
				/* a closing run of #s counts only after a space ("C#" stays) */
				size_t e = h.len;
				while (e && h.s[e - 1] == '#')
					e--;
				if (e < h.len && (e == 0 || h.s[e - 1] == ' '))
					h.len = e;
				ln->text = ag_span_trim(h);
			} else {
				ln->kind = AG_MD_TEXT;
			}
		} else if (t.s[0] == '|') {
			ln->kind = AG_MD_TABLE;
		} else {
			ln->kind = AG_MD_TEXT;
		}
		p = nl ? nl + 1 : end;
	}
	if (front) /* unterminated front matter is not front matter */
		for (size_t k = 0; k < out->n; k++)
			out->lines[k].kind = out->lines[k].text.len ? AG_MD_TEXT : AG_MD_BLANK;
	return 0;
}

long ag_md_heading(const struct ag_md *d, int level, const char *title, size_t from)
{
	for (size_t i = from; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_HEADING && (!level || l->level == level) &&
		    ag_span_prefix(l->text, title))
			return (long)i;
	}
	return -1;
}

size_t ag_md_section_end(const struct ag_md *d, size_t h)
{
	int lv = d->lines[h].level;
	for (size_t i = h + 1; i < d->n; i++)
		if (d->lines[i].kind == AG_MD_HEADING && d->lines[i].level <= lv)
			return i;
	return d->n;
}

int ag_md_cells(struct ag_span row, struct ag_span *cells, int max)
{
	struct ag_span t = ag_span_trim(row);
	if (t.len && t.s[0] == '|')
		t.s++, t.len--;
	if (t.len && t.s[t.len - 1] == '|' && (t.len < 2 || t.s[t.len - 2] != '\\'))
		t.len--;
	int n = 0;
	size_t start = 0;
	for (size_t i = 0; i <= t.len && n < max; i++) {
		if (i == t.len || (t.s[i] == '|' && (i == 0 || t.s[i - 1] != '\\'))) {
			cells[n++] = ag_span_trim((struct ag_span){t.s + start, i - start});
			start = i + 1;
		}
	}
	return n;
}

bool ag_md_is_separator(struct ag_span row)
{
	struct ag_span t = ag_span_trim(row);
	bool dash = false;
	for (size_t i = 0; i < t.len; i++) {
		char c = t.s[i];
		if (c == '-')
			dash = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t')
			return false;
	}
	return dash;
}

/* "| **Key** | value |": a row of a two-column key/value table, the way
 * some teams head a record (a "Property | Value" table under the title). */
static bool table_meta(struct ag_span row, const char *key, struct ag_span *val)
{
	struct ag_span c[3];
	if (ag_md_cells(row, c, 3) != 2 || ag_md_is_separator(row))
		return false;
	struct ag_span k = c[0], v = c[1];
	while (k.len && strchr("*_", k.s[0]))
		k.s++, k.len--;
	while (k.len && strchr("*_:", k.s[k.len - 1]))
		k.len--;
	if (k.len != strlen(key) || strncasecmp(k.s, key, k.len))
		return false;
	while (v.len > 1 && strchr("*_", v.s[0]) && v.s[v.len - 1] == v.s[0])
		v.s++, v.len -= 2;
	*val = ag_span_trim(v);
	return true;
}

bool ag_md_meta(const struct ag_md *d, size_t i, const char *key, struct ag_span *val)
{
	const struct ag_md_line *l = &d->lines[i];
	if (l->kind == AG_MD_TABLE)
		return table_meta(l->text, key, val);
	if (l->kind != AG_MD_TEXT)
		return false;
	struct ag_span t = l->text;
	size_t k = 0;
	if (k < t.len && (t.s[k] == '-' || t.s[k] == '*') && k + 1 < t.len && t.s[k + 1] == ' ')
		k += 2;
	while (k < t.len && (t.s[k] == '*' || t.s[k] == '_'))
		k++;
	size_t kl = strlen(key);
	if (t.len - k < kl || strncasecmp(t.s + k, key, kl))
		return false;
	k += kl;
	size_t j = k;
	while (j < t.len && (t.s[j] == '*' || t.s[j] == '_'))
		j++;
	if (j >= t.len || t.s[j] != ':')
		return false;
	j++;
	while (j < t.len && (t.s[j] == '*' || t.s[j] == '_'))
		j++;
	*val = ag_span_trim((struct ag_span){t.s + j, t.len - j});
	/* MADR 2's and log4brains' templates end these lines with a comment
	 * ("<!-- optional -->") that records often keep: not part of the value */
	if (val->len >= 7 && !memcmp(val->s + val->len - 3, "-->", 3)) {
		for (size_t q = 0; q + 4 <= val->len - 3; q++)
			if (!memcmp(val->s + q, "<!--", 4)) {
				*val = ag_span_trim((struct ag_span){val->s, q});
				break;
			}
	}
	return true;
}

bool ag_md_link(struct ag_span s, struct ag_span *text, struct ag_span *target)
{
	const char *end = s.s + s.len;
	for (const char *lb = s.s; lb < end; lb++) {
		if (*lb != '[' || (lb > s.s && lb[-1] == '\\'))
			continue;
		/* the matching ']': unescaped, brackets inside may nest */
		int depth = 0;
		const char *rb = NULL;
		for (const char *p = lb + 1; p < end && !rb; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p == '[')
				depth++;
			else if (*p == ']' && depth-- == 0)
				rb = p;
		}
		if (!rb || rb + 1 >= end || rb[1] != '(')
			continue;
		const char *rp = memchr(rb, ')', (size_t)(end - rb));
		if (!rp)
			return false;
		*text = (struct ag_span){lb + 1, (size_t)(rb - lb - 1)};
		*target = ag_span_trim((struct ag_span){rb + 2, (size_t)(rp - rb - 2)});
		return true;
	}
	return false;
}

int ag_md_splice(const struct ag_md *d, size_t first, size_t count, const char *insert,
		 struct ag_buf *out)
{
	size_t cut_from = first < d->n ? d->lines[first].off : d->len;
	size_t cut_to = first + count < d->n ? d->lines[first + count].off : d->len;
	int rc = ag_buf_add(out, d->text, cut_from);
	if (!rc && cut_from == d->len && d->len && d->text[d->len - 1] != '\n' && *insert)
		rc = ag_buf_adds(out, d->crlf ? "\r\n" : "\n");
	for (const char *p = insert; !rc && *p; p++) {
		if (*p == '\n' && d->crlf)
			rc = ag_buf_addc(out, '\r');
		if (!rc)
			rc = ag_buf_addc(out, *p);
	}
	if (!rc)
		rc = ag_buf_add(out, d->text + cut_to, d->len - cut_to);
	return rc;
}

/* ---- link rewriting ---- */

/* The destination of an inline link or reference definition at p: "<...>"
 * or a run without spaces or control characters whose parentheses balance.
 * Sets *dest (without the angle brackets) and returns the first byte after
 * it, or NULL when there is none. */
static const char *link_dest(const char *p, const char *end, struct ag_span *dest)
{
	if (p < end && *p == '<') {
		const char *q = p + 1;
		while (q < end && *q != '>' && *q != '<') {
			if (*q == '\\' && q + 1 < end)
				q++;
			q++;
		}
		if (q >= end || *q != '>')
			return NULL;
		*dest = (struct ag_span){p + 1, (size_t)(q - p - 1)};
		return q + 1;
	}
	int depth = 0;
	const char *q = p;
	while (q < end && (unsigned char)*q > ' ' && *q != 0x7f) {
		if (*q == '\\' && q + 1 < end) {
			q += 2;
			continue;
		}
		if (*q == '(')
			depth++;
		else if (*q == ')' && depth-- == 0)
			break;
		q++;
	}
	if (depth > 0 || q == p)
		return NULL;
	*dest = (struct ag_span){p, (size_t)(q - p)};
	return q;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* After an inline link's destination: an optional title, then ')'.
 * Returns the ')' or NULL. */
static const char *link_close(const char *p, const char *end)
{
	const char *q = skip_blanks(p, end);
	if (q < end && q > p && (*q == '"' || *q == '\'' || *q == '(')) {
		char close = *q == '(' ? ')' : *q;
		for (q++; q < end && *q != close; q++)
			if (*q == '\\' && q + 1 < end)
				q++;
		if (q >= end)
			return NULL;
		q = skip_blanks(q + 1, end);
	}
	return q < end && *q == ')' ? q : NULL;
}

/* The part of `dest` to replace: `old` as the whole path or its last
 * component, before '#' or '?'. */
static bool dest_match(struct ag_span dest, const char *old, size_t ol, struct ag_span *hit)
{
	size_t pl = 0;
	while (pl < dest.len && dest.s[pl] != '#' && dest.s[pl] != '?')
		pl++;
	if (pl < ol || memcmp(dest.s + pl - ol, old, ol))
		return false;
	if (pl > ol && dest.s[pl - ol - 1] != '/')
		return false;
	*hit = (struct ag_span){dest.s + pl - ol, ol};
	return true;
}

/* The matching ']' of the '[' at lb on the same line, or NULL. */
static const char *close_bracket(const char *lb, const char *end)
{
	int depth = 0;
	for (const char *p = lb + 1; p < end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth-- == 0)
			return p;
	}
	return NULL;
}

/* The end of the code span opened by the run of backticks at p, or NULL
 * when the run has no closing run of the same length on the line. */
static const char *code_span_end(const char *p, const char *end, size_t *run)
{
	size_t n = 0;
	while (p + n < end && p[n] == '`')
		n++;
	*run = n;
	for (const char *q = p + n; q < end;) {
		if (*q != '`') {
			q++;
			continue;
		}
		size_t m = 0;
		while (q + m < end && q[m] == '`')
			m++;
		if (m == n)
			return q + m;
		q += m;
	}
	return NULL;
}

int ag_md_relink(const struct ag_md *d, const char *old, const char *new_,
		 const char *old_text, const char *new_text, struct ag_buf *out, size_t *count)
{
	*count = 0;
	size_t ol = strlen(old), tl = old_text ? strlen(old_text) : 0;
	const char *copied = d->text;
	int rc = 0;
	for (size_t i = 0; i < d->n && !rc; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_FENCE || l->kind == AG_MD_COMMENT)
			continue;
		const char *s = d->text + l->off, *end = s + l->len;
		for (const char *p = s; p < end && !rc; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p == '`') {
				size_t run;
				const char *ce = code_span_end(p, end, &run);
				p = (ce ? ce : p + run) - 1;
				continue;
			}
			if (*p != '[')
				continue;
			const char *rb = close_bracket(p, end);
			if (!rb || rb + 1 >= end)
				continue;
			struct ag_span dest, hit;
			const char *after;
			bool is_def = rb[1] == ':' && (size_t)(p - s) <= 3 &&
				      skip_blanks(s, p) == p && rb > p + 1;
			if (rb[1] == '(') {
				after = link_dest(skip_blanks(rb + 2, end), end, &dest);
				const char *rp = after ? link_close(after, end) : NULL;
				if (!rp)
					continue;
				if (!dest_match(dest, old, ol, &hit))
					continue; /* a link may sit in its text */
				struct ag_span text = {p + 1, (size_t)(rb - p - 1)};
				rc = ag_buf_add(out, copied, (size_t)(text.s - copied));
				if (!rc && old_text && new_text && text.len == tl &&
				    !memcmp(text.s, old_text, tl))
					rc = ag_buf_adds(out, new_text);
				else if (!rc)
					rc = ag_buf_add(out, text.s, text.len);
				if (!rc)
					rc = ag_buf_add(out, rb, (size_t)(hit.s - rb));
				if (!rc)
					rc = ag_buf_adds(out, new_);
				copied = hit.s + hit.len;
				(*count)++;
				p = rp;
			} else if (is_def) {
				after = link_dest(skip_blanks(rb + 2, end), end, &dest);
				if (after && dest_match(dest, old, ol, &hit)) {
					rc = ag_buf_add(out, copied, (size_t)(hit.s - copied));
					if (!rc)
						rc = ag_buf_adds(out, new_);
					copied = hit.s + hit.len;
					(*count)++;
				}
				break;
			}
		}
	}
	if (!rc)
		rc = ag_buf_add(out, copied, (size_t)(d->text + d->len - copied));
	return rc;
}

/* ---- writing values ---- */

static bool yaml_plain_ok(const char *v)
{
	size_t n = strlen(v);
	if (!n || v[0] == ' ' || v[n - 1] == ' ' || strchr("-?:,[]{}#&*!|>'\"%@`~", v[0]))
		return false;
	if (strstr(v, ": ") || strstr(v, " #") || v[n - 1] == ':' || strpbrk(v, "[]{}\"\\"))
		return false;
	static const char *const special[] = {"true", "false", "yes", "no", "null", "on", "off"};
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (!strcasecmp(v, special[i]))
			return false;
	return true;
}

int ag_md_put_value(struct ag_buf *b, enum ag_md_kind where, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return AG_EINVAL;
	if (where == AG_MD_FRONT) {
		if (yaml_plain_ok(v))
			return ag_buf_adds(b, v);
		int rc = ag_buf_addc(b, '"');
		for (const char *p = v; !rc && *p; p++) {
			if (*p == '"' || *p == '\\')
				rc = ag_buf_addc(b, '\\');
			if (!rc)
				rc = ag_buf_addc(b, *p);
		}
		return rc ? rc : ag_buf_addc(b, '"');
	}
	if (where == AG_MD_TABLE) {
		int rc = 0;
		for (const char *p = v; !rc && *p; p++) {
			if (*p == '|' || (*p == '\\' && !p[1]))
				rc = ag_buf_addc(b, '\\');
			if (!rc)
				rc = ag_buf_addc(b, *p);
		}
		return rc;
	}
	return ag_buf_adds(b, v);
}
