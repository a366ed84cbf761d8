#!/bin/bash
# t0100-adr-new: `archgate adr new` writes the seed's ADR template exactly,
# numbers records safely when many processes create them at once, takes any
# title (a safe slug, the title itself unmangled), opens the editor only on
# a terminal, and never resolves "3" to a file that merely has a 3 in its name.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# new_repo DIR: an empty git repository (archgate writes to DIR/arch/decisions).
new_repo() {
	rm -rf "$1"
	mkdir -p "$1"
	git -C "$1" init -q
}

# json_titles: the titles `adr list --format json` reports, one a line.
json_field() {
	jq -r ".[] | $1" "$OUT"
}

# ---- the seed's template, exactly -------------------------------------------

new_repo "$T/seed"
run_in "$T/seed" "$ARCHGATE" adr new "Use PostgreSQL for orders"
expect_rc 0 "adr new in an empty repository"
expect_first_line "$OUT" "$T/seed/arch/decisions/0001-use-postgresql-for-orders.md" \
	"adr new prints the path of the new record"
expect_empty "$ERR" "adr new writes nothing to stderr"
rec=$T/seed/arch/decisions/0001-use-postgresql-for-orders.md
expect_golden adr-new-seed.md "$rec" "the new record is the seed's template, status Proposed, today's date"

# The same check against the seed's own words: the template as the seed
# prints it (on one line), with the placeholders a new record fills in.
seed_template='# ADR-###: [Title] **Status:** Proposed | Accepted | Deprecated | Superseded **Date:** 2026-01-29 **Deciders:** [Names] ## Context What forces are at play? Business constraints, technical debt, team skillsets. ## Decision We will [decision]. We chose [option A] over [option B]. ## Consequences ### Positive - What becomes easier? - What performance/cost benefits? ### Negative - What becomes harder? - What new risks? ### Neutral - What stays the same? ## Alternatives Considered | Option | Pros | Cons | Why Rejected | |--------|------|------|---------------| | Option A (chosen) | ... | ... | N/A | | Option B | ... | ... | ... | | Option C | ... | ... | ... | ## References - [Link to RFC] - [Link to prototype]'
want=${seed_template/'ADR-###: [Title]'/'ADR-001: Use PostgreSQL for orders'}
want=${want/'Proposed | Accepted | Deprecated | Superseded'/Proposed}
want=${want/2026-01-29/2026-11-25}
got=$(tr '\n' ' ' <"$rec" | tr -s ' ' | sed 's/ $//')
if [ "$got" = "$want" ]; then
	pass "the record, with its line breaks taken out, is word for word the seed's template"
else
	fail "the record, with its line breaks taken out, is word for word the seed's template" \
		"want: $want" "got:  $got"
fi

run_in "$T/seed" "$ARCHGATE" adr new --no-edit --deciders "Dana Okafor, Tomas Herrera" "Second decision"
expect_rc 0 "a second record"
rec2=$T/seed/arch/decisions/0002-second-decision.md
check "the second record is 0002" test -f "$rec2"
expect_first_line "$rec2" "# ADR-002: Second decision" "its heading carries the number ADR-002"
expect_line "$rec2" "**Deciders:** Dana Okafor, Tomas Herrera" "--deciders fills the Deciders line"
expect_line "$rec2" "**Status:** Proposed" "a new record is Proposed"

ARCHGATE_TODAY=2027-01-31 run_in "$T/seed" "$ARCHGATE" adr new --no-edit "Dated"
expect_line "$T/seed/arch/decisions/0003-dated.md" "**Date:** 2027-01-31" "the Date line is today (ARCHGATE_TODAY)"

run_in "$T/seed" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list reads the new records back"
check "all three records are listed as Proposed" \
	test "$(json_field '"\(.number) \(.status) \(.date)"' | tr '\n' ';')" = "1 Proposed 2026-11-25;2 Proposed 2026-11-25;3 Proposed 2027-01-31;"

# ---- the other templates (--template), each read back in its own format -----

