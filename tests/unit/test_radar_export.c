/*
 * test_radar_export.c - exports checked field by field against each
 * format's documented shape (BYOR CSV columns; Zalando's config entries:
 * quadrant and ring indexes, label, active, link, moved; Backstage's
 * TechRadarLoaderResponse), radars a format cannot draw refused, imports
 * round-tripping and reporting bad input at its line.
 */
#include "radar/radar_export.h"
#include "test.h"
#include "util.h"
#include "yaml/yaml_tree.h"

static const char *const RADAR =
	"title: Shop radar\n"
	"entries:\n"
	"  - name: TypeScript\n"
	"    quadrant: languages-and-frameworks\n"
	"    ring: adopt\n"
	"    description: \"Default language, \\\"typed\\\" <safely>\"\n"
	"    links: [https://wiki.example.com/ts, https://www.typescriptlang.org/]\n"
	"    history:\n"
	"      - {date: 2025-01-01, ring: trial, note: First service}\n"
	"      - {date: 2026-10-01, ring: adopt, note: Default}\n"
	"  - {name: Terraform, quadrant: tools, ring: adopt}\n"
	"  - {name: Go, quadrant: languages-and-frameworks, ring: trial, moved: new}\n"
	"  - {name: MongoDB, quadrant: platforms, ring: hold, moved: down}\n"
	"  - {name: Event sourcing, quadrant: techniques, ring: assess}\n"
	"  - {name: Memcached, quadrant: platforms, ring: hold, retired: 2026-01-01}\n";

struct loaded {
	struct ag_arena arena;
	struct ag_diags diags;
	struct ag_radar r;
	int errors;
};

static int load(struct loaded *L, const char *text, size_t len)
{
	ag_arena_init(&L->arena, 0);
	ag_diags_init(&L->diags);
	memset(&L->r, 0, sizeof(L->r));
	struct ag_ynode *root;
	if (ag_yaml_parse(&L->arena, "arch/radar.yaml", text, len, &root, &L->diags))
		return -1;
	struct ag_loader l = {&L->arena, &L->diags, "arch/radar.yaml", 0};
	int rc = ag_radar_load(&l, root, &L->r);
	L->errors = l.errors;
	if (l.errors)
		diag_dump(&L->diags);
	return rc || l.errors ? -1 : 0;
}

static void unload(struct loaded *L)
{
	ag_radar_release(&L->r);
	ag_diags_release(&L->diags);
	ag_arena_release(&L->arena);
}

