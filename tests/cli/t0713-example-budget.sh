#!/bin/bash
# t0713-example-budget: `archgate init --example` writes the Checkout API's
# request log for the seven days before today (ARCHGATE_TODAY), the same
# bytes for the same day (ADR-053); its SLO over archgate-events counts 2
# bad of 5,000 events, 40% of the budget, in `slo status` and `gate deploy`
# (GO, below the freeze at 50%) until the log leaves the 30-day window;
# `slo status` finds the log through the SLO's DataSource; `slo rules`
# makes rules of the Prometheus SLOs that promtool accepts (the worker's
# alerts from its AlertPolicy) and says why the one over events has none;
# `check` still passes.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
expect_contains "$OUT" "created demo/logs/checkout-api.ndjson" "init says it wrote the request log"
LOG=demo/logs/checkout-api.ndjson
check "5,000 events" test "$(wc -l <$LOG)" -eq 5000
check "a few hundred KB" test "$(stat -c %s $LOG)" -lt 500000
end=$(date -u -d "${ARCHGATE_TODAY}T00:00:00Z" +%s)
check "the first event seven days before the pinned day" \
	test "$(head -n 1 $LOG | jq .timestamp)" -eq $((end - 7 * 86400))
check "the last one before its midnight" test "$(tail -n 1 $LOG | jq .timestamp)" -lt "$end"
check "two server errors" test "$(jq -c 'select(.status >= 500)' $LOG | wc -l)" -eq 2
check "client errors too (they count as good)" test "$(jq -c 'select(.status >= 400 and .status < 500)' $LOG | wc -l)" -gt 10

run "$ARCHGATE" init --example again
expect_rc 0 "a second init on the same day"
check "writes the same bytes" cmp -s $LOG again/logs/checkout-api.ndjson
ARCHGATE_TODAY=2026-11-26 run "$ARCHGATE" init --example later
check "and the next day's log is a day later" \
	test "$(head -n 1 later/logs/checkout-api.ndjson | jq .timestamp)" -eq $((end - 6 * 86400))

cd demo || exit 2
run "$ARCHGATE" check
expect_rc 0 "check passes on the example"

run "$ARCHGATE" slo status --events logs/checkout-api.ndjson --at "${ARCHGATE_TODAY}T12:00:00Z" --format json
expect_rc 0 "slo status over the log"
check "40% consumed" jq -e '.slos[] | select(.name == "checkout-availability")
	| .events == 5000 and .bad_events == 2 and .allowed_bad_events == 5 and .budget_consumed == 0.4' "$OUT"

run "$ARCHGATE" slo status --at "${ARCHGATE_TODAY}T12:00:00Z"
expect_rc 0 "slo status without --events: the SLO's DataSource names the log"
expect_contains "$OUT" "api/checkout-availability (99.9% over 30d)
  events 5000, bad 2 (allowed 5)
  SLI 99.96%, budget consumed 40%, remaining 60%" "the same budget"
expect_contains "$OUT" "web/web-latency (99% over 30d)
  not counted: no Prometheus: no --url, and no DataSource with a url" \
	"the Prometheus SLOs wait for their DataSource's url"

run "$ARCHGATE" slo explain worker-event-freshness
expect_rc 0 "explain the worker's SLO"
expect_contains "$OUT" "  page   order-events-fast-burn (order-events-burn), 6h and 30m: burn rate >= 6" \
	"it alerts by its own policy"

git init -q
git symbolic-ref HEAD refs/heads/main
git add -A
git -c user.name="Dana Dev" -c user.email=dana@example.com commit -q -m "The Checkout example" \
	-m "Reviewed-by: Lee Lead <lee@example.com>"
run "$ARCHGATE" gate deploy
expect_rc 0 "gate deploy: GO"
expect_line "$OUT" "  checkout-availability: 40% of the budget consumed (2 bad of 5000 events over 30d): ok" \
	"the gate shows the example's budget"
expect_contains "$OUT" "GO: reviewed and no red flags" "and goes"
ARCHGATE_TODAY=2026-12-17 run "$ARCHGATE" gate deploy
expect_line "$OUT" "  checkout-availability: 40% of the budget consumed (2 bad of 5000 events over 30d): ok" \
	"22 days later the whole log is still in the window"
ARCHGATE_TODAY=2026-12-21 run "$ARCHGATE" gate deploy
expect_line "$OUT" "  checkout-availability: 40% of the budget consumed (1 bad of 2500 events over 30d): ok" \
	"26 days later half of the log (and the first error) has left it"
ARCHGATE_TODAY=2027-01-05 run "$ARCHGATE" gate deploy
expect_line "$OUT" "  no SLO with events in its window" "after 30 days nothing is left to count"

run "$ARCHGATE" slo rules --output ../rules.yaml
expect_rc 0 "slo rules on the example"
expect_contains "$ERR" "arch/slo/checkout-availability.yaml:9:1: warning: SLO 'checkout-availability' is counted from event files (archgate-events): no Prometheus rules for it" \
	"the SLO over events is skipped, with the reason"
check "rules for the Prometheus SLOs" grep -q 'sloth_slo: "web-latency"' ../rules.yaml
check "the worker pages by its policy: two alerts, the fast one after 5m" \
	sh -c 'test "$(grep -c "alert_condition: \"order-events-" ../rules.yaml)" -eq 2 && grep -q "^    for: 5m$" ../rules.yaml'
if command -v promtool >/dev/null; then
	check "promtool check rules accepts them" promtool check rules ../rules.yaml
	run "$ARCHGATE" slo rules --output ../rules.yaml --tests ../rules-tests.yaml
	check "and their tests pass" promtool test rules ../rules-tests.yaml
fi
finish
