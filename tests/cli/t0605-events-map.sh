#!/bin/bash
# t0605-events-map: `events map` derives the calls between services from
# spans (a child span of another service; a client or producer span that
# names its peer), counts each call once, and draws the map with the
# diagram renderers; the observed-calls rule compares it with the model.
# The expected answers were worked out by hand from the spans below.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

cat >"$T/shop.ndjson" <<'J'
{"trace_id":"t1","span_id":"a1","service":"frontend","name":"GET /cart","kind":"server","duration_ms":50}
{"trace_id":"t1","span_id":"a2","parent_span_id":"a1","service":"frontend","name":"call cart","kind":"client","peer.service":"cart","duration_ms":40}
{"trace_id":"t1","span_id":"b1","parent_span_id":"a2","service":"cart","name":"GetCart","kind":"server","duration_ms":30}
{"trace_id":"t1","span_id":"b2","parent_span_id":"b1","service":"cart","name":"HGET","kind":"client","db.system":"redis","duration_ms":2}
{"trace_id":"t2","span_id":"c1","service":"frontend","name":"POST /checkout","kind":"server","duration_ms":200}
{"trace_id":"t2","span_id":"c2","parent_span_id":"c1","service":"checkout","name":"PlaceOrder","kind":"server","duration_ms":150,"level":"error"}
{"trace_id":"t2","span_id":"c3","parent_span_id":"c2","service":"checkout","name":"charge","kind":"client","peer.service":"payment","duration_ms":100,"status_code":503}
{"trace_id":"t3","span_id":"d1","service":"frontend","name":"GET /cart","kind":"server","duration_ms":20}
{"trace_id":"t3","span_id":"d2","parent_span_id":"d1","service":"cart","name":"GetCart","kind":"server","duration_ms":10}
{"trace_id":"t3","span_id":"d3","parent_span_id":"d2","name":"no service"}
J
run "$ARCHGATE" events map --format json "$T/shop.ndjson"
expect_rc 0 "events map reads NDJSON spans"
check "each caller-callee pair once, the callee's span timing it; a client span whose callee is traced is not counted again" \
	jq -e '[.calls[] | [.from, .to, .calls, .errors, .p50_ms, .p99_ms, .via]] ==
	[["cart","redis",1,0,2,2,"peer"],["checkout","payment",1,1,100,100,"peer"],
	 ["frontend","cart",2,0,10,30,"span"],["frontend","checkout",1,1,150,150,"span"]]' "$OUT"
check "services with their spans; peers only named have none" \
	jq -e '[.services[] | [.name, .spans]] == [["cart",3],["checkout",2],["frontend",4],["payment",0],["redis",0]]
	and .spans == 10 and .traces == 3 and ([.calls[] | .trace_id] == ["t1","t2","t1","t2"])' "$OUT"
run "$ARCHGATE" events map "$T/shop.ndjson"
expect_line "$OUT" "frontend  cart            2       0   0.0%       10.0       30.0  child span" "a text table"
expect_contains "$OUT" "5 services, 5 calls on 4 edges, from 10 spans in 3 traces" "and what was read"
expect_contains "$OUT" "1 span without a service (service, service.name) left out" "a span without a service is said, not guessed"

# Zipkin's client and server halves share one span id: one call, not two
cat >"$T/zipkin.json" <<'J'
[{"traceId":"00000000000000aa","id":"0000000000000001","kind":"SERVER","timestamp":1769680800000000,"duration":100000,"localEndpoint":{"serviceName":"web"}},
 {"traceId":"00000000000000aa","parentId":"0000000000000001","id":"0000000000000002","kind":"CLIENT","timestamp":1769680800010000,"duration":60000,"localEndpoint":{"serviceName":"web"},"remoteEndpoint":{"serviceName":"api"}},
 {"traceId":"00000000000000aa","parentId":"0000000000000001","id":"0000000000000002","kind":"SERVER","timestamp":1769680800015000,"duration":50000,"localEndpoint":{"serviceName":"api"},"tags":{"error":"x"},"shared":true}]
J
run "$ARCHGATE" events map --format json "$T/zipkin.json"
check "Zipkin: a shared span is one call, timed by its server half" \
	jq -e '[.calls[] | [.from, .to, .calls, .errors, .p99_ms]] == [["web","api",1,1,50]]' "$OUT"

