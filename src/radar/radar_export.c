/*
 * radar_export.c - BYOR CSV, Zalando JSON and Backstage JSON out; BYOR and
 * Zalando in; the radar list report. See radar_export.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "radar_export.h"
#include "yaml/schema.h"
#include "yaml/yaml_tree.h"

int ag_radar_xfmt_parse(const char *s)
{
	if (!strcmp(s, "byor") || !strcmp(s, "csv"))
		return AG_RX_BYOR;
	if (!strcmp(s, "zalando"))
		return AG_RX_ZALANDO;
	if (!strcmp(s, "backstage"))
		return AG_RX_BACKSTAGE;
	return -1;
}

/* ---- shared helpers ---- */

static bool exported(const struct ag_radar_entry *e)
{
	return e->pos.file && !e->retired.set && e->ring_ix >= 0 && e->quadrant_ix >= 0;
}

/* archgate sector (clockwise from 12 o'clock) -> index clockwise from the
 * bottom right, as Zalando and Backstage count; four quadrants only. */
static int to_bottom_right(int i)
{
	return (i + 3) % 4;
}

/* A cell a spreadsheet would read as a formula: one that begins with '=',
 * '+', '-' or '@', or with a tab or CR (which some strip before looking). */
static bool csv_formula(const char *s, size_t n)
{
	return n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
		     s[0] == '\t' || s[0] == '\r');
}

/* One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a CR or
 * LF (or when asked), quotes doubled. A cell a spreadsheet would take for
 * a formula (=HYPERLINK(...), +cmd|...) is neutralised with a leading "'"
 * and quoted, as OWASP's CSV injection guidance says (ADR-023); BYOR
 * import takes that "'" off again. */
static int csv_field(struct ag_buf *b, const char *s, size_t n, bool quote)
{
	bool formula = csv_formula(s, n);
	quote = quote || formula;
	for (size_t i = 0; i < n && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = true;
	if (!quote)
		return ag_buf_add(b, s, n);
	int rc = ag_buf_add(b, formula ? "\"'" : "\"", formula ? 2 : 1);
	for (size_t i = 0; i < n && !rc; i++)
		rc = s[i] == '"' ? ag_buf_add(b, "\"\"", 2) : ag_buf_addc(b, s[i]);
	return rc ? rc : ag_buf_addc(b, '"');
}

static int html_text(struct ag_buf *b, const char *s, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		switch (s[i]) {
		case '&': rc = ag_buf_adds(b, "&amp;"); break;
		case '<': rc = ag_buf_adds(b, "&lt;"); break;
		case '>': rc = ag_buf_adds(b, "&gt;"); break;
		case '"': rc = ag_buf_adds(b, "&quot;"); break;
		default: rc = ag_buf_addc(b, s[i]);
		}
	}
	return rc;
}

/* The entry's first link that passes the URL allowlist (ADR-023), or
 * NULL: a javascript: or data: link in radar.yaml is left out of every
 * export, since the tools that read them put links into <a href>. */
static const char *first_link(const struct ag_radar_entry *e)
{
	const struct ag_scalar *ln = e->links.v;
	for (size_t k = 0; k < e->links.n; k++)
		if (ag_url_allowed(ln[k].s, ln[k].len))
			return ln[k].s;
	return NULL;
}

/* Both radar JSON formats: a pretty document whose records are one a line,
 * and "[\n  ]" for an empty list, as they have always been written. */
#define RADAR_JSON (AG_JSON_PRETTY | AG_JSON_BREAK_EMPTY)

/* A string member; a missing string is written as "" (never null). */
static void kv_s(struct ag_json *w, const char *key, const char *s)
{
	ag_json_kv_str(w, key, s ? s : "");
}

/* Ends a JSON document: checks the writer once and adds the newline. */
static int json_done(struct ag_json *w)
{
	int rc = ag_json_finish(w);
	return rc ? rc : ag_buf_addc(w->out, '\n');
}

/* "Languages & Frameworks" -> "languages-and-frameworks" */
static size_t slug(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	bool dash = false;
	for (size_t i = 0; i < n && k + 5 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c >= 0x80) {
			if (dash && k)
				out[k++] = '-';
			dash = false;
			out[k++] = (char)tolower(c);
		} else if (c == '&') {
			if (k)
				out[k++] = '-';
			memcpy(out + k, "and", 3);
			k += 3;
			dash = true;
		} else if (c == '+') {
			if (dash && k)
				out[k++] = '-';
			dash = false;
			memcpy(out + k, "plus", 4);
			k += 4;
		} else if (c == '#') {
			if (dash && k)
				out[k++] = '-';
			dash = false;
			memcpy(out + k, "sharp", 5);
			k += 5;
		} else {
			dash = true;
		}
	}
	out[k] = '\0';
	return k;
}

/* ---- BYOR CSV ---- */

static const char *byor_status(enum ag_radar_move m)
{
	switch (m) {
	case AG_MOVE_NEW: return "New";
	case AG_MOVE_UP: return "Moved In";
	case AG_MOVE_DOWN: return "Moved Out";
	case AG_MOVE_NONE: break;
	}
	return "No Change";
}

