/*
 * model.c - the system.yaml schema, locating arch/, loading and structural
 * validation; see model.h.
 *
 * The schema tables below are the single source of truth for the model's
 * keys: the loader checks input against them and `archgate docs model`
 * renders docs/model.md from them.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/array.h"
#include "model.h"

#define F AG_FIELD
#define SCHEMA AG_SCHEMA

static const char *const latency_values[] = {"realtime", "interactive", "batch", NULL};
static const char *const style_values[] = {"monolith", "modular-monolith", "microservices",
					   "serverless", NULL};
static const char *const decision_values[] = {"buy", "build", NULL};
static const char *const ckind_values[] = {"service", "web", "mobile", "worker", "function",
					   "datastore", "cache", "queue", "other", NULL};
static const char *const runtime_values[] = {"container", "serverless", "edge", "wasm", "vm",
					     "managed", "browser", "device", NULL};
static const char *const logs_values[] = {"json", "text", NULL};
static const char *const tracing_values[] = {"w3c", "b3", "none", NULL};
static const char *const consistency_values[] = {"strong", "eventual", "causal", NULL};
static const char *const route_values[] = {"legacy", "new", NULL};

static const struct ag_field info_fields[] = {
	F(ag_system_info, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The system's name: the box in the middle of the context diagram.",
	  "system:\n  name: Checkout"),
	F(ag_system_info, description, AG_F_STR, 0, NULL, NULL,
	  "One sentence on what the system does and for whom.",
	  "system:\n  description: Takes orders and payments for the web shop"),
};
static const struct ag_schema info_schema =
	SCHEMA(ag_system_info, "system", info_fields, NULL);

static const struct ag_field constraint_fields[] = {
	F(ag_constraints, users, AG_F_INT, 0, NULL, NULL,
	  "Phase 1 scale: how many users the system must serve (\"1k users or 10M "
	  "users?\"). Rules compare technology choices against it.",
	  "constraints:\n  users: 10_000_000"),
	F(ag_constraints, latency, AG_F_ENUM, 0, NULL, latency_values,
	  "Phase 1 latency class: realtime (gaming, trading), interactive (a person "
	  "waits) or batch (reporting).",
	  "constraints:\n  latency: interactive"),
	F(ag_constraints, p99_ms, AG_F_INT, 0, NULL, NULL,
	  "The 99th-percentile response-time target in milliseconds.",
	  "constraints:\n  p99_ms: 300"),
	F(ag_constraints, availability, AG_F_NUM, 0, NULL, NULL,
	  "Availability target in percent (99.9 allows 43.2 minutes of downtime in "
	  "30 days).",
	  "constraints:\n  availability: 99.9"),
	F(ag_constraints, compliance, AG_F_STRS, 0, NULL, NULL,
	  "Phase 1 compliance regimes (HIPAA, GDPR, PCI-DSS, ...). Write [] to state "
	  "that none apply: an empty list is a decision, a missing key is not.",
	  "constraints:\n  compliance: [PCI-DSS, GDPR]"),
	F(ag_constraints, regions, AG_F_STRS, 0, NULL, NULL,
	  "Where the users are.", "constraints:\n  regions: [eu, us]"),
	F(ag_constraints, global, AG_F_BOOL, 0, NULL, NULL,
	  "Whether users are spread worldwide (edge and CDN rules use it).",
	  "constraints:\n  global: true"),
	F(ag_constraints, teams, AG_F_INT, 0, NULL, NULL,
	  "How many engineering teams build the system (microservices rules use it).",
	  "constraints:\n  teams: 4"),
	F(ag_constraints, offline, AG_F_BOOL, 0, NULL, NULL,
	  "Whether the app must work without a network and sync later (offline-first).",
	  "constraints:\n  offline: true"),
	F(ag_constraints, collaborative, AG_F_BOOL, 0, NULL, NULL,
	  "Whether several people edit the same data at once (Figma, Notion patterns).",
	  "constraints:\n  collaborative: true"),
};
static const struct ag_schema constraint_schema =
	SCHEMA(ag_constraints, "constraints", constraint_fields, NULL);

static const struct ag_field capability_fields[] = {
	F(ag_capability, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "What the capability is (Auth, Chat, Payments, Pricing engine).",
	  "- name: Auth"),
	F(ag_capability, core, AG_F_BOOL, 0, NULL, NULL,
	  "Whether this is the core differentiator of the business.", "  core: false"),
	F(ag_capability, decision, AG_F_ENUM, 0, NULL, decision_values,
	  "Buy or build. \"Only build your Core Differentiator. Buy everything else.\"",
	  "  decision: buy"),
	F(ag_capability, vendor, AG_F_STR, 0, NULL, NULL,
	  "For bought capabilities, the product or vendor.", "  vendor: Auth0"),
	F(ag_capability, description, AG_F_STR, 0, NULL, NULL,
	  "Free text.", "  description: Sign-in, SSO and MFA"),
};
static const struct ag_schema capability_schema =
	SCHEMA(ag_capability, "capability", capability_fields, NULL);

static const struct ag_field person_fields[] = {
	F(ag_element, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Identifier used by relations, unique across people, external systems and "
	  "containers.", "- id: shopper"),
	F(ag_element, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Display name.",
	  "  name: Shopper"),
	F(ag_element, kind, AG_F_STR, 0, NULL, NULL,
	  "For external systems, what kind of system it is (payment-gateway, "
	  "identity-provider, email, ...).", "  kind: payment-gateway"),
	F(ag_element, description, AG_F_STR, 0, NULL, NULL, "Free text.",
	  "  description: Buys things on the web shop"),
};
static const struct ag_schema person_schema =
	SCHEMA(ag_element, "person", person_fields, NULL);
static const struct ag_field external_fields[] = {
	F(ag_element, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Identifier used by relations, unique across people, external systems and "
	  "containers.", "- id: stripe"),
	F(ag_element, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Display name.",
	  "  name: Stripe"),
	F(ag_element, kind, AG_F_STR, 0, NULL, NULL,
	  "What kind of system it is (payment-gateway, identity-provider, email, ...).",
	  "  kind: payment-gateway"),
	F(ag_element, description, AG_F_STR, 0, NULL, NULL, "Free text.",
	  "  description: Takes card payments"),
	F(ag_element, sla, AG_F_NUM, 0, NULL, NULL,
	  "The availability the provider promises, in percent; rule "
	  "slo-within-dependencies multiplies the availability of what a "
	  "container calls.", "  sla: 99.99"),
};
static const struct ag_schema external_schema =
	SCHEMA(ag_element, "external system", external_fields, NULL);

static const struct ag_field container_fields[] = {
	F(ag_container, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Identifier, unique across people, external systems and containers.",
	  "- id: api"),
	F(ag_container, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Display name.",
	  "  name: Checkout API"),
	F(ag_container, description, AG_F_STR, 0, NULL, NULL, "Free text.", NULL),
	F(ag_container, kind, AG_F_ENUM, 0, NULL, ckind_values,
	  "What the container is; datastores, caches and queues need failure modes "
	  "like external systems do. Default service.",
	  "  kind: datastore"),
	F(ag_container, tech, AG_F_STRS, 0, NULL, NULL,
	  "Technologies it is built with; checked against the tech radar.",
	  "  tech: [typescript, postgres]"),
	F(ag_container, runtime, AG_F_ENUM, 0, NULL, runtime_values,
	  "Where it runs. Edge runtimes have no filesystem and about 50 ms of CPU.",
	  "  runtime: container"),
	F(ag_container, owner, AG_F_STR, 0, NULL, NULL, "The owning team.",
	  "  owner: team-checkout"),
	F(ag_container, metrics, AG_F_STR, 0, NULL, NULL,
	  "Path of the Prometheus metrics endpoint (\"All services must expose a "
	  "/metrics endpoint\").", "  metrics: /metrics"),
	F(ag_container, logs, AG_F_ENUM, 0, NULL, logs_values,
	  "Log format (\"All logs must be JSON\").", "  logs: json"),
	F(ag_container, errors, AG_F_STR, 0, NULL, NULL,
	  "Error response format, e.g. problem+json (RFC 9457).",
	  "  errors: problem+json"),
	F(ag_container, openapi, AG_F_STR, 0, NULL, NULL,
	  "Its OpenAPI (3.x) or Swagger 2.0 spec, a path from the repository root; "
	  "`archgate check` and `archgate api lint` lint it.",
	  "  openapi: services/checkout/openapi.yaml"),
	F(ag_container, tracing, AG_F_ENUM, 0, NULL, tracing_values,
	  "Trace-context propagation.", "  tracing: w3c"),
	F(ag_container, region, AG_F_STR, 0, NULL, NULL, "Region it runs in.",
	  "  region: eu-west-1"),
	F(ag_container, filesystem, AG_F_BOOL, 0, NULL, NULL,
	  "Whether it needs a writable local filesystem (edge runtimes have none).",
	  "  filesystem: false"),
	F(ag_container, cpu_ms, AG_F_INT, 0, NULL, NULL,
	  "Typical CPU time per request in milliseconds (edge runtimes allow about 50).",
	  "  cpu_ms: 5"),
	F(ag_container, sla, AG_F_NUM, 0, NULL, NULL,
	  "The availability promised to customers in a contract, in percent (\"Define "
	  "SLOs before SLAs\": rule sla-looser-than-slo wants an SLO stricter than it).",
	  "  sla: 99.5"),
	F(ag_container, discovered, AG_F_STR, 0, NULL, NULL,
	  "Where `archgate init` found this container (FILE:LINE): a draft until a "
	  "person has checked it and deleted this key (rule discovered-draft); its "
	  "tech is judged by undocumented-technology from then on.",
	  "  discovered: compose.yaml:4"),
};
static const struct ag_schema container_schema =
	SCHEMA(ag_container, "container", container_fields, NULL);

static const struct ag_field relation_fields[] = {
	F(ag_relation, from, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Id of the person, external system or container the relation starts at; "
	  "the system's own name stands for the whole system.",
	  "- from: shopper"),
	F(ag_relation, to, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Id it goes to.", "  to: web"),
	F(ag_relation, label, AG_F_STR, 0, NULL, NULL,
	  "What happens along it, as a verb phrase; drawn on the diagram.",
	  "  label: Places orders using"),
	F(ag_relation, tech, AG_F_STR, 0, NULL, NULL, "Protocol or technology.",
	  "  tech: HTTPS"),
	F(ag_relation, discovered, AG_F_STR, 0, NULL, NULL,
	  "Where `archgate init` found this relation (FILE:LINE, e.g. a compose "
	  "depends_on): a draft until a person has checked it and deleted this key.",
	  "  discovered: compose.yaml:9"),
};
static const struct ag_schema relation_schema =
	SCHEMA(ag_relation, "relation", relation_fields, NULL);

static const struct ag_field boundary_fields[] = {
	F(ag_boundaries, style, AG_F_ENUM, 0, NULL, style_values,
	  "Architecture style. \"Monolith or Microservices? (Hint: Start with "
	  "Monolith).\"", "boundaries:\n  style: monolith"),
	F(ag_boundaries, people, AG_F_OBJS, 0, &person_schema, NULL,
	  "The people (actors, roles) who use the system.", NULL),
	F(ag_boundaries, external, AG_F_OBJS, 0, &external_schema, NULL,
	  "Systems outside the boundary that this one talks to.", NULL),
	F(ag_boundaries, containers, AG_F_OBJS, 0, &container_schema, NULL,
	  "The deployable parts inside the boundary: apps, services, datastores.",
	  NULL),
	F(ag_boundaries, relations, AG_F_OBJS, 0, &relation_schema, NULL,
	  "Who talks to whom, labelled.", NULL),
};
static const struct ag_schema boundary_schema =
	SCHEMA(ag_boundaries, "boundaries", boundary_fields, NULL);

static const struct ag_field entity_fields[] = {
	F(ag_entity, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The data entity (\"User Profile\").", "- name: User Profile"),
	F(ag_entity, owner, AG_F_STR, 0, NULL, NULL,
	  "Id of the one container (datastore) that is its source of truth.",
	  "  owner: users-db"),
	F(ag_entity, consistency, AG_F_ENUM, 0, NULL, consistency_values,
	  "Consistency model: strong (banking) or eventual (social feed).",
	  "  consistency: strong"),
	F(ag_entity, financial, AG_F_BOOL, 0, NULL, NULL,
	  "Whether it moves or records money.", "  financial: true"),
	F(ag_entity, pii, AG_F_BOOL, 0, NULL, NULL,
	  "Whether it holds personal data.", "  pii: true"),
	F(ag_entity, description, AG_F_STR, 0, NULL, NULL, "Free text.", NULL),
};
static const struct ag_schema entity_schema =
	SCHEMA(ag_entity, "entity", entity_fields, NULL);

static const struct ag_field flow_fields[] = {
	F(ag_flow, from, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Source id.", "- from: orders-db"),
	F(ag_flow, to, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Destination id.", "  to: analytics"),
	F(ag_flow, gb_month, AG_F_NUM, 0, NULL, NULL, "Volume per month in GB.",
	  "  gb_month: 4000"),
	F(ag_flow, cross_region, AG_F_BOOL, 0, NULL, NULL,
	  "Whether the flow crosses regions (\"Data gravity is real\").",
	  "  cross_region: true"),
	F(ag_flow, description, AG_F_STR, 0, NULL, NULL, "Free text.", NULL),
};
static const struct ag_schema flow_schema = SCHEMA(ag_flow, "data flow", flow_fields, NULL);

static const struct ag_field data_fields[] = {
	F(ag_data, entities, AG_F_OBJS, 0, &entity_schema, NULL,
	  "Data entities, each with one owner and a consistency model.", NULL),
	F(ag_data, flows, AG_F_OBJS, 0, &flow_schema, NULL,
	  "Large data movements.", NULL),
};
static const struct ag_schema data_schema = SCHEMA(ag_data, "data", data_fields, NULL);

static const struct ag_field failure_fields[] = {
	F(ag_failure_mode, dependency, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Id of the external system or datastore that fails.", "- dependency: stripe"),
	F(ag_failure_mode, scenario, AG_F_STR, 0, NULL, NULL,
	  "What goes wrong (\"What happens if the Payment Gateway is down?\").",
	  "  scenario: Stripe API is down"),
	F(ag_failure_mode, impact, AG_F_STR, 0, NULL, NULL,
	  "What users see.", "  impact: Cards cannot be charged"),
	F(ag_failure_mode, mitigation, AG_F_STR, 0, NULL, NULL,
	  "How the system degrades gracefully.",
	  "  mitigation: Queue the charge and retry; show the order as pending"),
};
static const struct ag_schema failure_schema =
	SCHEMA(ag_failure_mode, "failure mode", failure_fields, NULL);

static const struct ag_field obs_fields[] = {
	F(ag_observability, logs, AG_F_ENUM, 0, NULL, logs_values,
	  "Default log format for all containers.", "observability:\n  logs: json"),
	F(ag_observability, tracing, AG_F_ENUM, 0, NULL, tracing_values,
	  "Default trace propagation.", "observability:\n  tracing: w3c"),
	F(ag_observability, required_fields, AG_F_STRS, 0, NULL, NULL,
	  "Fields every structured event must carry (default trace_id, span_id, "
	  "service, event).",
	  "observability:\n  required_fields: [trace_id, span_id, service, event]"),
	F(ag_observability, events, AG_F_STRS, 0, NULL, NULL,
	  "Paths of event logs to lint and analyse.",
	  "observability:\n  events: [logs/*.ndjson]"),
};
static const struct ag_schema obs_schema =
	SCHEMA(ag_observability, "observability", obs_fields, NULL);

static const struct ag_field cost_item_fields[] = {
	F(ag_cost_item, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "What costs money.",
	  "- name: Postgres"),
	F(ag_cost_item, monthly, AG_F_NUM, AG_F_REQUIRED, NULL, NULL,
	  "Monthly cost in the model's currency.", "  monthly: 1200"),
	F(ag_cost_item, container, AG_F_STR, 0, NULL, NULL,
	  "The container it belongs to.", "  container: orders-db"),
};
static const struct ag_schema cost_item_schema =
	SCHEMA(ag_cost_item, "cost item", cost_item_fields, NULL);

static const struct ag_field transfer_fields[] = {
	F(ag_transfer, from, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Source id.", "- from: api"),
	F(ag_transfer, to, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Destination id.", "  to: orders-db"),
	F(ag_transfer, gb_month, AG_F_NUM, AG_F_REQUIRED, NULL, NULL, "GB per month.",
	  "  gb_month: 5000"),
	F(ag_transfer, cross_az, AG_F_BOOL, 0, NULL, NULL,
	  "Whether it crosses availability zones (a hidden cost).", "  cross_az: true"),
	F(ag_transfer, price_per_gb, AG_F_NUM, 0, NULL, NULL,
	  "Price per GB (default 0.01 each way for cross-AZ).", "  price_per_gb: 0.02"),
};
static const struct ag_schema transfer_schema =
	SCHEMA(ag_transfer, "transfer", transfer_fields, NULL);

static const struct ag_field cost_fields[] = {
	F(ag_cost, currency, AG_F_STR, 0, NULL, NULL, "Currency code (default USD).",
	  "cost:\n  currency: EUR"),
	F(ag_cost, active_users, AG_F_INT, 0, NULL, NULL, "Monthly active users.",
	  "cost:\n  active_users: 200000"),
	F(ag_cost, ceiling_per_user_month, AG_F_NUM, 0, NULL, NULL,
	  "Budget ceiling per active user per month.",
	  "cost:\n  ceiling_per_user_month: 0.05"),
	F(ag_cost, items, AG_F_OBJS, 0, &cost_item_schema, NULL, "Monthly cost items.", NULL),
	F(ag_cost, transfers, AG_F_OBJS, 0, &transfer_schema, NULL, "Data transfers.", NULL),
};
static const struct ag_schema cost_schema = SCHEMA(ag_cost, "cost", cost_fields, NULL);

static const struct ag_field debt_fields[] = {
	F(ag_debt, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Identifier.",
	  "- id: legacy-orders"),
	F(ag_debt, title, AG_F_STR, 0, NULL, NULL, "What the debt is.",
	  "  title: Orders still written by the 2014 PHP monolith"),
	F(ag_debt, principal_days, AG_F_NUM, 0, NULL, NULL,
	  "Engineer-days to pay it off.", "  principal_days: 30"),
	F(ag_debt, interest_hours_month, AG_F_NUM, 0, NULL, NULL,
	  "Hours per month it costs while unpaid.", "  interest_hours_month: 40"),
	F(ag_debt, load_bearing, AG_F_BOOL, 0, NULL, NULL,
	  "Whether it is load-bearing legacy code that needs replacement.",
	  "  load_bearing: true"),
	F(ag_debt, owner, AG_F_STR, 0, NULL, NULL, "Who owns paying it off.",
	  "  owner: team-orders"),
	F(ag_debt, plan, AG_F_STR, 0, NULL, NULL, "How it will be paid off.",
	  "  plan: Strangle /orders behind the new API, one route at a time"),
	F(ag_debt, paths, AG_F_STRS, 0, NULL, NULL, "Source paths involved.",
	  "  paths: [legacy/orders/]"),
};
static const struct ag_schema debt_schema = SCHEMA(ag_debt, "debt item", debt_fields, NULL);

static const struct ag_field route_fields[] = {
	F(ag_route, path, AG_F_STR, AG_F_REQUIRED, NULL, NULL, "Route or feature.",
	  "- path: /orders"),
	F(ag_route, to, AG_F_ENUM, AG_F_REQUIRED, NULL, route_values,
	  "Which side serves it now.", "  to: new"),
};
static const struct ag_schema route_schema = SCHEMA(ag_route, "route", route_fields, NULL);

static const struct ag_field migration_fields[] = {
	F(ag_migration, legacy, AG_F_STR, 0, NULL, NULL,
	  "Id of the legacy system being strangled.", "migration:\n  legacy: legacy-monolith"),
	F(ag_migration, target, AG_F_STR, 0, NULL, NULL,
	  "Id of the container that replaces it.", "migration:\n  target: api"),
	F(ag_migration, routes, AG_F_OBJS, 0, &route_schema, NULL,
	  "Strangler-fig routes and which side serves each.", NULL),
};
static const struct ag_schema migration_schema =
	SCHEMA(ag_migration, "migration", migration_fields, NULL);

static const char *const streaming_values[] = {"sse", "websockets", "none", NULL};

static const struct ag_field ai_fields[] = {
	F(ag_ai_feature, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The AI feature (search, recommendations, content generation).",
	  "- name: Semantic product search"),
	F(ag_ai_feature, container, AG_F_STR, 0, NULL, NULL,
	  "Id of the container that serves it.", "  container: api"),
	F(ag_ai_feature, llm, AG_F_STR, 0, NULL, NULL, "The model used.",
	  "  llm: a small embedding model"),
	F(ag_ai_feature, vector_store, AG_F_STR, 0, NULL, NULL,
	  "Where embeddings live (pgvector, Pinecone, Weaviate); checked against the "
	  "tech radar.", "  vector_store: pgvector"),
	F(ag_ai_feature, embedding_cache, AG_F_BOOL, 0, NULL, NULL,
	  "Whether embeddings are cached (\"Cache embeddings\").", "  embedding_cache: true"),
	F(ag_ai_feature, batching, AG_F_BOOL, 0, NULL, NULL,
	  "Whether model requests are batched (\"batch requests\").", "  batching: true"),
	F(ag_ai_feature, streaming, AG_F_ENUM, 0, NULL, streaming_values,
	  "How responses reach the user (\"Stream responses (SSE/WebSockets), don't "
	  "block UI\").", "  streaming: sse"),
	F(ag_ai_feature, cost_month, AG_F_NUM, 0, NULL, NULL,
	  "Expected monthly model cost.", "  cost_month: 800"),
};
static const struct ag_schema ai_schema = SCHEMA(ag_ai_feature, "AI feature", ai_fields, NULL);

static const struct ag_field system_fields[] = {
	F(ag_system, system, AG_F_OBJ, 0, &info_schema, NULL, "The system itself.", NULL),
	F(ag_system, constraints, AG_F_OBJ, 0, &constraint_schema, NULL,
	  "Phase 1: the non-functional requirements. \"These constraints dictate the "
	  "tech stack, not your personal preference.\"", NULL),
	F(ag_system, capabilities, AG_F_OBJS, 0, &capability_schema, NULL,
	  "Phase 1: buy vs build, one entry per capability.", NULL),
	F(ag_system, boundaries, AG_F_OBJ, 0, &boundary_schema, NULL,
	  "Phase 1: the boundaries and the context diagram.", NULL),
	F(ag_system, data, AG_F_OBJ, 0, &data_schema, NULL,
	  "Phase 2: data flow and consistency.", NULL),
	F(ag_system, failure_modes, AG_F_OBJS, 0, &failure_schema, NULL,
	  "Phase 2: failure mode analysis.", NULL),
	F(ag_system, observability, AG_F_OBJ, 0, &obs_schema, NULL,
	  "Phase 2.5: observability.", NULL),
	F(ag_system, cost, AG_F_OBJ, 0, &cost_schema, NULL,
	  "Phase 3: cost governance.", NULL),
	F(ag_system, debt, AG_F_OBJS, 0, &debt_schema, NULL,
	  "Phase 4: the tech-debt register.", NULL),
	F(ag_system, migration, AG_F_OBJ, 0, &migration_schema, NULL,
	  "Phase 4: strangler-fig migration.", NULL),
	F(ag_system, ai, AG_F_OBJS, 0, &ai_schema, NULL,
	  "Phase 1.5: AI integration points, with their cost and latency controls.", NULL),
};

const struct ag_schema ag_system_schema = SCHEMA(ag_system, "system.yaml", system_fields,
	"The architecture model.");

static bool is_dir(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* archgate.yaml `sections:` as the records' vocabulary. */
static int build_vocab(struct ag_model *m)
{
	const struct ag_sections_policy *sp = &m->policy.sections;
	const struct ag_list *lists[AG_ADRS_COUNT] = {
		[AG_ADRS_STATUS] = &sp->status, [AG_ADRS_DATE] = &sp->date,
		[AG_ADRS_CONTEXT] = &sp->context, [AG_ADRS_DECISION] = &sp->decision,
		[AG_ADRS_CONSEQUENCES] = &sp->consequences, [AG_ADRS_ALTERNATIVES] = &sp->alternatives};
	for (int s = 0; s < AG_ADRS_COUNT; s++) {
		m->adr_vocab.extra[s] = NULL;
		if (!lists[s] || !lists[s]->n)
			continue;
		const char **v = ag_arena_alloc(&m->arena, (lists[s]->n + 1) * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		const struct ag_scalar *sc = lists[s]->v;
		size_t k = 0;
		for (size_t i = 0; i < lists[s]->n; i++)
			if (sc[i].s && *sc[i].s)
				v[k++] = sc[i].s;
		v[k] = NULL;
		m->adr_vocab.extra[s] = v;
	}
	return 0;
}

int ag_model_find(const char *explicit_dir, const char *cwd, char **out)
{
	*out = NULL;
	const char *want = explicit_dir && *explicit_dir ? explicit_dir : getenv("ARCHGATE_DIR");
	if (want && *want) {
		char *r = realpath(want, NULL);
		if (!r)
			return errno == ENOMEM ? AG_ENOMEM : AG_ENOENT;
		if (!is_dir(r)) {
			free(r);
			return AG_ENOENT;
		}
		*out = r;
		return 0;
	}
	char *dir = realpath(cwd, NULL);
	if (!dir)
		return AG_ENOENT;
	for (;;) {
		size_t l = strlen(dir);
		char *cand = malloc(l + 6);
		if (!cand) {
			free(dir);
			return AG_ENOMEM;
		}
		snprintf(cand, l + 6, "%s%sarch", dir, l > 1 ? "/" : "");
		if (is_dir(cand)) {
			free(dir);
			*out = cand;
			return 0;
		}
		/* like git, never look past the repository's own root */
		snprintf(cand, l + 6, "%s%s.git", dir, l > 1 ? "/" : "");
		struct stat gst;
		bool repo_root = !lstat(cand, &gst);
		free(cand);
		if (repo_root) {
			free(dir);
			return AG_ENOENT;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (l == 1) {
				free(dir);
				return AG_ENOENT;
			}
			dir[1] = '\0';
		} else {
			*slash = '\0';
		}
	}
}

/* Ids of people, external systems and containers share one namespace. */
struct idref {
	const struct ag_scalar *id;
	const char *kind;
};

static int idcmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int r = strcmp(x->id->s, y->id->s);
	if (r)
		return r;
	return x->id->pos.line - y->id->pos.line;
}

