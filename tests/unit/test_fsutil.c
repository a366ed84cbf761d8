/*
 * test_fsutil.c - atomic, no-clobber writes: ag_write_new refuses anything
 * that exists and leaves it untouched, no temporary file survives success
 * or failure, ag_write_replace swaps content in one step; ag_mkdirs and
 * ag_exists. Also ag_init (templates.h), which is built on them.
 */
#include <sys/stat.h>
#include "base/diag.h"
#include "base/fsutil.h"
#include "model/templates.h"
#include "test.h"
#include "util.h"

static const char *tmp_;

static void setup(void)
{
	tmp_ = make_tmpdir();
}

static void teardown(void)
{
	rm_rf(tmp_);
	free((char *)tmp_);
	tmp_ = NULL;
}

static int temps_left(void)
{
	return count_entries(tmp_, ".agtmp.");
}

TEST(write_new_creates)
{
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "a.yaml");
	CHECK_EQ_INT(ag_write_new(p, "hello\n", 6), 0);
	size_t len;
	char *got = slurp(p, &len);
	CHECK_STR(got, "hello\n");
	CHECK_EQ_INT(len, 6);
	free(got);
	struct stat st;
	REQUIRE(stat(p, &st) == 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK((st.st_mode & 0444) == 0444); /* readable, like any file a user writes */
	CHECK_EQ_INT(temps_left(), 0);
	CHECK_EQ_INT(count_entries(tmp_, ""), 1);
	teardown();
}

TEST(write_new_empty_and_binary)
{
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "empty");
	CHECK_EQ_INT(ag_write_new(p, "", 0), 0);
	size_t len = 99;
	char *got = slurp(p, &len);
	CHECK_EQ_INT(len, 0);
	free(got);
	const char *q = path_join(tmp_, "bin");
	CHECK_EQ_INT(ag_write_new(q, "a\0b\xff", 4), 0);
	got = slurp(q, &len);
	CHECK_EQ_INT(len, 4);
	if (got)
		CHECK_MEM(got, "a\0b\xff", 4);
	free(got);
	teardown();
}

TEST(write_new_refuses_existing_file_untouched)
{
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "mine.md");
	REQUIRE(write_text(p, "the user's own words\n") == 0);
	REQUIRE(chmod(p, 0600) == 0);
	struct stat before, after;
	REQUIRE(stat(p, &before) == 0);
	CHECK_EQ_INT(ag_write_new(p, "archgate's text\n", 16), AG_EEXIST);
	REQUIRE(stat(p, &after) == 0);
	char *got = slurp(p, NULL);
	CHECK_STR(got, "the user's own words\n");
	free(got);
	CHECK_EQ_INT(after.st_ino, before.st_ino); /* not replaced */
	CHECK_EQ_INT(after.st_size, before.st_size);
	CHECK_EQ_INT(after.st_mode & 07777, 0600);
	CHECK_EQ_INT(temps_left(), 0);
	CHECK_EQ_INT(count_entries(tmp_, ""), 1);
	teardown();
}

TEST(write_new_refuses_folders_and_links)
{
	setup();
	REQUIRE(tmp_);
	const char *d = path_join(tmp_, "dir");
	REQUIRE(mkdir(d, 0777) == 0);
	CHECK_EQ_INT(ag_write_new(d, "x", 1), AG_EEXIST);
	struct stat st;
	CHECK(stat(d, &st) == 0 && S_ISDIR(st.st_mode));

	/* a dangling symbolic link is a name that is taken, too: writing
	 * through it would create a file somewhere else */
	const char *target = path_join(tmp_, "elsewhere");
	const char *link = path_join(tmp_, "link");
	REQUIRE(symlink(target, link) == 0);
	CHECK_EQ_INT(ag_write_new(link, "x", 1), AG_EEXIST);
	CHECK(!ag_exists(target));
	CHECK_EQ_INT(temps_left(), 0);
	teardown();
}

TEST(write_new_in_missing_folder_fails_cleanly)
{
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "no/such/dir/file");
	CHECK_EQ_INT(ag_write_new(p, "x", 1), AG_ENOENT);
	CHECK(!ag_exists(path_join(tmp_, "no")));
	CHECK_EQ_INT(count_entries(tmp_, ""), 0);
	teardown();
}

