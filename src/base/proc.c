/*
 * proc.c - running a child process; see proc.h.
 *
 * posix_spawn() rather than fork(): it reports a program that cannot be
 * executed as an error code (glibc runs the child with CLONE_VFORK and
 * passes exec's errno back), it never copies a large address space, and it
 * sets up descriptors, signals and the process group in the child without
 * any of our code running between fork and exec.
 */
#define _GNU_SOURCE /* pipe2, posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "proc.h"

extern char **environ;

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One diagnostic with code AG_DIAG_PROC, when the caller wants them. */
static void diag(struct ag_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diag(struct ag_diags *d, const char *fmt, ...)
{
	if (!d)
		return;
	struct ag_buf b = AG_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ag_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!ag_buf_err(&b))
		ag_diags_addc(d, AG_SEV_ERROR, AG_DIAG_PROC, NULL, 0, 0, "%s", b.data);
	ag_buf_release(&b);
}

static const char *name_of(const struct ag_proc *p)
{
	return p->shell ? "/bin/sh" : p->argv[0];
}

/* "30 s", "1.5 s", "200 ms": a timeout as people read it. */
static void duration(char out[32], unsigned ms)
{
	if (ms < 1000)
		snprintf(out, 32, "%u ms", ms);
	else if (ms % 1000 == 0)
		snprintf(out, 32, "%u s", ms / 1000);
	else
		snprintf(out, 32, "%.1f s", ms / 1000.0);
}

/* The state of one run: the pipes' parent ends and what has been read. */
struct run {
	struct ag_proc *p;
	pid_t pid;
	bool group;          /* the child leads its own process group */
	int to, from, msg;   /* stdin's write end, stdout's and stderr's read ends */
	size_t off;          /* stdin bytes written */
	size_t out_n, err_n; /* stdout and stderr bytes read */
	size_t out_max, err_max;
	int64_t deadline;    /* CLOCK_MONOTONIC ms; 0: none */
};

static void kill_child(struct run *r)
{
	/* until it is reaped the child's pid (and its group) cannot be reused,
	 * so this never hits a stranger */
	kill(r->group ? -r->pid : r->pid, SIGKILL);
}

static int timed_out(struct run *r, struct ag_diags *d)
{
	char t[32];
	duration(t, r->p->timeout_ms);
	r->p->timed_out = true;
	kill_child(r);
	diag(d, "'%s' did not finish within %s; archgate stopped it", name_of(r->p), t);
	return AG_ELIMIT;
}

/* What is readable on *fd; closes *fd at end of file. */
static int read_out(struct run *r, struct ag_diags *d)
{
	char chunk[65536];
	ssize_t n = read(r->from, chunk, sizeof(chunk));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : AG_EIO;
	if (n == 0) {
		close_fd(&r->from);
		return 0;
	}
	if ((size_t)n > r->out_max - r->out_n) {
		kill_child(r);
		if (r->out_max >= ((size_t)1 << 20) && r->out_max % ((size_t)1 << 20) == 0)
			diag(d, "'%s' wrote more than %zu MiB; archgate stopped it", name_of(r->p),
			     r->out_max >> 20);
		else
			diag(d, "'%s' wrote more than %zu bytes; archgate stopped it", name_of(r->p),
			     r->out_max);
		return AG_ELIMIT;
	}
	r->out_n += (size_t)n;
	int rc = ag_buf_add(r->p->out, chunk, (size_t)n);
	if (rc)
		kill_child(r);
	return rc;
}

static int read_err(struct run *r)
{
	char chunk[16384];
	ssize_t n = read(r->msg, chunk, sizeof(chunk));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : AG_EIO;
	if (n == 0) {
		close_fd(&r->msg);
		return 0;
	}
	/* a flood of warnings is no reason to stop the child: keep the first */
	size_t room = r->err_max - r->err_n;
	size_t keep = (size_t)n < room ? (size_t)n : room;
	r->err_n += keep;
	if (keep < (size_t)n)
		r->p->err_truncated = true;
	int rc = keep ? ag_buf_add(r->p->err, chunk, keep) : 0;
	if (rc)
		kill_child(r);
	return rc;
}