static const struct idref *find_id(const struct idref *ids, size_t n, const char *s)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(ids[mid].id->s, s);
		if (!r)
			return &ids[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void ref_error(struct ag_loader *l, const struct ag_scalar *ref, const char *what,
		      const struct idref *ids, size_t n)
{
	if (ag_loader_saturated(l)) /* nobody reads past the first hundred */
		return;
	const char *cands[512];
	size_t nc = 0;
	for (size_t i = 0; i < n && nc < 512; i++)
		cands[nc++] = ids[i].id->s;
	const char *hint = ag_did_you_mean(ref->s, ref->len, cands, nc);
	if (hint)
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &ref->pos,
				"%s '%s' is not a defined id; did you mean '%s'?", what,
				ref->s, hint);
	else
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &ref->pos,
				"%s '%s' is not a defined id (people, external systems "
				"and containers define ids)", what, ref->s);
	l->errors++;
}

enum { K_PERSON = 1, K_EXTERNAL = 2, K_CONTAINER = 4, K_ANY = 7 };

static unsigned kind_bit(const char *kind)
{
	return !strcmp(kind, "person") ? K_PERSON : !strcmp(kind, "container") ? K_CONTAINER
									     : K_EXTERNAL;
}

static void check_ref(struct ag_loader *l, const struct ag_scalar *ref, const char *what,
		      const struct idref *ids, size_t n, const struct ag_system *s,
		      unsigned allowed)
{
	if (!ref->set)
		return;
	const struct idref *hit = find_id(ids, n, ref->s);
	if (hit && !(kind_bit(hit->kind) & allowed)) {
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &ref->pos,
				"%s '%s' is a %s; it must be %s", what, ref->s, hit->kind,
				allowed == K_CONTAINER ? "a container"
						       : "an external system or a container");
		l->errors++;
		return;
	}
	if (hit)
		return;
	/* the system's own name (or "system") stands for the whole system */
	if (!strcmp(ref->s, "system") ||
	    (s->system.name.set && !strcmp(ref->s, s->system.name.s)))
		return;
	ref_error(l, ref, what, ids, n);
}

