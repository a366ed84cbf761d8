/*
 * events_read.c - records from the bytes of a chunk; see events_read.h.
 *
 * The NDJSON loop is the hot path of every command: scan a line, look at
 * the few container keys the scan extracted anyway, and hand the event to
 * the sink. Containers (OTLP batches, Jaeger and Zipkin documents, arrays)
 * take the slower road through the value iterator and events_rec.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "events_jaeger.h"
#include "events_otlp.h"
#include "events_read.h"

static const char *const key_names[AG_EVR_NKEYS] = {
	[AG_EVR_K_RSPANS] = "resourceSpans", [AG_EVR_K_RSPANS2] = "resource_spans",
	[AG_EVR_K_RLOGS] = "resourceLogs", [AG_EVR_K_RLOGS2] = "resource_logs",
	[AG_EVR_K_RMETRICS] = "resourceMetrics", [AG_EVR_K_RMETRICS2] = "resource_metrics",
	[AG_EVR_K_DATA] = "data", [AG_EVR_K_RESULT] = "result", [AG_EVR_K_SPANS] = "spans",
	[AG_EVR_K_PROCESSES] = "processes", [AG_EVR_K_TRACEID_J] = "traceID",
	[AG_EVR_K_SPANID_J] = "spanID", [AG_EVR_K_TRACEID_Z] = "traceId", [AG_EVR_K_ID] = "id",
	[AG_EVR_K_LOCAL] = "localEndpoint", [AG_EVR_K_REMOTE] = "remoteEndpoint",
};

int ag_evr_keys_add(struct ag_ev_fields *fs, struct ag_evr_keys *k)
{
	for (int i = 0; i < AG_EVR_NKEYS; i++) {
		int f = ag_ev_fields_add(fs, key_names[i], strlen(key_names[i]));
		if (f < 0)
			return AG_ELIMIT;
		k->idx[i] = f;
	}
	return 0;
}

void ag_evr_worker_init(struct ag_evr_worker *w, const struct ag_ev_fields *fs,
			const struct ag_evr_keys *keys)
{
	memset(w, 0, sizeof(*w));
	w->fs = fs;
	w->keys = keys;
	w->set = ~(uint64_t)0;
	ag_buf_init(&w->json);
}

void ag_evr_worker_release(struct ag_evr_worker *w)
{
	ag_buf_release(&w->json);
	free(w->out);
	w->out = NULL;
	free(w->stream);
	w->stream = NULL;
}

static size_t count_nl(const char *p, const char *end)
{
	size_t n = 0;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

struct tramp {
	const struct ag_evr_sink *s;
};

static int to_sink(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		   const struct ag_buf *json)
{
	const struct ag_evr_sink *s = ((struct tramp *)ctx)->s;
	return s->record(s->ctx, vals, rec, json ? json->data : NULL, json ? json->len : 0);
}

static void bad(const struct ag_evr_sink *s, uint64_t line, size_t col, const char *why,
		const char *text, size_t n)
{
	if (s->bad)
		s->bad(s->ctx, line, col, why, text, n);
}

/* The first member named `name` of an object value. */
static bool member(const struct ag_ev_val *obj, const char *name, struct ag_ev_val *out)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, obj);
	while (ag_ev_iter_next(&it, &k, &v) == 1)
		if (ag_evr_key_is(&k, name, NULL)) {
			*out = v;
			return true;
		}
	return false;
}

/* A document's {"name": [objects]}: the array, when that is all there is. */
static bool envelope(const struct ag_ev_val *obj, struct ag_ev_val *arr)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	int n = 0;
	ag_ev_iter_init(&it, obj);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (++n > 1)
			return false;
		*arr = v;
	}
	if (n != 1 || arr->type != AG_EV_ARR)
		return false;
	struct ag_ev_val first;
	ag_ev_iter_init(&it, arr);
	return ag_ev_iter_next(&it, NULL, &first) == 1 && first.type == AG_EV_OBJ;
}

static int elements(struct ag_evr_worker *w, const char *p, size_t n, uint64_t line, bool doc,
		    const struct ag_evr_sink *s);

static const struct ag_evr_rec plain = {.kind = AG_EVR_EVENT, .span_kind = -1, .status = -1};

static struct ag_evr_out *out_for(struct ag_evr_worker *w, const struct ag_evr_sink *s,
				  struct tramp *t)
{
	if (!w->out) {
		if (!(w->out = malloc(sizeof(*w->out))))
			return NULL;
		w->out->map_fs = NULL;
	}
	struct ag_evr_out *o = w->out;
	o->fs = w->fs;
	o->vals = w->vals;
	o->json = s->json ? &w->json : NULL;
	o->fn = to_sink;
	o->ctx = t;
	o->records = 0;
	o->err = NULL;
	t->s = s;
	return o;
}

