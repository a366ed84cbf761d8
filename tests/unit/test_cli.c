/*
 * test_cli.c - the CLI's command tree (src/cli/cli.c): option tables of any
 * size, values by index in a command's own table, subcommand dispatch and
 * --format from the command's list. The CLI is a program, not a library,
 * so its two framework files are compiled into this test.
 */
#include "../../src/cli/cli.c"
#include "../../src/cli/cli_help.c"
#include "test.h"

/* 40 options: one past what the old 32-bit option mask could hold, and
 * then some. A table holds any number by construction: a value lives at
 * its option's index in the command's own table. */
#define NOPTS 40
static const struct cli_option many_options[NOPTS] = {
#define O(i) [i] = CLI_VALUE("o" #i, "V", "option " #i)
	O(0), O(1), O(2), O(3), O(4), O(5), O(6), O(7), O(8), O(9), O(10), O(11), O(12),
	O(13), O(14), O(15), O(16), O(17), O(18), O(19), O(20), O(21), O(22), O(23), O(24),
	O(25), O(26), O(27), O(28), O(29), O(30), O(31), O(32), O(33), O(34), O(35), O(36),
	O(37), O(38),
#undef O
	[39] = CLI_FLAG("last", "a flag, the 40th option"),
};

static const char *const many_usage[] = {
	"archgate many [--oN V]...", "", "Takes forty options.", "", "Example:",
	"  archgate many --o33 x", NULL};

/* Returns a code that says what it saw: 0 when --o32, --o33 and --last
 * arrived where their table says and nothing else was set. */
static int run_many(struct cli_ctx *c)
{
	for (int i = 0; i < NOPTS; i++)
		if (i != 32 && i != 33 && i != 39 && c->opt[i])
			return 10 + i;
	if (!c->opt[32] || strcmp(c->opt[32], "thirty-two"))
		return 3;
	if (!c->opt[33] || strcmp(c->opt[33], "thirty-three"))
		return 4;
	if (!c->opt[39] || *c->opt[39])
		return 5;
	if (c->npos != 1 || strcmp(c->pos[0], "arg"))
		return 6;
	return c->format == AG_FMT_JSON ? 0 : 7;
}

static const struct cli_command many = {
	.name = "many", .summary = "forty options", .usage = many_usage,
	CLI_OPTIONS(many_options), .formats = CLI_TEXT_JSON, .run = run_many,
};

/* A second command whose one option shares a name with the first's 34th:
 * tables are per command, so it lands at index 0 here. */
enum { OTHER_O33 };
static const struct cli_option other_options[] = {
	[OTHER_O33] = CLI_VALUE("o33", "V", "the same name, another table"),
};
static const char *const other_usage[] = {
	"archgate parent other", "", "One option.", "", "Example:", "  archgate parent other", NULL};

static int run_other(struct cli_ctx *c)
{
	return c->opt[OTHER_O33] && !strcmp(c->opt[OTHER_O33], "here") && c->cmd->arg == 7 ? 0 : 1;
}

static const struct cli_command other = {
	.name = "other", .summary = "one option", .usage = other_usage,
	CLI_OPTIONS(other_options), .run = run_other, .arg = 7,
};

static const char *const parent_usage[] = {
	"archgate parent <other>", "", "A parent.", "", "Example:", "  archgate parent other", NULL};
static const struct cli_command parent = {
	.name = "parent", .summary = "has a subcommand", .usage = parent_usage,
	.subs = CLI_SUBS(&other),
};

static const char *const root_usage[] = {
	"archgate COMMAND", "", "The test root.", "", "Example:", "  archgate many", NULL};
static const struct cli_option root_opts[] = {
	[CLI_ROOT_DIR] = CLI_VALUE("dir", "DIR", "the arch folder"),
	[CLI_ROOT_VERSION] = {.name = "version", .short_name = 'V', .help = "the version"},
};
static const struct cli_command root = {
	.name = "archgate", .summary = "test", .usage = root_usage, CLI_OPTIONS(root_opts),
	.subs = CLI_SUBS(&many, &parent),
};

