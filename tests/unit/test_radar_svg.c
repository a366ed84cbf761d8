/*
 * test_radar_svg.c - the rendered radar: for radars of every shape (one to
 * eight quadrants and rings, up to 200 entries, long and non-ASCII names,
 * crowded cells) no blip, mark or piece of text overlaps another, each
 * blip's number fits inside it, everything is on the canvas, and the same
 * radar gives the same bytes. (tests/cli/t0520 checks the same on the SVG
 * text itself, with the real font's metrics.)
 */
#include "radar/radar_svg.h"
#include "test.h"
#include "util.h"
#include "yaml/yaml_tree.h"

static unsigned long long lcg(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* A radar.yaml with n entries spread (unevenly) over nq quadrants and nr
 * rings, the first cell crowded. */
static void gen(struct ag_buf *b, unsigned seed, int nq, int nr, int n)
{
	static const char *const words[] = {
		"Kafka", "Stream", "Postgres", "Vector", "Edge", "Mesh", "Lambda", "Flux",
		"Graph", "Cache", "Queue", "Index", "Token", "Ledger", "Pixel", "Orbit",
		"Nimbus", "Atlas", "Quartz", "Helix", "Comet", "Délta", "Ember", "数据", "W"};
	static const char *const gates[] = {"adopt", "trial", "assess", "hold"};
	unsigned long long s = seed;
	ag_buf_printf(b, "title: Generated radar %u\nedition: 2026-11-01\nrings:\n", seed);
	for (int i = 0; i < nr; i++)
		ag_buf_printf(b, "  - {id: r%d, name: Ring %d %s, gate: %s}\n", i, i,
			      gates[i * 4 / nr], gates[i * 4 / nr]);
	ag_buf_adds(b, "quadrants:\n");
	for (int i = 0; i < nq; i++)
		ag_buf_printf(b, "  - {id: q%d, name: Quadrant %d of the radar}\n", i, i);
	ag_buf_adds(b, n ? "entries:\n" : "entries: []\n");
	for (int i = 0; i < n; i++) {
		int k = 1 + (int)(lcg(&s) % 4);
		ag_buf_printf(b, "  - name: \"E%d", i);
		for (int w = 0; w < k; w++)
			ag_buf_printf(b, " %s", words[lcg(&s) % (sizeof(words) / sizeof(words[0]))]);
		if (lcg(&s) % 10 == 0)
			ag_buf_adds(b, " Enterprise Edition for Very Large Organisations Worldwide");
		int q = (int)(lcg(&s) % (unsigned)nq), r = (int)(lcg(&s) % (unsigned)nr);
		if (i < n / 6)
			q = r = 0;
		static const char *const mv[] = {"none", "new", "up", "down"};
		ag_buf_printf(b, "\"\n    quadrant: q%d\n    ring: r%d\n    moved: %s\n", q, r,
			      mv[lcg(&s) % 4]);
	}
}

struct loaded {
	struct ag_arena arena;
	struct ag_diags diags;
	struct ag_radar r;
};

static int load(struct loaded *L, const char *text, size_t len)
{
	ag_arena_init(&L->arena, 0);
	ag_diags_init(&L->diags);
	memset(&L->r, 0, sizeof(L->r));
	struct ag_ynode *root;
	if (ag_yaml_parse(&L->arena, "radar.yaml", text, len, &root, &L->diags))
		return -1;
	struct ag_loader l = {&L->arena, &L->diags, "radar.yaml", 0};
	if (ag_radar_load(&l, root, &L->r) || l.errors) {
		diag_dump(&L->diags);
		return -1;
	}
	return 0;
}

static void unload(struct loaded *L)
{
	ag_radar_release(&L->r);
	ag_diags_release(&L->diags);
	ag_arena_release(&L->arena);
}

/* Blips and marks are circles (their box is the circle's square); text is
 * a rectangle. */
static bool round_(const struct ag_radar_svg_box *a)
{
	return a->kind != AG_RADAR_SVG_TEXT;
}

static bool overlap(const struct ag_radar_svg_box *a, const struct ag_radar_svg_box *b)
{
	if (!(a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1))
		return false;
	if (round_(a) && round_(b)) {
		double dx = (a->x0 + a->x1 - b->x0 - b->x1) / 2, dy = (a->y0 + a->y1 - b->y0 - b->y1) / 2;
		double rr = (a->x1 - a->x0 + b->x1 - b->x0) / 2;
		return dx * dx + dy * dy < rr * rr - 1e-6;
	}
	if (round_(b)) {
		const struct ag_radar_svg_box *t = a;
		a = b;
		b = t;
	}
	if (round_(a)) { /* circle a against rectangle b */
		double cx = (a->x0 + a->x1) / 2, cy = (a->y0 + a->y1) / 2, r = (a->x1 - a->x0) / 2;
		double px = cx < b->x0 ? b->x0 : cx > b->x1 ? b->x1 : cx;
		double py = cy < b->y0 ? b->y0 : cy > b->y1 ? b->y1 : cy;
		return (px - cx) * (px - cx) + (py - cy) * (py - cy) < r * r - 1e-6;
	}
	return true;
}

/* Render, check the boxes, and return the SVG (caller frees). */
static char *render_checked(const char *yaml, size_t len, size_t want_blips)
{
	struct loaded L;
	if (load(&L, yaml, len)) {
		TEST_FAIL_("the generated radar does not load");
		return NULL;
	}
	struct ag_buf svg = AG_BUF_INIT;
	struct ag_radar_svg_boxes bx = {0};
	if (ag_radar_svg(&svg, &L.r, &bx)) {
		TEST_FAIL_("render failed");
		unload(&L);
		return NULL;
	}
	size_t blips = 0, bad = 0;
	for (size_t i = 0; i < bx.n; i++) {
		const struct ag_radar_svg_box *a = &bx.v[i];
		blips += a->kind == AG_RADAR_SVG_BLIP;
		if (a->x0 < 0 || a->y0 < 0 || a->x1 > bx.width || a->y1 > bx.height) {
			if (bad++ < 5)
				TEST_FAIL_("box %zu (%.1f,%.1f)-(%.1f,%.1f) is off the %.0fx%.0f "
					   "canvas", i, a->x0, a->y0, a->x1, a->y1, bx.width,
					   bx.height);
		}
		if (a->blip >= 0) { /* a number must sit inside its blip */
			const struct ag_radar_svg_box *o = NULL;
			size_t seen = 0;
			for (size_t k = 0; k < bx.n && !o; k++)
				if (bx.v[k].kind == AG_RADAR_SVG_BLIP && seen++ == (size_t)a->blip)
					o = &bx.v[k];
			if (!o || a->x0 < o->x0 || a->x1 > o->x1 || a->y0 < o->y0 || a->y1 > o->y1)
				if (bad++ < 5)
					TEST_FAIL_("the number of blip %d does not fit in it", a->blip);
			continue;
		}
		for (size_t k = i + 1; k < bx.n; k++) {
			const struct ag_radar_svg_box *b = &bx.v[k];
			if (b->blip >= 0 || !overlap(a, b))
				continue;
			if (bad++ < 5)
				TEST_FAIL_("boxes %zu and %zu overlap: (%.1f,%.1f)-(%.1f,%.1f) and "
					   "(%.1f,%.1f)-(%.1f,%.1f)", i, k, a->x0, a->y0, a->x1, a->y1,
					   b->x0, b->y0, b->x1, b->y1);
		}
	}
	CHECK_EQ_INT(blips, want_blips);
	CHECK_EQ_INT(bad, 0);
	ag_radar_svg_boxes_release(&bx);
	unload(&L);
	return ag_buf_detach(&svg, NULL);
}

static void shape_case(unsigned seed, int nq, int nr, int n)
{
	struct ag_buf y = AG_BUF_INIT;
	gen(&y, seed, nq, nr, n);
	char *a = render_checked(y.data, y.len, (size_t)n);
	char *b = render_checked(y.data, y.len, (size_t)n);
	if (a && b && strcmp(a, b))
		TEST_FAIL_("two renders of one radar differ (%d quadrants, %d rings)", nq, nr);
	if (a) {
		CHECK(!strncmp(a, "<?xml", 5));
		CHECK_CONTAINS(a, "</svg>\n");
	}
	free(a);
	free(b);
	ag_buf_release(&y);
}

TEST(four_by_four_with_150_entries)
{
	shape_case(7, 4, 4, 150);
}

TEST(six_quadrants_five_rings)
{
	shape_case(11, 6, 5, 120);
}

TEST(eight_by_eight_with_200_entries)
{
	shape_case(3, 8, 8, 200);
}

TEST(one_quadrant_and_two_quadrants)
{
	shape_case(5, 1, 3, 60);
	shape_case(9, 2, 1, 40);
}

TEST(tiny_and_empty_radars)
{
	shape_case(1, 4, 4, 1);
	shape_case(2, 3, 2, 0);
}

TEST(everything_in_one_cell)
{
	struct ag_buf y = AG_BUF_INIT;
	ag_buf_adds(&y, "entries:\n");
	for (int i = 0; i < 120; i++)
		ag_buf_printf(&y, "  - {name: Tech %d, quadrant: tools, ring: hold}\n", i);
	char *a = render_checked(y.data, y.len, 120);
	free(a);
	ag_buf_release(&y);
}

TEST(text_is_escaped_and_measured)
{
	const char *yaml = "title: \"R&D <radar>\"\nentries:\n"
			   "  - {name: \"AT&T <\\\"quoted\\\">\", quadrant: tools, ring: adopt, "
			   "links: [\"https://x.example/?a=1&b=2\"]}\n";
	char *s = render_checked(yaml, strlen(yaml), 1);
	REQUIRE(s);
	CHECK_CONTAINS(s, "<title>R&amp;D &lt;radar&gt;</title>");
	CHECK_CONTAINS(s, "AT&amp;T &lt;&quot;quoted&quot;&gt;");
	CHECK_CONTAINS(s, "href=\"https://x.example/?a=1&amp;b=2\"");
	free(s);
	CHECK(ag_radar_svg_text_width("MMMM", 4, 10, false) >
	      ag_radar_svg_text_width("iiii", 4, 10, false));
	CHECK(ag_radar_svg_text_width("abc", 3, 10, true) >
	      ag_radar_svg_text_width("abc", 3, 10, false));
	/* non-ASCII counts a full em per character, not per byte */
	double w = ag_radar_svg_text_width("\xe6\x95\xb0", 3, 10, false);
	CHECK(w > 10 && w < 11);
}

TEST_MAIN(TEST_ENTRY(four_by_four_with_150_entries),
	  TEST_ENTRY(six_quadrants_five_rings),
	  TEST_ENTRY(eight_by_eight_with_200_entries),
	  TEST_ENTRY(one_quadrant_and_two_quadrants),
	  TEST_ENTRY(tiny_and_empty_radars),
	  TEST_ENTRY(everything_in_one_cell),
	  TEST_ENTRY(text_is_escaped_and_measured))
