#!/bin/bash
# t0714-slo-datasource: an SLI's metricSource.metricSourceRef names an
# OpenSLO DataSource, which gives its type and where to count it: a
# Prometheus DataSource's url (a real Prometheus here, backfilled by
# promtool) and an archgate-events DataSource's file are the defaults of
# `slo status` without --url/--events and of the freeze in `gate deploy`
# without error_budget.events/prometheus; the flags and the policy still
# win. A missing DataSource, a type that disagrees with it and a URL that
# is not one are errors at file:line:col; a DataSource that is down is
# exit 2 with the cause.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v prometheus >/dev/null && command -v promtool >/dev/null ||
	skip_all "prometheus is not installed (scripts/deps.sh --test installs it)"
command -v git >/dev/null || skip_all "git is not installed"

S=$FIXTURES/slo-datasource
AT=2026-11-25T12:00:00Z
END=$(date -u -d "$AT" +%s)
T0=$((END - 7200))
R=$T/shop
mkdir -p "$R/logs"
cp -R "$FIXTURES/clean/arch" "$R/arch"
rm -f "$R"/arch/slo/*
# two hours of orders, 100 a minute; 6 of 12,000 fail in the second hour
awk -v t0=$T0 'BEGIN { for (m = 0; m < 120; m++) for (i = 0; i < 100; i++)
	printf "{\"timestamp\":%d,\"service\":\"orders\",\"status\":%d}\n", t0 + m * 60 + 30,
		(m >= 60 && m % 10 == 0 && i == 0) ? 503 : 200 }' > "$R/logs/orders.ndjson"
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

cp "$S/orders.yaml" "$R/arch/slo/orders.yaml"
sed "s|PROMETHEUS_URL|http://127.0.0.1:$PORT|" "$S/datasources.yaml" > "$R/arch/slo/datasources.yaml"

run_in "$R/arch" "$ARCHGATE" slo status --at $AT --format json
expect_rc 0 "slo status without --url or --events"
check "counted from the SLOs' DataSources" jq -e '.source == "datasources"' "$OUT"
check "the Prometheus one from the DataSource's url" jq -e '.slos[] | select(.name == "orders-prom")
	| .events == 12000 and .bad_events == 6 and .budget_consumed == 0.5' "$OUT"
check "the events one from its file, relative to the repository root" jq -e '.slos[] | select(.name == "orders-events")
	| .events == 12000 and .bad_events == 6 and .budget_consumed == 0.5' "$OUT"
jq -c '.slos[] | del(.name, .line)' "$OUT" > both.json
check "the same numbers from both" test "$(sort -u both.json | wc -l)" -eq 1

run_in "$R" "$ARCHGATE" slo status --events logs/orders.ndjson --at $AT
expect_rc 0 "--events still wins"
expect_contains "$OUT" "orders/orders-prom (99.9% over 30d)
  not counted: its indicator is not over archgate-events" "and counts only the events SLO"

# the gate: no source in the policy, so the DataSources
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main
git -C "$R" add -A
git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "Start" -m "Reviewed-by: Bob <bob@example.com>"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "half of both budgets spent: frozen"
expect_line "$OUT" "  orders-prom: 50% of the budget consumed (6 bad of 12000 events over 30d): risky changes are frozen" \
	"the Prometheus SLO through its DataSource"
expect_line "$OUT" "  orders-events: 50% of the budget consumed (6 bad of 12000 events over 30d): risky changes are frozen" \
	"the events SLO through its DataSource"

# a DataSource that is down
sed -i "s|http://127.0.0.1:$PORT|http://127.0.0.1:1|" "$R/arch/slo/datasources.yaml"
run_in "$R" "$ARCHGATE" slo status --at $AT
expect_rc 2 "a DataSource's Prometheus down: exit 2"
expect_contains "$ERR" "http://127.0.0.1:1" "names the DataSource's URL"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "the gate stops"
expect_line "$OUT" "  cannot read the SLO status (the SLOs' DataSources): STOP until it can be read" "and says why"

# no DataSource with a connection and no flag: the usage error as before
run "$ARCHGATE" slo status "$FIXTURES/slo-status/events.yaml"
expect_rc 2 "neither a flag nor a DataSource"
expect_contains "$ERR" "give either --events LOG or --url URL (or name a DataSource" "says what to give"

run "$ARCHGATE" slo budget "$S/bad-refs.yaml"
expect_rc 2 "broken references"
B=$S/bad-refs.yaml
expect_line "$ERR" "$B:9:10: error: url '127.0.0.1:9090' is not an http:// or https:// URL" "a URL without a scheme"
expect_line "$ERR" "$B:24:30: error: metricSourceRef 'no-such-source': no DataSource document of that name in the files read" \
	"a DataSource that is not there"
expect_line "$ERR" "$B:30:19: error: metricSource type 'archgate-events' is not the type of DataSource 'not-a-url' (Prometheus, in $B)" \
	"a type that disagrees with the DataSource"

# a name a reference resolves must be one document, not the first of two
run "$ARCHGATE" slo budget "$S/twice.yaml"
expect_rc 2 "a DataSource and an AlertPolicy defined twice"
W=$S/twice.yaml
expect_line "$ERR" "$W:15:9: error: DataSource 'metrics' is defined twice (also at $W:6): references to it would use the first" \
	"the second DataSource, pointing at the first"
expect_line "$ERR" "$W:42:9: error: AlertPolicy 'page' is defined twice (also at $W:24): references to it would use the first" \
	"the second AlertPolicy, pointing at the first"
finish
