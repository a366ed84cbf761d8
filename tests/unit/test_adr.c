/*
 * test_adr.c - the decision-record reader: title, status, date and phase in
 * the seed's bold-metadata format, the Nygard/adr-tools "## Status" section
 * and MADR's list form; positions of each; loading a folder; and
 * ag_find_word's word boundaries.
 */
#include "records/adr.h"
#include "base/arena.h"
#include "test.h"
#include "util.h"

static struct ag_arena arena;

static struct ag_adr parse(const char *file, const char *text)
{
	struct ag_adr a;
	int rc = ag_adr_parse(&arena, file, text, strlen(text), &a);
	CHECK_EQ_INT(rc, 0);
	return a;
}

TEST(seed_format)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("arch/decisions/0007-use-postgres.md",
				"# ADR-007: Use PostgreSQL for orders\n"
				"\n"
				"**Status:** Accepted\n"
				"**Date:** 2026-01-29\n"
				"**Phase:** 3\n"
				"**Deciders:** Dana, Lee\n"
				"\n"
				"## Context\n"
				"\n"
				"Orders need transactions.\n");
	CHECK_EQ_INT(a.number, 7);
	CHECK_STR(a.file, "arch/decisions/0007-use-postgres.md");
	CHECK_STR(a.title, "Use PostgreSQL for orders");
	CHECK_EQ_INT(a.title_pos.line, 1);
	CHECK_EQ_INT(a.title_pos.col, 12); /* the title itself, after "# ADR-007: " */
	CHECK_EQ_INT(a.status, AG_ADR_ACCEPTED);
	CHECK_STR(a.status_text, "Accepted");
	CHECK_STR(a.status_pos.file, "arch/decisions/0007-use-postgres.md");
	CHECK_EQ_INT(a.status_pos.line, 3);
	CHECK_EQ_INT(a.status_pos.col, 13);
	CHECK_STR(a.date, "2026-01-29");
	CHECK_EQ_INT(a.date_pos.line, 4);
	CHECK_EQ_INT(a.date_pos.col, 11);
	CHECK_STR(a.phase, "3");
	CHECK_EQ_INT(a.phase_pos.line, 5);
	CHECK_EQ_INT(a.phase_pos.col, 12);
	ag_arena_release(&arena);
}

TEST(nygard_format)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("doc/adr/0001-record-architecture-decisions.md",
				"# 1. Record architecture decisions\n"
				"\n"
				"Date: 2020-01-01\n"
				"\n"
				"## Status\n"
				"\n"
				"Accepted\n"
				"\n"
				"## Context\n"
				"\n"
				"We need to record the architectural decisions made on this project.\n");
	CHECK_EQ_INT(a.number, 1);
	CHECK_STR(a.title, "Record architecture decisions");
	CHECK_EQ_INT(a.status, AG_ADR_ACCEPTED);
	CHECK_STR(a.status_text, "Accepted");
	CHECK_EQ_INT(a.status_pos.line, 7);
	CHECK_EQ_INT(a.status_pos.col, 1);
	CHECK_STR(a.date, "2020-01-01");
	CHECK_EQ_INT(a.date_pos.line, 3);
	CHECK_EQ_INT(a.date_pos.col, 7);
	CHECK(a.phase == NULL);
	ag_arena_release(&arena);
}

TEST(nygard_superseded)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0002-x.md",
				"# 2. Use MySQL\n\nDate: 2020-01-02\n\n## Status\n\n"
				"Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)\n");
	CHECK_EQ_INT(a.status, AG_ADR_SUPERSEDED);
	CHECK_STR(a.status_text, "Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)");
	ag_arena_release(&arena);
}

TEST(madr_list_metadata)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("docs/decisions/0004-use-markdown.md",
				"# Use Markdown Architectural Decision Records\n\n"
				"* Status: accepted\n"
				"* Date: 2021-05-01\n");
	CHECK_STR(a.title, "Use Markdown Architectural Decision Records");
	CHECK_EQ_INT(a.status, AG_ADR_ACCEPTED);
	CHECK_STR(a.status_text, "accepted");
	CHECK_STR(a.date, "2021-05-01");
	ag_arena_release(&arena);

	ag_arena_init(&arena, 0);
	a = parse("0005.md", "# T\n\n- status: proposed\n");
	CHECK_EQ_INT(a.status, AG_ADR_PROPOSED);
	ag_arena_release(&arena);
}

