/*
 * probe.h - what a running service does, asked over HTTP (ADR-0047): the
 * live half of Phase 3's standards ("All APIs must return standard HTTP
 * error codes", "All services must expose a /metrics endpoint"), next to
 * api/'s static half.
 *
 * ag_probe_url() sends at most two requests to one URL through net/http.h
 * (bounded in time and size, loopback only unless allowed):
 *
 *   1. GET URL with a W3C `traceparent` (and `tracestate`) derived from the
 *      URL, so runs are repeatable, and an Accept that prefers OpenMetrics.
 *      The answer must have a registered status below 400 (probe-status);
 *      it should say it joined the trace with a `traceresponse` header
 *      (W3C Trace Context Level 2) of valid syntax and our trace id
 *      (probe-trace). An exposition (application/openmetrics-text, or
 *      text/plain at a path ending in /metrics) is checked by metrics.h;
 *      a /metrics path that answers anything else is probe-metrics.
 *   2. For a URL that is not an exposition: GET of a path below it that
 *      cannot exist. The answer must be a 4xx (probe-error-status) with an
 *      RFC 9457 application/problem+json body whose status, if given, is
 *      the response's (probe-problem-json).
 *
 * Findings are the metrics.h kind (rule, severity, message, line of the
 * body for exposition findings, 0 otherwise). A URL that cannot be reached
 * is not a finding: `reached` is false and the diagnostic says why.
 *
 * Ownership: a target owns its URL copy and findings; release it with
 * ag_probe_target_release().
 */
#ifndef AG_PROBE_PROBE_H
#define AG_PROBE_PROBE_H

#include "base/diag.h"
#include "metrics.h"

struct ag_probe_opts {
	long timeout_ms;       /* per request; 0: net's default */
	size_t max_body;       /* 0: net's default (16 MiB) */
	bool allow_remote;     /* addresses outside 127.0.0.0/8 and ::1 */
	bool no_errors;        /* skip request 2 */
	bool text_only;        /* ask for the text format 0.0.4 only */
};

struct ag_probe_target {
	char *url;             /* owned copy */
	bool reached;
	long status;
	char media[128];       /* the answer's media type, lowercased */
	bool metrics, openmetrics;
	struct ag_metrics_stats stats;
	char traceparent[64];  /* what was sent */
	long error_status;     /* request 2's status; 0 when not sent */
	struct ag_probe_findings f;
};

/* Probes `url`. Returns 0 (see t->reached) or AG_ENOMEM; a diagnostic for
 * an unreachable URL goes to `d`. */
int ag_probe_url(const char *url, const struct ag_probe_opts *o, struct ag_probe_target *t,
		 struct ag_diags *d);
void ag_probe_target_release(struct ag_probe_target *t);

/* W3C Trace Context syntax: 0 when `v` is a valid traceparent (a version
 * 00 header exactly, a later version by its first four fields), else -1
 * and the reason in `why`. *trace_id gets the 32 hex digits (may be NULL). */
int ag_traceparent_check(const char *v, char *why, size_t whylen, char trace_id[33]);
/* The same for tracestate: at most 32 list members key=value, keys
 * lowercase (tenant@system allowed), values printable without ',' and '='. */
int ag_tracestate_check(const char *v, char *why, size_t whylen);

#endif
