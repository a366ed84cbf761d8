#!/bin/bash
# t0706-gate-freeze: "If you burn 50% of error budget, freeze risky
# changes" as part of `gate deploy`: the SLO status from the event file
# named in error_budget.events; STOP at freeze_at, with the SLO named;
# GO again when the budget recovers; the only way around it an Accepted
# ADR that names the SLO and has an unexpired "Expires:" date.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

R=$T/shop
mkdir -p "$R/logs"
cp -R "$FIXTURES/clean/arch" "$R/arch"
cp "$FIXTURES/slo-status/events.yaml" "$R/arch/slo/orders.yaml"
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main
git -C "$R" add -A
git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "Start" -m "Reviewed-by: Bob <bob@example.com>"
git -C "$R" tag deploy/1
echo change >> "$R/CHANGES"
git -C "$R" add -A
git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "Change" -m "Reviewed-by: Bob <bob@example.com>"

# two hours of orders ending at noon of the pinned day; BAD of them failed
orders() {
	local end t0
	end=$(date -u -d "${ARCHGATE_TODAY}T12:00:00Z" +%s)
	t0=$((end - 7200))
	awk -v t0=$t0 -v bad="$1" 'BEGIN { n = 0; for (m = 0; m < 120; m++) for (i = 0; i < 100; i++) {
		st = (m >= 60 && i == 0 && n < bad) ? 503 : 200; if (st == 503) n++
		printf "{\"timestamp\":%d,\"service\":\"orders\",\"status\":%d}\n", t0 + m * 60 + 30, st } }' \
		> "$R/logs/orders.ndjson"
}
policy() {
	printf '%s\nerror_budget:\n  freeze_at: %s\n  events: logs/orders.ndjson\n' \
		"$(cat "$FIXTURES/clean/arch/archgate.yaml")" "$1" > "$R/arch/archgate.yaml"
}

run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "without a status source the budget is not checked"
expect_line "$OUT" "  no status source (error_budget.events or error_budget.prometheus in archgate.yaml, or a DataSource the SLOs name): not checked" "and says so"
expect_line "$OUT" "GO: reviewed and no red flags" "GO"

orders 3
policy 0.5
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "a quarter of the budget spent"
expect_line "$OUT" "Error budget (risky changes freeze at 50%, everything but fixes at 100%):" "the freeze thresholds"
expect_line "$OUT" "  orders-availability: 25% of the budget consumed (3 bad of 12000 events over 30d): ok" "the SLO and its budget"
expect_line "$OUT" "GO: reviewed and no red flags" "GO"

orders 6
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "half the budget spent: the seed's freeze"
expect_line "$OUT" "  orders-availability: 50% of the budget consumed (6 bad of 12000 events over 30d): risky changes are frozen" "names the SLO that froze"
expect_line "$OUT" '    to deploy anyway: an Accepted ADR that names orders-availability and has an "Expires:" date' "says the only way around it"
expect_line "$OUT" "STOP: do not deploy (an error budget is frozen)" "STOP"

orders 14
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "the budget exhausted"
expect_line "$OUT" "  orders-availability: 116.7% of the budget consumed (14 bad of 12000 events over 30d): exhausted: everything but fixes is frozen" "everything but fixes"

# an exception: Proposed does not count, Accepted and unexpired does, expired does not
cat > "$R/arch/decisions/0003-ship-the-payment-fix-during-the-orders-freeze.md" <<'ADR'
# ADR-003: Ship the payment fix during the orders freeze

**Status:** Proposed
**Date:** 2026-11-24
**Deciders:** The team
**Expires:** 2026-11-30

## Context

The orders-availability budget is spent; the payment fix must still ship.

## Decision

We will deploy the payment fix while orders-availability is frozen.

## Consequences

### Positive

- The fix ships.

## Alternatives Considered

| Option | Pros | Cons | Why Rejected |
|--------|------|------|---------------|
| Ship now (chosen) | Fixed today | Risk in a frozen week | N/A |
| Wait for the budget | No risk | Customers keep failing | The fix reduces errors |
ADR
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "a Proposed exception does not count"
sed -i 's/\*\*Status:\*\* Proposed/**Status:** Accepted/' "$R/arch/decisions/0003-ship-the-payment-fix-during-the-orders-freeze.md"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "an Accepted exception that names the SLO and has not expired"
expect_line "$OUT" "  orders-availability: 116.7% of the budget consumed (14 bad of 12000 events over 30d): exhausted: everything but fixes is frozen, but arch/decisions/0003-ship-the-payment-fix-during-the-orders-freeze.md (Accepted) grants an exception until 2026-11-30" "says which ADR lets it through, until when"
expect_line "$OUT" "GO: reviewed and no red flags" "GO"
sed -i 's/2026-11-30/2026-11-20/' "$R/arch/decisions/0003-ship-the-payment-fix-during-the-orders-freeze.md"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "an expired exception"
expect_line "$OUT" "    the exception in arch/decisions/0003-ship-the-payment-fix-during-the-orders-freeze.md expired on 2026-11-20" "says it expired"

# the budget recovers: GO again
orders 2
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "the budget recovered"
expect_line "$OUT" "GO: reviewed and no red flags" "GO again"

# the status source cannot be read
rm "$R/logs/orders.ndjson"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "a missing event file"
expect_line "$OUT" "  cannot read the SLO status (error_budget.events): STOP until it can be read" "stops, saying why"
expect_contains "$ERR" "orders.ndjson" "names the file"
finish
