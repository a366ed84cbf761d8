#!/bin/bash
# t0010-init: `archgate init` lays down the minimal skeleton (or the worked
# example) and never overwrites anything: when any target exists, nothing
# at all is written and the exit code is 2.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

MIN=$AG_SRC/templates/minimal
EX=$AG_SRC/templates/example

# The files a template set should produce, as "arch/..." paths.
template_files() {
	(cd "$1" && find . -type f ! -name '.gitkeep' | sed 's|^\./||' | LC_ALL=C sort)
}

mkdir repo
run_in repo "$ARCHGATE" init
expect_rc 0 "init in an empty folder"
expect_empty "$ERR" "init: nothing on stderr"
sed -n 's|^created \./||p' "$OUT" | LC_ALL=C sort >"$T/created"
template_files "$MIN" >"$T/expected"
check "init reports one 'created' line per template file" cmp -s "$T/created" "$T/expected"
expect_line "$OUT" "Next: cd . && archgate status   (archgate next says what to do)" "init says what to do next"
expect_line "$OUT" "First step (Phase 1): The non-functional requirements are stated: scale, latency, compliance" "init names the first step archgate next gives"
while read -r f; do
	check "init wrote $f as in templates/minimal" cmp -s "$MIN/$f" "repo/$f"
done <"$T/expected"
check "init left no temporary files" test -z "$(find repo -name '*.agtmp.*')"

# The skeleton is valid input: check reports open Phase 1 work (exit 1),
# never an input error (exit 2).
run_in repo "$ARCHGATE" check
expect_rc 1 "check on the fresh skeleton finds open Phase 1 work"
expect_empty "$ERR" "the skeleton has no input errors"
expect_contains "$OUT" "[constraints-stated]" "the skeleton asks for constraints first"
run_in repo "$ARCHGATE" status
expect_rc 1 "status on the fresh skeleton"
expect_line "$OUT" "Current phase: 1 (Constraints & Trade-offs)" "the skeleton starts in Phase 1"

# A second init refuses, names every file in the way, and changes nothing.
echo "# the team's edits" >>repo/arch/system.yaml
before=$(tree_digest repo)
run_in repo "$ARCHGATE" init
expect_rc 2 "a second init refuses"
expect_empty "$OUT" "the refused init reports nothing as created"
while read -r f; do
	expect_line "$ERR" "./$f: error: './$f' already exists; archgate init never overwrites a file" \
		"the refusal names $f"
done <"$T/expected"
after=$(tree_digest repo)
check "the refused init changed nothing (content and inodes)" test "$before" = "$after"

# One file in the way is enough to write nothing at all.
mkdir -p partial/arch
printf 'system: {name: Ours}\n' >partial/arch/system.yaml
run "$ARCHGATE" init partial
expect_rc 2 "init refuses when only system.yaml exists"
expect_line "$ERR" "partial/arch/system.yaml: error: 'partial/arch/system.yaml' already exists; archgate init never overwrites a file" \
	"the refusal names the one file in the way"
check "only that file is named" test "$(wc -l <"$ERR")" -eq 1
check "nothing else was written" test "$(find partial -type f | wc -l)" -eq 1
check "the user's file is untouched" test "$(cat partial/arch/system.yaml)" = "system: {name: Ours}"

# init DIR creates DIR.
run "$ARCHGATE" init new/project
expect_rc 0 "init DIR creates the folder"
check "init DIR wrote the model" test -f new/project/arch/system.yaml
expect_line "$OUT" "Next: cd new/project && archgate status   (archgate next says what to do)" "init DIR's next step names the folder"

run "$ARCHGATE" init a b
expect_rc 2 "init with two folders"
expect_first_line "$ERR" "archgate init: expected at most one folder" "init says one folder at most"

: >afile
run "$ARCHGATE" init afile
expect_rc 2 "init below a regular file fails"
expect_first_line "$ERR" "archgate init: 'afile' exists and is not a folder" \
	"the failure names the file that is not a folder"
check "nothing was written" test ! -e afile/arch

# The worked example. It is written by another part of the project; while
# templates/example is empty the binary has no example set to test.
if [ -n "$(find "$EX" -type f 2>/dev/null | head -n 1)" ]; then
	run "$ARCHGATE" init --example demo
	expect_rc 0 "init --example"
	sed -n 's|^created demo/||p' "$OUT" | LC_ALL=C sort >"$T/created-ex"
	{ template_files "$EX"; echo logs/checkout-api.ndjson; } | LC_ALL=C sort >"$T/expected-ex"
	check "init --example writes every file of templates/example, and the request log" \
		cmp -s "$T/created-ex" "$T/expected-ex"
	run_in demo "$ARCHGATE" check
	expect_rc 0 "the worked example passes check"
	expect_empty "$ERR" "the worked example has no input errors"
	expect_contains "$OUT" "check passed" "check says the example passed"
	run_in demo "$ARCHGATE" status
	expect_rc 0 "the worked example completes every phase"
	expect_line "$OUT" "All phases complete." "status says every phase is complete"
	run "$ARCHGATE" check --dir demo/arch --format json
	if command -v jq >/dev/null; then
		check "the example's json summary has no errors or warnings" \
			jq -e '.summary.errors == 0 and .summary.warnings == 0' "$OUT"
	fi
	run "$ARCHGATE" init --example demo
	expect_rc 2 "init --example twice refuses"
else
	echo "note: templates/example is empty; the init --example checks were not run"
fi


finish
