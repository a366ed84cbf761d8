#!/bin/bash
# t0240-big-bang: "Don't rewrite the old system from scratch (The 'Big Bang'
# fails). Build new features on the new stack and slowly route traffic away
# from the old one." big-bang-rewrite reads git history: a commit (or the
# uncommitted change) that switches more than half of the strangler-fig
# routes from legacy to new at once is a finding naming the commit;
# switching one at a time is not.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
export GIT_AUTHOR_NAME="Alice Archer" GIT_AUTHOR_EMAIL=alice@example.com
export GIT_COMMITTER_NAME="Alice Archer" GIT_COMMITTER_EMAIL=alice@example.com

# new_repo DIR: a git repository with the rulebook-govern model in DIR/arch
new_repo() {
	mkdir -p "$1"
	cp -R "$FIXTURES/rulebook-govern/arch" "$1/arch"
	git -C "$1" init -q
}

# routes DIR SIDE... : the migration section of DIR/arch/system.yaml with
# the routes /books /search /cart /checkout served by SIDE (legacy|new)
routes() {
	local dir=$1 f=$1/arch/system.yaml
	shift
	sed -i '/^migration:/,$d' "$f"
	printf 'migration:\n  legacy: legacy-shop\n  target: web\n  routes:\n' >>"$f"
	local p
	for p in /books /search /cart /checkout; do
		printf '    - {path: %s, to: %s}\n' "$p" "$1" >>"$f"
		shift
	done
}

# commit DIR SUBJECT
commit() {
	git -C "$1" add -A
	git -C "$1" commit -q -m "$2" -m "Reviewed-by: Bob Builder <bob@example.com>"
}

# the line of "routes:" in the migration section (findings point at the
# list, the line after it)
routes_line() { grep -n '^  routes:$' "$1/arch/system.yaml" | cut -d: -f1; }

# ---- one route at a time: fine ----

A=$T/one-at-a-time
new_repo "$A"
routes "$A" legacy legacy legacy legacy
commit "$A" "Put the shop behind the strangler fig"
routes "$A" new legacy legacy legacy
commit "$A" "Serve /books from the new shop"
routes "$A" new new legacy legacy
commit "$A" "Serve /search from the new shop"
run_in "$A" "$ARCHGATE" check
expect_rc 0 "one route per commit passes"
expect_not_contains "$OUT" "big-bang-rewrite" "no big-bang-rewrite finding for 1 of 4 per commit"

# 2 of 4 in one change is not "more than half" ...
routes "$A" new new new new
run_in "$A" "$ARCHGATE" check
expect_not_contains "$OUT" "big-bang-rewrite" "an uncommitted change of 2 of 4 routes is not more than half"
# ... unless the team's threshold says so
printf 'thresholds: {big_bang_share: 0.25}\n' >>"$A/arch/archgate.yaml"
run_in "$A" "$ARCHGATE" check
expect_contains "$OUT" "the uncommitted change switches 2 of 4 routes to the new system at once (more than 25%) [big-bang-rewrite]" \
	"the share is policy (thresholds.big_bang_share)"
git -C "$A" checkout -q -- arch

# ---- three of four in one commit: a big bang ----

B=$T/big-bang
new_repo "$B"
routes "$B" legacy legacy legacy legacy
commit "$B" "Put the shop behind the strangler fig"
routes "$B" new new new legacy
commit "$B" "Switch books, search and cart to the new shop"
sha=$(git -C "$B" rev-parse --short=12 HEAD)
line=$(routes_line "$B")
run_in "$B" "$ARCHGATE" check
expect_rc 1 "a commit switching 3 of 4 routes fails check"
expect_line "$OUT" "  arch/system.yaml:$((line + 1)):5: error: commit $sha \"Switch books, search and cart to the new shop\" switched 3 of 4 routes to the new system at once (more than 50%) [big-bang-rewrite]" \
	"the finding names the commit, its subject and the share, at the routes"
check "one finding for the one commit" test "$(grep -c '\[big-bang-rewrite\]' "$OUT")" -eq 1
run_in "$B" "$ARCHGATE" status
expect_match "$OUT" '^\[x\] Phase 1 ' "a big bang is not a red flag: Phase 1 stays complete"
expect_match "$OUT" '^\[ \] Phase 4 .* open +1 blocker +<- current$' "it blocks Phase 4"

# later commits that do not touch the routes do not hide it
echo "notes" >"$B/NOTES"
commit "$B" "Add notes"
run_in "$B" "$ARCHGATE" check
expect_contains "$OUT" "commit $sha \"Switch books, search and cart to the new shop\" switched 3 of 4" \
	"still reported after an unrelated commit"

