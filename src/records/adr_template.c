/*
 * adr_template.c - new records in the folder's own template and style; see
 * adr_template.h.
 *
 * The template is read as md.c's line table, so front matter, headings,
 * fences and comments are told apart the way records are; each line is
 * copied with its own line end, and only the parts named in the header are
 * rewritten. Values go in through ag_md_put_value (front matter: YAML
 * scalars) and are never scanned again, so a title that says "DATE" stays.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "adr_template.h"
#include "adr_edit.h"
#include "base/fsutil.h"


const char *const ag_adr_template_names[] = {
	"templates/template.md", /* adr-tools */
	"adr-template.md",       /* MADR 3 and 4 */
	"template.md",           /* MADR 2, log4brains */
	NULL,
};

int ag_adr_template_find(const char *dir, const char *given, const char *env, char **path)
{
	*path = NULL;
	if (given || (env && *env))
		return (*path = strdup(given ? given : env)) ? 0 : AG_ENOMEM;
	for (size_t i = 0; dir && ag_adr_template_names[i]; i++) {
		char *p = ag_path_join(dir, ag_adr_template_names[i]);
		struct stat st;
		if (!p)
			return AG_ENOMEM;
		if (!stat(p, &st) && S_ISREG(st.st_mode)) {
			*path = p;
			return 0;
		}
		free(p);
	}
	return 0;
}

/* A front-matter line "key: value" at column 0: the key's length and
 * where the value starts (0 when it is no such line). */
static size_t fm_key(const char *s, size_t n, size_t *val)
{
	size_t k = 0;
	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
		k++;
	if (!k || k >= n || s[k] != ':' || !isalpha((unsigned char)s[0]))
		return 0;
	size_t v = k + 1;
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	*val = v;
	return k;
}

static bool key_is(const char *s, size_t k, const char *name)
{
	return strlen(name) == k && !strncasecmp(s, name, k);
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* s[0..n) with adr-tools' NUMBER, TITLE, DATE and STATUS replaced where
 * they are whole words; `status` is the word STATUS becomes. */
static int put_tokens(struct ag_buf *b, const char *s, size_t n, const struct ag_adr_fill *f,
		      const char *status)
{
	size_t i = 0, from = 0;
	while (i < n) {
		if (!isupper((unsigned char)s[i]) || (i && word_char(s[i - 1]))) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && word_char(s[j]))
			j++;
		const char *w = s + i;
		size_t wl = j - i;
		char num[16];
		const char *rep = NULL;
		if (wl == 6 && !memcmp(w, "NUMBER", 6) && f->number >= 0) {
			snprintf(num, sizeof(num), "%d", f->number);
			rep = num;
		} else if (wl == 5 && !memcmp(w, "TITLE", 5)) {
			rep = f->title;
		} else if (wl == 4 && !memcmp(w, "DATE", 4)) {
			rep = f->date;
		} else if (wl == 6 && !memcmp(w, "STATUS", 6)) {
			rep = status;
		}
		if (rep) {
			AG_TRY(ag_buf_add(b, s + from, i - from));
			AG_TRY(ag_buf_adds(b, rep));
			from = j;
		}
		i = j;
	}
	return ag_buf_add(b, s + from, n - from);
}

static bool has_token(const char *s, size_t n, const char *tok)
{
	size_t tl = strlen(tok);
	for (size_t i = 0; i + tl <= n; i++)
		if (!memcmp(s + i, tok, tl) && (!i || !word_char(s[i - 1])) &&
		    (i + tl == n || !word_char(s[i + tl])))
			return true;
	return false;
}

/* "Proposed", or "proposed" when the template writes its statuses in
 * lowercase ("[proposed | accepted | ...]", MADR's and log4brains' way). */
static const char *status_word(const char *placeholder, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalpha((unsigned char)placeholder[i]))
			return islower((unsigned char)placeholder[i]) ? "proposed" : "Proposed";
	return "Proposed";
}

/* The heading "# " + title, numbered the way the template's heading is:
 * "ADR-###:" / "ADR-NNNN:" (that many digits), "N." / "###." (a number). */
static int put_heading(struct ag_buf *b, struct ag_span t, const struct ag_adr_fill *f)
{
	AG_TRY(ag_buf_adds(b, "# "));
	size_t k = 0;
	bool adr = t.len > 4 && !strncasecmp(t.s, "ADR", 3) && (t.s[3] == '-' || t.s[3] == '_');
	if (adr)
		k = 4;
	size_t run = k;
	while (run < t.len && strchr("#N0123456789X", t.s[run]))
		run++;
	size_t width = run - k;
	if (f->number >= 0 && width && adr && run < t.len && (t.s[run] == ':' || t.s[run] == ' '))
		AG_TRY(ag_buf_printf(b, "%.*s%0*d: ", (int)k, t.s, (int)width, f->number));
	else if (f->number >= 0 && width && !adr && run < t.len && (t.s[run] == '.' || t.s[run] == ')'))
		AG_TRY(ag_buf_printf(b, "%d%c ", f->number, t.s[run]));
	return ag_buf_adds(b, f->title);
}

