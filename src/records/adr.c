/*
 * adr.c - reading decision records in the seed, adr-tools, MADR and
 * log4brains formats; see adr.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "adr.h"
#include "base/fsutil.h"
#include "yaml/yaml_tree.h"

const char *ag_adr_status_name(enum ag_adr_status s)
{
	switch (s) {
	case AG_ADR_PROPOSED: return "Proposed";
	case AG_ADR_ACCEPTED: return "Accepted";
	case AG_ADR_REJECTED: return "Rejected";
	case AG_ADR_DEPRECATED: return "Deprecated";
	case AG_ADR_SUPERSEDED: return "Superseded";
	case AG_ADR_UNKNOWN: break;
	}
	return "Unknown";
}

const char *ag_adr_format_name(enum ag_adr_format f)
{
	switch (f) {
	case AG_ADRF_SEED: return "seed";
	case AG_ADRF_NYGARD: return "adr-tools";
	case AG_ADRF_MADR: return "madr";
	case AG_ADRF_LOG4BRAINS: return "log4brains";
	}
	return "seed";
}

enum ag_adr_status ag_adr_status_parse(const char *s, size_t n)
{
	static const struct { const char *w; enum ag_adr_status st; } words[] = {
		{"proposed", AG_ADR_PROPOSED}, {"draft", AG_ADR_PROPOSED},
		{"accepted", AG_ADR_ACCEPTED}, {"rejected", AG_ADR_REJECTED},
		{"deprecated", AG_ADR_DEPRECATED}, {"superseded", AG_ADR_SUPERSEDED},
		{"superceded", AG_ADR_SUPERSEDED},
	};
	while (n && (*s == ' ' || *s == '*' || *s == '_' || *s == '"' || *s == '\''))
		s++, n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i].w);
		if (n >= wl && !strncasecmp(s, words[i].w, wl) &&
		    (n == wl || !isalpha((unsigned char)s[wl])))
			return words[i].st;
	}
	return AG_ADR_UNKNOWN;
}

/* Match `word` at hay[i..]: letters case-insensitively, and each space in
 * the word against any run of whitespace (a name wrapped across lines still
 * matches). Returns the length matched, 0 for no match. */
static size_t match_at(const char *hay, size_t hn, size_t i, const char *word, size_t n)
{
	size_t h = i;
	for (size_t k = 0; k < n; k++) {
		/* a space or hyphen in the word matches whitespace or a hyphen */
		if ((word[k] == ' ' || word[k] == '-') && h < hn && hay[h] == '-') {
			h++;
			continue;
		}
		if (word[k] == ' ' || word[k] == '-') {
			if (h >= hn || !isspace((unsigned char)hay[h]))
				return 0;
			while (h < hn && isspace((unsigned char)hay[h]))
				h++;
			while (k + 1 < n && word[k + 1] == ' ')
				k++;
			continue;
		}
		if (h >= hn || tolower((unsigned char)hay[h]) != tolower((unsigned char)word[k]))
			return 0;
		h++;
	}
	return h - i;
}

const char *ag_find_word(const char *hay, size_t hn, const char *word, size_t n)
{
	if (!n)
		return NULL;
	unsigned char first = (unsigned char)tolower((unsigned char)word[0]);
	for (size_t i = 0; i < hn; i++) {
		if ((unsigned char)tolower((unsigned char)hay[i]) != first)
			continue;
		size_t m = match_at(hay, hn, i, word, n);
		if (!m)
			continue;
		bool left = i == 0 || !isalnum((unsigned char)hay[i - 1]);
		bool right = i + m == hn || !isalnum((unsigned char)hay[i + m]);
		if (left && right)
			return hay + i;
	}
	return NULL;
}

/* An ASCII letter or digit in lower case, or 0 for any other byte: the
 * token index's alphabet, without a locale lookup per byte. */
static inline unsigned lower_alnum(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return c;
	return c >= 'A' && c <= 'Z' ? c + 32u : 0;
}

static uint32_t token_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint32_t)tolower((unsigned char)s[i])) * 16777619u;
	return h;
}

/* The token index is an open-addressing hash set of word hashes (0 marks
 * an empty slot; a word whose hash is 0 is stored as 1): built in one pass,
 * looked up in O(1). */
