#!/bin/bash
# t0150-rfc: rfc new writes the RFC template with a sign-off row per role of
# archgate.yaml; rfc sign records name, email and date, once per role, and
# never lets one person sign every role (unless distinct_signers: false);
# rfc status shows who is missing; rfc accept waits for every sign-off; and
# the rules: an RFC marked Accepted by hand without sign-offs fails, an
# Accepted ADR that cites a Draft RFC fails.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

jq_e() {
	jq -e "$@" >/dev/null
}

# rules_in DIR RULE: "file:line" of every RULE finding of `adr lint` in DIR.
rules_in() {
	(cd "$1" && "$ARCHGATE" adr lint --format json) |
		jq -r --arg r "$2" '.findings[] | select(.rule == $r) | "\(.file):\(.line)"'
}

R=$T/repo
mkdir -p "$R/arch" && git -C "$R" init -q
F=$R/arch/rfcs/0001-move-sessions-to-redis.md

# ---- rfc new ----------------------------------------------------------------

run_in "$R" "$ARCHGATE" rfc new "Move sessions to Redis" --author "Dana Okafor"
expect_rc 0 "rfc new"
expect_first_line "$OUT" "$F" "rfc new prints the path of arch/rfcs/0001-slug.md"
expect_golden rfc-new.md "$F" "the RFC template: Summary ... Cost and a sign-off row per default role"
for s in "## Summary" "## Motivation" "## Proposal" "## Alternatives Considered" \
	"## Data Flow & Consistency" "## Failure Modes" "## Cost" "## Sign-off"; do
	expect_line "$F" "$s" "the RFC has '$s'"
done
check "the sign-off rows are the default roles, unsigned" \
	test "$(sed -n '/^## Sign-off$/,$p' "$F" | grep -E '^\| [A-Z]' | tail -n +2 | tr '\n' '|')" = \
	"| Lead Backend |  |  |  ||| Lead Mobile |  |  |  ||| DevOps |  |  |  ||"

run_in "$R" "$ARCHGATE" rfc new "Cache the catalogue at the edge" --author "Tomas Herrera"
expect_rc 0 "a second RFC"
F2=$R/arch/rfcs/0002-cache-the-catalogue-at-the-edge.md
check "the second RFC is 0002" test -f "$F2"
run_in "$R" "$ARCHGATE" rfc new -- "--weird | title & \"quotes\""
expect_rc 0 "rfc new takes a hostile title too"
expect_first_line "$R/arch/rfcs/0003-weird-title-quotes.md" "# RFC-003: --weird | title & \"quotes\"" \
	"... and keeps it in the heading"
run_in "$R" "$ARCHGATE" rfc list --format json
check "rfc list shows three Draft RFCs with 0 of 3 sign-offs" \
	jq_e '[.[] | [.number, .status, .signed, .roles]] == [[1,"Draft",0,3],[2,"Draft",0,3],[3,"Draft",0,3]]' "$OUT"
check "rfc list returns the hostile title exactly" \
	test "$(jq -r '.[2].title' "$OUT")" = "--weird | title & \"quotes\""

# ---- rfc sign / status / accept ---------------------------------------------

run_in "$R" "$ARCHGATE" rfc status 1
expect_rc 0 "rfc status 1"
expect_golden rfc-status-none.txt "$OUT" "rfc status before any sign-off"

run_in "$R" "$ARCHGATE" rfc sign 1 --role "Lead Backend" --name "Dana Okafor" --email dana@example.com
expect_rc 0 "rfc sign 1 --role 'Lead Backend' --name --email"
expect_line "$OUT" "arch/rfcs/0001-move-sessions-to-redis.md: signed as Lead Backend by Dana Okafor <dana@example.com> on 2026-11-25" \
	"rfc sign says who signed what, when"