static enum ag_adr_status status_of(const char *line)
{
	char text[256];
	snprintf(text, sizeof(text), "# T\n\n%s\n", line);
	struct ag_adr a = parse("0001-t.md", text);
	return a.status;
}

TEST(status_words)
{
	ag_arena_init(&arena, 0);
	CHECK_EQ_INT(status_of("**Status:** Proposed"), AG_ADR_PROPOSED);
	CHECK_EQ_INT(status_of("**Status:** Accepted"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("**Status:** accepted"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("**Status:** ACCEPTED (2026-01-01)"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("**Status:** Rejected"), AG_ADR_REJECTED);
	CHECK_EQ_INT(status_of("**Status:** Deprecated"), AG_ADR_DEPRECATED);
	CHECK_EQ_INT(status_of("**Status:** Superseded by ADR-009"), AG_ADR_SUPERSEDED);
	CHECK_EQ_INT(status_of("**Status:** Superceded by ADR-009"), AG_ADR_SUPERSEDED);
	CHECK_EQ_INT(status_of("**Status**: Accepted"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("Status: Accepted"), AG_ADR_ACCEPTED);
	/* log4brains writes "draft" for what the template calls Proposed */
	CHECK_EQ_INT(status_of("**Status:** Draft"), AG_ADR_PROPOSED);
	/* a word that merely starts like a status is not one */
	CHECK_EQ_INT(status_of("**Status:** Acceptedish"), AG_ADR_UNKNOWN);
	CHECK_EQ_INT(status_of("**Status:** Unaccepted"), AG_ADR_UNKNOWN);
	/* prose that starts with the word Status is not metadata */
	CHECK_EQ_INT(status_of("Status quo: Accepted by nobody"), AG_ADR_UNKNOWN);
	ag_arena_release(&arena);
}

TEST(unknown_status_keeps_the_text)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0001-t.md", "# T\n\n**Status:** Maybe later  \n");
	CHECK_EQ_INT(a.status, AG_ADR_UNKNOWN);
	CHECK_STR(a.status_text, "Maybe later");
	CHECK_STR(ag_adr_status_name(a.status), "Unknown");
	ag_arena_release(&arena);
}

TEST(first_status_wins)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0001-t.md",
				"# T\n\n**Status:** Proposed\n\n## Notes\n\nStatus: Accepted\n");
	CHECK_EQ_INT(a.status, AG_ADR_PROPOSED);
	CHECK_EQ_INT(a.status_pos.line, 3);
	ag_arena_release(&arena);
}

TEST(code_blocks_hold_no_metadata)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0001-t.md",
				"# Template example\n"
				"\n"
				"```markdown\n"
				"# ADR-999: Not the title\n"
				"**Status:** Accepted\n"
				"**Phase:** 4\n"
				"```\n"
				"\n"
				"**Status:** Proposed\n");
	CHECK_STR(a.title, "Template example");
	CHECK_EQ_INT(a.status, AG_ADR_PROPOSED);
	CHECK_EQ_INT(a.status_pos.line, 9);
	CHECK(a.phase == NULL);
	ag_arena_release(&arena);
}

TEST(crlf_line_endings)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0003-t.md",
				"# ADR-003: Windows line endings\r\n\r\n"
				"**Status:** Accepted\r\n**Date:** 2026-02-02\r\n**Phase:** 2.5\r\n");
	CHECK_STR(a.title, "Windows line endings");
	CHECK_STR(a.status_text, "Accepted");
	CHECK_EQ_INT(a.status, AG_ADR_ACCEPTED);
	CHECK_STR(a.date, "2026-02-02");
	CHECK_STR(a.phase, "2.5");
	ag_arena_release(&arena);

	ag_arena_init(&arena, 0);
	a = parse("0004-t.md", "# 4. Nygard on Windows\r\n\r\n## Status\r\n\r\nAccepted\r\n");
	CHECK_EQ_INT(a.status, AG_ADR_ACCEPTED);
	CHECK_STR(a.status_text, "Accepted");
	CHECK_EQ_INT(a.status_pos.line, 5);
	ag_arena_release(&arena);
}

