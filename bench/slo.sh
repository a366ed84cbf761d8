#!/usr/bin/env bash
# slo.sh - archgate's SLO commands at scale (issue 14):
#   1. `slo rules` for N generated OpenSLO SLOs (default 1000; target < 200 ms),
#      and `promtool check rules` on the output;
#   2. `slo status --events` over a generated event file (bench/gen-events.py,
#      default 1000 MB) next to `events stats` on the same file (target:
#      within 10%);
#   3. Prometheus's own rule-group evaluation time
#      (prometheus_rule_group_last_duration_seconds, summed over groups) for
#      100 SLOs of archgate's rules next to the same SLOs written the way
#      sloth writes its 30-day ratio (an average of 5-minute ratios over
#      30 days, sum_over_time / count_over_time), each loaded into a real
#      Debian prometheus on 127.0.0.1 over the same backfilled TSDB.
# sloth and pyrra themselves are not in Debian or npm, so they are not run:
# the sloth-style rules are written here from the shape of its output.
#
# Usage: bench/slo.sh [EVENTS_MB] [N_SLOS]
# Environment: ARCHGATE (default build-rel/archgate, built in Release when
# missing). Nothing is hard-coded: every number printed is measured now.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MB=${1:-1000}
N=${2:-1000}
OUT=$ROOT/bench/out/slo
mkdir -p "$OUT"
if [ -z "${ARCHGATE:-}" ]; then
	if [ ! -x build-rel/archgate ]; then
		cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
		ninja -C build-rel -j2 archgate >/dev/null
	fi
	ARCHGATE=$ROOT/build-rel/archgate
fi
best() { # best wall seconds of 3 runs of "$@"
	local b=999999 s e t
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		b=$(echo "if ($t < $b) $t else $b" | bc -l)
	done
	printf '%.3f' "$b"
}

cpu() { # best user+sys seconds of 3 runs of "$@" (wall time on a loaded machine waits)
	local b=999999 t
	for _ in 1 2 3; do
		/usr/bin/time -f '%U %S' -o "$OUT/time.txt" "$@" >/dev/null 2>&1
		t=$(awk '{ print $1 + $2 }' "$OUT/time.txt")
		b=$(echo "if ($t < $b) $t else $b" | bc -l)
	done
	printf '%.3f' "$b"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# ---- 1. slo rules for N SLOs ----
gen_slos() { # N FILE
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
		printf "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: svc%d-availability\n", i
		printf "spec:\n  service: svc%d\n  indicator:\n    metadata:\n      name: svc%d-errors\n", i, i
		printf "    spec:\n      ratioMetric:\n        counter: true\n        bad:\n          metricSource:\n"
		printf "            type: Prometheus\n            spec:\n              query: http_requests_total{service=\"svc%d\",code=~\"5..\"}\n", i
		printf "        total:\n          metricSource:\n            type: Prometheus\n            spec:\n"
		printf "              query: http_requests_total{service=\"svc%d\"}\n", i
		printf "  timeWindow:\n    - duration: 30d\n      isRolling: true\n  budgetingMethod: Occurrences\n"
		printf "  objectives:\n    - target: 0.999\n" } }' > "$2"
}
gen_slos "$N" "$OUT/slos-$N.yaml"
t_rules=$(best "$ARCHGATE" slo rules "$OUT/slos-$N.yaml")
c_rules=$(cpu "$ARCHGATE" slo rules "$OUT/slos-$N.yaml")
"$ARCHGATE" slo rules "$OUT/slos-$N.yaml" > "$OUT/rules-$N.yaml"
rules=$(grep -c -E '^  - (record|alert):' "$OUT/rules-$N.yaml")
echo "slo rules: $N SLOs -> $rules rules in ${t_rules}s wall, ${c_rules}s CPU (target < 0.200 s)"
if command -v promtool >/dev/null; then
	s=$(date +%s.%N); promtool check rules "$OUT/rules-$N.yaml" >/dev/null; e=$(date +%s.%N)
	printf 'promtool check rules on them: passes, %.2fs\n' "$(echo "$e - $s" | bc -l)"
fi

# ---- 2. slo status over the event file vs events stats ----
EV=$ROOT/bench/out/events-$MB.ndjson
[ -s "$EV" ] || python3 "$ROOT/bench/gen-events.py" "$MB" "$EV"
cat > "$OUT/events-slo.yaml" <<'SLO'
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-errors
spec:
  service: payments
  indicator:
    metadata:
      name: payments-errors
    spec:
      ratioMetric:
        bad:
          metricSource:
            type: archgate-events
            spec:
              query: level = "error"
        total:
          metricSource:
            type: archgate-events
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.98
SLO
cat "$EV" > /dev/null # warm the page cache
t_status=$(best "$ARCHGATE" slo status "$OUT/events-slo.yaml" --events "$EV" --at 2026-01-30T00:00:00Z)
t_stats=$(best "$ARCHGATE" events stats --no-progress "$EV")
c_status=$(cpu "$ARCHGATE" slo status "$OUT/events-slo.yaml" --events "$EV" --at 2026-01-30T00:00:00Z)
c_stats=$(cpu "$ARCHGATE" events stats --no-progress "$EV")
"$ARCHGATE" slo status "$OUT/events-slo.yaml" --events "$EV" --at 2026-01-30T00:00:00Z | sed -n 3,5p
echo "slo status --events over $(du -m "$EV" | cut -f1) MB: ${t_status}s; events stats on the same file: ${t_stats}s ($(echo "scale=2; $t_status / $t_stats" | bc -l)x); CPU ${c_status}s vs ${c_stats}s"

