#!/bin/bash
# t0562-radar-manifests: the readers of issue 12 beyond Kubernetes and
# Terraform: NuGet projects (PackageReference, a test project's references
# and PrivateAssets build tools as dev, central PackageVersion pins as
# transitive, the project SDK, UseMaui, packages.config), compose files
# (${VAR}, ${VAR:-default} and ${VAR-default} from the .env beside them,
# flow style, folded scalars, every compose file name), mix.exs (only:
# :test is dev), requirements.in, pip-compile --generate-hashes output,
# .tool-versions, .nvmrc, rust-toolchain.toml, global.json, a one-line
# Gradle Kotlin DSL plugins block, a two-part extension (.pkr.hcl).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/src/Api" "$R/src/Api.Tests" "$R/legacy" "$R/stack" "$R/ui" "$R/py" "$R/rs"
cat >"$R/src/Api/Api.csproj" <<'EOF2'
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <UseMaui>true</UseMaui>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" />
    <PackageReference Include="StackExchange.Redis" Version="2.8.0" />
    <PackageReference Include="Microsoft.CodeAnalysis.NetAnalyzers" PrivateAssets="all" />
    <PackageReference Include="Serilog" PrivateAssets="All" />
  </ItemGroup>
</Project>
EOF2
cat >"$R/src/Api.Tests/Api.Tests.csproj" <<'EOF2'
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="xunit" />
    <PackageReference Include="Confluent.Kafka" />
  </ItemGroup>
</Project>
EOF2
cat >"$R/Directory.Packages.props" <<'EOF2'
<Project>
  <ItemGroup>
    <PackageVersion Include="MongoDB.Driver" Version="2.0" />
    <GlobalPackageReference Include="Polly" Version="8.0" />
  </ItemGroup>
</Project>
EOF2
cat >"$R/legacy/packages.config" <<'EOF2'
<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Dapper" version="2.1.0" targetFramework="net48" />
  <package id="NUnit" version="3.0" developmentDependency="true" />
</packages>
EOF2
printf 'DB_IMAGE=postgres:16\n# a comment\nexport MQ=rabbitmq\n' >"$R/stack/.env"
cat >"$R/stack/compose.prod.yaml" <<'EOF2'
services:
  db:
    image: ${DB_IMAGE}
  mq: {image: "${MQ}:3", ports: ["5672"]}
  cache:
    image: ${CACHE_IMAGE:-valkey/valkey:8}
  search:
    image: ${SEARCH-opensearchproject/opensearch}:2
  proxy:
    image: >-
      envoyproxy/envoy:v1.30
  unknown:
    image: ${NOT_SET}
EOF2
cat >"$R/ui/mix.exs" <<'EOF2'
defmodule Ui.MixProject do
  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:floki, ">= 0.30.0", only: :test},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:postgrex, ">= 0.0.0"}
    ]
  end
end
EOF2
printf 'httpx\nflask>=3\n' >"$R/py/requirements.in"
cat >"$R/py/requirements.txt" <<'EOF2'
flask==3.0.0 \
    --hash=sha256:00
    # via -r requirements.in
numpy==1.26.0 \
    --hash=sha256:11 \
    --hash=sha256:22
    # via pandas
EOF2
printf 'nodejs 20.11.0\nterraform 1.7.0\n' >"$R/.tool-versions"
printf '20\n' >"$R/ui/.nvmrc"
printf '[toolchain]\nchannel = "1.80"\n' >"$R/rs/rust-toolchain.toml"
printf '{"sdk": {"version": "8.0.100"}}\n' >"$R/global.json"
mkdir -p "$R/jvm"
printf 'plugins { id("org.springframework.boot") version "3.2.0"; kotlin("jvm") version "2.0.0" }\n' \
	>"$R/jvm/build.gradle.kts"
echo 'source "amazon-ebs" "x" {}' >"$R/jvm/image.pkr.hcl"

run_in "$R" "$ARCHGATE" radar scan --format json
expect_rc 0 "scan the manifests"
check "every reader's findings, with their kinds" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["kind"]) for e in by[name]["evidence"]]
def kinds(name):
    assert name in by, (name, sorted(by))
    return by[name]["kinds"]
assert ("src/Api/Api.csproj", 1, "direct") in ev("ASP.NET Core")       # the project SDK
assert ("src/Api/Api.csproj", 3, "direct") in ev(".NET MAUI")
assert ("src/Api/Api.csproj", 6, "direct") in ev("PostgreSQL")
assert ("src/Api/Api.csproj", 7, "direct") in ev("Redis")
assert kinds("Serilog") == ["dev"], kinds("Serilog")                    # PrivateAssets="All"
assert kinds("xUnit") == ["dev"] and kinds("Apache Kafka") == ["dev"]   # a test project
assert kinds("MongoDB") == ["transitive"], kinds("MongoDB")             # a central pin
assert ("Directory.Packages.props", 4, "direct") in ev("Polly")         # a global reference
assert ("legacy/packages.config", 3, "direct") in ev("Dapper")
assert kinds("NUnit") == ["dev"]
assert ("stack/compose.prod.yaml", 3, "image") in ev("PostgreSQL")      # ${VAR} from .env
assert ("stack/compose.prod.yaml", 4, "image") in ev("RabbitMQ"), ev("RabbitMQ") # flow style, export
assert ("stack/compose.prod.yaml", 6, "image") in ev("Valkey")          # ${VAR:-default}
assert ("stack/compose.prod.yaml", 8, "image") in ev("OpenSearch")      # ${VAR-default}
assert ("stack/compose.prod.yaml", 11, "image") in ev("Envoy")          # folded
assert ("ui/mix.exs", 4, "direct") in ev("Phoenix")
assert ("ui/mix.exs", 7, "direct") in ev("PostgreSQL")
assert kinds("Credo") == ["dev"]
assert ("py/requirements.in", 1, "direct") in ev("HTTPX")
assert ("py/requirements.txt", 1, "direct") in ev("Flask")
assert kinds("NumPy") == ["transitive"], ev("NumPy")                    # via, after hashes
assert (".tool-versions", 1, "direct") in ev("Node.js")
assert ("ui/.nvmrc", 1, "direct") in ev("Node.js")
assert (".tool-versions", 2, "direct") in ev("Terraform")
assert ("rs/rust-toolchain.toml", 1, "direct") in ev("Rust")
assert ("global.json", 1, "direct") in ev(".NET")
assert ("jvm/build.gradle.kts", 1, "dev") in ev("Spring Boot")          # one-line plugins: build tools (ADR 0056)
assert ("jvm/build.gradle.kts", 1, "dev") in ev("Kotlin")
assert ("jvm/image.pkr.hcl", 1, "direct") in ev("Packer")               # a two-part extension
PY
finish