static uint32_t slot_hash(uint32_t h)
{
	return h ? h : 1;
}

static int index_tokens(struct ag_arena *a, struct ag_adr *adr)
{
	const unsigned char *t = (const unsigned char *)adr->text;
	size_t n = 0;
	bool in = false;
	for (size_t i = 0; i < adr->len; i++) {
		bool w = lower_alnum(t[i]) != 0;
		n += w && !in;
		in = w;
	}
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	adr->tokens = ag_arena_alloc(a, cap * sizeof(*adr->tokens)); /* zeroed */
	if (!adr->tokens)
		return AG_ENOMEM;
	adr->ntokens = cap;
	for (size_t i = 0; i < adr->len;) {
		unsigned c = lower_alnum(t[i]);
		if (!c) {
			i++;
			continue;
		}
		uint32_t h = 2166136261u; /* token_hash, fused with the scan */
		for (; i < adr->len && (c = lower_alnum(t[i])) != 0; i++)
			h = (h ^ c) * 16777619u;
		h = slot_hash(h);
		for (size_t k = h & (cap - 1);; k = (k + 1) & (cap - 1)) {
			if (adr->tokens[k] == h)
				break;
			if (!adr->tokens[k]) {
				adr->tokens[k] = h;
				break;
			}
		}
	}
	return 0;
}

int ag_adrs_index(struct ag_arena *a, struct ag_adrs *adrs)
{
	for (size_t i = 0; i < adrs->n; i++) {
		int rc = index_tokens(a, &adrs->v[i]);
		if (rc)
			return rc;
	}
	return 0;
}

bool ag_adr_has_token(const struct ag_adr *adr, const char *tok, size_t n)
{
	if (!adr->tokens) /* not indexed: answer by searching */
		return ag_find_word(adr->text, adr->len, tok, n) != NULL;
	uint32_t h = slot_hash(token_hash(tok, n));
	size_t cap = adr->ntokens;
	for (size_t k = h & (cap - 1);; k = (k + 1) & (cap - 1)) {
		if (adr->tokens[k] == h)
			return true;
		if (!adr->tokens[k])
			return false;
	}
}

bool ag_adr_mentions(const struct ag_adr *adr, const char *word, size_t n)
{
	/* prefilter: the word's first ASCII token must be one of the record's */
	size_t t = 0;
	while (t < n && isalnum((unsigned char)word[t]))
		t++;
	if (t && !ag_adr_has_token(adr, word, t))
		return false;
	return ag_find_word(adr->text, adr->len, word, n) != NULL;
}

/* Length of an "adr", "adr-", "adr_" or "adr " prefix before a number; 0. */
static size_t adr_prefix(const char *name)
{
	if (strncasecmp(name, "adr", 3))
		return 0;
	size_t k = 3 + (name[3] == '-' || name[3] == '_' || name[3] == ' ');
	return isdigit((unsigned char)name[k]) ? k : 0;
}

static const char *dup_span(struct ag_arena *a, struct ag_span s)
{
	return ag_arena_strndup(a, s.s, s.len);
}

static struct ag_pos pos_of(const struct ag_adr *adr, size_t line, const char *at)
{
	const struct ag_md_line *l = &adr->md.lines[line];
	int col = at ? (int)(at - (adr->text + l->off)) + 1 : 1;
	return (struct ag_pos){adr->file, (int)line + 1, col > 0 ? col : 1};
}

/* A new, zeroed link at the end of the record's list; NULL on ENOMEM. */
static struct ag_adr_link *new_link(struct ag_arena *a, struct ag_adr *adr)
{
	struct ag_adr_link *nl = ag_arena_realloc_array(a, adr->links, adr->nlinks,
							adr->nlinks + 1, sizeof(*nl));
	if (!nl)
		return NULL;
	adr->links = nl;
	return &nl[adr->nlinks++];
}

