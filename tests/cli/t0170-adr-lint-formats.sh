#!/bin/bash
# t0170-adr-lint-formats: adr lint knows each record's format — MADR's
# optional status and date are not errors; the seed's Alternatives
# Considered rule is an error for seed records and a warning for formats
# that never had it, satisfied by another heading that lists options; the
# chosen option matches through link markup, punctuation and sub-bullets;
# the report ends with how to change a rule's severity.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
D=$R/docs/adr
mkdir -p "$D"
git -C "$R" init -q
w() { cat >"$D/$1"; }

nygard() { # FILE TITLE [EXTRA SECTION TEXT]
	printf '# %s\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need it.\n\n## Decision\n\nWe do it.\n\n## Consequences\n\nIt is done.\n%s' \
		"$2" "${3:-}" >"$D/$1"
}

nygard 0001-no-alternatives.md "1. No alternatives"
nygard 0002-options-considered.md "2. Options considered" $'\n## Options considered\n\n- Kafka\n- RabbitMQ\n'
nygard 0003-dismissed.md "3. Dismissed" $'\n## Dismissed alternatives\n\n* Cron jobs: too fragile\n* A workflow engine: too heavy\n'
nygard 0004-option-headings.md "4. Option headings" $'\n## Discussion\n\n### Option 1: Kafka\n\nFast.\n\n### Option 2: NATS\n\nSmall.\n'
w 0005-madr-bare.md <<'MD'
# Use PostgreSQL

## Context and Problem Statement

We need a database for orders.

## Considered Options

* [PostgreSQL](https://www.postgresql.org/)
  * mature
  * we run it already
* MongoDB

## Decision Outcome

Chosen option: "PostgreSQL.", because we run it already.

## Pros and Cons of the Options

### MongoDB

* Good, because it is flexible
* Bad, because we have no one who runs it
MD

run_in "$R" "$ARCHGATE" adr lint --format json
cp "$OUT" "$T/lint.json"
expect_rc 0 "adr lint passes: only warnings for formats that never had the seed's sections"
findings() { jq -r --arg f "$1" '[.findings[] | select(.file | endswith($f)) | "\(.rule):\(.severity)"] | join(",")' "$T/lint.json"; }
check "adr-tools record without alternatives: a warning, not an error" \
	test "$(findings 0001-no-alternatives.md)" = "adr-alternatives:warning"
check "'## Options considered' with two options satisfies the rule" test -z "$(findings 0002-options-considered.md)"
check "'## Dismissed alternatives' satisfies it" test -z "$(findings 0003-dismissed.md)"
check "'### Option 1' / '### Option 2' headings satisfy it" test -z "$(findings 0004-option-headings.md)"
check "MADR without status or date, chosen option as a link with a trailing dot and sub-bullets: no findings" \
	test -z "$(findings 0005-madr-bare.md)"

run_in "$R" "$ARCHGATE" adr lint
tail -n 1 "$OUT" >"$T/last"
expect_match "$T/last" "^To change a rule's severity, set it in arch/archgate.yaml: 'rules: \{adr-alternatives: off\}'" \
	"the text report ends with how to change a rule's severity"

# the seed's own records: still an error
mkdir -p "$R/arch"
printf 'rules:\n  adr-alternatives: error\n' >"$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" adr lint --format json
expect_rc 1 "a severity set in archgate.yaml wins over the per-format one"
check "... the adr-tools record's finding is then an error" \
	jq -e '[.findings[] | select(.rule == "adr-alternatives") | .severity] == ["error"]' "$OUT"
rm -rf "$R/arch"

S=$T/s
mkdir -p "$S/arch/decisions"
git -C "$S" init -q
cat >"$S/arch/decisions/0001-seed.md" <<'MD'
# ADR-001: Seed record

**Status:** Accepted
**Date:** 2024-01-02
**Deciders:** Dana

## Context

Why.

## Decision

What.

## Consequences

So.
MD
run_in "$S" "$ARCHGATE" adr lint --format json
expect_rc 1 "a seed record without Alternatives Considered fails"
check "... with an error" \
	jq -e '[.findings[] | "\(.rule):\(.severity)"] == ["adr-alternatives:error"]' "$OUT"
finish
