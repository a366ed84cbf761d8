#!/usr/bin/env bash
# site.sh - `archgate site` on generated repositories of 1,000 and 10,000
# decision records (tests/site/gen-records.sh: seed template, ~1.5 KB a
# record, one commit): wall time, CPU time (user + system) and peak RSS,
# best of three (GNU time); the rebuild after one record changed (over the
# previous site: unchanged files are hard-linked, ADR 0055; each of the
# three runs after its own edit) and `archgate serve`'s in-memory rebuild
# after one record changed (its "rebuilt" log line: wall, CPU, files
# changed); the load average before and after, since the machine may be
# shared and the wall clock counts other processes; `log4brains build` on the
# same records when LOG4BRAINS names its binary; `archgate serve` under
# Debian's wrk on loopback: requests per second, latency percentiles,
# non-2xx responses and the server's RSS before and after.
#
# Usage: bench/site.sh [ARCHGATE]
#   SIZES="1000 10000"    corpus sizes
#   LOG4BRAINS=PATH       log4brains' binary (npm install log4brains in a
#                         folder outside this repository); skipped when unset
#   LOG4BRAINS_MAX=1000   the largest corpus log4brains is run on (it takes
#                         minutes a thousand records)
#   WORK=DIR              where corpora and sites go (default: /dev/shm when
#                         it exists, so the disk is not measured; set
#                         WORK=/tmp to include it)
#   WRK_SECONDS=10 WRK_CONNECTIONS="16 64" WRK_THREADS=2 (wrk and the server
#                         share the machine's cores: wrk's own threads count)
# Not part of CI: it takes minutes and measures the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
AG=$(cd "$(dirname "${1:-$root/build/archgate}")" && pwd)/$(basename "${1:-$root/build/archgate}")
SIZES=${SIZES:-1000 10000}
WORK=${WORK:-$([ -d /dev/shm ] && echo /dev/shm || echo /tmp)}
W=$(mktemp -d "$WORK/agsite.XXXXXX")
trap 'rm -rf "$W"' EXIT
export ARCHGATE_TODAY=2026-12-03 NO_COLOR=1

# best3 [EDIT] CMD...: "wall_s rss_kb cpu_s" of the fastest of three runs;
# with EDIT (a record file) a line of it is changed before each run
best3() {
	local best= rss= cpu= edit=
	if [ "$1" = --edit ]; then edit=$2; shift 2; fi
	for k in 1 2 3; do
		[ -n "$edit" ] && sed -i "s/^## Context.*/## Context (changed $k)/" "$edit"
		/usr/bin/time -f "%e %M %U %S" -o "$W/time.txt" "$@" >/dev/null 2>&1
		local t m u s
		read -r t m u s < <(tail -1 "$W/time.txt")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
			best=$t rss=$m cpu=$(awk "BEGIN{print $u + $s}")
		fi
	done
	echo "$best $rss $cpu"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-34s %10s %10s %10s\n' records tool wall_s cpu_s peak_MB
for n in $SIZES; do
	r=$W/r$n
	mkdir -p "$r/docs/adr"
	bash "$root/tests/site/gen-records.sh" "$n" "$r/docs/adr"
	mkdir -p "$r/arch"
	printf 'decisions: ../docs/adr\n' >"$r/arch/archgate.yaml"
	printf 'project:\n  name: bench\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n' >"$r/.log4brains.yml"
	(cd "$r" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@example.org commit -qm corpus)
	# a clean build each time (the folder removed first)
	read -r t m c < <(cd "$r" && best3 bash -c "rm -rf '$W/site$n' && exec '$AG' site --out '$W/site$n' --no-graphviz")
	printf '%-8s %-34s %10s %10s %10.1f\n' "$n" "archgate site" "$t" "$c" "$(echo "$m/1024" | bc -l)"
	# one record changed, over the previous site (incremental)
	f=$(ls "$r/docs/adr" | sed -n 2p)
	read -r t m c < <(cd "$r" && best3 --edit "$r/docs/adr/$f" "$AG" site --out "$W/site$n" --no-graphviz)
	printf '%-8s %-34s %10s %10s %10.1f\n' "$n" "archgate site (one record changed)" "$t" "$c" "$(echo "$m/1024" | bc -l)"
	git -C "$r" checkout -q -- docs/adr
	if [ -n "${LOG4BRAINS:-}" ] && [ "$n" -le "${LOG4BRAINS_MAX:-1000}" ]; then
		(cd "$r" && /usr/bin/time -f "%e %M" -o "$W/time.txt" timeout 1800 "$LOG4BRAINS" build \
			--out "$W/l4b$n" >/dev/null 2>&1) || true
		line=$(tail -1 "$W/time.txt")
		t=${line% *} m=${line#* }
		if [ -s "$W/l4b$n/index.html" ]; then
			printf '%-8s %-34s %10s %10s %10.1f\n' "$n" "log4brains build" "$t" - "$(echo "$m/1024" | bc -l)"
		else
			printf '%-8s %-34s %10s %10s %10s\n' "$n" "log4brains build" failed - -
		fi
		rm -rf "$W/l4b$n"
	fi
done

# serve: in-memory rebuild after one change, then load
n=${SIZES%% *}
r=$W/r$n
(cd "$r" && exec "$AG" serve --port 0 --no-graphviz >"$W/serve.out" 2>"$W/serve.err") &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 400); do
	U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' "$W/serve.out")
	[ -n "$U" ] && break
	sleep 0.05
done
f=$(ls "$r/docs/adr" | sed -n 3p)
sed -i 's/^## Context$/## Context (edited)/' "$r/docs/adr/$f"
for _ in $(seq 1 400); do
	grep -q '"event":"rebuilt"' "$W/serve.err" && break
	sleep 0.05
done
echo
echo "serve ($n records): $(grep -o '"event":"built"[^}]*' "$W/serve.err" | head -1)"
echo "serve ($n records): $(grep -o '"event":"rebuilt"[^}]*' "$W/serve.err" | head -1) (one record changed, 100 ms settle time not included)"
if command -v wrk >/dev/null; then
	rss0=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
	for conns in ${WRK_CONNECTIONS:-16 64}; do
	for path in index.html decisions/index.html; do
		wrk -t "${WRK_THREADS:-2}" -c "$conns" -d "${WRK_SECONDS:-10}s" --latency \
			-H 'Accept-Encoding: gzip' "$U$path" >"$W/wrk.txt"
		rps=$(awk '/Requests\/sec/{print $2}' "$W/wrk.txt")
		p50=$(awk '$1=="50%"{print $2}' "$W/wrk.txt")
		p90=$(awk '$1=="90%"{print $2}' "$W/wrk.txt")
		p99=$(awk '$1=="99%"{print $2}' "$W/wrk.txt")
		bad=$(awk '/Non-2xx/{print $NF}' "$W/wrk.txt")
		errs=$(awk '/Socket errors/{print}' "$W/wrk.txt")
		echo "wrk /$path, $conns connections: ${rps} req/s, p50 $p50, p90 $p90, p99 $p99, non-2xx ${bad:-0}${errs:+, $errs}"
	done
	done
	rss1=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
	echo "serve RSS: ${rss0} KB before, ${rss1} KB after the load"
else
	echo "wrk is not installed (apt-get install wrk): no load test"
fi
kill $pid
wait $pid 2>/dev/null || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
