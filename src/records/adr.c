/*
 * adr.c - reading decision records in the seed, adr-tools, MADR and
 * log4brains formats; see adr.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "adr.h"
#include "base/fsutil.h"
#include "yaml/schema.h"
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

/* Status words as teams write them, each mapped to a lifecycle state
 * (arch/decisions/0024). Longer phrases first where one starts another. */
static const struct {
	const char *w;
	enum ag_adr_status st;
} status_words[] = {
	{"partly superseded", AG_ADR_ACCEPTED}, {"partially superseded", AG_ADR_ACCEPTED},
	{"proposed", AG_ADR_PROPOSED}, {"proposal", AG_ADR_PROPOSED}, {"draft", AG_ADR_PROPOSED},
	{"pending", AG_ADR_PROPOSED},
	{"in review", AG_ADR_PROPOSED}, {"under review", AG_ADR_PROPOSED},
	{"in discussion", AG_ADR_PROPOSED}, {"in progress", AG_ADR_PROPOSED},
	{"on hold", AG_ADR_PROPOSED}, {"postponed", AG_ADR_PROPOSED},
	{"deferred", AG_ADR_PROPOSED}, {"suggested", AG_ADR_PROPOSED},
	{"wip", AG_ADR_PROPOSED}, {"open", AG_ADR_PROPOSED}, {"idea", AG_ADR_PROPOSED},
	{"accepted", AG_ADR_ACCEPTED}, {"approved", AG_ADR_ACCEPTED},
	{"adopted", AG_ADR_ACCEPTED}, {"agreed", AG_ADR_ACCEPTED},
	{"decided", AG_ADR_ACCEPTED}, {"implemented", AG_ADR_ACCEPTED},
	{"active", AG_ADR_ACCEPTED}, {"done", AG_ADR_ACCEPTED},
	{"rejected", AG_ADR_REJECTED}, {"declined", AG_ADR_REJECTED},
	{"withdrawn", AG_ADR_REJECTED}, {"abandoned", AG_ADR_REJECTED},
	{"not accepted", AG_ADR_REJECTED},
	{"deprecated", AG_ADR_DEPRECATED}, {"obsolete", AG_ADR_DEPRECATED},
	{"retired", AG_ADR_DEPRECATED}, {"archived", AG_ADR_DEPRECATED},
	{"reverted", AG_ADR_DEPRECATED}, {"no longer relevant", AG_ADR_DEPRECATED},
	{"superseded", AG_ADR_SUPERSEDED}, {"superceded", AG_ADR_SUPERSEDED},
	{"replaced", AG_ADR_SUPERSEDED},
	/* de, fr, es, pt, zh, ja */
	{"vorgeschlagen", AG_ADR_PROPOSED}, {"entwurf", AG_ADR_PROPOSED},
	{"akzeptiert", AG_ADR_ACCEPTED}, {"angenommen", AG_ADR_ACCEPTED},
	{"abgelehnt", AG_ADR_REJECTED}, {"veraltet", AG_ADR_DEPRECATED},
	{"ersetzt", AG_ADR_SUPERSEDED},
	{"propos\xc3\xa9", AG_ADR_PROPOSED}, {"brouillon", AG_ADR_PROPOSED},
	{"accept\xc3\xa9", AG_ADR_ACCEPTED}, {"rejet\xc3\xa9", AG_ADR_REJECTED},
	{"d\xc3\xa9pr\xc3\xa9" "ci\xc3\xa9", AG_ADR_DEPRECATED},
	{"remplac\xc3\xa9", AG_ADR_SUPERSEDED},
	{"propuesto", AG_ADR_PROPOSED}, {"borrador", AG_ADR_PROPOSED},
	{"aceptado", AG_ADR_ACCEPTED}, {"rechazado", AG_ADR_REJECTED},
	{"obsoleto", AG_ADR_DEPRECATED}, {"reemplazado", AG_ADR_SUPERSEDED},
	{"proposto", AG_ADR_PROPOSED}, {"rascunho", AG_ADR_PROPOSED},
	{"aceito", AG_ADR_ACCEPTED}, {"aprovado", AG_ADR_ACCEPTED},
	{"rejeitado", AG_ADR_REJECTED}, {"substitu\xc3\xad" "do", AG_ADR_SUPERSEDED},
	{"\xe6\x8f\x90\xe8\xae\xae", AG_ADR_PROPOSED},          /* 提议 */
	{"\xe8\x8d\x89\xe7\xa8\xbf", AG_ADR_PROPOSED},          /* 草稿 */
	{"\xe5\xb7\xb2\xe6\x8e\xa5\xe5\x8f\x97", AG_ADR_ACCEPTED}, /* 已接受 */
	{"\xe6\x8e\xa5\xe5\x8f\x97", AG_ADR_ACCEPTED},          /* 接受 */
	{"\xe5\xb7\xb2\xe6\x8b\x92\xe7\xbb\x9d", AG_ADR_REJECTED}, /* 已拒绝 */
	{"\xe5\xba\x9f\xe5\xbc\x83", AG_ADR_DEPRECATED},        /* 废弃 */
	{"\xe6\x8f\x90\xe6\xa1\x88", AG_ADR_PROPOSED},          /* 提案 */
	{"\xe6\x89\xbf\xe8\xaa\x8d", AG_ADR_ACCEPTED},          /* 承認 */
	{"\xe5\x8d\xb4\xe4\xb8\x8b", AG_ADR_REJECTED},          /* 却下 */
	{"\xe5\xbb\x83\xe6\xad\xa2", AG_ADR_DEPRECATED},        /* 廃止 */
};

