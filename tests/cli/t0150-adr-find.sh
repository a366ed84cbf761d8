#!/bin/bash
# t0150-adr-find: decision records are found where teams keep them (the
# common folders, .adr-dir, .log4brains.yml with its packages, Backstage's
# adr-location, the repository root, --dir and ARCHGATE_DIR naming the
# folder itself), under every common file name; when none are found archgate
# says where it looked and never "check passed".
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# record DIR FILE TITLE: a small adr-tools record.
record() {
	mkdir -p "$1"
	printf '# 1. %s\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n' \
		"$3" >"$1/$2"
}

# repo NAME: a fresh git repository $T/NAME.
repo() {
	rm -rf "${T:?}/$1"
	mkdir -p "$T/$1"
	git -C "$T/$1" init -q
}

# files: the "file" of every record listed in the last JSON output.
files() {
	jq -r '[.[].file] | join(",")' "$OUT"
}

# ---- every common folder ----------------------------------------------------

for d in doc/adr docs/adr docs/adrs docs/decisions doc/decisions docs/architecture-decisions \
	docs/architecture/decisions docs/architecture/adr doc/architecture/decisions adr adrs \
	decisions; do
	repo r
	record "$T/r/$d" 0001-use-a-queue.md "Use a queue"
	run_in "$T/r" "$ARCHGATE" adr list --format json
	expect_rc 0 "adr list with records in $d/"
	check "... finds $d/0001-use-a-queue.md" test "$(files)" = "$d/0001-use-a-queue.md"
done

# an empty common folder does not hide a later one that holds records
repo r
mkdir -p "$T/r/doc/adr" "$T/r/arch/decisions"
record "$T/r/docs/decisions" 0001-x.md "X"
run_in "$T/r" "$ARCHGATE" adr list --format json
check "empty arch/decisions and doc/adr: records in docs/decisions are found" \
	test "$(files)" = "docs/decisions/0001-x.md"

# ---- the repository root ----------------------------------------------------

repo r
record "$T/r" 0001-records-at-the-root.md "Records at the root"
printf '# Readme\n' >"$T/r/README.md"
run_in "$T/r" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list with records at the repository root"
check "... finds 0001-records-at-the-root.md (and not README.md)" \
	test "$(files)" = "0001-records-at-the-root.md"

# ---- pointers: .adr-dir, .log4brains.yml, catalog-info.yaml -----------------

repo r
record "$T/r/architecture/records" 0001-x.md "X"
record "$T/r/docs/adr" 0001-decoy.md "Decoy"
echo "architecture/records" >"$T/r/.adr-dir"
run_in "$T/r" "$ARCHGATE" adr list --format json
check ".adr-dir wins over the common places" test "$(files)" = "architecture/records/0001-x.md"

repo r
record "$T/r/service/decisions" 0001-x.md "X"
cat >"$T/r/catalog-info.yaml" <<'YAML'
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
  annotations:
    backstage.io/adr-location: ./service/decisions   # read by the ADR plugin
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: other
YAML
run_in "$T/r" "$ARCHGATE" adr list --format json
check "Backstage's backstage.io/adr-location names the folder" \
	test "$(files)" = "service/decisions/0001-x.md"

repo r
record "$T/r/docs/adr" 20240102-use-log4brains.md "Use log4brains"
record "$T/r/packages/billing/adr" 20240301-bill-monthly.md "Bill monthly"
record "$T/r/packages/search/adr" 20240405-use-opensearch.md "Use OpenSearch"
cat >"$T/r/.log4brains.yml" <<'YAML'
---
project:
  name: shop
  tz: Europe/Paris
  adrFolder: ./docs/adr
  packages:
    - name: billing
      path: ./packages/billing
      adrFolder: ./packages/billing/adr
    - name: search
      path: ./packages/search
      adrFolder: ./packages/search/adr
YAML
run_in "$T/r" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list in a log4brains repository with packages"
check "... lists the main folder and both packages, in date order" \
	test "$(files)" = "docs/adr/20240102-use-log4brains.md,packages/billing/adr/20240301-bill-monthly.md,packages/search/adr/20240405-use-opensearch.md"
check "... each package's records carry its name" \
	test "$(jq -r '[.[] | .package // "-"] | join(",")' "$OUT")" = "-,billing,search"
