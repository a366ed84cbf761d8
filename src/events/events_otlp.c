/*
 * events_otlp.c - OTLP/JSON traces, logs and metrics as records; see
 * events_otlp.h.
 *
 * Two readers share the code that turns one span, log record or metric
 * into a record. ag_otlp_each() reads a document the scanner has already
 * validated, with the value iterator: for each resource, its attributes;
 * for each scope, its name; for each span, log record or data point,
 * where its members are (key order is free in JSON, so a record's members
 * are collected before it is emitted). ag_otlp_stream() reads a document
 * from its first byte, validating as it goes, and hands each record on as
 * soon as its object is complete (ADR-058; see "streaming" below).
 */
#include <string.h>
#include "events_otlp.h"

#define K ag_evr_key_is

/* A number as an int: -1 (not a value it can name) outside int's range
 * or for NaN, where the conversion would be undefined. */
static int to_int(double d)
{
	return d > -2147483649.0 && d < 2147483648.0 ? (int)d : -1;
}

static int enum_of(const struct ag_ev_val *v, const char *const *names, int nn)
{
	double d;
	if (v->type == AG_EV_NUM)
		return to_int(v->num);
	if (v->type != AG_EV_STR)
		return -1;
	for (int i = 0; i < nn; i++)
		if (v->n == strlen(names[i]) && !memcmp(v->p, names[i], v->n))
			return i;
	return ag_ev_as_num(v, &d) ? to_int(d) : -1;
}

static const char *const kind_names[] = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL",
					 "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
					 "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
static const char *const status_names[] = {"STATUS_CODE_UNSET", "STATUS_CODE_OK",
					   "STATUS_CODE_ERROR"};

/* The members of spans and log records the readers use, by key. Each
 * has its proto (snake_case) spelling next to it (M_x + 1), except those
 * that are the same in both. */
enum {
	M_TRACE, M_TRACE2, M_SPAN, M_SPAN2, M_PARENT, M_PARENT2, M_START, M_START2, M_END,
	M_END2, M_TIME, M_TIME2, M_OBSERVED, M_OBSERVED2, M_SEVTEXT, M_SEVTEXT2, M_SEVNUM,
	M_SEVNUM2, M_NAME, M_KIND, M_ATTRS, M_FLAGS, M_STATUS, M_BODY, M_COUNT
};
static const char *const member_names[M_COUNT] = {
	"traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id",
	"startTimeUnixNano", "start_time_unix_nano", "endTimeUnixNano", "end_time_unix_nano",
	"timeUnixNano", "time_unix_nano", "observedTimeUnixNano", "observed_time_unix_nano",
	"severityText", "severity_text", "severityNumber", "severity_number", "name", "kind",
	"attributes", "flags", "status", "body"};
#define M_PAIRS M_NAME /* below it: pairs */

/* Which member a key is, or -1. */
static int member_of(const struct ag_ev_val *k)
{
	for (int i = 0; i < M_COUNT; i++)
		if (K(k, member_names[i], NULL))
			return i < M_PAIRS ? i & ~1 : i;
	return -1;
}

static void span_member(struct ag_evr_rec *x, int m, const struct ag_ev_val *vp)
{
	struct ag_ev_val v = *vp;
	switch (m) {
	case M_TRACE:
		x->trace = v;
		break;
	case M_SPAN:
		x->span = v;
		break;
	case M_PARENT:
		x->parent = v;
		break;
	case M_NAME:
		x->name = v;
		break;
	case M_KIND:
		x->span_kind = enum_of(&v, kind_names, 6);
		break;
	case M_START:
		x->has_start = ag_evr_u64(&v, &x->start);
		break;
	case M_END:
		x->has_end = ag_evr_u64(&v, &x->end);
		break;
	case M_ATTRS:
		x->attrs = v;
		break;
	case M_FLAGS:
		x->flags = v;
		break;
	case M_STATUS:
		if (v.type == AG_EV_OBJ) {
			struct ag_ev_iter i2;
			struct ag_ev_val k2, v2;
			ag_ev_iter_init(&i2, &v);
			while (ag_ev_iter_next(&i2, &k2, &v2) == 1) {
				if (K(&k2, "code", NULL))
					x->status = enum_of(&v2, status_names, 3);
				else if (K(&k2, "message", NULL))
					x->status_msg = v2;
			}
		}
		break;
	default:
		break;
	}
}