static int export_byor(struct ag_buf *b, const struct ag_radar *r, struct ag_diags *d)
{
	if (r->nquadrants != 4 || r->nrings > 4) {
		ag_diags_add(d, AG_SEV_ERROR, r->pos.file, r->pos.line, r->pos.col,
			     "Build Your Own Radar draws 4 quadrants and at most 4 rings; this "
			     "radar has %zu quadrants and %zu rings (export it as backstage, "
			     "or render it with archgate radar render)", r->nquadrants, r->nrings);
		return AG_EINVAL;
	}
	int rc = ag_buf_adds(b, "name,ring,quadrant,isNew,description,status\r\n");
	const struct ag_radar_entry *e = r->entries.v;
	struct ag_buf desc = AG_BUF_INIT;
	for (size_t i = 0; i < r->entries.n && !rc; i++) {
		if (!exported(&e[i]))
			continue;
		const char *ring = ag_radar_ring_name(r, e[i].ring_ix);
		const char *quad = ag_radar_quadrant_name(r, e[i].quadrant_ix);
		ag_buf_reset(&desc);
		if (e[i].description.set) {
			rc = ag_buf_adds(&desc, "<p>");
			if (!rc)
				rc = html_text(&desc, e[i].description.s, e[i].description.len);
			if (!rc)
				rc = ag_buf_adds(&desc, "</p>");
		}
		const struct ag_scalar *ln = e[i].links.v;
		for (size_t k = 0; k < e[i].links.n && !rc; k++) {
			if (!ag_url_allowed(ln[k].s, ln[k].len))
				continue;
			rc = ag_buf_adds(&desc, "<p><a href=\"");
			if (!rc)
				rc = html_text(&desc, ln[k].s, ln[k].len);
			if (!rc)
				rc = ag_buf_adds(&desc, "\">");
			if (!rc)
				rc = html_text(&desc, ln[k].s, ln[k].len);
			if (!rc)
				rc = ag_buf_adds(&desc, "</a></p>");
		}
		if (!rc)
			rc = csv_field(b, e[i].name.s, e[i].name.len, false);
		if (!rc)
			rc = ag_buf_addc(b, ',');
		if (!rc)
			rc = csv_field(b, ring, strlen(ring), false);
		if (!rc)
			rc = ag_buf_addc(b, ',');
		if (!rc)
			rc = csv_field(b, quad, strlen(quad), false);
		if (!rc)
			rc = ag_buf_printf(b, ",%s,", e[i].move == AG_MOVE_NEW ? "TRUE" : "FALSE");
		if (!rc)
			rc = csv_field(b, desc.data, desc.len, true);
		if (!rc)
			rc = ag_buf_printf(b, ",%s\r\n", byor_status(e[i].move));
	}
	ag_buf_release(&desc);
	return rc;
}

/* ---- Zalando ---- */

static int zalando_moved(enum ag_radar_move m)
{
	switch (m) {
	case AG_MOVE_NEW: return 2;
	case AG_MOVE_UP: return 1;
	case AG_MOVE_DOWN: return -1;
	case AG_MOVE_NONE: break;
	}
	return 0;
}

static int export_zalando(struct ag_buf *b, const struct ag_radar *r, struct ag_diags *d)
{
	if (r->nquadrants != 4 || r->nrings != 4) {
		ag_diags_add(d, AG_SEV_ERROR, r->pos.file, r->pos.line, r->pos.col,
			     "Zalando's tech radar draws exactly 4 quadrants and 4 rings; this "
			     "radar has %zu quadrants and %zu rings (export it as backstage, "
			     "or render it with archgate radar render)", r->nquadrants, r->nrings);
		return AG_EINVAL;
	}
	char date[11] = "";
	if (r->edition_day >= 0)
		ag_date_format(r->edition_day, date);
	/* Zalando writes editions as YYYY.MM */
	char zd[8] = "";
	if (*date)
		snprintf(zd, sizeof(zd), "%.4s.%.2s", date, date + 5);
	struct ag_json w;
	ag_json_init(&w, b, RADAR_JSON);
	ag_json_begin_object(&w);
	kv_s(&w, "date", zd);
	kv_s(&w, "title", r->title.set ? r->title.s : "Tech Radar");
	ag_json_key(&w, "quadrants");
	ag_json_inline(&w);
	ag_json_begin_array(&w);
	for (int z = 0; z < 4; z++) {
		int i = (z + 1) % 4; /* inverse of to_bottom_right */
		ag_json_begin_object(&w);
		kv_s(&w, "name", ag_radar_quadrant_name(r, i));
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "rings");
	ag_json_inline(&w);
	ag_json_begin_array(&w);
	for (size_t i = 0; i < 4; i++) {
		ag_json_begin_object(&w);
		kv_s(&w, "name", ag_radar_ring_name(r, (int)i));
		kv_s(&w, "color", r->rings[i].color.s);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "entries");
	ag_json_begin_array(&w);
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		if (!exported(&e[i]))
			continue;
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		ag_json_kv_int(&w, "quadrant", to_bottom_right(e[i].quadrant_ix));
		ag_json_kv_int(&w, "ring", e[i].ring_ix);
		kv_s(&w, "label", e[i].name.s);
		ag_json_kv_bool(&w, "active", true);
		if (first_link(&e[i]))
			kv_s(&w, "link", first_link(&e[i]));
		ag_json_kv_int(&w, "moved", zalando_moved(e[i].move));
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	return json_done(&w);
}

/* ---- Backstage ---- */

