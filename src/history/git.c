/*
 * git.c - running git; see git.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "git.h"

extern char **environ;

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
	int pipefd[2];
	if (pipe(pipefd)) {
		free(args);
		return AG_EIO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)args, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(args);
	close(pipefd[1]);
	if (rc) {
		close(pipefd[0]);
		return AG_ENOENT;
	}
	out->cap_limit = (size_t)64 << 20;
	char buf[65536];
	int err = 0;
	for (;;) {
		ssize_t r = read(pipefd[0], buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (!err && ag_buf_add(out, buf, (size_t)r))
			err = AG_ELIMIT; /* keep draining so git can exit */
	}
	close(pipefd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (err)
		return err;
	return WIFEXITED(status) ? WEXITSTATUS(status) : AG_EIO;
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
