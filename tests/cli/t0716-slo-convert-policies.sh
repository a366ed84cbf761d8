#!/bin/bash
# t0716-slo-convert-policies: `slo convert --to openslo` keeps what the
# DataSources and alert policies said: each metric source's metricSourceRef,
# the DataSources it names (type and connectionDetails, once each, after
# the SLOs) and the burn-rate conditions as inline policies; read back, the
# rules and the explanation are the same. sloth and pyrra have no
# burn-rate conditions: dropped, with a warning.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

P=$FIXTURES/slo-policies
run "$ARCHGATE" slo convert --to openslo "$P"
expect_rc 0 "to OpenSLO"
cp "$OUT" converted.yaml
expect_contains converted.yaml '            metricSourceRef: "shop-prometheus"' "the metric source keeps its DataSource"
check "each DataSource once" test "$(grep -c '^kind: DataSource$' converted.yaml)" -eq 2
expect_contains converted.yaml 'kind: DataSource
metadata:
  name: "orders-log"
spec:
  type: "archgate-events"
  connectionDetails:
    file: "logs/orders.ndjson"' "with its type and file"
expect_contains converted.yaml '              name: "fast-burn"
            spec:
              severity: "page"
              condition:
                kind: burnrate
                op: gte
                threshold: 14.4
                lookbackWindow: 1h
                alertAfter: 2m' "the conditions inline, with everything they said"
check "the policy without a burn-rate condition's threshold kind is gone" sh -c '! grep -q latency-spike converted.yaml'

run "$ARCHGATE" slo rules "$P"
cp "$OUT" rules-before.yaml
run "$ARCHGATE" slo rules converted.yaml
expect_rc 0 "the converted file's rules"
check "are the same rules" cmp rules-before.yaml "$OUT"
run "$ARCHGATE" slo explain payments-availability "$P" --format json
sed 's/"file":"[^"]*","line":[0-9]*,//' "$OUT" > explain-before.json
run "$ARCHGATE" slo explain payments-availability converted.yaml --format json
sed 's/"file":"[^"]*","line":[0-9]*,//' "$OUT" > explain-after.json
check "and the same explanation" cmp explain-before.json explain-after.json

for to in sloth pyrra; do
	run "$ARCHGATE" slo convert --to $to "$P/payments.yaml" "$P/alerts.yaml" "$P/datasources.yaml"
	expect_rc 0 "to $to"
	expect_contains "$ERR" "$P/payments.yaml:3:1: warning: SLO 'payments-availability' in $to: its alert policies are dropped: the format has no burn-rate conditions" \
		"$to: the alert policies are dropped, with a warning"
done
finish
