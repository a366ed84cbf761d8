/*
 * fuzz_events_otlp.c - the OTLP/JSON reader on arbitrary lines: the line is
 * scanned as the engine does; when it has resourceSpans or resourceLogs,
 * ag_otlp_each() reads it, once extracting fields and once rendering each
 * record as flat JSON.
 *
 * Checks: AG_EPARSE comes with a message; every extracted value lies in
 * the line or in the scratch area; every rendered record is itself a valid
 * one-line JSON object that the scanner accepts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events/events_otlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                  \
	do {                                                                      \
		if (!(c)) {                                                       \
			fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, \
				__LINE__, #c);                                    \
			abort();                                                  \
		}                                                                 \
	} while (0)

static const char *const names[] = {"trace_id", "span_id", "parent_span_id", "service",
				    "name", "duration_ms", "status.code", "start", "timestamp",
				    "level", "body", "user_id", "host.name"};

struct ctx {
	const char *line, *lend, *scr, *send;
	size_t n;
};

static bool inside(const struct ctx *c, const struct ag_ev_val *v)
{
	/* in the line, in the scratch, or a one-byte enum digit or "null"
	 * literal the reader supplies itself */
	return (v->p >= c->line && v->p + v->n <= c->lend) ||
	       (v->p >= c->scr && v->p + v->n <= c->send) || v->n <= 1 ||
	       v->type == AG_EV_NULL;
}

static int on_rec(void *arg, const struct ag_ev_val *vals, const struct ag_buf *json)
{
	struct ctx *c = arg;
	for (size_t i = 0; i < c->n; i++)
		if (vals[i].type != AG_EV_NONE)
			CHECK(inside(c, &vals[i]));
	if (json) {
		CHECK(json->len >= 2 && json->data[0] == '{' && !memchr(json->data, '\n', json->len));
		struct ag_ev_fields none;
		ag_ev_fields_init(&none);
		struct ag_ev_val v[1];
		struct ag_ev_line l;
		ag_ev_scan_line(json->data, json->data + json->len, &none, v, &l);
		if (l.kind != AG_EV_LINE_OBJECT)
			fprintf(stderr, "rendered: %.*s\n", (int)json->len, json->data);
		CHECK(l.kind == AG_EV_LINE_OBJECT);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 18) || memchr(data, '\n', size))
		return -1;
	char *line = malloc(size ? size : 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	size_t nn = sizeof(names) / sizeof(names[0]);
	for (size_t i = 0; i < nn; i++)
		ag_ev_fields_add(&fs, names[i], strlen(names[i]));
	int spans = ag_ev_fields_add(&fs, AG_OTLP_SPANS_KEY, strlen(AG_OTLP_SPANS_KEY));
	int logs = ag_ev_fields_add(&fs, AG_OTLP_LOGS_KEY, strlen(AG_OTLP_LOGS_KEY));
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	struct ag_ev_line l;
	ag_ev_scan_line(line, line + size, &fs, vals, &l);
	if (l.kind == AG_EV_LINE_OBJECT) {
		for (int k = 0; k < 2; k++) {
			const struct ag_ev_val *arr = &vals[k ? logs : spans];
			if (arr->type == AG_EV_NONE)
				continue;
			size_t ss = ag_otlp_scratch_size(l.len);
			char *scr = malloc(ss);
			if (!scr)
				break;
			struct ag_ev_fields f = fs;
			f.n = nn;
			struct ag_ev_val ov[AG_EV_MAX_FIELDS];
			struct ctx c = {line, line + size, scr, scr + ss, nn};
			for (int pass = 0; pass < 2; pass++) {
				struct ag_buf json = AG_BUF_INIT;
				struct ag_otlp_reader r = {&f, ov, scr, pass ? &json : NULL, on_rec, &c,
							   0, NULL};
				int rc = ag_otlp_each(&r, arr, k == 1);
				CHECK(rc == 0 || rc == AG_ENOMEM || (rc == AG_EPARSE && r.err));
				ag_buf_release(&json);
			}
			free(scr);
		}
	}
	free(line);
	return 0;
}
