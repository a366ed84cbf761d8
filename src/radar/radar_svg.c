/*
 * radar_svg.c - lay out and draw the radar; see radar_svg.h.
 *
 * Everything is computed first (ring radii, blip positions, legend
 * columns, the key) into plain arrays of placed items, then written out in
 * one pass. Coordinates are printed with one decimal, so output is stable
 * across machines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "radar_svg.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in
 * thousandths of an em (from the fonts' hmtx tables). */
static const unsigned short adv_regular[95] = {
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};
static const unsigned short adv_bold[95] = {
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
	696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
	1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
	733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
	500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
	716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};

#define ASCENT 0.93  /* of the font size, above the baseline */
#define DESCENT 0.24 /* below it */

#define FONT "'DejaVu Sans', Helvetica, Arial, sans-serif"
#define BLIP_R 8.5  /* the drawn circle */
#define FOOT 14.5   /* what a blip with its mark occupies */
#define GAP 3.0
#define SPACING (2 * FOOT + GAP)
#define PAD 2.0     /* between a blip and a ring edge */
#define MIN_BAND (SPACING + 2 * PAD)
#define BASE_R 220.0
#define MAX_R 20000.0

#define LEGEND_PX 11.0
#define NUM_PX 10.5
#define RHEAD_PX 11.0
#define QHEAD_PX 13.0
#define NAME_MAX 230.0
#define COL_GAP 28.0
#define MARGIN 28.0

static size_t utf8_len(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return i + k <= n ? k : n - i;
}

double ag_radar_svg_text_width(const char *s, size_t n, double px, bool bold)
{
	double em = 0;
	for (size_t i = 0; i < n; i += utf8_len(s, n, i)) {
		unsigned ix = (unsigned char)s[i] - 32u; /* wraps for control bytes */
		if (ix < 95)
			em += (bold ? adv_bold : adv_regular)[ix] / 1000.0;
		else
			em += 1.0;
	}
	return em * px * 1.04;
}

void ag_radar_svg_boxes_release(struct ag_radar_svg_boxes *b)
{
	free(b->v);
	memset(b, 0, sizeof(*b));
}

/* ---- placed things ---- */

enum anchor { A_START, A_MIDDLE, A_END };

struct text {
	double x, y; /* baseline */
	double px;
	bool bold;
	enum anchor anchor;
	const char *fill;
	char *s;     /* owned */
	bool halo;   /* white outline under the glyphs (text over lines) */
	int blip;    /* number inside blip #blip, else -1 */
};

struct blip {
	int entry;
	int num;
	double x, y;
	const char *color;
	enum ag_radar_move move;
};

struct mark { /* legend and key shapes */
	double x, y; /* centre */
	enum ag_radar_move move;
	const char *color;
	double scale;
};

struct layout {
	const struct ag_radar *r;
	double R;                             /* outer radius */
	double radius[AG_RADAR_MAX_RINGS + 1]; /* ring edges, [0] = 0 */
	double cx, cy;
	struct blip *blips;
	size_t nblips;
	struct text *texts;
	size_t ntexts, talloc;
	struct mark *marks;
	size_t nmarks, malloc_;
	double width, height;
	int err;
};

struct box {
	double x0, y0, x1, y1;
};

static struct box text_box(const struct text *t)
{
	double w = ag_radar_svg_text_width(t->s, strlen(t->s), t->px, t->bold);
	double x0 = t->anchor == A_START ? t->x : t->anchor == A_MIDDLE ? t->x - w / 2 : t->x - w;
	return (struct box){x0, t->y - ASCENT * t->px, x0 + w, t->y + DESCENT * t->px};
}

static struct text *add_text(struct layout *L, double x, double y, double px, bool bold,
			     enum anchor an, const char *fill, const char *s, size_t n)
{
	if (L->err)
		return NULL;
	if (L->ntexts == L->talloc) {
		size_t na = L->talloc ? L->talloc * 2 : 256;
		struct text *v = realloc(L->texts, na * sizeof(*v));
		if (!v) {
			L->err = AG_ENOMEM;
			return NULL;
		}
		L->texts = v;
		L->talloc = na;
	}
	char *c = malloc(n + 1);
	if (!c) {
		L->err = AG_ENOMEM;
		return NULL;
	}
	memcpy(c, s, n);
	c[n] = '\0';
	struct text *t = &L->texts[L->ntexts++];
	*t = (struct text){x, y, px, bold, an, fill, c, false, -1};
	return t;
}

static void add_mark(struct layout *L, double x, double y, enum ag_radar_move m,
		     const char *color, double scale)
{
	if (L->err)
		return;
	if (L->nmarks == L->malloc_) {
		size_t na = L->malloc_ ? L->malloc_ * 2 : 64;
		struct mark *v = realloc(L->marks, na * sizeof(*v));
		if (!v) {
			L->err = AG_ENOMEM;
			return;
		}
		L->marks = v;
		L->malloc_ = na;
	}
	L->marks[L->nmarks++] = (struct mark){x, y, m, color, scale};
}

