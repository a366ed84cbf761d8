#!/bin/bash
# t0180-adr-corpus-patterns: patterns met in public repositories (written
# here, not copied): "Architecture Decision Record: Title" headings, a status
# that is a sentence with a link to a discussion, "Proposal" as a status and
# as the Decision heading, a date with a note after it, "Replaces" answering
# "Superseded by", a one-line ```code``` that is no fence, a folder whose
# records never carry a date, log4brains' one-sided "Relates to", prose
# links that are not typed links, MADR's optional Pros and Cons.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
mkdir -p "$R/adr" "$R/nodates"
git -C "$R" init -q
w() { cat >"$R/adr/$1"; }

w 0001-title-prefix.md <<'MD'
# Architecture Decision Record: Keep a queue

Date: 2024-01-02

## Status

Reverted by [the forum thread](https://forum.invalid/t/1).

## Context

c

## Proposal

p

## Consequences

q
MD
w 0002-old.md <<'MD'
# 2. Old

Date: 2024-01-03, amended 2024-05-01 (wording)

## Status

Superseded by [3. New](0003-new.md)

## Context

We count with:

```count(x) or vector(0)```

## Decision

d

## Consequences

q
MD
w 0003-new.md <<'MD'
# 3. New

Date: 2024-01-04

## Status

Proposal

Replaces [2. Old](0002-old.md)

## Context

c

## Decision

d

## Consequences

q
MD

run_in "$R" "$ARCHGATE" adr list --format json
cp "$OUT" "$T/list.json"
field() { jq -r --argjson n "$1" ".[] | select(.number == \$n) | $2" "$T/list.json"; }
check "'# Architecture Decision Record: T' is titled T" test "$(field 1 .title)" = "Keep a queue"
check "a status sentence with a link to a discussion is the status" \
	test "$(field 1 .status_text)" = "Reverted by [the forum thread](https://forum.invalid/t/1)."
check "... Reverted is Deprecated" test "$(field 1 .status)" = "Deprecated"
check "Proposal is Proposed" test "$(field 3 .status)" = "Proposed"

run_in "$R" "$ARCHGATE" adr lint --format json
cp "$OUT" "$T/lint.json"
errs() { jq -r --arg f "$1" '[.findings[] | select(.severity == "error" and (.file | endswith($f))) | .rule] | join(",")' "$T/lint.json"; }
check "'## Proposal' is the Decision section; a link to a discussion is no broken record link" \
	test -z "$(errs 0001-title-prefix.md)"
check "a date with a note after it, a one-line \`\`\`code\`\`\` and 'Replaces' answering 'Superseded by': no errors" \
	test -z "$(errs 0002-old.md)"
check "... nor on the record that replaces it" test -z "$(errs 0003-new.md)"

# a folder whose records never have a date follows a format without one
for n in 1 2; do
	printf '# Architecture Decision Record: N%s\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Status\n\nProposed\n\n## Consequences\n\nq\n' $n \
		>"$R/nodates/adr-00$n-n$n.md"
done
run_in "$R" "$ARCHGATE" adr lint --dir nodates --format json
check "records in a folder that never dates them: no adr-date finding" \
	jq -e '[.findings[] | select(.rule == "adr-date")] | length == 0' "$OUT"
printf '# 3. Dated\n\nDate: 2024-01-02\n\n## Status\n\nProposed\n' >"$R/nodates/adr-003-dated.md"
run_in "$R" "$ARCHGATE" adr lint --dir nodates --format json
check "... once one record of the folder has a date, the others need one" \
	jq -e '[.findings[] | select(.rule == "adr-date")] | length == 2' "$OUT"

# log4brains: a one-sided "Relates to" and a prose link; MADR: no Pros and Cons
L=$T/l
mkdir -p "$L/docs/adr"
git -C "$L" init -q
printf 'project:\n  adrFolder: ./docs/adr\n' >"$L/.log4brains.yml"
cat >"$L/docs/adr/20240101-use-a-log.md" <<'MD'
# Use a log

- Status: accepted
- Date: 2024-01-01

## Context and Problem Statement

As mentioned in [the other one](20240102-use-a-queue.md), we need it.

## Considered Options

* [Kafka](../k/README.md)
* Files

## Decision Outcome

Chosen option: "Kafka.", because it scales.

## Links

- Relates to [Use a queue](20240102-use-a-queue.md)
MD
cat >"$L/docs/adr/20240102-use-a-queue.md" <<'MD'
# Use a queue

- Status: accepted
- Date: 2024-01-02

## Context and Problem Statement

c

## Considered Options

* RabbitMQ
* SQS

## Decision Outcome

Chosen option: "SQS"
MD
run_in "$L" "$ARCHGATE" adr lint --format json
expect_rc 0 "log4brains records: adr lint passes"
check "... no finding at all (one-sided Relates to, prose link, no Pros and Cons)" \
	jq -e '.findings | length == 0' "$OUT"
run_in "$L" "$ARCHGATE" adr list --format json
check "the prose 'As mentioned in [..](..)' is not a typed link" \
	jq -e '[.[0].links[] | select(.implied | not) | .type] == ["Relates to"]' "$OUT"
finish
