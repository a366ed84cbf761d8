#!/usr/bin/env bash
# bench/check.sh - how long does `archgate check` take on a large repository?
#
#   bench/check.sh [--profile] [--no-build]
#
# Builds a Release binary (in build-bench/, unless $ARCHGATE points at one),
# generates bench/out/large with bench/gen-large.py (1,000 ADRs, 200
# containers, 400 radar entries), then measures with hyperfine:
#   - `archgate check` (text) and `archgate check --format json`, all cores
#   - the same pinned to one core (taskset -c 0)
#   - peak RSS with /usr/bin/time -v
# The target is < 100 ms. When the mean is over it (or with --profile), a
# perf (or callgrind) profile is printed: where the time goes, by function.
#
# The generated repository must pass the check with no findings; the script
# stops when it does not (ALLOW_FINDINGS=1 times it anyway).
#
# Environment: ARCHGATE=path (binary to measure; skips the build),
# BUILD_DIR (default build-bench), SEED (default 42), RUNS (min runs, 30),
# WARMUP (default 5), ALLOW_FINDINGS (0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
OUT=$ROOT/bench/out
REPO=$OUT/large
SEED=${SEED:-42}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
TARGET_MS=100
PROFILE=0
BUILD=1
for a in "$@"; do
	case $a in
	--profile) PROFILE=1 ;;
	--no-build) BUILD=0 ;;
	-h | --help) sed -n '2,23p' "$0"; exit 0 ;;
	*) echo "check.sh: unknown argument '$a'" >&2; exit 2 ;;
	esac
done

say() { printf '\n== %s\n' "$*"; }

# --- the binary ----------------------------------------------------------
if [[ -n ${ARCHGATE:-} ]]; then
	BIN=$ARCHGATE
else
	BIN=$BUILD_DIR/archgate
	if [[ $BUILD == 1 ]]; then
		say "building Release in ${BUILD_DIR#"$ROOT"/}"
		if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
			gen=()
			command -v ninja >/dev/null && gen=(-G Ninja)
			cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
		fi
		cmake --build "$BUILD_DIR" --target archgate >/dev/null
	fi
fi
[[ -x $BIN ]] || { echo "check.sh: no binary at $BIN" >&2; exit 2; }

# --- tools ---------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
	if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
		say "installing hyperfine"
		apt-get install -y hyperfine >/dev/null 2>&1 ||
			{ apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; } || true
	fi
	command -v hyperfine >/dev/null ||
		{ echo "check.sh: hyperfine is needed (apt-get install hyperfine / cargo install hyperfine)" >&2; exit 2; }
fi

# --- the repository ------------------------------------------------------
say "generating ${REPO#"$ROOT"/} (seed $SEED)"
python3 "$ROOT/bench/gen-large.py" --out "$REPO" --seed "$SEED"
ARCH=$REPO/arch
stat() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$REPO/stats.json" "$1"; }
nadr=$(find "$ARCH/decisions" -name '[0-9]*.md' | wc -l)
ncont=$(stat containers)
nradar=$(stat radar_entries)

# The repository must be clean: exit 0 and no findings. Exit 2 means bad
# input (the generator is behind a schema change); exit 1 or warnings mean
# a rule fires on it (the generator is behind the rulebook). Either way the
# timing would not be of a healthy repository, so stop, unless
# ALLOW_FINDINGS=1 asks to time it anyway.
set +e
"$BIN" check --dir "$ARCH" >"$OUT/check.txt" 2>&1
rc=$?
set -e
summary=$(tail -n 1 "$OUT/check.txt")
if [[ $rc == 2 ]] || { [[ $rc != 0 || $summary != "0 errors, 0 warnings, 0 notes"* ]] &&
	[[ ${ALLOW_FINDINGS:-0} != 1 ]]; }; then
	echo "check.sh: 'archgate check' exited $rc on the generated repository ($summary);" >&2
	echo "  bench/gen-large.py must write a clean repository (ALLOW_FINDINGS=1 times it anyway):" >&2
	grep -E ': (error|warning|note):' "$OUT/check.txt" | head -n 30 >&2 || head -n 30 "$OUT/check.txt" >&2
	exit 1
fi
echo "archgate check exits $rc: $summary"

