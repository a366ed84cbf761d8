# lib.sh - helpers for archgate's CLI tests (after git's t/test-lib.sh).
#
# A test script sources this file, runs the real binary with `run` and
# states what it expects with the expect_* functions; each expectation is
# one numbered check printed as "ok N - what" or "FAIL N - what" (with the
# evidence: a diff, the captured output). `finish` prints
# "N passed, N failed" and exits 1 when anything failed.
#
#   . "$AG_TESTS/cli/lib.sh"
#   run "$ARCHGATE" check --dir "$FIXTURES/clean/arch"
#   expect_rc 0 "a clean repository passes"
#   expect_golden check-clean.txt "$OUT" "text report"
#   finish
#
# Environment (set by ctest, see tests/CMakeLists.txt):
#   ARCHGATE   the binary under test            AG_TESTS  the tests/ folder
#   AG_SRC     the source root                  AG_BUILD  the build folder
#   AG_UPDATE_GOLDEN=1  rewrite golden files from the actual output instead
#                       of comparing (then review them with git diff!)
#   AG_VERBOSE=1        print the output of passing checks too
# ARCHGATE may be a wrapper script, e.g. one that runs the binary under
# valgrind --error-exitcode=99: every expectation then also catches memory
# errors (output on stderr, or a wrong exit code).
#
# Every script runs with ARCHGATE_TODAY=2026-11-25 (waiver expiry is then
# deterministic) and ADR_DATE set to the same day (Debian's adr-tools stamps
# the records it makes with ADR_DATE, else with the clock, and a record made
# by the clock is "in the future" of a pinned today from the next day on),
# without NO_COLOR, ARCHGATE_DIR, VISUAL, EDITOR or ADR_TEMPLATE (adr new
# would write from it) from the caller, with
# TERM=xterm-256color, in a
# fresh temporary folder $T (removed on exit) that is also the cwd.
#
# git runs without the caller's configuration (no ~/.gitconfig, no
# /etc/gitconfig: no user.name, signing, hooks, templates or default branch
# of the person running the tests), without GIT_* identity or repository
# variables from the caller, and stamps every commit with noon UTC of the
# pinned today (GIT_AUTHOR_DATE, GIT_COMMITTER_DATE): a test that needs
# an order of commits sets its own dates. A script that commits names
# its authors itself (git -c user.name=..., or GIT_AUTHOR_NAME=...).
# SHELL is this bash (on_tty's script(1) runs commands with it). The
# scripts run with the caller's TZ and LANG: archgate itself must not
# depend on them (scripts/test.sh runs the suite a year ahead with
# faketime, and in an extreme time zone with a UTF-8 locale).

set -u

if [ -z "${ARCHGATE:-}" ]; then
	echo "lib.sh: set ARCHGATE to the archgate binary" >&2
	exit 2
