#!/usr/bin/env python3
"""Generate a large, realistic archgate repository for benchmarking.

    python3 bench/gen-large.py [--out DIR] [--seed N]
                               [--containers 200] [--adrs 1000] [--radar 400]

writes DIR/arch/{system.yaml,archgate.yaml,radar.yaml,decisions/NNNN-slug.md,
slo/<container>.yaml} (DIR defaults to bench/out/large). The output depends
only on the arguments: the same seed always gives byte-identical files, so
timings are comparable between commits. Python 3 standard library only.

The repository is meant to be CLEAN at the default sizes: `archgate check`
exits 0 with no findings (no errors, warnings or notes), so the benchmark
times the check of a healthy large repository, not the reporting of
hundreds of findings. When a new rule fires on it, fix the generator (the
repository is the test data; bench/check.sh stops on findings). Much
smaller --adrs than the defaults leave no room for the records the model
needs (the capability and stack records), and then the check has findings.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
from datetime import date, timedelta

# --------------------------------------------------------------------------
# Vocabulary

DOMAINS = [
    "orders", "payments", "catalog", "inventory", "shipping", "accounts",
    "sessions", "search", "recommendations", "pricing", "promotions",
    "reviews", "notifications", "billing", "invoicing", "fraud", "analytics",
    "reporting", "support", "returns", "loyalty", "cart", "checkout",
    "wishlist", "media", "content", "localisation", "tax", "ledger",
    "payouts", "sellers", "onboarding", "audit", "experiments", "flags",
    "geo", "delivery-slots", "warehouse", "procurement", "forecasting",
    "subscriptions", "gift-cards", "identity", "consent", "messaging",
    "scheduling", "partners", "marketplace", "quotes", "contracts",
]

NOUNS = {
    "orders": ["Order", "Order Line", "Order Event"],
    "payments": ["Payment", "Card Token", "Refund"],
    "catalog": ["Product", "Category", "Attribute Set"],
    "inventory": ["Stock Level", "Reservation", "Stock Movement"],
    "shipping": ["Shipment", "Parcel", "Carrier Label"],
    "accounts": ["User Profile", "Address", "Preference"],
    "ledger": ["Journal Entry", "Account Balance", "Settlement"],
    "billing": ["Invoice Run", "Billing Account", "Usage Record"],
}

TEAMS = ["team-" + t for t in [
    "checkout", "storefront", "fulfilment", "money", "growth", "platform",
    "data", "trust", "search", "catalog", "mobile", "partners", "identity",
    "ledger", "insights", "care", "logistics", "content", "pricing",
    "marketplace", "infra", "sre", "messaging", "experiments",
]]

REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"]

SERVICE_TECH = [
    ["go"], ["go", "grpc"], ["typescript", "node"], ["typescript", "nestjs"],
    ["kotlin", "spring-boot"], ["java", "spring-boot"], ["rust", "axum"],
    ["python", "fastapi"], ["elixir", "phoenix"],
]
WEB_TECH = [["typescript", "react"], ["typescript", "next.js"], ["typescript", "svelte"]]
MOBILE_TECH = [["swift", "swiftui"], ["kotlin", "jetpack-compose"], ["typescript", "react-native"]]
DATASTORE_TECH = [["postgres"], ["postgres", "pgbouncer"], ["mysql"], ["dynamodb"],
                  ["cassandra"], ["clickhouse"], ["elasticsearch"], ["s3"]]
# (Memcached and RabbitMQ are retired: on the radar's Hold ring, in no container)
CACHE_TECH = [["redis"], ["valkey"], ["redis"]]
QUEUE_TECH = [["kafka"], ["nats"], ["sqs"], ["kafka"]]

PEOPLE = [
    ("shopper", "Shopper", "Browses the catalogue and buys things on web and mobile"),
    ("guest", "Guest", "Buys without an account"),
    ("seller", "Seller", "Lists products and fulfils orders on the marketplace"),
    ("support-agent", "Support Agent", "Answers tickets and issues refunds"),
    ("finance-analyst", "Finance Analyst", "Reconciles payouts and closes the books"),
    ("warehouse-operator", "Warehouse Operator", "Picks, packs and ships parcels"),
    ("merchandiser", "Merchandiser", "Curates categories and promotions"),
    ("data-scientist", "Data Scientist", "Trains ranking and fraud models"),
    ("partner-developer", "Partner Developer", "Integrates through the public API"),
    ("courier", "Courier", "Delivers parcels and records proof of delivery"),
    ("auditor", "External Auditor", "Reviews financial controls once a year"),
    ("on-call-engineer", "On-call Engineer", "Responds to pages"),
]

EXTERNALS = [
    ("stripe", "Stripe", "payment-gateway"), ("adyen", "Adyen", "payment-gateway"),
    ("paypal", "PayPal", "payment-gateway"), ("auth0", "Auth0", "identity-provider"),
    ("okta", "Okta", "identity-provider"), ("sendgrid", "SendGrid", "email"),
    ("twilio", "Twilio", "sms"), ("firebase-messaging", "Firebase Cloud Messaging", "push"),
    ("dhl", "DHL Express API", "carrier"), ("ups", "UPS API", "carrier"),
    ("fedex", "FedEx API", "carrier"), ("avalara", "Avalara", "tax"),
    ("segment", "Segment", "analytics"), ("snowflake", "Snowflake", "data-warehouse"),
    ("zendesk", "Zendesk", "support-desk"), ("salesforce", "Salesforce", "crm"),
    ("netsuite", "NetSuite", "erp"), ("algolia", "Algolia", "search"),
    ("cloudflare", "Cloudflare", "cdn"), ("fastly", "Fastly", "cdn"),
    ("google-maps", "Google Maps Platform", "geocoding"),
    ("openai", "OpenAI API", "llm"), ("sift", "Sift", "fraud-scoring"),
    ("onfido", "Onfido", "identity-verification"), ("docusign", "DocuSign", "e-signature"),
    ("launchdarkly", "LaunchDarkly", "feature-flags"), ("sentry", "Sentry", "error-tracking"),
    ("datadog", "Datadog", "observability"), ("pagerduty", "PagerDuty", "paging"),
    ("github", "GitHub", "source-control"), ("contentful", "Contentful", "cms"),
    ("cloudinary", "Cloudinary", "media"), ("exchange-rates", "ECB Exchange Rates", "fx-rates"),
    ("bank-sftp", "Bank SFTP Gateway", "bank"), ("legacy-monolith", "Legacy Shop Monolith", "legacy"),
    ("legacy-erp", "Legacy ERP", "legacy"), ("loqate", "Loqate", "address-validation"),
    ("klarna", "Klarna", "payment-gateway"), ("mailchimp", "Mailchimp", "marketing-email"),
    ("transifex", "Transifex", "translation"),
]

RADAR_SEED = [
    # (name, quadrant, ring) for well-known technologies; the rest are
    # generated internal libraries, platforms and techniques.
    ("TypeScript", "languages-and-frameworks", "adopt"), ("Go", "languages-and-frameworks", "adopt"),
    ("Kotlin", "languages-and-frameworks", "adopt"), ("Java", "languages-and-frameworks", "trial"),
    ("Rust", "languages-and-frameworks", "trial"), ("Python", "languages-and-frameworks", "adopt"),
    ("Elixir", "languages-and-frameworks", "assess"), ("Swift", "languages-and-frameworks", "adopt"),
    ("PHP", "languages-and-frameworks", "hold"), ("Scala", "languages-and-frameworks", "hold"),
    ("React", "languages-and-frameworks", "adopt"), ("Next.js", "languages-and-frameworks", "adopt"),
    ("Svelte", "languages-and-frameworks", "trial"), ("Spring Boot", "languages-and-frameworks", "adopt"),
    ("NestJS", "languages-and-frameworks", "trial"), ("FastAPI", "languages-and-frameworks", "adopt"),
    ("Axum", "languages-and-frameworks", "trial"), ("Phoenix", "languages-and-frameworks", "assess"),
    ("SwiftUI", "languages-and-frameworks", "adopt"), ("Jetpack Compose", "languages-and-frameworks", "adopt"),
    ("React Native", "languages-and-frameworks", "trial"), ("AngularJS", "languages-and-frameworks", "hold"),
    ("jQuery", "languages-and-frameworks", "hold"), ("gRPC", "languages-and-frameworks", "adopt"),
    ("GraphQL", "languages-and-frameworks", "trial"), ("htmx", "languages-and-frameworks", "assess"),
    ("PostgreSQL", "platforms", "adopt"), ("MySQL", "platforms", "trial"),
    ("MongoDB", "platforms", "hold"), ("DynamoDB", "platforms", "trial"),
    ("Cassandra", "platforms", "trial"), ("ClickHouse", "platforms", "trial"),
    ("Elasticsearch", "platforms", "trial"), ("Redis", "platforms", "adopt"),
    ("Valkey", "platforms", "assess"), ("Memcached", "platforms", "hold"),
    ("Kafka", "platforms", "adopt"), ("NATS", "platforms", "trial"),
    ("Amazon SQS", "platforms", "adopt"), ("RabbitMQ", "platforms", "hold"),
    ("Amazon S3", "platforms", "adopt"), ("Kubernetes", "platforms", "adopt"),
    ("Node.js", "platforms", "adopt"), ("PgBouncer", "platforms", "adopt"),
    ("AWS Lambda", "platforms", "trial"), ("Cloudflare Workers", "platforms", "trial"),
    ("WebAssembly", "platforms", "assess"), ("Snowflake", "platforms", "adopt"),
    ("Terraform", "tools", "adopt"), ("OpenTofu", "tools", "assess"),
    ("Helm", "tools", "adopt"), ("Argo CD", "tools", "adopt"), ("GitHub Actions", "tools", "adopt"),
    ("Jenkins", "tools", "hold"), ("Bazel", "tools", "assess"), ("pnpm", "tools", "adopt"),
    ("Vite", "tools", "adopt"), ("Webpack", "tools", "hold"), ("OpenTelemetry", "tools", "adopt"),
    ("Prometheus", "tools", "adopt"), ("Grafana", "tools", "adopt"), ("Sentry", "tools", "adopt"),
    ("k6", "tools", "trial"), ("Playwright", "tools", "adopt"), ("Renovate", "tools", "adopt"),
    ("Trivy", "tools", "trial"), ("sqlc", "tools", "trial"), ("Flyway", "tools", "adopt"),
    ("Structured logging", "techniques", "adopt"), ("Trunk-based development", "techniques", "adopt"),
    ("Strangler fig migration", "techniques", "adopt"), ("Error budgets", "techniques", "adopt"),
    ("Consumer-driven contract tests", "techniques", "trial"), ("Feature flags", "techniques", "adopt"),
    ("Event sourcing", "techniques", "assess"), ("Local-first sync", "techniques", "assess"),
    ("Embedding caching", "techniques", "trial"), ("Shared database integration", "techniques", "hold"),
    ("Big-bang rewrites", "techniques", "hold"), ("Architecture decision records", "techniques", "adopt"),
]

RADAR_GEN_PARTS = {
    "languages-and-frameworks": (["kit", "sdk", "client", "framework", "starter"],
                                 ["go", "ts", "kotlin", "python", "swift", "rust"]),
    "tools": (["lint", "cli", "gen", "bench", "scan", "migrate", "deploy"],
              ["schema", "api", "infra", "release", "secrets", "docs", "perf"]),
    "platforms": (["cluster", "mesh", "store", "gateway", "queue", "runner"],
                  ["shared", "regional", "edge", "batch", "ml", "search"]),
    "techniques": (["review", "testing", "rollout", "budgeting", "modelling", "pairing"],
                   ["canary", "contract", "chaos", "dark-launch", "threat", "cost"]),
}

# the kinds that run code: they log, trace, expose metrics and have SLOs
RUNS_CODE = ("service", "web", "worker", "function")

RINGS = ["adopt", "trial", "assess", "hold"]
QUADRANTS = ["languages-and-frameworks", "tools", "platforms", "techniques"]

ADR_TOPICS = [
    # (title template, decision template, alternatives, phase)
    ("Use {store} as the source of truth for {dom} data",
     "We will keep {dom} data in {store}, owned by {owner}, and expose it only "
     "through the {dom} API.", ["{store} (chosen)", "Shared PostgreSQL cluster",
                               "DynamoDB", "Keep it in the legacy monolith"], "2"),
    ("Publish {dom} events on {queue}",
     "The {dom} service will publish domain events to {queue} with the outbox "
     "pattern; consumers must be idempotent.", ["{queue} with an outbox (chosen)",
                                               "Synchronous HTTP callbacks",
                                               "Polling the database", "Change data capture"], "2"),
    ("Buy {vendor} for {cap}",
     "We will buy {vendor} for {cap} and wrap it behind an internal adapter so "
     "the vendor can be replaced.", ["{vendor} (chosen)", "Build it in-house",
                                    "Open-source self-hosted", "Another SaaS vendor"], "1"),
    ("Cache {dom} reads in {cache}",
     "Reads of {dom} data that tolerate {ttl} seconds of staleness will go "
     "through {cache}; writes invalidate by key.", ["{cache} read-through (chosen)",
                                                   "No cache", "CDN caching",
                                                   "In-process cache"], "1.5"),
    ("Structured JSON logs and W3C trace context for {dom}",
     "Every {dom} container logs JSON events with trace_id, span_id, service and "
     "event, and propagates W3C traceparent.", ["JSON events with trace context (chosen)",
                                               "Plain text logs", "B3 propagation",
                                               "Vendor agent only"], "2.5"),
    ("Set a {slo}% availability SLO for the {dom} API",
     "The {dom} API gets a {slo}% availability objective over 30 days; burning "
     "half of the budget freezes risky changes.", ["{slo}% SLO (chosen)",
                                                   "99.99% SLO", "No SLO, best effort",
                                                   "Latency-only SLO"], "2.5"),
    ("Return RFC 9457 problem+json from the {dom} API",
     "All 4xx and 5xx responses of the {dom} API use application/problem+json "
     "with a stable type URI.", ["problem+json (chosen)", "Ad-hoc error bodies",
                                "Always 200 with an error field", "GraphQL errors"], "3"),
    ("Strangle the {dom} routes out of the legacy monolith",
     "We will move {dom} routes one at a time behind the gateway, switching "
     "at most {pct}% of traffic per change.", ["Strangler fig (chosen)",
                                              "Big-bang rewrite", "Keep the monolith",
                                              "Lift and shift"], "4"),
    ("Pay down the {dom} reporting debt",
     "We will spend {days} engineer-days replacing the nightly {dom} export "
     "with an event-driven projection.", ["Incremental replacement (chosen)",
                                         "Leave it", "Rewrite from scratch",
                                         "Buy a reporting tool"], "4"),
    ("Run {dom} workers on {runtime}",
     "The {dom} workers run on {runtime}; each job is bounded to {secs} seconds "
     "and retried with exponential backoff.", ["{runtime} (chosen)", "Kubernetes CronJobs",
                                              "AWS Lambda", "A VM with cron"], "1.5"),
    ("Keep {dom} in the modular monolith boundary until a second team owns it",
     "The {dom} module stays a package inside its parent service until a team "
     "of its own exists; the module boundary is enforced by lint.",
     ["Module boundary (chosen)", "Split into a microservice now",
      "Merge into the parent domain", "Shared library"], "1"),
    ("Encrypt {dom} data at rest with per-tenant keys",
     "{dom} data is encrypted at rest with KMS keys per tenant; keys rotate "
     "every {days} days.", ["Per-tenant KMS keys (chosen)", "One key per store",
                           "Application-level encryption only", "No encryption"], "1"),
]

# The records that chose the style and the stack: Accepted, spread over the
# first part of the log (a stack is adopted over the years, not on day one).
# Together they name every technology in the containers' tech lists, as
# undocumented-technology requires, and the first one is the Accepted
# decision for microservices that microservices-justified looks for.
STACK_ADRS = [
    ("Carry at most eight programming languages in production",
     "We run eight languages and no more: TypeScript (with JavaScript) for the web and for "
     "integration services, Go, Kotlin and Java on the backend, Python for data services, "
     "Rust on the payment hot path, Elixir for the shipping tracker, and Swift for iOS. "
     "thresholds.max_languages in archgate.yaml is 8; a ninth language needs a record that "
     "retires one of these.",
     ["Eight languages, capped (chosen)", "Every team picks its own",
      "Consolidate on four now", "Two languages and a rewrite"], "1"),
    ("Split the marketplace into microservices along domain boundaries",
     "We will run the marketplace as microservices, one deployable per business domain, "
     "each owned by exactly one of our 24 teams. A domain gets its own service only when a "
     "team exists to own it; until then it stays a module of its parent service. The split "
     "follows the data: each service owns its store, and nobody reads another domain's tables.",
     ["Microservices per domain (chosen)", "One modular monolith for all 24 teams",
      "Keep extending the legacy monolith", "Functions per endpoint"], "1"),
    ("Use Go with gRPC for latency-critical backend services",
     "New services on the checkout path are written in Go and talk to each other over gRPC "
     "with deadlines propagated from the edge. Public endpoints stay HTTPS/JSON.",
     ["Go and gRPC (chosen)", "Kotlin on the JVM", "TypeScript on Node.js", "Rust everywhere"], "1"),
    ("Use TypeScript on Node.js with NestJS for integration services",
     "Services that mostly glue partner APIs together are written in TypeScript on Node.js "
     "with NestJS, sharing types with the web front ends.",
     ["TypeScript, Node.js and NestJS (chosen)", "Go", "Python", "An iPaaS product"], "1"),
    ("Use Kotlin and Spring Boot for JVM services",
     "New JVM services are written in Kotlin on Spring Boot; the existing Java services stay "
     "on Spring Boot and move to Kotlin only when they are rewritten for other reasons.",
     ["Kotlin on Spring Boot (chosen)", "Rewrite the Java services now", "Quarkus", "Go"], "1"),
    ("Allow Rust with Axum for the payment authorisation hot path",
     "The payment authorisation path may use Rust with the Axum framework where the p99 "
     "budget needs it; the payments team owns the toolchain and the on-call for it.",
     ["Rust with Axum (chosen)", "Tune the Go service", "C++", "Stay on the JVM"], "1"),
    ("Use Python with FastAPI for data-facing services",
     "Services that serve models or reports are written in Python with FastAPI, so the data "
     "scientists' code runs without a rewrite.",
     ["Python and FastAPI (chosen)", "Flask", "Rewrite models in Go", "A managed ML endpoint"], "1"),
    ("Keep Elixir and Phoenix for the real-time shipping tracker",
     "The shipping tracker stays on Elixir and Phoenix channels; it is the one place where "
     "hundreds of thousands of live connections per node pay for a second runtime.",
     ["Keep Elixir and Phoenix (chosen)", "Rewrite in Go with WebSockets", "A push vendor",
      "Polling from the apps"], "1.5"),
    ("Use TypeScript with React, Next.js or Svelte for web front ends",
     "Web front ends are TypeScript. Pages that need server rendering use Next.js on React, "
     "interactive widgets use React, and the small edge-rendered pages may use Svelte.",
     ["TypeScript with React, Next.js and Svelte (chosen)", "One framework for everything",
      "Server-rendered templates", "htmx"], "1.5"),
    ("Build the mobile apps natively in Swift and Kotlin",
     "The iOS app is written in Swift with SwiftUI and the Android app in Kotlin with Jetpack "
     "Compose. Seller screens that change weekly use React Native inside the native shells.",
     ["Native Swift/SwiftUI and Kotlin/Jetpack Compose (chosen)", "React Native for everything",
      "Flutter", "A mobile web app"], "1"),
    ("Use PostgreSQL behind PgBouncer as the default datastore",
     "New stores are PostgreSQL with PgBouncer in transaction mode in front of them. The "
     "MySQL stores inherited from the monolith stay on MySQL until their domain is rebuilt.",
     ["PostgreSQL with PgBouncer (chosen)", "MySQL for everything", "Aurora Serverless",
      "One shared cluster"], "2"),
    ("Use Cassandra, DynamoDB and ClickHouse only for their access patterns",
     "Write-heavy timelines may use Cassandra, key-value lookups with a single partition key "
     "DynamoDB, and analytical scans ClickHouse. Everything else is PostgreSQL.",
     ["Purpose-built stores per access pattern (chosen)", "PostgreSQL for everything",
      "MongoDB", "One vendor's database for all"], "2"),
    ("Use Elasticsearch for indexes and Amazon S3 for blobs and exports",
     "Full-text and faceted indexes live in Elasticsearch, rebuilt from the owning store; "
     "media, exports and archives go to Amazon S3 with lifecycle rules.",
     ["Elasticsearch and S3 (chosen)", "Algolia for every index", "Blobs in PostgreSQL",
      "A self-hosted object store"], "2"),
    ("Use Redis or Valkey for caches and retire Memcached",
     "Caches are Redis, or Valkey where the licence matters. The last Memcached clusters are "
     "replaced this quarter, and the radar puts Memcached on Hold so that no new one appears.",
     ["Redis or Valkey (chosen)", "Keep Memcached", "In-process caches only", "A CDN for reads"], "1.5"),
    ("Use Kafka for domain events, NATS for fan-out and Amazon SQS for work queues",
     "Domain events go to Kafka through an outbox. Low-latency fan-out inside a region uses "
     "NATS, and job queues use Amazon SQS. The RabbitMQ brokers inherited from the monolith "
     "are retired once their consumers read from SQS; the radar keeps RabbitMQ on Hold.",
     ["Kafka, NATS and SQS by use (chosen)", "Kafka for everything", "RabbitMQ for everything",
      "Database polling"], "2"),
]

CONTEXT_SENTENCES = [
    "The {dom} domain handles roughly {rps} requests per second at peak and grows about {growth}% a quarter.",
    "Today {dom} data is written by {n} different services, and two of them disagree about which copy is current.",
    "Incidents in the last two quarters ({inc} of them) were traced back to the way {dom} talks to {dep}.",
    "The {owner} team owns {dom} and has {eng} engineers; nobody else can be expected to operate it at night.",
    "Our Phase 1 constraints say {users} users, an interactive latency class and a p99 of {p99} ms.",
    "GDPR and PCI-DSS both apply, so anything that stores card data or personal data must be named and encrypted.",
    "The current approach was chosen in {year} when traffic was a tenth of what it is now.",
    "Finance asked for the cost per active user to stay under {ceiling} per month, including data transfer.",
    "{dep} has had {inc} partial outages this year, each lasting between ten minutes and two hours.",
    "The team considered the question in an RFC that was signed off by the Lead Backend, the Lead Mobile and DevOps.",
    "Mobile clients on slow networks retry aggressively, which turns a slow dependency into a thundering herd.",
    "Data gravity is real: the {dom} tables are {gb} GB and live in {region}, next to the services that read them.",
    "Nobody on the team has run {tech} in production before, so the operational learning curve is part of the cost.",
    "The seed's advice applies here: only build the core differentiator and buy everything else.",
    "Support tickets about {dom} doubled after the last peak season, most of them about stale data.",
    "The {dom} API is called by {n} other domains, so its latency adds up along every checkout path.",
    "A load test at three times today's peak pushed the p99 of {dom} to {p99a} ms, well past the budget.",
    "Our error budget for {dom} was {pct}% burnt in the first week of last month, which froze risky changes.",
    "The {dom} data holds personal data for about {users} users and must stay in its region.",
    "Two earlier attempts to fix this were reverted because nobody wrote down why they were made.",
    "Cross-AZ transfer for {dom} already costs about {money} a month, most of it avoidable.",
    "The legacy monolith still serves part of the {dom} traffic and shares its database with three other domains.",
    "We need an answer before the {dom} team starts the next quarter's roadmap.",
    "The platform team can support at most two new managed services this year.",
]

# Sentences that name big companies, migrations and microservices the way
# real records do: as products, as people's history, or to reject the
# argument. None is a red flag, but each makes the red-flag detectors
# (authority-appeal, microservices-for-spaghetti, data-migration-deferred)
# read the record sentence by sentence, so their cost is measured. About
# half of the records get one in their Context.
ASIDES = [
    "We are not Netflix: {eng} engineers on {owner} run {dom}, and the design has to fit that team.",
    "Two engineers on the team worked at Amazon, and nobody here treats that as an argument for {tech}.",
    "Google Cloud was evaluated for {dom} in {year} and lost on data residency, not on features.",
    "The Apple and Google app stores take about a day to review a release, which bounds how fast a {dom} fix reaches phones.",
    "Unlike Spotify, we do not organise around squads and tribes; {owner} owns {dom} end to end.",
    "Whether Uber or Airbnb run something similar is irrelevant: our numbers are {rps} requests per second and a p99 of {p99} ms.",
    "Amazon S3 already holds the {dom} exports, so the archive needs no new vendor.",
    "A conference talk on chaos testing started the discussion; how Netflix does it is no reason for us, and the argument here rests on our own incident data.",
    "Splitting {dom} into more microservices would not fix its tangled module graph by itself; the module boundaries come first.",
    "The {dom} microservice has its own deploy pipeline, its own on-call rotation and its own error budget.",
    "Each microservice in the estate exposes /metrics and propagates W3C trace context, and {dom} is no exception.",
    "Microservices do not clean up messy code on their own, which is why the {dom} split waited until the modules were clean.",
    "The data migration for {dom} is planned up front: dual writes, a verified backfill and a rollback switch.",
    "We migrated the {dom} schema twice since {year}, each time behind a verified backfill.",
    "Once we cut over, the migration of {dom} records is verified row by row against the old store.",
    "The schema migration for {dom} runs before cutover, and the old tables stay read-only for 30 days.",
]

CONSEQ_POS = [
    "One owner for {dom} data: no more reconciling two copies.",
    "Failures of {dep} degrade {dom} instead of taking checkout down.",
    "On-call engineers can follow a single trace from the edge to {store}.",
    "The {owner} team can deploy {dom} independently several times a day.",
    "Costs are visible per container and per active user.",
    "New engineers can read why {dom} works the way it does.",
    "The p99 for {dom} reads drops from about {p99a} ms to {p99b} ms in load tests.",
]
CONSEQ_NEG = [
    "Another moving part to run and to page someone for.",
    "Consumers of {dom} events must handle duplicates and reordering.",
    "The vendor contract adds roughly {money} a month.",
    "Migration takes an estimated {days} engineer-days.",
    "Local development needs {tech} running in Docker.",
    "Cross-region reads of {dom} now pay for data transfer.",
]
CONSEQ_NEU = [
    "The public API of {dom} does not change.",
    "Dashboards move from the old namespace to the new one.",
    "The runbook for {dom} is rewritten as part of the change.",
]
WHY_REJECTED = [
    "Does not meet the p99 target under peak load",
    "Two owners for the same data",
    "Needs a platform team we do not have",
    "Cost per active user above the ceiling",
    "Big-bang change with no rollback",
    "No one on the team can operate it",
    "Vendor lock-in without an exit plan",
    "Violates the data residency requirement",
    "Hides failures instead of surfacing them",
    "Adds a language outside the radar's Adopt ring",
]

DECIDERS = ["Lead Backend", "Lead Mobile", "DevOps", "Staff Engineer (Payments)",
            "Head of Platform", "Security Lead", "Data Lead", "CTO"]

# --------------------------------------------------------------------------
# YAML emission (a tiny, deterministic emitter; plain scalars when safe)

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()+,-]*$")
_SPECIAL = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def q(s):
    """A YAML scalar for string s: plain when unambiguous, else double-quoted."""
    s = str(s)
    if (_PLAIN.match(s) and s.lower() not in _SPECIAL and not s.endswith(" ")
            and ": " not in s and " #" not in s):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow_list(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# --------------------------------------------------------------------------
# The model


def build_model(rng, ncontainers):
    """Each business domain gets an API and its database, plus two of the
    other kinds, until there are `ncontainers` containers."""
    containers = []  # dicts
    extras = ["worker", "queue", "cache", "web", "function", "mobile"]
    suffix = {"service": "api", "datastore": "db", "worker": "worker", "cache": "cache",
              "queue": "events", "web": "web", "function": "fn", "mobile": "app"}
    di = 0
    while len(containers) < ncontainers:
        dom = DOMAINS[di % len(DOMAINS)]
        di += 1
        kinds = ["service", "datastore"] + rng.sample(extras, 2)
        if di > len(DOMAINS):  # a second round: more of everything
            kinds = rng.sample(["service", "datastore"] + extras, 4)
        for kind in kinds:
            if len(containers) >= ncontainers:
                break
            base = f"{dom}-{suffix[kind]}"
            cid = base
            n = 2
            while any(c["id"] == cid for c in containers):
                cid = f"{base}-{n}"
                n += 1
            containers.append(make_container(rng, cid, dom, kind))
    return containers


def make_container(rng, cid, dom, kind):
    title = dom.replace("-", " ").title()
    owner = rng.choice(TEAMS)
    region = rng.choice(REGIONS[:3]) if rng.random() < 0.9 else rng.choice(REGIONS)
    c = {"id": cid, "dom": dom, "kind": kind, "owner": owner, "region": region}
    if kind == "service":
        c.update(name=f"{title} API", tech=rng.choice(SERVICE_TECH), runtime="container",
                 description=f"Owns the {dom} domain and serves it over HTTPS and gRPC")
    elif kind == "worker":
        c.update(name=f"{title} Worker", tech=rng.choice(SERVICE_TECH), runtime="container",
                 description=f"Consumes {dom} events and runs scheduled {dom} jobs")
    elif kind == "web":
        c.update(name=f"{title} Web", tech=rng.choice(WEB_TECH),
                 runtime=rng.choice(["browser", "edge"]),
                 description=f"The {dom} pages of the storefront")
        if c["runtime"] == "edge":
            # what fits at the edge: rendering and personalisation, no disk
            c.update(filesystem=False, cpu_ms=rng.choice([4, 8, 12, 20, 30, 45]))
    elif kind == "mobile":
        c.update(name=f"{title} App", tech=rng.choice(MOBILE_TECH), runtime="device",
                 description=f"{title} screens in the iOS and Android apps")
    elif kind == "function":
        c.update(name=f"{title} Webhook Function", tech=rng.choice([["typescript"], ["go"], ["python"]]),
                 runtime="serverless",
                 description=f"Receives {dom} webhooks from partners and enqueues them")
    elif kind == "datastore":
        c.update(name=f"{title} Database", tech=rng.choice(DATASTORE_TECH), runtime="managed",
                 description=f"System of record for {dom} data")
    elif kind == "cache":
        c.update(name=f"{title} Cache", tech=rng.choice(CACHE_TECH), runtime="managed",
                 description=f"Read-through cache in front of the {dom} store")
    elif kind == "queue":
        c.update(name=f"{title} Event Stream", tech=rng.choice(QUEUE_TECH), runtime="managed",
                 description=f"Domain events published by the {dom} service")
    return c


def emit_system(rng, containers, adr_caps):
    out = []
    w = out.append
    w("# The architecture model of a large (synthetic) marketplace, generated by")
    w("# bench/gen-large.py for benchmarking archgate. Not a real system.")
    w("system:")
    w("  name: Marketplace")
    w("  description: Web and mobile marketplace where sellers list products and shoppers buy them")
    w("")
    w("constraints:")
    w("  users: 12_000_000")
    w("  latency: interactive")
    w("  p99_ms: 350")
    w("  availability: 99.95")
    w("  compliance: [PCI-DSS, GDPR, SOC2]")
    w("  regions: [eu, us, apac]")
    w("  global: true")
    w("  teams: 24")
    w("")

    # capabilities: one per domain, plus some cross-cutting bought ones
    w("capabilities:")
    core = {"marketplace", "pricing", "recommendations", "search", "checkout"}
    bought = {"payments": "Stripe", "identity": "Auth0", "tax": "Avalara",
              "notifications": "SendGrid", "support": "Zendesk", "flags": "LaunchDarkly",
              "content": "Contentful", "media": "Cloudinary", "fraud": "Sift",
              "analytics": "Segment", "contracts": "DocuSign", "localisation": "Transifex"}
    for dom in DOMAINS:
        name = dom.replace("-", " ").title()
        w(f"  - name: {q(name)}")
        w(f"    core: {'true' if dom in core else 'false'}")
        if dom in bought:
            w("    decision: buy")
            w(f"    vendor: {q(bought[dom])}")
        else:
            w("    decision: build")
            if dom not in core:
                adr_caps.append(name)
        w(f"    description: {q('Everything about ' + dom.replace('-', ' ') + ' for shoppers and sellers')}")
    for name, vendor in [("Observability", "Datadog"), ("Paging", "PagerDuty"),
                         ("Source Control", "GitHub"), ("CDN", "Cloudflare")]:
        w(f"  - {{name: {q(name)}, core: false, decision: buy, vendor: {q(vendor)}}}")
    w("")

    w("boundaries:")
    w("  style: microservices")
    w("  people:")
    for pid, name, desc in PEOPLE:
        w(f"    - id: {pid}")
        w(f"      name: {q(name)}")
        w(f"      description: {q(desc)}")
    w("  external:")
    for eid, name, kind in EXTERNALS:
        w(f"    - id: {eid}")
        w(f"      name: {q(name)}")
        w(f"      kind: {kind}")
        w(f"      description: {q(name + ' (' + kind.replace('-', ' ') + ')')}")
    w("  containers:")
    for c in containers:
        w(f"    - id: {c['id']}")
        w(f"      name: {q(c['name'])}")
        w(f"      description: {q(c['description'])}")
        w(f"      kind: {c['kind']}")
        w(f"      tech: {flow_list(c['tech'])}")
        w(f"      runtime: {c['runtime']}")
        w(f"      owner: {c['owner']}")
        if c["kind"] in RUNS_CODE:
            # every running container exposes /metrics; the ones that answer
            # HTTP (all but workers) return problem+json. About a third rely on
            # observability.logs/tracing (json, w3c) instead of restating them.
            w("      metrics: /metrics")
            if rng.random() < 0.7:
                w("      logs: json")
                w("      tracing: w3c")
            if c["kind"] != "worker":
                w("      errors: problem+json")
        if "filesystem" in c:
            w(f"      filesystem: {'true' if c['filesystem'] else 'false'}")
            w(f"      cpu_ms: {c['cpu_ms']}")
        w(f"      region: {c['region']}")

    # relations
    by_dom = {}
    for c in containers:
        by_dom.setdefault(c["dom"], []).append(c)
    rels = []
    for dom, cs in by_dom.items():
        kinds = {}
        for c in cs:
            kinds.setdefault(c["kind"], []).append(c)
        apis = kinds.get("service", [])
        stores = kinds.get("datastore", [])
        for api in apis:
            for st in stores:
                rels.append((api["id"], st["id"], f"Reads and writes {dom} data in", "SQL/TLS"))
            for ca in kinds.get("cache", []):
                rels.append((api["id"], ca["id"], f"Caches {dom} reads in", "RESP"))
            for qu in kinds.get("queue", []):
                rels.append((api["id"], qu["id"], f"Publishes {dom} events to", "Kafka protocol"))
        for wk in kinds.get("worker", []):
            for qu in kinds.get("queue", []):
                rels.append((qu["id"], wk["id"], f"Delivers {dom} events to", "Kafka protocol"))
            for st in stores:
                rels.append((wk["id"], st["id"], f"Updates {dom} projections in", "SQL/TLS"))
        for fe in kinds.get("web", []) + kinds.get("mobile", []):
            if apis:
                rels.append((fe["id"], apis[0]["id"], f"Calls the {dom} API on", "HTTPS/JSON"))
            rels.append((rng.choice(["shopper", "guest", "seller"]), fe["id"],
                         f"Uses the {dom} screens of", "HTTPS"))
        for fn in kinds.get("function", []):
            if kinds.get("queue"):
                rels.append((fn["id"], kinds["queue"][0]["id"], "Enqueues partner webhooks on", "HTTPS"))
            elif apis:
                rels.append((fn["id"], apis[0]["id"], "Forwards partner webhooks to", "HTTPS"))
            rels.append(("partner-developer", fn["id"], f"Sends {dom} webhooks to", "HTTPS"))
        for wk in kinds.get("worker", []):
            if apis:
                rels.append((wk["id"], apis[0]["id"], f"Calls back into the {dom} API on", "gRPC"))
    services = [c for c in containers if c["kind"] == "service"]
    for s in services:
        for t in rng.sample(services, min(len(services), rng.randint(3, 7))):
            if t is not s:
                rels.append((s["id"], t["id"], f"Asks {t['dom']} for data using", "gRPC"))
        if rng.random() < 0.4:
            eid, ename, _ = rng.choice(EXTERNALS)
            rels.append((s["id"], eid, f"Calls {ename} using", "HTTPS"))
    for eid, ename, kind in EXTERNALS:
        if services:
            s = rng.choice(services)
            rels.append((s["id"], eid, f"Integrates with {ename} using", "HTTPS"))
    for pid, _, _ in PEOPLE:
        rels.append((pid, "Marketplace", "Uses", "HTTPS"))
    seen = set()
    w("  relations:")
    for fr, to, label, tech in rels:
        if (fr, to) in seen:
            continue
        seen.add((fr, to))
        w(f"    - {{from: {fr}, to: {q(to)}, label: {q(label)}, tech: {q(tech)}}}")
    w("")

    # data
    w("data:")
    w("  entities:")
    names = set()
    stores = [c for c in containers if c["kind"] == "datastore"]
    for st in stores:
        dom = st["dom"]
        title = dom.replace("-", " ").title()
        nouns = NOUNS.get(dom, [f"{title} Record", f"{title} Snapshot", f"{title} Audit Entry"])
        for noun in nouns[: rng.randint(2, 3)]:
            name = noun
            k = 2
            while name.lower() in names:
                name = f"{noun} {k}"
                k += 1
            names.add(name.lower())
            fin = dom in ("payments", "ledger", "billing", "invoicing", "payouts", "gift-cards")
            w(f"    - name: {q(name)}")
            w(f"      owner: {st['id']}")
            w(f"      consistency: {'strong' if fin or rng.random() < 0.5 else 'eventual'}")
            w(f"      financial: {'true' if fin else 'false'}")
            w(f"      pii: {'true' if dom in ('accounts', 'identity', 'orders', 'consent') else 'false'}")
            w(f"      description: {q(noun + ' as stored by the ' + dom + ' domain')}")
    w("  flows:")
    # data gravity: raw copies stay in their region; what crosses regions
    # is an aggregate, below thresholds.data_gravity_gb (1000 GB a month)
    for _ in range(30):
        a, b = rng.sample(stores, 2)
        cross = a["region"][:2] != b["region"][:2]
        if cross:
            gb, desc = rng.randint(5, 900), f"Daily aggregates of {a['dom']} data for {b['dom']}"
        else:
            gb, desc = rng.randint(5, 5000), f"Nightly copy of {a['dom']} data for {b['dom']}"
        w(f"    - {{from: {a['id']}, to: {b['id']}, gb_month: {gb}, "
          f"cross_region: {'true' if cross else 'false'}, description: {q(desc)}}}")
    w("")

    # failure modes: every external system and every datastore/cache/queue
    w("failure_modes:")
    deps = [(eid, ename) for eid, ename, _ in EXTERNALS]
    deps += [(c["id"], c["name"]) for c in containers if c["kind"] in ("datastore", "cache", "queue")]
    scen = [("{n} is down", "Requests that need it fail fast with a clear error",
             "Circuit breaker with a 2 s timeout; serve the last known good value; alert on-call"),
            ("{n} answers slowly (p99 above 2 s)", "Pages load slowly and clients retry",
             "Bulkhead the calls, shed load past 80% of the pool, retry with jitter"),
            ("{n} returns errors for one region", "Users in that region see degraded features",
             "Fail over to the secondary region; queue writes for replay")]
    for did, dname in deps:
        for s, imp, mit in rng.sample(scen, rng.randint(1, 2)):
            w(f"  - dependency: {did}")
            w(f"    scenario: {q(s.format(n=dname))}")
            w(f"    impact: {q(imp)}")
            w(f"    mitigation: {q(mit)}")
    w("")

    w("observability:")
    w("  logs: json")
    w("  tracing: w3c")
    w("  required_fields: [trace_id, span_id, service, event]")
    w("  events: [logs/*.ndjson]")
    w("")

    w("cost:")
    w("  currency: EUR")
    w("  active_users: 3_000_000")
    w("  ceiling_per_user_month: 0.08")
    w("  items:")
    # monthly cost by kind (EUR): about 0.06 per active user in total,
    # under the 0.08 ceiling
    monthly = {"datastore": (600, 3500), "service": (250, 1800), "worker": (100, 1000),
               "cache": (150, 800), "queue": (200, 1200), "web": (40, 400),
               "function": (20, 300), "mobile": (30, 200)}
    for c in containers:
        lo, hi = monthly[c["kind"]]
        w(f"    - {{name: {q(c['name'])}, monthly: {rng.randint(lo, hi)}, container: {c['id']}}}")
    # zone-aware routing keeps chatty pairs in one availability zone; what
    # leaves the zone is internet or NAT egress, priced per GB
    w("  transfers:")
    for _ in range(40):
        a, b = rng.sample(containers, 2)
        price = "" if rng.random() < 0.7 else f", price_per_gb: {rng.choice(['0.002', '0.005', '0.01'])}"
        w(f"    - {{from: {a['id']}, to: {b['id']}, gb_month: {rng.randint(10, 20000)}, "
          f"cross_az: false{price}}}")
    w("")

    w("debt:")
    for i in range(30):
        dom = rng.choice(DOMAINS)
        w(f"  - id: debt-{i + 1:03d}-{dom}")
        w(f"    title: {q('The ' + dom.replace('-', ' ') + ' nightly export still runs in the legacy monolith')}")
        w(f"    principal_days: {rng.randint(3, 80)}")
        w(f"    interest_hours_month: {rng.randint(2, 60)}")
        w(f"    load_bearing: {'true' if rng.random() < 0.3 else 'false'}")
        w(f"    owner: {rng.choice(TEAMS)}")
        w(f"    plan: {q('Replace with an event-driven projection, one report at a time')}")
        w(f"    paths: [legacy/{dom}/, jobs/{dom}-export/]")
    w("")

    w("migration:")
    w("  legacy: legacy-monolith")
    w(f"  target: {services[0]['id']}")
    w("  routes:")
    for i, dom in enumerate(DOMAINS[:30]):
        w(f"    - {{path: /{dom}, to: {'new' if i % 3 else 'legacy'}}}")
    return "\n".join(out) + "\n"


POLICY = """\
# archgate policy for the benchmark repository (generated by bench/gen-large.py).
version: 1
decisions: decisions

