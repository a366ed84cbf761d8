#!/usr/bin/env python3
"""gen-radar-tree.py - a large monorepo for timing `archgate radar scan`.

Writes OUT/ with about FILES files that the scanner reads or walks past:
services in eight languages, each with its manifests (package.json with a
package-lock.json, go.mod, requirements.txt and pyproject.toml, pom.xml,
build.gradle.kts, Cargo.toml with Cargo.lock, composer.json, Gemfile), a
Dockerfile, source trees a few folders deep, Terraform, CI workflows and
Helm charts; plus what the scanner must skip without reading: node_modules
and vendor folders, .gitignore'd build output, a .git folder. OUT/arch
holds a radar.yaml and a small system.yaml so `archgate check` runs too.

Deterministic for a given --seed. Prints the counts as JSON on stdout.

  python3 bench/gen-radar-tree.py --out bench/out/radar-tree --files 100000
"""
import argparse
import json
import os
import random
import shutil

LANGS = {
    # language: (extension, manifest writer name, weight)
    "TypeScript": (".ts", "npm", 5),
    "Go": (".go", "go", 3),
    "Python": (".py", "python", 3),
    "Java": (".java", "maven", 2),
    "Kotlin": (".kt", "gradle", 1),
    "Rust": (".rs", "cargo", 1),
    "PHP": (".php", "composer", 1),
    "Ruby": (".rb", "gem", 1),
}
NPM = ["react", "next", "express", "pg", "redis", "ioredis", "zod", "axios", "jest", "eslint",
       "prettier", "typescript", "@opentelemetry/api", "stripe", "mongoose", "vite", "vitest",
       "lodash", "date-fns", "uuid", "winston", "pino", "dotenv", "cors", "helmet"]
GO = ["github.com/gin-gonic/gin", "github.com/jackc/pgx/v5", "github.com/redis/go-redis/v9",
      "go.opentelemetry.io/otel", "github.com/stretchr/testify", "github.com/google/uuid",
      "github.com/spf13/cobra", "google.golang.org/grpc"]
PY = ["fastapi", "uvicorn", "psycopg", "redis", "pydantic", "sqlalchemy", "pytest", "ruff",
      "pandas", "numpy", "boto3", "requests", "celery", "opentelemetry-sdk"]
MAVEN = [("org.springframework.boot", "spring-boot-starter-web"), ("org.postgresql", "postgresql"),
         ("org.apache.kafka", "kafka-clients"), ("org.junit.jupiter", "junit-jupiter"),
         ("io.micrometer", "micrometer-core"), ("org.projectlombok", "lombok")]