/* "Superseded by [3. T](0003-t.md)" or "**Amends:** [..](..)": a link line. */
static int parse_link_line(struct ag_arena *a, struct ag_adr *adr, size_t i,
			   struct ag_span line, bool allow_status_words)
{
	struct ag_span text, target;
	if (!ag_md_link(line, &text, &target))
		return 0;
	if (target.len < 3 || strncasecmp(target.s + target.len - 3, ".md", 3))
		return 0;
	const char *lb = memchr(line.s, '[', line.len);
	struct ag_span type = {line.s, (size_t)(lb - line.s)};
	while (type.len && strchr(" *_:-", type.s[0]))
		type.s++, type.len--;
	while (type.len && strchr(" *_:", type.s[type.len - 1]))
		type.len--;
	if (!type.len || type.len > 40)
		return 0;
	for (size_t k = 0; k < type.len; k++)
		if (!isalpha((unsigned char)type.s[k]) && type.s[k] != ' ' && type.s[k] != '-')
			return 0;
	if (!allow_status_words && ag_adr_status_parse(type.s, type.len) != AG_ADR_UNKNOWN &&
	    !ag_span_prefix(type, "superseded by") && !ag_span_prefix(type, "superceded by"))
		return 0;
	struct ag_adr_link *l = new_link(a, adr);
	if (!l)
		return AG_ENOMEM;
	/* normalise adr-tools' "Superceded" spelling in the type only */
	char *t = ag_arena_strndup(a, type.s, type.len);
	const char *tail = target.s + target.len;
	while (tail > target.s && tail[-1] != '/')
		tail--;
	l->type = t;
	l->target = ag_arena_strndup(a, tail, (size_t)(target.s + target.len - tail));
	l->text = dup_span(a, text);
	if (!l->type || !l->target || !l->text)
		return AG_ENOMEM;
	if (!strncasecmp(t, "superceded", 10))
		memcpy(t, "Superseded", 10);
	if (!strncasecmp(t, "supercedes", 10))
		memcpy(t, "Supersedes", 10);
	l->pos = pos_of(adr, i, type.s);
	l->line = i;
	return 0;
}

static int set_tags(struct ag_arena *a, struct ag_adr *adr, struct ag_span v)
{
	size_t n = 1;
	for (size_t k = 0; k < v.len; k++)
		n += v.s[k] == ',';
	adr->tags = ag_arena_alloc(a, n * sizeof(*adr->tags));
	if (!adr->tags)
		return AG_ENOMEM;
	size_t start = 0;
	for (size_t k = 0; k <= v.len; k++) {
		if (k < v.len && v.s[k] != ',')
			continue;
		struct ag_span t = ag_span_trim((struct ag_span){v.s + start, k - start});
		while (t.len && (t.s[0] == '[' || t.s[0] == '#'))
			t.s++, t.len--;
		while (t.len && t.s[t.len - 1] == ']')
			t.len--;
		if (t.len && !(adr->tags[adr->ntags++] = dup_span(a, t)))
			return AG_ENOMEM;
		start = k + 1;
	}
	return 0;
}

/* A front-matter value as one string; lists are joined with ", ". */
static const char *fm_string(struct ag_arena *a, const struct ag_ynode *v)
{
	if (!v || ag_yaml_is_null(v))
		return NULL;
	if (v->kind == AG_Y_SCALAR)
		return v->str;
	if (v->kind != AG_Y_SEQ)
		return NULL;
	struct ag_buf b = AG_BUF_INIT;
	for (size_t i = 0; i < v->n; i++)
		if (v->kids[i]->kind == AG_Y_SCALAR)
			ag_buf_printf(&b, "%s%s", b.len ? ", " : "", v->kids[i]->str);
	/* NULL, as when the arena is full, when the list did not fit */
	const char *s = ag_buf_err(&b) ? NULL : ag_arena_strdup(a, b.data);
	ag_buf_release(&b);
	return s;
}

/* MADR's "superseded by ADR-0123" names the record by number only: a link
 * whose target "ADR-0123" is resolved by number (ag_adrs_link_target). */
