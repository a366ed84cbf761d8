/*
 * test_ignore.c - .gitignore-style pattern lists (base/ignore.h): what a
 * line means, anchoring to the folder it was read in, "**", classes,
 * escapes, negation (the last match decides), folders-only patterns, the
 * per-folder stack, and a hostile pattern that must give up.
 */
#include "base/ag.h"
#include "base/ignore.h"
#include "test.h"

/* Whether `rel` is ignored by the lines of `text` read at the root. */
static bool ignored_by(const char *text, const char *rel, bool is_dir)
{
	struct ag_ignore ig;
	ag_ignore_init(&ig);
	if (ag_ignore_add_text(&ig, text, strlen(text), 0)) {
		TEST_FAIL_("cannot add patterns");
		return false;
	}
	const char *name = strrchr(rel, '/');
	name = name ? name + 1 : rel;
	bool r = ag_ignore_match(&ig, rel, strlen(rel), name, is_dir);
	ag_ignore_release(&ig);
	return r;
}

#define IGNORED(text, rel) CHECK(ignored_by((text), (rel), false))
#define KEPT(text, rel) CHECK(!ignored_by((text), (rel), false))

TEST(a_name_matches_at_any_depth)
{
	IGNORED("*.log\n", "x.log");
	IGNORED("*.log\n", "a/b/x.log");
	KEPT("*.log\n", "x.log.txt");
	IGNORED("**/cache\n", "a/b/cache");
	IGNORED("**/cache\n", "cache");
}

TEST(a_slash_anchors_to_the_folder)
{
	IGNORED("/build\n", "build");
	KEPT("/build\n", "src/build");
	IGNORED("doc/*.txt\n", "doc/a.txt");
	KEPT("doc/*.txt\n", "doc/x/a.txt"); /* '*' stops at '/' */
	KEPT("doc/*.txt\n", "x/doc/a.txt");
	IGNORED("a/**/b\n", "a/b");
	IGNORED("a/**/b\n", "a/x/y/b");
	IGNORED("a/**\n", "a/x/y");
}

TEST(a_trailing_slash_means_folders_only)
{
	CHECK(ignored_by("out/\n", "out", true));
	CHECK(!ignored_by("out/\n", "out", false));
	CHECK(ignored_by("out/\n", "src/out", true));
}

TEST(the_last_matching_pattern_decides)
{
	KEPT("*.log\n!keep.log\n", "keep.log");
	IGNORED("*.log\n!keep.log\n", "other.log");
	IGNORED("!keep.log\n*.log\n", "keep.log");
}

TEST(comments_blanks_escapes_and_spaces)
{
	KEPT("# x.txt\n\n   \n", "# x.txt");
	IGNORED("\\#file\n", "#file");
	IGNORED("\\!bang\n", "!bang");
	IGNORED("trail   \n", "trail");       /* trailing spaces are dropped */
	IGNORED("space\\ \n", "space ");       /* ... unless escaped */
	IGNORED("crlf.txt\r\n", "crlf.txt");
	IGNORED("\\*star\n", "*star");
	KEPT("\\*star\n", "xstar");
}

TEST(classes_and_question_marks)
{
	IGNORED("[ab].c\n", "a.c");
	IGNORED("[ab].c\n", "b.c");
	KEPT("[ab].c\n", "c.c");
	IGNORED("[!a].c\n", "z.c");
	KEPT("[!a].c\n", "a.c");
	IGNORED("[0-9].txt\n", "7.txt");
	IGNORED("x[.txt\n", "x[.txt"); /* no closing bracket: a literal '[' */
	IGNORED("a?c\n", "abc");
	KEPT("x/a?c\n", "x/a/c"); /* '?' never matches '/' */
}

TEST(patterns_of_a_folder_apply_below_it_and_pop)
{
	struct ag_ignore ig;
	ag_ignore_init(&ig);
	REQUIRE(ag_ignore_add(&ig, "*.tmp", 5, 0) == 0);
	size_t mark = ag_ignore_mark(&ig);
	/* sub/.gitignore: "/gen" is sub/gen, not gen */
	static const char sub[] = "/gen\n";
	REQUIRE(ag_ignore_add_text(&ig, sub, strlen(sub), 3) == 0);
	CHECK(ag_ignore_match(&ig, "sub/gen", 7, "gen", true));
	CHECK(!ag_ignore_match(&ig, "gen", 3, "gen", true));
	CHECK(!ag_ignore_match(&ig, "other/gen", 9, "gen", true));
	ag_ignore_pop(&ig, mark);
	CHECK_EQ_INT(ag_ignore_mark(&ig), 1);
	CHECK(!ag_ignore_match(&ig, "sub/gen", 7, "gen", true));
	CHECK(ag_ignore_match(&ig, "sub/x.tmp", 9, "x.tmp", false));
	ag_ignore_release(&ig);
	CHECK_EQ_INT(ig.n, 0);
}

TEST(hostile_patterns_give_up_and_long_ones_are_no_pattern)
{
	char name[201];
	memset(name, 'a', 200);
	name[200] = '\0';
	/* exponential backtracking without a budget */
	KEPT("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n", name);
	KEPT("**/**/**/**/**/**/**/**/**/**/**/b\n", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/c");
	char big[1100];
	memset(big, 'x', 1030);
	big[1030] = '\0';
	struct ag_ignore ig;
	ag_ignore_init(&ig);
	CHECK_EQ_INT(ag_ignore_add(&ig, big, 1030, 0), 0);
	CHECK_EQ_INT(ig.n, 0);
	CHECK_EQ_INT(ag_ignore_add(&ig, "", 0, 0), 0);
	CHECK_EQ_INT(ig.n, 0);
	ag_ignore_release(&ig);
}

TEST_MAIN(TEST_ENTRY(a_name_matches_at_any_depth), TEST_ENTRY(a_slash_anchors_to_the_folder),
	  TEST_ENTRY(a_trailing_slash_means_folders_only),
	  TEST_ENTRY(the_last_matching_pattern_decides),
	  TEST_ENTRY(comments_blanks_escapes_and_spaces), TEST_ENTRY(classes_and_question_marks),
	  TEST_ENTRY(patterns_of_a_folder_apply_below_it_and_pop),
	  TEST_ENTRY(hostile_patterns_give_up_and_long_ones_are_no_pattern))
