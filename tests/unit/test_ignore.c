/*
 * test_ignore.c - .gitignore-style pattern lists (base/ignore.h): what a
 * line means, anchoring to the folder it was read in, "**", classes,
 * escapes, negation (the last match decides), folders-only patterns, the
 * per-folder stack, and a hostile pattern that must give up; and the index
 * against trying every pattern, on random patterns and paths.
 */
#include <stdint.h>
#include <stdio.h>
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

/* A small deterministic generator (xorshift), so a failure reproduces. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A random pattern or path piece over a small alphabet, so that patterns
 * and paths meet often: letters, '.', '/', and in patterns the glob's
 * '*', '?', classes, "**", escapes, '!' and trailing '/'. */
static void rnd_text(uint32_t *s, char *out, size_t cap, bool pattern)
{
	static const char *const pat_bits[] = {"a", "b", ".", "/", "*", "?", "[ab]", "[!a]",
					       "**/", "**", "\\a", "[a-", "ab", "a.b", ".c"};
	static const char *const path_bits[] = {"a", "b", ".", "ab", ".c", "a.b", "ba", "[", "c"};
	size_t n = 0, pieces = 1 + rnd(s) % 5;
	if (pattern && rnd(s) % 6 == 0)
		out[n++] = '!';
	if (pattern && rnd(s) % 5 == 0)
		out[n++] = '/';
	for (size_t i = 0; i < pieces; i++) {
		const char *b = pattern ? pat_bits[rnd(s) % (sizeof(pat_bits) / sizeof(*pat_bits))]
					: path_bits[rnd(s) % (sizeof(path_bits) / sizeof(*path_bits))];
		size_t l = strlen(b);
		if (n + l + 2 >= cap)
			break;
		memcpy(out + n, b, l);
		n += l;
	}
	if (pattern && rnd(s) % 5 == 0)
		out[n++] = '/';
	out[n] = '\0';
}

TEST(the_index_agrees_with_trying_every_pattern)
{
	uint32_t seed = 2026;
	size_t checked = 0, hits = 0;
	for (int round = 0; round < 300; round++) {
		struct ag_ignore ig;
		ag_ignore_init(&ig);
		/* patterns at the root, then a folder "a" or "ab" with its own */
		size_t npat = 1 + rnd(&seed) % 40;
		const char *sub = rnd(&seed) % 2 ? "a" : "ab";
		size_t mark = 0;
		for (size_t i = 0; i < npat; i++) {
			char p[64];
			rnd_text(&seed, p, sizeof(p), true);
			if (i == npat / 2)
				mark = ag_ignore_mark(&ig);
			REQUIRE(ag_ignore_add(&ig, p, strlen(p), i < npat / 2 ? 0 : strlen(sub)) == 0);
		}
		for (int pass = 0; pass < 2; pass++) {
			for (int k = 0; k < 60; k++) {
				char rel[160], piece[64];
				size_t rl = 0;
				if (pass == 0 && rnd(&seed) % 2) { /* below the folder */
					rl = (size_t)snprintf(rel, sizeof(rel), "%s/", sub);
				}
				int depth = 1 + (int)(rnd(&seed) % 3);
				for (int d = 0; d < depth; d++) {
					rnd_text(&seed, piece, sizeof(piece), false);
					size_t pl = strlen(piece);
					if (rl + pl + 2 >= sizeof(rel))
						break;
					memcpy(rel + rl, piece, pl);
					rl += pl;
					if (d + 1 < depth)
						rel[rl++] = '/';
				}
				while (rl && rel[rl - 1] == '/')
					rl--;
				if (!rl)
					continue;
				rel[rl] = '\0';
				const char *name = strrchr(rel, '/');
				name = name ? name + 1 : rel;
				if (!*name)
					continue;
				for (int dir = 0; dir < 2; dir++) {
					bool want = ag_ignore_match_linear(&ig, rel, rl, name, dir);
					bool got = ag_ignore_match(&ig, rel, rl, name, dir);
					checked++;
					hits += want;
					if (want != got) {
						TEST_FAIL_("index and linear differ");
						fprintf(stderr, "  path '%s' (dir %d): linear %d, index %d; "
							"patterns:\n", rel, dir, want, got);
						for (size_t i = 0; i < ig.n; i++)
							fprintf(stderr, "    base %zu flags %u '%s'\n",
								ig.v[i].base, ig.v[i].flags, ig.v[i].p);
						ag_ignore_release(&ig);
						return;
					}
				}
			}
			ag_ignore_pop(&ig, mark); /* the second pass after leaving the folder */
		}
		ag_ignore_release(&ig);
	}
	/* the generator must reach both outcomes often, or it tests nothing */
	CHECK(checked > 10000);
	CHECK(hits > checked / 20 && hits < checked - checked / 20);
}

