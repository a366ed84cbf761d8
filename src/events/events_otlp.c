/*
 * events_otlp.c - OTLP/JSON traces, logs and metrics as records; see
 * events_otlp.h.
 *
 * The scanner has already validated the document, so this walks it with
 * the value iterator: for each resource, its attributes; for each scope,
 * its name; for each span, log record or data point, where its members
 * are (key order is free in JSON, so a record's members are collected
 * before it is emitted).
 */
#include <string.h>
#include "events_otlp.h"

#define K ag_evr_key_is

static int enum_of(const struct ag_ev_val *v, const char *const *names, int nn)
{
	double d;
	if (v->type == AG_EV_NUM)
		return (int)v->num;
	if (v->type != AG_EV_STR)
		return -1;
	for (int i = 0; i < nn; i++)
		if (v->n == strlen(names[i]) && !memcmp(v->p, names[i], v->n))
			return i;
	return ag_ev_as_num(v, &d) ? (int)d : -1;
}

static const char *const kind_names[] = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL",
					 "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
					 "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
static const char *const status_names[] = {"STATUS_CODE_UNSET", "STATUS_CODE_OK",
					   "STATUS_CODE_ERROR"};

static void span_members(const struct ag_ev_val *sp, struct ag_evr_rec *x)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	ag_ev_iter_init(&it, sp);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (k.esc)
			continue;
		if (K(&k, "traceId", "trace_id"))
			x->trace = v;
		else if (K(&k, "spanId", "span_id"))
			x->span = v;
		else if (K(&k, "parentSpanId", "parent_span_id"))
			x->parent = v;
		else if (K(&k, "name", NULL))
			x->name = v;
		else if (K(&k, "kind", NULL))
			x->span_kind = enum_of(&v, kind_names, 6);
		else if (K(&k, "startTimeUnixNano", "start_time_unix_nano"))
			x->has_start = ag_evr_u64(&v, &x->start);
		else if (K(&k, "endTimeUnixNano", "end_time_unix_nano"))
			x->has_end = ag_evr_u64(&v, &x->end);
		else if (K(&k, "attributes", NULL))
			x->attrs = v;
		else if (K(&k, "flags", NULL))
			x->flags = v;
		else if (K(&k, "status", NULL) && v.type == AG_EV_OBJ) {
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
	}
}

static void log_members(const struct ag_ev_val *lr, struct ag_evr_rec *x)
{
	struct ag_ev_iter it;
	struct ag_ev_val k, v;
	uint64_t observed = 0;
	bool has_observed = false;
	ag_ev_iter_init(&it, lr);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (k.esc)
			continue;
		if (K(&k, "traceId", "trace_id"))
			x->trace = v;
		else if (K(&k, "spanId", "span_id"))
			x->span = v;
		else if (K(&k, "timeUnixNano", "time_unix_nano"))
			x->has_time = ag_evr_u64(&v, &x->time) && x->time;
		else if (K(&k, "observedTimeUnixNano", "observed_time_unix_nano"))
			has_observed = ag_evr_u64(&v, &observed) && observed;
		else if (K(&k, "severityText", "severity_text"))
			x->sevtext = v;
		else if (K(&k, "severityNumber", "severity_number")) {
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
				static const char *const two[] = {"10", "11", "12", "13", "14", "15",
								  "16", "17", "18", "19", "20", "21",
								  "22", "23", "24"};
				int i = enum_of(&v, sev, 25);
				if (i >= 0 && i < 10)
					x->sevnum = (struct ag_ev_val){digits + i, 1, i, AG_EV_NUM, false};
				else if (i >= 10 && i < 25)
					x->sevnum = (struct ag_ev_val){two[i - 10], 2, i, AG_EV_NUM, false};
			}
		} else if (K(&k, "body", NULL))
			x->body = v;
		else if (K(&k, "attributes", NULL))
			x->attrs = v;
		else if (K(&k, "flags", NULL))
			x->flags = v;
	}
	if (!x->has_time && has_observed) {
		x->time = observed;
		x->has_time = true;
	}
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

/* The records of one scope (scopeSpans/scopeLogs/scopeMetrics element). */
static int scope(struct ag_evr_out *o, struct ag_evr_rec *base, const struct ag_ev_val *ss,
		 enum ag_otlp_what what)
{
	struct ag_ev_val recs = {0}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, ss);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if ((K(&k, "scope", NULL) ||
		     K(&k, "instrumentationLibrary", "instrumentation_library")) &&
		    v.type == AG_EV_OBJ) {
			struct ag_ev_iter i2;
			struct ag_ev_val k2, v2;
			ag_ev_iter_init(&i2, &v);
			while (ag_ev_iter_next(&i2, &k2, &v2) == 1)
				if (K(&k2, "name", NULL))
					base->scope = v2;
		} else if (what == AG_OTLP_TRACES ? K(&k, "spans", NULL)
			   : what == AG_OTLP_LOGS ? K(&k, "logRecords", "log_records")
						  : K(&k, "metrics", NULL)) {
			recs = v;
		}
	}
	if (recs.type != AG_EV_ARR)
		return 0;
	struct ag_ev_iter pi;
	struct ag_ev_val sp;
	ag_ev_iter_init(&pi, &recs);
	while (ag_ev_iter_next(&pi, NULL, &sp) == 1) {
		if (sp.type != AG_EV_OBJ)
			continue;
		int rc;
		if (what == AG_OTLP_METRICS) {
			rc = metric(o, base, &sp);
		} else {
			struct ag_evr_rec x = *base;
			if (what == AG_OTLP_TRACES)
				span_members(&sp, &x);
			else
				log_members(&sp, &x);
			rc = ag_evr_emit(o, &x);
		}
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
		struct ag_evr_rec base;
		ag_evr_rec_init(&base, what == AG_OTLP_TRACES ? AG_EVR_SPAN
				       : what == AG_OTLP_LOGS ? AG_EVR_LOG : AG_EVR_METRIC);
		struct ag_ev_val scopes = {0}, k, v;
		struct ag_ev_iter it;
		ag_ev_iter_init(&it, &rs);
		while (ag_ev_iter_next(&it, &k, &v) == 1) {
			if (K(&k, "resource", NULL) && v.type == AG_EV_OBJ) {
				struct ag_ev_iter it2;
				struct ag_ev_val k2, v2;
				ag_ev_iter_init(&it2, &v);
				while (ag_ev_iter_next(&it2, &k2, &v2) == 1)
					if (K(&k2, "attributes", NULL))
						base.res_attrs = v2;
			} else if (what == AG_OTLP_TRACES
					   ? (K(&k, "scopeSpans", "scope_spans") ||
					      K(&k, "instrumentationLibrarySpans",
						"instrumentation_library_spans"))
				   : what == AG_OTLP_LOGS
					   ? (K(&k, "scopeLogs", "scope_logs") ||
					      K(&k, "instrumentationLibraryLogs",
						"instrumentation_library_logs"))
					   : (K(&k, "scopeMetrics", "scope_metrics") ||
					      K(&k, "instrumentationLibraryMetrics",
						"instrumentation_library_metrics"))) {
				scopes = v;
			}
		}
		base.res_style = AG_EVR_OTLP;
		base.style = AG_EVR_OTLP;
		ag_evr_find_attr(&base.res_attrs, AG_EVR_OTLP, "service.name", 12, &base.service);
		if (scopes.type == AG_EV_NONE)
			continue;
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
	}
	return 0;
}
