/*
 * test_radar.c - loading arch/radar.yaml: defaults, configurable rings and
 * quadrants, history and the new/moved marks, and every bad entry reported
 * at its file:line:col (never silently dropped).
 */
#include "model/radar.h"
#include "test.h"
#include "util.h"
#include "yaml/yaml_tree.h"

struct rfix {
	struct ag_arena arena;
	struct ag_diags diags;
	struct ag_radar r;
	int rc, errors;
};

static void rload(struct rfix *f, const char *yaml)
{
	memset(f, 0, sizeof(*f));
	ag_arena_init(&f->arena, 0);
	ag_diags_init(&f->diags);
	struct ag_ynode *root = NULL;
	f->rc = ag_yaml_parse(&f->arena, "arch/radar.yaml", yaml, strlen(yaml), &root,
			      &f->diags);
	if (f->rc)
		return;
	struct ag_loader l = {&f->arena, &f->diags, "arch/radar.yaml", 0};
	f->rc = ag_radar_load(&l, root, &f->r);
	f->errors = l.errors;
}

static void rfree(struct rfix *f)
{
	ag_radar_release(&f->r);
	ag_diags_release(&f->diags);
	ag_arena_release(&f->arena);
}

static const struct ag_radar_entry *entry(const struct rfix *f, const char *name)
{
	return ag_radar_entry_named(&f->r, name, strlen(name));
}

TEST(defaults_are_the_seed_rings_and_thoughtworks_quadrants)
{
	struct rfix f;
	rload(&f, "entries:\n  - {name: TypeScript, quadrant: languages-and-frameworks, "
		  "ring: adopt}\n");
	REQUIRE(f.rc == 0);
	CHECK_EQ_INT(f.errors, 0);
	CHECK_EQ_INT(f.r.nrings, 4);
	CHECK_EQ_INT(f.r.nquadrants, 4);
	CHECK_STR(ag_radar_ring_name(&f.r, 0), "Adopt");
	CHECK_STR(ag_radar_ring_name(&f.r, 3), "Hold");
	CHECK_EQ_INT(f.r.rings[1].g, AG_GATE_TRIAL);
	CHECK_EQ_INT(f.r.rings[3].g, AG_GATE_HOLD);
	CHECK_STR(ag_radar_quadrant_name(&f.r, 0), "Languages & Frameworks");
	CHECK_STR(f.r.quadrants[3].id.s, "techniques");
	CHECK_EQ_INT(f.r.edition_day, -1);
	const struct ag_radar_entry *e = entry(&f, "typescript");
	REQUIRE(e);
	CHECK_EQ_INT(e->ring_ix, 0);
	CHECK_EQ_INT(e->quadrant_ix, 0);
	CHECK_EQ_INT(e->move, AG_MOVE_NONE);
	rfree(&f);
}

TEST(empty_file_is_a_radar_without_entries)
{
	struct rfix f;
	rload(&f, "");
	REQUIRE(f.rc == 0);
	CHECK_EQ_INT(f.errors, 0);
	CHECK_EQ_INT(f.r.entries.n, 0);
	CHECK_EQ_INT(f.r.nrings, 4);
	rfree(&f);
}

TEST(custom_rings_and_quadrants_beyond_four_by_four)
{
	struct rfix f;
	rload(&f,
	      "rings:\n"
	      "  - adopt\n"
	      "  - {id: experiment, name: Experiment, gate: trial, color: '#123456'}\n"
	      "  - {id: explore, gate: assess}\n"
	      "  - {id: contain, gate: hold}\n"
	      "  - hold\n"
	      "quadrants: [languages, frameworks, data, cloud, tools, practices]\n"
	      "entries:\n"
	      "  - {name: Go, quadrant: languages, ring: experiment}\n"
	      "  - {name: Cobol, quadrant: Languages, ring: Contain}\n");
	REQUIRE(f.rc == 0);
	if (f.errors)
		diag_dump(&f.diags);
	CHECK_EQ_INT(f.errors, 0);
	CHECK_EQ_INT(f.r.nrings, 5);
	CHECK_EQ_INT(f.r.nquadrants, 6);
	CHECK_STR(ag_radar_ring_name(&f.r, 1), "Experiment");
	CHECK_STR(ag_radar_ring_name(&f.r, 2), "Explore"); /* the id, capitalised */
	CHECK_STR(f.r.rings[1].color.s, "#123456");
	CHECK_EQ_INT(f.r.rings[1].g, AG_GATE_TRIAL);
	CHECK_EQ_INT(f.r.rings[3].g, AG_GATE_HOLD);
	CHECK_EQ_INT(f.r.rings[4].g, AG_GATE_HOLD);
	CHECK_STR(ag_radar_quadrant_name(&f.r, 5), "Practices");
	/* ring and quadrant references match ids or names, ignoring case */
	CHECK_EQ_INT(entry(&f, "Cobol")->ring_ix, 3);
	CHECK_EQ_INT(entry(&f, "Cobol")->quadrant_ix, 0);
	rfree(&f);
}