static void write_in(struct run *r)
{
	const struct ag_proc *p = r->p;
	size_t n = p->in_len - r->off > 65536 ? 65536 : p->in_len - r->off;
	ssize_t w = write(r->to, p->in + r->off, n);
	if (w < 0 && errno != EINTR && errno != EAGAIN)
		close_fd(&r->to); /* the child closed its stdin: its exit status will say */
	else if (w > 0 && (r->off += (size_t)w) == p->in_len)
		close_fd(&r->to);
}

/* Feed stdin and collect stdout and stderr until all three are closed. */
static int pump(struct run *r, struct ag_diags *d)
{
	if (r->to >= 0 && !r->p->in_len)
		close_fd(&r->to);
	while (r->to >= 0 || r->from >= 0 || r->msg >= 0) {
		struct pollfd pf[3];
		nfds_t np = 0;
		int ito = -1, ifrom = -1, imsg = -1;
		if (r->to >= 0) {
			pf[np] = (struct pollfd){r->to, POLLOUT, 0};
			ito = (int)np++;
		}
		if (r->from >= 0) {
			pf[np] = (struct pollfd){r->from, POLLIN, 0};
			ifrom = (int)np++;
		}
		if (r->msg >= 0) {
			pf[np] = (struct pollfd){r->msg, POLLIN, 0};
			imsg = (int)np++;
		}
		int wait = -1;
		if (r->deadline) {
			int64_t left = r->deadline - now_ms();
			if (left <= 0)
				return timed_out(r, d);
			wait = left > INT32_MAX ? INT32_MAX : (int)left;
		}
		int k = poll(pf, np, wait);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			kill_child(r);
			return AG_EIO;
		}
		if (k == 0)
			continue; /* the deadline is checked at the top */
		int rc = 0;
		if (ito >= 0 && pf[ito].revents) {
			if (pf[ito].revents & (POLLERR | POLLHUP))
				close_fd(&r->to);
			else
				write_in(r);
		}
		if (ifrom >= 0 && pf[ifrom].revents)
			rc = read_out(r, d);
		if (!rc && imsg >= 0 && pf[imsg].revents)
			rc = read_err(r);
		if (rc)
			return rc;
	}
	return 0;
}

/* Reaps the child, killing it at the deadline. Returns 0 or AG_ELIMIT. */
static int reap(struct run *r, int *status, bool killed, struct ag_diags *d)
{
	int rc = 0;
	long nap_us = 1000;
	for (;;) {
		bool block = killed || !r->deadline;
		pid_t w = waitpid(r->pid, status, block ? 0 : WNOHANG);
		if (w == r->pid)
			return rc;
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) { /* cannot happen for our own child; do not spin */
			*status = 0;
			return rc ? rc : AG_EIO;
		}
		/* still running, its output closed: wait in short naps */
		int64_t left = r->deadline - now_ms();
		if (left <= 0) {
			rc = timed_out(r, d);
			killed = true;
			continue;
		}
		long us = nap_us < left * 1000 ? nap_us : (long)left * 1000;
		struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
		nanosleep(&ts, NULL);
		if (nap_us < 50000)
			nap_us *= 2;
	}
}

static int spawn_error(const struct ag_proc *p, int err, struct ag_diags *d)
{
	if (err == ENOENT && p->dir && access(p->dir, F_OK))
		diag(d, "cannot run '%s' in '%s': %s", name_of(p), p->dir, strerror(err));
	else if (err == ENOENT)
		diag(d, "cannot run '%s': no such program%s", name_of(p),
		     strchr(name_of(p), '/') ? "" : " on PATH");
	else
		diag(d, "cannot run '%s': %s", name_of(p), strerror(err));
	return err == ENOENT ? AG_ENOENT : AG_EIO;
}

