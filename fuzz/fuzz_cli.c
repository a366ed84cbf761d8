/*
 * fuzz_cli.c - command-line parsing: cli_main() over archgate's real command
 * tree (cli_root and every option table under it), with each leaf's run()
 * replaced by a checker and no arch folder set up, so nothing is loaded,
 * written or run.
 *
 * The input is argv: NUL-separated arguments (at most 64). The parser must
 * never crash or read past argv, and must hand run() a context that keeps
 * its contract (cli.h): every option value NULL, "" or a string that lies
 * inside the arguments; positional arguments inside argv; --format one of
 * the command's formats. Usage errors and help go to stdout/stderr (run
 * with -close_fd_mask=3 to keep them quiet).
 */
#include <stdbool.h>
#include <string.h>
#include "cli/cli.h"
#include "fuzz_common.h"

#define MAX_ARGS 64
#define MAX_CMDS 256

static const char *arg_lo, *arg_hi; /* the copy of the input argv points into */

static bool inside(const char *s)
{
	return s && s >= arg_lo && s < arg_hi;
}

static int check_run(struct cli_ctx *c)
{
	FUZZ_CHECK(c->cmd && c->name && c->opt);
	for (size_t i = 0; i < c->cmd->noptions; i++)
		FUZZ_CHECK(!c->opt[i] || !*c->opt[i] || inside(c->opt[i]));
	FUZZ_CHECK(c->npos >= 0 && c->npos < MAX_ARGS);
	for (int i = 0; i < c->npos; i++)
		FUZZ_CHECK(inside(c->pos[i]));
	if (c->cmd->formats) {
		bool ok = false;
		for (size_t i = 0; c->cmd->formats[i] != AG_FMT__COUNT; i++)
			ok |= c->cmd->formats[i] == c->format;
		FUZZ_CHECK(ok);
	}
	FUZZ_CHECK(!c->dir || !*c->dir || inside(c->dir));
	return 0;
}

/* A mirror of the real tree: the same names, options, formats and usage,
 * every leaf running check_run and needing no arch folder. */
static struct cli_command mirror[MAX_CMDS];
static const struct cli_command *subs[MAX_CMDS * 2];
static size_t nmirror, nsubs;

static const struct cli_command *copy(const struct cli_command *cmd)
{
	FUZZ_CHECK(nmirror < MAX_CMDS);
	struct cli_command *m = &mirror[nmirror++];
	*m = *cmd;
	m->arch = CLI_ARCH_NONE;
	m->parts = 0;
	if (cmd->subs) {
		size_t n = 0;
		while (cmd->subs[n])
			n++;
		FUZZ_CHECK(nsubs + n + 1 <= MAX_CMDS * 2);
		const struct cli_command **list = &subs[nsubs];
		nsubs += n + 1;
		for (size_t i = 0; i < n; i++)
			list[i] = copy(cmd->subs[i]);
		list[n] = NULL;
		m->subs = list;
		m->run = cmd->run ? check_run : NULL;
	} else {
		m->run = check_run;
	}
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cli_command *root;
	if (!root)
		root = copy(&cli_root);
	if (size > 4096)
		return 0;
	/* argv[0] then the arguments, each NUL-terminated, in one copy */
	char *buf = malloc(size + 10);
	if (!buf)
		return 0;
	memcpy(buf, "archgate", 9);
	memcpy(buf + 9, data, size);
	buf[size + 9] = '\0';
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	for (size_t i = 0; i < size + 10 && argc < MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	arg_lo = buf;
	arg_hi = buf + size + 10;
	int rc = cli_main(root, argc, argv);
	FUZZ_CHECK(rc == AG_EXIT_OK || rc == AG_EXIT_USAGE);
	free(buf);
	return 0;
}
