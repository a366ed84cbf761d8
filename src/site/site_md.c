/*
 * site_md.c - Markdown to HTML for the site, on md4c's parser.
 *
 * md4c parses (CommonMark with GitHub's tables, strikethrough, task lists
 * and autolinks) and calls back for every block, span and run of text;
 * this file writes the HTML itself instead of using md4c-html so that it
 * decides every attribute: MD_FLAG_NOHTML makes raw HTML plain text (it
 * arrives as MD_TEXT_NORMAL and is escaped), every URL is decoded and
 * passed through ag_url_allowed() (a refused link keeps its text, a
 * refused image becomes its alt text), and relative links to other
 * records are rewritten to their pages. Text is escaped with
 * ag_buf_xml_str(), which also replaces broken UTF-8 (arch/decisions/0037).
 */
#include <md4c.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include "site.h"

struct md {
	struct ag_buf *html, *plain;
	const struct ag_site_md_opts *o;
	int rc;
	int img;          /* inside an image: 1 text goes to alt="", -1 refused (text) */
	int img_depth;    /* images nested in its alt text */
	int link_open[32]; /* per nesting of MD_SPAN_A: whether <a> was written */
	int nlink;
	bool skip;        /* inside the skipped first h1 */
	bool seen_h1;
	bool code_block;
	bool mermaid;     /* inside a ```mermaid block that o->mermaid may replace */
	size_t mm_start;  /* where its <pre> starts in html */
	size_t mm_off;    /* offset of its first text in src (SIZE_MAX: none yet) */
	size_t last_off;  /* offset of the last text seen */
	struct ag_buf mm; /* its text */
	int table_head;
	const char *src, *src_end; /* the padded copy md4c parses */
};

static void add(struct md *s, const char *z)
{
	if (!s->rc)
		s->rc = ag_buf_adds(s->html, z);
}

static void esc(struct md *s, const char *t, size_t n)
{
	if (!s->rc)
		s->rc = ag_buf_xml_str(s->html, t, n);
}

static void plain(struct md *s, const char *t, size_t n)
{
	if (s->plain && !s->rc)
		s->rc = ag_buf_add(s->plain, t, n);
}

/* Append a UTF-8 encoding of code point `c` (U+FFFD for what is no
 * character). */
static int add_cp(struct ag_buf *b, unsigned long c)
{
	char u[4];
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80)
		return ag_buf_addc(b, (char)c);
	if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		return ag_buf_add(b, u, 2);
	}
	if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		return ag_buf_add(b, u, 3);
	}
	u[0] = (char)(0xF0 | (c >> 18));
	u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	u[3] = (char)(0x80 | (c & 0x3F));
	return ag_buf_add(b, u, 4);
}

/* An entity md4c recognised ("&amp;", "&#106;", "&#x6A;") decoded; the
 * named ones besides the five XML ones are kept as written (they are text
 * either way, and a URL does not need them). */
static int decode_entity(struct ag_buf *b, const char *e, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
		     {"&apos;", '\''}, {"&colon;", ':'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}};
	if (n > 3 && e[1] == '#') {
		unsigned long c = 0;
		bool hex = e[2] == 'x' || e[2] == 'X';
		for (size_t i = hex ? 3 : 2; i + 1 < n && c <= 0x10FFFF; i++) {
			char d = e[i];
			int v = d >= '0' && d <= '9' ? d - '0'
				: hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
				: hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
			if (v < 0)
				break;
			c = c * (hex ? 16 : 10) + (unsigned long)v;
		}
		return add_cp(b, c);
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n && !memcmp(named[i].name, e, n))
			return ag_buf_addc(b, named[i].c);
	return ag_buf_add(b, e, n);
}

/* An attribute's substrings joined, entities decoded, NUL chars replaced. */
static int attr_text(const MD_ATTRIBUTE *a, struct ag_buf *out)
{
	int rc = 0;
	for (int i = 0; !rc && a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
		MD_OFFSET o = a->substr_offsets[i], e = a->substr_offsets[i + 1];
		const char *t = a->text + o;
		size_t n = e - o;
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			rc = decode_entity(out, t, n);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			rc = add_cp(out, 0xFFFD);
		else
			rc = ag_buf_add(out, t, n);
	}
	return rc;
}

/* href="..." for a URL, or nothing when the allowlist refuses it; returns
 * whether it wrote one. */