for tpl in adr-tools madr; do
	new_repo "$T/tpl-$tpl"
	run_in "$T/tpl-$tpl" "$ARCHGATE" adr new --no-edit --template "$tpl" "Use PostgreSQL for orders"
	expect_rc 0 "adr new --template $tpl"
	expect_golden "adr-new-$tpl.md" "$T/tpl-$tpl/arch/decisions/0001-use-postgresql-for-orders.md" \
		"the $tpl template"
	run_in "$T/tpl-$tpl" "$ARCHGATE" adr list --format json
	check "a $tpl record is read back as $tpl, Proposed, with its title" \
		test "$(json_field '"\(.format)|\(.status)|\(.title)"')" = "$tpl|Proposed|Use PostgreSQL for orders"
	# the next record follows the format already in use, without --template
	run_in "$T/tpl-$tpl" "$ARCHGATE" adr new --no-edit "Second"
	run_in "$T/tpl-$tpl" "$ARCHGATE" adr list --format json
	check "without --template the next record keeps the folder's $tpl format" \
		test "$(json_field '.format' | sort -u)" = "$tpl"
done
new_repo "$T/tpl-l4b"
run_in "$T/tpl-l4b" "$ARCHGATE" adr new --no-edit --template log4brains "Use PostgreSQL for orders"
expect_rc 0 "adr new --template log4brains"
check "a log4brains record is named YYYYMMDD-slug.md" \
	test -f "$T/tpl-l4b/arch/decisions/20261125-use-postgresql-for-orders.md"
expect_line "$T/tpl-l4b/arch/decisions/20261125-use-postgresql-for-orders.md" "- Status: proposed" \
	"a log4brains record has a '- Status:' bullet"
run_in "$T/tpl-l4b" "$ARCHGATE" adr new --no-edit --template nonsense "X"
expect_rc 2 "an unknown --template is bad usage"

# ---- bad titles: refused, nothing written -----------------------------------

new_repo "$T/bad"
for t in "" "   " "$(printf 'tab\there')" "$(printf 'two\nlines')" "$(printf 'bad \377 utf8')" \
	"$(printf '%0501d' 0)"; do
	run_in "$T/bad" "$ARCHGATE" adr new --no-edit -- "$t"
	expect_rc 2 "adr new refuses the title $(printf '%q' "${t:0:40}")"
done
check "no record was written for a refused title" \
	test -z "$(find "$T/bad" -name '*.md' -print -quit)"
run_in "$T/bad" "$ARCHGATE" adr new --no-edit
expect_rc 2 "adr new without a title is bad usage"
run_in "$T/bad" "$ARCHGATE" adr new --no-edit one two
expect_rc 2 "adr new with two titles (unquoted) is bad usage"

# ---- any title works --------------------------------------------------------

new_repo "$T/hostile"
long="Migrate every remaining legacy batch job from the on-premises cron host to scheduled serverless functions"
long="$long, one queue per job family, with dead-letter queues, idempotent handlers, per-job budgets"
long="$long and dashboards, and retire the cron host once the last job has run clean for thirty days in a row"
long="$long, as agreed with the operations team"
long="${long:0:300}"
titles=(
	'Use A & B together'
	'pipe | here'
	'a/b/c'
	"It's \"quoted\""
	'..'
	'../../etc/passwd'
	'-leading dash'
	'--double dash'
	'Zürich café 日本語 🚀'
	"$long"
	'`rm -rf /` $(id) ; echo pwned'
	'*'
	'back\slash and 100% {braces} [brackets]'
	'Adopt C#'
	'Use Python 3.12 over 3.11'
)
check "the long title is 300 characters" test "${#long}" -eq 300
n=0
for t in "${titles[@]}"; do
	n=$((n + 1))
	desc="title $(printf '%q' "${t:0:40}")"
	run_in "$T/hostile" "$ARCHGATE" adr new --no-edit -- "$t"
	expect_rc 0 "adr new takes the $desc"
	path=$(head -n 1 "$OUT")
	base=$(basename "$path")
	num=$(printf '%04d' "$n")
	# ASCII letters and digits, and letters of other scripts (bytes >= 0x80)
	if LC_ALL=C bash -c 're=$'"'"'-([a-z0-9]|[\x80-\xff])+(-([a-z0-9]|[\x80-\xff])+)*\\.md$'"'"'; [[ $1 =~ ^$2$re ]]' _ "$base" "$num" &&
	   [ "$(printf %s "$base" | LC_ALL=C wc -c)" -le 68 ]; then
		pass "the $desc gives a safe file name ($base)"
	else
		fail "the $desc gives a safe file name" "got: $base"
	fi
	check "the record for the $desc is inside arch/decisions" \
		test "$(cd "$(dirname "$path")" 2>/dev/null && pwd -P)" = "$(cd "$T/hostile/arch/decisions" && pwd -P)"
	expect_first_line "$path" "# ADR-$(printf '%03d' "$n"): $t" "the heading holds the $desc exactly"
