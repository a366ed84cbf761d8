#!/bin/bash
# t0608-events-scan-edges: the edges of the scanner's fast paths (ADR-059),
# each a fixture in fixtures/events-scan-edges/: escapes at every offset
# around the 16- and 64-byte blocks strings are searched in, escaped keys;
# keys that are prefixes, extensions or first-byte twins of asked ones, of
# 1 to 18 bytes (around the key memo's two words and its 14-byte cap), and
# keys of 15 and 16 bytes that differ from asked ones only in the bytes
# between the first and the last eight;
# duplicate keys, also of nested objects; CRLF, white space around every
# token and keys not followed directly by their colon; lines of 100 KB and
# of 1,500 members (past the memo's 64 positions); \u escapes, surrogate
# pairs, lone surrogates and raw UTF-8 in keys and values; nested objects
# whose keys repeat at the same position under another parent; and broken
# lines at the places the memo skips over.
#
# Every answer (stats, two threads and one, and queries) is the golden one,
# written by the scanner before the memo of nested keys and the key cache
# by first bytes; where jq reads JSON as archgate does, it also agrees with
# the jq reference (fixtures/events-ref.jq).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

copy_fixture events-scan-edges
D=$T/events-scan-edges # run from there: the examples of broken lines name files as given
QUERIES=(
	'by service, level compute count, mean(duration_ms), max(duration_ms)'
	'where http.response.status_code >= 500 or status.code = 2 or http.status_code >= 500 by service compute count'
	'where severity_number >= 17 or otel.status_code = "ERROR" or error = true by service compute count'
	'by http.status_code compute count'
)

for name in escapes prefixes twins dups crlf long unicode nested invalid; do
	f=$name.ndjson
	: >"$T/$name.txt"
	for t in 1 2; do
		run_in "$D" "$ARCHGATE" events stats --format json --threads $t --no-progress "$f"
		expect_rc 0 "$name: stats, $t thread(s)"
		cp "$OUT" "$T/$name-stats-$t.json"
	done
	check "$name: one thread and two give the same stats" \
		cmp -s "$T/$name-stats-1.json" "$T/$name-stats-2.json"
	cat "$T/$name-stats-1.json" >>"$T/$name.txt"
	for q in "${QUERIES[@]}"; do
		run_in "$D" "$ARCHGATE" events query --format json --threads 1 --no-progress "$q" "$f"
		printf '# %s (rc %s)\n' "$q" "$rc" >>"$T/$name.txt"
		cat "$OUT" >>"$T/$name.txt"
	done
	if [ "$name" != long ]; then
		run_in "$D" "$ARCHGATE" events query --threads 1 --no-progress 'where level = "error" limit 5' "$f"
		printf '# errors (rc %s)\n' "$rc" >>"$T/$name.txt"
		cat "$OUT" >>"$T/$name.txt"
	fi
	expect_golden "events-scan-edges-$name.txt" "$T/$name.txt" "$name: stats and queries"
done

# where jq reads JSON as archgate does (jq 1.6 rejects lone surrogates;
# archgate reads a dotted key with a nested rest, "http.response" then
# "status_code", which the reference does not; and a duplicate key leaves
# the nested fields of its first value), the reference agrees
for name in escapes prefixes twins crlf long; do
	jq -R -s -f "$FIXTURES/events-ref.jq" "$D/$name.ndjson" >"$T/$name-ref.json"
	check "$name: the same answer as the jq reference" \
		test -z "$(jq -n -r --slurpfile a "$T/$name-stats-1.json" \
			--slurpfile b "$T/$name-ref.json" -f "$FIXTURES/events-cmp.jq")"
done

# escaped spellings are the same key and the same group
check "unicode: \\u0061pi is api and caf\\u00e9 is café: two groups" \
	jq -e '.events == 180 and .invalid == 0 and (.services | length) == 2
		and ([.services[].count] | sort) == [72, 108]' "$T/unicode-stats-1.json"
check "escapes: an escaped key and an escaped value are the plain ones" \
	jq -e '(.services | map(.service) | sort) == ["a-service-name-longer-than-16", "api", "payment-api"]
		and ([.services[].count] | add) == 140' "$T/escapes-stats-1.json"
# the last of two keys wins, as in jq
check "dups: each event in the group of its last service" \
	test "$(jq -c '[.services[] | {service, count}] | sort_by(.service)' "$T/dups-stats-1.json")" = \
	"$(jq -R -s -c '[split("\n")[] | fromjson? | objects] | group_by(.service)
		| map({service: .[0].service, count: length}) | sort_by(.service)' "$D/dups.ndjson")"
check "nested: a key under another parent at the same position is not the asked one" \
	jq -e '([.services[].errors] | add) ==
		'"$(jq -R -s '[split("\n")[] | fromjson? | objects
			| select((.http.response.status_code // 0) >= 500 or (.["http.response"].status_code // 0) >= 500
				or (.status | type == "object" and .code == 2))] | length' "$D/nested.ndjson")" \
	"$T/nested-stats-1.json"
check "invalid: every broken line counted, with its place" \
	jq -e '.events == 48 and .invalid == 33 and .lines == 81' "$T/invalid-stats-1.json"

finish
