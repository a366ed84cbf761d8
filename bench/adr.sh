#!/usr/bin/env bash
# bench/adr.sh - how long do `adr list`, `adr toc` and `adr lint` take on
# 1,000 and 10,000 decision records, next to adr-tools' `adr generate toc`?
#
#   bench/adr.sh [--no-build] [--sizes "1000 10000"]
#
# Builds a Release binary (in build-bench/, unless $ARCHGATE points at one),
# generates bench/out/adrs-N with bench/gen-adrs.py (seed-format records with
# distinct titles, supersede and amend links; an .adr-dir so adr-tools reads
# the same folder), then times with hyperfine:
#   archgate adr list, adr list --format json, adr toc, adr lint
# and Debian's adr-tools `adr generate toc` on the same folder. adr-tools is
# slow (it runs several processes per record), so it is timed once with
# `time` under a 600 s timeout and reported as timed out when it does not
# finish. The last lines are a table (mean ms, ratio adr-tools / archgate)
# and the target line.
#
# Environment: ARCHGATE=path (binary to measure; skips the build), BUILD_DIR
# (default build-bench), SEED (42), RUNS (min hyperfine runs, 20), WARMUP (3),
# ADR_TOOLS_TIMEOUT (600 s).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
OUT=$ROOT/bench/out
SEED=${SEED:-42}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
TIMEOUT=${ADR_TOOLS_TIMEOUT:-600}
TARGET_MS=200
SIZES="1000 10000"
BUILD=1
while [ $# -gt 0 ]; do
	case $1 in
	--no-build) BUILD=0 ;;
	--sizes) SIZES=$2; shift ;;
	-h | --help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "bench/adr.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

need() {
	command -v "$1" >/dev/null 2>&1 && return
	echo "bench/adr.sh: '$1' is missing; installing $2 from Debian's packages" >&2
	apt-get install -y -qq "$2" >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }
}
need hyperfine hyperfine
need adr adr-tools
need python3 python3

if [ -z "${ARCHGATE:-}" ]; then
	ARCHGATE=$BUILD_DIR/archgate
	if [ "$BUILD" = 1 ]; then
		cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAG_WERROR=OFF >/dev/null
		cmake --build "$BUILD_DIR" --target archgate >/dev/null
	fi
fi
ARCHGATE=$(cd "$(dirname "$ARCHGATE")" && pwd)/$(basename "$ARCHGATE")
echo "binary: $ARCHGATE ($("$ARCHGATE" version 2>/dev/null | head -n 1))"
echo "machine: $(nproc) cores, $(uname -sr)"

mkdir -p "$OUT"
declare -A MEAN
export ARCHGATE_TODAY=2026-11-25

for n in $SIZES; do
	dir=$OUT/adrs-$n
	if [ ! -f "$dir/.done-$SEED" ]; then
		rm -rf "$dir"
		python3 "$ROOT/bench/gen-adrs.py" "$n" "$dir" --seed "$SEED"
		git -C "$dir" init -q
		# an (empty) arch/ marks the repository root for archgate: without it,
		# archgate would walk up to this project's own arch/ (bench/out is
		# inside the archgate repository); decisions are still found
		# through .adr-dir, where adr-tools finds them
		mkdir -p "$dir/arch"
		touch "$dir/.done-$SEED"
	fi
	count=$(ls "$dir/doc/adr" | wc -l)
	echo
	echo "== $n ADRs ($count files, $(du -sh "$dir/doc/adr" | cut -f1)) in $dir"
	# sanity: archgate reads them all and they are lint-clean
	got=$(cd "$dir" && "$ARCHGATE" adr list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	[ "$got" = "$count" ] || { echo "adr list saw $got of $count records" >&2; exit 1; }
	(cd "$dir" && "$ARCHGATE" adr lint >/dev/null) || echo "note: adr lint reports findings on the generated set"

	json=$OUT/adr-$n.json
	(cd "$dir" && hyperfine -N --warmup "$WARMUP" --min-runs "$RUNS" --export-json "$json" -i \
		-n "adr list" "$ARCHGATE adr list" \
		-n "adr list --format json" "$ARCHGATE adr list --format json" \
		-n "adr toc" "$ARCHGATE adr toc" \
		-n "adr lint" "$ARCHGATE adr lint" \
		-n "adr graph" "$ARCHGATE adr graph" >/dev/null)
	while IFS=$'\t' read -r name ms; do
		MEAN["$n|$name"]=$ms
	done < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%s\t%.1f" % (r["command"], r["mean"] * 1000))' "$json")

	# adr-tools, once, on the same folder
	start=$(date +%s.%N)
	if (cd "$dir" && timeout "$TIMEOUT" env -u VISUAL EDITOR=true adr generate toc >"$OUT/adr-tools-toc-$n.md" 2>/dev/null); then
		end=$(date +%s.%N)
		MEAN["$n|adr-tools generate toc"]=$(python3 -c "print('%.1f' % (($end - $start) * 1000))")
		lines=$(grep -c '^\* \[' "$OUT/adr-tools-toc-$n.md" || true)
		echo "adr-tools' adr generate toc listed $lines records"
	else
		MEAN["$n|adr-tools generate toc"]="timeout"
		echo "adr-tools' adr generate toc did not finish in $TIMEOUT s"
	fi
done

echo
printf '%-28s' "command"
for n in $SIZES; do printf '%16s' "$n ADRs (ms)"; done
printf '\n'
for name in "adr list" "adr list --format json" "adr toc" "adr lint" "adr graph" "adr-tools generate toc"; do
	printf '%-28s' "$name"
	for n in $SIZES; do printf '%16s' "${MEAN["$n|$name"]:-?}"; done
	printf '\n'
done
for n in $SIZES; do
	a=${MEAN["$n|adr-tools generate toc"]}
	b=${MEAN["$n|adr toc"]}
	if [ "$a" = timeout ]; then
		echo "ratio at $n ADRs: adr-tools' generate toc > ${TIMEOUT}000 ms, archgate adr toc $b ms (> $(python3 -c "print(int($TIMEOUT * 1000 / $b))")x)"
	else
		echo "ratio at $n ADRs: adr-tools' generate toc / archgate adr toc = $(python3 -c "print('%.0fx' % ($a / $b))")"
	fi
done
echo "target: every archgate command under $TARGET_MS ms at 10,000 ADRs"
worst=0
verdict=met
for name in "adr list" "adr list --format json" "adr toc" "adr lint" "adr graph"; do
	v=${MEAN["10000|$name"]:-}
	[ -n "$v" ] || { verdict="not measured (10000 not in --sizes)"; continue; }
	if python3 -c "import sys; sys.exit(0 if $v < $TARGET_MS else 1)"; then :; else verdict="MISSED by $name ($v ms)"; fi
done
echo "result: $verdict"
