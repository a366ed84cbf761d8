/*
 * fuzz_events_scan.c - ag_ev_scan_line() over arbitrary bytes, as the
 * events engine walks a chunk: line after line to the end.
 *
 * Checks: every call advances and stays inside the input; a line's span
 * ends at a newline or the end; an invalid line has a message and a column
 * inside it; extracted values lie inside the line with the type their
 * first byte says; decoding a string never grows it; the member iterator
 * agrees that a scanned object is well-formed.
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

static const char *const paths[] = {"service", "duration_ms", "a.b", "http.status",
				    "trace_id", "x", "status", "status.code"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 20))
		return -1;
	/* a private copy, so reads past the end are caught by ASan */
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		CHECK(ag_ev_fields_add(&fs, paths[i], strlen(paths[i])) == (int)i);
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	char *scratch = malloc(size + 1);
	const char *p = buf, *end = buf + size;
	while (p < end) {
		struct ag_ev_line l;
		const char *next = ag_ev_scan_line(p, end, &fs, vals, &l);
		CHECK(next > p && next <= end);
		CHECK(l.start == p && l.start + l.len <= end);
		CHECK(l.start + l.len == end || l.start[l.len] == '\n' || l.start[l.len] == '\r');
		if (l.kind == AG_EV_LINE_INVALID) {
			CHECK(l.err != NULL);
			CHECK(l.err_col >= 1 && l.err_col <= (size_t)(next - p) + 1);
		}
		if (l.kind == AG_EV_LINE_OBJECT) {
			for (size_t i = 0; i < fs.n; i++) {
				const struct ag_ev_val *v = &vals[i];
				if (v->type == AG_EV_NONE)
					continue;
				CHECK(v->p >= p && v->p + v->n <= l.start + l.len);
				if (v->type == AG_EV_OBJ)
					CHECK(v->p[0] == '{' && v->p[v->n - 1] == '}');
				if (v->type == AG_EV_ARR)
					CHECK(v->p[0] == '[' && v->p[v->n - 1] == ']');
				if (v->type == AG_EV_STR && scratch) {
					size_t n;
					ag_ev_str(v, scratch, &n);
					CHECK(n <= v->n);
				}
				if (v->type == AG_EV_NUM)
					CHECK(v->n >= 1);
			}
			/* the iterator walks the same object without complaint */
			const char *o = ag_ev_ws(l.start, l.start + l.len);
			struct ag_ev_val ov = {o, (size_t)(l.start + l.len - o), 0, AG_EV_OBJ, false};
			struct ag_ev_iter it;
			struct ag_ev_val k, v;
			ag_ev_iter_init(&it, &ov);
			int r, guard = 0;
			while ((r = ag_ev_iter_next(&it, &k, &v)) == 1)
				CHECK(++guard <= (int)size);
			CHECK(r == 0);
		}
		p = next;
	}
	free(scratch);
	free(buf);
	return 0;
}
