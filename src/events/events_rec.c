/*
 * events_rec.c - records from OTLP, Jaeger and Zipkin as flat events; see
 * events_rec.h.
 *
 * A reader has already validated the document, so this only walks values
 * with the iterator. The fields a caller asks for are mapped once per
 * emitter to builtins (trace_id, duration_ms, ...); everything else is
 * looked up in one pass over the record's attributes (each key through the
 * field set's hash table) and one over its resource's. Synthesised values
 * (lowercased ids, times, durations) are written to the emitter's fixed
 * scratch, so nothing is allocated per record.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "base/json.h"
#include "events_rec.h"

enum builtin {
	B_NONE, B_TRACE, B_SPAN, B_PARENT, B_SERVICE, B_NAME, B_EVENT, B_KIND, B_START, B_END,
	B_DURATION, B_STATUS_CODE, B_STATUS_MSG, B_SCOPE, B_TIMESTAMP, B_SEVERITY, B_LEVEL,
	B_SEVNUM, B_BODY, B_FLAGS, B_METRIC, B_TYPE, B_UNIT, B_VALUE, B_COUNT, B_SUM, B_MIN,
	B_MAX, B_PEER,
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
	{"flags", B_FLAGS}, {"metric", B_METRIC}, {"type", B_TYPE}, {"unit", B_UNIT},
	{"value", B_VALUE}, {"count", B_COUNT}, {"sum", B_SUM}, {"min", B_MIN}, {"max", B_MAX},
	{"peer.service", B_PEER},
};

void ag_evr_rec_init(struct ag_evr_rec *r, enum ag_evr_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->span_kind = -1;
	r->status = -1;
}

/* Eight ASCII digits at p as their value, or -1 when one is not a digit:
 * all eight at once (every OTLP time is 19 digits). */
static int64_t eight_digits(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t hi = 0xf0f0f0f0f0f0f0f0ull, zeros = 0x3030303030303030ull;
	uint64_t x;
	memcpy(&x, p, 8);
	/* each byte 0x30..0x39: its high nibble 3, and still 3 after adding 6 */
	if ((x & hi) != zeros || ((x + 0x0606060606060606ull) & hi) != zeros)
		return -1;
	x -= zeros;
	/* the first byte is the first digit: pairs, then fours, then eight */
	x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffull;
	x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffull;
	x = (x * 10000 + (x >> 32)) & 0xffffffffull;
	return (int64_t)x;
#else
	int64_t x = 0;
	for (int i = 0; i < 8; i++) {
		unsigned d = (unsigned)(p[i] - '0');
		if (d > 9)
			return -1;
		x = x * 10 + d;
	}
	return x;
#endif
}

bool ag_evr_u64(const struct ag_ev_val *v, uint64_t *out)
{
	if ((v->type != AG_EV_STR && v->type != AG_EV_NUM) || v->esc || !v->n || v->n > 20)
		return false;
	uint64_t x = 0;
	size_t i = 0;
	if (v->n < 20) /* below 10^19: no overflow */
		for (; v->n - i >= 8; i += 8) {
			int64_t e = eight_digits(v->p + i);
			if (e < 0)
				return false;
			x = x * 100000000u + (uint64_t)e;
		}
	for (; i < v->n; i++) {
		unsigned d = (unsigned)(v->p[i] - '0');
		/* 19 digits never overflow: only the 20th is checked */
		if (d > 9 || (i == 19 && x > (UINT64_MAX - d) / 10))
			return false;
		x = x * 10 + d;
	}
	*out = x;
	return true;
}

bool ag_evr_any_value(const struct ag_ev_val *any, struct ag_ev_val *out)
{
	if (any->type != AG_EV_OBJ)
		return false;
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, any);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (ag_evr_key_is(&k, "stringValue", "string_value") ||
		    ag_evr_key_is(&k, "bytesValue", "bytes_value")) {
			*out = v;
			return true;
		}
		if (ag_evr_key_is(&k, "intValue", "int_value") ||
		    ag_evr_key_is(&k, "doubleValue", "double_value")) {
			double d;
			*out = v; /* "NaN", "Infinity": keep the string */
			if (ag_ev_as_num(&v, &d)) {
				out->type = AG_EV_NUM;
				out->num = d;
			}
			return true;
		}
		if (ag_evr_key_is(&k, "boolValue", "bool_value") ||
		    ag_evr_key_is(&k, "arrayValue", "array_value") ||
		    ag_evr_key_is(&k, "kvlistValue", "kvlist_value")) {
			*out = v;
			return true;
		}
	}
	*out = (struct ag_ev_val){"null", 4, 0, AG_EV_NULL, false}; /* {}: an empty AnyValue */
	return true;
}