signoff:
  roles: [Lead Backend, Lead Mobile, DevOps]
  distinct_signers: true

rules: {}

waivers: []

error_budget:
  freeze_at: 0.5

review:
  required: true
  trailers: [Reviewed-by]

thresholds:
  microservices_min_teams: 3
  kubernetes_min_users: 1000000
  max_languages: 8  # ADR: carry at most eight programming languages
  big_bang_share: 0.5
"""


def emit_radar(rng, n):
    entries = []
    names = set()
    for name, quad, ring in RADAR_SEED:
        if len(entries) >= n:
            break
        entries.append((name, quad, ring))
        names.add(name.lower())
    i = 0
    while len(entries) < n:
        quad = QUADRANTS[i % 4]
        i += 1
        kinds, subjects = RADAR_GEN_PARTS[quad]
        name = f"{rng.choice(subjects)}-{rng.choice(kinds)}"
        if quad == "techniques":
            name = name.replace("-", " ").capitalize()
        base = name
        k = 2
        while name.lower() in names:
            name = f"{base} {k}" if quad == "techniques" else f"{base}-{k}"
            k += 1
        names.add(name.lower())
        ring = rng.choices(RINGS, weights=[45, 25, 20, 10])[0]
        entries.append((name, quad, ring))
    out = ["# The tech radar of the benchmark repository (generated by bench/gen-large.py).",
           "rings: [adopt, trial, assess, hold]",
           "quadrants: [languages-and-frameworks, tools, platforms, techniques]",
           "entries:"]
    for name, quad, ring in entries:
        out.append(f"  - {{name: {q(name)}, quadrant: {quad}, ring: {ring}}}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# SLOs: one OpenSLO v1 file per running container in arch/slo/


def _slo_doc(name, display, team, desc, service, good, total, target, objective):
    return "\n".join([
        "apiVersion: openslo/v1",
        "kind: SLO",
        "metadata:",
        f"  name: {name}",
        f"  displayName: {q(display)}",
        "  labels:",
        f"    team: [{team}]",
        "spec:",
        f"  description: {q(desc)}",
        f"  service: {service}",
        "  indicator:",
        "    metadata:",
        f"      name: {name}-ratio",
        "    spec:",
        "      ratioMetric:",
        "        counter: true",
        "        good:",
        "          metricSource:",
        "            type: Prometheus",
        "            spec:",
        f"              query: {q(good)}",
        "        total:",
        "          metricSource:",
        "            type: Prometheus",
        "            spec:",
        f"              query: {q(total)}",
        "  timeWindow:",
        "    - duration: 30d",
        "      isRolling: true",
        "  budgetingMethod: Occurrences",
        "  objectives:",
        f"    - displayName: {q(objective)}",
        f"      target: {target}",
    ]) + "\n"


def emit_slos(rng, containers):
    """{file name: text} for every container that runs code. Services get an
    availability objective (and about 40% a latency one in the same file,
    as a second YAML document), web front ends a latency objective, workers
    a freshness objective, functions an acceptance objective."""
    files = {}
    for c in containers:
        if c["kind"] not in RUNS_CODE:
            continue
        cid, name, team = c["id"], c["name"], c["owner"]
        sel = f'service="{cid}"'
        docs = [f"# OpenSLO v1 objectives of {name} ({cid}), owned by {team}."]
        if c["kind"] == "service":
            t = rng.choice(["0.999", "0.9995", "0.995", "0.999"])
            pct = f"{float(t) * 100:g}%"
            docs.append(_slo_doc(
                f"{cid}-availability", f"{name} availability", team,
                f"{pct} of {name} requests over a rolling 30 days are answered without a "
                f"server error (5xx); client errors (4xx) count as good",
                cid, f'sum(http_server_requests_total{{{sel},code!~"5.."}})',
                f"sum(http_server_requests_total{{{sel}}})", t,
                f"{pct} of requests succeed"))
            if rng.random() < 0.4:
                ms = rng.choice([150, 200, 250, 300, 350])
                docs.append("---\n" + _slo_doc(
                    f"{cid}-latency", f"{name} latency", team,
                    f"99% of {name} requests over a rolling 30 days are served within {ms} ms",
                    cid, f'sum(http_server_request_duration_seconds_bucket{{{sel},le="{ms / 1000:g}"}})',
                    f"sum(http_server_request_duration_seconds_count{{{sel}}})", "0.99",
                    f"99% of requests within {ms} ms"))
        elif c["kind"] == "web":
            ms = rng.choice([200, 300, 350])
            docs.append(_slo_doc(
                f"{cid}-latency", f"{name} page latency", team,
                f"99% of {name} page requests over a rolling 30 days are served within {ms} ms",
                cid, f'sum(http_server_request_duration_seconds_bucket{{{sel},le="{ms / 1000:g}"}})',
                f"sum(http_server_request_duration_seconds_count{{{sel}}})", "0.99",
                f"99% of pages within {ms} ms"))
        elif c["kind"] == "worker":
            secs = rng.choice([30, 60, 120, 300])
            docs.append(_slo_doc(
                f"{cid}-freshness", f"{name} event freshness", team,
                f"99.5% of {c['dom']} events over a rolling 30 days are processed within "
                f"{secs} seconds of being published",
                cid, f'sum(event_lag_seconds_bucket{{{sel},le="{secs}"}})',
                f"sum(event_lag_seconds_count{{{sel}}})", "0.995",
                f"99.5% of events within {secs} s"))
        else:  # function
            docs.append(_slo_doc(
                f"{cid}-acceptance", f"{name} webhook acceptance", team,
                f"99.9% of partner webhooks for {c['dom']} over a rolling 30 days are "
                f"accepted and enqueued",
                cid, f'sum(webhook_requests_total{{{sel},outcome="enqueued"}})',
                f"sum(webhook_requests_total{{{sel}}})", "0.999",
                "99.9% of webhooks enqueued"))
        files[f"{cid}.yaml"] = "\n".join(docs)
    return files


# --------------------------------------------------------------------------
# Decision records in the seed's template


def adr_text(rng, num, containers, adr_caps, titles, statuses, base_date, stack=None, last=0):
    stores = [c for c in containers if c["kind"] == "datastore"]
    queues = [c for c in containers if c["kind"] == "queue"]
    caches = [c for c in containers if c["kind"] == "cache"]
    c = rng.choice(containers)
    dom = c["dom"]
    st = rng.choice(stores)
    ctx = {
        "dom": dom, "owner": c["owner"],
        "store": rng.choice(["PostgreSQL", "DynamoDB", "ClickHouse", "MySQL"]),
        "queue": rng.choice(["Kafka", "NATS JetStream", "Amazon SQS"]),
        "cache": rng.choice(["Redis", "Valkey"]),
        "vendor": rng.choice([e[1] for e in EXTERNALS if e[2] not in ("legacy",)]),
        "cap": dom.replace("-", " "),
        "ttl": rng.choice([5, 30, 60, 300]), "slo": rng.choice(["99.9", "99.95", "99.5"]),
        "pct": rng.choice([5, 10, 20]), "days": rng.randint(5, 90),
        "runtime": rng.choice(["Kubernetes", "AWS Lambda", "Cloud Run"]),
        "secs": rng.choice([30, 120, 900]),
        "rps": rng.randint(50, 20000), "growth": rng.randint(3, 40), "n": rng.randint(2, 5),
        "inc": rng.randint(2, 11), "dep": rng.choice([e[1] for e in EXTERNALS] + [st["name"]]),
        "eng": rng.randint(4, 11), "users": "12 million", "p99": 350,
        "year": rng.randint(2016, 2023), "ceiling": "EUR 0.08", "gb": rng.randint(20, 9000),
        "region": c["region"], "tech": rng.choice(["Kafka", "ClickHouse", "Envoy", "Temporal"]),
        "p99a": rng.randint(300, 900), "p99b": rng.randint(60, 250),
        "money": f"EUR {rng.randint(2, 40) * 500}",
    }
    if stack is not None:
        title, decision, alts, phase = stack
    elif adr_caps and num <= len(adr_caps):
        # the non-core capabilities that are built get their "why" record
        cap = adr_caps[num - 1]
        title = f"Build {cap} in-house instead of buying it"
        decision = (f"We will build {cap} ourselves. No vendor models our seller and "
                    f"marketplace rules, and the integration cost of the two products we "
                    f"trialled exceeded the cost of building the subset we need.")
        alts = [f"Build {cap} in-house (chosen)", "Buy a SaaS product",
                "Open-source self-hosted", "Extend the legacy ERP"]
        phase = "1"
    else:
        tt, dt, alts, phase = rng.choice(ADR_TOPICS)
        title = tt.format(**ctx)
        decision = dt.format(**ctx)
        alts = [a.format(**ctx) for a in alts]
    base = title
    k = 2
    while title in titles:
        title = f"{base} ({k})"
        k += 1
    titles.add(title)

    r = rng.random()
    if num < 6 or stack is not None or r < 0.80:
        status = "Accepted"
    elif r < 0.88:
        status = "Proposed"
    elif r < 0.95 and 10 < num < last:
        newer = rng.randint(num + 1, min(last, num + 200))
        status = f"Superseded by ADR-{newer:03d}"
    else:
        status = "Deprecated"
    statuses.append(status)
    d = base_date + timedelta(days=num * 2 + rng.randint(0, 1))
    deciders = ", ".join(rng.sample(DECIDERS, rng.randint(2, 4)))

    lines = [f"# ADR-{num:03d}: {title}", "",
             f"**Status:** {status}", f"**Date:** {d.isoformat()}",
             f"**Deciders:** {deciders}"]
    if rng.random() < 0.5:
        lines.append(f"**Phase:** {phase}")
    lines += ["", "## Context", ""]
    para = []
    for s in rng.sample(CONTEXT_SENTENCES, rng.randint(10, 16)):
        para.append(s.format(**ctx))
    if rng.random() < 0.5:
        para.insert(rng.randint(0, len(para)), rng.choice(ASIDES).format(**ctx))
    # wrap into two or three paragraphs of ~76 columns
    cut = [0, len(para) // 3, 2 * len(para) // 3, len(para)]
    for a, b in zip(cut, cut[1:]):
        lines += wrap(" ".join(para[a:b])) + [""]
    lines += ["## Decision", ""]
    lines += wrap(decision + " " + " ".join(
        s.format(**ctx) for s in rng.sample([
            "The change ships behind a feature flag and is rolled out region by region.",
            "We measure the p99 before and after and record both in this file.",
            "The owning team updates the runbook and the failure-mode table in system.yaml.",
            "Consumers get two release cycles of notice before the old path is removed.",
            "The decision is reviewed again when traffic doubles or in twelve months, whichever comes first.",
            "Dashboards and alerts for the new path exist before the first production request reaches it.",
            "If the error budget of {dom} is more than half burnt, the rollout pauses until it recovers.",
            "Every change on the way is reviewed by someone outside the owning team.",
        ], 5))) + [""]
    lines += ["## Consequences", "", "### Positive", ""]
    lines += [f"- {s.format(**ctx)}" for s in rng.sample(CONSEQ_POS, 4)]
    lines += ["", "### Negative", ""]
    lines += [f"- {s.format(**ctx)}" for s in rng.sample(CONSEQ_NEG, 3)]
    lines += ["", "### Neutral", ""]
    lines += [f"- {s.format(**ctx)}" for s in rng.sample(CONSEQ_NEU, 1)]
    lines += ["", "## Alternatives Considered", "",
              "| Option | Pros | Cons | Why Rejected |",
              "|--------|------|------|---------------|"]
    pros = ["Fast to start", "Well known", "Cheap at our scale", "Strong consistency",
            "Managed by the vendor", "No new infrastructure"]
    cons = ["Operational load", "Vendor lock-in", "Slow under load", "Two owners",
            "Expensive cross-AZ traffic", "New language"]
    for i, alt in enumerate(alts):
        why = "N/A" if i == 0 else rng.choice(WHY_REJECTED)
        lines.append(f"| {alt} | {rng.choice(pros)} | {rng.choice(cons)} | {why} |")
    lines += ["", "## References", "",
              f"- RFC-{rng.randint(1, 300):03d}: {title}",
              f"- Runbook: docs/runbooks/{dom}.md",
              "- The Four Phases, Phase 2 and the ADR template", ""]
    return title, "\n".join(lines)


def wrap(text, width=76):
    out, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        out.append(cur)
    return out


# --------------------------------------------------------------------------


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "out", "large"),
                    help="repository directory to write arch/ into (default bench/out/large)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--containers", type=int, default=200)
    ap.add_argument("--adrs", type=int, default=1000)
    ap.add_argument("--radar", type=int, default=400)
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    arch = os.path.join(args.out, "arch")
    if os.path.isdir(arch):
        shutil.rmtree(arch)
    os.makedirs(os.path.join(arch, "decisions"))
    os.makedirs(os.path.join(arch, "slo"))

    containers = build_model(rng, args.containers)
    adr_caps = []
    system = emit_system(rng, containers, adr_caps)
    files = {"system.yaml": system, "archgate.yaml": POLICY,
             "radar.yaml": emit_radar(rng, args.radar)}
    slos = emit_slos(rng, containers)
    files.update({os.path.join("slo", name): text for name, text in slos.items()})
    for name, text in files.items():
        with open(os.path.join(arch, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    titles, statuses = set(), []
    base_date = date(2020, 1, 6)
    total = 0
    # the stack records, spread over the first 400 records after the
    # capability records
    first = len(adr_caps) + 1
    span = max(0, min(400, args.adrs - first + 1))
    stack_at = {first + i * span // len(STACK_ADRS): st
                for i, st in enumerate(STACK_ADRS) if span}
    for num in range(1, args.adrs + 1):
        title, text = adr_text(rng, num, containers, adr_caps, titles, statuses, base_date,
                               stack_at.get(num), args.adrs)
        fn = f"{num:04d}-{slug(title)[:60].rstrip('-')}.md"
        with open(os.path.join(arch, "decisions", fn), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        total += len(text)
    stats = {"seed": args.seed, "containers": len(containers),
             "people": len(PEOPLE), "external": len(EXTERNALS),
             "adrs": args.adrs, "adr_bytes": total, "radar_entries": args.radar,
             "slo_files": len(slos),
             "system_yaml_bytes": len(system)}
    with open(os.path.join(args.out, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {arch}: {len(containers)} containers, {args.adrs} ADRs "
          f"(avg {total // max(1, args.adrs)} bytes), {args.radar} radar entries, "
          f"system.yaml {len(system) // 1024} KiB", file=sys.stderr)


if __name__ == "__main__":
    main()