static int export_backstage(struct ag_buf *b, const struct ag_radar *r, const char *today,
			    struct ag_diags *d)
{
	if (r->nquadrants > 4) {
		ag_diags_add(d, AG_SEV_ERROR, r->pos.file, r->pos.line, r->pos.col,
			     "Backstage's tech radar draws at most 4 quadrants; this radar has "
			     "%zu (render it with archgate radar render)", r->nquadrants);
		return AG_EINVAL;
	}
	char edition[11];
	if (r->edition_day >= 0)
		ag_date_format(r->edition_day, edition);
	else
		snprintf(edition, sizeof(edition), "%s", today ? today : "1970-01-01");
	struct ag_json w;
	ag_json_init(&w, b, RADAR_JSON);
	ag_json_begin_object(&w);
	ag_json_key(&w, "quadrants");
	ag_json_begin_array(&w);
	/* Backstage fills 90-degree sections clockwise from the bottom right */
	size_t nq = r->nquadrants;
	for (size_t z = 0; z < nq; z++) {
		int i = nq == 4 ? (int)((z + 1) % 4) : (int)z;
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		kv_s(&w, "id", r->quadrants[i].id.s);
		kv_s(&w, "name", ag_radar_quadrant_name(r, i));
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "rings");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->nrings; i++) {
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		kv_s(&w, "id", r->rings[i].id.s);
		kv_s(&w, "name", ag_radar_ring_name(r, (int)i));
		kv_s(&w, "color", r->rings[i].color.s);
		if (r->rings[i].description.set)
			kv_s(&w, "description", r->rings[i].description.s);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "entries");
	ag_json_begin_array(&w);
	const struct ag_radar_entry *e = r->entries.v;
	/* ids are slugs of names; a clash gets a numeric suffix */
	char (*ids)[96] = calloc(r->entries.n + 1, sizeof(*ids));
	if (!ids)
		return AG_ENOMEM;
	for (size_t i = 0; i < r->entries.n; i++) {
		if (!exported(&e[i]))
			continue;
		char id[96];
		slug(e[i].name.s, e[i].name.len, id, 80);
		if (!*id)
			snprintf(id, sizeof(id), "entry");
		char base[96];
		memcpy(base, id, sizeof(base));
		for (int k = 2;; k++) {
			bool clash = false;
			for (size_t j = 0; j < i && !clash; j++)
				clash = !strcmp(ids[j], id);
			if (!clash)
				break;
			snprintf(id, sizeof(id), "%.80s-%d", base, k);
		}
		memcpy(ids[i], id, sizeof(id));
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		kv_s(&w, "id", id);
		kv_s(&w, "key", id);
		kv_s(&w, "title", e[i].name.s);
		kv_s(&w, "quadrant", r->quadrants[e[i].quadrant_ix].id.s);
		if (e[i].description.set)
			kv_s(&w, "description", e[i].description.s);
		if (first_link(&e[i])) {
			const struct ag_scalar *ln = e[i].links.v;
			ag_json_key(&w, "links");
			ag_json_begin_array(&w);
			for (size_t k = 0; k < e[i].links.n; k++) {
				if (!ag_url_allowed(ln[k].s, ln[k].len))
					continue;
				ag_json_begin_object(&w);
				kv_s(&w, "url", ((const struct ag_scalar *)e[i].links.v)[k].s);
				kv_s(&w, "title", "Learn more");
				ag_json_end_object(&w);
			}
			ag_json_end_array(&w);
		}
		ag_json_key(&w, "timeline");
		ag_json_begin_array(&w);
		/* newest first; moved compares each snapshot with the one before */
		const struct ag_radar_event *h = e[i].history.v;
		char date[64]; /* dates are YYYY-MM-DD (the loader checks) */
		if (!e[i].history.n) {
			int mv = e[i].move == AG_MOVE_UP ? 1 : e[i].move == AG_MOVE_DOWN ? -1 : 0;
			ag_json_begin_object(&w);
			ag_json_kv_int(&w, "moved", mv);
			kv_s(&w, "ringId", r->rings[e[i].ring_ix].id.s);
			snprintf(date, sizeof(date), "%sT00:00:00.000Z", edition);
			kv_s(&w, "date", date);
			ag_json_end_object(&w);
		}
		for (size_t k = e[i].history.n; k-- > 0;) {
			int mv = 0;
			if (k > 0 && h[k].ring_ix >= 0 && h[k - 1].ring_ix >= 0 &&
			    h[k].ring_ix != h[k - 1].ring_ix)
				mv = h[k].ring_ix < h[k - 1].ring_ix ? 1 : -1;
			int ri = h[k].ring_ix >= 0 ? h[k].ring_ix : e[i].ring_ix;
			ag_json_begin_object(&w);
			ag_json_kv_int(&w, "moved", mv);
			kv_s(&w, "ringId", r->rings[ri].id.s);
			snprintf(date, sizeof(date), "%sT00:00:00.000Z", h[k].date.s);
			kv_s(&w, "date", date);
			if (h[k].note.set)
				kv_s(&w, "description", h[k].note.s);
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_end_object(&w);
	}
	free(ids);
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	return json_done(&w);
}

int ag_radar_export_dated(struct ag_buf *out, const struct ag_radar *r,
			  enum ag_radar_xfmt f, const char *today, struct ag_diags *d)
{
	switch (f) {
	case AG_RX_BYOR: return export_byor(out, r, d);
	case AG_RX_ZALANDO: return export_zalando(out, r, d);
	case AG_RX_BACKSTAGE: return export_backstage(out, r, today, d);
	}
	return AG_EINVAL;
}

int ag_radar_export(struct ag_buf *out, const struct ag_radar *r, enum ag_radar_xfmt f,
		    struct ag_diags *d)
{
	return ag_radar_export_dated(out, r, f, NULL, d);
}

/* ---- writing radar.yaml ---- */

/* A YAML scalar (base/buf.h). */
static int yaml_str(struct ag_buf *b, const char *s, size_t n)
{
	return ag_buf_yaml_str(b, s, n);
}

/* Plain text from BYOR's HTML descriptions: tags dropped, the common
 * entities decoded, whitespace collapsed. */
static int html_to_text(struct ag_buf *b, const char *s, size_t n)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
		    {"&#39;", '\''}, {"&apos;", '\''}, {"&nbsp;", ' '}};
	int rc = 0;
	bool space = false;
	for (size_t i = 0; i < n && !rc; i++) {
		char c = s[i];
		if (c == '<') {
			while (i < n && s[i] != '>')
				i++;
			space = b->len > 0;
			continue;
		}
		if (c == '&') {
			size_t k = 0;
			for (; k < sizeof(ents) / sizeof(ents[0]); k++) {
				size_t el = strlen(ents[k].ent);
				if (i + el <= n && !memcmp(s + i, ents[k].ent, el)) {
					c = ents[k].c;
					i += el - 1;
					break;
				}
			}
		}
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			space = b->len > 0;
			continue;
		}
		if (space)
			rc = ag_buf_addc(b, ' ');
		space = false;
		if (!rc)
			rc = ag_buf_addc(b, c);
	}
	return rc;
}

struct imp_entry;
struct imp;
static int describe(struct imp_entry *e, const char *html, size_t n);
static int imp_check(const struct imp *im, const char *file, struct ag_diags *d);

struct imp_axis {
	char id[96];
	char name[128];
	int gate; /* -1 unknown (rings only) */
};

#define IMP_LINKS 8

struct imp_entry {
	char *name, *desc;
	char *links[IMP_LINKS];
	size_t nlinks;
	int q, r;
	enum ag_radar_move move;
	int line;
};

struct imp {
	struct imp_axis rings[AG_RADAR_MAX_RINGS], quads[AG_RADAR_MAX_QUADRANTS];
	size_t nrings, nquads;
	struct imp_entry *v;
	size_t n, alloc;
	const char *title;
	char note[160];
};

