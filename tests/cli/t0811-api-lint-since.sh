#!/bin/bash
# t0811-api-lint-since: `archgate api lint` for teams with findings already:
# --write-baseline records them and --baseline fails only on new ones;
# --since REF reports only findings on lines changed since a git revision
# (a spec that REF does not have is all new).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
mkdir -p "$T/r" && cd "$T/r" || exit 1
git init -q .
cat > openapi.yaml <<'YAML'
openapi: 3.1.0
info: {title: Legacy, version: '1'}
servers: [{url: /v1}]
paths:
  /old:
    get:
      responses:
        '200': {description: ok}
YAML
git add -A && git -c user.name=t -c user.email=t@example.test commit -qm one

run "$ARCHGATE" api lint openapi.yaml
expect_rc 1 "the legacy spec fails"
expect_line "$OUT" "  openapi.yaml:8:9: error: GET /old: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "its finding"

run "$ARCHGATE" api lint --write-baseline api-baseline.json openapi.yaml
expect_rc 0 "--write-baseline records the findings"
expect_line "$OUT" "2 findings recorded in api-baseline.json" "and says how many"
check "the baseline is archgate's" jq -e '.archgate == "baseline" and (.findings | length == 2)' api-baseline.json
run "$ARCHGATE" api lint --baseline api-baseline.json openapi.yaml
expect_rc 0 "known findings do not fail"
expect_first_line "$OUT" "0 errors, 0 warnings, 0 notes (2 known: in the baseline); check passed" "they are counted as known"

# a new operation without error responses, and lines moved
cat > openapi.yaml <<'YAML'
openapi: 3.1.0
info: {title: Legacy, version: '2'}
servers: [{url: /v1}]
paths:
  /new:
    get:
      responses:
        '200': {description: ok}
        '404': {description: missing}
  /old:
    get:
      responses:
        '200': {description: ok}
YAML
run "$ARCHGATE" api lint --baseline api-baseline.json openapi.yaml
expect_rc 1 "a new finding fails despite the baseline"
expect_line "$OUT" "  openapi.yaml:8:9: error: GET /new: declares no 5xx or default response; say how a failure is answered [api-error-responses]" "the new one"
expect_contains "$OUT" "(2 known: in the baseline)" "the old ones are still known, though their lines moved"

run "$ARCHGATE" api lint --since HEAD openapi.yaml
expect_rc 1 "--since HEAD: the new lines' findings"
expect_line "$OUT" "  openapi.yaml:8:9: error: GET /new: declares no 5xx or default response; say how a failure is answered [api-error-responses]" "the changed lines' finding"
expect_not_contains "$OUT" "GET /old" "not the unchanged operation's"
expect_contains "$ERR" "2 findings on lines unchanged since HEAD not shown" "says what it left out"

git add -A && git -c user.name=t -c user.email=t@example.test commit -qm two
run "$ARCHGATE" api lint --since HEAD openapi.yaml
expect_rc 0 "nothing changed since HEAD: nothing reported"

cp openapi.yaml fresh.yaml
run "$ARCHGATE" api lint --since HEAD fresh.yaml
expect_rc 1 "a spec HEAD does not have is all new"
expect_contains "$OUT" "fresh.yaml:13:9: error: GET /old" "every finding"

run "$ARCHGATE" api lint --since no-such-rev openapi.yaml
expect_rc 2 "--since a revision that does not exist"
expect_contains "$ERR" "--since 'no-such-rev': git cannot diff against it" "says so"
run "$ARCHGATE" api lint --baseline missing.json openapi.yaml
expect_rc 2 "--baseline a file that does not exist"
echo '{"nope": 1' > bad.json
run "$ARCHGATE" api lint --baseline bad.json openapi.yaml
expect_rc 2 "--baseline a malformed file"

finish
