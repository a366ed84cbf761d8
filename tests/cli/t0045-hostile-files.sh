#!/bin/bash
# t0045-hostile-files: files a repository holds are anyone's (issue 10,
# ADR 0021). A FIFO where archgate reads a file used to block forever in
# open(); a committed symbolic link to a file outside the repository made
# archgate read (and print) the runner's files; every such failure said
# "input/output error". Now every read opens without blocking, takes
# regular files only, follows a link only inside the repository, and names
# the cause.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v mkfifo >/dev/null || skip_all "mkfifo is not installed"
command -v timeout >/dev/null || skip_all "timeout is not installed"

fresh() {
	rm -rf "$T/r"
	mkdir "$T/r"
	cp -R "$FIXTURES/clean/arch" "$T/r/arch"
	mkdir "$T/r/.git"
}

# a FIFO as the system model: refused at once, not waited on
fresh
rm "$T/r/arch/system.yaml"
mkfifo "$T/r/arch/system.yaml"
run_in "$T/r" timeout 20 "$ARCHGATE" check
expect_rc 2 "FIFO system.yaml: an input error, not a hang (124)"
expect_contains "$ERR" "not a regular file (a FIFO)" "FIFO system.yaml: says what it is"
expect_not_contains "$ERR" "input/output error" "FIFO system.yaml: names the cause"

# a FIFO as a decision record
fresh
mkfifo "$T/r/arch/decisions/0003-fifo.md"
run_in "$T/r" timeout 20 "$ARCHGATE" check
check "FIFO record: no hang" test "$rc" -ne 124
expect_contains "$ERR$(cat "$OUT")" "not a regular file (a FIFO)" "FIFO record: says what it is"

# a symbolic link to a file outside the repository
fresh
printf 'SECRET-OF-THE-RUNNER\n' >"$T/outside.yaml"
rm "$T/r/arch/system.yaml"
ln -s "$T/outside.yaml" "$T/r/arch/system.yaml"
run_in "$T/r" timeout 20 "$ARCHGATE" check
expect_rc 2 "symlink out of the repository: refused"
expect_contains "$ERR" "symbolic link to a file outside the repository" "symlink out: says why"
expect_not_contains "$ERR$(cat "$OUT")" "SECRET-OF-THE-RUNNER" "symlink out: prints nothing of the file"

# a symbolic link that stays inside is followed
fresh
mv "$T/r/arch/system.yaml" "$T/r/system.yaml"
ln -s ../system.yaml "$T/r/arch/system.yaml"
run_in "$T/r" timeout 20 "$ARCHGATE" check
expect_rc 0 "symlink inside the repository: read as before"

# a dangling one
fresh
rm "$T/r/arch/system.yaml"
ln -s "$T/r/arch/nowhere.yaml" "$T/r/arch/system.yaml"
run_in "$T/r" timeout 20 "$ARCHGATE" check
expect_rc 2 "dangling symlink: an input error"
expect_contains "$ERR" "dangling symbolic link" "dangling symlink: says so"

# unreadable
if [ "$(id -u)" != 0 ]; then
	fresh
	chmod 000 "$T/r/arch/system.yaml"
	run_in "$T/r" timeout 20 "$ARCHGATE" check
	expect_rc 2 "unreadable system.yaml: an input error"
	expect_contains "$ERR" "permission denied" "unreadable: names the cause"
	chmod 644 "$T/r/arch/system.yaml"
fi

# a FIFO named .adr-dir, and one named .gitignore in a scanned tree
fresh
mkfifo "$T/r/.adr-dir"
run_in "$T/r" timeout 20 "$ARCHGATE" adr list
check ".adr-dir FIFO: no hang" test "$rc" -ne 124
fresh
mkfifo "$T/r/.gitignore"
echo '{"dependencies": {"pg": "8"}}' >"$T/r/package.json"
run_in "$T/r" timeout 20 "$ARCHGATE" radar scan
check ".gitignore FIFO: radar scan does not hang" test "$rc" -ne 124
expect_contains "$OUT" "PostgreSQL" ".gitignore FIFO: the scan still reads the manifests"

# archgate.yaml's decisions: may not point outside the repository (a pull
# request can change it); inside, "arch/../docs/adr" is docs/adr
fresh
mkdir -p "$T/out" "$T/r/docs/adr"
printf '# 1. Outside\n\n## Status\n\nAccepted\n' >"$T/out/0001-outside.md"
printf '# 1. Inside\n\n## Status\n\nAccepted\n' >"$T/r/docs/adr/0001-inside.md"
for bad in ../../out "$T/out" ../docs/../../out; do
	printf 'version: 1\ndecisions: %s\n' "$bad" >"$T/r/arch/archgate.yaml"
	run_in "$T/r" "$ARCHGATE" adr list
	expect_rc 2 "decisions: $bad is refused"
	expect_contains "$ERR" "arch/archgate.yaml:2:12: error: decisions: '$bad' is outside the repository" "... at its place, saying why"
	expect_not_contains "$OUT" "Outside" "... and no record from outside is read"
	run_in "$T/r" "$ARCHGATE" adr new --no-edit "Escape"
	expect_rc 2 "adr new with decisions: $bad refuses"
	check "... and writes nothing outside" test ! -e "$T/out/0002-escape.md"
done
printf 'version: 1\ndecisions: ../docs/adr\n' >"$T/r/arch/archgate.yaml"
run_in "$T/r" "$ARCHGATE" adr list
expect_rc 0 "decisions: ../docs/adr (inside) is used"
expect_contains "$OUT" "Inside" "... and its records read"

finish
