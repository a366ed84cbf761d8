#!/bin/bash
# t0810-api-diff: `archgate api diff` between hand-written versions of a
# spec (OpenAPI 3.0 YAML, Swagger 2.0 JSON): every kind of breaking change
# at file:line:col of the new version with the old place beside it, the
# warnings and additions, --fail-on, --format json, and --base REF reading
# the old version (and the files its $refs reach) from git.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
cp -r "$FIXTURES/api-diff" "$T/d"
cd "$T/d" || exit 1

run "$ARCHGATE" api diff old.yaml old.yaml
expect_rc 0 "a spec against itself has no changes"
expect_first_line "$OUT" "old.yaml -> old.yaml: 0 breaking, 0 warnings, 0 info in 5 operations; no breaking change" "and says so"

run "$ARCHGATE" api diff old.yaml new.yaml
expect_rc 1 "breaking changes fail"
expect_first_line "$OUT" "old.yaml -> new.yaml: 15 breaking, 3 warnings, 5 info in 4 operations; diff failed" "the summary"
expect_line "$OUT" "  new.yaml:6:3: breaking: path /stores was removed, with all its operations [path-removed] (was old.yaml:74:3)" "a removed path"
expect_line "$OUT" "  new.yaml:54:5: breaking: DELETE /pets/{petId} was removed [operation-removed] (was old.yaml:64:5)" "a removed operation (the path matched with its parameter renamed)"
expect_line "$OUT" "  new.yaml:10:11: breaking: GET /pets: parameter 'limit' (query) is now required [param-made-required] (was old.yaml:10:11)" "a parameter made required"
expect_line "$OUT" "  new.yaml:20:11: breaking: GET /pets: new required parameter 'region' (query); clients do not send it [param-added-required]" "a new required parameter"
expect_line "$OUT" "  new.yaml:19:19: breaking: GET /pets: parameter 'sort' (query): the schema no longer accepts 'owner' (removed from its enum) [request-enum-value-removed] (was old.yaml:18:31)" "an enum value removed from a parameter"
expect_line "$OUT" "  new.yaml:30:9: breaking: GET /pets: response 400 was removed; clients handle it [status-removed] (was old.yaml:35:9)" "a removed status code"
expect_line "$OUT" "  new.yaml:31:11: breaking: GET /pets: response 200: media type 'application/xml' was removed [response-media-removed] (was old.yaml:32:13)" "a removed media type"
expect_line "$OUT" "  new.yaml:43:9: breaking: POST /pets: the request body is now required [body-made-required] (was old.yaml:40:9)" "a body made required"
expect_line "$OUT" "  new.yaml:76:7: breaking: GET /pets/{id}: response 200 (application/json): field 'name' was removed (renamed to 'fullName'?) [response-field-removed] (was old.yaml:87:9)" "a renamed response field, through a \$ref"
expect_line "$OUT" "  new.yaml:76:7: breaking: GET /pets: response 200 (application/json): field '[].name' was removed (renamed to 'fullName'?) [response-field-removed] (was old.yaml:87:9)" "and inside an array's items"
expect_line "$OUT" "  new.yaml:80:17: breaking: GET /pets/{id}: response 200 (application/json): field 'id' changed type from integer to string [response-type-changed] (was old.yaml:86:17)" "a response type change"
expect_line "$OUT" "  new.yaml:104:17: breaking: POST /pets: request body (application/json): field 'age' changed type from number to integer [request-type-changed] (was old.yaml:110:17)" "a request type narrowed"
expect_line "$OUT" "  new.yaml:105:9: breaking: POST /pets: request body (application/json): new required field 'species'; clients do not send it [request-field-added-required] (was old.yaml:104:7)" "a new required request field"
expect_line "$OUT" "  new.yaml:109:17: breaking: POST /pets: request body (application/json): field 'kind' no longer accepts 'bird' (removed from its enum) [request-enum-value-removed] (was old.yaml:113:28)" "an enum value removed from a request field"
expect_line "$OUT" "  new.yaml:87:35: warning: GET /pets/{id}: response 200 (application/json): field 'status' may now be 'reserved', which clients have not seen (added to its enum) [response-enum-value-added] (was old.yaml:93:17)" "a response enum value added is a warning"
expect_line "$OUT" "  new.yaml:8:7: warning: GET /pets: parameter 'legacy' (query) was removed; clients that send it may be refused [param-removed] (was old.yaml:19:11)" "a removed parameter is a warning"
expect_line "$OUT" "  new.yaml:68:3: info: new path /owners [path-added]" "an addition is info"
expect_not_contains "$OUT" "friend" "the recursive Owner schema is compared once, without findings"