/* The status phrase at the start of s[0..n) after markup: its state, and in
 * *len how many bytes it and the markup around it take (0: none). */
static enum ag_adr_status status_phrase(const char *s, size_t n, size_t *len)
{
	size_t k = 0;
	*len = 0;
	while (k < n && (s[k] == ' ' || s[k] == '*' || s[k] == '_' || s[k] == '"' ||
			 s[k] == '\'' || s[k] == '`' || s[k] == '['))
		k++;
	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]); i++) {
		size_t wl = strlen(status_words[i].w);
		if (n - k >= wl && !strncasecmp(s + k, status_words[i].w, wl) &&
		    (n - k == wl || !isalpha((unsigned char)s[k + wl]))) {
			size_t e = k + wl;
			while (e < n && (s[e] == '*' || s[e] == '_' || s[e] == '"' || s[e] == '\'' ||
					 s[e] == '`' || s[e] == ']'))
				e++;
			*len = e;
			return status_words[i].st;
		}
	}
	return AG_ADR_UNKNOWN;
}

enum ag_adr_status ag_adr_status_parse(const char *s, size_t n)
{
	size_t len;
	return status_phrase(s, n, &len);
}

const char *ag_adr_status_rest(const char *status_text)
{
	if (!status_text)
		return "";
	size_t n = strlen(status_text), len;
	if (status_phrase(status_text, n, &len) == AG_ADR_UNKNOWN)
		return "";
	const char *r = status_text + len;
	const char *t = r;
	while (*t == ' ')
		t++;
	/* "; supersedes ADR-0045", ", since 2020", " (2019-06-21)", " - see X" */
	if (*t && (strchr(";,(:/-", *t) || !strncmp(t, "\xe2\x80\x93", 3) ||
		   !strncmp(t, "\xe2\x80\x94", 3)))
		return r;
	return "";
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

int ag_adr_name_number(const char *name, size_t *prefix_len, size_t *ndigits)
{
	size_t pre = adr_prefix(name), digits = 0;
	const char *num = name + pre;
	while (isdigit((unsigned char)num[digits]))
		digits++;
	*prefix_len = pre;
	*ndigits = digits;
	if (!pre && digits == 8 && name[8] == '-')
		return -1; /* YYYYMMDD-slug.md: dated, not numbered */
	if (!pre && digits == 4 && name[4] == '-' && isdigit((unsigned char)name[5]) &&
	    isdigit((unsigned char)name[6]) && name[7] == '-' && isdigit((unsigned char)name[8]))
		return -1; /* YYYY-MM-DD-slug.md */
	if (!digits || digits > 6)
		return -1;
	int v = 0;
	for (size_t k = 0; k < digits; k++)
		v = v * 10 + (num[k] - '0');
	return v;
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

/* ---- section names ---- */

static const char *const names_status[] = {
	"Status", "\xe7\x8a\xb6\xe6\x80\x81", "\xe7\x8b\x80\xe6\x85\x8b", /* 状态 狀態 */
	"\xe3\x82\xb9\xe3\x83\x86\xe3\x83\xbc\xe3\x82\xbf\xe3\x82\xb9", /* ステータス */
	"\xe7\x8a\xb6\xe6\x85\x8b", /* 状態 */
	"Stand", "Statut", "Estado", "Situa\xc3\xa7\xc3\xa3o", NULL};
static const char *const names_date[] = {
	"Date", "\xe6\x97\xa5\xe6\x9c\x9f", /* 日期 */
	"\xe6\x97\xa5\xe4\xbb\x98", /* 日付 */
	"Datum", "Fecha", "Data", NULL};
static const char *const names_links[] = {
	"Links", "\xe9\x93\xbe\xe6\x8e\xa5", /* 链接 */
	"\xe3\x83\xaa\xe3\x83\xb3\xe3\x82\xaf", /* リンク */
	"Verweise", "Liens", "Enlaces", "Liga\xc3\xa7\xc3\xb5" "es", NULL};
static const char *const names_context[] = {
	"Context", "\xe8\x83\x8c\xe6\x99\xaf", /* 背景 (zh, ja) */
	"\xe4\xb8\x8a\xe4\xb8\x8b\xe6\x96\x87", /* 上下文 */
	"\xe3\x82\xb3\xe3\x83\xb3\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88", /* コンテキスト */
	"\xe6\x96\x87\xe8\x84\x88", /* 文脈 */
	"Kontext", "Hintergrund", "Contexte", "Contexto", NULL};
static const char *const names_decision[] = {
	"Decision", "Proposal", "Resolution", "\xe5\x86\xb3\xe7\xad\x96", /* 决策 */
	"\xe5\x86\xb3\xe5\xae\x9a", /* 决定 */
	"\xe6\xb1\xba\xe5\xae\x9a", /* 決定 */
	"Entscheidung", "D\xc3\xa9" "cision", "Decisi\xc3\xb3n", "Decis\xc3\xa3o", NULL};
static const char *const names_consequences[] = {
	"Consequences", "\xe5\x90\x8e\xe6\x9e\x9c", /* 后果 */
	"\xe5\xbd\xb1\xe5\x93\x8d", /* 影响 */
	"\xe7\xb5\x90\xe6\x9e\x9c", /* 結果 */
	"\xe5\xbd\xb1\xe9\x9f\xbf", /* 影響 */
	"Konsequenzen", "Folgen", "Auswirkungen", "Cons\xc3\xa9quences", "Consecuencias",
	"Consequ\xc3\xaancias", NULL};
static const char *const names_alternatives[] = {
	"Alternatives Considered", "Alternatives", "Options Considered", "Considered Options",
	"Dismissed Alternatives", "Rejected Alternatives", "Options",
	"\xe5\xa4\x87\xe9\x80\x89\xe6\x96\xb9\xe6\xa1\x88", /* 备选方案 */
	"\xe6\x9b\xbf\xe4\xbb\xa3\xe6\x96\xb9\xe6\xa1\x88", /* 替代方案 */
	"\xe4\xbb\xa3\xe6\x9b\xbf\xe6\xa1\x88", /* 代替案 */
	"\xe6\xa4\x9c\xe8\xa8\x8e\xe3\x81\x97\xe3\x81\x9f\xe9\x81\xb8\xe6\x8a\x9e\xe8\x82\xa2", /* 検討した選択肢 */
	"Alternativen", "Betrachtete Optionen", "Optionen", "Options envisag\xc3\xa9" "es",
	"Alternativas", "Opciones consideradas", "Op\xc3\xa7\xc3\xb5" "es consideradas", NULL};

const char *const *ag_adr_section_names(enum ag_adr_section s)
{
	static const char *const *const all[AG_ADRS_COUNT] = {
		names_status, names_date, names_links, names_context, names_decision,
		names_consequences, names_alternatives};
	return s < AG_ADRS_COUNT ? all[s] : names_status;
}

static bool name_in(const char *const *names, struct ag_span t, bool prefix)
{
	for (size_t k = 0; names && names[k]; k++)
		if (prefix ? ag_span_prefix(t, names[k]) : ag_span_eq(t, names[k]))
			return true;
	return false;
}

bool ag_adr_section_is(const struct ag_adr_vocab *v, enum ag_adr_section s,
		       struct ag_span t, bool prefix)
{
	/* "Status: Accepted" as a heading, "Context {#ctx}", "1. Context" */
	t = ag_span_trim(t);
	return name_in(ag_adr_section_names(s), t, prefix) ||
	       (v && s < AG_ADRS_COUNT && name_in(v->extra[s], t, prefix));
}

/* ag_md_meta for every name of field `s`. */
static bool meta_any(const struct ag_md *d, size_t i, const struct ag_adr_vocab *v,
		     enum ag_adr_section s, struct ag_span *val)
{
	const char *const *lists[2] = {ag_adr_section_names(s), v ? v->extra[s] : NULL};
	for (int l = 0; l < 2; l++)
		for (size_t k = 0; lists[l] && lists[l][k]; k++)
			if (ag_md_meta(d, i, lists[l][k], val))
				return true;
	return false;
}

/* How much of a title heading is its number: "ADR-012: ", "12. ", "12) ",
 * "12 - ", "ADR 7 — "; 0 when the title has none. */
static size_t title_prefix(struct ag_span t)
{
	/* "Architecture Decision Record: Title", "ADR: Title" */
	static const char *const words[] = {"Architecture Decision Record:", "Decision Record:",
					    "ADR:", NULL};
	for (size_t w = 0; words[w]; w++) {
		size_t wl = strlen(words[w]);
		if (ag_span_prefix(t, words[w])) {
			while (wl < t.len && t.s[wl] == ' ')
				wl++;
			return wl < t.len ? wl : 0;
		}
	}
	size_t k = 0;
	if (ag_span_prefix(t, "ADR")) {
		k = 3;
		while (k < t.len && (t.s[k] == '-' || t.s[k] == '_' || t.s[k] == ' ' || t.s[k] == '#'))
			k++;
	}
	size_t d = k;
	while (k < t.len && isdigit((unsigned char)t.s[k]))
		k++;
	if (k == d)
		return 0;
	size_t e = k;
	while (e < t.len && t.s[e] == ' ')
		e++;
	bool sep = false;
	if (e < t.len && strchr(":.)-", t.s[e])) {
		e++;
		sep = true;
	} else if (t.len - e >= 3 && (!strncmp(t.s + e, "\xe2\x80\x93", 3) ||
				      !strncmp(t.s + e, "\xe2\x80\x94", 3))) {
		e += 3;
		sep = true;
	}
	/* "12. Title" needs its separator; "ADR-012 Title" does not */
	if (!sep && d == 0)
		return 0;
	if (e < t.len && t.s[e] != ' ' && sep && d == 0)
		return 0; /* "1.5x faster" is a title, not a number */
	while (e < t.len && t.s[e] == ' ')
		e++;
	return e < t.len ? e : 0;
}

/* "Title {#anchor}" -> "Title". */
static struct ag_span strip_anchor(struct ag_span t)
{
	if (t.len > 2 && t.s[t.len - 1] == '}') {
		const char *ob = NULL;
		for (size_t k = t.len; k-- > 0;)
			if (t.s[k] == '{') {
				ob = t.s + k;
				break;
			}
		if (ob && ob > t.s && (ob[1] == '#' || ob[1] == '.'))
			t.len = (size_t)(ob - t.s);
	}
	return ag_span_trim(t);
}

/* Whether a line states a typed link: "Superseded by ...", "* Amends ...". */
static bool known_link_type(struct ag_span t)
{
	while (t.len && strchr("-*+ _", t.s[0]))
		t.s++, t.len--;
	static const char *const types[] = {
		"Supersedes", "Superseded by", "Superceded by", "Supercedes", "Amends",
		"Amended by", "Extends", "Extended by", "Clarifies", "Clarified by",
		"Refines", "Refined by", "Depends on", "Implements", "Implemented by", "Replaces",
		"Replaced by", "Relates to", "Related to", NULL};
	for (size_t k = 0; types[k]; k++) {
		size_t n = strlen(types[k]);
		if (t.len > n && !strncasecmp(t.s, types[k], n) && strchr(" :*_", t.s[n]))
			return true;
	}
	return false;
}

/* "**Amends:** [..](..)", "Related: [..](..)": a metadata line whose key
 * names the link, unlike prose ("As mentioned in [..](..)"). */
static bool meta_link_shape(struct ag_span t)
{
	const char *lb = memchr(t.s, '[', t.len);
	if (!lb)
		return false;
	const char *e = lb;
	while (e > t.s && (e[-1] == ' ' || e[-1] == '*' || e[-1] == '_'))
		e--;
	return e > t.s && e[-1] == ':';
}

/* Whether key `k` (n bytes) starts with `word` followed by no letter. */
static bool key_starts(const char *k, size_t n, const char *word)
{
	size_t wl = strlen(word);
	return n >= wl && !strncasecmp(k, word, wl) && (n == wl || !isalpha((unsigned char)k[wl]));
}

/* A date written in prose, "Date of submission: 2019-06-21", "Decided on:
 * 2020-01-02", "Decision date: ...": the first line whose key starts with a
 * date word (or "decided", or "decision" and names a date). A key that only
 * ends in one ("Review Date: ...", "Implementation Date: ...") is another
 * date, not the record's. */
static int prose_date(struct ag_arena *a, struct ag_adr *adr, const struct ag_adr_vocab *v)
{
	const struct ag_md *d = &adr->md;
	const char *const *lists[2] = {ag_adr_section_names(AG_ADRS_DATE), v ? v->extra[AG_ADRS_DATE] : NULL};
	for (size_t i = d->front_end; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind != AG_MD_TEXT)
			continue;
		const char *colon = memchr(l->text.s, ':', l->text.len > 60 ? 60 : l->text.len);
		if (!colon)
			continue;
		const char *k = l->text.s;
		while (k < colon && strchr("-*_ ", *k))
			k++;
		size_t kn = (size_t)(colon - k);
		bool named = key_starts(k, kn, "decided"), dated = false;
		for (int li = 0; li < 2 && !named; li++)
			for (size_t q = 0; lists[li] && lists[li][q] && !named; q++) {
				named = key_starts(k, kn, lists[li][q]);
				dated = dated || ag_find_word(k, kn, lists[li][q], strlen(lists[li][q]));
			}
		if (!named && !(dated && key_starts(k, kn, "decision")))
			continue;
		const char *p = colon + 1, *end = l->text.s + l->text.len;
		while (p < end && strchr(" *_`", *p))
			p++;
		long days;
		if (end - p >= 10 && !ag_date_parse(p, 10, &days) &&
		    (end - p == 10 || !isdigit((unsigned char)p[10]))) {
			adr->date = ag_arena_strndup(a, p, 10);
			adr->date_pos = pos_of(adr, i, p);
			return adr->date ? 0 : AG_ENOMEM;
		}
	}
	return 0;
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

/* The target of reference `[ref]` from its definition line "[ref]: t". */
static bool ref_target(const struct ag_adr *adr, struct ag_span ref, struct ag_span *target)
{
	const struct ag_md *d = &adr->md;
	for (size_t i = 0; i < d->n; i++) {
		struct ag_span t = d->lines[i].text;
		if (d->lines[i].kind != AG_MD_TEXT || t.len < ref.len + 4 || t.s[0] != '[' ||
		    strncasecmp(t.s + 1, ref.s, ref.len) || t.s[ref.len + 1] != ']' ||
		    t.s[ref.len + 2] != ':')
			continue;
		struct ag_span v = ag_span_trim((struct ag_span){t.s + ref.len + 3, t.len - ref.len - 3});
		if (v.len && v.s[0] == '<') {
			const char *gt = memchr(v.s, '>', v.len);
			v = (struct ag_span){v.s + 1, gt ? (size_t)(gt - v.s - 1) : v.len - 1};
		} else {
			size_t n = 0;
			while (n < v.len && v.s[n] != ' ')
				n++;
			v.len = n;
		}
		*target = v;
		return v.len > 0;
	}
	return false;
}

/* A link in every Markdown form: inline "[t](x.md)", reference "[t][r]",
 * "[r][]" or "[r]" with its "[r]: x.md" definition, or bare "x.md" /
 * "<x.md>". *start: where the link starts in the line. */
static bool find_link(const struct ag_adr *adr, struct ag_span line, struct ag_span *text,
		      struct ag_span *target, const char **start)
{
	if (ag_md_link(line, text, target)) {
		/* the '[' that opens it */
		const char *p = text->s - 1;
		*start = p;
		return true;
	}
	const char *end = line.s + line.len;
	for (const char *lb = memchr(line.s, '[', line.len); lb;
	     lb = lb + 1 < end ? memchr(lb + 1, '[', (size_t)(end - lb - 1)) : NULL) {
		const char *rb = memchr(lb, ']', (size_t)(end - lb));
		if (!rb)
			break;
		struct ag_span t = {lb + 1, (size_t)(rb - lb - 1)}, ref = t;
		if (rb + 1 < end && rb[1] == '[') {
			const char *rb2 = memchr(rb + 1, ']', (size_t)(end - rb - 1));
			if (!rb2)
				break;
			if (rb2 > rb + 2)
				ref = (struct ag_span){rb + 2, (size_t)(rb2 - rb - 2)};
		} else if (rb + 1 < end && rb[1] == ':') {
			continue; /* a definition itself */
		}
		if (ref.len && ref_target(adr, ref, target)) {
			*text = t;
			*start = lb;
			return true;
		}
	}
	/* bare: the first word ending in .md */
	for (const char *p = line.s; p < end;) {
		while (p < end && (*p == ' ' || *p == '<' || *p == '('))
			p++;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '>' && *p != ')' && *p != ',' && *p != ';')
			p++;
		size_t n = (size_t)(p - w);
		while (n && (w[n - 1] == '.' || w[n - 1] == '*') && !(n > 3 && !strncasecmp(w + n - 3, ".md", 3)))
			n--;
		if (n > 3 && !strncasecmp(w + n - 3, ".md", 3)) {
			*text = *target = (struct ag_span){w, n};
			*start = w > line.s && w[-1] == '<' ? w - 1 : w;
			return true;
		}
		if (p < end)
			p++;
	}
	return false;
}

/* Whether a link target names a record file: its base name (any folder,
 * any #fragment dropped) is a record's file name. */
static bool record_target(struct ag_span target)
{
	const char *hash = memchr(target.s, '#', target.len);
	size_t n = hash ? (size_t)(hash - target.s) : target.len;
	const char *b = target.s + n;
	while (b > target.s && b[-1] != '/')
		b--;
	char name[256];
	size_t bl = (size_t)(target.s + n - b);
	if (!bl || bl >= sizeof(name))
		return false;
	memcpy(name, b, bl);
	name[bl] = '\0';
	return ag_record_file_name(name);
}

/* "Superseded by [3. T](0003-t.md)" or "**Amends:** [..](..)": a link line. */
static int parse_link_line(struct ag_arena *a, struct ag_adr *adr, size_t i,
			   struct ag_span line, bool allow_status_words)
{
	struct ag_span text, target;
	const char *lb;
	if (!find_link(adr, line, &text, &target, &lb))
		return 0;
	/* only links to records are record links: README.md, guides, ... are not */
	if (!record_target(target))
		return 0;
	if (text.s == target.s && !known_link_type(line))
		return 0; /* a bare file name counts only after a link type */
	{
		const char *hash = memchr(target.s, '#', target.len);
		if (hash)
			target.len = (size_t)(hash - target.s);
	}
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

/* A front-matter key in any case: records written for Backstage or
 * TechDocs say "Title:" and "Date:" where MADR says "title:". */
static const struct ag_ynode *fm_get(const struct ag_ynode *map, const char *key)
{
	const struct ag_ynode *n = ag_yaml_get(map, key);
	if (n || !map || map->kind != AG_Y_MAP)
		return n;
	size_t kl = strlen(key);
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->len == kl && !strncasecmp(map->kids[i]->str, key, kl))
			return map->kids[i + 1];
	return NULL;
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
	const struct ag_ynode *st = fm_get(root, "status");
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
	const struct ag_ynode *ti = fm_get(root, "title");
	if (ti && ti->kind == AG_Y_SCALAR && ti->len) {
		adr->fm_title = ti->str;
		adr->fm_title_pos = pos_of(adr, (size_t)ti->line, NULL);
		adr->fm_title_pos.col = ti->col;
	}
	const struct ag_ynode *dt = fm_get(root, "date");
	if (dt && dt->kind == AG_Y_SCALAR) {
		adr->date = dt->str;
		adr->date_pos = pos_of(adr, (size_t)dt->line, NULL);
		adr->date_pos.col = dt->col;
	}
	adr->deciders = fm_string(a, fm_get(root, "deciders"));
	if (!adr->deciders)
		adr->deciders = fm_string(a, fm_get(root, "decision-makers"));
	const char *tags = fm_string(a, fm_get(root, "tags"));
	if (tags && (rc = set_tags(a, adr, (struct ag_span){tags, strlen(tags)})))
		return rc;
	return 0;
}

int ag_adr_parse(struct ag_arena *a, const char *file, const char *text,
		 size_t len, struct ag_adr *out)
{
	return ag_adr_parse_vocab(a, file, text, len, NULL, out);
}

int ag_adr_parse_vocab(struct ag_arena *a, const char *file, const char *text, size_t len,
		       const struct ag_adr_vocab *v0, struct ag_adr *out)
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
	size_t pre, digits;
	out->number = ag_adr_name_number(out->name, &pre, &digits);
	if (!pre && digits == 8 && out->name[8] == '-')
		out->format = AG_ADRF_LOG4BRAINS; /* YYYYMMDD-slug.md */
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
				size_t k = title_prefix(t);
				if (k && out->format == AG_ADRF_SEED && isdigit((unsigned char)t.s[0]) &&
				    t.s[k - 1 - (t.s[k - 1] == ' ')] == '.')
					out->format = AG_ADRF_NYGARD;
				t = strip_anchor(t);
				if (k > t.len) /* "# 2. {#intro}": the anchor was all the title */
					k = t.len;
				struct ag_span title = ag_span_trim((struct ag_span){t.s + k, t.len - k});
				if (!(out->title = dup_span(a, title)))
					return AG_ENOMEM;
				out->title_pos = pos_of(out, i, title.s);
				out->title_line = (long)i;
				continue;
			}
			in_status = ag_adr_section_is(v0, AG_ADRS_STATUS, l->text, false);
			in_links = ag_adr_section_is(v0, AG_ADRS_LINKS, l->text, false);
			if (!in_status && l->level <= 2)
				header = false;
			if (in_status && out->format == AG_ADRF_SEED && out->status_line < 0)
				out->format = AG_ADRF_NYGARD;
			continue;
		}
		/* a key/value table under the title holds metadata too */
		if (l->kind != AG_MD_TEXT &&
		    !(l->kind == AG_MD_TABLE && header && !in_status && !in_links))
			continue;
		if (in_status) {
			struct ag_span lt;
			const char *ls;
			/* the first line is the status unless it is a link to a record
			 * ("Reverted by [discussion](https://...)" is a status) */
			if (out->status_line < 0 &&
			    !(find_link(out, l->text, &v, &lt, &ls) && record_target(lt))) {
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
		if (!header) {
			/* "Superseded by [..](..)" stated as a bullet anywhere */
			if (known_link_type(l->text) && (rc = parse_link_line(a, out, i, l->text, true)))
				return rc;
			continue;
		}
		if (out->status_line < 0 && meta_any(d, i, v0, AG_ADRS_STATUS, &v)) {
			if (out->format == AG_ADRF_SEED && (l->text.s[0] == '*' || l->text.s[0] == '-') &&
			    l->text.len > 1 && l->text.s[1] == ' ')
				out->format = l->text.s[0] == '-' ? AG_ADRF_LOG4BRAINS : AG_ADRF_MADR;
			out->seed_marks = out->seed_marks || l->kind == AG_MD_TEXT;
			out->status_text = dup_span(a, v);
			out->status = ag_adr_status_parse(v.s, v.len);
			out->status_line = (long)i;
			out->status_pos = pos_of(out, i, v.s);
			if (!out->status_text)
				return AG_ENOMEM;
			if ((rc = parse_link_line(a, out, i, v, true)))
				return rc;
		} else if (!out->date && meta_any(d, i, v0, AG_ADRS_DATE, &v)) {
			out->seed_marks = out->seed_marks || l->kind == AG_MD_TEXT;
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
		} else if ((known_link_type(l->text) || meta_link_shape(l->text)) &&
			   (rc = parse_link_line(a, out, i, l->text, false))) {
			return rc;
		}
	}
	if (!out->date && (rc = prose_date(a, out, v0)))
		return rc;
	if (out->title_line < 0 && out->fm_title) {
		out->title = out->fm_title;
		out->title_pos = out->fm_title_pos;
	}
	/* MADR without front matter: its headings say so */
	if (out->format == AG_ADRF_SEED && ag_md_heading(d, 2, "Decision Outcome", 0) >= 0 &&
	    (ag_md_heading(d, 2, "Considered Options", 0) >= 0 ||
	     ag_md_heading(d, 2, "Context and Problem Statement", 0) >= 0))
		out->format = AG_ADRF_MADR;
	return 0;
}