/* An object (its fields in w->vals): an event, or a container of records. */
static int object(struct ag_evr_worker *w, const char *text, size_t len, uint64_t line, bool doc,
		  const struct ag_evr_sink *s)
{
	const int *k = w->keys->idx;
	const struct ag_ev_val *v = w->vals;
	struct ag_ev_val c[3] = {{0}}, x;
	w->at = line;
	int what = -1; /* OTLP: which lists */
	static const int otlp[3][2] = {{AG_EVR_K_RSPANS, AG_EVR_K_RSPANS2},
				       {AG_EVR_K_RLOGS, AG_EVR_K_RLOGS2},
				       {AG_EVR_K_RMETRICS, AG_EVR_K_RMETRICS2}};
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 2; j++)
			if (v[k[otlp[i][j]]].type == AG_EV_ARR) {
				c[i] = v[k[otlp[i][j]]];
				what = i;
			}
	enum { PLAIN, OTLP, V3, API, TRACE, JSPAN, ZSPAN, ENVELOPE } kind = PLAIN;
	struct ag_ev_val self = {text, len, 0, AG_EV_OBJ, false};
	if (what >= 0) {
		kind = OTLP;
	} else if (v[k[AG_EVR_K_RESULT]].type == AG_EV_OBJ &&
		   member(&v[k[AG_EVR_K_RESULT]], "resourceSpans", &x) && x.type == AG_EV_ARR) {
		kind = V3;
	} else if (v[k[AG_EVR_K_DATA]].type == AG_EV_ARR) {
		struct ag_ev_iter it;
		struct ag_ev_val first, sp;
		ag_ev_iter_init(&it, &v[k[AG_EVR_K_DATA]]);
		if (ag_ev_iter_next(&it, NULL, &first) == 1 && first.type == AG_EV_OBJ &&
		    member(&first, "spans", &sp) && sp.type == AG_EV_ARR) {
			kind = API;
			x = v[k[AG_EVR_K_DATA]];
		}
	} else if (v[k[AG_EVR_K_DATA]].type == AG_EV_OBJ &&
		   member(&v[k[AG_EVR_K_DATA]], "spans", &x) && x.type == AG_EV_ARR) {
		kind = TRACE;
		self = v[k[AG_EVR_K_DATA]];
	}
	if (kind == PLAIN) {
		if (v[k[AG_EVR_K_SPANS]].type == AG_EV_ARR &&
		    (v[k[AG_EVR_K_PROCESSES]].type == AG_EV_OBJ ||
		     v[k[AG_EVR_K_TRACEID_J]].type == AG_EV_STR))
			kind = TRACE;
		else if (v[k[AG_EVR_K_TRACEID_J]].type == AG_EV_STR &&
			 v[k[AG_EVR_K_SPANID_J]].type == AG_EV_STR)
			kind = JSPAN;
		else if (v[k[AG_EVR_K_TRACEID_Z]].type == AG_EV_STR &&
			 v[k[AG_EVR_K_ID]].type == AG_EV_STR &&
			 (v[k[AG_EVR_K_LOCAL]].type == AG_EV_OBJ ||
			  v[k[AG_EVR_K_REMOTE]].type == AG_EV_OBJ))
			kind = ZSPAN;
		else if (doc && envelope(&self, &x))
			kind = ENVELOPE;
	}
	if (kind == PLAIN)
		return s->record(s->ctx, w->vals, &plain, text, len);
	if (kind == ENVELOPE)
		return elements(w, x.p, x.n, line + count_nl(text, x.p), doc, s);
	w->n.containers++;
	ag_ev_scan_forget(); /* the readers fill w->vals themselves */
	struct tramp t;
	struct ag_evr_out *o = out_for(w, s, &t);
	if (!o)
		return AG_ENOMEM;
	int rc = 0;
	switch (kind) {
	case OTLP:
		for (int i = 0; i < 3 && !rc; i++)
			if (c[i].type == AG_EV_ARR)
				rc = ag_otlp_each(o, &c[i], (enum ag_otlp_what)i);
		break;
	case V3:
		rc = ag_otlp_each(o, &x, AG_OTLP_TRACES);
		break;
	case API: {
		struct ag_ev_iter it;
		struct ag_ev_val tr;
		ag_ev_iter_init(&it, &x);
		while (!rc && ag_ev_iter_next(&it, NULL, &tr) == 1)
			if (tr.type == AG_EV_OBJ)
				rc = ag_jaeger_trace(o, &tr);
		break;
	}
	case TRACE:
		rc = ag_jaeger_trace(o, &self);
		break;
	case JSPAN:
		rc = ag_jaeger_span(o, &self, NULL);
		break;
	case ZSPAN:
		rc = ag_zipkin_span(o, &self);
		break;
	default:
		break;
	}
	if (rc == AG_EPARSE) {
		rc = 0;
		w->n.containers--;
		w->n.invalid++;
		bad(s, line, 1, o->err, text, len);
	}
	return rc;
}