static int status_ref_link(struct ag_arena *a, struct ag_adr *adr, struct ag_span v)
{
	struct ag_span t = ag_span_trim(v);
	if (!ag_span_prefix(t, "superseded by") && !ag_span_prefix(t, "superceded by"))
		return 0;
	struct ag_span r = ag_span_trim((struct ag_span){t.s + 13, t.len - 13});
	size_t k = 0;
	if (ag_span_prefix(r, "adr"))
		k = 3 + (r.len > 3 && (r.s[3] == '-' || r.s[3] == ' '));
	size_t d = k;
	while (d < r.len && isdigit((unsigned char)r.s[d]))
		d++;
	if (d == k || d - k > 6)
		return 0;
	struct ag_adr_link *l = new_link(a, adr);
	if (!l)
		return AG_ENOMEM;
	char ref[16];
	snprintf(ref, sizeof(ref), "ADR-%.*s", (int)(d - k), r.s + k);
	l->type = "Superseded by";
	l->target = ag_arena_strdup(a, ref);
	l->text = l->target;
	l->pos = adr->status_pos;
	l->line = adr->status_line >= 0 ? (size_t)adr->status_line : 0;
	return l->target ? 0 : AG_ENOMEM;
}

static int parse_front_matter(struct ag_arena *a, struct ag_adr *adr)
{
	const struct ag_md *d = &adr->md;
	if (d->front_end < 2)
		return 0;
	size_t from = d->lines[1].off, to = d->lines[d->front_end - 1].off;
	struct ag_diags ignore;
	ag_diags_init(&ignore);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(a, adr->file, adr->text + from, to - from, &root, &ignore);
	ag_diags_release(&ignore);
	if (rc == AG_ENOMEM)
		return rc;
	if (rc || !root)
		return 0; /* malformed front matter: the adr-status rule reports it */
	adr->format = AG_ADRF_MADR;
	const struct ag_ynode *st = ag_yaml_get(root, "status");
	if (st && st->kind == AG_Y_SCALAR) {
		adr->status_text = st->str;
		adr->status = ag_adr_status_parse(st->str, st->len);
		adr->status_line = st->line; /* front matter line 1 is md line 1 */
		adr->status_pos = pos_of(adr, (size_t)st->line, NULL);
		adr->status_pos.col = st->col;
		struct ag_span sv = {st->str, st->len};
		size_t before = adr->nlinks;
		int lrc = parse_link_line(a, adr, (size_t)st->line, sv, true);
		if (lrc)
			return lrc;
		if (adr->nlinks == before && (lrc = status_ref_link(a, adr, sv)))
			return lrc;
		/* the value was parsed from the YAML copy: point at the file */
		for (size_t k = before; k < adr->nlinks; k++)
			adr->links[k].pos = adr->status_pos;
	}
	const struct ag_ynode *dt = ag_yaml_get(root, "date");
	if (dt && dt->kind == AG_Y_SCALAR) {
		adr->date = dt->str;
		adr->date_pos = pos_of(adr, (size_t)dt->line, NULL);
		adr->date_pos.col = dt->col;
	}
	adr->deciders = fm_string(a, ag_yaml_get(root, "deciders"));
	if (!adr->deciders)
		adr->deciders = fm_string(a, ag_yaml_get(root, "decision-makers"));
	const char *tags = fm_string(a, ag_yaml_get(root, "tags"));
	if (tags && (rc = set_tags(a, adr, (struct ag_span){tags, strlen(tags)})))
		return rc;
	return 0;
}

