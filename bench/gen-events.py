#!/usr/bin/env python3
"""gen-events.py - write a reproducible NDJSON event log for bench/events.sh.

Usage: gen-events.py SIZE_MB OUT [--seed N] [--otlp]

Each line is one event in the seed's shape (trace_id, span_id, service,
event, user_id, amount_cents, duration_ms) with a timestamp and a level,
as a payment system would log it: 12 services, log-normal latencies, about
2% errors, keys in a fixed order, a few escapes. With --otlp, the file is
OTLP/JSON (one ExportTraceServiceRequest per line, 50 spans each) instead.
"""
import json
import random
import sys

SERVICES = ["payment-api", "cart-api", "checkout-web", "user-service", "search-api",
            "inventory", "shipping", "notifications", "auth", "pricing-engine",
            "recommendations", "gateway"]
EVENTS = ["charge_created", "charge_failed", "cart_updated", "order_placed",
          "user_login", "search_performed", "item_viewed", "email_sent",
          "token_refreshed", "price_computed"]


def main():
    argv = sys.argv[1:]
    seed, otlp, args = 42, False, []
    while argv:
        a = argv.pop(0)
        if a == "--seed" and argv:
            seed = int(argv.pop(0))
        elif a == "--otlp":
            otlp = True
        elif a.startswith("--"):
            sys.exit(__doc__)
        else:
            args.append(a)
    if len(args) != 2:
        sys.exit(__doc__)
    size = int(float(args[0]) * 1e6)
    out = args[1]
    rnd = random.Random(seed)
    written = 0
    t0 = 1769680800000  # 2026-01-29T10:00:00Z in ms
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        buf = []
        while written < size:
            if otlp:
                line = otlp_line(rnd, t0 + n * 7, n)
            else:
                svc = rnd.choice(SERVICES)
                err = rnd.random() < 0.02
                dur = round(rnd.lognormvariate(4.0, 0.9), 1 if rnd.random() < 0.5 else 0)
                ev = {
                    "ts": f"2026-01-29T{10 + (n // 3600000) % 14:02d}:{(n // 60000) % 60:02d}:"
                          f"{(n // 1000) % 60:02d}.{n % 1000:03d}Z",
                    "trace_id": "%032x" % rnd.getrandbits(128),
                    "span_id": "%016x" % rnd.getrandbits(64),
                    "service": svc,
                    "event": "charge_failed" if err else rnd.choice(EVENTS),
                    "level": "error" if err else "info",
                    "user_id": rnd.randrange(1, 1000000),
                    "amount_cents": rnd.randrange(100, 100000),
                    "duration_ms": int(dur) if dur == int(dur) else dur,
                }
                if rnd.random() < 0.01:
                    ev["message"] = "card \"declined\"\tretry\u00e9"
                line = json.dumps(ev, separators=(",", ":"), ensure_ascii=rnd.random() < 0.5)
            buf.append(line)
            written += len(line.encode()) + 1
            n += 1
            if len(buf) >= 10000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")


def otlp_line(rnd, t_ms, n):
    svc = SERVICES[n % len(SERVICES)]
    spans = []
    trace = "%032X" % rnd.getrandbits(128) if n % 2 else "%032x" % rnd.getrandbits(128)
    start = t_ms * 1000000
    parent = ""
    for i in range(50):
        sid = "%016x" % rnd.getrandbits(64)
        dur = int(rnd.lognormvariate(4.0, 0.9) * 1e6)
        err = rnd.random() < 0.02
        spans.append({
            "traceId": trace, "spanId": sid, "parentSpanId": parent,
            "name": rnd.choice(EVENTS), "kind": 2,
            "startTimeUnixNano": str(start), "endTimeUnixNano": str(start + dur),
            "attributes": [{"key": "user_id", "value": {"intValue": str(rnd.randrange(1, 10**6))}},
                           {"key": "http.route", "value": {"stringValue": "/charge"}}],
            "status": {"code": 2} if err else {},
        })
        parent = sid if i == 0 else parent
        start += 1000
    req = {"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": svc}}]},
        "scopeSpans": [{"scope": {"name": "bench"}, "spans": spans}]}]}
    return json.dumps(req, separators=(",", ":"))


if __name__ == "__main__":
    main()
