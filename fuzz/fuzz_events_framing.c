/*
 * fuzz_events_framing.c - gzip, zstd, xz and bzip2 framing: arbitrary
 * bytes (seeded with small compressed logs, whole, cut short and with
 * members back to back) read as an input file both ways the engine reads
 * one: streamed in chunks to worker threads (ag_ev_run) and whole
 * (ag_ev_map_open, what trace and sql use).
 *
 * Checks: both ways agree on the bytes they decoded when they succeed; a
 * failure is AG_EIO with a diagnostic, never a crash, a hang or a leak.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "events/events_input.h"
#include "fuzz_common.h"

struct tally {
	uint64_t bytes;
};

static int count(void *w, struct ag_ev_chunk *c)
{
	struct tally *t = w;
	__atomic_add_fetch(&t->bytes, c->n, __ATOMIC_RELAXED);
	c->nlines = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 16))
		return -1;
	int fd = memfd_create("fuzz", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	const char *paths[1] = {path};
	struct tally t = {0};
	void *ws[1] = {&t};
	struct ag_ev_run_opts o = {1, 1024, count, ws, NULL, NULL, NULL};
	struct ag_ev_run_stats st;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_ev_run(paths, 1, &o, &st, &d);
	FUZZ_CHECK(rc == 0 || (rc == AG_EIO && d.n) || rc == AG_ENOMEM || rc == AG_ELIMIT);
	ag_diags_release(&d);
	ag_diags_init(&d);
	struct ag_ev_map m;
	int mrc = ag_ev_map_open(&m, path, &d);
	FUZZ_CHECK(mrc == 0 || (mrc == AG_EIO && d.n) || mrc == AG_ENOMEM);
	if (!rc && !mrc)
		FUZZ_CHECK(st.bytes == m.len);
	if (!mrc)
		ag_ev_map_release(&m);
	ag_diags_release(&d);
	close(fd);
	return 0;
}