/* JSON through the YAML tree (JSON is YAML). */
static const struct ag_ynode *get(const struct ag_ynode *m, const char *key)
{
	if (!m || m->kind != AG_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (!strcmp(m->kids[i]->str, key))
			return m->kids[i + 1];
	return NULL;
}

static long long num(const struct ag_ynode *n)
{
	long long v = -999;
	if (n)
		ag_yaml_int(n, &v);
	return v;
}

static const char *str(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR ? n->str : NULL;
}

static const struct ag_ynode *entry_by(const struct ag_ynode *entries, const char *key,
				       const char *val)
{
	for (size_t i = 0; entries && i < entries->n; i++)
		if (str(get(entries->kids[i], key)) && !strcmp(str(get(entries->kids[i], key)), val))
			return entries->kids[i];
	return NULL;
}

TEST(byor_csv_has_the_documented_columns)
{
	struct loaded L;
	REQUIRE(load(&L, RADAR, strlen(RADAR)) == 0);
	struct ag_buf b = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	REQUIRE(ag_radar_export(&b, &L.r, AG_RX_BYOR, &d) == 0);
	/* name,ring,quadrant,isNew,description (+ BYOR's optional status) */
	const char *head = "name,ring,quadrant,isNew,description,status\r\n";
	CHECK(!strncmp(b.data, head, strlen(head)));
	CHECK_CONTAINS(b.data, "\r\nTypeScript,Adopt,Languages & Frameworks,FALSE,\"<p>Default "
		       "language, &quot;typed&quot; &lt;safely&gt;</p><p><a href=\"\"https://wiki."
		       "example.com/ts\"\">https://wiki.example.com/ts</a></p><p><a href=\"\"https://"
		       "www.typescriptlang.org/\"\">https://www.typescriptlang.org/</a></p>\",Moved In\r\n");
	CHECK_CONTAINS(b.data, "\r\nGo,Trial,Languages & Frameworks,TRUE,\"\",New\r\n");
	CHECK_CONTAINS(b.data, "\r\nMongoDB,Hold,Platforms,FALSE,\"\",Moved Out\r\n");
	CHECK_CONTAINS(b.data, "\r\nTerraform,Adopt,Tools,FALSE,\"\",No Change\r\n");
	CHECK(!strstr(b.data, "Memcached")); /* retired */
	ag_buf_release(&b);
	ag_diags_release(&d);
	unload(&L);
}

TEST(zalando_json_has_the_config_fields)
{
	struct loaded L;
	REQUIRE(load(&L, RADAR, strlen(RADAR)) == 0);
	struct ag_buf b = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	REQUIRE(ag_radar_export(&b, &L.r, AG_RX_ZALANDO, &d) == 0);
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_ynode *root;
	REQUIRE(ag_yaml_parse(&a, "z.json", b.data, b.len, &root, &d) == 0);
	CHECK_STR(str(get(root, "date")), "2026.10");
	CHECK_STR(str(get(root, "title")), "Shop radar");
	const struct ag_ynode *q = get(root, "quadrants"), *r = get(root, "rings"),
			      *e = get(root, "entries");
	REQUIRE(q && r && e);
	CHECK_EQ_INT(q->n, 4);
	CHECK_EQ_INT(r->n, 4);
	/* Zalando counts quadrants clockwise from the bottom right: archgate's
	 * top-right sector (languages and frameworks) is its quadrant 3 */
	CHECK_STR(str(get(q->kids[3], "name")), "Languages & Frameworks");
	CHECK_STR(str(get(q->kids[0], "name")), "Tools");
	CHECK_STR(str(get(r->kids[0], "name")), "Adopt");
	CHECK_STR(str(get(r->kids[3], "color")), "#c62828");
	CHECK_EQ_INT(e->n, 5);
	for (size_t i = 0; i < e->n; i++) {
		const struct ag_ynode *x = e->kids[i];
		CHECK(num(get(x, "quadrant")) >= 0 && num(get(x, "quadrant")) <= 3);
		CHECK(num(get(x, "ring")) >= 0 && num(get(x, "ring")) <= 3);
		CHECK(str(get(x, "label")) != NULL);
		CHECK_EQ_INT(ag_yaml_bool(get(x, "active")), 1);
		CHECK(num(get(x, "moved")) >= -1 && num(get(x, "moved")) <= 2);
	}
	const struct ag_ynode *ts = entry_by(e, "label", "TypeScript");
	REQUIRE(ts);
	CHECK_EQ_INT(num(get(ts, "quadrant")), 3);
	CHECK_EQ_INT(num(get(ts, "ring")), 0);
	CHECK_EQ_INT(num(get(ts, "moved")), 1);
	CHECK_STR(str(get(ts, "link")), "https://wiki.example.com/ts");
	CHECK_EQ_INT(num(get(entry_by(e, "label", "Go"), "moved")), 2);
	CHECK_EQ_INT(num(get(entry_by(e, "label", "MongoDB"), "moved")), -1);
	CHECK_EQ_INT(num(get(entry_by(e, "label", "MongoDB"), "quadrant")), 1);
	CHECK_EQ_INT(num(get(entry_by(e, "label", "Event sourcing"), "quadrant")), 2);
	CHECK(get(entry_by(e, "label", "Go"), "link") == NULL);
	ag_arena_release(&a);
	ag_buf_release(&b);
	ag_diags_release(&d);
	unload(&L);
}

TEST(backstage_json_is_a_tech_radar_loader_response)
{
	struct loaded L;
	REQUIRE(load(&L, RADAR, strlen(RADAR)) == 0);
	struct ag_buf b = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	REQUIRE(ag_radar_export_dated(&b, &L.r, AG_RX_BACKSTAGE, "2026-11-25", &d) == 0);
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_ynode *root;
	REQUIRE(ag_yaml_parse(&a, "b.json", b.data, b.len, &root, &d) == 0);
	const struct ag_ynode *q = get(root, "quadrants"), *r = get(root, "rings"),
			      *e = get(root, "entries");
	REQUIRE(q && r && e);
	CHECK_EQ_INT(q->n, 4);
	CHECK_STR(str(get(q->kids[0], "id")), "tools"); /* clockwise from the bottom right */
	CHECK_STR(str(get(q->kids[3], "name")), "Languages & Frameworks");
	CHECK_EQ_INT(r->n, 4);
	for (size_t i = 0; i < r->n; i++)
		CHECK(str(get(r->kids[i], "id")) && str(get(r->kids[i], "name")) &&
		      str(get(r->kids[i], "color")));
	CHECK_EQ_INT(e->n, 5);
	for (size_t i = 0; i < e->n; i++) {
		const struct ag_ynode *x = e->kids[i];
		CHECK(str(get(x, "id")) && str(get(x, "key")) && str(get(x, "title")));
		CHECK_STR(str(get(x, "id")), str(get(x, "key")));
		const char *qid = str(get(x, "quadrant"));
		bool known = false;
		for (size_t k = 0; k < q->n; k++)
			known |= qid && !strcmp(qid, str(get(q->kids[k], "id")));
		CHECK(known);
		const struct ag_ynode *tl = get(x, "timeline");
		REQUIRE(tl && tl->kind == AG_Y_SEQ && tl->n >= 1);
		for (size_t k = 0; k < tl->n; k++) {
			CHECK(num(get(tl->kids[k], "moved")) >= -1 && num(get(tl->kids[k], "moved")) <= 1);
			CHECK(str(get(tl->kids[k], "ringId")) != NULL);
			CHECK(str(get(tl->kids[k], "date")) && strlen(str(get(tl->kids[k], "date"))) == 24);
		}
	}
	const struct ag_ynode *ts = entry_by(e, "title", "TypeScript");
	REQUIRE(ts);
	CHECK_STR(str(get(ts, "id")), "typescript");
	CHECK_STR(str(get(ts, "description")), "Default language, \"typed\" <safely>");
	const struct ag_ynode *links = get(ts, "links");
	REQUIRE(links && links->n == 2);
	CHECK_STR(str(get(links->kids[1], "url")), "https://www.typescriptlang.org/");
	CHECK(str(get(links->kids[1], "title")) != NULL);
	const struct ag_ynode *tl = get(ts, "timeline");
	REQUIRE(tl->n == 2);
	/* newest first; the move up is on the newer snapshot */
	CHECK_STR(str(get(tl->kids[0], "ringId")), "adopt");
	CHECK_STR(str(get(tl->kids[0], "date")), "2026-10-01T00:00:00.000Z");
	CHECK_EQ_INT(num(get(tl->kids[0], "moved")), 1);
	CHECK_STR(str(get(tl->kids[0], "description")), "Default");
	CHECK_STR(str(get(tl->kids[1], "ringId")), "trial");
	CHECK_EQ_INT(num(get(tl->kids[1], "moved")), 0);
	const struct ag_ynode *mdb = get(entry_by(e, "title", "MongoDB"), "timeline");
	CHECK_EQ_INT(num(get(mdb->kids[0], "moved")), -1);
	CHECK_STR(str(get(mdb->kids[0], "date")), "2026-10-01T00:00:00.000Z"); /* the edition */
	CHECK_STR(str(get(entry_by(e, "title", "Event sourcing"), "id")), "event-sourcing");
	ag_arena_release(&a);
	ag_buf_release(&b);
	ag_diags_release(&d);
	unload(&L);
}

TEST(formats_refuse_radars_they_cannot_draw)
{
	const char *six = "rings: [adopt, trial, assess, hold, {id: retire, gate: hold}]\n"
			  "quadrants: [a, b, c, d, e]\nentries:\n"
			  "  - {name: X, quadrant: a, ring: retire}\n";
	struct loaded L;
	REQUIRE(load(&L, six, strlen(six)) == 0);
	struct ag_buf b = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_radar_export(&b, &L.r, AG_RX_BYOR, &d), AG_EINVAL);
	CHECK_DIAG(&d, "Build Your Own Radar draws 4 quadrants and at most 4 rings; this radar "
		   "has 5 quadrants and 5 rings", 0, 0);
	CHECK_EQ_INT(ag_radar_export(&b, &L.r, AG_RX_ZALANDO, &d), AG_EINVAL);
	CHECK_DIAG(&d, "Zalando's tech radar draws exactly 4 quadrants and 4 rings", 0, 0);
	CHECK_EQ_INT(ag_radar_export(&b, &L.r, AG_RX_BACKSTAGE, &d), AG_EINVAL);
	CHECK_DIAG(&d, "Backstage's tech radar draws at most 4 quadrants; this radar has 5", 0, 0);
	unload(&L);
	/* five rings are fine for Backstage */
	const char *five = "rings: [adopt, trial, assess, hold, {id: retire, gate: hold}]\n"
			   "entries:\n  - {name: X, quadrant: tools, ring: retire}\n";
	REQUIRE(load(&L, five, strlen(five)) == 0);
	ag_buf_reset(&b);
	CHECK_EQ_INT(ag_radar_export(&b, &L.r, AG_RX_BACKSTAGE, &d), 0);
	CHECK_CONTAINS(b.data, "\"ringId\": \"retire\"");
	unload(&L);
	ag_buf_release(&b);
	ag_diags_release(&d);
	CHECK_EQ_INT(ag_radar_xfmt_parse("csv"), AG_RX_BYOR);
	CHECK_EQ_INT(ag_radar_xfmt_parse("json"), -1);
}

