#!/bin/bash
# t0606-events-absent: when a field that stats or a query groups by or
# computes over is in no event, or a where clause names a field none of the
# first events has and nothing matched, archgate says so on stderr, names
# the nearest field that is there and the first few that are.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

printf '%s\n' '{"service":"a","latency":12,"lvl":"info","http":{"status":200}}' \
	'{"service":"b","latency":30,"lvl":"error","http":{"status":503}}' >"$T/f.ndjson"

run "$ARCHGATE" events stats --duration latncy "$T/f.ndjson"
expect_rc 0 "an absent field is a warning, not an error"
expect_contains "$ERR" "warning: no event has a number in the field 'latncy' (did you mean 'latency'?); the first events have service, latency, lvl, http, http.status" \
	"a misspelled duration field: did you mean, and the fields that are there"
run "$ARCHGATE" events stats --by servce "$T/f.ndjson"
expect_contains "$ERR" "no event has the field 'servce' (did you mean 'service'?)" "a misspelled group field"
run "$ARCHGATE" events query 'where htp.status >= 500 compute count' "$T/f.ndjson"
expect_contains "$ERR" "nothing matched, and none of the first events has the field 'htp.status' (did you mean 'http.status'?)" \
	"a misspelled field in a where clause, nested names dotted"
run "$ARCHGATE" events query 'where http.status >= 600 compute count' "$T/f.ndjson"
expect_empty "$ERR" "nothing matched, but the field is there: no warning"
run "$ARCHGATE" events query 'by service compute count, p99(latency)' "$T/f.ndjson"
expect_empty "$ERR" "fields that are there: no warning"
run "$ARCHGATE" events stats "$T/f.ndjson"
expect_empty "$ERR" "latency is one of the known duration fields"
printf '{"svc":"a"}\n' >"$T/g.ndjson"
run "$ARCHGATE" events stats "$T/g.ndjson"
expect_contains "$ERR" "no event has a number in the field 'duration_ms' (nor in any of the known duration fields, docs/events.md); the first events have svc" \
	"no known duration field: said, with the fields that are there"
expect_contains "$OUT" "1 lines, 1 events, 0 invalid, 1 service" "and the table is still written"
run "$ARCHGATE" events stats --duration svc "$T/g.ndjson"
expect_contains "$ERR" "no event has the field 'service' (nor any field the service is read from, docs/events.md)" \
	"no service field at all"
expect_contains "$ERR" "no event has a number in the field 'svc'" "a field that is there but is no number"

finish