/* One attribute of a list: its key (a STR) and its plain value. */
static bool attr_kv(const struct ag_ev_val *kv, enum ag_evr_style style, struct ag_ev_val *key,
		    struct ag_ev_val *val)
{
	*key = (struct ag_ev_val){0};
	struct ag_ev_val raw = {0}, type = {0};
	if (kv->type != AG_EV_OBJ)
		return false;
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, kv);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (ag_evr_key_is(&k, "key", NULL))
			*key = v;
		else if (ag_evr_key_is(&k, "value", NULL))
			raw = v;
		else if (ag_evr_key_is(&k, "type", NULL))
			type = v;
	}
	if (key->type != AG_EV_STR)
		return false;
	if (style == AG_EVR_OTLP)
		return raw.type == AG_EV_NONE ? false : ag_evr_any_value(&raw, val);
	*val = raw;
	/* Jaeger writes booleans (and numbers) as strings in some exports */
	if (raw.type == AG_EV_STR && type.type == AG_EV_STR &&
	    ag_evr_key_is(&type, "bool", NULL)) {
		if (ag_evr_key_is(&raw, "true", NULL))
			*val = (struct ag_ev_val){"true", 4, 0, AG_EV_TRUE, false};
		else if (ag_evr_key_is(&raw, "false", NULL))
			*val = (struct ag_ev_val){"false", 5, 0, AG_EV_FALSE, false};
	}
	return raw.type != AG_EV_NONE;
}

/* Calls fn for every attribute; stops when it returns false. */
static void each_attr(const struct ag_ev_val *attrs, enum ag_evr_style style,
		      bool (*fn)(void *ctx, const struct ag_ev_val *key, const struct ag_ev_val *val),
		      void *ctx)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v, key, val;
	if (style == AG_EVR_ZIPKIN && attrs->type == AG_EV_OBJ) {
		ag_ev_iter_init(&it, attrs);
		while (ag_ev_iter_next(&it, &k, &v) == 1)
			if (!fn(ctx, &k, &v))
				return;
		return;
	}
	if ((style != AG_EVR_OTLP && style != AG_EVR_JAEGER) || attrs->type != AG_EV_ARR)
		return;
	ag_ev_iter_init(&it, attrs);
	while (ag_ev_iter_next(&it, NULL, &v) == 1)
		if (attr_kv(&v, style, &key, &val) && !fn(ctx, &key, &val))
			return;
}

/* Whether a key from the input (raw, maybe with escapes) is `name`. */
static bool key_eq(const struct ag_ev_val *key, const char *name, size_t nlen)
{
	if (!key->esc)
		return key->n == nlen && !memcmp(key->p, name, nlen);
	char buf[256];
	return key->n <= sizeof(buf) && ag_ev_unescape(key->p, key->n, buf) == nlen &&
	       !memcmp(buf, name, nlen);
}

struct find_ctx {
	const char *name;
	size_t nlen;
	struct ag_ev_val *out;
	bool found;
};

static bool find_one(void *ctx, const struct ag_ev_val *key, const struct ag_ev_val *val)
{
	struct find_ctx *f = ctx;
	if (key_eq(key, f->name, f->nlen)) {
		*f->out = *val; /* the last one wins, like duplicate JSON keys */
		f->found = true;
	}
	return true;
}

bool ag_evr_find_attr(const struct ag_ev_val *attrs, enum ag_evr_style style, const char *name,
		      size_t nlen, struct ag_ev_val *out)
{
	struct find_ctx f = {name, nlen, out, false};
	each_attr(attrs, style, find_one, &f);
	return f.found;
}

/* ---- filling the fields ------------------------------------------------------------- */

struct fill_ctx {
	const struct ag_ev_fields *fs;
	struct ag_ev_val *vals;
	const uint8_t *open; /* fields an attribute may set */
	bool resource;       /* only fields still absent */
};

static bool fill_one(void *ctx, const struct ag_ev_val *key, const struct ag_ev_val *val)
{
	struct fill_ctx *f = ctx;
	int i;
	if (!key->esc) {
		i = ag_ev_fields_lookup(f->fs, key->p, key->n);
	} else {
		char buf[256];
		if (key->n > sizeof(buf))
			return true;
		size_t n = ag_ev_unescape(key->p, key->n, buf);
		i = ag_ev_fields_lookup(f->fs, buf, n);
	}
	if (i < 0 || !f->open[i] || (f->resource && f->vals[i].type != AG_EV_NONE))
		return true;
	f->vals[i] = *val;
	return true;
}