done
run_in "$T/hostile" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list --format json over the hostile titles"
for i in "${!titles[@]}"; do
	got=$(jq -r ".[$i].title" "$OUT")
	if [ "$got" = "${titles[$i]}" ]; then
		pass "adr list returns the title $(printf '%q' "${titles[$i]:0:40}") unmangled"
	else
		fail "adr list returns the title $(printf '%q' "${titles[$i]:0:40}") unmangled" \
			"want: ${titles[$i]}" "got:  $got"
	fi
done
check "only the records were written: nothing outside arch/decisions" \
	test -z "$(cd "$T/hostile" && find . -path ./.git -prune -o -path ./arch/decisions -prune -o ! -name . ! -name arch -print)"
check "nothing was written next to the test folder (../../etc/passwd)" \
	test ! -e "$T/etc" -a ! -e "$T/hostile/etc"
check "two titles that slug to nothing both get a file (untitled), not one" \
	test "$(ls "$T/hostile/arch/decisions" | grep -c -- '-untitled\.md$')" -eq 2

# ---- numbering under concurrency --------------------------------------------

new_repo "$T/par"
N=40
pids=()
for i in $(seq 1 $N); do
	(cd "$T/par" && "$ARCHGATE" adr new --no-edit "Parallel decision number $i" >"$T/par.out.$i" 2>"$T/par.err.$i"
	 echo $? >"$T/par.rc.$i") &
	pids+=($!)
done
wait "${pids[@]}"
bad=0
for i in $(seq 1 $N); do [ "$(cat "$T/par.rc.$i")" = 0 ] || bad=$((bad + 1)); done
check "$N parallel 'adr new' (into a folder that does not exist yet) all succeed" test "$bad" -eq 0
check "$N parallel 'adr new' leave $N records" test "$(ls "$T/par/arch/decisions" | wc -l)" -eq $N
check "the $N records are numbered 0001..00$N, each number once" \
	test "$(ls "$T/par/arch/decisions" | cut -c1-4 | sort | tr '\n' ' ')" = "$(seq -f '%04g' 1 $N | tr '\n' ' ')"
check "each process printed a different path" \
	test "$(cat "$T"/par.out.* | sort -u | wc -l)" -eq $N
lost=0
for i in $(seq 1 $N); do
	f=$(cat "$T/par.out.$i")
	head -n 1 "$f" 2>/dev/null | grep -q ": Parallel decision number $i\$" || lost=$((lost + 1))
done
check "every process's record holds its own title (nothing lost or overwritten)" test "$lost" -eq 0
check "no temporary or lock files are left behind" \
	test "$(ls -A "$T/par/arch/decisions" | grep -vc '^[0-9]\{4\}-parallel-decision-number-[0-9]*\.md$')" -eq 0

pids=()
for i in 1 2 3 4 5 6 7 8; do
	(cd "$T/par" && "$ARCHGATE" adr new --no-edit "Same title" >"$T/same.out.$i" 2>&1) &
	pids+=($!)
done
wait "${pids[@]}"
check "8 parallel 'adr new' with the same title make 8 records" \
	test "$(ls "$T/par/arch/decisions" | grep -c -- '-same-title\.md$')" -eq 8
check "... numbered $((N + 1)) to $((N + 8))" \
	test "$(ls "$T/par/arch/decisions" | grep -- '-same-title\.md$' | cut -c1-4 | tr '\n' ' ')" = "$(seq -f '%04g' $((N + 1)) $((N + 8)) | tr '\n' ' ')"

# A file archgate did not create keeps its number and its bytes.
new_repo "$T/keep"
mkdir -p "$T/keep/arch/decisions"
printf '# ADR-003: Written by hand\n\nkeep me\n' >"$T/keep/arch/decisions/0003-written-by-hand.md"
before=$(cksum <"$T/keep/arch/decisions/0003-written-by-hand.md")
run_in "$T/keep" "$ARCHGATE" adr new --no-edit "Written by hand"
expect_rc 0 "adr new next to a hand-written record with the same slug"
check "the new record takes the next free number (0004)" \
	test -f "$T/keep/arch/decisions/0004-written-by-hand.md"
check "the hand-written record is untouched" \
	test "$(cksum <"$T/keep/arch/decisions/0003-written-by-hand.md")" = "$before"

# ---- the editor: on a terminal only -----------------------------------------

