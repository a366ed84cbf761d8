#!/usr/bin/env bash
# bench/ignore.sh - `archgate radar scan` over 2,000 files under a 15 MB
# .gitignore of wildcards (issue 10: 42 s when every pattern was tried on
# every path).
#
#   bench/ignore.sh [ARCHGATE] [MB]
#
# Writes bench/out/ignore-tree: 2,000 files in 40 folders (package.json,
# go.mod and source files) and a root .gitignore of about MB megabytes
# (default 15; the reader's limit is 16 MiB) in the shapes real ones use:
# literal names, "*.ext", "prefix*", "dir/", "/anchored/path", "docs/*.tmp",
# "**/name", negations, a few classes ("[ab]*.log") and "?"-patterns. None
# of the generated patterns matches a generated file except the last few
# lines, so the scan must try them all. Prints the seconds of one scan and
# how many files it reported as ignored vs not.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AG=${1:-$ROOT/build/archgate}
case $AG in /*) ;; *) AG=$PWD/$AG ;; esac
MB=${2:-15}
OUT=$ROOT/bench/out/ignore-tree
rm -rf "$OUT"
mkdir -p "$OUT"
python3 - "$OUT" "$MB" <<'PY'
import os, random, sys
out, mb = sys.argv[1], float(sys.argv[2])
random.seed(10)
for d in range(40):
    p = os.path.join(out, "svc%02d" % d)
    os.makedirs(os.path.join(p, "src"), exist_ok=True)
    with open(os.path.join(p, "package.json"), "w") as f:
        f.write('{"name": "svc%d", "dependencies": {"express": "^4.18.0"}}\n' % d)
    with open(os.path.join(p, "go.mod"), "w") as f:
        f.write("module example.com/svc%d\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n" % d)
    for i in range(48):
        ext = ("js", "go", "py", "txt")[i % 4]
        with open(os.path.join(p, "src", "f%03d.%s" % (i, ext)), "w") as f:
            f.write("x\n")
lines, size, n = [], 0, 0
limit = int(mb * 1000 * 1000) - 200
while size < limit:
    k = n % 10
    w = "w%07d" % n
    s = ("%s.lock" % w, "*.%s" % w, "%s*" % w, "%s/" % w, "/%s/out" % w,
         "docs/*.%s" % w, "**/%s" % w, "!%s.keep" % w, "[ab]%s*.log" % w,
         "?%s.tmp" % w)[k]
    lines.append(s)
    size += len(s) + 1
    n += 1
lines += ["svc07/", "*.py", "!svc03/src/f001.py"]
with open(os.path.join(out, ".gitignore"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("patterns=%d bytes=%d" % (len(lines), os.path.getsize(os.path.join(out, ".gitignore"))))
PY
git -C "$OUT" init -q
mkdir -p "$OUT/arch"
cd "$OUT"
start=$(date +%s.%N)
"$AG" radar scan --format json >"$ROOT/bench/out/ignore-scan.json" 2>"$ROOT/bench/out/ignore-scan.err" || true
end=$(date +%s.%N)
python3 - "$ROOT/bench/out/ignore-scan.json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print("no JSON report:", e); sys.exit(0)
files = set()
def walk(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("file", "path") and isinstance(v, str):
                files.add(v)
            else:
                walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(d)
print("files with evidence=%d svc07=%d" % (len(files), sum(f.startswith("svc07/") for f in files)))
PY
head -n 3 "$ROOT/bench/out/ignore-scan.err"
echo "seconds=$(echo "$end - $start" | bc)"