# waivable like any finding
printf 'waivers:\n  - {rule: big-bang-rewrite, reason: "the three routes were dark-launched for a month first", expires: 2027-01-31}\n' \
	>>"$B/arch/archgate.yaml"
sed -i '/^waivers: \[\]$/d' "$B/arch/archgate.yaml"
run_in "$B" "$ARCHGATE" check
expect_rc 0 "the waived big bang passes"

# ---- the uncommitted change ----

C=$T/uncommitted
new_repo "$C"
routes "$C" legacy legacy legacy legacy
commit "$C" "Put the shop behind the strangler fig"
routes "$C" new new new legacy
line=$(routes_line "$C")
run_in "$C" "$ARCHGATE" check
expect_rc 1 "an uncommitted switch of 3 of 4 routes fails check"
expect_line "$OUT" "  arch/system.yaml:$((line + 1)):5: error: the uncommitted change switches 3 of 4 routes to the new system at once (more than 50%) [big-bang-rewrite]" \
	"the working tree is compared with HEAD"
routes "$C" new legacy legacy legacy
run_in "$C" "$ARCHGATE" check
expect_rc 0 "an uncommitted switch of 1 of 4 passes"

# ---- a commit whose system.yaml does not parse ----

# The last commit that touched system.yaml broke it; the fix is not
# committed yet. The history has nothing to compare for that commit, and
# check must still run (it crashed: the parent's routes were released
# without ever being read).
E=$T/broken-commit
new_repo "$E"
routes "$E" legacy legacy legacy legacy
commit "$E" "Put the shop behind the strangler fig"
printf 'oops: [\n' >>"$E/arch/system.yaml"
commit "$E" "Half-finished edit"
git -C "$E" checkout -q HEAD~1 -- arch/system.yaml
run_in "$E" "$ARCHGATE" check
expect_rc 0 "a broken system.yaml in the last commit, fixed in the working tree: check runs"
expect_not_contains "$OUT" "big-bang-rewrite" "and finds no big bang"

# ---- no git: nothing to compare ----

D=$T/no-git
mkdir -p "$D"
cp -R "$FIXTURES/rulebook-govern/arch" "$D/arch"
routes "$D" new new new new
run_in "$D" "$ARCHGATE" check
expect_rc 0 "outside a git repository the history rules find nothing"
expect_empty "$ERR" "and say nothing on stderr"

# ---- arch/ in a subfolder of the repository (a monorepo) ----

M=$T/monorepo
mkdir -p "$M"
git -C "$M" init -q
new_repo_sub() {
	mkdir -p "$M/services/shop"
	cp -R "$FIXTURES/rulebook-govern/arch" "$M/services/shop/arch"
}
new_repo_sub
routes "$M/services/shop" legacy legacy legacy legacy
commit "$M" "Put the shop behind the strangler fig"
routes "$M/services/shop" new new new legacy
commit "$M" "Switch books, search and cart to the new shop"
run_in "$M/services/shop" "$ARCHGATE" check
expect_rc 1 "monorepo: a big-bang commit fails check when arch/ is not at the repository root"
expect_contains "$OUT" "switched 3 of 4 routes to the new system at once (more than 50%) [big-bang-rewrite]" \
	"monorepo: the commit is found"
routes "$M/services/shop" new new new new
commit "$M" "Switch checkout"
routes "$M/services/shop" legacy legacy legacy legacy
run_in "$M/services/shop" "$ARCHGATE" check
expect_not_contains "$OUT" "uncommitted change switches" "monorepo: switching back to legacy is no big bang"

# ---- a SHA-256 repository: 64-digit ids, the subject read whole ----
S=$T/sha256
if git init -q --object-format=sha256 "$S" 2>/dev/null; then
	cp -R "$FIXTURES/rulebook-govern/arch" "$S/arch"
	routes "$S" legacy legacy legacy legacy
	commit "$S" "Put the shop behind the strangler fig"
	routes "$S" new new new legacy
	commit "$S" "Switch books, search and cart at once"
	sha=$(git -C "$S" rev-parse --short=12 HEAD)
	run_in "$S" "$ARCHGATE" check
	expect_rc 1 "SHA-256: a commit switching 3 of 4 routes fails check"
	expect_contains "$OUT" "error: commit $sha \"Switch books, search and cart at once\" switched 3 of 4 routes" \
		"SHA-256: the finding names the commit and its subject, nothing of the id in it"
else
	echo "# skipped: this git cannot make SHA-256 repositories"
fi

finish