run "$ARCHGATE" api diff old.yaml new.yaml --fail-on never
expect_rc 0 "--fail-on never reports without failing"
run "$ARCHGATE" api diff new.yaml new.yaml --fail-on info
expect_rc 0 "--fail-on info: nothing changed"
run "$ARCHGATE" api diff new.yaml old.yaml --fail-on info
expect_rc 1 "--fail-on info: any change fails"

run "$ARCHGATE" api diff old-swagger.json new-swagger.json
expect_rc 1 "Swagger 2.0"
expect_line "$OUT" "  new-swagger.json:8:70: breaking: GET /items/{itemId}: parameter 'itemId' (path): the schema changed type from integer to string [request-type-changed] (was old-swagger.json:8:66)" "a path parameter matched by position, its type narrowed"
expect_line "$OUT" "  new-swagger.json:9:71: breaking: GET /items/{itemId}: parameter 'fields' (query): the schema now accepts only the values of its enum; clients may send others [request-enum-added] (was old-swagger.json:9:11)" "an enum where any value went"
expect_line "$OUT" "  new-swagger.json:30:9: breaking: GET /items/{itemId}: response 200: field 'price' is no longer required; clients may rely on it [response-field-made-optional] (was old-swagger.json:31:9)" "a response field made optional"
expect_line "$OUT" "  new-swagger.json:18:11: breaking: PUT /items/{itemId}: the request body is now required [body-made-required] (was old-swagger.json:19:11)" "a body parameter made required"
expect_line "$OUT" "  new-swagger.json:25:13: warning: PUT /items/{itemId}: request body: field 'colour' was removed; clients that send it may be refused [request-field-removed] (was old-swagger.json:32:9)" "the same rename seen from the request side"

run "$ARCHGATE" api diff old-31.yaml new-31.yaml
expect_rc 1 "OpenAPI 3.1 type lists"
expect_line "$OUT" "  new-31.yaml:12:30: breaking: POST /x: request body (application/json): field 'note' changed type from string|null to string [request-type-changed] (was old-31.yaml:12:30)" "a request that no longer takes null"
expect_line "$OUT" "  new-31.yaml:26:32: breaking: POST /x: response 200 (application/json): field 'when' changed type from string to string|null [response-type-changed] (was old-31.yaml:25:32)" "a response that may now be null"
expect_line "$OUT" "  new-31.yaml:28:32: breaking: POST /x: response 200 (application/json): field 'kind' changed type from string|integer to boolean [response-type-changed] (was old-31.yaml:27:25)" "a oneOf's types"
expect_line "$OUT" "  new-31.yaml:15:49: breaking: POST /x: request body (application/json): field 'code': maxLength went from 64 to 8 [request-constraint-narrowed] (was old-31.yaml:15:49)" "a request bound narrowed"
expect_line "$OUT" "  new-31.yaml:17:37: breaking: POST /x: request body (application/json): the schema now refuses properties it does not list (additionalProperties: false) [request-constraint-narrowed] (was old-31.yaml:10:15)" "additionalProperties: false on a request"
expect_not_contains "$OUT" "field 'qty'" "wider bounds are fine"
expect_not_contains "$OUT" "field 'n'" "integer to number in a request is fine"
expect_not_contains "$OUT" "field 'size'" "integer|null to integer in a response is fine"

run "$ARCHGATE" api diff old.yaml new.yaml --format json
expect_rc 1 "json"
check "json: the counts and the changes with both places" jq -e '.failed and .diffs[0].breaking == 15 and (.diffs[0].changes[] | select(.kind == "status-removed") | .file == "new.yaml" and .line == 30 and .was.file == "old.yaml" and .was.line == 35)' "$OUT"
check "json: levels" jq -e '[.diffs[0].changes[].level] | unique == ["breaking", "info", "warning"]' "$OUT"

run "$ARCHGATE" api diff old.yaml new.yaml --format github
expect_rc 1 "github"
expect_line "$OUT" "::error file=new.yaml,line=30,col=9,title=archgate api diff%3A status-removed (breaking)::GET /pets: response 400 was removed; clients handle it (was old.yaml:35:9)" "a breaking change is an error annotation on the new file"
expect_contains "$OUT" "::notice file=new.yaml,line=68,col=3,title=archgate api diff%3A path-added (info)::new path /owners" "an addition a notice"