# OTLP: child spans across resources
run "$ARCHGATE" events map --format json "$FIXTURES/events-otlp/traces.json"
check "OTLP resource services" jq -e '[.calls[] | [.from, .to]] == [["checkout-web","payment-api"],["gateway","checkout-web"]]' "$OUT"

# nothing to map: say so, and what was looked for
printf '{"service":"a","event":"x"}\n' >"$T/flat.ndjson"
run "$ARCHGATE" events map "$T/flat.ndjson"
expect_rc 0 "no spans is not an error"
expect_contains "$OUT" "no call between services: looked for spans whose parent span is of another service" "it says where it looked"

# drawn by the diagram renderers, names escaped
printf '%s\n' '{"trace_id":"x","span_id":"1","service":"we\"b<i>","kind":"server"}' \
	'{"trace_id":"x","span_id":"2","parent_span_id":"1","service":"api","kind":"server","duration_ms":4}' >"$T/odd.ndjson"
run "$ARCHGATE" events map --format mermaid-flowchart "$T/odd.ndjson"
expect_rc 0 "mermaid"
expect_contains "$OUT" '-->|"1 call, 0 errors, p99 4.0 ms"|' "an arrow per pair, labelled with calls, errors and p99"
expect_not_contains "$OUT" '<i>' "service names are escaped"
run "$ARCHGATE" events map --format dot "$T/shop.ndjson"
expect_contains "$OUT" 'e_redis [label=<<b>redis</b>' "a callee only named by client spans is an external system"
if command -v dot >/dev/null; then
	run "$ARCHGATE" events map --format svg "$T/shop.ndjson"
	expect_contains "$OUT" "<svg" "svg through Graphviz"
fi
run "$ARCHGATE" events map --format yaml "$T/shop.ndjson"
expect_rc 2 "an unknown format"

# the observed-calls rule: the traces against the model
mkdir -p "$T/repo/arch" "$T/repo/logs" "$T/repo/.git"
cp "$T/shop.ndjson" "$T/repo/logs/spans.ndjson"
cat >"$T/repo/arch/system.yaml" <<'Y'
system: {name: Shop}
boundaries:
  containers:
    - {id: frontend, name: Frontend, kind: web}
    - {id: cart, name: Cart, kind: service}
    - {id: orders, name: Orders, kind: service}
    - {id: payment, name: Payment, kind: service}
  relations:
    - {from: frontend, to: cart, label: Reads carts from}
    - {from: cart, to: frontend, label: Notifies}
    - {from: frontend, to: orders, label: Places orders with}
observability:
  events: [logs/*.ndjson, logs/none-*.json]
Y
run_in "$T/repo" "$ARCHGATE" check --format json --phase 2.5
jq -r '.findings[] | select(.rule == "observed-calls") | .message' "$OUT" >"$T/obs.txt"
expect_contains "$T/obs.txt" "the relation 'cart' -> 'frontend' is never seen in the traces (10 spans in 3 traces), though both emit spans" "a declared relation never seen"
expect_contains "$T/obs.txt" "service 'checkout' emits 2 spans (e.g. trace t2) but is not a container of the model" "a service that is not a container"
expect_not_contains "$T/obs.txt" "'frontend' to 'orders'" "a relation to a service that emits no spans cannot be judged"
expect_not_contains "$T/obs.txt" "'frontend' calling 'cart'" "a declared call is no finding"
cat >>"$T/repo/logs/spans.ndjson" <<'J'
{"trace_id":"t4","span_id":"e1","service":"cart","kind":"server"}
{"trace_id":"t4","span_id":"e2","parent_span_id":"e1","service":"payment","kind":"server","duration_ms":3}
J
run_in "$T/repo" "$ARCHGATE" check --format json --phase 2.5
jq -r '.findings[] | select(.rule == "observed-calls") | .message' "$OUT" >"$T/obs.txt"
expect_contains "$T/obs.txt" "the traces show 'cart' calling 'payment' (1 call, e.g. trace t4) but system.yaml has no relation from 'cart' to 'payment'" "an undeclared call names a trace that shows it"
run_in "$T/repo" "$ARCHGATE" check --phase 2.5
expect_contains "$OUT" "warning: observability.events path 'logs/none-*.json' matches no file [observed-calls]" "a pattern that matches nothing is said, at its place"

finish
