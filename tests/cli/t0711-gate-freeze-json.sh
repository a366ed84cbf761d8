#!/bin/bash
# t0711-gate-freeze-json: `gate deploy --format json` (docs/json.md): the
# verdict, the review, the red flags and the error budget: each commit
# classified with its reasons, each SLO with what it froze, since when
# (from event files and from a real Prometheus),
# the commits it blocks and any exception.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v jq >/dev/null || skip_all "jq is not installed"

R=$T/shop
mkdir -p "$R/logs"
cp -R "$FIXTURES/clean/arch" "$R/arch"
cp "$FIXTURES/gate-risky/orders-slo.yaml" "$R/arch/slo/orders.yaml"
cp "$FIXTURES/gate-risky/orders.ndjson" "$R/logs/orders.ndjson"
printf '%s\nerror_budget:\n  events: logs/orders.ndjson\n  risky:\n    paths: ["migrations/**"]\n    labels: [db-change]\n' \
	"$(cat "$FIXTURES/clean/arch/archgate.yaml")" > "$R/arch/archgate.yaml"
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main
commit() {
	mkdir -p "$R/$(dirname "$2")"
	echo "$1" >> "$R/$2"
	git -C "$R" add -A
	git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "$1" \
		-m "Reviewed-by: Bob <bob@example.com>"
	git -C "$R" rev-parse HEAD
}
commit "Start" README >/dev/null
git -C "$R" tag deploy/1
DOCS=$(commit "docs: the orders API" docs/orders.md)
MIG=$(commit "Add the coupons table" migrations/0001-coupons.sql)

run_in "$R" "$ARCHGATE" gate deploy --format json --labels "ux, db-change"
expect_rc 1 "STOP, in JSON too"
check "the output is one JSON document" jq -e . "$OUT"
check "verdict, range, review and red flags" sh -c "jq -e '.verdict == \"stop\" and .range == \"deploy/1..HEAD\" and .review.unreviewed == 0 and .red_flags == []' '$OUT'"
check "the policy's numbers and the labels" sh -c "jq -e '.error_budget.source == \"events\" and .error_budget.freeze_at == 0.5 and .error_budget.freeze_all_at == 1 and .error_budget.labels == [\"ux\", \"db-change\"] and .error_budget.frozen == true' '$OUT'"
check "each commit with its reasons" sh -c "jq -e '.error_budget.commits[0] == {\"sha\": \"$MIG\", \"subject\": \"Add the coupons table\", \"risky\": true, \"risky_because\": [\"path migrations/0001-coupons.sql (migrations/**)\", \"label db-change\"], \"fix\": false, \"fix_because\": []}' '$OUT'"
check "the docs commit is risky by the label only" sh -c "jq -e '.error_budget.commits[1].sha == \"$DOCS\" and .error_budget.commits[1].risky_because == [\"label db-change\"]' '$OUT'"
check "the SLO: consumed, frozen, since, blocking" sh -c "jq -e '.error_budget.slos[0] | .name == \"orders-availability\" and .consumed == 0.6 and .bad == 6 and .total == 100 and .window == \"30d\" and .frozen == \"risky\" and .since.risky == {\"at\": \"2026-11-24T09:15:00Z\", \"or_earlier\": false} and .since.all_but_fixes == null and .since_unknown == null and .blocking == [\"$MIG\", \"$DOCS\"] and .stops == true and .exception == null and .expired_exception == null' '$OUT'"

run_in "$R" "$ARCHGATE" gate deploy "deploy/1..$DOCS" --format json
expect_rc 0 "GO for the docs commit without the label"
check "nothing blocks, nothing stops" sh -c "jq -e '.verdict == \"go\" and .error_budget.frozen == false and .error_budget.slos[0].blocking == [] and .error_budget.slos[0].stops == false and .error_budget.slos[0].frozen == \"risky\"' '$OUT'"

# an exception ADR
cat > "$R/arch/decisions/0003-ship-the-coupons-during-the-orders-freeze.md" <<'ADR'
# ADR-003: Ship the coupons table during the orders freeze

**Status:** Accepted
**Date:** 2026-11-24
**Deciders:** The team
**Expires:** 2026-11-30

## Context

The orders-availability budget is past half; the coupons table must ship.

## Decision

We will deploy the coupons migration while orders-availability is frozen.

## Consequences

### Positive

- Coupons launch on time.

## Alternatives Considered

| Option | Pros | Cons | Why Rejected |
|--------|------|------|---------------|
| Ship now (chosen) | On time | Risk in a frozen week | N/A |
| Wait for the budget | No risk | The launch slips | The launch date is contractual |
ADR
run_in "$R" "$ARCHGATE" gate deploy --format json
expect_rc 0 "the exception lets it through"
check "and is named" sh -c "jq -e '.error_budget.slos[0].exception == {\"file\": \"arch/decisions/0003-ship-the-coupons-during-the-orders-freeze.md\", \"expires\": \"2026-11-30\"} and .error_budget.slos[0].stops == false and .error_budget.slos[0].blocking == [\"$MIG\"]' '$OUT'"

