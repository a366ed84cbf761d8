/*
 * site_svg.c - an untrusted SVG rewritten into one that runs nothing and
 * loads nothing (see site.h, ag_site_svg_clean; arch/decisions/0054).
 *
 * The input is read as XML tokens (start and end tags, text, comments,
 * CDATA, processing instructions) and written again from what was
 * understood, never copied through: an element is kept only when it is on
 * the list of drawing elements (shapes, text, gradients, filters, markers,
 * <style>), <a> becomes a <g> (its children and position kept, the link
 * dropped: href only inside the document, no target), and
 * every other element is dropped with everything inside it (<script>,
 * <foreignObject>, <image>, <iframe>, animation elements, anything with a
 * namespace prefix, anything unknown). Attributes: event handlers (on*)
 * are dropped, href only pointing inside the document ("#id"), namespace
 * declarations only SVG's and XLink's, and any value that names a scheme
 * that runs or embeds (javascript:, vbscript:, data:) or whose CSS could
 * fetch (url() to anything but "#id", @import) is dropped; entities are
 * decoded before that check, so "&#106;avascript:" is caught. A <style>
 * whose CSS could fetch is dropped whole. A DOCTYPE (entity definitions),
 * an unquoted attribute, a '<' in a value, mismatched tags or more than
 * 256 levels make the whole SVG refused (AG_EINVAL): the caller shows the
 * diagram's source instead.
 */
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include "site.h"

#define MAX_DEPTH 256

static const char *const keep_elems[] = {
	"svg", "g", "defs", "symbol", "use", "title", "desc", "style", "path", "rect", "circle",
	"ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "marker",
	"clipPath", "mask", "pattern", "linearGradient", "radialGradient", "stop", "filter",
	"feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
	"feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"feFuncA", "feFuncR", "feFuncG", "feFuncB", "feTurbulence", "feDisplacementMap",
	"feTile", NULL};

enum what { DROP, KEEP, UNWRAP };

static enum what elem_policy(const char *name, size_t n)
{
	for (size_t i = 0; keep_elems[i]; i++)
		if (strlen(keep_elems[i]) == n && !memcmp(keep_elems[i], name, n))
			return KEEP;
	if (n == 1 && name[0] == 'a')
		return UNWRAP;
	return DROP;
}

