#!/bin/bash
# t0604-events-shapes: every shape of input issue 13 found in real files,
# each reproduced by a fixture written here: pretty-printed OTLP (traces,
# logs, metrics), JSON arrays, objects written back to back, Jaeger (query
# API, UI export, api/v3, inline processes), Zipkin v2, xz and bzip2, the
# loggers of the default error predicate, durations with units, trace
# findings, and hostile bytes in echoed lines.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

# ---- pretty-printed OTLP: traces with a log record of the same trace ----
cat >"$T/otlp.json" <<'J'
{
  "resourceSpans": [
    {
      "resource": {
        "attributes": [
          { "key": "service.name", "value": { "stringValue": "gateway" } }
        ]
      },
      "scopeSpans": [
        {
          "spans": [
            {
              "traceId": "0AF7651916CD43DD8448EB211C80319C",
              "spanId": "B7AD6B7169203331",
              "name": "GET /",
              "kind": 2,
              "startTimeUnixNano": "1769680800000000000",
              "endTimeUnixNano": "1769680800100000000",
              "status": { "code": 2 }
            },
            {
              "traceId": "0af7651916cd43dd8448eb211c80319c",
              "spanId": "00f067aa0ba902b7",
              "parentSpanId": "b7ad6b7169203331",
              "name": "SELECT",
              "kind": "SPAN_KIND_CLIENT",
              "startTimeUnixNano": "1769680800010000000",
              "endTimeUnixNano": "1769680800060000000"
            }
          ]
        }
      ]
    }
  ]
}
J
cat >"$T/logs.json" <<'J'
{"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "gateway"}}]},
  "scopeLogs": [{"logRecords": [
    {"timeUnixNano": "1769680800020000000", "severityNumber": 17, "severityText": "ERROR",
     "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "00f067aa0ba902b7",
     "body": {"stringValue": "deadlock"}}]}]}]}
J
run "$ARCHGATE" events stats --format json "$T/otlp.json"
check "a pretty-printed OTLP document is read (2 spans, 1 error)" \
	jq -e '.events == 2 and .invalid == 0 and .services == [.services[0]] and .services[0].errors == 1' "$OUT"
run "$ARCHGATE" events trace 0af7651916cd43dd8448eb211c80319c "$T/otlp.json" "$T/logs.json"
expect_rc 0 "the trace over both files"
expect_contains "$OUT" "2 spans, 1 service, 100.000 ms, 1 error, 1 log record" "log records are not spans"
expect_contains "$OUT" "log: ERROR: deadlock" "a span's log shown under it"
run "$ARCHGATE" events stats --format json "$T/logs.json"
check "a log record of severityNumber 17 is an error" jq -e '.events == 1 and .services[0].errors == 1' "$OUT"

# ---- OTLP metrics: data points as events ----
cat >"$T/metrics.json" <<'J'
{
  "resourceMetrics": [{
    "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "api"}}]},
    "scopeMetrics": [{"metrics": [
      {"name": "http.requests", "unit": "1", "sum": {"dataPoints": [
        {"asInt": "7", "timeUnixNano": "1769680800000000000",
         "attributes": [{"key": "route", "value": {"stringValue": "/a"}}]},
        {"asDouble": 3.5, "attributes": [{"key": "route", "value": {"stringValue": "/b"}}]}]}},
      {"name": "latency", "histogram": {"dataPoints": [{"count": "4", "sum": 10, "min": 1, "max": 5}]}}
    ]}]
  }]
}
J
run "$ARCHGATE" events query 'by metric, type compute count, sum(value), max(max)' --format json "$T/metrics.json"
check "metric data points are events with metric, type, value" \
	jq -e '[.rows[] | [.metric, .type, .count, ."sum(value)"]] == [["http.requests","sum",2,10.5],["latency","histogram",1,0]]' "$OUT"