static void imp_release(struct imp *im)
{
	for (size_t i = 0; i < im->n; i++) {
		free(im->v[i].name);
		free(im->v[i].desc);
		for (size_t k = 0; k < im->v[i].nlinks; k++)
			free(im->v[i].links[k]);
	}
	free(im->v);
}

static const char *const gates[] = {"adopt", "trial", "assess", "hold"};
static const char *const tw_quadrants[][2] = {
	{"languages-and-frameworks", "Languages & Frameworks"},
	{"tools", "Tools"},
	{"platforms", "Platforms"},
	{"techniques", "Techniques"},
};

static int write_yaml(struct ag_buf *b, const struct imp *im, const char *file,
		      const char *what, const char *today)
{
	/* the file name in a comment: a newline in it must not start a line
	 * of YAML (ADR-023) */
	int rc = ag_buf_adds(b, "# Imported from ");
	if (!rc)
		rc = ag_buf_text(b, file);
	if (!rc)
		rc = ag_buf_printf(b, " (%s) by `archgate radar import`", what);
	if (!rc && today)
		rc = ag_buf_printf(b, " on %s", today);
	if (!rc)
		rc = ag_buf_adds(b, ".\n# Reference for every key: archgate docs model.\n");
	if (!rc && *im->note)
		rc = ag_buf_printf(b, "# %s\n", im->note);
	if (!rc && im->title) {
		rc = ag_buf_adds(b, "title: ");
		if (!rc)
			rc = yaml_str(b, im->title, strlen(im->title));
		if (!rc)
			rc = ag_buf_addc(b, '\n');
	}
	if (!rc)
		rc = ag_buf_adds(b, "rings:\n");
	for (size_t i = 0; i < im->nrings && !rc; i++) {
		const struct imp_axis *a = &im->rings[i];
		rc = ag_buf_adds(b, "  - {id: ");
		if (!rc)
			rc = yaml_str(b, a->id, strlen(a->id));
		if (!rc)
			rc = ag_buf_adds(b, ", name: ");
		if (!rc)
			rc = yaml_str(b, a->name, strlen(a->name));
		if (!rc && a->gate < 0)
			rc = ag_buf_adds(b, ", gate: assess}  # gate guessed: adopt, trial, "
					 "assess or hold?\n");
		else if (!rc)
			rc = ag_buf_adds(b, "}\n");
	}
	if (!rc)
		rc = ag_buf_adds(b, "quadrants:\n");
	for (size_t i = 0; i < im->nquads && !rc; i++) {
		rc = ag_buf_adds(b, "  - {id: ");
		if (!rc)
			rc = yaml_str(b, im->quads[i].id, strlen(im->quads[i].id));
		if (!rc)
			rc = ag_buf_adds(b, ", name: ");
		if (!rc)
			rc = yaml_str(b, im->quads[i].name, strlen(im->quads[i].name));
		if (!rc)
			rc = ag_buf_adds(b, "}\n");
	}
	if (!rc)
		rc = ag_buf_adds(b, im->n ? "entries:\n" : "entries: []\n");
	for (size_t i = 0; i < im->n && !rc; i++) {
		const struct imp_entry *e = &im->v[i];
		rc = ag_buf_adds(b, "  - name: ");
		if (!rc)
			rc = yaml_str(b, e->name, strlen(e->name));
		if (!rc)
			rc = ag_buf_adds(b, "\n    quadrant: ");
		if (!rc)
			rc = yaml_str(b, im->quads[e->q].id, strlen(im->quads[e->q].id));
		if (!rc)
			rc = ag_buf_adds(b, "\n    ring: ");
		if (!rc)
			rc = yaml_str(b, im->rings[e->r].id, strlen(im->rings[e->r].id));
		if (!rc && e->move != AG_MOVE_NONE)
			rc = ag_buf_printf(b, "\n    moved: %s",
					   e->move == AG_MOVE_NEW ? "new"
					   : e->move == AG_MOVE_UP ? "up" : "down");
		if (!rc && e->desc && *e->desc) {
			rc = ag_buf_adds(b, "\n    description: ");
			if (!rc)
				rc = yaml_str(b, e->desc, strlen(e->desc));
		}
		for (size_t k = 0; k < e->nlinks && !rc; k++) {
			rc = ag_buf_adds(b, k ? ", " : "\n    links: [");
			if (!rc)
				rc = yaml_str(b, e->links[k], strlen(e->links[k]));
			if (!rc && k + 1 == e->nlinks)
				rc = ag_buf_addc(b, ']');
		}
		if (!rc)
			rc = ag_buf_addc(b, '\n');
	}
	return rc;
}