/* Shorten to fit `maxw` with an ellipsis; returns the byte length to use
 * and sets *ell when "…" must follow. */
static size_t fit(const char *s, double px, bool bold, double maxw, bool *ell)
{
	size_t n = strlen(s);
	*ell = false;
	if (ag_radar_svg_text_width(s, n, px, bold) <= maxw)
		return n;
	*ell = true;
	double ew = ag_radar_svg_text_width("\xe2\x80\xa6", 3, px, bold);
	size_t k = 0, best = 0;
	while (k < n) {
		size_t step = utf8_len(s, n, k);
		if (ag_radar_svg_text_width(s, k + step, px, bold) + ew > maxw)
			break;
		k += step;
		best = k;
	}
	while (best && s[best - 1] == ' ')
		best--;
	return best;
}

/* Add text shortened to maxw. */
static struct text *add_fitted(struct layout *L, double x, double y, double px, bool bold,
			       enum anchor an, const char *fill, const char *s, double maxw)
{
	bool ell;
	size_t k = fit(s, px, bold, maxw, &ell);
	char buf[1024];
	if (k > sizeof(buf) - 4)
		k = sizeof(buf) - 4;
	memcpy(buf, s, k);
	if (ell)
		memcpy(buf + k, "\xe2\x80\xa6", 3), k += 3;
	return add_text(L, x, y, px, bold, an, fill, buf, k);
}

/* ---- the chart ---- */

struct slot {
	double x, y;
};

static double sector_start(size_t i, size_t n)
{
	return -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
}

static bool hits(const struct box *b, double x, double y, double r)
{
	return x + r > b->x0 && x - r < b->x1 && y + r > b->y0 && y - r < b->y1;
}

/* The slots of one cell (relative to the centre), at most `cap` written to
 * `out` (may be NULL); returns how many there are. */
static size_t cell_slots(double a, double b, double t0, double t1, const struct box *res,
			 size_t nres, struct slot *out, size_t cap)
{
	double lo = a + FOOT + PAD, hi = b - FOOT - PAD;
	if (hi < lo)
		return 0;
	size_t rows = (size_t)floor((hi - lo) / SPACING) + 1;
	double start = lo + ((hi - lo) - (double)(rows - 1) * SPACING) / 2;
	size_t n = 0;
	for (size_t k = 0; k < rows; k++) {
		double rr = start + (double)k * SPACING;
		double dmin = FOOT + 1.5;
		if (rr <= dmin)
			continue;
		double delta = asin(dmin / rr);
		double usable = (t1 - t0) - 2 * delta;
		if (usable < 0)
			continue;
		double step = SPACING / (2 * rr) >= 1 ? M_PI : 2 * asin(SPACING / (2 * rr));
		size_t count = (size_t)floor(usable / step + 1e-9) + 1;
		if (t1 - t0 >= 2 * M_PI - 1e-9 && count > 1) {
			/* a full circle: the last slot must also clear the first */
			size_t full = (size_t)floor((2 * M_PI - 2 * delta) / step + 1e-9);
			if (count > full + 1)
				count = full + 1;
		}
		double spread = count > 1 ? usable / (double)(count - 1) : 0;
		for (size_t j = 0; j < count; j++) {
			double th = count > 1 ? t0 + delta + spread * (double)j : (t0 + t1) / 2;
			double x = rr * cos(th), y = rr * sin(th);
			bool blocked = false;
			for (size_t q = 0; q < nres && !blocked; q++)
				blocked = hits(&res[q], x, y, FOOT + 1);
			if (blocked)
				continue;
			if (out && n < cap)
				out[n] = (struct slot){x, y};
			n++;
		}
	}
	return n;
}

/* Where a ring's name is written: on the twelve o'clock line, mid-band. */
static struct box ring_label_box(const struct ag_radar *r, size_t k, double a, double b)
{
	const char *nm = ag_radar_ring_name(r, (int)k);
	double w = ag_radar_svg_text_width(nm, strlen(nm), RHEAD_PX, true);
	double mid = -(a + b) / 2;
	double y = mid + 0.35 * RHEAD_PX;
	return (struct box){-w / 2 - 2, y - ASCENT * RHEAD_PX - 1, w / 2 + 2,
			    y + DESCENT * RHEAD_PX + 1};
}

static int entry_cmp_ctx(const struct ag_radar *r, size_t a, size_t b)
{
	const struct ag_radar_entry *e = r->entries.v;
	if (e[a].quadrant_ix != e[b].quadrant_ix)
		return e[a].quadrant_ix - e[b].quadrant_ix;
	if (e[a].ring_ix != e[b].ring_ix)
		return e[a].ring_ix - e[b].ring_ix;
	int c = strcasecmp(e[a].name.s, e[b].name.s);
	return c ? c : strcmp(e[a].name.s, e[b].name.s);
}