static int name_cmp_fold(const void *a, const void *b)
{
	const struct ag_scalar *x = *(const struct ag_scalar *const *)a;
	const struct ag_scalar *y = *(const struct ag_scalar *const *)b;
	int r = strcasecmp(x->s, y->s);
	return r ? r : x->pos.line - y->pos.line;
}

static int name_cmp(const void *a, const void *b)
{
	const struct ag_scalar *x = *(const struct ag_scalar *const *)a;
	const struct ag_scalar *y = *(const struct ag_scalar *const *)b;
	int r = strcmp(x->s, y->s);
	return r ? r : x->pos.line - y->pos.line;
}

/* Report repeated names in a list of structs, in O(n log n): the name is the
 * struct ag_scalar at `name_off` in each element; `why` ends the message. */
static int dup_names(struct ag_loader *l, const void *v, size_t n, size_t elsize,
		     size_t name_off, bool fold, const char *what, const char *why)
{
	if (n < 2)
		return 0;
	const struct ag_scalar **names = malloc(n * sizeof(*names));
	if (!names)
		return AG_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ag_scalar *sc =
			(const struct ag_scalar *)((const char *)v + i * elsize + name_off);
		if (sc->set)
			names[k++] = sc;
	}
	int (*cmp)(const void *, const void *) = fold ? name_cmp_fold : name_cmp;
	qsort(names, k, sizeof(*names), cmp);
	for (size_t i = 1; i < k; i++) {
		bool same = fold ? !strcasecmp(names[i]->s, names[i - 1]->s)
				 : !strcmp(names[i]->s, names[i - 1]->s);
		if (!same)
			continue;
		size_t first = i - 1;
		while (first > 0 && (fold ? !strcasecmp(names[first - 1]->s, names[i]->s)
					  : !strcmp(names[first - 1]->s, names[i]->s)))
			first--;
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &names[i]->pos,
				"duplicate %s '%s' (first at line %d)%s", what, names[i]->s,
				names[first]->pos.line, why);
		l->errors++;
	}
	free(names);
	return 0;
}

