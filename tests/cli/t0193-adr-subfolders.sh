#!/bin/bash
# t0193-adr-subfolders: records one level down in the record folder (an
# archive such as deprecated/, MADR's categories with local numbers), as
# met measuring issue 11's corpus (written here, not copied): found, listed
# with their subfolder, their numbers their own (no adr-number-unique, no
# renumbering, `adr show N` means the main folder's N), toc links into the
# subfolder; a log4brains package's records get toc links into their folder.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/r
mkdir -p "$R/docs/adrs/deprecated" "$R/docs/adrs/.hidden"
git -C "$R" init -q
rec() { # FILE NUMBER TITLE STATUS
	printf '# %s. %s\n\nDate: 2024-01-0%s\n\n## Status\n\n%s\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n' \
		"$2" "$3" "$2" "$4" >"$R/docs/adrs/$1"
}
rec 0001-queue.md 1 "Use a queue" Accepted
rec 0002-cache.md 2 "Use a cache" Accepted
rec deprecated/0001-old-auth.md 1 "Old auth" Deprecated
rec .hidden/0009-not-read.md 9 "Hidden" Accepted

run_in "$R" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list"
cp "$OUT" "$T/list.json"
check "three records, the hidden folder's not among them" jq -e 'length == 3' "$T/list.json"
check "the archived record is found with its subfolder as package" \
	jq -e '[.[] | select(.package == "deprecated") | .file] == ["docs/adrs/deprecated/0001-old-auth.md"]' "$T/list.json"
run_in "$R" "$ARCHGATE" adr list
expect_match "$OUT" '^deprecated +0001 +Deprecated' "the text list names the subfolder"
run_in "$R" "$ARCHGATE" adr show 1
expect_rc 0 "adr show 1 is not ambiguous"
expect_contains "$OUT" "Use a queue" "... it is the main folder's record 1"
run_in "$R" "$ARCHGATE" adr lint --format json
check "a subfolder's local number is no duplicate" \
	jq -e '[.findings[] | select(.rule == "adr-number-unique")] | length == 0' "$OUT"
run_in "$R" "$ARCHGATE" adr toc
expect_contains "$OUT" "](deprecated/0001-old-auth.md)" "toc links into the subfolder"
expect_contains "$OUT" "](0002-cache.md)" "... and to the main folder's records as before"
run_in "$R" "$ARCHGATE" adr renumber
check "renumber leaves the subfolder's record alone" test -f "$R/docs/adrs/deprecated/0001-old-auth.md"

# a log4brains package's records: toc links reach their folder
L=$T/l
mkdir -p "$L/docs/adr" "$L/packages/web/docs/adr"
git -C "$L" init -q
cat >"$L/.log4brains.yml" <<'YML'
project:
  name: t
  adrFolder: ./docs/adr
  packages:
    - name: web
      path: ./packages/web
      adrFolder: ./packages/web/docs/adr
YML
printf '# Main\n\n- Status: accepted\n- Date: 2024-01-01\n' >"$L/docs/adr/20240101-main.md"
printf '# Web\n\n- Status: accepted\n- Date: 2024-01-02\n' >"$L/packages/web/docs/adr/20240102-web.md"
run_in "$L" "$ARCHGATE" adr toc
expect_contains "$OUT" "](../../packages/web/docs/adr/20240102-web.md)" "a package record's toc link reaches its folder"
expect_contains "$OUT" "](20240101-main.md)" "... the main folder's stays short"
finish