expect_line "$F" "| Lead Backend | Dana Okafor | dana@example.com | 2026-11-25 |" "the sign-off row holds name, email and date"
cp "$F" "$T/f-before"
run_in "$R" "$ARCHGATE" rfc sign 1 --role "Lead Backend" --name "Eve Mallory" --email eve@example.com
expect_rc 1 "a role that has signed cannot sign again"
expect_contains "$ERR" "Dana Okafor has already signed as Lead Backend" "... and says who signed it"
check "... and the RFC is unchanged" cmp -s "$T/f-before" "$F"
run_in "$R" "$ARCHGATE" rfc sign 1 --role "Chief Vibes Officer" --name X --email x@example.com
expect_rc 1 "an unknown role is refused"
check "... and the RFC is unchanged" cmp -s "$T/f-before" "$F"
run_in "$R" "$ARCHGATE" rfc sign 9 --role DevOps --name X --email x@example.com
expect_rc 2 "signing an RFC that does not exist is bad usage"
run_in "$R" "$ARCHGATE" rfc sign 1 --name X --email x@example.com
expect_rc 2 "rfc sign without --role is bad usage"

run_in "$R" "$ARCHGATE" rfc accept 1
expect_rc 1 "rfc accept is refused while sign-offs are missing"
expect_contains "$ERR" "Lead Mobile, DevOps" "... naming the missing roles"
expect_line "$F" "**Status:** Draft" "... and the RFC stays Draft"

# name and email from git config
git -C "$R" config user.name "Priya Raman"
git -C "$R" config user.email priya@example.com
run_in "$R" "$ARCHGATE" rfc sign 1 --role "Lead Mobile"
expect_rc 0 "rfc sign with name and email from git config"
expect_line "$F" "| Lead Mobile | Priya Raman | priya@example.com | 2026-11-25 |" "git config user.name and user.email are recorded"
run_in "$R" "$ARCHGATE" rfc status 1
expect_golden rfc-status-one-missing.txt "$OUT" "rfc status shows who signed and who is still missing"
run_in "$R" "$ARCHGATE" rfc status 1 --format json
check "rfc status --format json: two signed, DevOps missing" \
	jq_e '.missing == 1 and ([.signoffs[] | select(.signed) | .role] == ["Lead Backend","Lead Mobile"]) and
	      (.signoffs[2] == {"role":"DevOps","signed":false})' "$OUT"

run_in "$R" "$ARCHGATE" rfc sign 1 --role DevOps --name "Tomas Herrera" --email tomas@example.com
expect_rc 0 "a third person signs DevOps"
run_in "$R" "$ARCHGATE" rfc status 1
expect_line "$OUT" "Every role has signed." "rfc status says when nobody is missing"
run_in "$R" "$ARCHGATE" rfc accept 1
expect_rc 0 "rfc accept once every role has signed"
expect_line "$F" "**Status:** Accepted" "the RFC is Accepted"
check "rfc-signoff has nothing to say about it" test -z "$(rules_in "$R" rfc-signoff)"

# one person cannot sign every role
for role in "Lead Backend" "Lead Mobile"; do
	run_in "$R" "$ARCHGATE" rfc sign 2 --role "$role" --name "Dana Okafor" --email dana@example.com
	expect_rc 0 "Dana signs RFC 2 as $role"
done
cp "$F2" "$T/f2-before"
run_in "$R" "$ARCHGATE" rfc sign 2 --role DevOps --name "Dana Okafor" --email DANA@example.com
expect_rc 1 "one person (same email, any case) cannot sign the last role too"
expect_contains "$ERR" "distinct_signers" "... and the message names the setting"
check "... and the RFC is unchanged" cmp -s "$T/f2-before" "$F2"
run_in "$R" "$ARCHGATE" rfc accept 2
expect_rc 1 "RFC 2 cannot be accepted with DevOps missing"

# ... unless the team says so
cat >"$R/arch/archgate.yaml" <<'EOF'
version: 1
signoff:
  distinct_signers: false
EOF
run_in "$R" "$ARCHGATE" rfc sign 2 --role DevOps --name "Dana Okafor" --email dana@example.com
expect_rc 0 "with signoff.distinct_signers: false one person may sign every role"
run_in "$R" "$ARCHGATE" rfc accept 2
expect_rc 0 "... and the RFC can be accepted"
check "... without an rfc-signoff finding" test -z "$(rules_in "$R" rfc-signoff)"

# configured roles
cat >"$R/arch/archgate.yaml" <<'EOF'
version: 1
signoff:
  roles: [Lead Backend, Security, Data Protection Officer]
EOF
run_in "$R" "$ARCHGATE" rfc new "Store card tokens"
expect_rc 0 "rfc new with roles from archgate.yaml"
check "the sign-off rows are archgate.yaml's roles" \
	test "$(sed -n '/^## Sign-off$/,$p' "$R/arch/rfcs/0004-store-card-tokens.md" | grep -E '^\| [A-Z]' | tail -n +2 | cut -d'|' -f2 | sed 's/ *$//; s/^ //' | tr '\n' ',')" = \
	"Lead Backend,Security,Data Protection Officer,"
