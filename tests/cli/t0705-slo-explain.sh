#!/bin/bash
# t0705-slo-explain: one SLO's arithmetic in words, with the numbers used:
# the bad fraction and bad time, the freeze of the policy, the alerts'
# factors scaled to the SLO's window.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

S=$FIXTURES/slo
run "$ARCHGATE" slo explain checkout-availability "$S"
expect_rc 0 "explain an OpenSLO SLO"
expect_line "$OUT" "Objective: 99.9% of events good over a rolling 30d (30 days, 2592000 s), budgeting Occurrences." "the objective in words"
expect_line "$OUT" "Allowed bad fraction: 1 - 0.999 = 0.001 (one bad event in 1000)." "the bad fraction"
expect_line "$OUT" "Allowed bad time: 0.001 x 2592000 s = 2592 s = 43.2 minutes (what the budget is worth when traffic is steady)." "the seed's 43 minutes"
expect_line "$OUT" "Freeze: risky changes stop when 50% of the budget is spent (error_budget.freeze_at): 21.6 minutes of bad time; everything but fixes at 100%." "the freeze, the seed's default"
expect_line "$OUT" "  page   1h and 5m: 2% of the budget in 1h; 0.02 x 2592000 / 3600 = 14.4x; error ratio over 14.4 x 0.001 = 1.44%" "the fast page"
expect_line "$OUT" "  ticket 3d and 6h: 10% of the budget in 3d; 0.1 x 2592000 / 259200 = 1x; error ratio over 1 x 0.001 = 0.1%" "the slow ticket"

run "$ARCHGATE" slo explain search-latency "$S"
expect_rc 0 "a Timeslices SLO over a week"
expect_line "$OUT" "Time slices: 60 s each, 10080 in the window; a slice is good at 95%; floor(0.01 x 10080) = 100 may be bad." "its slices"
expect_line "$OUT" "  page   1h and 5m: 2% of the budget in 1h; 0.02 x 604800 / 3600 = 3.36x; error ratio over 3.36 x 0.01 = 3.36%" "factors scaled to a week"

run "$ARCHGATE" slo explain api-errors "$S" --format json
expect_rc 0 "pyrra's SLO as JSON"
expect_contains "$OUT" '"window":"14d","window_seconds":1209600' "its window"
expect_contains "$OUT" '"allowed_bad_seconds":12096,"freeze_at":0.5,"freeze_after_bad_seconds":6048' "its budget and freeze"
expect_contains "$OUT" '{"burn_tier":"page","long_window":"1h","short_window":"5m","budget_share":0.02,"factor":6.72,"error_ratio_threshold":0.0672,"can_fire":true}' "its fast page"

# the freeze from the policy, the SLO from the arch folder
mkdir -p repo/arch/slo
cp "$S/openslo.yaml" repo/arch/slo/
printf 'version: 1\nerror_budget:\n  freeze_at: 0.25\n' > repo/arch/archgate.yaml
run "$ARCHGATE" --dir repo/arch slo explain checkout-availability
expect_rc 0 "from the arch folder"
expect_contains "$OUT" "Freeze: risky changes stop when 25% of the budget is spent (error_budget.freeze_at): 10.8 minutes of bad time" "with the policy's freeze"

run "$ARCHGATE" slo explain nope "$S"
expect_rc 2 "an unknown SLO"
expect_line "$ERR" "archgate slo explain: no SLO named 'nope'; there are: checkout-availability, search-latency, api-errors, requests-availability" "names the ones there are"
run "$ARCHGATE" slo explain
expect_rc 2 "no NAME"
expect_contains "$ERR" "missing the SLO's NAME" "says so"
finish
