#!/bin/bash
# t0020-check-formats: `archgate check` on fixture repositories
# (tests/cli/fixtures/{clean,warnings,failing,redflag}): text and json
# reports against golden files, exit codes 0/1/2, --phase, colour (NO_COLOR,
# --color, TTY), and finding the arch folder.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# Exit codes: 0 clean, 0 with warnings only, 1 errors, 2 bad input/usage.
run_in "$FIXTURES/clean" "$ARCHGATE" check
expect_rc 0 "clean repository"
expect_golden check-clean.txt "$OUT" "clean: text report"
expect_empty "$ERR" "clean: nothing on stderr"

run_in "$FIXTURES/warnings" "$ARCHGATE" check
expect_rc 0 "warnings do not fail the gate"
expect_golden check-warnings.txt "$OUT" "warnings: text report"

run_in "$FIXTURES/failing" "$ARCHGATE" check
expect_rc 1 "errors fail the gate"
expect_golden check-failing.txt "$OUT" "failing: text report"
expect_empty "$ERR" "findings go to stdout, not stderr"
cp "$OUT" "$T/failing.txt"

run_in "$FIXTURES/redflag" "$ARCHGATE" check
expect_rc 1 "an active red flag fails the gate"
expect_golden check-redflag.txt "$OUT" "redflag: text report"

run "$ARCHGATE" check --dir "$T/nowhere"
expect_rc 2 "--dir that does not exist"
expect_first_line "$ERR" "archgate: '$T/nowhere' is not a folder" "a missing --dir is named"
expect_empty "$OUT" "a missing --dir prints no report"

mkdir "$T/empty-repo"
run_in "$T/empty-repo" "$ARCHGATE" check
expect_rc 2 "no arch/ folder anywhere"
expect_first_line "$ERR" "archgate: no arch/ folder here or in any parent folder" \
	"a missing arch/ folder is explained"
expect_contains "$ERR" "archgate init" "a missing arch/ folder points at archgate init"

# JSON: one document, the shape PRODUCT.md fixes, the same findings.
for f in clean failing redflag; do
	run "$ARCHGATE" check --dir "$FIXTURES/$f/arch" --format json
	check "$f: json is one line ending in a newline" \
		test "$(wc -l <"$OUT")" -eq 1 -a "$(tail -c 1 "$OUT" | od -An -c | tr -d ' ')" = '\n'
	if pretty_json "$OUT" >"$T/$f.json"; then
		pass "$f: json parses"
		expect_golden "check-$f.json" "$T/$f.json" "$f: json report"
	else
		fail "$f: json parses"
		_show_last
	fi
done
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --format json
expect_rc 1 "json: exit code is the gate's, whatever the format"
python3 - "$OUT" >"$T/shape" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1, "version"
keys = {"rule", "severity", "phase", "message", "file", "line", "col"}
for f in doc["findings"]:
    missing = keys - f.keys()
    assert not missing, f"finding lacks {missing}: {f}"
    assert f["severity"] in ("error", "warning", "note"), f
    assert f["phase"] in ("1", "1.5", "2", "2.5", "3", "4"), f
    assert isinstance(f["line"], int) and isinstance(f["col"], int), f
s = doc["summary"]
unwaived = [f for f in doc["findings"] if not f.get("waived")]
for sev, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
    n = sum(1 for f in unwaived if f["severity"] == sev)
    assert s[key] == n, f"summary {key} {s[key]} != {n}"
print("ok")
EOF
check "json: every finding has rule, severity, phase, message, file, line, col; summary counts them" \
	grep -qx ok "$T/shape"
[ -s "$T/shape" ] && ! grep -qx ok "$T/shape" && sed 's/^/    /' "$T/shape"

# The text and json reports list the same findings in the same order.
grep -E '^  [^ ].*\[[a-z0-9-]+(, red flag)?\]$' "$T/failing.txt" |
	sed -E 's/^  //; s/ \[([a-z0-9-]+)(, red flag)?\]$/ \1/' >"$T/from-text"
python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    where = "%s:%d:%d" % (f["file"], f["line"], f["col"]) if f["line"] else f["file"]
    sev = ("waived until %s" % f["waiver"]["expires"]) if f.get("waived") else f["severity"]
    print("%s: %s: %s %s" % (where, sev, f["message"], f["rule"]))' "$T/failing.json" >"$T/from-json"
check "text and json report the same findings" cmp -s "$T/from-text" "$T/from-json"

# --phase: only rules of the phases up to P run.
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --phase 1
expect_rc 1 "--phase 1 on the failing repository"
expect_golden check-failing-phase1.txt "$OUT" "--phase 1: text report"
run "$ARCHGATE" rules --format json
cp "$OUT" "$T/rules.json"
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --phase 1 --format json
python3 - "$T/rules.json" "$OUT" >"$T/phase-check" 2>&1 <<'EOF'
import json, sys
order = ["1", "1.5", "2", "2.5", "3", "4"]
phase = {r["id"]: r["phase"] for r in json.load(open(sys.argv[1]))}
bad = [f["rule"] for f in json.load(open(sys.argv[2]))["findings"]
       if order.index(phase[f["rule"]]) > 0]
