#!/bin/bash
# t0551-radar-corpus: bench/radar-corpus.sh on two tiny hand-made
# repositories and their truth files (the format is in the script's
# header): it prints truth size, found, precision, recall, false in-use
# findings and time per repository, and the same numbers as JSON.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

C=$T/checkouts
mkdir -p "$C/shop/.github/workflows" "$C/shop/web" "$C/ledger/src" "$T/truth"
cat >"$C/shop/web/package.json" <<'JSON'
{"dependencies": {"express": "^4", "pg": "^8"}, "devDependencies": {"jest": "^29"}}
JSON
echo 'x' >"$C/shop/web/server.js"
printf 'FROM node:20\n' >"$C/shop/Dockerfile"
printf 'jobs:\n  t:\n    steps:\n      - uses: shivammathur/setup-php@v2\n' >"$C/shop/.github/workflows/ci.yml"
cat >"$T/truth/shop.truth" <<'TRUTH'
# technology | kind | core
Express      | direct
Postgres     | direct | core
JavaScript   | direct | core
Node.js      | image  | core
Jest         | dev
Docker       | direct
Redis        | direct | core
GitHub Actions | direct
TRUTH
printf '[dependencies]\ntokio = "1"\n' >"$C/ledger/Cargo.toml"
printf '[[package]]\nname = "tokio"\n\n[[package]]\nname = "wasm-bindgen"\n' >"$C/ledger/Cargo.lock"
echo 'fn main() {}' >"$C/ledger/src/main.rs"
printf 'Rust | direct | core\nTokio\n' >"$T/truth/ledger.truth"
mkdir -p "$C/no-truth"

run env PATH=/usr/bin:/bin ARCHGATE="$ARCHGATE" bash "$AG_SRC/bench/radar-corpus.sh" "$C" "$T/truth"
expect_rc 0 "the corpus script runs"
expect_contains "$ERR" "no no-truth.truth, no-truth skipped" "a checkout without truth is skipped, said"
expect_match "$OUT" '^shop +8 +[0-9]+ ' "one row per repository: name, truth size, found"
expect_contains "$OUT" "missed:       Redis" "what the scan missed is named"
expect_contains "$OUT" "(cdxgen not installed" "the missing comparison tools are said"

run env PATH=/usr/bin:/bin ARCHGATE="$ARCHGATE" bash "$AG_SRC/bench/radar-corpus.sh" "$C" "$T/truth" --json
expect_rc 0 "--json"
check "the numbers: precision, recall (all, core, direct), false in use" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {r["repo"]: r for r in d["repos"]}
shop, ledger = by["shop"], by["ledger"]
assert shop["truth"] == 8 and "Redis" in shop["missed"], shop
assert shop["recall_core"] == 0.75, shop            # Redis missed of 4 core
assert "PHP" in shop["noise"] and shop["false_in_use"] == 0, shop   # setup-php is ci
assert ledger["truth"] == 2 and ledger["recall"] == 1.0, ledger
assert "WebAssembly" in ledger["noise"] and ledger["false_in_use"] == 0, ledger
assert 0 < shop["precision"] < 1 and isinstance(shop["ms"], int)
assert d["summary"]["repos"] == 2
PY

run bash "$AG_SRC/bench/radar-corpus.sh" "$C"
expect_rc 2 "a missing argument is a usage error"
finish
