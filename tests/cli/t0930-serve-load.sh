#!/bin/bash
# t0930-serve-load: `archgate serve` under Debian's wrk on loopback for a
# bounded time (3 s a path, 2 threads, 32 connections, plain and gzip):
# no error response, no socket error, and no memory growth beyond a bound
# (RSS after a second round within 8 MB of after the first: a leak per
# request would grow with the ~100,000 requests of a round). Requests per
# second and latency are printed for the record, not asserted: they
# measure the machine. Skipped without wrk.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v wrk >/dev/null || skip_all "wrk is not installed (apt-get install wrk)"
run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
# under AddressSanitizer, freed memory waits in a quarantine (256 MB) and
# would read as growth: no quarantine for this server (ignored otherwise)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
(cd demo && exec "$ARCHGATE" serve --port 0 --no-graphviz >"$T/serve.out" 2>/dev/null) &
pid=$!
trap 'kill $pid 2>/dev/null; cd /; rm -rf "$T"' EXIT
U=
for _ in $(seq 1 200); do
	U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' "$T/serve.out")
	[ -n "$U" ] && break
	sleep 0.05
done
check "archgate serve listens" test -n "$U"
rss() { awk '/VmRSS/{print $2}' /proc/$pid/status; }
round() {
	for path in index.html decisions/index.html radar.html; do
		for enc in identity gzip; do
			wrk -t2 -c32 -d3s --latency -H "Accept-Encoding: $enc" "$U$path" >"$T/wrk.txt" 2>&1
			local rps p99 bad errs
			rps=$(awk '/Requests\/sec/{print $2}' "$T/wrk.txt")
			p99=$(awk '$1=="99%"{print $2}' "$T/wrk.txt")
			bad=$(awk '/Non-2xx/{print $NF}' "$T/wrk.txt")
			errs=$(grep "Socket errors" "$T/wrk.txt")
			echo "# $1 /$path ($enc): $rps req/s, p99 $p99"
			if [ -n "$rps" ] && [ -z "$bad" ] && [ -z "$errs" ]; then
				pass "$1: /$path ($enc) under load: no error response, no socket error"
			else
				fail "$1: /$path ($enc) under load" "$(cat "$T/wrk.txt")"
			fi
		done
	done
}
round "first round"
r1=$(rss)
round "second round"
r2=$(rss)
echo "# RSS: $r1 KB after the first round, $r2 KB after the second"
check "no memory growth between rounds (RSS $r1 KB -> $r2 KB, within 8 MB)" test $((r2 - r1)) -lt 8192
curl -s "${U}metrics" >"$T/metrics.txt"
check "the metrics counted the load" grep -Eq '^archgate_serve_requests_total\{code="200"\} [0-9]{4,}$' "$T/metrics.txt"
kill -TERM $pid
wait $pid
src=$?
# (a leak or a sanitizer report would make the exit code non-zero)
check "the server stops cleanly after the load (exit $src)" test $src = 0
pid=
finish
