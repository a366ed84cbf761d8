/*
 * git.c - running git; see git.h.
 */
#include <stdlib.h>
#include <string.h>
#include "base/proc.h"
#include "git.h"

int ag_git(const char *repo, const char *const *argv, struct ag_buf *out)
{
	size_t n = 0;
	while (argv[n])
		n++;
	const char **args = calloc(n + 4, sizeof(*args));
	if (!args)
		return AG_ENOMEM;
	args[0] = "git";
	args[1] = "-C";
	args[2] = repo;
	for (size_t i = 0; i < n; i++)
		args[3 + i] = argv[i];
	struct ag_proc p = AG_PROC_INIT;
	p.argv = args;
	p.out = out;
	p.out_max = AG_GIT_OUT_MAX;
	p.timeout_ms = AG_GIT_TIMEOUT_MS;
	int rc = ag_proc_run(&p, NULL);
	free(args);
	return rc ? rc : p.exit_code;
}

bool ag_git_is_repo(const char *repo)
{
	static const char *const argv[] = {"rev-parse", "--is-inside-work-tree", NULL};
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_git(repo, argv, &b);
	bool yes = rc == 0 && !strncmp(b.data, "true", 4);
	ag_buf_release(&b);
	return yes;
}
