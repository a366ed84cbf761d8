/*
 * test_proc.c - base/proc.h over real /bin/sh snippets: exit codes,
 * stdin from a buffer, large output both ways, the caps, stderr, a missing
 * program, timeouts (the whole process group goes), signals, EINTR, no
 * descriptor leaks and no zombies.
 *
 * The timeouts are far from the children's own durations (a 200 ms limit
 * on a 30 s sleep), so no outcome depends on the machine's speed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include "base/proc.h"
#include "test.h"

/* Runs a /bin/sh script (with optional stdin) and captures both streams. */
static int sh(const char *script, const char *in, struct ag_buf *out, struct ag_buf *err,
	      struct ag_proc *p, struct ag_diags *d)
{
	static const char *argv[3];
	argv[0] = script;
	argv[1] = "test-sh";
	argv[2] = NULL;
	*p = (struct ag_proc)AG_PROC_INIT;
	p->argv = argv;
	p->shell = true;
	p->in = in;
	p->in_len = in ? strlen(in) : 0;
	p->out = out;
	p->err = err;
	return ag_proc_run(p, d);
}

static bool no_children_left(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

TEST(exit_codes)
{
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_proc p;
	for (int code = 0; code < 256; code += 51) {
		char script[32];
		snprintf(script, sizeof(script), "exit %d", code);
		CHECK_EQ_INT(sh(script, NULL, &out, &err, &p, NULL), 0);
		CHECK_EQ_INT(p.exit_code, code);
		CHECK_EQ_INT(p.signal, 0);
		CHECK(!p.timed_out);
	}
	CHECK(no_children_left());
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(stdin_from_a_buffer_stdout_captured)
{
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_proc p;
	ag_buf_adds(&out, "kept:");
	CHECK_EQ_INT(sh("tr a-z A-Z", "hello\nworld\n", &out, &err, &p, NULL), 0);
	CHECK_STR(out.data, "kept:HELLO\nWORLD\n"); /* appended to what was there */
	CHECK_EQ_INT(err.len, 0);
	/* without `in` the child reads /dev/null, so cat ends at once */
	ag_buf_reset(&out);
	CHECK_EQ_INT(sh("cat; echo done", NULL, &out, &err, &p, NULL), 0);
	CHECK_STR(out.data, "done\n");
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(no_shell_means_no_interpretation)
{
	struct ag_buf out = AG_BUF_INIT;
	const char *argv[] = {"printf", "%s|", "a;b", "$HOME", "c d", "`x`", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.out = &out;
	CHECK_EQ_INT(ag_proc_run(&p, NULL), 0);
	CHECK_STR(out.data, "a;b|$HOME|c d|`x`|");
	/* and with a shell, arguments arrive as "$@", not re-parsed */
	ag_buf_reset(&out);
	const char *sargv[] = {"printf '%s|' \"$0\" \"$@\"", "name", "a b", "$c", NULL};
	p = (struct ag_proc)AG_PROC_INIT;
	p.argv = sargv;
	p.shell = true;
	p.out = &out;
	CHECK_EQ_INT(ag_proc_run(&p, NULL), 0);
	CHECK_STR(out.data, "name|a b|$c|");
	ag_buf_release(&out);
}

TEST(big_output_and_input_at_once)
{
	/* 8 MiB through cat: neither side may block the other */
	size_t n = (size_t)8 << 20;
	char *in = malloc(n + 1);
	REQUIRE(in != NULL);
	for (size_t i = 0; i < n; i++)
		in[i] = (char)('a' + i % 26);
	in[n] = '\0';
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_proc p;
	CHECK_EQ_INT(sh("cat; cat /dev/null >&2", in, &out, &err, &p, NULL), 0);
	CHECK_EQ_INT(out.len, n);
	CHECK(out.len == n && !memcmp(out.data, in, n));
	/* and lots of output with stderr interleaved */
	ag_buf_reset(&out);
	CHECK_EQ_INT(sh("i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; echo \"warn $i\" >&2; "
			"i=$((i+1)); done", NULL, &out, &err, &p, NULL), 0);
	CHECK_CONTAINS(out.data, "line 1999\n");
	CHECK_CONTAINS(err.data, "warn 1999\n");
	free(in);
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(stdout_cap_kills_the_child)
{
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	const char *argv[] = {"yes", NULL}; /* writes forever */
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.out = &out;
	p.out_max = 100000;
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ELIMIT);
	CHECK(out.len <= 100000);
	CHECK_EQ_INT(p.signal, SIGKILL);
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].code, AG_DIAG_PROC);
	CHECK_STR(d.v[0].message, "'yes' wrote more than 100000 bytes; archgate stopped it");
	CHECK(no_children_left());
	ag_diags_release(&d);
	ag_buf_release(&out);
}

TEST(stderr_captured_and_capped)
{
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_proc p;
	CHECK_EQ_INT(sh("echo out; echo 'dot: syntax error in line 1' >&2; exit 1", NULL, &out,
			&err, &p, NULL), 0);
	CHECK_STR(out.data, "out\n");
	CHECK_STR(err.data, "dot: syntax error in line 1\n");
	CHECK_EQ_INT(p.exit_code, 1);
	CHECK(!p.err_truncated);
	/* a flood on stderr keeps the first err_max bytes and the child runs on */
	ag_buf_reset(&out);
	ag_buf_reset(&err);
	static const char *argv[] = {"head -c 100000 /dev/zero | tr '\\0' w >&2; echo finished",
				     "sh", NULL};
	p = (struct ag_proc)AG_PROC_INIT;
	p.argv = argv;
	p.shell = true;
	p.out = &out;
	p.err = &err;
	p.err_max = 1000;
	CHECK_EQ_INT(ag_proc_run(&p, NULL), 0);
	CHECK_EQ_INT(err.len, 1000);
	CHECK(p.err_truncated);
	CHECK_STR(out.data, "finished\n");
	/* not captured: discarded, not mixed into our stderr */
	ag_buf_reset(&out);
	CHECK_EQ_INT(sh("echo x >&2; echo y", NULL, &out, NULL, &p, NULL), 0);
	CHECK_STR(out.data, "y\n");
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(missing_program)
{
	struct ag_diags d;
	ag_diags_init(&d);
	const char *argv[] = {"archgate-no-such-program", "x", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ENOENT);
	CHECK_EQ_INT(p.exit_code, -1);
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].message, "cannot run 'archgate-no-such-program': no such program on PATH");
	const char *abs[] = {"/nonexistent/prog", NULL};
	p.argv = abs;
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ENOENT);
	REQUIRE(d.n == 2);
	CHECK_STR(d.v[1].message, "cannot run '/nonexistent/prog': no such program");
	/* a folder that does not exist */
	const char *pwd[] = {"pwd", NULL};
	p.argv = pwd;
	p.dir = "/nonexistent-archgate-dir";
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ENOENT);
	REQUIRE(d.n == 3);
	CHECK_CONTAINS(d.v[2].message, "in '/nonexistent-archgate-dir'");
	/* no argv at all */
	struct ag_proc none = AG_PROC_INIT;
	CHECK_EQ_INT(ag_proc_run(&none, &d), AG_EINVAL);
	CHECK(no_children_left());
	ag_diags_release(&d);
}