static void span_members(const struct ag_ev_val *sp, struct ag_evr_rec *x)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, sp);
	while (ag_ev_iter_next(&it, &k, &v) == 1)
		if (!k.esc)
			span_member(x, member_of(&k), &v);
}

struct logt {
	uint64_t observed;
	bool has_observed;
};

static void log_member(struct ag_evr_rec *x, int m, const struct ag_ev_val *vp, struct logt *t)
{
	struct ag_ev_val v = *vp;
	switch (m) {
	case M_TRACE:
		x->trace = v;
		break;
	case M_SPAN:
		x->span = v;
		break;
	case M_TIME:
		x->has_time = ag_evr_u64(&v, &x->time) && x->time;
		break;
	case M_OBSERVED:
		t->has_observed = ag_evr_u64(&v, &t->observed) && t->observed;
		break;
	case M_SEVTEXT:
		x->sevtext = v;
		break;
	case M_SEVNUM: {
		x->sevnum = v;
		double d;
		if (v.type == AG_EV_STR && !ag_ev_as_num(&v, &d)) {
			/* SEVERITY_NUMBER_ERROR and its kin: the number they name */
			static const char *const sev[] = {
				"SEVERITY_NUMBER_UNSPECIFIED", "SEVERITY_NUMBER_TRACE",
				"SEVERITY_NUMBER_TRACE2", "SEVERITY_NUMBER_TRACE3",
				"SEVERITY_NUMBER_TRACE4", "SEVERITY_NUMBER_DEBUG",
				"SEVERITY_NUMBER_DEBUG2", "SEVERITY_NUMBER_DEBUG3",
				"SEVERITY_NUMBER_DEBUG4", "SEVERITY_NUMBER_INFO",
				"SEVERITY_NUMBER_INFO2", "SEVERITY_NUMBER_INFO3",
				"SEVERITY_NUMBER_INFO4", "SEVERITY_NUMBER_WARN",
				"SEVERITY_NUMBER_WARN2", "SEVERITY_NUMBER_WARN3",
				"SEVERITY_NUMBER_WARN4", "SEVERITY_NUMBER_ERROR",
				"SEVERITY_NUMBER_ERROR2", "SEVERITY_NUMBER_ERROR3",
				"SEVERITY_NUMBER_ERROR4", "SEVERITY_NUMBER_FATAL",
				"SEVERITY_NUMBER_FATAL2", "SEVERITY_NUMBER_FATAL3",
				"SEVERITY_NUMBER_FATAL4"};
			static const char digits[] = "0123456789";
			static const char *const two[] = {"10", "11", "12", "13", "14",
							  "15", "16", "17", "18", "19",
							  "20", "21", "22", "23", "24"};
			int i = enum_of(&v, sev, 25);
			if (i >= 0 && i < 10)
				x->sevnum = (struct ag_ev_val){digits + i, 1, i, AG_EV_NUM, false};
			else if (i >= 10 && i < 25)
				x->sevnum = (struct ag_ev_val){two[i - 10], 2, i, AG_EV_NUM, false};
		}
		break;
	}
	case M_BODY:
		x->body = v;
		break;
	case M_ATTRS:
		x->attrs = v;
		break;
	case M_FLAGS:
		x->flags = v;
		break;
	default:
		break;
	}
}

static void log_done(struct ag_evr_rec *x, const struct logt *t)
{
	if (!x->has_time && t->has_observed) {
		x->time = t->observed;
		x->has_time = true;
	}
}

static void log_members(const struct ag_ev_val *lr, struct ag_evr_rec *x)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	struct logt t = {0, false};
	ag_ev_iter_init(&it, lr);
	while (ag_ev_iter_next(&it, &k, &v) == 1)
		if (!k.esc)
			log_member(x, member_of(&k), &v, &t);
	log_done(x, &t);
}

