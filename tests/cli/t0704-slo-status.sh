#!/bin/bash
# t0704-slo-status: `slo status` from a real Prometheus (Debian's, started
# on 127.0.0.1 over a TSDB backfilled by `promtool tsdb create-blocks-from
# openmetrics` with known good and bad counts at known times) and from the
# same requests as an event file: the same budget from both engines.
# Prometheus down, silent or answering an error: exit 2 with the cause,
# no hang.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v prometheus >/dev/null && command -v promtool >/dev/null ||
	skip_all "prometheus is not installed (scripts/deps.sh --test installs it)"

S=$FIXTURES/slo-status
AT=2026-11-25T12:00:00Z
END=$(date -u -d "$AT" +%s)
T0=$((END - 7200))
# two hours of orders, 100 requests a minute; in the second hour one in
# every ten minutes fails: 6 bad of 12,000, 6 of them in the last hour
awk -v t0=$T0 'BEGIN { for (m = 0; m < 120; m++) for (i = 0; i < 100; i++)
	printf "{\"timestamp\":%d,\"service\":\"orders\",\"status\":%d}\n", t0 + m * 60 + 30,
		(m >= 60 && m % 10 == 0 && i == 0) ? 503 : 200 }' > orders.ndjson
# the same requests as Prometheus counters, one sample a minute
awk -v t0=$T0 'BEGIN { print "# TYPE orders_requests counter"
	for (s = 0; s < 2; s++) for (k = 0; k <= 120; k++) {
		e = 0; for (m = 60; m < k && m < 120; m += 10) e++
		if (s == 0) printf "orders_requests_total{outcome=\"error\"} %d %d\n", e, t0 + k * 60
		else printf "orders_requests_total{outcome=\"ok\"} %d %d\n", k * 100 - e, t0 + k * 60 }
	print "# EOF" }' > orders.om
check "promtool backfills the counters" promtool tsdb create-blocks-from openmetrics orders.om tsdb

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; cd /; rm -rf "$T"; }
trap stop_all EXIT
PORT=$(free_port)
printf 'global:\n  scrape_interval: 1m\n' > prometheus.yml
prometheus --config.file=prometheus.yml --storage.tsdb.path=tsdb --storage.tsdb.retention.time=100y \
	--web.listen-address=127.0.0.1:$PORT > prometheus.log 2>&1 &
PIDS+=($!)
for i in $(seq 100); do
	curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null && break
	sleep 0.2
done
check "prometheus is ready" curl -sf "http://127.0.0.1:$PORT/-/ready"

run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PORT" --at $AT
expect_rc 0 "status from Prometheus"
expect_line "$OUT" "  events 12000, bad 6 (allowed 12)" "the window's events and bad events"
expect_line "$OUT" "  SLI 99.95%, budget consumed 50%, remaining 50%" "half the budget gone"
expect_line "$OUT" "  burn rate: 1h 1x 6h 0.5x 1d 0.5x 3d 0.5x" "burning at 1x in the last hour"
expect_line "$OUT" "  budget exhausted in 15 days" "the rest lasts 15 days at that rate"
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PORT/" --at $END --format json
expect_rc 0 "as JSON, at unix seconds"
sed 's/"source":"[a-z]*",//; s/"file":"[^"]*","line":[0-9]*,//' "$OUT" > prom.json
run "$ARCHGATE" slo status "$S/events.yaml" --events orders.ndjson --at $AT --format json
expect_rc 0 "status from the event file"
sed 's/"source":"[a-z]*",//; s/"file":"[^"]*","line":[0-9]*,//' "$OUT" > events.json
check "both engines give the same budget, burn rates and events" cmp prom.json events.json
expect_contains "$OUT" '"budget_consumed":0.5,"budget_remaining":0.5,"burn_rates":{"1h":1,"6h":0.5,"1d":0.5,"3d":0.5},"time_to_exhaustion_seconds":1296000' "the documented JSON shape"

# the rules on the same data: the period's recording rule agrees
run "$ARCHGATE" slo rules "$S/prom.yaml" --output rules.yaml
expect_rc 0 "the rules of the same SLO"
q=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' \
	'(sum(increase(orders_requests_total{outcome="error"}[30d]))) / (sum(increase(orders_requests_total[30d])))')
check "Prometheus computes the 30d error ratio the rule records as 0.0005" sh -c \
	"curl -sf 'http://127.0.0.1:$PORT/api/v1/query?query=$q&time=$END' | grep -q '\"0.0005\"'"

# an events SLO is not counted from Prometheus, and the other way round
run "$ARCHGATE" slo status "$S/events.yaml" --url "http://127.0.0.1:$PORT" --at $AT
expect_rc 0 "an events SLO against Prometheus"
expect_line "$OUT" "  not counted: its indicator is not a Prometheus counter ratio" "is said not counted"

# Prometheus answering an error: an invalid regular expression
sed 's/outcome="error"/outcome=~"(("/' "$S/prom.yaml" > badre.yaml
run "$ARCHGATE" slo status badre.yaml --url "http://127.0.0.1:$PORT" --at $AT
expect_rc 2 "a query Prometheus refuses"
expect_contains "$ERR" "Prometheus at 'http://127.0.0.1:$PORT' answered HTTP 400" "says Prometheus refused it"
expect_empty "$OUT" "and reports nothing"

# Prometheus down
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PORT" --at $AT
expect_rc 2 "Prometheus down"
expect_contains "$ERR" "127.0.0.1:$PORT" "names where it looked"
expect_empty "$OUT" "and reports nothing"

# Prometheus silent: a socket that accepts and never answers
SPORT=$(free_port)
python3 -c 'import socket, time, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5)
c = s.accept(); time.sleep(60)' "$SPORT" &
PIDS+=($!)
sleep 0.5
start=$(date +%s)
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$SPORT" --at $AT --timeout 700
took=$(( $(date +%s) - start ))
expect_rc 2 "a Prometheus that never answers"
check "gives up after the timeout, not later (${took}s)" test "$took" -lt 10
expect_empty "$OUT" "and reports nothing"

# bad input
run "$ARCHGATE" slo status "$S/bad-predicate.yaml" --events orders.ndjson --at $AT
expect_rc 2 "a predicate that does not parse"
expect_contains "$ERR" "bad-predicate.yaml:16:22: error: the events predicate 'status >>= 500' does not parse" "at its place in the SLO file"
run "$ARCHGATE" slo status "$S/events.yaml" --at $AT
expect_rc 2 "neither --events nor --url"
expect_contains "$ERR" "give either --events LOG or --url URL" "says what to give"
run "$ARCHGATE" slo status "$S/events.yaml" --events orders.ndjson --at yesterday
expect_rc 2 "a time that is not one"
expect_contains "$ERR" "--at needs RFC 3339" "says which forms"
run "$ARCHGATE" slo status "$S/events.yaml" --events missing.ndjson --at $AT
expect_rc 2 "a missing event file"
expect_contains "$ERR" "missing.ndjson" "names it"
finish
