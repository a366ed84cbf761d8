#!/bin/bash
# t0015-init-discover: `archgate init` in a repository that already holds
# something discovers it (issue 17): compose services, Kubernetes workloads
# and Dockerfiles become containers with their tech and owners, depends_on
# becomes relations, existing records are referenced where they are, SLO
# files, API specs and event logs are found; every discovered element is a
# draft (`discovered:`, rule discovered-draft) that status shows in Phase 1.
# The fixture (tests/cli/fixtures/discover) is written by hand; the truth
# below was written from it before looking at the output.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

copy_fixture discover
R=$T/discover
before=$(tree_digest "$R")
run_in "$R" "$ARCHGATE" init --dry-run
expect_rc 0 "init --dry-run"
check "--dry-run writes nothing" test "$(tree_digest "$R")" = "$before"
expect_contains "$OUT" "==> ./arch/system.yaml <==" "--dry-run shows each file it would write"
expect_not_contains "$OUT" "created " "--dry-run creates nothing"

run_in "$R" "$ARCHGATE" init
expect_rc 0 "init discovers and writes"
expect_line "$OUT" "discovered 9 containers and 6 relations (owners from .github/CODEOWNERS)" \
	"9 containers: 6 compose services, 2 Kubernetes workloads, 1 Dockerfile; 3 depends_on, 3 named in environments"
for c in "web (service) from compose.yaml:2" "api (service) from compose.yaml:6" \
	"db (datastore) from compose.yaml:18" "cache (cache) from compose.yaml:20" \
	"jobs (service) from compose.yaml:24" \
	"billing (service) from k8s/billing.yaml:1" "nightly-report (worker) from k8s/billing.yaml:22" \
	"migrate (service) from tools/Dockerfile.migrate:1"; do
	expect_line "$OUT" "  $c" "found $c"
done
expect_not_contains "$OUT" "node_modules" "node_modules is not the repository's architecture"
expect_not_contains "$OUT" "sut" "compose.test.yaml sets up a test run, not the system"
expect_not_contains "$OUT" "genproto" "a Dockerfile inside a service's folder is a helper of that service"
expect_not_contains "$OUT" "Release.Name" "a Helm template (not YAML) is skipped, not an error"
expect_line "$OUT" "decision records: 2 in docs/adr (common place), referenced where they are" "records found where they are"
expect_line "$OUT" "SLO files: 1, API specs: 1, event logs: 1" "SLO file, OpenAPI spec, event log"
check "the records are not copied: no arch/decisions/" test ! -e "$R/arch/decisions"
expect_line "$R/arch/archgate.yaml" 'decisions: "../docs/adr"' "archgate.yaml points at them"

S=$R/arch/system.yaml
# what was written, line by line (archgate reads it back below)
expect_contains "$S" "    - id: web
      name: web
      kind: service
      tech: [Jest, Next.js, Node.js, React]  # web/package.json:8, web/package.json:4, web/Dockerfile:1, web/package.json:5
      runtime: container
      owner: acme/storefront  # .github/CODEOWNERS:3
      discovered: compose.yaml:2  # a draft: check it, then delete this line; folder web; ports 3000:3000" \
	"web: tech from its folder, owner from /web/ (the last matching CODEOWNERS line), where each came from"
expect_contains "$S" "      tech: [Go, PostgreSQL]  # api/Dockerfile:1, api/go.mod:5
      runtime: container
      openapi: api/openapi.yaml  # found in its folder
      owner: acme/checkout  # .github/CODEOWNERS:4" \
	"api: Go from its Dockerfile, PostgreSQL from go.mod (pgx), owner from api/"
expect_contains "$S" "    - id: db
      name: db
      kind: datastore
      tech: [PostgreSQL]  # compose.yaml:19
      runtime: container
      discovered: compose.yaml:18" "db: a datastore by its image, no owner"
expect_contains "$S" "      kind: cache
      tech: [Valkey]  # compose.yaml:21" "cache: a cache by its image"
expect_contains "$S" "      tech: [Python]  # jobs/Dockerfile:1
      runtime: container
      discovered: compose.yaml:24  # a draft: check it, then delete this line; folder jobs" \
	"build context ./ with dockerfile \${JOBS_DOCKERFILE} from .env: the jobs folder"
expect_contains "$S" "      tech: [Go]  # services/billing/Dockerfile:1
      runtime: container
      discovered: k8s/billing.yaml:1  # a draft: check it, then delete this line; image ghcr.io/acme/billing:1.2; folder services/billing" \
	"services/billing/Dockerfile builds the billing workload (its folder's name)"
