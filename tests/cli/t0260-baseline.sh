#!/bin/bash
# t0260-baseline: `archgate baseline` records today's findings in
# arch/baseline.json; `check` then fails only on new ones and counts the
# known ones; fingerprints survive lines moving; the baseline only shrinks
# (--accept-new to add); red flags are never baselined; a baseline archgate
# cannot read hides nothing and is never overwritten.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
copy_fixture clean
R=$T/clean
# two findings of one rule: capabilities built without an ADR
sed -i 's/^capabilities:$/capabilities:\n  - {name: Search, core: false, decision: build}\n  - {name: Chat, core: false, decision: build}/' "$R/arch/system.yaml"
run_in "$R" "$ARCHGATE" check --format json
expect_rc 1 "two errors before a baseline"
check "two build-needs-adr findings" jq -e '[.findings[] | select(.rule == "build-needs-adr")] | length == 2' "$OUT"

run_in "$R" "$ARCHGATE" baseline
expect_rc 0 "baseline writes"
expect_line "$OUT" "arch/baseline.json: 2 known findings" "and says how many"
check "the file: ours, version 1, fingerprints" jq -e '.archgate == "baseline" and .version == 1
	and ([.findings[] | .fingerprint | test("^[0-9a-f]{16}$")] == [true, true])' "$R/arch/baseline.json"

run_in "$R" "$ARCHGATE" check
expect_rc 0 "known findings no longer fail check"
expect_contains "$OUT" "0 errors, 0 warnings, 0 notes (2 known: in the baseline); check passed" "and are counted as known"
expect_not_contains "$OUT" "[build-needs-adr]" "and not listed"
run_in "$R" "$ARCHGATE" check --format sarif
check "SARIF: baselineState unchanged for both" \
	jq -e '[.runs[0].results[] | .baselineState] == ["unchanged", "unchanged"]' "$OUT"
run_in "$R" "$ARCHGATE" check --format json
check "JSON: baselined findings and count" jq -e '.summary.baselined == 2 and
	([.findings[] | select(.baselined)] | length) == 2 and .summary.errors == 0' "$OUT"
run_in "$R" "$ARCHGATE" status
expect_rc 0 "status: known findings block no phase"

# lines move: fingerprints hold
sed -i '1i # a comment above everything\n# and another' "$R/arch/system.yaml"
run_in "$R" "$ARCHGATE" check
expect_rc 0 "findings that moved down two lines are still known"

# a new finding fails, alone
sed -i 's/^capabilities:$/capabilities:\n  - {name: Billing, core: false, decision: build}/' "$R/arch/system.yaml"
run_in "$R" "$ARCHGATE" check --format sarif
expect_rc 1 "a new finding fails check"
check "SARIF: the new one is new" jq -e '[.runs[0].results[] | .baselineState] | sort == ["new", "unchanged", "unchanged"]' "$OUT"
run_in "$R" "$ARCHGATE" check
expect_contains "$OUT" "'Billing' is not core but is built" "the new finding is listed"
expect_not_contains "$OUT" "'Search' is not core" "the known ones are not"
cp "$R/arch/baseline.json" "$T/before.json"
run_in "$R" "$ARCHGATE" baseline
expect_contains "$OUT" "1 new finding left out: fix it, or run 'archgate baseline --accept-new' to add it" "the baseline does not grow by itself"
expect_rc 0 "baseline (shrink only) succeeds"
run_in "$R" "$ARCHGATE" check
expect_rc 1 "and check still fails on the new finding"
run_in "$R" "$ARCHGATE" baseline --accept-new
expect_line "$OUT" "arch/baseline.json: 3 known findings (0 fixed and dropped, 1 added)" "--accept-new adds it"
run_in "$R" "$ARCHGATE" check
expect_rc 0 "then check passes"

# fixing a finding shrinks the baseline
sed -i '/{name: Chat, core: false, decision: build}/d' "$R/arch/system.yaml"
run_in "$R" "$ARCHGATE" baseline
expect_line "$OUT" "arch/baseline.json: 2 known findings (1 fixed and dropped, 0 added)" "a fixed finding leaves the baseline"