static struct imp_entry *imp_add(struct imp *im)
{
	if (im->n == im->alloc) {
		size_t na = im->alloc ? im->alloc * 2 : 64;
		struct imp_entry *v = realloc(im->v, na * sizeof(*v));
		if (!v)
			return NULL;
		im->v = v;
		im->alloc = na;
	}
	struct imp_entry *e = &im->v[im->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

static char *dupn(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (c) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

/* Two entries with one name would fail to load; say where both are. */
static int imp_duplicates(const struct imp *im, const char *file, struct ag_diags *d)
{
	int bad = 0;
	for (size_t i = 0; i < im->n; i++)
		for (size_t j = 0; j < i; j++)
			if (ag_radar_same(im->v[i].name, strlen(im->v[i].name), im->v[j].name,
					  strlen(im->v[j].name))) {
				ag_diags_add(d, AG_SEV_ERROR, file, im->v[i].line, 1,
					     "'%s' is listed twice (first at line %d); a "
					     "radar holds each technology once", im->v[i].name,
					     im->v[j].line);
				bad = 1;
				break;
			}
	return bad;
}

/* An entry's description from HTML: every href becomes a link, the text
 * keeps what is not just a repeated URL. */
static int describe(struct imp_entry *e, const char *html, size_t n)
{
	for (size_t i = 0; i + 6 < n; i++) {
		if (strncasecmp(html + i, "href=", 5) || (html[i + 5] != '"' && html[i + 5] != '\''))
			continue;
		char q = html[i + 5];
		const char *u = html + i + 6, *end = memchr(u, q, n - i - 6);
		if (!end)
			break;
		if (end > u && e->nlinks < IMP_LINKS) {
			struct ag_buf t = AG_BUF_INIT;
			if (html_to_text(&t, u, (size_t)(end - u))) {
				ag_buf_release(&t);
				return AG_ENOMEM;
			}
			e->links[e->nlinks++] = ag_buf_detach(&t, NULL);
		}
		i = (size_t)(end - html);
	}
	struct ag_buf t = AG_BUF_INIT;
	if (html_to_text(&t, html, n)) {
		ag_buf_release(&t);
		return AG_ENOMEM;
	}
	char *d = ag_buf_detach(&t, NULL);
	for (size_t k = 0; k < e->nlinks; k++) {
		size_t ul = strlen(e->links[k]);
		char *p;
		while (ul && (p = strstr(d, e->links[k]))) {
			char *after = p + ul;
			if (p > d && p[-1] == ' ')
				p--;
			memmove(p, after, strlen(after) + 1);
		}
	}
	e->desc = d;
	return 0;
}

/* ---- BYOR import ---- */

struct csv_row {
	int line;
	bool oom; /* a field could not be stored: the row is incomplete */
	size_t nf;
	char *f[16];
	size_t fl[16];
};

/* Parse one CSV row at *p; fields point into a fresh buffer owned by row
 * (freed by csv_free). Returns false at the end of input. */
static bool csv_next(const char **p, const char *end, int *line, struct csv_row *row,
		     bool *bad)
{
	memset(row, 0, sizeof(*row));
	if (*p >= end)
		return false;
	row->line = *line;
	const char *s = *p;
	for (;;) {
		struct ag_buf f = AG_BUF_INIT;
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					*bad = true;
					break;
				}
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						ag_buf_addc(&f, '"');
						s += 2;
						continue;
					}
					s++;
					break;
				}
				if (*s == '\n')
					(*line)++;
				ag_buf_addc(&f, *s++);
			}
		} else {
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				ag_buf_addc(&f, *s++);
		}
		if (row->nf < 16) {
			row->fl[row->nf] = f.len;
			if (!(row->f[row->nf] = ag_buf_detach(&f, NULL)))
				row->oom = true;
			else
				row->nf++;
		} else {
			ag_buf_release(&f);
		}
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		while (s < end && *s != '\n')
			s++;
		if (s < end) {
			s++;
			(*line)++;
		}
		break;
	}
	*p = s;
	return true;
}

static void csv_free(struct csv_row *row)
{
	for (size_t i = 0; i < row->nf; i++)
		free(row->f[i]);
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t k = 0;
	while (s[k] && isspace((unsigned char)s[k]))
		k++;
	memmove(s, s + k, n - k + 1);
}

/* Index of `v` among the axis values, added when new. */
static int axis_index(struct imp_axis *ax, size_t *n, size_t max, const char *v, bool ring)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcasecmp(ax[i].name, v))
			return (int)i;
	if (*n >= max)
		return -2;
	struct imp_axis *a = &ax[(*n)++];
	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", v);
	slug(v, strlen(v), a->id, sizeof(a->id));
	if (!*a->id)
		snprintf(a->id, sizeof(a->id), "%s-%zu", ring ? "ring" : "quadrant", *n);
	a->gate = -1;
	if (ring)
		for (int g = 0; g < 4; g++)
			if (!strcasecmp(v, gates[g])) {
				a->gate = g;
				snprintf(a->id, sizeof(a->id), "%s", gates[g]);
			}
	return (int)(*n - 1);
}

/* Reorder an axis (known names first, in the canonical order) and remap
 * the entries' indexes. */
static void reorder(struct imp *im, bool ring)
{
	struct imp_axis *ax = ring ? im->rings : im->quads;
	size_t n = ring ? im->nrings : im->nquads;
	int rank[AG_RADAR_MAX_RINGS];
	for (size_t i = 0; i < n; i++) {
		rank[i] = 100 + (int)i;
		if (ring && ax[i].gate >= 0)
			rank[i] = ax[i].gate;
		for (int k = 0; !ring && k < 4; k++)
			if (!strcmp(ax[i].id, tw_quadrants[k][0]) ||
			    (!strcasecmp(ax[i].name, "languages and frameworks") && k == 0))
				rank[i] = k;
	}
	int order[AG_RADAR_MAX_RINGS], where[AG_RADAR_MAX_RINGS];
	for (size_t i = 0; i < n; i++)
		order[i] = (int)i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && rank[order[j]] < rank[order[j - 1]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	struct imp_axis copy[AG_RADAR_MAX_RINGS];
	memcpy(copy, ax, n * sizeof(*ax));
	for (size_t i = 0; i < n; i++) {
		ax[i] = copy[order[i]];
		where[order[i]] = (int)i;
	}
	for (size_t i = 0; i < im->n; i++) {
		int *x = ring ? &im->v[i].r : &im->v[i].q;
		*x = where[*x];
	}
	if (!ring) /* the Thoughtworks names get archgate's ids */
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < 4; k++)
				if (rank[order[i]] == k)
					snprintf(ax[i].id, sizeof(ax[i].id), "%s", tw_quadrants[k][0]);
}

