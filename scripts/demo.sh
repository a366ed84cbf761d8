#!/usr/bin/env bash
# The README's first command: install, build, and run the main job on the
# bundled example (init --example into a temporary folder, then status and
# check there).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target archgate >/dev/null
bin="$PWD/build/archgate"
demo=$(mktemp -d "${TMPDIR:-/tmp}/archgate-demo.XXXXXX")
"$bin" init --example "$demo"
cd "$demo"
echo
echo "\$ archgate status"
"$bin" status
echo
echo "\$ archgate check"
"$bin" check
echo
echo "The example is in $demo; the binary is $bin."
