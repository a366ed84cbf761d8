#!/usr/bin/env bash
# fuzz/run.sh - run the libFuzzer targets, or replay saved inputs once.
#
#   fuzz/run.sh [SECONDS]        fuzz every target for SECONDS each (default 60)
#   fuzz/run.sh --smoke [SECONDS] fuzz every target for SECONDS each (default
#                                3) from its saved inputs, $(nproc) at a time
#                                (AG_FUZZ_JOBS), writing nothing into the tree
#                                (for CI: a new crash fails the run; the crash
#                                input is kept in fuzz/corpus-live/crashes/<t>/)
#   fuzz/run.sh --regress        run every file in fuzz/regressions/<target>/,
#                                fuzz/corpus/<target>/ and fuzz/seeds/<target>/
#                                once (fast; for CI);
#                                reproducers of known open bugs in
#                                fuzz/regressions/<target>/open/ are reported,
#                                and fail the run only with --strict
# Options:
#   --target NAME                only this target (fuzz_yaml_tree, fuzz_model, fuzz_adr,
#                                fuzz_check, fuzz_events_*, fuzz_ignore, fuzz_radar_scan,
#                                fuzz_radar_import_*, fuzz_cli, fuzz_review, fuzz_baseline, fuzz_slo,
#                                fuzz_md_relink, fuzz_radar_read, fuzz_rfc, fuzz_adr_locate,
#                                fuzz_discover, fuzz_adr_template, fuzz_api_diff,
#                                fuzz_metrics, fuzz_api_ruleset, fuzz_site_md, fuzz_site_svg,
#                                fuzz_change)
#   --parallel                   fuzz all targets at the same time, not one by one
#   --build-dir DIR              where the fuzz build lives (default build-fuzz);
#                                configured and built when the targets are missing
#
# Fuzzing keeps its growing corpus in fuzz/corpus-live/<target>/ and crash
# inputs in fuzz/corpus-live/crashes/<target>/ (both gitignored), seeded from
# fuzz/corpus/<target>/ (the campaign's minimised corpus) and
# fuzz/seeds/<target>/ (hand-written seeds of targets that have no campaign
# corpus yet). A crash makes the script exit 1 and print what to
# save under fuzz/regressions/<target>/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ=$ROOT/fuzz
BUILD_DIR=$ROOT/build-fuzz
SECONDS_EACH=60
GIVEN_SECONDS=0
MODE=fuzz
PARALLEL=0
STRICT=0
TARGETS=(fuzz_yaml_tree fuzz_model fuzz_adr fuzz_check fuzz_events_scan fuzz_events_memo fuzz_events_value
	fuzz_events_otlp fuzz_events_query fuzz_events_doc fuzz_events_jaeger fuzz_events_zipkin
	fuzz_events_metrics fuzz_events_framing fuzz_events_sql fuzz_ignore fuzz_radar_scan
	fuzz_review fuzz_baseline)
TARGETS+=(fuzz_radar_import_byor fuzz_radar_import_zalando fuzz_cli)
TARGETS+=(fuzz_slo)
TARGETS+=(fuzz_md_relink)
TARGETS+=(fuzz_adr_template)
TARGETS+=(fuzz_radar_read)
TARGETS+=(fuzz_radar_propose)
TARGETS+=(fuzz_rfc fuzz_adr_locate)
TARGETS+=(fuzz_api)
TARGETS+=(fuzz_discover)
TARGETS+=(fuzz_api_diff fuzz_metrics fuzz_api_ruleset fuzz_site_md fuzz_site_svg)
TARGETS+=(fuzz_change)
TARGETS+=(fuzz_events_otlp_stream)

# Every fuzz_*.c that defines a fuzz entry point is a target here (the
# import harness is built twice, as _byor and _zalando): a target left out
# would never be fuzzed nor replayed in CI.
for src in "$FUZZ"/fuzz_*.c; do
	grep -q 'LLVMFuzzerTestOneInput *(' "$src" || continue
	t=$(basename "$src" .c)
	[[ $t == fuzz_radar_import ]] && continue
	[[ " ${TARGETS[*]} " == *" $t "* ]] ||
		{ echo "run.sh: $src is not in TARGETS (add it, and to fuzz/CMakeLists.txt)" >&2; exit 2; }
done
ONLY=""

while [[ $# -gt 0 ]]; do
	case $1 in
	--regress) MODE=regress ;;
	--smoke) MODE=smoke ;;
	--strict) STRICT=1 ;;
	--parallel) PARALLEL=1 ;;
	--target) ONLY=$2; shift ;;
	--build-dir) BUILD_DIR=$2; shift ;;
	-h | --help) sed -n '2,30p' "$0"; exit 0 ;;
	[0-9]*) SECONDS_EACH=$1; GIVEN_SECONDS=1 ;;
	*) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
if [[ -n $ONLY ]]; then
	[[ " ${TARGETS[*]} " == *" $ONLY "* ]] || { echo "run.sh: no target '$ONLY'" >&2; exit 2; }
	TARGETS=("$ONLY")
