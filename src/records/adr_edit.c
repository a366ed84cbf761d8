/*
 * adr_edit.c - creating and changing decision records; see adr_edit.h.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "adr_edit.h"
#include "adr_template.h"
#include "base/array.h"
#include "base/fsutil.h"


/* ASCII for U+00C0..U+00FF, so "Zürich café" slugs as "zurich-cafe". */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* ASCII for Latin Extended-A, U+0100..U+017F (Polish, Czech, Turkish,
 * Baltic, Hungarian, ...): "Łódź" slugs as "lodz", "Œuvre" as "oeuvre". */
static const char *const latin_ext_a[128] = {
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Decode one UTF-8 sequence at p (valid or not): the code point, or
 * 0xFFFD for a malformed byte; *len its length (at least 1). */
static uint32_t utf8_next(const unsigned char *p, size_t *len)
{
	unsigned char c = p[0];
	int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	*len = 1;
	if (n == 1)
		return c;
	if (!n)
		return 0xFFFD;
	uint32_t cp = c & (0x7F >> n);
	for (int k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	*len = (size_t)n;
	return cp;
}

/* What code point `cp` is in a slug: its ASCII transliteration in *ascii
 * (Latin letters), "" with *keep true (a letter of another script, kept
 * as it is), or neither (a separator: punctuation, symbols, spaces,
 * emoji, invisible and direction-changing characters). *drop: a
 * combining mark, which is neither a letter nor a separator. */
static void slug_class(uint32_t cp, const char **ascii, bool *keep, bool *drop)
{
	*ascii = NULL;
	*keep = *drop = false;
	if (cp >= 0xC0 && cp <= 0xFF)
		*ascii = latin1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		*ascii = latin_ext_a[cp - 0x100];
	else if (cp >= 0x1EA0 && cp <= 0x1EF9) /* Vietnamese vowels with two marks */
		*ascii = cp <= 0x1EB7 ? "a" : cp <= 0x1EC7 ? "e" : cp <= 0x1ECB ? "i"
		       : cp <= 0x1EE3 ? "o" : cp <= 0x1EF1 ? "u" : "y";
	else if (cp == 0x1E9E)
		*ascii = "ss";
	else if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0xFE00 && cp <= 0xFE0F))
		*drop = true; /* "e" + U+0301 is "é" decomposed */
	else if (cp >= 0x250 && cp != 0xFFFD && cp != 0xFEFF &&
		 !(cp >= 0x2000 && cp <= 0x2BFF) &&  /* punctuation, symbols, arrows */
		 !(cp >= 0x3000 && cp <= 0x303F) &&  /* CJK punctuation, ideographic space */
		 !(cp >= 0xFF00 && cp <= 0xFF20) && !(cp >= 0xFF3B && cp <= 0xFF40) &&
		 !(cp >= 0xFF5B && cp <= 0xFF65) &&  /* fullwidth punctuation */
		 !(cp >= 0xFE30 && cp <= 0xFE4F) && !(cp >= 0xE000 && cp <= 0xF8FF) &&
		 !(cp >= 0x1F000 && cp <= 0x1FAFF) && cp < 0xE0000)
		*keep = true;
	if (*ascii && !**ascii)
		*ascii = NULL; /* × and ÷ */
}

