/*
 * events_jaeger.h - Jaeger and Zipkin JSON read as span records
 * (events_rec.h).
 *
 * Jaeger writes a trace as {"traceID", "spans": [...], "processes": {id:
 * {"serviceName", "tags"}}}: the query API wraps traces in {"data": [...]},
 * the UI's export is such an object, and some tools write spans with their
 * process inline ("process": {...}). A span's parent is its first CHILD_OF
 * reference within its trace, else its first reference within the trace
 * (FOLLOWS_FROM), else the first reference at all, else parentSpanID, as
 * Jaeger's own model does. Times are microseconds; tags become
 * attributes (a "bool" tag written as the string "true" is true);
 * span.kind gives kind, and an error tag (or otel.status_code ERROR) the
 * status. The process's tags are the resource's attributes.
 *
 * Zipkin v2 writes spans {"traceId", "id", "parentId", "name", "kind",
 * "timestamp", "duration" (microseconds), "localEndpoint":
 * {"serviceName"}, "remoteEndpoint", "tags": {k: v}}. The local endpoint
 * names the service, the remote one the peer (peer.service); a span with
 * an "error" tag has status ERROR (Zipkin's own convention).
 */
#ifndef AG_EVENTS_JAEGER_H
#define AG_EVENTS_JAEGER_H

#include "events_rec.h"

/* A Jaeger trace object: spans and the processes they point at. */
int ag_jaeger_trace(struct ag_evr_out *o, const struct ag_ev_val *trace);
/* One Jaeger span (its process inline, or in `processes` when not NULL). */
int ag_jaeger_span(struct ag_evr_out *o, const struct ag_ev_val *span,
		   const struct ag_ev_val *processes);
/* One Zipkin v2 span. */
int ag_zipkin_span(struct ag_evr_out *o, const struct ag_ev_val *span);

#endif
