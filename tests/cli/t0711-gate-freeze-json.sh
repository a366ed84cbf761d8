#!/bin/bash
# t0711-gate-freeze-json: `gate deploy --format json` (docs/json.md): the
# verdict, the review, the red flags and the error budget: each commit
# classified with its reasons, each SLO with what it froze, since when,
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
finish
