#!/bin/bash
# t0572-radar-phpunit-sqlite: the database a phpunit.xml or
# phpunit.xml.dist runs the tests on (<env name="DB_CONNECTION"
# value="sqlite"/>, attributes in any order, <server> too) is dev use of it
# (ADR 0060); a commented-out element names nothing.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/api"
cat >"$R/phpunit.xml.dist" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<phpunit bootstrap="vendor/autoload.php">
    <php>
        <env name="APP_ENV" value="testing"/>
        <!-- <env name="DB_CONNECTION" value="mysql"/> -->
        <!--
        <env name="DB_CONNECTION" value="pgsql"/>
        -->
        <env name="DB_CONNECTION" value="sqlite"/>
    </php>
</phpunit>
EOF2
printf '<phpunit>\n  <php>\n    <server value="mariadb" name="DB_CONNECTION" force="true"/>\n  </php>\n</phpunit>\n' \
	>"$R/api/phpunit.xml"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "the test database, dev, at its line" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
assert ev("SQLite") == [("phpunit.xml.dist", 9, '<env name="DB_CONNECTION" value="sqlite"/>', "dev")], ev("SQLite")
assert ev("MariaDB") == [("api/phpunit.xml", 3, '<server value="mariadb" name="DB_CONNECTION" force="true"/>', "dev")], ev("MariaDB")
assert "MySQL" not in by and "PostgreSQL" not in by, sorted(by)
assert by["SQLite"]["in_use"] is False
PY
finish
