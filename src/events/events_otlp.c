/*
 * events_otlp.c - OTLP/JSON traces and logs as flat events; see
 * events_otlp.h.
 *
 * The scanner has already validated the line, so this walks the request
 * with the value iterator: for each resource, find its service.name; for
 * each span, note where its members are (key order is free in JSON, so a
 * span's members are collected before any field is filled), then fill the
 * fields the query asked for. Synthesised values (lowercased ids,
 * durations) are written to the caller's scratch, which is sized from the
 * line length, so nothing is allocated per span.
 */
#include <stdio.h>
#include <string.h>
#include "events_otlp.h"

enum builtin {
	B_NONE, B_TRACE, B_SPAN, B_PARENT, B_SERVICE, B_NAME, B_EVENT, B_KIND, B_START, B_END,
	B_DURATION, B_STATUS_CODE, B_STATUS_MSG, B_SCOPE, B_TIMESTAMP, B_SEVERITY, B_LEVEL,
	B_SEVNUM, B_BODY, B_FLAGS,
};

static const struct {
	const char *name;
	enum builtin b;
} builtins[] = {
	{"trace_id", B_TRACE}, {"span_id", B_SPAN}, {"parent_span_id", B_PARENT},
	{"service", B_SERVICE}, {"name", B_NAME}, {"event", B_EVENT}, {"kind", B_KIND},
	{"start", B_START}, {"end", B_END}, {"duration_ms", B_DURATION},
	{"status.code", B_STATUS_CODE}, {"status.message", B_STATUS_MSG},
	{"scope.name", B_SCOPE}, {"timestamp", B_TIMESTAMP}, {"severity", B_SEVERITY},
	{"level", B_LEVEL}, {"severity_number", B_SEVNUM}, {"body", B_BODY},
	{"flags", B_FLAGS},
};

struct rec {
	/* spans */
	struct ag_ev_val trace, span, parent, name, kind, start, end, attrs, status, flags;
	/* logs */
	struct ag_ev_val time, observed, sevtext, sevnum, body;
};

struct res_ctx {
	struct ag_ev_val service, attrs, scope_name;
	bool has_service;
};

size_t ag_otlp_scratch_size(size_t len)
{
	return len + AG_EV_MAX_FIELDS * 48 + 64;
}

static bool key_is(const struct ag_ev_val *k, const char *a, const char *b)
{
	size_t n = strlen(a);
	if (k->n == n && !memcmp(k->p, a, n))
		return true;
	if (b) {
		n = strlen(b);
		return k->n == n && !memcmp(k->p, b, n);
	}
	return false;
}

/* An AnyValue object as a plain value. */
static bool any_value(const struct ag_ev_val *any, struct ag_ev_val *out)
{
	if (any->type != AG_EV_OBJ)
		return false;
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, any);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (key_is(&k, "stringValue", "string_value") ||
		    key_is(&k, "bytesValue", "bytes_value")) {
			*out = v;
			return true;
		}
		if (key_is(&k, "intValue", "int_value") ||
		    key_is(&k, "doubleValue", "double_value")) {
			double d;
			if (ag_ev_as_num(&v, &d)) {
				*out = v;
				out->type = AG_EV_NUM;
				out->num = d;
				return true;
			}
			*out = v; /* "NaN", "Infinity": keep the string */
			return true;
		}
		if (key_is(&k, "boolValue", "bool_value") || key_is(&k, "arrayValue", "array_value") ||
		    key_is(&k, "kvlistValue", "kvlist_value")) {
			*out = v;
			return true;
		}
	}
	out->type = AG_EV_NULL; /* {} : an empty AnyValue */
	out->p = "null";
	out->n = 4;
	return true;
}

/* Finds the attribute `name` in an attributes array. */
static bool find_attr(const struct ag_ev_val *attrs, const char *name, size_t nlen,
		      struct ag_ev_val *out)
{
	if (attrs->type != AG_EV_ARR)
		return false;
	struct ag_ev_iter it, kit;
	struct ag_ev_val kv, k, v;
	ag_ev_iter_init(&it, attrs);
	bool found = false;
	while (ag_ev_iter_next(&it, NULL, &kv) == 1) {
		if (kv.type != AG_EV_OBJ)
			continue;
		struct ag_ev_val key = {0}, val = {0};
		ag_ev_iter_init(&kit, &kv);
		while (ag_ev_iter_next(&kit, &k, &v) == 1) {
			if (key_is(&k, "key", NULL))
				key = v;
			else if (key_is(&k, "value", NULL))
				val = v;
		}
		if (key.type != AG_EV_STR)
			continue;
		bool eq;
		if (key.esc) {
			char buf[256];
			eq = key.n <= sizeof(buf) && ag_ev_unescape(key.p, key.n, buf) == nlen &&
			     !memcmp(buf, name, nlen);
		} else {
			eq = key.n == nlen && !memcmp(key.p, name, nlen);
		}
		if (eq && any_value(&val, out))
			found = true; /* last one wins, like duplicate JSON keys */
	}
	return found;
}

