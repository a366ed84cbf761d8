/*
 * test_adr_template.c - new records in the folder's style: slugs in any
 * script (ag_adr_slug), filling a template (ag_adr_template_fill: what is
 * replaced and what stays), the front matter records carry
 * (ag_adrs_front_carry) and the naming of a folder (ag_adrs_naming).
 */
#include "records/adr_edit.h"
#include "records/adr_template.h"
#include "base/arena.h"
#include "test.h"
#include "util.h"

static const char *slug(const char *title)
{
	static char out[64];
	ag_adr_slug(title, out, sizeof(out));
	return out;
}

TEST(slugs)
{
	CHECK_STR(slug("Use PostgreSQL 17"), "use-postgresql-17");
	CHECK_STR(slug("Straße, Æther & naïve café"), "strasse-aether-naive-cafe");
	CHECK_STR(slug("Łódź Škoda Őz İstanbul"), "lodz-skoda-oz-istanbul");
	CHECK_STR(slug("Tiếng Việt"), "tieng-viet");
	CHECK_STR(slug("e\xcc\x81t\xc3\xa9"), "ete"); /* decomposed and composed é */
	CHECK_STR(slug("数据库选择"), "数据库选择");
	CHECK_STR(slug("ΑΒΓ Привет"), "αβγ-привет");
	CHECK_STR(slug("a\xe2\x80\xae" "b\xe2\x80\x8b" "c"), "a-b-c"); /* RTL override, ZWSP */
	CHECK_STR(slug("\xf0\x9f\x9a\x80 \xe2\x86\x92"), "untitled");
	CHECK_STR(slug("bad \xff\xfe bytes"), "bad-bytes");
	CHECK_STR(slug("a\xc3"), "a"); /* a truncated sequence */
	/* 60 bytes at most, cut at a dash, never inside a character */
	const char *s = slug("数据数据数据数据数据 数据数据数据数据数据 数据数据数据数据数据 数据数据");
	CHECK(strlen(s) <= 60);
	CHECK_STR(s, "数据数据数据数据数据-数据数据数据数据数"); /* 58 bytes: the next is 3 */
	s = slug("数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据");
	CHECK_EQ_INT((int)strlen(s), 60); /* 20 characters of 3 bytes */
}

static char *fill(const char *tpl, const char *title, int number, const char *deciders,
		  const char *carry)
{
	static struct ag_buf out;
	ag_buf_release(&out);
	struct ag_adr_fill f = {"t.md", title, number, "2026-11-25", deciders, carry};
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_adr_template_fill(tpl, strlen(tpl), &f, &out, &d);
	CHECK_EQ_INT(rc, 0);
	ag_diags_release(&d);
	return out.data ? out.data : "";
}

TEST(fill_adr_tools_placeholders)
{
	CHECK_STR(fill("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\nUPDATED NUMBERS\n",
		       "Keep DATE and TITLE", 7, NULL, NULL),
		  "# 7. Keep DATE and TITLE\n\nDate: 2026-11-25\n\n## Status\n\nProposed\n\nUPDATED NUMBERS\n");
	/* CRLF stays CRLF */
	CHECK_STR(fill("# NUMBER. TITLE\r\n\r\nDate: DATE\r\n", "T", 2, NULL, NULL),
		  "# 2. T\r\n\r\nDate: 2026-11-25\r\n");
}

TEST(fill_headings_and_metadata)
{
	CHECK_STR(fill("# ADR-###: [Title]\n\n**Status:** Proposed | Accepted\n**Date:** 2020-01-01\n"
		       "**Deciders:** [Names]\n", "Use X", 12, "Ana", NULL),
		  "# ADR-012: Use X\n\n**Status:** Proposed\n**Date:** 2026-11-25\n**Deciders:** Ana\n");
	CHECK_STR(fill("# [short title]\n\n* Status: [proposed | accepted] <!-- optional -->\n", "Use Y",
		       3, NULL, NULL),
		  "# Use Y\n\n* Status: proposed <!-- optional -->\n");
	/* no title heading: one is added after the front matter */
	CHECK_STR(fill("---\nstatus: x\n---\n\nBody\n", "Z", 1, NULL, NULL),
		  "---\nstatus: proposed\n---\n\n# Z\n\nBody\n");
	CHECK_STR(fill("Body\n", "Z", 1, NULL, NULL), "# Z\n\nBody\n");
	CHECK_STR(fill("", "Z", 1, NULL, NULL), "# Z\n");
	/* front matter without a status gets one; carried keys it lacks are added */
	CHECK_STR(fill("---\nparent: Mine\n---\n\n# {t}\n", "W", 1, NULL, "parent: Theirs\nnav_order: 4\n"),
		  "---\nparent: Mine\nstatus: proposed\nnav_order: 4\n---\n\n# W\n");
	/* code fences are left alone */
	CHECK_STR(fill("# TITLE\n\n```\nNUMBER TITLE\n```\n", "V", 5, NULL, NULL),
		  "# V\n\n```\nNUMBER TITLE\n```\n");
}

TEST(fill_refuses_binary)
{
	struct ag_buf out = AG_BUF_INIT;
	struct ag_adr_fill f = {"t.md", "T", 1, "2026-11-25", NULL, NULL};
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_adr_template_fill("# a\nb\0c", 8, &f, &out, &d), AG_EPARSE);
	CHECK_EQ_INT((int)d.n, 1);
	CHECK_EQ_INT(d.v[0].line, 2);
	CHECK_EQ_INT(d.v[0].col, 2);
	CHECK_EQ_INT((int)out.len, 0);
	ag_diags_release(&d);
	ag_buf_release(&out);
}

static struct ag_arena arena;

static void add(struct ag_adrs *s, struct ag_adr *v, const char *name, const char *text)
{
	CHECK_EQ_INT(ag_adr_parse(&arena, name, text, strlen(text), &v[s->n]), 0);
	s->n++;
}

TEST(front_carry_and_naming)
{
	ag_arena_init(&arena, 0);
	struct ag_adr v[3];
	struct ag_adrs s = {.v = v};
	add(&s, v, "adr-001-a.md", "---\nlayout: adr\nnav_order: 3\ntags: [x]\nstatus: accepted\n---\n# A\n");
	add(&s, v, "adr-007-b.md", "---\nlayout: adr\nnav_order: 9\nowner: Ana\ntitle: B\n---\n# B\n");
	add(&s, v, "adr-002-c.md", "---\nlayout: other\nnav_order: 2\n---\n# C\n");
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_adrs_front_carry(&s, "New: one", &b), 0);
	/* from the latest (007): layout differs across records (dropped), the
	 * integer is one more than the largest, owner is shared by all that
	 * have it, title is the new one */
	CHECK_STR(b.data, "nav_order: 10\nowner: Ana\ntitle: \"New: one\"\n");
	ag_buf_release(&b);
	struct ag_adr_naming nm;
	ag_adrs_naming(&s, &nm);
	CHECK_STR(nm.prefix, "adr-");
	CHECK_EQ_INT(nm.width, 3);
	ag_adrs_naming(NULL, &nm);
	CHECK_STR(nm.prefix, "");
	CHECK_EQ_INT(nm.width, 4);
	ag_arena_release(&arena);
}

TEST_MAIN(
	TEST_ENTRY(slugs),
	TEST_ENTRY(fill_adr_tools_placeholders),
	TEST_ENTRY(fill_headings_and_metadata),
	TEST_ENTRY(fill_refuses_binary),
	TEST_ENTRY(front_carry_and_naming)
)