expect_contains "$S" "    - from: api
      to: billing
      label: calls
      discovered: compose.yaml:16  # its environment names it" "a compose environment value names another service"
expect_contains "$S" "    - from: jobs
      to: api
      label: calls
      discovered: compose.yaml:29" "an environment list entry (KEY=http://host:port/path)"
expect_contains "$S" "    - from: billing
      to: api
      label: calls
      discovered: k8s/billing.yaml:13" "a Kubernetes container env value"
expect_line "$S" '    - id: "odd: name # not a comment"' "a service name YAML would misread is quoted"
expect_contains "$S" "      owner: acme/platform  # .github/CODEOWNERS:2
      discovered: tools/Dockerfile.migrate:1" "Dockerfile.migrate names its container; the default owner applies"
expect_contains "$S" "    - from: web
      to: api
      label: depends on
      discovered: compose.yaml:5" "depends_on as a list"
expect_contains "$S" "    - from: api
      to: db
      label: depends on
      discovered: compose.yaml:12" "depends_on as a mapping"
expect_not_contains "$S" "to: info" "a value that names no container is not a relation"
expect_line "$S" "    - logs/app.ndjson" "the event log"
expect_contains "$S" "#   slo/checkout.yaml:1 (OpenSLO)" "the SLO file is listed"
expect_contains "$S" "#   api/openapi.yaml:1 (OpenAPI 3.1.0)" "the API spec is listed"
expect_contains "$S" "owner: acme/storefront  # .github/CODEOWNERS:3" "a value says where it came from"

run_in "$R" "$ARCHGATE" check --format json
expect_rc 1 "check fails: the drafts are open"
check "every container and relation is a discovered-draft finding" \
	jq -e '[.findings[] | select(.rule == "discovered-draft")] | length == 15' "$OUT"
check "the quoted name reads back exactly" jq -e '[.findings[] | select(.message | startswith("container '"'"'odd: name # not a comment'"'"' is a draft"))] | length == 1' "$OUT"
check "at its discovered: line" jq -e '[.findings[] | select(.rule == "discovered-draft" and .file == "arch/system.yaml" and .line == 36)] | length == 1' "$OUT"
run_in "$R" "$ARCHGATE" status
expect_match "$OUT" "^      arch/system.yaml:36:19: error: container 'web' is a draft archgate init discovered at compose.yaml:2: check it, then delete .discovered:. \[discovered-draft\]$" \
	"status lists a draft as an open item of Phase 1"

# confirming one: delete its line
sed -i '/discovered: compose.yaml:2 /d' "$S"
run_in "$R" "$ARCHGATE" check --format json
check "a confirmed container is no longer a draft" \
	jq -e '[.findings[] | select(.rule == "discovered-draft")] | length == 14' "$OUT"

run_in "$R" "$ARCHGATE" init
expect_rc 2 "a second init refuses: it never overwrites"

# a repository with no container: the application at the root is one (the
# monolith the seed says to start with)
copy_fixture discover-app
run_in "$T/discover-app" "$ARCHGATE" init --no-input
expect_line "$OUT" "  app (service) from Gemfile:1" "the root application is a container"
expect_contains "$T/discover-app/arch/system.yaml" "      tech: [Ruby, Ruby on Rails]  # app/models/order.rb:1, Gemfile:2" \
	"its tech from the whole tree: Ruby from its sources, not the test group's RSpec"
# a client library of a datastore is a container the application talks to
expect_line "$OUT" "  postgresql (datastore) from Gemfile:3" "the pg gem: a PostgreSQL datastore"
expect_contains "$T/discover-app/arch/system.yaml" "    - from: app
      to: postgresql
      label: reads and writes
      discovered: Gemfile:3  # it declares a client of it; say what happens along it" \
	"and a relation to it, from the client's line"

# Laravel: the database its .env.example configures, the cache its client names
copy_fixture discover-laravel
run_in "$T/discover-laravel" "$ARCHGATE" init --no-input
expect_rc 0 "init in a Laravel application"
expect_line "$OUT" "discovered 3 containers and 2 relations" "the application, its database and its cache"
expect_line "$OUT" "  postgresql (datastore) from .env.example:4" \
	"DB_CONNECTION=\"pgsql\": PostgreSQL, at its line (not the commented one)"
expect_line "$OUT" "  redis (cache) from composer.json:6" "predis/predis: a Redis cache"
expect_contains "$T/discover-laravel/arch/system.yaml" "      to: postgresql
      label: reads and writes
      discovered: .env.example:4  # its configuration names it; say what happens along it" \
	"the configured database's relation says where it was named"
expect_not_contains "$T/discover-laravel/arch/system.yaml" "tech: [PHP, Laravel, PostgreSQL" \
	"the datastore is not the application's own tech"
expect_contains "$T/discover-laravel/arch/radar.yaml" '  #   direct .env.example:4 DB_CONNECTION=pgsql
  - name: "PostgreSQL"' "the configured database is proposed on the radar, with its evidence"
run_in "$T/discover-laravel" "$ARCHGATE" baseline
run_in "$T/discover-laravel" "$ARCHGATE" check
expect_rc 0 "init, baseline, check: exit 0 (no red flag for what the model names)"

# compose says what runs: a client of what it runs is a relation to it, a
# client of what it does not run (an optional backend) stays the service's tech
copy_fixture discover-compose-client
run_in "$T/discover-compose-client" "$ARCHGATE" init --no-input
expect_line "$OUT" "discovered 2 containers and 1 relation" "no container for a store compose does not run"
expect_contains "$T/discover-compose-client/arch/system.yaml" "    - from: app
      to: db
      label: reads and writes
      discovered: app/package.json:5  # it declares a client of it; say what happens along it" \
	"the pg client: a relation to compose's postgres"
expect_contains "$T/discover-compose-client/arch/system.yaml" "MongoDB" "the MongoDB client stays in app's tech"
expect_not_contains "$T/discover-compose-client/arch/system.yaml" "id: mongodb" "and is no container"

# a Terraform repository: no containers, but a radar seeded from what it uses,
# without the template's examples (its "PHP: hold" is nobody's decision here)
copy_fixture discover-tf
run_in "$T/discover-tf" "$ARCHGATE" init --no-input
expect_rc 0 "init in a Terraform repository"
expect_first_line "$OUT" "discovered no containers (no compose file, Kubernetes workload, Dockerfile or application manifest at the root)" \
	"says it found no containers, and where it looked"
expect_contains "$T/discover-tf/arch/radar.yaml" '  - name: "Terraform"' "the radar is seeded with Terraform"
expect_not_contains "$T/discover-tf/arch/radar.yaml" "name: PHP" "and not with the template's examples"
run_in "$T/discover-tf" "$ARCHGATE" baseline
run_in "$T/discover-tf" "$ARCHGATE" check
expect_rc 0 "init, baseline, check: exit 0 on the first day"
run_in "$T/discover-tf" "$ARCHGATE" status
expect_contains "$OUT" "[~] Phase 1    Constraints & Trade-offs           complete  " \
	"status: Phase 1 passes on the baseline, marked as not done"
run_in "$T/discover-tf" "$ARCHGATE" next
expect_contains "$OUT" "known finding" "next: nothing blocks, but names the baseline's first finding"
expect_contains "$OUT" "Next: The non-functional requirements are stated: scale, latency, compliance" \
	"the seed's first step"
run_in "$T/discover-tf" "$ARCHGATE" next --format json
check "next --format json: complete for the gates, the baseline's first finding as known_step" \
	jq -e '.complete and .step == null and .known > 0 and .known_step.finding.rule == "constraints-stated"' "$OUT"

# --no-discover: the minimal skeleton
copy_fixture discover
mv "$T/discover" "$T/plain"
run_in "$T/plain" "$ARCHGATE" init --no-discover
expect_rc 0 "init --no-discover"
expect_not_contains "$OUT" "discovered" "nothing discovered"
check "--no-discover lays down the minimal template" cmp -s "$T/plain/arch/system.yaml" "$AG_SRC/templates/minimal/arch/system.yaml"
run "$ARCHGATE" init --no-discover --example "$T/x"
expect_rc 2 "--no-discover with --example is a usage error"

# an empty folder: nothing to discover, the minimal skeleton
mkdir "$T/empty"
run_in "$T/empty" "$ARCHGATE" init
expect_not_contains "$OUT" "discovered" "an empty folder discovers nothing"
mkdir "$T/notes" && echo "hello" >"$T/notes/README.txt"
run_in "$T/notes" "$ARCHGATE" init --dry-run
expect_first_line "$OUT" "discovered nothing to draft: no compose file, Kubernetes workload, Dockerfile or application manifest at the root, no decision records, SLO files, API specs, event logs or technologies the radar knows (looked at 1 entry)" \
	"a folder with nothing to draft from: says so, and what it looked for"
check "and gets the minimal template" cmp -s "$T/empty/arch/system.yaml" "$AG_SRC/templates/minimal/arch/system.yaml"

finish