static bool u64_of(const struct ag_ev_val *v, uint64_t *out)
{
	if ((v->type != AG_EV_STR && v->type != AG_EV_NUM) || v->esc || !v->n || v->n > 20)
		return false;
	uint64_t x = 0;
	for (size_t i = 0; i < v->n; i++) {
		unsigned d = (unsigned)(v->p[i] - '0');
		if (d > 9)
			return false;
		x = x * 10 + d;
	}
	*out = x;
	return true;
}

/* Lowercased hex id into scratch. */
static struct ag_ev_val hex_id(const struct ag_ev_val *v, char **scratch)
{
	struct ag_ev_val out = *v;
	if (v->type != AG_EV_STR)
		return out;
	size_t n;
	const char *s = ag_ev_str(v, *scratch, &n);
	char *o = *scratch;
	for (size_t i = 0; i < n; i++)
		o[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out.p = o;
	out.n = n;
	out.esc = false;
	*scratch += n;
	return out;
}

static struct ag_ev_val num_val(double d, char **scratch, bool integer)
{
	char *o = *scratch;
	int k;
	if (integer) {
		k = snprintf(o, 32, "%.0f", d);
	} else {
		k = snprintf(o, 32, "%.6f", d);
		while (k > 1 && o[k - 1] == '0')
			k--;
		if (k > 1 && o[k - 1] == '.')
			k--;
	}
	*scratch += k;
	return (struct ag_ev_val){o, (size_t)k, d, AG_EV_NUM, false};
}

static struct ag_ev_val u64_val(uint64_t x, char **scratch)
{
	char *o = *scratch;
	int k = snprintf(o, 32, "%llu", (unsigned long long)x);
	*scratch += k;
	return (struct ag_ev_val){o, (size_t)k, (double)x, AG_EV_NUM, false};
}

static int status_code(const struct ag_ev_val *status, struct ag_ev_val *code,
		       struct ag_ev_val *msg)
{
	memset(code, 0, sizeof(*code));
	memset(msg, 0, sizeof(*msg));
	if (status->type != AG_EV_OBJ)
		return 0;
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, status);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (key_is(&k, "code", NULL)) {
			*code = v;
			if (v.type == AG_EV_STR) {
				static const char *const names[] = {"STATUS_CODE_UNSET", "STATUS_CODE_OK",
								    "STATUS_CODE_ERROR"};
				for (int i = 0; i < 3; i++)
					if (v.n == strlen(names[i]) && !memcmp(v.p, names[i], v.n)) {
						*code = (struct ag_ev_val){&"012"[i], 1, i, AG_EV_NUM,
									   false};
					}
			}
		} else if (key_is(&k, "message", NULL)) {
			*msg = v;
		}
	}
	return 0;
}

static struct ag_ev_val enum_val(const struct ag_ev_val *v, const char *const *names, size_t nn)
{
	if (v->type != AG_EV_STR)
		return *v;
	for (size_t i = 0; i < nn; i++)
		if (v->n == strlen(names[i]) && !memcmp(v->p, names[i], v->n)) {
			static const char digits[] = "0123456789";
			return (struct ag_ev_val){digits + i, 1, (double)i, AG_EV_NUM, false};
		}
	return *v;
}

static const char *const kind_names[] = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL",
					 "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
					 "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};