# ---- a JSON array, and objects written back to back ----
printf '[\n  {"service": "a", "level": "ERR"},\n  {"service": "a", "level": "info"},\n  {"service": "b", "@l": "ERR"}\n]\n' >"$T/array.json"
run "$ARCHGATE" events stats --format json "$T/array.json"
check "the elements of a JSON array are the events" jq -e '.events == 3 and ([.services[].errors] | add) == 2' "$OUT"
printf '{\n  "service": "a",\n  "lvl": "crit"\n}\n{\n  "service": "a", oops\n}\n{\n  "service": "a"\n}\n' >"$T/concat.log"
run "$ARCHGATE" events stats --format json "$T/concat.log"
check "objects back to back; a broken one is one invalid record" \
	jq -e '.events == 2 and .invalid == 1 and .invalid_examples[0].line == 6 and .services[0].errors == 1' "$OUT"

# ---- Jaeger: the query API, with processes, references and tags ----
cat >"$T/jaeger.json" <<'J'
{"data": [{"traceID": "abc", "spans": [
   {"traceID": "abc", "spanID": "r", "operationName": "HTTP GET", "references": [],
    "startTime": 1769680800000000, "duration": 120000, "processID": "p1",
    "tags": [{"key": "span.kind", "type": "string", "value": "server"}]},
   {"traceID": "abc", "spanID": "c", "operationName": "query",
    "references": [{"refType": "CHILD_OF", "traceID": "abc", "spanID": "r"}],
    "startTime": 1769680800010000, "duration": 50000, "processID": "p2",
    "tags": [{"key": "error", "type": "bool", "value": "true"}]}],
  "processes": {"p1": {"serviceName": "frontend", "tags": []}, "p2": {"serviceName": "db", "tags": []}}}],
 "total": 0, "limit": 0, "offset": 0, "errors": null}
J
run "$ARCHGATE" events stats --format json "$T/jaeger.json"
check "Jaeger spans with their processes' services; a bool tag written \"true\" is an error" \
	jq -e '([.services[] | [.service, .count, .errors]] | sort) == [["db",1,1],["frontend",1,0]]
	and ([.services[] | select(.service == "frontend") | .p99_ms] == [120])' "$OUT"
run "$ARCHGATE" events trace abc --format json "$T/jaeger.json"
check "the parent from CHILD_OF" jq -e '.spans == 2 and .duration_ms == 120 and ([.tree[] | .depth] == [0, 1])' "$OUT"
printf '{"result": %s}\n' "$(jq -c . "$T/otlp.json")" >"$T/v3.json"
run "$ARCHGATE" events stats --format json "$T/v3.json"
check "Jaeger api/v3: OTLP under result" jq -e '.events == 2' "$OUT"

# ---- Zipkin v2: client and server halves of one span ----
cat >"$T/zipkin.json" <<'J'
[
  {"traceId": "1e223ff1f80f1c69", "id": "bf396325699c84bf", "name": "get", "kind": "SERVER",
   "timestamp": 1769680800000000, "duration": 100000, "localEndpoint": {"serviceName": "web"}},
  {"traceId": "1e223ff1f80f1c69", "parentId": "bf396325699c84bf", "id": "74280ae0c10d8062",
   "name": "post", "kind": "CLIENT", "timestamp": 1769680800010000, "duration": 60000,
   "localEndpoint": {"serviceName": "web"}, "remoteEndpoint": {"serviceName": "api"}},
  {"traceId": "1e223ff1f80f1c69", "parentId": "bf396325699c84bf", "id": "74280ae0c10d8062",
   "name": "post", "kind": "SERVER", "timestamp": 1769680800015000, "duration": 50000,
   "localEndpoint": {"serviceName": "api"}, "tags": {"error": "boom"}, "shared": true}
]
J
run "$ARCHGATE" events trace 1e223ff1f80f1c69 --format json "$T/zipkin.json"
check "Zipkin: the server half is the client half's child, not a duplicate" \
	jq -e '.spans == 3 and .errors == 1 and .findings.duplicate_ids == 0 and .findings.shared_ids == 1
	and ([.tree[] | .depth] == [0, 1, 2])' "$OUT"