static int points(struct ag_evr_out *o, struct ag_evr_rec *base, const struct ag_ev_val *body,
		  const char *type)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v, pts = {0};
	ag_ev_iter_init(&it, body);
	while (ag_ev_iter_next(&it, &k, &v) == 1)
		if (K(&k, "dataPoints", "data_points"))
			pts = v;
	if (pts.type != AG_EV_ARR)
		return 0;
	struct ag_ev_iter pi;
	struct ag_ev_val dp;
	ag_ev_iter_init(&pi, &pts);
	while (ag_ev_iter_next(&pi, NULL, &dp) == 1) {
		if (dp.type != AG_EV_OBJ)
			continue;
		struct ag_evr_rec x = *base;
		x.mtype = (struct ag_ev_val){type, strlen(type), 0, AG_EV_STR, false};
		ag_ev_iter_init(&it, &dp);
		while (ag_ev_iter_next(&it, &k, &v) == 1) {
			if (k.esc)
				continue;
			if (K(&k, "asDouble", "as_double") || K(&k, "asInt", "as_int")) {
				double d;
				x.value = v;
				if (ag_ev_as_num(&v, &d)) {
					x.value.type = AG_EV_NUM;
					x.value.num = d;
				}
			} else if (K(&k, "count", NULL) || K(&k, "sum", NULL) || K(&k, "min", NULL) ||
				   K(&k, "max", NULL)) {
				struct ag_ev_val *t = K(&k, "count", NULL) ? &x.count
						      : K(&k, "sum", NULL) ? &x.sum
						      : K(&k, "min", NULL) ? &x.min : &x.max;
				double d;
				*t = v;
				if (ag_ev_as_num(&v, &d)) {
					t->type = AG_EV_NUM;
					t->num = d;
				}
			} else if (K(&k, "timeUnixNano", "time_unix_nano")) {
				x.has_time = ag_evr_u64(&v, &x.time);
			} else if (K(&k, "startTimeUnixNano", "start_time_unix_nano")) {
				x.has_start = ag_evr_u64(&v, &x.start);
			} else if (K(&k, "attributes", NULL)) {
				x.attrs = v;
			} else if (K(&k, "flags", NULL)) {
				x.flags = v;
			}
		}
		int rc = ag_evr_emit(o, &x);
		if (rc)
			return rc;
	}
	return 0;
}

static int metric(struct ag_evr_out *o, struct ag_evr_rec *base, const struct ag_ev_val *m)
{
	static const struct {
		const char *key, *alt, *type;
	} kinds[] = {{"gauge", NULL, "gauge"}, {"sum", NULL, "sum"},
		     {"histogram", NULL, "histogram"},
		     {"exponentialHistogram", "exponential_histogram", "exponential_histogram"},
		     {"summary", NULL, "summary"}};
	struct ag_evr_rec x = *base;
	struct ag_ev_val bodies[5] = {{0}}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, m);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (K(&k, "name", NULL))
			x.metric = v;
		else if (K(&k, "unit", NULL))
			x.unit = v;
		for (int i = 0; i < 5; i++)
			if (K(&k, kinds[i].key, kinds[i].alt) && v.type == AG_EV_OBJ)
				bodies[i] = v;
	}
	for (int i = 0; i < 5; i++) {
		if (bodies[i].type != AG_EV_OBJ)
			continue;
		int rc = points(o, &x, &bodies[i], kinds[i].type);
		if (rc)
			return rc;
	}
	return 0;
}

static void scope_member(struct ag_evr_rec *base, const struct ag_ev_val *v)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v2;
	ag_ev_iter_init(&it, v);
	while (ag_ev_iter_next(&it, &k, &v2) == 1)
		if (K(&k, "name", NULL))
			base->scope = v2;
}

static bool is_scope(const struct ag_ev_val *k)
{
	return K(k, "scope", NULL) || K(k, "instrumentationLibrary", "instrumentation_library");
}

static bool is_records(const struct ag_ev_val *k, enum ag_otlp_what what)
{
	return what == AG_OTLP_TRACES ? K(k, "spans", NULL)
	       : what == AG_OTLP_LOGS ? K(k, "logRecords", "log_records")
				      : K(k, "metrics", NULL);
}

/* One span, log record or metric (sp, an object) of a scope. */
static int record(struct ag_evr_out *o, const struct ag_evr_rec *base, const struct ag_ev_val *sp,
		  enum ag_otlp_what what)
{
	struct ag_evr_rec x = *base;
	if (what == AG_OTLP_METRICS)
		return metric(o, &x, sp);
	if (what == AG_OTLP_TRACES)
		span_members(sp, &x);
	else
		log_members(sp, &x);
	return ag_evr_emit(o, &x);
}