/* Fills vals for one record. */
static void fill(struct ag_otlp_reader *r, const enum builtin *map, const struct rec *x,
		 const struct res_ctx *rc, bool logs)
{
	char *scr = r->scratch;
	const struct ag_ev_fields *fs = r->fs;
	uint64_t st = 0, en = 0;
	bool have_st = false, have_en = false;
	struct ag_ev_val code, msg;
	status_code(&x->status, &code, &msg);
	for (size_t i = 0; i < fs->n; i++) {
		struct ag_ev_val *v = &r->vals[i];
		memset(v, 0, sizeof(*v));
		switch (map[i]) {
		case B_TRACE:
			if (x->trace.type == AG_EV_STR && x->trace.n)
				*v = hex_id(&x->trace, &scr);
			break;
		case B_SPAN:
			if (x->span.type == AG_EV_STR && x->span.n)
				*v = hex_id(&x->span, &scr);
			break;
		case B_PARENT:
			if (x->parent.type == AG_EV_STR && x->parent.n)
				*v = hex_id(&x->parent, &scr);
			break;
		case B_SERVICE:
			if (rc->has_service)
				*v = rc->service;
			break;
		case B_NAME:
			if (!logs)
				*v = x->name;
			break;
		case B_EVENT:
			if (!logs) {
				*v = x->name;
			} else if (x->body.type == AG_EV_OBJ) {
				struct ag_ev_val b;
				if (any_value(&x->body, &b) && b.type == AG_EV_STR)
					*v = b;
			}
			break;
		case B_KIND:
			if (!logs && x->kind.type)
				*v = enum_val(&x->kind, kind_names, 6);
			break;
		case B_START:
			if (!logs && u64_of(&x->start, &st))
				*v = u64_val(st, &scr);
			break;
		case B_END:
			if (!logs && u64_of(&x->end, &en))
				*v = u64_val(en, &scr);
			break;
		case B_DURATION:
			have_st = u64_of(&x->start, &st);
			have_en = u64_of(&x->end, &en);
			if (!logs && have_st && have_en)
				*v = num_val(en >= st ? (double)(en - st) / 1e6
						      : -((double)(st - en) / 1e6), &scr, false);
			break;
		case B_STATUS_CODE:
			if (!logs)
				*v = code.type ? code
					       : (struct ag_ev_val){"0", 1, 0, AG_EV_NUM, false};
			break;
		case B_STATUS_MSG:
			if (!logs)
				*v = msg;
			break;
		case B_SCOPE:
			*v = rc->scope_name;
			break;
		case B_TIMESTAMP:
			if (logs && (u64_of(&x->time, &st) || u64_of(&x->observed, &st)) && st)
				*v = u64_val(st, &scr);
			else if (!logs && u64_of(&x->start, &st))
				*v = u64_val(st, &scr);
			break;
		case B_SEVERITY:
		case B_LEVEL:
			if (logs)
				*v = x->sevtext;
			break;
		case B_SEVNUM:
			if (logs)
				*v = x->sevnum;
			break;
		case B_BODY:
			if (logs && x->body.type == AG_EV_OBJ)
				any_value(&x->body, v);
			break;
		case B_FLAGS:
			*v = x->flags;
			break;
		case B_NONE:
			break;
		}
		if (v->type == AG_EV_NONE && map[i] != B_SERVICE && map[i] != B_TRACE &&
		    map[i] != B_SPAN) {
			/* an attribute: the record's, else the resource's */
			if (!find_attr(&x->attrs, fs->f[i].path, fs->f[i].len, v))
				find_attr(&rc->attrs, fs->f[i].path, fs->f[i].len, v);
		}
	}
}

/* A value as JSON: raw strings with escapes are already JSON; decoded ones
 * (lowercased ids) are escaped again. */
static void json_val(struct ag_buf *b, const struct ag_ev_val *v)
{
	if (v->type == AG_EV_STR && v->esc) {
		ag_buf_addc(b, '"');
		ag_buf_add(b, v->p, v->n);
		ag_buf_addc(b, '"');
	} else if (v->type == AG_EV_STR) {
		ag_buf_json_str(b, v->p, v->n);
	} else {
		ag_buf_add(b, v->p, v->n);
	}
}

static void json_kv(struct ag_buf *b, bool *first, const char *k, const struct ag_ev_val *v)
{
	if (v->type == AG_EV_NONE)
		return;
	ag_buf_addc(b, *first ? '{' : ',');
	*first = false;
	ag_buf_addc(b, '"');
	ag_buf_adds(b, k);
	ag_buf_adds(b, "\":");
	json_val(b, v);
}

