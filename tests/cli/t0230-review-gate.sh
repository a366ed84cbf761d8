#!/bin/bash
# t0230-review-gate: "MANDATORY: All code changes must undergo a deep-dive
# 'fine-toothed comb' review before git deployment." On a real git
# repository built here (authors, Reviewed-by trailers, a merge by another
# person, deploy tags): `archgate review RANGE` (exit 0/1, which commits are
# flagged, a trailer naming the author themself does not count, json),
# `archgate gate deploy` (GO and STOP, a red flag stops it) and the
# unreviewed-deploy red flag inside `check` and `status`.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

ALICE="Alice Archer <alice@example.com>"
BOB="Bob Builder <bob@example.com>"
CAROL="Carol Coder <carol@example.com>"

R=$T/shop
mkdir "$R"
cp -R "$FIXTURES/clean/arch" "$R/arch"
git -C "$R" init -q
git -C "$R" symbolic-ref HEAD refs/heads/main

# as "Name <email>" CMD...: run git in $R as that person, at a clock that
# moves one minute per call (deploy tags sort by date, so order is fixed)
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

# commit WHO SUBJECT [TRAILER]: change a file and commit it
commit() {
	echo "$2" >>"$R/CHANGES"
	git -C "$R" add -A
	if [ -n "${3:-}" ]; then
		as "$1" commit -q -m "$2" -m "A change the test needs." -m "$3"
	else
		as "$1" commit -q -m "$2" -m "A change the test needs."
	fi
}
sha() { git -C "$R" rev-parse "$1"; }
short() { git -C "$R" rev-parse --short=12 "$1"; }

# ---- a history where everything shipped was reviewed ----

commit "$ALICE" "Initial architecture" "Reviewed-by: $BOB"
git -C "$R" tag deploy/1
commit "$ALICE" "Add search" "Reviewed-by: $BOB"
# Carol's branch, merged by Bob with a merge commit (a pull-request merge)
git -C "$R" checkout -q -b wishlist
commit "$CAROL" "Add the wishlist"
git -C "$R" checkout -q main
as "$BOB" merge -q --no-ff -m "Merge branch 'wishlist'" wishlist
git -C "$R" tag deploy/2
commit "$BOB" "Tune the cache" "Reviewed-by: Alice Archer <alice@example.com>"

run_in "$R" "$ARCHGATE" review deploy/1..deploy/2
expect_rc 0 "review: everything between deploy/1 and deploy/2 was reviewed"
expect_line "$OUT" "ok   $(short deploy/2^1) Add search ($ALICE), reviewed by $BOB" \
	"review: a Reviewed-by trailer naming another person counts"
expect_line "$OUT" "ok   $(short wishlist) Add the wishlist ($CAROL), reviewed by $BOB" \
	"review: a merge by another person reviews the commits it brings in"
expect_line "$OUT" "3 commits in deploy/1..deploy/2, 0 unreviewed" "review: counts the merge too"
check "review: the merge commit itself is not listed" test "$(grep -c '^ok  ' "$OUT")" -eq 2

run_in "$R" "$ARCHGATE" check
expect_rc 0 "check: a reviewed last deploy raises no red flag"
expect_not_contains "$OUT" "unreviewed-deploy" "check: no unreviewed-deploy finding"

run_in "$R" "$ARCHGATE" gate deploy
expect_rc 0 "gate deploy: GO when reviewed and no red flag"
expect_line "$OUT" "ok   $(short HEAD) Tune the cache ($BOB), reviewed by Alice Archer <alice@example.com>" \
	"gate deploy: reviews what would ship (deploy/2..HEAD)"
expect_line "$OUT" "1 commit in deploy/2..HEAD, 0 unreviewed" "gate deploy: the default range"
expect_line "$OUT" "  none" "gate deploy: no red flags"
expect_line "$OUT" "GO: reviewed and no red flags" "gate deploy: says GO"

# ---- a red flag stops a reviewed deploy ----

cp "$R/arch/system.yaml" "$T/system.yaml.orig"
sed -i 's/tech: \[typescript\]/tech: [typescript, redis]/' "$R/arch/system.yaml"
run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "gate deploy: STOP on a red flag even when every commit is reviewed"
expect_line "$OUT" "1 commit in deploy/2..HEAD, 0 unreviewed" "gate deploy: the review itself passed"
expect_match "$OUT" "^  arch/system.yaml:[0-9]+:[0-9]+: 'redis' is in use \('web'\) but no decision record mentions it \[undocumented-technology\]$" \
	"gate deploy: lists the red flag with its place"
expect_line "$OUT" "STOP: do not deploy (unreviewed commits or an active red flag; return to Phase 1)" \
	"gate deploy: says STOP"
cp "$T/system.yaml.orig" "$R/arch/system.yaml"

