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

# a committed journal naming a file outside the folder is never applied
printf 'archgate-journal 1\nW 0 9 1 0\n../evil.mdx\nE 0000000000000000\n' >"$D/.archgate-journal"
run_in "$R" "$ARCHGATE" adr accept 1
expect_rc 2 "a journal archgate did not write stops the edit"
expect_contains "$ERR" "not a journal archgate wrote" "... saying so"
check "... and writes nothing outside" test ! -e "$R/arch/evil.md"

finish
