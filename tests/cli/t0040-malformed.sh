#!/bin/bash
# t0040-malformed: every class of bad input gets one precise message,
# "file:line:col: error: message" on stderr, nothing on stdout, and exit
# code 2 -- never a crash, a hang or a report built from half a model.
# Fixtures: tests/cli/fixtures/malformed/<case>/arch; the 10,000-deep
# nesting and the 100 MB file are generated here in $TMPDIR.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# Every stderr line is a located error (or archgate's own summary line).
check_all_lines_located() {
	local bad
	bad=$(grep -Ev '^arch/[a-z./0-9-]+(:[0-9]+:[0-9]+)?: error: [^ ]|^archgate: [0-9]+ more problems? not shown$' "$ERR" | head -n 3)
	if [ -z "$bad" ]; then
		pass "$1: every message is 'file:line:col: error: ...'"
	else
		fail "$1: every message is 'file:line:col: error: ...'" "not located: $bad"
	fi
}

# malformed NAME DIR EXPECTED-FIRST-LINE [regex]
malformed() {
	local name=$1 dir=$2 want=$3 how=${4:-exact}
	run timeout 20 "$ARCHGATE" check --dir "$dir"
	expect_rc 2 "$name"
	if [ "$how" = regex ]; then
		expect_first_line_match "$ERR" "$want" "$name: the message"
	else
		expect_first_line "$ERR" "$want" "$name: the message"
	fi
	expect_empty "$OUT" "$name: no report on stdout"
	check_all_lines_located "$name"
	run timeout 20 "$ARCHGATE" check --dir "$dir" --format json
	expect_rc 2 "$name (--format json)"
	expect_empty "$OUT" "$name: no json for malformed input"
}

M=$FIXTURES/malformed

malformed "unknown key" "$M/unknown-key/arch" \
	"arch/system.yaml:3:3: error: unknown key 'descripton' in system; did you mean 'description'?"
malformed "wrong type" "$M/wrong-type/arch" \
	"arch/system.yaml:2:10: error: 'users' must be an integer, not a string ('fifty thousand')"
malformed "duplicate key" "$M/duplicate-key/arch" \
	"arch/system.yaml:3:3: error: duplicate key 'name' (first defined at line 2, column 3)"
malformed "duplicate id" "$M/duplicate-id/arch" \
	"arch/system.yaml:6:12: error: duplicate id 'web' (already used by the container at line 5)"
malformed "reference to a missing id" "$M/missing-id/arch" \
	"arch/system.yaml:6:26: error: relation target 'wbe' is not a defined id; did you mean 'web'?"
malformed "bad enum value" "$M/bad-enum/arch" \
	"arch/system.yaml:2:12: error: 'latency' is 'interactiv'; did you mean 'interactive'? (one of: realtime, interactive, batch)"
malformed "missing required key" "$M/missing-required/arch" \
	"arch/system.yaml:2:5: error: capability is missing the required key 'name'"
malformed "invalid waiver date" "$M/bad-waiver-date/arch" \
	"arch/archgate.yaml:4:14: error: 'expires' must be a date written YYYY-MM-DD, not '2026-02-30'"
malformed "unknown rule id in policy" "$M/unknown-rule/arch" \
	"arch/archgate.yaml:2:3: error: unknown rule 'build-need-adr'; did you mean 'build-needs-adr'?"
malformed "YAML syntax error" "$M/yaml-syntax/arch" \
	"arch/system.yaml:3:3: error: did not find expected ',' or ']' (while parsing a flow sequence that started at line 2, column 11)"
malformed "tab indentation" "$M/tab-indent/arch" \
	"arch/system.yaml:2:1: error: tab character where YAML needs spaces (indent with spaces, not tabs)"
# A Latin-1 "é" (byte 0xe9) is the 12th character of line 2: the message
# must point there and name that byte, not the byte after it.
malformed "invalid UTF-8" "$M/invalid-utf8/arch" \
	"^arch/system\.yaml:2:12: error: invalid UTF-8 .*0xe9.*; YAML files must be UTF-8\$" regex
malformed "binary garbage" "$M/binary/arch" \
	"arch/system.yaml:1:1: error: control characters are not allowed (byte 0x1f); is this a binary file?"

# The billion laughs must be refused, not expanded: timeout 20 turns a hang
# into a failure.
malformed "alias bomb (billion laughs)" "$M/alias-bomb/arch" \
	"arch/system.yaml:8:8: error: document expands to more than 1000000 nodes (alias bomb or oversized file); archgate refuses to expand it"

mkdir -p "$T/deep/arch"
{
	printf 'constraints: '
	printf '[%.0s' $(seq 10000)
	printf ']%.0s' $(seq 10000)
	printf '\n'
} >"$T/deep/arch/system.yaml"
malformed "10,000-deep nesting" "$T/deep/arch" \
	"arch/system.yaml:1:113: error: nesting is deeper than 100 levels; archgate refuses to parse further"

# 100 MB (sparse: no disk is spent). It must be refused from its size,
# before anything reads it: read, its NUL bytes on line 2 would be the
# error, so the size message at 1:1 proves the order (no clock needed).
mkdir -p "$T/huge/arch"
printf 'system: {name: Huge}\n' >"$T/huge/arch/system.yaml"
truncate -s 100MB "$T/huge/arch/system.yaml"
malformed "100 MB system.yaml" "$T/huge/arch" \
	"arch/system.yaml:1:1: error: file is 95.4 MiB; archgate reads YAML files up to 16 MiB"

# An empty system.yaml is a truncated or mis-saved file, not a model with
# nothing in it: it is an input error at its first line. (A missing
# system.yaml is different: a repository that has not started yet.)
malformed "empty file" "$M/empty/arch" "^arch/system\.yaml(:1:1)?: error: .*empty" regex

# Problems in both files are all reported in one run.
mkdir -p "$T/both/arch"
cp "$M/unknown-rule/arch/archgate.yaml" "$M/wrong-type/arch/system.yaml" "$T/both/arch/"
run "$ARCHGATE" check --dir "$T/both/arch"
expect_rc 2 "errors in archgate.yaml and system.yaml"
expect_line "$ERR" "arch/archgate.yaml:2:3: error: unknown rule 'build-need-adr'; did you mean 'build-needs-adr'?" \
	"both files: the policy error"
expect_line "$ERR" "arch/system.yaml:2:10: error: 'users' must be an integer, not a string ('fifty thousand')" \
	"both files: the model error"

# A decision record that is binary is an input error too.
copy_fixture clean
printf '# ADR-009: Binary\0\x01\x02\n' >"$T/clean/arch/decisions/0009-binary.md"
run "$ARCHGATE" check --dir "$T/clean/arch"
expect_rc 2 "a decision record with NUL bytes"
expect_first_line "$ERR" "arch/decisions/0009-binary.md:1:1: error: decision record contains NUL bytes; is it a binary file?" \
	"the binary decision record is named"

# status reads the same input the same way.
run timeout 20 "$ARCHGATE" status --dir "$M/alias-bomb/arch"
expect_rc 2 "status refuses the alias bomb too"

finish
