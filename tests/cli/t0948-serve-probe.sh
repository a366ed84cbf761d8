#!/bin/bash
# t0948-serve-probe: `archgate probe` (issue 15) against `archgate serve`
# (issue 16), both really started: the site's pages answer 200 with their
# type, an unknown path below each answers a 4xx with an RFC 9457
# problem+json body, and /metrics is a clean Prometheus exposition (HELP
# and TYPE on every family, conventional names, no duplicate series).
# serve does not join traces (no traceresponse), which probe reports as a
# warning, not an error: exit 0, and 1 only under --strict.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
"$ARCHGATE" serve --port 0 --no-graphviz >../serve.out 2>../serve.err &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; cd /; rm -rf "$T"' EXIT
U=
for _ in $(seq 1 200); do
	U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' ../serve.out)
	[ -n "$U" ] && break
	sleep 0.05
done
check "serve is listening" test -n "$U"

run "$ARCHGATE" probe "$U" "${U}decisions/" "${U}radar.html" "${U}metrics"
expect_rc 0 "probe passes against serve"
expect_contains "$OUT" "0 errors" "no error finding"
expect_line "$OUT" "${U}: 200 text/html; an unknown path answered 404" \
	"the board, and an unknown path is a 404 with problem+json"
expect_line "$OUT" "${U}decisions/: 200 text/html; an unknown path answered 404" "the decision log too"
expect_match "$OUT" "^${U}metrics: 200 text/plain, text format, [0-9]+ samples in [0-9]+ families$" \
	"/metrics is read as Prometheus text"
expect_not_contains "$OUT" "[metrics-" "and has no finding of the exposition rules"

run "$ARCHGATE" probe "$U" "${U}metrics" --format json
expect_rc 0 "as JSON"
check "every finding in the JSON is a warning of probe-trace" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
fs = [f for u in r["urls"] for f in u.get("findings", [])] if "urls" in r else r.get("findings", [])
sys.exit(0 if all(f.get("rule") == "probe-trace" and f.get("severity") == "warning" for f in fs) else 1)
' "$OUT"

run "$ARCHGATE" probe "$U" --strict
expect_rc 1 "--strict: the missing traceresponse is a warning that fails"
expect_contains "$OUT" "[probe-trace]" "named by its rule"
finish