TEST(title_prefixes)
{
	ag_arena_init(&arena, 0);
	CHECK_STR(parse("x.md", "# ADR-0012: Twelve\n").title, "Twelve");
	CHECK_STR(parse("x.md", "# ADR 12: Twelve\n").title, "Twelve");
	CHECK_STR(parse("x.md", "# 12. Twelve\n").title, "Twelve");
	CHECK_STR(parse("x.md", "# Plain title  \n").title, "Plain title");
	/* words that start like a prefix are kept */
	CHECK_STR(parse("x.md", "# ADRs are useful\n").title, "ADRs are useful");
	CHECK_STR(parse("x.md", "# Adrian's plan\n").title, "Adrian's plan");
	CHECK_STR(parse("x.md", "# 2026 roadmap\n").title, "2026 roadmap");
	/* only the first level-1 heading is the title */
	CHECK_STR(parse("x.md", "intro\n# First\n# Second\n").title, "First");
	CHECK_EQ_INT(parse("x.md", "intro\n# First\n").title_pos.line, 2);
	ag_arena_release(&arena);
}

TEST(missing_pieces)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("arch/decisions/notes.md", "Just some text.\n");
	CHECK_EQ_INT(a.number, -1);
	CHECK_STR(a.title, "");
	CHECK_EQ_INT(a.status, AG_ADR_UNKNOWN);
	CHECK(a.status_text == NULL);
	CHECK(a.date == NULL);
	CHECK(a.phase == NULL);
	a = parse("0001-empty.md", "");
	CHECK_EQ_INT(a.number, 1);
	CHECK_STR(a.title, "");
	ag_arena_release(&arena);
}

TEST(phase_metadata_forms)
{
	ag_arena_init(&arena, 0);
	CHECK_STR(parse("x.md", "# T\n**Phase:** 1.5\n").phase, "1.5");
	CHECK_STR(parse("x.md", "# T\n**Phase:** Phase 2\n").phase, "Phase 2");
	CHECK_STR(parse("x.md", "# T\n- Phase: 4\n").phase, "4");
	ag_arena_release(&arena);
}

static const char *fw(const char *hay, const char *word)
{
	return ag_find_word(hay, strlen(hay), word, strlen(word));
}

TEST(find_word_boundaries)
{
	const char *hay = "We use a search engine for Search.";
	CHECK(fw(hay, "search") == hay + 9);
	CHECK(fw(hay, "SEARCH") == hay + 9);
	CHECK(fw("Research budget", "search") == NULL);
	CHECK(fw("searches everywhere", "search") == NULL);
	CHECK(fw("Research and search", "search") != NULL);
	CHECK(fw("search", "search") != NULL); /* whole buffer */
	CHECK(fw("(search)", "search") != NULL);
	CHECK(fw("full-text search.", "search") != NULL);
	CHECK(fw("the Pricing engine is core", "pricing engine") != NULL);
	CHECK(fw("the Pricing engines are core", "pricing engine") == NULL);
	CHECK(fw("microservices", "microservice") == NULL);
	CHECK(fw("Microservices, for reasons", "microservices") != NULL);
	CHECK(fw("search2", "search") == NULL); /* digits are word characters */
	CHECK(fw("", "search") == NULL);
	CHECK(fw("sea", "search") == NULL);
	CHECK(fw("anything", "") == NULL);
	/* the haystack length is honoured */
	CHECK(ag_find_word("search", 5, "search", 6) == NULL);
	CHECK(ag_find_word("go gopher", 2, "go", 2) != NULL);
}

TEST(mentions)
{
	ag_arena_init(&arena, 0);
	struct ag_adr a = parse("0001-t.md",
				"# ADR-001: Build the Pricing engine in-house\n\n"
				"**Status:** Accepted\n\nNo vendor handles our bundles.\n");
	CHECK(ag_adr_mentions(&a, "Pricing engine", 14));
	CHECK(ag_adr_mentions(&a, "vendor", 6));
	CHECK(!ag_adr_mentions(&a, "price", 5));
	ag_arena_release(&arena);
}

TEST(status_names)
{
	CHECK_STR(ag_adr_status_name(AG_ADR_PROPOSED), "Proposed");
	CHECK_STR(ag_adr_status_name(AG_ADR_ACCEPTED), "Accepted");
	CHECK_STR(ag_adr_status_name(AG_ADR_REJECTED), "Rejected");
	CHECK_STR(ag_adr_status_name(AG_ADR_DEPRECATED), "Deprecated");
	CHECK_STR(ag_adr_status_name(AG_ADR_SUPERSEDED), "Superseded");
	CHECK_STR(ag_adr_status_name(AG_ADR_UNKNOWN), "Unknown");
}