/* Insertion sort of drawn entries into blip order (stable, no globals). */
static void sort_entries(const struct ag_radar *r, size_t *idx, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && entry_cmp_ctx(r, idx[j - 1], idx[j]) > 0; j--) {
			size_t t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

static int layout_chart(struct layout *L, const size_t *order, size_t n)
{
	const struct ag_radar *r = L->r;
	const struct ag_radar_entry *e = r->entries.v;
	size_t nq = r->nquadrants, nr = r->nrings;
	size_t count[AG_RADAR_MAX_QUADRANTS][AG_RADAR_MAX_RINGS] = {{0}};
	for (size_t i = 0; i < n; i++)
		count[e[order[i]].quadrant_ix][e[order[i]].ring_ix]++;
	/* base band widths: the inner ring a little wider, like the classics */
	double wsum = 0.5 + (double)nr;
	L->radius[0] = 0;
	for (size_t k = 0; k < nr; k++) {
		double a = L->radius[k];
		double base = BASE_R * (k == 0 ? 1.5 : 1.0) / wsum;
		double b = a + (base > MIN_BAND ? base : MIN_BAND);
		for (;;) {
			struct box res = ring_label_box(r, k, a, b);
			bool ok = true;
			for (size_t q = 0; q < nq && ok; q++)
				ok = cell_slots(a, b, sector_start(q, nq), sector_start(q + 1, nq),
						&res, 1, NULL, 0) >= count[q][k];
			if (ok || b > MAX_R)
				break;
			b += 4;
		}
		L->radius[k + 1] = b;
	}
	L->R = L->radius[nr];

	/* place: every cell's entries on evenly spread slots */
	L->blips = calloc(n ? n : 1, sizeof(*L->blips));
	if (!L->blips)
		return AG_ENOMEM;
	size_t bi = 0;
	for (size_t i = 0; i < n;) {
		size_t q = (size_t)e[order[i]].quadrant_ix, k = (size_t)e[order[i]].ring_ix;
		size_t j = i;
		while (j < n && e[order[j]].quadrant_ix == (int)q && e[order[j]].ring_ix == (int)k)
			j++;
		size_t c = j - i;
		struct box res = ring_label_box(r, k, L->radius[k], L->radius[k + 1]);
		double t0 = sector_start(q, nq), t1 = sector_start(q + 1, nq);
		size_t cap = cell_slots(L->radius[k], L->radius[k + 1], t0, t1, &res, 1, NULL, 0);
		struct slot *sl = malloc((cap ? cap : 1) * sizeof(*sl));
		if (!sl)
			return AG_ENOMEM;
		cell_slots(L->radius[k], L->radius[k + 1], t0, t1, &res, 1, sl, cap);
		for (size_t m = 0; m < c; m++) {
			size_t pick = cap >= c ? (size_t)(((double)m + 0.5) * (double)cap / (double)c)
					       : m % (cap ? cap : 1);
			if (pick >= cap)
				pick = cap ? cap - 1 : 0;
			const struct ag_radar_entry *en = &e[order[i + m]];
			struct blip *b = &L->blips[bi];
			b->entry = (int)order[i + m];
			b->num = (int)(bi + 1);
			b->x = cap ? sl[pick].x : 0;
			b->y = cap ? sl[pick].y : 0;
			b->color = r->rings[k].color.s;
			b->move = en->move;
			bi++;
		}
		free(sl);
		i = j;
	}
	L->nblips = bi;
	return 0;
}

/* ---- the legend ---- */

enum line_kind { LN_QHEAD, LN_RHEAD, LN_ITEM, LN_NONE };

struct line {
	enum line_kind kind;
	int quadrant, ring, blip;
	double h, w;
};

static double line_width(const struct layout *L, const struct line *ln)
{
	const struct ag_radar *r = L->r;
	switch (ln->kind) {
	case LN_QHEAD: {
		const char *s = ag_radar_quadrant_name(r, ln->quadrant);
		double w = ag_radar_svg_text_width(s, strlen(s), QHEAD_PX, true) + 4;
		return w < NAME_MAX + 70 ? w : NAME_MAX + 70;
	}
	case LN_RHEAD: {
		const char *s = ag_radar_ring_name(r, ln->ring);
		return 14 + ag_radar_svg_text_width(s, strlen(s), RHEAD_PX, true);
	}
	case LN_NONE:
		return 6 + ag_radar_svg_text_width("no entries", 10, LEGEND_PX, false);
	case LN_ITEM: {
		const struct ag_radar_entry *e = &((const struct ag_radar_entry *)r->entries.v)
			[L->blips[ln->blip].entry];
		bool ell;
		size_t k = fit(e->name.s, LEGEND_PX, false, NAME_MAX, &ell);
		double w = 28 + ag_radar_svg_text_width(e->name.s, k, LEGEND_PX, false) +
			   (ell ? ag_radar_svg_text_width("\xe2\x80\xa6", 3, LEGEND_PX, false) : 0);
		return w + (e->move != AG_MOVE_NONE ? 18 : 0);
	}
	}
	return 0;
}

struct column {
	double x, w, h;
	size_t from, to; /* lines [from, to) */
	bool cont;       /* starts inside a quadrant: repeat its header */
	int cont_q;
};

struct side {
	struct line *lines;
	size_t n, alloc;
	struct column cols[64];
	size_t ncols;
	double width;
};

static int push_line(struct side *s, struct line ln)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 64;
		struct line *v = realloc(s->lines, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		s->lines = v;
		s->alloc = na;
	}
	s->lines[s->n++] = ln;
	return 0;
}

