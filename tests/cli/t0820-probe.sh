#!/bin/bash
# t0820-probe: `archgate probe` against real servers started here on
# 127.0.0.1: Debian's nginx serving hand-written expositions (broken and
# good, text format and OpenMetrics) and services that do and do not answer
# in the standards (its own error pages: findings expected), Prometheus'
# own /metrics and the Pushgateway's. Every finding at URL:line:col of the
# scraped body, W3C traceparent/traceresponse, problem+json errors, exit 1
# on findings and 2 on an unreachable URL.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v nginx >/dev/null || skip_all "nginx is not installed (scripts/deps.sh --test installs it)"
command -v python3 >/dev/null || skip_all "python3 is not installed"

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PIDS=()
stop_servers() {
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
}
trap 'stop_servers; rm -rf "$T"' EXIT
# wait_up URL: until it answers (at most 300 tries of 0.1 s), or fail
wait_up() {
	local i
	for i in $(seq 300); do
		"$ARCHGATE" probe --no-errors "$1" >/dev/null 2>&1
		[ $? -ne 2 ] && return 0
		sleep 0.1
	done
	return 1
}

cp -r "$FIXTURES/probe" "$T/probe"
NG=$(free_port)
mkdir -p "$T/ng"
sed -e "s|@ROOT@|$T/probe/www|g" -e "s|@PORT@|$NG|g" -e "s|@RUN@|$T/ng|g" -e "s|@USER@|$(id -un)|g" \
	"$T/probe/nginx.conf.in" >"$T/ng/nginx.conf"
nginx -c "$T/ng/nginx.conf" -p "$T/ng" >"$T/ng/out" 2>&1 &
PIDS+=($!)
check "nginx starts" wait_up "http://127.0.0.1:$NG/"
U=http://127.0.0.1:$NG

run "$ARCHGATE" probe "$U/good/metrics" --no-errors
expect_rc 0 "a good text-format exposition passes"
expect_first_line "$OUT" "$U/good/metrics: 200 text/plain, text format, 8 samples in 3 families" "and is read as one"

run "$ARCHGATE" probe "$U/broken/metrics"
expect_rc 1 "a broken exposition fails"
expect_line "$OUT" "  $U/broken/metrics:2:1: warning: counter 'http_requests' should end in _total [metrics-counter]" "a counter without _total"
expect_line "$OUT" "  $U/broken/metrics:5:1: warning: 'queue_length' has no # HELP; say what it measures [metrics-help]" "no HELP"
expect_line "$OUT" "  $U/broken/metrics:8:1: warning: 'request_latency_milliseconds': use the base unit 'seconds' instead of 'milliseconds' [metrics-units]" "a unit that is not a base unit"
expect_line "$OUT" "  $U/broken/metrics:11:1: error: bucket le=25 of request_latency_milliseconds comes after le=50; buckets ascend by le [metrics-histogram]" "buckets out of order"
expect_line "$OUT" "  $U/broken/metrics:12:1: error: bucket le=100 of request_latency_milliseconds counts 11, less than le=25's 12; buckets are cumulative [metrics-histogram]" "buckets that are not cumulative"
expect_line "$OUT" "  $U/broken/metrics:17:1: error: db_wait_seconds has no le=\"+Inf\" bucket; without it the histogram has no total [metrics-histogram]" "no +Inf bucket"
expect_line "$OUT" "  $U/broken/metrics:24:1: error: series cache_hits_total{cache=\"users\"} is exposed twice (first at line 23) [metrics-duplicate]" "a duplicate series"
expect_line "$OUT" "  $U/broken/metrics:25:1: error: 'http_requests' continues here after other families (it began at line 1); a family's lines must be together [metrics-split]" "a split family"
expect_line "$OUT" "  $U/broken/metrics:25:1: error: second # HELP for 'http_requests' (the first is at line 1) [metrics-duplicate]" "a second HELP"
expect_line "$OUT" "  $U/broken/metrics:28:1: warning: 'jobsQueued': metric names are snake_case, not camelCase [metrics-name]" "camelCase"
expect_line "$OUT" "  $U/broken/metrics:29:12: error: label '__shard': names beginning with __ are reserved for Prometheus [metrics-name]" "a reserved label name, at its column"
expect_line "$OUT" "  $U/broken/metrics:31:1: warning: 'temperature_total' is a gauge; only counters end in _total [metrics-counter]" "_total on a gauge"
expect_line "$OUT" "  $U/broken/metrics:33:5: error: 'line' is not a number (a float, NaN, +Inf or -Inf) [metrics-syntax]" "a line that is no sample"
expect_not_contains "$OUT" "unknown path" "an exposition gets no request that must fail"

