#!/usr/bin/env bash
# Installs what archgate needs to build (and, with --test, to run its tests)
# from Debian's packages. Skips apt entirely when everything is present, so
# repeated runs are fast and work offline.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config libyaml-dev zlib1g-dev libzstd-dev libsqlite3-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(clang libclang-rt-14-dev python3 libxml2-utils jq adr-tools zstd)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
