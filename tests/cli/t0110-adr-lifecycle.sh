#!/bin/bash
# t0110-adr-lifecycle: accept, reject, deprecate, supersede, new --supersedes,
# link, renumber and mv always change both ends of a link consistently, in
# the seed's format and in an adr-tools (Nygard) repository; a reference by
# number never matches the wrong record.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# changed_lines A B: the lines of B that are not in A (B's side of a diff).
changed_lines() {
	diff "$1" "$2" | sed -n 's/^> //p'
}

# lint_rules DIR: the rule ids `adr lint` reports for the repository in DIR.
lint_rules() {
	(cd "$1" && "$ARCHGATE" adr lint --format json) | jq -r '.findings[].rule' | sort -u | tr '\n' ' '
}

# ---- status changes in the seed's format ------------------------------------

mkdir -p "$T/s" && git -C "$T/s" init -q
for t in "Use Maven" "Use Gradle" "Use Ant" "Use Bazel" "Use Buck"; do
	run_in "$T/s" "$ARCHGATE" adr new --no-edit "$t"
done
D=$T/s/arch/decisions
cp -R "$D" "$T/s-before"

run_in "$T/s" "$ARCHGATE" adr accept 1
expect_rc 0 "adr accept 1"
expect_line "$OUT" "arch/decisions/0001-use-maven.md: Accepted" "adr accept says what it changed"
check "adr accept changes exactly the status line" \
	test "$(changed_lines "$T/s-before/0001-use-maven.md" "$D/0001-use-maven.md")" = "**Status:** Accepted"
check "... and nothing else in the file" \
	test "$(diff "$T/s-before/0001-use-maven.md" "$D/0001-use-maven.md" | grep -c '^[<>]')" -eq 2
run_in "$T/s" "$ARCHGATE" adr reject 0002
expect_rc 0 "adr reject 0002"
expect_line "$D/0002-use-gradle.md" "**Status:** Rejected" "adr reject writes Rejected"
run_in "$T/s" "$ARCHGATE" adr deprecate use-ant
expect_rc 0 "adr deprecate by slug"
expect_line "$D/0003-use-ant.md" "**Status:** Deprecated" "adr deprecate writes Deprecated"
run_in "$T/s" "$ARCHGATE" adr list --format json
check "adr list reads the new statuses" \
	test "$(jq -r '[.[].status] | join(",")' "$OUT")" = "Accepted,Rejected,Deprecated,Proposed,Proposed"
run_in "$T/s" "$ARCHGATE" adr accept 9
expect_rc 2 "adr accept of a record that does not exist"
expect_contains "$ERR" "no decision record '9'" "... says which record is missing"

# ---- supersede: both records ------------------------------------------------

run_in "$T/s" "$ARCHGATE" adr supersede 1 4
expect_rc 0 "adr supersede 1 4"
expect_line "$OUT" "arch/decisions/0001-use-maven.md is superseded by arch/decisions/0004-use-bazel.md" \
	"adr supersede says what it did"
expect_line "$D/0001-use-maven.md" "**Status:** Superseded" "the old record is Superseded"
expect_line "$D/0001-use-maven.md" "**Superseded by:** [ADR-004: Use Bazel](0004-use-bazel.md)" \
	"the old record links to the new one"
expect_line "$D/0004-use-bazel.md" "**Supersedes:** [ADR-001: Use Maven](0001-use-maven.md)" \
	"the new record links back to the old one"
expect_line "$D/0004-use-bazel.md" "**Status:** Proposed" "the new record keeps its own status"
run_in "$T/s" "$ARCHGATE" adr list --format json
check "adr list shows the links of both records" \
	test "$(jq -c '[.[0].links, .[3].links]' "$OUT")" = '[[{"type":"Superseded by","target":"0004-use-bazel.md"}],[{"type":"Supersedes","target":"0001-use-maven.md"}]]'
cp "$D/0001-use-maven.md" "$T/m1" && cp "$D/0004-use-bazel.md" "$T/m4"
run_in "$T/s" "$ARCHGATE" adr supersede 1 4
expect_rc 0 "superseding again"
check "superseding again adds no second link" \
	bash -c "cmp -s '$T/m1' '$D/0001-use-maven.md' && cmp -s '$T/m4' '$D/0004-use-bazel.md'"
run_in "$T/s" "$ARCHGATE" adr supersede 4 4
expect_rc 2 "a record cannot supersede itself"
run_in "$T/s" "$ARCHGATE" adr supersede 4 99
expect_rc 2 "adr supersede to a record that does not exist"
check "... leaves the record untouched" cmp -s "$T/m4" "$D/0004-use-bazel.md"

