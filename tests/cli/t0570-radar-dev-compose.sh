#!/bin/bash
# t0570-radar-dev-compose: a compose file whose services all run the image
# of a backing service (datastores, caches, queues) and none is built, in a
# repository where something else builds the product (a pom.xml), is the
# developers' environment: Docker Compose and its images are dev (ADR 0060).
# A compose file that builds a service, runs an image of the product's or
# is all the repository has keeps its image kind.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# the product is built by Maven; the compose file starts its databases
A=$T/a
mkdir -p "$A"
printf '<project>\n  <artifactId>shop</artifactId>\n</project>\n' >"$A/pom.xml"
cat >"$A/docker-compose.yml" <<'EOF2'
# local development
services:
  mysql:
    image: mysql:9.6
    ports:
      - "3306:3306"
  postgres:
    image: "postgres:18.3"
    environment:
      - POSTGRES_DB=shop
  cache: {image: redis:7}
volumes:
  data:
EOF2
# builds a service: the product runs in it
B=$T/b
mkdir -p "$B"
cp "$A/pom.xml" "$B/"
printf 'services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n' >"$B/compose.yaml"
# an image that is no backing service (the product's own)
C=$T/c
mkdir -p "$C"
cp "$A/pom.xml" "$C/"
printf 'services:\n  app:\n    image: example/shop:1.0\n  db:\n    image: postgres:16\n' >"$C/compose.yaml"
# nothing else in the repository: the compose file is how it runs
D=$T/d
mkdir -p "$D"
printf 'services:\n  db:\n    image: postgres:16\n' >"$D/compose.yaml"

run "$ARCHGATE" radar scan "$A" --format json
expect_rc 0 "scan the repository with a dev compose file"
check "its images and Docker Compose are dev" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["kind"]) for e in by[name]["evidence"]]
assert ev("Docker Compose") == [("docker-compose.yml", 1, "dev")], ev("Docker Compose")
assert ev("MySQL") == [("docker-compose.yml", 4, "dev")], ev("MySQL")
assert ev("PostgreSQL") == [("docker-compose.yml", 8, "dev")], ev("PostgreSQL")
assert ev("Redis") == [("docker-compose.yml", 11, "dev")], ev("Redis")
for n in ("Docker Compose", "MySQL", "PostgreSQL", "Redis"):
    assert by[n]["in_use"] is False, n
PY

for r in B C D; do
	eval dir=\$$r
	run "$ARCHGATE" radar scan "$dir" --format json
	expect_rc 0 "scan repository $r"
	check "repository $r: the compose file's images are in use" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
pg = by["PostgreSQL"]["evidence"]
assert [e["kind"] for e in pg] == ["image"], pg
assert by["PostgreSQL"]["in_use"] is True
assert by["Docker Compose"]["evidence"][0]["kind"] == "direct", by["Docker Compose"]
PY
done
finish