static int validate_refs(struct ag_loader *l, const struct ag_system *s)
{
	const struct ag_boundaries *b = &s->boundaries;
	size_t n = b->people.n + b->external.n + b->containers.n, k = 0;
	struct idref *ids = malloc((n + 1) * sizeof(*ids));
	if (!ids)
		return AG_ENOMEM;
	const struct ag_element *pe = b->people.v, *ex = b->external.v;
	const struct ag_container *co = b->containers.v;
	for (size_t i = 0; i < b->people.n; i++)
		if (pe[i].id.set)
			ids[k++] = (struct idref){&pe[i].id, "person"};
	for (size_t i = 0; i < b->external.n; i++)
		if (ex[i].id.set)
			ids[k++] = (struct idref){&ex[i].id, "external system"};
	for (size_t i = 0; i < b->containers.n; i++)
		if (co[i].id.set)
			ids[k++] = (struct idref){&co[i].id, "container"};
	qsort(ids, k, sizeof(*ids), idcmp);
	for (size_t i = 1; i < k; i++) {
		if (!strcmp(ids[i].id->s, ids[i - 1].id->s)) {
			ag_diags_addpos(l->diags, AG_SEV_ERROR, &ids[i].id->pos,
					"duplicate id '%s' (already used by the %s at line %d)",
					ids[i].id->s, ids[i - 1].kind, ids[i - 1].id->pos.line);
			l->errors++;
		}
	}
	const struct ag_relation *r = b->relations.v;
	for (size_t i = 0; i < b->relations.n; i++) {
		check_ref(l, &r[i].from, "relation source", ids, k, s, K_ANY);
		check_ref(l, &r[i].to, "relation target", ids, k, s, K_ANY);
	}
	const struct ag_entity *e = s->data.entities.v;
	for (size_t i = 0; i < s->data.entities.n; i++)
		check_ref(l, &e[i].owner, "entity owner", ids, k, s, K_CONTAINER);
	const struct ag_flow *fl = s->data.flows.v;
	for (size_t i = 0; i < s->data.flows.n; i++) {
		check_ref(l, &fl[i].from, "flow source", ids, k, s, K_EXTERNAL | K_CONTAINER);
		check_ref(l, &fl[i].to, "flow target", ids, k, s, K_EXTERNAL | K_CONTAINER);
	}
	const struct ag_failure_mode *fm = s->failure_modes.v;
	for (size_t i = 0; i < s->failure_modes.n; i++)
		check_ref(l, &fm[i].dependency, "failure-mode dependency", ids, k, s,
			  K_EXTERNAL | K_CONTAINER);
	const struct ag_cost_item *ci = s->cost.items.v;
	for (size_t i = 0; i < s->cost.items.n; i++)
		check_ref(l, &ci[i].container, "cost item container", ids, k, s, K_CONTAINER);
	const struct ag_transfer *tr = s->cost.transfers.v;
	for (size_t i = 0; i < s->cost.transfers.n; i++) {
		check_ref(l, &tr[i].from, "transfer source", ids, k, s, K_EXTERNAL | K_CONTAINER);
		check_ref(l, &tr[i].to, "transfer target", ids, k, s, K_EXTERNAL | K_CONTAINER);
	}
	check_ref(l, &s->migration.legacy, "migration legacy system", ids, k, s,
		  K_EXTERNAL | K_CONTAINER);
	check_ref(l, &s->migration.target, "migration target", ids, k, s, K_CONTAINER);
	const struct ag_ai_feature *ai = s->ai.v;
	for (size_t i = 0; i < s->ai.n; i++)
		check_ref(l, &ai[i].container, "AI feature container", ids, k, s, K_CONTAINER);

	/* duplicate names where names are the identity */
	const struct ag_capability *cap = s->capabilities.v;
	int rc = dup_names(l, cap, s->capabilities.n, sizeof(*cap),
			       offsetof(struct ag_capability, name), true,
			       "capability", "");
	if (!rc)
		rc = dup_names(l, e, s->data.entities.n, sizeof(*e), offsetof(struct ag_entity, name),
			       true, "entity", "; an entity has exactly one owner, so list it once");
	if (!rc)
		rc = dup_names(l, s->debt.v, s->debt.n, sizeof(struct ag_debt),
			       offsetof(struct ag_debt, id), false,
			       "debt id", "");
	free(ids);
	return rc;
}