# --- timings -------------------------------------------------------------
CMD_TEXT="$BIN check --dir $ARCH"
CMD_JSON="$BIN check --dir $ARCH --format json"
hf() { # hf NAME [taskset...] -- runs hyperfine, exports JSON to $OUT/NAME.json
	local name=$1
	shift
	"$@" hyperfine -N -i --warmup "$WARMUP" --min-runs "$RUNS" \
		--export-json "$OUT/$name.json" \
		-n "check (text)" "$CMD_TEXT" -n "check --format json" "$CMD_JSON"
}
mean_ms() { # mean_ms FILE INDEX -> mean stddev min cpu(user+system), in ms
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.1f %.1f %.1f %.1f" % (r["mean"]*1e3, r["stddev"]*1e3, r["min"]*1e3, (r["user"]+r["system"])*1e3))' "$1" "$2"
}

say "hyperfine, all cores ($(nproc) online)"
hf all
say "hyperfine, one core (taskset -c 0)"
if command -v taskset >/dev/null; then
	hf single taskset -c 0
else
	echo "taskset not found; skipping"
fi

rss_kb=""
if [[ -x /usr/bin/time ]]; then
	rss_kb=$(/usr/bin/time -v "$BIN" check --dir "$ARCH" 2>&1 >/dev/null |
		awk -F': ' '/Maximum resident set size/ {print $2}')
	rss_json_kb=$(/usr/bin/time -v "$BIN" check --dir "$ARCH" --format json 2>&1 >/dev/null |
		awk -F': ' '/Maximum resident set size/ {print $2}')
fi

# --- summary -------------------------------------------------------------
read -r m_text s_text min_text cpu_text < <(mean_ms "$OUT/all.json" 0)
read -r m_json s_json min_json cpu_json < <(mean_ms "$OUT/all.json" 1)
say "summary ($(basename "$BIN"), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "archgate check ($nadr ADRs, $ncont containers, $nradar radar entries): $m_text ms (target < $TARGET_MS ms)"
echo "  text:   mean $m_text ms ± $s_text ms (min $min_text ms, cpu $cpu_text ms), all cores"
echo "  json:   mean $m_json ms ± $s_json ms (min $min_json ms, cpu $cpu_json ms), all cores"
if [[ -f $OUT/single.json ]]; then
	read -r m1_text s1_text min1_text _ < <(mean_ms "$OUT/single.json" 0)
	read -r m1_json s1_json min1_json _ < <(mean_ms "$OUT/single.json" 1)
	echo "  text:   mean $m1_text ms ± $s1_text ms (min $min1_text ms), one core (taskset -c 0)"
	echo "  json:   mean $m1_json ms ± $s1_json ms (min $min1_json ms), one core (taskset -c 0)"
fi
echo "  (cpu = user + system time; it moves less than wall time when the machine is busy;"
echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') on $(nproc) cores)"
[[ -n $rss_kb ]] && echo "  peak RSS: text $((rss_kb / 1024)) MiB ($rss_kb kB), json $((rss_json_kb / 1024)) MiB ($rss_json_kb kB)"
echo "  raw results: ${OUT#"$ROOT"/}/all.json, ${OUT#"$ROOT"/}/single.json"

slow=$(python3 -c "print(1 if $m_text >= $TARGET_MS or $m_json >= $TARGET_MS else 0)")
if [[ $slow == 1 ]]; then
	echo "OVER TARGET: mean >= $TARGET_MS ms"
	PROFILE=1
fi

# --- profile -------------------------------------------------------------
if [[ $PROFILE == 1 ]]; then
	if command -v perf >/dev/null && perf record -q -o "$OUT/perf.data" -F 20000 --call-graph dwarf -- \
		"$BIN" check --dir "$ARCH" >/dev/null 2>"$OUT/perf.err"; [[ -s $OUT/perf.data ]]; then
		# (head closes the pipe early; `|| true` keeps pipefail from ending the script)
		say "perf: self time by function (text check)"
		perf report -i "$OUT/perf.data" --no-children --stdio --sort symbol -g none 2>/dev/null |
			grep -E '^ +[0-9.]+%' | head -n 20 || true
		say "perf: inclusive time by function (callers included)"
		perf report -i "$OUT/perf.data" --children --stdio --sort symbol -g none 2>/dev/null |
			grep -E '^ +[0-9.]+% +[0-9.]+%' | grep -v '\[k\]' | head -n 25 || true
	elif command -v valgrind >/dev/null; then
		say "callgrind: instructions by function (text check)"
		valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
			"$BIN" check --dir "$ARCH" >/dev/null 2>"$OUT/callgrind.err" || true
		callgrind_annotate --inclusive=yes "$OUT/callgrind.out" 2>/dev/null | head -n 40 || true
	else
		echo "neither perf nor valgrind is installed; no profile"
	fi
fi
[[ $slow == 1 ]] && exit 1
exit 0