/* One value scanned by ag_ev_scan_line or ag_ev_scan_doc. */
static int one(struct ag_evr_worker *w, const struct ag_ev_line *l, uint64_t line, bool doc,
	       const struct ag_evr_sink *s)
{
	switch (l->kind) {
	case AG_EV_LINE_BLANK:
		w->n.blank += !doc;
		return 0;
	case AG_EV_LINE_OTHER:
		w->n.other++;
		bad(s, line, 1, "valid JSON, but not an object", l->start, l->len);
		return 0;
	case AG_EV_LINE_INVALID:
		w->n.invalid++;
		bad(s, line + l->err_line, l->err_col, l->err, l->start, l->len);
		return 0;
	case AG_EV_LINE_ARRAY: {
		/* an array of objects holds records; [1, 2] is one value that is
		 * no event */
		struct ag_ev_val arr = {l->start, l->len, 0, AG_EV_ARR, false}, first;
		struct ag_ev_iter it;
		ag_ev_iter_init(&it, &arr);
		if (ag_ev_iter_next(&it, NULL, &first) == 1 && first.type == AG_EV_OBJ)
			return elements(w, l->start, l->len, line, doc, s);
		w->n.other++;
		bad(s, line, 1, "valid JSON, but not an object", l->start, l->len);
		return 0;
	}
	case AG_EV_LINE_OBJECT:
		break;
	}
	return object(w, l->start, l->len, line, doc, s);
}

/* The elements of the array p..p+n (validated), each a record. */
static int elements(struct ag_evr_worker *w, const char *p, size_t n, uint64_t line, bool doc,
		    const struct ag_evr_sink *s)
{
	const char *q = p + 1, *end = p + n - 1;
	int rc = 0;
	while (q < end && !rc) {
		struct ag_ev_line l;
		const char *from = q;
		q = ag_ev_scan_doc(q, end, w->fs, w->vals, &l);
		if (l.kind == AG_EV_LINE_BLANK)
			break;
		uint64_t at = line + count_nl(p, l.start);
		if (l.kind == AG_EV_LINE_ARRAY) {
			w->n.other++;
			bad(s, at, 1, "an array inside an array, not an event", l.start, l.len);
			continue;
		}
		(void)from;
		rc = one(w, &l, at, doc, s);
	}
	return rc;
}

/* ---- a streamed OTLP document (events_otlp.h, ADR-058) ---- */

/* What lies behind the streaming reader: its lines counted, and, in a
 * file mapping, its pages given back every few MiB (they come back from
 * the page cache if someone looks again: a mapping of a file is never
 * lost, so this is safe whatever a consumer still points at). */
struct behind {
	const char *counted; /* lines counted up to here */
	uint64_t lines;
	const char *dropped; /* pages given back up to here */
	const char *ahead;   /* pages faulted in up to here */
	const char *end;
	uintptr_t page;      /* 0: not a mapping */
};

#define DROP_EVERY ((size_t)8 << 20)

/* Newlines in p..end: sixteen bytes at a time with SSE2 (every x86-64
 * has it), else memchr. */
static uint64_t lines_in(const char *p, const char *end)
{
	uint64_t n = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	while (end - p >= 16) {
		/* up to 255 blocks in byte counters, then summed */
		__m128i acc = zero;
		for (int k = 0; k < 255 && end - p >= 16; k++, p += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, nl));
		}
		__m128i sum = _mm_sad_epu8(acc, zero);
		n += (uint64_t)_mm_cvtsi128_si32(sum) + (uint64_t)_mm_extract_epi16(sum, 4);
	}
#endif
	return n + count_nl(p, end);
}

static void populate(struct behind *b, const char *upto)
{
	if (upto > b->end)
		upto = b->end;
	if (upto <= b->ahead)
		return;
#ifdef MADV_POPULATE_READ
	/* one call instead of a fault every few pages (EINVAL on older
	 * kernels: then the faults) */
	uintptr_t from = (uintptr_t)b->ahead & ~(b->page - 1);
	madvise((void *)from, (uintptr_t)upto - from, MADV_POPULATE_READ);
#endif
	b->ahead = upto;
}

