#!/bin/bash
# t0800-api-lint: `archgate api lint` over specs written for these tests
# (OpenAPI 3.0/3.1 YAML, Swagger 2.0 JSON, cross-file and cyclic $refs,
# x-archgate-ignore), every finding at file:line:col, through $refs too;
# the formats of `check`; hostile specs end as exit 2, never as a hang.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v timeout >/dev/null || skip_all "timeout is not installed"
command -v mkfifo >/dev/null || skip_all "mkfifo is not installed"
cp -r "$FIXTURES/api" "$T/api"
cd "$T/api" || exit 1

run "$ARCHGATE" api lint good.yaml
expect_rc 0 "a clean 3.1 spec with local, cross-file and recursive \$refs passes"
expect_first_line "$OUT" "0 errors, 0 warnings, 0 notes; check passed" "and says so"

run "$ARCHGATE" api lint broken.yaml
expect_rc 1 "a broken spec fails"
expect_line "$OUT" "  broken.yaml:1:10: warning: no servers: the spec does not say where the API is served (servers: [{url: https://api.example.com}]) [api-servers]" "no servers, at the openapi key"
expect_line "$OUT" "  broken.yaml:4:3: error: GET /pets/{petId}: path parameter 'petId' is not declared (parameters: [{name: petId, in: path, required: true}]) [api-path-params]" "an undeclared path parameter, at the path"
expect_line "$OUT" "  broken.yaml:8:11: error: GET /pets/{petId}: path parameter 'id' is not in the path template '/pets/{petId}' [api-path-params]" "a declared one the template lacks"
expect_line "$OUT" "  broken.yaml:12:9: error: GET /pets/{petId}: declares no 5xx or default response; say how a failure is answered [api-error-responses]" "no 5xx"
expect_line "$OUT" "  broken.yaml:22:9: error: GET /pets: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "no 4xx"
expect_line "$OUT" "  broken.yaml:14:9: error: GET /pets/{petId}: status 420 is not a registered HTTP status code (RFC 9110 and the IANA registry) [api-status-registered]" "an invented status code"
expect_line "$OUT" "  broken.yaml:27:9: error: GET /pets: status 306 is reserved as unused in the HTTP status code registry; use a registered code [api-status-registered]" "a reserved one"
expect_line "$OUT" "  broken.yaml:28:9: error: GET /pets: '2xx-ish' is not a status code (a registered code such as 404, a range such as 4XX, or default) [api-status-registered]" "not a code at all"
expect_line "$OUT" "  broken.yaml:26:13: error: GET /pets: error response 500 is 'application/json', not application/problem+json (RFC 9457) [api-problem-json]" "an error body that is not problem+json"
expect_line "$OUT" "  broken.yaml:40:9: error: GET /pets/{petId}: error response 404 is 'text/html', not application/problem+json (RFC 9457) (reached through the \$ref at broken.yaml:17:17) [api-problem-json]" "through a \$ref: at the component, naming the operation and the \$ref"
expect_line "$OUT" "  broken.yaml:20:20: error: GET /pets: operationId 'getPet' is also GET /pets/{petId}'s (broken.yaml:6:20); generated clients need unique names [api-operation-id-unique]" "a duplicate operationId"
expect_line "$OUT" "  broken.yaml:33:23: error: \$ref '#/components/responses/Missing' does not resolve: '#/components/responses/Missing' names nothing: there is no 'Missing' [api-ref]" "a dangling pointer"
expect_line "$OUT" "  broken.yaml:34:23: error: \$ref 'nowhere.yaml#/x' does not resolve: 'nowhere.yaml' does not exist [api-ref]" "a missing file"
expect_line "$OUT" "  broken.yaml:42:5: warning: components/schemas/Unused is referenced by no \$ref [api-unused-component]" "an unused component"
expect_line "$OUT" "13 errors, 2 warnings, 0 notes" "the summary"