bool ag_record_file_name(const char *name)
{
	size_t l = strlen(name), k = adr_prefix(name);
	if (l < 5 || strcasecmp(name + l - 3, ".md") || !isdigit((unsigned char)name[k]))
		return false;
	/* "0000-template.md", "000-adr-template.md": the folder's template,
	 * numbered so that it sorts first, is no record */
	while (name[k] == '0')
		k++;
	if (name[k] == '-' || name[k] == '_') {
		const char *slug = name + k + 1;
		size_t sl = l - 3 - (size_t)(slug - name);
		if (ag_find_word(slug, sl, "template", 8))
			return false;
	}
	return true;
}

static int load_dir(struct ag_arena *a, const char *dir, const char *dir_rel,
		    const struct ag_adr_vocab *vocab, struct ag_adrs *out, struct ag_diags *diags);

int ag_adrs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_adrs *out, struct ag_diags *diags)
{
	return load_dir(a, dir, dir_rel, NULL, out, diags);
}

static int load_dir(struct ag_arena *a, const char *dir, const char *dir_rel,
		    const struct ag_adr_vocab *vocab, struct ag_adrs *out, struct ag_diags *diags)
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
		rc = ag_adr_parse_vocab(a, disp, text, len, vocab, &out->v[out->n++]);
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