TEST(many_patterns_are_indexed_and_pop_cleanly)
{
	struct ag_ignore ig;
	ag_ignore_init(&ig);
	char p[64];
	for (int i = 0; i < 20000; i++) {
		int n = 0;
		switch (i % 7) {
		case 0: n = snprintf(p, sizeof(p), "n%d", i); break;
		case 1: n = snprintf(p, sizeof(p), "*.e%d", i); break;
		case 2: n = snprintf(p, sizeof(p), "p%d*", i); break;
		case 3: n = snprintf(p, sizeof(p), "/d%d/x", i); break;
		case 4: n = snprintf(p, sizeof(p), "doc/*.t%d", i); break;
		case 5: n = snprintf(p, sizeof(p), "!k%d", i); break;
		default: n = snprintf(p, sizeof(p), "?q%d", i); break;
		}
		REQUIRE(ag_ignore_add(&ig, p, (size_t)n, 0) == 0);
	}
	size_t mark = ag_ignore_mark(&ig);
	REQUIRE(ag_ignore_add(&ig, "*.e7", 4, 0) == 0);
	REQUIRE(ag_ignore_add(&ig, "!x.e7", 5, 0) == 0);
	CHECK(ag_ignore_match(&ig, "n0", 2, "n0", false));
	CHECK(ag_ignore_match(&ig, "s/a.e1", 6, "a.e1", false));
	CHECK(ag_ignore_match(&ig, "p2zz", 4, "p2zz", false));
	CHECK(ag_ignore_match(&ig, "d3/x", 4, "x", false));
	CHECK(!ag_ignore_match(&ig, "e/d3/x", 6, "x", false));
	CHECK(ag_ignore_match(&ig, "doc/a.t4", 8, "a.t4", false));
	CHECK(ag_ignore_match(&ig, "zq6", 3, "zq6", false));
	CHECK(!ag_ignore_match(&ig, "x.e7", 4, "x.e7", false));
	CHECK(ag_ignore_match(&ig, "y.e7", 4, "y.e7", false));
	ag_ignore_pop(&ig, mark);
	CHECK(!ag_ignore_match(&ig, "y.e7", 4, "y.e7", false)); /* "*.e7" was not there */
	CHECK(ag_ignore_match(&ig, "n0", 2, "n0", false));
	ag_ignore_pop(&ig, 0);
	CHECK(!ag_ignore_match(&ig, "n0", 2, "n0", false));
	REQUIRE(ag_ignore_add(&ig, "n0", 2, 0) == 0); /* a bucket reused after the pop */
	CHECK(ag_ignore_match(&ig, "n0", 2, "n0", false));
	ag_ignore_release(&ig);
}

TEST(folders_pushed_and_popped_again_and_again)
{
	/* each pop leaves dead buckets; once they outnumber the live ones the
	 * index is rebuilt: the answers must not change across rebuilds */
	struct ag_ignore ig;
	ag_ignore_init(&ig);
	static const char root[] = "*.log\n/build\nkeep*\n!keep.log\n";
	REQUIRE(ag_ignore_add_text(&ig, root, strlen(root), 0) == 0);
	char p[64], rel[64];
	for (int cycle = 0; cycle < 200; cycle++) {
		size_t mark = ag_ignore_mark(&ig);
		for (int i = 0; i < 100; i++) {
			int n = snprintf(p, sizeof(p), i % 2 ? "c%d-%d.tmp" : "*.c%d-%d", cycle, i);
			REQUIRE(ag_ignore_add(&ig, p, (size_t)n, 3) == 0);
		}
		int n = snprintf(rel, sizeof(rel), "sub/c%d-1.tmp", cycle);
		CHECK(ag_ignore_match(&ig, rel, (size_t)n, rel + 4, false));
		ag_ignore_pop(&ig, mark);
		CHECK(!ag_ignore_match(&ig, rel, (size_t)n, rel + 4, false));
		CHECK(ag_ignore_match(&ig, "sub/a.log", 9, "a.log", false));
		CHECK(!ag_ignore_match(&ig, "keep.log", 8, "keep.log", false));
		CHECK(ag_ignore_match(&ig, "keepx", 5, "keepx", false));
		CHECK(ag_ignore_match(&ig, "build", 5, "build", true));
		CHECK(!ag_ignore_match(&ig, "sub/build", 9, "build", true));
	}
	ag_ignore_release(&ig);
}

TEST_MAIN(TEST_ENTRY(a_name_matches_at_any_depth), TEST_ENTRY(a_slash_anchors_to_the_folder),
	  TEST_ENTRY(a_trailing_slash_means_folders_only),
	  TEST_ENTRY(the_last_matching_pattern_decides),
	  TEST_ENTRY(comments_blanks_escapes_and_spaces), TEST_ENTRY(classes_and_question_marks),
	  TEST_ENTRY(patterns_of_a_folder_apply_below_it_and_pop),
	  TEST_ENTRY(hostile_patterns_give_up_and_long_ones_are_no_pattern),
	  TEST_ENTRY(the_index_agrees_with_trying_every_pattern),
	  TEST_ENTRY(many_patterns_are_indexed_and_pop_cleanly),
	  TEST_ENTRY(folders_pushed_and_popped_again_and_again))