# ---- unreviewed commits ----

commit "$ALICE" "Hotfix prices"
commit "$ALICE" "Tweak copy" "Reviewed-by: $ALICE"
commit "$ALICE" "Fix typo" "Reviewed-by: alice archer"
commit "$BOB" "Rename a column" "Reviewed-by: $CAROL"
# Carol merges her own branch: the merge is no review of her commit
git -C "$R" checkout -q -b coupons
commit "$CAROL" "Add coupons"
git -C "$R" checkout -q main
as "$CAROL" merge -q --no-ff -m "Merge branch 'coupons'" coupons

run_in "$R" "$ARCHGATE" review
expect_rc 1 "review: unreviewed commits since the last deploy (exit 1)"
expect_line "$OUT" "FAIL $(short HEAD~4) Hotfix prices ($ALICE), not reviewed by anyone else" \
	"review: a commit without a trailer is flagged"
expect_line "$OUT" "FAIL $(short HEAD~3) Tweak copy ($ALICE), not reviewed by anyone else" \
	"review: a trailer naming the author themself does not count"
expect_line "$OUT" "FAIL $(short HEAD~2) Fix typo ($ALICE), not reviewed by anyone else" \
	"review: nor does one naming the author without an e-mail, in another case"
expect_line "$OUT" "ok   $(short HEAD~1) Rename a column ($BOB), reviewed by $CAROL" \
	"review: a reviewed commit in the same range passes"
expect_line "$OUT" "FAIL $(short coupons) Add coupons ($CAROL), not reviewed by anyone else" \
	"review: merging one's own branch reviews nothing"
expect_line "$OUT" "ok   $(short HEAD~5) Tune the cache ($BOB), reviewed by Alice Archer <alice@example.com>" \
	"review: the commit reviewed before is still ok"
expect_line "$OUT" "7 commits in deploy/2..HEAD, 4 unreviewed" "review: counts"

run_in "$R" "$ARCHGATE" review deploy/2..HEAD --format json
expect_rc 1 "review --format json: exit 1 too"
python3 - "$OUT" "$(sha HEAD~4)" "$(sha HEAD)" "$(sha coupons)" >"$T/shape" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
hotfix, merge, coupons = sys.argv[2:]
assert set(doc) == {"range", "commits", "unreviewed"}, doc.keys()
assert doc["range"] == "deploy/2..HEAD", doc["range"]
assert doc["unreviewed"] == 4, doc["unreviewed"]
assert len(doc["commits"]) == 7, len(doc["commits"])
for c in doc["commits"]:
    assert set(c) == {"sha", "author", "subject", "merge", "reviewed", "reviewer"}, c
    assert len(c["sha"]) == 40 and all(x in "0123456789abcdef" for x in c["sha"]), c
    assert isinstance(c["merge"], bool) and isinstance(c["reviewed"], bool), c
    assert (c["reviewer"] is None) == (not c["reviewed"]) or c["merge"], c
by = {c["sha"]: c for c in doc["commits"]}
h = by[hotfix]
assert h == {"sha": hotfix, "author": "Alice Archer <alice@example.com>",
             "subject": "Hotfix prices", "merge": False, "reviewed": False,
             "reviewer": None}, h
m = by[merge]
assert m["merge"] is True and m["author"] == "Carol Coder <carol@example.com>", m
assert by[coupons]["reviewed"] is False, by[coupons]
assert sum(not c["reviewed"] for c in doc["commits"]) == doc["unreviewed"]
print("ok")
EOF
check "review json: range, commits[sha, author, subject, merge, reviewed, reviewer], unreviewed" \
	grep -qx ok "$T/shape"
grep -qx ok "$T/shape" || sed 's/^/    /' "$T/shape"

run_in "$R" "$ARCHGATE" review HEAD~1..HEAD~1
expect_rc 0 "review: an empty range is fine"
run_in "$R" "$ARCHGATE" review HEAD~2..HEAD~1
expect_rc 0 "review: a range of reviewed commits passes"
expect_line "$OUT" "1 commit in HEAD~2..HEAD~1, 0 unreviewed" "review: an explicit range"
run_in "$R" "$ARCHGATE" review no-such-tag..HEAD
expect_rc 2 "review: a range git cannot read is a usage error"
expect_contains "$ERR" "no-such-tag..HEAD" "review: names the bad range"
run_in "$R" "$ARCHGATE" review --upload-pack=evil
expect_rc 2 "review: an option-like range is refused"
run_in "$R" "$ARCHGATE" review -- --output="$T/written-by-git"
expect_rc 2 "review: a range after -- that git would read as an option is refused"
expect_contains "$ERR" "'--output=$T/written-by-git' is not a revision range" "review: says why"
check "review: git wrote nothing" test ! -e "$T/written-by-git"