TEST(working_folder)
{
	struct ag_buf out = AG_BUF_INIT;
	const char *argv[] = {"pwd", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.out = &out;
	p.dir = "/";
	CHECK_EQ_INT(ag_proc_run(&p, NULL), 0);
	CHECK_STR(out.data, "/\n");
	ag_buf_release(&out);
}

static bool gone(pid_t pid)
{
	/* killed: gone, or a zombie until init reaps it */
	for (int i = 0; i < 500; i++) {
		char path[64], st[256] = "";
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		FILE *f = fopen(path, "r");
		if (!f)
			return true;
		size_t n = fread(st, 1, sizeof(st) - 1, f);
		fclose(f);
		st[n] = '\0';
		const char *paren = strrchr(st, ')');
		if (paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'))
			return true;
		struct timespec ts = {0, 10000000};
		nanosleep(&ts, NULL);
	}
	return false;
}

TEST(timeout_kills_the_process_group)
{
	char pidfile[] = "/tmp/agproc.XXXXXX";
	int fd = mkstemp(pidfile);
	REQUIRE(fd >= 0);
	close(fd);
	char script[256];
	/* a grandchild that would outlive a kill of the shell alone */
	snprintf(script, sizeof(script), "sleep 30 & echo $! > %s; wait", pidfile);
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_proc p;
	static const char *argv[3];
	argv[0] = script;
	argv[1] = "sh";
	p = (struct ag_proc)AG_PROC_INIT;
	p.argv = argv;
	p.shell = true;
	p.out = &out;
	p.err = &err;
	p.timeout_ms = 200;
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ELIMIT);
	CHECK(p.timed_out);
	CHECK_EQ_INT(p.signal, SIGKILL);
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].code, AG_DIAG_PROC);
	CHECK_STR(d.v[0].message, "'/bin/sh' did not finish within 200 ms; archgate stopped it");
	CHECK(no_children_left());
	FILE *f = fopen(pidfile, "r");
	int gpid = 0;
	if (f) {
		if (fscanf(f, "%d", &gpid) != 1)
			gpid = 0;
		fclose(f);
	}
	unlink(pidfile);
	REQUIRE(gpid > 0);
	CHECK(gone((pid_t)gpid));
	ag_diags_release(&d);
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(timeout_after_the_output_is_closed)
{
	/* the child closes its pipes and sleeps: the wait itself must time out */
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	static const char *argv[] = {"exec >/dev/null 2>&1; sleep 30", "sh", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.shell = true;
	p.out = &out;
	p.timeout_ms = 1500;
	CHECK_EQ_INT(ag_proc_run(&p, &d), AG_ELIMIT);
	CHECK(p.timed_out);
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, "within 1.5 s");
	CHECK(no_children_left());
	/* a generous timeout does not fire */
	static const char *quick[] = {"echo fast", "sh", NULL};
	p = (struct ag_proc)AG_PROC_INIT;
	p.argv = quick;
	p.shell = true;
	p.out = &out;
	p.timeout_ms = 60000;
	CHECK_EQ_INT(ag_proc_run(&p, &d), 0);
	CHECK(!p.timed_out);
	CHECK_STR(out.data, "fast\n");
	ag_diags_release(&d);
	ag_buf_release(&out);
}

