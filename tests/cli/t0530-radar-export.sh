#!/bin/bash
# t0530-radar-export: `archgate radar export` in the three formats, checked
# against each format's documented fields; `radar import` of BYOR CSV and
# Zalando JSON, round trips, and bad input reported at its line.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

ECO=$FIXTURES/radar-ecosystems
IMP=$FIXTURES/radar-import

run "$ARCHGATE" --dir "$ECO/arch" radar export --format byor
expect_rc 0 "export byor"
expect_golden radar-export-byor.csv "$OUT" "BYOR CSV"
check "BYOR: the documented columns, one row per live entry" python3 - "$OUT" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
cols = ["name", "ring", "quadrant", "isNew", "description", "status"]
assert list(rows[0].keys()) == cols, list(rows[0].keys())
assert len(rows) == 10 and "Memcached" not in [r["name"] for r in rows]   # retired
for r in rows:
    assert r["ring"] in ("Adopt", "Trial", "Assess", "Hold"), r
    assert r["quadrant"] in ("Languages & Frameworks", "Tools", "Platforms", "Techniques"), r
    assert r["isNew"] in ("TRUE", "FALSE"), r
    assert r["status"] in ("New", "Moved In", "Moved Out", "No Change"), r
    assert (r["isNew"] == "TRUE") == (r["status"] == "New"), r
by = {r["name"]: r for r in rows}
assert by["Go"]["isNew"] == "TRUE" and by["TypeScript"]["status"] == "Moved In"
assert by["MongoDB"]["status"] == "Moved Out" and by["MongoDB"]["ring"] == "Hold"
assert 'href="https://wiki.example.com/typescript"' in by["TypeScript"]["description"]
PY

run "$ARCHGATE" --dir "$ECO/arch" radar export --format zalando
expect_rc 0 "export zalando"
expect_golden radar-export-zalando.json "$OUT" "Zalando JSON"
check "Zalando: the config entries' fields" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["date"] == "2026.06" and d["title"] == "Shop Tech Radar"
assert [q["name"] for q in d["quadrants"]] == ["Tools", "Platforms", "Techniques", "Languages & Frameworks"]
assert [r["name"] for r in d["rings"]] == ["Adopt", "Trial", "Assess", "Hold"]
for e in d["entries"]:
    assert set(e) <= {"quadrant", "ring", "label", "active", "link", "moved"}, e
    assert e["quadrant"] in range(4) and e["ring"] in range(4) and e["moved"] in (-1, 0, 1, 2)
    assert e["active"] is True and isinstance(e["label"], str)
by = {e["label"]: e for e in d["entries"]}
assert by["TypeScript"] == {"quadrant": 3, "ring": 0, "label": "TypeScript", "active": True,
                            "link": "https://wiki.example.com/typescript", "moved": 1}
assert by["Go"]["moved"] == 2 and by["MongoDB"]["moved"] == -1 and by["MongoDB"]["quadrant"] == 1
PY

run "$ARCHGATE" --dir "$ECO/arch" radar export --format backstage
expect_rc 0 "export backstage"
expect_golden radar-export-backstage.json "$OUT" "Backstage JSON"
check "Backstage: a TechRadarLoaderResponse" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"quadrants", "rings", "entries"}
qids = [q["id"] for q in d["quadrants"]]
rids = [r["id"] for r in d["rings"]]
assert qids == ["tools", "platforms", "techniques", "languages-and-frameworks"]
assert all(set(r) >= {"id", "name", "color"} for r in d["rings"])
for e in d["entries"]:
    assert {"id", "key", "title", "quadrant", "timeline"} <= set(e), e
    assert e["id"] == e["key"] and e["quadrant"] in qids and e["timeline"]
    for s in e["timeline"]:
        assert s["ringId"] in rids and s["moved"] in (-1, 0, 1), s
        assert len(s["date"]) == 24 and s["date"].endswith("T00:00:00.000Z"), s
    dates = [s["date"] for s in e["timeline"]]
    assert dates == sorted(dates, reverse=True), dates                 # newest first
    for l in e.get("links", []):
        assert set(l) == {"url", "title"}, l
by = {e["title"]: e for e in d["entries"]}
ts = by["TypeScript"]["timeline"]
assert [s["ringId"] for s in ts] == ["adopt", "trial"] and ts[0]["moved"] == 1
assert by["MongoDB"]["timeline"][0]["moved"] == -1
PY