run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "gate deploy: STOP on unreviewed commits"
expect_contains "$OUT" "FAIL $(short HEAD~4) Hotfix prices" "gate deploy: names the unreviewed commit"
expect_line "$OUT" "  none" "gate deploy: (no red flag yet: nothing unreviewed was deployed)"
run_in "$R" "$ARCHGATE" gate deploy HEAD~2..HEAD~1
expect_rc 0 "gate deploy RANGE: GO for a reviewed range"

# ---- deploying them anyway: the red flag ----

git -C "$R" tag deploy/3
run_in "$R" "$ARCHGATE" check
expect_rc 1 "check: an unreviewed deploy is a red flag"
expect_line "$OUT" "  arch/archgate.yaml:6:9: error: deploy deploy/2..deploy/3 shipped commit $(short HEAD~4) \"Hotfix prices\" by $ALICE without a review by someone else [unreviewed-deploy, red flag]" \
	"check: names the deploy, the commit, its subject and author, at the review policy"
check "check: one finding per unreviewed commit" test "$(grep -c '\[unreviewed-deploy, red flag\]' "$OUT")" -eq 4
expect_not_contains "$OUT" "Rename a column" "check: the reviewed commit is not listed"

run_in "$R" "$ARCHGATE" status
expect_rc 1 "status: the unreviewed deploy reopens Phase 1"
expect_match "$OUT" '^\[ \] Phase 1 .* open .*<- current$' "status: Phase 1 is open and current"
expect_line "$OUT" "      reopened by a red flag: STOP. Return to Phase 1." "status: says STOP"
expect_match "$OUT" '^\[-\] Phase 1\.5 .* blocked' "status: later phases are blocked"
expect_match "$OUT" "^4 red flags active" "status: counts the red flags"

run_in "$R" "$ARCHGATE" gate deploy
expect_rc 1 "gate deploy: STOP after an unreviewed deploy"
expect_contains "$OUT" "[unreviewed-deploy]" "gate deploy: lists the unreviewed deploy as a red flag"

# waived with a reason and an expiry, the red flag no longer reopens Phase 1
sed -i '/^waivers: \[\]$/d' "$R/arch/archgate.yaml"
cat >>"$R/arch/archgate.yaml" <<'EOF'
waivers:
  - rule: unreviewed-deploy
    match: deploy/2..deploy/3
    reason: the incident hotfixes of deploy/3 were reviewed after the fact in RFC-9
    expires: 2026-12-31
EOF
run_in "$R" "$ARCHGATE" status
expect_rc 0 "status: the waived red flag no longer reopens Phase 1"
expect_line "$OUT" "All phases complete." "status: every phase complete"
run_in "$R" "$ARCHGATE" check
expect_rc 0 "check: the waived unreviewed deploy passes"
expect_contains "$OUT" "waived" "check: shows the waived findings"

# review.required: false switches the red flag off (and review-policy says so)
sed -i 's/required: true/required: false/' "$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" check
expect_not_contains "$OUT" "[unreviewed-deploy" "check: no unreviewed-deploy when review is off"
expect_contains "$OUT" "code review is switched off (review.required: false) [review-policy]" \
	"check: but the review policy is an error"

# ---- two deploys in the same second ----

# Automation commits and tags within one second. The later deploy tag is
# still the one whose commit descends from the other; the last deploy is
# deploy/1..deploy/2, and its unreviewed commit is a red flag.
Q=$T/same-second
mkdir "$Q"
cp -R "$FIXTURES/clean/arch" "$Q/arch"
git -C "$Q" init -q
export GIT_AUTHOR_DATE=2026-11-01T10:00:00Z GIT_COMMITTER_DATE=2026-11-01T10:00:00Z
git -C "$Q" add -A
git -C "$Q" -c user.name="Alice Archer" -c user.email=alice@example.com commit -q \
	-m "Initial architecture" -m "Reviewed-by: $BOB"
git -C "$Q" tag deploy/1
echo "bump" >"$Q/VERSION"
git -C "$Q" add -A
git -C "$Q" -c user.name="Release Bot" -c user.email=bot@example.com commit -q -m "Bump the version"
git -C "$Q" tag deploy/2
export GIT_AUTHOR_DATE=$AG_GIT_DATE GIT_COMMITTER_DATE=$AG_GIT_DATE # lib.sh's
run_in "$Q" "$ARCHGATE" check
expect_rc 1 "same-second deploys: the unreviewed deploy/2 is still a red flag"
expect_contains "$OUT" "deploy deploy/1..deploy/2 shipped commit $(git -C "$Q" rev-parse --short=12 HEAD) \"Bump the version\" by Release Bot <bot@example.com> without a review by someone else [unreviewed-deploy, red flag]" \
	"same-second deploys: the last deploy is deploy/1..deploy/2"

finish