static bool write_url(struct md *s, const char *attr, const MD_ATTRIBUTE *a)
{
	struct ag_buf u = AG_BUF_INIT, r = AG_BUF_INIT;
	bool ok = false;
	if (!s->rc)
		s->rc = attr_text(a, &u);
	if (!s->rc && u.len && ag_url_allowed(u.data, u.len)) {
		const char *href = u.data;
		size_t n = u.len;
		if (s->o && s->o->resolve && s->o->resolve(s->o->ctx, u.data, u.len, &r)) {
			href = r.data;
			n = r.len;
		}
		add(s, " ");
		add(s, attr);
		add(s, "=\"");
		esc(s, href, n);
		add(s, "\"");
		ok = !s->rc;
	}
	ag_buf_release(&u);
	ag_buf_release(&r);
	return ok;
}

static void close_spans(struct md *s);

static int enter_block(MD_BLOCKTYPE t, void *detail, void *ctx)
{
	struct md *s = ctx;
	char tag[16];
	close_spans(s);
	switch (t) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: add(s, "<blockquote>\n"); break;
	case MD_BLOCK_UL: add(s, "<ul>\n"); break;
	case MD_BLOCK_OL: {
		const MD_BLOCK_OL_DETAIL *d = detail;
		if (d->start == 1) {
			add(s, "<ol>\n");
		} else if (!s->rc) {
			s->rc = ag_buf_printf(s->html, "<ol start=\"%u\">\n", d->start);
		}
		break;
	}
	case MD_BLOCK_LI: {
		const MD_BLOCK_LI_DETAIL *d = detail;
		add(s, "<li>");
		if (d->is_task)
			add(s, d->task_mark == ' ' ? "<input type=\"checkbox\" disabled> "
				: "<input type=\"checkbox\" checked disabled> ");
		break;
	}
	case MD_BLOCK_HR: add(s, "<hr>\n"); break;
	case MD_BLOCK_H: {
		const MD_BLOCK_H_DETAIL *d = detail;
		if (d->level == 1 && s->o && s->o->skip_first_h1 && !s->seen_h1) {
			s->seen_h1 = s->skip = true;
			break;
		}
		unsigned lv = d->level + (unsigned)(s->o ? s->o->heading_shift : 0);
		if (lv > 6)
			lv = 6;
		ag_snprintf(tag, sizeof tag, "<h%u>", lv);
		add(s, tag);
		break;
	}
	case MD_BLOCK_CODE: {
		const MD_BLOCK_CODE_DETAIL *d = detail;
		struct ag_buf lang = AG_BUF_INIT;
		size_t before = s->html->len;
		if (!s->rc)
			s->rc = attr_text(&d->lang, &lang);
		add(s, "<pre><code");
		if (lang.len) {
			/* a language is a class name: letters, digits, - _ + only */
			bool clean = true;
			for (size_t i = 0; i < lang.len; i++) {
				char c = lang.data[i];
				clean = clean && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
						  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+');
			}
			if (clean) {
				add(s, " class=\"language-");
				esc(s, lang.data, lang.len);
				add(s, "\"");
			}
		}
		if (s->o && s->o->mermaid && lang.len == 7 && !strncasecmp(lang.data, "mermaid", 7)) {
			s->mermaid = true;
			s->mm_start = before;
			s->mm_off = SIZE_MAX;
			ag_buf_reset(&s->mm);
			if (!s->rc)
				s->rc = ag_buf_add(&s->mm, "", 0);
		}
		ag_buf_release(&lang);
		add(s, ">");
		s->code_block = true;
		break;
	}
	case MD_BLOCK_HTML: break; /* never with MD_FLAG_NOHTML */
	case MD_BLOCK_P: add(s, "<p>"); break;
	case MD_BLOCK_TABLE: add(s, "<table>\n"); break;
	case MD_BLOCK_THEAD: add(s, "<thead>\n"); s->table_head = 1; break;
	case MD_BLOCK_TBODY: add(s, "<tbody>\n"); s->table_head = 0; break;
	case MD_BLOCK_TR: add(s, "<tr>"); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		const MD_BLOCK_TD_DETAIL *d = detail;
		const char *cell = t == MD_BLOCK_TH ? "th" : "td";
		const char *al = d->align == MD_ALIGN_LEFT ? " class=\"left\""
			: d->align == MD_ALIGN_CENTER ? " class=\"center\""
			: d->align == MD_ALIGN_RIGHT ? " class=\"right\"" : "";
		if (!s->rc)
			s->rc = ag_buf_printf(s->html, "<%s%s>", cell, al);
		break;
	}
	}
	return s->rc;
}

/* Close what an unbalanced span left open. md4c can report two image
 * enters and one leave ("![![b](c![b](c.png)*e*](d.png)g)", found by
 * fuzz_site_md): an alt attribute left open would let the next quote in
 * the page end it and the text after it read as attributes. So every
 * block ends with its spans closed, whatever the events said. */