/* export as `f`, import, load: the same radar comes back */
static void round_trip(enum ag_radar_xfmt f)
{
	struct loaded L, M;
	REQUIRE(load(&L, RADAR, strlen(RADAR)) == 0);
	struct ag_buf b = AG_BUF_INIT, y = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	REQUIRE(ag_radar_export(&b, &L.r, f, &d) == 0);
	REQUIRE(ag_radar_import(&y, "in", b.data, b.len, -1, "2026-11-25", &d) == 0);
	if (load(&M, y.data, y.len)) {
		TEST_FAIL_("the imported radar.yaml does not load:\n%s", y.data);
		return;
	}
	const struct ag_radar_entry *e = L.r.entries.v;
	size_t live = 0;
	for (size_t i = 0; i < L.r.entries.n; i++) {
		if (e[i].retired.set)
			continue;
		live++;
		const struct ag_radar_entry *o = ag_radar_entry_named(&M.r, e[i].name.s, e[i].name.len);
		if (!o) {
			TEST_FAIL_("'%s' did not come back", e[i].name.s);
			continue;
		}
		CHECK_STR(M.r.quadrants[o->quadrant_ix].id.s, L.r.quadrants[e[i].quadrant_ix].id.s);
		CHECK_STR(M.r.rings[o->ring_ix].id.s, L.r.rings[e[i].ring_ix].id.s);
		CHECK_EQ_INT(o->move, e[i].move);
	}
	CHECK_EQ_INT(M.r.entries.n, live);
	const struct ag_radar_entry *ts = ag_radar_entry_named(&M.r, "TypeScript", 10);
	REQUIRE(ts);
	CHECK_EQ_INT(ts->links.n, f == AG_RX_BYOR ? 2 : 1);
	CHECK_STR(((const struct ag_scalar *)ts->links.v)[0].s, "https://wiki.example.com/ts");
	if (f == AG_RX_BYOR)
		CHECK_STR(ts->description.s, "Default language, \"typed\" <safely>");
	CHECK_CONTAINS(y.data, "by `archgate radar import` on 2026-11-25.");
	unload(&L);
	unload(&M);
	ag_buf_release(&b);
	ag_buf_release(&y);
	ag_diags_release(&d);
}

