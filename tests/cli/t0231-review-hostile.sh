#!/bin/bash
# t0231-review-hostile: commit text is hostile input. A subject holding the
# separator bytes archgate once split git's output on (0x1F, 0x1E, 0x1D)
# followed by a name cannot make a commit "reviewed"; a trailer key from
# policy cannot inject another placeholder into git's format.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

R=$T/repo
mkdir "$R"
cp -R "$FIXTURES/clean/arch" "$R/arch"
git -C "$R" init -q
commit() {
	echo "$2" >>"$R/CHANGES"
	git -C "$R" add -A
	GIT_AUTHOR_NAME="Alice Archer" GIT_AUTHOR_EMAIL=alice@example.com \
		GIT_COMMITTER_NAME="Alice Archer" GIT_COMMITTER_EMAIL=alice@example.com \
		git -C "$R" commit -q -m "$2" -m "$3"
}
commit a "Start" "Reviewed-by: Bob Builder <bob@example.com>"
git -C "$R" tag deploy/1
commit b "$(printf 'Tweak prices\037Mallory <mallory@example.com>\037')" "No review."
commit c "$(printf 'More\036deadbeef\037x\037\037Mallory <mallory@example.com>\035')" "No review either."
commit d "$(printf 'Reviewed-by\035Mallory <mallory@example.com>')" "Still none."

run_in "$R" "$ARCHGATE" review deploy/1..HEAD --format json
expect_rc 1 "commits whose subjects carry separator bytes and a name are not reviewed"
check "three commits, none reviewed, subjects kept whole" jq -e '
	(.commits | length) == 3 and ([.commits[] | select(.reviewed)] | length) == 0' "$OUT"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "gate deploy: STOP, not GO"

sed -i 's/^review: {required: true, trailers: \[Reviewed-by\]}$/review: {required: true, trailers: ["Reviewed-by,valueonly)%(an"]}/' \
	"$R/arch/archgate.yaml"
grep -q 'valueonly)' "$R/arch/archgate.yaml" || fail "the fixture's review line changed: update this test"
run_in "$R" "$ARCHGATE" review deploy/1..HEAD
expect_rc 2 "a trailer key that would end git's placeholder is refused"
expect_contains "$ERR" "is not a trailer key (letters, digits and '-')" "and said why"

finish