TEST(killed_by_a_signal)
{
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_proc p;
	CHECK_EQ_INT(sh("echo partial; kill -TERM $$", NULL, &out, NULL, &p, &d), AG_EIO);
	CHECK_EQ_INT(p.signal, SIGTERM);
	CHECK_EQ_INT(p.exit_code, -1);
	CHECK(!p.timed_out);
	CHECK_STR(out.data, "partial\n");
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, "'/bin/sh' was killed by signal 15");
	ag_diags_release(&d);
	ag_buf_release(&out);
}

TEST(child_that_ignores_its_input)
{
	/* the child exits without reading 4 MiB of stdin: EPIPE, not SIGPIPE */
	size_t n = (size_t)4 << 20;
	char *in = malloc(n + 1);
	REQUIRE(in != NULL);
	memset(in, 'x', n);
	in[n] = '\0';
	struct ag_buf out = AG_BUF_INIT;
	struct ag_proc p;
	CHECK_EQ_INT(sh("echo bye", in, &out, NULL, &p, NULL), 0);
	CHECK_EQ_INT(p.exit_code, 0);
	CHECK_STR(out.data, "bye\n");
	/* our SIGPIPE disposition and mask are as they were */
	sigset_t now;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	CHECK(!sigismember(&now, SIGPIPE));
	free(in);
	ag_buf_release(&out);
}

static volatile sig_atomic_t interrupts;
static void on_usr1(int sig)
{
	(void)sig;
	interrupts++;
}

