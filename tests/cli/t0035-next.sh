#!/bin/bash
# t0035-next: `archgate next` names the one next step of the current phase:
# the first blocker in the seed's order (constraints before capabilities,
# whatever file sorts first), a red flag first when one reopened Phase 1,
# with where, why and what to do, and how many steps the phase has left;
# `status` ends with the same step in one line.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run_in "$FIXTURES/failing" "$ARCHGATE" next
expect_rc 1 "next: Phase 1 is open"
expect_first_line "$OUT" "Phase 1 (Constraints & Trade-offs)" "next: names the phase"
expect_line "$OUT" "Next: The non-functional requirements are stated: scale, latency, compliance" \
	"next: the seed's first step (constraints), not the first file's finding (a waiver)"
expect_match "$OUT" '^  arch/system.yaml:7:3: error: constraints do not state compliance' \
	"next: where to edit, as file:line:col"
expect_match "$OUT" '^Why: The seed.s Phase 1 starts with' "next: why, in the seed's words"
expect_line "$OUT" "Do:  Add to arch/system.yaml:" "next: what to do"
expect_line "$OUT" "         compliance: [GDPR]   # or [] when none apply" \
	"next: a multi-line fix stays indented under Do:"
expect_line "$OUT" "Then 5 more steps in Phase 1 (archgate status lists them)." \
	"next: how many steps remain (6 blockers, this one included)"
expect_empty "$ERR" "next: nothing on stderr"

run_in "$FIXTURES/failing" "$ARCHGATE" status
expect_line "$OUT" "Next: The non-functional requirements are stated: scale, latency, compliance (arch/system.yaml:7:3): archgate next says how" \
	"status: ends with the same next step"

run_in "$FIXTURES/redflag" "$ARCHGATE" next
expect_rc 1 "next: a red flag reopened Phase 1"
expect_first_line "$OUT" "Phase 1 (Constraints & Trade-offs), reopened by a red flag: STOP" \
	"next: says STOP"
expect_match "$OUT" '^Next: .*\(red flag\)$' "next: the red flag comes first"

run_in "$FIXTURES/redflag" "$ARCHGATE" next --format json
if pretty_json "$OUT" >"$T/next.json"; then
	pass "next json parses"
	check "json: phase 1, reopened, not complete" \
		grep -q '"phase": "1"' "$T/next.json"
	check "json: the step is the red flag" \
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["step"]; assert d["reopened"] and not d["complete"] and s["finding"]["red_flag"] and s["title"] and s["why"] and s["fix"] and d["remaining"] == d["steps"] - 1' "$T/next.json"
else
	fail "next json parses"
fi

run_in "$FIXTURES/clean" "$ARCHGATE" next
expect_rc 0 "next: every phase complete"
expect_first_line "$OUT" "All phases complete: nothing blocks." "next: says nothing blocks"
run_in "$FIXTURES/clean" "$ARCHGATE" next --format json
check "json: complete, step null" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["complete"] and d["step"] is None and d["steps"] == 0' "$OUT"

run "$ARCHGATE" next --help
expect_rc 0 "next --help"
expect_contains "$OUT" "archgate next --format json" "next --help: an example"

finish