/* Lowercase Greek and Cyrillic capitals, as ASCII letters are. */
static uint32_t lower_cp(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

static size_t utf8_put(uint32_t cp, char *o)
{
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void ag_adr_slug(const char *title, char *out, size_t cap)
{
	size_t n = 0, last_dash = 0;
	bool dash = false, cut = false;
	size_t max = cap - 1 < 60 ? cap - 1 : 60;
	for (const unsigned char *p = (const unsigned char *)title; *p && !cut;) {
		size_t len;
		uint32_t cp = utf8_next(p, &len);
		p += len;
		char piece[8] = {0};
		size_t plen = 0;
		const char *ascii;
		bool keep, drop;
		if (cp < 0x80) {
			if (isalnum((int)cp))
				piece[plen++] = (char)tolower((int)cp);
		} else {
			slug_class(cp, &ascii, &keep, &drop);
			if (drop)
				continue;
			if (ascii) {
				plen = strlen(ascii); /* at most 2 */
				memcpy(piece, ascii, plen);
			} else if (keep) {
				plen = utf8_put(lower_cp(cp), piece);
			}
		}
		if (!plen) {
			dash = true;
			continue;
		}
		if (n + (dash && n) + plen > max) {
			cut = true;
			break;
		}
		if (dash && n) {
			last_dash = n;
			out[n++] = '-';
		}
		dash = false;
		memcpy(out + n, piece, plen);
		n += plen;
	}
	/* cut at a word boundary when the title was longer than the slug */
	if (cut && last_dash > max / 2)
		n = last_dash;
	out[n] = '\0';
	if (!n)
		snprintf(out, cap, "untitled");
}

const char *ag_adr_title_problem(const char *title)
{
	size_t n = strlen(title);
	if (!n)
		return "the title is empty";
	if (n > 500)
		return "the title is longer than 500 bytes";
	const unsigned char *p = (const unsigned char *)title, *end = p + n;
	bool visible = false;
	while (p < end) {
		unsigned char c = *p;
		if (c < 0x20 || c == 0x7f)
			return "the title contains a control character (newline, tab, ...)";
		int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (!len || p + len > end)
			return "the title is not valid UTF-8";
		for (int k = 1; k < len; k++)
			if ((p[k] & 0xC0) != 0x80)
				return "the title is not valid UTF-8";
		if (c != ' ')
			visible = true;
		p += len;
	}
	return visible ? NULL : "the title is blank";
}

const char *ag_text_problem(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "contains a control character (newline, tab, ...): a value is "
			       "written on one line of the record";
	return NULL;
}

static const char *alternatives_table =
	"## Alternatives Considered\n\n"
	"| Option | Pros | Cons | Why Rejected |\n"
	"|--------|------|------|---------------|\n"
	"| Option A (chosen) | ... | ... | N/A |\n"
	"| Option B | ... | ... | ... |\n"
	"| Option C | ... | ... | ... |\n";

static const char *const prompt_context =
	"What forces are at play? Business constraints, technical debt, team skillsets.";
static const char *const prompt_decision =
	"We will [decision]. We chose [option A] over [option B].";

/* The built-in template of o->format. */
static int render_builtin(const struct ag_adr_new *o, int number, struct ag_buf *b)
{
	const char *deciders = o->deciders ? o->deciders : "[Names]";
	const char *context = o->context ? o->context : prompt_context;
	const char *decision = o->decision ? o->decision : prompt_decision;
	switch (o->format) {
	case AG_ADRF_NYGARD:
		/* adr-tools' sections, and no other (arch/decisions/0028) */
		AG_TRY(ag_buf_printf(b, "# %d. %s\n\nDate: %s\n\n## Status\n\nProposed\n\n"
				  "## Context\n\n%s\n\n## Decision\n\n%s\n\n## Consequences\n\n%s\n",
				  number, o->title, o->date, context, decision,
				  o->consequences ? o->consequences
						  : "What becomes easier or more difficult to do "
						    "and any risks introduced by the change that "
						    "will need to be mitigated."));
		return 0;
	case AG_ADRF_MADR:
	case AG_ADRF_LOG4BRAINS:
		if (o->format == AG_ADRF_MADR) {
			AG_TRY(ag_buf_printf(b, "---\nstatus: proposed\ndate: %s\ndecision-makers: ",
					  o->date));
			/* the template's placeholder as MADR writes it: a YAML list */
			AG_TRY(o->deciders ? ag_md_put_value(b, AG_MD_FRONT, deciders)
					: ag_buf_adds(b, deciders));
			AG_TRY(ag_buf_printf(b, "\n---\n\n# %s\n\n", o->title));
		}
		else
			AG_TRY(ag_buf_printf(b, "# %s\n\n- Status: proposed\n- Date: %s\n"
					  "- Deciders: %s\n\n", o->title, o->date, deciders));
		AG_TRY(ag_buf_printf(b, "## Context and Problem Statement\n\n%s\n\n", context));
		if (o->decision)
			return ag_buf_printf(b, "## Decision Outcome\n\n%s\n%s%s%s", decision,
					     o->consequences ? "\n### Consequences\n\n" : "",
					     o->consequences ? o->consequences : "",
					     o->consequences ? "\n" : "");
		AG_TRY(ag_buf_adds(b, "## Considered Options\n\n* Option A\n* Option B\n\n"
				   "## Decision Outcome\n\nChosen option: \"Option A\", because "
				   "[justification].\n\n### Consequences\n\n"
				   "* Good, because [positive consequence]\n"
				   "* Bad, because [negative consequence]\n\n"
				   "## Pros and Cons of the Options\n\n### Option A\n\n"
				   "* Good, because ...\n* Bad, because ...\n\n### Option B\n\n"
				   "* Good, because ...\n* Bad, because ...\n"));
		return 0;
	case AG_ADRF_SEED:
		break;
	}
	/* The seed's template, exactly. */
	AG_TRY(ag_buf_printf(b, "# ADR-%03d: %s\n\n**Status:** Proposed\n**Date:** %s\n"
			  "**Deciders:** %s\n\n", number, o->title, o->date, deciders));
	AG_TRY(ag_buf_printf(b, "## Context\n\n%s\n\n## Decision\n\n%s\n\n## Consequences\n\n",
			  context, decision));
	if (o->consequences)
		AG_TRY(ag_buf_printf(b, "%s\n\n", o->consequences));
	else
		AG_TRY(ag_buf_adds(b, "### Positive\n\n- What becomes easier?\n"
				   "- What performance/cost benefits?\n\n"
				   "### Negative\n\n- What becomes harder?\n- What new risks?\n\n"
				   "### Neutral\n\n- What stays the same?\n\n"));
	AG_TRY(ag_buf_adds(b, o->alternatives ? o->alternatives : alternatives_table));
	return ag_buf_adds(b, "\n## References\n\n- [Link to RFC]\n- [Link to prototype]\n");
}

int ag_adr_render(const struct ag_adr_new *o, int number, struct ag_buf *b,
		  struct ag_diags *diags)
{
	const char *deciders = o->deciders ? o->deciders : "[Names]";
	/* one line each: a newline would add a line (a status, a field) */
	if (ag_adr_title_problem(o->title) || ag_text_problem(deciders))
		return AG_EINVAL;
	struct ag_buf carry = AG_BUF_INIT, raw = AG_BUF_INIT;
	struct ag_diags ignore;
	ag_diags_init(&ignore);
	int rc = o->adrs ? ag_adrs_front_carry(o->adrs, o->title, &carry) : 0;
	if (!rc && o->tpl) {
		struct ag_adr_fill f = {o->tpl_file, o->title, number, o->date, o->deciders,
					carry.data};
		rc = ag_adr_template_fill(o->tpl, o->tpl_len, &f, b, diags ? diags : &ignore);
	} else if (!rc) {
		rc = render_builtin(o, number, &raw);
		if (!rc)
			rc = ag_adr_front_add(raw.data, raw.len, carry.data, b);
	}
	ag_diags_release(&ignore);
	ag_buf_release(&carry);
	ag_buf_release(&raw);
	return rc;
}

void ag_adrs_naming(const struct ag_adrs *adrs, struct ag_adr_naming *nm)
{
	snprintf(nm->prefix, sizeof(nm->prefix), "%s", "");
	nm->width = 4;
	const struct ag_adr *top = NULL;
	for (size_t i = 0; adrs && i < adrs->n; i++) {
		const struct ag_adr *r = &adrs->v[i];
		if (!r->package && r->number >= 0 && (!top || r->number >= top->number))
			top = r;
	}
	if (!top)
		return;
	size_t pre, digits;
	ag_adr_name_number(top->name, &pre, &digits);
	if (pre < sizeof(nm->prefix))
		snprintf(nm->prefix, sizeof(nm->prefix), "%.*s", (int)pre, top->name);
	nm->width = (int)digits;
}

static int max_number(const char *dir, int *max)
{
	*max = 0;
	DIR *d = opendir(dir);
	if (!d)
		return AG_EIO;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		/* any file with a number: 0012-x.md, adr-012-x.md, ADR012-x.md */
		size_t pre, digits;
		int v = ag_adr_name_number(e->d_name, &pre, &digits);
		if (v > *max && e->d_name[pre + digits] == '-')
			*max = v;
	}
	closedir(d);
	return 0;
}

int ag_adr_create(const char *dir, const struct ag_adr_new *o, char **path, int *number,
		  struct ag_diags *diags)
{
	struct ag_adr_naming nm;
	ag_adrs_naming(o->adrs, &nm);
	*path = NULL;
	AG_TRY(ag_mkdirs(dir));
	int dfd;
	AG_TRY(ag_dir_lock(dir, &dfd));
	char slug[64];
	ag_adr_slug(o->title, slug, sizeof(slug));
	int max, rc = max_number(dir, &max);
	struct ag_buf text = AG_BUF_INIT, p = AG_BUF_INIT;
	for (int attempt = 0; !rc && attempt < 1000; attempt++) {
		int num = max + 1 + attempt;
		ag_buf_reset(&text);
		ag_buf_reset(&p);
		if (o->format == AG_ADRF_LOG4BRAINS)
			rc = attempt ? ag_buf_printf(&p, "%s/%s-%s-%d.md", dir, o->prefix, slug, attempt + 1)
				     : ag_buf_printf(&p, "%s/%s-%s.md", dir, o->prefix, slug);
		else
			rc = ag_buf_printf(&p, "%s/%s%0*d-%s.md", dir, nm.prefix, nm.width, num, slug);
		if (!rc)
			rc = ag_adr_render(o, o->format == AG_ADRF_LOG4BRAINS ? -1 : num, &text, diags);
		if (!rc)
			rc = ag_write_new(p.data, text.data, text.len);
		if (rc == AG_EEXIST) { /* someone without our lock took it */
			rc = 0;
			continue;
		}
		if (!rc) {
			*number = o->format == AG_ADRF_LOG4BRAINS ? -1 : num;
			*path = ag_buf_detach(&p, NULL);
		}
		break;
	}
	if (!rc && !*path)
		rc = AG_EEXIST;
	ag_buf_release(&text);
	ag_buf_release(&p);
	ag_dir_unlock(dfd);
	return rc;
}

enum ag_adr_format ag_adrs_majority_format(const struct ag_adrs *adrs)
{
	size_t count[4] = {0};
	for (size_t i = 0; i < adrs->n; i++)
		count[adrs->v[i].format]++;
	int best = AG_ADRF_SEED;
	for (int f = 0; f < 4; f++)
		if (count[f] > count[best])
			best = f;
	return (enum ag_adr_format)best;
}

/* ---- edits: planned in memory, then committed together ---- */

struct change {
	char *path;
	const char *old_text; /* borrowed from the record */
	size_t old_len;
	char *new_text;
	size_t new_len;
	char *remove;         /* a file to delete after writing (moves) */
	bool create;          /* path is new: write with no-clobber */
};

/* Every record one edit touches (a move rewrites each record that links to
 * the moved one, so there is no fixed bound). Changes are allocated one by
 * one because callers keep pointers to them while the plan grows. */
struct plan {
	const struct ag_adrs *adrs;
	struct change **v;
	size_t n, alloc;
};

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i]->path);
		free(p->v[i]->new_text);
		free(p->v[i]->remove);
		free(p->v[i]);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static char *record_path(const struct ag_adrs *adrs, const struct ag_adr *a)
{
	size_t n = strlen(adrs->dir) + strlen(a->name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", adrs->dir, a->name);
	return p;
}

/* The pending text of a record: a planned change if any, else the file. */
static struct change *plan_get(struct plan *p, const struct ag_adrs *adrs,
			       const struct ag_adr *a)
{
	char *path = record_path(adrs, a);
	if (!path)
		return NULL;
	p->adrs = adrs;
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i]->path, path) ||
		    (p->v[i]->remove && !strcmp(p->v[i]->remove, path))) {
			free(path);
			return p->v[i];
		}
	struct change **v = ag_array_grow(p->v, &p->alloc, p->n + 1, sizeof(*v), 8);
	if (!v) {
		free(path);
		return NULL;
	}
	p->v = v;
	struct change *c = calloc(1, sizeof(*c));
	if (!c || !(c->new_text = strndup(a->text, a->len))) {
		free(c);
		free(path);
		return NULL;
	}
	c->path = path;
	c->old_text = a->text;
	c->old_len = a->len;
	c->new_len = a->len;
	p->v[p->n++] = c;
	return c;
}

