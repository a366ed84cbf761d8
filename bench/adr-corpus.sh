#!/usr/bin/env bash
# adr-corpus.sh - archgate's reading of decision records in public
# repositories, compared with a truth written beforehand (one TSV per
# repository: file, number, title, status as written, date, and optionally
# the links the record states itself as Type>target.md;...; "null" for no
# number), with lint findings by severity and the time of adr list, toc and
# lint next to Debian's adr-tools `adr list` and `adr generate toc` where
# the repository is an adr-tools one (.adr-dir or doc/adr) and log4brains'
# `adr list` where the repository has a .log4brains.yml (LOG4BRAINS names
# its binary); times are the best of three runs, in milliseconds.
# Mismatched fields and records found that the truth does not list go to
# stderr.
#
# Usage: bench/adr-corpus.sh CHECKOUTS_DIR TRUTH_DIR [ARCHGATE]
#   CHECKOUTS_DIR  one folder per repository (each a git work tree)
#   TRUTH_DIR      <repository>.tsv for each folder
#   ARCHGATE       the binary (default build/archgate)
#   LOG4BRAINS     log4brains' binary (default: none, column "-")
#   PEERS_EVERYWHERE=1  time the peers on every repository: where one would
#                  not find the records itself, on a scratch copy of the
#                  folder archgate found, with .adr-dir/.log4brains.yml (*)
# Not part of CI: the corpus lives outside the repository.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,21p' "$0"; exit 2; }
CO=$(cd "$1" && pwd)
TR=$(cd "$2" && pwd)
AG=$(cd "$(dirname "${3:-build/archgate}")" && pwd)/$(basename "${3:-build/archgate}")
export ARCHGATE_TODAY=2026-12-02 NO_COLOR=1
python3 - "$CO" "$TR" "$AG" <<'PY'
import json, os, shutil, subprocess, sys, tempfile, time

co, tr, ag = sys.argv[1:4]

def run(cwd, argv):
    t = time.perf_counter()
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300)
    return p, (time.perf_counter() - t) * 1000

def best(cwd, argv, n=3):
    ms = []
    for _ in range(n):
        p, t = run(cwd, argv)
        ms.append(t)
    return p, min(ms)

def norm(s):
    return (s or "").strip().strip("*_").strip()

rows, tot = [], {"truth": 0, "found": 0, "fields": 0, "bad": 0}
for name in sorted(os.listdir(co)):
    repo = os.path.join(co, name)
    tsv = os.path.join(tr, name + ".tsv")
    if not os.path.isdir(repo) or not os.path.exists(tsv):
        continue
    truth = {}
    for line in open(tsv, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        f += [""] * (6 - len(f))
        truth[f[0]] = {"number": None if f[1] == "null" else int(f[1]), "title": f[2],
                       "status": f[3], "date": f[4],
                       "links": sorted(x.lower() for x in f[5].split(";") if x)}
    p, t_list = best(repo, [ag, "adr", "list", "--format", "json"])
    got = {os.path.basename(r["file"]): r for r in (json.loads(p.stdout) if p.stdout.strip() else [])}
    found = sum(1 for k in truth if k in got)
    extra = [k for k in got if k not in truth]
    bad = []
    for k, want in truth.items():
        g = got.get(k)
        if not g:
            continue
        own = sorted(f"{l['type']}>{os.path.basename(l['target'])}".lower()
                     for l in g.get("links", []) if not l.get("implied"))
        for fld, gv in (("number", g["number"]), ("title", g["title"]),
                        ("status", g.get("status_text")), ("date", g.get("date")),
                        ("links", own)):
            wv = want[fld]
            ok = gv == wv if fld in ("number", "links") else norm(gv) == norm(wv)
            if not ok:
                bad.append(f"{k}:{fld}: want {wv!r} got {gv!r}")
    _, t_toc = best(repo, [ag, "adr", "toc"])
    lp, t_lint = best(repo, [ag, "adr", "lint", "--format", "json"])
    try:
        lint = json.loads(lp.stdout)["summary"]
    except Exception:
        lint = {"errors": "?", "warnings": "?", "notes": "?"}
    t_tools = t_ttoc = t_l4b = "-"
    l4b = os.environ.get("LOG4BRAINS")
    # PEERS_EVERYWHERE=1: where a peer would not find the records itself,
    # give it a scratch copy of the record folder with its own pointer to it
    # (.adr-dir, .log4brains.yml); those times are marked with a '*'
    every = os.environ.get("PEERS_EVERYWHERE") == "1"
    rec_dir = os.path.dirname(next(iter(got.values()))["file"]) if got else None
    scratch = None
    def scratch_copy():
        nonlocal_dir = tempfile.mkdtemp(prefix="adr-corpus-")
        shutil.copytree(os.path.join(repo, rec_dir), os.path.join(nonlocal_dir, "recs"),
                        ignore=shutil.ignore_patterns(".git"))
        with open(os.path.join(nonlocal_dir, ".adr-dir"), "w") as f:
            f.write("recs\n")
        with open(os.path.join(nonlocal_dir, ".log4brains.yml"), "w") as f:
            f.write("project:\n  name: scratch\n  tz: UTC\n  adrFolder: ./recs\n")
        subprocess.run(["git", "init", "-q"], cwd=nonlocal_dir)
        return nonlocal_dir
    has_l4b = os.path.exists(os.path.join(repo, ".log4brains.yml"))
    has_tools = os.path.exists(os.path.join(repo, ".adr-dir")) or os.path.isdir(os.path.join(repo, "doc/adr"))
    if every and rec_dir is not None and not (has_l4b and has_tools):
        scratch = scratch_copy()
    if l4b and (has_l4b or scratch):
        tp, t = best(repo if has_l4b else scratch, [l4b, "adr", "list", "--raw"])
        t_l4b = (f"{t:.1f}" if tp.returncode == 0 else "fail") + ("" if has_l4b else "*")
    if has_tools or scratch:
        cwd, mark = (repo, "") if has_tools else (scratch, "*")
        tp, t = best(cwd, ["adr", "list"])
        if tp.returncode == 0:
            t_tools = f"{t:.1f}{mark}"
        tp, t = best(cwd, ["adr", "generate", "toc"])
        if tp.returncode == 0:
            t_ttoc = f"{t:.1f}{mark}"
    if scratch:
        shutil.rmtree(scratch)
    rows.append((name, len(truth), found, len(extra), len(bad), lint["errors"], lint["warnings"],
                 lint["notes"], f"{t_list:.1f}", f"{t_toc:.1f}", f"{t_lint:.1f}", t_tools, t_ttoc, t_l4b))
    tot["truth"] += len(truth); tot["found"] += found; tot["fields"] += 5 * found; tot["bad"] += len(bad)
    for b in bad:
        print("  mismatch", name, b, file=sys.stderr)
    for e in extra:
        print("  extra", name, e, file=sys.stderr)

hdr = ("repository", "truth", "found", "extra", "field mism.", "lint err", "warn", "note",
       "list ms", "toc ms", "lint ms", "adr-tools list ms", "adr-tools toc ms",
       "log4brains list ms")
print("| " + " | ".join(hdr) + " |")
print("|" + "---|" * len(hdr))
for r in rows:
    print("| " + " | ".join(str(c) for c in r) + " |")
acc = 100.0 * (tot["fields"] - tot["bad"]) / tot["fields"] if tot["fields"] else 0
print(f"\nrecords found {tot['found']}/{tot['truth']}; field accuracy {acc:.2f}% "
      f"({tot['bad']} of {tot['fields']} fields differ)")
PY
