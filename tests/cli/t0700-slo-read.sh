#!/bin/bash
# t0700-slo-read: OpenSLO v1 (inline and referenced SLIs, Timeslices,
# several documents per file), sloth prometheus/v1 and pyrra files read into
# one model; every mistake is an error at file:line:col, exit 2.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

S=$FIXTURES/slo
run "$ARCHGATE" slo budget "$S" --format json
expect_rc 0 "the three formats read"
check "four SLOs, in file order" sh -c "jq -r '.slos[].name' '$OUT' | tr '\n' ' ' | grep -qx 'checkout-availability search-latency api-errors requests-availability '"
check "OpenSLO's target" sh -c "jq -e '.slos[0].target == 0.999 and .slos[0].format == \"openslo\" and .slos[0].service == \"checkout\"' '$OUT'"
check "an indicatorRef SLO with Timeslices of 1m over 1w" sh -c "jq -e '.slos[1].budgeting == \"Timeslices\" and .slos[1].window_seconds == 604800 and .slos[1].timeslice_seconds == 60' '$OUT'"
check "pyrra's string percent and window" sh -c "jq -e '.slos[2].target == 0.99 and .slos[2].window == \"2w\" and .slos[2].format == \"pyrra\"' '$OUT'"
check "sloth's objective, its service and the default 30 days" sh -c "jq -e '.slos[3].target == 0.9995 and .slos[3].service == \"payments\" and .slos[3].window_seconds == 2592000' '$OUT'"

run "$ARCHGATE" slo budget "$FIXTURES/slo-bad/bad.yaml"
expect_rc 2 "bad SLO files are bad input"
expect_empty "$OUT" "and nothing is written"
B=$FIXTURES/slo-bad/bad.yaml
expect_line "$ERR" "$B:13:3: error: unknown key 'objectivs' in the SLO spec; did you mean 'objectives'?" "an unknown key with did-you-mean"
expect_line "$ERR" "$B:7:17: error: indicatorRef 'nowhere': no SLI document of that name in the files read" "a dangling indicatorRef"
expect_line "$ERR" "$B:9:17: error: duration '30x' is not a duration such as 30d, 4w or 1M" "a bad duration"
expect_line "$ERR" "$B:10:20: error: budgetingMethod 'Occurences': expected Occurrences, Timeslices or RatioTimeslices; did you mean 'Occurrences'?" "a misspelt budgeting method"
expect_line "$ERR" "$B:12:15: error: target must be a ratio above 0 and below 1 (0.999), not 99.9" "a percent where a ratio belongs"
expect_line "$ERR" "$B:19:16: error: 'objective' must be above 0 and below 100, not 100" "sloth's objective out of range"
expect_line "$ERR" "$B:22:9: error: sli.events needs 'total_query'" "sloth without total_query"
expect_line "$ERR" "$B:29:11: error: 'target' must be a percentage such as 99.9, not 'ninety'" "pyrra's target not a number"
expect_line "$ERR" "$B:30:11: error: window '1M' is not a duration such as 4w or 30d" "pyrra has no calendar months"
expect_line "$ERR" "$B:36:13: error: apiVersion 'openslo/v2': archgate reads openslo/v1, pyrra.dev/v1alpha1 and sloth's version: prometheus/v1" "an unknown apiVersion"
check "every error has a file:line:col" sh -c "! grep -v '^$B:[0-9]*:[0-9]*: error: ' '$ERR'"

# malformed YAML in one document: reported at its own line, the rest read
printf 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec:\n  service: s\n  timeWindow: [{duration: 30d, isRolling: true}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99}]\n---\nkey: [unclosed\n' >"$T/two.yaml"
run "$ARCHGATE" slo budget "$T/two.yaml"
expect_rc 2 "malformed YAML is bad input"
expect_match "$ERR" "^$T/two.yaml:1[01]:[0-9]*: error: " "at the line of its document"

run "$ARCHGATE" slo budget "$T/missing.yaml"
expect_rc 2 "a missing file is bad input"

# the templates' and fixtures' arch/slo/ read as they are
run "$ARCHGATE" --dir "$AG_SRC/templates/example/arch" slo budget
expect_rc 0 "the example's arch/slo/ is the default"
expect_contains "$OUT" "checkout-availability" "and its SLOs are listed"
finish