int ag_adr_parse(struct ag_arena *a, const char *file, const char *text,
		 size_t len, struct ag_adr *out)
{
	memset(out, 0, sizeof(*out));
	out->file = file;
	out->text = text;
	out->len = len;
	out->number = -1;
	out->title = "";
	out->title_line = -1;
	out->status_line = -1;
	const char *base = strrchr(file, '/');
	out->name = base ? base + 1 : file;
	const char *num = out->name + adr_prefix(out->name);
	size_t digits = 0;
	while (isdigit((unsigned char)num[digits]))
		digits++;
	if (num == out->name && digits == 8 && out->name[8] == '-') {
		out->format = AG_ADRF_LOG4BRAINS; /* YYYYMMDD-slug.md */
	} else if (num == out->name && digits == 4 && out->name[4] == '-' &&
		   isdigit((unsigned char)out->name[5]) && isdigit((unsigned char)out->name[6]) &&
		   out->name[7] == '-' && isdigit((unsigned char)out->name[8])) {
		/* YYYY-MM-DD-slug.md: dated, not numbered */
	} else if (digits && digits <= 6) {
		int v = 0;
		for (size_t k = 0; k < digits; k++)
			v = v * 10 + (num[k] - '0');
		out->number = v;
	}
	int rc = ag_md_parse(a, text, len, &out->md);
	if (rc)
		return rc;
	if ((rc = parse_front_matter(a, out)))
		return rc;
	const struct ag_md *d = &out->md;
	bool in_status = false, in_links = false, header = true;
	for (size_t i = d->front_end; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		struct ag_span v;
		if (l->kind == AG_MD_HEADING) {
			if (l->level == 1 && out->title_line < 0) {
				struct ag_span t = l->text;
				size_t k = 0;
				if (ag_span_prefix(t, "ADR")) {
					k = 3;
					while (k < t.len && (t.s[k] == '-' || t.s[k] == ' ' || t.s[k] == '#' ||
							     isdigit((unsigned char)t.s[k])))
						k++;
					k = k < t.len && t.s[k] == ':' ? k + 1 : 0;
				} else {
					while (k < t.len && isdigit((unsigned char)t.s[k]))
						k++;
					if (k && k < t.len && t.s[k] == '.') {
						k++;
						if (out->format == AG_ADRF_SEED)
							out->format = AG_ADRF_NYGARD;
					} else {
						k = 0;
					}
				}
				struct ag_span title = ag_span_trim((struct ag_span){t.s + k, t.len - k});
				if (!(out->title = dup_span(a, title)))
					return AG_ENOMEM;
				out->title_pos = pos_of(out, i, title.s);
				out->title_line = (long)i;
				continue;
			}
			in_status = ag_span_eq(l->text, "status");
			in_links = ag_span_eq(l->text, "links");
			if (!in_status && l->level <= 2)
				header = false;
			if (in_status && out->format == AG_ADRF_SEED && out->status_line < 0)
				out->format = AG_ADRF_NYGARD;
			continue;
		}
		if (l->kind != AG_MD_TEXT)
			continue;
		if (in_status) {
			if (out->status_line < 0 && !ag_md_link(l->text, &v, &v)) {
				out->status_text = dup_span(a, l->text);
				out->status = ag_adr_status_parse(l->text.s, l->text.len);
				out->status_line = (long)i;
				out->status_pos = pos_of(out, i, l->text.s);
				if (!out->status_text)
					return AG_ENOMEM;
				continue;
			}
			/* A link line. adr-tools writes the superseding link in place
			 * of the status ("Superseded by [3. T](0003-t.md)"), and in a
			 * chain it removes the status and leaves only link lines: the
			 * "Superseded by" line is then the status. */
			if ((rc = parse_link_line(a, out, i, l->text, true)))
				return rc;
			if (out->status_line < 0 && (ag_span_prefix(l->text, "superseded by") ||
						     ag_span_prefix(l->text, "superceded by"))) {
				out->status_text = dup_span(a, l->text);
				out->status = AG_ADR_SUPERSEDED;
				out->status_line = (long)i;
				out->status_pos = pos_of(out, i, l->text.s);
			}
			continue;
		}
		if (in_links) {
			/* MADR 2 and log4brains keep links in a "## Links" section */
			if ((rc = parse_link_line(a, out, i, l->text, false)))
				return rc;
			continue;
		}
		if (!header)
			continue;
		if (out->status_line < 0 && ag_md_meta(d, i, "status", &v)) {
			if (out->format == AG_ADRF_SEED && (l->text.s[0] == '*' || l->text.s[0] == '-') &&
			    l->text.len > 1 && l->text.s[1] == ' ')
				out->format = l->text.s[0] == '-' ? AG_ADRF_LOG4BRAINS : AG_ADRF_MADR;
			out->status_text = dup_span(a, v);
			out->status = ag_adr_status_parse(v.s, v.len);
			out->status_line = (long)i;
			out->status_pos = pos_of(out, i, v.s);
			if (!out->status_text)
				return AG_ENOMEM;
			if ((rc = parse_link_line(a, out, i, v, true)))
				return rc;
		} else if (!out->date && ag_md_meta(d, i, "date", &v)) {
			out->date = dup_span(a, v);
			out->date_pos = pos_of(out, i, v.s);
		} else if (!out->deciders && (ag_md_meta(d, i, "deciders", &v) ||
					      ag_md_meta(d, i, "decision-makers", &v))) {
			out->deciders = dup_span(a, v);
		} else if (!out->phase && ag_md_meta(d, i, "phase", &v)) {
			out->phase = dup_span(a, v);
			out->phase_pos = pos_of(out, i, v.s);
		} else if (!out->ntags && ag_md_meta(d, i, "tags", &v)) {
			if ((rc = set_tags(a, out, v)))
				return rc;
		} else if ((rc = parse_link_line(a, out, i, l->text, false))) {
			return rc;
		}
	}
	return 0;
}

