/*
 * fuzz_events_value.c - the JSON value decoder on its own: ag_ev_parse_value,
 * the object/array iterator, string unescaping, numbers and times.
 *
 * Checks: a parsed value ends inside the input and starts with the byte its
 * type implies; a number's value equals strtod's on the same text; every
 * string the iterator yields decodes to no more bytes than it had, into
 * valid positions; time parsing never reads past the text and formats back
 * to 24 characters.
 */
#include <math.h>
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

static void walk(const struct ag_ev_val *v, char *scratch, int depth)
{
	if (depth > AG_EV_MAX_DEPTH + 2)
		return;
	if (v->type == AG_EV_STR) {
		size_t n = ag_ev_unescape(v->p, v->n, scratch);
		CHECK(n <= v->n);
		return;
	}
	if (v->type != AG_EV_OBJ && v->type != AG_EV_ARR)
		return;
	struct ag_ev_iter it;
	struct ag_ev_val k, x;
	ag_ev_iter_init(&it, v);
	while (ag_ev_iter_next(&it, &k, &x) == 1) {
		CHECK(x.p >= v->p && x.p + x.n <= v->p + v->n);
		if (v->type == AG_EV_OBJ)
			walk(&k, scratch, depth + 1);
		walk(&x, scratch, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 18))
		return -1;
	char *buf = malloc(size + 1);
	char *scratch = malloc(size + 1);
	if (!buf || !scratch) {
		free(buf);
		free(scratch);
		return 0;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	struct ag_ev_val v;
	const char *err = NULL, *errp = NULL;
	const char *q = ag_ev_parse_value(buf, buf + size, &v, &err, &errp);
	if (q) {
		CHECK(q > buf && q <= buf + size);
		if (v.type == AG_EV_NUM) {
			/* the fast path agrees with the C library */
			char *tmp = malloc(v.n + 1);
			if (tmp) {
				memcpy(tmp, v.p, v.n);
				tmp[v.n] = '\0';
				double want = strtod(tmp, NULL);
				CHECK(v.num == want || (isnan(v.num) && isnan(want)));
				free(tmp);
			}
		}
		walk(&v, scratch, 0);
	} else {
		CHECK(err != NULL && errp >= buf && errp <= buf + size);
	}
	/* the same bytes as a string body, a number and a time */
	size_t n = ag_ev_unescape(buf, size, scratch);
	CHECK(n <= size);
	struct ag_ev_val s = {buf, size, 0, AG_EV_STR, false};
	double d;
	(void)ag_ev_as_num(&s, &d);
	int64_t ns;
	if (ag_ev_parse_time(buf, size, &ns)) {
		char out[40];
		ag_ev_format_time(ns, out);
		CHECK(strlen(out) == 24);
	}
	free(buf);
	free(scratch);
	return 0;
}
