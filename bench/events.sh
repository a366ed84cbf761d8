#!/usr/bin/env bash
# events.sh - archgate events stats vs jq vs DuckDB, side by side, on the
# same generated NDJSON file, asking the same question: per service, the
# count, the errors, the mean and the p50/p95/p99 of duration_ms.
#
# Usage: bench/events.sh [SIZE_MB] [--keep]
#        bench/events.sh --shapes DIR [SIZE_MB]
#   SIZE_MB   size of the generated file (default 1000, i.e. 1 GB)
#   --keep    keep bench/out/events-SIZE.ndjson for the next run
#   --shapes  the same comparison on several shapes of log, not one: the
#             six files bench/gen-shapes.py writes into DIR (200 MB
#             each, generated when DIR does not hold them yet)
#             (status-http, nested, escaped, wide, shuffled-keys,
#             otlp-traces-pretty; DIR is that folder) plus the standard
#             generated file, each with the question written for its
#             fields, printing per shape archgate's wall and CPU rate on
#             one thread, DuckDB's (one thread) and jq's, and the load
#
# It builds archgate in Release (build-rel/), installs jq from Debian and
# DuckDB from npm (@duckdb/node-api, into bench/out/duckdb/) when missing,
# runs every tool on the file once to warm the page cache, then three times
# per configuration and prints the best wall time, CPU time (user+sys),
# throughput (GB/s, wall and CPU), peak RSS and the ratios. jq runs on a
# 100 MB slice and its rate is scaled: it is too slow for the whole file.
# Nothing here is hard-coded: every number printed is measured now.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHAPES=""
if [ "${1:-}" = "--shapes" ]; then
	mkdir -p "$2"
	SHAPES=$(cd "$2" && pwd)
	shift 2
fi
SIZE=${1:-1000}
KEEP=0
[ "${2:-}" = "--keep" ] && KEEP=1
OUT=$ROOT/bench/out
mkdir -p "$OUT"
FILE=$OUT/events-$SIZE.ndjson
NPROC=$(nproc)

log() { printf '%s\n' "$*" >&2; }

# ---- tools ------------------------------------------------------------------
command -v jq >/dev/null || { log "installing jq"; apt-get install -y -qq jq >/dev/null; }
if [ ! -d "$OUT/duckdb/node_modules/@duckdb/node-api" ]; then
	log "installing @duckdb/node-api from npm"
	mkdir -p "$OUT/duckdb"
	(cd "$OUT/duckdb" && npm init -y >/dev/null && npm install --silent @duckdb/node-api >/dev/null)
fi
cmake -S "$ROOT" -B "$ROOT/build-rel" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAG_WERROR=OFF >/dev/null
ninja -C "$ROOT/build-rel" archgate >/dev/null
AG=$ROOT/build-rel/archgate

cat >"$OUT/duckdb/q.mjs" <<'EOF'
import { DuckDBInstance } from '@duckdb/node-api';
const [file, threads] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await inst.connect();
const r = await con.runAndReadAll(`
  SELECT service, count(*) AS count,
         count(*) FILTER (WHERE lower(level) IN ('error', 'fatal', 'critical')) AS errors,
         avg(duration_ms) AS mean_ms,
         quantile_disc(duration_ms, 0.5) AS p50_ms, quantile_disc(duration_ms, 0.95) AS p95_ms,
         quantile_disc(duration_ms, 0.99) AS p99_ms
  FROM read_json('${file}', format = 'newline_delimited',
                 columns = {service: 'VARCHAR', level: 'VARCHAR', duration_ms: 'DOUBLE'})
  GROUP BY service ORDER BY count DESC`);
console.log(JSON.stringify(r.getRowObjectsJson()));
EOF

# ---- data -------------------------------------------------------------------
if [ ! -s "$FILE" ]; then
	log "generating $SIZE MB of events into $FILE"
	python3 "$ROOT/bench/gen-events.py" "$SIZE" "$FILE"
fi
BYTES=$(stat -c %s "$FILE")
SLICE=$OUT/events-slice.ndjson
head -c 100000000 "$FILE" | sed '$d' >"$SLICE"
SLICE_BYTES=$(stat -c %s "$SLICE")

JQ_PROG='[inputs | select(type == "object")] as $e | $e | group_by(.service)
  | map({service: .[0].service, count: length,
         errors: (map(select(.level == "error")) | length),
         mean_ms: ((map(.duration_ms) | add) / length)})'