static void json_attrs(struct ag_buf *b, bool *first, const struct ag_ev_val *attrs,
		       const struct ag_ev_val *skip_if_in)
{
	if (attrs->type != AG_EV_ARR)
		return;
	struct ag_ev_iter it, kit;
	struct ag_ev_val kv, k, v;
	ag_ev_iter_init(&it, attrs);
	while (ag_ev_iter_next(&it, NULL, &kv) == 1) {
		if (kv.type != AG_EV_OBJ)
			continue;
		struct ag_ev_val key = {0}, val = {0}, plain;
		ag_ev_iter_init(&kit, &kv);
		while (ag_ev_iter_next(&kit, &k, &v) == 1) {
			if (key_is(&k, "key", NULL))
				key = v;
			else if (key_is(&k, "value", NULL))
				val = v;
		}
		if (key.type != AG_EV_STR || !any_value(&val, &plain))
			continue;
		if (skip_if_in) {
			char name[256];
			size_t nl = key.n <= sizeof(name) ? ag_ev_unescape(key.p, key.n, name) : 0;
			struct ag_ev_val dummy;
			if (nl && find_attr(skip_if_in, name, nl, &dummy))
				continue;
		}
		ag_buf_addc(b, *first ? '{' : ',');
		*first = false;
		ag_buf_addc(b, '"');
		ag_buf_add(b, key.p, key.n);
		ag_buf_adds(b, "\":");
		json_val(b, &plain);
	}
}

static void render(struct ag_otlp_reader *r, const struct rec *x, const struct res_ctx *rc,
		   bool logs, const struct ag_ev_val *vals, const struct ag_ev_fields *jfs)
{
	struct ag_buf *b = r->json;
	ag_buf_reset(b);
	bool first = true;
	for (size_t i = 0; i < jfs->n; i++)
		json_kv(b, &first, jfs->f[i].path, &vals[i]);
	json_attrs(b, &first, &x->attrs, NULL);
	json_attrs(b, &first, &rc->attrs, &x->attrs);
	ag_buf_adds(b, first ? "{}" : "}");
	(void)logs;
}

static void map_fields(const struct ag_ev_fields *fs, enum builtin *map)
{
	for (size_t i = 0; i < fs->n; i++) {
		map[i] = B_NONE;
		for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
			if (fs->f[i].len == strlen(builtins[k].name) &&
			    !memcmp(fs->f[i].path, builtins[k].name, fs->f[i].len))
				map[i] = builtins[k].b;
	}
}

static void collect_span(const struct ag_ev_val *sp, struct rec *x, bool logs)
{
	memset(x, 0, sizeof(*x));
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, sp);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (k.esc)
			continue;
		if (key_is(&k, "traceId", "trace_id"))
			x->trace = v;
		else if (key_is(&k, "spanId", "span_id"))
			x->span = v;
		else if (key_is(&k, "attributes", NULL))
			x->attrs = v;
		else if (key_is(&k, "flags", NULL))
			x->flags = v;
		else if (!logs) {
			if (key_is(&k, "parentSpanId", "parent_span_id"))
				x->parent = v;
			else if (key_is(&k, "name", NULL))
				x->name = v;
			else if (key_is(&k, "kind", NULL))
				x->kind = v;
			else if (key_is(&k, "startTimeUnixNano", "start_time_unix_nano"))
				x->start = v;
			else if (key_is(&k, "endTimeUnixNano", "end_time_unix_nano"))
				x->end = v;
			else if (key_is(&k, "status", NULL))
				x->status = v;
		} else {
			if (key_is(&k, "timeUnixNano", "time_unix_nano"))
				x->time = v;
			else if (key_is(&k, "observedTimeUnixNano", "observed_time_unix_nano"))
				x->observed = v;
			else if (key_is(&k, "severityText", "severity_text"))
				x->sevtext = v;
			else if (key_is(&k, "severityNumber", "severity_number"))
				x->sevnum = v;
			else if (key_is(&k, "body", NULL))
				x->body = v;
		}
	}
}

