#!/bin/bash
# t0564-radar-cmake: the CMake reader (CMakeLists.txt and *.cmake):
# pkg_check_modules and pkg_search_module module lists (prefix, keywords,
# version constraints glued and apart, several lines, comments) as
# pkgconfig: evidence; find_package, find_dependency and
# FetchContent_Declare (by its name, else its GIT_REPOSITORY) as cmake:
# evidence; bracket comments, strings and ${VAR} arguments name nothing;
# a radar mapping may use both ecosystems; archgate's own tree.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/arch" "$R/cmake" "$R/tests"
cat >"$R/CMakeLists.txt" <<'EOF2'
cmake_minimum_required(VERSION 3.20)
project(demo C CXX)
find_package(PkgConfig REQUIRED)
pkg_check_modules(DEPS REQUIRED IMPORTED_TARGET
  libcurl>=7.80   # the HTTP client
  yaml-0.1
  "sqlite3 >= 3.40"
  zlib libzstd>1.5 liblzma)
PKG_CHECK_MODULES(SITE QUIET md4c libmicrohttpd >= 0.9.70 ${EXTRA_MODULE})
pkg_search_module(SSL REQUIRED openssl libssl)
pkg_check_modules(PQ libpq;protobuf)
find_package(Threads REQUIRED)
find_package(BZip2 REQUIRED)
find_package (Boost 1.80 REQUIRED COMPONENTS system)
find_package(${LOCAL_PACKAGE})
#[[ pkg_check_modules(OLD REQUIRED libfyaml)
    find_package(Qt6) ]]
# find_package(OpenMP)
message(STATUS "pkg_check_modules(X hiredis)")
include(FetchContent)
FetchContent_Declare(
  googletest
  GIT_REPOSITORY https://github.com/google/googletest.git
  GIT_TAG v1.15.2)
FetchContent_Declare(jsonlib GIT_REPOSITORY https://github.com/nlohmann/json.git)
EOF2
cat >"$R/cmake/deps.cmake" <<'EOF2'
include(CMakeFindDependencyMacro)
find_dependency(gRPC CONFIG)
pkg_check_modules(ACME REQUIRED acme-rpc)
EOF2
cat >"$R/arch/radar.yaml" <<'EOF2'
entries:
  - {name: libcurl, quadrant: languages-and-frameworks, ring: adopt}
mappings:
  - {technology: Acme RPC, match: ["pkgconfig:acme-rpc", "cmake:AcmeRpc"]}
EOF2

run_in "$R" "$ARCHGATE" radar scan --format json
expect_rc 0 "scan the CMake files"
check "every command's findings, at their lines" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["match"], e["kind"]) for e in by[name]["evidence"]]
L = "CMakeLists.txt"
assert (L, 3, "PkgConfig", "direct") in ev("pkg-config")
assert (L, 5, "libcurl", "direct") in ev("libcurl"), ev("libcurl")
assert (L, 6, "yaml-0.1", "direct") in ev("libyaml")
assert (L, 7, "sqlite3", "direct") in ev("SQLite"), ev("SQLite")
assert (L, 8, "zlib", "direct") in ev("zlib")
assert (L, 8, "libzstd", "direct") in ev("zstd")
assert (L, 8, "liblzma", "direct") in ev("XZ Utils")
assert (L, 9, "md4c", "direct") in ev("md4c")
assert (L, 9, "libmicrohttpd", "direct") in ev("libmicrohttpd")
assert [e[1] for e in ev("OpenSSL")] == [10, 10], ev("OpenSSL")
assert (L, 11, "libpq", "direct") in ev("PostgreSQL"), ev("PostgreSQL")
assert (L, 11, "protobuf", "direct") in ev("Protocol Buffers")
assert (L, 13, "BZip2", "direct") in ev("bzip2")
assert (L, 14, "Boost", "direct") in ev("Boost")
assert (L, 22, "googletest", "dev") in ev("GoogleTest"), ev("GoogleTest")  # a test framework is dev wherever it is declared (ADR 0056)
assert (L, 25, "https://github.com/nlohmann/json.git", "direct") in ev("nlohmann json")
assert ("cmake/deps.cmake", 2, "gRPC", "direct") in ev("gRPC")
assert ("cmake/deps.cmake", 3, "acme-rpc", "direct") in ev("Acme RPC")   # a mapping
for name in ("libfyaml", "Qt", "OpenMP", "hiredis", "Threads"):           # comments, strings
    assert name not in by, (name, by.get(name))
# a module is not its constraint: no evidence matched the versions
for t in d["technologies"]:
    for e in t["evidence"]:
        assert e["match"] not in (">=", "0.9.70", "3.40"), e
PY

printf 'entries: []\nmappings:\n  - {technology: X, match: ["pkgconf:x"]}\n' >"$R/arch/radar.yaml"
run_in "$R" "$ARCHGATE" radar scan
expect_rc 2 "an unknown ecosystem is an error"
expect_contains "$ERR" "pkgconfig, cmake," "the message names the new ecosystems"

# archgate's own CMakeLists.txt: every library we link, at its line
run_in "$AG_SRC" "$ARCHGATE" radar scan --format json
expect_rc 0 "scan archgate itself"
check "archgate's libraries come from its CMakeLists.txt" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
for name in ("libcurl", "libyaml", "SQLite", "zlib", "zstd", "md4c", "libmicrohttpd",
             "XZ Utils", "bzip2"):
    assert name in by, (name, sorted(by))
    assert any(e["file"] == "CMakeLists.txt" and e["kind"] == "direct"
               for e in by[name]["evidence"]), (name, by[name]["evidence"])
    assert by[name]["ring"] == "adopt", (name, by[name]["ring"])
PY
finish