run_in "$T/r" "$ARCHGATE" adr list
expect_contains "$OUT" "billing" "the text list names the package"
run_in "$T/r" "$ARCHGATE" adr list --package search --format json
check "adr list --package search lists only that package" \
	test "$(files)" = "packages/search/adr/20240405-use-opensearch.md"
run_in "$T/r" "$ARCHGATE" adr lint --format json
check "adr lint reads every package" \
	bash -c "jq -e '[.findings[].file] | any(startswith(\"packages/billing/adr/\"))' '$OUT' >/dev/null"
run_in "$T/r" "$ARCHGATE" adr lint --package billing --format json
check "adr lint --package billing reports that package's findings only" \
	jq -e '(.findings | length) > 0 and all(.findings[]; .file | startswith("packages/billing/adr/")) and .summary.warnings == (.findings | length)' "$OUT"
run_in "$T/r" "$ARCHGATE" adr lint --package -
check "adr lint --package - is the main folder" bash -c "! grep -q packages/ '$OUT'"
run_in "$T/r" "$ARCHGATE" adr lint --package nosuch
expect_rc 2 "an unknown package is bad usage"

# ---- file names -------------------------------------------------------------

repo r
for f in adr-001-first.md adr002-second.md ADR-003-third.md 0004-使用消息队列.md \
	20240105-dated.md; do
	record "$T/r/docs/adr" "$f" "T $f"
done
run_in "$T/r" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list over every file-name convention"
check "all five records are found" test "$(jq length "$OUT")" = 5
check "numbers come from adr-NNN, adrNNN, ADR-NNN, NNNN; a date prefix is no number" \
	test "$(jq -r '[.[] | "\(.number)"] | sort | join(",")' "$OUT")" = "1,2,3,4,null"
run_in "$T/r" "$ARCHGATE" adr show 2
expect_rc 0 "adr show 2 finds adr002-second.md"
run_in "$T/r" "$ARCHGATE" adr show 4
expect_contains "$OUT" "使用消息队列" "a record with a non-Latin slug is shown"

# ---- --dir and ARCHGATE_DIR naming the records folder itself ----------------

repo r
record "$T/r/handbook/choices" 0001-x.md "X"
run_in "$T/r" "$ARCHGATE" adr list --format json
check "records in an unusual folder are not found by themselves" test "$(jq length "$OUT")" = 0
expect_contains "$ERR" "no decision records found" "... and archgate says so"
expect_contains "$ERR" "docs/decisions (common place)" "... naming where it looked"
expect_contains "$ERR" "--dir" "... and how to point it there (--dir)"
expect_contains "$ERR" "ARCHGATE_DIR" "... (ARCHGATE_DIR)"
expect_contains "$ERR" "decisions: PATH" "... (decisions: in archgate.yaml)"
run_in "$T/r" "$ARCHGATE" adr lint
expect_rc 2 "adr lint with no records to read fails (exit 2)"
expect_not_contains "$OUT" "check passed" "... and never says 'check passed'"
run_in "$T/r" "$ARCHGATE" adr list --dir handbook/choices --format json
check "--dir naming the records folder finds them" test "$(jq length "$OUT")" = 1
ARCHGATE_DIR=$T/r/handbook/choices run_in "$T/r" "$ARCHGATE" adr list --format json
check "ARCHGATE_DIR naming the records folder finds them" test "$(jq length "$OUT")" = 1

# check over an arch/ folder without records says so
repo r
mkdir -p "$T/r/arch"
printf 'system:\n  name: shop\n' >"$T/r/arch/system.yaml"
run_in "$T/r" "$ARCHGATE" check
expect_contains "$ERR" "no decision records found" "check without records says so"
expect_contains "$ERR" "looked in" "... and says where it looked"
printf 'rules:\n  boundary-style: off\n  capabilities-stated: off\n  constraints-stated: off\n  context-drawable: off\n  review-policy: off\n  cost-ceiling: off\n' >"$T/r/arch/archgate.yaml"
run_in "$T/r" "$ARCHGATE" check
expect_rc 0 "check with every other finding off passes"
expect_contains "$OUT" "check passed, but no decision records were found" "... but says it saw no records"

finish