TEST(load_folder)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	REQUIRE(write_text(path_join(tmp, "0002-second.md"), "# ADR-002: Second\n") == 0);
	REQUIRE(write_text(path_join(tmp, "0001-first.md"),
			   "# ADR-001: First\n\n**Status:** Accepted\n") == 0);
	REQUIRE(write_text(path_join(tmp, "0010-tenth.md"), "# ADR-010: Tenth\n") == 0);
	REQUIRE(write_text(path_join(tmp, "README.md"), "# Decisions\n") == 0);
	REQUIRE(write_text(path_join(tmp, "template.md"), "# ADR-NNN: Title\n") == 0);
	REQUIRE(write_text(path_join(tmp, "0003-notes.txt"), "not markdown\n") == 0);
	REQUIRE(mkdir(path_join(tmp, "0004-folder.md.d"), 0777) == 0);
	ag_arena_init(&arena, 0);
	struct ag_adrs adrs;
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_adrs_load(&arena, tmp, "arch/decisions", &adrs, &d), 0);
	CHECK_EQ_INT(d.n, 0);
	REQUIRE(adrs.n == 3);
	CHECK_STR(adrs.dir_rel, "arch/decisions");
	CHECK_STR(adrs.v[0].file, "arch/decisions/0001-first.md");
	CHECK_STR(adrs.v[1].file, "arch/decisions/0002-second.md");
	CHECK_STR(adrs.v[2].file, "arch/decisions/0010-tenth.md");
	CHECK_EQ_INT(adrs.v[2].number, 10);
	CHECK_EQ_INT(adrs.v[0].status, AG_ADR_ACCEPTED);
	CHECK_EQ_INT(adrs.v[0].status_pos.line, 3);
	CHECK_STR(adrs.v[0].status_pos.file, "arch/decisions/0001-first.md");
	ag_diags_release(&d);
	ag_arena_release(&arena);
	rm_rf(tmp);
	free(tmp);
}

TEST(load_missing_folder_is_empty)
{
	ag_arena_init(&arena, 0);
	struct ag_adrs adrs;
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_adrs_load(&arena, "/nonexistent/archgate/decisions", "arch/decisions",
				  &adrs, &d), 0);
	CHECK_EQ_INT(adrs.n, 0);
	CHECK_EQ_INT(d.n, 0);
	ag_diags_release(&d);
	ag_arena_release(&arena);
}

TEST(load_refuses_binary_and_huge_records)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	REQUIRE(write_bytes(path_join(tmp, "0001-binary.md"), "# T\0\x01\x02", 6) == 0);
	REQUIRE(write_text(path_join(tmp, "0002-fine.md"), "# ADR-002: Fine\n") == 0);
	const char *big = path_join(tmp, "0003-huge.md");
	FILE *fp = fopen(big, "w");
	REQUIRE(fp);
	fseek(fp, (long)AG_ADR_MAX_BYTES + 10, SEEK_SET);
	fputc('\n', fp);
	fclose(fp);
	ag_arena_init(&arena, 0);
	struct ag_adrs adrs;
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_adrs_load(&arena, tmp, "arch/decisions", &adrs, &d), AG_EINVAL);
	CHECK_DIAG(&d, "NUL bytes", 1, 1);
	CHECK_DIAG(&d, "the limit is 1048576", 1, 1);
	const struct ag_diag *g = diag_find(&d, "NUL bytes");
	if (g)
		CHECK_STR(g->file, "arch/decisions/0001-binary.md");
	/* the good record is still read */
	REQUIRE(adrs.n >= 1);
	bool fine = false;
	for (size_t i = 0; i < adrs.n; i++)
		fine |= !strcmp(adrs.v[i].title, "Fine");
	CHECK(fine);
	ag_diags_release(&d);
	ag_arena_release(&arena);
	rm_rf(tmp);
	free(tmp);
}

TEST(record_file_names)
{
	CHECK(ag_record_file_name("0001-x.md"));
	CHECK(ag_record_file_name("adr-012-x.md"));
	CHECK(ag_record_file_name("ADR-012-x.md"));
	CHECK(ag_record_file_name("adr012-x.md"));
	CHECK(ag_record_file_name("adr_7-x.md"));
	CHECK(ag_record_file_name("20240102-x.md"));
	CHECK(ag_record_file_name("0004-使用队列.md"));
	CHECK(!ag_record_file_name("README.md"));
	CHECK(!ag_record_file_name("adr-template.md"));
	CHECK(!ag_record_file_name("adr.md"));
	CHECK(!ag_record_file_name("0001-x.txt"));
	ag_arena_init(&arena, 0);
	CHECK_EQ_INT(parse("d/adr-012-x.md", "# T\n").number, 12);
	CHECK_EQ_INT(parse("d/ADR012-x.md", "# T\n").number, 12);
	CHECK_EQ_INT(parse("d/20240102-x.md", "# T\n").number, -1);
	CHECK_EQ_INT(parse("d/2024-01-02-x.md", "# T\n").number, -1);
	ag_arena_release(&arena);
}

