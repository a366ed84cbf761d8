#!/bin/bash
# bench/adr-kill.sh - kill -9 a running `adr renumber` again and again.
#
#   bench/adr-kill.sh [ARCHGATE] [RECORDS] [--hook]
#
# Lays down RECORDS (default 2000) decision records of which half share
# their number with the other half (two branches that each wrote
# 0001..N/2), each linking to its twin and to the record before it, then
# runs `archgate adr renumber` and kills it with SIGKILL after a random
# 5-2000 ms (a run must get past loading 2,000 records), over and over,
# until a run finishes. With --hook, each run is
# cut instead at a deterministic step (ARCHGATE_TEST_CRASH_AFTER=N, the
# process _exits at the Nth write step), N cycling through 1..97.
# At the end it checks (ADR-022): every record present exactly once (each
# title in one file), no duplicate number, every link resolves, no temp
# file or journal left. Prints the number of kills and PASS or FAIL.
set -u
AG=${1:-build/archgate}
N=${2:-2000}
HOOK=${3:-}
case $AG in /*) ;; *) AG=$PWD/$AG ;; esac
W=$(mktemp -d /tmp/adrkill.XXXXXX)
trap 'rm -rf "$W"' EXIT
D=$W/arch/decisions
mkdir -p "$D"
git -C "$W" init -q
export ARCHGATE_TODAY=2026-11-25
half=$((N / 2))
for b in a b; do
	for i in $(seq 1 "$half"); do
		f=$(printf '%04d-%s-%d.md' "$i" "$b" "$i")
		o=$([ "$b" = a ] && echo b || echo a)
		twin=$(printf '%04d-%s-%d.md' "$i" "$o" "$i")
		prev=$(printf '%04d-%s-%d.md' $((i > 1 ? i - 1 : 1)) "$b" $((i > 1 ? i - 1 : 1)))
		{
			printf '# ADR-%03d: %s %d\n\n**Status:** Accepted\n**Date:** 2026-11-01\n' "$i" "${b^^}" "$i"
			printf '**Deciders:** bench\n**Relates to:** [ADR-%03d: %s %d](%s)\n\n' "$i" "${o^^}" "$i" "$twin"
			printf '## Context\n\nSee [the one before](%s) and [my twin](%s) (twin: %s).\n' "$prev" "$twin" "$twin"
			printf '\n## Decision\n\nWe will do %s %d.\n\n## Consequences\n\nSome.\n' "$b" "$i"
		} >"$D/$f"
	done
done
kills=0
start=$(date +%s)
step=0
while :; do
	step=$((step + 1))
	if [ -n "$HOOK" ]; then
		(cd "$W" && ARCHGATE_TEST_CRASH_AFTER=$((step % 97 + 1)) "$AG" adr renumber >/dev/null 2>"$W/.err")
		rc=$?
	else
		(cd "$W" && exec "$AG" adr renumber >/dev/null 2>"$W/.err") &
		pid=$!
		ms=$((RANDOM % 1996 + 5))
		sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
	fi
	if [ "$rc" = 0 ]; then
		break
	elif [ "$rc" = 137 ] || [ "$rc" = 99 ]; then
		kills=$((kills + 1))
	else
		echo "renumber failed with exit $rc:"; cat "$W/.err"; exit 1
	fi
done
# a last run to see nothing is left to do
(cd "$W" && "$AG" adr renumber) >"$W/.last" 2>&1
secs=$(($(date +%s) - start))
fail=0
files=$(ls "$D" | grep -c '\.md$')
[ "$files" -eq "$N" ] || { echo "FAIL: $files record files, expected $N"; fail=1; }
dups=$(grep -h '^# ADR' "$D"/*.md | sed 's/^# ADR-[0-9]*: //' | sort | uniq -d | head -3)
[ -z "$dups" ] || { echo "FAIL: titles in two files: $dups"; fail=1; }
nums=$(ls "$D" | grep '\.md$' | cut -c1-4 | sort | uniq -d | head -3)
[ -z "$nums" ] || { echo "FAIL: duplicate numbers: $nums"; fail=1; }
left=$(ls -A "$D" | grep -v '\.md$' | head -3)
[ -z "$left" ] || { echo "FAIL: left behind: $left"; fail=1; }
# nor anywhere else in the repository (temp files, a journal, a lock file)
stray=$(cd "$W" && find . -path ./.git -prune -o \( -name '*.agtmp.*' -o -name '.archgate-journal' \
	-o -name '*.lock' \) -print | head -3)
[ -z "$stray" ] || { echo "FAIL: left behind in the repository: $stray"; fail=1; }
broken=$(cd "$D" && grep -oh '](\([^)]*\))' *.md | sed 's/^](//; s/)$//' | sort -u | while read -r t; do [ -f "$t" ] || echo "$t"; done | head -3)
[ -z "$broken" ] || { echo "FAIL: links to missing files: $broken"; fail=1; }
grep -q "no duplicate numbers" "$W/.last" || { echo "FAIL: a last renumber still had work:"; head -3 "$W/.last"; fail=1; }
echo "records=$N kills=$kills seconds=$secs"
[ "$fail" = 0 ] && echo PASS || echo FAIL
exit "$fail"
