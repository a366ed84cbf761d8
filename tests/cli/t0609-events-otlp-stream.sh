#!/bin/bash
# t0609-events-otlp-stream: pretty-printed OTLP/JSON documents are read
# streaming (ADR-058): each span, log record and metric as soon as its
# object is complete. The answers are those of the whole-document reader,
# which reads the same document written on one line (an NDJSON line): the
# fixtures put keys where exporters do not (spans before their scope, a
# resource after its spans or missing, a non-object among the spans, an
# escaped key, kinds and codes out of range), several resources, spans,
# logs and metrics in one document and two documents in one file; and a
# syntax break after two records, a file cut inside a span.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
F=$FIXTURES/events-otlp-stream

# every document on one line: no string in the fixtures holds a newline
one_line() {
	awk 'NR > 1 && /^[{[]/ { print "" } { printf "%s", $0 } END { print "" }' "$1"
}

# ---- the same records as the whole-document reader ----
for f in multi mixed; do
	one_line "$F/$f.json" >"$T/$f.ndjson"
	run "$ARCHGATE" events query 'limit 1000' --no-progress "$F/$f.json"
	expect_rc 0 "$f: query every record"
	cp "$OUT" "$T/$f.stream"
	run "$ARCHGATE" events query 'limit 1000' --no-progress "$T/$f.ndjson"
	check "$f: the same records, field for field, as the document on one line" \
		cmp -s "$T/$f.stream" "$OUT"
	for t in 1 2; do
		run "$ARCHGATE" events stats --format json --threads $t --no-progress "$F/$f.json"
		jq -S 'del(.lines, .bytes)' "$OUT" >"$T/$f.stats"
		run "$ARCHGATE" events stats --format json --threads $t --no-progress "$T/$f.ndjson"
		jq -S 'del(.lines, .bytes)' "$OUT" >"$T/$f.line.stats"
		check "$f, $t thread(s): the same statistics as on one line" \
			cmp -s "$T/$f.stats" "$T/$f.line.stats"
	done
done

# ---- several resources; keys in unusual order ----
run "$ARCHGATE" events query 'by service compute count' --format json --no-progress "$F/multi.json"
check "resources in order; the one whose attributes come after its spans is still 'payments'" \
	jq -e '([.rows[] | [.service, .count]] | sort) == [["gateway",2],["ledger",2],["payments",2]]' "$OUT"
run "$ARCHGATE" events query 'where span_id = "1111111111111111"' --format json --no-progress "$F/multi.json"
check "spans before their scope: the scope's name; snake_case keys; kind 1e300 and a code beyond any int are no kind, no code" \
	jq -e '."scope.name" == "pay.core" and .parent_span_id == "0102040810203040" and .kind == null and ."status.code" == 0' "$OUT"
run "$ARCHGATE" events query 'where span_id = "4444444444444444"' --format json --no-progress "$F/multi.json"
check "an escaped key is not traceId; a string with escapes is kept" \
	jq -e '.trace_id == "5b8efff798038103d269b633813fc60c" and .name == "write \"journal\""' "$OUT"
run "$ARCHGATE" events trace 5b8efff798038103d269b633813fc60c --no-progress "$F/multi.json"
expect_rc 0 "the trace across the resources"
expect_contains "$OUT" "6 spans, 3 services, 250.000 ms, 1 error" "all six spans in one tree"
expect_contains "$OUT" '`- ledger: write "journal"' "the deepest span under its parent"

# ---- spans, logs and metrics in one document, and a second document ----
run "$ARCHGATE" events stats --format json --no-progress "$F/mixed.json"
check "1 span, 3 log records, 3 data points; the log records of ERROR and the span of code 2 are errors" \
	jq -e '.events == 7 and .invalid == 0 and ([.services[] | select(.service == "cart") | .count, .errors] == [6, 2])' "$OUT"
run "$ARCHGATE" events query 'where metric = "http.server.duration"' --format json --no-progress "$F/mixed.json"
check "a histogram whose kind comes before its name" \
	jq -e '.count == 3 and .sum == 30 and .max == 15 and .unit == "ms"' "$OUT"
run "$ARCHGATE" events query 'where severity = "WARN"' --format json --no-progress "$F/mixed.json"
check "the second document: its resource after its logs, its scope after the records" \
	jq -e '.service == "worker" and ."scope.name" == "late"' "$OUT"

# ---- records before a syntax break ----
run "$ARCHGATE" events stats --format json --no-progress "$F/broken.json"
expect_rc 0 "a broken document is an invalid record, not a failure"
check "the two spans before the break are read, then the document after it" \
	jq -e '.events == 3 and .invalid == 1 and ([.services[] | [.service, .count]] == [["api",2],[null,1]])' "$OUT"
check "the break where the scanner puts it: line 11, column 13, its message" \
	jq -e '.invalid_examples[0] | .line == 11 and .col == 13 and .message == "expected '"','"' or '"']'"' in an array"' "$OUT"
run "$ARCHGATE" events lint --no-progress "$F/broken.json"
expect_contains "$OUT" "broken.json:11:13: expected ',' or ']' in an array" "lint: file:line:col and the message"
run "$ARCHGATE" events stats --format json --no-progress "$F/truncated.json"
expect_rc 0 "a file cut inside a span"
check "the span before the cut is read; the cut is one invalid record at the end" \
	jq -e '.events == 1 and .invalid == 1 and .invalid_examples[0].message == "unterminated string"' "$OUT"
printf '{\n  "resourceSpans": [\n' >"$T/open.json"
run "$ARCHGATE" events stats --format json --no-progress "$T/open.json"
check "a document that ends after its opening: an unterminated array" \
	jq -e '.events == 0 and .invalid == 1 and .invalid_examples[0].message == "unterminated array"' "$OUT"
printf '{\n  "resourceSpans": [\n    [1]\n  ],\n  "resourceLogs": []\n}\n' >"$T/shape.json"
run "$ARCHGATE" events stats --format json --no-progress "$T/shape.json"
check "JSON, but not OTLP's shape: the whole-document reader's message" \
	jq -e '.invalid == 1 and .invalid_examples[0].message == "an element of the resource list is not an object" and .invalid_examples[0].line == 1' "$OUT"

finish
