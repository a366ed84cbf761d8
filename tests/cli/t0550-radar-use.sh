#!/bin/bash
# t0550-radar-use: how a technology is used (ADR 0030), from reality to a
# radar: `radar scan PATH` on a folder without arch/, the kind of every
# piece of evidence in text and JSON, quadrant and category for unlisted
# technologies, `--format cyclonedx` (a CycloneDX 1.5 bill of
# technologies), `--write` proposing radar.yaml entries without touching a
# person's, and check staying green on CI steps, lockfile-only crates and
# dev dependencies.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/.github/workflows" "$R/web" "$R/ledger/src" "$R/ml"
cat >"$R/.github/workflows/ci.yml" <<'EOF'
jobs:
  test:
    steps:
      - uses: shivammathur/setup-php@v2
EOF
cat >"$R/web/package.json" <<'EOF'
{
  "dependencies": {"express": "^4"},
  "devDependencies": {"jest": "^29", "@types/aws-lambda": "^8"}
}
EOF
echo 'x' >"$R/web/index.js"
printf '[dependencies]\ntokio = "1"\n' >"$R/ledger/Cargo.toml"
printf '[[package]]\nname = "wasm-bindgen"\n' >"$R/ledger/Cargo.lock"
echo 'fn main() {}' >"$R/ledger/src/main.rs"
printf 'fastapi==0.110\n    # via -r requirements.in\npymongo==4.6\n    # via gradio\n' \
	>"$R/ml/requirements.txt"

# Any folder, no arch/ anywhere above it ($T has none).
run_in "$R" "$ARCHGATE" radar scan
expect_rc 0 "scan a folder without arch/"
expect_line "$OUT" "PHP  [not on the radar]  (not in use: only ci)" "a CI setup step is shown, not in use"
expect_line "$OUT" "    .github/workflows/ci.yml:4: shivammathur/setup-php@v2 (ci)" "its evidence line says ci"
expect_line "$OUT" "    ledger/Cargo.lock:2: wasm-bindgen (transitive)" "a lockfile-only crate is transitive"
expect_line "$OUT" "    web/package.json:3: @types/aws-lambda (dev)" "@types/* is dev typing"
expect_line "$OUT" "    ml/requirements.txt:3: pymongo (transitive)" "a '# via gradio' pin is transitive"
expect_line "$OUT" "    ml/requirements.txt:1: fastapi" "a '# via -r' pin is direct"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan PATH --format json"
check "kinds, in_use, quadrant and category in the JSON" python3 - "$OUT" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in doc["technologies"]}
kinds = {"direct", "dev", "transitive", "ci", "image", "infra"}
for t in doc["technologies"]:
    assert "quadrant" in t and "category" in t, t["name"]   # unlisted too
    assert set(t["kinds"]) <= kinds and t["kinds"], t
    for e in t["evidence"]:
        assert e["kind"] in kinds, e
assert by["PHP"]["in_use"] is False and by["PHP"]["kinds"] == ["ci"]
assert by["WebAssembly"]["in_use"] is False and by["WebAssembly"]["kinds"] == ["transitive"]
assert by["Jest"]["in_use"] is False and by["Jest"]["quadrant"] == "tools"
assert by["Express"]["in_use"] is True and by["Express"]["category"]
assert by["MongoDB"]["in_use"] is False
assert by["Rust"]["in_use"] is True and by["Rust"]["evidence"][0]["from"] == "source"
PY

run "$ARCHGATE" radar scan "$R" --format cyclonedx
expect_rc 0 "scan --format cyclonedx"
check "a CycloneDX 1.5 document: required fields, component types from the spec" python3 - "$OUT" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["bomFormat"] == "CycloneDX" and doc["specVersion"] == "1.5", doc
assert doc["version"] == 1
types = {"application", "framework", "library", "container", "platform", "operating-system",
         "device", "device-driver", "firmware", "file", "machine-learning-model", "data"}
refs = set()
by = {}
for c in doc["components"]:
    assert c["type"] in types and c["name"], c
    assert c["scope"] in ("required", "optional", "excluded")
    assert c["bom-ref"] not in refs; refs.add(c["bom-ref"])
    for o in c["evidence"]["occurrences"]:
        assert set(o) == {"location"} and o["location"]
    for p in c["properties"]:
        assert set(p) == {"name", "value"} and isinstance(p["value"], str)
    by[c["name"]] = c
assert by["PHP"]["scope"] == "excluded" and by["Express"]["scope"] == "required"
assert {"name": "archgate:kind", "value": "ci"} in by["PHP"]["properties"]
PY
run "$ARCHGATE" radar scan "$R" --format cyclonedx
cp "$OUT" "$T/bom1"
run "$ARCHGATE" radar scan "$R" --format cyclonedx
check "the same tree gives the same bytes (no serial number, no timestamp)" cmp "$T/bom1" "$OUT"

run "$ARCHGATE" radar scan "$R" --format yaml
expect_rc 2 "an unknown --format is a usage error"