static void behind_at(void *ctx, const char *p)
{
	struct behind *b = ctx;
	if (!b->page || (size_t)(p - b->dropped) < DROP_EVERY)
		return;
	b->lines += lines_in(b->counted, p);
	b->counted = p;
	uintptr_t from = ((uintptr_t)b->dropped + b->page - 1) & ~(b->page - 1);
	uintptr_t to = (uintptr_t)p & ~(b->page - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
	b->dropped = p;
	populate(b, p + 2 * DROP_EVERY);
}

static const char *dws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* The document at `from` (after white space and one comma, as
 * ag_ev_scan_doc() takes them) when ag_otlp_streams() says it is one:
 * read, *line moved past it, and where the next value may start returned;
 * NULL when it is not one. The lines, the record line (w->at), the
 * invalid record of a syntax error and where reading picks up again are
 * ag_ev_scan_doc()'s, so that the rest of the chunk reads the same. */
static const char *streamed(struct ag_evr_worker *w, const char *from, const char *end,
			    uint64_t *line, const struct ag_evr_sink *s, int *rc)
{
	const char *p = dws(from, end);
	if (p < end && *p == ',')
		p = dws(p + 1, end);
	if (!ag_otlp_streams(p, end))
		return NULL;
	uint64_t at = *line + count_nl(from, p);
	w->at = at;
	w->n.containers++;
	ag_ev_scan_forget(); /* the readers fill w->vals themselves */
	struct tramp t;
	struct ag_evr_out *o = out_for(w, s, &t);
	if (!o) {
		*rc = AG_ENOMEM;
		return end;
	}
	struct behind b = {from, 0, p, p, end, 0};
	if (w->mapped) {
		long pg = sysconf(_SC_PAGESIZE);
		b.page = pg > 0 ? (uintptr_t)pg : 4096;
		populate(&b, p + 2 * DROP_EVERY);
	}
	if (!w->stream) {
		if (!(w->stream = malloc(sizeof(*w->stream)))) {
			*rc = AG_ENOMEM;
			return end;
		}
		ag_otlp_stream_init(w->stream);
	}
	struct ag_otlp_stream *st = w->stream;
	st->behind = behind_at;
	st->ctx = &b;
	int r;
	const char *q = ag_otlp_stream(st, o, p, end, &r);
	if (!q && !st->err) {
		*rc = r; /* stopped: the lines up to where it stopped */
		*line += b.lines;
		return end;
	}
	if (q) {
		if (r == AG_EPARSE) {
			w->n.containers--;
			w->n.invalid++;
			bad(s, at, 1, o->err, p, (size_t)(q - p));
		} else if (r) {
			*rc = r;
		}
		/* the rest of the last line, when it is blank, belongs here */
		const char *e = ag_ev_ws(q, end);
		if (e < end && *e == '\n')
			q = e + 1;
		else if (e >= end)
			q = end;
	} else {
		/* broken: one invalid record up to the next line that starts
		 * with '{' or '[' */
		size_t len, eline, ecol;
		q = ag_ev_doc_resync(from, p, st->errp, end, &len, &eline, &ecol);
		w->n.invalid++;
		bad(s, at + eline, ecol, st->err, p, len);
	}
	b.lines += lines_in(b.counted, q);
	*line += b.lines + (q == end && q > from && q[-1] != '\n');
	return q;
}

int ag_evr_chunk(struct ag_evr_worker *w, const char *p, size_t n, bool doc,
		 const struct ag_evr_sink *s, uint64_t *nlines)
{
	const char *end = p + n;
	uint64_t line = 0;
	int rc = 0;
	struct ag_ev_line l;
	w->keymask = 0;
	for (int i = 0; i < AG_EVR_NKEYS; i++)
		w->keymask |= (uint64_t)1 << w->keys->idx[i];
	if (!doc) {
		while (p < end && !rc) {
			p = ag_ev_scan_line(p, end, w->fs, w->vals, &l);
			if (l.kind == AG_EV_LINE_OBJECT) {
				/* the hot path: an event, unless a container key is there */
				w->at = line;
				if (l.set & w->keymask) {
					rc = object(w, l.start, l.len, line, false, s);
				} else {
					w->set = l.set;
					rc = s->record(s->ctx, w->vals, &plain, l.start, l.len);
					w->set = ~(uint64_t)0;
				}
			} else {
				rc = one(w, &l, line, false, s);
			}
			line++;
		}
	} else {
		ag_ev_doc_index(true); /* readers walk each document level by level */
		while (p < end && !rc) {
			const char *from = p;
			const char *q = w->whole ? NULL : streamed(w, from, end, &line, s, &rc);
			if (q) {
				p = q;
				continue;
			}
			p = ag_ev_scan_doc(p, end, w->fs, w->vals, &l);
			uint64_t at = line + (l.kind == AG_EV_LINE_BLANK ? 0 : count_nl(from, l.start));
			rc = one(w, &l, at, true, s);
			line += l.lines;
		}
		ag_ev_doc_index(false);
	}
	*nlines = line;
	w->n.lines += line;
	return rc;
}
