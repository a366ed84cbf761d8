#!/usr/bin/env bash
# bench/radar-corpus.sh - how right is `archgate radar scan` on real
# repositories? Per repository: truth size, found, precision, recall (all,
# core and direct), false in-use findings (what `check` would gate that is
# not in use), scan time; next to @cyclonedx/cdxgen and linguist-js (npm)
# when they are installed (issue 12, "Measure, side by side").
#
#   bench/radar-corpus.sh CHECKOUTS TRUTHS [--json]
#   bench/radar-corpus.sh --mirrors MIRRORS TRUTHS [--json]
#
# CHECKOUTS is a folder of repositories (one sub-folder each, kept outside
# this repository). With --mirrors, MIRRORS is a folder of bare git
# repositories laid out as OWNER+NAME/repo (or OWNER+NAME itself bare, or
# NAME.git): the HEAD of each is exported to a temporary checkout called
# NAME first, blobs missing from a partial mirror (large files) skipped.
# TRUTHS a folder of truth files, NAME.truth for the
# checkout CHECKOUTS/NAME (a checkout without one is skipped, said on
# stderr). A truth file is written by hand from the repository's manifests
# BEFORE looking at archgate's answer: one technology a line,
#
#   # technology | kind | core
#   PostgreSQL   | direct | core
#   Jest         | dev
#   WebAssembly  | transitive
#   Docker       | image  | core
#
# name: a catalog name or alias (`archgate radar catalog NAME` resolves it);
# kind: direct, dev, transitive, ci, image or infra, how the repository uses
# it (ADR-030; default direct); core: the word `core` for languages,
# datastores, caches, queues, search, observability and platforms. Blank
# lines and # comments are ignored.
#
# Measures (names compared after catalog resolution, case and punctuation
# folded):
#   found       technologies the scan reports, every kind
#   precision   found and in the truth / found
#   recall      found and in the truth / truth (all, core lines, direct lines)
#   false-use   technologies the scan counts as in use (direct, image or
#               infra evidence: what the radar gates of `check` count) that
#               the truth lists with another kind or not at all
#   ms          wall time of `archgate radar scan --format json`, best of 3
#   cdxgen      components in `cdxgen --no-install-deps -o F DIR` (nothing is
#               installed into the checkout) and its time, when on PATH
#   linguist    programming languages linguist-js (npm; `linguist-js` on
#               PATH, run offline through node: tests/package.json has it,
#               so `npm ci --prefix tests` and PATH=tests/node_modules/.bin:
#               $PATH) finds, and its time; the
#               ones archgate did not report are listed below the table
#
# Environment: ARCHGATE (binary, default build/archgate).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARCHGATE=${ARCHGATE:-$ROOT/build/archgate}
JSON=0
MIRRORS=0
ARGS=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--json) JSON=1 ;;
	--mirrors) MIRRORS=1 ;;
	-h | --help) sed -n '2,40p' "$0"; exit 0 ;;
	-*) echo "radar-corpus.sh: unknown option '$1'" >&2; exit 2 ;;
	*) ARGS+=("$1") ;;
	esac
	shift