static void close_spans(struct md *s)
{
	if (s->img == 1)
		add(s, "\">");
	s->img = 0;
	s->img_depth = 0;
	while (s->nlink > 0) {
		s->nlink--;
		if (s->nlink >= 32 || s->link_open[s->nlink])
			add(s, "</a>");
	}
}

static int leave_block(MD_BLOCKTYPE t, void *detail, void *ctx)
{
	struct md *s = ctx;
	char tag[16];
	close_spans(s);
	switch (t) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: add(s, "</blockquote>\n"); break;
	case MD_BLOCK_UL: add(s, "</ul>\n"); break;
	case MD_BLOCK_OL: add(s, "</ol>\n"); break;
	case MD_BLOCK_LI: add(s, "</li>\n"); break;
	case MD_BLOCK_HR: break;
	case MD_BLOCK_H: {
		const MD_BLOCK_H_DETAIL *d = detail;
		if (s->skip) {
			s->skip = false;
			break;
		}
		unsigned lv = d->level + (unsigned)(s->o ? s->o->heading_shift : 0);
		if (lv > 6)
			lv = 6;
		ag_snprintf(tag, sizeof tag, "</h%u>\n", lv);
		add(s, tag);
		break;
	}
	case MD_BLOCK_CODE:
		add(s, "</code></pre>\n");
		s->code_block = false;
		if (s->mermaid && !s->rc) {
			struct ag_buf fig = AG_BUF_INIT;
			size_t off = s->mm_off != SIZE_MAX ? s->mm_off : s->last_off;
			if (s->o->mermaid(s->o->ctx, s->mm.data, s->mm.len, off, &fig)) {
				s->rc = ag_buf_err(&fig);
				if (!s->rc) {
					s->html->len = s->mm_start;
					s->html->data[s->mm_start] = 0;
					add(s, fig.data);
				}
			}
			ag_buf_release(&fig);
		}
		s->mermaid = false;
		break;
	case MD_BLOCK_HTML: break;
	case MD_BLOCK_P: add(s, "</p>\n"); break;
	case MD_BLOCK_TABLE: add(s, "</table>\n"); break;
	case MD_BLOCK_THEAD: add(s, "</thead>\n"); break;
	case MD_BLOCK_TBODY: add(s, "</tbody>\n"); break;
	case MD_BLOCK_TR: add(s, "</tr>\n"); break;
	case MD_BLOCK_TH: add(s, "</th>"); break;
	case MD_BLOCK_TD: add(s, "</td>"); break;
	}
	plain(s, "\n", 1);
	return s->rc;
}

static int enter_span(MD_SPANTYPE t, void *detail, void *ctx)
{
	struct md *s = ctx;
	if (s->skip)
		return 0;
	if (s->img) { /* inside alt text: no markup */
		if (t == MD_SPAN_IMG)
			s->img_depth++;
		return 0;
	}
	switch (t) {
	case MD_SPAN_EM: add(s, "<em>"); break;
	case MD_SPAN_STRONG: add(s, "<strong>"); break;
	case MD_SPAN_U: add(s, "<u>"); break;
	case MD_SPAN_CODE: add(s, "<code>"); break;
	case MD_SPAN_DEL: add(s, "<del>"); break;
	case MD_SPAN_A: {
		const MD_SPAN_A_DETAIL *d = detail;
		/* write <a> only when the URL is allowed; the text stays either way */
		size_t before = s->html->len;
		add(s, "<a");
		bool ok = write_url(s, "href", &d->href);
		if (ok) {
			struct ag_buf title = AG_BUF_INIT;
			if (!s->rc)
				s->rc = attr_text(&d->title, &title);
			if (title.len) {
				add(s, " title=\"");
				esc(s, title.data, title.len);
				add(s, "\"");
			}
			ag_buf_release(&title);
			add(s, ">");
		} else if (!s->rc) {
			s->html->len = before;
			s->html->data[before] = 0;
		}
		if (s->nlink < 32)
			s->link_open[s->nlink] = ok;
		s->nlink++;
		break;
	}
	case MD_SPAN_IMG: {
		const MD_SPAN_IMG_DETAIL *d = detail;
		size_t before = s->html->len;
		add(s, "<img");
		if (write_url(s, "src", &d->src)) {
			add(s, " alt=\"");
			s->img = 1;
		} else if (!s->rc) {
			/* a refused image: its alt text is shown as text */
			s->html->len = before;
			s->html->data[before] = 0;
			s->img = -1;
		}
		break;
	}
	case MD_SPAN_LATEXMATH:
	case MD_SPAN_LATEXMATH_DISPLAY: add(s, "<code class=\"math\">"); break;
	case MD_SPAN_WIKILINK: break; /* not enabled */
	}
	return s->rc;
}

