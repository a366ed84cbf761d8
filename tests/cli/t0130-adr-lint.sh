#!/bin/bash
# t0130-adr-lint: the adr-* rules — required sections with real content, an
# Alternatives Considered table with two real options and a Why Rejected for
# each loser, a valid status and ISO date, links that resolve and are
# reciprocal, unique numbers — in `adr lint` and, the same, in `check`.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

L=$FIXTURES/adr-lint

# jq_e ARGS...: jq -e without printing the result.
jq_e() {
	jq -e "$@" >/dev/null
}

# ---- a clean repository passes ----------------------------------------------

run_in "$FIXTURES/adr-seed" "$ARCHGATE" adr lint
expect_rc 0 "adr lint on complete, consistent records"
expect_line "$OUT" "0 errors, 0 warnings, 0 notes; check passed" "... reports nothing"

# ---- one record per problem -------------------------------------------------

run_in "$L" "$ARCHGATE" adr lint
expect_rc 1 "adr lint fails on the broken records"
expect_golden adr-lint.txt "$OUT" "adr lint's report"

run_in "$L" "$ARCHGATE" adr lint --format json
expect_rc 1 "adr lint --format json"
jq -r '.findings[] | "\(.rule) \(.file | sub("^arch/decisions/"; "")):\(.line)"' "$OUT" | sort >"$T/found"
cp "$OUT" "$T/lint.json"

# expect_finding RULE FILE:LINE WHAT
expect_finding() {
	if grep -Fxq -- "$1 $2" "$T/found"; then
		pass "$1 at $2: $3"
	else
		fail "$1 at $2: $3" "findings were:" "$(sed 's/^/  /' "$T/found")"
	fi
}
# expect_no_finding FILE WHAT
expect_no_finding() {
	if ! grep -q -- " $1:" "$T/found"; then
		pass "nothing reported for $1: $2"
	else
		fail "nothing reported for $1: $2" "$(grep -- " $1:" "$T/found")"
	fi
}

expect_no_finding 0001-use-connection-pooling.md "a complete record"
expect_finding adr-sections 0002-no-context-section.md:1 "a missing Context section"
expect_finding adr-sections 0003-template-prompts-only.md:7 "Context still the template's prompt"
expect_finding adr-sections 0003-template-prompts-only.md:11 "Decision still the template's prompt"
expect_finding adr-sections 0003-template-prompts-only.md:15 "Consequences still the template's prompts"
expect_finding adr-alternatives 0003-template-prompts-only.md:31 "the template's Option A/B/C rows are not alternatives"
expect_finding adr-sections 0004-empty-decision.md:12 "an empty Decision section"
expect_finding adr-alternatives 0005-one-real-alternative.md:30 "one real option is not a decision"
expect_finding adr-alternatives 0006-alternative-without-a-reason.md:36 "a losing option without a Why Rejected"
check "the rejected option that does say why (Send inline) is not reported" \
	bash -c "! jq -e '.findings[] | select(.message | test(\"Send inline\"))' '$T/lint.json' >/dev/null"
expect_finding adr-status 0007-invalid-status.md:3 "status 'Maybe'"
expect_finding adr-date 0008-invalid-date.md:4 "a date that is not ISO"
expect_finding adr-date 0009-date-in-the-future.md:4 "a date after today (ARCHGATE_TODAY)"
expect_finding adr-date 0010-no-date.md:1 "no date"
expect_finding adr-links 0011-broken-link.md:6 "a link to a file that does not exist"
expect_finding adr-links 0012-superseded-but-still-accepted.md:3 "'Superseded by' while the status is Accepted"
expect_finding adr-links 0013-one-sided-link.md:6 "Amends without 'Amended by' on the other record"
expect_finding adr-links 0014-wrong-reverse-link.md:6 "Supersedes answered by Amends"
expect_finding adr-links 0015-points-back-with-the-wrong-type.md:6 "... reported from both ends"
expect_no_finding 0016-rejected-records-need-no-alternatives.md "a Rejected record needs no alternatives table"
expect_finding adr-alternatives 0017-no-alternatives-at-all.md:1 "no Alternatives Considered at all"
expect_finding adr-number-unique 0018-merged-from-branch-b.md:1 "two records 0018"
expect_no_finding 0018-merged-from-branch-a.md "the first of a duplicated number is not blamed"
expect_finding adr-sections 0019-no-title.md:1 "no '# Title' heading"
check "no other findings than those listed (20)" test "$(wc -l <"$T/found")" -eq 20
check "every finding is an error with a message and a column" \
	jq_e 'all(.findings[]; .severity == "error" and (.message | length) > 10 and .col >= 1)' "$T/lint.json"
