/*
 * adr.c - decision record reader; see adr.h.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "adr.h"
#include "model.h"

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

static enum ag_adr_status parse_status(const char *s, size_t n)
{
	static const struct { const char *w; enum ag_adr_status st; } words[] = {
		{"proposed", AG_ADR_PROPOSED}, {"accepted", AG_ADR_ACCEPTED},
		{"rejected", AG_ADR_REJECTED}, {"deprecated", AG_ADR_DEPRECATED},
		{"superseded", AG_ADR_SUPERSEDED}, {"superceded", AG_ADR_SUPERSEDED},
	};
	while (n && (*s == ' ' || *s == '*' || *s == '_'))
		s++, n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i].w);
		if (n >= wl && !strncasecmp(s, words[i].w, wl) &&
		    (n == wl || !isalpha((unsigned char)s[wl])))
			return words[i].st;
	}
	return AG_ADR_UNKNOWN;
}

const char *ag_find_word(const char *hay, size_t hn, const char *word, size_t n)
{
	if (!n || n > hn)
		return NULL;
	for (size_t i = 0; i + n <= hn; i++) {
		if (strncasecmp(hay + i, word, n))
			continue;
		bool left = i == 0 || !isalnum((unsigned char)hay[i - 1]);
		bool right = i + n == hn || !isalnum((unsigned char)hay[i + n]);
		if (left && right)
			return hay + i;
	}
	return NULL;
}

bool ag_adr_mentions(const struct ag_adr *adr, const char *word, size_t n)
{
	return ag_find_word(adr->text, adr->len, word, n) != NULL;
}

/* Value of a metadata line "**Key:** value" / "Key: value" / "- Key: value". */
static const char *meta_value(const char *line, size_t n, const char *key, size_t *vlen)
{
	size_t i = 0;
	while (i < n && (line[i] == ' ' || line[i] == '-' || line[i] == '*' || line[i] == '_'))
		i++;
	size_t kl = strlen(key);
	if (n - i < kl || strncasecmp(line + i, key, kl))
		return NULL;
	i += kl;
	while (i < n && (line[i] == '*' || line[i] == '_'))
		i++;
	if (i >= n || line[i] != ':')
		return NULL;
	i++;
	while (i < n && (line[i] == '*' || line[i] == '_' || line[i] == ' '))
		i++;
	size_t e = n;
	while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\r'))
		e--;
	*vlen = e - i;
	return line + i;
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
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	if (isdigit((unsigned char)base[0])) {
		long v = 0;
		for (const char *p = base; isdigit((unsigned char)*p) && v < 1000000; p++)
			v = v * 10 + (*p - '0');
		out->number = (int)v;
	}
	bool in_status_section = false, in_code = false;
	int line = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		if (n >= 3 && !strncmp(p, "```", 3))
			in_code = !in_code;
		size_t vl;
		const char *v;
		if (in_code) {
			/* metadata never lives in code blocks */
		} else if (!*out->title && n > 2 && p[0] == '#' && p[1] == ' ') {
			const char *t = p + 2;
			size_t tl = n - 2;
			/* strip "ADR-001:" or "1." prefixes */
			size_t k = 0;
			if (tl > 4 && !strncasecmp(t, "ADR", 3)) {
				k = 3;
				while (k < tl && (t[k] == '-' || t[k] == ' ' || isdigit((unsigned char)t[k]) || t[k] == '#'))
					k++;
				if (k < tl && t[k] == ':')
					k++;
				else
					k = 0;
			} else {
				while (k < tl && isdigit((unsigned char)t[k]))
					k++;
				if (k && k < tl && t[k] == '.')
					k++;
				else
					k = 0;
			}
			while (k < tl && t[k] == ' ')
				k++;
			while (tl > k && (t[tl - 1] == ' ' || t[tl - 1] == '\r'))
				tl--;
			if (!(out->title = ag_arena_strndup(a, t + k, tl - k)))
				return AG_ENOMEM;
			out->title_pos = (struct ag_pos){file, line, 1};
		} else if (n >= 2 && p[0] == '#' && p[1] == '#') {
			size_t k = 0;
			while (k < n && (p[k] == '#' || p[k] == ' '))
				k++;
			in_status_section = n - k >= 6 && !strncasecmp(p + k, "status", 6);
		} else if (out->status == AG_ADR_UNKNOWN && !out->status_text &&
			   (v = meta_value(p, n, "status", &vl)) != NULL) {
			out->status = parse_status(v, vl);
			if (!(out->status_text = ag_arena_strndup(a, v, vl)))
				return AG_ENOMEM;
			out->status_pos = (struct ag_pos){file, line, (int)(v - p) + 1};
		} else if (in_status_section && !out->status_text && n &&
			   !(n == 1 && p[0] == '\r')) {
			out->status = parse_status(p, n);
			size_t e = n;
			while (e && (p[e - 1] == '\r' || p[e - 1] == ' '))
				e--;
			if (!(out->status_text = ag_arena_strndup(a, p, e)))
				return AG_ENOMEM;
			out->status_pos = (struct ag_pos){file, line, 1};
			in_status_section = false;
		} else if (!out->date && (v = meta_value(p, n, "date", &vl)) != NULL) {
			if (!(out->date = ag_arena_strndup(a, v, vl)))
				return AG_ENOMEM;
			out->date_pos = (struct ag_pos){file, line, (int)(v - p) + 1};
		} else if (!out->phase && (v = meta_value(p, n, "phase", &vl)) != NULL) {
			if (!(out->phase = ag_arena_strndup(a, v, vl)))
				return AG_ENOMEM;
			out->phase_pos = (struct ag_pos){file, line, (int)(v - p) + 1};
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ag_adrs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_adrs *out, struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->dir_rel = dir_rel;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	int rc = 0, bad = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".md") || !isdigit((unsigned char)e->d_name[0]))
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			char **nn = realloc(names, alloc * sizeof(*nn));
			if (!nn) {
				rc = AG_ENOMEM;
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = AG_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (!rc && n) {
		qsort(names, n, sizeof(*names), by_name);
		out->v = ag_arena_alloc(a, n * sizeof(*out->v));
		if (!out->v)
			rc = AG_ENOMEM;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		size_t dl = strlen(dir_rel) + strlen(names[i]) + 2;
		char *disp = ag_arena_alloc(a, dl);
		if (disp)
			snprintf(disp, dl, "%s/%s", dir_rel, names[i]);
		if (!disp) {
			rc = AG_ENOMEM;
			break;
		}
		char *data;
		size_t len;
		int r = ag_read_file(path, AG_ADR_MAX_BYTES, &data, &len);
		if (r == AG_ELIMIT) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 1, 1,
				     "decision record is %zu bytes; the limit is %zu", len,
				     AG_ADR_MAX_BYTES);
			bad = AG_EINVAL;
			continue;
		}
		if (r) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 0, 0, "cannot read '%s'", path);
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
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc ? rc : bad;
}
