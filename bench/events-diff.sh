#!/usr/bin/env bash
# events-diff.sh - the answers of two archgate binaries, byte for byte, on
# the same event files: what a change to the scanner must not change.
#
# Usage: bench/events-diff.sh OLD NEW FILE...
#
# For every FILE it runs `events stats` (JSON, one thread and two), `events
# lint` and a few queries (the questions of bench/events.sh, a filter that
# prints events, nested paths, time windows, a lower-cased group) with both
# binaries and compares stdout and the exit code. Prints one line per
# difference and exits 1 when there is one, 0 when every answer is the same.
set -uo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OLD NEW FILE..." >&2; exit 2; }
OLD=$1 NEW=$2
shift 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
QUERIES=(
	'by service compute count, mean(duration_ms), p50(duration_ms), p99(duration_ms)'
	'where level = "error" by service compute count'
	'where status = "error" or status = "failure" by service compute count, p99(duration_ms)'
	'where http_status >= 500 or status >= 500 by service compute count'
	'where http.response.status_code >= 500 by service.name compute count, mean(event.duration)'
	'by level compute count'
	'where duration_ms > 200 limit 40'
	'where message = "x" or level = "warn" limit 20'
	'every 1m compute count'
	'by service, level compute count, max(duration_ms) top 5 by count'
)
fails=0
one() { # name args...
	local name=$1
	shift
	"$OLD" "$@" >"$TMP/old" 2>"$TMP/olderr"
	local ro=$?
	"$NEW" "$@" >"$TMP/new" 2>"$TMP/newerr"
	local rn=$?
	# the text summary says how long a slow run took: not an answer
	sed -i -E 's/ in [0-9.]+ s \([0-9.]+ GB\/s\)$//' "$TMP/old" "$TMP/new"
	if [ $ro != $rn ] || ! cmp -s "$TMP/old" "$TMP/new"; then
		printf 'DIFF %s: %s (rc %s vs %s)\n' "$f" "$name" $ro $rn
		diff "$TMP/old" "$TMP/new" | head -5
		fails=$((fails + 1))
	fi
}
for f in "$@"; do
	one "stats 1" events stats --format json --threads 1 --no-progress "$f"
	one "stats 2" events stats --format json --threads 2 --no-progress "$f"
	one "stats text" events stats --threads 1 --no-progress "$f"
	one "lint" events lint --format json --no-progress "$f"
	for q in "${QUERIES[@]}"; do
		one "query $q" events query --format json --threads 1 --no-progress "$q" "$f"
	done
done
printf '%d files, %d differences\n' $# $fails
[ $fails = 0 ]
