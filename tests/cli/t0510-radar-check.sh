#!/bin/bash
# t0510-radar-check: the radar gates inside `archgate check` and `status`:
# Hold in use fails at the manifest line, Trial in use needs an Accepted ADR,
# in use but not on the radar and too many languages are red flags that
# reopen Phase 1; waivers by file; silent without radar.yaml; the worked
# example passes.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

ECO=$FIXTURES/radar-ecosystems

# only the radar's findings, one per line: file:line rule message
radar_findings() {
	python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"].startswith("radar-"):
        print("%s:%s:%s [%s] %s" % (f["file"], f["line"], f["col"], f["rule"], f["message"]))
'
}

run "$ARCHGATE" --dir "$ECO/arch" check --format json --phase 3
expect_rc 1 "check fails on the fixture repository"
radar_findings <"$OUT" >"$T/findings"
expect_golden radar-check-findings.txt "$T/findings" "the radar findings, with their places"
expect_line "$T/findings" \
	"services/web/package.json:16:1 [radar-hold-in-use] MongoDB is in the radar's Hold ring (arch/radar.yaml:27) but is used here: mongoose" \
	"Hold in use fails at the manifest line"
expect_line "$T/findings" \
	"services/ledger/src/main.rs:1:1 [radar-trial-needs-adr] Rust is in the radar's Trial ring and in use (1 source file, first services/ledger/src/main.rs), but no Accepted ADR names it" \
	"Trial in use without an ADR"
expect_not_contains "$T/findings" "Go is in the radar's Trial ring" "Go has its Accepted ADR"
expect_line "$T/findings" \
	"services/ml/requirements.txt:2:1 [radar-unlisted] FastAPI is in use (fastapi in services/ml/requirements.txt) but not on the radar: the decision to use it is only in someone's head" \
	"in use but not on the radar"
expect_match "$T/findings" '^services/pricing/main\.go:1:1 \[radar-languages\] 8 languages are in use \(Go, Java, Kotlin, PHP, Python, Ruby, Rust, JavaScript/TypeScript\) but the radar allows 2' \
	"more languages than the Adopt ring"

run "$ARCHGATE" --dir "$ECO/arch" check --phase 3
expect_contains "$OUT" "[radar-unlisted, red flag]" "the text report marks the red flag"

run "$ARCHGATE" --dir "$ECO/arch" status --format json
check "the red flags reopen Phase 1" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rules = {f["rule"] for f in d["red_flags"]}
assert {"radar-unlisted", "radar-languages"} <= rules, rules
assert d["phases"][0]["state"] == "open", d["phases"][0]
' "$OUT"

run "$ARCHGATE" explain radar-unlisted
expect_rc 0 "explain radar-unlisted"
expect_contains "$OUT" "it's in my" "the rationale quotes the seed"

# A waiver by file lets a legacy service keep its Hold technology.
copy_fixture radar-ecosystems
cat >"$T/radar-ecosystems/arch/archgate.yaml" <<'YAML'
waivers:
  - rule: radar-hold-in-use
    file: services/legacy-shop/composer.json
    reason: the legacy shop is strangled route by route; MongoDB goes with it
    expires: 2027-06-30
YAML
run "$ARCHGATE" --dir "$T/radar-ecosystems/arch" check --format json --phase 3
check "the waived file's findings are waived, the others are not" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
hold = [f for f in d["findings"] if f["rule"] == "radar-hold-in-use"]
waived = [f for f in hold if f["file"] == "services/legacy-shop/composer.json"]
# lockfile lines do not count (ADR 0030): 6, not 8
assert len(waived) == 2 and len(hold) == 6, (len(waived), len(hold))
assert d["summary"]["errors"] > 0
' "$OUT"

# Without radar.yaml the radar rules are silent.
rm "$T/radar-ecosystems/arch/radar.yaml"
run "$ARCHGATE" --dir "$T/radar-ecosystems/arch" check --format json --phase 3
radar_findings <"$OUT" >"$T/none"
expect_empty "$T/none" "no radar.yaml, no radar findings"

# The worked example passes every gate, its model's tech all on its radar.
run "$ARCHGATE" init --example "$T/ex"
expect_rc 0 "init --example"
run_in "$T/ex" "$ARCHGATE" check
expect_rc 0 "the worked example passes check, radar rules included"
run_in "$T/ex" "$ARCHGATE" radar scan --format json
check "the example's technologies are all on its radar" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["technologies"]
assert len(t) >= 8 and all(x["ring"] for x in t), [x["name"] for x in t if not x["ring"]]
' "$OUT"

# A Hold technology in the example's model is found at its system.yaml line.
sed -i 's/tech: \[redis\]/tech: [mongodb]/' "$T/ex/arch/system.yaml"
run_in "$T/ex" "$ARCHGATE" check --format json
radar_findings <"$OUT" >"$T/ex-findings"
expect_match "$T/ex-findings" '^arch/system\.yaml:[0-9]+:[0-9]+ \[radar-hold-in-use\] MongoDB is in the radar.s Hold ring \(arch/radar\.yaml:[0-9]+\) but is used here: cache: tech mongodb$' \
	"model tech on Hold fails at system.yaml"
finish