run "$ARCHGATE" api lint ignored.yaml
expect_rc 1 "an expired or malformed exception fails"
expect_line "$OUT" "  ignored.yaml:17:9: waived until 2027-06-30: GET /health: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "an operation's exception covers its findings"
expect_line "$OUT" "  ignored.yaml:1:10: waived until 2027-01-31: no servers: the spec does not say where the API is served (servers: [{url: https://api.example.com}]) [api-servers]" "the document's covers the document's"
expect_line "$OUT" "  ignored.yaml:22:64: error: the x-archgate-ignore entry for 'api-error-responses' expired on 2026-01-01 (reason given: legacy); fix the finding or renew the entry [api-ignore]" "an expired exception is an error"
expect_line "$OUT" "  ignored.yaml:26:9: error: GET /old: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "and covers nothing"
expect_line "$OUT" "  ignored.yaml:23:18: error: x-archgate-ignore names unknown rule 'api-nope' (archgate rules lists the api-* rules) [api-ignore]" "an unknown rule"
expect_line "$OUT" "  ignored.yaml:24:11: error: the x-archgate-ignore entry for 'api-servers' gives no reason; an exception without its why is an accident [api-ignore]" "no reason"
expect_line "$OUT" "  ignored.yaml:13:11: warning: the x-archgate-ignore entry for 'api-path-params' covers no finding; delete it [api-ignore-unused]" "an exception that covers nothing"
ARCHGATE_TODAY=2027-02-01 run "$ARCHGATE" api lint ignored.yaml
expect_contains "$OUT" "ignored.yaml:4:57: error: the x-archgate-ignore entry for 'api-servers' expired on 2027-01-31" "expiry follows ARCHGATE_TODAY"

run "$ARCHGATE" api lint swagger.json
expect_rc 1 "Swagger 2.0 in JSON is read, with positions"
expect_line "$OUT" "  swagger.json:13:13: error: GET /items/{id}: error response 404: the operation does not produce application/problem+json (RFC 9457) [api-problem-json]" "produces is Swagger's content"
expect_line "$OUT" "  swagger.json:21:3: warning: definitions/Spare is referenced by no \$ref [api-unused-component]" "definitions are its components"

run "$ARCHGATE" api lint cycle.yaml
expect_rc 1 "cycles of \$refs are findings, not hangs"
expect_line "$OUT" "  cycle.yaml:6:11: error: \$ref '#/components/pathItems/A' does not resolve: the \$refs form a cycle (#/components/pathItems/A -> #/components/pathItems/A) and name no definition [api-ref]" "a self-reference"
expect_contains "$OUT" "cycle.yaml:10:23: error: \$ref '#/components/responses/R1' does not resolve: the \$refs form a cycle (#/components/responses/R2 -> #/components/responses/R1 -> #/components/responses/R2)" "a cycle of two"

run "$ARCHGATE" api lint examples.yaml
expect_rc 0 "examples that their schemas reject are warnings"
expect_line "$OUT" "  examples.yaml:11:18: warning: the example does not match its schema: 0 is below the schema's minimum 1 [api-example-valid]" "a parameter's example"
expect_line "$OUT" "  examples.yaml:21:41: warning: example 'wrongType' does not match its schema: '36' is a string, but the schema's type is integer [api-example-valid]" "at the value that is wrong, through a \$ref'd schema"
expect_line "$OUT" "  examples.yaml:23:24: warning: example 'missing' does not match its schema: has no 'name', which the schema requires [api-example-valid]" "required"
expect_line "$OUT" "  examples.yaml:32:42: warning: the example does not match its schema: 'superuser' is not one of the schema's enum [api-example-valid]" "enum"
expect_line "$OUT" "  examples.yaml:38:26: warning: example 'extra' does not match its schema: 'nickname' is not a property the schema allows (additionalProperties: false) [api-example-valid]" "an Example object behind a \$ref"
expect_line "$OUT" "  examples.yaml:49:29: warning: the example does not match its schema: 600 is above the schema's maximum 599 [api-example-valid]" "in a shared response, once"
check "six, no more (the good example and the nullable age pass)" sh -c "grep -c '\[api-example-valid\]' '$OUT' | grep -qx 6"

