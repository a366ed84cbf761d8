#!/usr/bin/env bash
# Installs what archgate needs to build (and, with --test, to run its tests)
# from Debian's packages, and with --test the tests' npm packages. Skips apt
# and npm entirely when everything is present, so repeated runs are fast and
# work offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs=(build-essential cmake ninja-build pkg-config libyaml-dev zlib1g-dev libzstd-dev liblzma-dev libbz2-dev libsqlite3-dev libcurl4-openssl-dev libmd4c-dev libmicrohttpd-dev)
if [ "${1:-}" = "--test" ]; then
  # git: the history rules, review and the tests' repositories; faketime and
  # tzdata: scripts/test.sh runs the suite a year ahead and in another zone
  pkgs+=(clang libclang-rt-14-dev python3 libxml2-utils jq adr-tools zstd xz-utils bzip2 git faketime tzdata)
  # archgate diagram's output is checked by the real tools: Graphviz (and
  # --format svg runs it), PlantUML with its bundled C4 library, librsvg
  # to turn the SVG into pixels
  pkgs+=(graphviz plantuml librsvg2-bin)
  # init's guided Phase 1 is driven on a real terminal (t0016)
  pkgs+=(tmux)
  # archgate site and serve are tested in a real browser (playwright-core
  # drives Debian's chromium) and under load (wrk)
  pkgs+=(chromium wrk curl)
  # archgate slo rules' output is checked by promtool (check rules, test
  # rules) from Debian's Prometheus
  pkgs+=(prometheus)
  # archgate probe is tested against real servers on 127.0.0.1 (t0820):
  # nginx serving expositions and its own error pages, the Pushgateway's and
  # Prometheus' own /metrics, and node-exporter's, whose lint findings are
  # compared with promtool's
  pkgs+=(nginx prometheus-pushgateway prometheus-node-exporter)
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

# npm_ci DIR: `npm ci` in DIR, only when DIR/node_modules is missing or was
# installed from another package-lock.json. A copy of the lock file that
# was installed is kept inside node_modules (npm ci removes the folder
# first, so a failed install leaves no stamp), so a second run needs no
# network.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.archgate-installed-lock.json
  [ -f "$dir/package-lock.json" ] || return 0
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  echo "npm ci in ${dir#"$root"/}" >&2
  # puppeteer (the Mermaid CLI's browser driver, t0942-t0944) would download
  # a browser of its own on install: the tests use Debian's chromium
  (cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}
if [ "${1:-}" = "--test" ]; then
  npm_ci "$root/tests"         # the SARIF 2.1.0 schema validator (t0050), the Mermaid CLI (t0942)
  npm_ci "$root/tests/diagram" # Mermaid's parser and renderer (t0430)
fi