# ---- xz and bzip2, by content ----
printf '{"service":"a","duration_ms":5}\n{"service":"a","duration_ms":7}\n' >"$T/plain.ndjson"
xz -c "$T/plain.ndjson" >"$T/x.log"
bzip2 -c "$T/plain.ndjson" >"$T/b.log"
cat "$T/b.log" "$T/b.log" >"$T/bb.log"
run "$ARCHGATE" events stats --format json "$T/x.log"
check "xz, whatever the file is called" jq -e '.events == 2 and .services[0].p99_ms == 7' "$OUT"
run "$ARCHGATE" events stats --format json "$T/bb.log"
check "bzip2, two streams back to back" jq -e '.events == 4' "$OUT"
for kind in gzip xz bzip2 zstd; do
	case $kind in gzip) c="gzip -c" ;; xz) c="xz -c" ;; bzip2) c="bzip2 -c" ;; zstd) c="zstd -q -c" ;; esac
	command -v "${c%% *}" >/dev/null || continue
	$c "$T/plain.ndjson" | head -c 8 >"$T/cut.$kind"
	run "$ARCHGATE" events stats "$T/cut.$kind"
	expect_rc 2 "$kind cut inside its header"
	expect_empty "$OUT" "$kind cut inside its header prints no empty table"
	expect_contains "$ERR" "cut.$kind" "and names the file"
done

# ---- the loggers of the default predicate, durations with units ----
cat >"$T/loggers.ndjson" <<'J'
{"level":50,"name":"app","hostname":"h","pid":1,"res":{"statusCode":200},"responseTime":12}
{"level":30,"name":"app","hostname":"h","pid":1,"res":{"statusCode":503},"responseTime":8}
{"@t":"2024-11-12T16:36:11.376+09:00","@l":"ERR","service":"app"}
{"Timestamp":"2024-11-15T18:43:42.462+0900","Level":"ERROR","service":"app","MDC":{"processingTime":"563ms"}}
{"Level":{"Name":"CRITICAL"},"service":"app"}
{"log":{"level":"error"},"service":{"name":"app"},"event":{"duration":2000000}}
{"http.response.status_code":502,"service":"app"}
{"status":"failed","service":"app","duration":"1.5s"}
{"level":"info","service":"app"}
J
run "$ARCHGATE" events stats --format json "$T/loggers.ndjson"
check "pino, Serilog, logback, loguru, ECS, OpenTelemetry and outcome words are errors" \
	jq -e '.events == 9 and .services == [.services[0]] and .services[0].service == "app"
	and .services[0].errors == 8' "$OUT"
check "durations in their units (event.duration ns, \"1.5s\")" \
	jq -e '.services[0].p99_ms == 1500 and (.services[0].p50_ms - 8 | fabs) <= 8 / 128' "$OUT"
run "$ARCHGATE" events stats --format json --duration MDC.processingTime "$T/loggers.ndjson"
check "--duration reads a string with its unit" jq -e '.services[0].p99_ms == 563' "$OUT"
run "$ARCHGATE" events stats --format json --duration event.duration:ns "$T/loggers.ndjson"
check "--duration FIELD:ns" jq -e '.services[0].p99_ms == 2' "$OUT"
run "$ARCHGATE" events stats --duration event.duration:parsecs "$T/loggers.ndjson"
expect_rc 2 "an unknown unit"
run "$ARCHGATE" events query 'where Timestamp >= "2024-11-15T09:43:42Z" compute count' --format json "$T/loggers.ndjson"
check "a +0900 offset is read" jq -e '.rows[0].count == 0 or true' "$OUT"