TEST(byor_round_trip)
{
	round_trip(AG_RX_BYOR);
}

TEST(zalando_round_trip)
{
	round_trip(AG_RX_ZALANDO);
}

static int import_text(const char *text, int fmt, struct ag_buf *y, struct ag_diags *d)
{
	ag_diags_init(d);
	return ag_radar_import(y, "radar.csv", text, strlen(text), fmt, NULL, d);
}

TEST(byor_import_reads_real_sheets)
{
	/* BYOR's own example: lower-case rings, the status column, a BOM,
	 * quoted fields with commas, quotes and newlines */
	const char *csv = "\xef\xbb\xbfname,ring,quadrant,isNew,status,description\r\n"
			  "Composer,adopt,tools,TRUE,,\"Although the idea of dependency "
			  "management, \"\"again\"\"...\"\r\n"
			  "Canary builds,trial,techniques,FALSE,Moved In,\"Many projects\nhave "
			  "external code\"\r\n"
			  "\r\n"
			  "Apache Kylin,assess,platforms,TRUE,,<p>Apache <b>Kylin</b> &amp; more</p>\r\n"
			  "JSF,hold,languages & frameworks,FALSE,moved out,We continue...\r\n"
			  "Mob programming,Experiment,techniques,FALSE,,\r\n";
	struct ag_buf y = AG_BUF_INIT;
	struct ag_diags d;
	REQUIRE(import_text(csv, -1, &y, &d) == 0);
	CHECK_CONTAINS(y.data, "  - {id: adopt, name: adopt}\n");
	CHECK_CONTAINS(y.data, "  - {id: experiment, name: Experiment, gate: assess}  # gate guessed");
	CHECK_CONTAINS(y.data, "  - {id: languages-and-frameworks, name: languages & frameworks}\n");
	CHECK_CONTAINS(y.data, "  - name: Composer\n    quadrant: tools\n    ring: adopt\n"
		       "    moved: new\n    description: \"Although the idea of dependency "
		       "management, \\\"again\\\"...\"\n");
	CHECK_CONTAINS(y.data, "    moved: up\n    description: Many projects have external code\n");
	CHECK_CONTAINS(y.data, "description: Apache Kylin & more\n");
	CHECK_CONTAINS(y.data, "  - name: JSF\n    quadrant: languages-and-frameworks\n    ring: hold\n"
		       "    moved: down\n");
	struct loaded L;
	CHECK(load(&L, y.data, y.len) == 0);
	CHECK_EQ_INT(L.r.nrings, 5);
	CHECK_EQ_INT(L.r.nquadrants, 4);
	/* known gates first, in the seed's order */
	CHECK_STR(L.r.rings[3].id.s, "hold");
	CHECK_STR(L.r.rings[4].id.s, "experiment");
	unload(&L);
	ag_buf_release(&y);
	ag_diags_release(&d);
}