/* Lowercased when it is hex: hex ids compare without regard to case; any
 * other id (base64, "span-1") is kept exactly. */
static struct ag_ev_val id_val(const struct ag_ev_val *v, char **scr, const char *end)
{
	struct ag_ev_val out = *v;
	if (v->type != AG_EV_STR || v->esc || (size_t)(end - *scr) < v->n)
		return out;
	bool upper = false;
	for (size_t i = 0; i < v->n; i++) {
		char c = v->p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return out;
		upper |= c >= 'A' && c <= 'F';
	}
	if (!upper)
		return out;
	char *o = *scr;
	for (size_t i = 0; i < v->n; i++)
		o[i] = (v->p[i] >= 'A' && v->p[i] <= 'F') ? (char)(v->p[i] + 32) : v->p[i];
	out.p = o;
	*scr += v->n;
	return out;
}

/* The decimal digits of x at o; returns how many. */
static size_t put_u64(char *o, uint64_t x)
{
	char t[20];
	size_t n = 0;
	do {
		t[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	for (size_t i = 0; i < n; i++)
		o[i] = t[n - 1 - i];
	return n;
}

/* A whole number (kind, status code) as "%.0f" writes it. */
static struct ag_ev_val int_text(double d, char **scr)
{
	char *o = *scr;
	size_t k;
	if (d >= 0 && d < 9007199254740992.0 && d == (double)(uint64_t)d)
		k = put_u64(o, (uint64_t)d); /* what printf writes, without printf */
	else
		k = ag_snprintf(o, 32, "%.0f", d);
	*scr += k;
	return (struct ag_ev_val){o, k, d, AG_EV_NUM, false};
}

/* A span's duration, mag nanoseconds (negative when it ends before it
 * starts), in milliseconds: "%.6f" of mag / 1e6 without its trailing
 * zeros. Below 2^33 ms (99 days) the double is within 4.8e-7 of the
 * six-decimal value, so "%.6f" writes exactly the nanoseconds' digits:
 * they are written directly. */
static struct ag_ev_val dur_text(uint64_t mag, bool neg, char **scr)
{
	double d = neg ? -((double)mag / 1e6) : (double)mag / 1e6;
	char *o = *scr;
	size_t k;
	if (mag < 8589934592000000ull) {
		k = 0;
		if (neg)
			o[k++] = '-';
		k += put_u64(o + k, mag / 1000000);
		uint64_t frac = mag % 1000000;
		if (frac) {
			o[k++] = '.';
			for (uint64_t div = 100000; frac; div /= 10) {
				o[k++] = (char)('0' + frac / div);
				frac %= div;
			}
		}
	} else {
		k = ag_snprintf(o, 32, "%.6f", d);
		while (k > 1 && o[k - 1] == '0')
			k--;
		if (k > 1 && o[k - 1] == '.')
			k--;
	}
	*scr += k;
	return (struct ag_ev_val){o, k, d, AG_EV_NUM, false};
}

static struct ag_ev_val u64_text(uint64_t x, char **scr)
{
	char *o = *scr;
	size_t k = put_u64(o, x);
	*scr += k;
	return (struct ag_ev_val){o, k, (double)x, AG_EV_NUM, false};
}

static void fill(struct ag_evr_out *o, const struct ag_ev_fields *fs, struct ag_ev_val *vals,
		 const uint8_t *map, const struct ag_evr_rec *r, char **scr)
{
	const char *send = o->scratch + sizeof(o->scratch) - 40;
	bool span = r->kind == AG_EVR_SPAN, log = r->kind == AG_EVR_LOG,
	     metric = r->kind == AG_EVR_METRIC;
	uint8_t open[AG_EV_MAX_FIELDS];
	/* every field absent and open to the attributes, then the builtins */
	memset(vals, 0, fs->n * sizeof(*vals));
	memset(open, 1, fs->n);
	for (size_t i = 0; i < fs->n; i++) {
		if (map[i] == B_NONE)
			continue;
		struct ag_ev_val *v = &vals[i];
		if (*scr > send) {
			open[i] = 1;
			continue;
		}
		switch ((enum builtin)map[i]) {
		case B_TRACE:
			if (r->trace.type == AG_EV_STR && r->trace.n)
				*v = id_val(&r->trace, scr, send);
			break;
		case B_SPAN:
			if (r->span.type == AG_EV_STR && r->span.n)
				*v = id_val(&r->span, scr, send);
			break;
		case B_PARENT:
			if (r->parent.type == AG_EV_STR && r->parent.n)
				*v = id_val(&r->parent, scr, send);
			break;
		case B_SERVICE:
			*v = r->service;
			break;
		case B_NAME:
			if (span)
				*v = r->name;
			break;
		case B_EVENT:
			if (span) {
				*v = r->name;
			} else if (metric) {
				*v = r->metric;
			} else if (log && r->body.type == AG_EV_OBJ) {
				struct ag_ev_val b;
				if (ag_evr_any_value(&r->body, &b) && b.type == AG_EV_STR)
					*v = b;
			}
			break;
		case B_KIND:
			if (span && r->span_kind >= 0)
				*v = int_text(r->span_kind, scr);
			break;
		case B_START:
			if (r->has_start)
				*v = u64_text(r->start, scr);
			break;
		case B_END:
			if (span && r->has_end)
				*v = u64_text(r->end, scr);
			break;
		case B_DURATION:
			if (span && r->has_start && r->has_end)
				*v = r->end >= r->start ? dur_text(r->end - r->start, false, scr)
							: dur_text(r->start - r->end, true, scr);
			break;
		case B_STATUS_CODE:
			if (span)
				*v = int_text(r->status < 0 ? 0 : r->status, scr);
			break;
		case B_STATUS_MSG:
			if (span)
				*v = r->status_msg;
			break;
		case B_SCOPE:
			*v = r->scope;
			break;
		case B_TIMESTAMP:
			if (!span && r->has_time)
				*v = u64_text(r->time, scr);
			else if (span && r->has_start)
				*v = u64_text(r->start, scr);
			break;
		case B_SEVERITY:
		case B_LEVEL:
			if (log)
				*v = r->sevtext;
			break;
		case B_SEVNUM:
			if (log)
				*v = r->sevnum;
			break;
		case B_BODY:
			if (log && r->body.type == AG_EV_OBJ)
				ag_evr_any_value(&r->body, v);
			break;
		case B_FLAGS:
			*v = r->flags;
			break;
		case B_METRIC:
			*v = r->metric;
			break;
		case B_TYPE:
			*v = r->mtype;
			break;
		case B_UNIT:
			*v = r->unit;
			break;
		case B_VALUE:
			*v = r->value;
			break;
		case B_COUNT:
			*v = r->count;
			break;
		case B_SUM:
			*v = r->sum;
			break;
		case B_MIN:
			*v = r->min;
			break;
		case B_MAX:
			*v = r->max;
			break;
		case B_PEER:
			*v = r->peer;
			break;
		case B_NONE:
			break;
		}
		if (v->type == AG_EV_NUM && !v->n) /* a number without text is none */
			v->type = AG_EV_NONE;
		/* absent builtins (other than the ids and the service) may be attributes */
		open[i] = v->type == AG_EV_NONE && map[i] != B_SERVICE && map[i] != B_TRACE &&
			  map[i] != B_SPAN;
	}
	struct fill_ctx fc = {fs, vals, open, false};
	each_attr(&r->attrs, r->style, fill_one, &fc);
	const struct ag_evr_res *res = r->res;
	if (res && res->fs == fs && res->gen == fs->gen) {
		/* what the walk below would do: the first attribute naming a
		 * field that is open and still absent */
		for (size_t k = 0; k < res->n; k++) {
			size_t i = res->idx[k];
			if (open[i] && vals[i].type == AG_EV_NONE)
				vals[i] = res->v[i];
		}
		return;
	}
	fc.resource = true;
	each_attr(&r->res_attrs, r->res_style, fill_one, &fc);
}

void ag_evr_resolve_res(struct ag_evr_rec *r, const struct ag_ev_fields *fs,
			struct ag_evr_res *out)
{
	uint8_t open[AG_EV_MAX_FIELDS];
	memset(out->v, 0, fs->n * sizeof(out->v[0]));
	memset(open, 1, fs->n);
	struct fill_ctx fc = {fs, out->v, open, true};
	each_attr(&r->res_attrs, r->res_style, fill_one, &fc);
	out->fs = fs;
	out->gen = fs->gen;
	out->n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (out->v[i].type != AG_EV_NONE)
			out->idx[out->n++] = (uint8_t)i;
	r->res = out;
}

static void map_fields(const struct ag_ev_fields *fs, uint8_t *map)
{
	for (size_t i = 0; i < fs->n; i++) {
		map[i] = B_NONE;
		for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
			if (fs->f[i].len == strlen(builtins[k].name) &&
			    !memcmp(fs->f[i].path, builtins[k].name, fs->f[i].len))
				map[i] = (uint8_t)builtins[k].b;
	}
}

/* ---- JSON ----------------------------------------------------------------------------- */

/* A value as JSON: raw strings with escapes are already JSON; decoded ones
 * are escaped again. */
static void json_val(struct ag_json *w, const struct ag_ev_val *v)
{
	if (v->type == AG_EV_STR && v->esc)
		ag_json_str_escaped(w, v->p, v->n);
	else if (v->type == AG_EV_STR)
		ag_json_strn(w, v->p, v->n);
	else if (v->n) /* an array or object may span lines of a pretty-printed file */
		ag_json_raw_compact(w, v->p, v->n);
	else /* no text for a value is no value */
		ag_json_null(w);
}

struct json_ctx {
	struct ag_json *w;
	const struct ag_ev_val *skip;  /* the record's attributes, when writing the resource's */
	enum ag_evr_style skip_style;
	const struct ag_ev_fields *builtin;
};

static bool json_one(void *ctx, const struct ag_ev_val *key, const struct ag_ev_val *val)
{
	struct json_ctx *j = ctx;
	char name[256];
	size_t nl = key->n <= sizeof(name) ? ag_ev_unescape(key->p, key->n, name) : 0;
	if (nl && ag_ev_fields_lookup(j->builtin, name, nl) >= 0)
		return true; /* a builtin already has this name */
	struct ag_ev_val dummy;
	if (j->skip && nl && ag_evr_find_attr(j->skip, j->skip_style, name, nl, &dummy))
		return true;
	/* the key as it stood in the input, escapes and all */
	ag_json_key_escaped(j->w, key->p, key->n);
	json_val(j->w, val);
	return true;
}

static int render(struct ag_buf *out, const struct ag_evr_rec *r, const struct ag_ev_val *vals,
		  const struct ag_ev_fields *jfs)
{
	ag_buf_reset(out);
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	for (size_t i = 0; i < jfs->n; i++) {
		if (vals[i].type == AG_EV_NONE)
			continue;
		ag_json_key(&w, jfs->f[i].path);
		json_val(&w, &vals[i]);
	}
	struct json_ctx jc = {&w, NULL, AG_EVR_NONE, jfs};
	each_attr(&r->attrs, r->style, json_one, &jc);
	jc.skip = &r->attrs;
	jc.skip_style = r->style;
	each_attr(&r->res_attrs, r->res_style, json_one, &jc);
	ag_json_end_object(&w);
	return ag_json_finish(&w);
}

/* The fields a rendered record starts with, per kind. */
static void json_fields(enum ag_evr_kind kind, struct ag_ev_fields *jfs)
{
	static const char *const span_names[] = {
		"trace_id", "span_id", "parent_span_id", "service", "name", "kind", "start", "end",
		"duration_ms", "status.code", "status.message", "scope.name", "peer.service"};
	static const char *const log_names[] = {"trace_id", "span_id", "service", "timestamp",
						"severity", "severity_number", "event", "body",
						"scope.name"};
	static const char *const metric_names[] = {
		"service", "metric", "type", "unit", "timestamp", "start", "value", "count",
		"sum", "min", "max", "scope.name"};
	const char *const *names = kind == AG_EVR_SPAN ? span_names
				   : kind == AG_EVR_LOG ? log_names : metric_names;
	size_t nn = kind == AG_EVR_SPAN ? sizeof(span_names) / sizeof(*span_names)
		    : kind == AG_EVR_LOG ? sizeof(log_names) / sizeof(*log_names)
					 : sizeof(metric_names) / sizeof(*metric_names);
	ag_ev_fields_init(jfs);
	for (size_t i = 0; i < nn; i++)
		ag_ev_fields_add(jfs, names[i], strlen(names[i]));
}

int ag_evr_emit(struct ag_evr_out *o, const struct ag_evr_rec *r)
{
	if (o->map_fs != o->fs || o->map_gen != o->fs->gen) {
		map_fields(o->fs, o->map);
		o->map_fs = o->fs;
		o->map_gen = o->fs->gen;
	}
	char *scr = o->scratch;
	o->records++;
	if (o->json) {
		struct ag_ev_fields jfs;
		struct ag_ev_val jvals[AG_EV_MAX_FIELDS];
		uint8_t jmap[AG_EV_MAX_FIELDS];
		json_fields(r->kind, &jfs);
		map_fields(&jfs, jmap);
		fill(o, &jfs, jvals, jmap, r, &scr);
		int rc = render(o->json, r, jvals, &jfs);
		if (rc)
			return rc;
	}
	fill(o, o->fs, o->vals, o->map, r, &scr);
	return o->fn(o->ctx, o->vals, r, o->json);
}
