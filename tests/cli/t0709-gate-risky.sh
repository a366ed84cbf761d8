#!/bin/bash
# t0709-gate-risky: the freeze of `gate deploy` stops only risky changes
# at freeze_at (ADR 0052): risky by the paths a commit touches, by its
# trailers and by the labels CI hands in; a docs-only commit ships at 60%
# consumed, a migration does not; and the gate says since when the budget
# has been past the threshold (the first minute of the current run, from
# the fixture event file's known timestamps).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

R=$T/shop
mkdir -p "$R/logs" "$R/docs" "$R/src" "$R/migrations"
cp -R "$FIXTURES/clean/arch" "$R/arch"
cp "$FIXTURES/gate-risky/orders-slo.yaml" "$R/arch/slo/orders.yaml"
cp "$FIXTURES/gate-risky/orders.ndjson" "$R/logs/orders.ndjson"
policy() {
	printf '%s\nerror_budget:\n  events: logs/orders.ndjson\n%s\n' \
		"$(cat "$FIXTURES/clean/arch/archgate.yaml")" "$1" > "$R/arch/archgate.yaml"
}
RISKY='  risky:
    paths: ["migrations/**", infra/, "!migrations/README.md"]
    trailers: ["Risk: high"]
    labels: [db-change]'
policy "$RISKY"
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main
git -C "$R" add -A
# commit SUBJECT [TRAILER] -- FILE...: a reviewed commit touching FILEs
commit() {
	local subject=$1 trailer=
	shift
	if [ "$1" != -- ]; then trailer="$1
"; shift; fi
	shift
	for f in "$@"; do mkdir -p "$R/$(dirname "$f")"; echo "$subject" >> "$R/$f"; done
	git -C "$R" add -A
	git -C "$R" -c user.name=Alice -c user.email=alice@example.com commit -q -m "$subject" \
		-m "${trailer}Reviewed-by: Bob <bob@example.com>"
	git -C "$R" rev-parse HEAD
}
commit "Start" -- README >/dev/null
git -C "$R" tag deploy/1

# a docs-only commit at 60% consumed: frozen, but nothing risky ships
DOCS=$(commit "docs: explain the orders API" -- docs/orders.md)
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "a docs-only commit ships at 60%"
expect_line "$OUT" "  orders-availability: 60% of the budget consumed (6 bad of 100 events over 30d): risky changes are frozen" "the SLO is frozen for risky changes"
expect_line "$OUT" "    risky changes frozen since 2026-11-24T09:15:00Z" "since the fifth 503 of the fixture"
expect_line "$OUT" "    no commit to ship is risky: not stopped" "and nothing risky ships"
expect_line "$OUT" "GO: reviewed and no red flags" "GO"

# a migration: a risky path
MIG=$(commit "feat: the coupons table" -- migrations/0001-coupons.sql src/coupons.c)
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "a migration at 60% is stopped"
expect_line "$OUT" "    risky: ${MIG:0:12} feat: the coupons table (path migrations/0001-coupons.sql (migrations/**))" "names the commit and the path that made it risky"
expect_not_contains "$OUT" "risky: ${DOCS:0:12}" "the docs commit is not named risky"
expect_line "$OUT" '    to deploy anyway: an Accepted ADR that names orders-availability and has an "Expires:" date' "the only way around it"
expect_line "$OUT" "STOP: do not deploy (an error budget is frozen)" "STOP"

# a path taken out again by "!" (under "migrations/**"; as in .gitignore,
# nothing comes back out of an excluded folder "migrations/"); a folder
README=$(commit "Note the migrations' order" -- migrations/README.md)
run_in "$R" "$ARCHGATE" gate deploy "${MIG}..HEAD"
expect_rc 0 "migrations/README.md is taken out by !migrations/README.md"
INFRA=$(commit "Grow the disk" -- infra/terraform/disk.tf)
run_in "$R" "$ARCHGATE" gate deploy "${README}..HEAD"
expect_rc 1 "infra/ makes a commit risky"
expect_line "$OUT" "    risky: ${INFRA:0:12} Grow the disk (path infra/terraform/disk.tf (infra/))" "with the pattern"

# a trailer
TR=$(commit "Tune the cache" "Risk: HIGH" -- src/cache.c)
run_in "$R" "$ARCHGATE" gate deploy "${INFRA}..HEAD"
expect_rc 1 "a Risk: high trailer is risky (compared without case)"
expect_line "$OUT" "    risky: ${TR:0:12} Tune the cache (trailer Risk: HIGH)" "names the trailer"
LOW=$(commit "Tune the cache again" "Risk: low" -- src/cache.c)
run_in "$R" "$ARCHGATE" gate deploy "${TR}..HEAD"
expect_rc 0 "Risk: low is not Risk: high"

# labels, as CI hands them in
run_in "$R" "$ARCHGATE" gate deploy "${TR}..HEAD" --labels "ux, db-change"
expect_rc 1 "a db-change label makes the range risky"
expect_line "$OUT" "    risky: ${LOW:0:12} Tune the cache again (label db-change)" "names the label"
run_in "$R" "$ARCHGATE" gate deploy "${TR}..HEAD" --labels "ux,,docs"
expect_rc 0 "other labels do not"

# several reasons at once
BOTH=$(commit "Move the orders table" "Risk: high" -- migrations/0002-orders.sql)
run_in "$R" "$ARCHGATE" gate deploy "${LOW}..HEAD" --labels db-change
expect_line "$OUT" "    risky: ${BOTH:0:12} Move the orders table (trailer Risk: high; path migrations/0002-orders.sql (migrations/**); label db-change)" "every kind of reason"

# without error_budget.risky every change that is not a fix is risky
policy ""
run_in "$R" "$ARCHGATE" gate deploy "deploy/1..${DOCS}"
expect_rc 1 "with nothing configured, the docs commit is risky too"
expect_line "$OUT" "    risky: ${DOCS:0:12} docs: explain the orders API (not a fix, and error_budget.risky names nothing: every such change is risky)" "and says why"

# the budget recovers: nothing is frozen, no since
cp "$FIXTURES/gate-risky/orders.ndjson" "$R/logs/orders.ndjson"
head -n 98 "$FIXTURES/gate-risky/orders.ndjson" > "$R/logs/orders.ndjson"
run_in "$R" "$ARCHGATE" gate deploy "deploy/1..${DOCS}"
expect_rc 0 "4 bad of 98 is 40.8%: not frozen"
expect_line "$OUT" "  orders-availability: 40.82% of the budget consumed (4 bad of 98 events over 30d): ok" "ok"
expect_not_contains "$OUT" "since" "no since when nothing is frozen"
finish
