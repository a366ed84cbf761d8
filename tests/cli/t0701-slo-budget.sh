#!/bin/bash
# t0701-slo-budget: the budget arithmetic: 1 - target as the bad fraction,
# times the window as bad time (99.9% over 30 days = 43.2 minutes), the bad
# slices of a Timeslices SLO, and the usual targets for every window used.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

S=$FIXTURES/slo
run "$ARCHGATE" slo budget "$S/openslo.yaml"
expect_rc 0 "budget reads a file"
expect_golden slo-budget.txt "$OUT" "the text report"
expect_match "$OUT" "^checkout-availability +checkout +99.9% +30d +0.1% +43.2 minutes$" "99.9% over 30 days is 43.2 minutes"
expect_match "$OUT" "Timeslices: 100 bad slices of 10080" "1% of a week's 10080 one-minute slices is 100"
expect_match "$OUT" "^99.99% +60.48 seconds +4.32 minutes$" "99.99% over 30 days is 4.32 minutes"

run "$ARCHGATE" slo budget "$S/openslo.yaml" --format json
expect_rc 0 "json"
check "allowed bad seconds of 99.9% over 30 days" sh -c "jq -e '.slos[0].allowed_bad_seconds == 2592 and .slos[0].allowed_bad_fraction == 0.001' '$OUT'"
check "usual targets per window" sh -c "jq -e '.usual_targets[0].target == 0.99 and .usual_targets[0].allowed_bad_seconds[\"30d\"] == 25920 and .usual_targets[4].allowed_bad_seconds[\"1w\"] == 60.48' '$OUT'"
check "100 bad slices" sh -c "jq -e '.slos[1].allowed_bad_slices == 100' '$OUT'"

run "$ARCHGATE" slo budget --format xml "$S"
expect_rc 2 "an unknown format is a usage error"
finish
