#!/bin/bash
# t0567-radar-corpus-patterns: patterns the issue-12 corpus showed the scan
# missing, each in a repository of our own: an OpenAPI document under any
# name (its first key), a vendored angular.min.js, a pkg-config template
# a C library ships (*.pc.in), composer and npm packages of services and
# libraries added to the catalog (Dropbox, Fuse.js, Font Awesome through a
# WebJar, Thymeleaf and Spring Data JPA through their Spring Boot starters);
# the database a Laravel .env.example or a Rails config/database.yml names.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/api-docs" "$R/views" "$R/lib" "$R/web" "$R/jvm" "$R/k8s" "$R/rails/config"
printf 'APP_NAME=shop\n# DB_CONNECTION=sqlite\nDB_CONNECTION=mysql\n' >"$R/.env.example"
printf 'default: &default\n  adapter: postgresql\n  pool: 5\n' >"$R/rails/config/database.yml"
printf '# the public API\nopenapi: 3.0.0\ninfo:\n  title: Shop\n' >"$R/api-docs/shop.yaml"
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: openapi\n' >"$R/k8s/svc.yaml"
echo '/* vendored */' >"$R/views/angular.min.js"
printf 'Name: libshop\nVersion: @VERSION@\n' >"$R/lib/libshop.pc.in"
printf '{"require": {"spatie/flysystem-dropbox": "^3"}}\n' >"$R/composer.json"
printf '{"dependencies": {"fuse.js": "^7"}}\n' >"$R/web/package.json"
cat >"$R/jvm/pom.xml" <<'EOF2'
<project>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-thymeleaf</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-data-jpa</artifactId>
    </dependency>
    <dependency>
      <groupId>org.webjars.npm</groupId>
      <artifactId>font-awesome</artifactId>
    </dependency>
  </dependencies>
</project>
EOF2

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "each pattern names its technology at its line" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["kind"]) for e in by[name]["evidence"]]
assert ev("OpenAPI") == [("api-docs/shop.yaml", 2, "direct")], ev("OpenAPI")  # not the Service
assert ev("AngularJS") == [("views/angular.min.js", 1, "direct")], ev("AngularJS")
assert ("lib/libshop.pc.in", 1, "direct") in ev("pkg-config"), ev("pkg-config")
assert ev("Dropbox") == [("composer.json", 1, "direct")]
assert ev("Fuse.js") == [("web/package.json", 1, "direct")]
assert ev("Thymeleaf") == [("jvm/pom.xml", 5, "direct")], ev("Thymeleaf")
assert ev("Spring Data JPA") == [("jvm/pom.xml", 9, "direct")]
assert ev("Font Awesome") == [("jvm/pom.xml", 13, "direct")]
assert "Bootstrap" not in by
assert ev("MySQL") == [(".env.example", 3, "direct")], ev("MySQL")  # not the comment
assert ev("PostgreSQL") == [("rails/config/database.yml", 2, "direct")], ev("PostgreSQL")
assert "SQLite" not in by
PY
finish
