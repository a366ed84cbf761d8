/*
 * fuzz_events_sql.c - the `events` SQL table over arbitrary input files:
 * column discovery (the fields of the first lines or of a document), the
 * rows of every shape events_read.h reads, and each column's value as
 * SQLite gets it, through a query that touches every column.
 *
 * Checks: the run ends in 0, AG_EIO (with a diagnostic) or AG_ENOMEM, and
 * the rendered output is there on success.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "events/events_sql.h"
#include "fuzz_common.h"

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
	static const char *const sql[] = {
		"SELECT * FROM events",
		"SELECT _line, json_extract(_json, '$'), count(*) FROM events GROUP BY 1, 2"};
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct ag_diags d;
		ag_diags_init(&d);
		struct ag_buf out = AG_BUF_INIT;
		int rc = ag_evsql_run(paths, 1, sql[i], i ? AG_EVSQL_JSON : AG_EVSQL_CSV, &out, &d);
		FUZZ_CHECK(rc == 0 || (rc == AG_EIO && d.n) || rc == AG_ENOMEM || rc == AG_EINVAL);
		if (!rc)
			FUZZ_CHECK(out.len > 0 || ag_buf_err(&out) == 0);
		ag_buf_release(&out);
		ag_diags_release(&d);
	}
	close(fd);
	return 0;
}