/* A metadata line's value replaced by `v`; the rest of the line (a
 * trailing "<!-- optional -->", which ag_md_meta leaves out) stays. */
static int put_meta(struct ag_buf *b, const char *line, size_t n, struct ag_span val,
		    const char *v)
{
	size_t start = (size_t)(val.s - line), end = start + val.len;
	AG_TRY(ag_buf_add(b, line, start));
	AG_TRY(ag_md_put_value(b, AG_MD_TEXT, v));
	return ag_buf_add(b, line + end, n - end);
}

static const char *const meta_deciders[] = {"Deciders", "Decision-makers", "Decision makers",
					    NULL};

/* The carried lines whose keys the front matter lines [1, end) lack. */
static int put_carry(struct ag_buf *b, const struct ag_md *d, size_t end, const char *carry)
{
	for (const char *p = carry; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), v;
		size_t k = fm_key(p, n, &v);
		bool have = false;
		for (size_t i = 1; k && i < end && !have; i++) {
			const struct ag_md_line *l = &d->lines[i];
			size_t lv, lk = fm_key(d->text + l->off, l->len, &lv);
			have = lk == k && !strncasecmp(d->text + l->off, p, k);
		}
		if (k && !have) {
			AG_TRY(ag_buf_add(b, p, n));
			AG_TRY(ag_buf_adds(b, d->crlf ? "\r\n" : "\n"));
		}
		p += n + (nl != NULL);
	}
	return 0;
}

static int fill_lines(struct ag_arena *a, const char *tpl, size_t len, const struct ag_adr_fill *f,
		      struct ag_buf *out, size_t *title_at, bool *titled_out)
{
	char *text = ag_arena_strndup(a, tpl, len);
	if (!text)
		return AG_ENOMEM;
	struct ag_md d;
	AG_TRY(ag_md_parse(a, text, len, &d));
	/* whether the template says a status anywhere (a MADR template
	 * without one gets status: in its front matter) */
	struct ag_adr parsed;
	AG_TRY(ag_adr_parse(a, f->file ? f->file : "template", text, len, &parsed));
	bool status = parsed.status_line >= 0 || parsed.status_text;
	bool titled = false, fm_titled = false, in_status = false;
	*title_at = 0; /* where a missing title heading goes */
	const char *nl = d.crlf ? "\r\n" : "\n";
	for (size_t i = 0; i < d.n; i++) {
		const struct ag_md_line *l = &d.lines[i];
		const char *s = text + l->off;
		size_t n = l->len;
		size_t next = i + 1 < d.n ? d.lines[i + 1].off : len;
		struct ag_span eol = {s + n, next - l->off - n};
		struct ag_span val;
		if (i < d.front_end) {
			size_t v, k = i && i + 1 < d.front_end ? fm_key(s, n, &v) : 0;
			if (i && i + 1 == d.front_end) {
				if (!status && (status = true))
					AG_TRY(ag_buf_printf(out, "status: proposed%s", nl));
				AG_TRY(put_carry(out, &d, i, f->carry));
			}
			if (k && (key_is(s, k, "status") || key_is(s, k, "date") ||
				  key_is(s, k, "title") ||
				  (f->deciders && (key_is(s, k, "deciders") ||
						   key_is(s, k, "decision-makers"))))) {
				AG_TRY(ag_buf_add(out, s, v));
				const char *value = key_is(s, k, "status") ? "proposed"
						    : key_is(s, k, "date") ? f->date
						    : key_is(s, k, "title") ? f->title : f->deciders;
				AG_TRY(ag_md_put_value(out, AG_MD_FRONT, value));
				fm_titled = fm_titled || key_is(s, k, "title");
			} else if (k) {
				/* other keys: only adr-tools' placeholders that need no quoting */
				struct ag_adr_fill g = *f;
				g.title = "TITLE";
				AG_TRY(put_tokens(out, s, n, &g, "proposed"));
			} else {
				AG_TRY(ag_buf_add(out, s, n));
			}
			AG_TRY(ag_buf_add(out, eol.s, eol.len));
			*title_at = out->len;
			continue;
		}
		if (l->kind == AG_MD_HEADING) {
			in_status = ag_adr_section_is(NULL, AG_ADRS_STATUS, l->text, false) &&
				    l->level > 1;
			if (l->level == 1 && !titled) {
				titled = true;
				if (has_token(s, n, "TITLE"))
					AG_TRY(put_tokens(out, s, n, f, "Proposed"));
				else
					AG_TRY(put_heading(out, l->text, f));
				AG_TRY(ag_buf_add(out, eol.s, eol.len));
				continue;
			}
		} else if (in_status && l->kind == AG_MD_TEXT) {
			/* the Status section's first line is the status (adr-tools) */
			in_status = false;
			AG_TRY(ag_buf_adds(out, has_token(s, n, "STATUS") ? "Proposed"
						: status_word(l->text.s, l->text.len)));
			AG_TRY(ag_buf_add(out, eol.s, eol.len));
			continue;
		} else if (l->kind == AG_MD_TEXT) {
			const char *v = NULL;
			if (ag_md_meta(&d, i, "Status", &val)) {
				v = has_token(val.s, val.len, "STATUS") ? "Proposed"
								       : status_word(val.s, val.len);
			} else if (ag_md_meta(&d, i, "Date", &val)) {
				v = f->date;
			}
			for (size_t k = 0; !v && f->deciders && meta_deciders[k]; k++)
				if (ag_md_meta(&d, i, meta_deciders[k], &val))
					v = f->deciders;
			if (v) {
				AG_TRY(put_meta(out, s, n, val, v));
				AG_TRY(ag_buf_add(out, eol.s, eol.len));
				continue;
			}
		}
		if (l->kind == AG_MD_TEXT || l->kind == AG_MD_HEADING || l->kind == AG_MD_TABLE)
			AG_TRY(put_tokens(out, s, n, f, "Proposed"));
		else
			AG_TRY(ag_buf_add(out, s, n));
		AG_TRY(ag_buf_add(out, eol.s, eol.len));
	}
	*titled_out = titled || fm_titled;
	return 0;
}