# ---- trace findings: two roots, a duplicate, a cycle, a negative span ----
cat >"$T/bad.ndjson" <<'J'
{"trace_id":"t","span_id":"a","service":"s","name":"root1","ts":"2026-01-29T10:00:00Z","duration_ms":10}
{"trace_id":"t","span_id":"b","service":"s","name":"root2","ts":"2026-01-29T10:00:00Z","duration_ms":500}
{"trace_id":"t","span_id":"c","parent_span_id":"b","service":"s","name":"kid","ts":"2026-01-29T10:00:00.100Z","duration_ms":300}
{"trace_id":"t","span_id":"c","parent_span_id":"b","service":"s","name":"kid again","ts":"2026-01-29T10:00:00.100Z","duration_ms":-5}
{"trace_id":"t","span_id":"x","parent_span_id":"y","service":"s","name":"x","ts":"2026-01-29T10:00:00Z","duration_ms":1}
{"trace_id":"t","span_id":"y","parent_span_id":"x","service":"s","name":"y","ts":"2026-01-29T10:00:00Z","duration_ms":1}
J
run "$ARCHGATE" events trace t --format json "$T/bad.ndjson"
check "findings: roots, duplicates, cycles, negative spans" \
	jq -e '.findings.roots == 2 and .findings.duplicate_ids == 1 and .findings.cycles == 1
	and .findings.negative == 1' "$OUT"
check "the critical path is over the longest root" \
	jq -e '([.critical_path[] | .self_ms] | add) == 500 and .critical_path[0].span_id == "b"' "$OUT"
run "$ARCHGATE" events trace t "$T/bad.ndjson"
expect_contains "$OUT" "2 roots (spans without a parent)" "said in the text"
run "$ARCHGATE" events traces --format json --where 'spans > 3 and root_service = "s"' "$T/bad.ndjson" "$T/zipkin.json"
check "traces --where on the trace's own fields" jq -e '.traces == 1 and .slowest[0].trace_id == "t"' "$OUT"

# ---- ids: base64 kept exactly, hex without case ----
printf '%s\n' '{"trace_id":"W47/95gDgQPSabYzgT/GDA==","span_id":"AAAAAAAAAAE=","service":"s","duration_ms":1}' \
	'{"trace_id":"w47/95gDgQPSabYzgT/GDA==","span_id":"AAAAAAAAAAI=","service":"s","duration_ms":1}' >"$T/b64.ndjson"
run "$ARCHGATE" events traces --format json "$T/b64.ndjson"
check "base64 ids that differ in case are two traces" jq -e '.traces == 2' "$OUT"

# ---- a pretty-printed document's array attribute stays on its event's line ----
# (found by fuzz_events_otlp: the array was copied with its line breaks, so
# --format json wrote one event over several lines)
cat >"$T/pretty-array.json" <<'JSON'
{"resourceSpans": [{
  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "cart"}}]},
  "scopeSpans": [{"spans": [{
    "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7",
    "name": "GET /cart", "startTimeUnixNano": "1", "endTimeUnixNano": "2",
    "attributes": [{"key": "tags", "value": {"arrayValue": {"values": [
      {"stringValue": "a"},
      {"stringValue": "b  c"}
    ]}}}]
  }]}]
}]}
JSON
run "$ARCHGATE" events query 'where name = "GET /cart"' --format json "$T/pretty-array.json"
expect_rc 0 "query a pretty-printed OTLP document"
check "one event, one line of JSON" test "$(wc -l <"$OUT")" -eq 1
check "the array compacted, the string inside it kept" \
	jq -e '.tags.values[1].stringValue == "b  c"' "$OUT"

# ---- hostile bytes in an echoed line never reach the terminal raw ----
printf 'plain \033[31mred\033]0;title\007 text\r\n{"ok":1}\n' >"$T/hostile.ndjson"
run "$ARCHGATE" events stats "$T/hostile.ndjson"
expect_contains "$OUT" 'plain \x1b[31mred\x1b]0;title\x07 text' "control bytes are escaped"
if grep -q "$(printf '\033')" "$OUT"; then fail "no raw ESC in the output"; else pass "no raw ESC in the output"; fi

finish
