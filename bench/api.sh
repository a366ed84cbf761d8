#!/usr/bin/env bash
# bench/api.sh - `archgate api lint` against Spectral on generated specs.
#
#   bench/api.sh [OPERATIONS...]        (default: 2000 10000)
#
# Generates bench/out/api-N.yaml for each N: an OpenAPI 3.0 spec of N
# operations (N/2 paths with a GET and a DELETE), each with a path
# parameter $ref, a 200 whose schema is a $ref to its own component, and
# 404/500 $refs to one problem+json response; N/2 schemas, every one used,
# one of them recursive. A few deliberate problems (every 50th operation
# lacks its 5xx, every 100th has a 418, one schema in 50 is unused) give
# both tools findings to report (the unused schemas are found by both).
# Then it runs, once each (wall time and peak RSS from /usr/bin/time):
#   - archgate api lint (Release build in build-rel/, unless $ARCHGATE is set)
#   - Spectral (`spectral lint` with `extends: spectral:oas`, its recommended
#     OpenAPI ruleset), when $SPECTRAL names it or `npx --no-install` finds it
# and prints one line per tool and size: seconds, peak RSS in MB, findings.
# The rule sets are not the same (Spectral's oas ruleset has more rules,
# archgate's checks error responses Spectral has no rule for); the point is
# the cost of reading, resolving and walking a big spec. Not part of CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out
mkdir -p "$OUT"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 10000)
if [ -z "${ARCHGATE:-}" ]; then
	cmake -S "$ROOT" -B "$ROOT/build-rel" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$ROOT/build-rel" -j2 --target archgate >/dev/null
	ARCHGATE=$ROOT/build-rel/archgate
fi
SPECTRAL=${SPECTRAL:-}
if [ -z "$SPECTRAL" ] && npx --no-install spectral --version >/dev/null 2>&1; then
	SPECTRAL="npx --no-install spectral"
fi
export ARCHGATE_TODAY=2026-12-03 NO_COLOR=1

printf 'extends: ["spectral:oas"]\n' >"$OUT/.spectral.yaml"

gen() {
	python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
w("openapi: 3.0.3\ninfo: {title: bench, version: '1', description: generated, contact: {name: bench}}\n")
w("servers: [{url: 'https://api.example.test'}]\ntags: [{name: t, description: t}]\npaths:\n")
op = 0
for p in range(n // 2):
    w(f"  /r{p}/{{id}}:\n    parameters: [{{$ref: '#/components/parameters/Id'}}]\n")
    for m in ("get", "delete"):
        w(f"    {m}:\n      operationId: {m}R{p}\n      description: d\n      tags: [t]\n      responses:\n")
        w(f"        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/S{p}'}}\n")
        w("        '404': {$ref: '#/components/responses/Problem'}\n")
        if op % 50:
            w("        '500': {$ref: '#/components/responses/Problem'}\n")
        if op % 100 == 0:
            w("        '418': {$ref: '#/components/responses/Problem'}\n")
        op += 1
w("components:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: string}}\n")
w("  responses:\n    Problem:\n      description: an RFC 9457 problem\n      content:\n        application/problem+json:\n          schema: {$ref: '#/components/schemas/Problem'}\n")
w("  schemas:\n    Problem:\n      type: object\n      properties: {type: {type: string}, title: {type: string}, status: {type: integer}}\n")
for p in range(n // 2):
    w(f"    S{p}:\n      type: object\n      properties:\n        id: {{type: string}}\n")
    if p == 0:
        w("        self: {$ref: '#/components/schemas/S0'}\n")
    if p % 50 == 0:
        w(f"    U{p}: {{type: string}}\n")
PY
}

measure() { # label, findings-command, command...
	local label=$1 count=$2
	shift 2
	/usr/bin/time -o "$OUT/time.txt" -f '%e %M' "$@" >"$OUT/out.txt" 2>"$OUT/err.txt" || true
	local t n
	t=$(tail -1 "$OUT/time.txt")
	n=$(eval "$count" <"$OUT/out.txt" 2>/dev/null || true)
	[ -n "$n" ] || n="? (stopped or failed)"
	printf '%-10s %6s operations  %7.2f s  %7.1f MB  %s findings\n' "$label" "$N" \
		"${t% *}" "$(echo "${t#* } / 1024" | bc -l)" "$n"
}

for N in "${SIZES[@]}"; do
	spec=$OUT/api-$N.yaml
	[ -s "$spec" ] || gen "$N" >"$spec"
	measure archgate "jq '.findings | length'" "$ARCHGATE" api lint "$spec" --format json --root "$OUT"
	if [ -n "$SPECTRAL" ]; then
		(cd "$OUT" && measure spectral "jq 'length'" timeout "${SPECTRAL_TIMEOUT:-60}" $SPECTRAL lint -r .spectral.yaml -f json -q "$spec")
	fi
done
[ -n "$SPECTRAL" ] || echo "spectral not found (npm install @stoplight/spectral-cli, or SPECTRAL=path)" >&2