# the formats of check, from the same writers
for f in json sarif junit github; do
	run "$ARCHGATE" api lint broken.yaml --format $f
	expect_rc 1 "--format $f"
done
run "$ARCHGATE" api lint broken.yaml --format json
check "json: the findings with their rule, file, line and col" sh -c "jq -e '[.findings[] | select(.rule == \"api-ref\")] | length == 2 and .[0].file == \"broken.yaml\" and .[0].line == 33 and .[0].col == 23' '$OUT'"
check "json: phase 3" sh -c "jq -e 'all(.findings[]; .phase == \"3\")' '$OUT'"
run "$ARCHGATE" api lint ignored.yaml --format json
check "json: an exception is a waiver with its reason and expiry" sh -c "jq -e '.findings[] | select(.waived) | .waiver | select(.reason == \"internal only\" and .expires == \"2027-01-31\")' '$OUT'"
run "$ARCHGATE" api lint broken.yaml --format sarif
check "sarif: a result with a region" sh -c "jq -e '.runs[0].results[] | select(.ruleId == \"api-problem-json\") | .locations[0].physicalLocation.region.startLine' '$OUT'"
run "$ARCHGATE" api lint broken.yaml --format github
expect_contains "$OUT" "::error file=broken.yaml,line=40,col=9" "github annotations"

# cross-file $refs: relative, inside the root only, cycles across files
mkdir -p x/y
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: /}]\npaths:\n  /a:\n    $ref: "y/a.yaml"\n  /b:\n    $ref: "../outside.yaml"\n  /c:\n    $ref: "https://example.com/spec.yaml#/x"\n  /d:\n    $ref: "y/loop1.yaml"\n' >x/root.yaml
printf 'get:\n  responses:\n    "200": {description: ok}\n    "404": {$ref: "../err.yaml"}\n' >x/y/a.yaml
printf 'description: a problem\ncontent:\n  text/plain: {}\n' >x/err.yaml
printf '$ref: "loop2.yaml"\n' >x/y/loop1.yaml
printf '$ref: "loop1.yaml"\n' >x/y/loop2.yaml
run "$ARCHGATE" api lint x/root.yaml --root x
expect_rc 1 "cross-file specs"
expect_line "$OUT" "  x/err.yaml:3:3: error: GET /a: error response 404 is 'text/plain', not application/problem+json (RFC 9457) (reached through the \$ref at x/y/a.yaml:4:19) [api-problem-json]" "a finding in a third file, at its place"
expect_contains "$OUT" "x/root.yaml:8:11: error: \$ref '../outside.yaml' does not resolve: 'outside.yaml' does not exist" "a \$ref out of the root"
expect_contains "$OUT" "x/root.yaml:10:11: error: \$ref 'https://example.com/spec.yaml#/x' does not resolve: 'https://example.com/spec.yaml' is remote; archgate never fetches \$refs" "a remote \$ref is not fetched"
expect_contains "$OUT" "x/root.yaml:12:11: error: \$ref 'y/loop1.yaml' does not resolve: the \$refs form a cycle" "a cycle across files"
# a path item in another file: the template's findings in the root file, the
# operation's in the other
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: /}]\npaths:\n  /p/{id}:\n    $ref: "y/item.yaml"\n' >x/split.yaml
printf 'get:\n  responses:\n    "200": {description: ok}\n' >x/y/item.yaml
run "$ARCHGATE" api lint x/split.yaml --root x
expect_line "$OUT" "  x/split.yaml:5:3: error: GET /p/{id}: path parameter 'id' is not declared (parameters: [{name: id, in: path, required: true}]) [api-path-params]" "the template's problem in the file of the template"
expect_line "$OUT" "  x/y/item.yaml:3:5: error: GET /p/{id}: declares no 4xx response; say how a client's mistake is answered [api-error-responses]" "the operation's in the file of the operation"
touch outside.yaml
run "$ARCHGATE" api lint x/root.yaml --root x
expect_contains "$OUT" "'outside.yaml' is outside the repository" "outside, even when it exists"
ln -s ../../outside.yaml x/y/link.yaml
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: /}]\npaths:\n  /a:\n    $ref: "y/link.yaml"\n' >x/link.yaml
run "$ARCHGATE" api lint x/link.yaml --root x
expect_contains "$OUT" "is outside the repository" "a symbolic link out of the root is not followed"
mkfifo x/y/fifo.yaml
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: /}]\npaths:\n  /a:\n    $ref: "y/fifo.yaml"\n' >x/fifo.yaml
run timeout 60 "$ARCHGATE" api lint x/fifo.yaml --root x
expect_rc 2 "a FIFO behind a \$ref is refused, never waited on"
expect_contains "$ERR" "x/y/fifo.yaml" "naming it"