static void mkdirs(const char *root, const char *rel)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	for (char *p = buf + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0777);
			*p = '/';
		}
	mkdir(buf, 0777);
}

/* ag_adr_locate over `tmp`, arch folder tmp/arch; the folder found. */
static const char *locate(const char *tmp, const char *configured, struct ag_adr_where *w)
{
	char arch[4096];
	snprintf(arch, sizeof(arch), "%s/arch", tmp);
	CHECK_EQ_INT(ag_adr_locate(&arena, tmp, arch, configured, w), 0);
	return w->dir_rel;
}

TEST(locate_order)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	ag_arena_init(&arena, 0);
	struct ag_adr_where w;
	/* nothing: archgate's own folder, every place named as looked at */
	CHECK_STR(locate(tmp, NULL, &w), "arch/decisions");
	CHECK(w.how == NULL);
	CHECK(w.nlooked > 10);
	CHECK_STR(w.looked[0], "arch/decisions (archgate's own)");
	CHECK_STR(w.looked[w.nlooked - 1], ". (repository root)");
	/* an existing but empty folder is used only when none holds records */
	mkdirs(tmp, "docs/adr");
	CHECK_STR(locate(tmp, NULL, &w), "docs/adr");
	mkdirs(tmp, "docs/decisions");
	REQUIRE(write_text(path_join(tmp, "docs/decisions/0001-x.md"), "# 1. X\n") == 0);
	CHECK_STR(locate(tmp, NULL, &w), "docs/decisions");
	/* records at the root are found last */
	REQUIRE(write_text(path_join(tmp, "0001-root.md"), "# 1. Root\n") == 0);
	CHECK_STR(locate(tmp, NULL, &w), "docs/decisions");
	rm_rf(path_join(tmp, "docs"));
	CHECK_STR(locate(tmp, NULL, &w), ".");
	CHECK_STR(w.how, "repository root");
	/* .adr-dir wins when its folder exists; "../" never leaves the root */
	mkdirs(tmp, "records");
	REQUIRE(write_text(path_join(tmp, ".adr-dir"), "../elsewhere\n") == 0);
	CHECK_STR(locate(tmp, NULL, &w), ".");
	REQUIRE(write_text(path_join(tmp, ".adr-dir"), "./records/\n") == 0);
	CHECK_STR(locate(tmp, NULL, &w), "records");
	CHECK_STR(w.how, ".adr-dir");
	/* policy wins over everything */
	CHECK_STR(locate(tmp, "decisions", &w), "arch/decisions");
	/* log4brains packages are added whoever names the main folder */
	REQUIRE(write_text(path_join(tmp, ".log4brains.yml"),
			   "project:\n  adrFolder: ./records\n  packages:\n"
			   "    - name: pay\n      adrFolder: ./pay/adr\n"
			   "    - name: bad\n      adrFolder: ../../etc\n") == 0);
	CHECK_STR(locate(tmp, NULL, &w), "records");
	REQUIRE(w.npkgs == 1);
	CHECK_STR(w.pkgs[0].name, "pay");
	CHECK_STR(w.pkgs[0].dir_rel, "pay/adr");
	ag_arena_release(&arena);
	rm_rf(tmp);
	free(tmp);
}