static bool name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
	       (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

static const char *find(const char *h, size_t hn, const char *nd, size_t nn)
{
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == nd[0] && !memcmp(h + i, nd, nn))
			return h + i;
	return NULL;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of a well-formed entity reference at s ("&amp;", "&#38;",
 * "&#x26;"), 0 when it is none. */
static size_t entity_len(const char *s, size_t n)
{
	size_t i = 1;
	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
		if (hex)
			i++;
		size_t d0 = i;
		while (i < n && i < d0 + 8 &&
		       ((s[i] >= '0' && s[i] <= '9') ||
			(hex && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f'))))
			i++;
		return i > d0 && i < n && s[i] == ';' ? i + 1 : 0;
	}
	while (i < n && i < 32 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	return i > 1 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Text or a value written again: a well-formed entity stays, a lone '&'
 * becomes &amp;, '<' and '>' are escaped, and so is '"' (values are always
 * written double-quoted). */
static void put_text(struct ag_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t e;
		if (s[i] == '&' && (e = entity_len(s + i, n - i))) {
			ag_buf_add(o, s + i, e);
			i += e - 1;
		} else if (s[i] == '&') {
			ag_buf_adds(o, "&amp;");
		} else if (s[i] == '<') {
			ag_buf_adds(o, "&lt;");
		} else if (s[i] == '>') {
			ag_buf_adds(o, "&gt;");
		} else if (s[i] == '"') {
			ag_buf_adds(o, "&quot;");
		} else {
			ag_buf_addc(o, s[i]);
		}
	}
}

/* The value as the browser would read it, for checking: numeric and the
 * usual named entities decoded, lower case, whitespace, control characters
 * and backslashes (CSS escapes) left out. */
static void normalise(struct ag_buf *o, const char *s, size_t n)
{
	ag_buf_reset(o);
	for (size_t i = 0; i < n; i++) {
		unsigned long c = (unsigned char)s[i];
		size_t e;
		if (s[i] == '&' && (e = entity_len(s + i, n - i))) {
			if (s[i + 1] == '#') {
				bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
				c = strtoul(s + i + (hex ? 3 : 2), NULL, hex ? 16 : 10);
			} else if (!strncmp(s + i, "&colon;", 7)) {
				c = ':';
			} else if (!strncmp(s + i, "&lpar;", 6)) {
				c = '(';
			} else {
				c = 'x'; /* &amp; and the like: no letter of a scheme */
			}
			i += e - 1;
		}
		if (c <= 0x20 || c == 0x7f || c == '\\' || c > 0x7f)
			continue;
		ag_buf_addc(o, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
	}
	ag_buf_add(o, "", 0);
}

/* Whether normalised text holds something that runs or fetches. */
static bool risky(const char *t, bool css)
{
	static const char *const bad[] = {"javascript:", "vbscript:", "data:", "livescript:",
					  "expression(", "@import", "-moz-binding", "behavior:",
					  NULL};
	for (size_t k = 0; bad[k]; k++)
		if (strstr(t, bad[k]))
			return true;
	for (const char *u = t; (u = strstr(u, "url(")) != NULL; u += 4) {
		const char *v = u + 4;
		while (*v == '"' || *v == '\'')
			v++;
		if (*v != '#')
			return true;
	}
	(void)css;
	return false;
}

struct attr {
	const char *name, *val;
	size_t nn, vn;
};

/* Whether attribute `a` of a kept element may stay. */
static bool attr_ok(const struct attr *a, struct ag_buf *norm)
{
	const char *nm = a->name;
	size_t n = a->nn;
	if (n >= 2 && (nm[0] | 0x20) == 'o' && (nm[1] | 0x20) == 'n')
		return false;
	normalise(norm, a->val, a->vn);
	if (n == 5 && !memcmp(nm, "xmlns", 5))
		return !strcmp(norm->data, "http://www.w3.org/2000/svg");
	if (n == 11 && !memcmp(nm, "xmlns:xlink", 11))
		return !strcmp(norm->data, "http://www.w3.org/1999/xlink");
	const char *colon = memchr(nm, ':', n);
	if (colon && memchr(colon + 1, ':', n - (size_t)(colon + 1 - nm)))
		return false; /* two prefixes: no attribute of SVG's */
	if (colon && !((colon - nm == 5 && !memcmp(nm, "xlink", 5)) ||
		       (colon - nm == 3 && !memcmp(nm, "xml", 3))))
		return false; /* another namespace's attribute */
	const char *local = colon ? colon + 1 : nm;
	size_t ln = n - (size_t)(local - nm);
	if ((ln == 4 && !strncasecmp(local, "href", 4)) || (ln == 3 && !strncasecmp(local, "src", 3)))
		return a->vn > 1 && a->val[0] == '#' && !risky(norm->data, false) &&
		       !memchr(a->val, ':', a->vn);
	if ((ln == 4 && !strncasecmp(local, "base", 4)) ||
	    (ln == 6 && !strncasecmp(local, "target", 6)) ||
	    (ln == 13 && !strncasecmp(local, "attributeName", 13)))
		return false;
	return !risky(norm->data, ln == 5 && !strncasecmp(local, "style", 5));
}

/* The root's width="100%" made the viewBox's width and height, so the SVG
 * has a size of its own when shown as an <img>. */
static bool root_size(const struct attr *at, size_t na, double *w, double *h)
{
	for (size_t i = 0; i < na; i++)
		if (at[i].nn == 7 && !memcmp(at[i].name, "viewBox", 7)) {
			char tmp[128];
			size_t l = at[i].vn < sizeof tmp - 1 ? at[i].vn : sizeof tmp - 1;
			memcpy(tmp, at[i].val, l);
			tmp[l] = 0;
			char *e;
			(void)strtod(tmp, &e);
			(void)strtod(e, &e);
			*w = strtod(e, &e);
			*h = strtod(e, &e);
			return *w > 0 && *h > 0 && *w < 1e6 && *h < 1e6;
		}
	return false;
}

struct frame {
	const char *name;
	size_t n;
	enum what what;
};

int ag_site_svg_clean(const char *s, size_t n, struct ag_buf *out)
{
	struct frame stack[MAX_DEPTH];
	size_t depth = 0, dropping = 0; /* dropping: depth of the dropped element + 1 */
	struct ag_buf norm = AG_BUF_INIT, style = AG_BUF_INIT;
	struct attr at[64];
	bool in_style = false, root_seen = false;
	size_t start = out->len;
	int rc = 0;
	size_t i = 0;
	while (i < n && !rc) {
		if (s[i] != '<') {
			size_t j = i;
			while (j < n && s[j] != '<')
				j++;
			if (!root_seen || depth == 0) {
				for (size_t k = i; k < j; k++)
					if (!space(s[k]))
						rc = AG_EINVAL; /* text outside the root */
			} else if (!dropping) {
				put_text(in_style ? &style : out, s + i, j - i);
			}
			i = j;
			continue;
		}
		if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			const char *e = find(s + i + 4, n - i - 4, "-->", 3);
			if (!e) {
				rc = AG_EINVAL;
				break;
			}
			i = (size_t)(e - s) + 3;
			continue;
		}
		if (n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
			const char *e = find(s + i + 9, n - i - 9, "]]>", 3);
			if (!e || depth == 0) {
				rc = AG_EINVAL;
				break;
			}
			if (!dropping) { /* written as text, & < > " escaped as put_text() would */
				struct ag_buf *o = in_style ? &style : out;
				for (const char *c = s + i + 9; c < e; c++)
					if (*c == '&')
						ag_buf_adds(o, "&amp;");
					else if (*c == '<')
						ag_buf_adds(o, "&lt;");
					else if (*c == '>')
						ag_buf_adds(o, "&gt;");
					else if (*c == '"')
						ag_buf_adds(o, "&quot;");
					else
						ag_buf_addc(o, *c);
			}
			i = (size_t)(e - s) + 3;
			continue;
		}
		if (n - i >= 2 && s[i + 1] == '!') { /* DOCTYPE, entity declarations */
			rc = AG_EINVAL;
			break;
		}
		if (n - i >= 2 && s[i + 1] == '?') {
			const char *e = find(s + i + 2, n - i - 2, "?>", 2);
			if (!e) {
				rc = AG_EINVAL;
				break;
			}
			i = (size_t)(e - s) + 2;
			continue;
		}
		bool end = i + 1 < n && s[i + 1] == '/';
		size_t p = i + 1 + end, nb = p;
		while (p < n && name_char(s[p], p == nb))
			p++;
		if (p == nb) {
			rc = AG_EINVAL;
			break;
		}
		const char *name = s + nb;
		size_t nl = p - nb;
		if (end) {
			while (p < n && space(s[p]))
				p++;
			if (p >= n || s[p] != '>' || !depth || stack[depth - 1].n != nl ||
			    memcmp(stack[depth - 1].name, name, nl)) {
				rc = AG_EINVAL;
				break;
			}
			depth--;
			if (dropping && dropping == depth + 1) {
				dropping = 0;
			} else if (!dropping) {
				if (stack[depth].what == UNWRAP)
					name = "g", nl = 1;
				if (in_style) {
					normalise(&norm, style.data, style.len);
					if (!risky(norm.data ? norm.data : "", true))
						ag_buf_add(out, style.data, style.len);
					in_style = false;
					ag_buf_reset(&style);
				}
				ag_buf_adds(out, "</");
				ag_buf_add(out, name, nl);
				ag_buf_addc(out, '>');
			}
			i = p + 1;
			continue;
		}
		/* a start tag: its attributes */
		size_t na = 0;
		bool self = false;
		for (;;) {
			size_t sp = p;
			while (p < n && space(s[p]))
				p++;
			if (p >= n) {
				rc = AG_EINVAL;
				break;
			}
			if (s[p] == '>') {
				p++;
				break;
			}
			if (s[p] == '/' && p + 1 < n && s[p + 1] == '>') {
				self = true;
				p += 2;
				break;
			}
			size_t a0 = p;
			while (p < n && name_char(s[p], p == a0))
				p++;
			if (p == a0 || a0 == sp) { /* no name, or no space before it */
				rc = AG_EINVAL;
				break;
			}
			size_t a1 = p;
			while (p < n && space(s[p]))
				p++;
			if (p >= n || s[p] != '=') {
				rc = AG_EINVAL;
				break;
			}
			p++;
			while (p < n && space(s[p]))
				p++;
			if (p >= n || (s[p] != '"' && s[p] != '\'')) {
				rc = AG_EINVAL;
				break;
			}
			char q = s[p++];
			size_t v0 = p;
			while (p < n && s[p] != q && s[p] != '<')
				p++;
			if (p >= n || s[p] != q) {
				rc = AG_EINVAL;
				break;
			}
			if (na < sizeof at / sizeof at[0])
				at[na++] = (struct attr){s + a0, s + v0, a1 - a0, p - v0};
			else {
				rc = AG_EINVAL;
				break;
			}
			p++;
		}
		if (rc)
			break;
		i = p;
		if (!root_seen) {
			if (nl != 3 || memcmp(name, "svg", 3)) {
				rc = AG_EINVAL;
				break;
			}
			root_seen = true;
		} else if (depth == 0) {
			rc = AG_EINVAL; /* a second root */
			break;
		}
		enum what w = elem_policy(name, nl);
		if (!self) {
			if (depth == MAX_DEPTH) {
				rc = AG_EINVAL;
				break;
			}
			stack[depth++] = (struct frame){name, nl, w};
		}
		if (dropping)
			continue; /* inside a dropped element */
		if (in_style) { /* markup inside <style>: dropped */
			if (!self)
				dropping = depth;
			continue;
		}
		if (w == DROP) {
			if (!self)
				dropping = depth;
			continue;
		}
		if (w == UNWRAP) { /* <a> written as a <g>: its position and class stay */
			name = "g";
			nl = 1;
		}
		ag_buf_addc(out, '<');
		ag_buf_add(out, name, nl);
		double vw = 0, vh = 0;
		bool sized = depth == 1 && !self && root_size(at, na, &vw, &vh);
		for (size_t k = 0; k < na; k++) {
			if (sized && ((at[k].nn == 5 && !memcmp(at[k].name, "width", 5)) ||
				      (at[k].nn == 6 && !memcmp(at[k].name, "height", 6))))
				continue;
			if (!attr_ok(&at[k], &norm))
				continue;
			ag_buf_addc(out, ' ');
			ag_buf_add(out, at[k].name, at[k].nn);
			ag_buf_adds(out, "=\"");
			put_text(out, at[k].val, at[k].vn);
			ag_buf_addc(out, '"');
		}
		if (sized)
			ag_buf_printf(out, " width=\"%.0f\" height=\"%.0f\"", vw + 0.5, vh + 0.5);
		ag_buf_adds(out, self ? "/>" : ">");
		if (!self && nl == 5 && !memcmp(name, "style", 5))
			in_style = true;
	}
	if (!rc && (depth || !root_seen))
		rc = AG_EINVAL;
	if (!rc)
		rc = ag_buf_err(out);
	ag_buf_release(&norm);
	ag_buf_release(&style);
	if (rc && !ag_buf_err(out)) {
		out->len = start;
		if (out->alloc)
			out->data[start] = 0;
	}
	return rc;
}
