#!/bin/bash
# t0945-site-incremental: `archgate site` over its own site rewrites only the
# files whose bytes changed (ADR 0055): the others keep their inode and
# mtime (hard links to the old tree's files), the changed pages are new, and
# after each of several edits the result equals a clean build byte for byte.
# Hostile old trees: a page a user edited, chmod'ed or hard-linked elsewhere
# is written anew (never shared with the user's file); a symbolic link, or a
# folder with files in place of a page, is refused with nothing touched; an
# empty folder in place of a page is replaced.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
R=decisions/0002-start-with-a-modular-monolith
S=../site

# inode and mtime of every file of a site, by path
stamps() { (cd "$1" && find . -type f -printf '%P %i %T@\n' | sort); }
# the paths whose inode or mtime differs between two stamps files
moved() { join "$1" "$2" | awk '$2 != $4 || $3 != $5 {print $1}'; }
export -f stamps moved

run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a first build"
expect_match "$OUT" "; [0-9]+ changed, 0 unchanged\\) to" "every file is written"
touch -d '2026-01-01 12:00' $S/radar.html $S/$R.html # an old mtime, to see it stay
stamps $S >../before.txt

# one record changed: its page, the pages that list it and the index change
sleep 1
sed -i 's/^# ADR-002: Start with a modular monolith/# ADR-002: Start with a NEW-TITLE monolith/' \
	arch/$R.md
run "$ARCHGATE" site --out $S --no-graphviz --format json
expect_rc 0 "the rebuild after one edit"
check "it reports what it wrote and kept" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert 0 < d["written"] < 20 and d["unchanged"] > 0 and d["written"]+d["unchanged"]==d["files"], d' "$OUT"
stamps $S >../after.txt
moved ../before.txt ../after.txt >../moved.txt
check "the edited record's page is new" grep -qx "$R.html" ../moved.txt
check "the decisions list is new (it shows the title)" grep -qx decisions/index.html ../moved.txt
check "the search index is new" grep -qx assets/search.json ../moved.txt
check "the radar page kept its inode and mtime" bash -c '! grep -qx radar.html ../moved.txt'
check "the radar page's old mtime stayed" test "$(stat -c %Y $S/radar.html)" = "$(date -d '2026-01-01 12:00' +%s)"
check "the stylesheet kept its inode" bash -c '! grep -qx assets/site.css ../moved.txt'
check "an unrelated record kept its inode" bash -c \
	'! grep -qx decisions/0005-use-postgresql-for-the-main-datastore.html ../moved.txt'
expect_contains $S/$R.html NEW-TITLE "the page has the edit"
check "no file of the site has a second name" bash -c "[ -z \"\$(find $S -type f -links +1)\" ]"
check "no temporary folder is left" bash -c '! ls -a .. | grep -q "new-"'

# after each of several edits: the same bytes as a clean build
clean() {
	rm -rf ../clean
	"$ARCHGATE" site --out ../clean --no-graphviz >/dev/null 2>&1
	diff -r $S ../clean >/dev/null && [ "$(stamps ../clean | wc -l)" = "$(stamps $S | wc -l)" ]
}
check "equals a clean build after the title edit" clean
sed -i 's/^\*\*Status:\*\* Accepted/**Status:** Deprecated/' arch/decisions/0005-*.md
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a status edit"
check "equals a clean build after a status edit" clean
cat >arch/decisions/0060-new-one.md <<'MD'
# ADR-060: A new one

**Status:** Proposed
**Date:** 2026-03-02

## Context

Links to [the monolith](0002-start-with-a-modular-monolith.md).
MD
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a record added"
check "the new page is there" test -f $S/decisions/0060-new-one.html
check "equals a clean build after a record was added" clean
rm arch/decisions/0060-new-one.md
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a record removed"
check "its page is gone" test ! -e $S/decisions/0060-new-one.html
check "equals a clean build after a record was removed" clean
run "$ARCHGATE" site --out $S --no-graphviz
expect_match "$OUT" "; 0 changed, [0-9]+ unchanged\\) to" "nothing changed: nothing written"

# a page a user edited in the old tree: written anew with the built bytes
echo "defaced" >>$S/radar.html
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a page edited in the old tree"
check "it is the built page again" cmp $S/radar.html ../clean/radar.html
# chmod'ed: written anew with the usual mode
chmod 0600 $S/slos.html
run "$ARCHGATE" site --out $S --no-graphviz
check "a chmod'ed page comes back 0644" test "$(stat -c %a $S/slos.html)" = 644
# hard-linked by a user from outside: the user's file is never the site's
ln $S/system.html ../mine.html
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a page someone hard-linked"
check "the site's page is another inode than the user's file" \
	test "$(stat -c %i $S/system.html)" != "$(stat -c %i ../mine.html)"
check "the user's file is untouched" cmp ../mine.html ../clean/system.html
echo "mine" >>../mine.html
check "and a change to it does not reach the site" cmp $S/system.html ../clean/system.html
check "equals a clean build after the hostile edits" clean

# a symbolic link in place of a page: refused, nothing touched
echo secret >../secret.html
mv $S/findings.html ../findings.keep
ln -s ../secret.html $S/findings.html
stamps $S >../b2.txt
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 2 "a symbolic link in the old tree is refused"
expect_match "$ERR" "findings.html' is not a file archgate wrote \\(a symbolic link\\)" "naming it"
check "the link is still there" test -L $S/findings.html
check "its target is untouched" test "$(cat ../secret.html)" = secret
check "nothing of the site was touched" bash -c "[ -z \"\$(moved ../b2.txt <(stamps $S))\" ]"
rm $S/findings.html
mv ../findings.keep $S/findings.html

# a folder in place of a page: with a file in it refused, empty replaced
rm $S/diagrams.html
mkdir $S/diagrams.html
echo keep >$S/diagrams.html/notes.txt
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 2 "a folder with a user's file in place of a page is refused"
check "the user's file is kept" test "$(cat $S/diagrams.html/notes.txt)" = keep
rm $S/diagrams.html/notes.txt
run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "an empty folder in place of a page is replaced"
check "the page is a file again" test -f $S/diagrams.html
check "equals a clean build after a folder replaced a page" clean
check "no temporary folder is left" bash -c '! ls -a .. | grep -q "new-"'

finish