# ---- new --supersedes -------------------------------------------------------

run_in "$T/s" "$ARCHGATE" adr new --no-edit --supersedes 4 "Use Bazel 8"
expect_rc 0 "adr new --supersedes 4"
expect_first_line "$OUT" "$D/0006-use-bazel-8.md" "the new record is 0006"
expect_line "$D/0006-use-bazel-8.md" "**Supersedes:** [ADR-004: Use Bazel](0004-use-bazel.md)" \
	"the new record says it supersedes 4"
expect_line "$D/0006-use-bazel-8.md" "**Status:** Proposed" "the new record is Proposed"
expect_line "$D/0004-use-bazel.md" "**Status:** Superseded" "record 4 is now Superseded"
expect_line "$D/0004-use-bazel.md" "**Superseded by:** [ADR-006: Use Bazel 8](0006-use-bazel-8.md)" \
	"record 4 links to the new record"
expect_line "$D/0004-use-bazel.md" "**Supersedes:** [ADR-001: Use Maven](0001-use-maven.md)" \
	"record 4 keeps its own Supersedes link"
run_in "$T/s" "$ARCHGATE" adr new --no-edit --supersedes 42 "Nothing to supersede"
expect_rc 2 "adr new --supersedes a record that does not exist"
check "... creates no record" test ! -e "$D/0007-nothing-to-supersede.md"

# ---- link N TYPE M [REVERSE] ------------------------------------------------

run_in "$T/s" "$ARCHGATE" adr link 5 Amends 6
expect_rc 0 "adr link 5 Amends 6"
expect_line "$D/0005-use-buck.md" "**Amends:** [ADR-006: Use Bazel 8](0006-use-bazel-8.md)" "the link is on record 5"
expect_line "$D/0006-use-bazel-8.md" "**Amended by:** [ADR-005: Use Buck](0005-use-buck.md)" \
	"the well-known reverse (Amended by) is on record 6"
run_in "$T/s" "$ARCHGATE" adr link 3 "Is explained by" 5 "Explains"
expect_rc 0 "adr link with a custom type and reverse"
expect_line "$D/0003-use-ant.md" "**Is explained by:** [ADR-005: Use Buck](0005-use-buck.md)" "custom link type on record 3"
expect_line "$D/0005-use-buck.md" "**Explains:** [ADR-003: Use Ant](0003-use-ant.md)" "custom reverse on record 5"
cp "$D/0005-use-buck.md" "$T/m5"
run_in "$T/s" "$ARCHGATE" adr link 5 Amends 6
check "linking again adds no second line" cmp -s "$T/m5" "$D/0005-use-buck.md"
run_in "$T/s" "$ARCHGATE" adr link 5 "Is inspired by" 6
expect_rc 2 "a link type without a known reverse needs REVERSE"
check "... and changes nothing" cmp -s "$T/m5" "$D/0005-use-buck.md"
run_in "$T/s" "$ARCHGATE" adr link 5 "Amends](x.md) [" 6 "Amended by"
expect_rc 2 "a link type that is not words is refused"
run_in "$T/s" "$ARCHGATE" adr link 5 Amends 77
expect_rc 2 "a link to a record that does not exist"
check "... changes nothing" cmp -s "$T/m5" "$D/0005-use-buck.md"
check "adr lint finds no broken or one-sided link after all of that" \
	bash -c "! (cd '$T/s' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule == \"adr-links\")' >/dev/null"

# ---- the same in an adr-tools repository (Nygard format) --------------------

copy_fixture adr-nygard
N=$T/adr-nygard/doc/adr
cp -R "$N" "$T/n-before"
run_in "$T/adr-nygard" "$ARCHGATE" adr list --format json
check "the adr-tools repository is found through .adr-dir" \
	test "$(jq -r '.[0].file' "$OUT")" = "doc/adr/0001-record-architecture-decisions.md"
run_in "$T/adr-nygard" "$ARCHGATE" adr reject 3
expect_rc 0 "adr reject 3 in an adr-tools repository"
check "the Nygard status section's first line becomes Rejected, nothing else changes" \
	test "$(diff "$T/n-before/0003-adopt-java-3-runtime.md" "$N/0003-adopt-java-3-runtime.md" | tr '\n' '|')" = "7c7|< Accepted|---|> Rejected|"
