#!/usr/bin/env python3
"""gen-shapes.py - write the shapes of log that `bench/events.sh --shapes DIR`
measures, each SIZE_MB large (default 200), reproducibly (seeded).

Usage: gen-shapes.py DIR [SIZE_MB] [--seed N]

  status-http.ndjson      a string status ("ok", "error", "failure") and an
                          HTTP status code next to the duration
  nested.ndjson           ECS-style nesting: service.name, http.request.method,
                          http.response.status_code, event.duration in ns
  escaped.ndjson          messages full of escapes (\\", \\\\, \\n, \\u00e9,
                          \\ud83d\\ude00) and level words in mixed case
  wide.ndjson             34 fields per event, the ones asked about at the end
  shuffled-keys.ndjson    the standard fields in a different order on each line
  otlp-traces-pretty.json one OTLP/JSON ExportTraceServiceRequest, pretty-printed
                          over many lines (indent 2), as OpenTelemetry's
                          examples and the collector's file exporter write it

Every shape has about 2% errors and log-normal latencies over 12 services,
so the answers can be compared with DuckDB's and jq's.
"""
import json
import os
import random
import sys

SERVICES = ["payment-api", "cart-api", "checkout-web", "user-service", "search-api",
            "inventory", "shipping", "notifications", "auth", "pricing-engine",
            "recommendations", "gateway"]
WORDS = ["charge", "created", "user", "cart", "retry", "upstream", "timeout",
         "cache", "miss", "token", "refresh", "order", "placed", "search"]


def lat(r):
    return round(r.lognormvariate(3.0, 0.9), 3)


def ts(i):
    s = 1767225600 + i // 1000
    return "2026-01-01T%02d:%02d:%02d.%03dZ" % (s // 3600 % 24, s // 60 % 60, s % 60, i % 1000)


def status_http(r, i):
    err = r.random() < 0.02
    return {"ts": ts(i), "service": r.choice(SERVICES),
            "status": r.choice(["error", "failure"]) if err else "ok",
            "http_status": 503 if err else 200, "duration_ms": lat(r),
            "message": " ".join(r.choice(WORDS) for _ in range(4))}


def nested(r, i):
    err = r.random() < 0.02
    return {"@timestamp": ts(i),
            "service": {"name": r.choice(SERVICES), "version": "1.%d.0" % r.randint(0, 9)},
            "http": {"request": {"method": r.choice(["GET", "POST", "PUT"])},
                     "response": {"status_code": r.choice([500, 502, 503]) if err else 200}},
            "event": {"duration": int(lat(r) * 1e6), "dataset": "app.access"},
            "url": {"path": "/api/v1/%s" % r.choice(WORDS)},
            "message": "request served"}


def escaped(r, i):
    err = r.random() < 0.02
    level = r.choice(["ERR", "Error", "error", "FATAL"]) if err else r.choice(["info", "INFO", "Info", "debug"])
    msg = 'user \\"%s\\" said \\\\o/ caf\\u00e9 \\ud83d\\ude00\\n\\tline %d' % (r.choice(WORDS), i)
    return '{"ts":"%s","service":"%s","level":"%s","message":"%s","path":"C:\\\\srv\\\\%s","duration_ms":%s}' % (
        ts(i), r.choice(SERVICES), level, msg, r.choice(WORDS), lat(r))


def wide(r, i):
    err = r.random() < 0.02
    e = {"ts": ts(i)}
    for k in range(30):
        e["attr_%02d" % k] = r.choice(WORDS) if k % 3 else r.randint(0, 100000)
    e["service"] = r.choice(SERVICES)
    e["level"] = "error" if err and r.random() < 0.5 else "info"
    e["status"] = 500 if err and e["level"] != "error" else 200
    e["duration_ms"] = lat(r)
    return e


def shuffled(r, i):
    err = r.random() < 0.02
    items = [("ts", ts(i)), ("service", r.choice(SERVICES)), ("level", "error" if err else "info"),
             ("trace_id", "%032x" % r.getrandbits(128)), ("duration_ms", lat(r)),
             ("event", r.choice(WORDS)), ("user_id", "u%d" % r.randint(1, 99999))]
    r.shuffle(items)
    return dict(items)


def otlp(r, size, out):
    spans_by_service = {s: [] for s in SERVICES}
    n, total = 0, 0
    while total < size:
        tid = "%032x" % r.getrandbits(128)
        start = 1767225600000000000 + n * 1000000
        for k in range(10):
            err = r.random() < 0.02
            d = int(lat(r) * 1e6)
            span = {"traceId": tid, "spanId": "%016x" % r.getrandbits(64),
                    "name": "GET /%s" % r.choice(WORDS), "kind": 2,
                    "startTimeUnixNano": str(start), "endTimeUnixNano": str(start + d),
                    "attributes": [{"key": "http.response.status_code",
                                    "value": {"intValue": "500" if err else "200"}}],
                    "status": {"code": 2, "message": "upstream failed"} if err else {}}
            spans_by_service[r.choice(SERVICES)].append(span)
            n += 1
            total += 520  # about what one span takes, pretty-printed
    doc = {"resourceSpans": [
        {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": s}}]},
         "scopeSpans": [{"scope": {"name": "bench"}, "spans": spans}]}
        for s, spans in spans_by_service.items()]}
    with open(out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def main():
    argv = sys.argv[1:]
    seed, args = 42, []
    while argv:
        a = argv.pop(0)
        if a == "--seed" and argv:
            seed = int(argv.pop(0))
        elif a.startswith("--"):
            sys.exit(__doc__)
        else:
            args.append(a)
    if not 1 <= len(args) <= 2:
        sys.exit(__doc__)
    out = args[0]
    size = int(float(args[1] if len(args) > 1 else 200) * 1e6)
    os.makedirs(out, exist_ok=True)
    for name, fn in [("status-http", status_http), ("nested", nested), ("escaped", escaped),
                     ("wide", wide), ("shuffled-keys", shuffled)]:
        r = random.Random(seed)
        path = os.path.join(out, name + ".ndjson")
        with open(path, "w") as f:
            written, i = 0, 0
            while written < size:
                e = fn(r, i)
                line = (e if isinstance(e, str) else json.dumps(e, separators=(",", ":"))) + "\n"
                f.write(line)
                written += len(line)
                i += 1
        print("%s: %d events" % (path, i), file=sys.stderr)
    otlp(random.Random(seed), size, os.path.join(out, "otlp-traces-pretty.json"))
    print("%s written" % os.path.join(out, "otlp-traces-pretty.json"), file=sys.stderr)


if __name__ == "__main__":
    main()