static int import_byor(struct imp *im, const char *file, const char *text, size_t len,
		       struct ag_diags *d)
{
	const char *p = text, *end = text + len;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	int line = 1;
	bool bad = false;
	struct csv_row row;
	if (!csv_next(&p, end, &line, &row, &bad)) {
		ag_diags_add(d, AG_SEV_ERROR, file, 1, 1, "the file is empty; a BYOR CSV starts "
			     "with the header name,ring,quadrant,isNew,description");
		return AG_EINVAL;
	}
	if (row.oom) {
		csv_free(&row);
		return AG_ENOMEM;
	}
	int col[6] = {-1, -1, -1, -1, -1, -1}; /* name ring quadrant isNew description status */
	static const char *const heads[] = {"name", "ring", "quadrant", "isnew", "description",
					    "status"};
	for (size_t i = 0; i < row.nf; i++) {
		trim(row.f[i]);
		for (int k = 0; k < 6; k++)
			if (!strcasecmp(row.f[i], heads[k]))
				col[k] = (int)i;
	}
	csv_free(&row);
	for (int k = 0; k < 3; k++)
		if (col[k] < 0) {
			ag_diags_add(d, AG_SEV_ERROR, file, 1, 1,
				     "the header has no '%s' column; BYOR's columns are "
				     "name,ring,quadrant,isNew,description", heads[k]);
			return AG_EINVAL;
		}
	int errors = 0;
	while (csv_next(&p, end, &line, &row, &bad)) {
		if (row.oom) {
			csv_free(&row);
			return AG_ENOMEM;
		}
		if (row.nf == 1 && !row.fl[0]) {
			csv_free(&row);
			continue; /* blank line */
		}
		for (size_t i = 0; i < row.nf; i++) {
			if (i != (size_t)col[4])
				trim(row.f[i]);
			/* the "'" export puts before a formula-like cell */
			if (row.f[i][0] == '\'' && csv_formula(row.f[i] + 1, row.fl[i] - 1)) {
				memmove(row.f[i], row.f[i] + 1, strlen(row.f[i]));
				row.fl[i]--;
			}
		}
		const char *name = (size_t)col[0] < row.nf ? row.f[col[0]] : "";
		const char *ring = (size_t)col[1] < row.nf ? row.f[col[1]] : "";
		const char *quad = (size_t)col[2] < row.nf ? row.f[col[2]] : "";
		if (!*name || !*ring || !*quad) {
			ag_diags_add(d, AG_SEV_ERROR, file, row.line, 1,
				     "row has no %s; every row needs a name, a ring and a quadrant",
				     !*name ? "name" : !*ring ? "ring" : "quadrant");
			errors++;
			csv_free(&row);
			continue;
		}
		int ri = axis_index(im->rings, &im->nrings, AG_RADAR_MAX_RINGS, ring, true);
		int qi = axis_index(im->quads, &im->nquads, AG_RADAR_MAX_QUADRANTS, quad, false);
		if (ri < 0 || qi < 0) {
			ag_diags_add(d, AG_SEV_ERROR, file, row.line, 1,
				     "'%s' would be a ninth %s; a radar has at most 8",
				     ri < 0 ? ring : quad, ri < 0 ? "ring" : "quadrant");
			errors++;
			csv_free(&row);
			continue;
		}
		struct imp_entry *e = imp_add(im);
		if (!e) {
			csv_free(&row);
			return AG_ENOMEM;
		}
		e->line = row.line;
		e->r = ri;
		e->q = qi;
		e->name = dupn(name, strlen(name));
		const char *st = col[5] >= 0 && (size_t)col[5] < row.nf ? row.f[col[5]] : "";
		const char *nw = col[3] >= 0 && (size_t)col[3] < row.nf ? row.f[col[3]] : "";
		if (!strcasecmp(st, "new"))
			e->move = AG_MOVE_NEW;
		else if (!strcasecmp(st, "moved in"))
			e->move = AG_MOVE_UP;
		else if (!strcasecmp(st, "moved out"))
			e->move = AG_MOVE_DOWN;
		else if (!*st && (!strcasecmp(nw, "true") || !strcasecmp(nw, "yes") ||
				  !strcmp(nw, "1")))
			e->move = AG_MOVE_NEW;
		if (col[4] >= 0 && (size_t)col[4] < row.nf &&
		    describe(e, row.f[col[4]], row.fl[col[4]])) {
			csv_free(&row);
			return AG_ENOMEM;
		}
		csv_free(&row);
		if (!e->name)
			return AG_ENOMEM;
	}
	if (bad) {
		ag_diags_add(d, AG_SEV_ERROR, file, line, 1, "a quoted field is not closed");
		return AG_EPARSE;
	}
	int dups = imp_duplicates(im, file, d) | (imp_check(im, file, d) != 0);
	if (errors || dups)
		return AG_EINVAL;
	/* a Thoughtworks radar with an empty quadrant still has four */
	bool tw = im->nquads > 0;
	for (size_t i = 0; i < im->nquads && tw; i++) {
		bool known = !strcasecmp(im->quads[i].name, "languages and frameworks");
		for (int k = 0; k < 4; k++)
			known |= !strcasecmp(im->quads[i].name, tw_quadrants[k][1]);
		tw = known;
	}
	for (int k = 0; tw && k < 4; k++)
		axis_index(im->quads, &im->nquads, AG_RADAR_MAX_QUADRANTS, tw_quadrants[k][1], false);
	reorder(im, true);
	reorder(im, false);
	return 0;
}

/* ---- Zalando import ---- */

static const struct ag_ynode *yget(const struct ag_ynode *m, const char *key)
{
	if (!m || m->kind != AG_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (!strcmp(m->kids[i]->str, key))
			return m->kids[i + 1];
	return NULL;
}

static bool yint(const struct ag_ynode *n, long long lo, long long hi, long long *v)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_int(n, v) && *v >= lo && *v <= hi;
}

static const char *ystr(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_is_null(n) ? n->str : NULL;
}

