#!/bin/bash
# t0160-adr-read: records read as teams write them — every title heading
# form and front matter's title:, statuses as written mapped to a lifecycle
# state (and kept, filtered with --status, left whole by adr accept), links
# inline, reference-style and bare (only those that resolve to records),
# links stated on one side only as edges, section names in other languages
# (built in and from archgate.yaml `sections:`), dates in prose.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
D=$R/docs/adr
mkdir -p "$D"
git -C "$R" init -q

w() { cat >"$D/$1"; }

w 0001-dot.md <<'MD'
# 1. Dotted title

Date: 2024-01-02

## Status

Draft

## Context

c

## Decision

d

## Consequences

q
MD
w 0002-adr-colon.md <<'MD'
# ADR-002: Colon title

Date: 2024-01-03

## Status

accepted; supersedes ADR-0045

## Context

c
MD
w 0003-paren.md <<'MD'
# 3) Paren title {#paren}

## Status

On hold

Amended by [the fourth][four]

[four]: 0004-front.md "the fourth"
MD
w 0004-front.md <<'MD'
---
title: Front-matter title
status: Partly superseded
---

Nothing but text; see [the guide](../guide/README.md).

* Superseded by 0005-dash.md
MD
w 0005-dash.md <<'MD'
# ADR 5 - Dash title

Status: Approved
Date of submission: 2019-06-21

Rejected alternatives are below.
MD
w 0006-de.md <<'MD'
# 6. Datenbank wählen

Datum: 2024-02-01

## Status

Akzeptiert

## Kontext

Wir brauchen eine Datenbank.

## Entscheidung

PostgreSQL.

## Konsequenzen

Betrieb.
MD
w 0007-zh.md <<'MD'
# 7. 使用消息队列

日期: 2024-03-01

## 状态

已接受

## 背景

需要异步。

## 决策

使用队列。

## 后果

更多运维。
MD
w 0008-nl.md <<'MD'
# 8. Kies een wachtrij

Date: 2024-04-01

## Status

Accepted

## Context

c

## Besluit

b

## Consequences

q
MD

run_in "$R" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list"
cp "$OUT" "$T/list.json"
field() { jq -r --argjson n "$1" ".[] | select(.number == \$n) | $2" "$T/list.json"; }

check "'# 1. T' title" test "$(field 1 .title)" = "Dotted title"
check "'# ADR-002: T' title" test "$(field 2 .title)" = "Colon title"
check "'# 3) T {#anchor}' title" test "$(field 3 .title)" = "Paren title"
check "front matter's title: when there is no heading" test "$(field 4 .title)" = "Front-matter title"
check "'# ADR 5 - T' title" test "$(field 5 .title)" = "Dash title"

check "Draft is Proposed" test "$(field 1 .status)" = "Proposed"
check "'accepted; supersedes ADR-0045' is Accepted" test "$(field 2 .status)" = "Accepted"
check "... and kept verbatim" test "$(field 2 .status_text)" = "accepted; supersedes ADR-0045"
check "On hold is Proposed" test "$(field 3 .status)" = "Proposed"
check "Partly superseded is Accepted (still partly in force)" test "$(field 4 .status)" = "Accepted"
check "Approved is Accepted" test "$(field 5 .status)" = "Accepted"
check "Akzeptiert (de) is Accepted" test "$(field 6 .status)" = "Accepted"
check "已接受 under '## 状态' (zh) is Accepted" test "$(field 7 .status)" = "Accepted"
check "a date in prose: 'Date of submission: 2019-06-21'" test "$(field 5 .date)" = "2019-06-21"
check "Datum: (de) is the date" test "$(field 6 .date)" = "2024-02-01"
check "日期: (zh) is the date" test "$(field 7 .date)" = "2024-03-01"

run_in "$R" "$ARCHGATE" adr list
expect_match "$OUT" "^0003 +On hold " "the text list shows the status as written"
expect_match "$OUT" "^0001 +Draft " "... Draft"

for c in "draft|1" "on hold|3" "approved|5" "proposed|1,3" "accepted|2,4,5,6,7,8" "partly superseded|4"; do
	run_in "$R" "$ARCHGATE" adr list --status "${c%|*}" --format json
	check "adr list --status '${c%|*}' lists [${c#*|}]" \
		test "$(jq -r '[.[].number] | map(tostring) | join(",")' "$OUT")" = "${c#*|}"
done

# ---- links ------------------------------------------------------------------

check "a reference-style link [text][ref] is a link" \
	test "$(field 3 '[.links[] | select(.implied | not) | "\(.type)>\(.target)"] | join(",")')" = "Amended by>0004-front.md"
check "a bare file name after a link type is a link; a link to a guide is not" \
	test "$(field 4 '[.links[] | select(.implied | not) | "\(.type)>\(.target)"] | join(",")')" = "Superseded by>0005-dash.md"
check "a link stated on one side only is an implied edge of the other record" \
	test "$(field 5 '[.links[] | select(.implied) | "\(.type)>\(.target)"] | join(",")')" = "Supersedes>0004-front.md"
run_in "$R" "$ARCHGATE" adr graph
expect_match "$OUT" 'n4 -> n3 \[label="Supersedes"\]' "adr graph draws the one-sided 'Superseded by' as an edge"
expect_match "$OUT" 'n3 -> n2 \[label="Amends"\]' "... and the one-sided 'Amended by'"

# ---- section names ----------------------------------------------------------

run_in "$R" "$ARCHGATE" adr lint --format json
cp "$OUT" "$T/lint.json"
check "German sections (Kontext, Entscheidung, Konsequenzen) satisfy adr-sections" \
	bash -c "! jq -e '.findings[] | select(.rule == \"adr-sections\" and (.file | endswith(\"0006-de.md\")))' '$T/lint.json' >/dev/null"
check "Chinese sections (背景, 决策, 后果) satisfy adr-sections" \
	bash -c "! jq -e '.findings[] | select(.rule == \"adr-sections\" and (.file | endswith(\"0007-zh.md\")))' '$T/lint.json' >/dev/null"
check "an unknown language's section is missing without policy" \
	jq -e '[.findings[] | select(.rule == "adr-sections" and (.file | endswith("0008-nl.md")))] | length == 1' "$T/lint.json"
mkdir -p "$R/arch"
printf 'sections:\n  decision: [Besluit]\n' >"$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" adr lint --format json
check "archgate.yaml sections: decision: [Besluit] satisfies it" \
	bash -c "! jq -e '.findings[] | select(.rule == \"adr-sections\" and (.file | endswith(\"0008-nl.md\")))' '$OUT' >/dev/null"
rm -rf "$R/arch"

# ---- adr accept keeps the rest of the status ----------------------------------

run_in "$R" "$ARCHGATE" adr reject 2
expect_rc 0 "adr reject 2"
check "'accepted; supersedes ADR-0045' becomes 'Rejected; supersedes ADR-0045'" \
	grep -qx 'Rejected; supersedes ADR-0045' "$D/0002-adr-colon.md"
run_in "$R" "$ARCHGATE" adr accept 2
check "... and back, the rest kept" grep -qx 'Accepted; supersedes ADR-0045' "$D/0002-adr-colon.md"

finish
