#!/bin/bash
# t0602-events-query: `events query` filters and groups like jq would,
# reports query errors at their column; `events sql` answers through
# SQLite with the fields found as columns.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
EV=$FIXTURES/events-nasty/events.ndjson
OTLP=$FIXTURES/events-otlp/traces.json
python3 "$AG_SRC/bench/gen-events.py" 2 "$T/gen.ndjson" --seed 3

# selection: the matching lines as written, in input order
run "$ARCHGATE" events query 'where service = "search-api" and duration_ms >= 5' "$EV"
expect_rc 0 "a where-only query"
jq -R -c 'fromjson? | objects | select(.service == "search-api" and ((.duration_ms | numbers) >= 5))' \
	"$EV" >"$T/want"
jq -c . "$OUT" >"$T/got"
check "selects what jq selects, in order" cmp -s "$T/got" "$T/want"

run "$ARCHGATE" events query --threads 3 'where level = "error" limit 7' "$T/gen.ndjson"
jq -R -c 'fromjson? | objects | select(.level == "error")' "$T/gen.ndjson" | head -7 >"$T/want"
jq -c . "$OUT" >"$T/got"
check "limit keeps the first N in input order across threads" cmp -s "$T/got" "$T/want"

# grouping
run "$ARCHGATE" events query --format json 'by event compute count, sum(amount_cents), min(duration_ms), max(duration_ms) sort count desc' "$T/gen.ndjson"
expect_rc 0 "group by with aggregates"
jq -R -s -c '[split("\n")[] | fromjson? | objects] | group_by(.event)
	| map({event: .[0].event, count: length, sum: (map(.amount_cents) | add),
	       min: (map(.duration_ms) | min), max: (map(.duration_ms) | max)})
	| sort_by(-.count, .event)' "$T/gen.ndjson" >"$T/want"
jq -c '[.rows[] | {event, count, sum: ."sum(amount_cents)", min: ."min(duration_ms)", max: ."max(duration_ms)"}]' \
	"$OUT" >"$T/got"
check "count, sum, min and max equal jq's" cmp -s "$T/got" "$T/want"

run "$ARCHGATE" events query --format json 'by service compute count top 3' "$T/gen.ndjson"
check "top 3" jq -e '(.rows | length) == 3 and .groups == 12 and (.rows[0].count >= .rows[1].count)' "$OUT"

run "$ARCHGATE" events query --format json 'where service ~ "API" by lower(service) compute count' "$EV"
check "contains is case-insensitive; lower() groups" \
	jq -e '[.rows[]."service"] | sort == ["cart-api", "payment-api", "search-api"]' "$OUT"

run "$ARCHGATE" events query --format json --time-field ts 'every 1s compute count since "2026-01-29T10:00:01Z" until "2026-01-29T10:00:04Z"' "$T/gen.ndjson"
expect_rc 0 "time windows"
check "three one-second windows of 1000 events each" \
	jq -e '[.rows[] | [.window, .count]] == [["2026-01-29T10:00:01.000Z",1000],["2026-01-29T10:00:02.000Z",1000],["2026-01-29T10:00:03.000Z",1000]]' "$OUT"

run "$ARCHGATE" events query --format json 'by service compute count, p99(duration_ms), error_rate' "$OTLP"
check "OTLP spans are events with the same field names" \
	jq -e '(.rows | map({(.service): .count}) | add) == {"payment-api":3,"checkout-web":2,"gateway":1}' "$OUT"

run "$ARCHGATE" events query 'where status.code = 2' "$OTLP"
check "selected OTLP spans come out flat" jq -s -e 'map(.name) == ["POST /charge", "charge"] and .[0].user_id == 42' "$OUT"

# errors at the column
run "$ARCHGATE" events query 'where duration_ms > and service = "x"' "$EV"
expect_rc 2 "a malformed query"
expect_contains "$ERR" "error in the query at column 21" "names the column"
expect_contains "$ERR" "                    ^" "and points at it"
run "$ARCHGATE" events query 'by service compute p42(' "$EV"
expect_rc 2 "an unfinished aggregate"
run "$ARCHGATE" events query 'group by service' "$EV"
expect_contains "$ERR" "expected a clause" "an unknown clause"

# sql
run "$ARCHGATE" events sql --format json 'SELECT service, count(*) AS n FROM events WHERE service IS NOT NULL GROUP BY 1 ORDER BY 1' "$EV"
expect_rc 0 "events sql"
jq -R -s -c '[split("\n")[] | fromjson? | objects | select(.service != null)] | group_by(.service)
	| map({service: .[0].service, n: length})' "$EV" >"$T/want"
jq -c . "$OUT" >"$T/got"
check "SQL group by equals jq" cmp -s "$T/got" "$T/want"
run "$ARCHGATE" events sql --format csv 'SELECT _line, typeof(duration_ms) t FROM events WHERE _line IN (4, 5, 8)' "$EV"
check "columns keep JSON types; _line is the line" \
	cmp -s "$OUT" <(printf '_line,t\r\n4,integer\r\n5,real\r\n8,text\r\n')
run "$ARCHGATE" events sql 'SELECT name, "status.message" FROM events WHERE "status.code" = 2 ORDER BY 1' "$OTLP"
expect_contains "$OUT" "card declined" "OTLP spans are rows"
run "$ARCHGATE" events sql 'SELECT count(*) FROM events WHERE json_extract(_json, "$.nested.a[1].service") = "decoy2"' "$EV"
expect_line "$OUT" "1" "_json reaches nested fields"
run "$ARCHGATE" events sql 'SELECT nope FROM events' "$EV"
expect_rc 2 "an SQL error"
expect_contains "$ERR" "error in the SQL at column 8: no such column: nope" "at its column"

finish