fi

# Per-target input length cap for mutation (seeds longer than this are cut).
max_len() {
	case $1 in
	fuzz_model) echo 32768 ;;
	fuzz_check) echo 65536 ;;
	*) echo 16384 ;;
	esac
}
dict() {
	case $1 in
	fuzz_adr) echo "$FUZZ/dict/adr.dict" ;;
	fuzz_check) echo "$FUZZ/dict/check.dict" ;;
	fuzz_api) echo "$FUZZ/dict/api.dict" ;;
	fuzz_change) echo "$FUZZ/dict/change.dict" ;;
	*) echo "$FUZZ/dict/yaml.dict" ;;
	esac
}

# Extra environment for fuzzing runs (none: the report writers now replace
# invalid UTF-8, so fuzz_check checks full UTF-8 validity again).
FUZZ_ENV=()

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# --- build ---------------------------------------------------------------
need_build=0
for t in "${TARGETS[@]}"; do
	[[ -x $BUILD_DIR/fuzz/$t ]] || need_build=1
done
if [[ $need_build == 1 || $MODE == fuzz ]]; then
	mkdir -p "$BUILD_DIR"
	if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
		command -v clang >/dev/null || { echo "run.sh: clang is needed" >&2; exit 2; }
		gen=()
		command -v ninja >/dev/null && gen=(-G Ninja)
		echo "== configuring ${BUILD_DIR#"$ROOT"/} (clang, AG_FUZZ, AG_SANITIZE)"
		cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_C_COMPILER=clang \
			-DAG_FUZZ=ON -DAG_SANITIZE=ON -DAG_WERROR=ON >"$BUILD_DIR/run-sh.log" 2>&1 ||
			{ cat "$BUILD_DIR/run-sh.log" >&2; exit 2; }
	fi
	cmake --build "$BUILD_DIR" --target "${TARGETS[@]}" >"$BUILD_DIR/run-sh.log" 2>&1 ||
		{ tail -n 40 "$BUILD_DIR/run-sh.log" >&2; exit 2; }
fi

