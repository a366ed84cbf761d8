/*
 * fuzz_events_read.h - the harness of the record readers' fuzz targets
 * (fuzz_events_otlp, _doc, _jaeger, _zipkin, _metrics): the input goes
 * through events_read.h exactly as a command reads a chunk, in line mode
 * and in document mode, once extracting fields and once rendering every
 * converted record as flat JSON. The targets differ by their seeds and the
 * wrapper they put around the input (FUZZ_WRAP_HEAD/TAIL), which steers
 * libFuzzer into one format's reader.
 *
 * Checks: every value handed to the sink lies in the input or the
 * emitter's scratch (or is a literal the readers supply); every rendered
 * record is itself one valid JSON object on one line; a bad record comes
 * with a message and a 1-based column.
 */
#ifndef FUZZ_EVENTS_READ_H
#define FUZZ_EVENTS_READ_H

#include <string.h>
#include "events/events_read.h"
#include "fuzz_common.h"

static const char *const fuzz_names[] = {
	"trace_id", "span_id", "parent_span_id", "service", "name", "duration_ms", "status.code",
	"start", "timestamp", "level", "body", "user_id", "host.name", "metric", "value", "kind",
	"peer.service", "count", "type"};

struct fuzz_ctx {
	const char *in, *iend;
	const struct ag_evr_worker *w;
	size_t n;
};

static bool fuzz_inside(const struct fuzz_ctx *c, const struct ag_ev_val *v)
{
	const struct ag_evr_out *o = c->w->out;
	if (v->p >= c->in && v->p + v->n <= c->iend)
		return true;
	if (o && v->p >= o->scratch && v->p + v->n <= o->scratch + sizeof(o->scratch))
		return true;
	return v->n <= 1 || v->type == AG_EV_NULL || v->type == AG_EV_TRUE ||
	       v->type == AG_EV_FALSE || v->type == AG_EV_STR /* the metric type names */;
}

static int fuzz_rec(void *arg, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		    const char *text, size_t n)
{
	struct fuzz_ctx *c = arg;
	for (size_t i = 0; i < c->n; i++)
		if (vals[i].type != AG_EV_NONE)
			FUZZ_CHECK(fuzz_inside(c, &vals[i]));
	if (rec->kind != AG_EVR_EVENT && text) {
		FUZZ_CHECK(n >= 2 && text[0] == '{' && !memchr(text, '\n', n));
		struct ag_ev_fields none;
		ag_ev_fields_init(&none);
		struct ag_ev_val v[1];
		struct ag_ev_line l;
		ag_ev_scan_line(text, text + n, &none, v, &l);
		FUZZ_CHECK(l.kind == AG_EV_LINE_OBJECT);
	}
	return 0;
}

static void fuzz_bad(void *arg, uint64_t line, size_t col, const char *why, const char *text,
		     size_t n)
{
	(void)arg;
	(void)line;
	(void)text;
	(void)n;
	FUZZ_CHECK(why && col >= 1);
}

static int fuzz_read(const uint8_t *data, size_t size, const char *head, const char *tail)
{
	if (size > (1 << 18))
		return -1;
	size_t hn = strlen(head), tn = strlen(tail);
	char *in = malloc(hn + size + tn + 1);
	if (!in)
		return 0;
	memcpy(in, head, hn);
	memcpy(in + hn, data, size);
	memcpy(in + hn + size, tail, tn);
	size_t n = hn + size + tn;
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	size_t nn = sizeof(fuzz_names) / sizeof(fuzz_names[0]);
	for (size_t i = 0; i < nn; i++)
		ag_ev_fields_add(&fs, fuzz_names[i], strlen(fuzz_names[i]));
	struct ag_evr_keys keys;
	FUZZ_CHECK(ag_evr_keys_add(&fs, &keys) == 0);
	static struct ag_evr_worker w;
	for (int doc = 0; doc < 2; doc++)
		for (int json = 0; json < 2; json++) {
			ag_evr_worker_init(&w, &fs, &keys);
			struct fuzz_ctx c = {in, in + n, &w, nn};
			struct ag_evr_sink s = {fuzz_rec, fuzz_bad, &c, json};
			uint64_t lines;
			int rc = ag_evr_chunk(&w, in, n, doc, &s, &lines);
			FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
			ag_evr_worker_release(&w);
		}
	free(in);
	return 0;
}

#endif
