#!/bin/bash
# t0947-site-incremental-crash: an incremental `archgate site` that dies
# just before the swap (ARCHGATE_TEST_CRASH_AFTER, after the new tree with
# its hard links is complete) leaves the live site as it was, byte for byte,
# inode and mtime; the next build still works, writes anew the files the
# dead build's leftover folder shares (they have a second name), and equals
# a clean build.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
S=../site
stamps() { (cd "$1" && find . -type f -printf '%P %i %T@ %s\n' | sort); }

run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "a first build"
cp -a $S ../copy
stamps $S >../before.txt
sed -i 's/^# ADR-002: Start with a modular monolith/# ADR-002: Start with a NEW-TITLE monolith/' \
	arch/decisions/0002-start-with-a-modular-monolith.md
ARCHGATE_TEST_CRASH_AFTER=1 run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 99 "the build dies before the swap"
check "the live site has the same files, inodes and mtimes" cmp ../before.txt <(stamps $S)
check "and the same bytes" diff -r $S ../copy
check "the dead build left its folder beside it" bash -c 'ls -a .. | grep -q "^\.site\.new-"'
check "whose unchanged files are links to the live ones" \
	bash -c "[ -n \"\$(find $S -type f -links 2)\" ]"

run "$ARCHGATE" site --out $S --no-graphviz
expect_rc 0 "the next build works"
check "no file of the site shares its inode with the leftover folder" \
	bash -c "[ -z \"\$(find $S -type f -links +1)\" ]"
rm -rf ../clean
run "$ARCHGATE" site --out ../clean --no-graphviz
check "it equals a clean build" diff -r $S ../clean
expect_contains $S/decisions/0002-start-with-a-modular-monolith.html NEW-TITLE "with the edit"
finish