static int import_zalando(struct imp *im, const char *file, const char *text, size_t len,
			  struct ag_diags *d)
{
	struct ag_arena a;
	ag_arena_init(&a, (size_t)256 << 20);
	struct ag_ynode *root;
	int rc = ag_yaml_parse(&a, file, text, len, &root, d);
	if (rc) {
		ag_arena_release(&a);
		return rc == AG_ENOMEM ? rc : AG_EPARSE;
	}
	const struct ag_ynode *entries = root && root->kind == AG_Y_SEQ ? root : yget(root, "entries");
	if (!entries || entries->kind != AG_Y_SEQ) {
		ag_diags_add(d, AG_SEV_ERROR, file, root ? root->line : 1, root ? root->col : 1,
			     "not a Zalando radar: expected {\"entries\": [...]}");
		ag_arena_release(&a);
		return AG_EINVAL;
	}
	const char *title = ystr(yget(root, "title"));
	if (title && !(im->title = dupn(title, strlen(title)))) {
		ag_arena_release(&a);
		return AG_ENOMEM;
	}
	const char *date = ystr(yget(root, "date"));
	const struct ag_ynode *qn0 = yget(root, "quadrants");
	bool named = qn0 && qn0->kind == AG_Y_SEQ && qn0->n == 4;
	snprintf(im->note, sizeof(im->note), "%s%.60s%s", date ? "Zalando edition: " : "",
		 date ? date : "",
		 named ? "" : date ? "; the file names no quadrants: rename them"
				   : "The file names no quadrants: rename them");
	/* rings from the centre; quadrants clockwise from the bottom right */
	static const char *const zq[] = {"Bottom right", "Bottom left", "Top left", "Top right"};
	static const char *const zr[] = {"ADOPT", "TRIAL", "ASSESS", "HOLD"};
	const struct ag_ynode *qs = yget(root, "quadrants"), *rs = yget(root, "rings");
	im->nquads = im->nrings = 4;
	for (int i = 0; i < 4; i++) {
		int z = to_bottom_right(i);
		const char *qn = qs && qs->kind == AG_Y_SEQ && qs->n == 4
					 ? ystr(yget(qs->kids[z], "name")) : NULL;
		snprintf(im->quads[i].name, sizeof(im->quads[i].name), "%s", qn ? qn : zq[z]);
		slug(im->quads[i].name, strlen(im->quads[i].name), im->quads[i].id,
		     sizeof(im->quads[i].id));
		const char *rn = rs && rs->kind == AG_Y_SEQ && rs->n == 4
					 ? ystr(yget(rs->kids[i], "name")) : NULL;
		snprintf(im->rings[i].name, sizeof(im->rings[i].name), "%s", rn ? rn : zr[i]);
		slug(im->rings[i].name, strlen(im->rings[i].name), im->rings[i].id,
		     sizeof(im->rings[i].id));
		im->rings[i].gate = -1;
		for (int g = 0; g < 4; g++)
			if (!strcmp(im->rings[i].id, gates[g]))
				im->rings[i].gate = g;
	}
	int errors = 0;
	for (size_t i = 0; i < entries->n; i++) {
		const struct ag_ynode *en = entries->kids[i];
		if (en->kind != AG_Y_MAP) {
			ag_diags_add(d, AG_SEV_ERROR, file, en->line, en->col,
				     "entry %zu must be an object, not %s", i + 1, ag_yaml_describe(en));
			errors++;
			continue;
		}
		long long q, r, mv = 0;
		const struct ag_ynode *qn = yget(en, "quadrant"), *rn = yget(en, "ring"),
				      *ln = yget(en, "label"), *mn = yget(en, "moved");
		const char *label = ystr(ln);
		if (!yint(qn, 0, 3, &q)) {
			const struct ag_ynode *at = qn ? qn : en;
			ag_diags_add(d, AG_SEV_ERROR, file, at->line, at->col,
				     "entry %zu: quadrant must be 0, 1, 2 or 3 (clockwise from the "
				     "bottom right)", i + 1);
			errors++;
			continue;
		}
		if (!yint(rn, 0, 3, &r)) {
			const struct ag_ynode *at = rn ? rn : en;
			ag_diags_add(d, AG_SEV_ERROR, file, at->line, at->col,
				     "entry %zu: ring must be 0, 1, 2 or 3 (from the centre)", i + 1);
			errors++;
			continue;
		}
		if (!label || !*label) {
			const struct ag_ynode *at = ln ? ln : en;
			ag_diags_add(d, AG_SEV_ERROR, file, at->line, at->col,
				     "entry %zu has no label", i + 1);
			errors++;
			continue;
		}
		if (mn && !yint(mn, -1, 2, &mv)) {
			ag_diags_add(d, AG_SEV_ERROR, file, mn->line, mn->col,
				     "entry %zu: moved must be -1 (out), 0, 1 (in) or 2 (new)", i + 1);
			errors++;
			continue;
		}
		struct imp_entry *e = imp_add(im);
		if (!e) {
			ag_arena_release(&a);
			return AG_ENOMEM;
		}
		e->line = en->line;
		e->q = (int)((q + 1) % 4);
		e->r = (int)r;
		e->move = mv == 2 ? AG_MOVE_NEW : mv == 1 ? AG_MOVE_UP : mv == -1 ? AG_MOVE_DOWN
								   : AG_MOVE_NONE;
		e->name = dupn(label, strlen(label));
		const char *link = ystr(yget(en, "link"));
		const char *desc = ystr(yget(en, "description"));
		if (link && *link && (e->links[0] = dupn(link, strlen(link))))
			e->nlinks = 1;
		if (desc && describe(e, desc, strlen(desc))) {
			ag_arena_release(&a);
			return AG_ENOMEM;
		}
		if (!e->name) {
			ag_arena_release(&a);
			return AG_ENOMEM;
		}
	}
	ag_arena_release(&a);
	int dups = imp_duplicates(im, file, d) | (imp_check(im, file, d) != 0);
	return errors || dups ? AG_EINVAL : 0;
}

/* What the loader would reject, said at the row it comes from: text that
 * is not UTF-8 (radar.yaml must be) and names with nothing to match on. */
static int imp_check(const struct imp *im, const char *file, struct ag_diags *d)
{
	int bad = 0;
	if (im->title && !ag_utf8_valid(im->title, strlen(im->title))) {
		ag_diags_add(d, AG_SEV_ERROR, file, 1, 1, "the title is not valid UTF-8");
		bad = 1;
	}
	for (size_t i = 0; i < im->nrings + im->nquads; i++) {
		const struct imp_axis *a = i < im->nrings ? &im->rings[i] : &im->quads[i - im->nrings];
		if (!ag_utf8_valid(a->name, strlen(a->name))) {
			ag_diags_add(d, AG_SEV_ERROR, file, 1, 1, "a %s name is not valid UTF-8",
				     i < im->nrings ? "ring" : "quadrant");
			bad = 1;
		}
	}
	for (size_t i = 0; i < im->n; i++) {
		const struct imp_entry *e = &im->v[i];
		const char *what = !ag_utf8_valid(e->name, strlen(e->name)) ? "name"
				   : e->desc && !ag_utf8_valid(e->desc, strlen(e->desc)) ? "description"
				   : NULL;
		for (size_t k = 0; !what && k < e->nlinks; k++)
			if (!ag_utf8_valid(e->links[k], strlen(e->links[k])))
				what = "link";
		if (what) {
			ag_diags_add(d, AG_SEV_ERROR, file, e->line, 1,
				     "the entry's %s is not valid UTF-8 (a radar.yaml must be UTF-8: "
				     "convert the file, e.g. with iconv -f latin1 -t utf-8)", what);
			bad = 1;
			continue;
		}
		char norm[256];
		if (!ag_radar_norm(e->name, strlen(e->name), norm, sizeof(norm))) {
			ag_diags_add(d, AG_SEV_ERROR, file, e->line, 1,
				     "the name '%s' has no letter or digit; a radar matches "
				     "technologies by their letters and digits", e->name);
			bad = 1;
		}
	}
	return bad ? AG_EINVAL : 0;
}