int ag_proc_run(struct ag_proc *p, struct ag_diags *d)
{
	p->exit_code = -1;
	p->signal = 0;
	p->timed_out = false;
	p->err_truncated = false;
	if (!p->argv || !p->argv[0])
		return AG_EINVAL;
	bool cap = !p->interactive;
	struct run r = {p, 0, cap, -1, -1, -1, 0, 0, 0,
			p->out_max ? p->out_max : AG_PROC_OUT_MAX,
			p->err_max ? p->err_max : AG_PROC_ERR_MAX, 0};

	/* argv as posix_spawn wants it: through /bin/sh -c when asked */
	size_t n = 0;
	while (p->argv[n])
		n++;
	const char **args = calloc(n + 3, sizeof(*args));
	if (!args)
		return AG_ENOMEM;
	if (p->shell) {
		args[0] = "sh";
		args[1] = "-c";
		for (size_t i = 0; i < n; i++)
			args[2 + i] = p->argv[i];
	} else {
		for (size_t i = 0; i < n; i++)
			args[i] = p->argv[i];
	}

	int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
	int rc = 0;
	if ((cap && p->in && (pipe2(in, O_CLOEXEC) || fcntl(in[1], F_SETFL, O_NONBLOCK) < 0)) ||
	    (cap && p->out && pipe2(out, O_CLOEXEC)) || (cap && p->err && pipe2(err, O_CLOEXEC))) {
		diag(d, "cannot run '%s': no pipe: %s", name_of(p), strerror(errno));
		rc = AG_EIO;
		goto done;
	}

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (cap) {
		if (p->in)
			posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
		else
			posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
		if (p->out)
			posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
		else
			posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
		if (p->err)
			posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
		else
			posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	}
	if (p->dir)
		posix_spawn_file_actions_addchdir_np(&fa, p->dir);

	/* Writing to a child that has exited must fail with EPIPE, not kill us:
	 * SIGPIPE is blocked here, and the child gets the mask we had. An
	 * editor gets the terminal's ^C; we ignore it until the editor exits. */
	sigset_t pipe_set, old;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	struct sigaction ign = {0}, old_int, old_quit;
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (p->interactive) {
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
	}
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t dflt;
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGQUIT);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setsigdefault(&attr, &dflt);
	short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
	if (cap) {
		posix_spawnattr_setpgroup(&attr, 0);
		flags |= POSIX_SPAWN_SETPGROUP;
	}
	posix_spawnattr_setflags(&attr, flags);

	int serr = p->shell
		? posix_spawn(&r.pid, "/bin/sh", &fa, &attr, (char *const *)args, environ)
		: posix_spawnp(&r.pid, args[0], &fa, &attr, (char *const *)args, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	r.to = in[1];
	r.from = out[0];
	r.msg = err[0];
	in[1] = out[0] = err[0] = -1; /* r owns them now */

	if (serr) {
		rc = spawn_error(p, serr, d);
	} else {
		if (cap && p->timeout_ms)
			r.deadline = now_ms() + p->timeout_ms;
		rc = pump(&r, d);
		close_fd(&r.to);
		close_fd(&r.from);
		close_fd(&r.msg);
		int st = 0;
		int wrc = reap(&r, &st, rc != 0, d);
		if (!rc)
			rc = wrc;
		if (WIFEXITED(st)) {
			p->exit_code = WEXITSTATUS(st);
		} else if (WIFSIGNALED(st)) {
			p->signal = WTERMSIG(st);
			if (!rc) {
				diag(d, "'%s' was killed by signal %d (%s)", name_of(p), p->signal,
				     strsignal(p->signal));
				rc = AG_EIO;
			}
		}
	}

	if (p->interactive) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	}
	/* discard a SIGPIPE raised while it was blocked, then restore the mask */
	sigset_t pending;
	if (!sigpending(&pending) && sigismember(&pending, SIGPIPE) &&
	    !sigismember(&old, SIGPIPE)) {
		struct timespec zero = {0, 0};
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
done:
	close_fd(&r.to);
	close_fd(&r.from);
	close_fd(&r.msg);
	for (int i = 0; i < 2; i++) {
		close_fd(&in[i]);
		close_fd(&out[i]);
		close_fd(&err[i]);
	}
	free(args);
	return rc;
}