/* Parse one YAML file of the arch dir. *root stays NULL when it is missing. */
static int load_yaml(struct ag_model *m, const char *name, const struct ag_ynode **root,
		     const char **disp, bool *exists, struct ag_diags *diags)
{
	*root = NULL;
	*exists = false;
	size_t pl = strlen(m->arch_dir) + strlen(name) + 2;
	size_t dl = strlen(m->arch_rel) + strlen(name) + 2;
	char *path = ag_arena_alloc(&m->arena, pl);
	char *d = ag_arena_alloc(&m->arena, dl);
	if (!path || !d)
		return AG_ENOMEM;
	snprintf(path, pl, "%s/%s", m->arch_dir, name);
	snprintf(d, dl, "%s%s%s", m->arch_rel, *m->arch_rel ? "/" : "", name);
	*disp = d;
	char *data;
	size_t len;
	int rc = ag_read_file(path, AG_YAML_MAX_BYTES, &data, &len);
	if (rc == AG_ENOENT)
		return 0;
	*exists = true;
	if (rc == AG_ELIMIT) {
		ag_diags_add(diags, AG_SEV_ERROR, d, 1, 1,
			     "file is %.1f MiB; archgate reads YAML files up to %zu MiB",
			     (double)len / 1048576.0, AG_YAML_MAX_BYTES >> 20);
		return AG_EINVAL;
	}
	if (rc) {
		ag_diags_add(diags, AG_SEV_ERROR, d, 0, 0, "cannot read '%s': %s", path,
			     ag_strerror(rc));
		return rc == AG_ENOMEM ? rc : AG_EINVAL;
	}
	struct ag_ynode *r;
	rc = ag_yaml_parse(&m->arena, d, data, len, &r, diags);
	free(data);
	if (rc == AG_ENOMEM)
		return rc;
	if (rc)
		return AG_EINVAL;
	*root = r;
	return 0;
}