/* The repository root, where symbolic links among the records may point
 * (ag_write_replace_in): the records' folder less its relative path. */
static char *records_root(const struct ag_adrs *adrs)
{
	size_t n = strlen(adrs->dir), r = adrs->dir_rel ? strlen(adrs->dir_rel) : 0;
	if (!r || !strcmp(adrs->dir_rel, ".") || r >= n || strcmp(adrs->dir + n - r, adrs->dir_rel) ||
	    adrs->dir[n - r - 1] != '/')
		return strdup(adrs->dir);
	return strndup(adrs->dir, n - r - 1);
}

/* ---- the journal of a multi-file edit (ADR-022) ----
 *
 * ".archgate-journal" in the records' folder holds every file of one edit
 * as it will be and as it was:
 *
 *   archgate-journal 1
 *   W <create> <name-len> <new-len> <old-len>\n<name><new bytes><old bytes>\n
 *   D <name-len> <old-len>\n<name><old bytes>\n
 *   E <fnv-1a 64 of everything before this line, hex>\n
 *
 * It is created whole (temp file, fsync, link) before the first record is
 * touched, and removed after the last: a crash before it exists leaves
 * the records as they were (only temp files, removed on the next run); a
 * crash after leaves it to be replayed, which writes every file as it
 * will be again and removes what the edit removes. Names are plain file
 * names in the folder (a journal naming anything else is refused: the
 * folder is in a repository anyone can send a pull request to). */

