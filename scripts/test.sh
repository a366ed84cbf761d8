#!/usr/bin/env bash
# The README's second command: install what the tests need, then run every
# test in a development build (-Werror), in a gcc Release build (-O2
# -Werror: warnings that only the optimiser finds) in an extreme time zone
# and a UTF-8 locale, a year ahead of the clock (faketime), under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the events tests under
# ThreadSanitizer; plus the fuzz regression corpus and a few seconds of
# fuzzing per target, the docs freshness
# check and archgate's own gates on its own arch/. Each stage prints how
# long it took, and the end a table of them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc)

timings=()
stage_name=""
stage_start=0
# stage NAME: ends the stage before (recording its time) and starts NAME.
stage() {
  local now
  now=$(date +%s)
  if [ -n "$stage_name" ]; then
    timings+=("$(printf '%5ss  %s' $((now - stage_start)) "$stage_name")")
    echo "   ($((now - stage_start)) s)"
  fi
  stage_name=$1
  stage_start=$now
  [ -z "$1" ] || echo "== $1"
}
t0=$(date +%s)

stage "dependencies (Debian packages, npm packages when their lock changed)"
scripts/deps.sh --test

stage "banned functions"
scripts/banned.sh

stage "layers: each folder of src/ includes only the folders below it"
scripts/layers.sh

stage "development build (gcc, Debug, -Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAG_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j "$jobs"

# -O2 as distributions build (CMake's Release is -O3), with Debian's
# hardening flags: -Wformat-truncation, -Wstringop-overflow and
# _FORTIFY_SOURCE's checks only speak when the optimiser runs. The tests
# run on the other side of the date line (UTC+14) in a UTF-8 locale:
# archgate's dates are UTC days, and lib.sh pins the tools' locale.
stage "release build (gcc, -O2 -Werror, hardened), cmake --install, tests at UTC+14 in C.UTF-8"
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc \
  -DAG_WERROR=ON \
  "-DCMAKE_C_FLAGS_RELEASE=$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CFLAGS) -DNDEBUG" \
  "-DCMAKE_EXE_LINKER_FLAGS=$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build build-release
rm -rf build-release/staging
DESTDIR=$root/build-release/staging cmake --install build-release --prefix /usr/local >/dev/null
build-release/staging/usr/local/bin/archgate --version >/dev/null
env -u LC_ALL TZ=Pacific/Kiritimati LANG=C.UTF-8 \
  ctest --test-dir build-release --output-on-failure -j "$jobs"

# The whole suite (unit and CLI tests) with the clock a year ahead: a test
# that reads the clock or the calendar instead of ARCHGATE_TODAY, or that
# let git or adr-tools stamp today's date, fails here long before it would
# fail for everyone. It runs as somebody else, too: a git configuration
# that signs commits and names its own author and branch, git identity
# and dates in the environment, a login shell that is not bash, a dumb
# terminal, colour forced both ways, an editor that fails, ARCHGATE_DIR
# and ARCHGATE_TODAY set, and a TMPDIR inside this checkout.
stage "a year ahead, as somebody else: every test of the development build under faketime +365 days"
other=$root/build/other-user
mkdir -p "$other/tmp"
printf '%s\n' '[user]' '	name = Somebody Else' '	email = somebody@example.org' \
  '[commit]' '	gpgsign = true' '[tag]' '	gpgsign = true' '[init]' '	defaultBranch = trunk' \
  '[core]' '	hooksPath = /nonexistent' '	autocrlf = true' >"$other/.gitconfig"
env HOME="$other" TMPDIR="$other/tmp" SHELL=/bin/false TERM=dumb NO_COLOR=1 CLICOLOR_FORCE=1 \
  EDITOR=false VISUAL=false GIT_AUTHOR_NAME="Somebody Else" GIT_COMMITTER_NAME="Somebody Else" \
  GIT_AUTHOR_DATE=2001-01-01T00:00:00Z ARCHGATE_DIR=/nonexistent ARCHGATE_TODAY=2031-01-01 \
  faketime '+365 days' ctest --test-dir build --output-on-failure -j "$jobs"
# with TMPDIR inside this checkout, a test that lost its own arch/ would
# have found and edited this repository's
if [ -n "$(git -C "$root" status --porcelain -- arch)" ]; then
  git -C "$root" status --short -- arch >&2
  echo "a test wrote into this checkout's arch/" >&2
  exit 1
fi

stage "AddressSanitizer + UndefinedBehaviorSanitizer build (clang)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAG_WERROR=ON -DAG_SANITIZE=ON \
  -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# The events engine is the only multi-threaded code: its unit tests (small
# chunks, many threads) and its CLI tests, with any race fatal.
stage "ThreadSanitizer build (clang): the events tests"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAG_WERROR=ON -DAG_TSAN=ON \
  -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build-tsan --target archgate test_events_input test_events_scan test_events_stats
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan --output-on-failure -j "$jobs" -R '^(unit/test_events_|cli/t06)'

if [ -f fuzz/run.sh ]; then
  # every saved input once under ASan+UBSan, then each target fuzzed for a
  # few seconds from them (new inputs in a temporary folder): a change that
  # makes a crash easy to reach fails here (fuzz/README.md)
  stage "fuzz regressions and smoke (every saved input once, every target ${AG_FUZZ_SMOKE:-3} s)"
  bash fuzz/run.sh --regress --strict
  bash fuzz/run.sh --smoke "${AG_FUZZ_SMOKE:-3}"
fi

stage "generated docs are current"
for page in model rules; do
  if ! build/archgate docs "$page" | diff -u "docs/$page.md" - >/dev/null; then
    echo "docs/$page.md is stale: run 'build/archgate docs $page > docs/$page.md'" >&2
    exit 1
  fi
done
if ! build/archgate docs man | diff -u docs/archgate.1 - >/dev/null; then
  echo "docs/archgate.1 is stale: run 'build/archgate docs man > docs/archgate.1'" >&2
  exit 1
fi
if command -v groff >/dev/null && [ -n "$(groff -man -ww -z docs/archgate.1 2>&1)" ]; then
  groff -man -ww -z docs/archgate.1
  echo "docs/archgate.1 has roff warnings" >&2
  exit 1
fi
rm -rf build/install-check
cmake --install build --prefix "$root/build/install-check" >/dev/null
if [ ! -f build/install-check/share/man/man1/archgate.1 ]; then
  echo "cmake --install did not install archgate(1)" >&2
  exit 1
fi

stage "archgate governs itself: archgate check on this repository's arch/, and its diagrams"
(cd "$root" && build/archgate check)
# arch/system.yaml describes archgate's own folders and what they use, so
# `archgate diagram` draws archgate itself, through the real Graphviz too
for view in context container; do
  build/archgate diagram --view "$view" >/dev/null
  build/archgate diagram --view "$view" --format svg --output "build/archgate-$view.svg"
done

stage ""
echo "== timings"
printf '%s\n' "${timings[@]}"
printf '%5ss  total\n' $(($(date +%s) - t0))
echo "all test stages passed"