int ag_model_load(struct ag_model *m, const char *arch_dir, struct ag_diags *diags)
{
	return ag_model_load_parts(m, arch_dir, AG_LOAD_ALL, diags);
}

int ag_model_load_parts(struct ag_model *m, const char *arch_dir, unsigned parts,
			struct ag_diags *diags)
{
	memset(m, 0, sizeof(*m));
	/* 512 MiB bounds memory for hostile input; a real model needs a few MiB */
	ag_arena_init(&m->arena, (size_t)512 << 20);
	char *ad = ag_arena_strdup(&m->arena, arch_dir);
	if (!ad)
		return AG_ENOMEM;
	size_t l = strlen(ad);
	while (l > 1 && ad[l - 1] == '/')
		ad[--l] = '\0';
	m->arch_dir = ad;
	char *root = ag_arena_strdup(&m->arena, ad);
	if (!root)
		return AG_ENOMEM;
	char *slash = strrchr(root, '/');
	if (slash && slash != root) {
		*slash = '\0';
		m->arch_rel = ad + (slash - root) + 1;
	} else if (slash) {
		root[1] = '\0';
		m->arch_rel = ad + 1;
	} else {
		m->root = ".";
		m->arch_rel = ad;
	}
	if (!m->root)
		m->root = root;
	/* symbolic links in the repository may point only inside it */
	(void)ag_fs_set_root(m->root);