run "$ARCHGATE" probe "$U/om-good/metrics"
expect_rc 0 "good OpenMetrics (exemplars, _created, UNIT, # EOF) passes"
expect_first_line "$OUT" "$U/om-good/metrics: 200 application/openmetrics-text, OpenMetrics, 6 samples in 2 families" "read as OpenMetrics by its content type"
run "$ARCHGATE" probe "$U/om-broken/metrics"
expect_rc 1 "broken OpenMetrics fails"
expect_line "$OUT" "  $U/om-broken/metrics:1:1: error: OpenMetrics counter family 'app_requests_total' is named without _total (its samples add it) [metrics-counter]" "the OpenMetrics counter naming"
expect_line "$OUT" "  $U/om-broken/metrics:8:1: error: 'app_size_bytes' has # UNIT kilobytes, so its name must end in '_kilobytes' [metrics-units]" "UNIT and the name disagree"
expect_line "$OUT" "  $U/om-broken/metrics:11:1: error: OpenMetrics has no blank lines [metrics-syntax]" "a blank line"
expect_line "$OUT" "  $U/om-broken/metrics:16:1: error: app_latency_seconds_count is 6 but its +Inf bucket is 5; they must be equal [metrics-histogram]" "_count against +Inf"
expect_line "$OUT" "  $U/om-broken/metrics:17:1: error: OpenMetrics ends with '# EOF'; this exposition was cut short or is not OpenMetrics [metrics-eof]" "no # EOF"

run "$ARCHGATE" probe "$U/html/metrics"
expect_rc 1 "a /metrics path that serves HTML"
expect_line "$OUT" "  $U/html/metrics: error: a /metrics path answered 'text/html', not a metrics exposition (text/plain; version=0.0.4 or application/openmetrics-text) [probe-metrics]" "is no exposition"

# services: nginx's own error pages, one in the standards, one that lies
run "$ARCHGATE" probe "$U/"
expect_rc 1 "nginx's default error pages fail"
expect_line "$OUT" "  $U/: error: GET of an unknown path answered 404 with 'text/html', not application/problem+json (RFC 9457) [probe-problem-json]" "an HTML error page"
expect_line "$OUT" "  $U/: warning: no traceresponse header: nothing says the service joined the trace of the traceparent it was sent (W3C Trace Context Level 2) [probe-trace]" "no traceresponse"
run "$ARCHGATE" probe "$U/api/"
expect_rc 0 "a service that joins the trace and answers problem+json passes"
expect_first_line "$OUT" "$U/api/: 200 text/plain; an unknown path answered 404" "its unknown path is a 404"
expect_line "$OUT" "0 errors, 0 warnings in 1 URL; probe passed" "with nothing to say"
run "$ARCHGATE" probe "$U/liar/"
expect_rc 1 "a malformed traceresponse and a soft 404"
expect_line "$OUT" "  $U/liar/: error: the traceresponse header is 52 characters; a traceparent is VERSION-TRACEID-PARENTID-FLAGS, 55 characters for version 00 [probe-trace]" "the malformed traceresponse"
expect_match "$OUT" "^  $U/liar/: error: GET of an unknown path \\(/liar/archgate-probe-[0-9a-f]{8}-no-such-path\\) answered 200; a missing resource is a 404 \\[probe-error-status\\]$" "a 200 for a path that cannot exist"
run "$ARCHGATE" probe "$U/fails/x" "$U/odd/x"
expect_rc 1 "failing requests"
expect_line "$OUT" "  $U/fails/x: error: GET answered 503: the request failed [probe-status]" "a 503"
expect_line "$OUT" "  $U/odd/x: error: GET answered 420, which is not a registered HTTP status code [probe-status]" "an unregistered code"

# the same traceparent every run: derived from the URL, never from the clock
run "$ARCHGATE" probe "$U/api/" --format json
check "json: the traceparent sent is valid and repeatable" sh -c "jq -re '.targets[0].traceparent_sent' '$OUT' | grep -Eqx '00-[0-9a-f]{32}-[0-9a-f]{16}-01'"
cp "$OUT" "$T/first.json"
run "$ARCHGATE" probe "$U/api/" --format json
check "json: a second run is byte for byte the first" cmp "$OUT" "$T/first.json"
run "$ARCHGATE" probe "$U/broken/metrics" --format json
expect_rc 1 "json fails like text"
check "json: findings with rule, severity and line" jq -e '.targets[0].exposition == "text" and .targets[0].samples == 18 and ([.targets[0].findings[] | select(.rule == "metrics-duplicate")] | length == 2) and (.targets[0].findings[] | select(.rule == "metrics-split") | .line == 25 and .severity == "error")' "$OUT"