static int build_side(struct layout *L, struct side *s, const int *quads, size_t nquads)
{
	const struct ag_radar *r = L->r;
	const struct ag_radar_entry *e = r->entries.v;
	int rc = 0;
	for (size_t qi = 0; qi < nquads && !rc; qi++) {
		int q = quads[qi];
		rc = push_line(s, (struct line){LN_QHEAD, q, -1, -1, 24, 0});
		size_t before = s->n;
		for (size_t k = 0; k < r->nrings && !rc; k++) {
			bool head = false;
			for (size_t b = 0; b < L->nblips && !rc; b++) {
				const struct ag_radar_entry *en = &e[L->blips[b].entry];
				if (en->quadrant_ix != q || en->ring_ix != (int)k)
					continue;
				if (!head)
					rc = push_line(s, (struct line){LN_RHEAD, q, (int)k, -1, 19, 0});
				head = true;
				if (!rc)
					rc = push_line(s, (struct line){LN_ITEM, q, (int)k, (int)b, 15, 0});
			}
		}
		if (!rc && s->n == before)
			rc = push_line(s, (struct line){LN_NONE, q, -1, -1, 17, 0});
	}
	for (size_t i = 0; i < s->n; i++)
		s->lines[i].w = line_width(L, &s->lines[i]);
	return rc;
}

/* Break a side's lines into columns no taller than `maxh`. */
static void flow(const struct layout *L, struct side *s, double maxh)
{
	s->ncols = 0;
	size_t i = 0;
	while (i < s->n && s->ncols < 64) {
		struct column *c = &s->cols[s->ncols++];
		memset(c, 0, sizeof(*c));
		c->from = i;
		c->cont_q = -1;
		if (s->lines[i].kind != LN_QHEAD) {
			c->cont = true;
			c->cont_q = s->lines[i].quadrant;
			c->h = 24;
			const char *qn = ag_radar_quadrant_name(L->r, c->cont_q);
			c->w = ag_radar_svg_text_width(qn, strlen(qn), QHEAD_PX, true) +
			       ag_radar_svg_text_width(" (continued)", 12, QHEAD_PX, true) + 4;
			if (c->w > NAME_MAX + 70)
				c->w = NAME_MAX + 70;
		}
		for (; i < s->n; i++) {
			double h = s->lines[i].h;
			/* keep a header with what follows it */
			double need = h;
			if (s->lines[i].kind != LN_ITEM && i + 1 < s->n)
				need += s->lines[i + 1].h + (s->lines[i].kind == LN_QHEAD && i + 2 < s->n
							     ? s->lines[i + 2].h : 0);
			if (c->h + need > maxh && i > c->from)
				break;
			c->h += h;
			if (s->lines[i].w > c->w)
				c->w = s->lines[i].w;
		}
		c->to = i;
	}
	s->width = 0;
	for (size_t k = 0; k < s->ncols; k++)
		s->width += s->cols[k].w + (k ? COL_GAP : 0);
}

static const char *const text_dark = "#222222";
static const char *const text_mid = "#555555";

