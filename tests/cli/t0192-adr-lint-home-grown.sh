#!/bin/bash
# t0192-adr-lint-home-grown: lint on records that follow no known format and
# on patterns met measuring issue 11's corpus (written here, not copied): a
# folder whose records never state a status, alternatives listed under a
# heading in another language or as "### Name" sub-sections with a verdict,
# "#### Option: X" headings, a heading or a line that names the options
# before a list, a folder template numbered 0000, a date-prefixed record
# without a Date line, a MADR outcome in prose, and a chosen option whose
# wording slipped. None of these is an error; the real defects still are.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
mkdir -p "$R/docs/adr" "$R/l4b/docs/adr" "$R/madr/docs/decisions"
git -C "$R" init -q
w() { cat >"$R/docs/adr/$1"; }
w 0000-adr-template.md <<'MD'
# ADR-0000: Template

## Alternatives

- Option A
MD
w 0001-two-layers.md <<'MD'
# ADR-0001: Zwei Ebenen für die Doku

## 背景

Eine Seite reicht nicht.

## 决策

Zwei Ebenen.

## 备选方案

1. Eine Seite: zu lang
2. Nur Referenz: zu knapp
MD
w 0002-sub-sections.md <<'MD'
# ADR-0002: Build tool

## Decision

Ninja.

## Alternatives Considered

### Plain make

**Verdict:** rejected, slow rebuilds

### Bazel

**Verdict:** rejected, too heavy
MD
w 0003-option-headings.md <<'MD'
# ADR-0003: Config format

## Context

How do users write configuration?

#### Option: Raw data

Hard to read.

#### Option: A small language

Chosen.
MD
w 0004-named-list.md <<'MD'
# ADR-0004: Storage

### Storage Options

- Relational
- Key/value
- Document

We keep the document store.
MD
w 0005-intro-line.md <<'MD'
# ADR-0005: Rollout

## Decision

Two ways were weighed; these are the two options we had.

1) Step by step, a group of services at a time

2) All at once, in one maintenance window

The second was decided.
MD
w 0006-no-options.md <<'MD'
# ADR-0006: Logging

## Decision

JSON lines.
MD
w 0006-twin.md <<'MD'
# ADR-0006: Metrics

## Decision

Counters.
MD

cat >"$R/.log4brains.yml" <<'YML'
project:
  name: t
  adrFolder: ./l4b/docs/adr
YML
cat >"$R/l4b/docs/adr/20240102-first.md" <<'MD'
# First

- Status: accepted
- Date: 2024-01-02

## Context and Problem Statement

c

## Decision Outcome

Chosen option: "A", because it is small.
MD
cat >"$R/l4b/docs/adr/20240305-second.md" <<'MD'
# Second

- Status: proposed

## Context and Problem Statement

c

## Considered Options

- [Framework One](https://one.invalid/)
- [Framework Two](https://two.invalid/)

## Decision Outcome

In the context of builds, we decided to prefer Framework One and neglected Framework Two.
MD
cat >"$R/l4b/docs/adr/20240306-third.md" <<'MD'
# Third

- Status: accepted
- Date: 2024-03-06

## Context and Problem Statement

c

## Considered Options

* Write the own tool `lister`
* Use the other tool

## Decision Outcome

Chosen option: Write own tool `lister`, because it fits.
MD

run_in "$R" "$ARCHGATE" --dir docs/adr adr lint --format json
cp "$OUT" "$T/lint.json"
sev() { jq -r --arg f "$1" --arg r "$2" '[.findings[] | select((.file | endswith($f)) and .rule == $r) | .severity] | join(",")' "$T/lint.json"; }
check "0000-adr-template.md is the folder's template, not a record" \
	jq -e '[.findings[] | select(.file | endswith("0000-adr-template.md"))] | length == 0' "$T/lint.json"
check "a folder that never states a status: a warning, not an error" test "$(sev 0001-two-layers.md adr-status)" = "warning"
check "options listed under 备选方案 satisfy adr-alternatives" test -z "$(sev 0001-two-layers.md adr-alternatives)"
check "'### Name' sub-sections under Alternatives Considered satisfy it" test -z "$(sev 0002-sub-sections.md adr-alternatives)"
check "'#### Option: X' headings satisfy it" test -z "$(sev 0003-option-headings.md adr-alternatives)"
check "a heading naming the options over a list satisfies it" test -z "$(sev 0004-named-list.md adr-alternatives)"
check "a line naming the options before a list satisfies it" test -z "$(sev 0005-intro-line.md adr-alternatives)"
check "a home-grown record with no options at all: a warning" test "$(sev 0006-no-options.md adr-alternatives)" = "warning"
check "a number used twice is still an error" test "$(sev 0006-twin.md adr-number-unique)" = "error"

run_in "$R" "$ARCHGATE" --dir l4b/docs/adr adr lint --format json
cp "$OUT" "$T/lint.json"
check "a date-prefixed record without a Date line has its date in its name" test -z "$(sev 20240305-second.md adr-date)"
check "a MADR outcome in prose that names a considered option says which was chosen" \
	test -z "$(sev 20240305-second.md adr-alternatives)"
check "a chosen option whose wording slipped is still one of the options" \
	test -z "$(sev 20240306-third.md adr-alternatives)"
finish