# measure NAME BYTES CMD...: best of 3; sets W (wall s), C (cpu s), R (KB)
measure() {
	local name=$1 bytes=$2
	shift 2
	"$@" >/dev/null 2>&1 || true # warm the page cache
	W=999999 C=0 R=0
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "$@" >"$OUT/last.out" 2>/dev/null
		read -r w u s m <"$OUT/time.txt"
		if awk -v a="$w" -v b="$W" 'BEGIN { exit !(a < b) }'; then
			W=$w
			C=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
			R=$m
		fi
	done
	local gw gc
	gw=$(awk -v b="$bytes" -v w="$W" 'BEGIN { printf "%.3f", b / w / 1e9 }')
	gc=$(awk -v b="$bytes" -v c="$C" 'BEGIN { printf "%.3f", (c > 0 ? b / c / 1e9 : 0) }')
	printf '%-34s %8.2f s %8.2f s %9s %9s %8d MB\n' "$name" "$W" "$C" "$gw" "$gc" $((R / 1024))
	printf '%s\t%s\t%s\t%s\n' "$name" "$gw" "$gc" $((R / 1024)) >>"$OUT/results.txt"
}


if [ -n "$SHAPES" ]; then
	# shape file | archgate arguments | DuckDB columns and expressions | jq filter
	cat >"$OUT/duckdb/shape.mjs" <<'EOF2'
import { DuckDBInstance } from '@duckdb/node-api';
const [file, cols, svc, dur, err] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await inst.connect();
const r = await con.runAndReadAll(`
  SELECT ${svc} AS service, count(*) AS count, count(*) FILTER (WHERE ${err}) AS errors,
         avg(${dur}) AS mean_ms, quantile_disc(${dur}, 0.99) AS p99_ms
  FROM read_json('${file}', format = 'newline_delimited', columns = ${cols})
  GROUP BY 1 ORDER BY 2 DESC`);
console.log(JSON.stringify(r.getRowObjectsJson()));
EOF2
	[ -s "$SHAPES/otlp-traces-pretty.json" ] || python3 "$ROOT/bench/gen-shapes.py" "$SHAPES" 200
	STD=$OUT/events-$SIZE.ndjson
	[ -s "$STD" ] || python3 "$ROOT/bench/gen-events.py" "$SIZE" "$STD"
	W='["err","error","fatal","panic","crit","critical","emerg","emergency","alert","severe"]'
	printf '\nload before: %s\n' "$(uptime)"
	printf '%-22s %-10s %9s %9s %9s %9s %9s\n' shape tool "wall s" "cpu s" "GB/s wall" "GB/s cpu" "RSS MB"
	while IFS='|' read -r name aargs cols svc dur err jqf; do
		f=$SHAPES/$name
		[ "$name" = standard ] && f=$STD
		[ -s "$f" ] || { printf '%-22s missing\n' "$name"; continue; }
		bytes=$(stat -c %s "$f")
		# shellcheck disable=SC2086
		measure "$name archgate" "$bytes" "$AG" events stats --format json --threads 1 --no-progress $aargs "$f"
		if [ -n "$cols" ]; then
			measure "$name duckdb" "$bytes" node "$OUT/duckdb/shape.mjs" "$f" "$cols" "$svc" "$dur" "$err"
		else
			printf '%-34s (DuckDB: no NDJSON query for this shape)\n' "$name duckdb"
		fi
		head -c 20000000 "$f" | sed '$d' >"$OUT/slice"
		if [ "$name" = otlp-traces-pretty.json ]; then
			measure "$name jq (whole)" "$bytes" jq -c '[.resourceSpans[].scopeSpans[].spans[]] | length' "$f"
		else
			measure "$name jq (20 MB)" "$(stat -c %s "$OUT/slice")" jq -c "$jqf" "$OUT/slice"
		fi
	done <<EOF3