TEST(write_new_many_leaves_no_temps)
{
	setup();
	REQUIRE(tmp_);
	char name[64];
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "f%02d", i);
		CHECK_EQ_INT(ag_write_new(path_join(tmp_, name), name, strlen(name)), 0);
		CHECK_EQ_INT(ag_write_new(path_join(tmp_, name), "again", 5), AG_EEXIST);
	}
	CHECK_EQ_INT(count_entries(tmp_, ""), 50);
	CHECK_EQ_INT(temps_left(), 0);
	char *got = slurp(path_join(tmp_, "f07"), NULL);
	CHECK_STR(got, "f07");
	free(got);
	teardown();
}

TEST(write_replace_swaps_content)
{
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "docs.md");
	REQUIRE(write_text(p, "old content that is longer than the new one\n") == 0);
	CHECK_EQ_INT(ag_write_replace(p, "new\n", 4), 0);
	char *got = slurp(p, NULL);
	CHECK_STR(got, "new\n");
	free(got);
	CHECK_EQ_INT(temps_left(), 0);
	CHECK_EQ_INT(count_entries(tmp_, ""), 1);

	/* replacing a name that does not exist yet creates it */
	const char *q = path_join(tmp_, "fresh.md");
	CHECK_EQ_INT(ag_write_replace(q, "fresh\n", 6), 0);
	got = slurp(q, NULL);
	CHECK_STR(got, "fresh\n");
	free(got);
	CHECK_EQ_INT(temps_left(), 0);
	teardown();
}

TEST(write_replace_is_atomic_for_readers)
{
	/* a reader that opened the old file keeps reading the old bytes: the
	 * new content arrives as a new inode, never as a half-overwritten one */
	setup();
	REQUIRE(tmp_);
	const char *p = path_join(tmp_, "site.html");
	REQUIRE(write_text(p, "OLD-OLD-OLD") == 0);
	FILE *reader = fopen(p, "rb");
	REQUIRE(reader);
	CHECK_EQ_INT(ag_write_replace(p, "NEW", 3), 0);
	char buf[32] = {0};
	size_t n = fread(buf, 1, sizeof(buf) - 1, reader);
	fclose(reader);
	CHECK_EQ_INT(n, 11);
	CHECK_STR(buf, "OLD-OLD-OLD");
	char *got = slurp(p, NULL);
	CHECK_STR(got, "NEW");
	free(got);
	teardown();
}

TEST(write_replace_into_missing_folder_fails_cleanly)
{
	setup();
	REQUIRE(tmp_);
	CHECK_EQ_INT(ag_write_replace(path_join(tmp_, "nope/x"), "x", 1), AG_ENOENT);
	CHECK_EQ_INT(count_entries(tmp_, ""), 0);
	teardown();
}