# ---- 3. Prometheus rule evaluation: archgate's rules vs sloth-style ----
command -v prometheus >/dev/null || { echo "prometheus not installed: part 3 skipped"; exit 0; }
M=100
gen_slos $M "$OUT/slos-$M.yaml"
"$ARCHGATE" slo rules "$OUT/slos-$M.yaml" > "$OUT/archgate-$M.yaml"
# sloth's shape: the same 5m..3d ratios, but the 30-day ratio as the
# average of the recorded 5-minute ratios over 30 days
sed -E 's#^    expr: "\(sum\(increase\(http_requests_total\{service=\\"(svc[0-9]+)\\",code=~\\"5..\\"\}\[30d\]\)\)\) / \(sum\(increase\(http_requests_total\{service=\\"svc[0-9]+\\"\}\[30d\]\)\)\)"#    expr: "sum_over_time(slo:sli_error:ratio_rate5m{sloth_id=\\"\1-\1-availability\\"}[30d]) / ignoring (sloth_window) count_over_time(slo:sli_error:ratio_rate5m{sloth_id=\\"\1-\1-availability\\"}[30d])"#' \
	"$OUT/archgate-$M.yaml" > "$OUT/sloth-style-$M.yaml"
changed=$(diff "$OUT/archgate-$M.yaml" "$OUT/sloth-style-$M.yaml" | grep -c '^>' || true)
[ "$changed" = "$M" ] || { echo "sloth-style rewrite changed $changed rules, not $M" >&2; exit 1; }
# a day of traffic for the 100 services, one sample a minute
END=$(( $(date +%s) / 60 * 60 ))
awk -v m=$M -v end=$END 'BEGIN { print "# TYPE http_requests counter"
	for (i = 0; i < m; i++) for (c = 0; c < 2; c++) for (k = 0; k <= 1440; k++)
		printf "http_requests_total{service=\"svc%d\",code=\"%s\"} %d %d\n", i, c ? "500" : "200",
			c ? int(k / 10) : k * 100, end - (1440 - k) * 60
	# the 5-minute error ratio recorded every minute of that day, as a
	# Prometheus running sloth-style rules for a day would hold it: the
	# series its 30-day average reads (without it, that average would read
	# only the few samples recorded while this script runs)
	print "# TYPE slo:sli_error:ratio_rate5m gauge"
	for (i = 0; i < m; i++) for (k = 5; k <= 1440; k++)
		printf "slo:sli_error:ratio_rate5m{sloth_id=\"svc%d-svc%d-availability\",sloth_service=\"svc%d\",sloth_slo=\"svc%d-availability\",sloth_window=\"5m\"} %.9f %d\n",
			i, i, i, i, (int(k / 10) - int((k - 5) / 10)) / (500 + int(k / 10) - int((k - 5) / 10)), end - (1440 - k) * 60
	print "# EOF" }' > "$OUT/traffic.om"
rm -rf "$OUT/tsdb"
promtool tsdb create-blocks-from openmetrics "$OUT/traffic.om" "$OUT/tsdb" >/dev/null
eval_of() { # RULES -> the summed last evaluation time of every group, seconds
	local dir=$OUT/run-$(basename "$1" .yaml) port
	rm -rf "$dir"; cp -R "$OUT/tsdb" "$dir"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	printf 'global:\n  evaluation_interval: 10s\nrule_files: [%s]\n' "$1" > "$dir.yml"
	prometheus --config.file="$dir.yml" --storage.tsdb.path="$dir" --storage.tsdb.retention.time=100y \
		--web.listen-address=127.0.0.1:$port >"$dir.log" 2>&1 &
	local pid=$!
	sleep 35 # three evaluations
	curl -sf "http://127.0.0.1:$port/metrics" |
		awk '/^prometheus_rule_group_last_duration_seconds/ { s += $2; n++ } END { if (!n) exit 1; printf "%.6f\n", s }'
	kill $pid; wait $pid 2>/dev/null || true
}
a=$(eval_of "$OUT/archgate-$M.yaml")
b=$(eval_of "$OUT/sloth-style-$M.yaml")
printf 'Prometheus rule evaluation, %d SLOs (sum of prometheus_rule_group_last_duration_seconds): archgate %.4fs, sloth-style %.4fs\n' $M "$a" "$b"