# bad input
run "$ARCHGATE" api diff not-openapi.yaml new.yaml
expect_rc 2 "an old version that is not OpenAPI"
expect_contains "$ERR" "not-openapi.yaml:1:1: error: not an OpenAPI document" "says so at file:line:col"
run "$ARCHGATE" api diff old.yaml
expect_rc 2 "one spec without --base"
run "$ARCHGATE" api diff old.yaml new.yaml --fail-on bogus
expect_rc 2 "an unknown --fail-on"
run "$ARCHGATE" api diff missing.yaml new.yaml
expect_rc 2 "a missing file"

# --base: the old version from git, with its cross-file $refs as of that commit
mkdir -p "$T/repo/api/schemas" && cd "$T/repo" || exit 1
git init -q .
cat > api/openapi.yaml <<'YAML'
openapi: 3.1.0
info: {title: Things, version: '1'}
paths:
  /things/{id}:
    get:
      responses:
        '200':
          description: a thing
          content:
            application/json:
              schema:
                $ref: 'schemas/thing.yaml'
YAML
cat > api/schemas/thing.yaml <<'YAML'
type: object
properties:
  id: {type: string}
  size: {type: integer}
YAML
git add -A && git -c user.name=t -c user.email=t@example.test commit -qm one
sed -i 's/  size: {type: integer}/  size: {type: string}/' api/schemas/thing.yaml
cd api || exit 1
mkdir -p "$T/tmp"
TMPDIR=$T/tmp run "$ARCHGATE" api diff --base HEAD openapi.yaml
expect_rc 1 "--base HEAD: a change in a \$ref'd file of the work tree"
expect_first_line "$OUT" "HEAD:openapi.yaml -> openapi.yaml: 1 breaking, 0 warnings, 0 info in 1 operation; diff failed" "names the old version by its revision"
expect_line "$OUT" "  schemas/thing.yaml:4:16: breaking: GET /things/{id}: response 200 (application/json): field 'size' changed type from integer to string [response-type-changed] (was HEAD:schemas/thing.yaml:4:16)" "the old \$ref'd file read as of HEAD"
check "no temporary folder is left behind" sh -c "[ -z \"\$(ls -A '$T/tmp')\" ]"
git -C .. checkout -q -- api/schemas/thing.yaml
run "$ARCHGATE" api diff --base HEAD openapi.yaml
expect_rc 0 "unchanged since HEAD"
# without SPEC: the model's specs (a container's openapi:), from any folder
cp -r "$FIXTURES/clean/arch" "$T/repo/arch"
sed -i 's|    - {id: web, name: Web shop, |    - {id: web, name: Web shop, openapi: api/openapi.yaml, |' "$T/repo/arch/system.yaml"
sed -i 's/  size: {type: integer}/  size: {type: string}/' "$T/repo/api/schemas/thing.yaml"
run_in "$T/repo/api/schemas" "$ARCHGATE" api diff --base HEAD
expect_rc 1 "the model's spec, from a subfolder"
expect_line "$OUT" "  api/schemas/thing.yaml:4:16: breaking: GET /things/{id}: response 200 (application/json): field 'size' changed type from integer to string [response-type-changed] (was HEAD:api/schemas/thing.yaml:4:16)" "named from the repository root"
git -C "$T/repo" checkout -q -- api/schemas/thing.yaml

run "$ARCHGATE" api diff --base no-such-rev openapi.yaml
expect_rc 2 "a revision that does not exist"
expect_contains "$ERR" "openapi.yaml: error: not found at 'no-such-rev'" "says so"

# two paths of one template in one spec are two paths, each its own match
# (found by fuzz_api_diff: /pets/{id} was compared with /pets/{petId})
cat >"$T/twins.yaml" <<'YAML'
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      responses:
        '200':
          description: one pet
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
  /pets/{petId}:
    get:
      responses:
        '200':
          description: something else
YAML
run "$ARCHGATE" api diff "$T/twins.yaml" "$T/twins.yaml"
expect_rc 0 "a spec against itself: no change, with two paths of one template"
expect_contains "$OUT" "0 breaking, 0 warnings, 0 info" "nothing reported"

finish