TEST(write_replace_onto_a_folder_fails_and_cleans_up)
{
	setup();
	REQUIRE(tmp_);
	const char *d = path_join(tmp_, "dir");
	REQUIRE(mkdir(d, 0777) == 0);
	REQUIRE(write_text(path_join(d, "keep"), "k") == 0);
	CHECK(ag_write_replace(d, "x", 1) != 0);
	struct stat st;
	CHECK(stat(d, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(ag_exists(path_join(d, "keep")));
	CHECK_EQ_INT(temps_left(), 0);
	teardown();
}

TEST(mkdirs_and_exists)
{
	setup();
	REQUIRE(tmp_);
	const char *deep = path_join(tmp_, "a/b/c/d");
	CHECK(!ag_exists(deep));
	CHECK_EQ_INT(ag_mkdirs(deep), 0);
	struct stat st;
	CHECK(stat(deep, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(ag_exists(deep));
	CHECK_EQ_INT(ag_mkdirs(deep), 0); /* already there */
	CHECK_EQ_INT(ag_mkdirs(path_join(tmp_, "a/b/")), 0);
	/* a file in the way */
	REQUIRE(write_text(path_join(tmp_, "file"), "x") == 0);
	CHECK_EQ_INT(ag_mkdirs(path_join(tmp_, "file")), AG_EEXIST);
	CHECK_EQ_INT(ag_mkdirs(path_join(tmp_, "file/sub")), AG_EIO);
	teardown();
}

/* Number of templates in a set. */
static size_t set_size(const char *set)
{
	size_t n = 0, l = strlen(set);
	for (const struct ag_template *t = ag_templates; t->path; t++)
		n += !strncmp(t->path, set, l) && t->path[l] == '/';
	return n;
}

TEST(init_lays_down_the_minimal_set)
{
	setup();
	REQUIRE(tmp_);
	size_t n = set_size("minimal");
	REQUIRE(n >= 3);
	struct ag_diags created, errors;
	ag_diags_init(&created);
	ag_diags_init(&errors);
	created.max = 10000;
	const char *dest = path_join(tmp_, "repo");
	CHECK_EQ_INT(ag_init(dest, "minimal", &created, &errors), 0);
	CHECK_EQ_INT(errors.n, 0);
	CHECK_EQ_INT(created.n, n);
	for (const struct ag_template *t = ag_templates; t->path; t++) {
		if (strncmp(t->path, "minimal/", 8))
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", dest, t->path + 8);
		size_t len;
		char *got = slurp(p, &len);
		if (!got) {
			TEST_FAIL_("'%s' was not created", p);
			continue;
		}
		CHECK_EQ_INT(len, t->len);
		if (len == t->len)
			CHECK_MEM(got, t->data, len);
		free(got);
	}
	CHECK(ag_exists(path_join(dest, "arch/system.yaml")));
	CHECK(ag_exists(path_join(dest, "arch/archgate.yaml")));
	CHECK_EQ_INT(count_entries(path_join(dest, "arch"), ".agtmp."), 0);
	ag_diags_release(&created);
	ag_diags_release(&errors);
	teardown();
}

TEST(init_writes_nothing_when_anything_exists)
{
	setup();
	REQUIRE(tmp_);
	const char *dest = tmp_;
	/* the user already has a system.yaml, and nothing else */
	REQUIRE(write_text(path_join(dest, "arch/system.yaml"), "system: {name: Mine}\n") == 0);
	struct ag_diags created, errors;
	ag_diags_init(&created);
	ag_diags_init(&errors);
	CHECK_EQ_INT(ag_init(dest, "minimal", &created, &errors), AG_EEXIST);
	CHECK_EQ_INT(created.n, 0);
	CHECK_DIAG(&errors, "already exists; archgate init never overwrites a file", 0, 0);
	char *got = slurp(path_join(dest, "arch/system.yaml"), NULL);
	CHECK_STR(got, "system: {name: Mine}\n");
	free(got);
	/* nothing else appeared */
	CHECK_EQ_INT(count_entries(path_join(dest, "arch"), ""), 1);
	ag_diags_release(&created);
	ag_diags_release(&errors);
	teardown();
}

TEST(init_unknown_set)
{
	setup();
	REQUIRE(tmp_);
	struct ag_diags created, errors;
	ag_diags_init(&created);
	ag_diags_init(&errors);
	CHECK_EQ_INT(ag_init(tmp_, "no-such-set", &created, &errors), AG_ENOENT);
	CHECK_EQ_INT(count_entries(tmp_, ""), 0);
	/* a set name that is a prefix of another is not that set */
	CHECK_EQ_INT(ag_init(tmp_, "min", &created, &errors), AG_ENOENT);
	ag_diags_release(&created);
	ag_diags_release(&errors);
	teardown();
}

TEST_MAIN(
	TEST_ENTRY(write_new_creates),
	TEST_ENTRY(write_new_empty_and_binary),
	TEST_ENTRY(write_new_refuses_existing_file_untouched),
	TEST_ENTRY(write_new_refuses_folders_and_links),
	TEST_ENTRY(write_new_in_missing_folder_fails_cleanly),
	TEST_ENTRY(write_new_many_leaves_no_temps),
	TEST_ENTRY(write_replace_swaps_content),
	TEST_ENTRY(write_replace_is_atomic_for_readers),
	TEST_ENTRY(write_replace_into_missing_folder_fails_cleanly),
	TEST_ENTRY(write_replace_onto_a_folder_fails_and_cleans_up),
	TEST_ENTRY(mkdirs_and_exists),
	TEST_ENTRY(init_lays_down_the_minimal_set),
	TEST_ENTRY(init_writes_nothing_when_anything_exists),
	TEST_ENTRY(init_unknown_set)
)
