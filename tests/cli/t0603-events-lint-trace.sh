#!/bin/bash
# t0603-events-lint-trace: `events lint` measures structure against the
# model and policy (exit 1 below the thresholds); `events trace` and
# `events traces` assemble spans spread over lines into trees with a
# critical path; OTLP/JSON works everywhere NDJSON does.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
EV=$FIXTURES/events-nasty/events.ndjson
OTLP=$FIXTURES/events-otlp/traces.json
copy_fixture events-repo

# lint without a model: the default required fields and 99%
run "$ARCHGATE" events lint "$EV"
expect_rc 1 "the nasty corpus is below 99% JSON"
expect_contains "$OUT" "events.ndjson:7:1: not JSON: a plain text line" "text lines with their line numbers"
expect_contains "$OUT" "User 42 charged \$19.99 in 234ms" "and their text"
expect_match "$OUT" "^  duration_ms: number [0-9]+ \(first .*events.ndjson:1\) string 2 \(first .*events.ndjson:8\)" \
	"a field written as a number and as a string, with the first line of each"
run "$ARCHGATE" events lint --format json "$EV"
check "json: share, coverage and types" jq -e '.lines == 27 and .invalid == 4 and .ok == false
	and (.json_share * 1000 | round) == 840
	and ([.required[] | select(.field == "service") | .present] == [19])
	and ([.fields[] | select(.field == "duration_ms") | .consistent] == [false])' "$OUT"

# lint with the model: its required fields, its thresholds, its files
run_in "$T/events-repo" "$ARCHGATE" events lint --format json
expect_rc 0 "the repository's logs pass its policy (80% JSON, 75% coverage)"
check "required fields from the model, nested and dotted" \
	jq -e '[.required[] | [.field, .present]] == [["trace_id",5],["service",5],["event",5],["http.status",4]]
	and .min_json_share == 0.8' "$OUT"
cat >"$T/events-repo/arch/archgate.yaml" <<'EOT'
version: 1
events: {min_json_share: 0.9}
EOT
run_in "$T/events-repo" "$ARCHGATE" events lint
expect_rc 1 "a stricter policy fails the same logs"
expect_contains "$OUT" "(policy: at least 90.00%)  FAIL" "and says why"
cat >"$T/events-repo/arch/archgate.yaml" <<'EOT'
version: 1
events: {min_json_share: 2}
EOT
run_in "$T/events-repo" "$ARCHGATE" events lint
expect_rc 2 "a share above 1 is a policy error"
expect_contains "$ERR" "'min_json_share' is a share between 0 and 1" "with a message"

printf '{"trace_id":"x","span_id":"y","service":"s","event":"e"}\n' >"$T/good.ndjson"
run "$ARCHGATE" events lint "$T/good.ndjson"
expect_rc 0 "a clean log passes"
run "$ARCHGATE" events lint --format json "$OTLP"
check "OTLP spans cover the required fields" \
	jq -e '.events == 6 and ([.required[].present] == [6,6,6,6]) and .ok' "$OUT"

# traces
run "$ARCHGATE" events trace 4BF92F3577B34DA6A3CE929D0E0E4736 "$OTLP"
expect_rc 0 "a trace by id, in either case"
expect_golden events-trace.txt "$OUT" "tree, timings and critical path"
run "$ARCHGATE" events trace --format json 4bf92f3577b34da6a3ce929d0e0e4736 "$OTLP"
check "the critical path's self times add up to the trace" \
	jq -e '([.critical_path[].self_ms] | add) == .duration_ms and .duration_ms == 412' "$OUT"
run "$ARCHGATE" events trace ffff "$OTLP"
expect_rc 1 "an unknown trace"
expect_contains "$ERR" "no span of trace 'ffff'" "says so"

# spans of one trace spread over two NDJSON files, out of order
cat >"$T/a.ndjson" <<'EOT'
{"trace_id":"T1","span_id":"c","parent_span_id":"b","service":"db","event":"query","ts":"2026-01-29T10:00:00.030Z","duration_ms":50}
{"trace_id":"T2","span_id":"z","service":"web","event":"health","ts":"2026-01-29T10:00:01Z","duration_ms":1}
EOT
cat >"$T/b.ndjson" <<'EOT'
{"trace_id":"T1","span_id":"a","service":"gateway","event":"GET /","ts":"2026-01-29T10:00:00Z","duration_ms":100}
{"trace_id":"T1","span_id":"b","parent_span_id":"a","service":"api","event":"handle","ts":"2026-01-29T10:00:00.010Z","duration_ms":80,"level":"error"}
EOT
run "$ARCHGATE" events trace --format json T1 "$T/a.ndjson" "$T/b.ndjson"
check "NDJSON spans across files form one tree" \
	jq -e '[.tree[] | [.span_id, .depth, .start_ms]] == [["a",0,0],["b",1,10],["c",2,30]]
	and .errors == 1 and ([.critical_path[].self_ms] == [20, 30, 50])' "$OUT"
run "$ARCHGATE" events traces --slowest 1 --format json "$T/a.ndjson" "$T/b.ndjson"
check "the slowest trace" jq -e '.traces == 2 and .slowest[0].trace_id == "T1"
	and .slowest[0].duration_ms == 100 and .slowest[0].spans == 3
	and .slowest[0].root_service == "gateway"' "$OUT"
run "$ARCHGATE" events traces "$OTLP"
expect_match "$OUT" "^4bf92f3577b34da6a3ce929d0e0e4736 +412.000 +5 +2  gateway: GET /checkout" "traces lists the slowest first"

# OTLP stats
run "$ARCHGATE" events stats --format json "$OTLP"
check "OTLP stats: service from the resource, status.code 2 is an error" \
	jq -e '[.services[] | [.service, .count, .errors]] == [["payment-api",3,1],["checkout-web",2,1],["gateway",1,0]]
	and .lines == 3 and .events == 6' "$OUT"

run "$ARCHGATE" events stats --format json "$OTLP"
check "OTLP durations: mean exact, percentiles within 1%" jq -e '
	def close(a; b): ((a - b) | fabs) <= 0.01 * b;
	(.services[] | select(.service == "payment-api")) as $p
	| ($p.mean_ms - 90.166667 | fabs) < 1e-5 and close($p.p50_ms; 40) and close($p.p99_ms; 228)
	and ((.services[] | select(.service == "checkout-web") | .p50_ms) as $c | close($c; 234))' "$OUT"

# OTLP logs: each log record is an event
LOGS=$FIXTURES/events-otlp/logs.json
run "$ARCHGATE" events stats --format json "$LOGS"
check "OTLP log records: service, severity as level, attributes" \
	jq -e '.events == 2 and .services[0].service == "payment-api" and .services[0].errors == 1
	and .services[0].mean_ms == 123.25' "$OUT"
run "$ARCHGATE" events query 'where severity = "ERROR"' "$LOGS"
check "a selected log record, flat" jq -e '.event == "charge_failed" and .user_id == 42
	and .trace_id == "4bf92f3577b34da6a3ce929d0e0e4736" and .timestamp == 1769680800000000000' "$OUT"

finish
