#!/bin/bash
# t0565-radar-tool-files: what a tool's own file, a test/docs/examples
# folder and a build plugin say about use (ADR 0056): a CI service's or a
# dependency bot's file is ci; a linter's, a test tool's, a docs
# generator's or a workstation tool's file or declaration is dev; whatever
# a tests/, docs/, examples/ or tools/ folder declares or holds is dev; a
# tool's config written as code (*.config.ts) says nothing about the
# product's language; a config file of a tool declared as a devDependency
# is dev, and so is the lock file of a package.json that declares only
# devDependencies; Maven <build> plugins and Gradle plugins and tool configurations
# are dev; engines.node is direct only where something runs on Node.js;
# below src/main/ folders are package names, not dev folders (ADR 0060).
# `check` gates none of them by default, and does with radar.in_use.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/arch" "$R/.github/workflows" "$R/.devcontainer" "$R/docs/guide" "$R/tests/load" \
	"$R/e2e" "$R/src" "$R/tools" "$R/web" "$R/api" "$R/jvm" "$R/Shop.UnitTests"
printf 'jobs:\n  build:\n    runs-on: ubuntu-latest\n' >"$R/.github/workflows/build.yml"
printf 'version: 2\n' >"$R/.github/dependabot.yml"
printf 'steps:\n  - name: gcr.io/cloud-builders/docker\n' >"$R/cloudbuild.yaml"
printf 'root = true\n' >"$R/.editorconfig"
printf 'parameters:\n  level: 5\n' >"$R/phpstan.neon.dist"
printf 'site_name: Shop\n' >"$R/mkdocs.yml"
printf '{"name": "shop"}\n' >"$R/.devcontainer/devcontainer.json"
printf 'FROM mcr.microsoft.com/devcontainers/base:ubuntu\n' >"$R/.devcontainer/Dockerfile"
printf 'sphinx==7.0.1\nrequests==2.32.0\n' >"$R/docs/requirements.txt"
echo 'project = "shop"' >"$R/docs/guide/conf.py"
echo '<jmeterTestPlan/>' >"$R/tests/load/plan.jmx"
echo 'export {}' >"$R/e2e/login.spec.ts"
echo 'export default {}' >"$R/playwright.config.ts"
echo 'print("shop")' >"$R/src/app.py"
echo 'print("gen")' >"$R/tools/gen.py"
printf '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Npgsql" Version="8.0.0" />\n  </ItemGroup>\n</Project>\n' \
	>"$R/Shop.UnitTests/Shop.UnitTests.csproj"
cat >"$R/web/package.json" <<'EOF2'
{
  "scripts": {"build": "vite build"},
  "engines": {"node": ">=20"},
  "dependencies": {"vue": "^3"},
  "devDependencies": {"postcss": "^8", "vite": "^5"}
}
EOF2
echo 'module.exports = {}' >"$R/web/postcss.config.cjs"
cat >"$R/api/package.json" <<'EOF2'
{
  "main": "server.js",
  "engines": {"node": ">=20"},
  "dependencies": {"pg": "^8"}
}
EOF2
# a package.json for the end-to-end tests only: its lock file is dev npm;
# the web front end's pnpm lock is direct
mkdir -p "$R/e2e-tools"
printf '{"devDependencies": {"@playwright/test": "^1"}}\n' >"$R/e2e-tools/package.json"
printf '{"lockfileVersion": 3}\n' >"$R/e2e-tools/package-lock.json"
printf 'lockfileVersion: 9.0\n' >"$R/web/pnpm-lock.yaml"
cat >"$R/jvm/pom.xml" <<'EOF2'
<project>
  <dependencies>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.jacoco</groupId>
        <artifactId>jacoco-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
EOF2
cat >"$R/jvm/build.gradle" <<'EOF2'
plugins {
  id 'org.springframework.boot' version '3.3.0'
}
dependencies {
  implementation 'com.google.guava:guava:33.0.0-jre'
  checkstyle 'com.puppycrawl.tools:checkstyle:10.12.0'
  developmentOnly 'org.springframework.boot:spring-boot-devtools'
}
EOF2

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "every tool's file and folder has the use it shows" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def kinds(name):
    assert name in by, (name, sorted(by))
    return by[name]["kinds"]
def ev(name):
    return [(e["file"], e["kind"], e["from"]) for e in by[name]["evidence"]]
# a CI service's and a dependency bot's own file: ci
assert kinds("GitHub Actions") == ["ci"], ev("GitHub Actions")
assert kinds("Dependabot") == ["ci"]
assert kinds("Google Cloud Build") == ["ci"]
# a linter's, a docs generator's, a workstation tool's file: dev
for name in ("EditorConfig", "PHPStan", "MkDocs", "devcontainers", "Apache JMeter"):
    assert kinds(name) == ["dev"], (name, ev(name))
