#!/bin/bash
# t0568-radar-implied: what a dependency brings with it and no lock file
# may say (the catalog's implies column, ADR 0060): a Spring Boot starter
# implies Spring Framework, Spring MVC and Apache Tomcat (web), Hibernate
# (data-jpa), JUnit (the test starters, dev); each implied technology is
# recorded at the starter's line, of its kind, as "via" the starter.
# Microsoft.Extensions.Http.Resilience is Polly's own package.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/api" "$R/svc"
cat >"$R/pom.xml" <<'EOF2'
<project>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-data-jpa</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-test</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
EOF2
cat >"$R/svc/build.gradle" <<'EOF2'
dependencies {
  implementation 'org.springframework.boot:spring-boot-starter-webmvc'
  testImplementation 'org.springframework.boot:spring-boot-starter-webmvc-test'
}
EOF2
printf '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.Extensions.Http.Resilience" />\n  </ItemGroup>\n</Project>\n' \
	>"$R/api/Api.csproj"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "each implied technology at the starter's line, of its kind, via the starter" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
B = "org.springframework.boot:"
web = [("pom.xml", 5, "via " + B + "spring-boot-starter-web", "direct"),
       ("svc/build.gradle", 2, "via " + B + "spring-boot-starter-webmvc", "direct")]
for n in ("Spring Framework", "Spring MVC", "Apache Tomcat"):
    assert ev(n) == web, (n, ev(n))
    assert by[n]["in_use"] is True
assert ev("Hibernate") == [("pom.xml", 9, "via " + B + "spring-boot-starter-data-jpa", "direct")], ev("Hibernate")
assert ev("Spring Data JPA") == [("pom.xml", 9, B + "spring-boot-starter-data-jpa", "direct")]
assert ("pom.xml", 9, "via " + B + "spring-boot-starter-data-jpa", "direct") in ev("Spring Boot"), ev("Spring Boot")
assert ev("JUnit") == [("pom.xml", 13, "via " + B + "spring-boot-starter-test", "dev"),
                       ("svc/build.gradle", 3, "via " + B + "spring-boot-starter-webmvc-test", "dev")], ev("JUnit")
assert by["JUnit"]["in_use"] is False
assert ev("Polly") == [("api/Api.csproj", 3, "Microsoft.Extensions.Http.Resilience", "direct")], ev("Polly")
PY

run "$ARCHGATE" radar scan "$R"
expect_rc 0 "text report"
expect_contains "$OUT" "    pom.xml:5: via org.springframework.boot:spring-boot-starter-web" "the text names what implied it"

run "$ARCHGATE" radar catalog "Spring Boot"
expect_rc 0 "the catalog shows what a pattern brings"
expect_contains "$OUT" "maven:org.springframework.boot:spring-boot-starter-web brings: Spring Framework, Spring MVC, Apache Tomcat" "catalog text"
# check: what only comes with a starter was decided with it, so it is not
# "unlisted" on its own; listed, its ring still counts (Tomcat on Hold).
mkdir -p "$R/arch"
cat >"$R/arch/radar.yaml" <<'EOF2'
entries:
  - {name: Spring Boot, quadrant: languages-and-frameworks, ring: adopt}
  - {name: Apache Tomcat, quadrant: platforms, ring: hold}
EOF2
run_in "$R" "$ARCHGATE" check --phase 3 --format json
check "no radar-unlisted for implied technologies; the Hold counts for Tomcat" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
unlisted = {f["message"].split(" is in use")[0] for f in d["findings"] if f["rule"] == "radar-unlisted"}
for n in ("Spring Framework", "Spring MVC", "Hibernate", "Apache Tomcat"):
    assert n not in unlisted, (n, unlisted)
assert "Polly" in unlisted, unlisted  # its own package, not implied
hold = [(f["file"], f["line"]) for f in d["findings"] if f["rule"] == "radar-hold-in-use"]
assert ("pom.xml", 5) in hold, d["findings"]
PY
finish
