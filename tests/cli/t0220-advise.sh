#!/bin/bash
# t0220-advise: Phase 1.5 recommendations from the stated constraints. Each
# recommendation is triggered by its constraint and points at it
# (file:line): edge-compute, no-edge-for-batch, wasm-backend, local-first,
# ai-integration, start-with-monolith, no-single-node-datastore, realtime,
# pci-scope, hipaa-vendors, gdpr-residency; and none without the constraint.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

GLOBAL=$FIXTURES/rulebook-advise-global
BATCH=$FIXTURES/rulebook-advise-batch

# line_of FIXTURE TEXT: the line of system.yaml that contains TEXT
line_of() { grep -nF -- "$2" "$1/arch/system.yaml" | head -n 1 | cut -d: -f1; }

# ids DIR: the recommendation ids of `advise --format json`, space-separated
ids() {
	"$ARCHGATE" advise --dir "$1/arch" --format json |
		python3 -c 'import json,sys; print(" ".join(a["id"] for a in json.load(sys.stdin)))'
}

run_in "$GLOBAL" "$ARCHGATE" advise
expect_rc 0 "advise: recommendations are advice, exit 0"
expect_golden rulebook-advise-global.txt "$OUT" "advise: global, real-time, regulated (text)"
expect_empty "$ERR" "advise: nothing on stderr"

# each recommendation's "because" names its constraint and where it is
because() { # ID-PATTERN-TITLE TEXT LINE
	expect_contains "$OUT" "  because $2 (arch/system.yaml:$3)" "advise: $1 because $2 (line $3)"
}
because "Edge compute" "users are global and p99 must be 60 ms (sub-100 ms needs code close to users)" \
	"$(line_of "$GLOBAL" "p99_ms: 60")"
because "WebAssembly backend" "'thumbs' is serverless and needs 250 ms of CPU per request" \
	"$(line_of "$GLOBAL" "cpu_ms: 250")"
because "Local-first architecture" "the app is offline-capable" "$(line_of "$GLOBAL" "offline: true")"
because "AI integration point" "AI feature 'Coach' is declared" "$(line_of "$GLOBAL" "name: Coach")"
because "Replicated datastores and caching" "the system serves 20000000 users" \
	"$(line_of "$GLOBAL" "users: 20_000_000")"
because "Real-time transport" "the latency class is realtime" "$(line_of "$GLOBAL" "latency: realtime")"
compliance=$(line_of "$GLOBAL" "compliance: [PCI-DSS")
because "Keep card data out of scope" "PCI-DSS is declared" "$compliance"
because "HIPAA-eligible services only" "HIPAA is declared" "$compliance"
because "EU data residency and deletion" "GDPR is declared" "$compliance"
expect_contains "$OUT" "  Tools: pgvector" "advise: with PostgreSQL in the stack, embeddings go to pgvector"

run "$ARCHGATE" advise --dir "$GLOBAL/arch" --format json
expect_rc 0 "advise --format json"
python3 - "$OUT" "$GLOBAL/arch/system.yaml" >"$T/shape" 2>&1 <<'EOF'
import json, sys
adv = json.load(open(sys.argv[1]))
src = open(sys.argv[2]).read().splitlines()
assert isinstance(adv, list), adv
assert [a["id"] for a in adv] == ["edge-compute", "wasm-backend", "local-first", "ai-integration",
                                  "no-single-node-datastore", "realtime", "pci-scope",
                                  "hipaa-vendors", "gdpr-residency"], [a["id"] for a in adv]
# each points at the value that triggered it, column included
at = {"edge-compute": "60", "wasm-backend": "250", "local-first": "true", "realtime": "realtime",
      "no-single-node-datastore": "20_000_000", "pci-scope": "PCI-DSS", "hipaa-vendors": "HIPAA",
      "gdpr-residency": "GDPR", "ai-integration": "{name: Coach"}
for a in adv:
    assert list(a) == ["id", "pattern", "because", "advice", "tradeoff", "tools", "file", "line",
                       "col"], list(a)
    for k in ("pattern", "because", "advice", "tradeoff", "tools"):
        assert a[k], (a["id"], k)
    assert a["file"] == "arch/system.yaml", a
    line = src[a["line"] - 1]
    assert line[a["col"] - 1:].startswith(at[a["id"]]), (a["id"], a["line"], a["col"], line)
print("ok")
EOF
check "advise json: ids in order, fields, and each points at its constraint (line and column)" \
	grep -qx ok "$T/shape"
grep -qx ok "$T/shape" || sed 's/^/    /' "$T/shape"

