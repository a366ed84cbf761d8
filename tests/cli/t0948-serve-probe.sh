#!/bin/bash
# t0948-serve-probe: `archgate probe` (issue 15) against `archgate serve`
# (issue 16), both really started: the site's pages answer 200 with their
# type, an unknown path below each answers a 4xx with an RFC 9457
# problem+json body, and /metrics is a clean Prometheus exposition (HELP
# and TYPE on every family, conventional names, no duplicate series).
# serve joins the trace of a valid W3C traceparent: a traceresponse with
# the same trace id and a span id of its own, on pages, errors and
# /metrics, and the trace id in its access log; so probe passes --strict
# too. An invalid traceparent is ignored.
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

run "$ARCHGATE" probe "$U" "${U}decisions/" "${U}radar.html" "${U}metrics" --strict
expect_rc 0 "probe passes against serve, warnings too (--strict)"
expect_contains "$OUT" "0 errors, 0 warnings" "no finding at all"
expect_line "$OUT" "${U}: 200 text/html; an unknown path answered 404" \
	"the board, and an unknown path is a 404 with problem+json"
expect_line "$OUT" "${U}decisions/: 200 text/html; an unknown path answered 404" "the decision log too"
expect_match "$OUT" "^${U}metrics: 200 text/plain, text format, [0-9]+ samples in [0-9]+ families$" \
	"/metrics is read as Prometheus text"
expect_not_contains "$OUT" "[metrics-" "and has no finding of the exposition rules"
run "$ARCHGATE" probe "$U" "${U}metrics" --format json
expect_rc 0 "as JSON"

TP=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
tresp() { # PATH [CURL ARGS]: the traceresponse header of a GET
	local p=$1
	shift
	curl -s -o /dev/null -D - "$@" "$U$p" | tr -d '\r' | sed -n 's/^traceresponse: //Ip'
}
for p in "" decisions/ metrics no-such-page; do
	v=$(tresp "$p" -H "traceparent: $TP")
	check "/$p answers a traceresponse in the request's trace, with a span of its own" \
		sh -c "echo '$v' | grep -Eq '^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01\$' && \
			! echo '$v' | grep -q 00f067aa0ba902b7"
done
v=$(tresp "" -H "traceparent: $TP" -H "Accept-Encoding: gzip")
check "a gzipped page too" sh -c "echo '$v' | grep -q '^00-4bf92f3577b34da6a3ce929d0e0e4736-'"
check "two requests, two spans" test "$(tresp "" -H "traceparent: $TP")" != "$(tresp "" -H "traceparent: $TP")"
check "the access log names the trace" grep -q '"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"' ../serve.err
for bad in 00-00000000000000000000000000000000-00f067aa0ba902b7-01 \
	00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01 \
	00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01 \
	ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 \
	00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra x; do
	check "an invalid traceparent ($bad) is ignored" test -z "$(tresp "" -H "traceparent: $bad")"
done
check "a later version with more fields is joined" sh -c \
	"curl -s -o /dev/null -D - -H 'traceparent: 01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what' '$U' | grep -qi '^traceresponse: 00-4bf92f3577b34da6a3ce929d0e0e4736-'"
check "no traceparent, no traceresponse" test -z "$(tresp "")"
check "and the page is the same bytes with and without it" bash -c \
	"cmp <(curl -s '$U') <(curl -s -H 'traceparent: $TP' '$U')"
finish