int ag_otlp_each(struct ag_otlp_reader *r, const struct ag_ev_val *arr, bool logs)
{
	enum builtin map[AG_EV_MAX_FIELDS];
	map_fields(r->fs, map);
	struct ag_ev_fields jfs;
	struct ag_ev_val jvals[AG_EV_MAX_FIELDS];
	enum builtin jmap[AG_EV_MAX_FIELDS];
	if (r->json) {
		ag_ev_fields_init(&jfs);
		static const char *const span_names[] = {
			"trace_id", "span_id", "parent_span_id", "service", "name", "kind",
			"start", "end", "duration_ms", "status.code", "status.message", "scope.name"};
		static const char *const log_names[] = {
			"trace_id", "span_id", "service", "timestamp", "severity",
			"severity_number", "event", "body", "scope.name"};
		const char *const *names = logs ? log_names : span_names;
		size_t nn = logs ? sizeof(log_names) / sizeof(*log_names)
				 : sizeof(span_names) / sizeof(*span_names);
		for (size_t i = 0; i < nn; i++)
			ag_ev_fields_add(&jfs, names[i], strlen(names[i]));
		map_fields(&jfs, jmap);
	}
	if (arr->type != AG_EV_ARR) {
		r->err = logs ? "resourceLogs is not an array" : "resourceSpans is not an array";
		return AG_EPARSE;
	}
	struct ag_ev_iter ri;
	struct ag_ev_val rs;
	ag_ev_iter_init(&ri, arr);
	while (ag_ev_iter_next(&ri, NULL, &rs) == 1) {
		if (rs.type != AG_EV_OBJ) {
			r->err = "an element of resourceSpans is not an object";
			return AG_EPARSE;
		}
		struct res_ctx rc;
		memset(&rc, 0, sizeof(rc));
		struct ag_ev_val scopes = {0}, k, v;
		struct ag_ev_iter it;
		ag_ev_iter_init(&it, &rs);
		while (ag_ev_iter_next(&it, &k, &v) == 1) {
			if (key_is(&k, "resource", NULL) && v.type == AG_EV_OBJ) {
				struct ag_ev_iter it2;
				struct ag_ev_val k2, v2;
				ag_ev_iter_init(&it2, &v);
				while (ag_ev_iter_next(&it2, &k2, &v2) == 1)
					if (key_is(&k2, "attributes", NULL))
						rc.attrs = v2;
			} else if (!logs && (key_is(&k, "scopeSpans", "scope_spans") ||
					     key_is(&k, "instrumentationLibrarySpans",
						    "instrumentation_library_spans"))) {
				scopes = v;
			} else if (logs && (key_is(&k, "scopeLogs", "scope_logs") ||
					    key_is(&k, "instrumentationLibraryLogs",
						   "instrumentation_library_logs"))) {
				scopes = v;
			}
		}
		rc.has_service = find_attr(&rc.attrs, "service.name", 12, &rc.service);
		if (scopes.type == AG_EV_NONE)
			continue;
		if (scopes.type != AG_EV_ARR) {
			r->err = "scopeSpans is not an array";
			return AG_EPARSE;
		}
		struct ag_ev_iter si;
		struct ag_ev_val ss;
		ag_ev_iter_init(&si, &scopes);
		while (ag_ev_iter_next(&si, NULL, &ss) == 1) {
			if (ss.type != AG_EV_OBJ)
				continue;
			struct ag_ev_val recs = {0};
			memset(&rc.scope_name, 0, sizeof(rc.scope_name));
			ag_ev_iter_init(&it, &ss);
			while (ag_ev_iter_next(&it, &k, &v) == 1) {
				if ((key_is(&k, "scope", NULL) ||
				     key_is(&k, "instrumentationLibrary", "instrumentation_library")) &&
				    v.type == AG_EV_OBJ) {
					struct ag_ev_iter it2;
					struct ag_ev_val k2, v2;
					ag_ev_iter_init(&it2, &v);
					while (ag_ev_iter_next(&it2, &k2, &v2) == 1)
						if (key_is(&k2, "name", NULL))
							rc.scope_name = v2;
				} else if (key_is(&k, logs ? "logRecords" : "spans",
						  logs ? "log_records" : NULL)) {
					recs = v;
				}
			}
			if (recs.type != AG_EV_ARR)
				continue;
			struct ag_ev_iter pi;
			struct ag_ev_val sp;
			ag_ev_iter_init(&pi, &recs);
			while (ag_ev_iter_next(&pi, NULL, &sp) == 1) {
				if (sp.type != AG_EV_OBJ)
					continue;
				struct rec x;
				collect_span(&sp, &x, logs);
				r->records++;
				if (r->json) {
					struct ag_otlp_reader jr = *r;
					jr.fs = &jfs;
					jr.vals = jvals;
					fill(&jr, jmap, &x, &rc, logs);
					render(r, &x, &rc, logs, jvals, &jfs);
					if (ag_buf_err(r->json))
						return ag_buf_err(r->json);
				}
				fill(r, map, &x, &rc, logs);
				int cb = r->fn(r->ctx, r->vals, r->json);
				if (cb)
					return cb;
			}
		}
	}
	return 0;
}