/* The records of one scope (scopeSpans/scopeLogs/scopeMetrics element). */
static int scope(struct ag_evr_out *o, struct ag_evr_rec *base, const struct ag_ev_val *ss,
		 enum ag_otlp_what what)
{
	struct ag_ev_val recs = {0}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, ss);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (is_scope(&k) && v.type == AG_EV_OBJ)
			scope_member(base, &v);
		else if (is_records(&k, what))
			recs = v;
	}
	if (recs.type != AG_EV_ARR)
		return 0;
	struct ag_ev_iter pi;
	struct ag_ev_val sp;
	ag_ev_iter_init(&pi, &recs);
	while (ag_ev_iter_next(&pi, NULL, &sp) == 1) {
		if (sp.type != AG_EV_OBJ)
			continue;
		int rc = record(o, base, &sp, what);
		if (rc)
			return rc;
	}
	return 0;
}

static void resource_member(struct ag_evr_rec *base, const struct ag_ev_val *v)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v2;
	ag_ev_iter_init(&it, v);
	while (ag_ev_iter_next(&it, &k, &v2) == 1)
		if (K(&k, "attributes", NULL))
			base->res_attrs = v2;
}

static bool is_scopes(const struct ag_ev_val *k, enum ag_otlp_what what)
{
	return what == AG_OTLP_TRACES
		       ? (K(k, "scopeSpans", "scope_spans") ||
			  K(k, "instrumentationLibrarySpans", "instrumentation_library_spans"))
	       : what == AG_OTLP_LOGS
		       ? (K(k, "scopeLogs", "scope_logs") ||
			  K(k, "instrumentationLibraryLogs", "instrumentation_library_logs"))
		       : (K(k, "scopeMetrics", "scope_metrics") ||
			  K(k, "instrumentationLibraryMetrics", "instrumentation_library_metrics"));
}

static void base_init(struct ag_evr_rec *base, enum ag_otlp_what what)
{
	ag_evr_rec_init(base, what == AG_OTLP_TRACES ? AG_EVR_SPAN
			      : what == AG_OTLP_LOGS ? AG_EVR_LOG : AG_EVR_METRIC);
}

/* A resource's record base once its members are known. */
static void base_done(struct ag_evr_rec *base)
{
	base->res_style = AG_EVR_OTLP;
	base->style = AG_EVR_OTLP;
	ag_evr_find_attr(&base->res_attrs, AG_EVR_OTLP, "service.name", 12, &base->service);
}

/* One element of the resource list, an object. */
static int resource(struct ag_evr_out *o, const struct ag_ev_val *rs, enum ag_otlp_what what)
{
	struct ag_evr_rec base;
	base_init(&base, what);
	struct ag_ev_val scopes = {0}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, rs);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (K(&k, "resource", NULL) && v.type == AG_EV_OBJ)
			resource_member(&base, &v);
		else if (is_scopes(&k, what))
			scopes = v;
	}
	base_done(&base);
	if (scopes.type == AG_EV_NONE)
		return 0;
	if (scopes.type != AG_EV_ARR) {
		o->err = "the scope list of a resource is not an array";
		return AG_EPARSE;
	}
	struct ag_ev_iter si;
	struct ag_ev_val ss;
	ag_ev_iter_init(&si, &scopes);
	while (ag_ev_iter_next(&si, NULL, &ss) == 1) {
		if (ss.type != AG_EV_OBJ)
			continue;
		struct ag_evr_rec sb = base;
		int rc = scope(o, &sb, &ss, what);
		if (rc)
			return rc;
	}
	return 0;
}

