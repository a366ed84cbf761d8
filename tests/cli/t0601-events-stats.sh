#!/bin/bash
# t0601-events-stats: `archgate events stats` gives jq's answer (counts
# exact, percentiles within 1%) on nasty-but-valid NDJSON, on generated
# logs, plain, gzip, zstd and on standard input, with any thread count.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
EV=$FIXTURES/events-nasty/events.ndjson
REF=$FIXTURES/events-ref.jq
CMP=$FIXTURES/events-cmp.jq

# same_as_jq FILE DESC [ARGS...]: stats JSON of FILE equals jq's reference
same_as_jq() {
	local file=$1 desc=$2
	shift 2
	run "$ARCHGATE" events stats --format json "$@" "$file"
	if [ "$rc" != 0 ]; then
		fail "$desc" "exit code $rc"
		_show_last
		return
	fi
	cp "$OUT" "$T/ours.json"
	jq -R -s -f "$REF" "$file" >"$T/ref.json"
	jq -r -n --slurpfile a "$T/ours.json" --slurpfile b "$T/ref.json" -f "$CMP" >"$T/diff.txt"
	if [ -s "$T/diff.txt" ]; then
		fail "$desc" "differs from jq:" "$(head -20 "$T/diff.txt")"
	else
		pass "$desc"
	fi
}

same_as_jq "$EV" "nasty corpus: escapes, CRLF, nesting, duplicates, numbers, no final newline"
run "$ARCHGATE" events stats --format json "$EV"
check "invalid lines are counted with line numbers" \
	jq -e '.invalid == 4 and ([.invalid_examples[].line] == [7, 18, 19, 26])' "$OUT"
expect_contains "$OUT" '"message":"not JSON: a plain text line"' "text lines are named as such"

for t in 1 2 3; do
	same_as_jq "$EV" "nasty corpus with --threads $t" --threads "$t"
done

python3 "$AG_SRC/bench/gen-events.py" 3 "$T/gen.ndjson" --seed 7
same_as_jq "$T/gen.ndjson" "3 MB of generated events"
run "$ARCHGATE" events stats --format json --threads 1 "$T/gen.ndjson"
cp "$OUT" "$T/one.json"
run "$ARCHGATE" events stats --format json --threads 4 "$T/gen.ndjson"
check "1 and 4 threads give the same answer" cmp -s "$OUT" "$T/one.json"

gzip -c "$T/gen.ndjson" >"$T/gen.gz"
run "$ARCHGATE" events stats --format json --threads 2 "$T/gen.gz"
check "gzip input gives the same answer" cmp -s "$OUT" "$T/one.json"
cat "$T/gen.gz" "$T/gen.gz" >"$T/twice.gz"
run "$ARCHGATE" events stats --format json "$T/twice.gz"
check "concatenated gzip members are all read" jq -e --slurpfile one "$T/one.json" \
	'.events == 2 * $one[0].events' "$OUT"
if command -v zstd >/dev/null; then
	zstd -q -c "$T/gen.ndjson" >"$T/gen.log"
	run "$ARCHGATE" events stats --format json "$T/gen.log"
	check "zstd input (recognised by content, not name) gives the same answer" \
		cmp -s "$OUT" "$T/one.json"
fi
run_stdin() { "$ARCHGATE" events stats --format json - <"$1" >"$OUT" 2>"$ERR"; rc=$?; }
run_stdin "$T/gen.ndjson"
check "standard input gives the same answer" cmp -s "$OUT" "$T/one.json"
run_stdin "$T/gen.gz"
check "gzip on standard input gives the same answer" cmp -s "$OUT" "$T/one.json"

run "$ARCHGATE" events stats "$T/gen.ndjson" "$T/gen.ndjson"
expect_rc 0 "two files"
expect_match "$OUT" "^payment-api +[0-9]+" "a text table per service"

run "$ARCHGATE" events stats --by level --format json "$EV"
check "--by groups by another field" jq -e '.by == "level" and ([.groups[].level] == [null, "ERROR", "fatal"])' "$OUT"

run "$ARCHGATE" events stats --errors 'duration_ms > 100' --format json "$EV"
check "--errors changes what counts as an error" \
	jq -e '(.services[] | select(.service == "search-api") | .errors) == 1' "$OUT"

run "$ARCHGATE" events stats --errors 'duration_ms >> 1' "$EV"
expect_rc 2 "a bad --errors expression"
expect_contains "$ERR" "error in errors at column 14" "the error names the column"

run "$ARCHGATE" events stats "$T/missing.ndjson"
expect_rc 2 "a missing file"
expect_contains "$ERR" "missing.ndjson: error: cannot open" "says which file"

printf 'not gzip' | gzip -c | head -c 10 >"$T/trunc.gz"
run "$ARCHGATE" events stats "$T/trunc.gz"
expect_rc 2 "truncated gzip"
expect_contains "$ERR" "truncated gzip data" "says it is truncated"

: >"$T/empty.ndjson"
run "$ARCHGATE" events stats --format json "$T/empty.ndjson"
expect_rc 0 "an empty file"
check "is zero events" jq -e '.lines == 0 and .events == 0 and .services == []' "$OUT"

finish