TEST(status_as_written)
{
	ag_arena_init(&arena, 0);
	CHECK_EQ_INT(status_of("**Status:** Pending"), AG_ADR_PROPOSED);
	CHECK_EQ_INT(status_of("**Status:** On hold"), AG_ADR_PROPOSED);
	CHECK_EQ_INT(status_of("**Status:** Approved"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("**Status:** Partly superseded by ADR-7"), AG_ADR_ACCEPTED);
	CHECK_EQ_INT(status_of("**Status:** Withdrawn"), AG_ADR_REJECTED);
	CHECK_EQ_INT(status_of("**Status:** accepted; supersedes ADR-0045"), AG_ADR_ACCEPTED);
	CHECK_STR(ag_adr_status_rest("accepted; supersedes ADR-0045"), "; supersedes ADR-0045");
	CHECK_STR(ag_adr_status_rest("**Accepted** (2019-06-21)"), " (2019-06-21)");
	CHECK_STR(ag_adr_status_rest("Superseded by [2. T](0002-t.md)"), "");
	CHECK_STR(ag_adr_status_rest("Accepted"), "");
	CHECK_STR(ag_adr_status_rest("Maybe; later"), "");
	CHECK_STR(ag_adr_status_rest(NULL), "");
	ag_arena_release(&arena);
}

TEST(title_forms)
{
	ag_arena_init(&arena, 0);
	CHECK_STR(parse("0012-t.md", "# 12) Paren\n").title, "Paren");
	CHECK_STR(parse("0012-t.md", "# ADR-012 - Dash\n").title, "Dash");
	CHECK_STR(parse("0012-t.md", "# Anchored {#a-b}\n").title, "Anchored");
	CHECK_STR(parse("0012-t.md", "# 1.5x faster builds\n").title, "1.5x faster builds");
	CHECK_STR(parse("0012-t.md", "# 2024 roadmap\n").title, "2024 roadmap");
	CHECK_STR(parse("0012-t.md", "# ADR process\n").title, "ADR process");
	CHECK_STR(parse("0012-t.md", "---\ntitle: From front matter\n---\nText\n").title,
		  "From front matter");
	CHECK_STR(parse("0012-t.md", "Text\n\nDate of submission: 2019-06-21\n").date, "2019-06-21");
	ag_arena_release(&arena);
}

/* Issue 11's corpus: metadata in a "Property | Value" table under the title,
 * front-matter keys written "Title:"/"Date:", and a prose date that is not
 * the record's ("Review Date:" after the real one is missing). */
TEST(corpus_metadata_forms)
{
	ag_arena_init(&arena, 0);
	struct ag_adr r = parse("007-t.md", "# ADR-007: Tabled\n\n| Property | Value |\n|---|---|\n"
					    "| **Status** | Accepted |\n| **Date** | 2024-05-06 |\n"
					    "| **Deciders** | Core team |\n\n## Context\n\nx\n");
	CHECK_STR(r.title, "Tabled");
	CHECK_STR(r.status_text, "Accepted");
	CHECK_EQ_INT(r.status, AG_ADR_ACCEPTED);
	CHECK_STR(r.date, "2024-05-06");
	CHECK_STR(r.deciders, "Core team");
	CHECK_EQ_INT(r.status_pos.line, 5);
	/* a table further down is prose, not metadata */
	r = parse("007-t.md", "# T\n\n## Context\n\n| Status | Meaning |\n|---|---|\n| Date | x |\n");
	CHECK(r.status_text == NULL);
	CHECK(r.date == NULL);
	r = parse("0003-t.md", "---\nTitle: Capital keys\nDate: 2025-01-02\nStatus: proposed\n---\n"
			       "## Context\n\nx\n");
	CHECK_STR(r.title, "Capital keys");
	CHECK_STR(r.date, "2025-01-02");
	CHECK_STR(r.status_text, "proposed");
	r = parse("0003-t.md", "# T\n\n## Context\n\nx\n\n- **Review Date:** 2026-12-15\n"
			       "- **Implementation Date:** 2025-12-15\n");
	CHECK(r.date == NULL);
	CHECK_STR(parse("0003-t.md", "# T\n\nDecision date: 2021-03-04\n").date, "2021-03-04");
	CHECK_STR(parse("0003-t.md", "# T\n\n- Decided on: 2021-03-05\n").date, "2021-03-05");
	ag_arena_release(&arena);
}

TEST_MAIN(
	TEST_ENTRY(seed_format),
	TEST_ENTRY(nygard_format),
	TEST_ENTRY(nygard_superseded),
	TEST_ENTRY(madr_list_metadata),
	TEST_ENTRY(status_words),
	TEST_ENTRY(unknown_status_keeps_the_text),
	TEST_ENTRY(first_status_wins),
	TEST_ENTRY(code_blocks_hold_no_metadata),
	TEST_ENTRY(crlf_line_endings),
	TEST_ENTRY(title_prefixes),
	TEST_ENTRY(missing_pieces),
	TEST_ENTRY(phase_metadata_forms),
	TEST_ENTRY(find_word_boundaries),
	TEST_ENTRY(mentions),
	TEST_ENTRY(status_names),
	TEST_ENTRY(load_folder),
	TEST_ENTRY(load_missing_folder_is_empty),
	TEST_ENTRY(load_refuses_binary_and_huge_records),
	TEST_ENTRY(record_file_names),
	TEST_ENTRY(locate_order),
	TEST_ENTRY(status_as_written),
	TEST_ENTRY(title_forms),
	TEST_ENTRY(corpus_metadata_forms)
)