/* The last line of defence: the radar.yaml import wrote must load as
 * archgate loads it, or nothing is written (import never exits 0 with a
 * file archgate itself rejects). The loader's messages are kept, named as
 * the generated file. */
static int load_back(const char *yaml, size_t n, const char *file, struct ag_diags *d)
{
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_diags ld;
	ag_diags_init(&ld);
	struct ag_ynode *root = NULL;
	static const char shown[] = "(the radar.yaml of the import)";
	int rc = ag_yaml_parse(&a, shown, yaml, n, &root, &ld);
	struct ag_radar r;
	memset(&r, 0, sizeof(r));
	struct ag_loader l = {&a, &ld, shown, 0};
	if (!rc)
		rc = ag_radar_load(&l, root, &r);
	if (!rc && l.errors)
		rc = AG_EINVAL;
	if (rc && rc != AG_ENOMEM) {
		ag_diags_add(d, AG_SEV_ERROR, file, 0, 0, "the import would write a radar.yaml "
			     "that archgate rejects; nothing written (please report this with the "
			     "file): %s", ld.n ? ld.v[0].message : ag_strerror(rc));
		rc = AG_EINVAL;
	}
	ag_radar_release(&r);
	ag_diags_release(&ld);
	ag_arena_release(&a);
	return rc;
}

int ag_radar_import(struct ag_buf *out, const char *file, const char *text, size_t len,
		    int fmt, const char *today, struct ag_diags *d)
{
	if (fmt < 0) {
		size_t i = 0;
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		fmt = i < len && (text[i] == '{' || text[i] == '[') ? AG_RX_ZALANDO : AG_RX_BYOR;
	}
	struct imp im;
	memset(&im, 0, sizeof(im));
	int rc = fmt == AG_RX_ZALANDO ? import_zalando(&im, file, text, len, d)
				      : import_byor(&im, file, text, len, d);
	size_t start = out->len;
	if (!rc)
		rc = write_yaml(out, &im, file,
				fmt == AG_RX_ZALANDO ? "Zalando tech-radar JSON"
						     : "Thoughtworks Build Your Own Radar CSV",
				today);
	if (!rc)
		rc = load_back(out->data + start, out->len - start, file, d);
	imp_release(&im);
	free((char *)im.title);
	return rc;
}

/* ---- the list report ---- */

int ag_radar_list_text(struct ag_buf *out, const struct ag_radar *r)
{
	int rc = 0;
	const struct ag_radar_entry *e = r->entries.v;
	size_t shown = 0, retired = 0;
	struct ag_buf t = AG_BUF_INIT; /* one escaped value at a time */
	for (size_t q = 0; q < r->nquadrants && !rc; q++) {
		bool head = false;
		for (size_t g = 0; g < r->nrings && !rc; g++) {
			bool rhead = false;
			for (size_t i = 0; i < r->entries.n && !rc; i++) {
				if (e[i].quadrant_ix != (int)q || e[i].ring_ix != (int)g)
					continue;
				if (e[i].retired.set) {
					retired++;
					continue;
				}
				/* names from radar.yaml as the terminal may show them */
				if (!head)
					rc = ag_buf_printf(out, "%s%s\n", shown ? "\n" : "",
							   ag_text_in(&t, ag_radar_quadrant_name(r, (int)q)));
				head = true;
				if (!rc && !rhead)
					rc = ag_buf_printf(out, "  %s\n",
							   ag_text_in(&t, ag_radar_ring_name(r, (int)g)));
				rhead = true;
				if (!rc && e[i].move == AG_MOVE_NONE)
					rc = ag_buf_printf(out, "    %s\n", ag_text_in(&t, e[i].name.s));
				else if (!rc)
					rc = ag_buf_printf(out, "    %-32s%s\n", ag_text_in(&t, e[i].name.s),
							   ag_radar_move_name(e[i].move));
				shown++;
			}
		}
	}
	ag_buf_release(&t);
	if (!rc)
		rc = ag_buf_printf(out, "%s%zu entr%s", shown ? "\n" : "", shown,
				   shown == 1 ? "y" : "ies");
	if (!rc && retired)
		rc = ag_buf_printf(out, " (and %zu retired)", retired);
	if (!rc)
		rc = ag_buf_addc(out, '\n');
	return rc;
}

int ag_radar_list_json(struct ag_buf *out, const struct ag_radar *r)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_INDENT(1)); /* one compact entry a line */
	ag_json_begin_array(&w);
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		if (!e[i].pos.file)
			continue;
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		kv_s(&w, "name", e[i].name.s);
		kv_s(&w, "quadrant", e[i].quadrant_ix >= 0 ? r->quadrants[e[i].quadrant_ix].id.s
							    : e[i].quadrant.s);
		kv_s(&w, "ring", e[i].ring_ix >= 0 ? r->rings[e[i].ring_ix].id.s : e[i].ring.s);
		kv_s(&w, "gate", e[i].ring_ix >= 0 ? ag_radar_gate_name(r->rings[e[i].ring_ix].g)
						   : "assess");
		kv_s(&w, "moved", e[i].move == AG_MOVE_NONE ? "none"
				  : e[i].move == AG_MOVE_NEW ? "new"
				  : e[i].move == AG_MOVE_UP ? "up" : "down");
		if (e[i].retired.set)
			kv_s(&w, "retired", e[i].retired.s);
		if (e[i].description.set)
			kv_s(&w, "description", e[i].description.s);
		kv_s(&w, "file", e[i].pos.file);
		ag_json_kv_int(&w, "line", e[i].pos.line);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	return json_done(&w);
}