bool ag_record_file_name(const char *name)
{
	size_t l = strlen(name);
	return l >= 5 && !strcasecmp(name + l - 3, ".md") &&
	       isdigit((unsigned char)name[adr_prefix(name)]);
}

int ag_adrs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_adrs *out, struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->dir_rel = dir_rel;
	out->dir = dir;
	char **names;
	size_t n;
	int rc = ag_dir_list(dir, ag_record_file_name, &names, &n), bad = 0;
	if (!rc && n && !(out->v = ag_arena_alloc(a, n * sizeof(*out->v))))
		rc = AG_ENOMEM;
	struct ag_buf path = AG_BUF_INIT;
	for (size_t i = 0; !rc && i < n; i++) {
		ag_buf_reset(&path);
		size_t dl = strlen(dir_rel) + strlen(names[i]) + 2;
		char *disp = ag_arena_alloc(a, dl);
		if (!disp || ag_buf_printf(&path, "%s/%s", dir, names[i])) {
			rc = AG_ENOMEM;
			break;
		}
		if (!strcmp(dir_rel, ".") || !*dir_rel) /* records at the root */
			snprintf(disp, dl, "%s", names[i]);
		else
			snprintf(disp, dl, "%s/%s", dir_rel, names[i]);
		char *data;
		size_t len;
		int r = ag_read_file(path.data, AG_ADR_MAX_BYTES, &data, &len);
		if (r == AG_ELIMIT) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 1, 1,
				     "decision record is %zu bytes; the limit is %zu", len,
				     AG_ADR_MAX_BYTES);
			bad = AG_EINVAL;
			continue;
		}
		if (r) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 0, 0, "cannot read '%s': %s",
				     path.data, ag_strerror(r));
			rc = r == AG_ENOMEM ? r : AG_EIO;
			break;
		}
		char *text = ag_arena_strndup(a, data, len);
		free(data);
		if (!text) {
			rc = AG_ENOMEM;
			break;
		}
		if (memchr(text, '\0', len)) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 1, 1,
				     "decision record contains NUL bytes; is it a binary file?");
			bad = AG_EINVAL;
			continue;
		}
		rc = ag_adr_parse(a, disp, text, len, &out->v[out->n++]);
	}
	ag_buf_release(&path);
	ag_dir_list_free(names, n);
	/* links by number only ("superseded by ADR-0123") now name their file */
	for (size_t i = 0; !rc && i < out->n; i++)
		for (size_t k = 0; k < out->v[i].nlinks; k++) {
			struct ag_adr_link *l = &out->v[i].links[k];
			const struct ag_adr *t;
			if (!strncmp(l->target, "ADR-", 4) && !strstr(l->target, ".md") &&
			    (t = ag_adrs_link_target(out, l)) != NULL)
				l->target = t->name;
		}
	return rc ? rc : bad;
}

static int cmp_adr_name(const void *x, const void *y)
{
	const struct ag_adr *a = x, *b = y;
	int r = strcmp(a->name, b->name);
	return r ? r : strcmp(a->file, b->file);
}