static bool visible_name(const char *name)
{
	return name[0] != '.';
}

/* Appends `more` to `out`, each record marked with package `pkg`. */
static int append_records(struct ag_arena *a, struct ag_adrs *out, const struct ag_adrs *more,
			  const char *pkg, bool sub)
{
	struct ag_adr *v = ag_arena_realloc_array(a, out->v, out->n, out->n + more->n, sizeof(*v));
	if (!v)
		return AG_ENOMEM;
	for (size_t i = 0; i < more->n; i++) {
		v[out->n + i] = more->v[i];
		v[out->n + i].package = pkg;
		v[out->n + i].in_subfolder = sub;
	}
	out->v = v;
	out->n += more->n;
	return 0;
}

/* The records one level down in the main folder's subfolders (never at the
 * repository root, never a symbolic link, never a log4brains package's
 * folder): MADR keeps categories there with their own numbers, teams an
 * archive (deprecated/, superseded/). */
static int load_subfolders(struct ag_arena *a, const struct ag_adr_where *w,
			   struct ag_adrs *out, struct ag_diags *diags, int *bad)
{
	if (!w->dir || !w->dir_rel || !*w->dir_rel || !strcmp(w->dir_rel, "."))
		return 0;
	char **subs;
	size_t ns;
	int rc = ag_dir_list(w->dir, visible_name, &subs, &ns);
	struct ag_buf path = AG_BUF_INIT;
	for (size_t i = 0; !rc && i < ns; i++) {
		ag_buf_reset(&path);
		struct stat st;
		if (ag_buf_printf(&path, "%s/%s", w->dir, subs[i])) {
			rc = AG_ENOMEM;
			break;
		}
		if (lstat(path.data, &st) || !S_ISDIR(st.st_mode))
			continue;
		bool pkg = false;
		for (size_t p = 0; p < w->npkgs && !pkg; p++)
			pkg = !strcmp(w->pkgs[p].dir, path.data);
		if (pkg)
			continue;
		size_t rl = strlen(w->dir_rel) + strlen(subs[i]) + 2;
		char *rel = ag_arena_alloc(a, rl), *name = ag_arena_strndup(a, subs[i], strlen(subs[i]));
		char *abs = ag_arena_strndup(a, path.data, path.len);
		if (!rel || !name || !abs) {
			rc = AG_ENOMEM;
			break;
		}
		snprintf(rel, rl, "%s/%s", w->dir_rel, subs[i]);
		struct ag_adrs more;
		rc = load_dir(a, abs, rel, w->vocab, &more, diags);
		if (rc == AG_EINVAL)
			*bad = rc, rc = 0;
		if (!rc && more.n)
			rc = append_records(a, out, &more, name, true);
	}
	ag_buf_release(&path);
	ag_dir_list_free(subs, ns);
	return rc;
}

