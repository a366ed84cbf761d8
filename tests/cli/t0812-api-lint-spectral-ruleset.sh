#!/bin/bash
# t0812-api-lint-spectral-ruleset: a team's .spectral.yaml is honoured by
# `archgate api lint` for the rules archgate has (Spectral and Redocly
# names mapped to api-* ones; error/warn/info/hint/off, 0-3, true/false,
# {severity:}; overrides per file glob); what it cannot apply (custom
# given/then rules, other rulesets, JSON-pointer file patterns) is named
# once on stderr; a bad severity is exit 2.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

cp "$FIXTURES/api/broken.yaml" "$T/broken.yaml"
cd "$T" || exit 1
cat > .spectral.yaml <<'YAML'
extends: [[spectral:oas, recommended], "./company-rules.yaml"]
rules:
  oas3-api-servers: error
  path-params: off
  oas3-unused-component: info
  operation-4xx-response: warn
  info-contact: off
  invalid-ref: {severity: 1}
  my-custom:
    description: tags on every operation
    given: $.paths[*][*]
    then: {field: tags, function: truthy}
overrides:
  - files: ["legacy/**"]
    rules: {path-params: off}
YAML

run "$ARCHGATE" api lint --no-ruleset broken.yaml
expect_line "$OUT" "13 errors, 2 warnings, 0 notes" "without the ruleset: archgate's own severities"

run "$ARCHGATE" api lint broken.yaml
expect_rc 1 "with .spectral.yaml found in the current folder"
expect_line "$OUT" "  broken.yaml:1:10: error: no servers: the spec does not say where the API is served (servers: [{url: https://api.example.com}]) [api-servers]" "oas3-api-servers: error raises api-servers"
expect_not_contains "$OUT" "[api-path-params]" "path-params: off turns api-path-params off"
expect_line "$OUT" "  broken.yaml:42:5: note: components/schemas/Unused is referenced by no \$ref [api-unused-component]" "info is a note"
expect_line "$OUT" "  broken.yaml:22:9: warning: GET /pets: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "Redocly's operation-4xx-response maps to api-error-responses"
expect_contains "$OUT" "broken.yaml:33:23: warning: \$ref '#/components/responses/Missing' does not resolve" "{severity: 1} is warn"
expect_line "$OUT" "8 errors, 4 warnings, 1 note" "the summary"
expect_line "$ERR" ".spectral.yaml:9:3: note: 'my-custom' not applied: a custom rule (given/then) is not run: archgate runs its api-* rules and the Spectral rules mapped to them" "a custom rule is named, at its place"
expect_line "$ERR" ".spectral.yaml:1:40: note: './company-rules.yaml' not applied: the ruleset './company-rules.yaml' is not read: archgate knows spectral:oas only" "another ruleset"
expect_not_contains "$ERR" "overrides" "overrides are applied, not noted"
expect_not_contains "$ERR" "info-contact" "a rule archgate lacks, turned off, needs no word"

# overrides: severities per file, by glob from the ruleset's folder
mkdir -p legacy/v1
cp broken.yaml legacy/v1/old.yaml
cat > .spectral.yaml <<'YAML'
rules:
  oas3-unused-component: error
overrides:
  - files: ["legacy/**/*.yaml"]
    rules:
      path-params: off
      oas3-unused-component: hint
  - files: ["broken.yaml#/paths/~1pets"]
    rules:
      path-params: warn
YAML
run "$ARCHGATE" api lint broken.yaml legacy/v1/old.yaml
expect_line "$OUT" "  legacy/v1/old.yaml:42:5: note: components/schemas/Unused is referenced by no \$ref [api-unused-component]" "an override's severity for the files it matches"
expect_line "$OUT" "  broken.yaml:42:5: error: components/schemas/Unused is referenced by no \$ref [api-unused-component]" "rules: for the others"
expect_not_contains "$OUT" "legacy/v1/old.yaml:4:3" "an override turns a rule off for its files"
expect_contains "$OUT" "broken.yaml:4:3: error: GET /pets/{petId}: path parameter 'petId' is not declared" "and only for them"
expect_line "$ERR" ".spectral.yaml:8:13: note: 'broken.yaml#/paths/~1pets' not applied: a file pattern with a JSON pointer (#/...) is not applied; use x-archgate-ignore on that node" "a pattern with a JSON pointer is named"
rm .spectral.yaml

printf 'extends: [[spectral:oas, "off"]]\nrules:\n  path-params: true\n' > off.yaml
run "$ARCHGATE" api lint --ruleset off.yaml broken.yaml
expect_rc 1 "[spectral:oas, off]: the mapped rules start off, the seed's standards stay"
expect_contains "$OUT" "[api-path-params]" "true turns one back on at its own severity"
expect_not_contains "$OUT" "[api-servers]" "the others are off"
expect_contains "$OUT" "[api-error-responses]" "api-error-responses is no Spectral rule: it stays"

printf '{"rules": {"operation-operationId-unique": "hint"}}\n' > .spectral.json
rm .spectral.yaml
run "$ARCHGATE" api lint broken.yaml
expect_contains "$OUT" "broken.yaml:20:20: note: GET /pets: operationId 'getPet'" ".spectral.json is read too"

printf 'rules:\n  path-params: loud\n' > bad.yaml
run "$ARCHGATE" api lint --ruleset bad.yaml broken.yaml
expect_rc 2 "a severity that is none"
expect_line "$ERR" "bad.yaml:2:16: error: rule 'path-params': not a severity (error, warn, info, hint, off, 0-3, true or false)" "at its place"
printf -- '- a list\n' > list.yaml
run "$ARCHGATE" api lint --ruleset list.yaml broken.yaml
expect_rc 2 "a ruleset that is not a mapping"
run "$ARCHGATE" api lint --ruleset missing.yaml broken.yaml
expect_rc 2 "a ruleset that does not exist"

finish
