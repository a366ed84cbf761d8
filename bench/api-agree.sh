#!/usr/bin/env bash
# bench/api-agree.sh - how far `archgate api lint` agrees with Spectral on
# real specs, rule by rule, for the rules both have.
#
#   SPECTRAL=path/to/spectral bench/api-agree.sh DIR
#
# DIR holds OpenAPI/Swagger specs (*.yaml, *.yml, *.json), e.g. ones taken
# from public repositories with the search tool's fetch (they are not
# committed). Spectral runs with `extends: [[spectral:oas, off]]` and only
# the rules archgate maps turned on (api_ruleset.c's table), archgate with
# its own rules; only findings of those rules are compared. A finding
# agrees when the other tool reports the counterpart rule in the same file
# on the same line; "same count" compares the number per file and rule
# (places differ by design for some rules: docs/api.md). Prints one line
# per rule and a total. Not part of CI (Spectral is an npm install).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:?usage: bench/api-agree.sh DIR}
ARCHGATE=${ARCHGATE:-$ROOT/build/archgate}
SPECTRAL=${SPECTRAL:?set SPECTRAL to the spectral binary}
export ARCHGATE_TODAY=2026-12-03 NO_COLOR=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/.spectral.yaml" <<'YAML'
extends: [[spectral:oas, "off"]]
rules:
  operation-operationId-unique: true
  path-params: true
  oas3-api-servers: true
  oas2-api-host: true
  oas3-unused-component: true
  oas2-unused-definition: true
  oas3-valid-media-example: true
  oas2-valid-media-example: true
YAML
for spec in "$DIR"/*.yaml "$DIR"/*.yml "$DIR"/*.json; do
	[ -e "$spec" ] || continue
	b=$(basename "$spec")
	(cd "$DIR" && "$ARCHGATE" api lint --no-ruleset --root . --format json "$b" >"$WORK/$b.ag.json" 2>"$WORK/$b.ag.err") || true
	(cd "$DIR" && $SPECTRAL lint -q -r "$WORK/.spectral.yaml" -f json "$b" >"$WORK/$b.sp.json" 2>"$WORK/$b.sp.err") || true
done
python3 - "$WORK" <<'PY'
import json, os, sys, collections
work = sys.argv[1]
spmap = {"operation-operationId-unique": "api-operation-id-unique", "path-params": "api-path-params",
         "oas3-api-servers": "api-servers", "oas2-api-host": "api-servers",
         "oas3-unused-component": "api-unused-component", "oas2-unused-definition": "api-unused-component",
         "invalid-ref": "api-ref", "oas3-valid-media-example": "api-example-valid",
         "oas2-valid-media-example": "api-example-valid"}
rules = sorted(set(spmap.values()))
ag = collections.defaultdict(list); sp = collections.defaultdict(list)
specs = 0
for f in sorted(os.listdir(work)):
    if f.endswith(".ag.json"):
        specs += 1
        name = f[:-8]
        try:
            d = json.load(open(os.path.join(work, f)))
        except ValueError:
            print(f"{name}: archgate wrote no report: {open(os.path.join(work, name + '.ag.err')).read().strip()}")
            continue
        for x in d.get("findings", []):
            if x["rule"] in rules:
                ag[(name, x["rule"])].append(x["line"])
        try:
            s = json.load(open(os.path.join(work, name + ".sp.json")))
        except ValueError:
            s = []
        for x in s:
            r = spmap.get(x.get("code"))
            if r:
                sp[(name, r)].append(x["range"]["start"]["line"] + 1)
tot = collections.Counter()
print(f"{specs} specs")
print(f"{'rule':26} {'archgate':>8} {'spectral':>8} {'same line':>9} {'same count':>10}")
for r in rules:
    a = sum(len(v) for k, v in ag.items() if k[1] == r)
    s = sum(len(v) for k, v in sp.items() if k[1] == r)
    same = 0
    cnt_ok = 0; cnt_all = 0
    for key in set(k for k in list(ag) + list(sp) if k[1] == r):
        al, sl = collections.Counter(ag.get(key, [])), collections.Counter(sp.get(key, []))
        same += sum((al & sl).values())
        cnt_all += 1
        cnt_ok += len(ag.get(key, [])) == len(sp.get(key, []))
    print(f"{r:26} {a:8} {s:8} {same:9} {cnt_ok:>4}/{cnt_all:<5}")
    tot.update(a=a, s=s, same=same, ok=cnt_ok, all=cnt_all)
print(f"{'total':26} {tot['a']:8} {tot['s']:8} {tot['same']:9} {tot['ok']:>4}/{tot['all']:<5}")
for key in sorted(set(ag) | set(sp)):
    al, sl = sorted(ag.get(key, [])), sorted(sp.get(key, []))
    if al != sl:
        print(f"  differs: {key[0]} {key[1]}: archgate lines {al}, spectral lines {sl}")
PY