CRATES = ["tokio", "axum", "serde", "tokio-postgres", "redis", "tracing", "anyhow", "clap"]
IMAGES = ["node:20-alpine", "golang:1.22", "python:3.12-slim", "eclipse-temurin:21",
          "rust:1.78", "php:8.3-fpm", "ruby:3.3"]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def service(root, name, lang, rnd, nfiles, stats):
    ext, kind, _ = LANGS[lang]
    base = os.path.join(root, "services", name)
    deps = []
    if kind == "npm":
        deps = rnd.sample(NPM, 10)
        body = ",\n".join('    "%s": "^1.%d.0"' % (d, rnd.randrange(20)) for d in deps)
        write(os.path.join(base, "package.json"),
              '{\n  "name": "%s",\n  "private": true,\n  "dependencies": {\n%s\n  }\n}\n'
              % (name, body))
        pkgs = deps + ["dep-%d" % i for i in range(300)]
        lock = ",\n".join('    "node_modules/%s": {"version": "1.0.%d"}' % (p, i)
                          for i, p in enumerate(pkgs))
        write(os.path.join(base, "package-lock.json"),
              '{\n  "name": "%s",\n  "lockfileVersion": 3,\n  "packages": {\n'
              '    "": {"name": "%s"},\n%s\n  }\n}\n' % (name, name, lock))
        # installed packages the scanner must not read
        for i in range(rnd.randrange(50, 150)):
            write(os.path.join(base, "node_modules", "dep-%d" % i, "package.json"),
                  '{"name": "dep-%d", "dependencies": {"mongodb": "6"}}\n' % i)
            stats["skipped_files"] += 1
        stats["manifests"] += 2
    elif kind == "go":
        deps = rnd.sample(GO, 5)
        write(os.path.join(base, "go.mod"), "module example.com/%s\n\ngo 1.22\n\nrequire (\n%s)\n"
              % (name, "".join("\t%s v1.%d.0\n" % (d, rnd.randrange(9)) for d in deps)))
        for i in range(rnd.randrange(20, 60)):
            write(os.path.join(base, "vendor", "example.com", "v%d" % i, "x.go"), "package x\n")
            stats["skipped_files"] += 1
        stats["manifests"] += 1
    elif kind == "python":
        deps = rnd.sample(PY, 6)
        write(os.path.join(base, "requirements.txt"),
              "".join("%s>=1.%d\n" % (d, rnd.randrange(9)) for d in deps))
        write(os.path.join(base, "pyproject.toml"),
              '[project]\nname = "%s"\nrequires-python = ">=3.11"\ndependencies = [\n%s]\n'
              % (name, "".join('    "%s",\n' % d for d in deps)))
        stats["manifests"] += 2
    elif kind == "maven":
        deps = rnd.sample(MAVEN, 4)
        write(os.path.join(base, "pom.xml"), "<project>\n  <dependencies>\n%s  </dependencies>\n"
              "</project>\n" % "".join(
                  "    <dependency>\n      <groupId>%s</groupId>\n      <artifactId>%s</artifactId>\n"
                  "    </dependency>\n" % d for d in deps))
        stats["manifests"] += 1
    elif kind == "gradle":
        deps = rnd.sample(MAVEN, 3)
        write(os.path.join(base, "build.gradle.kts"), 'plugins {\n    kotlin("jvm") version "1.9.24"\n}\n'
              "dependencies {\n%s}\n" % "".join('    implementation("%s:%s:1.0")\n' % d for d in deps))
        stats["manifests"] += 1
    elif kind == "cargo":
        deps = rnd.sample(CRATES, 5)
        write(os.path.join(base, "Cargo.toml"), '[package]\nname = "%s"\n\n[dependencies]\n%s'
              % (name, "".join('%s = "1"\n' % d for d in deps)))
        write(os.path.join(base, "Cargo.lock"), "version = 3\n\n" + "".join(
            '[[package]]\nname = "%s"\nversion = "1.0.0"\n\n' % d for d in deps + ["c%d" % i for i in range(150)]))
        stats["manifests"] += 2
    elif kind == "composer":
        write(os.path.join(base, "composer.json"),
              '{"require": {"php": "^8.2", "laravel/framework": "^11.0", "predis/predis": "^2"}}\n')
        stats["manifests"] += 1
    elif kind == "gem":
        write(os.path.join(base, "Gemfile"), 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\n'
              'gem "sidekiq"\n')
        stats["manifests"] += 1
    write(os.path.join(base, "Dockerfile"), "FROM %s AS build\nFROM build\n" % rnd.choice(IMAGES))
    stats["manifests"] += 1
    # build output the service's .gitignore hides
    write(os.path.join(base, ".gitignore"), "dist/\n*.log\n")
    for i in range(rnd.randrange(10, 40)):
        write(os.path.join(base, "dist", "chunk-%d.js" % i), "//\n")
        stats["skipped_files"] += 1
    # the sources, a few folders deep
    made = 0
    while made < nfiles:
        depth = rnd.randrange(1, 4)
        parts = ["src"] + ["m%d" % rnd.randrange(3) for _ in range(depth)]
        write(os.path.join(base, *parts, "f%d%s" % (made, ext)), "// %s\n" % name)
        made += 1
    stats["source_files"] += made
    return deps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--files", type=int, default=100000, help="files the scanner walks")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    stats = {"services": 0, "manifests": 0, "source_files": 0, "skipped_files": 0}
    langs = [l for l, v in LANGS.items() for _ in range(v[2])]
    per = 200
    nserv = max(1, a.files // per)
    for s in range(nserv):
        service(a.out, "svc-%04d" % s, rnd.choice(langs), rnd, per - 4, stats)
        stats["services"] += 1
    for i in range(20):
        write(os.path.join(a.out, "infra", "env-%d" % i, "main.tf"),
              'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n'
              '    }\n  }\n}\n\nresource "aws_db_instance" "db" {}\nresource "aws_sqs_queue" "q" {}\n')
        write(os.path.join(a.out, ".github", "workflows", "ci-%d.yml" % i),
              "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n"
              "      - uses: actions/setup-node@v4\n      - uses: hashicorp/setup-terraform@v3\n")
        write(os.path.join(a.out, "charts", "c%d" % i, "Chart.yaml"),
              "apiVersion: v2\nname: c%d\ndependencies:\n  - name: postgresql\n  - name: redis\n" % i)
        stats["manifests"] += 3
    for i in range(2000):   # a .git folder is never entered
        write(os.path.join(a.out, ".git", "objects", "%02x" % (i % 256), "o%d" % i), "x")
        stats["skipped_files"] += 1
    write(os.path.join(a.out, "docker-compose.yml"),
          "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n")
    write(os.path.join(a.out, "arch", "radar.yaml"),
          "# generated by bench/gen-radar-tree.py\nentries:\n" + "".join(
              "  - {name: %s, quadrant: languages-and-frameworks, ring: %s}\n" % (l, r)
              for l, r in (("TypeScript", "adopt"), ("Go", "adopt"), ("Python", "adopt"),
                           ("Java", "trial"), ("Kotlin", "trial"), ("Rust", "trial"),
                           ("PHP", "hold"), ("Ruby", "hold"))) +
          "  - {name: PostgreSQL, quadrant: platforms, ring: adopt}\n"
          "  - {name: MongoDB, quadrant: platforms, ring: hold}\n"
          "  - {name: Redis, quadrant: platforms, ring: adopt}\n")
    write(os.path.join(a.out, "arch", "system.yaml"),
          "system: {name: Monorepo}\nboundaries:\n  style: modular-monolith\n  containers:\n"
          "    - {id: api, name: API, tech: [typescript, postgres]}\n")
    total = sum(len(fs) for _, _, fs in os.walk(a.out))
    stats["files_total"] = total
    stats["files_walked"] = total - stats["skipped_files"]
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
