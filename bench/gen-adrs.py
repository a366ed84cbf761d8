#!/usr/bin/env python3
"""gen-adrs.py - N realistic decision records in the seed's template.

    bench/gen-adrs.py N OUT_DIR [--seed S]

Writes OUT_DIR/.adr-dir (pointing at doc/adr, so adr-tools finds the same
folder) and OUT_DIR/doc/adr/NNNN-slug.md: distinct titles, a filled-in
Context/Decision/Consequences, an Alternatives Considered table with a
Why Rejected for each loser, statuses spread like a real log (mostly
Accepted, some Proposed/Deprecated, one in ten superseded by a later record,
with reciprocal Supersedes/Superseded by links) and some Amends/Amended by
links. Deterministic for a given seed. The folder must not exist yet.
"""
import os
import random
import sys

VERBS = ["Use", "Adopt", "Keep", "Move", "Replace", "Introduce", "Retire", "Standardise on",
         "Cache", "Split", "Consolidate", "Run", "Store", "Publish", "Version"]
THINGS = ["PostgreSQL", "Redis", "Kafka", "NATS", "gRPC", "GraphQL", "OpenTelemetry", "Envoy",
          "Terraform", "Argo CD", "ClickHouse", "DuckDB", "Valkey", "Temporal", "SQS",
          "Cloud Run", "Fly.io", "Cloudflare Workers", "pgvector", "Neon", "Vitess", "Flink",
          "feature flags", "an outbox table", "a modular monolith", "event sourcing",
          "idempotency keys", "blue-green deploys", "trunk-based development", "OpenAPI 3.1"]
FOR = ["for orders", "for sessions", "for the catalogue", "for payments", "for search",
       "for the mobile API", "for analytics", "for audit logs", "in the checkout", "for billing",
       "for notifications", "for inventory", "for the partner API", "for reporting", "at the edge"]
FORCES = ["Sale-day traffic is ten times the median", "The team of six has no platform engineer",
          "PCI-DSS scope must stay at SAQ A", "p99 latency must stay under 300 ms",
          "Two outages this year came from schema drift", "The hosting bill grew 40% in a year",
          "Three services poll the same table every minute", "On-call pages doubled since spring"]


def slug(title):
    out, dash = [], False
    for ch in title.lower():
        if ch.isascii() and ch.isalnum():
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        else:
            dash = True
    s = "".join(out)[:60].rstrip("-")
    return s or "untitled"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n, root = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 42)
    d = os.path.join(root, "doc", "adr")
    os.makedirs(d)
    with open(os.path.join(root, ".adr-dir"), "w") as f:
        f.write("doc/adr\n")

    titles, seen = [], set()
    for i in range(1, n + 1):
        while True:
            t = f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} {rnd.choice(FOR)}"
            if t not in seen:
                break
            t = f"{t} ({i})"
            if t not in seen:
                break
        seen.add(t)
        titles.append(t)
    names = [f"{i:04d}-{slug(t)}.md" for i, t in enumerate(titles, 1)]

    status = {}
    links = {i: [] for i in range(1, n + 1)}
    for i in range(1, n + 1):
        r = rnd.random()
        status[i] = "Accepted" if r < 0.8 else "Proposed" if r < 0.92 else "Deprecated"
    # one in ten is superseded by a later record; some amend an earlier one
    for i in range(1, n + 1):
        if i < n and rnd.random() < 0.1:
            j = rnd.randint(i + 1, min(n, i + 50))
            if not any(t == "Superseded by" for t, _ in links[i]) and \
               not any(t == "Supersedes" for t, _ in links[j]):
                status[i] = "Superseded"
                links[i].append(("Superseded by", j))
                links[j].append(("Supersedes", i))
        if i > 1 and rnd.random() < 0.08:
            j = rnd.randint(max(1, i - 100), i - 1)
            if not any(k == j for _, k in links[i]):
                links[i].append(("Amends", j))
                links[j].append(("Amended by", i))

    for i, t in enumerate(titles, 1):
        y, m, dd = 2019 + (i * 7 // max(n, 1)), 1 + i % 12, 1 + i % 28
        lines = [f"# ADR-{i:03d}: {t}", "", f"**Status:** {status[i]}",
                 f"**Date:** {y}-{m:02d}-{dd:02d}",
                 f"**Deciders:** {rnd.choice(['Dana Okafor', 'Priya Raman', 'Tomas Herrera'])}, "
                 f"{rnd.choice(['Ana Lima', 'Bo Chen', 'Chidi Eze'])}"]
        for typ, j in links[i]:
            lines.append(f"**{typ}:** [ADR-{j:03d}: {titles[j - 1]}]({names[j - 1]})")
        other = rnd.choice(THINGS)
        lines += ["", "## Context", "", f"{rnd.choice(FORCES)}. {rnd.choice(FORCES)}.",
                  "", "## Decision", "",
                  f"We will {t[0].lower() + t[1:]}. We chose it over {other}.",
                  "", "## Consequences", "", "### Positive", "",
                  "- Fewer moving parts in the request path.", "", "### Negative", "",
                  "- The team has to learn the new tool.", "", "### Neutral", "",
                  "- The public API does not change.", "",
                  "## Alternatives Considered", "",
                  "| Option | Pros | Cons | Why Rejected |",
                  "|--------|------|------|---------------|",
                  f"| {t} (chosen) | Fits the forces above | Migration work | N/A |",
                  f"| {other} | Known to part of the team | Does not meet the latency target | "
                  f"Load test missed p99 by 2x |",
                  "", "## References", "", f"- Design review {y}-{m:02d}", ""]
        with open(os.path.join(d, names[i - 1]), "w") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main()
