#!/bin/bash
# t0910-serve: `archgate serve` really started on 127.0.0.1 (a free port),
# talked to with curl: it serves exactly the files `archgate site` builds;
# nothing outside them (.., %2e%2e, encoded slashes, backslashes, symbolic
# links); strict headers (CSP, nosniff); ETag and If-None-Match; HEAD; gzip
# when accepted; application/problem+json for every error; a Host check;
# Prometheus text at /metrics (promtool accepts it); one JSON access log
# line per request on stderr; a rebuild on change with a live-reload event,
# the last good site kept when a change breaks the model; exit 0 on SIGTERM.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v curl >/dev/null || skip_all "curl is not installed"
run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
run "$ARCHGATE" site --out ../built --no-graphviz
expect_rc 0 "the static site, to compare with"

pid=
start() { # start [ARGS]: the server in the background; sets U (its URL)
	"$ARCHGATE" serve --port 0 --no-graphviz "$@" >../serve.out 2>../serve.err &
	pid=$!
	U=
	for _ in $(seq 1 200); do
		U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' ../serve.out)
		[ -n "$U" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.05
	done
}
stop() {
	[ -n "$pid" ] && kill -TERM $pid 2>/dev/null
	wait $pid
	src=$?
	pid=
}
trap 'if [ -n "$pid" ]; then kill $pid; fi; cd /; rm -rf "$T"' EXIT
# wait_for CMD...: poll (at most 20 s) until CMD succeeds
wait_for() {
	for _ in $(seq 1 400); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}

start
check "the server says where it listens (127.0.0.1, a free port)" test -n "$U"
H=../h.txt
B=../b.txt
get() { rm -f $B; curl -s -D $H -o $B "$@"; }

get "$U"
expect_first_line_match $H "^HTTP/1.1 200" "GET / is the board"
check "/ is index.html, byte for byte" cmp $B ../built/index.html
expect_contains $H "Content-Type: text/html; charset=utf-8" "HTML is typed"
expect_contains $H "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" "a strict CSP"
expect_contains $H "X-Content-Type-Options: nosniff" "nosniff"
expect_match $H '^ETag: "[0-9a-f]{16}"' "a strong ETag"

# every file of the static site, the same bytes (live.js excepted: serve's own)
same=0 differ=
while read -r f; do
	[ "$f" = assets/live.js ] && continue
	curl -s -o ../one "$U$f"
	if cmp -s ../one "../built/$f"; then same=$((same + 1)); else differ="$differ $f"; fi
done < <(cd ../built && find . -type f ! -name .archgate-site | sed 's|^\./||' | sort)
check "every file of the site is served as built ($same files${differ:+; differ:$differ})" test -z "$differ"
get "${U}assets/live.js"
expect_contains $B "new EventSource(root + '_archgate/events')" "assets/live.js is the live-reload script"
get "${U}decisions/"
check "a folder is its index.html" cmp $B ../built/decisions/index.html

# HEAD
curl -s -I -o $H "${U}radar.html"
expect_first_line_match $H "^HTTP/1.1 200" "HEAD answers"
expect_line $H "Content-Length: $(stat -c %s ../built/radar.html)"$'\r' "with the length of the page"
check "and no body" test "$(curl -s -I "${U}radar.html" | sed '1,/^\r$/d' | wc -c)" = 0

# ETag and If-None-Match
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' $H)
get -H "If-None-Match: $etag" "${U}radar.html"
expect_first_line_match $H "^HTTP/1.1 304" "If-None-Match with its ETag: 304"
check "304 has no body" test ! -s $B
expect_contains $H "ETag: $etag" "and repeats the ETag"
get -H "If-None-Match: \"0000000000000000\", W/$etag" "${U}radar.html"
expect_first_line_match $H "^HTTP/1.1 304" "a list with a weak match: 304"
get -H 'If-None-Match: "0000000000000000"' "${U}radar.html"
expect_first_line_match $H "^HTTP/1.1 200" "another ETag: 200"
get -H 'If-None-Match: *' "${U}radar.html"
expect_first_line_match $H "^HTTP/1.1 304" "If-None-Match: * is 304"

# gzip
get -H 'Accept-Encoding: br, gzip' "${U}decisions/index.html"
expect_contains $H "Content-Encoding: gzip" "gzip when accepted"
expect_contains $H "Vary: Accept-Encoding" "and Vary says so"
check "it unpacks to the page" bash -c "gzip -dc <$B | cmp - ../built/decisions/index.html"
gz_etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' $H)
check "the gzip variant has its own ETag" test "$gz_etag" != "$(curl -sI "${U}decisions/index.html" | sed -n 's/^ETag: \(.*\)\r$/\1/p')"
get -H 'Accept-Encoding: gzip;q=0, identity' "${U}decisions/index.html"
expect_not_contains $H "Content-Encoding" "gzip;q=0 is refused"
get "${U}decisions/index.html"
expect_not_contains $H "Content-Encoding" "no gzip unless asked"

# nothing outside the site
for p in "../../../../etc/passwd" "%2e%2e/%2e%2e/%2e%2e/etc/passwd" "assets/%2e%2e/%2e%2e/arch/system.yaml" \
	"..%2f..%2f..%2fetc%2fpasswd" "decisions%2f..%2f..%2farch%2fsystem.yaml" "..\\..\\etc\\passwd" \
	"%5c..%5c..%5cetc%5cpasswd" "arch/system.yaml" "/etc/passwd" ".archgate-site" "%00index.html" \
	"index.html%00.js" "decisions/../index.html"; do
	rm -f $B
	curl -s --path-as-is -D $H -o $B "$U$p"
	if head -1 $H | grep -q "^HTTP/1.1 404" && ! grep -q "root:" $B; then
		pass "not served: /$p"
	else
		fail "not served: /$p" "$(head -1 $H)"
	fi
done
expect_contains $H "Content-Type: application/problem+json" "a 404 is problem+json"
check "a problem document: type, title, status, detail, instance" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert d["status"]==404 and d["title"]=="Not Found" and d["type"]=="about:blank" and d["detail"] and d["instance"].startswith("/"), d' $B
ln -s /etc/passwd arch/passwd.txt
ln -s / arch/rootlink
get "${U}passwd.txt"
expect_first_line_match $H "^HTTP/1.1 404" "a symbolic link in arch/ is not served"
get "${U}rootlink/etc/passwd"
expect_first_line_match $H "^HTTP/1.1 404" "nor one to a folder"
rm arch/passwd.txt arch/rootlink

# methods and Host
for m in POST PUT DELETE PATCH OPTIONS; do
	curl -s -X $m -D $H -o $B "$U"
	if head -1 $H | grep -q "^HTTP/1.1 405" && grep -q "^Allow: GET, HEAD" $H &&
		grep -q "application/problem+json" $H; then
		pass "$m is 405 with Allow and a problem document"
	else
		fail "$m is 405 with Allow and a problem document" "$(head -1 $H)"
	fi
done
get -H 'Host: attacker.example' "$U"
expect_first_line_match $H "^HTTP/1.1 421" "another Host (DNS rebinding) is refused"
expect_contains $H "application/problem+json" "as a problem document"
get -H "Host: localhost:1" "$U"
expect_first_line_match $H "^HTTP/1.1 200" "localhost is fine"

# metrics
get "${U}metrics"
expect_first_line_match $H "^HTTP/1.1 200" "/metrics"
expect_contains $H "Content-Type: text/plain; version=0.0.4" "in Prometheus text format"
expect_match $B '^archgate_serve_requests_total\{code="404"\} [1-9]' "404s are counted"
expect_match $B '^archgate_serve_requests_total\{code="405"\} 5$' "405s are counted"
expect_match $B '^archgate_serve_request_duration_seconds_bucket\{le="\+Inf"\} [0-9]+$' "a latency histogram"
if command -v promtool >/dev/null; then
	check "promtool check metrics accepts it" bash -c "promtool check metrics <$B"
fi

# the access log: one JSON object a line
check "every stderr line is a JSON object; requests have method, path, status, bytes" python3 -c '
import json,sys
n=0
for line in open(sys.argv[1]):
    d=json.loads(line)
    if d.get("event")=="request":
        assert {"time","method","path","status","bytes","duration_ms","gzip"} <= set(d), d; n+=1
assert n>30, n' ../serve.err
expect_match ../serve.err '"method":"DELETE","path":"/","status":405' "the log names method, path and status"

# live reload: an edit rebuilds the site and tells the open pages
curl -sN "${U}_archgate/events" >../events.txt &
cpid=$!
wait_for grep -q "archgate live reload" ../events.txt
check "the event stream opens" grep -q "^retry: 1000" ../events.txt
sed -i 's/^# ADR-002: Start with a modular monolith/# ADR-002: Start with a NEW-TITLE monolith/' \
	arch/decisions/0002-start-with-a-modular-monolith.md
check "the edit is served after the rebuild" wait_for bash -c \
	"curl -s '${U}decisions/0002-start-with-a-modular-monolith.html' | grep -q NEW-TITLE"
check "the stream says reload" wait_for grep -q "^event: reload" ../events.txt
kill $cpid 2>/dev/null
wait $cpid 2>/dev/null
expect_match ../serve.err '"event":"rebuilt","files":[0-9]+' "the rebuild is logged"

# a change that breaks the model keeps the last good site
cp arch/system.yaml ../system.yaml.good
printf 'system: [unclosed\n' >arch/system.yaml
check "a broken model is logged as a failed rebuild" wait_for grep -q '"event":"rebuild-failed"' ../serve.err
get "${U}decisions/0002-start-with-a-modular-monolith.html"
expect_first_line_match $H "^HTTP/1.1 200" "the last good site is still served"
expect_contains $B NEW-TITLE "with the last good content"
check "failures are counted" bash -c "curl -s '${U}metrics' | grep -Eqx 'archgate_serve_rebuild_failures_total [1-9][0-9]*'"
n=$(grep -c '"event":"rebuilt"' ../serve.err)
cp ../system.yaml.good arch/system.yaml
check "fixed, it rebuilds again" wait_for bash -c "[ \$(grep -c '\"event\":\"rebuilt\"' ../serve.err) -gt $n ]"

# the same port twice
run "$ARCHGATE" serve --port "$(echo "$U" | sed 's|.*:\([0-9]*\)/|\1|')" --no-graphviz
expect_rc 2 "a port in use is an error"
expect_match "$ERR" "^archgate serve: cannot listen on 127.0.0.1:[0-9]+" "saying so"
stop
check "SIGTERM stops the server with exit 0" test "$src" = 0

run "$ARCHGATE" serve --port 99999
expect_rc 2 "a port out of range is a usage error"
run "$ARCHGATE" serve --port x1
expect_rc 2 "a port that is no number is a usage error"
run "$ARCHGATE" serve --host 0.0.0.0.1 --port 0
expect_rc 2 "a host that is no IPv4 address is an error"
finish
