#!/bin/bash
# t0030-status: the four-phase board (`archgate status`) as text and json,
# for a repository where every phase is complete, one where Phase 1 is open
# with blockers, and one where a red flag reopens Phase 1.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# Rows are padded into columns; trailing blanks are not part of what a
# reader sees, so the text goldens are compared without them.
strip_trailing() {
	sed 's/[[:space:]]*$//' "$1" >"$1.stripped"
	echo "$1.stripped"
}

run_in "$FIXTURES/clean" "$ARCHGATE" status
expect_rc 0 "status: every phase complete"
expect_golden status-clean.txt "$(strip_trailing "$OUT")" "clean: board"
expect_line "$OUT" "All phases complete." "clean: says so"
expect_line "$OUT" "No red flags." "clean: no red flags"
expect_empty "$ERR" "clean: nothing on stderr"

run_in "$FIXTURES/failing" "$ARCHGATE" status
expect_rc 1 "status: Phase 1 open"
expect_golden status-failing.txt "$(strip_trailing "$OUT")" "failing: board"
expect_match "$OUT" '^\[ \] Phase 1 .* open +6 blockers  <- current$' "failing: Phase 1 is current with 6 blockers"
expect_match "$OUT" '^\[-\] Phase 1\.5 .* blocked' "failing: later phases are blocked"
expect_line "$OUT" "Current phase: 1 (Constraints & Trade-offs)" "failing: current phase named"
check "failing: a waived finding does not block" test -z "$(grep -F "waived" "$OUT")"
check "failing: a warning does not block" test -z "$(grep -F "warning:" "$OUT")"

run_in "$FIXTURES/redflag" "$ARCHGATE" status
expect_rc 1 "status: a red flag reopens Phase 1"
expect_golden status-redflag.txt "$(strip_trailing "$OUT")" "redflag: board"
expect_line "$OUT" "      reopened by a red flag: STOP. Return to Phase 1." "redflag: says STOP"
expect_match "$OUT" "^1 red flag active" "redflag: counts the active red flag"
expect_contains "$OUT" "[microservices-justified, red flag]" "redflag: lists the red flag under Phase 1"

for f in clean failing redflag; do
	run "$ARCHGATE" status --dir "$FIXTURES/$f/arch" --format json
	if pretty_json "$OUT" >"$T/$f.json"; then
		pass "$f: status json parses"
		expect_golden "status-$f.json" "$T/$f.json" "$f: board json"
	else
		fail "$f: status json parses"
		_show_last
	fi
done

# The json shape PRODUCT.md fixes: version, current, phases[id, name,
# state, blockers], red_flags.
python3 - "$T/clean.json" "$T/failing.json" "$T/redflag.json" >"$T/shape" 2>&1 <<'EOF'
import json, sys
ids = ["1", "1.5", "2", "2.5", "3", "4"]
docs = [json.load(open(p)) for p in sys.argv[1:]]
for d in docs:
    assert d["version"] == 1
    assert [p["id"] for p in d["phases"]] == ids, d["phases"]
    for p in d["phases"]:
        assert p["state"] in ("complete", "open", "blocked"), p
        assert p["name"], p
        for b in p["blockers"]:
            assert b["severity"] == "error" and not b["waived"], b
    assert d["current"] in ids
    # a phase after an unfinished one is blocked, never complete
    seen_open = False
    for p in d["phases"]:
        if seen_open:
            assert p["state"] == "blocked", p
        seen_open |= p["state"] != "complete"
clean, failing, red = docs
assert all(p["state"] == "complete" for p in clean["phases"]) and clean["red_flags"] == []
assert failing["current"] == "1" and failing["phases"][0]["state"] == "open"
assert len(failing["phases"][0]["blockers"]) == 6 and failing["red_flags"] == []
assert red["current"] == "1" and red["reopened"] is True and failing["reopened"] is False
assert [f["rule"] for f in red["red_flags"]] == ["microservices-justified"]
assert all(f["red_flag"] for f in red["red_flags"])
assert red["phases"][0]["blockers"][0]["rule"] == "microservices-justified"
print("ok")
EOF
check "status json has the documented shape and states" grep -qx ok "$T/shape"
grep -qx ok "$T/shape" || sed 's/^/    /' "$T/shape"

# Colour only when asked for (or on a terminal), and only colour.
run "$ARCHGATE" status --dir "$FIXTURES/redflag/arch" --color=always
expect_contains "$OUT" $'\x1b[1;31mreopened by a red flag' "--color=always: the red flag is red"
strip_ansi <"$OUT" >"$T/stripped"
run "$ARCHGATE" status --dir "$FIXTURES/redflag/arch"
check "--color=always adds colour and nothing else" cmp -s "$T/stripped" "$OUT"

# Bad input and bad usage: exit 2, no board.
run "$ARCHGATE" status --dir "$FIXTURES/malformed/duplicate-key/arch"
expect_rc 2 "status on malformed input"
expect_first_line "$ERR" "arch/system.yaml:3:3: error: duplicate key 'name' (first defined at line 2, column 3)" \
	"status reports the input error"
expect_empty "$OUT" "status prints no board for malformed input"
run "$ARCHGATE" status --phase 1
expect_rc 2 "status has no --phase"
mkdir "$T/nothing"
run_in "$T/nothing" "$ARCHGATE" status
expect_rc 2 "status without an arch/ folder"
expect_first_line "$ERR" "archgate: no arch/ folder here or in any parent folder" \
	"status explains the missing arch/ folder"

finish