# a baseline archgate cannot read hides nothing and is left alone
printf '{"findings": []}\n' >"$R/arch/baseline.json"
run_in "$R" "$ARCHGATE" check
expect_rc 1 "a foreign baseline.json hides nothing"
expect_contains "$OUT" "arch/baseline.json:1:1: error: not a baseline archgate wrote" "and is a finding at its place"
expect_contains "$OUT" "[baseline-invalid]" "of its own rule"
run_in "$R" "$ARCHGATE" baseline
expect_rc 2 "baseline refuses to replace a file it did not write"
expect_line "$R/arch/baseline.json" '{"findings": []}' "which is left as it was"

# red flags are never baselined
copy_fixture redflag
run_in "$T/redflag" "$ARCHGATE" baseline
expect_match "$OUT" "red flags? (is|are) never baselined: the seed says STOP" "red flags stay out"
run_in "$T/redflag" "$ARCHGATE" check
expect_rc 1 "and still fail check"

# ... unless the policy allows it (adopting archgate where they already are)
printf '\nbaseline:\n  red_flags: true\n' >>"$T/redflag/arch/archgate.yaml"
run_in "$T/redflag" "$ARCHGATE" baseline
expect_contains "$OUT" "1 new finding left out" "allowed, a red flag is still a new finding the baseline does not take by itself"
run_in "$T/redflag" "$ARCHGATE" baseline --accept-new
expect_match "$OUT" "red flags? (is|are) baselined because policy allows it \(baseline.red_flags in arch/archgate.yaml\); the seed says STOP" \
	"baseline.red_flags: true records them, and says so"
run_in "$T/redflag" "$ARCHGATE" status
expect_not_contains "$OUT" "reopened by a red flag" "a known red flag no longer reopens Phase 1"
printf 'baseline:\n  red_flags: maybe\n' >"$T/bad-policy.yaml"
cp "$T/bad-policy.yaml" "$T/redflag/arch/archgate.yaml"
run_in "$T/redflag" "$ARCHGATE" check
expect_rc 2 "a red_flags value that is not a boolean is bad input"
expect_match "$ERR" "^arch/archgate.yaml:2:14: error: " "at its place"

# --stats: how the baseline shrank over git history
S=$T/stats
copy_fixture failing
mv "$T/failing" "$S"
rm -f "$S/arch/baseline.json"
git -C "$S" init -q
run_in "$S" "$ARCHGATE" baseline --stats
expect_line "$OUT" "arch/baseline.json has no commits yet (git log -- arch/baseline.json is empty); it holds 0 known findings now" \
	"--stats before any commit says where it looked"
run_in "$S" "$ARCHGATE" baseline
git -C "$S" add -A && git -C "$S" -c user.name=A -c user.email=a@x commit -qm "adopt archgate
baseline: fingerprint 0000 forged in a message"
n0=$(jq '.findings | length' "$S/arch/baseline.json")
sed -i '/{name: Payments/d' "$S/arch/system.yaml"
run_in "$S" "$ARCHGATE" baseline
n1=$(jq '.findings | length' "$S/arch/baseline.json")
git -C "$S" -c user.name=A -c user.email=a@x commit -qam "pay down: Payments"
run_in "$S" "$ARCHGATE" baseline --stats
expect_rc 0 "--stats"
expect_match "$OUT" "^  [0-9-]{10}  [0-9a-f]{12}  +$n1 known  \(-$((n0 - n1))\)$" "--stats: the newest commit, with the change"
expect_match "$OUT" "^  [0-9-]{10}  [0-9a-f]{12}  +$n0 known  first$" "--stats: the first commit"
expect_line "$OUT" "$((n0 - n1)) of $n0 known findings paid down ($(((n0 - n1) * 100 / n0))%) in 2 commits" "--stats: the summary"
run_in "$S" "$ARCHGATE" baseline --stats --format json
check "--stats json: the history, newest first" jq -e --argjson a "$n1" --argjson b "$n0" \
	'.known == $a and ([.history[].known] == [$a, $b]) and (.history[0].commit | test("^[0-9a-f]{40}$"))' "$OUT"
run_in "$S" "$ARCHGATE" baseline --format json
expect_rc 2 "--format without --stats is a usage error"

finish