# what docs/ declares, what a test project declares: dev
assert kinds("Sphinx") == ["dev"] and kinds("Requests") == ["dev"]
assert ("Shop.UnitTests/Shop.UnitTests.csproj", "dev", "manifest") in ev("PostgreSQL")
# languages: a test, a tool config, a tools/ script are dev; src/ is direct
assert kinds("TypeScript") == ["dev"], ev("TypeScript")
assert by["TypeScript"]["in_use"] is False
assert "direct" in kinds("Python") and ("tools/gen.py", "dev", "source") in ev("Python")
assert ("docs/guide/conf.py", "dev", "source") in ev("Python")
# a config file of a tool declared as a devDependency: dev
assert kinds("PostCSS") == ["dev"], ev("PostCSS")
# engines.node: dev for a front end Node.js builds, direct for a server
assert ("web/package.json", "dev", "manifest") in ev("Node.js"), ev("Node.js")
assert ("api/package.json", "direct", "manifest") in ev("Node.js"), ev("Node.js")
# a package manager's lock file beside devDependencies only: dev
assert kinds("npm") == ["dev"], ev("npm")
assert kinds("pnpm") == ["direct"], ev("pnpm")
# build plugins and tool configurations: dev
assert kinds("JaCoCo") == ["dev"] and kinds("Checkstyle") == ["dev"]
assert ("jvm/build.gradle", "dev", "manifest") in ev("Spring Boot")
assert ("jvm/pom.xml", "direct", "manifest") in ev("PostgreSQL")
assert by["Guava"]["in_use"] is True
# the Dockerfile of a dev container is dev
assert kinds("Docker") == ["dev"], ev("Docker")
PY

# check: a Hold on tools found only in ci/dev evidence does not fire; a Hold
# on what the product declares does, and radar.in_use can count ci and dev.
cat >"$R/arch/radar.yaml" <<'EOF2'
entries:
  - {name: GitHub Actions, quadrant: tools, ring: hold}
  - {name: JaCoCo, quadrant: tools, ring: hold}
  - {name: TypeScript, quadrant: languages-and-frameworks, ring: hold}
  - {name: PostgreSQL, quadrant: platforms, ring: hold}
EOF2
run "$ARCHGATE" check --dir "$R/arch"
expect_rc 1 "check fails on the Hold in use"
expect_contains "$OUT" "PostgreSQL is in the radar's Hold ring" "the product's PostgreSQL fails"
expect_not_contains "$OUT" "GitHub Actions is in the radar" "a workflow file is ci, not in use"
expect_not_contains "$OUT" "JaCoCo is in the radar" "a build plugin is dev, not in use"
expect_not_contains "$OUT" "TypeScript is in the radar" "a test and a tool config are dev"
printf 'radar:\n  in_use: [direct, image, infra, ci, dev]\n' >"$R/arch/archgate.yaml"
run "$ARCHGATE" check --dir "$R/arch"
expect_rc 1 "check with ci and dev counted"
expect_contains "$OUT" "GitHub Actions is in the radar's Hold ring" "radar.in_use counts the workflow"
expect_contains "$OUT" "JaCoCo is in the radar's Hold ring" "radar.in_use counts the plugin"

# below a Maven/Gradle main source set, a folder named samples or tools is
# a Java package, not a dev folder (spring-petclinic's
# org/springframework/samples/petclinic); src/test and examples/ still are
J=$T/jvm
mkdir -p "$J/src/main/java/org/acme/samples/tools" "$J/src/test/java/org/acme" "$J/examples/demo/src/main/java"
echo 'class App {}' >"$J/src/main/java/org/acme/samples/tools/App.java"
echo 'class AppTest {}' >"$J/src/test/java/org/acme/AppTest.java"
echo 'class Demo {}' >"$J/examples/demo/src/main/java/Demo.java"
run "$ARCHGATE" radar scan "$J" --format json
expect_rc 0 "scan a Java tree with a samples package"
check "the main source set's Java is direct, the tests' and examples' dev" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
java = {t["name"]: t for t in d["technologies"]}["Java"]
ev = sorted((e["file"], e["kind"]) for e in java["evidence"])
assert ev == [("examples/demo/src/main/java/Demo.java", "dev"),
              ("src/main/java/org/acme/samples/tools/App.java", "direct"),
              ("src/test/java/org/acme/AppTest.java", "dev")], ev
assert java["in_use"] is True
PY
finish
