#!/bin/bash
# t0710-gate-fixes: past error_budget.freeze_all_at (default 100%) only
# fixes ship (ADR 0052): a `fix:` or `fix(scope):` subject or a
# `Change-Type: fix` trailer by default, error_budget.fix to change that;
# a fix that is also risky still stops; the gate says since when
# everything but fixes has been frozen (the eleventh 503 of the fixture).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

R=$T/shop
mkdir -p "$R/logs"
cp -R "$FIXTURES/clean/arch" "$R/arch"
cp "$FIXTURES/gate-risky/orders-slo.yaml" "$R/arch/slo/orders.yaml"
cp "$FIXTURES/gate-risky/orders-exhausted.ndjson" "$R/logs/orders.ndjson"
policy() {
	printf '%s\nerror_budget:\n  events: logs/orders.ndjson\n%s\n' \
		"$(cat "$FIXTURES/clean/arch/archgate.yaml")" "$1" > "$R/arch/archgate.yaml"
}
policy '  risky:
    paths: ["migrations/**"]'
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main
commit() {
	local subject=$1 trailer=
	shift
	if [ "$1" != -- ]; then trailer="$1
"; shift; fi
	shift
	for f in "$@"; do mkdir -p "$R/$(dirname "$f")"; echo "$subject" >> "$R/$f"; done
	git -C "$R" add -A
	git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "$subject" \
		-m "${trailer}Reviewed-by: Bob <bob@example.com>"
	git -C "$R" rev-parse HEAD
}
START=$(commit "Start" -- README)

FIX=$(commit "fix(orders): retry a 503 from the stock service once" -- src/orders.c)
run_in "$R" "$ARCHGATE" gate deploy "${START}..HEAD"
expect_rc 0 "a fix ships at 104.8% consumed"
expect_line "$OUT" "  orders-availability: 104.8% of the budget consumed (11 bad of 105 events over 30d): exhausted: everything but fixes is frozen" "exhausted"
expect_line "$OUT" "    everything but fixes frozen since 2026-11-25T05:30:00Z" "since the minute of the eleventh 503 (05:30:45)"
expect_line "$OUT" "    risky changes frozen since 2026-11-24T09:15:00Z" "and risky changes since the fifth"
expect_line "$OUT" "    every commit to ship is a fix and none is risky: not stopped" "says why it goes"
expect_line "$OUT" "GO: reviewed and no red flags" "GO"

FEAT=$(commit "feat: coupons" -- src/coupons.c)
run_in "$R" "$ARCHGATE" gate deploy "${START}..HEAD"
expect_rc 1 "a feature does not ship past 100%, even with a fix beside it"
expect_line "$OUT" "    not a fix: ${FEAT:0:12} feat: coupons" "names the feature"
expect_not_contains "$OUT" ": ${FIX:0:12}" "not the fix"
expect_line "$OUT" "STOP: do not deploy (an error budget is frozen)" "STOP"
run_in "$R" "$ARCHGATE" gate deploy "${START}..HEAD" --format json
check "the fix is a fix by its subject prefix" sh -c "jq -e '.error_budget.commits[1].fix == true and .error_budget.commits[1].fix_because == [\"subject prefix fix\"]' '$OUT'"

# a fix by its trailer; a fix that is risky still stops
TRL=$(commit "Retry the payment call" "Change-Type: Fix" -- src/pay.c)
run_in "$R" "$ARCHGATE" gate deploy "${FEAT}..HEAD"
expect_rc 0 "Change-Type: fix makes a fix"
RFIX=$(commit "fix: repair the orders index" -- migrations/0003-index.sql)
run_in "$R" "$ARCHGATE" gate deploy "${TRL}..HEAD"
expect_rc 1 "a fix that touches a risky path stops"
expect_line "$OUT" "    risky: ${RFIX:0:12} fix: repair the orders index (path migrations/0003-index.sql (migrations/**))" "as risky"

# error_budget.fix: other prefixes, trailers and labels
policy '  fix:
    prefixes: [hotfix]
    trailers: ["Severity"]
    labels: [incident]'
run_in "$R" "$ARCHGATE" gate deploy "${START}..${FIX}"
expect_rc 1 "fix: is no fix when fix.prefixes names only hotfix"
HOT=$(commit "hotfix!: drop the broken cache" -- src/cache.c)
run_in "$R" "$ARCHGATE" gate deploy "${RFIX}..HEAD"
expect_rc 0 "hotfix!: is a fix by fix.prefixes"
SEV=$(commit "Restart the workers" "Severity: 2" -- src/workers.c)
run_in "$R" "$ARCHGATE" gate deploy "${HOT}..HEAD"
expect_rc 0 "a trailer key alone matches any value"
run_in "$R" "$ARCHGATE" gate deploy "${START}..${FIX}" --labels incident
expect_rc 0 "an incident label makes the range a fix"

# a freeze_all_at of its own; a bad one is an error at its place
policy '  freeze_all_at: 2'
run_in "$R" "$ARCHGATE" gate deploy "${START}..${FEAT}"
expect_rc 1 "at 104.8% with freeze_all_at 2 the feature is still risky (nothing configured)"
expect_line "$OUT" "  orders-availability: 104.8% of the budget consumed (11 bad of 105 events over 30d): risky changes are frozen" "only risky changes are frozen"
expect_line "$OUT" "Error budget (risky changes freeze at 50%, everything but fixes at 200%):" "the thresholds"
policy '  freeze_at: 0.6
  freeze_all_at: 0.5'
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 2 "freeze_all_at below freeze_at"
expect_contains "$ERR" "arch/archgate.yaml:10:18: error: 'freeze_all_at' is a share of the budget above 0 and at least freeze_at (0.6), not 0.5" "at its place"
finish