static int fill(struct ag_arena *a, const char *tpl, size_t len, const struct ag_adr_fill *f,
		struct ag_buf *out)
{
	struct ag_buf b = AG_BUF_INIT, h = AG_BUF_INIT;
	size_t at;
	bool titled;
	int rc = fill_lines(a, tpl, len, f, &b, &at, &titled);
	if (!rc && !titled) {
		/* a template without a title heading still gives a titled record */
		const char *nl = memchr(tpl, '\r', len) ? "\r\n" : "\n";
		bool blank = at < b.len && (b.data[at] == '\n' || b.data[at] == '\r');
		/* after the front matter's blank line when it has one */
		rc = blank ? ag_buf_printf(&h, "%s# %s%s", nl, f->title, nl)
			   : ag_buf_printf(&h, "# %s%s%s", f->title, nl, at < b.len ? nl : "");
	}
	struct ag_buf c = AG_BUF_INIT;
	if (!rc)
		rc = ag_buf_add(&c, b.data, at);
	if (!rc)
		rc = ag_buf_add(&c, h.data, h.len);
	if (!rc)
		rc = ag_buf_add(&c, b.data + at, b.len - at);
	/* a template without front matter, in a folder whose records have it */
	if (!rc)
		rc = at ? ag_buf_add(out, c.data, c.len) : ag_adr_front_add(c.data, c.len, f->carry, out);
	ag_buf_release(&b);
	ag_buf_release(&h);
	ag_buf_release(&c);
	return rc;
}

int ag_adr_template_fill(const char *tpl, size_t len, const struct ag_adr_fill *f,
			 struct ag_buf *out, struct ag_diags *diags)
{
	const char *file = f->file ? f->file : "template";
	if (ag_adr_title_problem(f->title) || (f->deciders && ag_text_problem(f->deciders)))
		return AG_EINVAL;
	if (len > AG_ADR_MAX_BYTES) {
		ag_diags_add(diags, AG_SEV_ERROR, file, 1, 1,
			     "the template is larger than %zu bytes", AG_ADR_MAX_BYTES);
		return AG_EPARSE;
	}
	const char *z = memchr(tpl, '\0', len);
	if (z) {
		int line = 1, col = 1;
		for (const char *p = tpl; p < z; p++, col++)
			if (*p == '\n') {
				line++;
				col = 0;
			}
		ag_diags_add(diags, AG_SEV_ERROR, file, line, col,
			     "the template holds a NUL byte; it is not a text file");
		return AG_EPARSE;
	}
	struct ag_arena a;
	ag_arena_init(&a, 0);
	size_t at = out->len;
	int rc = fill(&a, tpl, len, f, out);
	ag_arena_release(&a);
	if (rc)
		out->len = at;
	return rc;
}

/* ---- the front matter the folder's records carry ---- */

static const char *const own_keys[] = {
	"status", "date", "deciders", "decision-makers", "consulted", "informed", "title",
	"tags", "superseded-by", "supersedes", "number", "id", NULL,
};