static int leave_span(MD_SPANTYPE t, void *detail, void *ctx)
{
	struct md *s = ctx;
	(void)detail;
	if (s->skip)
		return 0;
	if (s->img) {
		if (t != MD_SPAN_IMG)
			return 0;
		if (s->img_depth) {
			s->img_depth--;
			return 0;
		}
		if (s->img == 1)
			add(s, "\">");
		s->img = 0;
		return s->rc;
	}
	switch (t) {
	case MD_SPAN_EM: add(s, "</em>"); break;
	case MD_SPAN_STRONG: add(s, "</strong>"); break;
	case MD_SPAN_U: add(s, "</u>"); break;
	case MD_SPAN_CODE: add(s, "</code>"); break;
	case MD_SPAN_DEL: add(s, "</del>"); break;
	case MD_SPAN_A:
		if (s->nlink > 0) {
			s->nlink--;
			if (s->nlink >= 32 || s->link_open[s->nlink])
				add(s, "</a>");
		}
		break;
	case MD_SPAN_IMG: break;
	case MD_SPAN_LATEXMATH:
	case MD_SPAN_LATEXMATH_DISPLAY: add(s, "</code>"); break;
	case MD_SPAN_WIKILINK: break;
	}
	return s->rc;
}

static int text(MD_TEXTTYPE t, const MD_CHAR *z, MD_SIZE n, void *ctx)
{
	struct md *s = ctx;
	/* md4c 0.4.8 can report a run one byte past the document's end
	 * (fuzz_site_md); the copy is padded, and the run cut to the text */
	if (z >= s->src && z <= s->src_end && (size_t)(s->src_end - z) < n)
		n = (MD_SIZE)(s->src_end - z);
	if (z >= s->src && z <= s->src_end)
		s->last_off = (size_t)(z - s->src);
	if (s->mermaid && !s->rc) {
		if (s->mm_off == SIZE_MAX && z >= s->src && z <= s->src_end)
			s->mm_off = (size_t)(z - s->src);
		s->rc = t == MD_TEXT_NULLCHAR ? ag_buf_adds(&s->mm, "\xEF\xBF\xBD")
					      : ag_buf_add(&s->mm, z, n);
	}
	if (s->skip) { /* the title: only to the plain text */
		plain(s, z, n);
		return s->rc;
	}
	switch (t) {
	case MD_TEXT_NULLCHAR: add(s, "\xEF\xBF\xBD"); break;
	case MD_TEXT_BR: add(s, s->img ? " " : "<br>\n"); break;
	case MD_TEXT_SOFTBR: add(s, s->img ? " " : "\n"); plain(s, " ", 1); break;
	case MD_TEXT_ENTITY: {
		/* decoded, then escaped again: one escaping rule for all text */
		struct ag_buf d = AG_BUF_INIT;
		if (!s->rc)
			s->rc = decode_entity(&d, z, n);
		esc(s, d.data ? d.data : "", d.len);
		plain(s, d.data ? d.data : "", d.len);
		ag_buf_release(&d);
		break;
	}
	default: /* NORMAL, CODE, HTML (raw HTML is off: never), LATEXMATH */
		esc(s, z, n);
		plain(s, z, n);
		break;
	}
	return s->rc;
}

int ag_site_md(struct ag_buf *html, struct ag_buf *plain_out, const char *src, size_t len,
	       const struct ag_site_md_opts *o)
{
	struct md s = {.html = html, .plain = plain_out, .o = o};
	MD_PARSER p = {
		.abi_version = 0,
		.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};
	/* md4c needs a buffer to exist even when empty */
	if (ag_buf_add(html, "", 0))
		return AG_ENOMEM;
	if (len > ((size_t)1 << 30))
		return AG_ELIMIT;
	/* a copy with zero bytes after it: md4c 0.4.8 reads past the end of
	 * some inputs (fuzz_site_md found one), and reads them there */
	enum { PAD = 64 };
	char *copy = calloc(1, len + PAD);
	if (!copy)
		return AG_ENOMEM;
	if (len)
		memcpy(copy, src, len);
	s.src = copy;
	s.src_end = copy + len;
	s.mm = (struct ag_buf)AG_BUF_INIT;
	int r = md_parse(copy, (MD_SIZE)len, &p, &s);
	free(copy);
	ag_buf_release(&s.mm);
	if (s.rc)
		return s.rc;
	return r ? AG_ENOMEM : 0;
}