done
if [[ ${#ARGS[@]} -ne 2 ]]; then
	echo "usage: bench/radar-corpus.sh [--mirrors] CHECKOUTS TRUTHS [--json]" >&2
	exit 2
fi
CHECKOUTS=${ARGS[0]}
TRUTHS=${ARGS[1]}
[[ -d $CHECKOUTS ]] || { echo "radar-corpus.sh: '$CHECKOUTS' is not a folder" >&2; exit 2; }
[[ -d $TRUTHS ]] || { echo "radar-corpus.sh: '$TRUTHS' is not a folder" >&2; exit 2; }
[[ -x $ARCHGATE ]] || { echo "radar-corpus.sh: no archgate at $ARCHGATE (build it, or set ARCHGATE)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --mirrors: export each mirror's HEAD into $WORK/checkouts/NAME
if [[ $MIRRORS == 1 ]]; then
	out=$WORK/checkouts
	mkdir -p "$out"
	for m in "$CHECKOUTS"/*; do
		[[ -d $m ]] || continue
		gd=$m
		[[ -d $m/repo ]] && gd=$m/repo
		git --git-dir="$gd" rev-parse --verify -q HEAD >/dev/null 2>&1 || continue
		name=$(basename "$m")
		name=${name#*+}
		name=${name%.git}
		[[ -f $TRUTHS/$name.truth ]] || continue # said below, not exported
		dst=$out/$name
		mkdir -p "$dst"
		if ! git --git-dir="$gd" archive HEAD 2>/dev/null | tar -x -C "$dst" 2>/dev/null; then
			# a partial mirror lacks some blobs: export file by file
			rm -rf "$dst" && mkdir -p "$dst"
			git --git-dir="$gd" ls-tree -r -z HEAD | while IFS= read -r -d '' entry; do
				meta=${entry%%$'\t'*} path=${entry#*$'\t'}
				read -r _ type obj <<<"$meta"
				[[ $type == blob ]] || continue
				mkdir -p "$dst/$(dirname "$path")"
				git --git-dir="$gd" cat-file blob "$obj" >"$dst/$path" 2>/dev/null || rm -f "$dst/$path"
			done
		fi
	done
	CHECKOUTS=$out
fi
CDXGEN=$(command -v cdxgen || true)
LINGUIST=$(command -v linguist-js || true)

now_ms() { date +%s%3N; }

rows=$WORK/rows.ndjson
: >"$rows"
for dir in "$CHECKOUTS"/*/; do
	name=$(basename "$dir")
	truth=$TRUTHS/$name.truth
	if [[ ! -f $truth ]]; then
		echo "radar-corpus.sh: no $name.truth, $name skipped" >&2
		continue
	fi
	# the truth's names through the catalog (aliases), one line each
	resolved=$WORK/$name.resolved
	: >"$resolved"
	while IFS= read -r line || [[ -n $line ]]; do
		# a comment starts a line or follows a blank ("C#" is a name)
		line=$(printf "%s" "$line" | sed "s/^[[:space:]]*#.*$//; s/[[:space:]]#.*$//")
		[[ -z ${line//[[:space:]]/} ]] && continue
		IFS='|' read -r tname tkind tcore <<<"$line"
		tname=$(echo "$tname" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
		tkind=$(echo "${tkind:-direct}" | tr -d '[:space:]')
		tcore=$(echo "${tcore:-}" | tr -d '[:space:]')
		canon=$("$ARCHGATE" radar catalog "$tname" --format json 2>/dev/null |
			python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])' 2>/dev/null ||
			echo "$tname")
		printf '%s\t%s\t%s\t%s\n' "$canon" "${tkind:-direct}" "$tcore" "$tname" >>"$resolved"
	done <"$truth"

	# archgate: best of three runs
	best=""
	for _ in 1 2 3; do
		t0=$(now_ms)
		"$ARCHGATE" radar scan "$dir" --format json >"$WORK/$name.scan.json" 2>"$WORK/$name.scan.err" ||
			{ echo "radar-corpus.sh: archgate failed on $name:" >&2; cat "$WORK/$name.scan.err" >&2; exit 1; }
		t1=$(now_ms)
		ms=$((t1 - t0))
		[[ -z $best || $ms -lt $best ]] && best=$ms
	done

	cdx_n=null cdx_ms=null
	if [[ -n $CDXGEN ]]; then
		t0=$(now_ms)
		# never let it install dependencies into the checkout
		if "$CDXGEN" --no-install-deps --spec-version 1.5 -o "$WORK/$name.cdx.json" "$dir" >/dev/null 2>&1; then
			t1=$(now_ms)
			cdx_ms=$((t1 - t0))
			cdx_n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])).get("components",[])))' "$WORK/$name.cdx.json" 2>/dev/null || echo null)
		fi
	fi
	ling_ms=null
	echo '[]' >"$WORK/$name.ling.json"
	if [[ -n $LINGUIST ]]; then
		# its CLI prints JSON only to a terminal: call the package from node,
		# offline (its packaged language data, no fetch)
		pkg=$(dirname "$(dirname "$(readlink -f "$LINGUIST")")")
		t0=$(now_ms)
		if node -e '
const l = require(process.argv[1]);
(l.default || l)(process.argv[2], {offline: true, categories: ["programming"]})
  .then(r => console.log(JSON.stringify(Object.keys(r.languages.results))));
' "$pkg" "$dir" >"$WORK/$name.ling.json" 2>/dev/null; then
			t1=$(now_ms)
			ling_ms=$((t1 - t0))
		else
			echo '[]' >"$WORK/$name.ling.json"
		fi
	fi

	python3 - "$name" "$resolved" "$WORK/$name.scan.json" "$best" "$cdx_n" "$cdx_ms" "$WORK/$name.ling.json" "$ling_ms" >>"$rows" <<'PY'
import json, re, sys
name, resolved, scan, ms, cdx_n, cdx_ms, ling, ling_ms = sys.argv[1:]
def norm(s):
    return re.sub(r"[^a-z0-9+#]", "", s.lower())
IN_USE = {"direct", "image", "infra"}
truth = {}
for line in open(resolved):
    canon, kind, core, written = line.rstrip("\n").split("\t")
    truth[norm(canon)] = {"kind": kind, "core": core == "core", "name": written}
doc = json.load(open(scan))
found = {norm(t["name"]): t for t in doc["technologies"]}
hit = [k for k in found if k in truth]
def ratio(a, b):
    return round(a / b, 4) if b else None
core = [k for k, v in truth.items() if v["core"]]
direct = [k for k, v in truth.items() if v["kind"] == "direct"]
false_use = sorted(t["name"] for k, t in found.items()
                   if t.get("in_use") and (k not in truth or truth[k]["kind"] not in IN_USE))
missed = sorted(v["name"] for k, v in truth.items() if k not in found)
noise = sorted(t["name"] for k, t in found.items() if k not in truth)
num = lambda s: None if s == "null" else int(s)
langs = json.load(open(ling))
# Linguist's languages that archgate did not report (Dockerfile, Makefile,
# Shell and their like are tools or files in archgate's catalog, not
# languages, so the list is for reading, not a score)
ling_missed = sorted(l for l in langs if norm(l) not in found)
print(json.dumps({
    "repo": name, "truth": len(truth), "found": len(found),
    "precision": ratio(len(hit), len(found)), "recall": ratio(len(hit), len(truth)),
    "recall_core": ratio(sum(k in found for k in core), len(core)),
    "recall_direct": ratio(sum(k in found for k in direct), len(direct)),
    "core_n": len(core), "core_hit": sum(k in found for k in core),
    "direct_n": len(direct), "direct_hit": sum(k in found for k in direct),
    "false_in_use": len(false_use), "false_in_use_names": false_use,
    "missed": missed, "noise": noise, "ms": int(ms),
    "cdxgen_components": num(cdx_n), "cdxgen_ms": num(cdx_ms),
    "linguist_languages": len(langs) if ling_ms != "null" else None,
    "linguist_ms": num(ling_ms), "linguist_not_in_scan": ling_missed}))
PY
done

python3 - "$rows" "$JSON" "${CDXGEN:-}" "${LINGUIST:-}" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
as_json, cdx, ling = sys.argv[2] == "1", sys.argv[3], sys.argv[4]
def pct(x):
    return "-" if x is None else "%.1f%%" % (100 * x)
tot = {k: sum(r[k] for r in rows) for k in ("truth", "found", "false_in_use", "ms")}
hits = sum(round((r["precision"] or 0) * r["found"]) for r in rows)
cn, ch = sum(r["core_n"] for r in rows), sum(r["core_hit"] for r in rows)
dn, dh = sum(r["direct_n"] for r in rows), sum(r["direct_hit"] for r in rows)
summary = {"repos": len(rows), "truth": tot["truth"], "found": tot["found"],
           "precision": round(hits / tot["found"], 4) if tot["found"] else None,
           "recall": round(hits / tot["truth"], 4) if tot["truth"] else None,
           "recall_core": round(ch / cn, 4) if cn else None,
           "recall_direct": round(dh / dn, 4) if dn else None,
           "false_in_use": tot["false_in_use"], "ms": tot["ms"]}
if as_json:
    print(json.dumps({"repos": rows, "summary": summary}, indent=1))
    sys.exit(0)
head = "%-28s %6s %6s %9s %8s %8s %8s %6s %7s %14s %14s" % (
    "repository", "truth", "found", "precision", "recall", "core", "direct", "false", "ms",
    "cdxgen", "linguist")
print(head)
print("-" * len(head))
for r in rows:
    c = "-" if r["cdxgen_components"] is None else "%d in %d ms" % (r["cdxgen_components"], r["cdxgen_ms"])
    g = "-" if r["linguist_languages"] is None else "%d in %d ms" % (r["linguist_languages"], r["linguist_ms"])
    print("%-28s %6d %6d %9s %8s %8s %8s %6d %7d %14s %14s" % (
        r["repo"][:28], r["truth"], r["found"], pct(r["precision"]), pct(r["recall"]),
        pct(r["recall_core"]), pct(r["recall_direct"]), r["false_in_use"], r["ms"], c, g))
print("-" * len(head))
print("%-28s %6d %6d %9s %8s %8s %8s %6d %7d" % (
    "all (%d)" % len(rows), summary["truth"], summary["found"], pct(summary["precision"]),
    pct(summary["recall"]), pct(summary["recall_core"]), pct(summary["recall_direct"]),
    summary["false_in_use"], summary["ms"]))
for r in rows:
    if r["missed"] or r["noise"] or r["false_in_use_names"] or r["linguist_not_in_scan"]:
        print("\n%s:" % r["repo"])
        if r["missed"]:
            print("  missed:       " + ", ".join(r["missed"]))
        if r["noise"]:
            print("  not in truth: " + ", ".join(r["noise"]))
        if r["false_in_use_names"]:
            print("  false in use: " + ", ".join(r["false_in_use_names"]))
    if r["linguist_not_in_scan"]:
        print("  linguist only: " + ", ".join(r["linguist_not_in_scan"]))
if not cdx:
    print("\n(cdxgen not installed: npm install -g @cyclonedx/cdxgen)")
if not ling:
    print("(linguist-js not installed: npm install -g linguist-js)")
PY
