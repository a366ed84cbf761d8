#!/bin/bash
# t0500-radar-scan: `archgate radar scan` reads a repository with a manifest
# of every ecosystem and reports each technology with its ring and its
# evidence (file, line, matched text), in the stable JSON shape and as text;
# it skips what it must skip and never follows a symlink out of the tree.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

ECO=$FIXTURES/radar-ecosystems

run "$ARCHGATE" --dir "$ECO/arch" radar scan --format json
expect_rc 0 "scan --format json"
expect_empty "$ERR" "scan: nothing on stderr"
expect_golden radar-scan-ecosystems.json "$OUT" "JSON report of the fixture repository"
cp "$OUT" "$T/scan.json"

# The documented shape, and the technologies and evidence lines the fixture
# was written to produce (one or more per ecosystem).
check "the JSON has the documented shape and the expected evidence" python3 - "$T/scan.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert list(doc) == ["technologies"], list(doc)
by = {}
for t in doc["technologies"]:
    assert isinstance(t["name"], str) and t["name"]
    assert t["ring"] is None or isinstance(t["ring"], str)
    assert t["evidence"], t["name"]
    for e in t["evidence"]:
        assert isinstance(e["file"], str) and isinstance(e["line"], int) and e["line"] >= 1
        assert isinstance(e["match"], str) and e["match"]
    by[t["name"]] = t
def ev(name, where, match):
    t = by.get(name)
    assert t, "missing technology %s" % name
    got = {"%s:%d %s" % (e["file"], e["line"], e["match"]) for e in t["evidence"]}
    want = "%s %s" % (where, match)
    assert want in got, "%s: no %s in %s" % (name, want, sorted(got))
expected = [
    ("MongoDB", "services/web/package.json:16", "mongoose"),                  # npm
    ("MongoDB", "services/web/package-lock.json:15", "mongoose"),             # npm lockfile
    ("Redis", "services/admin/yarn.lock:13", "redis"),                        # yarn
    ("Redis", "services/portal/pnpm-lock.yaml:19", "ioredis"),                # pnpm
    ("Gin", "services/pricing/go.mod:6", "github.com/gin-gonic/gin"),         # go.mod
    ("PostgreSQL", "services/ledger/Cargo.toml:15", "tokio-postgres"),        # Cargo.toml
    ("MongoDB", "services/ledger/Cargo.lock:10", "mongodb"),                  # Cargo.lock
    ("MongoDB", "services/ml/requirements.txt:5", "pymongo"),                 # requirements
    ("PostgreSQL", "services/ml/requirements.txt:4", "psycopg"),
    ("pgvector", "services/ml/pyproject.toml:10", "pgvector"),                # pyproject
    ("DuckDB", "services/reports/Pipfile:8", "duckdb"),                       # Pipfile
    ("NumPy", "services/reports/Pipfile.lock:10", "numpy"),                   # Pipfile.lock
    ("PostgreSQL", "services/billing/pom.xml:14", "org.postgresql:postgresql"),  # pom.xml
    ("Spring Boot", "services/catalog/build.gradle.kts:7",
     "org.springframework.boot:spring-boot-starter-web"),                      # Gradle
    ("Laravel", "services/legacy-shop/composer.json:5", "laravel/framework"), # composer
    ("Ruby on Rails", "services/storefront/Gemfile:5", "rails"),              # Gemfile
    ("Node.js", "services/api/Dockerfile:3", "node:20-alpine"),               # Dockerfile
    ("MongoDB", "docker-compose.yml:9", "mongo:7.0"),                         # compose
    ("PostgreSQL", "docker-compose.yml:3", "postgres:16-alpine"),
    ("AWS", "infra/main.tf:4", "hashicorp/aws"),                              # TF provider
    ("Amazon SQS", "infra/main.tf:21", "aws_sqs_queue"),                      # TF resource
    ("Go", ".github/workflows/ci.yml:15", "actions/setup-go@v5"),             # Actions
    ("PostgreSQL", "charts/shop/Chart.yaml:5", "postgresql"),                 # Helm
    ("Rust", "services/ledger/src/main.rs:1", ".rs"),                         # extension
]
for name, where, match in expected:
    ev(name, where, match)
assert by["MongoDB"]["ring"] == "hold" and by["PostgreSQL"]["ring"] == "adopt"
assert by["Go"]["ring"] == "trial" and by["FastAPI"]["ring"] is None
assert by["PostgreSQL"]["entry"] == "Postgres"       # matched through an alias
assert by["Acme Feature Store"]["ring"] is None      # a radar mapping
files = {e["file"] for t in doc["technologies"] for e in t["evidence"]}
for skipped in ("build/", "node_modules/", "vendor/", "scratch/tmp.py"):
    assert not any(f.startswith(skipped) for f in files), skipped
PY

run "$ARCHGATE" --dir "$ECO/arch" radar scan
expect_rc 0 "scan as text"
expect_golden radar-scan-ecosystems.txt "$OUT" "text report"
expect_line "$OUT" "MongoDB  [Hold]" "the text names the ring"
expect_line "$OUT" "    services/web/package.json:16: mongoose" "and the evidence, file:line: match"

# Symlinks are never followed, so nothing outside the tree is read.
copy_fixture radar-ecosystems
mkdir -p "$T/outside"
echo '{"dependencies": {"express": "4"}}' >"$T/outside/package.json"
ln -s "$T/outside" "$T/radar-ecosystems/escape"
ln -s "$T/outside/package.json" "$T/radar-ecosystems/package.json"
run "$ARCHGATE" --dir "$T/radar-ecosystems/arch" radar scan --format json
expect_rc 0 "scan a tree with symlinks out of it"
expect_not_contains "$OUT" '"Express"' "a symlinked folder or manifest is not read"
check "the report is otherwise the same" cmp -s "$OUT" "$T/scan.json"

# Another tree, judged against this radar: paths are relative to it.
run "$ARCHGATE" --dir "$ECO/arch" radar scan "$ECO/services/ml" --format json
expect_rc 0 "scan PATH"
expect_contains "$OUT" '{"file":"requirements.txt","line":5,"match":"pymongo","kind":"direct","from":"manifest"}' \
	"evidence of PATH is relative to PATH"
expect_not_contains "$OUT" '"Gin"' "only PATH is scanned"
run "$ARCHGATE" --dir "$ECO/arch" radar scan "$T/nope"
expect_rc 2 "an unreadable PATH is bad input"
expect_line "$ERR" "archgate radar: cannot read the folder '$T/nope'" "and says which"

# Without a radar.yaml the scan still works: every ring is null.
mkdir -p "$T/bare/arch" "$T/bare/src"
echo 'package main' >"$T/bare/src/main.go"
run "$ARCHGATE" --dir "$T/bare/arch" radar scan --format json
expect_rc 0 "scan without radar.yaml"
expect_contains "$OUT" '{"name":"Go","ring":null' "rings are null without a radar"

run "$ARCHGATE" --dir "$ECO/arch" radar scan --format xml
expect_rc 2 "an unknown format is bad usage"
run "$ARCHGATE" --dir "$ECO/arch" radar scan a b
expect_rc 2 "two paths are bad usage"
run "$ARCHGATE" radar frobnicate
expect_rc 2 "an unknown subcommand is bad usage"
expect_first_line "$ERR" "archgate radar: unknown subcommand 'frobnicate'" "and says so"
run "$ARCHGATE" radar catalog mongoose
expect_rc 0 "the catalog knows aliases"
expect_first_line "$OUT" "MongoDB  [Document store; platforms]" "catalog NAME shows one technology"
finish
