/*
 * md.c - line-oriented Markdown structure; see md.h.
 */
#include <ctype.h>
#include <string.h>
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

bool ag_md_meta(const struct ag_md *d, size_t i, const char *key, struct ag_span *val)
{
	const struct ag_md_line *l = &d->lines[i];
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