TEST(history_gives_new_moved_up_and_moved_down)
{
	struct rfix f;
	rload(&f,
	      "recent_days: 90\n"
	      "entries:\n"
	      "  - name: Go\n    quadrant: languages-and-frameworks\n    ring: trial\n"
	      "    history:\n      - {date: 2026-09-01, ring: trial, note: pricing}\n"
	      "  - name: TypeScript\n    quadrant: languages-and-frameworks\n    ring: adopt\n"
	      "    history:\n      - {date: 2024-01-01, ring: trial}\n"
	      "      - {date: 2026-10-01, ring: adopt}\n"
	      "  - name: MongoDB\n    quadrant: platforms\n    ring: hold\n"
	      "    history:\n      - {date: 2022-01-01, ring: adopt}\n"
	      "      - {date: 2026-11-01, ring: hold}\n"
	      "  - name: Old move\n    quadrant: tools\n    ring: adopt\n"
	      "    history:\n      - {date: 2020-01-01, ring: trial}\n"
	      "      - {date: 2021-01-01, ring: adopt}\n"
	      "  - {name: Imported, quadrant: tools, ring: assess, moved: down}\n"
	      "  - name: Gone\n    quadrant: tools\n    ring: hold\n    retired: 2026-06-30\n"
	      "    history: [{date: 2026-06-01, ring: hold}]\n");
	REQUIRE(f.rc == 0);
	if (f.errors)
		diag_dump(&f.diags);
	CHECK_EQ_INT(f.errors, 0);
	/* the edition defaults to the newest date in the file */
	char d[11];
	ag_date_format(f.r.edition_day, d);
	CHECK_STR(d, "2026-11-01");
	CHECK_EQ_INT(entry(&f, "Go")->move, AG_MOVE_NEW);
	CHECK_EQ_INT(entry(&f, "TypeScript")->move, AG_MOVE_UP);
	CHECK_EQ_INT(entry(&f, "MongoDB")->move, AG_MOVE_DOWN);
	CHECK_EQ_INT(entry(&f, "Old move")->move, AG_MOVE_NONE);
	CHECK_EQ_INT(entry(&f, "Imported")->move, AG_MOVE_DOWN);
	CHECK_EQ_INT(entry(&f, "Gone")->move, AG_MOVE_NONE); /* retired: not drawn */
	CHECK_STR(ag_radar_move_name(AG_MOVE_UP), "moved up");
	rfree(&f);
}

TEST(explicit_edition_bounds_the_history)
{
	struct rfix f;
	rload(&f, "edition: 2026-01-01\nentries:\n"
		  "  - name: Go\n    quadrant: tools\n    ring: trial\n"
		  "    history: [{date: 2026-02-01, ring: trial}]\n");
	REQUIRE(f.rc == 0);
	CHECK_EQ_INT(f.errors, 1);
	CHECK_DIAG(&f.diags, "history date 2026-02-01 is after the edition (2026-01-01)", 6, 22);
	rfree(&f);
}

TEST(bad_entries_are_errors_at_their_line)
{
	struct rfix f;
	rload(&f,
	      "entries:\n"                                                            /* 1 */
	      "  - {name: Go, quadrant: languages-and-frameworks, ring: trail}\n"     /* 2 */
	      "  - {name: Rust, quadrant: langauges-and-frameworks, ring: trial}\n"   /* 3 */
	      "  - {name: PHP, quadrant: tools, ring: hold, desription: old}\n"       /* 4 */
	      "  - {quadrant: tools, ring: hold}\n"                                   /* 5 */
	      "  -\n"                                                                 /* 6 */
	      "  - {name: go, quadrant: tools, ring: adopt}\n"                        /* 7 */
	      "  - {name: Postgres, quadrant: platforms, ring: adopt, aliases: [Rust]}\n" /* 8 */
	      "  - name: Node.js\n"                                                   /* 9 */
	      "    quadrant: platforms\n"                                             /* 10 */
	      "    ring: adopt\n"                                                     /* 11 */
	      "    history:\n"                                                        /* 12 */
	      "      - {date: 2026-05-01, ring: trial}\n"                             /* 13 */
	      "      - {date: 2025-05-01, ring: adopt}\n"                             /* 14 */
	      "  - name: Deno\n"                                                      /* 15 */
	      "    quadrant: platforms\n"                                             /* 16 */
	      "    ring: adopt\n"                                                     /* 17 */
	      "    history: [{date: 2026-05-01, ring: trial}, {date: 2026-13-01, ring: hold}]\n"
	      "mappings:\n"                                                           /* 19 */
	      "  - {technology: Acme, match: [\"nugat:Acme.Core\", \"npm:\"]}\n");    /* 20 */
	REQUIRE(f.rc == 0);
	CHECK_DIAG(&f.diags, "unknown ring 'trail'; did you mean 'trial'?", 2, 58);
	CHECK_DIAG(&f.diags, "unknown quadrant 'langauges-and-frameworks'; did you mean "
		   "'languages-and-frameworks'?", 3, 28);
	CHECK_DIAG(&f.diags, "unknown key 'desription' in entry; did you mean 'description'?", 4, 46);
	CHECK_DIAG(&f.diags, "entry is missing the required key 'name'", 5, 5);
	CHECK_DIAG(&f.diags, "entry 5 is empty", 6, 4);
	CHECK_DIAG(&f.diags, "duplicate entry 'go' (first at line 2)", 7, 12);
	CHECK_DIAG(&f.diags, "'Rust' would name two entries", 0, 0);
	CHECK_DIAG(&f.diags, "history is not in date order: 2025-05-01 comes after 2026-05-01", 14, 16);
	CHECK_DIAG(&f.diags, "'Deno' is in ring 'adopt' but its latest history item", 17, 11);
	CHECK_DIAG(&f.diags, "'date' must be a date written YYYY-MM-DD, not '2026-13-01'", 18, 0);
	CHECK_DIAG(&f.diags, "pattern 'nugat:Acme.Core': unknown ecosystem", 20, 32);
	CHECK_DIAG(&f.diags, "pattern 'npm:': the name after the ecosystem is empty", 20, 0);
	CHECK(f.errors >= 12);
	for (size_t i = 0; i < f.diags.n; i++) {
		CHECK_STR(f.diags.v[i].file, "arch/radar.yaml");
		CHECK(f.diags.v[i].line > 0);
	}
	rfree(&f);
}

