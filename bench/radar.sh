#!/usr/bin/env bash
# bench/radar.sh - how long does `archgate radar scan` take on a 100,000-file
# repository?
#
#   bench/radar.sh [--no-build] [--files N]
#
# Builds a Release binary (in build-bench/, unless $ARCHGATE points at one),
# generates bench/out/radar-tree with bench/gen-radar-tree.py (500 services
# in eight languages with their manifests and lockfiles, Dockerfiles,
# Terraform, workflows, Helm charts, about 100,000 files walked, plus
# node_modules, vendor, .gitignore'd build output and a .git folder that
# must be skipped), then measures with hyperfine (warm page cache):
#   - `archgate radar scan` (text) and `--format json`
#   - `archgate check` on the same tree (the scan plus every rule)
#   - peak RSS with /usr/bin/time -v
# The target is < 1 s for the scan. Exit 1 when a mean is at or over it.
#
# Environment: ARCHGATE=path (binary to measure; skips the build),
# BUILD_DIR (default build-bench), SEED (default 42), RUNS (min runs, 10).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
OUT=$ROOT/bench/out
REPO=$OUT/radar-tree
SEED=${SEED:-42}
RUNS=${RUNS:-10}
FILES=100000
TARGET_MS=1000
BUILD=1
while [[ $# -gt 0 ]]; do
	case $1 in
	--no-build) BUILD=0 ;;
	--files) FILES=$2; shift ;;
	-h | --help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "radar.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

say() { printf '\n== %s\n' "$*"; }

if [[ -n ${ARCHGATE:-} ]]; then
	BIN=$ARCHGATE
else
	BIN=$BUILD_DIR/archgate
	if [[ $BUILD == 1 ]]; then
		say "building Release in ${BUILD_DIR#"$ROOT"/}"
		if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
			gen=()
			command -v ninja >/dev/null && gen=(-G Ninja)
			# Release only: warnings are the development build's job
			cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
				-DAG_WERROR=OFF >/dev/null
		fi
		cmake --build "$BUILD_DIR" --target archgate >/dev/null
	fi
fi
[[ -x $BIN ]] || { echo "radar.sh: no binary at $BIN" >&2; exit 2; }
command -v hyperfine >/dev/null ||
	{ echo "radar.sh: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

say "generating ${REPO#"$ROOT"/} ($FILES files, seed $SEED)"
mkdir -p "$OUT"
python3 "$ROOT/bench/gen-radar-tree.py" --out "$REPO" --files "$FILES" --seed "$SEED" \
	>"$OUT/radar-tree.json"
stat() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
	"$OUT/radar-tree.json" "$1"; }
walked=$(stat files_walked)
skipped=$(stat skipped_files)

# The scan must succeed and find what the generator wrote.
"$BIN" --dir "$REPO/arch" radar scan >"$OUT/radar-scan.txt"
tail -n 1 "$OUT/radar-scan.txt"
grep -q "^MongoDB  \[Hold\]" "$OUT/radar-scan.txt" ||
	{ echo "radar.sh: the scan did not find the generated technologies" >&2; exit 2; }

say "timing (hyperfine, $RUNS+ runs, warm cache)"
sync # the generator's writes must not be flushed while we measure
hyperfine -N -i --warmup 5 --min-runs "$RUNS" --export-json "$OUT/radar.json" \
	"$BIN --dir $REPO/arch radar scan" \
	"$BIN --dir $REPO/arch radar scan --format json" \
	"$BIN --dir $REPO/arch check" >/dev/null

rss() {
	/usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
rss_scan=$(rss "$BIN" --dir "$REPO/arch" radar scan)

python3 - "$OUT/radar.json" "$walked" "$skipped" "$rss_scan" "$TARGET_MS" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
walked, skipped, rss, target = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
names = ["scan (text)", "scan (json)", "check"]
print()
print("archgate radar scan (%d files walked, %d skipped unread): %.0f ms (target < %d ms)"
      % (walked, skipped, res[0]["mean"] * 1000, target))
for n, r in zip(names, res):
    print("  %-12s mean %.0f ms ± %.0f ms (min %.0f ms), user %.0f ms, system %.0f ms"
          % (n, r["mean"] * 1000, r["stddev"] * 1000, r["min"] * 1000,
             r["user"] * 1000, r["system"] * 1000))
print("  peak RSS: %.1f MiB (%d kB)" % (rss / 1024, rss))
sys.exit(1 if res[0]["mean"] * 1000 >= target or res[1]["mean"] * 1000 >= target else 0)
PY
