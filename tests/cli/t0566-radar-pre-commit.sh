#!/bin/bash
# t0566-radar-pre-commit: the hooks of a .pre-commit-config.yaml (block and
# flow style, quoted ids, comments) are ci evidence of the tools they run,
# each at its id's line; pre-commit itself is dev; an unknown hook names
# nothing; `check` does not gate a hook's tool by default (ADR 0056). And a
# Terraform data source is infra evidence of the service it reads.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/arch" "$R/infra"
cat >"$R/.pre-commit-config.yaml" <<'EOF2'
# hooks run before each commit and in CI
repos:
  - repo: https://example.com/hooks/terraform
    rev: v1.0.0
    hooks:
      - id: terraform_fmt
      - id: terraform_docs
        args: ['--args=--lockfile=false']
      - id: terraform_tflint   # the linter
  - repo: https://example.com/hooks/python
    rev: v0.4.0
    hooks:
      - id: "ruff"
      - {id: ruff-format}
      - id: 'shellcheck'
  - repo: local
    hooks:
      - id: our-own-check
        name: our own check
        entry: ./check.sh
        language: script
EOF2
printf 'resource "aws_s3_bucket" "b" {}\ndata "aws_ssoadmin_instances" "this" {}\n' >"$R/infra/main.tf"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "each hook is ci evidence of its tool, at its line" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
P = ".pre-commit-config.yaml"
assert ev("terraform-docs") == [(P, 7, "terraform_docs", "ci")], ev("terraform-docs")
assert ev("TFLint") == [(P, 9, "terraform_tflint", "ci")], ev("TFLint")
assert (P, 6, "terraform_fmt", "ci") in ev("Terraform")
assert "direct" in by["Terraform"]["kinds"]  # infra/main.tf is the product's
assert ev("Ruff") == [(P, 13, "ruff", "ci"), (P, 14, "ruff-format", "ci")], ev("Ruff")
assert ev("ShellCheck") == [(P, 15, "shellcheck", "ci")], ev("ShellCheck")
assert by["pre-commit"]["kinds"] == ["dev"], by["pre-commit"]
# a Terraform data source is infra use of the service it reads
assert ev("AWS IAM Identity Center") == [("infra/main.tf", 2, "aws_ssoadmin_instances", "infra")]
assert not any("our-own-check" in e["match"] for t in d["technologies"] for e in t["evidence"])
PY

cat >"$R/arch/radar.yaml" <<'EOF2'
entries:
  - {name: TFLint, quadrant: tools, ring: hold}
EOF2
run "$ARCHGATE" check --dir "$R/arch"
expect_not_contains "$OUT" "TFLint is in the radar's Hold ring" "a hook is ci, not in use"
finish