run_in "$R" "$ARCHGATE" rfc sign 4 --role "Lead Mobile" --name X --email x@example.com
expect_rc 1 "a role that archgate.yaml does not list is refused"
run_in "$R" "$ARCHGATE" rfc status 4
expect_contains "$OUT" "3 sign-offs missing" "rfc status counts archgate.yaml's roles"

# ---- rules: rfc-signoff -----------------------------------------------------

rm "$R/arch/archgate.yaml"
# An RFC set to Accepted by hand, with one sign-off of three.
run_in "$R" "$ARCHGATE" rfc sign 3 --role "Lead Backend" --name "Dana Okafor" --email dana@example.com
sed -i 's/^\*\*Status:\*\* Draft$/**Status:** Accepted/' "$R/arch/rfcs/0003-weird-title-quotes.md"
check "the hand edit took" grep -q '^\*\*Status:\*\* Accepted$' "$R/arch/rfcs/0003-weird-title-quotes.md"
run_in "$R" "$ARCHGATE" check --format json
expect_rc 1 "archgate check fails"
check "check reports rfc-signoff for the two missing roles of RFC 3, at its status line" \
	test "$(jq -r '.findings[] | select(.rule == "rfc-signoff" and (.file | test("0003-"))) | "\(.file):\(.line) \(.message)"' "$OUT" | sort | tr '\n' '|')" = \
	"arch/rfcs/0003-weird-title-quotes.md:3 the RFC is Accepted without a sign-off from DevOps|arch/rfcs/0003-weird-title-quotes.md:3 the RFC is Accepted without a sign-off from Lead Mobile|"
run_in "$R" "$ARCHGATE" adr lint
expect_rc 1 "adr lint fails on it too"
expect_contains "$OUT" "[rfc-signoff]" "adr lint names the rule"
# RFC 2 was signed by Dana alone, allowed then; the default forbids it now.
check "with the default distinct_signers, an RFC signed by one person alone is reported" \
	test "$(rules_in "$R" rfc-signoff | grep -c '0002-cache-the-catalogue-at-the-edge.md')" -eq 1
run_in "$R" "$ARCHGATE" rfc status 3
expect_contains "$OUT" "2 sign-offs missing" "rfc status of the hand-accepted RFC shows the missing roles"

# ---- rules: adr-cites-draft-rfc ---------------------------------------------

D=$T/cites
mkdir -p "$D/arch" && git -C "$D" init -q
run_in "$D" "$ARCHGATE" rfc new "Move sessions to Redis"
run_in "$D" "$ARCHGATE" rfc new "Use Kafka for order events"
mkdir -p "$D/arch/decisions"
# adr FILE TITLE STATUS REFERENCE: a complete record citing REFERENCE.
adr() {
	cat >"$D/arch/decisions/$1" <<EOF
# ADR-${1:1:3}: $2

**Status:** $3
**Date:** 2026-11-01
**Deciders:** Dana Okafor

## Context

Sessions are lost on every deploy because they live in process memory.

## Decision

We will keep sessions in Redis, as proposed in $4. We chose Redis over sticky sessions.

## Consequences

### Positive

- Deploys no longer log users out.

### Negative

- Redis becomes a dependency of every request.

### Neutral

- The session format is unchanged.

## Alternatives Considered

| Option | Pros | Cons | Why Rejected |
|--------|------|------|---------------|
| Redis (chosen) | Survives deploys | One more service | N/A |
| Sticky sessions | Nothing new | Deploys still log users out | Does not solve the problem |

## References

- $4
EOF
}
adr 0001-keep-sessions-in-redis.md "Keep sessions in Redis" Accepted "RFC-001"
adr 0002-publish-order-events-to-kafka.md "Publish order events to Kafka" Accepted "[the RFC](../rfcs/0002-use-kafka-for-order-events.md)"
adr 0003-still-proposed.md "Still proposed" Proposed "RFC-001"
adr 0004-cites-an-rfc-that-does-not-exist.md "Cites an RFC that does not exist" Accepted "RFC-042"
adr 0005-mentions-a-word.md "Mentions a word" Accepted "XRFC-001 and MYRFC-2"
run_in "$D" "$ARCHGATE" adr lint --format json
check "adr-cites-draft-rfc: 'RFC-001' in an Accepted ADR (line 13 and line 38)" \
	test "$(rules_in "$D" adr-cites-draft-rfc | grep -c '^arch/decisions/0001-keep-sessions-in-redis.md:\(13\|38\)$')" -eq 2
