#!/bin/bash
# t0702-slo-rules: Prometheus rules from OpenSLO, sloth and pyrra SLOs,
# checked by Debian's promtool: sloth's metric names, error ratios from
# summed counts over each window, multi-window multi-burn-rate alerts with
# the factors scaled to each SLO's window, burn_tier labels.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v promtool >/dev/null || skip_all "promtool is not installed (scripts/deps.sh --test installs prometheus)"

S=$FIXTURES/slo
run "$ARCHGATE" slo rules "$S"
expect_rc 0 "rules for the three formats"
expect_empty "$ERR" "without a word on stderr"
cp "$OUT" "$T/rules.yaml"
check "promtool check rules passes" promtool check rules "$T/rules.yaml"

# sloth's names, for every standard window and the SLO's own
for w in 5m 30m 1h 2h 6h 1d 3d 30d; do
	expect_contains "$OUT" "record: slo:sli_error:ratio_rate$w" "slo:sli_error:ratio_rate$w"
done
expect_contains "$OUT" "record: slo:sli_error:ratio_rate14d" "pyrra's 2w window as its own ratio"
for m in slo:objective:ratio slo:error_budget:ratio slo:period_burn_rate:ratio \
	slo:period_error_budget_remaining:ratio slo:current_burn_rate:ratio; do
	expect_contains "$OUT" "record: $m" "$m"
done

# summed counts, never averaged ratios
expect_contains "$OUT" '(sum(increase(checkout_requests_total{outcome=\"error\"}[3d]))) / (sum(increase(checkout_requests_total[3d])))' \
	"the 3d error ratio is summed bad over summed total"
expect_contains "$OUT" '(sum(increase(checkout_requests_total{outcome=\"error\"}[30d]))) / (sum(increase(checkout_requests_total[30d])))' \
	"and so is the period's"
expect_not_contains "$OUT" "sum_over_time" "no average of shorter ratios"
expect_contains "$OUT" '1 - ((sum(increase(search_duration_seconds_bucket{le=\"0.25\"}[1h]))) / (sum(increase(search_duration_seconds_count[1h]))))' \
	"a good-events SLI counts errors as 1 - good/total"
expect_contains "$OUT" '(sum(rate(payments_http_requests_total{code=~\"5..\"}[6h]))) / (sum(rate(payments_http_requests_total[6h])))' \
	"sloth's {{.window}} set to each window"

# the burn rates: 30 days, and scaled for pyrra's 14 days and a week
expect_contains "$OUT" 'slo:sli_error:ratio_rate5m{sloth_id=\"checkout-checkout-availability\"} > (14.4 * 0.001)' "page at 14.4x over 5m"
expect_contains "$OUT" 'slo:sli_error:ratio_rate1h{sloth_id=\"checkout-checkout-availability\"} > (14.4 * 0.001)' "and 1h"
expect_contains "$OUT" 'slo:sli_error:ratio_rate6h{sloth_id=\"checkout-checkout-availability\"} > (6 * 0.001)' "page at 6x over 6h"
expect_contains "$OUT" 'slo:sli_error:ratio_rate1d{sloth_id=\"checkout-checkout-availability\"} > (3 * 0.001)' "ticket at 3x over 1d"
expect_contains "$OUT" 'slo:sli_error:ratio_rate3d{sloth_id=\"checkout-checkout-availability\"} > (1 * 0.001)' "ticket at 1x over 3d"
expect_contains "$OUT" 'slo:sli_error:ratio_rate1h{sloth_id=\"gateway-api-errors\"} > (6.72 * 0.01)' "2% of a 14-day budget in 1h is 6.72x"
expect_contains "$OUT" 'slo:sli_error:ratio_rate6h{sloth_id=\"search-search-latency\"} > (1.4 * 0.01)' "5% of a week's budget in 6h is 1.4x"
check "a page and a ticket alert per SLO" sh -c "[ \$(grep -c 'burn_tier: page' '$OUT') = 4 ] && [ \$(grep -c 'burn_tier: ticket' '$OUT') = 4 ]"

# the example's SLOs (the default: the arch folder's slo/)
run "$ARCHGATE" --dir "$AG_SRC/templates/example/arch" slo rules
expect_rc 0 "the example's SLOs"
cp "$OUT" "$T/example.yaml"
check "promtool check rules passes on them" promtool check rules "$T/example.yaml"

# what cannot become a rule is said where it is
R=$FIXTURES/slo-rules-bad/slo.yaml
run "$ARCHGATE" slo rules "$R"
expect_rc 2 "a query that cannot be windowed is bad input"
expect_empty "$OUT" "and no half a rules file"
expect_line "$ERR" "$R:16:22: error: the bad query is neither a counter selector (name{labels}, or sum() of one) nor a query with {{.window}}: it cannot be taken over a window" \
	"a rate over a fixed window, at the query"
expect_line "$ERR" "$R:21:22: error: the total metric source is Datadog: only Prometheus queries become rules" "another metric source"
expect_line "$ERR" "$R:39:20: warning: SLO 'latency' has a threshold indicator: only ratio indicators become rules so far" "a threshold SLI is skipped with a warning"
finish
