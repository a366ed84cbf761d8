#!/usr/bin/env bash
# events-trace.sh - `events trace` and `events traces` on the shapes that
# were quadratic: a chain N spans deep and a fan-out N spans wide (default
# N = 100000), NDJSON generated here. Prints wall and CPU time per command
# and the load; the target is under 1 s each (issue 13).
#
# Usage: bench/events-trace.sh [N] [ARCHGATE]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
AG=${2:-build-rel/archgate}
OUT=bench/out/trace
mkdir -p "$OUT"
python3 - "$N" "$OUT" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(out + "/deep.ndjson", "w") as f:
    for i in range(n):
        p = ',"parent_span_id":"s%d"' % (i - 1) if i else ""
        f.write('{"trace_id":"deep","span_id":"s%d"%s,"service":"svc%d","name":"op","start":%d,"duration_ms":%.3f}\n'
                % (i, p, i % 7, 1769680800000000000 + i * 1000, (n - i) / 1000))
with open(out + "/wide.ndjson", "w") as f:
    f.write('{"trace_id":"wide","span_id":"root","service":"gw","name":"fan","start":1769680800000000000,"duration_ms":1000}\n')
    for i in range(1, n):
        f.write('{"trace_id":"wide","span_id":"k%d","parent_span_id":"root","service":"svc%d","name":"op","start":%d,"duration_ms":0.5}\n'
                % (i, i % 7, 1769680800000000000 + i * 5000))
PY
printf 'load: %s\n' "$(uptime)"
printf '%-28s %8s %8s\n' command "wall s" "cpu s"
for shape in deep wide; do
	for cmd in "trace $shape" "traces"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %U %S' -o "$OUT/t" "$AG" events $cmd --no-progress "$OUT/$shape.ndjson" >"$OUT/out.txt"
		read -r w u s <"$OUT/t"
		printf '%-28s %8s %8.2f   (%s lines of output)\n' "$shape: events ${cmd%% *}" "$w" \
			"$(echo "$u + $s" | bc)" "$(wc -l <"$OUT/out.txt")"
	done
done
printf 'load: %s\n' "$(uptime)"
