#!/bin/bash
# t0703-slo-rules-tests: `slo rules --output RULES --tests TESTS` writes a
# promtool unit-test file that Debian's `promtool test rules` passes (the
# error ratios 0 while healthy and 1 while failing; every alert that can
# fire expected, none before); the minimum-traffic guard (--min-events or
# error_budget.min_events) keeps five failed requests at night from
# paging, and the same night pages without it.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v promtool >/dev/null || skip_all "promtool is not installed (scripts/deps.sh --test installs prometheus)"

S=$FIXTURES/slo
G=$FIXTURES/slo-guard
run "$ARCHGATE" slo rules "$S" --output rules.yaml --tests tests.yaml
expect_rc 0 "rules and their tests for the three formats"
expect_empty "$OUT" "both written to files, nothing on stdout"
expect_empty "$ERR" "and nothing on stderr"
check "promtool check rules passes" promtool check rules rules.yaml
check "promtool test rules passes" promtool test rules tests.yaml
expect_contains tests.yaml '  - "rules.yaml"' "the tests name the rules file beside them"
check "a test per SLO" sh -c "[ \$(grep -c 'healthy, then burning' tests.yaml) = 4 ]"
check "the page of each SLO expected" sh -c "[ \$(grep -c 'burn_tier: page' tests.yaml) = 4 ]"
check "and its ticket" sh -c "[ \$(grep -c 'burn_tier: ticket' tests.yaml) = 4 ]"

# the tests catch wrong rules: page factors that cannot fire
sed 's/(14.4 \* 0.001)/(14400 * 0.001)/; s/(6 \* 0.001)/(6000 * 0.001)/' rules.yaml > broken.yaml
sed 's/rules.yaml/broken.yaml/' tests.yaml > broken-tests.yaml
check "a page that cannot fire fails the tests" sh -c "! promtool test rules broken-tests.yaml >/dev/null 2>&1"

# tests in another folder name the rules by an absolute path
mkdir sub
run "$ARCHGATE" slo rules "$S" --output rules.yaml --tests sub/t.yaml
expect_rc 0 "tests in another folder"
expect_contains sub/t.yaml "  - \"$T/rules.yaml\"" "name the rules by their absolute path"

# the example's SLOs, with the example's policy
run "$ARCHGATE" --dir "$AG_SRC/templates/example/arch" slo rules --output ex.yaml --tests ex-tests.yaml
expect_rc 0 "the example's SLOs"
check "their tests pass" promtool test rules ex-tests.yaml

# the minimum-traffic guard
cp "$G/night.yaml" .
run "$ARCHGATE" slo rules "$G/slo.yaml" --min-events 100 --output rules.yaml --tests guard-tests.yaml
expect_rc 0 "rules with a guard of 100 events"
expect_contains rules.yaml "record: slo:sli_total:increase1h" "the events of each long window recorded"
expect_contains rules.yaml 'slo:sli_total:increase1h{sloth_id=\"orders-orders-availability\"} >= 100' "and each alert needs 100 of them"
check "promtool check rules passes with the guard" promtool check rules rules.yaml
check "five failed requests at night page nobody" promtool test rules night.yaml
check "the generated tests have enough traffic to pass the guard" promtool test rules guard-tests.yaml
run "$ARCHGATE" slo rules "$G/slo.yaml" --output rules.yaml
expect_rc 0 "the same rules without a guard"
expect_not_contains rules.yaml "sli_total" "record no event counts"
check "then the same night pages" sh -c "! promtool test rules night.yaml >/dev/null 2>&1"

# the guard from the policy
mkdir -p repo/arch/slo
cp "$G/slo.yaml" repo/arch/slo/
printf 'version: 1\nerror_budget:\n  min_events: 250\n' > repo/arch/archgate.yaml
run "$ARCHGATE" --dir repo/arch slo rules
expect_rc 0 "the guard from error_budget.min_events"
expect_contains "$OUT" '>= 250)' "is 250 events"
run "$ARCHGATE" --dir repo/arch slo rules --min-events 0
expect_rc 0 "--min-events 0 turns it off"
expect_not_contains "$OUT" "sli_total" "no guard then"
printf 'version: 1\nerror_budget:\n  min_events: -3\n' > repo/arch/archgate.yaml
run "$ARCHGATE" --dir repo/arch slo rules
expect_rc 2 "a negative guard is bad input"
expect_contains "$ERR" "archgate.yaml:3:15: error: 'min_events' is a number of events, 0 or more, not -3" "at its place"

# bad options
run "$ARCHGATE" slo rules "$S" --tests t.yaml
expect_rc 2 "--tests without --output"
expect_contains "$ERR" "--tests needs --output" "says why"
run "$ARCHGATE" slo rules "$S" --min-events lots
expect_rc 2 "a guard that is not a number"
expect_contains "$ERR" "--min-events needs a number of events (0 or more), not 'lots'" "says so"
run "$ARCHGATE" slo rules "$S" --output no/such/folder/r.yaml
expect_rc 2 "an output that cannot be written"
expect_contains "$ERR" "cannot write 'no/such/folder/r.yaml'" "names it"
finish