#define JOURNAL ".archgate-journal"

static uint64_t fnv64(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int journal_text(const struct plan *p, struct ag_buf *b)
{
	int rc = ag_buf_adds(b, "archgate-journal 1\n");
	for (size_t i = 0; i < p->n && !rc; i++) {
		const struct change *c = p->v[i];
		const char *nm = base_name(c->path);
		rc = ag_buf_printf(b, "W %d %zu %zu %zu\n", c->create ? 1 : 0, strlen(nm), c->new_len,
				   c->create ? (size_t)0 : c->old_len);
		if (!rc)
			rc = ag_buf_adds(b, nm);
		if (!rc)
			rc = ag_buf_add(b, c->new_text, c->new_len);
		if (!rc && !c->create)
			rc = ag_buf_add(b, c->old_text, c->old_len);
		if (!rc)
			rc = ag_buf_addc(b, '\n');
		if (!rc && c->remove) {
			const char *rn = base_name(c->remove);
			rc = ag_buf_printf(b, "D %zu %zu\n%s", strlen(rn), c->old_len, rn);
			if (!rc)
				rc = ag_buf_add(b, c->old_text, c->old_len);
			if (!rc)
				rc = ag_buf_addc(b, '\n');
		}
	}
	if (!rc)
		rc = ag_buf_printf(b, "E %016llx\n", (unsigned long long)fnv64(b->data, b->len));
	return rc;
}

static bool plain_name(const char *s, size_t n)
{
	if (!n || s[0] == '.' || memchr(s, '/', n) || memchr(s, '\0', n))
		return false;
	return true;
}

static bool read_size(const char **p, const char *end, size_t *v)
{
	const char *q = *p;
	if (q >= end || *q < '0' || *q > '9')
		return false;
	size_t x = 0;
	while (q < end && *q >= '0' && *q <= '9') {
		if (x > (SIZE_MAX - 9) / 10)
			return false;
		x = x * 10 + (size_t)(*q++ - '0');
	}
	*v = x;
	*p = q;
	return true;
}

/* Replay the journal text `j` in `dir`: every W written as it will be,
 * every D removed. `dry`: validate only. */
static int journal_replay(const char *dir, const char *root, const char *j, size_t n, bool dry)
{
	static const char head[] = "archgate-journal 1\n";
	if (n < sizeof(head) - 1 || memcmp(j, head, sizeof(head) - 1))
		return AG_EPARSE;
	const char *p = j + sizeof(head) - 1, *end = j + n;
	while (p < end) {
		char kind = *p;
		if (kind == 'E') {
			unsigned long long want = 0;
			if (sscanf(p, "E %16llx\n", &want) != 1 || want != fnv64(j, (size_t)(p - j)))
				return AG_EPARSE;
			return 0;
		}
		if ((kind != 'W' && kind != 'D') || p + 2 > end || p[1] != ' ')
			return AG_EPARSE;
		p += 2;
		size_t create = 0, nl, a, b = 0;
		if (kind == 'W' && (!read_size(&p, end, &create) || p >= end || *p++ != ' '))
			return AG_EPARSE;
		if (!read_size(&p, end, &nl) || p >= end || *p++ != ' ' || !read_size(&p, end, &a))
			return AG_EPARSE;
		if (kind == 'W' && (p >= end || *p++ != ' ' || !read_size(&p, end, &b)))
			return AG_EPARSE;
		if (p >= end || *p++ != '\n' || (size_t)(end - p) < nl || !plain_name(p, nl))
			return AG_EPARSE;
		const char *name = p;
		p += nl;
		if ((size_t)(end - p) < a || (size_t)(end - p - a) < b + 1 || p[a + b] != '\n')
			return AG_EPARSE;
		const char *data = p;
		p += a + b + 1;
		if (dry)
			continue;
		char *path = malloc(strlen(dir) + nl + 2);
		if (!path)
			return AG_ENOMEM;
		snprintf(path, strlen(dir) + nl + 2, "%s/%.*s", dir, (int)nl, name);
		int rc = 0;
		if (kind == 'W')
			rc = ag_write_replace_in(root, path, data, a);
		else if (unlink(path) && errno != ENOENT)
			rc = ag_errno(errno);
		if (kind == 'D')
			ag_crash_point();
		free(path);
		if (rc)
			return rc;
	}
	return AG_EPARSE; /* no end line */
}

static bool temp_name(const char *name)
{
	return strstr(name, ".agtmp.") != NULL;
}

int ag_adrs_recover(const char *dir, const char *root, struct ag_diags *diags)
{
	char *jp = ag_path_join(dir, JOURNAL);
	if (!jp)
		return AG_ENOMEM;
	int done = 0, rc = 0;
	struct stat st;
	if (!lstat(jp, &st)) {
		char *j = NULL;
		size_t n = 0;
		if (!S_ISREG(st.st_mode))
			rc = AG_EPARSE;
		else
			rc = ag_read_file(jp, (size_t)1 << 30, &j, &n);
		if (!rc)
			rc = journal_replay(dir, root, j, n, true);
		if (!rc)
			rc = journal_replay(dir, root, j, n, false);
		free(j);
		if (rc) {
			ag_diags_add(diags, AG_SEV_ERROR, jp, 0, 0,
				     "cannot finish the interrupted edit in '%s': %s; nothing "
				     "more is changed until it is resolved (remove the file to "
				     "keep the records as they are)", jp,
				     rc == AG_EPARSE ? "it is not a journal archgate wrote"
						     : ag_strerror(rc));
			free(jp);
			return rc;
		}
		if (unlink(jp) && errno != ENOENT)
			rc = ag_errno(errno);
		done = 1;
	}
	free(jp);
	/* temp files of writes a crash cut short */
	char **names;
	size_t nn;
	if (!rc && !(rc = ag_dir_list(dir, temp_name, &names, &nn))) {
		for (size_t i = 0; i < nn; i++) {
			char *tp = ag_path_join(dir, names[i]);
			if (tp && !unlink(tp))
				done = 1;
			free(tp);
		}
		ag_dir_list_free(names, nn);
	}
	return rc ? rc : done;
}

int ag_adrs_pending(const char *dir, const char **name)
{
	if (name)
		*name = JOURNAL;
	char *jp = ag_path_join(dir, JOURNAL);
	if (!jp)
		return AG_ENOMEM;
	struct stat st;
	int r = !lstat(jp, &st);
	free(jp);
	return r;
}

/* Commit a plan: preflight, journal, apply, remove the journal. A plan of
 * one file without removals is one atomic write and needs no journal. */
static int plan_commit(struct plan *p, struct ag_diags *diags)
{
	if (!p->n)
		return 0;
	char *root = records_root(p->adrs);
	if (!root)
		return AG_ENOMEM;
	int rc = 0;
	/* what would be refused is refused before anything is written */
	for (size_t i = 0; i < p->n && !rc; i++) {
		struct change *c = p->v[i];
		rc = c->create ? (ag_exists(c->path) ? AG_EEXIST : 0) : ag_write_check(root, c->path);
		if (rc)
			ag_diags_add(diags, AG_SEV_ERROR, c->path, 0, 0, "cannot write '%s': %s",
				     c->path, rc == AG_EEXIST ? "a file of that name exists"
							      : ag_strerror(rc));
	}
	bool journal = p->n > 1 || p->v[0]->remove;
	char *jp = journal ? ag_path_join(p->adrs->dir, JOURNAL) : NULL;
	if (!rc && journal) {
		struct ag_buf jt = AG_BUF_INIT;
		rc = jp ? journal_text(p, &jt) : AG_ENOMEM;
		if (!rc)
			rc = ag_write_new(jp, jt.data, jt.len);
		ag_buf_release(&jt);
		if (rc)
			ag_diags_add(diags, AG_SEV_ERROR, jp ? jp : p->adrs->dir, 0, 0,
				     "cannot write the journal '%s': %s", jp ? jp : JOURNAL,
				     rc == AG_EEXIST ? "an interrupted edit is pending" : ag_strerror(rc));
	}
	size_t done = 0;
	for (; !rc && done < p->n; done++) {
		struct change *c = p->v[done];
		rc = c->create ? ag_write_new(c->path, c->new_text, c->new_len)
			       : ag_write_replace_in(root, c->path, c->new_text, c->new_len);
		if (rc) {
			ag_diags_add(diags, AG_SEV_ERROR, c->path, 0, 0, "cannot write '%s': %s",
				     c->path, rc == AG_EEXIST ? "a file of that name exists"
							      : ag_strerror(rc));
			break;
		}
	}
	if (rc && done) { /* put back what was already written */
		while (done-- > 0) {
			struct change *c = p->v[done];
			if (c->create)
				unlink(c->path);
			else
				ag_write_replace_in(root, c->path, c->old_text, c->old_len);
		}
	}
	if (!rc) {
		for (size_t i = 0; i < p->n; i++)
			if (p->v[i]->remove) {
				unlink(p->v[i]->remove);
				ag_crash_point();
			}
	}
	if (jp && (!rc || done)) /* written and applied, or rolled back */
		unlink(jp);
	free(jp);
	free(root);
	return rc;
}

/* Re-parse a change's pending text so line indexes are current. */
static int reparse(struct ag_arena *a, const struct ag_adr *orig, const struct change *c,
		   struct ag_adr *out)
{
	char *t = ag_arena_strndup(a, c->new_text, c->new_len);
	if (!t)
		return AG_ENOMEM;
	return ag_adr_parse(a, orig->file, t, c->new_len, out);
}

static int splice(struct change *c, const struct ag_adr *cur, size_t first, size_t count,
		  const char *insert)
{
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_md_splice(&cur->md, first, count, insert, &b);
	if (rc) {
		ag_buf_release(&b);
		return rc;
	}
	free(c->new_text);
	c->new_text = ag_buf_detach(&b, &c->new_len);
	return 0;
}

static bool lowercase_status(enum ag_adr_format f)
{
	return f == AG_ADRF_MADR || f == AG_ADRF_LOG4BRAINS;
}

/* Where the YAML scalar that starts at `at` on a front-matter line ends:
 * after its closing quote `q` ('"' with \\ escapes, '\'' with '' ones), or
 * for a plain one before a " #" comment and the spaces before it. */
static size_t fm_scalar_end(const char *s, size_t n, size_t at, char q)
{
	size_t i = at + (q != 0);
	if (q) {
		while (i < n) {
			if (q == '"' && s[i] == '\\')
				i += 2;
			else if (q == '\'' && s[i] == '\'' && i + 1 < n && s[i + 1] == '\'')
				i += 2;
			else if (s[i] == q)
				return i + 1;
			else
				i++;
		}
		return n;
	}
	size_t end = n;
	for (; i + 1 < n; i++)
		if ((s[i] == ' ' || s[i] == '\t') && s[i + 1] == '#') {
			end = i;
			break;
		}
	while (end > at && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
		end--;
	return end;
}

/* Replace the status value on its line with `value`. */
static int rewrite_status(struct change *c, const struct ag_adr *cur, const char *value,
			  struct ag_diags *diags)
{
	if (cur->status_line < 0 && cur->format == AG_ADRF_MADR) {
		/* MADR makes the status optional: one without gets it in its
		 * front matter, made when there is none */
		struct ag_buf b = AG_BUF_INIT;
		bool fm = cur->md.front_end >= 2;
		int rc = ag_buf_adds(&b, fm ? "status: " : "---\nstatus: ");
		if (!rc)
			rc = ag_md_put_value(&b, AG_MD_FRONT, value);
		if (!rc)
			rc = ag_buf_adds(&b, fm ? "\n" : "\n---\n\n");
		if (!rc)
			rc = splice(c, cur, fm ? cur->md.front_end - 1 : 0, 0, b.data);
		ag_buf_release(&b);
		return rc;
	}
	if (cur->status_line < 0) {
		ag_diags_add(diags, AG_SEV_ERROR, cur->file, 1, 1,
			     "'%s' has no status line to change", cur->file);
		return AG_EINVAL;
	}
	const struct ag_md_line *l = &cur->md.lines[cur->status_line];
	size_t keep = cur->status_pos.col > 0 ? (size_t)cur->status_pos.col - 1 : 0;
	if (keep > l->len)
		keep = l->len;
	bool front = l->kind == AG_MD_FRONT;
	struct ag_buf b = AG_BUF_INIT;
	const char *line = cur->text + l->off;
	int rc = ag_buf_add(&b, line, keep);
	if (front) {
		/* a YAML scalar in the quotes it had (plain: quoted only when it
		 * must be, as when it holds a link), and what follows it on the
		 * line (a "# comment") stays */
		char q = keep < l->len && (line[keep] == '"' || line[keep] == '\'') ? line[keep] : 0;
		size_t end = fm_scalar_end(line, l->len, keep, q);
		if (!rc && ag_text_problem(value))
			rc = AG_EINVAL;
		if (!rc && !q)
			rc = ag_md_put_value(&b, AG_MD_FRONT, value);
		else if (!rc) {
			rc = ag_buf_addc(&b, q);
			for (const char *p = value; !rc && *p; p++) {
				if (q == '"' && (*p == '"' || *p == '\\'))
					rc = ag_buf_addc(&b, '\\');
				else if (q == '\'' && *p == '\'')
					rc = ag_buf_addc(&b, '\'');
				if (!rc)
					rc = ag_buf_addc(&b, *p);
			}
			if (!rc)
				rc = ag_buf_addc(&b, q);
		}
		if (!rc)
			rc = ag_buf_add(&b, line + end, l->len - end);
	} else if (!rc) {
		rc = ag_md_put_value(&b, AG_MD_TEXT, value);
		/* what the line says after the value stays ("<!-- optional -->") */
		size_t vl = cur->status_text ? strlen(cur->status_text) : 0;
		if (!rc && keep + vl < l->len && !memcmp(line + keep, cur->status_text, vl))
			rc = ag_buf_add(&b, line + keep + vl, l->len - keep - vl);
	}
	if (!rc)
		rc = ag_buf_addc(&b, '\n');
	if (!rc)
		rc = splice(c, cur, (size_t)cur->status_line, 1, b.data);
	ag_buf_release(&b);
	return rc;
}

static int status_word(enum ag_adr_format f, enum ag_adr_status st, struct ag_buf *b)
{
	const char *w = ag_adr_status_name(st);
	if (!lowercase_status(f))
		return ag_buf_adds(b, w);
	for (const char *p = w; *p; p++)
		AG_TRY(ag_buf_addc(b, (char)tolower((unsigned char)*p)));
	return 0;
}

/* A record's label with [ ] \\ escaped, as link texts hold it. */
static int label_escaped(const struct ag_adr *target, struct ag_buf *b)
{
	struct ag_buf label = AG_BUF_INIT;
	int rc = ag_adr_label(target, &label);
	for (size_t i = 0; !rc && i < label.len; i++) {
		char c = label.data[i];
		if (c == '[' || c == ']' || c == '\\')
			rc = ag_buf_addc(b, '\\');
		if (!rc)
			rc = ag_buf_addc(b, c);
	}
	ag_buf_release(&label);
	return rc;
}

/* "[label](file)", with [ ] \\ in the label escaped so that it reads back. */
static int link_text(const struct ag_adr *target, const char *target_name, struct ag_buf *b)
{
	int rc = ag_buf_addc(b, '[');
	if (!rc)
		rc = label_escaped(target, b);
	return rc ? rc : ag_buf_printf(b, "](%s)", target_name);
}

/* Add "type -> target" to the record in change c. */
static int add_link(struct ag_arena *a, struct change *c, const struct ag_adr *orig,
		    const char *type, const struct ag_adr *target, const char *target_name)
{
	struct ag_adr cur;
	AG_TRY(reparse(a, orig, c, &cur));
	for (size_t i = 0; i < cur.nlinks; i++)
		if (!strcasecmp(cur.links[i].type, type) && !strcmp(cur.links[i].target, target_name))
			return 0; /* already there */
	struct ag_buf line = AG_BUF_INIT;
	int rc = cur.format == AG_ADRF_SEED ? ag_buf_printf(&line, "**%s:** ", type)
					     : ag_buf_printf(&line, "%s ", type);
	if (!rc)
		rc = link_text(target, target_name, &line);
	struct ag_buf ins = AG_BUF_INIT;
	size_t at;
	if (!rc && cur.format == AG_ADRF_NYGARD) {
		long h = ag_md_heading(&cur.md, 2, "status", 0);
		size_t e = h >= 0 ? ag_md_section_end(&cur.md, (size_t)h) : cur.md.n;
		while (e > 0 && cur.md.lines[e - 1].kind == AG_MD_BLANK)
			e--;
		at = e;
		rc = ag_buf_printf(&ins, "\n%s\n", line.data);
	} else if (!rc && (cur.format == AG_ADRF_MADR || cur.format == AG_ADRF_LOG4BRAINS) &&
		   (ag_md_heading(&cur.md, 2, "links", 0) >= 0 ||
		    (cur.status_line >= 0 && cur.md.lines[cur.status_line].kind != AG_MD_FRONT))) {
		/* MADR 2 and log4brains: a bullet, in "## Links" when there is one,
		 * else in the metadata bullets, in the record's own bullet style */
		long h = ag_md_heading(&cur.md, 2, "links", 0);
		char bullet = cur.format == AG_ADRF_LOG4BRAINS ? '-' : '*';
		if (cur.status_line >= 0 && cur.md.lines[cur.status_line].kind != AG_MD_FRONT)
			bullet = cur.md.lines[cur.status_line].text.s[0] == '-' ? '-' : '*';
		if (h >= 0) {
			size_t e = ag_md_section_end(&cur.md, (size_t)h);
			while (e > (size_t)h + 1 && cur.md.lines[e - 1].kind == AG_MD_BLANK)
				e--;
			at = e;
			rc = ag_buf_printf(&ins, "%s%c %s\n", e == (size_t)h + 1 ? "\n" : "", bullet,
					   line.data);
		} else {
			size_t j = (size_t)cur.status_line;
			while (j + 1 < cur.md.n && cur.md.lines[j + 1].kind == AG_MD_TEXT)
				j++;
			at = j + 1;
			rc = ag_buf_printf(&ins, "%c %s\n", bullet, line.data);
		}
	} else if (!rc && cur.status_line >= 0 && cur.md.lines[cur.status_line].kind != AG_MD_FRONT) {
		size_t j = (size_t)cur.status_line;
		while (j + 1 < cur.md.n && cur.md.lines[j + 1].kind == AG_MD_TEXT)
			j++;
		at = j + 1;
		rc = ag_buf_printf(&ins, "%s\n", line.data);
	} else if (!rc) {
		at = cur.title_line >= 0 ? (size_t)cur.title_line + 1 : cur.md.front_end;
		rc = ag_buf_printf(&ins, "\n%s\n", line.data);
	}
	if (!rc)
		rc = splice(c, &cur, at, 0, ins.data);
	ag_buf_release(&line);
	ag_buf_release(&ins);
	return rc;
}

int ag_adr_set_status(const struct ag_adrs *adrs, const struct ag_adr *adr,
		      enum ag_adr_status st, struct ag_diags *diags)
{
	struct plan p = {0};
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_buf w = AG_BUF_INIT;
	struct change *c = plan_get(&p, adrs, adr);
	int rc = c ? status_word(adr->format, st, &w) : AG_ENOMEM;
	/* "accepted; supersedes ADR-0045": the rest of what it says stays */
	if (!rc)
		rc = ag_buf_adds(&w, ag_adr_status_rest(adr->status_text));
	if (!rc)
		rc = rewrite_status(c, adr, w.data, diags);
	if (!rc)
		rc = plan_commit(&p, diags);
	ag_buf_release(&w);
	plan_release(&p);
	ag_arena_release(&a);
	return rc;
}

int ag_adr_link(const struct ag_adrs *adrs, const struct ag_adr *from, const char *type,
		const struct ag_adr *to, const char *reverse, struct ag_diags *diags)
{
	struct plan p = {0};
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct change *cf = plan_get(&p, adrs, from);
	struct change *ct = cf ? plan_get(&p, adrs, to) : NULL;
	int rc = ct ? add_link(&a, cf, from, type, to, to->name) : AG_ENOMEM;
	if (!rc && reverse)
		rc = add_link(&a, ct, to, reverse, from, from->name);
	if (!rc)
		rc = plan_commit(&p, diags);
	plan_release(&p);
	ag_arena_release(&a);
	return rc;
}

int ag_adr_supersede(const struct ag_adrs *adrs, const struct ag_adr *old,
		     const struct ag_adr *new_, struct ag_diags *diags)
{
	struct plan p = {0};
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_buf v = AG_BUF_INIT;
	struct change *co = plan_get(&p, adrs, old);
	struct change *cn = co ? plan_get(&p, adrs, new_) : NULL;
	int rc = cn ? 0 : AG_ENOMEM;
	if (!rc && (old->format == AG_ADRF_NYGARD || lowercase_status(old->format))) {
		/* adr-tools and MADR keep the link in the status itself:
		 * "Superseded by [3. Title](0003-title.md)" */
		rc = ag_buf_adds(&v, lowercase_status(old->format) ? "superseded by " : "Superseded by ");
		if (!rc)
			rc = link_text(new_, new_->name, &v);
		if (!rc)
			rc = rewrite_status(co, old, v.data, diags);
	} else if (!rc) {
		rc = rewrite_status(co, old, "Superseded", diags);
		if (!rc)
			rc = add_link(&a, co, old, "Superseded by", new_, new_->name);
	}
	if (!rc)
		rc = add_link(&a, cn, new_, "Supersedes", old, old->name);
	if (!rc)
		rc = plan_commit(&p, diags);
	ag_buf_release(&v);
	plan_release(&p);
	ag_arena_release(&a);
	return rc;
}

/* In every record, point links at `old_name` to `new_name`; a link whose
 * text is the moved record's label as it was (`was`) gets its label as it
 * will be (`moved_as`). Only link destinations and those labels change
 * (ag_md_relink): prose, other links and code are kept byte for byte. */
static int relink_all(struct ag_arena *a, struct plan *p, const struct ag_adrs *adrs,
		      const char *old_name, const char *new_name, const struct ag_adr *was,
		      const struct ag_adr *moved_as)
{
	struct ag_buf ot = AG_BUF_INIT, nt = AG_BUF_INIT;
	int rc = label_escaped(was, &ot);
	if (!rc)
		rc = label_escaped(moved_as, &nt);
	for (size_t i = 0; i < adrs->n && !rc; i++) {
		const struct ag_adr *r = &adrs->v[i];
		if (!strstr(r->text, old_name))
			continue;
		struct change *c = plan_get(p, adrs, r);
		if (!c) {
			rc = AG_ENOMEM;
			break;
		}
		struct ag_adr cur;
		if ((rc = reparse(a, r, c, &cur)))
			break;
		struct ag_buf b = AG_BUF_INIT;
		size_t n;
		rc = ag_md_relink(&cur.md, old_name, new_name, ot.data ? ot.data : "",
				  nt.data ? nt.data : "", &b, &n);
		if (!rc && n) {
			free(c->new_text);
			c->new_text = ag_buf_detach(&b, &c->new_len);
		}
		ag_buf_release(&b);
	}
	ag_buf_release(&ot);
	ag_buf_release(&nt);
	return rc;
}

/* Plan moving `adr` to a new number and/or title. */
static int plan_move(struct ag_arena *a, struct plan *p, const struct ag_adrs *adrs,
		     const struct ag_adr *adr, const char *new_title, int new_number,
		     char **new_path)
{
	struct change *c = plan_get(p, adrs, adr);
	if (!c)
		return AG_ENOMEM;
	struct ag_adr cur;
	AG_TRY(reparse(a, adr, c, &cur));
	const char *title = new_title ? new_title : cur.title;
	int number = new_number >= 0 ? new_number : cur.number;
	/* the heading */
	if (cur.title_line >= 0) {
		struct ag_buf h = AG_BUF_INIT;
		int rc;
		struct ag_span ht = cur.md.lines[cur.title_line].text;
		if (cur.format == AG_ADRF_NYGARD && number >= 0 && ht.len &&
		    isdigit((unsigned char)ht.s[0])) /* numbered as it was */
			rc = ag_buf_printf(&h, "# %d. %s\n", number, title);
		else if (cur.format == AG_ADRF_SEED && number >= 0 &&
			 ag_span_prefix(cur.md.lines[cur.title_line].text, "ADR"))
			rc = ag_buf_printf(&h, "# ADR-%03d: %s\n", number, title);
		else
			rc = ag_buf_printf(&h, "# %s\n", title);
		if (!rc)
			rc = splice(c, &cur, (size_t)cur.title_line, 1, h.data);
		ag_buf_release(&h);
		AG_TRY(rc);
	}
	/* the file name */
	/* the record's own prefix and width (adr-012-x.md), and its slug as it
	 * is when only the number changes */
	size_t pre, digits;
	if (ag_adr_name_number(adr->name, &pre, &digits) < 0 || pre > 8)
		pre = 0, digits = 4;
	char slug[256];
	if (new_title) {
		ag_adr_slug(new_title, slug, sizeof(slug));
	} else {
		const char *dash = strchr(adr->name + pre + digits, '-');
		size_t nl = strlen(adr->name);
		snprintf(slug, sizeof(slug), "%.*s", dash ? (int)(adr->name + nl - 3 - dash - 1) : 8,
			 dash ? dash + 1 : "untitled");
	}
	char name[300];
	if (number >= 0 && adr->format != AG_ADRF_LOG4BRAINS)
		snprintf(name, sizeof(name), "%.*s%0*d-%s.md", (int)pre, adr->name, (int)digits,
			 number, slug);
	else
		snprintf(name, sizeof(name), "%.8s-%s.md", adr->name, slug);
	/* how the record will label itself, for links to it */
	struct ag_adr as = cur;
	as.title = title;
	as.number = number;
	if (strcmp(name, adr->name)) {
		size_t n = strlen(adrs->dir) + strlen(name) + 2;
		char *np = malloc(n);
		if (!np)
			return AG_ENOMEM;
		snprintf(np, n, "%s/%s", adrs->dir, name);
		if (ag_exists(np)) {
			free(np);
			return AG_EEXIST;
		}
		c->remove = c->path;
		c->path = np;
		c->create = true;
		if (new_path && !(*new_path = strdup(np)))
			return AG_ENOMEM;
	}
	return relink_all(a, p, adrs, adr->name, name, adr, &as);
}

int ag_adr_move(const struct ag_adrs *adrs, const struct ag_adr *adr, const char *new_title,
		int new_number, char **new_path, struct ag_diags *diags)
{
	struct plan p = {0};
	struct ag_arena a;
	ag_arena_init(&a, 0);
	if (new_path)
		*new_path = NULL;
	int rc = plan_move(&a, &p, adrs, adr, new_title, new_number, new_path);
	if (rc == AG_EEXIST)
		ag_diags_add(diags, AG_SEV_ERROR, adr->file, 0, 0,
			     "the new name of '%s' is taken by another file", adr->file);
	if (!rc)
		rc = plan_commit(&p, diags);
	plan_release(&p);
	ag_arena_release(&a);
	return rc;
}

int ag_adrs_renumber(const struct ag_adrs *adrs, struct ag_diags *moves,
		     struct ag_diags *diags)
{
	int max = 0;
	for (size_t i = 0; i < adrs->n; i++)
		if (adrs->v[i].number > max)
			max = adrs->v[i].number;
	int rc = 0;
	/* Records are sorted by name, so the first of a number stays; each
	 * later one moves to the next free number. Moves are committed one at
	 * a time and the set re-read, so links between moved records stay
	 * right. */
	for (size_t i = 0; i < adrs->n && !rc; i++) {
		const struct ag_adr *r = &adrs->v[i];
		bool dup = false;
		/* the main folder's numbers only: a subfolder keeps its own */
		for (size_t j = 0; j < i && !dup && !r->in_subfolder; j++)
			dup = r->number >= 0 && adrs->v[j].number == r->number &&
			      !adrs->v[j].in_subfolder && adrs->v[j].package == r->package;
		if (!dup)
			continue;
		char *np = NULL;
		rc = ag_adr_move(adrs, r, NULL, ++max, &np, diags);
		if (!rc) {
			ag_diags_add(moves, AG_SEV_NOTE, r->file, 0, 0, "%s -> %04d (%s)", r->name,
				     max, np ? strrchr(np, '/') + 1 : r->name);
			free(np);
			return 1; /* caller re-reads and calls again */
		}
		free(np);
	}
	return rc;
}
