#!/usr/bin/env bash
# Installs what archgate needs to build (and, with --test, to run its tests)
# from Debian's packages. Skips apt entirely when everything is present, so
# repeated runs are fast and work offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs=(build-essential cmake ninja-build pkg-config libyaml-dev zlib1g-dev libzstd-dev libsqlite3-dev libcurl4-openssl-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(clang libclang-rt-14-dev python3 libxml2-utils jq adr-tools zstd)
  # archgate diagram's output is checked by the real tools: Graphviz (and
  # --format svg runs it), PlantUML with its bundled C4 library, librsvg
  # to turn the SVG into pixels
  pkgs+=(graphviz plantuml librsvg2-bin)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Mermaid's own parser and renderer for the diagram tests, pinned by
# tests/diagram/package-lock.json (installed once; offline afterwards).
if [ "${1:-}" = "--test" ] && [ -f "$root/tests/diagram/package-lock.json" ] &&
  [ ! -d "$root/tests/diagram/node_modules/mermaid" ]; then
  (cd "$root/tests/diagram" && npm ci --no-audit --no-fund --loglevel=error)
fi
