/*
 * test_rulebook.c - the rules of Phases 1.5, 2 (data and failure modes),
 * 2.5, 3 and 4: for every rule, fixtures that trigger it (rule id, file,
 * line, column and message) and fixtures that must not; and every rule's
 * rationale carries the seed's words, with a concrete fix.
 *
 * Each test writes a small arch/ folder and runs ag_check_run (the pattern
 * of test_rules.c). The base model (BASE) passes every rule; a fixture
 * changes one thing. Positions are asserted against the fixture text:
 * CHECK_AT(finding, text, "cpu_ms: 80", "80") means the finding points at
 * the "80" of the one place in `text` that reads "cpu_ms: 80".
 *
 * The git-backed rules are tested on real repositories by the CLI tests
 * (unreviewed-deploy: t0230-review-gate.sh, big-bang-rewrite:
 * t0240-big-bang.sh); the red flags by test_redflags.c.
 */
#include "model/model.h"
#include "rules/rules.h"
#include "test.h"
#include "util.h"
#include "rulefix.h"

#define TODAY "2026-11-25"

/* ---- the base model: every rule passes ---- */

#define B_SYSTEM "system: {name: Shop, description: Sells things}\n"
#define B_CONSTRAINTS                                                          \
	"constraints:\n"                                                        \
	"  users: 10000\n"                                                      \
	"  latency: interactive\n"                                              \
	"  p99_ms: 300\n"                                                       \
	"  compliance: []\n"
#define B_CAPS                                                                 \
	"capabilities:\n"                                                       \
	"  - {name: Payments, core: false, decision: buy, vendor: Stripe}\n"    \
	"  - {name: Pricing, core: true, decision: build}\n"
#define B_BOUNDARIES                                                           \
	"boundaries:\n"                                                         \
	"  style: monolith\n"                                                   \
	"  people: [{id: shopper, name: Shopper}]\n"
#define B_EXTERNAL "  external:\n    - {id: stripe, name: Stripe}\n"
#define C_API                                                                  \
	"    - {id: api, name: API, metrics: /metrics, logs: json, errors: problem+json, " \
	"tracing: w3c}\n"
#define B_RELATIONS                                                            \
	"  relations:\n"                                                        \
	"    - {from: shopper, to: api, label: Buys using}\n"                   \
	"    - {from: api, to: stripe, label: Charges cards with}\n"
#define FM_STRIPE                                                              \
	"  - {dependency: stripe, scenario: Stripe is down, impact: No card payments, " \
	"mitigation: Retry later}\n"
#define B_COST                                                                 \
	"cost:\n"                                                               \
	"  active_users: 1000\n"                                                \
	"  ceiling_per_user_month: 1\n"                                         \
	"  items: [{name: Hosting, monthly: 100}]\n"

/* A model: `cons` the constraints block, `external` the external list,
 * `conts` containers after api, `fms` failure modes after stripe's, `rest`
 * more top-level sections (data, ai, debt, ...). */
#define MODEL(cons, external, conts, fms, rest) MODELR(cons, external, conts, "", fms, rest)
/* ... with more relations */
#define MODELR(cons, external, conts, rels, fms, rest)                         \
	B_SYSTEM cons B_CAPS B_BOUNDARIES external "  containers:\n" C_API conts  \
	B_RELATIONS rels "failure_modes:\n" FM_STRIPE fms rest

#define BASE MODEL(B_CONSTRAINTS, B_EXTERNAL, "", "", B_COST)
/* the base with more containers / more sections */
#define WITH_CONTAINERS(conts, fms) MODEL(B_CONSTRAINTS, B_EXTERNAL, conts, fms, B_COST)
#define WITH(rest) MODEL(B_CONSTRAINTS, B_EXTERNAL, "", "", B_COST rest)
#define WITH_CONSTRAINTS(cons) MODEL(cons, B_EXTERNAL, "", "", B_COST)

#define SLO_API "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: api}\n"      \
	"spec:\n  service: api\n  objectives: [{target: 0.999}]\n"
#define REVIEW_POLICY "review: {required: true}\n"
/* policy argument: write no archgate.yaml at all */
static const char NO_POLICY[] = "";
/* policy argument: write exactly this, without adding the review policy */
#define RAW(policy) "\x01" policy

/* A complete decision record (the decision-record rules pass on it). The
 * Decision paragraph is line 13. */
#define ADR(num, title, status, context, decision)                             \
	"# ADR-" num ": " title "\n\n**Status:** " status "\n**Date:** 2026-01-15\n" \
	"**Deciders:** Dana, Lee\n\n## Context\n\n" context "\n\n## Decision\n\n"  \
	decision "\n\n## Consequences\n\n### Positive\n\n- It is settled.\n\n"      \
	"### Negative\n\n- Someone has to run it.\n\n## Alternatives Considered\n\n" \
	"| Option | Pros | Cons | Why Rejected |\n|---|---|---|---|\n"              \
	"| The title's option (chosen) | Simple | None | N/A |\n"                   \
	"| Doing nothing | Free | Unsettled | Leaves the question open |\n"

static long days(const char *ymd)
{
	long d = 0;
	ag_date_parse(ymd, strlen(ymd), &d);
	return d;
}

/* Write arch/: system.yaml (unless NULL), archgate.yaml (policy; NULL means
 * just the review policy, NO_POLICY means no file; the review policy is
 * added unless the text has a review: key) and `files` (path under arch/,
 * text, ..., NULL); RAW(text) is written as it is. slo/api.yaml holds an
 * SLO for 'api' unless `files` brings its own slo/ files. Load, run every
 * rule, return ag_check_run's code or -100 when the fixture does not load. */
static int run(struct rfix *f, const char *system, const char *policy,
	       const char *const *files)
{
	memset(f, 0, sizeof(*f));
	ag_diags_init(&f->diags);
	f->tmp = make_tmpdir();
	if (!f->tmp)
		return f->rc = -100;
	const char *arch = path_join(f->tmp, "arch");
	mkdir(arch, 0777);
	if (system)
		write_text(path_join(arch, "system.yaml"), system);
	if (policy != NO_POLICY) {
		char pol[8192];
		const char *p = policy ? policy : "";
		bool raw = *p == '\x01';
		snprintf(pol, sizeof(pol), "%s%s%s", p + raw,
			 *p && p[strlen(p) - 1] != '\n' ? "\n" : "",
			 raw || strstr(p, "review:") ? "" : REVIEW_POLICY);
		write_text(path_join(arch, "archgate.yaml"), pol);
	}
	bool own_slo = false;
	for (size_t i = 0; files && files[i]; i += 2) {
		own_slo |= !strncmp(files[i], "slo/", 4);
		write_text(path_join(arch, files[i]), files[i + 1]);
	}
	if (!own_slo)
		write_text(path_join(arch, "slo/api.yaml"), SLO_API);
	if (ag_model_load(&f->m, arch, &f->diags)) {
		fprintf(stderr, "fixture does not load:\n");
		diag_dump(&f->diags);
		return f->rc = -100;
	}
	struct ag_check_opts opts = {.max_phase = NULL, .today = days(TODAY)};
	return f->rc = ag_check_run(&f->m, &opts, &f->res);
}

/* The first finding of `rule` whose message contains `needle` ("" = any). */
#define find find_msg

/* Line and column (1-based) of `sub` inside the one occurrence of `needle`
 * in `text`; false (and a test failure) when needle is missing or not
 * unique. */
static bool pos_in(const char *text, const char *needle, const char *sub, int *line, int *col)
{
	const char *at = strstr(text, needle);
	if (!at || strstr(at + 1, needle)) {
		TEST_FAIL_("fixture text has %s \"%s\"", at ? "more than one" : "no", needle);
		return false;
	}
	if (sub) {
		const char *s = strstr(at, sub);
		if (!s || s >= at + strlen(needle)) {
			TEST_FAIL_("\"%s\" is not inside \"%s\"", sub, needle);
			return false;
		}
		at = s;
	}
	*line = 1;
	const char *bol = text;
	for (const char *p = text; p < at; p++)
		if (*p == '\n') {
			(*line)++;
			bol = p + 1;
		}
	*col = (int)(at - bol) + 1;
	return true;
}

