/*
 * proc.h - running a child process: the one way archgate starts git, dot,
 * plantuml and the user's editor (after git's run-command.h).
 *
 *   struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
 *   const char *argv[] = {"git", "-C", repo, "log", "--format=%H", NULL};
 *   struct ag_proc p = AG_PROC_INIT;
 *   p.argv = argv;
 *   p.out = &out;              stdout captured (at most out_max bytes)
 *   p.err = &err;              stderr captured (the first err_max bytes)
 *   p.timeout_ms = 60000;      killed, with its process group, after a minute
 *   int rc = ag_proc_run(&p, diags);
 *   if (!rc && p.exit_code == 0) ... use out ...
 *
 * The program is argv[0], found on PATH, and gets argv as it is: no shell
 * unless `shell` asks for one, so nothing in an argument is ever
 * interpreted. Its stdin is `in` (in_len bytes) or /dev/null; stdout and
 * stderr go to the buffers or to /dev/null. Input is written and output
 * read in one poll() loop, so neither side can block the other however
 * large both are. Every descriptor archgate opens is close-on-exec (no
 * child inherits another's pipes), every wait retries on EINTR, and the
 * child is always reaped: ag_proc_run() returns only after it is gone.
 *
 * A captured child runs in its own process group, so a timeout or an
 * output cap kills it and everything it started (a shell's children too).
 * SIGPIPE is held off while writing its input (a child that exits early
 * is an exit status, not a dead archgate), and the child gets the caller's
 * signal mask, with SIGPIPE at its default.
 *
 * `interactive` is for the editor: the child shares archgate's terminal
 * (stdin, stdout, stderr inherited, same process group so it can read the
 * keyboard), nothing is captured and there is no timeout; archgate ignores
 * SIGINT and SIGQUIT while it waits, as system() does, so ^C reaches the
 * editor alone.
 */
#ifndef AG_PROC_H
#define AG_PROC_H

#include "ag.h"
#include "buf.h"
#include "diag.h"

/* The code (diag.h) of ag_proc_run()'s diagnostics. */
#define AG_DIAG_PROC "process"

#define AG_PROC_OUT_MAX ((size_t)64 << 20) /* default cap of captured stdout */
#define AG_PROC_ERR_MAX ((size_t)64 << 10) /* default cap of captured stderr */

struct ag_proc {
	/* What to run. */
	const char *const *argv; /* NULL-terminated; argv[0] the program */
	bool shell;              /* argv[0] is a /bin/sh script; argv[1] its $0,
				  * argv[2...] its $1... ("code --wait" in $EDITOR) */
	const char *dir;         /* working folder of the child; NULL: ours */
	bool interactive;        /* the terminal, no capture, no timeout (editor) */

	/* Its input and output (ignored when interactive). */
	const char *in;          /* stdin bytes; NULL: /dev/null */
	size_t in_len;
	struct ag_buf *out;      /* stdout appended here; NULL: discarded */
	size_t out_max;          /* more stdout than this: killed, AG_ELIMIT;
				  * 0: AG_PROC_OUT_MAX */
	struct ag_buf *err;      /* stderr appended here; NULL: discarded */
	size_t err_max;          /* stderr past this is dropped (err_truncated);
				  * 0: AG_PROC_ERR_MAX */
	unsigned timeout_ms;     /* killed after this long, AG_ELIMIT; 0: never */

	/* How it ended, set by ag_proc_run(). */
	int exit_code;           /* 0-255 when it exited; -1 when it did not */
	int signal;              /* the signal that ended it; 0 when it exited */
	bool timed_out;          /* we killed it at timeout_ms */
	bool err_truncated;      /* stderr was longer than err_max */
};

#define AG_PROC_INIT {0}

/* Runs the child to its end. Returns
 *   0           it ran and exited: see exit_code (non-zero is not an error
 *               here; what it means is the caller's business)
 *   AG_ENOENT   no such program on PATH (or `dir` does not exist)
 *   AG_ELIMIT   it ran past timeout_ms or wrote more than out_max to
 *               stdout; it and its process group were killed (SIGKILL)
 *   AG_EIO      it could not be started, or a signal it did not get from
 *               us ended it
 *   AG_ENOMEM   a buffer could not grow (the child is killed)
 *   AG_EINVAL   no argv
 * Every error but AG_ENOMEM and AG_EINVAL appends one diagnostic with code
 * AG_DIAG_PROC to `d` (when not NULL) naming the program, for example
 * "'dot' did not finish within 30 s; archgate stopped it". */
int ag_proc_run(struct ag_proc *p, struct ag_diags *d);

#endif