# without --root or an arch folder: the git work tree the current folder is in
git init -q gitrepo && mkdir -p gitrepo/specs gitrepo/shared
cp good.yaml gitrepo/specs/good.yaml
sed -i "s|'shared/schemas.yaml#/Order'|'../shared/schemas.yaml#/Order'|" gitrepo/specs/good.yaml
cp shared/schemas.yaml gitrepo/shared/
run_in gitrepo/specs "$ARCHGATE" api lint good.yaml
expect_rc 0 "a \$ref up to a sibling folder of the work tree"
run_in gitrepo/specs "$ARCHGATE" api lint good.yaml --root .
expect_rc 1 "but not out of --root"
expect_contains "$OUT" "is outside the repository" "says why"

# unreadable input: exit 2 and file:line:col
printf 'openapi: 3.0.3\npaths: {\n' >bad.yaml
run "$ARCHGATE" api lint bad.yaml
expect_rc 2 "malformed YAML"
expect_match "$ERR" "^bad.yaml:[0-9]+:[0-9]+: error: " "at its place"
printf '{"openapi": "3.0.3", "paths": {"/a": 1,}' >bad.json
run "$ARCHGATE" api lint bad.json
expect_rc 2 "malformed JSON"
expect_match "$ERR" "^bad.json:[0-9]+:[0-9]+: error: did not find expected ',' or '}'" "at its place"
expect_empty "$OUT" "and no report that looks complete"
printf 'name: not a spec\n' >plain.yaml
run "$ARCHGATE" api lint plain.yaml
expect_rc 2 "not an OpenAPI document"
expect_line "$ERR" "plain.yaml:1:1: error: not an OpenAPI document (no 'openapi:' or 'swagger:' key at the top)" "says so"
printf 'openapi: 4.0.0\n' >v4.yaml
run "$ARCHGATE" api lint v4.yaml
expect_rc 2 "an unknown version"
expect_line "$ERR" "v4.yaml:1:10: error: unsupported version '4.0.0' (archgate reads OpenAPI 3.0, 3.1, 3.2 and Swagger 2.0)" "names it"
run "$ARCHGATE" api lint missing.yaml
expect_rc 2 "a missing spec"
run "$ARCHGATE" api lint
expect_rc 2 "no spec and no model"