/* The finding is in `file` at `sub` within the unique `needle` of `text`. */
#define CHECK_AT_FILE(g, file_, text, needle, sub)                          \
	do {                                                                \
		int l_, c_;                                                 \
		CHECK_STR((g)->file, (file_));                              \
		if (pos_in((text), (needle), (sub), &l_, &c_) &&            \
		    ((g)->line != l_ || (g)->col != c_))                    \
			TEST_FAIL_("'%s' finding at %d:%d, expected %d:%d (%s of \"%s\")", \
				   (g)->rule->id, (g)->line, (g)->col, l_, c_, \
				   (sub) ? (sub) : "start", (needle));      \
	} while (0)
#define CHECK_AT(g, text, needle, sub) CHECK_AT_FILE(g, "arch/system.yaml", text, needle, sub)

#define REQUIRE_FINDING(f, rule, needle, var)                               \
	const struct ag_finding *var = find((f), (rule), (needle));         \
	if (!var) {                                                         \
		TEST_FAIL_("no '%s' finding containing \"%s\"; findings:", (rule), (needle)); \
		dump(f);                                                    \
		done(f);                                                    \
		return;                                                     \
	}

#define CHECK_NO_FINDING(f, rule)                                           \
	do {                                                                \
		if (count((f), (rule))) {                                   \
			TEST_FAIL_("unexpected '%s' finding; findings:", (rule)); \
			dump(f);                                            \
		}                                                           \
	} while (0)

#define CHECK_COUNT(f, rule, n)                                             \
	do {                                                                \
		if (count((f), (rule)) != (size_t)(n)) {                    \
			TEST_FAIL_("expected %d '%s' finding(s), got %zu:", (int)(n), (rule), \
				   count((f), (rule)));                     \
			dump(f);                                            \
		}                                                           \
	} while (0)

/* run() must load the fixture; on failure the test stops */
#define RUN(f, sys, pol, files) REQUIRE(run((f), (sys), (pol), (files)) == 0)

/* CHECK that the fixture has no finding at all (what else it varies passes) */
#define CHECK_CLEAN(f)                                                      \
	do {                                                                \
		if ((f)->res.findings.n) {                                  \
			TEST_FAIL_("expected no findings, got:");           \
			dump(f);                                            \
		}                                                           \
	} while (0)

TEST(base_model_passes_every_rule)
{
	struct rfix f;
	RUN(&f, BASE, NULL, NULL);
	if (f.res.findings.n)
		dump(&f);
	CHECK_CLEAN(&f);
	for (int i = 0; i < AG_NPHASES; i++)
		CHECK_EQ_INT(f.res.board.state[i], AG_PHASE_COMPLETE);
	done(&f);
}

/* ---- Phase 1.5: edge-runtime-limits ---- */

#define C_EDGE(extra)                                                          \
	"    - id: edge\n      name: Edge\n      runtime: edge\n" extra           \
	"      metrics: /metrics\n      logs: json\n      errors: problem+json\n"   \
	"      tracing: w3c\n"
#define SLO_EDGE                                                               \
	"slo/all.yaml", SLO_API "---\napiVersion: openslo/v1\nkind: SLO\n"       \
	"metadata: {name: edge}\nspec:\n  service: edge\n  objectives: [{target: 0.99}]\n"

TEST(edge_runtime_filesystem_true)
{
	static const char *const files[] = {SLO_EDGE, NULL};
	const char *sys = WITH_CONTAINERS(C_EDGE("      filesystem: true\n      cpu_ms: 10\n"), "");
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "edge-runtime-limits", 1);
	REQUIRE_FINDING(&f, "edge-runtime-limits", "", g);
	CHECK_EQ_INT(g->sev, AG_SEV_ERROR);
	CHECK_STR(g->phase, "1.5");
	CHECK_AT(g, sys, "filesystem: true", "true");
	CHECK_STR(g->message, "'edge' runs on an edge runtime but needs a filesystem; edge "
		  "runtimes have none");
	CHECK_EQ_INT(f.res.board.state[1], AG_PHASE_OPEN);
	done(&f);
}

TEST(edge_runtime_cpu_over_50_ms)
{
	static const char *const files[] = {SLO_EDGE, NULL};
	const char *sys = WITH_CONTAINERS(C_EDGE("      cpu_ms: 80\n"), "");
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "edge-runtime-limits", 1);
	REQUIRE_FINDING(&f, "edge-runtime-limits", "", g);
	CHECK_AT(g, sys, "cpu_ms: 80", "80");
	CHECK_STR(g->message, "'edge' runs on an edge runtime but needs 80 ms of CPU per "
		  "request; edge runtimes allow about 50");
	done(&f);
}

TEST(edge_runtime_cpu_missing)
{
	static const char *const files[] = {SLO_EDGE, NULL};
	const char *sys = WITH_CONTAINERS(C_EDGE(""), "");
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "edge-runtime-limits", 1);
	REQUIRE_FINDING(&f, "edge-runtime-limits", "", g);
	CHECK_AT(g, sys, "runtime: edge", "edge");
	CHECK_STR(g->message, "'edge' runs on an edge runtime but does not state its CPU time "
		  "per request (cpu_ms)");
	done(&f);
}

TEST(edge_runtime_that_fits_passes)
{
	static const char *const files[] = {SLO_EDGE, NULL};
	struct rfix f;
	/* 10 ms, no filesystem: fits */
	RUN(&f, WITH_CONTAINERS(C_EDGE("      filesystem: false\n      cpu_ms: 10\n"), ""),
	    NULL, files);
	CHECK_NO_FINDING(&f, "edge-runtime-limits");
	CHECK_CLEAN(&f);
	done(&f);
	/* exactly 50 ms is "at most 50" */
	RUN(&f, WITH_CONTAINERS(C_EDGE("      cpu_ms: 50\n"), ""), NULL, files);
	CHECK_NO_FINDING(&f, "edge-runtime-limits");
	done(&f);
	/* 51 is over */
	RUN(&f, WITH_CONTAINERS(C_EDGE("      cpu_ms: 51\n"), ""), NULL, files);
	CHECK_COUNT(&f, "edge-runtime-limits", 1);
	done(&f);
	/* the same needs on a container runtime are fine */
	RUN(&f, WITH_CONTAINERS("    - {id: edge, name: Edge, runtime: container, filesystem: true, "
				"cpu_ms: 500, metrics: /metrics, logs: json, errors: problem+json, "
				"tracing: w3c}\n", ""), NULL, files);
	CHECK_NO_FINDING(&f, "edge-runtime-limits");
	done(&f);
}

/* ---- Phase 1.5: global-latency-edge ---- */

#define CONS_GLOBAL(extra)                                                     \
	"constraints:\n  users: 10000\n  latency: interactive\n  p99_ms: 80\n"   \
	"  compliance: []\n" extra

TEST(global_latency_without_near_user_layer_warns)
{
	const char *sys = WITH_CONSTRAINTS(CONS_GLOBAL("  global: true\n"));
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "global-latency-edge", 1);
	REQUIRE_FINDING(&f, "global-latency-edge", "", g);
	CHECK_EQ_INT(g->sev, AG_SEV_WARNING);
	CHECK_STR(g->phase, "1.5");
	CHECK_AT(g, sys, "p99_ms: 80", "80");
	CHECK_STR(g->message, "users are global and p99 must be 80 ms, but no edge runtime, CDN "
		  "or cache is declared");
	done(&f);
	/* several regions are global too */
	const char *regions = WITH_CONSTRAINTS(CONS_GLOBAL("  regions: [eu, us, apac]\n"));
	RUN(&f, regions, NULL, NULL);
	CHECK_COUNT(&f, "global-latency-edge", 1);
	done(&f);
}

#define EXT_CDN                                                                \
	"  external:\n    - {id: stripe, name: Stripe}\n"                         \
	"    - {id: cdn, name: Edge network, kind: cdn}\n"
#define FM_CDN                                                                 \
	"  - {dependency: cdn, scenario: CDN is down, impact: Slower pages, "   \
	"mitigation: Serve from origin}\n"

