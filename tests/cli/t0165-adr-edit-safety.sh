#!/bin/bash
# t0160-adr-edit-safety: edits of decision records lose nothing (issue 10).
# Link rewriting by renumber and mv changes link destinations only, every
# one of them; every edit takes the folder lock; rewrites keep the file's
# mode, refuse read-only files and write through symbolic links only
# inside the repository; values written into records cannot add lines.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# ---- link rewriting: only the destinations, every one -----------------------

L=$T/links
mkdir -p "$L/arch" && git -C "$L" init -q
for t in "Use Kafka" "Use NATS" "Keep an outbox"; do
	run_in "$L" "$ARCHGATE" adr new --no-edit "$t"
done
D=$L/arch/decisions
cat >>"$D/0003-keep-an-outbox.md" <<'MD'

- Earlier: [the Kafka record](0001-use-kafka.md) came first, then [ADR-002: Use NATS](0002-use-nats.md).
- Prose: [the Kafka record](0001-use-kafka.md) was first (see 0002-use-nats.md).
- Two on a line: [NATS](0002-use-nats.md) and [again](./0002-use-nats.md#context "NATS").
- Kept as they are: `[code](0002-use-nats.md)`, 0002-use-nats.md in prose, [other](x0002-use-nats.md).
- A reference: [nats][n].

[n]: 0002-use-nats.md "the NATS record"

```
[fenced](0002-use-nats.md)
```
MD
cp "$D/0003-keep-an-outbox.md" "$T/outbox-before"
run_in "$L" "$ARCHGATE" adr mv 2 9
expect_rc 0 "adr mv 2 9"
expect_line "$D/0003-keep-an-outbox.md" \
	"- Earlier: [the Kafka record](0001-use-kafka.md) came first, then [ADR-009: Use NATS](0009-use-nats.md)." \
	"an earlier unrelated link and the text between are kept"
expect_line "$D/0003-keep-an-outbox.md" \
	"- Prose: [the Kafka record](0001-use-kafka.md) was first (see 0002-use-nats.md)." \
	"a file name in parentheses after a link is prose: the line is kept"
expect_line "$D/0003-keep-an-outbox.md" \
	"- Two on a line: [NATS](0009-use-nats.md) and [again](./0009-use-nats.md#context \"NATS\")." \
	"both links on a line are rewritten, their own texts, anchors and titles kept"
expect_line "$D/0003-keep-an-outbox.md" \
	"- Kept as they are: \`[code](0002-use-nats.md)\`, 0002-use-nats.md in prose, [other](x0002-use-nats.md)." \
	"code spans, prose and other files' names are not links to it"
expect_line "$D/0003-keep-an-outbox.md" '[n]: 0009-use-nats.md "the NATS record"' \
	"a reference definition is rewritten"
expect_line "$D/0003-keep-an-outbox.md" '[fenced](0002-use-nats.md)' "fenced code is kept"
check "nothing else in the file changed (three lines)" \
	test "$(diff "$T/outbox-before" "$D/0003-keep-an-outbox.md" | grep -c '^[<>]')" -eq 6

# ---- every edit takes the folder lock ---------------------------------------

C=$T/concurrent
mkdir -p "$C/arch" && git -C "$C" init -q
for i in $(seq 1 21); do
	run_in "$C" "$ARCHGATE" adr new --no-edit "Decision $i"
done
pids=
for i in $(seq 2 21); do
	(cd "$C" && "$ARCHGATE" adr link "$i" Amends 1 >/dev/null 2>&1) &
	pids="$pids $!"
done
ok=0
for p in $pids; do wait "$p" && ok=$((ok + 1)); done
check "20 concurrent adr link all succeed" test "$ok" -eq 20
check "... and all 20 links are kept in the record they all changed" \
	test "$(grep -c '^\*\*Amended by:\*\*' "$C/arch/decisions/0001-decision-1.md")" -eq 20
run_in "$C" "$ARCHGATE" adr lint --format json
check "... and every link is reciprocal" \
	test -z "$(jq -r '.findings[] | select(.rule == "adr-links") | .message' "$OUT")"

# ---- rewrites keep the mode, refuse read-only files, keep symbolic links ----

P=$T/perms
mkdir -p "$P/arch" && git -C "$P" init -q
run_in "$P" "$ARCHGATE" adr new --no-edit "Use Kafka"
run_in "$P" "$ARCHGATE" adr new --no-edit "Use NATS"
PD=$P/arch/decisions
chmod 0600 "$PD/0001-use-kafka.md"
run_in "$P" "$ARCHGATE" adr accept 1
expect_rc 0 "adr accept of a 0600 record"
check "... the record stays 0600" test "$(stat -c %a "$PD/0001-use-kafka.md")" = 600
chmod 0444 "$PD/0002-use-nats.md"
cp "$PD/0002-use-nats.md" "$T/nats-before"
run_in "$P" "$ARCHGATE" adr accept 2
expect_rc 2 "adr accept of a read-only (0444) record is refused"
expect_contains "$ERR" "read-only" "... with a message that says it is read-only"
check "... and the record is unchanged, still 0444" \
	bash -c "cmp -s '$T/nats-before' '$PD/0002-use-nats.md' && test \$(stat -c %a '$PD/0002-use-nats.md') = 444"
chmod 0644 "$PD/0002-use-nats.md"
mkdir -p "$P/docs"
printf '# Shop\n\n<!-- archgate:adr-toc -->\n<!-- archgate:end -->\n' >"$P/docs/README.md"
ln -s docs/README.md "$P/README.md"
run_in "$P" "$ARCHGATE" adr toc --in README.md
expect_rc 0 "adr toc --in a README that is a symbolic link inside the repository"
check "... the link is still a link" test -L "$P/README.md"
expect_contains "$P/docs/README.md" "0001-use-kafka.md" "... and its target has the table"
printf '<!-- archgate:adr-toc -->\n<!-- archgate:end -->\n' >"$T/outside.md"
ln -s "$T/outside.md" "$P/OUT.md"
run_in "$P" "$ARCHGATE" adr toc --in OUT.md
expect_rc 2 "adr toc --in a symbolic link that leads out of the repository is refused"
expect_contains "$ERR" "outside the repository" "... saying why (the read refuses it first)"
expect_not_contains "$T/outside.md" "0001" "... and the file outside is untouched"

# ---- values are escaped or refused, never extra lines ------------------------

F=$T/madr
mkdir -p "$F/docs/decisions" && git -C "$F" init -q
run_in "$F" "$ARCHGATE" adr new --no-edit --template madr 'Use "fast" Kafka'
run_in "$F" "$ARCHGATE" adr new --no-edit --template madr 'Use NATS'
run_in "$F" "$ARCHGATE" adr supersede 2 1
expect_rc 0 "MADR supersede by a record whose title holds a double quote"
expect_line "$F/docs/decisions/0002-use-nats.md" \
	'status: "superseded by [ADR-0001: Use \"fast\" Kafka](0001-use-fast-kafka.md)"' \
	"the front matter status is a valid YAML string"
run_in "$F" "$ARCHGATE" adr list --format json
check "... and the old record keeps its status and date" \
	test "$(jq -r '.[1] | "\(.status) \(.date)"' "$OUT")" = "Superseded 2026-11-25"
ls "$F/docs/decisions" >"$T/madr-before"
run_in "$F" "$ARCHGATE" adr new --no-edit --template madr --deciders "$(printf 'Ann\nstatus: accepted')" "Use X"
expect_rc 2 "a newline in --deciders is refused"
expect_contains "$ERR" "--deciders contains a control character" "... saying which option"
check "... and no record is written" bash -c "ls '$F/docs/decisions' | cmp -s - '$T/madr-before'"
run_in "$F" "$ARCHGATE" rfc new --author "$(printf 'Ann\n| Lead | x |')" "An RFC"
expect_rc 2 "a newline in rfc new --author is refused"
run_in "$F" "$ARCHGATE" rfc sign 1 --role "Lead Backend" --name "$(printf 'Ann\nBob')" --email a@b
expect_rc 2 "a newline in rfc sign --name is refused"
expect_contains "$ERR" "--name contains a control character" "... saying which option"

# ---- init: all or nothing, the cause named -----------------------------------

mkdir -p "$T/i/arch"
ln -s "$T/nowhere/decisions" "$T/i/arch/decisions"
run "$ARCHGATE" init "$T/i"
expect_rc 2 "init fails when a folder it needs is a dangling symbolic link"
expect_contains "$ERR" "dangling symbolic link" "... and names the cause"
check "... and leaves nothing of what it wrote before (only the link is there)" \
	test "$(cd "$T/i" && find . | sort | tr '\n' ' ')" = ". ./arch ./arch/decisions "
expect_not_contains "$OUT" "created" "... nor says it created anything"

finish