# Imports: BYOR's own example sheet and a Zalando config.json.
run "$ARCHGATE" radar import "$IMP/byor.csv"
expect_rc 0 "import a BYOR CSV"
sed 's|^# Imported from .* by|# Imported from byor.csv by|' "$OUT" >"$T/byor.yaml"
expect_golden radar-import-byor.yaml "$T/byor.yaml" "radar.yaml from BYOR"
mkdir -p "$T/imported/arch"
cp "$OUT" "$T/imported/arch/radar.yaml"
run "$ARCHGATE" --dir "$T/imported/arch" radar list
expect_rc 0 "the imported radar.yaml loads"
expect_line "$OUT" "    Canary builds                   moved up" "BYOR's status column is kept"
expect_line "$OUT" "    Composer                        new" "and its isNew flag"

run "$ARCHGATE" radar import --from zalando "$IMP/zalando.json"
expect_rc 0 "import a Zalando JSON"
sed 's|^# Imported from .* by|# Imported from zalando.json by|' "$OUT" >"$T/zalando.yaml"
expect_golden radar-import-zalando.yaml "$T/zalando.yaml" "radar.yaml from Zalando"
cp "$OUT" "$T/imported/arch/radar.yaml"
run "$ARCHGATE" --dir "$T/imported/arch" radar export --format zalando
check "Zalando -> archgate -> Zalando keeps every entry's place and mark" python3 - "$IMP/zalando.json" "$OUT" <<'PY'
import json, sys
a = {e["label"]: e for e in json.load(open(sys.argv[1]))["entries"]}
b = {e["label"]: e for e in json.load(open(sys.argv[2]))["entries"]}
assert set(a) == set(b)
for k in a:
    for f in ("quadrant", "ring", "moved"):
        assert a[k][f] == b[k][f], (k, f, a[k][f], b[k][f])
    assert a[k].get("link") == b[k].get("link"), k
PY

# A round trip through BYOR keeps the fixture's entries, rings and marks.
run "$ARCHGATE" --dir "$ECO/arch" radar export --format byor
cp "$OUT" "$T/eco.csv"
run "$ARCHGATE" radar import "$T/eco.csv"
cp "$OUT" "$T/imported/arch/radar.yaml"
run "$ARCHGATE" --dir "$T/imported/arch" radar list
cp "$OUT" "$T/after"
run "$ARCHGATE" --dir "$ECO/arch" radar list
expect_golden radar-list-ecosystems.txt "$OUT" "radar list"
sed 's/ (and 1 retired)//' "$OUT" >"$T/before"
check "BYOR round trip: the same list" cmp -s "$T/before" "$T/after"

# What a format cannot hold, and bad input, are errors with a place.
run "$ARCHGATE" --dir "$FIXTURES/radar-wide/arch" radar export --format byor
expect_rc 2 "BYOR cannot draw six quadrants"
expect_contains "$ERR" "arch/radar.yaml:2:1: error: Build Your Own Radar draws 4 quadrants and at most 4 rings; this radar has 6 quadrants and 5 rings" \
	"and says why, at the radar"
expect_empty "$OUT" "nothing half-written"
run "$ARCHGATE" --dir "$ECO/arch" radar export
expect_rc 2 "export needs --format"
run "$ARCHGATE" --dir "$ECO/arch" radar export --format yaml
expect_rc 2 "an unknown export format"
run "$ARCHGATE" radar import "$IMP/bad.csv"
expect_rc 2 "a bad CSV"
expect_line "$ERR" "$IMP/bad.csv:3:1: error: row has no ring; every row needs a name, a ring and a quadrant" \
	"a row without a ring, at its line"
expect_line "$ERR" "$IMP/bad.csv:4:1: error: 'go' is listed twice (first at line 2); a radar holds each technology once" \
	"a duplicate, at its line"
expect_empty "$OUT" "no radar.yaml from bad input"
run "$ARCHGATE" radar import "$IMP/bad.json"
expect_rc 2 "a bad Zalando JSON"
expect_line "$ERR" "$IMP/bad.json:2:27: error: entry 1: ring must be 0, 1, 2 or 3 (from the centre)" \
	"a ring out of range, at its line and column"
expect_line "$ERR" "$IMP/bad.json:3:3: error: entry 2 has no label" "a missing label"
run "$ARCHGATE" radar import "$T/missing.csv"
expect_rc 2 "a missing file"
run "$ARCHGATE" radar import --from backstage "$IMP/byor.csv"
expect_rc 2 "backstage is export-only"
finish