# --- regression mode -----------------------------------------------------
# fuzz/regressions/<t>/ and fuzz/corpus/<t>/ must pass. fuzz/regressions/<t>/open/
# holds reproducers of known, still-open bugs: they are run one by one and
# reported, but fail the run only with --strict. One that passes has been
# fixed and should move up into fuzz/regressions/<t>/.
inputs() { # inputs DIR... -> NUL-separated regular files directly in each DIR
	for d in "$@"; do
		[[ -d $d ]] && find "$d" -maxdepth 1 -type f ! -name '.*' ! -name '*.txt' -print0
	done | sort -z
}
if [[ $MODE == regress ]]; then
	fail=0
	for t in "${TARGETS[@]}"; do
		files=()
		while IFS= read -r -d '' f; do files+=("$f"); done \
			< <(inputs "$FUZZ/regressions/$t" "$FUZZ/corpus/$t" "$FUZZ/seeds/$t")
		log=$(mktemp)
		if [[ ${#files[@]} == 0 ]]; then
			echo "$t: no inputs"
		elif "$BUILD_DIR/fuzz/$t" -rss_limit_mb=2048 -timeout=20 "${files[@]}" >"$log" 2>&1; then
			echo "$t: ${#files[@]} inputs OK"
		else
			echo "$t: FAILED (inputs: ${#files[@]})"
			grep -aE "Running:|ERROR|SUMMARY|contract broken|runtime error" "$log" | head -n 20
			fail=1
		fi
		while IFS= read -r -d '' f; do
			rel=${f#"$ROOT"/}
			if "$BUILD_DIR/fuzz/$t" -rss_limit_mb=2048 -timeout=20 "$f" >"$log" 2>&1; then
				echo "$t: $rel passes now: the bug is fixed; move it up to fuzz/regressions/$t/"
			else
				why=$(grep -aE "contract broken|runtime error|ERROR: AddressSanitizer|ERROR: LeakSanitizer|deadly signal|timeout" "$log" | head -n 1)
				echo "$t: $rel: KNOWN OPEN BUG, still reproduces: ${why:-see the log}"
				[[ $STRICT == 1 ]] && fail=1
			fi
		done < <(inputs "$FUZZ/regressions/$t/open")
		rm -f "$log"
	done
	exit $fail
fi

# --- smoke mode ----------------------------------------------------------
# A few seconds of fuzzing per target, from the saved inputs, new inputs
# into a temporary folder: what CI runs after the regressions, so that a
# crash a change makes easy to reach fails the build.
smoke_one() { # smoke_one TARGET TMPDIR -> TMPDIR/result, 0 or 1
	local t=$1 tmp=$2
	local args=(-max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" -rss_limit_mb=2048
		-timeout=10 -print_final_stats=1 -artifact_prefix="$tmp/")
	[[ -f $(dict "$t") ]] && args+=(-dict="$(dict "$t")")
	local dirs=("$tmp/new")
	mkdir -p "$tmp/new"
	for d in "$FUZZ/corpus/$t" "$FUZZ/seeds/$t" "$FUZZ/regressions/$t"; do
		[[ -d $d ]] && dirs+=("$d")
	done
	if env "${FUZZ_ENV[@]}" "$BUILD_DIR/fuzz/$t" "${args[@]}" "${dirs[@]}" >"$tmp/log" 2>&1; then
		local execs
		execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$tmp/log" | tail -n 1)
		echo "$t: ${SECONDS_EACH}s, ${execs:-?} runs, OK" >"$tmp/result"
		return 0
	fi
	{
		echo "$t: CRASH after fuzzing for at most ${SECONDS_EACH}s"
		grep -aE "ERROR: |SUMMARY: |contract broken|runtime error" "$tmp/log" | head -n 10
		mkdir -p "$FUZZ/corpus-live/crashes/$t"
		find "$tmp" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o \
			-name 'timeout-*' -o -name 'oom-*' \) -exec cp {} "$FUZZ/corpus-live/crashes/$t/" \;
		echo "  the input: fuzz/corpus-live/crashes/$t/ (save it under fuzz/regressions/$t/)"
	} >"$tmp/result"
	return 1
}
if [[ $MODE == smoke ]]; then
	[[ $GIVEN_SECONDS == 1 ]] || SECONDS_EACH=3
	jobs=${AG_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
	work=$(mktemp -d)
	declare -A spids
	running=0
	for t in "${TARGETS[@]}"; do
		if ((running >= jobs)); then
			wait -n || true
			running=$((running - 1))
		fi
		mkdir -p "$work/$t"
		smoke_one "$t" "$work/$t" &
		spids[$t]=$!
		running=$((running + 1))
	done
	fail=0
	for t in "${TARGETS[@]}"; do
		wait "${spids[$t]}" || fail=1
		cat "$work/$t/result" 2>/dev/null || { echo "$t: no result"; fail=1; }
	done
	rm -rf "$work"
	exit $fail
fi

# --- fuzzing -------------------------------------------------------------
fuzz_one() { # fuzz_one TARGET -> log in corpus-live/TARGET.log
	local t=$1 live=$FUZZ/corpus-live/$t crashes=$FUZZ/corpus-live/crashes/$t/
	mkdir -p "$live" "$crashes"
	local args=(-max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")"
		-rss_limit_mb=2048 -timeout=10 -print_final_stats=1
		-artifact_prefix="$crashes")
	[[ -f $(dict "$t") ]] && args+=(-dict="$(dict "$t")")
	# new inputs go to the first corpus dir (live); the seeds stay untouched
	local seeds=()
	for d in "$FUZZ/corpus/$t" "$FUZZ/seeds/$t"; do
		[[ -d $d ]] && seeds+=("$d")
	done
	env "${FUZZ_ENV[@]}" "$BUILD_DIR/fuzz/$t" "${args[@]}" "$live" "${seeds[@]}" \
		>"$FUZZ/corpus-live/$t.log" 2>&1
}

summary() { # summary TARGET RC
	local t=$1 rc=$2 log=$FUZZ/corpus-live/$1.log
	local execs rate units rss cov
	execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -n 1)
	rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -n 1)
	units=$(awk '/stat::new_units_added/ {print $2}' "$log" | tail -n 1)
	rss=$(awk '/stat::peak_rss_mb/ {print $2}' "$log" | tail -n 1)
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
	printf '%-16s %6ss  %10s execs  %7s exec/s  %5s new units  %s  peak RSS %s MB  %s\n' \
		"$t" "$SECONDS_EACH" "${execs:-?}" "${rate:-?}" "${units:-?}" "${cov:-}" "${rss:-?}" \
		"$([[ $rc == 0 ]] && echo OK || echo CRASH)"
	if [[ $rc != 0 ]]; then
		grep -E "ERROR: |SUMMARY: |contract broken|runtime error|Test unit written" "$log" | head -n 10
		echo "  full log: ${log#"$ROOT"/}"
		echo "  save the input: cp <the written file> fuzz/regressions/$t/"
	fi
}

echo "== fuzzing ${TARGETS[*]} for ${SECONDS_EACH}s each"
declare -A rcs
if [[ $PARALLEL == 1 ]]; then
	declare -A pids
	for t in "${TARGETS[@]}"; do
		fuzz_one "$t" &
		pids[$t]=$!
	done
	for t in "${TARGETS[@]}"; do
		rc=0
		wait "${pids[$t]}" || rc=$?
		rcs[$t]=$rc
	done
else
	for t in "${TARGETS[@]}"; do
		rc=0
		fuzz_one "$t" || rc=$?
		rcs[$t]=$rc
	done
fi
fail=0
for t in "${TARGETS[@]}"; do
	summary "$t" "${rcs[$t]}"
	[[ ${rcs[$t]} == 0 ]] || fail=1
done
exit $fail
