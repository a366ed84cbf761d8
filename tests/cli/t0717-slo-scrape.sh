#!/bin/bash
# t0717-slo-scrape: `slo status --url` against a Prometheus that scrapes a
# real exporter the test starts (Debian's prometheus-pushgateway), not a
# backfilled TSDB: counters pushed at zero, scraped, pushed again with 5
# failed of 10,000 requests, scraped; the SLI and the budget come out of
# Prometheus's own increase() over live samples. Both counters are scraped
# at the same instants, so whatever Prometheus extrapolates, their ratio is
# exact.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v prometheus >/dev/null && command -v prometheus-pushgateway >/dev/null ||
	skip_all "prometheus or prometheus-pushgateway is not installed (scripts/deps.sh --test installs them)"

S=$FIXTURES/slo-status
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; cd /; rm -rf "$T"; }
trap stop_all EXIT
# until CMD succeeds (at most 300 tries of 0.1 s)
until_ok() {
	for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
	return 1
}
# the value of a PromQL query now, or nothing
value() {
	curl -sf --get "http://127.0.0.1:$PP/api/v1/query" --data-urlencode "query=$1" |
		python3 -c 'import json,sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
push() { # OK ERRORS
	printf '# TYPE orders_requests_total counter\norders_requests_total{outcome="ok"} %s\norders_requests_total{outcome="error"} %s\n' "$1" "$2" |
		curl -sf --data-binary @- "http://127.0.0.1:$PG/metrics/job/orders"
}

PG=$(free_port)
prometheus-pushgateway --web.listen-address="127.0.0.1:$PG" --persistence.file= >pg.log 2>&1 &
PIDS+=($!)
check "the pushgateway starts" until_ok curl -sf "http://127.0.0.1:$PG/metrics"
check "the counters are pushed at zero" push 0 0

PP=$(free_port)
cat > prometheus.yml <<EOF
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:$PG']
EOF
prometheus --config.file=prometheus.yml --storage.tsdb.path=tsdb \
	--web.listen-address=127.0.0.1:$PP > prometheus.log 2>&1 &
PIDS+=($!)
check "prometheus is ready" until_ok curl -sf "http://127.0.0.1:$PP/-/ready"
zero_twice() { [ "$(value 'count_over_time(orders_requests_total{outcome="error"}[1m])')" -ge 2 ] 2>/dev/null; }
check "prometheus scraped the zeros twice" until_ok zero_twice
check "5 of 10,000 requests failed" push 9995 5
scraped() { [ "$(value 'orders_requests_total{outcome="error"}')" = 5 ]; }
check "prometheus scraped the new counts" until_ok scraped
# the samples of the last minute whose value is 5: at least two
twice() {
	curl -sf --get "http://127.0.0.1:$PP/api/v1/query" \
		--data-urlencode 'query=orders_requests_total{outcome="error"}[1m]' |
		python3 -c 'import json,sys; r = json.load(sys.stdin)["data"]["result"]
sys.exit(0 if r and sum(v == "5" for _, v in r[0]["values"]) >= 2 else 1)'
}
check "and scraped them again" until_ok twice

# the instant to ask about is Prometheus's own now: the test's clock may be
# somebody else's (scripts/test.sh runs the suite a year ahead under
# faketime, which a Go binary does not see)
NOW=$(value 'vector(time())')
NOW=${NOW%.*}
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PP" --at "$NOW"
expect_rc 0 "status from the scraping Prometheus"
expect_line "$OUT" "  SLI 99.95%, budget consumed 50%, remaining 50%" \
	"0.05% failed against a 99.9% objective: half the budget, from live samples"
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PP" --at "$NOW" --format json
expect_rc 0 "as JSON"
check "the budget consumed is 0.5 (to rounding: Prometheus extrapolates both counters alike)" \
	python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))["slos"][0]["budget_consumed"]; sys.exit(abs(v - 0.5) > 1e-9)' "$OUT"

# the exporter stops; Prometheus still answers from what it scraped
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null
run "$ARCHGATE" slo status "$S/prom.yaml" --url "http://127.0.0.1:$PP" --at "$NOW"
expect_rc 0 "the exporter gone, the samples stay"
expect_line "$OUT" "  SLI 99.95%, budget consumed 50%, remaining 50%" "the same budget"
finish