int ag_otlp_each(struct ag_evr_out *o, const struct ag_ev_val *arr, enum ag_otlp_what what)
{
	if (arr->type != AG_EV_ARR) {
		o->err = what == AG_OTLP_TRACES ? "resourceSpans is not an array"
			 : what == AG_OTLP_LOGS ? "resourceLogs is not an array"
						: "resourceMetrics is not an array";
		return AG_EPARSE;
	}
	struct ag_ev_iter ri;
	struct ag_ev_val rs;
	ag_ev_iter_init(&ri, arr);
	while (ag_ev_iter_next(&ri, NULL, &rs) == 1) {
		if (rs.type != AG_EV_OBJ) {
			o->err = "an element of the resource list is not an object";
			return AG_EPARSE;
		}
		int rc = resource(o, &rs, what);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- streaming ------------------------------------------------------------
 *
 * The outer levels of the document (the top-level object, the resource
 * list, each resource, its scope list, each scope, its record list) are
 * walked here, byte by byte, with the scanner's own grammar and messages;
 * each span and log record is scanned by ag_ev_scan_obj_in(), which
 * validates it and finds its members in one pass, and each metric and
 * resource or scope header ("resource", "scope") is parsed whole by
 * ag_ev_parse_value_in(); all are then read by the same per-member code as
 * above. Nothing is kept from one record to the next but the
 * record base (the resource's attributes, the scope's name), so what a
 * reader holds is one record. A container whose header comes after its
 * list, or is missing, is parsed whole and read by the code above instead:
 * the same answer, the memory of that container. */

struct st {
	struct ag_otlp_stream *s;
	struct ag_evr_out *o;
	const char *end;
	enum ag_otlp_what what;
	int rc;    /* the callback's non-zero value or AG_ENOMEM: stop */
	bool stop; /* a structure error (o->err): no record after it */
};

static inline const char *dws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

static const char *fail(struct st *t, const char *at, const char *msg)
{
	if (!t->s->err) {
		t->s->err = msg;
		t->s->errp = at;
	}
	return NULL;
}

/* A value at p (not white space), a member of a container `depth` levels
 * down; v may be NULL. */
static const char *val(struct st *t, const char *p, int depth, struct ag_ev_val *v)
{
	const char *err = NULL, *errp = NULL;
	const char *q = ag_ev_parse_value_in(p, t->end, depth, v, &err, &errp);
	return q ? q : fail(t, errp ? errp : p, err ? err : "unexpected character");
}

/* p at '{' or '[': past it and the white space after it; 0 when the
 * container is empty (p past its end), 1 when a member follows. */
static int enter(struct st *t, const char **p, char close)
{
	*p = dws(*p + 1, t->end);
	if (*p < t->end && **p == close) {
		(*p)++;
		return 0;
	}
	return 1;
}

/* After a member: 1 with *p at the next one, 0 past the closing bracket,
 * -1 on an error (as the scanner's after_member). */
static int after(struct st *t, const char **p, char close)
{
	const char *q = dws(*p, t->end);
	if (q < t->end && *q == ',') {
		*p = dws(q + 1, t->end);
		return 1;
	}
	if (q < t->end && *q == close) {
		*p = q + 1;
		return 0;
	}
	bool obj = close == '}';
	fail(t, q,
	     q < t->end ? (obj ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
			: (obj ? "unterminated object" : "unterminated array"));
	return -1;
}

/* A member's key at p: the key in *k, and p at its value. */
static const char *member_key(struct st *t, const char *p, int depth, struct ag_ev_val *k)
{
	if (p >= t->end || *p != '"')
		return fail(t, p, p < t->end ? "expected a string key" : "unterminated object");
	if (!(p = val(t, p, depth, k)))
		return NULL;
	if (p < t->end && *p == ':') {
		p++;
	} else {
		p = dws(p, t->end);
		if (p >= t->end || *p != ':')
			return fail(t, p, "expected ':' after a key");
		p++;
	}
	p = dws(p, t->end);
	return p < t->end ? p : fail(t, p, "expected a value");
}

/* An element of an array at p: not the end. */
static const char *element(struct st *t, const char *p)
{
	return p < t->end ? p : fail(t, p, "unterminated array");
}

static bool keep_on(struct st *t, int rc)
{
	if (rc == AG_EPARSE)
		t->stop = true;
	else if (rc)
		t->rc = rc;
	return !t->rc;
}

/* A span or log record at p ('{'), a member of a record list (depth 6),
 * validated with its members found (s->vals). */
static const char *scanned(struct st *t, const char *p, struct ag_ev_val *v)
{
	const char *err = NULL, *errp = NULL;
	const char *q = ag_ev_scan_obj_in(p, t->end, 6, &t->s->fs, t->s->vals, &err, &errp);
	if (!q)
		return fail(t, errp ? errp : p, err ? err : "unexpected character");
	*v = (struct ag_ev_val){p, (size_t)(q - p), 0, AG_EV_OBJ, false};
	return q;
}

/* The record `scanned` found: its members from the scan, as span_members()
 * and log_members() would read them. Not when a key was written both ways
 * (traceId and trace_id: the last counts, which the scan does not tell) or
 * the record holds a backslash (an escaped key, which the readers skip and
 * the scan decodes): then those read it. */
static int fused(struct st *t, const struct ag_evr_rec *base, const struct ag_ev_val *rv)
{
	const struct ag_ev_val *f = t->s->vals;
	struct ag_evr_rec x = *base;
	bool plain = !memchr(rv->p, '\\', rv->n);
	for (int i = 0; plain && i < M_PAIRS; i += 2)
		plain = f[i].type == AG_EV_NONE || f[i + 1].type == AG_EV_NONE;
	if (t->what == AG_OTLP_TRACES) {
		if (!plain) {
			span_members(rv, &x);
		} else {
			for (int i = 0; i < M_COUNT; i++)
				if (f[i].type != AG_EV_NONE)
					span_member(&x, i < M_PAIRS ? i & ~1 : i, &f[i]);
		}
	} else if (!plain) {
		log_members(rv, &x);
	} else {
		struct logt lt = {0, false};
		for (int i = 0; i < M_COUNT; i++)
			if (f[i].type != AG_EV_NONE)
				log_member(&x, i < M_PAIRS ? i & ~1 : i, &f[i], &lt);
		log_done(&x, &lt);
	}
	return ag_evr_emit(t->o, &x);
}

/* A scope at p ('{'), of the resource whose base is `base`; depth 5. */
static const char *scope_at(struct st *t, const char *p, const struct ag_evr_rec *base)
{
	const char *start = p;
	struct ag_evr_rec sb = *base;
	bool seen = false, streamed = false;
	int more = enter(t, &p, '}');
	while (more > 0) {
		struct ag_ev_val k, v;
		if (!(p = member_key(t, p, 5, &k)))
			return NULL;
		if (is_records(&k, t->what) && (streamed || (seen && *p == '['))) {
			streamed = true;
			if (*p != '[') {
				p = val(t, p, 5, NULL);
			} else if (enter(t, &p, ']')) {
				for (;;) {
					if (!(p = element(t, p)))
						return NULL;
					if (t->what != AG_OTLP_METRICS && *p == '{') {
						if (!(p = scanned(t, p, &v)))
							return NULL;
						if (!t->stop && !keep_on(t, fused(t, &sb, &v)))
							return NULL;
					} else {
						if (!(p = val(t, p, 6, &v)))
							return NULL;
						if (v.type == AG_EV_OBJ && !t->stop &&
						    !keep_on(t, record(t->o, &sb, &v, t->what)))
							return NULL;
					}
					if (t->s->behind)
						t->s->behind(t->s->ctx, p);
					int m = after(t, &p, ']');
					if (m < 0)
						return NULL;
					if (!m)
						break;
				}
			}
		} else if (is_records(&k, t->what)) {
			/* the records before the scope that names them (or with
			 * none): this scope whole */
			struct ag_ev_val ss;
			if (!(p = val(t, start, 4, &ss)))
				return NULL;
			struct ag_evr_rec b2 = *base;
			if (!t->stop && !keep_on(t, scope(t->o, &b2, &ss, t->what)))
				return NULL;
			return p;
		} else if (is_scope(&k)) {
			if ((p = val(t, p, 5, &v)) && v.type == AG_EV_OBJ) {
				scope_member(&sb, &v);
				seen = true;
			}
		} else {
			p = val(t, p, 5, NULL);
		}
		if (!p)
			return NULL;
		more = after(t, &p, '}');
	}
	return more < 0 ? NULL : p;
}

/* A resource at p ('{'); depth 3. */
static const char *resource_at(struct st *t, const char *p)
{
	const char *start = p;
	struct ag_evr_rec base;
	base_init(&base, t->what);
	bool seen = false, streamed = false;
	int more = enter(t, &p, '}');
	while (more > 0) {
		struct ag_ev_val k, v;
		if (!(p = member_key(t, p, 3, &k)))
			return NULL;
		if (is_scopes(&k, t->what) && (streamed || (seen && *p == '['))) {
			if (!streamed) {
				base_done(&base);
				ag_evr_resolve_res(&base, t->o->fs, &t->s->res);
			}
			streamed = true;
			if (*p != '[') {
				p = val(t, p, 3, NULL);
			} else if (enter(t, &p, ']')) {
				for (;;) {
					if (!(p = element(t, p)))
						return NULL;
					p = *p == '{' ? scope_at(t, p, &base) : val(t, p, 4, NULL);
					if (!p)
						return NULL;
					int m = after(t, &p, ']');
					if (m < 0)
						return NULL;
					if (!m)
						break;
				}
			}
		} else if (is_scopes(&k, t->what)) {
			/* the scopes before the resource (or with none): whole */
			struct ag_ev_val rs;
			if (!(p = val(t, start, 2, &rs)))
				return NULL;
			if (!t->stop && !keep_on(t, resource(t->o, &rs, t->what)))
				return NULL;
			return p;
		} else if (K(&k, "resource", NULL)) {
			if ((p = val(t, p, 3, &v)) && v.type == AG_EV_OBJ) {
				resource_member(&base, &v);
				seen = true;
				if (streamed) { /* a second one: for the scopes after it */
					base_done(&base);
					ag_evr_resolve_res(&base, t->o->fs, &t->s->res);
				}
			}
		} else {
			p = val(t, p, 3, NULL);
		}
		if (!p)
			return NULL;
		more = after(t, &p, '}');
	}
	return more < 0 ? NULL : p;
}

/* The resource list at p ('['); depth 2. */
static const char *resources_at(struct st *t, const char *p)
{
	if (!enter(t, &p, ']'))
		return p;
	for (;;) {
		if (!(p = element(t, p)))
			return NULL;
		if (*p == '{' && !t->stop) {
			p = resource_at(t, p);
		} else {
			if (!t->stop) {
				t->o->err = "an element of the resource list is not an object";
				t->stop = true;
			}
			p = val(t, p, 2, NULL);
		}
		if (!p)
			return NULL;
		int m = after(t, &p, ']');
		if (m < 0)
			return NULL;
		if (!m)
			return p;
	}
}

/* Which list a top-level key names, or -1. */
static int list_of(const struct ag_ev_val *k)
{
	if (K(k, "resourceSpans", "resource_spans"))
		return AG_OTLP_TRACES;
	if (K(k, "resourceLogs", "resource_logs"))
		return AG_OTLP_LOGS;
	if (K(k, "resourceMetrics", "resource_metrics"))
		return AG_OTLP_METRICS;
	return -1;
}

void ag_otlp_stream_init(struct ag_otlp_stream *s)
{
	memset(s, 0, sizeof(*s));
	ag_ev_fields_init(&s->fs);
	for (int i = 0; i < M_COUNT; i++)
		ag_ev_fields_add(&s->fs, member_names[i], strlen(member_names[i]));
}

bool ag_otlp_streams(const char *p, const char *end)
{
	struct ag_otlp_stream s; /* err and errp only */
	s.err = s.errp = NULL;
	struct st t = {&s, NULL, end, AG_OTLP_TRACES, 0, false};
	struct ag_ev_val k;
	if (p >= end || *p != '{' || !enter(&t, &p, '}') || !(p = member_key(&t, p, 1, &k)))
		return false;
	return !k.esc && list_of(&k) >= 0 && *p == '[';
}

const char *ag_otlp_stream(struct ag_otlp_stream *s, struct ag_evr_out *o, const char *p,
			   const char *end, int *rc)
{
	struct st t = {s, o, end, AG_OTLP_TRACES, 0, false};
	s->err = s->errp = NULL;
	*rc = 0;
	int more = enter(&t, &p, '}');
	while (more > 0) {
		struct ag_ev_val k;
		if (!(p = member_key(&t, p, 1, &k)))
			break;
		int what = k.esc ? -1 : list_of(&k);
		if (what >= 0 && *p == '[') {
			t.what = (enum ag_otlp_what)what;
			p = resources_at(&t, p);
		} else {
			p = val(&t, p, 1, NULL);
		}
		if (!p)
			break;
		more = after(&t, &p, '}');
		if (more < 0)
			p = NULL;
	}
	*rc = t.rc ? t.rc : t.stop ? AG_EPARSE : 0;
	return p;
}
