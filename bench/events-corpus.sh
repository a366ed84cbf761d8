#!/usr/bin/env bash
# events-corpus.sh - archgate's answers on a corpus of real telemetry files
# written by others, compared with answers computed independently (the
# corpus's truth/<name>.json, from its own script with a JSON library).
#
# Usage: bench/events-corpus.sh CORPUS_DIR [ARCHGATE ...]
#   CORPUS_DIR  holds files.json, files/ and truth/ (see its README)
#   ARCHGATE    one or more binaries (default build-rel/archgate); with two,
#               e.g. main's and this branch's, the table has a column each
#
# Per file it runs `archgate events stats --format json` (with --duration
# FIELD:UNIT when the truth names the file's latency field) and, for files
# with spans, `archgate events traces --slowest 100000 --format json`, and
# compares: records (events + spans; exact), errors (exact), invalid lines
# (exact), services with their counts and errors (exact), each service's
# p99 (within the histogram's stated error, 1/128 relative), and the number
# of traces and each trace's duration (exact to 1 us). A cell says "ok" or
# what differed. Not part of CI: the corpus lives outside the repository.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
CORPUS=$(cd "$1" && pwd)
shift
cd "$(dirname "$0")/.."
BINS=("$@")
[ ${#BINS[@]} -gt 0 ] || BINS=(build-rel/archgate)
OUT=bench/out/corpus
mkdir -p "$OUT"
python3 - "$CORPUS" "$OUT" "${BINS[@]}" <<'EOF'
import json, os, subprocess, sys

corpus, out, bins = sys.argv[1], sys.argv[2], sys.argv[3:]
files = json.load(open(os.path.join(corpus, "files.json")))
REL = 1 / 128

def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True, timeout=120)
    try:
        return p.returncode, json.loads(p.stdout) if p.stdout.strip() else None, p.stderr
    except ValueError:
        return p.returncode, None, p.stderr

def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= REL * max(abs(b), 1e-9) + 1e-9

def compare_stats(t, j):
    if j is None:
        return ["no JSON"]
    bad = []
    want = t["events"] + t["spans"]
    if j.get("events") != want:
        bad.append("records %s!=%s" % (j.get("events"), want))
    if j.get("invalid") != t["invalid_lines"]:
        bad.append("invalid %s!=%s" % (j.get("invalid"), t["invalid_lines"]))
    ours = {("(none)" if s["service"] is None else str(s["service"])): s
            for s in j.get("services", [])}
    errs = sum(s.get("errors", 0) for s in ours.values())
    if errs != t["errors"]:
        bad.append("errors %s!=%s" % (errs, t["errors"]))
    if set(ours) != set(t["services"]):
        bad.append("services %d!=%d" % (len(ours), len(t["services"])))
    for name, ts in t["services"].items():
        s = ours.get(name)
        if not s:
            continue
        if s["count"] != ts["count"] or s["errors"] != ts["errors"]:
            bad.append("%s count/errors %s/%s!=%s/%s" % (name[:16], s["count"], s["errors"],
                                                      ts["count"], ts["errors"]))
        d = ts.get("duration_ms")
        if d and not close(s.get("p99_ms"), d["p99"]):
            bad.append("%s p99 %s!=%s" % (name[:16], s.get("p99_ms"), d["p99"]))
    return bad

def compare_traces(t, j):
    if j is None:
        return ["no JSON"]
    bad = []
    if j.get("traces") != t["traces"]:
        bad.append("traces %s!=%s" % (j.get("traces"), t["traces"]))
    ours = {s["trace_id"].lower(): s for s in j.get("slowest", [])}
    for d in t["traces_detail"]:
        s = ours.get(str(d["trace_id"]).lower())
        if not s:
            bad.append("trace %s missing" % d["trace_id"])
            continue
        if s["spans"] != d["spans"]:
            bad.append("%s spans %s!=%s" % (d["trace_id"][:8], s["spans"], d["spans"]))
        if d["duration_ms"] is not None and abs(s["duration_ms"] - d["duration_ms"]) > 1e-3:
            bad.append("%s duration %s!=%s" % (d["trace_id"][:8], s["duration_ms"], d["duration_ms"]))
    return bad

rows = []
totals = [[0, 0] for _ in bins]
for e in files:
    name = e["name"]
    t = json.load(open(os.path.join(corpus, "truth", name + ".json")))
    path = os.path.join(corpus, e["file"])
    args = ["events", "stats", "--format", "json", "--no-progress"]
    what = "records, errors, invalid, services, p99"
    df = t.get("duration_field")
    if df:
        args += ["--duration", "%s:%s" % (df["field"], df["unit"])]
    cells = []
    for k, b in enumerate(bins):
        rc, j, err = run(b, args + [path])
        bad = compare_stats(t, j) if rc in (0, 1) else ["exit %d: %s" % (rc, err.strip().splitlines()[-1][:60] if err.strip() else "")]
        cells.append("ok" if not bad else "; ".join(bad)[:70])
        totals[k][0] += not bad
        totals[k][1] += 1
    rows.append((name, "stats" + (" --duration " + df["field"] + ":" + df["unit"] if df else ""), what, cells))
    if t["spans"]:
        cells = []
        for k, b in enumerate(bins):
            rc, j, err = run(b, ["events", "traces", "--slowest", "100000", "--format", "json",
                                 "--no-progress", path])
            bad = compare_traces(t, j) if rc in (0, 1) else ["exit %d" % rc]
            cells.append("ok" if not bad else "; ".join(bad)[:70])
            totals[k][0] += not bad
            totals[k][1] += 1
        rows.append((name, "traces", "traces, spans and duration per trace", cells))

hdr = ["file", "command", "compared"] + [os.path.relpath(b) for b in bins]
print("| " + " | ".join(hdr) + " |")
print("|" + "---|" * len(hdr))
for name, cmd, what, cells in rows:
    print("| %s | %s | %s | %s |" % (name, cmd, what, " | ".join(c.replace("|", "/") for c in cells)))
print("| **total** | | | " + " | ".join("**%d of %d match**" % (a, n) for a, n in totals) + " |")
EOF