standard||{service: 'VARCHAR', level: 'VARCHAR', duration_ms: 'DOUBLE'}|service|duration_ms|lower(level) IN ('error','fatal','critical')|select(.level == "error") | .service
status-http.ndjson||{service: 'VARCHAR', status: 'VARCHAR', duration_ms: 'DOUBLE'}|service|duration_ms|lower(status) IN ('error','failure','failed')|select(.status == "error") | .service
nested.ndjson||{service: 'STRUCT(name VARCHAR)', http: 'JSON', event: 'STRUCT(duration BIGINT)'}|service.name|event.duration / 1e6|CAST(json_extract(http, '\$.response.status_code') AS INTEGER) >= 500|select(.http.response.status_code >= 500) | .service.name
escaped.ndjson||{service: 'VARCHAR', level: 'VARCHAR', duration_ms: 'DOUBLE'}|service|duration_ms|lower(level) IN ('err','error','fatal','critical')|select(.level | ascii_downcase | IN($W[])) | .service
wide.ndjson||{service: 'VARCHAR', level: 'VARCHAR', status: 'INTEGER', duration_ms: 'DOUBLE'}|service|duration_ms|lower(level) IN ('error','fatal') OR status >= 500|select(.level == "error" or .status >= 500) | .service
shuffled-keys.ndjson||{service: 'VARCHAR', level: 'VARCHAR', duration_ms: 'DOUBLE'}|service|duration_ms|level = 'error'|select(.level == "error") | .service
otlp-traces-pretty.json|||||
EOF3
	printf 'load after: %s\n' "$(uptime)"
	exit 0
fi

: >"$OUT/results.txt"
printf '\nfile: %s (%.2f GB, %d lines), %d cores\n' "$FILE" "$(awk -v b="$BYTES" 'BEGIN{print b/1e9}')" \
	"$(wc -l <"$FILE")" "$NPROC"
printf '%-34s %10s %10s %9s %9s %11s\n' "tool" "wall" "cpu" "GB/s wall" "GB/s cpu" "peak RSS"
for t in 1 2; do
	[ "$t" -le "$NPROC" ] || continue
	measure "archgate events stats --threads $t" "$BYTES" "$AG" events stats --format json --threads "$t" "$FILE"
	cp "$OUT/last.out" "$OUT/archgate-$t.json"
	measure "duckdb ($t thread$([ "$t" = 1 ] || echo s))" "$BYTES" node "$OUT/duckdb/q.mjs" "$FILE" "$t"
	cp "$OUT/last.out" "$OUT/duckdb-$t.json"
done
measure "jq (100 MB slice, scaled)" "$SLICE_BYTES" jq -n -c "$JQ_PROG" "$SLICE"

# ---- ratios -----------------------------------------------------------------
rate() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c; exit }' "$OUT/results.txt"; }
ag1=$(rate "archgate events stats --threads 1" 2); ag1c=$(rate "archgate events stats --threads 1" 3)
ag2=$(rate "archgate events stats --threads 2" 2)
dk1=$(rate "duckdb (1 thread)" 2); dk1c=$(rate "duckdb (1 thread)" 3)
dk2=$(rate "duckdb (2 threads)" 2)
jqr=$(rate "jq (100 MB slice, scaled)" 2)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
printf '\nratios (wall-clock throughput):\n'
printf '  archgate 1 thread / jq            %sx   (target: at least 50x)\n' "$(ratio "$ag1" "$jqr")"
printf '  archgate 1 thread / duckdb 1      %sx   (target: above 1)\n' "$(ratio "$ag1" "$dk1")"
[ -n "$ag2" ] && printf '  archgate 2 threads / duckdb 2     %sx   (target: above 1)\n' "$(ratio "$ag2" "$dk2")"
[ -n "$ag2" ] && printf '  archgate 2 threads / 1 thread     %sx   (scaling)\n' "$(ratio "$ag2" "$ag1")"
printf '  archgate 1 thread, CPU time       %s GB/s per core (target: at least 1.5)\n' "$ag1c"
printf '  duckdb 1 thread, CPU time         %s GB/s per core\n' "$dk1c"

# ---- the answers agree --------------------------------------------------------
if jq -e --slurpfile d "$OUT/duckdb-1.json" '
	def close(a; b): ((a - b) | fabs) <= 0.01 * ([b | fabs, 1e-9] | max);
	[.services[] as $s | $d[0][] | select(.service == $s.service)
	 | (.count | tonumber) == $s.count and (.errors | tonumber) == $s.errors
	   and close($s.mean_ms; .mean_ms) and close($s.p99_ms; .p99_ms)] | all' \
	"$OUT/archgate-1.json" >/dev/null; then
	printf '\nanswers: archgate and DuckDB agree (counts exact, mean and p99 within 1%%)\n'
else
	printf '\nanswers: archgate and DuckDB DISAGREE; see %s\n' "$OUT"
fi
printf 'machine: %s; CPU time shows what a core did, wall time what this\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'machine gave (a shared virtual machine may give less than a full core).\n'
[ "$KEEP" = 1 ] || rm -f "$FILE"
rm -f "$SLICE"