# --write without arch/: a new arch/radar.yaml with every technology found.
run_in "$R" "$ARCHGATE" radar scan --write
expect_rc 0 "scan --write without arch/"
expect_contains "$OUT" "entries proposed (ring assess)" "it says how many it proposed"
check "the new radar.yaml lists what was found, ring assess" python3 - "$R/arch/radar.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
for name in ("Express", "Rust", "PHP", "WebAssembly"):
    assert '- name: "%s"' % name in text, name
assert "ring: assess" in text and "ring: adopt" not in text
assert "#   ci .github/workflows/ci.yml:4 shivammathur/setup-php@v2" in text
PY
run_in "$R" "$ARCHGATE" radar list
expect_rc 0 "archgate loads the radar it wrote"

# A person's radar: entries, comments and other keys kept byte for byte;
# only what is missing is added, after the last entry.
cat >"$R/arch/radar.yaml" <<'EOF'
# our radar
title: Ours
entries:
  - {name: Express, quadrant: languages-and-frameworks, ring: adopt}  # chosen in 2024
  - name: PHP
    quadrant: languages-and-frameworks
    ring: hold

# settings
scan:
  exclude: [tmp/]
EOF
printf 'radar:\n  new_ring: trial\n' >"$R/arch/archgate.yaml"
cp "$R/arch/radar.yaml" "$T/before"
run_in "$R" "$ARCHGATE" radar scan --write
expect_rc 0 "scan --write into a person's radar"
check "the person's lines are all there, in order, unchanged" python3 - "$T/before" "$R/arch/radar.yaml" <<'PY'
import sys
old = open(sys.argv[1]).read().splitlines()
new = open(sys.argv[2]).read().splitlines()
it = iter(new)
assert all(any(line == n for n in it) for line in old), "a line of the person's file changed"
text = "\n".join(new)
assert text.count('name: "Express"') == 0 and text.count("name: PHP") == 1
assert '- name: "Rust"' in text and "ring: trial" in text   # radar.new_ring
assert text.index('- name: "Rust"') < text.index("# settings")
PY
cp "$R/arch/radar.yaml" "$T/after1"
run_in "$R" "$ARCHGATE" radar scan --write
expect_contains "$OUT" "0 entries proposed" "a second --write proposes nothing"
check "and leaves the file as it was" cmp "$T/after1" "$R/arch/radar.yaml"

printf 'entries: [{name: Go, quadrant: tools, ring: adopt}]\n' >"$R/arch/radar.yaml"
run_in "$R" "$ARCHGATE" radar scan --write
expect_rc 2 "a flow-style entries list is not rewritten"
expect_contains "$ERR" "entries: is not a block list" "and says why"

# radar init is scan --write; a language whose family is listed
# (JavaScript next to TypeScript) is covered, not proposed.
I=$T/init
mkdir -p "$I/arch" "$I/web"
echo 'x' >"$I/web/a.js"
echo 'x' >"$I/web/b.ts"
printf 'entries:\n  - {name: TypeScript, quadrant: languages-and-frameworks, ring: adopt}\n' \
	>"$I/arch/radar.yaml"
run_in "$I" "$ARCHGATE" radar init
expect_rc 0 "radar init"
expect_contains "$OUT" "0 entries proposed" "JavaScript is covered by the TypeScript entry"
rm -r "$I/arch"
run_in "$I" "$ARCHGATE" radar init
expect_contains "$I/arch/radar.yaml" '- name: "TypeScript"' "radar init creates arch/radar.yaml"

# check: the noise does not fail the gates; policy can make it count.
cat >"$R/arch/radar.yaml" <<'EOF'
entries:
  - {name: PHP, quadrant: languages-and-frameworks, ring: hold}
  - {name: WebAssembly, quadrant: platforms, ring: hold}
  - {name: MongoDB, quadrant: platforms, ring: hold}
EOF
rm "$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" check --phase 3 --format json
check "no Hold finding for a CI step, a lockfile-only crate or a '# via' pin" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert not [f for f in d["findings"] if f["rule"] == "radar-hold-in-use"], d
' "$OUT"
printf 'radar:\n  in_use: [direct, image, infra, ci, transitive]\n' >"$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" check --phase 3 --format json
check "radar.in_use makes them count, at their lines" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
hold = {(f["file"], f["line"]) for f in d["findings"] if f["rule"] == "radar-hold-in-use"}
assert (".github/workflows/ci.yml", 4) in hold and ("ledger/Cargo.lock", 2) in hold, hold
assert ("ml/requirements.txt", 3) in hold, hold
' "$OUT"
printf 'radar:\n  in_use: [direct, lockfile]\n' >"$R/arch/archgate.yaml"
run_in "$R" "$ARCHGATE" check --phase 3
expect_rc 2 "an unknown evidence kind in radar.in_use is an input error"
expect_match "$ERR" "archgate.yaml:2:[0-9]+: error: 'lockfile' is not an evidence kind" "at its line"

finish