TEST(bad_rings_and_quadrants)
{
	struct rfix f;
	rload(&f, "rings: [adopt, experiment, adopt, {id: x, gate: hold, color: green}]\n"
		  "quadrants: [a, b, c, d, e, f, g, h, i]\n");
	REQUIRE(f.rc == 0);
	CHECK_DIAG(&f.diags, "ring 'experiment' needs a gate", 1, 16);
	CHECK_DIAG(&f.diags, "duplicate ring id 'adopt' (first at line 1)", 1, 28);
	CHECK_DIAG(&f.diags, "color 'green' must be written #rgb or #rrggbb", 1, 62);
	CHECK_DIAG(&f.diags, "a radar has 1 to 8 quadrants, not 9", 2, 12);
	rfree(&f);
	rload(&f, "rings: {adopt: 1}\n");
	CHECK_DIAG(&f.diags, "'rings' must be a list of ids or mappings, not a mapping", 1, 8);
	rfree(&f);
	rload(&f, "rings: []\n");
	CHECK_DIAG(&f.diags, "a radar has 1 to 8 rings, not 0", 1, 8);
	rfree(&f);
}

TEST(names_compare_in_canonical_form)
{
	char buf[64];
	CHECK_EQ_INT(ag_radar_norm("Node.js", 7, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "nodejs");
	ag_radar_norm("C++", 3, buf, sizeof(buf));
	CHECK_STR(buf, "c++");
	ag_radar_norm("C#", 2, buf, sizeof(buf));
	CHECK_STR(buf, "c#");
	CHECK(ag_radar_same("React Native", 12, "react-native", 12));
	CHECK(!ag_radar_same("C", 1, "C++", 3));
	CHECK(!ag_radar_same("...", 3, "", 0)); /* nothing to compare is never equal */

	struct rfix f;
	rload(&f, "entries:\n  - {name: PostgreSQL, quadrant: platforms, ring: adopt, "
		  "aliases: [postgres, pg]}\n");
	CHECK(entry(&f, "Postgres") != NULL);
	CHECK(entry(&f, "PG") != NULL);
	CHECK(entry(&f, "postgre-sql") != NULL);
	CHECK(entry(&f, "MySQL") == NULL);
	rfree(&f);
}

TEST(the_reference_documents_rings_as_mappings)
{
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_radar_doc(&b) == 0);
	CHECK_CONTAINS(b.data, "### `rings[]` — a list of mappings");
	CHECK_CONTAINS(b.data, "#### `rings[].gate`");
	CHECK_CONTAINS(b.data, "#### `entries[].history[].date`");
	CHECK_CONTAINS(b.data, "#### `mappings[].match`");
	ag_buf_release(&b);
}

TEST_MAIN(TEST_ENTRY(defaults_are_the_seed_rings_and_thoughtworks_quadrants),
	  TEST_ENTRY(empty_file_is_a_radar_without_entries),
	  TEST_ENTRY(custom_rings_and_quadrants_beyond_four_by_four),
	  TEST_ENTRY(history_gives_new_moved_up_and_moved_down),
	  TEST_ENTRY(explicit_edition_bounds_the_history),
	  TEST_ENTRY(bad_entries_are_errors_at_their_line),
	  TEST_ENTRY(bad_rings_and_quadrants),
	  TEST_ENTRY(names_compare_in_canonical_form),
	  TEST_ENTRY(the_reference_documents_rings_as_mappings))