TEST(global_latency_with_cdn_cache_or_edge_passes)
{
	struct rfix f;
	/* an external system of kind cdn (its name says nothing) */
	RUN(&f, MODELR(CONS_GLOBAL("  global: true\n"), EXT_CDN, "",
		       "    - {from: shopper, to: cdn, label: Loads pages through}\n", FM_CDN, B_COST),
	    NULL, NULL);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	CHECK_CLEAN(&f);
	done(&f);
	/* a cache container */
	RUN(&f, MODEL(CONS_GLOBAL("  global: true\n"), B_EXTERNAL,
		      "    - {id: cache, name: Cache, kind: cache}\n",
		      "  - {dependency: cache, scenario: Flushed, impact: Slower, "
		      "mitigation: Refill from the database}\n", B_COST), NULL, NULL);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	done(&f);
	/* an edge container */
	static const char *const files[] = {SLO_EDGE, NULL};
	RUN(&f, MODEL(CONS_GLOBAL("  global: true\n"), B_EXTERNAL,
		      C_EDGE("      cpu_ms: 5\n"), "", B_COST), NULL, files);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	done(&f);
}

TEST(global_latency_regional_or_relaxed_passes)
{
	struct rfix f;
	RUN(&f, WITH_CONSTRAINTS(CONS_GLOBAL("  global: false\n")), NULL, NULL);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	done(&f);
	RUN(&f, WITH_CONSTRAINTS(CONS_GLOBAL("  regions: [eu]\n")), NULL, NULL);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	done(&f);
	/* global, but 300 ms is reachable from one region */
	RUN(&f, WITH_CONSTRAINTS(B_CONSTRAINTS "  global: true\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "global-latency-edge");
	done(&f);
}

/* ---- Phase 1.5: local-first-sync ---- */

TEST(local_first_offline_without_sync)
{
	const char *sys = WITH_CONSTRAINTS(B_CONSTRAINTS "  offline: true\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "local-first-sync", 1);
	REQUIRE_FINDING(&f, "local-first-sync", "", g);
	CHECK_EQ_INT(g->sev, AG_SEV_ERROR);
	CHECK_STR(g->phase, "1.5");
	CHECK_AT(g, sys, "offline: true", "true");
	CHECK_STR(g->message, "the app is offline-capable but no local-first sync (CRDTs, "
		  "Replicache, ElectricSQL, PowerSync, ...) is declared or decided");
	done(&f);
	const char *collab = WITH_CONSTRAINTS(B_CONSTRAINTS "  collaborative: true\n");
	RUN(&f, collab, NULL, NULL);
	REQUIRE_FINDING(&f, "local-first-sync", "the app is collaborative", c);
	CHECK_AT(c, collab, "collaborative: true", "true");
	done(&f);
	/* offline: false asks for nothing */
	RUN(&f, WITH_CONSTRAINTS(B_CONSTRAINTS "  offline: false\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "local-first-sync");
	done(&f);
}

#define C_API_TECH(tech)                                                       \
	"    - {id: api, name: API, tech: " tech ", metrics: /metrics, logs: json, " \
	"errors: problem+json, tracing: w3c}\n"

TEST(local_first_with_sync_tech_passes)
{
	const char *sys = B_SYSTEM B_CONSTRAINTS "  offline: true\n" B_CAPS B_BOUNDARIES B_EXTERNAL
		"  containers:\n" C_API_TECH("[replicache]") B_RELATIONS "failure_modes:\n"
		FM_STRIPE B_COST;
	static const char *const files[] = {
		"decisions/0001-replicache.md",
		ADR("001", "Sync the device replica with Replicache", "Accepted",
		    "Shoppers edit carts offline.", "We will sync carts with Replicache."), NULL};
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_NO_FINDING(&f, "local-first-sync");
	CHECK_CLEAN(&f);
	done(&f);
}

#define ADR_CRDT(status)                                                       \
	ADR("001", "Keep carts on the device", status, "Shoppers edit carts offline.", \
	    "We will model carts as CRDTs and merge them on sync.")
#define ADR_CRDT_IN_CONTEXT                                                    \
	ADR("001", "Keep carts on the device", "Accepted",                       \
	    "Shoppers edit carts offline; CRDTs could merge them.",               \
	    "We will keep carts on the device.")

TEST(local_first_with_accepted_adr_naming_crdts_passes)
{
	const char *sys = WITH_CONSTRAINTS(B_CONSTRAINTS "  offline: true\n");
	static const char *const accepted[] = {
		"decisions/0001-carts.md", ADR_CRDT("Accepted"), NULL};
	static const char *const proposed[] = {
		"decisions/0001-carts.md", ADR_CRDT("Proposed"), NULL};
	static const char *const context_only[] = {
		"decisions/0001-carts.md", ADR_CRDT_IN_CONTEXT, NULL};
	struct rfix f;
	RUN(&f, sys, NULL, accepted);
	CHECK_NO_FINDING(&f, "local-first-sync");
	done(&f);
	/* a proposal decides nothing yet */
	RUN(&f, sys, NULL, proposed);
	CHECK_COUNT(&f, "local-first-sync", 1);
	done(&f);
	/* CRDTs named only in the Context are not the decision */
	RUN(&f, sys, NULL, context_only);
	CHECK_COUNT(&f, "local-first-sync", 1);
	done(&f);
}

/* ---- Phase 1.5: ai-controls ---- */

TEST(ai_controls_missing)
{
	const char *sys = WITH("ai:\n"
			       "  - {name: Search, container: api, vector_store: pgvector}\n"
			       "  - name: Chat\n"
			       "    batching: true\n"
			       "    streaming: none\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "ai-controls", 4);
	REQUIRE_FINDING(&f, "ai-controls", "'Search' uses a vector store", a);
	CHECK_AT(a, sys, "{name: Search", NULL);
	CHECK_STR(a->message, "AI feature 'Search' uses a vector store but does not cache "
		  "embeddings (embedding_cache: true)");
	CHECK_STR(a->phase, "1.5");
	CHECK_EQ_INT(a->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "ai-controls", "'Search' does not batch", b);
	CHECK_AT(b, sys, "{name: Search", NULL);
	CHECK_STR(b->message, "AI feature 'Search' does not batch model requests (batching: true)");
	REQUIRE_FINDING(&f, "ai-controls", "'Search' does not stream", c);
	CHECK_AT(c, sys, "{name: Search", NULL);
	CHECK_STR(c->message, "AI feature 'Search' does not stream responses (streaming: sse or "
		  "websockets), so the UI blocks on the model");
	/* streaming: none is pointed at */
	REQUIRE_FINDING(&f, "ai-controls", "'Chat' does not stream", d);
	CHECK_AT(d, sys, "streaming: none", "none");
	/* Chat has no vector store, so no embedding cache is asked of it */
	CHECK(find(&f, "ai-controls", "'Chat' uses a vector store") == NULL);
	done(&f);
}

TEST(ai_controls_in_place_pass)
{
	struct rfix f;
	RUN(&f, WITH("ai:\n"
		     "  - {name: Search, container: api, vector_store: pgvector, embedding_cache: true, "
		     "batching: true, streaming: sse}\n"
		     "  - {name: Chat, batching: true, streaming: websockets}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "ai-controls");
	CHECK_CLEAN(&f);
	done(&f);
}

/* ---- Phase 2: data-owner ---- */

#define C_DB "    - {id: db, name: DB, kind: datastore}\n"
#define FM_DB "  - {dependency: db, scenario: Down, impact: No orders, mitigation: Failover}\n"
#define MODEL_DB(rest) MODEL(B_CONSTRAINTS, B_EXTERNAL, C_DB, FM_DB, B_COST rest)

TEST(data_owner_missing_owner_or_consistency)
{
	const char *sys = MODEL_DB("data:\n"
				   "  entities:\n"
				   "    - {name: Order, consistency: strong}\n"
				   "    - name: Profile\n"
				   "      owner: db\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "data-owner", 2);
	REQUIRE_FINDING(&f, "data-owner", "'Order'", a);
	CHECK_STR(a->message, "entity 'Order' has no owner: which store is its source of truth?");
	CHECK_AT(a, sys, "{name: Order", NULL);
	CHECK_STR(a->phase, "2");
	CHECK_EQ_INT(a->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "data-owner", "'Profile'", b);
	CHECK_STR(b->message, "entity 'Profile' has no consistency model (strong, eventual or "
		  "causal)");
	CHECK_AT(b, sys, "name: Profile", NULL);
	done(&f);
}

TEST(data_owner_datastore_without_entities)
{
	const char *sys = MODEL_DB("");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "data-owner", 1);
	REQUIRE_FINDING(&f, "data-owner", "", a);
	CHECK_STR(a->message, "there are datastores but no data entities: say which store owns "
		  "what (data.entities)");
	CHECK_AT(a, sys, "{id: db", NULL);
	done(&f);
}

TEST(data_owner_complete_passes)
{
	struct rfix f;
	RUN(&f, MODEL_DB("data:\n  entities:\n"
			 "    - {name: Order, owner: db, consistency: strong}\n"
			 "    - {name: Feed item, owner: db, consistency: eventual}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "data-owner");
	CHECK_CLEAN(&f);
	done(&f);
	/* no datastore and no entities: nothing to own */
	RUN(&f, BASE, NULL, NULL);
	CHECK_NO_FINDING(&f, "data-owner");
	done(&f);
}

/* ---- Phase 2: financial-consistency ---- */

TEST(financial_consistency_eventual_money)
{
	const char *sys = MODEL_DB("data:\n  entities:\n"
				   "    - {name: Payment, owner: db, financial: true, consistency: eventual}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "financial-consistency", 1);
	REQUIRE_FINDING(&f, "financial-consistency", "", g);
	CHECK_STR(g->message, "entity 'Payment' moves money but is eventually consistent");
	CHECK_AT(g, sys, "consistency: eventual", "eventual");
	CHECK_STR(g->phase, "2");
	CHECK_EQ_INT(g->sev, AG_SEV_ERROR);
	done(&f);
}

TEST(financial_consistency_strong_or_not_money_passes)
{
	struct rfix f;
	RUN(&f, MODEL_DB("data:\n  entities:\n"
			 "    - {name: Payment, owner: db, financial: true, consistency: strong}\n"
			 "    - {name: Feed item, owner: db, financial: false, consistency: eventual}\n"
			 "    - {name: Like, owner: db, consistency: eventual}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "financial-consistency");
	CHECK_CLEAN(&f);
	done(&f);
}

TEST(financial_consistency_causal_money_is_not_strong)
{
	/* The rule's title and fix: "Money-moving entities are strongly
	 * consistent", "Set `consistency: strong`". Causal consistency lets two
	 * concurrent withdrawals both see the old balance, so it is no more
	 * acceptable for money than eventual is. */
	const char *sys = MODEL_DB("data:\n  entities:\n"
				   "    - {name: Balance, owner: db, financial: true, consistency: causal}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "financial-consistency", 1);
	done(&f);
}

/* ---- Phase 2: data-gravity ---- */

#define C_DB_WH "    - {id: db, name: DB, kind: datastore}\n"                  \
	"    - {id: wh, name: Warehouse, kind: datastore}\n"
#define FM_DB_WH FM_DB                                                          \
	"  - {dependency: wh, scenario: Down, impact: No reports, mitigation: Rerun}\n"
#define ENTITIES "data:\n  entities: [{name: Order, owner: db, consistency: strong}]\n"
#define MODEL_FLOW(flow) MODEL(B_CONSTRAINTS, B_EXTERNAL, C_DB_WH, FM_DB_WH,   \
			       B_COST ENTITIES "  flows:\n" flow)

TEST(data_gravity_large_cross_region_flow)
{
	const char *sys = MODEL_FLOW("    - {from: db, to: wh, gb_month: 4000, cross_region: true}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "data-gravity", 1);
	REQUIRE_FINDING(&f, "data-gravity", "", g);
	CHECK_EQ_INT(g->sev, AG_SEV_WARNING);
	CHECK_STR(g->phase, "2");
	CHECK_AT(g, sys, "{from: db, to: wh", NULL);
	CHECK_STR(g->message, "db -> wh moves 4000 GB a month across regions; move the compute "
		  "to the data");
	done(&f);
	/* the default threshold is 1000 GB, inclusive */
	RUN(&f, MODEL_FLOW("    - {from: db, to: wh, gb_month: 1000, cross_region: true}\n"), NULL, NULL);
	CHECK_COUNT(&f, "data-gravity", 1);
	done(&f);
	RUN(&f, MODEL_FLOW("    - {from: db, to: wh, gb_month: 999, cross_region: true}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "data-gravity");
	done(&f);
	/* the same volume inside one region is not data gravity */
	RUN(&f, MODEL_FLOW("    - {from: db, to: wh, gb_month: 40000, cross_region: false}\n"
			   "    - {from: wh, to: db, gb_month: 40000}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "data-gravity");
	CHECK_CLEAN(&f);
	done(&f);
}

TEST(data_gravity_threshold_from_policy)
{
	const char *sys = MODEL_FLOW("    - {from: db, to: wh, gb_month: 500, cross_region: true}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_NO_FINDING(&f, "data-gravity");
	done(&f);
	RUN(&f, sys, "thresholds: {data_gravity_gb: 100}\n", NULL);
	REQUIRE_FINDING(&f, "data-gravity", "", g);
	CHECK_STR(g->message, "db -> wh moves 500 GB a month across regions; move the compute "
		  "to the data");
	done(&f);
	RUN(&f, MODEL_FLOW("    - {from: db, to: wh, gb_month: 4000, cross_region: true}\n"),
	    "thresholds: {data_gravity_gb: 10000}\n", NULL);
	CHECK_NO_FINDING(&f, "data-gravity");
	done(&f);
}

/* ---- Phase 2: failure-modes ---- */

TEST(failure_modes_missing_for_external_and_stores)
{
	const char *sys = B_SYSTEM B_CONSTRAINTS B_CAPS B_BOUNDARIES
		"  external:\n    - {id: stripe, name: Stripe}\n"
		"    - {id: mail, name: Postmark, kind: email}\n"
		"  containers:\n" C_API
		"    - {id: db, name: DB, kind: datastore}\n"
		"    - {id: redis, name: Redis cache, kind: cache}\n"
		"    - {id: jobs, name: Job queue, kind: queue}\n"
		B_RELATIONS "failure_modes:\n" FM_STRIPE B_COST ENTITIES;
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "failure-modes", 4);
	REQUIRE_FINDING(&f, "failure-modes", "'mail'", e);
	CHECK_STR(e->message, "no failure mode for external system 'mail': what happens if "
		  "Postmark is down?");
	CHECK_AT(e, sys, "{id: mail", NULL);
	CHECK_STR(e->phase, "2");
	CHECK_EQ_INT(e->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "failure-modes", "'db'", d);
	CHECK_STR(d->message, "no failure mode for datastore 'db': what happens if it is down, "
		  "slow or flushed?");
	CHECK_AT(d, sys, "{id: db", NULL);
	REQUIRE_FINDING(&f, "failure-modes", "'redis'", c);
	CHECK_STR(c->message, "no failure mode for cache 'redis': what happens if it is down, "
		  "slow or flushed?");
	CHECK_AT(c, sys, "{id: redis", NULL);
	REQUIRE_FINDING(&f, "failure-modes", "'jobs'", q);
	CHECK_STR(q->message, "no failure mode for queue 'jobs': what happens if it is down, "
		  "slow or flushed?");
	CHECK_AT(q, sys, "{id: jobs", NULL);
	/* stripe has one */
	CHECK(find(&f, "failure-modes", "'stripe'") == NULL);
	done(&f);
}

TEST(failure_modes_without_impact_or_mitigation)
{
	const char *sys = MODEL(B_CONSTRAINTS, B_EXTERNAL, C_DB,
				"  - {dependency: db, scenario: Down, mitigation: Failover}\n"
				"  - dependency: db\n"
				"    scenario: Slow\n"
				"    impact: Checkout times out\n",
				B_COST ENTITIES);
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "failure-modes", 2);
	REQUIRE_FINDING(&f, "failure-modes", "does not say its impact", a);
	CHECK_STR(a->message, "the failure mode of 'db' does not say its impact");
	CHECK_AT(a, sys, "{dependency: db, scenario: Down", NULL);
	REQUIRE_FINDING(&f, "failure-modes", "has no mitigation", b);
	CHECK_STR(b->message, "the failure mode of 'db' has no mitigation");
	CHECK_AT(b, sys, "dependency: db\n    scenario: Slow", NULL);
	done(&f);
}

TEST(failure_modes_complete_or_not_needed_passes)
{
	struct rfix f;
	/* services, workers and web apps are ours: their failures are covered
	 * by SLOs, not by failure modes of dependencies */
	static const char *const files[] = {
		"slo/all.yaml", SLO_API "---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: w}\n"
		"spec:\n  service: worker\n  objectives: [{target: 0.99}]\n", NULL};
	RUN(&f, MODEL(B_CONSTRAINTS, B_EXTERNAL,
		      C_DB "    - {id: worker, name: Worker, kind: worker, metrics: /metrics, "
		      "logs: json, tracing: w3c}\n", FM_DB, B_COST ENTITIES), NULL, files);
	CHECK_NO_FINDING(&f, "failure-modes");
	CHECK_CLEAN(&f);
	done(&f);
}

/* ---- Phase 2.5: structured-logs and trace-propagation ---- */

/* containers without logs/tracing of their own, and an SLO for each one
 * that runs code */
#define SLO_DOC(svc) "---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: " svc "}\n" \
	"spec:\n  service: " svc "\n  objectives: [{target: 0.99}]\n"
#define SLO_ALL "slo/all.yaml", SLO_API SLO_DOC("web") SLO_DOC("worker") SLO_DOC("fn")
#define C_BARE                                                                 \
	"    - {id: web, name: Web, kind: web, metrics: /metrics, errors: problem+json}\n" \
	"    - {id: worker, name: Worker, kind: worker, metrics: /metrics}\n"        \
	"    - {id: fn, name: Thumbnails, kind: function, metrics: /metrics, errors: problem+json}\n" \
	"    - {id: app, name: Mobile app, kind: mobile}\n"                          \
	"    - {id: db, name: DB, kind: datastore}\n"
#define MODEL_BARE(obs) MODEL(B_CONSTRAINTS, B_EXTERNAL, C_BARE, FM_DB, B_COST ENTITIES obs)

TEST(structured_logs_and_tracing_undeclared)
{
	static const char *const files[] = {SLO_ALL, NULL};
	const char *sys = MODEL_BARE("");
	struct rfix f;
	RUN(&f, sys, NULL, files);
	/* web, worker and function count; mobile and datastore do not */
	CHECK_COUNT(&f, "structured-logs", 3);
	CHECK_COUNT(&f, "trace-propagation", 3);
	REQUIRE_FINDING(&f, "structured-logs", "'worker'", l);
	CHECK_STR(l->message, "'worker' does not declare its log format (logs: json)");
	CHECK_AT(l, sys, "{id: worker", NULL);
	CHECK_STR(l->phase, "2.5");
	CHECK_EQ_INT(l->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "trace-propagation", "'fn'", t);
	CHECK_STR(t->message, "'fn' does not declare trace propagation (tracing: w3c)");
	CHECK_AT(t, sys, "{id: fn", NULL);
	CHECK_STR(t->phase, "2.5");
	CHECK(find(&f, "structured-logs", "'web'") != NULL);
	CHECK(find(&f, "trace-propagation", "'web'") != NULL);
	CHECK(find(&f, "structured-logs", "'app'") == NULL);
	CHECK(find(&f, "structured-logs", "'db'") == NULL);
	CHECK(find(&f, "trace-propagation", "'app'") == NULL);
	CHECK(find(&f, "trace-propagation", "'db'") == NULL);
	done(&f);
}

TEST(structured_logs_and_tracing_from_observability_default)
{
	static const char *const files[] = {SLO_ALL, NULL};
	struct rfix f;
	RUN(&f, MODEL_BARE("observability: {logs: json, tracing: w3c}\n"), NULL, files);
	CHECK_NO_FINDING(&f, "structured-logs");
	CHECK_NO_FINDING(&f, "trace-propagation");
	CHECK_CLEAN(&f);
	done(&f);
	/* a wrong default is reported at the default, for each container */
	const char *sys = MODEL_BARE("observability:\n  logs: text\n  tracing: b3\n");
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "structured-logs", 3);
	CHECK_COUNT(&f, "trace-propagation", 3);
	REQUIRE_FINDING(&f, "structured-logs", "'web'", l);
	CHECK_STR(l->message, "'web' writes text logs, not JSON");
	CHECK_AT(l, sys, "logs: text", "text");
	REQUIRE_FINDING(&f, "trace-propagation", "'worker'", t);
	CHECK_STR(t->message, "'worker' propagates b3, not W3C trace context");
	CHECK_AT(t, sys, "tracing: b3", "b3");
	/* api declares its own json/w3c, which beats the default */
	CHECK(find(&f, "structured-logs", "'api'") == NULL);
	CHECK(find(&f, "trace-propagation", "'api'") == NULL);
	done(&f);
}

TEST(structured_logs_and_tracing_container_values)
{
	static const char *const files[] = {
		"slo/all.yaml", SLO_API SLO_DOC("web"), NULL};
	const char *sys = WITH_CONTAINERS("    - {id: web, name: Web, kind: web, metrics: /metrics, "
					  "errors: problem+json, logs: text, tracing: none}\n", "");
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "structured-logs", 1);
	CHECK_COUNT(&f, "trace-propagation", 1);
	REQUIRE_FINDING(&f, "structured-logs", "", l);
	CHECK_STR(l->message, "'web' writes text logs, not JSON");
	CHECK_AT(l, sys, "logs: text", "text");
	REQUIRE_FINDING(&f, "trace-propagation", "", t);
	CHECK_STR(t->message, "'web' propagates none, not W3C trace context");
	CHECK_AT(t, sys, "tracing: none", "none");
	done(&f);
}

/* ---- Phase 2.5: slo-defined ---- */

#define C_WEB_FULL                                                             \
	"    - {id: web, name: Web Shop, kind: web, metrics: /metrics, logs: json, " \
	"errors: problem+json, tracing: w3c}\n"                                  \
	"    - {id: worker, name: Worker, kind: worker, metrics: /metrics, logs: json, " \
	"tracing: w3c}\n"

TEST(slo_defined_missing)
{
	const char *full = MODEL(B_CONSTRAINTS, B_EXTERNAL, C_WEB_FULL C_DB, FM_DB, B_COST ENTITIES);
	struct rfix f;
	RUN(&f, full, NULL, NULL); /* only api has an SLO */
	CHECK_COUNT(&f, "slo-defined", 2);
	REQUIRE_FINDING(&f, "slo-defined", "'web'", w);
	CHECK_STR(w->message, "'web' has no SLO: no file in arch/slo/ has spec.service 'web'");
	CHECK_AT(w, full, "{id: web", NULL);
	CHECK_STR(w->phase, "2.5");
	CHECK_EQ_INT(w->sev, AG_SEV_ERROR);
	CHECK(find(&f, "slo-defined", "'worker'") != NULL);
	CHECK(find(&f, "slo-defined", "'db'") == NULL);
	done(&f);
}

TEST(slo_defined_multi_document_file)
{
	const char *full = MODEL(B_CONSTRAINTS, B_EXTERNAL, C_WEB_FULL C_DB, FM_DB, B_COST ENTITIES);
	/* one file, three documents separated by ---, the first one too */
	static const char *const files[] = {
		"slo/shop.yaml",
		"---\n" SLO_API SLO_DOC("web")
		"---\n# a comment between documents\napiVersion: openslo/v1\nkind: SLO\n"
		"metadata: {name: worker-freshness}\nspec:\n  service: worker\n"
		"  objectives: [{target: 0.99}]\n", NULL};
	struct rfix f;
	RUN(&f, full, NULL, files);
	CHECK_NO_FINDING(&f, "slo-defined");
	CHECK_CLEAN(&f);
	done(&f);
}

TEST(slo_defined_matches_id_or_name)
{
	const char *full = MODEL(B_CONSTRAINTS, B_EXTERNAL, C_WEB_FULL C_DB, FM_DB, B_COST ENTITIES);
	/* web by its name (any case), worker by its id */
	static const char *const by_name[] = {
		"slo/a.yaml", SLO_API,
		"slo/b.yml", "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: shop}\n"
		"spec:\n  service: web shop\n  objectives: [{target: 0.99}]\n",
		"slo/c.yaml", "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: Worker}\n"
		"spec:\n  service: worker\n  objectives: [{target: 0.99}]\n", NULL};
	struct rfix f;
	RUN(&f, full, NULL, by_name);
	CHECK_NO_FINDING(&f, "slo-defined");
	done(&f);
	/* a document that is not kind: SLO does not count, nor does an SLO
	 * whose metadata.name (not spec.service) is the container */
	static const char *const not_slo[] = {
		"slo/a.yaml", SLO_API,
		"slo/b.yaml", "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: web}\n"
		"spec:\n  service: web\n",
		"slo/c.yaml", "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: worker}\n"
		"spec:\n  service: jobs\n  objectives: [{target: 0.99}]\n", NULL};
	RUN(&f, full, NULL, not_slo);
	CHECK_COUNT(&f, "slo-defined", 2);
	done(&f);
}

/* ---- Phase 3: metrics-endpoint ---- */

TEST(metrics_endpoint_missing_or_not_a_path)
{
	static const char *const files[] = {"slo/all.yaml", SLO_API SLO_DOC("web") SLO_DOC("worker"),
					    NULL};
	const char *sys = MODEL(B_CONSTRAINTS, B_EXTERNAL,
				"    - {id: web, name: Web, kind: web, logs: json, errors: problem+json, "
				"tracing: w3c}\n"
				"    - {id: worker, name: Worker, kind: worker, metrics: metrics, "
				"logs: json, tracing: w3c}\n" C_DB, FM_DB, B_COST ENTITIES);
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "metrics-endpoint", 2);
	REQUIRE_FINDING(&f, "metrics-endpoint", "'web'", a);
	CHECK_STR(a->message, "'web' does not declare a metrics endpoint (metrics: /metrics)");
	CHECK_AT(a, sys, "{id: web", NULL);
	CHECK_STR(a->phase, "3");
	CHECK_EQ_INT(a->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "metrics-endpoint", "'worker'", b);
	CHECK_STR(b->message, "'worker' declares metrics at 'metrics'; an HTTP path starts "
		  "with '/'");
	CHECK_AT(b, sys, "metrics: metrics", "metrics,");
	/* the datastore is not asked for one */
	CHECK(find(&f, "metrics-endpoint", "'db'") == NULL);
	done(&f);
	RUN(&f, BASE, NULL, NULL);
	CHECK_NO_FINDING(&f, "metrics-endpoint");
	done(&f);
}

/* ---- Phase 3: error-format ---- */

TEST(error_format_missing_or_wrong)
{
	static const char *const files[] = {"slo/all.yaml",
					    SLO_API SLO_DOC("web") SLO_DOC("worker") SLO_DOC("fn"), NULL};
	const char *sys = MODEL(B_CONSTRAINTS, B_EXTERNAL,
				"    - {id: web, name: Web, kind: web, metrics: /metrics, logs: json, "
				"tracing: w3c}\n"
				"    - {id: fn, name: Fn, kind: function, metrics: /metrics, logs: json, "
				"tracing: w3c, errors: text/plain}\n"
				"    - {id: worker, name: Worker, kind: worker, metrics: /metrics, "
				"logs: json, tracing: w3c}\n", "", B_COST);
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "error-format", 2);
	REQUIRE_FINDING(&f, "error-format", "'web'", a);
	CHECK_STR(a->message, "'web' does not declare its error format (errors: problem+json)");
	CHECK_AT(a, sys, "{id: web", NULL);
	CHECK_STR(a->phase, "3");
	REQUIRE_FINDING(&f, "error-format", "'fn'", b);
	CHECK_STR(b->message, "'fn' returns errors as 'text/plain', not RFC 9457 problem+json");
	CHECK_AT(b, sys, "errors: text/plain", "text/plain");
	/* a worker answers no HTTP requests: exempt */
	CHECK(find(&f, "error-format", "'worker'") == NULL);
	done(&f);
	/* the full media type is fine */
	RUN(&f, WITH_CONTAINERS("    - {id: web, name: Web, kind: web, metrics: /metrics, logs: json, "
				"tracing: w3c, errors: application/problem+json}\n", ""), NULL, files);
	CHECK_NO_FINDING(&f, "error-format");
	done(&f);
}

/* ---- Phase 3: review-policy ---- */

TEST(review_policy_missing_or_off)
{
	struct rfix f;
	/* an archgate.yaml without a review section */
	RUN(&f, BASE, RAW("version: 1\nthresholds: {data_gravity_gb: 1000}\n"), NULL);
	CHECK_COUNT(&f, "review-policy", 1);
	REQUIRE_FINDING(&f, "review-policy", "", a);
	CHECK_STR(a->message, "no review policy: add review: {required: true} to archgate.yaml");
	CHECK_STR(a->file, "arch/archgate.yaml");
	CHECK_EQ_INT(a->line, 1);
	CHECK_EQ_INT(a->col, 1);
	CHECK_STR(a->phase, "3");
	CHECK_EQ_INT(a->sev, AG_SEV_ERROR);
	done(&f);
	/* no archgate.yaml at all: the file it should be in, no line */
	RUN(&f, BASE, NO_POLICY, NULL);
	CHECK_COUNT(&f, "review-policy", 1);
	REQUIRE_FINDING(&f, "review-policy", "", b);
	CHECK_STR(b->message, "no review policy: add review: {required: true} to archgate.yaml");
	CHECK_STR(b->file, "arch/archgate.yaml");
	CHECK_EQ_INT(b->line, 0);
	done(&f);
	/* switched off */
	const char *off = "version: 1\nreview:\n  required: false\n";
	RUN(&f, BASE, off, NULL);
	CHECK_COUNT(&f, "review-policy", 1);
	REQUIRE_FINDING(&f, "review-policy", "", c);
	CHECK_STR(c->message, "code review is switched off (review.required: false)");
	CHECK_AT_FILE(c, "arch/archgate.yaml", off, "required: false", "false");
	done(&f);
}

TEST(review_policy_on_passes)
{
	struct rfix f;
	RUN(&f, BASE, "review:\n  required: true\n  trailers: [Reviewed-by, Approved-by]\n", NULL);
	CHECK_NO_FINDING(&f, "review-policy");
	done(&f);
	/* required defaults to true */
	RUN(&f, BASE, "review: {trailers: [Reviewed-by]}\n", NULL);
	CHECK_NO_FINDING(&f, "review-policy");
	done(&f);
}

/* ---- Phase 3: cost-ceiling ---- */

#define MODEL_COST(cost) MODEL(B_CONSTRAINTS, B_EXTERNAL, "", "", cost)

TEST(cost_ceiling_over)
{
	const char *sys = MODEL_COST("cost:\n  currency: EUR\n  active_users: 1000\n"
				     "  ceiling_per_user_month: 0.05\n"
				     "  items: [{name: Hosting, monthly: 100}, {name: Database, monthly: 20}]\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "cost-ceiling", 1);
	REQUIRE_FINDING(&f, "cost-ceiling", "", g);
	CHECK_STR(g->message, "cost per active user is 0.1200 EUR a month, over the ceiling of "
		  "0.0500 (total 120.00 EUR for 1000 users)");
	CHECK_AT(g, sys, "ceiling_per_user_month: 0.05", "0.05");
	CHECK_STR(g->phase, "3");
	CHECK_EQ_INT(g->sev, AG_SEV_ERROR);
	done(&f);
}

TEST(cost_ceiling_counts_ai_and_transfers)
{
	/* 100 items + 30 AI + 1000 GB cross-AZ at 0.02 = 150 for 1000 users */
	const char *sys = MODEL(B_CONSTRAINTS, B_EXTERNAL, C_DB, FM_DB,
				"cost:\n  active_users: 1000\n  ceiling_per_user_month: 0.14\n"
				"  items: [{name: Hosting, monthly: 100}]\n"
				"  transfers:\n    - {from: api, to: db, gb_month: 1000, cross_az: true}\n"
				ENTITIES
				"ai:\n  - {name: Search, cost_month: 30, batching: true, streaming: sse}\n");
	struct rfix f;
	RUN(&f, sys, "rules: {cross-az-transfer: off}\n", NULL);
	REQUIRE_FINDING(&f, "cost-ceiling", "", g);
	CHECK_STR(g->message, "cost per active user is 0.1500 USD a month, over the ceiling of "
		  "0.1400 (total 150.00 USD for 1000 users)");
	done(&f);
}

TEST(cost_ceiling_under_or_equal_passes)
{
	struct rfix f;
	RUN(&f, MODEL_COST("cost:\n  active_users: 1000\n  ceiling_per_user_month: 0.5\n"
			   "  items: [{name: Hosting, monthly: 100}]\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "cost-ceiling");
	done(&f);
	/* exactly at the ceiling is not over it */
	RUN(&f, MODEL_COST("cost:\n  active_users: 1000\n  ceiling_per_user_month: 0.1\n"
			   "  items: [{name: Hosting, monthly: 100}]\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "cost-ceiling");
	done(&f);
}

TEST(cost_ceiling_missing_parts)
{
	struct rfix f;
	const char *no_ceiling = MODEL_COST("cost:\n  active_users: 1000\n"
					    "  items: [{name: Hosting, monthly: 100}]\n");
	RUN(&f, no_ceiling, NULL, NULL);
	CHECK_COUNT(&f, "cost-ceiling", 1);
	REQUIRE_FINDING(&f, "cost-ceiling", "", a);
	CHECK_STR(a->message, "no budget ceiling per active user (cost.ceiling_per_user_month)");
	CHECK_AT(a, no_ceiling, "active_users: 1000", NULL); /* the section's first key */
	done(&f);
	const char *no_users = MODEL_COST("cost:\n  ceiling_per_user_month: 0.05\n"
					  "  items: [{name: Hosting, monthly: 100}]\n");
	RUN(&f, no_users, NULL, NULL);
	CHECK_COUNT(&f, "cost-ceiling", 1);
	REQUIRE_FINDING(&f, "cost-ceiling", "", b);
	CHECK_STR(b->message, "no active-user count (cost.active_users), so cost per user cannot "
		  "be checked");
	CHECK_AT(b, no_users, "ceiling_per_user_month: 0.05", NULL);
	done(&f);
	const char *none = MODEL_COST("");
	RUN(&f, none, NULL, NULL);
	CHECK_COUNT(&f, "cost-ceiling", 1);
	REQUIRE_FINDING(&f, "cost-ceiling", "", c);
	CHECK_STR(c->message, "no cost model: state cost.active_users, cost.ceiling_per_user_month "
		  "and the monthly cost items");
	CHECK_STR(c->file, "arch/system.yaml");
	CHECK_EQ_INT(c->line, 1);
	CHECK_EQ_INT(c->col, 1);
	done(&f);
}

/* ---- Phase 3: cross-az-transfer ---- */

#define MODEL_TRANSFER(t)                                                      \
	MODEL(B_CONSTRAINTS, B_EXTERNAL, C_DB, FM_DB,                            \
	      "cost:\n  active_users: 1000\n  ceiling_per_user_month: 10\n"      \
	      "  items: [{name: Hosting, monthly: 100}]\n  transfers:\n" t ENTITIES)

TEST(cross_az_transfer_default_price)
{
	const char *sys = MODEL_TRANSFER("    - {from: api, to: db, gb_month: 1000, cross_az: true}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "cross-az-transfer", 1);
	REQUIRE_FINDING(&f, "cross-az-transfer", "", g);
	CHECK_EQ_INT(g->sev, AG_SEV_WARNING);
	CHECK_STR(g->phase, "3");
	CHECK_STR(g->message, "api -> db crosses availability zones: 1000 GB a month at 0.020 per "
		  "GB is 20.00 USD a month");
	CHECK_AT(g, sys, "{from: api, to: db", NULL);
	done(&f);
}

TEST(cross_az_transfer_explicit_price)
{
	const char *sys = MODEL_TRANSFER("    - {from: api, to: db, gb_month: 2500, cross_az: true, "
					 "price_per_gb: 0.01}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	REQUIRE_FINDING(&f, "cross-az-transfer", "", g);
	CHECK_STR(g->message, "api -> db crosses availability zones: 2500 GB a month at 0.010 per "
		  "GB is 25.00 USD a month");
	done(&f);
}

TEST(cross_az_transfer_same_zone_passes)
{
	struct rfix f;
	RUN(&f, MODEL_TRANSFER("    - {from: api, to: db, gb_month: 1000, cross_az: false}\n"
			       "    - {from: db, to: api, gb_month: 1000}\n"
			       "    - {from: api, to: stripe, gb_month: 10, price_per_gb: 0.09}\n"),
	    NULL, NULL);
	CHECK_NO_FINDING(&f, "cross-az-transfer");
	CHECK_CLEAN(&f);
	done(&f);
}

/* ---- Phase 4: load-bearing-plan and debt-terms ---- */

TEST(load_bearing_without_owner_or_plan)
{
	const char *sys = WITH("debt:\n"
			       "  - {id: orders, principal_days: 30, interest_hours_month: 40, "
			       "load_bearing: true, plan: Strangle /orders}\n"
			       "  - id: billing\n    principal_days: 10\n    interest_hours_month: 8\n"
			       "    load_bearing: true\n    owner: team-billing\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "load-bearing-plan", 2);
	REQUIRE_FINDING(&f, "load-bearing-plan", "'orders'", a);
	CHECK_STR(a->message, "load-bearing debt 'orders' has no owner");
	CHECK_AT(a, sys, "{id: orders", NULL);
	CHECK_STR(a->phase, "4");
	CHECK_EQ_INT(a->sev, AG_SEV_ERROR);
	REQUIRE_FINDING(&f, "load-bearing-plan", "'billing'", b);
	CHECK_STR(b->message, "load-bearing debt 'billing' has no plan to replace it");
	CHECK_AT(b, sys, "id: billing", NULL);
	done(&f);
}

TEST(load_bearing_with_owner_and_plan_passes)
{
	struct rfix f;
	RUN(&f, WITH("debt:\n"
		     "  - {id: orders, principal_days: 30, interest_hours_month: 40, load_bearing: true, "
		     "owner: team-orders, plan: Strangle /orders}\n"
		     "  - {id: css, principal_days: 3, interest_hours_month: 2}\n"), NULL, NULL);
	CHECK_NO_FINDING(&f, "load-bearing-plan");
	CHECK_CLEAN(&f);
	done(&f);
}

TEST(debt_terms_missing_or_invalid)
{
	const char *sys = WITH("debt:\n"
			       "  - {id: a, interest_hours_month: 4}\n"
			       "  - {id: b, principal_days: 4}\n"
			       "  - {id: c, principal_days: 0, interest_hours_month: 4}\n"
			       "  - {id: d, principal_days: 5, interest_hours_month: -1}\n"
			       "  - {id: e, principal_days: 5, interest_hours_month: 0}\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "debt-terms", 4);
	REQUIRE_FINDING(&f, "debt-terms", "'a'", a);
	CHECK_STR(a->message, "debt 'a' does not state its principal (principal_days) and interest "
		  "(interest_hours_month)");
	CHECK_AT(a, sys, "{id: a,", NULL);
	CHECK_EQ_INT(a->sev, AG_SEV_WARNING);
	CHECK_STR(a->phase, "4");
	CHECK(find(&f, "debt-terms", "'b'") != NULL);
	REQUIRE_FINDING(&f, "debt-terms", "'c'", c);
	CHECK_STR(c->message, "debt 'c' has a principal that is not positive or a negative interest");
	CHECK_AT(c, sys, "{id: c,", NULL);
	CHECK(find(&f, "debt-terms", "'d'") != NULL);
	/* no interest is a valid (if unusual) loan */
	CHECK(find(&f, "debt-terms", "'e'") == NULL);
	done(&f);
}

/* ---- every rule: the seed's reasoning and a fix ---- */

struct seed_words {
	const char *rule;
	bool red_flag;
	const char *quote; /* words of the seed the rationale must carry */
};

static const struct seed_words rulebook[] = {
	{"edge-runtime-limits", false, "no filesystem, max 50ms CPU time"},
	{"global-latency-edge", false, "Global apps needing <100ms response times"},
	{"local-first-sync", false, "App works without network, syncs when available"},
	{"ai-controls", false, "Cache embeddings, batch requests"},
	{"ai-controls", false, "Stream responses (SSE/WebSockets), don't block UI"},
	{"data-owner", false, "Which database owns the"},
	{"financial-consistency", false, "Strong (Banking) or Eventual (Social Feed)?"},
	{"data-gravity", false, "move compute to the data"},
	{"failure-modes", false, "What happens if the Payment Gateway is down?"},
	{"failure-modes", false, "Design for resilience, not perfection."},
	{"structured-logs", false, "All logs must be JSON."},
	{"trace-propagation", false, "Follow a request across 10 microservices"},
	{"observed-calls", false, "Think in Traces, Not Logs"},
	{"slo-defined", false, "Define SLOs Before SLAs"},
	{"sla-looser-than-slo", false, "Define SLOs Before SLAs"},
	{"sla-looser-than-slo", false, "SLA: External commitment to customers"},
	{"slo-within-dependencies", false, "Design for resilience, not perfection."},
	{"metrics-endpoint", false, "All services must expose a /metrics endpoint."},
	{"error-format", false, "All APIs must return standard HTTP error codes."},
	{"api-error-responses", false, "All APIs must return standard HTTP error codes."},
	{"api-status-registered", false, "All APIs must return standard HTTP error codes."},
	{"api-problem-json", false, "All APIs must return standard HTTP error codes."},
	{"api-operation-id-unique", false, "Standardize Interfaces"},
	{"api-path-params", false, "Standardize Interfaces"},
	{"api-servers", false, "Standardize Interfaces"},
	{"api-unused-component", false, "Standardize Interfaces"},
	{"api-ref", false, "Standardize Interfaces"},
	{"api-example-valid", false, "Standardize Interfaces"},
	{"api-ignore", false, "Treat debt like a financial loan."},
	{"api-ignore-unused", false, "Treat debt like a financial loan."},
	{"review-policy", false, "fine-toothed comb"},
	{"cost-ceiling", false, "Set the budget ceiling per active user."},
	{"cross-az-transfer", false, "Cross-AZ data transfer"},
	{"unreviewed-deploy", true, "Pushing to deployment without a 'fine-toothed comb' code review."},
	{"load-bearing-plan", false, "legacy code that needs replacement"},
	{"debt-terms", false, "Treat debt like a financial loan."},
	{"big-bang-rewrite", false, "Don't rewrite the old system from scratch"},
	{"authority-appeal", true, "because Google uses it"},
	{"authority-appeal", true, "You are not"},
	{"microservices-for-spaghetti", true, "Microservices will solve our spaghetti code."},
	{"microservices-for-spaghetti", true, "distributed spaghetti"},
	{"data-migration-deferred", true, "figure out how to migrate the data later"},
	{"data-migration-deferred", true, "Data gravity is real"},
	{"kubernetes-scale", true, "You are not"},
	{"undocumented-technology", true, "it's in my head"},
	{"undocumented-technology", true, "Bus factor risk"},
	{"radar-hold-in-use", false, "Do not use for new services"},
	{"radar-trial-needs-adr", false, "Use with caution/permission"},
	{"radar-unlisted", true, "it's in my head"},
	{"radar-languages", true, "I'll let every team choose their own language."},
};

TEST(every_rulebook_rule_quotes_the_seed_and_has_a_fix)
{
	static const char *const phases[] = {"1.5", "2", "2.5", "3", "4"};
	for (size_t i = 0; i < sizeof(rulebook) / sizeof(rulebook[0]); i++) {
		const struct ag_rule *r = ag_rule_find(rulebook[i].rule);
		if (!r) {
			TEST_FAIL_("rule '%s' is not registered", rulebook[i].rule);
			continue;
		}
		if (r->red_flag != rulebook[i].red_flag)
			TEST_FAIL_("rule '%s' red_flag is %d", r->id, r->red_flag);
		if (!r->rationale || !strstr(r->rationale, rulebook[i].quote))
			TEST_FAIL_("the rationale of '%s' does not carry the seed's \"%s\": %s", r->id,
				   rulebook[i].quote, r->rationale ? r->rationale : "(none)");
		if (!r->fix || strlen(r->fix) < 40)
			TEST_FAIL_("rule '%s' has no concrete fix: %s", r->id, r->fix ? r->fix : "(none)");
		if (!r->title || !*r->title)
			TEST_FAIL_("rule '%s' has no title", r->id);
		/* the red flags belong to Phase 1 (they reopen it), except those
		 * found by Phase 3's own machinery: the deploy and the radar */
		if (r->red_flag && strcmp(r->id, "unreviewed-deploy") && strncmp(r->id, "radar-", 6))
			CHECK_STR(r->phase, "1");
	}
	/* every registered rule of Phases 1.5 to 4 is in the table above, so a
	 * new rule cannot arrive without its seed quote being checked (the
	 * decision-record and RFC rules of Phase 2 are tested in test_adr.c) */
	size_t n;
	const struct ag_rule *const *all = ag_rules_all(&n);
	for (size_t i = 0; i < n; i++) {
		bool later = false;
		for (size_t p = 0; p < sizeof(phases) / sizeof(phases[0]); p++)
			later |= !strcmp(all[i]->phase, phases[p]);
		if (!later || !strncmp(all[i]->id, "adr-", 4) || !strncmp(all[i]->id, "rfc-", 4))
			continue;
		bool listed = false;
		for (size_t k = 0; k < sizeof(rulebook) / sizeof(rulebook[0]); k++)
			listed |= !strcmp(rulebook[k].rule, all[i]->id);
		if (!listed)
			TEST_FAIL_("rule '%s' (phase %s) has no seed quote in this test's table",
				   all[i]->id, all[i]->phase);
	}
}

TEST_MAIN(
	TEST_ENTRY(base_model_passes_every_rule),
	TEST_ENTRY(edge_runtime_filesystem_true),
	TEST_ENTRY(edge_runtime_cpu_over_50_ms),
	TEST_ENTRY(edge_runtime_cpu_missing),
	TEST_ENTRY(edge_runtime_that_fits_passes),
	TEST_ENTRY(global_latency_without_near_user_layer_warns),
	TEST_ENTRY(global_latency_with_cdn_cache_or_edge_passes),
	TEST_ENTRY(global_latency_regional_or_relaxed_passes),
	TEST_ENTRY(local_first_offline_without_sync),
	TEST_ENTRY(local_first_with_sync_tech_passes),
	TEST_ENTRY(local_first_with_accepted_adr_naming_crdts_passes),
	TEST_ENTRY(ai_controls_missing),
	TEST_ENTRY(ai_controls_in_place_pass),
	TEST_ENTRY(data_owner_missing_owner_or_consistency),
	TEST_ENTRY(data_owner_datastore_without_entities),
	TEST_ENTRY(data_owner_complete_passes),
	TEST_ENTRY(financial_consistency_eventual_money),
	TEST_ENTRY(financial_consistency_strong_or_not_money_passes),
	TEST_ENTRY(financial_consistency_causal_money_is_not_strong),
	TEST_ENTRY(data_gravity_large_cross_region_flow),
	TEST_ENTRY(data_gravity_threshold_from_policy),
	TEST_ENTRY(failure_modes_missing_for_external_and_stores),
	TEST_ENTRY(failure_modes_without_impact_or_mitigation),
	TEST_ENTRY(failure_modes_complete_or_not_needed_passes),
	TEST_ENTRY(structured_logs_and_tracing_undeclared),
	TEST_ENTRY(structured_logs_and_tracing_from_observability_default),
	TEST_ENTRY(structured_logs_and_tracing_container_values),
	TEST_ENTRY(slo_defined_missing),
	TEST_ENTRY(slo_defined_multi_document_file),
	TEST_ENTRY(slo_defined_matches_id_or_name),
	TEST_ENTRY(metrics_endpoint_missing_or_not_a_path),
	TEST_ENTRY(error_format_missing_or_wrong),
	TEST_ENTRY(review_policy_missing_or_off),
	TEST_ENTRY(review_policy_on_passes),
	TEST_ENTRY(cost_ceiling_over),
	TEST_ENTRY(cost_ceiling_counts_ai_and_transfers),
	TEST_ENTRY(cost_ceiling_under_or_equal_passes),
	TEST_ENTRY(cost_ceiling_missing_parts),
	TEST_ENTRY(cross_az_transfer_default_price),
	TEST_ENTRY(cross_az_transfer_explicit_price),
	TEST_ENTRY(cross_az_transfer_same_zone_passes),
	TEST_ENTRY(load_bearing_without_owner_or_plan),
	TEST_ENTRY(load_bearing_with_owner_and_plan_passes),
	TEST_ENTRY(debt_terms_missing_or_invalid),
	TEST_ENTRY(every_rulebook_rule_quotes_the_seed_and_has_a_fix)
)