int ag_adrs_load_where(struct ag_arena *a, const struct ag_adr_where *w,
		       struct ag_adrs *out, struct ag_diags *diags)
{
	int rc = ag_adrs_load(a, w->dir, w->dir_rel, out, diags), bad = 0;
	if (rc == AG_EINVAL)
		bad = rc, rc = 0;
	for (size_t p = 0; !rc && p < w->npkgs; p++) {
		if (!strcmp(w->pkgs[p].dir, w->dir))
			continue;
		struct ag_adrs more;
		rc = ag_adrs_load(a, w->pkgs[p].dir, w->pkgs[p].dir_rel, &more, diags);
		if (rc == AG_EINVAL)
			bad = rc, rc = 0;
		if (rc || !more.n)
			continue;
		struct ag_adr *v = ag_arena_realloc_array(a, out->v, out->n, out->n + more.n,
							  sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		for (size_t i = 0; i < more.n; i++) {
			more.v[i].package = w->pkgs[p].name;
			v[out->n + i] = more.v[i];
		}
		out->v = v;
		out->n += more.n;
	}
	if (w->npkgs && out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_adr_name);
	out->pkgs = w->pkgs;
	out->npkgs = w->npkgs;
	out->how = w->how;
	out->looked = w->looked;
	out->nlooked = w->nlooked;
	return rc ? rc : bad;
}

size_t ag_adrs_by_number(const struct ag_adrs *adrs, int n, const struct ag_adr **out)
{
	size_t count = 0;
	*out = NULL;
	for (size_t i = 0; i < adrs->n; i++)
		if (adrs->v[i].number == n && n >= 0) {
			if (!count)
				*out = &adrs->v[i];
			count++;
		}
	return count;
}

const struct ag_adr *ag_adrs_find(const struct ag_adrs *adrs, const char *ref,
				  bool *ambiguous)
{
	*ambiguous = false;
	const char *r = ref;
	if (!strncasecmp(r, "ADR-", 4) || !strncasecmp(r, "ADR", 3))
		r += r[3] == '-' ? 4 : 3;
	size_t k = 0;
	while (isdigit((unsigned char)r[k]))
		k++;
	if (k && !r[k] && k <= 6) {
		const struct ag_adr *hit;
		size_t c = ag_adrs_by_number(adrs, ag_leading_number(r), &hit);
		*ambiguous = c > 1;
		return c == 1 ? hit : NULL;
	}
	const struct ag_adr *hit = NULL;
	size_t rl = strlen(ref);
	for (size_t i = 0; i < adrs->n; i++) {
		const char *nm = adrs->v[i].name;
		size_t nl = strlen(nm);
		bool match = !strcmp(nm, ref) || (nl == rl + 3 && !strncmp(nm, ref, rl));
		if (!match) { /* slug without the number prefix */
			const char *dash = strchr(nm, '-');
			match = dash && strlen(dash + 1) == rl + 3 && !strncmp(dash + 1, ref, rl);
		}
		if (match) {
			if (hit) {
				*ambiguous = true;
				return NULL;
			}
			hit = &adrs->v[i];
		}
	}
	return hit;
}

const struct ag_adr *ag_adrs_link_target(const struct ag_adrs *adrs,
					 const struct ag_adr_link *l)
{
	const char *t = l->target;
	if (!strncmp(t, "ADR-", 4) && isdigit((unsigned char)t[4]) && !strstr(t, ".md")) {
		const struct ag_adr *hit;
		return ag_adrs_by_number(adrs, ag_leading_number(t + 4), &hit) == 1 ? hit : NULL;
	}
	/* records are sorted by file name (ag_adrs_load), so binary search */
	size_t lo = 0, hi = adrs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(adrs->v[mid].name, t);
		if (!r)
			return &adrs->v[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *ag_adr_link_reverse(const char *type)
{
	static const char *const pairs[][2] = {
		{"Supersedes", "Superseded by"}, {"Amends", "Amended by"},
		{"Extends", "Extended by"},      {"Clarifies", "Clarified by"},
		{"Refines", "Refined by"},       {"Depends on", "Depended on by"},
		{"Relates to", "Relates to"},    {"Implements", "Implemented by"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (!strcasecmp(type, pairs[i][0]))
			return pairs[i][1];
		if (!strcasecmp(type, pairs[i][1]))
			return pairs[i][0];
	}
	return NULL;
}

int ag_adr_label(const struct ag_adr *adr, struct ag_buf *out)
{
	if (adr->format == AG_ADRF_NYGARD)
		return ag_buf_printf(out, "%d. %s", adr->number, adr->title);
	if (adr->number >= 0)
		return ag_buf_printf(out, "ADR-%03d: %s", adr->number, adr->title);
	return ag_buf_adds(out, adr->title);
}
