#!/bin/bash
# t0166-adr-crash: a multi-file edit cut at any step (ADR-022) leaves the
# records as they were or, after the next edit, as they should be: never
# one record in two files, never a temp file; a journal archgate did not
# write is refused.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# 200 records, half sharing a number; renumber cut at deterministic steps
# (ARCHGATE_TEST_CRASH_AFTER) run after run until one finishes
run bash "$AG_SRC/bench/adr-kill.sh" "$ARCHGATE" 200 --hook
expect_rc 0 "adr renumber cut again and again ends consistent"
expect_line "$OUT" "PASS" "... every record once, every link resolves, nothing left behind"

# one mv cut right after its journal: the next edit finishes it
R=$T/r
mkdir -p "$R/arch" && git -C "$R" init -q
run_in "$R" "$ARCHGATE" adr new --no-edit "Use Kafka"
run_in "$R" "$ARCHGATE" adr new --no-edit "Use NATS"
run_in "$R" "$ARCHGATE" adr link 2 Amends 1
D=$R/arch/decisions
(cd "$R" && ARCHGATE_TEST_CRASH_AFTER=2 "$ARCHGATE" adr mv 1 7 >/dev/null 2>&1)
check "the cut mv left its journal" test -f "$D/.archgate-journal"
run_in "$R" "$ARCHGATE" adr accept 2
expect_rc 0 "the next edit runs"
check "... after finishing the mv: the record is in one file, under its new name" \
	bash -c "test -f '$D/0007-use-kafka.md' && test ! -e '$D/0001-use-kafka.md'"
expect_contains "$D/0002-use-nats.md" "(0007-use-kafka.md)" "... and the link to it is rewritten"
check "... no journal or temp file is left" test -z "$(ls -A "$D" | grep -v '\.md$')"

# while a journal is pending, commands that only read refuse (ADR-026):
# the records may be half changed; `adr recover` finishes the edit
(cd "$R" && ARCHGATE_TEST_CRASH_AFTER=2 "$ARCHGATE" adr mv 2 9 >/dev/null 2>&1)
check "a second cut mv left its journal" test -f "$D/.archgate-journal"
for cmd in "check" "status" "adr list" "adr show 1" "adr lint" "adr toc" "adr graph"; do
	run_in "$R" "$ARCHGATE" $cmd
	expect_rc 2 "'$cmd' refuses while an edit is pending"
	expect_contains "$ERR" "arch/decisions/.archgate-journal: error: an edit of the decision records was interrupted" "... naming the journal"
	expect_contains "$ERR" "run 'archgate adr recover' to finish it" "... and the fix"
	check "... and prints nothing on stdout" test ! -s "$OUT"
done
check "... nothing was changed" test -f "$D/.archgate-journal"
run_in "$R" "$ARCHGATE" adr recover --help
expect_rc 0 "adr recover --help"
expect_contains "$OUT" "archgate adr recover && archgate check" "... with an example"
run_in "$R" "$ARCHGATE" adr recover
expect_rc 0 "adr recover finishes it"
expect_contains "$OUT" "finished the interrupted edit in arch/decisions" "... saying so"
check "... the record is under its new name" \
	bash -c "test -f '$D/0009-use-nats.md' && test ! -e '$D/0002-use-nats.md'"
check "... no journal or temp file is left" test -z "$(ls -A "$D" | grep -v '\.md$')"
run_in "$R" "$ARCHGATE" adr list
expect_rc 0 "adr list runs again"
expect_line "$OUT" "0009   Accepted    2026-11-25 Use NATS" "... on the finished records"
run_in "$R" "$ARCHGATE" adr recover
expect_rc 0 "adr recover with nothing pending"
expect_contains "$OUT" "no interrupted edit in arch/decisions" "... says so"

# a committed journal naming a file outside the folder is never applied
printf 'archgate-journal 1\nW 0 9 1 0\n../evil.mdx\nE 0000000000000000\n' >"$D/.archgate-journal"
run_in "$R" "$ARCHGATE" adr accept 1
expect_rc 2 "a journal archgate did not write stops the edit"
expect_contains "$ERR" "not a journal archgate wrote" "... saying so"
check "... and writes nothing outside" test ! -e "$R/arch/evil.md"
run_in "$R" "$ARCHGATE" adr recover
expect_rc 2 "adr recover refuses it too"
expect_contains "$ERR" "not a journal archgate wrote" "... saying so"
run_in "$R" "$ARCHGATE" check
expect_rc 2 "check still refuses while it is there"

finish