static void emit_side(struct layout *L, struct side *s, double top)
{
	const struct ag_radar *r = L->r;
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t ci = 0; ci < s->ncols && !L->err; ci++) {
		struct column *c = &s->cols[ci];
		double y = top;
		if (c->cont) {
			double cw = ag_radar_svg_text_width(" (continued)", 12, QHEAD_PX, true);
			struct text *t = add_fitted(L, c->x, y + 15, QHEAD_PX, true, A_START, text_dark,
						    ag_radar_quadrant_name(r, c->cont_q), c->w - cw);
			if (t)
				add_text(L, text_box(t).x1, y + 15, QHEAD_PX, true, A_START, text_dark,
					 " (continued)", 12);
			y += 24;
		}
		for (size_t i = c->from; i < c->to && !L->err; i++) {
			const struct line *ln = &s->lines[i];
			switch (ln->kind) {
			case LN_QHEAD:
				add_fitted(L, c->x, y + 15, QHEAD_PX, true, A_START, text_dark,
					   ag_radar_quadrant_name(r, ln->quadrant), c->w);
				break;
			case LN_RHEAD:
				add_fitted(L, c->x + 6, y + 14, RHEAD_PX, true, A_START,
					   r->rings[ln->ring].color.s, ag_radar_ring_name(r, ln->ring),
					   c->w - 6);
				break;
			case LN_NONE:
				add_text(L, c->x + 6, y + 12, LEGEND_PX, false, A_START, text_mid,
					 "no entries", 10);
				break;
			case LN_ITEM: {
				const struct blip *b = &L->blips[ln->blip];
				const struct ag_radar_entry *en = &e[b->entry];
				char num[16];
				size_t nl = ag_snprintf(num, sizeof(num), "%d", b->num);
				add_text(L, c->x + 24, y + 11.5, NUM_PX, true, A_END, text_mid, num,
					 nl);
				struct text *t = add_fitted(L, c->x + 28, y + 11.5, LEGEND_PX, false,
							    A_START, text_dark, en->name.s, NAME_MAX);
				if (t && en->move != AG_MOVE_NONE) {
					struct box bx = text_box(t);
					add_mark(L, bx.x1 + 9, y + 7.5, en->move, b->color, 0.5);
				}
				break;
			}
			}
			y += ln->h;
		}
	}
}

/* ---- the whole picture ---- */

static void layout_free(struct layout *L)
{
	for (size_t i = 0; i < L->ntexts; i++)
		free(L->texts[i].s);
	free(L->texts);
	free(L->marks);
	free(L->blips);
}