run_in "$BATCH" "$ARCHGATE" advise
expect_rc 0 "advise: batch"
expect_golden rulebook-advise-batch.txt "$OUT" "advise: a batch job on an edge runtime (text)"
because "No edge runtime" "the latency class is batch" "$(line_of "$BATCH" "latency: batch")"
because "Monolith on managed containers" "the system serves 5000 users (below 1,000,000)" \
	"$(line_of "$BATCH" "users: 5000")"
check "advise: batch gives exactly no-edge-for-batch and start-with-monolith" \
	test "$(ids "$BATCH")" = "no-edge-for-batch start-with-monolith"

# ---- each one needs its constraint ----

copy_fixture rulebook-advise-global
G=$T/rulebook-advise-global
S=$G/arch/system.yaml
edit() { sed -i "$1" "$S"; }
has() { case " $(ids "$G") " in *" $1 "*) return 0 ;; esac; return 1; }
hasnt() { ! has "$1"; }

edit 's/  p99_ms: 60/  p99_ms: 100/'
check "edge-compute: not for p99 100 ms" hasnt edge-compute
edit 's/  p99_ms: 100/  p99_ms: 99/; s/  global: true/  global: false/'
check "edge-compute: not for regional users" hasnt edge-compute
edit 's/  global: false/  regions: [eu, us]/'
check "edge-compute: several regions are global" has edge-compute

edit 's/cpu_ms: 250/cpu_ms: 99/'
check "wasm-backend: not below 100 ms of CPU" hasnt wasm-backend
edit 's/cpu_ms: 99/cpu_ms: 100/'
check "wasm-backend: at 100 ms of CPU" has wasm-backend
edit 's/runtime: serverless, cpu_ms: 100/runtime: container, cpu_ms: 500/'
check "wasm-backend: only for serverless functions" hasnt wasm-backend

edit 's/  offline: true/  offline: false/'
check "local-first: not when offline is false" hasnt local-first
edit 's/  offline: false/  collaborative: true/'
run "$ARCHGATE" advise --dir "$G/arch"
expect_contains "$OUT" "  because the app is collaborative (arch/system.yaml:$(line_of "$G" "collaborative: true"))" \
	"local-first: for collaborative apps"

edit 's/tech: \[rust, postgres\]/tech: [rust, mongodb]/'
run "$ARCHGATE" advise --dir "$G/arch"
expect_contains "$OUT" "  Tools: pgvector, Pinecone, Weaviate" "ai-integration: a vector database when there is no PostgreSQL"
edit '/^ai:/,$d'
check "ai-integration: not without AI features" hasnt ai-integration

edit 's/  users: 20_000_000/  users: 9_999_999/'
check "no-single-node-datastore: not below 10M users" hasnt no-single-node-datastore
check "start-with-monolith: not at 1M users or more" hasnt start-with-monolith
edit 's/  users: 9_999_999/  users: 999_999/'
check "start-with-monolith: below 1M users" has start-with-monolith

edit 's/  latency: realtime/  latency: interactive/'
check "realtime: only for the realtime class" hasnt realtime
check "no-edge-for-batch: not for interactive" hasnt no-edge-for-batch

edit 's/  compliance: \[PCI-DSS, HIPAA, GDPR\]/  compliance: [GDPR]/'
check "pci-scope: only with PCI-DSS" hasnt pci-scope
check "hipaa-vendors: only with HIPAA" hasnt hipaa-vendors
check "gdpr-residency: with GDPR" has gdpr-residency
edit 's/  compliance: \[GDPR\]/  compliance: [PCI DSS]/'
check "pci-scope: 'PCI DSS' is PCI-DSS" has pci-scope
edit 's/  compliance: \[PCI DSS\]/  compliance: []/'
check "compliance: []: no compliance advice" \
	test "$(ids "$G" | tr ' ' '\n' | grep -c -e pci-scope -e hipaa-vendors -e gdpr-residency)" -eq 0

# nothing stated, nothing advised
mkdir -p "$T/empty/arch"
printf 'system: {name: Empty}\n' >"$T/empty/arch/system.yaml"
run_in "$T/empty" "$ARCHGATE" advise
expect_rc 0 "advise: without constraints"
expect_line "$OUT" "No recommendations: state constraints (users, latency, p99_ms, regions, compliance, offline, collaborative) to get some." \
	"advise: says what to state"
run "$ARCHGATE" advise --dir "$T/empty/arch" --format json
check "advise json: an empty list" test "$(cat "$OUT")" = "[]"

finish