static bool is_int(const char *s, size_t n)
{
	size_t k = n && s[0] == '-';
	if (k == n)
		return false;
	for (; k < n; k++)
		if (!isdigit((unsigned char)s[k]))
			return false;
	return n <= 9;
}

/* The value of `key` in record r's front matter, on one line; false when
 * it has none or it spans lines (a list, a block). */
static bool fm_value(const struct ag_adr *r, const char *key, size_t kl, struct ag_span *v)
{
	const struct ag_md *d = &r->md;
	for (size_t i = 1; i + 1 < d->front_end; i++) {
		const struct ag_md_line *l = &d->lines[i];
		const char *s = r->text + l->off;
		size_t vo, k = fm_key(s, l->len, &vo);
		if (k != kl || strncasecmp(s, key, kl))
			continue;
		const struct ag_md_line *nx = &d->lines[i + 1];
		if (i + 2 < d->front_end && nx->len && (r->text[nx->off] == ' ' ||
							r->text[nx->off] == '\t' ||
							r->text[nx->off] == '-'))
			return false;
		*v = ag_span_trim((struct ag_span){s + vo, l->len - vo});
		return v->len > 0;
	}
	return false;
}

int ag_adrs_front_carry(const struct ag_adrs *adrs, const char *title, struct ag_buf *out)
{
	const struct ag_adr *latest = NULL;
	for (size_t i = 0; i < adrs->n; i++) {
		const struct ag_adr *r = &adrs->v[i];
		if (r->package || r->md.front_end < 3)
			continue;
		if (!latest || r->number >= latest->number)
			latest = r;
	}
	if (!latest)
		return 0;
	const struct ag_md *d = &latest->md;
	for (size_t i = 1; i + 1 < d->front_end; i++) {
		const struct ag_md_line *l = &d->lines[i];
		const char *s = latest->text + l->off;
		size_t vo, k = fm_key(s, l->len, &vo);
		struct ag_span mine;
		if (!k || !fm_value(latest, s, k, &mine))
			continue;
		if (key_is(s, k, "title")) {
			AG_TRY(ag_buf_add(out, s, k));
			AG_TRY(ag_buf_adds(out, ": "));
			AG_TRY(ag_md_put_value(out, AG_MD_FRONT, title));
			AG_TRY(ag_buf_addc(out, '\n'));
			continue;
		}
		bool own = false;
		for (size_t o = 0; own_keys[o] && !own; o++)
			own = key_is(s, k, own_keys[o]);
		if (own)
			continue;
		/* every record that has the key: one value, or integers */
		bool same = true, ints = is_int(mine.s, mine.len);
		long max = ints ? strtol(mine.s, NULL, 10) : 0;
		size_t having = 0;
		for (size_t j = 0; j < adrs->n; j++) {
			const struct ag_adr *r = &adrs->v[j];
			struct ag_span v;
			if (r->package || !fm_value(r, s, k, &v))
				continue;
			having++;
			same = same && v.len == mine.len && !memcmp(v.s, mine.s, v.len);
			ints = ints && is_int(v.s, v.len);
			if (ints && strtol(v.s, NULL, 10) > max)
				max = strtol(v.s, NULL, 10);
		}
		if (ints && !(same && having > 1)) {
			AG_TRY(ag_buf_add(out, s, k));
			AG_TRY(ag_buf_printf(out, ": %ld\n", max + 1));
		} else if (same) {
			AG_TRY(ag_buf_add(out, s, (size_t)(mine.s - s) + mine.len));
			AG_TRY(ag_buf_addc(out, '\n'));
		}
	}
	return 0;
}

int ag_adr_front_add(const char *text, size_t len, const char *carry, struct ag_buf *out)
{
	if (!text)
		text = "", len = 0;
	if (!carry || !*carry)
		return ag_buf_add(out, text, len);
	struct ag_arena a;
	ag_arena_init(&a, 0);
	char *t = ag_arena_strndup(&a, text, len);
	struct ag_md d;
	int rc = t ? ag_md_parse(&a, t, len, &d) : AG_ENOMEM;
	if (!rc && d.front_end >= 2) {
		size_t close = d.lines[d.front_end - 1].off;
		rc = ag_buf_add(out, t, close);
		if (!rc)
			rc = put_carry(out, &d, d.front_end - 1, carry);
		if (!rc)
			rc = ag_buf_add(out, t + close, len - close);
	} else if (!rc) {
		const char *nl = d.crlf ? "\r\n" : "\n";
		rc = ag_buf_printf(out, "---%s", nl);
		if (!rc)
			rc = put_carry(out, &d, 0, carry);
		if (!rc)
			rc = ag_buf_printf(out, "---%s%s", nl, len && t[0] != '\n' && t[0] != '\r' ? nl : "");
		if (!rc)
			rc = ag_buf_add(out, t, len);
	}
	ag_arena_release(&a);
	return rc;
}