# unreachable, refused, bad usage
DEAD=$(free_port)
run "$ARCHGATE" probe "http://127.0.0.1:$DEAD/metrics"
expect_rc 2 "an unreachable URL is exit 2"
expect_contains "$ERR" "cannot reach 'http://127.0.0.1:$DEAD/metrics'" "and says why"
run "$ARCHGATE" probe "$U/good/metrics" "http://127.0.0.1:$DEAD/metrics"
expect_rc 2 "unreachable wins over passing"
expect_line "$OUT" "http://127.0.0.1:$DEAD/metrics: unreachable" "and is listed"
run "$ARCHGATE" probe "http://192.0.2.1/metrics"
expect_rc 2 "a remote address is refused without --allow-remote"
run "$ARCHGATE" probe "ftp://127.0.0.1/x"
expect_rc 2 "not http(s)"
run "$ARCHGATE" probe
expect_rc 2 "no URL"
run "$ARCHGATE" probe "$U/" --timeout 0
expect_rc 2 "a bad --timeout"

# Prometheus and the Pushgateway: their own /metrics
if command -v prometheus >/dev/null; then
	PP=$(free_port)
	mkdir -p "$T/prom"
	printf 'global: {scrape_interval: 1h}\nscrape_configs: []\n' >"$T/prom/prometheus.yml"
	prometheus --config.file="$T/prom/prometheus.yml" --storage.tsdb.path="$T/prom/data" \
		--web.listen-address="127.0.0.1:$PP" >"$T/prom/log" 2>&1 &
	PIDS+=($!)
	check "prometheus starts" wait_up "http://127.0.0.1:$PP/-/ready"
	run "$ARCHGATE" probe "http://127.0.0.1:$PP/metrics"
	expect_rc 0 "Prometheus' own exposition passes"
	expect_first_line_match "$OUT" "^http://127.0.0.1:$PP/metrics: 200 text/plain, text format, [0-9]+ samples in [0-9]+ families$" "read as the text format"
	expect_not_contains "$OUT" "[metrics-" "with no exposition finding"
	if command -v promtool >/dev/null; then
		check "promtool agrees: no problem" sh -c "python3 -c 'import urllib.request,sys; sys.stdout.buffer.write(urllib.request.urlopen(\"http://127.0.0.1:$PP/metrics\").read())' | promtool check metrics"
	fi
	run "$ARCHGATE" probe "http://127.0.0.1:$PP/"
	expect_rc 1 "Prometheus' web UI answers errors in text/plain"
	expect_line "$OUT" "  http://127.0.0.1:$PP/: error: GET of an unknown path answered 404 with 'text/plain', not application/problem+json (RFC 9457) [probe-problem-json]" "a finding"
else
	pass "prometheus is not installed: skipped (scripts/deps.sh --test installs it)"
fi
if command -v prometheus-pushgateway >/dev/null; then
	PG=$(free_port)
	# no persistence: Debian defaults it to a file every pushgateway on the
	# machine shares (/var/lib/prometheus/pushgateway.data), so metrics another
	# test pushed would show up here
	prometheus-pushgateway --web.listen-address="127.0.0.1:$PG" --persistence.file= >"$T/pg.log" 2>&1 &
	PIDS+=($!)
	check "the pushgateway starts" wait_up "http://127.0.0.1:$PG/metrics"
	run "$ARCHGATE" probe "http://127.0.0.1:$PG/metrics"
	expect_rc 0 "the Pushgateway's exposition passes"
	expect_not_contains "$OUT" "[metrics-" "with no exposition finding"
else
	pass "prometheus-pushgateway is not installed: skipped (scripts/deps.sh --test installs it)"
fi

# node-exporter: real-world lint findings, the same metrics as promtool's
if command -v prometheus-node-exporter >/dev/null && command -v promtool >/dev/null; then
	NE=$(free_port)
	prometheus-node-exporter --web.listen-address="127.0.0.1:$NE" >"$T/ne.log" 2>&1 &
	PIDS+=($!)
	check "node-exporter starts" wait_up "http://127.0.0.1:$NE/metrics"
	run "$ARCHGATE" probe --format json "http://127.0.0.1:$NE/metrics"
	jq -r '.targets[0].findings[] | select(.rule | startswith("metrics-")) | .message' "$OUT" |
		sed -E "s/^counter '([^']+)'.*/\1/; s/^'([^']+)'.*/\1/" | awk '{print $1}' | sort -u >"$T/ag.names"
	python3 -c "import urllib.request, sys; sys.stdout.buffer.write(urllib.request.urlopen('http://127.0.0.1:$NE/metrics').read())" |
		promtool check metrics 2>&1 | awk '{print $1}' | sort -u >"$T/pt.names"
	check "promtool lints some of node-exporter's metrics" test -s "$T/pt.names"
	check "archgate flags exactly the metrics promtool flags" cmp "$T/ag.names" "$T/pt.names"
else
	pass "prometheus-node-exporter or promtool is not installed: skipped (scripts/deps.sh --test installs them)"
fi

finish