check "the summary counts 20 errors" jq_e '.summary.errors == 20' "$T/lint.json"

# ---- the same rules inside check --------------------------------------------

run_in "$L" "$ARCHGATE" check --format json
expect_rc 1 "archgate check fails on the same records"
jq -r '.findings[] | select(.rule | test("^(adr|rfc)-")) | "\(.rule) \(.file | sub("^arch/decisions/"; "")):\(.line)"' "$OUT" |
	sort >"$T/found-check"
check "check reports exactly the adr-* findings of adr lint" cmp -s "$T/found" "$T/found-check"
run_in "$L" "$ARCHGATE" check
expect_contains "$OUT" "0009-date-in-the-future.md:4:11: error: date 2027-05-01 is in the future [adr-date]" \
	"check's text report carries the adr-date finding with file:line:col"

for r in adr-sections adr-alternatives adr-status adr-date adr-links adr-number-unique rfc-signoff adr-cites-draft-rfc; do
	run "$ARCHGATE" explain "$r"
	expect_rc 0 "archgate explain $r (every lint rule explains itself)"
done

# ---- report formats ---------------------------------------------------------

run_in "$L" "$ARCHGATE" adr lint --format sarif
expect_rc 1 "adr lint --format sarif"
check "SARIF 2.1.0 with one result per finding" \
	jq_e '.version == "2.1.0" and (.runs[0].results | length) == 20' "$OUT"
run_in "$L" "$ARCHGATE" adr lint --format github
expect_rc 1 "adr lint --format github"
check "one GitHub annotation per finding" test "$(grep -c '^::error file=arch/decisions/' "$OUT")" -eq 20
run_in "$L" "$ARCHGATE" adr lint --format junit
expect_rc 1 "adr lint --format junit"
if command -v xmllint >/dev/null 2>&1; then
	cp "$OUT" "$T/junit.xml"
	run xmllint --noout "$T/junit.xml"
	expect_rc 0 "the JUnit report is well-formed XML"
fi
run_in "$L" "$ARCHGATE" adr lint --format yaml
expect_rc 2 "an unknown lint format is bad usage"

# ---- fixing a record clears its finding --------------------------------------

copy_fixture adr-lint
run_in "$T/adr-lint" "$ARCHGATE" adr renumber
expect_rc 0 "adr renumber on the lint fixture"
sed -i 's/^\*\*Date:\*\* 07\/10\/2026$/**Date:** 2026-10-07/' "$T/adr-lint/arch/decisions/0008-invalid-date.md"
sed -i 's/| RabbitMQ | Portable | We run it | ... |/| RabbitMQ | Portable | We run it | Nobody on the team operates it |/' \
	"$T/adr-lint/arch/decisions/0006-alternative-without-a-reason.md"
run_in "$T/adr-lint" "$ARCHGATE" adr lint --format json
check "after renumber and two edits the three findings are gone (17 left)" \
	jq_e '(.findings | length) == 17 and
	       ([.findings[] | select(.rule == "adr-number-unique" or .rule == "adr-date" and (.file | test("0008")) or
	         (.file | test("0006")))] | length) == 0' "$OUT"

finish