# hostile: billion laughs, deep nesting, a huge file, a long chain of files
{
	echo 'openapi: 3.0.3'
	echo 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	p=a
	for l in b c d e f g h i; do echo "x-$l: &$l [*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p]"; p=$l; done
	echo 'paths: {}'
} >laughs.yaml
run timeout 60 "$ARCHGATE" api lint laughs.yaml
expect_rc 2 "billion laughs stops at the node limit"
expect_contains "$ERR" "archgate refuses to expand it" "with the reason"
{ echo 'openapi: 3.0.3'; printf 'x: '; for i in $(seq 200); do printf '['; done; echo; } >deep.yaml
run timeout 60 "$ARCHGATE" api lint deep.yaml
expect_rc 2 "deep nesting stops at the depth limit"
head -c 17000000 /dev/zero | tr '\0' ' ' >huge.yaml
run timeout 60 "$ARCHGATE" api lint huge.yaml
expect_rc 2 "a file over the size limit"
expect_contains "$ERR" "archgate reads specs up to 16 MiB" "says the limit"
mkdir -p chain
for i in $(seq 0 70); do printf '$ref: "c%d.yaml"\n' $((i + 1)) >chain/c$i.yaml; done
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: /}]\npaths:\n  /a:\n    $ref: "c0.yaml"\n' >chain/root.yaml
run timeout 60 "$ARCHGATE" api lint chain/root.yaml --root chain
expect_rc 2 "more files than the limit"
expect_contains "$ERR" "through \$refs; archgate reads at most that many" "names the limit"

# the model names the specs: a container's openapi: key, from the repository root
mkdir -p "$T/repo/services/web"
cp -r "$FIXTURES/clean/arch" "$T/repo/arch"
cp good.yaml "$T/repo/services/web/openapi.yaml"
cp -r shared "$T/repo/services/web/shared"
sed -i 's|    - {id: web, name: Web shop, |    - {id: web, name: Web shop, openapi: services/web/openapi.yaml, |' "$T/repo/arch/system.yaml"
run_in "$T/repo/services" "$ARCHGATE" api lint
expect_rc 0 "without SPEC, the model's specs; cross-file \$refs found from a subfolder too"
cp broken.yaml "$T/repo/services/web/openapi.yaml"
run_in "$T/repo" "$ARCHGATE" api lint --format json
expect_rc 1 "the model's broken spec fails"
check "named from the repository root" sh -c "jq -e '[.findings[].file] | unique == [\"services/web/openapi.yaml\"]' '$OUT'"
run_in "$T/repo" "$ARCHGATE" check
expect_rc 1 "check runs the api-* rules as Phase 3 rules"
expect_line "$OUT" "  services/web/openapi.yaml:34:23: error: \$ref 'nowhere.yaml#/x' does not resolve: 'services/web/nowhere.yaml' does not exist [api-ref]" "at the spec's file:line:col"
run_in "$T/repo" "$ARCHGATE" check --phase 2
expect_not_contains "$OUT" "[api-" "and only from Phase 3 on"
sed -i 's|^rules: {}|rules: {api-servers: off, api-ref: warning}|' "$T/repo/arch/archgate.yaml"
run_in "$T/repo" "$ARCHGATE" api lint
expect_rc 1 "with a policy"
expect_not_contains "$OUT" "[api-servers]" "policy turns a rule off"
expect_contains "$OUT" "services/web/openapi.yaml:33:23: warning: " "and sets a severity"
printf 'x: [unclosed\n' >"$T/repo/services/web/openapi.yaml"
run_in "$T/repo" "$ARCHGATE" check
expect_rc 0 "an unreadable spec is an api-ref finding in check (a warning by this policy)"
expect_contains "$OUT" "services/web/openapi.yaml:2:1: warning: did not find expected ',' or ']'" "at its place"

# and policy's api.specs patterns
mkdir -p "$T/repo/api/v1"
cp good.yaml "$T/repo/api/v1/orders.yaml"
cp -r shared "$T/repo/api/v1/shared"
cp swagger.json "$T/repo/api/v1/legacy.json"
sed -i 's|^rules: .*|rules: {}\napi: {specs: ["api/*/*.{yaml,json}", "nothing/*.yaml"]}|' "$T/repo/arch/archgate.yaml"
sed -i 's|, openapi: services/web/openapi.yaml||' "$T/repo/arch/system.yaml"
run_in "$T/repo/api" "$ARCHGATE" api lint --format json
expect_rc 1 "the specs api.specs matches"
check "both, named from the repository root" sh -c "jq -e '[.findings[].file] | unique == [\"api/v1/legacy.json\"]' '$OUT'"
expect_line "$ERR" "arch/archgate.yaml:5:38: warning: api.specs pattern 'nothing/*.yaml' matches no file" "a pattern matching nothing is a warning"
run_in "$T/repo" "$ARCHGATE" check
expect_contains "$OUT" "api/v1/legacy.json:13:13: error: GET /items/{id}: error response 404" "check lints them too"
sed -i 's|^api: .*|api: {specs: ["../*.yaml"]}|' "$T/repo/arch/archgate.yaml"
run_in "$T/repo" "$ARCHGATE" api lint
expect_rc 2 "a pattern out of the repository"
expect_contains "$ERR" "api.specs pattern '../*.yaml' leaves the repository" "says so"

