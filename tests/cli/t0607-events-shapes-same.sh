#!/bin/bash
# t0607-events-shapes-same: the scanner's shortcuts (a memo of keys by
# position, a key cache by the key's words, the fields present as a mask,
# the index of where a document's containers end) never change an answer:
# the same events written in every shape issue 13 measures give the same
# stats, group for group. Each shape is generated here from one seeded
# list of events.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

python3 - "$T" <<'EOF'
import json, random, sys
out = sys.argv[1]
r = random.Random(13)
svcs = ["payment-api", "cart", "a-service-name-longer-than-16"]
evs = []
for i in range(3000):
    e = {"service": r.choice(svcs),
         "level": r.choice(["info", "info", "debug", "ERROR", "Err", "fatal", "warn"]),
         "status": r.choice([200, 200, 201, 404, 500, 503, "ok"]),
         "duration_ms": round(r.lognormvariate(3, 1), 3),
         "message": r.choice(["plain", "with \"quotes\" and \\ and \u00e9", "tab\there"])}
    evs.append(e)
fill = ["filler_%02d" % k for k in range(52)]

def line(e, keys):
    return "{" + ",".join(json.dumps(k) + ":" + json.dumps(e[k]) for k in keys) + "}"

with open(out + "/ordered.ndjson", "w") as f:
    for e in evs:
        f.write(line(e, list(e)) + "\n")
# keys in another order on every line
with open(out + "/shuffled.ndjson", "w") as f:
    for e in evs:
        ks = list(e)
        r.shuffle(ks)
        f.write(line(e, ks) + "\n")
# more members than the memo by position holds, the asked ones last and
# in changing order; fillers shaped like the asked keys (prefixes of them)
with open(out + "/wide.ndjson", "w") as f:
    for i, e in enumerate(evs):
        x = {k: i % 7 for k in fill}
        x.update({"serv": "x", "level_": "error", "status.x": 500, "duration": "1s"})
        ks = list(e)
        r.shuffle(ks)
        for k in ks:
            x[k] = e[k]
        f.write(json.dumps(x, separators=(",", ":")) + "\n")
# white space everywhere, and escaped keys (\u0073ervice is service)
with open(out + "/spaced.ndjson", "w") as f:
    for i, e in enumerate(evs):
        parts = []
        for k in e:
            kk = json.dumps(k)
            if i % 3 == 0 and k == "service":
                kk = '"\\u0073ervice"'
            parts.append(" " * (i % 3) + kk + " :\t" + json.dumps(e[k]))
        f.write("{" + ", ".join(parts) + "  }\n")
# the whole list as one pretty-printed JSON array (document mode)
with open(out + "/array.json", "w") as f:
    json.dump(evs, f, indent=2)
# the same as spans: pretty-printed OTLP and the same document on one line
spans = {}
for i, e in enumerate(evs):
    ns = int(round(e["duration_ms"] * 1e6))
    attrs = [{"key": "filler", "value": {"stringValue": "x" * (i % 200)}}]
    sp = {"traceId": "%032x" % (i + 1), "spanId": "%016x" % (i + 1), "name": "op",
          "kind": 2, "startTimeUnixNano": str(1769680800000000000 + i),
          "endTimeUnixNano": str(1769680800000000000 + i + ns), "attributes": attrs,
          "status": {"code": 2 if e["level"] in ("ERROR", "Err", "fatal") else 0}}
    spans.setdefault(e["service"], []).append(sp)
doc = {"resourceSpans": [
    {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": s}}]},
     "scopeSpans": [{"scope": {"name": "t"}, "spans": sp}]} for s, sp in spans.items()]}
with open(out + "/otlp-pretty.json", "w") as f:
    json.dump(doc, f, indent=2)
with open(out + "/otlp-line.json", "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
EOF

answer() { # the groups of a stats run, without what depends on the bytes
	jq -c '[.events, .invalid, .services]' "$OUT" >"$T/$1.answer"
}
run "$ARCHGATE" events stats --format json --threads 1 --no-progress "$T/ordered.ndjson"
expect_rc 0 "stats on the ordered file"
answer ordered
check "errors are counted in the ordered file" jq -e '[.services[].errors] | add > 0' "$OUT"
for shape in shuffled wide spaced array; do
	f=$T/$shape.ndjson
	[ -e "$f" ] || f=$T/$shape.json
	for t in 1 2; do
		run "$ARCHGATE" events stats --format json --threads $t --no-progress "$f"
		answer "$shape-$t"
		check "$shape, $t thread(s): the same answer as keys in order" \
			cmp -s "$T/ordered.answer" "$T/$shape-$t.answer"
	done
done

# spans: pretty-printed (document mode, the container index) and on one
# line (line mode) read the same, and as many events as lines above
run "$ARCHGATE" events stats --format json --threads 1 --no-progress "$T/otlp-line.json"
answer otlp-line
check "OTLP on one line: every span read" jq -e '.events == 3000 and .invalid == 0' "$OUT"
check "OTLP on one line: the errors of the status codes" \
	jq -e --slurpfile o "$T/ordered.answer" \
	'([.services[].errors] | add) > 0 and ([.services[].count] | add) == 3000' "$OUT"
for t in 1 2; do
	run "$ARCHGATE" events stats --format json --threads $t --no-progress "$T/otlp-pretty.json"
	answer "otlp-pretty-$t"
	check "pretty-printed OTLP, $t thread(s): the same answer as on one line" \
		cmp -s "$T/otlp-line.answer" "$T/otlp-pretty-$t.answer"
done
run "$ARCHGATE" events query 'where duration_ms > 10' --no-progress "$T/otlp-pretty.json"
cp "$OUT" "$T/q-pretty"
run "$ARCHGATE" events query 'where duration_ms > 10' --no-progress "$T/otlp-line.json"
check "pretty-printed OTLP: the same records, field for field, as on one line" \
	cmp -s "$T/q-pretty" "$OUT"
check "records carry their duration as written by the nanoseconds" \
	grep -q '"duration_ms":[0-9]*\.[0-9]' "$OUT"

finish