# the budget exhausted: both since fields
cp "$FIXTURES/gate-risky/orders-exhausted.ndjson" "$R/logs/orders.ndjson"
rm "$R/arch/decisions/0003-ship-the-coupons-during-the-orders-freeze.md"
run_in "$R" "$ARCHGATE" gate deploy --format json
expect_rc 1 "exhausted"
check "frozen for all but fixes, since the eleventh 503's minute" sh -c "jq -e '.error_budget.slos[0] | .frozen == \"all_but_fixes\" and .since.all_but_fixes.at == \"2026-11-25T05:30:00Z\" and .since.risky.at == \"2026-11-24T09:15:00Z\"' '$OUT'"

# no status source
printf '%s\n' "$(cat "$FIXTURES/clean/arch/archgate.yaml")" > "$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" gate deploy --format json
expect_rc 0 "without a status source"
check "source null, nothing frozen" sh -c "jq -e '.error_budget == {\"source\": null, \"freeze_at\": 0.5, \"freeze_all_at\": 1, \"labels\": [], \"frozen\": false} and .verdict == \"go\"' '$OUT'"

# since when, from a real Prometheus: t0704's two hours of orders (100 a
# minute, a 503 every ten minutes of the second hour) backfilled, 6 bad of
# 12,000 at noon: half the budget; the sixth failure (counted from 11:51)
# tipped it, found by one range query per count at the 10m step
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
	END=$(date -u -d "${ARCHGATE_TODAY}T12:00:00Z" +%s)
	T0=$((END - 7200))
	(cd "$T" && awk -v t0=$T0 'BEGIN { print "# TYPE orders_requests counter"
		for (s = 0; s < 2; s++) for (k = 0; k <= 120; k++) {
			e = 0; for (m = 60; m < k && m < 120; m += 10) e++
			if (s == 0) printf "orders_requests_total{outcome=\"error\"} %d %d\n", e, t0 + k * 60
			else printf "orders_requests_total{outcome=\"ok\"} %d %d\n", k * 100 - e, t0 + k * 60 }
		print "# EOF" }' > orders.om && promtool tsdb create-blocks-from openmetrics orders.om tsdb >/dev/null)
	PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	printf 'global:\n  scrape_interval: 1m\n' > "$T/prometheus.yml"
	(cd "$T" && exec prometheus --config.file=prometheus.yml --storage.tsdb.path=tsdb \
		--storage.tsdb.retention.time=100y --web.listen-address=127.0.0.1:$PORT > prometheus.log 2>&1) &
	PROM=$!
	trap 'kill $PROM 2>/dev/null; wait $PROM 2>/dev/null; cd /; rm -rf "$T"' EXIT
	for i in $(seq 100); do
		curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null && break
		sleep 0.2
	done
	cp "$FIXTURES/slo-status/prom.yaml" "$R/arch/slo/orders.yaml"
	printf '%s\nerror_budget:\n  prometheus: http://127.0.0.1:%s\n  risky:\n    paths: ["migrations/**"]\n' \
		"$(cat "$FIXTURES/clean/arch/archgate.yaml")" "$PORT" > "$R/arch/archgate.yaml"
	run_in "$R" "$ARCHGATE" gate deploy "$DOCS..$MIG"
	expect_rc 1 "Prometheus: half the budget, a migration"
	expect_line "$OUT" "  orders-availability: 50% of the budget consumed (6 bad of 12000 events over 30d): risky changes are frozen" "the SLO from Prometheus"
	expect_line "$OUT" "    risky changes frozen since 2026-11-25T11:50:00Z (to the 10m step)" "since the ten minutes of the sixth failure"
	run_in "$R" "$ARCHGATE" gate deploy "$DOCS..$MIG" --format json
	check "since from Prometheus in JSON" sh -c "jq -e '.error_budget.source == \"prometheus\" and (.error_budget.slos[0] | .since.risky == {\"at\": \"2026-11-25T11:50:00Z\", \"or_earlier\": false} and .since_step_seconds == 600 and .since_unknown == null)' '$OUT'"
	kill $PROM; wait $PROM 2>/dev/null
	run_in "$R" "$ARCHGATE" gate deploy "$DOCS..$MIG"
	expect_rc 1 "Prometheus gone: the status cannot be read"
	expect_line "$OUT" "  cannot read the SLO status (error_budget.prometheus): STOP until it can be read" "and the gate stops"
else
	echo "# skip: prometheus is not installed (scripts/deps.sh --test installs it)"
fi
finish