cat >"$T/fake-editor" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$T/editor-ran"
EOF
chmod +x "$T/fake-editor"
new_repo "$T/ed"
rm -f "$T/editor-ran"
EDITOR="$T/fake-editor" run_in "$T/ed" "$ARCHGATE" adr new "No terminal"
expect_rc 0 "adr new with EDITOR set and no terminal"
check "without a terminal the editor does not run" test ! -e "$T/editor-ran"
VISUAL="$T/fake-editor" EDITOR="$T/fake-editor" run_in "$T/ed" "$ARCHGATE" adr new "No terminal either"
check "without a terminal VISUAL does not run either" test ! -e "$T/editor-ran"
check "the records were still written" test -f "$T/ed/arch/decisions/0002-no-terminal-either.md"

if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	# script(1) runs the command on a pseudo-terminal
	tty_run() { (cd "$T/ed" && script -qec "$1" /dev/null </dev/null >"$OUT" 2>"$ERR"); rc=$?; LAST_CMD="script -qec '$1'"; }
	ag=$(printf '%q' "$ARCHGATE")
	rm -f "$T/editor-ran"
	EDITOR="$T/fake-editor" tty_run "$ag adr new 'On a terminal'"
	expect_rc 0 "adr new on a terminal"
	check "on a terminal \$EDITOR runs on the new record" \
		test "$(cat "$T/editor-ran" 2>/dev/null)" = "$T/ed/arch/decisions/0003-on-a-terminal.md"
	rm -f "$T/editor-ran"
	EDITOR="$T/fake-editor" tty_run "$ag adr new --no-edit 'Terminal but no edit'"
	check "--no-edit keeps the editor closed on a terminal" test ! -e "$T/editor-ran"
	rm -f "$T/editor-ran"
	VISUAL="$T/fake-editor --wait" EDITOR=false tty_run "$ag adr new 'Visual first'"
	expect_rc 0 "adr new with VISUAL and EDITOR on a terminal"
	check "\$VISUAL wins over \$EDITOR and may carry arguments" \
		test "$(cat "$T/editor-ran" 2>/dev/null)" = "--wait $T/ed/arch/decisions/0005-visual-first.md"
	rm -f "$T/editor-ran"
	env -u VISUAL -u EDITOR bash -c "cd '$T/ed' && script -qec \"$ag adr new 'No editor set'\" /dev/null" \
		</dev/null >"$OUT" 2>"$ERR"
	rc=$?
	expect_rc 0 "adr new on a terminal with no editor configured"
	check "... still writes the record" test -f "$T/ed/arch/decisions/0006-no-editor-set.md"
else
	echo "# skip: script(1) from bsdutils is not available; the terminal cases are not tested"
fi

# ---- a number means that number, never a digit in a title -------------------

new_repo "$T/num"
run_in "$T/num" "$ARCHGATE" adr new --no-edit "Use Maven"
run_in "$T/num" "$ARCHGATE" adr new --no-edit "Adopt Java 3 runtime"
before=$(cksum <"$T/num/arch/decisions/0002-adopt-java-3-runtime.md")
run_in "$T/num" "$ARCHGATE" adr show 3
expect_rc 2 "adr show 3 with no record 3 (but 0002-adopt-java-3-runtime.md) is an error"
expect_empty "$OUT" "... and shows nothing"
run_in "$T/num" "$ARCHGATE" adr accept 3
expect_rc 2 "adr accept 3 with no record 3 is an error"
check "... and 0002-adopt-java-3-runtime.md is untouched" \
	test "$(cksum <"$T/num/arch/decisions/0002-adopt-java-3-runtime.md")" = "$before"
run_in "$T/num" "$ARCHGATE" adr new --no-edit "Third"
for ref in 3 0003 ADR-3 ADR-003 0003-third.md third; do
	run_in "$T/num" "$ARCHGATE" adr show "$ref"
	expect_first_line "$OUT" "# ADR-003: Third" "adr show $ref is record 3"
done
run_in "$T/num" "$ARCHGATE" adr accept 3
expect_rc 0 "adr accept 3"
expect_line "$T/num/arch/decisions/0003-third.md" "**Status:** Accepted" "adr accept 3 accepts 0003-third.md"
expect_line "$T/num/arch/decisions/0002-adopt-java-3-runtime.md" "**Status:** Proposed" \
	"... and not 0002-adopt-java-3-runtime.md"
run_in "$T/num" "$ARCHGATE" adr show 2
expect_first_line "$OUT" "# ADR-002: Adopt Java 3 runtime" "adr show 2 is record 2"

finish