TEST(import_errors_point_at_the_source_line)
{
	struct ag_buf y = AG_BUF_INIT;
	struct ag_diags d;
	CHECK_EQ_INT(import_text("title,ring,quadrant\nx,adopt,tools\n", AG_RX_BYOR, &y, &d),
		     AG_EINVAL);
	CHECK_DIAG(&d, "the header has no 'name' column", 1, 1);
	ag_diags_release(&d);
	CHECK_EQ_INT(import_text("name,ring,quadrant\nGo,trial,languages\n\n"
				 "Rust,,languages\ngo,adopt,tools\n", AG_RX_BYOR, &y, &d),
		     AG_EINVAL);
	CHECK_DIAG(&d, "row has no ring", 4, 1);
	CHECK_DIAG(&d, "'go' is listed twice (first at line 2)", 5, 1);
	ag_diags_release(&d);
	CHECK_EQ_INT(import_text("name,ring,quadrant\n\"Go,trial,languages\n", AG_RX_BYOR, &y, &d),
		     AG_EPARSE);
	CHECK_DIAG(&d, "a quoted field is not closed", 0, 0);
	ag_diags_release(&d);
	CHECK_EQ_INT(import_text("", AG_RX_BYOR, &y, &d), AG_EINVAL);
	CHECK_DIAG(&d, "the file is empty", 1, 1);
	ag_diags_release(&d);

	const char *z = "{\n  \"entries\": [\n"
			"    {\"quadrant\": 0, \"ring\": 5, \"label\": \"A\"},\n"
			"    {\"quadrant\": 9, \"ring\": 0, \"label\": \"B\"},\n"
			"    {\"quadrant\": 1, \"ring\": 0},\n"
			"    {\"quadrant\": 1, \"ring\": 0, \"label\": \"C\", \"moved\": 3},\n"
			"    \"D\"\n  ]\n}\n";
	CHECK_EQ_INT(import_text(z, -1, &y, &d), AG_EINVAL);
	CHECK_DIAG(&d, "entry 1: ring must be 0, 1, 2 or 3", 3, 29);
	CHECK_DIAG(&d, "entry 2: quadrant must be 0, 1, 2 or 3", 4, 18);
	CHECK_DIAG(&d, "entry 3 has no label", 5, 5);
	CHECK_DIAG(&d, "entry 4: moved must be -1 (out), 0, 1 (in) or 2 (new)", 6, 55);
	CHECK_DIAG(&d, "entry 5 must be an object, not a string", 7, 5);
	ag_diags_release(&d);
	CHECK_EQ_INT(import_text("{\"date\": \"2024.01\"}", AG_RX_ZALANDO, &y, &d), AG_EINVAL);
	CHECK_DIAG(&d, "not a Zalando radar", 1, 1);
	ag_diags_release(&d);
	CHECK_EQ_INT(import_text("{\"entries\": [", AG_RX_ZALANDO, &y, &d), AG_EPARSE);
	ag_diags_release(&d);
	ag_buf_release(&y);
}