int ag_adrs_load_where(struct ag_arena *a, const struct ag_adr_where *w,
		       struct ag_adrs *out, struct ag_diags *diags)
{
	int rc = load_dir(a, w->dir, w->dir_rel, w->vocab, out, diags), bad = 0;
	if (rc == AG_EINVAL)
		bad = rc, rc = 0;
	size_t top = out->n;
	if (!rc)
		rc = load_subfolders(a, w, out, diags, &bad);
	bool sorted = out->n == top;
	for (size_t p = 0; !rc && p < w->npkgs; p++) {
		if (!strcmp(w->pkgs[p].dir, w->dir))
			continue;
		struct ag_adrs more;
		rc = load_dir(a, w->pkgs[p].dir, w->pkgs[p].dir_rel, w->vocab, &more, diags);
		if (rc == AG_EINVAL)
			bad = rc, rc = 0;
		if (rc || !more.n)
			continue;
		if ((rc = append_records(a, out, &more, w->pkgs[p].name, false)))
			return rc;
	}
	if ((w->npkgs || !sorted) && out->n > 1)
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
	/* a subfolder's numbers are its own (MADR's local IDs): they answer
	 * a number only when no other record has it */
	for (int sub = 0; sub < 2; sub++) {
		size_t count = 0;
		*out = NULL;
		for (size_t i = 0; i < adrs->n; i++)
			if (adrs->v[i].number == n && n >= 0 && adrs->v[i].in_subfolder == (sub == 1)) {
				if (!count)
					*out = &adrs->v[i];
				count++;
			}
		if (count)
			return count;
	}
	return 0;
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
		{"Replaces", "Replaced by"},
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
	/* adr-tools names a record by its heading: "3. Title", or the title
	 * alone when the heading has no number (a template without NUMBER) */
	if (adr->format == AG_ADRF_NYGARD &&
	    (adr->number < 0 || (adr->title_line >= 0 &&
				 (!adr->md.lines[adr->title_line].text.len ||
				  !isdigit((unsigned char)adr->md.lines[adr->title_line].text.s[0])))))
		return ag_buf_adds(out, adr->title);
	if (adr->format == AG_ADRF_NYGARD)
		return ag_buf_printf(out, "%d. %s", adr->number, adr->title);
	if (adr->number >= 0 && adr->format == AG_ADRF_MADR) {
		/* MADR's own labels: ADR-0005, as wide as the file's number */
		size_t pre, digits;
		ag_adr_name_number(adr->name, &pre, &digits);
		return ag_buf_printf(out, "ADR-%0*d: %s", digits > 3 ? (int)digits : 4,
				     adr->number, adr->title);
	}
	if (adr->number >= 0)
		return ag_buf_printf(out, "ADR-%03d: %s", adr->number, adr->title);
	return ag_buf_adds(out, adr->title);
}
