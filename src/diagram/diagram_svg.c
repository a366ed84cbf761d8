/*
 * diagram_svg.c - run Graphviz `dot -Tsvg` over pipes; see diagram_svg.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "diagram_svg.h"

extern char **environ;

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/* Append what is readable on *fd to b; closes *fd at end of file. */
static int drain(int *fd, struct ag_buf *b)
{
	char chunk[16384];
	ssize_t r = read(*fd, chunk, sizeof(chunk));
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : AG_EIO;
	if (r == 0) {
		close_fd(fd);
		return 0;
	}
	return b ? ag_buf_add(b, chunk, (size_t)r) : 0;
}

/* Feed `in` to the child and collect its stdout and stderr until both are
 * closed. */
static int pump(int *to, int *from, int *msg, const char *in, size_t len,
		struct ag_buf *out, struct ag_buf *err)
{
	size_t off = 0;
	if (!len)
		close_fd(to);
	while (*from >= 0 || *msg >= 0) {
		struct pollfd p[3];
		nfds_t np = 0;
		int ito = -1, ifrom = -1, imsg = -1;
		if (*to >= 0) {
			p[np] = (struct pollfd){*to, POLLOUT, 0};
			ito = (int)np++;
		}
		if (*from >= 0) {
			p[np] = (struct pollfd){*from, POLLIN, 0};
			ifrom = (int)np++;
		}
		if (*msg >= 0) {
			p[np] = (struct pollfd){*msg, POLLIN, 0};
			imsg = (int)np++;
		}
		if (poll(p, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			return AG_EIO;
		}
		int rc = 0;
		if (ito >= 0 && p[ito].revents) {
			if (p[ito].revents & (POLLERR | POLLHUP)) {
				close_fd(to); /* dot is gone; its exit status will say why */
			} else {
				size_t n = len - off > 65536 ? 65536 : len - off;
				ssize_t w = write(*to, in + off, n);
				if (w < 0 && errno != EINTR && errno != EAGAIN)
					close_fd(to);
				else if (w > 0 && (off += (size_t)w) == len)
					close_fd(to);
			}
		}
		if (ifrom >= 0 && p[ifrom].revents)
			rc = drain(from, out);
		if (!rc && imsg >= 0 && p[imsg].revents)
			rc = drain(msg, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* A pipe whose ends do not leak into other children. */
static int cloexec_pipe(int fds[2])
{
	if (pipe(fds))
		return -1;
	for (int i = 0; i < 2; i++)
		if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) < 0)
			return -1;
	return 0;
}

int ag_svg_from_dot(const char *dot, size_t len, struct ag_buf *svg, struct ag_buf *err)
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, msg[2] = {-1, -1};
	if (cloexec_pipe(in) || cloexec_pipe(out) || cloexec_pipe(msg) ||
	    fcntl(in[1], F_SETFL, O_NONBLOCK) < 0) {
		for (int i = 0; i < 2; i++) {
			close_fd(&in[i]);
			close_fd(&out[i]);
			close_fd(&msg[i]);
		}
		return AG_EIO;
	}
	/* Writing to a dot that has exited must fail with EPIPE, not kill us:
	 * block SIGPIPE here, and give the child the mask we had. */
	sigset_t pipe_set, old;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe_set, &old);

	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, msg[1], 2);
	sigset_t dflt;
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setsigdefault(&attr, &dflt);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	static char prog[] = "dot", tsvg[] = "-Tsvg";
	char *argv[] = {prog, tsvg, NULL};
	pid_t pid;
	int serr = posix_spawnp(&pid, "dot", &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&msg[1]);

	int rc = 0;
	if (serr) {
		rc = serr == ENOENT ? AG_ENOENT : AG_EIO;
	} else {
		rc = pump(&in[1], &out[0], &msg[0], dot, len, svg, err);
		if (rc) /* stop dot rather than wait for output nobody reads */
			kill(pid, SIGTERM);
		int st = 0;
		pid_t w;
		while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (!rc && (w < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0))
			rc = AG_EIO;
		/* posix_spawnp reports a missing program as exit 127 on some
		 * systems instead of ENOENT */
		if (rc == AG_EIO && w > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 127 && svg->len == 0 &&
		    (!err || err->len == 0))
			rc = AG_ENOENT;
	}
	close_fd(&in[1]);
	close_fd(&out[0]);
	close_fd(&msg[0]);

	/* discard a SIGPIPE raised while it was blocked, then restore the mask */
	sigset_t pending;
	if (!sigpending(&pending) && sigismember(&pending, SIGPIPE) &&
	    !sigismember(&old, SIGPIPE)) {
		struct timespec zero = {0, 0};
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}