	int bad = 0, rc;
	const struct ag_ynode *proot, *sroot;
	const char *pdisp, *sdisp;
	rc = load_yaml(m, "archgate.yaml", &proot, &pdisp, &m->has_policy, diags);
	if (rc == AG_ENOMEM)
		return rc;
	bad |= rc != 0;
	sroot = NULL;
	sdisp = "arch/system.yaml";
	if (parts & AG_LOAD_SYSTEM) {
		rc = load_yaml(m, "system.yaml", &sroot, &sdisp, &m->has_system, diags);
		if (rc == AG_ENOMEM)
			return rc;
		bad |= rc != 0;
	}

	const struct ag_ynode *rroot = NULL;
	const char *rdisp = "arch/radar.yaml";
	if (parts & AG_LOAD_SYSTEM) {
		rc = load_yaml(m, "radar.yaml", &rroot, &rdisp, &m->radar.present, diags);
		if (rc == AG_ENOMEM)
			return rc;
		bad |= rc != 0;
	}

	struct ag_loader pl = {&m->arena, diags, pdisp, 0};
	if ((rc = ag_policy_load(&pl, proot, &m->policy)))
		return rc;
	struct ag_loader sl = {&m->arena, diags, sdisp, 0};
	if (m->has_system && !sroot && !bad) {
		/* an empty (or comments-only) system.yaml is a mistake, not a model */
		ag_diags_add(diags, AG_SEV_ERROR, sdisp, 1, 1,
			     "system.yaml is empty; it needs at least system: {name: ...} "
			     "(archgate docs model lists every key)");
		sl.errors++;
	}
	if ((rc = ag_schema_load(&sl, &ag_system_schema, sroot, &m->sys)))
		return rc;
	if (!sl.errors && (rc = validate_refs(&sl, &m->sys)))
		return rc;
	struct ag_loader rl = {&m->arena, diags, rdisp, 0};
	if ((parts & AG_LOAD_SYSTEM) && (rc = ag_radar_load(&rl, rroot, &m->radar)))
		return rc;
	bad |= pl.errors || sl.errors || rl.errors;
	if (parts & AG_LOAD_SYSTEM) {
		size_t sl2 = strlen(ad) + 5, sr2 = strlen(m->arch_rel) + 5;
		char *spath = ag_arena_alloc(&m->arena, sl2), *srel = ag_arena_alloc(&m->arena, sr2);
		if (!spath || !srel)
			return AG_ENOMEM;
		snprintf(spath, sl2, "%s/slo", ad);
		snprintf(srel, sr2, "%s/slo", m->arch_rel);
		rc = ag_slos_load(&m->arena, spath, srel, &m->slos, diags);
		if (rc == AG_ENOMEM)
			return rc;
		bad |= rc != 0;
	}
	if (!(parts & AG_LOAD_RECORDS))
		return bad ? AG_EINVAL : 0;

