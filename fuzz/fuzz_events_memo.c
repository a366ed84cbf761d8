/*
 * fuzz_events_memo.c - the scanner's key memo against the slow path it
 * stands in for (ADR-059): every line of the input is scanned twice, once
 * with the memo on (line after line, so the memo holds what the lines
 * before left in it, as in a real chunk) and once with it off (every key
 * searched for and looked up), and the two answers must be the same.
 *
 * The input is scanned as lines three times over with the memo on, so that
 * a line meets the memo of itself and of its neighbours, and with two field
 * sets, to catch a memo that outlives its set. The paths are chosen to give
 * the memo's hard cases: a path and its dotted prefixes, a top-level key
 * with a dot that also names a nested one, keys of 1, 7, 8, 14, 15, 16 and
 * 17 bytes (around the memo's two words), and paths four levels deep.
 *
 * Checks: the kind, error message and column, the line span, the set of
 * fields and every field's type, bytes, escape flag and number (bit for
 * bit) agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events/events_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                  \
	do {                                                                      \
		if (!(c)) {                                                       \
			fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, \
				__LINE__, #c);                                    \
			abort();                                                  \
		}                                                                 \
	} while (0)

static const char *const paths_a[] = {
	"service", "service.name", "duration_ms", "a", "a.b", "a.b.c", "a.b.c.d", "http.status",
	"http.response.status_code", "level", "ts", "abcdefg", "abcdefgh", "abcdefghijklmn",
	"abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "x.y", "event.duration",
	"k\"q", "status", "status.code"};
static const char *const paths_b[] = {"service.name", "a.b", "b", "level", "message", "x"};

static void same_val(const struct ag_ev_val *x, const struct ag_ev_val *y)
{
	CHECK(x->type == y->type);
	if (x->type == AG_EV_NONE)
		return;
	CHECK(x->p == y->p && x->n == y->n && x->esc == y->esc);
	if (x->type == AG_EV_NUM)
		CHECK(!memcmp(&x->num, &y->num, sizeof(x->num)));
}

static void pass(const char *buf, size_t size, const struct ag_ev_fields *fs,
		 struct ag_ev_val *fast, struct ag_ev_val *slow)
{
	const char *p = buf, *end = buf + size;
	while (p < end) {
		struct ag_ev_line lf, ls;
		ag_ev_scan_memo(true);
		const char *nf = ag_ev_scan_line(p, end, fs, fast, &lf);
		/* a scan with the memo off neither reads nor writes it: the
		 * next line meets the memo this one left */
		ag_ev_scan_memo(false);
		const char *ns = ag_ev_scan_line(p, end, fs, slow, &ls);
		CHECK(nf == ns);
		CHECK(lf.kind == ls.kind && lf.start == ls.start && lf.len == ls.len);
		CHECK(lf.err == ls.err && lf.err_col == ls.err_col);
		CHECK(lf.set == ls.set);
		for (size_t i = 0; i < fs->n; i++)
			same_val(&fast[i], &slow[i]);
		p = nf;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 20))
		return -1;
	/* a private copy, so reads past the end are caught by ASan */
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	struct ag_ev_fields fa, fb;
	ag_ev_fields_init(&fa);
	for (size_t i = 0; i < sizeof(paths_a) / sizeof(paths_a[0]); i++)
		CHECK(ag_ev_fields_add(&fa, paths_a[i], strlen(paths_a[i])) == (int)i);
	ag_ev_fields_init(&fb);
	for (size_t i = 0; i < sizeof(paths_b) / sizeof(paths_b[0]); i++)
		CHECK(ag_ev_fields_add(&fb, paths_b[i], strlen(paths_b[i])) == (int)i);
	struct ag_ev_val fast[AG_EV_MAX_FIELDS], slow[AG_EV_MAX_FIELDS];
	for (int round = 0; round < 3; round++)
		pass(buf, size, &fa, fast, slow);
	pass(buf, size, &fb, fast, slow);
	pass(buf, size, &fa, fast, slow);
	ag_ev_scan_memo(true);
	free(buf);
	return 0;
}