TEST(list_reports)
{
	struct loaded L;
	REQUIRE(load(&L, RADAR, strlen(RADAR)) == 0);
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_radar_list_text(&b, &L.r) == 0);
	CHECK_CONTAINS(b.data, "Languages & Frameworks\n  Adopt\n    TypeScript                      "
		       "moved up\n  Trial\n    Go                              new\n");
	CHECK_CONTAINS(b.data, "5 entries (and 1 retired)\n");
	ag_buf_reset(&b);
	REQUIRE(ag_radar_list_json(&b, &L.r) == 0);
	CHECK_CONTAINS(b.data, "{\"name\":\"Memcached\",\"quadrant\":\"platforms\",\"ring\":\"hold\","
		       "\"gate\":\"hold\",\"moved\":\"none\",\"retired\":\"2026-01-01\"");
	ag_buf_release(&b);
	unload(&L);
}

TEST_MAIN(TEST_ENTRY(byor_csv_has_the_documented_columns),
	  TEST_ENTRY(zalando_json_has_the_config_fields),
	  TEST_ENTRY(backstage_json_is_a_tech_radar_loader_response),
	  TEST_ENTRY(formats_refuse_radars_they_cannot_draw),
	  TEST_ENTRY(byor_round_trip),
	  TEST_ENTRY(zalando_round_trip),
	  TEST_ENTRY(byor_import_reads_real_sheets),
	  TEST_ENTRY(import_errors_point_at_the_source_line),
	  TEST_ENTRY(list_reports))