print("ok" if not bad else "rules beyond phase 1 ran: %s" % bad)
EOF
check "--phase 1 runs no rule of a later phase" grep -qx ok "$T/phase-check"
run "$ARCHGATE" check --dir "$FIXTURES/clean/arch" --phase 1.5
expect_rc 0 "--phase 1.5 on the clean repository"
run "$ARCHGATE" check --dir "$FIXTURES/clean/arch" --phase "Phase 2"
expect_rc 0 "--phase accepts 'Phase 2'"
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --phase 1 --format junit
check "--phase 1 junit has only the Phase 1 suite" \
	test "$(grep -c '<testsuite ' "$OUT")" -eq 1

# Finding the arch folder: walking up, $ARCHGATE_DIR, --dir before or
# after the command. The report is the same from anywhere.
copy_fixture failing
mkdir -p "$T/failing/src/deep"
run_in "$T/failing/src/deep" "$ARCHGATE" check
expect_rc 1 "check from a sub-folder walks up to arch/"
check "the report from a sub-folder is the same" cmp -s "$OUT" "$T/failing.txt"
run_in "$T/empty-repo" env ARCHGATE_DIR="$FIXTURES/failing/arch" "$ARCHGATE" check
expect_rc 1 "ARCHGATE_DIR selects the arch folder"
check "the report via ARCHGATE_DIR is the same" cmp -s "$OUT" "$T/failing.txt"
run_in "$T/empty-repo" "$ARCHGATE" --dir "$FIXTURES/failing/arch" check
check "archgate --dir DIR check gives the same report" cmp -s "$OUT" "$T/failing.txt"
run_in "$T/failing" env ARCHGATE_DIR="$FIXTURES/clean/arch" "$ARCHGATE" check --dir "$FIXTURES/clean/arch"
expect_rc 0 "--dir beats walking up"

# Colour: never when stdout is not a terminal, unless asked for.
check "no colour codes when stdout is a file" test -z "$(grep -l $'\x1b' "$T/failing.txt")"
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --color=always
expect_rc 1 "--color=always"
expect_contains "$OUT" $'\x1b[1;31merror\x1b[0m' "--color=always colours errors red"
expect_contains "$OUT" $'\x1b[1;33mwarning\x1b[0m' "--color=always colours warnings yellow"
strip_ansi <"$OUT" >"$T/stripped"
check "--color=always adds colour and nothing else" cmp -s "$T/stripped" "$T/failing.txt"
run env NO_COLOR=1 "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --color=always
expect_contains "$OUT" $'\x1b[' "an explicit --color=always beats NO_COLOR (no-color.org)"
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --color always --no-color
check "--no-color beats --color=always" test -z "$(grep -l $'\x1b' "$OUT")"
run "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --color=always --format json
check "json is never coloured" test -z "$(grep -l $'\x1b' "$OUT")"

if on_tty "$ARCHGATE" check --dir "$FIXTURES/failing/arch"; then
	expect_contains "$OUT" $'\x1b[' "on a terminal the report is coloured"
	on_tty env NO_COLOR=1 "$ARCHGATE" check --dir "$FIXTURES/failing/arch"
	check "NO_COLOR turns colour off on a terminal" test -z "$(grep -l $'\x1b' "$OUT")"
	on_tty env NO_COLOR= "$ARCHGATE" check --dir "$FIXTURES/failing/arch"
	expect_contains "$OUT" $'\x1b[' "an empty NO_COLOR is not set (no-color.org)"
	on_tty env TERM=dumb "$ARCHGATE" check --dir "$FIXTURES/failing/arch"
	check "TERM=dumb turns colour off" test -z "$(grep -l $'\x1b' "$OUT")"
	on_tty "$ARCHGATE" check --dir "$FIXTURES/failing/arch" --color=never
	check "--color=never turns colour off on a terminal" test -z "$(grep -l $'\x1b' "$OUT")"
	# input errors are printed on stderr; --color=never covers them too
	on_tty "$ARCHGATE" check --dir "$FIXTURES/malformed/unknown-key/arch" --color=never
	expect_contains "$OUT" "unknown key 'descripton'" "(tty) the input error is shown"
	check "--color=never turns colour off for input errors on a terminal" \
		test -z "$(grep -l $'\x1b' "$OUT")"
	on_tty "$ARCHGATE" check --dir "$FIXTURES/malformed/unknown-key/arch" --no-color
	check "--no-color turns colour off for input errors on a terminal" \
		test -z "$(grep -l $'\x1b' "$OUT")"
else
	echo "note: no pseudo-terminal (util-linux script); terminal colour checks not run"
fi

finish
