#!/bin/bash
# t0708-slo-convert: OpenSLO, sloth and pyrra SLOs written as each other:
# to OpenSLO losslessly (the same budgets and the same rules back), to
# sloth and pyrra with a warning for each thing they cannot say; what is
# written is read again and its rules pass promtool.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

S=$FIXTURES/slo
"$ARCHGATE" slo budget "$S" --format json > before.json
"$ARCHGATE" slo rules "$S" | grep -v '^#' > before-rules.yaml

run "$ARCHGATE" slo convert --to openslo "$S"
expect_rc 0 "to OpenSLO"
expect_empty "$ERR" "without a warning: OpenSLO says everything the others do"
cp "$OUT" openslo.yaml
expect_contains openslo.yaml 'apiVersion: openslo/v1' "OpenSLO documents"
expect_contains openslo.yaml 'query: "sum(rate(payments_http_requests_total{code=~\"5..\"}[{{.window}}]))"' "sloth's query kept as it is"
run "$ARCHGATE" slo budget openslo.yaml --format json
expect_rc 0 "read back"
cp "$OUT" after.json
same_budgets() {
	python3 -c 'import json, sys
strip = lambda p: [{k: v for k, v in s.items() if k not in ("file", "line", "format")} for s in json.load(open(p))["slos"]]
sys.exit(strip(sys.argv[1]) != strip(sys.argv[2]))' "$1" "$2"
}
check "the same budgets" same_budgets before.json after.json
"$ARCHGATE" slo rules openslo.yaml | grep -v '^#' > after-rules.yaml
check "the same rules" cmp before-rules.yaml after-rules.yaml

run "$ARCHGATE" slo convert --to sloth "$S"
expect_rc 0 "to sloth"
cp "$OUT" sloth.yaml
expect_contains sloth.yaml 'version: "prometheus/v1"' "sloth documents"
expect_contains sloth.yaml 'error_query: "sum(rate(checkout_requests_total{outcome=\"error\"}[{{.window}}]))"' "a counter selector as a rate over {{.window}}"
expect_contains sloth.yaml 'error_query: "(sum(rate(search_duration_seconds_count[{{.window}}]))) - (sum(rate(search_duration_seconds_bucket{le=\"0.25\"}[{{.window}}])))"' "good events as total minus good"
expect_line "$ERR" "$S/openslo.yaml:32:1: warning: SLO 'search-latency' in sloth: its window is dropped: sloth's prometheus/v1 is always 30 days" "says the window is dropped"
expect_line "$ERR" "$S/openslo.yaml:32:1: warning: SLO 'search-latency' in sloth: its time slices are dropped: sloth counts events" "and the time slices"

run "$ARCHGATE" slo convert --to pyrra "$S"
expect_rc 0 "to pyrra"
cp "$OUT" pyrra.yaml
expect_contains pyrra.yaml 'kind: ServiceLevelObjective' "pyrra documents"
expect_contains pyrra.yaml 'metric: "payments_http_requests_total{code=~\"5..\"}"' "sloth's query as its selector"
expect_contains pyrra.yaml '  window: 14d' "pyrra's own window kept"
expect_line "$ERR" "$S/openslo.yaml:32:1: warning: SLO 'search-latency' in pyrra: left out: pyrra's ratio counts errors, and this SLO counts good events" "says what is left out"

if command -v promtool >/dev/null; then
	for f in sloth pyrra; do
		"$ARCHGATE" slo rules $f.yaml > rules-$f.yaml
		check "the rules of the $f documents pass promtool check rules" promtool check rules rules-$f.yaml
	done
fi

run "$ARCHGATE" slo convert --to nagios "$S"
expect_rc 2 "an unknown format"
expect_contains "$ERR" "--to nagios: not a format (openslo, sloth or pyrra)" "says which there are"
run "$ARCHGATE" slo convert "$S"
expect_rc 2 "no --to"
finish
