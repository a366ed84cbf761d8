#!/bin/bash
# t0715-slo-alert-policies: an OpenSLO SLO's alertPolicies (by name or
# inline, their AlertConditions inline or by conditionRef) whose conditions
# are burn rates (kind burnrate, op, threshold, lookbackWindow, alertAfter,
# severity) become its alerts instead of the default multi-window set: the
# short window 1/12 of the lookback, `for:` from alertAfter, severity and
# burn_tier from the condition. promtool checks the rules and passes their
# generated tests (with and without the minimum-traffic guard); `slo
# explain` shows the same alerts; other condition kinds are a warning at
# file:line:col; broken conditions and missing policies are errors.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v promtool >/dev/null || skip_all "promtool is not installed (scripts/deps.sh --test installs prometheus)"

P=$FIXTURES/slo-policies
run "$ARCHGATE" slo rules "$P" --output rules.yaml --tests tests.yaml
expect_rc 0 "rules from SLOs with alert policies"
expect_line "$ERR" "$P/alerts.yaml:24:11: warning: condition kind 'threshold' of AlertCondition 'latency-spike' is not read (only burnrate): no alert for it" \
	"an unknown condition kind: a warning where it is written"
check "promtool check rules passes" promtool check rules rules.yaml
check "promtool test rules passes" promtool test rules tests.yaml
check "one alert per burn-rate condition, not the default four pairs" \
	test "$(grep -c 'alert: SLOErrorBudgetBurn' rules.yaml)" -eq 2
expect_contains rules.yaml '(slo:sli_error:ratio_rate5m{sloth_id=\"payments-payments-availability\"} >= (14.4 * 0.001)) and ignoring (sloth_window) (slo:sli_error:ratio_rate1h{sloth_id=\"payments-payments-availability\"} >= (14.4 * 0.001))' \
	"fast-burn by conditionRef: op gte at 14.4 over 1h and its 1/12, 5m"
expect_contains rules.yaml '(slo:sli_error:ratio_rate4h{sloth_id=\"payments-payments-availability\"} > (2 * 0.001)) and ignoring (sloth_window) (slo:sli_error:ratio_rate2d{sloth_id=\"payments-payments-availability\"} > (2 * 0.001))' \
	"the inline slow-burn: gt 2 over 2d and 4h"
expect_line rules.yaml "    for: 2m" "alertAfter becomes for:"
check "only the fast burn waits" test "$(grep -c '    for:' rules.yaml)" -eq 1
expect_line rules.yaml "  - record: slo:sli_error:ratio_rate2d" "the lookback window is recorded"
expect_line rules.yaml "  - record: slo:sli_error:ratio_rate4h" "and its short window"
expect_contains rules.yaml '      burn_tier: "ticket"
      severity: "ticket"
      alert_condition: "slow-burn"' "severity, burn_tier and the condition's name as labels"
expect_contains rules.yaml 'fast-burn: burn rate at or above 14.4 over 1h and 5m' "the summary says the condition"
expect_contains tests.yaml 'alert_condition: "fast-burn"' "the tests expect the fast burn"
expect_contains tests.yaml 'alert_condition: "slow-burn"' "and the slow one"

run "$ARCHGATE" slo rules "$P" --min-events 500 --output guarded.yaml --tests guarded-tests.yaml
expect_rc 0 "with the minimum-traffic guard"
expect_line guarded.yaml "  - record: slo:sli_total:increase2d" "the events of each lookback window are recorded"
expect_contains guarded.yaml 'slo:sli_total:increase1h{sloth_id=\"payments-payments-availability\"} >= 500' "and guard its alert"
check "promtool check rules passes (guarded)" promtool check rules guarded.yaml
check "promtool test rules passes (guarded)" promtool test rules guarded-tests.yaml

# a page that can never fire fails the generated tests
sed 's/>= (14.4 \* 0.001)/>= (1400 * 0.001)/g' rules.yaml > broken.yaml
sed 's/rules.yaml/broken.yaml/' tests.yaml > broken-tests.yaml
check "a broken threshold fails the tests" sh -c "! promtool test rules broken-tests.yaml >/dev/null 2>&1"

run "$ARCHGATE" slo explain payments-availability "$P"
expect_rc 0 "explain"
expect_line "$OUT" "  page   fast-burn (page-on-fast-burn), 1h and 5m: burn rate >= 14.4, 2% of the budget in 1h (14.4 x 3600 / 2592000); error ratio >= 14.4 x 0.001 = 1.44%, for 2m" \
	"explain shows the policy's fast burn"
expect_line "$OUT" "  ticket slow-burn (ticket-on-slow-burn), 2d and 4h: burn rate > 2, 13.33% of the budget in 2d (2 x 172800 / 2592000); error ratio > 2 x 0.001 = 0.2%" \
	"and its slow one"
expect_not_contains "$OUT" "6h and 30m" "and not the default pairs"
run "$ARCHGATE" slo explain payments-availability "$P" --format json
expect_rc 0 "explain as JSON"
check "the alerts in JSON" jq -e '.alerts_from == "alertPolicies" and (.alerts | length) == 2
	and .alerts[0] == {"burn_tier":"page","severity":"page","policy":"page-on-fast-burn","condition":"fast-burn",
	"long_window":"1h","short_window":"5m","budget_share":0.02,"factor":14.4,"op":"gte",
	"error_ratio_threshold":0.0144,"alert_after":"2m","can_fire":true}' "$OUT"

run "$ARCHGATE" slo rules "$FIXTURES/slo-policies-more/only-thresholds.yaml"
expect_rc 0 "a policy without burn-rate conditions"
expect_line "$ERR" "$FIXTURES/slo-policies-more/only-thresholds.yaml:2:1: warning: SLO 'search-availability': none of its alertPolicies has a burnrate condition, so it gets the default burn-rate alerts" \
	"says it falls back"
check "to the default page and ticket" test "$(grep -c 'alert: SLOErrorBudgetBurn' "$OUT")" -eq 2
expect_contains "$OUT" "burn_tier: page" "the default tiers"

run "$ARCHGATE" slo rules "$FIXTURES/slo-policies-more/bad-alerts.yaml"
expect_rc 2 "broken alert policies"
B=$FIXTURES/slo-policies-more/bad-alerts.yaml
expect_line "$ERR" "$B:17:15: error: op 'lt': a burn-rate alert fires above its threshold (gt or gte)" "op lt"
expect_line "$ERR" "$B:24:9: error: the AlertCondition spec needs 'severity'" "no severity"
expect_line "$ERR" "$B:28:27: error: lookbackWindow must be 12m or more: its short window is 1/12 of it" "too short a lookback"
expect_line "$ERR" "$B:59:7: error: alert policy 'no-such-policy': no AlertPolicy document of that name in the files read" \
	"a policy that is not there"
check "each error once" test "$(grep -c "op 'lt'" "$ERR")" -eq 1
finish
