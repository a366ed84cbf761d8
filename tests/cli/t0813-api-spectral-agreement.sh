#!/bin/bash
# t0813-api-spectral-agreement: `archgate api lint` against Spectral (npm
# @stoplight/spectral-cli, pinned in tests/package-lock.json) on specs
# written after the patterns of real ones (tests/cli/fixtures/api-agree/),
# rule by rule for the rules both have, through bench/api-agree.sh. The
# golden file is the agreement docs/api.md explains: the same findings,
# at the same lines except where the tools place them differently by
# design (a path parameter at the path or at the operation, Swagger's
# missing host at the value or at the document, a wrong example value at
# the value or at its item), and a security scheme nobody uses, which only
# archgate looks for.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

SPECTRAL=$AG_TESTS/node_modules/.bin/spectral
[ -x "$SPECTRAL" ] || skip_all "Spectral is not installed (scripts/deps.sh --test runs npm ci in tests/)"
command -v python3 >/dev/null || skip_all "python3 is not installed"

cp -r "$FIXTURES/api-agree" "$T/specs"
run env ARCHGATE="$ARCHGATE" SPECTRAL="$SPECTRAL" bash "$AG_SRC/bench/api-agree.sh" "$T/specs"
expect_rc 0 "the comparison runs"
expect_golden api-spectral-agreement.txt "$OUT" "the agreement, rule by rule, and every difference"
finish