# a failing $ref shared by 300,000 aliases is one finding; 120,000
# different ones stop at the findings limit, counted
python3 -c "
print('openapi: 3.0.3')
print('x-a: &a {\$ref: \"#/nope\"}')
print('x-b: [' + ', '.join(['*a'] * 300000) + ']')" >alias-refs.yaml
run timeout 60 "$ARCHGATE" api lint alias-refs.yaml --format json
expect_rc 1 "aliases of a broken \$ref"
check "one finding for the node they share" sh -c "jq -e '[.findings[] | select(.rule == \"api-ref\")] | length == 1' '$OUT'"
python3 -c "
print('openapi: 3.0.3')
print('x-b:')
for i in range(120000): print('  - {\$ref: \"#/nope%d\"}' % i)" >many-refs.yaml
run timeout 60 "$ARCHGATE" api lint many-refs.yaml --format json
expect_rc 1 "120,000 broken \$refs"
expect_line "$ERR" "archgate api lint: warning: 20001 more findings not shown (archgate keeps 100000 per run)" "the findings past the limit are counted"

# schemas that make example checking exponential (anyOf of anyOfs that name
# each other): each example stops at its step limit, the run at its budget
python3 -c "
print('openapi: 3.1.0\nservers: [{url: /}]\npaths:')
for i in range(100):
    print('  /p%d:\n    get:\n      responses:\n        \'200\':\n          description: ok\n          content:\n            application/json:\n              schema: {\$ref: \"#/components/schemas/A\"}\n              example: hello' % i)
print('components:\n  schemas:')
print('    A: {anyOf: [{\$ref: \"#/components/schemas/B\"}, {\$ref: \"#/components/schemas/B\"}, {type: integer}]}')
print('    B: {anyOf: [{\$ref: \"#/components/schemas/A\"}, {\$ref: \"#/components/schemas/A\"}, {type: integer}]}')" >bomb.yaml
run timeout 60 "$ARCHGATE" api lint bomb.yaml
expect_rc 1 "an example-checking bomb ends"
expect_line "$ERR" "archgate api lint: warning: 50 examples not checked against their schemas (the 5000000 schema steps of a run are spent)" "and says what it left unchecked"
expect_not_contains "$OUT" "[api-example-valid]" "without guessing"

# a big generated spec: linear, quick
python3 - >big.yaml <<'PY'
print("openapi: 3.0.3\ninfo: {title: big, version: '1'}\nservers: [{url: /}]\npaths:")
for i in range(2000):
    print(f"  /r{i}/{{id}}:\n    get:\n      operationId: op{i}\n      parameters: [{{$ref: '#/components/parameters/Id'}}]\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/S{i}'}}}}}}}}\n        '404': {{$ref: '#/components/responses/Problem'}}\n        '500': {{$ref: '#/components/responses/Problem'}}")
print("components:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: string}}\n  responses:\n    Problem: {description: p, content: {application/problem+json: {schema: {type: object}}}}\n  schemas:")
for i in range(2000):
    print(f"    S{i}: {{type: object}}")
PY
run timeout 60 "$ARCHGATE" api lint big.yaml
expect_rc 0 "2,000 operations, 4,000 components"
finish