static int do_layout(struct layout *L, const struct ag_radar *r)
{
	memset(L, 0, sizeof(*L));
	L->r = r;
	const struct ag_radar_entry *e = r->entries.v;
	size_t *order = malloc((r->entries.n + 1) * sizeof(*order));
	if (!order)
		return AG_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < r->entries.n; i++)
		if (e[i].pos.file && !e[i].retired.set && e[i].ring_ix >= 0 && e[i].quadrant_ix >= 0 &&
		    e[i].name.s)
			order[n++] = i;
	sort_entries(r, order, n);
	int rc = layout_chart(L, order, n);
	free(order);
	if (rc)
		return rc;

	size_t nq = r->nquadrants;
	/* the chart's extent around its centre, with quadrant names outside */
	double minx = -L->R, maxx = L->R, miny = -L->R, maxy = L->R;
	struct text *qlabels[AG_RADAR_MAX_QUADRANTS];
	for (size_t q = 0; q < nq; q++) {
		double mid = (sector_start(q, nq) + sector_start(q + 1, nq)) / 2;
		double c = cos(mid), s = sin(mid);
		double rr = L->R + 16;
		double x = rr * c, y = rr * s + 0.35 * QHEAD_PX;
		if (s < -0.3)
			y -= 6;
		else if (s > 0.3)
			y += 8;
		enum anchor an = c > 0.25 ? A_START : c < -0.25 ? A_END : A_MIDDLE;
		qlabels[q] = add_fitted(L, x, y, QHEAD_PX, true, an, "#444444",
					ag_radar_quadrant_name(r, (int)q), 260);
		if (!qlabels[q])
			return L->err ? L->err : AG_ENOMEM;
		struct box b = text_box(qlabels[q]);
		minx = fmin(minx, b.x0), maxx = fmax(maxx, b.x1);
		miny = fmin(miny, b.y0), maxy = fmax(maxy, b.y1);
	}
	double chart_w = maxx - minx, chart_h = maxy - miny;

	/* legend sides: quadrants to the right or left of the centre, top first */
	int right[AG_RADAR_MAX_QUADRANTS], left[AG_RADAR_MAX_QUADRANTS];
	size_t nright = 0, nleft = 0;
	double order_y[AG_RADAR_MAX_QUADRANTS];
	for (size_t q = 0; q < nq; q++) {
		double mid = (sector_start(q, nq) + sector_start(q + 1, nq)) / 2;
		order_y[q] = sin(mid);
		if (cos(mid) >= -1e-9)
			right[nright++] = (int)q;
		else
			left[nleft++] = (int)q;
	}
	for (size_t i = 1; i < nright; i++)
		for (size_t j = i; j > 0 && order_y[right[j]] < order_y[right[j - 1]]; j--) {
			int t = right[j];
			right[j] = right[j - 1];
			right[j - 1] = t;
		}
	for (size_t i = 1; i < nleft; i++)
		for (size_t j = i; j > 0 && order_y[left[j]] < order_y[left[j - 1]]; j--) {
			int t = left[j];
			left[j] = left[j - 1];
			left[j - 1] = t;
		}
	struct side sl, sr;
	memset(&sl, 0, sizeof(sl));
	memset(&sr, 0, sizeof(sr));
	rc = build_side(L, &sr, right, nright);
	if (!rc)
		rc = build_side(L, &sl, left, nleft);
	if (rc) {
		free(sl.lines);
		free(sr.lines);
		return rc;
	}
	/* Columns as tall as the chart at least; taller while the page is much
	 * wider than A-series landscape (1.41:1), so big radars print larger. */
	double colh = chart_h > 560 ? chart_h : 560;
	for (;;) {
		flow(L, &sr, colh);
		flow(L, &sl, colh);
		double w = 2 * MARGIN + sl.width + sr.width + chart_w + 24 +
			   (sl.ncols ? COL_GAP : 0) + (sr.ncols ? COL_GAP : 0);
		double h = 58 + colh + 60 + 2 * MARGIN;
		if (w / h <= 1.5 || (sl.ncols <= 1 && sr.ncols <= 1) || colh > 3 * chart_h)
			break;
		colh += 40;
	}
	/* then even the columns out: as short as they can be without a new one */
	struct side *sides[2] = {&sl, &sr};
	for (int k = 0; k < 2; k++) {
		size_t want = sides[k]->ncols;
		double h = colh;
		while (want > 1 && h > 60) {
			flow(L, sides[k], h - 15);
			if (sides[k]->ncols > want)
				break;
			h -= 15;
		}
		flow(L, sides[k], h);
	}

	double top = MARGIN + 58;
	double x = MARGIN;
	/* columns read left to right on both sides */
	for (size_t k = 0; k < sl.ncols; k++) {
		sl.cols[k].x = x;
		x += sl.cols[k].w + COL_GAP;
	}
	if (!sl.ncols)
		x = MARGIN;
	else
		x += 12;
	L->cx = x - minx;
	L->cy = top - miny;
	x += chart_w + 12 + (sr.ncols ? COL_GAP : 0);
	for (size_t k = 0; k < sr.ncols; k++) {
		sr.cols[k].x = x;
		x += sr.cols[k].w + (k + 1 < sr.ncols ? COL_GAP : 0);
	}
	double width = x + MARGIN;
	/* chart-relative texts move to the canvas */
	for (size_t i = 0; i < L->ntexts; i++) {
		L->texts[i].x += L->cx;
		L->texts[i].y += L->cy;
	}
	emit_side(L, &sl, top);
	emit_side(L, &sr, top);
	double bottom = top + chart_h;
	for (size_t k = 0; k < sl.ncols; k++)
		bottom = fmax(bottom, top + sl.cols[k].h);
	for (size_t k = 0; k < sr.ncols; k++)
		bottom = fmax(bottom, top + sr.cols[k].h);
	free(sl.lines);
	free(sr.lines);

	/* ring names on the twelve o'clock line */
	for (size_t k = 0; k < r->nrings; k++) {
		double mid = (L->radius[k] + L->radius[k + 1]) / 2;
		struct text *t = add_text(L, L->cx, L->cy - mid + 0.35 * RHEAD_PX, RHEAD_PX, true,
					  A_MIDDLE, r->rings[k].color.s,
					  ag_radar_ring_name(r, (int)k),
					  strlen(ag_radar_ring_name(r, (int)k)));
		if (t)
			t->halo = true;
	}
	/* blip numbers */
	for (size_t b = 0; b < L->nblips; b++) {
		char num[16];
		size_t nl = ag_snprintf(num, sizeof(num), "%d", L->blips[b].num);
		double px = nl >= 3 ? 6.5 : 8.0;
		struct text *t = add_text(L, L->cx + L->blips[b].x, L->cy + L->blips[b].y + 0.36 * px,
					  px, true, A_MIDDLE, "#ffffff", num, nl);
		if (t)
			t->blip = (int)b;
	}

	/* title */
	const char *title = r->title.set ? r->title.s : "Tech Radar";
	add_fitted(L, MARGIN, MARGIN + 20, 20, true, A_START, text_dark, title,
		   fmax(width - 2 * MARGIN, 300));
	char sub[128], date[11] = "";
	if (r->edition_day >= 0)
		ag_date_format(r->edition_day, date);
	snprintf(sub, sizeof(sub), "%s%s%s%zu entr%s", *date ? "Edition " : "", date,
		 *date ? " \xc2\xb7 " : "", L->nblips, L->nblips == 1 ? "y" : "ies");
	add_text(L, MARGIN, MARGIN + 40, 11, false, A_START, text_mid, sub, strlen(sub));

	/* the key: ring colours, then the marks */
	double ky = bottom + 30, kx = MARGIN;
	double maxw = fmax(width - MARGIN, 640);
	for (size_t k = 0; k < r->nrings + 4 && !L->err; k++) {
		char lab[200];
		const char *color = "#777777";
		enum ag_radar_move mv = AG_MOVE_NONE;
		if (k < r->nrings) {
			snprintf(lab, sizeof(lab), "%s", ag_radar_ring_name(r, (int)k));
			color = r->rings[k].color.s;
		} else {
			static const char *const what[] = {"no change", "new", "moved up (inwards)",
							   "moved down (outwards)"};
			mv = (enum ag_radar_move)(k - r->nrings);
			snprintf(lab, sizeof(lab), "%s", what[k - r->nrings]);
		}
		double w = 22 + ag_radar_svg_text_width(lab, strlen(lab), LEGEND_PX, false) + 22;
		if (kx + w > maxw && kx > MARGIN) {
			kx = MARGIN;
			ky += 30;
		}
		add_mark(L, kx + 10, ky, mv, color, 0.8);
		add_text(L, kx + 24, ky + 4, LEGEND_PX, false, A_START, text_dark, lab, strlen(lab));
		kx += w;
	}
	L->width = fmax(width, kx + MARGIN);
	L->height = ky + 16 + MARGIN;
	return L->err;
}

