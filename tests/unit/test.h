/*
 * test.h - a tiny unit-test harness (after libuv's test runner and git's
 * t/unit-tests): each test is a function, each file a static list of them.
 *
 *   TEST(adds_bytes) {
 *       CHECK_EQ_INT(1 + 1, 2);
 *   }
 *   TEST_MAIN(TEST_ENTRY(adds_bytes))
 *
 * Checks print "file:line: ..." on failure and let the test go on; REQUIRE
 * stops the test (use it before dereferencing what it checks). Every test
 * runs in its own child process (fork), so a crash, an abort or a hang
 * (TEST_TIMEOUT seconds, default 60) fails that test and the others still
 * run. Set TEST_NOFORK=1 to run in-process under a debugger.
 *
 * Usage: test_foo [NAME...]  runs all tests, or only the named ones. The last
 * line printed is "N passed, N failed"; the exit code is 1 when any failed.
 */
#ifndef AG_TEST_H
#define AG_TEST_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

/* Failures of the test that is running (each test runs in a fresh child). */
static int test_failures_;

#define TEST(name) static void test_##name(void)
#define TEST_ENTRY(name) {#name, test_##name}

#define TEST_FAIL_(...)                                                     \
	do {                                                                \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);             \
		fprintf(stderr, __VA_ARGS__);                               \
		fputc('\n', stderr);                                        \
		test_failures_++;                                           \
	} while (0)

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond))                                                \
			TEST_FAIL_("CHECK(%s) failed", #cond);              \
	} while (0)

#define REQUIRE(cond)                                                       \
	do {                                                                \
		if (!(cond)) {                                              \
			TEST_FAIL_("REQUIRE(%s) failed", #cond);            \
			return;                                             \
		}                                                           \
	} while (0)

#define CHECK_EQ_INT(a, b)                                                  \
	do {                                                                \
		long long ta_ = (long long)(a), tb_ = (long long)(b);       \
		if (ta_ != tb_)                                             \
			TEST_FAIL_("CHECK_EQ_INT(%s, %s): %lld != %lld", #a, #b, \
				   ta_, tb_);                               \
	} while (0)

/* Compares NUL-terminated strings; two NULLs are equal. */
#define CHECK_STR(a, b)                                                     \
	do {                                                                \
		const char *ta_ = (a), *tb_ = (b);                          \
		if ((!ta_ || !tb_) ? ta_ != tb_ : strcmp(ta_, tb_) != 0)    \
			TEST_FAIL_("CHECK_STR(%s, %s):\n  got:      %s%s%s\n"  \
				   "  expected: %s%s%s", #a, #b,            \
				   ta_ ? "\"" : "", ta_ ? ta_ : "NULL",     \
				   ta_ ? "\"" : "", tb_ ? "\"" : "",        \
				   tb_ ? tb_ : "NULL", tb_ ? "\"" : "");    \
	} while (0)

/* `hay` (NUL-terminated, may be NULL) contains `needle`. */
#define CHECK_CONTAINS(hay, needle)                                         \
	do {                                                                \
		const char *th_ = (hay), *tn_ = (needle);                   \
		if (!th_ || !strstr(th_, tn_))                              \
			TEST_FAIL_("CHECK_CONTAINS(%s, %s):\n  \"%s\" does not " \
				   "contain \"%s\"", #hay, #needle,         \
				   th_ ? th_ : "NULL", tn_);                \
	} while (0)

/* Compares n bytes (for buffers that hold NULs). */
#define CHECK_MEM(a, b, n)                                                  \
	do {                                                                \
		if (memcmp((a), (b), (n)) != 0)                             \
			TEST_FAIL_("CHECK_MEM(%s, %s, %s): bytes differ", #a, #b, #n); \
	} while (0)

static int test_run_one_(const struct test_case *t, int nofork, unsigned timeout)
{
	if (nofork) {
		test_failures_ = 0;
		t->fn();
		return test_failures_ ? 1 : 0;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		alarm(timeout);
		test_failures_ = 0;
		t->fn();
		fflush(stdout);
		fflush(stderr);
		_exit(test_failures_ ? 1 : 0);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		;
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		if (sig == SIGALRM)
			fprintf(stderr, "%s: timed out after %u s\n", t->name, timeout);
		else
			fprintf(stderr, "%s: crashed with signal %d (%s)\n", t->name, sig,
				strsignal(sig));
		return 1;
	}
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

static int test_main_(const struct test_case *tests, size_t n, int argc, char **argv)
{
	const char *nf = getenv("TEST_NOFORK");
	const char *to = getenv("TEST_TIMEOUT");
	int nofork = nf && *nf && strcmp(nf, "0");
	unsigned timeout = to && atoi(to) > 0 ? (unsigned)atoi(to) : 60;
	int passed = 0, failed = 0;
	for (int a = 1; a < argc; a++) {
		size_t i = 0;
		while (i < n && strcmp(tests[i].name, argv[a]))
			i++;
		if (i == n) {
			fprintf(stderr, "no test named '%s'\n", argv[a]);
			failed++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (argc > 1) {
			int want = 0;
			for (int a = 1; a < argc; a++)
				want |= !strcmp(tests[i].name, argv[a]);
			if (!want)
				continue;
		}
		int rc = test_run_one_(&tests[i], nofork, timeout);
		printf("%s %s\n", rc ? "FAIL" : "ok  ", tests[i].name);
		fflush(stdout);
		if (rc)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

#define TEST_MAIN(...)                                                      \
	static const struct test_case test_list_[] = {__VA_ARGS__};         \
	int main(int argc, char **argv)                                     \
	{                                                                   \
		return test_main_(test_list_,                               \
				  sizeof(test_list_) / sizeof(test_list_[0]), \
				  argc, argv);                              \
	}

#endif
