#!/usr/bin/env bash
# The README's first command: install, build, and run the main job on the
# bundled example (init --example into a temporary folder, then status,
# check, the error budget from its request log and gate deploy there).
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
echo "\$ archgate slo status"
"$bin" slo status
# gate deploy reads the commits to ship: the example as one reviewed commit
git init -q -b main
git add -A
git -c user.name="Dana Dev" -c user.email=dana@example.com -c commit.gpgsign=false commit -q \
	-m "The Checkout example" -m "Reviewed-by: Lee Lead <lee@example.com>"
echo
echo "\$ archgate gate deploy"
"$bin" gate deploy
echo
echo "The example is in $demo; the binary is $bin."
