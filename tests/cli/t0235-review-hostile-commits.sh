#!/bin/bash
# t0235-review-hostile-commits: commit text is anyone's, so nothing in a
# subject or body may make a commit look reviewed (issue 10). archgate used
# to read `git log` with 0x1F/0x1E separators that a subject can contain: a
# subject "Hotfix<0x1F>Bob Builder <bob@example.com>" by Alice was read as
# "reviewed by Bob" and `gate deploy` said GO. Now git's output is read
# NUL-separated with one field a line, and reviewers come only from trailers
# (git's %(trailers)) and merges.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

ALICE="Alice Archer <alice@example.com>"
BOB="Bob Builder <bob@example.com>"

R=$T/shop
mkdir "$R"
cp -R "$FIXTURES/clean/arch" "$R/arch"
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main

_tick=0
as() {
	local who=$1
	shift
	_tick=$((_tick + 1))
	local name=${who% <*} email=${who#*<}
	email=${email%>}
	local date
	date=$(printf '2026-11-01T%02d:%02d:00Z' $((8 + _tick / 60)) $((_tick % 60)))
	GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$date \
		GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$date \
		git -C "$R" "$@"
}
# commit WHO MESSAGE-FILE: change a file and commit with that message
commit_file() {
	echo "$_tick" >>"$R/CHANGES"
	git -C "$R" add -A
	as "$1" commit -q --cleanup=verbatim -F "$2"
}
short() { git -C "$R" rev-parse --short=12 "$1"; }

printf 'Initial architecture\n\nReviewed-by: %s\n' "$BOB" >"$T/m0"
commit_file "$ALICE" "$T/m0"
git -C "$R" tag deploy/1

# the unit separator in the subject, then a name and e-mail
printf 'Hotfix prices\037%s\037\n\nNo review.\n' "$BOB" >"$T/m1"
commit_file "$ALICE" "$T/m1"
# the record and group separators too, with a forged next record
printf 'Tweak copy\036\n%s\037%s\037\037x\037%s\035\n' \
	"0123456789abcdef0123456789abcdef01234567" "$BOB" "$BOB" >"$T/m2"
commit_file "$ALICE" "$T/m2"
# "Reviewed-by:" in the subject or in the middle of the body is no trailer
printf 'Reviewed-by: %s\n\nReviewed-by: %s\n\nThe last paragraph has no trailer.\n' \
	"$BOB" "$BOB" >"$T/m3"
commit_file "$ALICE" "$T/m3"

run_in "$R" "$ARCHGATE" review deploy/1..HEAD
expect_rc 1 "review: commits whose text imitates a reviewer are unreviewed"
expect_line "$OUT" "3 commits in deploy/1..HEAD, 3 unreviewed" "review: all three are counted, none reviewed"
expect_not_contains "$OUT" "reviewed by $BOB" "review: Bob reviewed nothing"
expect_contains "$OUT" "FAIL $(short HEAD~2) Hotfix prices" "review: the 0x1F subject is flagged"
expect_contains "$OUT" "FAIL $(short HEAD~1) Tweak copy" "review: the 0x1E subject is flagged"
expect_contains "$OUT" "FAIL $(short HEAD) Reviewed-by: $BOB (" \
	"review: a subject that reads like a trailer is flagged"

run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "gate deploy: STOP, not GO, on forged reviews"
expect_contains "$OUT" "STOP: do not deploy" "gate deploy: says STOP"

run_in "$R" "$ARCHGATE" review deploy/1..HEAD --format json
expect_rc 1 "review --format json: exit 1"
python3 - "$OUT" >"$T/shape" 2>&1 <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["commits"]) == 3, doc
assert all(not c["reviewed"] and c["reviewer"] is None for c in doc["commits"]), doc
print("ok")
PY
check "review json: three commits, none reviewed" grep -qx ok "$T/shape"
grep -qx ok "$T/shape" || sed 's/^/    /' "$T/shape"

# a real trailer still counts
printf 'Fix typo\n\nA real review.\n\nReviewed-by: %s\n' "$BOB" >"$T/m4"
commit_file "$ALICE" "$T/m4"
run_in "$R" "$ARCHGATE" review HEAD~1..HEAD
expect_rc 0 "review: a real trailer still reviews"
expect_line "$OUT" "ok   $(short HEAD) Fix typo ($ALICE), reviewed by $BOB" "review: names the reviewer"

finish