	struct ag_adr_where where;
	if ((rc = build_vocab(m)))
		return rc;
	rc = ag_adr_locate(&m->arena, m->root, ad,
			   m->policy.decisions.set ? m->policy.decisions.s : NULL, &where);
	if (rc)
		return rc;
	if (where.refused) {
		ag_diags_add(diags, AG_SEV_ERROR, m->policy.decisions.pos.file,
			     m->policy.decisions.pos.line, m->policy.decisions.pos.col,
			     "decisions: '%s' is outside the repository; give a folder inside "
			     "it (records are looked for as if it were not set)", where.refused);
		bad = 1;
	}
	where.vocab = &m->adr_vocab;
	rc = ag_adrs_load_where(&m->arena, &where, &m->adrs, diags);
	if (rc == AG_ENOMEM)
		return rc;
	bad |= rc != 0;
	/* the rules (loaded with the system) search records by word */
	if ((parts & AG_LOAD_SYSTEM) && ag_adrs_index(&m->arena, &m->adrs))
		return AG_ENOMEM;

	size_t rl2 = strlen(ad) + 7, rr2 = strlen(m->arch_rel) + 7;
	char *rpath = ag_arena_alloc(&m->arena, rl2), *rrel = ag_arena_alloc(&m->arena, rr2);
	if (!rpath || !rrel)
		return AG_ENOMEM;
	snprintf(rpath, rl2, "%s/rfcs", ad);
	snprintf(rrel, rr2, "%s/rfcs", m->arch_rel);
	rc = ag_rfcs_load(&m->arena, rpath, rrel, &m->rfcs, diags);
	if (rc == AG_ENOMEM)
		return rc;
	bad |= rc != 0;
	return bad ? AG_EINVAL : 0;
}

void ag_model_release(struct ag_model *m)
{
	ag_radar_release(&m->radar);
	ag_arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

const char *ag_model_kind_of(const struct ag_model *m, const char *id, size_t len)
{
	const struct ag_boundaries *b = &m->sys.boundaries;
	const struct ag_element *pe = b->people.v, *ex = b->external.v;
	for (size_t i = 0; i < b->people.n; i++)
		if (pe[i].id.len == len && !memcmp(pe[i].id.s, id, len))
			return "person";
	for (size_t i = 0; i < b->external.n; i++)
		if (ex[i].id.len == len && !memcmp(ex[i].id.s, id, len))
			return "external";
	return ag_model_container(m, id, len) ? "container" : NULL;
}

const struct ag_container *ag_model_container(const struct ag_model *m,
					      const char *id, size_t len)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++)
		if (c[i].id.len == len && !memcmp(c[i].id.s, id, len))
			return &c[i];
	return NULL;
}

int ag_model_event_files(const struct ag_model *m, char ***out, size_t *n,
			 struct ag_diags *d)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	const struct ag_scalar *ev = m->sys.observability.events.v;
	for (size_t i = 0; i < m->sys.observability.events.n; i++) {
		if (!ev[i].s || !*ev[i].s)
			continue;
		bool abs = ev[i].s[0] == '/';
		size_t pn = (abs ? 0 : strlen(m->root) + 1) + strlen(ev[i].s) + 1;
		char *pat = malloc(pn);
		if (!pat)
			goto oom;
		snprintf(pat, pn, "%s%s%s", abs ? "" : m->root, abs ? "" : "/", ev[i].s);
		glob_t g;
		int grc = glob(pat, 0, NULL, &g);
		free(pat);
		if (grc) {
			if (grc == GLOB_NOSPACE)
				goto oom;
			if (ag_diags_addpos(d, AG_SEV_WARNING, &ev[i].pos,
					    "observability.events path '%s' matches no file", ev[i].s))
				goto oom;
			continue;
		}
		for (size_t k = 0; k < g.gl_pathc; k++) {
			char **nv = ag_array_grow(*out, &cap, *n + 1, sizeof(*nv), 8);
			char *c = nv ? strdup(g.gl_pathv[k]) : NULL;
			if (nv)
				*out = nv;
			if (!c) {
				globfree(&g);
				goto oom;
			}
			(*out)[(*n)++] = c;
		}
		globfree(&g);
	}
	return 0;
oom:
	ag_paths_free(*out, *n);
	*out = NULL;
	*n = 0;
	return AG_ENOMEM;
}

void ag_paths_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

size_t ag_model_required_fields(const struct ag_model *m, const char **out, size_t max)
{
	static const char *const dflt[] = {"trace_id", "span_id", "service", "event"};
	size_t n = 0;
	if (!m || !m->sys.observability.required_fields.set) {
		for (size_t i = 0; i < 4 && n < max; i++)
			out[n++] = dflt[i];
		return n;
	}
	const struct ag_scalar *rf = m->sys.observability.required_fields.v;
	for (size_t i = 0; i < m->sys.observability.required_fields.n && n < max; i++) {
		bool dup = !*rf[i].s;
		for (size_t k = 0; k < n && !dup; k++)
			dup = !strcmp(out[k], rf[i].s);
		if (!dup)
			out[n++] = rf[i].s;
	}
	return n;
}
