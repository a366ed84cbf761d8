/*
 * fuzz_events_query.c - the query parser on arbitrary text, and the parsed
 * query evaluated on a fixed event.
 *
 * Checks: a failed parse leaves exactly one error diagnostic with a column
 * inside the text (+1 for "at the end"); a successful one has aggregates
 * with names, field indices inside the field set, and evaluates without
 * crashing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events/events_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                  \
	do {                                                                      \
		if (!(c)) {                                                       \
			fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, \
				__LINE__, #c);                                    \
			abort();                                                  \
		}                                                                 \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096 || memchr(data, '\0', size))
		return -1;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct ag_evq q;
	struct ag_diags d;
	ag_evq_init(&q);
	ag_diags_init(&d);
	int rc = ag_evq_parse(&q, text, &d);
	if (rc) {
		CHECK(rc == AG_EPARSE || rc == AG_ELIMIT || rc == AG_ENOMEM);
		if (rc != AG_ENOMEM) {
			CHECK(d.n == 1);
			CHECK(d.v[0].col >= 1 && (size_t)d.v[0].col <= size + 1);
		}
	} else {
		CHECK(ag_evq_set_errors(&q, AG_EVQ_DEFAULT_ERRORS, &d) == 0 || q.fields.n > 40);
		for (size_t i = 0; i < q.naggs; i++) {
			CHECK(q.aggs[i].name != NULL);
			CHECK(q.aggs[i].field < (int)q.fields.n);
		}
		for (size_t i = 0; i < q.nkeys; i++)
			CHECK(q.keys[i].field >= 0 && q.keys[i].field < (int)q.fields.n);
		const char *ev = "{\"service\":\"a\\u00e9\",\"duration_ms\":12.5,\"level\":\"ERROR\","
				 "\"n\":null,\"t\":true,\"o\":{\"k\":[1,2]},\"s\":\"500\"}";
		struct ag_ev_val vals[AG_EV_MAX_FIELDS];
		struct ag_ev_line l;
		ag_ev_scan_line(ev, ev + strlen(ev), &q.fields, vals, &l);
		CHECK(l.kind == AG_EV_LINE_OBJECT);
		struct ag_evq_scratch s = {0};
		if (!ag_evq_scratch_fit(&s, strlen(ev))) {
			(void)ag_evq_match(q.where, vals, &s);
			(void)ag_evq_match(q.errors, vals, &s);
			(void)ag_evq_in_range(&q, vals);
		}
		ag_evq_scratch_release(&s);
	}
	ag_diags_release(&d);
	ag_evq_release(&q);
	free(text);
	return 0;
}