check "adr-cites-draft-rfc: a link to ../rfcs/0002-...md in an Accepted ADR" \
	test "$(rules_in "$D" adr-cites-draft-rfc | grep -c '^arch/decisions/0002-publish-order-events-to-kafka.md:')" -eq 2
check "a Proposed ADR may cite a draft" test -z "$(rules_in "$D" adr-cites-draft-rfc | grep 0003-)"
check "an RFC number that does not exist is not a draft" test -z "$(rules_in "$D" adr-cites-draft-rfc | grep 0004-)"
check "RFC- inside a longer word is no citation" test -z "$(rules_in "$D" adr-cites-draft-rfc | grep 0005-)"
run_in "$D" "$ARCHGATE" check
expect_rc 1 "check fails on an Accepted ADR that cites a Draft RFC"
expect_contains "$OUT" "arch/decisions/0001-keep-sessions-in-redis.md:13:48: error:" "check points at the citing line"
expect_contains "$OUT" "cites RFC-001 'Move sessions to Redis', which is still Draft [adr-cites-draft-rfc]" \
	"the message names the RFC and its status"
run_in "$D" "$ARCHGATE" rfc review 1
expect_rc 0 "rfc review 1"
check "an RFC In Review is still not agreed" \
	test "$(rules_in "$D" adr-cites-draft-rfc | grep -c 0001-keep)" -eq 2
for p in "Lead Backend|Dana Okafor|dana@example.com" "Lead Mobile|Priya Raman|priya@example.com" "DevOps|Tomas Herrera|tomas@example.com"; do
	IFS='|' read -r role name email <<<"$p"
	run_in "$D" "$ARCHGATE" rfc sign 1 --role "$role" --name "$name" --email "$email"
done
run_in "$D" "$ARCHGATE" rfc accept 1
expect_rc 0 "RFC 1 is accepted after three sign-offs"
check "once RFC-001 is Accepted, the ADR citing it is fine" \
	test -z "$(rules_in "$D" adr-cites-draft-rfc | grep 0001-keep)"
check "the ADR citing the still-Draft RFC 2 is still reported" \
	test -n "$(rules_in "$D" adr-cites-draft-rfc | grep 0002-publish)"
run_in "$D" "$ARCHGATE" rfc withdraw 2
check "a Withdrawn RFC is no longer a draft to wait for" \
	test -z "$(rules_in "$D" adr-cites-draft-rfc)"


# a binary file where an RFC should be is an input error at its first line
B=$T/binary-rfc
mkdir -p "$B/arch/rfcs"
printf '# RFC-001: T\n\0\1\2' >"$B/arch/rfcs/0001-binary.md"
run_in "$B" "$ARCHGATE" rfc list
expect_rc 2 "a binary RFC file is bad input"
expect_line "$ERR" "arch/rfcs/0001-binary.md:1:1: error: RFC contains NUL bytes; is it a binary file?" \
	"the binary RFC is named at 1:1"

# signoff.roles: [] names no role: the seed's three still sign (rfc new,
# rfc accept and the rfc-signoff rule agree; the CLI used to make an RFC
# with no sign-off rows that rfc accept took at once while check failed it)
E=$T/empty-roles
mkdir -p "$E/arch" && git -C "$E" init -q
printf 'version: 1\nsignoff:\n  roles: []\n' >"$E/arch/archgate.yaml"
run_in "$E" "$ARCHGATE" rfc new "Nobody signs" --author "Dana Okafor"
expect_rc 0 "rfc new with an empty role list"
check "the RFC has the seed's three sign-off rows" \
	test "$(grep -cE '^\| (Lead Backend|Lead Mobile|DevOps) \|' "$E/arch/rfcs/0001-nobody-signs.md")" = 3
run_in "$E" "$ARCHGATE" rfc accept 1
expect_rc 1 "rfc accept waits for the seed's roles when the list is empty"

finish
