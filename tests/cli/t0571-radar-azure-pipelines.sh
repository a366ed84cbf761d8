#!/bin/bash
# t0571-radar-azure-pipelines: an Azure Pipelines pipeline under any file
# name is found by its content (a top-level trigger:, pr:, pool:, stages:,
# jobs: or steps: and a task: or vmImage:), as ci at the top-level key's
# line; what its script steps install is ci. A GitLab CI file (stages:
# and script:, no task) and a Kubernetes manifest are not pipelines.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/.azure/pipelines" "$R/deploy"
cat >"$R/ci.yml" <<'EOF2'
# Configure which branches trigger builds
trigger:
  batch: true
extends:
  template: v1/Pipeline.yml@templates
  parameters:
    stages:
      - stage: build
        jobs:
          - job: Build
            steps:
              - task: UseDotNet@2
              - script: dotnet build
EOF2
cat >"$R/.azure/pipelines/nightly.yml" <<'EOF2'
pool:
  vmImage: ubuntu-latest
steps:
  - bash: |
      sudo apt-get install -y ninja-build
EOF2
printf 'stages:\n  - test\ntest:\n  script:\n    - make test\n' >"$R/build.yml"
printf 'apiVersion: batch/v1\nkind: Job\nspec:\n  steps:\n    - task: x\n' >"$R/deploy/job.yaml"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "the pipelines by their content, as ci" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
assert ev("Azure Pipelines") == [(".azure/pipelines/nightly.yml", 1, "nightly.yml", "ci"),
                                 ("ci.yml", 2, "ci.yml", "ci")], ev("Azure Pipelines")
assert by["Azure Pipelines"]["in_use"] is False
assert ev("Ninja") == [(".azure/pipelines/nightly.yml", 5, "ninja-build", "ci")], ev("Ninja")
PY
finish