/* ---- drawing ---- */

/* A blip (or a legend mark at `s` times the size): the circle, and for
 * new an outer ring, for moved up a small triangle above pointing up, for
 * moved down one below pointing down, clear of the circle. */
static int shape(struct ag_buf *b, double x, double y, enum ag_radar_move m, const char *color,
		 double s)
{
	int rc = 0;
	switch (m) {
	case AG_MOVE_NEW:
		rc = ag_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" "
				   "stroke=\"%s\" stroke-width=\"%.1f\"/>", x, y, 11.3 * s, color,
				   1.6 * s);
		break;
	case AG_MOVE_UP:
		rc = ag_buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>",
				   x, y - FOOT * s, x - 4.5 * s, y - 10.2 * s, x + 4.5 * s,
				   y - 10.2 * s, color);
		break;
	case AG_MOVE_DOWN:
		rc = ag_buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>",
				   x, y + FOOT * s, x - 4.5 * s, y + 10.2 * s, x + 4.5 * s,
				   y + 10.2 * s, color);
		break;
	case AG_MOVE_NONE:
		break;
	}
	if (!rc)
		rc = ag_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", x, y,
				   BLIP_R * s, color);
	return rc;
}

static int emit_text(struct ag_buf *b, const struct text *t)
{
	static const char *const anchors[] = {"", " text-anchor=\"middle\"",
					      " text-anchor=\"end\""};
	int rc = ag_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%s%s "
			       "fill=\"%s\"%s>", t->x, t->y, t->px,
			       t->bold ? " font-weight=\"bold\"" : "", anchors[t->anchor], t->fill,
			       t->halo ? " stroke=\"#ffffff\" stroke-width=\"3\" "
					 "stroke-linejoin=\"round\" paint-order=\"stroke\"" : "");
	if (!rc)
		rc = ag_buf_xml_str(b, t->s, strlen(t->s));
	if (!rc)
		rc = ag_buf_adds(b, "</text>\n");
	return rc;
}

