#!/bin/bash
# t0569-radar-install-commands: the tools install commands name (ADR 0060):
# workflow run: steps (inline and block scalars) are ci, a Dockerfile's
# RUN lines (continued with backslashes) are image, or dev in a dev
# folder's Dockerfile or for a test, quality or tooling tool (by its
# catalog category, as for a manifest's declaration). Only the command's package arguments count: options,
# their values, variables, ${{ }} expressions and other commands name
# nothing, and a local npm install is not a global tool.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/.github/workflows" "$R/.devcontainer" "$R/web"
cat >"$R/.github/workflows/build.yml" <<'EOF2'
jobs:
  cross:
    runs-on: ubuntu-latest
    steps:
      - name: Install qemu
        run: |
          sudo apt-get update
          sudo apt install qemu-user qemu-user-binfmt ${{ matrix.toolchain }} -y
        env:
          X: 1
      - run: sudo apt install mingw-w64 ninja-build -y && npm i -g phantomjs
      - run: npm install vitest
      - run: echo "apt-get install cmake" # a message, not a command
      - name: brew
        run: >
          brew install
          automake
      - run: python3 -m pip install --upgrade black; uv tool install ruff
EOF2
cat >"$R/web/Dockerfile" <<'EOF2'
FROM node:20
RUN apt-get update \
    # the build tools
    && apt-get install -y --no-install-recommends \
       cmake=3.28.* \
    && rm -rf /var/lib/apt/lists/*
RUN yarn global add phantomjs
RUN pip install --no-cache-dir -r requirements.txt gunicorn==22.0
RUN pip install pytest
EOF2
printf 'FROM mcr.microsoft.com/devcontainers/base:ubuntu\nRUN apt-get install -y shellcheck\n' \
	>"$R/.devcontainer/Dockerfile"

run "$ARCHGATE" radar scan "$R" --format json
expect_rc 0 "scan the repository"
check "each installed tool at its install line, of its file's kind" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
W = ".github/workflows/build.yml"
assert ev("QEMU") == [(W, 8, "qemu-user", "ci"), (W, 8, "qemu-user-binfmt", "ci")], ev("QEMU")
assert ev("MinGW-w64") == [(W, 11, "mingw-w64", "ci")], ev("MinGW-w64")
assert ev("Ninja") == [(W, 11, "ninja-build", "ci")], ev("Ninja")
assert ev("PhantomJS") == [(W, 11, "phantomjs", "ci"), ("web/Dockerfile", 7, "phantomjs", "dev")], ev("PhantomJS")  # a test tool
assert ev("Autotools") == [(W, 17, "automake", "ci")], ev("Autotools")
assert ev("Black") == [(W, 18, "black", "ci")], ev("Black")  # python -m pip
assert ev("Ruff") == [(W, 18, "ruff", "ci")], ev("Ruff")     # uv tool install
assert "Vitest" not in by, ev("Vitest")           # npm install without -g
assert ev("CMake") == [("web/Dockerfile", 5, "cmake", "image")], ev("CMake")  # not the echo
assert ev("Gunicorn") == [("web/Dockerfile", 8, "gunicorn", "image")], ev("Gunicorn")
assert ev("pytest") == [("web/Dockerfile", 9, "pytest", "dev")], ev("pytest")  # a test tool
assert ev("ShellCheck") == [(".devcontainer/Dockerfile", 2, "shellcheck", "dev")], ev("ShellCheck")
assert by["CMake"]["in_use"] is True and by["QEMU"]["in_use"] is False
PY
finish