run_in "$T/adr-nygard" "$ARCHGATE" adr supersede 2 4
expect_rc 0 "adr supersede 2 4 in an adr-tools repository"
check "the old record's status is adr-tools' 'Superseded by [4. Title](file)'" \
	test "$(sed -n '/^## Status$/,/^## Context$/p' "$N/0002-use-postgresql.md" | grep -v '^$' | tr '\n' '|')" = "## Status|Superseded by [4. Use Redis for sessions](0004-use-redis-for-sessions.md)|## Context|"
check "the new record keeps Accepted and gains 'Supersedes [2. Title](file)' in its Status section" \
	test "$(sed -n '/^## Status$/,/^## Context$/p' "$N/0004-use-redis-for-sessions.md" | grep -v '^$' | tr '\n' '|')" = "## Status|Accepted|Supersedes [2. Use PostgreSQL](0002-use-postgresql.md)|## Context|"
run_in "$T/adr-nygard" "$ARCHGATE" adr link 4 Amends 1
expect_rc 0 "adr link 4 Amends 1 in an adr-tools repository"
check "the link goes under Status in adr-tools' form" \
	test "$(sed -n '/^## Status$/,/^## Context$/p' "$N/0004-use-redis-for-sessions.md" | grep -v '^$' | tr '\n' '|')" = "## Status|Accepted|Supersedes [2. Use PostgreSQL](0002-use-postgresql.md)|Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)|## Context|"
expect_line "$N/0001-record-architecture-decisions.md" "Amended by [4. Use Redis for sessions](0004-use-redis-for-sessions.md)" \
	"the reverse link on record 1"
run_in "$T/adr-nygard" "$ARCHGATE" adr new --no-edit --supersedes 3 "Adopt Java 21 runtime"
expect_rc 0 "adr new --supersedes 3 in an adr-tools repository"
expect_first_line "$N/0005-adopt-java-21-runtime.md" "# 5. Adopt Java 21 runtime" \
	"the new record is written in adr-tools' format (# 5. Title)"
expect_line "$N/0005-adopt-java-21-runtime.md" "Supersedes [3. Adopt Java 3 runtime](0003-adopt-java-3-runtime.md)" \
	"the new record links to 3"
expect_line "$N/0003-adopt-java-3-runtime.md" "Superseded by [5. Adopt Java 21 runtime](0005-adopt-java-21-runtime.md)" \
	"record 3 (not 0002, not a title with a 3) is superseded"
run_in "$T/adr-nygard" "$ARCHGATE" adr list --format json
check "statuses after the changes: Accepted, Superseded, Superseded, Accepted, Proposed" \
	test "$(jq -r '[.[].status] | join(",")' "$OUT")" = "Accepted,Superseded,Superseded,Accepted,Proposed"
check "links after the changes, both ends of each" \
	test "$(jq -c '[.[] | [.number, [.links[] | "\(.type)>\(.target[0:4])"]]]' "$OUT")" = \
	'[[1,["Amended by>0004"]],[2,["Superseded by>0004"]],[3,["Superseded by>0005"]],[4,["Supersedes>0002","Amends>0001"]],[5,["Supersedes>0003"]]]'
check "no adr-links findings in the adr-tools repository" \
	bash -c "! (cd '$T/adr-nygard' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule == \"adr-links\")' >/dev/null"

# ---- renumber: two (three) branches all made 0042 ---------------------------

copy_fixture adr-renumber
R=$T/adr-renumber
run_in "$R" "$ARCHGATE" adr lint
expect_rc 1 "adr lint fails on duplicate numbers"
check "the only findings are the duplicate numbers" test "$(lint_rules "$R")" = "adr-number-unique "
run_in "$R" "$ARCHGATE" adr show 42
expect_rc 2 "adr show 42 is ambiguous with three records 42"
expect_contains "$ERR" "matches more than one record" "... and says so"
run_in "$R" "$ARCHGATE" adr renumber
expect_rc 0 "adr renumber"
expect_golden adr-renumber.txt "$OUT" "adr renumber reports each move"
check "after renumbering the records are 0001 0002 0042-use-kafka 0043-use-nats 0044-use-zeromq" \
	test "$(ls "$R/arch/decisions" | tr '\n' ' ')" = "0001-publish-order-events.md 0002-keep-an-outbox-table.md 0042-use-kafka.md 0043-use-nats.md 0044-use-zeromq.md "
expect_first_line "$R/arch/decisions/0043-use-nats.md" "# ADR-043: Use NATS" "the moved record's heading has its new number"
expect_first_line "$R/arch/decisions/0044-use-zeromq.md" "# ADR-044: Use ZeroMQ" "the second moved record too"
check "no link or mention of the old file names is left" \
	test -z "$(grep -rl -e 0042-use-nats.md -e 0042-use-zeromq.md "$R/arch")"