static int add_box(struct ag_radar_svg_boxes *bx, enum ag_radar_svg_kind k, struct box b, int blip)
{
	if (!bx)
		return 0;
	if (bx->n == bx->alloc) {
		size_t na = bx->alloc ? bx->alloc * 2 : 256;
		struct ag_radar_svg_box *v = realloc(bx->v, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		bx->v = v;
		bx->alloc = na;
	}
	bx->v[bx->n++] = (struct ag_radar_svg_box){k, b.x0, b.y0, b.x1, b.y1, blip};
	return 0;
}

int ag_radar_svg(struct ag_buf *out, const struct ag_radar *r, struct ag_radar_svg_boxes *boxes)
{
	return ag_radar_svg_linked(out, r, boxes, NULL);
}

int ag_radar_svg_linked(struct ag_buf *out, const struct ag_radar *r,
			struct ag_radar_svg_boxes *boxes, const char *anchor)
{
	struct layout L;
	int rc = do_layout(&L, r);
	if (rc) {
		layout_free(&L);
		return rc;
	}
	const struct ag_radar_entry *e = r->entries.v;
	const char *title = r->title.set ? r->title.s : "Tech Radar";
	rc = ag_buf_printf(out,
			   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<!-- Generated by archgate radar render; do not edit. -->\n"
			   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
			   "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" role=\"%s\">\n<title>",
			   ceil(L.width), ceil(L.height), ceil(L.width), ceil(L.height), FONT,
			   /* with links inside it is a group of links, not one image */
			   anchor ? "group" : "img");
	if (!rc)
		rc = ag_buf_xml_str(out, title, strlen(title));
	if (!rc)
		rc = ag_buf_printf(out, "</title>\n<rect width=\"100%%\" height=\"100%%\" "
				   "fill=\"#ffffff\"/>\n<g id=\"grid\" fill=\"none\">\n");
	/* bands, outermost first, alternating greys that survive printing */
	for (size_t k = r->nrings; k-- > 0 && !rc;)
		rc = ag_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
				   "stroke=\"#b0b0b0\" stroke-width=\"1\"/>\n", L.cx, L.cy,
				   L.radius[k + 1], k % 2 ? "#f6f6f6" : "#ececec");
	for (size_t q = 0; q < r->nquadrants && r->nquadrants > 1 && !rc; q++) {
		double t = sector_start(q, r->nquadrants);
		rc = ag_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "stroke=\"#8a8a8a\" stroke-width=\"1.5\"/>\n", L.cx, L.cy,
				   L.cx + L.R * cos(t), L.cy + L.R * sin(t));
	}
	if (r->nquadrants == 1 && !rc)
		rc = ag_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "stroke=\"#8a8a8a\" stroke-width=\"1.5\"/>\n", L.cx, L.cy, L.cx,
				   L.cy - L.R);
	if (!rc)
		rc = ag_buf_adds(out, "</g>\n<g id=\"blips\">\n");
	for (size_t i = 0; i < L.nblips && !rc; i++) {
		const struct blip *b = &L.blips[i];
		const struct ag_radar_entry *en = &e[b->entry];
		double x = L.cx + b->x, y = L.cy + b->y;
		/* the first link the URL allowlist passes (ADR-023): a
		 * javascript: or data: link draws the blip without a link */
		const struct ag_scalar *ln = en->links.v, *link = NULL;
		for (size_t k = 0; k < en->links.n && !link && !anchor; k++)
			if (ag_url_allowed(ln[k].s, ln[k].len))
				link = &ln[k];
		if (anchor) {
			/* anchor is the caller's fixed text, the entry an index */
			rc = ag_buf_adds(out, "<a href=\"");
			if (!rc)
				rc = ag_buf_xml_str(out, anchor, strlen(anchor));
			if (!rc)
				rc = ag_buf_printf(out, "%d\" aria-label=\"", b->entry);
			if (!rc)
				rc = ag_buf_xml_str(out, en->name.s, en->name.len);
			if (!rc)
				rc = ag_buf_adds(out, "\">");
		} else if (link) {
			rc = ag_buf_adds(out, "<a href=\"");
			if (!rc)
				rc = ag_buf_xml_str(out, link->s, link->len);
			if (!rc)
				rc = ag_buf_adds(out, "\">");
		}
		struct ag_buf tip = AG_BUF_INIT;
		if (!rc)
			rc = ag_buf_printf(&tip, "%d. %s (%s, %s%s%s)", b->num, en->name.s,
					   ag_radar_ring_name(r, en->ring_ix),
					   ag_radar_quadrant_name(r, en->quadrant_ix),
					   en->move != AG_MOVE_NONE ? ", " : "",
					   en->move != AG_MOVE_NONE ? ag_radar_move_name(en->move) : "");
		if (!rc)
			rc = ag_buf_printf(out, "<g class=\"blip\" data-number=\"%d\"><title>",
					   b->num);
		if (!rc)
			rc = ag_buf_xml_str(out, tip.data, tip.len);
		ag_buf_release(&tip);
		if (!rc)
			rc = ag_buf_adds(out, "</title>");
		if (!rc)
			rc = shape(out, x, y, b->move, b->color, 1.0);
		if (!rc)
			rc = ag_buf_adds(out, "</g>");
		if (!rc && (link || anchor))
			rc = ag_buf_adds(out, "</a>");
		if (!rc)
			rc = ag_buf_addc(out, '\n');
		if (!rc)
			rc = add_box(boxes, AG_RADAR_SVG_BLIP,
				     (struct box){x - FOOT, y - FOOT, x + FOOT, y + FOOT}, -1);
	}
	if (!rc)
		rc = ag_buf_adds(out, "</g>\n<g id=\"marks\">\n");
	for (size_t i = 0; i < L.nmarks && !rc; i++) {
		const struct mark *m = &L.marks[i];
		rc = shape(out, m->x, m->y, m->move, m->color, m->scale);
		if (!rc)
			rc = ag_buf_addc(out, '\n');
		double f = FOOT * m->scale;
		if (!rc)
			rc = add_box(boxes, AG_RADAR_SVG_MARK,
				     (struct box){m->x - f, m->y - f, m->x + f, m->y + f}, -1);
	}
	if (!rc)
		rc = ag_buf_adds(out, "</g>\n<g id=\"text\">\n");
	for (size_t i = 0; i < L.ntexts && !rc; i++) {
		rc = emit_text(out, &L.texts[i]);
		if (!rc)
			rc = add_box(boxes, AG_RADAR_SVG_TEXT, text_box(&L.texts[i]), L.texts[i].blip);
	}
	if (!rc)
		rc = ag_buf_adds(out, "</g>\n</svg>\n");
	if (boxes) {
		boxes->width = ceil(L.width);
		boxes->height = ceil(L.height);
	}
	layout_free(&L);
	return rc;
}