fi
case $ARCHGATE in
/*) ;;
*) ARCHGATE=$(cd "$(dirname "$ARCHGATE")" && pwd)/$(basename "$ARCHGATE") ;;
esac
AG_TESTS=${AG_TESTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
AG_TESTS=$(cd "$AG_TESTS" && pwd) # absolute: the scripts change folder
AG_SRC=${AG_SRC:-$(cd "$AG_TESTS/.." && pwd)}
AG_SRC=$(cd "$AG_SRC" && pwd)
FIXTURES=$AG_TESTS/cli/fixtures
GOLDEN=$AG_TESTS/cli/golden

export ARCHGATE_TODAY=2026-11-25
export ADR_DATE=$ARCHGATE_TODAY
export LC_ALL=C
unset NO_COLOR ARCHGATE_DIR CLICOLOR_FORCE VISUAL EDITOR ADR_TEMPLATE
# TERM=dumb (Emacs shells, some CI runners) turns colour off even on a
# terminal; the tests that want it off say so themselves
export TERM=xterm-256color
# util-linux script runs its command with $SHELL: the user's login shell
# (fish, a restricted shell, /bin/false for a service account) must not
# decide whether the terminal checks run
export SHELL=$BASH
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
AG_GIT_DATE=${ARCHGATE_TODAY}T12:00:00Z
export GIT_AUTHOR_DATE=$AG_GIT_DATE GIT_COMMITTER_DATE=$AG_GIT_DATE

# archgate looks for arch/ from the current folder up to the repository's
# root, as git looks for .git: a TMPDIR inside someone's checkout (or
# below any arch/ folder) would hand the tests that checkout's arch/. Such
# a TMPDIR is passed over for /tmp.
_ag_tmp=${TMPDIR:-/tmp}
_ag_d=$(cd "$_ag_tmp" 2>/dev/null && pwd -P) || _ag_d=/
while [ "$_ag_d" != / ]; do
	if [ -e "$_ag_d/.git" ] || [ -d "$_ag_d/arch" ] || [ -e "$_ag_d/.adr-dir" ]; then
		_ag_tmp=/tmp
		break
	fi
	_ag_d=$(dirname "$_ag_d")
done
T=$(mktemp -d "$_ag_tmp/agcli.XXXXXX") || exit 2
unset _ag_tmp _ag_d
trap 'cd /; rm -rf "$T"' EXIT
cd "$T" || exit 2
# git looks for a repository no higher than $T: a TMPDIR inside someone's
# checkout must not make a test's folder part of that repository
export GIT_CEILING_DIRECTORIES=$(dirname "$T")

OUT=$T/.out   # stdout of the last `run`
ERR=$T/.err   # stderr of the last `run`
rc=0          # exit code of the last `run`
LAST_CMD=
_passed=0
_failed=0
_n=0

# run CMD [ARG...]: run a command, capturing stdout, stderr and exit code.
run() {
	LAST_CMD="$*"
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	return 0
}

# run_in DIR CMD [ARG...]: the same, with DIR as the working folder.
run_in() {
	local dir=$1
	shift
	LAST_CMD="(cd $dir && $*)"
	(cd "$dir" && "$@") >"$OUT" 2>"$ERR"
	rc=$?
	return 0
}

_show_last() {
	echo "    command: $LAST_CMD"
	echo "    exit code: $rc"
	if [ -s "$OUT" ]; then
		echo "    stdout:"
		head -n 40 "$OUT" | sed 's/^/      | /'
	fi
	if [ -s "$ERR" ]; then
		echo "    stderr:"
		head -n 40 "$ERR" | sed 's/^/      | /'
	fi
}

pass() {
	_n=$((_n + 1))
	_passed=$((_passed + 1))
	echo "ok $_n - $1"
	if [ -n "${AG_VERBOSE:-}" ]; then _show_last; fi
}

# fail WHAT [DETAIL...]: a failed check; details are printed indented.
fail() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "FAIL $_n - $1"
	shift
	for d in "$@"; do echo "    $d"; done
}

# check DESC CMD...: a check that passes when CMD succeeds.
check() {
	local desc=$1
	shift
	if "$@" >/dev/null; then pass "$desc"; else fail "$desc" "failed: $*"; _show_last; fi
}

expect_rc() {
	if [ "$rc" = "$1" ]; then
		pass "$2 (exit $1)"
	else
		fail "$2 (exit $1)" "expected exit code $1, got $rc"
		_show_last
	fi
}

# expect_empty FILE DESC
expect_empty() {
	if [ ! -s "$1" ]; then pass "$2"; else fail "$2" "expected no output in $(basename "$1")"; _show_last; fi
}

# expect_line FILE LINE DESC: FILE has a line that is exactly LINE.
expect_line() {
	if grep -Fxq -- "$2" "$1"; then
		pass "$3"
	else
		fail "$3" "expected the line: $2"
		_show_last
	fi
}

# expect_first_line FILE LINE DESC: the first line of FILE is exactly LINE.
expect_first_line() {
	local first
	first=$(head -n 1 "$1")
	if [ "$first" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "expected first line: $2" "got:                 $first"
		_show_last
	fi
}

# expect_first_line_match FILE ERE DESC: the first line matches the regex.
expect_first_line_match() {
	if head -n 1 "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "expected first line matching: $2" "got: $(head -n 1 "$1")"
		_show_last
	fi
}

# expect_contains FILE TEXT DESC: FILE contains TEXT (fixed string).
expect_contains() {
	if grep -Fq -- "$2" "$1"; then pass "$3"; else fail "$3" "expected to contain: $2"; _show_last; fi
}

expect_not_contains() {
	if ! grep -Fq -- "$2" "$1"; then pass "$3"; else fail "$3" "expected not to contain: $2"; _show_last; fi
}

# expect_match FILE ERE DESC: some line of FILE matches the extended regex.
expect_match() {
	if grep -Eq -- "$2" "$1"; then pass "$3"; else fail "$3" "expected a line matching: $2"; _show_last; fi
}

# expect_golden NAME FILE DESC: FILE equals tests/cli/golden/NAME.
expect_golden() {
	local name=$1 file=$2 desc=$3 g=$GOLDEN/$1
	if [ -n "${AG_UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$(dirname "$g")"
		cp "$file" "$g"
		pass "$desc (golden $name updated)"
		return
	fi
	if [ ! -f "$g" ]; then
		fail "$desc" "golden file cli/golden/$name is missing (AG_UPDATE_GOLDEN=1 creates it)"
		_show_last
		return
	fi
	if cmp -s "$g" "$file"; then
		pass "$desc (golden $name)"
	else
		fail "$desc (golden $name)" "output differs from cli/golden/$name (- expected, + actual):"
		diff -u "$g" "$file" | sed '1,2d; s/^/      /' | head -n 80
		echo "    (AG_UPDATE_GOLDEN=1 rewrites the golden file when the change is intended)"
	fi
}

# copy_fixture NAME: copy tests/cli/fixtures/NAME to $T/NAME (for tests that
# write, or that must run from inside the repository).
copy_fixture() {
	rm -rf "${T:?}/$1"
	mkdir -p "$T/$(dirname "$1")"
	cp -R "$FIXTURES/$1" "$T/$1"
}

# tree_digest DIR: a listing with checksums, to prove nothing changed.
tree_digest() {
	(cd "$1" && find . -print0 | LC_ALL=C sort -z | xargs -0 -n 50 sh -c '
		for f; do
			if [ -f "$f" ]; then
				printf "%s %s %s\n" "$(cksum < "$f" | tr -s " " "_")" \
					"$(stat -c %i "$f" 2>/dev/null || echo -)" "$f"
			else
				printf "dir %s\n" "$f"
			fi
		done' sh)
}

# pretty_json FILE: FILE re-indented (2 spaces, key order kept); fails
# when FILE is not exactly one JSON document.
pretty_json() {
	python3 -c 'import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")' "$1"
}

# strip_ansi: remove ANSI colour sequences from standard input.
strip_ansi() {
	sed 's/\x1b\[[0-9;]*m//g'
}

# on_tty CMD...: run CMD with stdout and stderr on a pseudo-terminal (util-linux
# script), writing what it printed to $OUT with CRs removed. Returns 1 when
# no pseudo-terminal can be had; then the caller skips its checks.
on_tty() {
	command -v script >/dev/null || return 1
	script -qec "$(printf '%q ' "$@")" /dev/null </dev/null >"$OUT" 2>"$ERR"
	rc=$?
	tr -d '\r' <"$OUT" >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
	LAST_CMD="(on a tty) $*"
	[ -s "$OUT" ]
}

# skip_all REASON: nothing can be tested here; ctest reports a skip (77).
skip_all() {
	echo "skip: $1"
	echo "0 passed, 0 failed"
	exit 77
}

finish() {
	echo "$_passed passed, $_failed failed"
	[ "$_failed" -eq 0 ]
	exit $?
}
