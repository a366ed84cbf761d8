#!/bin/bash
# t0940-site-burn: the SLOs page draws each SLO's error budget over its
# window as an inline SVG (title, desc, the freeze_at line) from the events
# file error_budget.events names, counted as `slo status` counts it; says
# so when no status source is set; the same input gives the same bytes;
# the policy's strings come out escaped.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2

# the example counts its budget from its request log, which both the
# policy and the checkout SLO's DataSource name; without the policy's, the
# chart is counted from the DataSource, as `gate deploy` counts it
sed -i '/^  events: logs\/checkout-api.ndjson$/d' arch/archgate.yaml
run "$ARCHGATE" site --out ../sd
expect_rc 0 "site builds from the SLOs' DataSources"
expect_match ../sd/slos.html "From each SLO's archgate-events DataSource file as of" "says where it counted"
expect_match ../sd/slos.html '<figcaption>checkout-availability: 60% of the budget left over 30d \(2 bad of 5000 events\).</figcaption>' \
	"the checkout SLO drawn from its DataSource's file"
expect_match ../sd/slos.html 'web-latency: not drawn \(its indicator is not over archgate-events\)' \
	"the storefront's Prometheus SLO says why it is not drawn"
run "$ARCHGATE" slo status --at "${ARCHGATE_TODAY}T12:00:00Z" --format json
expect_match "$OUT" '"name":"checkout-availability".*"budget_remaining":0.6,' "slo status counts the same 60%"

# and without the DataSource's file too, there is no status source
cp arch/slo/sources-and-alerts.yaml ../sources.yaml
sed -i '/^    file: logs\/checkout-api.ndjson$/d' arch/slo/sources-and-alerts.yaml
run "$ARCHGATE" site --out ../s0
expect_rc 0 "site builds without a status source"
expect_match ../s0/slos.html "No status source: set <code>error_budget.events</code>" \
	"the page says no status source is set"
check "and draws no chart" sh -c '! grep -q "<figure class=\"burn\"" ../s0/slos.html'
cp ../sources.yaml arch/slo/sources-and-alerts.yaml

# seven days of orders ending at noon of the pinned day, 1,000 a day; one
# bad on day 1, two on day 3, one on day 5: 4 of 7,000 against 0.1%
mkdir -p logs
cp "$FIXTURES/site-burn/orders.yaml" arch/slo/orders.yaml
end=$(date -u -d "${ARCHGATE_TODAY}T12:00:00Z" +%s)
awk -v t0=$((end - 7 * 86400)) 'BEGIN { for (d = 0; d < 7; d++) for (i = 0; i < 1000; i++) {
	bad = (d == 1 && i == 0) || (d == 3 && i < 2) || (d == 5 && i == 0)
	printf "{\"timestamp\":%d,\"service\":\"orders\",\"status\":%d}\n", t0 + d * 86400 + i * 86 + 30, bad ? 503 : 200 } }' \
	> 'logs/orders<b>&.ndjson'
sed -i 's|^  freeze_at: 0.5$|&\n  events: "logs/orders<b>\&.ndjson"|' arch/archgate.yaml
grep -q '^  events: "logs/orders<b>&.ndjson"$' arch/archgate.yaml || exit 2

run "$ARCHGATE" slo status --events 'logs/orders<b>&.ndjson' --at "${ARCHGATE_TODAY}T12:00:00Z" --format json
expect_rc 0 "slo status reads the same file"
expect_match "$OUT" '"name":"orders-availability".*"budget_remaining":0.428571' "slo status: 42.86% left"

# a hostile SLO name over the same events
sed 's|name: orders-availability|name: "ord<script>x</script>\&"|' arch/slo/orders.yaml >arch/slo/hostile.yaml

run "$ARCHGATE" site --out ../s1
expect_rc 0 "site builds with error_budget.events"
expect_match ../s1/slos.html '<figure class="burn" id="burn-[0-9]+"><svg [^>]*role="img" aria-labelledby="burn-[0-9]+-t burn-[0-9]+-d"><title id="burn-[0-9]+-t">Error budget of orders-availability over 7d</title>' \
	"an accessible SVG per SLO"
expect_match ../s1/slos.html '<desc id="burn-[0-9]+-d">Budget remaining from 2026-11-18 to 2026-11-25, one point a day: 42.86% left at the end \(4 bad of 7000 events\); deploys freeze below 50%.</desc>' \
	"its description says what it shows"
expect_match ../s1/slos.html '<line class="freeze" [^>]*/><text class="freeze" [^>]*>freeze at 50%</text>' "the freeze_at line"
expect_line ../s1/slos.html '<polyline class="remaining" fill="none" points="44.0,12.0 104.6,12.0 165.1,32.0 225.7,32.0 286.3,72.0 346.9,72.0 407.4,92.0 468.0,92.0"/>' \
	"full, then the end of each day: the budget (7 bad events allowed) spent 1, 2 and 1 at a time"
expect_match ../s1/slos.html '<figcaption>orders-availability: 42.86% of the budget left over 7d \(4 bad of 7000 events\) — frozen.</figcaption>' \
	"the caption, frozen past freeze_at"
expect_match ../s1/slos.html 'From <code>logs/orders&lt;b&gt;&amp;.ndjson</code>' "the events path is escaped"
expect_contains ../s1/slos.html '<title id="burn-1-t">Error budget of ord&lt;script&gt;x&lt;/script&gt;&amp; over 7d</title>' \
	"a hostile SLO name is escaped in the SVG's title"
expect_contains ../s1/slos.html '<figcaption>ord&lt;script&gt;x&lt;/script&gt;&amp;: 42.86% of the budget left' \
	"and in its caption"
check "no raw script from an SLO name" sh -c '! grep -q "<script>x" ../s1/slos.html'
check "no raw markup from the policy" sh -c '! grep -q "orders<b>" ../s1/slos.html'
expect_match ../s1/slos.html 'web-latency: not drawn \(its indicator is not over archgate-events\)' \
	"an SLO over Prometheus says why it is not drawn"
check "each chart parses as XML" python3 -c '
import re, sys, xml.dom.minidom as m
svgs = re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 180\".*?</svg>", open(sys.argv[1]).read(), re.S)
assert svgs
for s in svgs: m.parseString(s)' ../s1/slos.html

run "$ARCHGATE" site --out ../s2
expect_rc 0 "a second build"
check "two builds are byte-identical" diff -r ../s1 ../s2

finish