static void *pester(void *arg)
{
	pthread_t main_thread = *(pthread_t *)arg;
	for (int i = 0; i < 300; i++) {
		pthread_kill(main_thread, SIGUSR1);
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	return NULL;
}

TEST(signals_interrupt_nothing)
{
	/* a handler without SA_RESTART: poll, read, write and waitpid see EINTR */
	struct sigaction sa = {0};
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	pthread_t self = pthread_self(), t;
	REQUIRE(pthread_create(&t, NULL, pester, &self) == 0);
	struct ag_buf out = AG_BUF_INIT;
	struct ag_proc p;
	size_t total = 0;
	for (int i = 0; i < 5; i++) {
		ag_buf_reset(&out);
		CHECK_EQ_INT(sh("i=0; while [ $i -lt 300 ]; do echo $i; i=$((i+1)); done; sleep 0.05",
				"input", &out, NULL, &p, NULL), 0);
		CHECK_EQ_INT(p.exit_code, 0);
		CHECK_CONTAINS(out.data, "\n299\n");
		total += out.len;
	}
	pthread_join(t, NULL);
	CHECK(total > 0);
	CHECK(no_children_left());
	ag_buf_release(&out);
}

/* The descriptors this process has open, and which are inherited by exec. */
static int open_fds(bool *inherit, int max)
{
	int n = 0;
	for (int fd = 0; fd < max; fd++) {
		int fl = fcntl(fd, F_GETFD);
		inherit[fd] = fl >= 0 && !(fl & FD_CLOEXEC);
		n += fl >= 0;
	}
	return n;
}

TEST(no_descriptor_leaks)
{
	enum { MAX = 256 };
	bool before[MAX], after[MAX];
	int nbefore = open_fds(before, MAX);
	struct ag_buf out = AG_BUF_INIT, err = AG_BUF_INIT;
	struct ag_proc p;
	/* the child lists its own descriptors */
	/* (stat, not a glob: listing the folder would open a descriptor) */
	/* (libfaketime, under which scripts/test.sh runs the suite a year
	 * ahead, opens its shared-memory segment in every process it starts:
	 * that descriptor is the child's own, not one it inherited) */
	CHECK_EQ_INT(sh("n=3; while [ $n -lt 256 ]; do [ -e /proc/$$/fd/$n ] && "
			"case $(readlink /proc/$$/fd/$n) in */faketime_shm_*) ;; *) echo $n;; esac; "
			"n=$((n+1)); done; exit 0", "in", &out, &err, &p, NULL), 0);
	/* it has 0, 1 and 2 and nothing of ours but what we meant to pass on */
	const char *s = out.data;
	int bad = 0;
	while (*s) {
		int fd = (int)strtol(s, NULL, 10);
		if (fd > 2 && fd < MAX && !before[fd])
			bad++;
		s = strchr(s, '\n');
		if (!s)
			break;
		s++;
	}
	CHECK_EQ_INT(bad, 0);
	/* the failures close what they opened too */
	const char *none[] = {"archgate-no-such-program", NULL};
	p = (struct ag_proc)AG_PROC_INIT;
	p.argv = none;
	p.out = &out;
	p.err = &err;
	p.in = "x";
	p.in_len = 1;
	CHECK_EQ_INT(ag_proc_run(&p, NULL), AG_ENOENT);
	CHECK_EQ_INT(open_fds(after, MAX), nbefore);
	ag_buf_release(&out);
	ag_buf_release(&err);
}

TEST(interactive_inherits_the_terminal)
{
	/* stdout is inherited: point ours at a file and read what the child wrote */
	char path[] = "/tmp/agproc-tty.XXXXXX";
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	struct ag_buf out = AG_BUF_INIT;
	static const char *argv[] = {"echo \"editing $1\"; exit 4", "sh", "ADR-0001.md", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.shell = true;
	p.interactive = true;
	p.out = &out;      /* ignored: nothing is captured */
	p.timeout_ms = 1;  /* ignored: a person takes their time */
	int rc = ag_proc_run(&p, NULL);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(p.exit_code, 4);
	CHECK_EQ_INT(out.len, 0);
	char got[64] = "";
	ssize_t n = pread(fd, got, sizeof(got) - 1, 0);
	close(fd);
	unlink(path);
	CHECK(n > 0);
	CHECK_STR(got, "editing ADR-0001.md\n");
	/* SIGINT is ours again afterwards */
	struct sigaction now;
	sigaction(SIGINT, NULL, &now);
	CHECK(now.sa_handler == SIG_DFL);
	ag_buf_release(&out);
}

TEST_MAIN(
	TEST_ENTRY(exit_codes),
	TEST_ENTRY(stdin_from_a_buffer_stdout_captured),
	TEST_ENTRY(no_shell_means_no_interpretation),
	TEST_ENTRY(big_output_and_input_at_once),
	TEST_ENTRY(stdout_cap_kills_the_child),
	TEST_ENTRY(stderr_captured_and_capped),
	TEST_ENTRY(missing_program),
	TEST_ENTRY(working_folder),
	TEST_ENTRY(timeout_kills_the_process_group),
	TEST_ENTRY(timeout_after_the_output_is_closed),
	TEST_ENTRY(killed_by_a_signal),
	TEST_ENTRY(child_that_ignores_its_input),
	TEST_ENTRY(signals_interrupt_nothing),
	TEST_ENTRY(no_descriptor_leaks),
	TEST_ENTRY(interactive_inherits_the_terminal)
)
