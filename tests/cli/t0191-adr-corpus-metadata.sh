#!/bin/bash
# t0191-adr-corpus-metadata: patterns met measuring issue 11's corpus
# (written here, not copied): records under docs/architecture/adrs, a
# "Property | Value" table under the title holding status, date and
# deciders, a "Review Date:" line that is not the record's date, and
# Backstage-style front matter with capitalised keys and no H1.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
mkdir -p "$R/docs/architecture/adrs"
git -C "$R" init -q
w() { cat >"$R/docs/architecture/adrs/$1"; }
w 001-tabled.md <<'MD'
# ADR-001: Use a work queue

| Property | Value |
|----------|-------|
| **Status** | Accepted |
| **Date** | 2024-05-06 |
| **Deciders** | Platform team |

## Context

Jobs pile up.

## Decision

A queue.

## Consequences

- **Review Date:** 2027-01-01
MD
w 002-front.md <<'MD'
---
Title: Keep job logs for a week
Date: 2024-06-01
---
## Status

Proposed — waiting for the storage review.

## Context

Logs grow.

## Decision

Seven days.
MD

run_in "$R" "$ARCHGATE" adr list --format json
expect_rc 0 "records under docs/architecture/adrs are found"
cp "$OUT" "$T/list.json"
field() { jq -r --argjson n "$1" ".[] | select(.number == \$n) | $2" "$T/list.json"; }
check "status from the table row" test "$(field 1 .status_text)" = "Accepted"
check "date from the table row, not the review date" test "$(field 1 .date)" = "2024-05-06"
check "deciders from the table row" test "$(field 1 .deciders)" = "Platform team"
check "title from a capitalised front-matter key" test "$(field 2 .title)" = "Keep job logs for a week"
check "date from a capitalised front-matter key" test "$(field 2 .date)" = "2024-06-01"
check "status sentence kept" test "$(field 2 .status_text)" = "Proposed — waiting for the storage review."
run_in "$R" "$ARCHGATE" adr list
expect_rc 0 "text list"
expect_contains "$OUT" "Use a work queue" "the table record is listed"
finish