expect_line "$R/arch/decisions/0002-keep-an-outbox-table.md" "**Relates to:** [ADR-043: Use NATS](0043-use-nats.md)" \
	"a link to the moved record is rewritten, label included"
expect_line "$R/arch/decisions/0001-publish-order-events.md" "- Broker choice: see [ADR-043: Use NATS](0043-use-nats.md)" \
	"a link in the References prose is rewritten too"
expect_line "$R/arch/decisions/0001-publish-order-events.md" "**Amends:** [ADR-042: Use Kafka](0042-use-kafka.md)" \
	"a link to the record that kept 42 is unchanged"
expect_line "$R/arch/decisions/0042-use-kafka.md" "**Relates to:** [ADR-044: Use ZeroMQ](0044-use-zeromq.md)" \
	"links between the duplicates are rewritten"
expect_line "$R/arch/decisions/0043-use-nats.md" "**Depends on:** [ADR-042: Use Kafka](0042-use-kafka.md)" \
	"the moved record's own links still point at the right records"
run_in "$R" "$ARCHGATE" adr lint
expect_rc 0 "adr lint is clean after renumbering"
run_in "$R" "$ARCHGATE" adr renumber
expect_rc 0 "adr renumber again"
expect_line "$OUT" "no duplicate numbers" "adr renumber again has nothing to do"

# ---- mv: new title, new number ----------------------------------------------

run_in "$R" "$ARCHGATE" adr mv 43 "Use NATS JetStream"
expect_rc 0 "adr mv 43 'Use NATS JetStream'"
check "the file is renamed to 0043-use-nats-jetstream.md" \
	bash -c "test -f '$R/arch/decisions/0043-use-nats-jetstream.md' && test ! -e '$R/arch/decisions/0043-use-nats.md'"
expect_first_line "$R/arch/decisions/0043-use-nats-jetstream.md" "# ADR-043: Use NATS JetStream" "the heading has the new title"
expect_line "$R/arch/decisions/0002-keep-an-outbox-table.md" "**Relates to:** [ADR-043: Use NATS JetStream](0043-use-nats-jetstream.md)" \
	"links to it carry the new file name and label"
expect_line "$R/arch/decisions/0042-use-kafka.md" "**Depended on by:** [ADR-043: Use NATS JetStream](0043-use-nats-jetstream.md)" \
	"... in every record"
run_in "$R" "$ARCHGATE" adr mv 44 60
expect_rc 0 "adr mv 44 60"
check "the file is renamed to 0060-use-zeromq.md" test -f "$R/arch/decisions/0060-use-zeromq.md"
expect_first_line "$R/arch/decisions/0060-use-zeromq.md" "# ADR-060: Use ZeroMQ" "the heading has the new number"
expect_line "$R/arch/decisions/0042-use-kafka.md" "**Relates to:** [ADR-060: Use ZeroMQ](0060-use-zeromq.md)" \
	"links to it carry the new number"
check "no link to an old name is left" \
	test -z "$(grep -rl -e 0043-use-nats.md -e 0044-use-zeromq.md "$R/arch")"
cp -R "$R/arch/decisions" "$T/r-before"
run_in "$R" "$ARCHGATE" adr mv 60 42
expect_rc 2 "adr mv to a number that is taken"
check "... changes nothing" diff -r "$T/r-before" "$R/arch/decisions"
run_in "$R" "$ARCHGATE" adr lint
expect_rc 0 "adr lint is clean after the moves"


# a record that 70 others link to can still be moved: every link rewritten
M=$T/many-links
mkdir -p "$M/arch"
run_in "$M" "$ARCHGATE" adr new --no-edit "Use PostgreSQL"
for i in $(seq 1 70); do
	run_in "$M" "$ARCHGATE" adr new --no-edit "Decision $i"
	run_in "$M" "$ARCHGATE" adr link $((i + 1)) Amends 1
done
run_in "$M" "$ARCHGATE" adr mv 1 "Use PostgreSQL 17"
expect_rc 0 "adr mv of a record linked from 70 others"
check "all 70 links now point at the new name" \
	test "$(grep -l '0001-use-postgresql-17.md' "$M"/arch/decisions/00*.md | wc -l)" -eq 70
check "no link still points at the old name" \
	test -z "$(grep -l '0001-use-postgresql.md)' "$M"/arch/decisions/*.md)"
run_in "$M" "$ARCHGATE" adr lint
expect_not_contains "$OUT" "[adr-links]" "and the links are still reciprocal"

finish
