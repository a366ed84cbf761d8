#!/usr/bin/env bash
# The README's second command: install what the tests need, then run every
# test twice — in a development build (-Werror) and under AddressSanitizer +
# UndefinedBehaviorSanitizer — plus the fuzz regression corpus, the docs
# freshness check and archgate's own gates on its own arch/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/deps.sh --test
if [ -f tests/package-lock.json ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
jobs=$(nproc)

echo "== banned functions"
scripts/banned.sh

echo "== layers: each folder of src/ includes only the folders below it"
scripts/layers.sh

echo "== development build (-Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAG_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAG_WERROR=ON -DAG_SANITIZE=ON \
  -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

if [ -f fuzz/run.sh ]; then
  echo "== fuzz regressions (every saved input, once)"
  bash fuzz/run.sh --regress --strict
fi

echo "== generated docs are current"
for page in model rules; do
  if ! build/archgate docs "$page" | diff -u "docs/$page.md" - >/dev/null; then
    echo "docs/$page.md is stale: run 'build/archgate docs $page > docs/$page.md'" >&2
    exit 1
  fi
done

echo "== archgate governs itself: archgate check on this repository's arch/"
(cd "$root" && build/archgate check)
echo "all test stages passed"