static int run_argv(const char *const *args)
{
	/* cli_main() moves positional arguments to the front of argv, as
	 * main()'s may be: free from a copy of the pointers */
	char *argv[16], *mine[16];
	int argc = 0;
	for (; args[argc]; argc++)
		argv[argc] = mine[argc] = strdup(args[argc]);
	argv[argc] = NULL;
	int rc = cli_main(&root, argc, argv);
	for (int i = 0; i < argc; i++)
		free(mine[i]);
	return rc;
}

TEST(forty_options_each_in_its_slot)
{
	const char *const a[] = {"archgate", "many", "--o32", "thirty-two", "arg",
				 "--o33=thirty-three", "--last", "--format", "json", NULL};
	CHECK_EQ_INT(run_argv(a), 0);
}

TEST(an_option_name_is_per_command)
{
	const char *const a[] = {"archgate", "parent", "other", "--o33", "here", NULL};
	CHECK_EQ_INT(run_argv(a), 0);
	/* and the other command's options are not this one's */
	const char *const b[] = {"archgate", "parent", "other", "--o32", "x", NULL};
	CHECK_EQ_INT(run_argv(b), AG_EXIT_USAGE);
}

TEST(bad_usage_exits_2)
{
	const char *const unknown_sub[] = {"archgate", "parent", "othr", NULL};
	CHECK_EQ_INT(run_argv(unknown_sub), AG_EXIT_USAGE);
	const char *const no_sub[] = {"archgate", "parent", NULL};
	CHECK_EQ_INT(run_argv(no_sub), AG_EXIT_USAGE);
	const char *const no_value[] = {"archgate", "many", "--o1", NULL};
	CHECK_EQ_INT(run_argv(no_value), AG_EXIT_USAGE);
	const char *const flag_value[] = {"archgate", "many", "--last=1", NULL};
	CHECK_EQ_INT(run_argv(flag_value), AG_EXIT_USAGE);
	const char *const bad_format[] = {"archgate", "many", "--format", "sarif", NULL};
	CHECK_EQ_INT(run_argv(bad_format), AG_EXIT_USAGE);
	/* the framework adds no --dir to a command that reads no arch folder */
	const char *const no_dir[] = {"archgate", "many", "--dir", "x", NULL};
	CHECK_EQ_INT(run_argv(no_dir), AG_EXIT_USAGE);
}

TEST(help_lists_every_option_and_the_example)
{
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(cli_render_help(&b, &many, "many") == 0);
	CHECK_CONTAINS(b.data, "usage: archgate many [--oN V]...\n");
	CHECK_CONTAINS(b.data, "  --o0 V ");
	CHECK_CONTAINS(b.data, "  --o38 V ");
	CHECK_CONTAINS(b.data, "  --last ");
	CHECK_CONTAINS(b.data, "  --format FMT   text (default) or json\n");
	CHECK_CONTAINS(b.data, "\nExample:\n  archgate many --o33 x\n");
	ag_buf_reset(&b);
	REQUIRE(cli_render_help(&b, &parent, "parent") == 0);
	CHECK_CONTAINS(b.data, "Subcommands:\n  other     one option\n");
	ag_buf_release(&b);
}

TEST(man_page_has_every_command)
{
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(cli_render_man(&b, &root) == 0);
	CHECK_CONTAINS(b.data, ".TH ARCHGATE 1 ");
	CHECK_CONTAINS(b.data, ".SS \"archgate many\"\n");
	CHECK_CONTAINS(b.data, ".SS \"archgate parent other\"\n");
	CHECK_CONTAINS(b.data, "\\fB\\-\\-o33\\fR \\fIV\\fR\n");
	ag_buf_release(&b);
}

TEST_MAIN(TEST_ENTRY(forty_options_each_in_its_slot), TEST_ENTRY(an_option_name_is_per_command),
	  TEST_ENTRY(bad_usage_exits_2), TEST_ENTRY(help_lists_every_option_and_the_example),
	  TEST_ENTRY(man_page_has_every_command))
