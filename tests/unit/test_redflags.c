/*
 * test_redflags.c - the seed's red flags as rules: "If you catch yourself
 * thinking ... ALL of these mean: STOP. Return to Phase 1."
 *
 * For each red flag: sentences or models that trigger it (and what the
 * finding reports: the sentence, the technology, the place), ones that must
 * not (a big company named without arguing from it, quoted text, code,
 * rejected alternatives and records), that an active one reopens Phase 1
 * with every later phase blocked, and that a waiver with a reason and an
 * expiry date removes it and closes the reopening.
 *
 * The detectors are heuristics, so the sentence tables are the spec: every
 * sentence says what a reader would conclude, and a test lists each
 * sentence the detector gets wrong (sentence, expected, actual) instead of
 * stopping at the first.
 */
#include "model/model.h"
#include "rules/rules.h"
#include "test.h"
#include "util.h"
#include "rulefix.h"

#define TODAY "2026-11-25"

/* ---- a model that passes every rule (test_rulebook.c's base) ---- */

#define B_SYSTEM "system: {name: Shop, description: Sells things}\n"
#define CONS(users)                                                            \
	"constraints:\n  users: " users "\n  latency: interactive\n  p99_ms: 300\n" \
	"  compliance: []\n"
#define B_CAPS                                                                 \
	"capabilities:\n"                                                       \
	"  - {name: Payments, core: false, decision: buy, vendor: Stripe}\n"    \
	"  - {name: Pricing, core: true, decision: build}\n"
#define B_BOUNDARIES                                                           \
	"boundaries:\n  style: monolith\n  people: [{id: shopper, name: Shopper}]\n" \
	"  external:\n    - {id: stripe, name: Stripe}\n  containers:\n"
#define C_API(tech)                                                            \
	"    - {id: api, name: API, tech: " tech ", metrics: /metrics, logs: json, " \
	"errors: problem+json, tracing: w3c}\n"
#define B_RELATIONS                                                            \
	"  relations:\n"                                                        \
	"    - {from: shopper, to: api, label: Buys using}\n"                   \
	"    - {from: api, to: stripe, label: Charges cards with}\n"
#define B_LATER                                                                \
	"failure_modes:\n  - {dependency: stripe, scenario: Stripe is down, "    \
	"impact: No card payments, mitigation: Retry later}\n"                   \
	"cost:\n  active_users: 1000\n  ceiling_per_user_month: 1\n"             \
	"  items: [{name: Hosting, monthly: 100}]\n"

/* users, the api's tech list, more containers, more sections; the api
 * container is line 16 and its tech list starts at column 34 */
#define MODEL(users, tech, conts, rest)                                        \
	B_SYSTEM CONS(users) B_CAPS B_BOUNDARIES C_API(tech) conts B_RELATIONS B_LATER rest
#define BASE MODEL("10000", "[]", "", "")

#define SLO_API "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: api}\n"      \
	"spec:\n  service: api\n  objectives: [{target: 0.999}]\n"
#define REVIEW_POLICY "review: {required: true}\n"

/* A complete decision record; the Decision paragraph starts on line 13. */
#define ADR_HEAD(num, title, status)                                           \
	"# ADR-" num ": " title "\n\n**Status:** " status "\n**Date:** 2026-01-15\n" \
	"**Deciders:** Dana, Lee\n\n## Context\n\nThe shop has 10k users and one team.\n\n" \
	"## Decision\n\n"
#define ADR_TAIL                                                               \
	"\n\n## Consequences\n\n### Positive\n\n- It is settled.\n\n"               \
	"### Negative\n\n- Someone has to run it.\n\n## Alternatives Considered\n\n" \
	"| Option | Pros | Cons | Why Rejected |\n|---|---|---|---|\n"              \
	"| The title's option (chosen) | Simple | None | N/A |\n"                   \
	"| Doing nothing | Free | Unsettled | Leaves the question open |\n"
#define ADR(num, title, status, decision) ADR_HEAD(num, title, status) decision ADR_TAIL
#define DECISION_LINE 13

static long days(const char *ymd)
{
	long d = 0;
	ag_date_parse(ymd, strlen(ymd), &d);
	return d;
}

/* Write arch/ (system.yaml, archgate.yaml = policy plus the review policy,
 * slo/api.yaml, and `files`: path under arch/, text, ..., NULL), load it
 * and run every rule. Returns ag_check_run's code, or -100 when the fixture
 * does not load (the diagnostics stay in f->diags). */
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
	write_text(path_join(arch, "system.yaml"), system);
	char pol[8192];
	const char *p = policy ? policy : "";
	snprintf(pol, sizeof(pol), "%s%s%s", p, *p && p[strlen(p) - 1] != '\n' ? "\n" : "",
		 strstr(p, "review:") ? "" : REVIEW_POLICY);
	write_text(path_join(arch, "archgate.yaml"), pol);
	write_text(path_join(arch, "slo/api.yaml"), SLO_API);
	for (size_t i = 0; files && files[i]; i += 2)
		write_text(path_join(arch, files[i]), files[i + 1]);
	if (ag_model_load(&f->m, arch, &f->diags))
		return f->rc = -100;
	struct ag_check_opts opts = {.max_phase = NULL, .today = days(TODAY)};
	return f->rc = ag_check_run(&f->m, &opts, &f->res);
}

#define find find_msg

#define RUN(f, sys, pol, files)                                             \
	do {                                                                \
		if (run((f), (sys), (pol), (files))) {                      \
			TEST_FAIL_("fixture does not load:");               \
			diag_dump(&(f)->diags);                             \
			done(f);                                            \
			return;                                             \
		}                                                           \
	} while (0)

#define REQUIRE_FINDING(f, rule, needle, var)                               \
	const struct ag_finding *var = find((f), (rule), (needle));         \
	if (!var) {                                                         \
		TEST_FAIL_("no '%s' finding containing \"%s\"; findings:", (rule), (needle)); \
		dump(f);                                                    \
		done(f);                                                    \
		return;                                                     \
	}

#define CHECK_COUNT(f, rule, n)                                             \
	do {                                                                \
		if (count((f), (rule)) != (size_t)(n)) {                    \
			TEST_FAIL_("expected %d '%s' finding(s), got %zu:", (int)(n), (rule), \
				   count((f), (rule)));                     \
			dump(f);                                            \
		}                                                           \
	} while (0)

#define CHECK_POS(g, file_, ln, cl)                                         \
	do {                                                                \
		CHECK_STR((g)->file, (file_));                              \
		CHECK_EQ_INT((g)->line, (ln));                              \
		CHECK_EQ_INT((g)->col, (cl));                               \
	} while (0)

static void board(const struct rfix *f, char out[AG_NPHASES + 1])
{
	for (int i = 0; i < AG_NPHASES; i++)
		out[i] = "cob"[f->res.board.state[i]];
	out[AG_NPHASES] = '\0';
}

/* ---- sentence tables ---- */

struct sentence {
	const char *text;  /* the Decision paragraph */
	const char *at;    /* positives: the word the finding points at */
	const char *why;   /* negatives: why a reader sees no such argument */
};

/* The message quotes the sentence as written, without its final stop. */
static void expected_quote(const char *text, char *out, size_t n)
{
	size_t len = strlen(text);
	while (len && strchr(".!?;", text[len - 1]))
		len--;
	snprintf(out, n, "\"%.*s\"", (int)len, text);
}

/* Run each sentence alone as an Accepted record's Decision. Positives must
 * give exactly one finding of `rule`, quoting the sentence, at the `at`
 * word; negatives none. Every miss is reported, then the test fails. */
static void run_table(const char *rule, const char *what, const struct sentence *t, size_t n,
		      bool positive)
{
	int misses = 0;
	for (size_t i = 0; i < n; i++) {
		char adr[8192];
		snprintf(adr, sizeof(adr), "%s%s%s",
			 ADR_HEAD("002", "Shape the platform", "Accepted"), t[i].text, ADR_TAIL);
		const char *files[] = {"decisions/0002-platform.md", adr, NULL};
		struct rfix f;
		if (run(&f, BASE, NULL, files)) {
			TEST_FAIL_("fixture for \"%s\" does not load:", t[i].text);
			diag_dump(&f.diags);
			done(&f);
			continue;
		}
		size_t got = count(&f, rule);
		if (!positive) {
			if (got) {
				misses++;
				TEST_FAIL_("%s: FALSE POSITIVE on \"%s\"\n    expected: no finding (%s)\n"
					   "    actual:   %zu finding(s):", rule, t[i].text, t[i].why, got);
				dump(&f);
			}
			done(&f);
			continue;
		}
		if (got != 1) {
			misses++;
			TEST_FAIL_("%s: %s on \"%s\"\n    expected: 1 finding at \"%s\"\n"
				   "    actual:   %zu finding(s)", rule, got ? "WRONG COUNT" : "MISSED",
				   t[i].text, t[i].at, got);
			if (got)
				dump(&f);
			done(&f);
			continue;
		}
		const struct ag_finding *g = find(&f, rule, "");
		char quote[1024], msg[1200];
		expected_quote(t[i].text, quote, sizeof(quote));
		snprintf(msg, sizeof(msg), "%s: %s", what, quote);
		const char *at = strstr(t[i].text, t[i].at);
		int col = at ? (int)(at - t[i].text) + 1 : 0;
		if (strcmp(g->message, msg) || g->line != DECISION_LINE || g->col != col ||
		    strcmp(g->file, "arch/decisions/0002-platform.md") || g->sev != AG_SEV_ERROR ||
		    !g->rule->red_flag) {
			misses++;
			TEST_FAIL_("%s on \"%s\":\n    expected: %s:%d:%d: %s\n    actual:   "
				   "%s:%d:%d: %s", rule, t[i].text, "arch/decisions/0002-platform.md",
				   DECISION_LINE, col, msg, g->file, g->line, g->col, g->message);
		}
		done(&f);
	}
	if (misses)
		fprintf(stderr, "%s: %d of %zu %s sentences wrong\n", rule, misses, n,
			positive ? "true-positive" : "true-negative");
}

#define RUN_TABLE(rule, what, table, positive)                              \
	run_table(rule, what, table, sizeof(table) / sizeof(table[0]), positive)

/* ---- authority-appeal ---- */

#define AUTHORITY "argues from a big company's authority"

static const struct sentence authority_yes[] = {
	{"We will use Kubernetes because Google uses it.", "Google", NULL},
	{"This is how Netflix does it.", "Netflix", NULL},
	{"Teams are organised as Spotify-style squads.", "Spotify", NULL},
	{"We need an Amazon-scale architecture from day one.", "Amazon", NULL},
	{"If it's good enough for Uber it's good enough for us.", "Uber", NULL},
	{"We shard the database like Facebook does.", "Facebook", NULL},
	{"Netflix runs on microservices, so should we.", "Netflix", NULL},
	{"Google built Borg for exactly this, so we should have a cluster scheduler too.", "Google",
	 NULL},
	{"Following Amazon, every team owns its own database.", "Amazon", NULL},
	{"Uber moved to microservices, and we should too.", "Uber", NULL},
	{"Since LinkedIn relies on Kafka, Kafka is the safe choice for us.", "LinkedIn", NULL},
	{"Amazon proved that two-pizza teams work, so we split into services.", "Amazon", NULL},
	{"What works for Netflix will work for us.", "Netflix", NULL},
	{"Facebook's engineers chose React, so we chose it too.", "Facebook's", NULL},
	{"Every FAANG company runs a service mesh, so we will too.", "FAANG", NULL},
	{"Microsoft uses a monorepo, therefore we will use one.", "Microsoft", NULL},
	{"The Google way is to put everything in one repository, so we do the same.", "Google",
	 NULL},
	{"We went with Cassandra because that's what Apple uses.", "Apple", NULL},
	{"Spotify's squad model works, so we adopt it.", "Spotify's", NULL},
	{"Twitter went with Scala, and that settles it for us.", "Twitter", NULL},
	{"Amazon does it this way, and they know what they are doing.", "Amazon", NULL},
	{"Netflix, Uber and Airbnb all run microservices, which is proof enough.", "Airbnb", NULL},
	/* the company as Meta, its current name */
	{"Meta runs GraphQL everywhere, so we will too.", "Meta", NULL},
	/* a "not" elsewhere in the sentence does not undo the argument */
	{"Google uses Kubernetes, so we will not consider Nomad.", "Google", NULL},
};

static const struct sentence authority_no[] = {
	{"We use Google Cloud Storage for backups.", NULL, "the company as a product we buy"},
	{"We are not Google: we have 10k users and one team.", NULL, "the seed's own rebuttal"},
	{"Unlike Netflix, we have one team.", NULL, "contrasted, not followed"},
	/* A source for a technique is not an appeal to authority: error budgets
	 * are the seed's own Phase 2.5 practice, and the reason given is our
	 * SLO, not Google's size. */
	{"Google published the SRE book; we apply its error budgets to our 99.9% SLO.", NULL,
	 "a cited source; the argument is our SLO"},
	{"> \"Let's use Kubernetes because Google uses it.\" (You are not Google.)\n\n"
	 "We run one container on Cloud Run.", NULL, "the red flag in a block quote"},
	{"The seed's red flag, \"Let's use Kubernetes because Google uses it\", is what we avoid.",
	 NULL, "the red flag in double quotes"},
	{"The seed warns against \xe2\x80\x9c" "because Google uses it\xe2\x80\x9d reasoning.", NULL,
	 "the red flag in typographic quotes"},
	{"```\n# because Google uses it\nkubectl apply -f app.yaml\n```\n\nWe deploy with one script.",
	 NULL, "a code block"},
	{"The `because-Google-uses-it` label marks arguments we reject.", NULL, "inline code"},
	{"Sign-in uses Google OAuth, and receipts are stored in Amazon S3.", NULL, "products"},
	{"Our payments run on Apple Pay and Google Pay.", NULL, "products"},
	{"Customers log in with their Microsoft accounts.", NULL, "a product"},
	{"We evaluated Google Spanner and rejected it for cost.", NULL, "a product, rejected"},
	{"Netflix open-sourced Hystrix, which is now in maintenance mode, so we use resilience4j.",
	 NULL, "history of a library"},
	{"Our largest customer is Airbnb, so its traffic pattern sets our peak.", NULL,
	 "a customer: our own constraint"},
	{"Netflix's scale is irrelevant to us; we size for 10k users.", NULL, "dismissed"},
	{"Whether Google uses it is not a reason.", NULL, "dismissed"},
	{"Two of us worked at Amazon before joining.", NULL, "biography, no argument"},
	{"If we ever reach Google's scale we will revisit this decision.", NULL,
	 "argues from our scale, not theirs"},
	{"We reject any \xe2\x80\x98" "because Google uses it\xe2\x80\x99 argument.", NULL,
	 "the red flag in typographic single quotes"},
};

TEST(authority_appeal_true_positives)
{
	RUN_TABLE("authority-appeal", AUTHORITY, authority_yes, true);
}

TEST(authority_appeal_true_negatives)
{
	RUN_TABLE("authority-appeal", AUTHORITY, authority_no, false);
}

#define POSITIVE_AUTHORITY "We will use Kubernetes because Google uses it."

TEST(authority_appeal_not_in_rejected_alternatives_or_records)
{
	/* a rejected alternative's row */
	static const char *const row[] = {
		"decisions/0002-platform.md",
		ADR_HEAD("002", "Run one container on Cloud Run", "Accepted")
		"We will run the API as one container on Cloud Run." ADR_TAIL
		"| Kubernetes, because Google uses it | Popular | A cluster to run | You are not "
		"Google |\n", NULL};
	struct rfix f;
	RUN(&f, BASE, NULL, row);
	CHECK_COUNT(&f, "authority-appeal", 0);
	done(&f);
	/* records that are not (or no longer) what we decided */
	static const char *const statuses[] = {"Rejected", "Superseded", "Deprecated"};
	for (size_t i = 0; i < 3; i++) {
		char adr[4096];
		snprintf(adr, sizeof(adr), "# ADR-002: Use a cluster\n\n**Status:** %s\n"
			 "**Date:** 2026-01-15\n\n## Context\n\nThe shop has 10k users.\n\n"
			 "## Decision\n\n" POSITIVE_AUTHORITY ADR_TAIL, statuses[i]);
		const char *files[] = {"decisions/0002-cluster.md", adr, NULL};
		RUN(&f, BASE, NULL, files);
		if (count(&f, "authority-appeal"))
			TEST_FAIL_("a %s record is not an argument we make; got:", statuses[i]);
		CHECK_COUNT(&f, "authority-appeal", 0);
		done(&f);
	}
	/* a Proposed record is: we are arguing it now */
	static const char *const proposed[] = {
		"decisions/0002-platform.md", ADR("002", "Use a cluster", "Proposed", POSITIVE_AUTHORITY),
		NULL};
	RUN(&f, BASE, NULL, proposed);
	CHECK_COUNT(&f, "authority-appeal", 1);
	done(&f);
}

TEST(authority_appeal_in_a_title)
{
	/* the title is the decision in one line: an appeal there is one too */
	static const char *const files[] = {"decisions/0002-k8s.md",
		ADR("002", "Use Kubernetes because Google uses it", "Proposed",
		    "We will run the API on a managed cluster."), NULL};
	struct rfix f;
	RUN(&f, BASE, NULL, files);
	if (count(&f, "authority-appeal") != 1)
		TEST_FAIL_("authority-appeal: MISSED the title \"Use Kubernetes because Google uses "
			   "it\"\n    expected: 1 finding at arch/decisions/0002-k8s.md:1:35\n"
			   "    actual:   %zu finding(s)", count(&f, "authority-appeal"));
	done(&f);
}

TEST(authority_appeal_in_a_run_on_sentence)
{
	/* a sentence of several kilobytes is still read (its first 2 KiB) */
	static char decision[6000];
	size_t n = (size_t)snprintf(decision, sizeof(decision),
				    "We will use Kubernetes because Google uses it");
	while (n + 20 < sizeof(decision))
		n += (size_t)snprintf(decision + n, sizeof(decision) - n, ", and more words");
	snprintf(decision + n, sizeof(decision) - n, ".");
	struct ag_buf adr = AG_BUF_INIT;
	ag_buf_printf(&adr, "# ADR-002: Pick a platform\n\n**Status:** Proposed\n"
		      "**Date:** 2026-01-15\n\n## Decision\n\n%s\n", decision);
	const char *files[] = {"decisions/0002-platform.md", adr.data, NULL};
	struct rfix f;
	RUN(&f, BASE, NULL, files);
	CHECK_EQ_INT(count(&f, "authority-appeal"), 1);
	done(&f);
	ag_buf_release(&adr);
}

#define RFC(status, proposal)                                                  \
	"# RFC-001: Move to a cluster\n\n**Status:** " status "\n**Authors:** Dana\n" \
	"**Date:** 2026-11-01\n\n## Summary\n\nA cluster for the shop.\n\n## Proposal\n\n" \
	proposal "\n\n## Alternatives Considered\n\n"                            \
	"| Option | Pros | Cons | Why Rejected |\n|---|---|---|---|\n"              \
	"| A cluster (chosen) | Popular | Ops | N/A |\n"                            \
	"| Cloud Run | Simple | Limits | Cold starts |\n"                          \
	"\n## Sign-off\n\n| Role | Name | Email | Date |\n|---|---|---|---|\n"        \
	"| Lead Backend |  |  |  |\n| Lead Mobile |  |  |  |\n| DevOps |  |  |  |\n"

TEST(authority_appeal_in_rfcs)
{
	static const char *const draft[] = {
		"rfcs/0001-cluster.md", RFC("Draft", "This is how Netflix does it."), NULL};
	struct rfix f;
	RUN(&f, BASE, NULL, draft);
	CHECK_COUNT(&f, "authority-appeal", 1);
	REQUIRE_FINDING(&f, "authority-appeal", "", g);
	CHECK_POS(g, "arch/rfcs/0001-cluster.md", 13, 13);
	CHECK_STR(g->message, AUTHORITY ": \"This is how Netflix does it\"");
	done(&f);
	static const char *const rejected[] = {
		"rfcs/0001-cluster.md", RFC("Rejected", "This is how Netflix does it."), NULL};
	RUN(&f, BASE, NULL, rejected);
	CHECK_COUNT(&f, "authority-appeal", 0);
	done(&f);
	static const char *const withdrawn[] = {
		"rfcs/0001-cluster.md", RFC("Withdrawn", "This is how Netflix does it."), NULL};
	RUN(&f, BASE, NULL, withdrawn);
	CHECK_COUNT(&f, "authority-appeal", 0);
	done(&f);
}

/* ---- microservices-for-spaghetti ---- */

#define SPAGHETTI "proposes microservices to fix code quality"

static const struct sentence spaghetti_yes[] = {
	{"Microservices will solve our spaghetti code.", "Microservices", NULL},
	{"Splitting into microservices will fix the messy codebase.", "microservices", NULL},
	{"We move to microservices so that the tangled modules become independent.",
	 "microservices", NULL},
	{"Breaking the monolith into microservices improves maintainability.", "microservices", NULL},
	{"A microservice per module will clean up the big ball of mud.", "microservice", NULL},
	{"Microservices are the cure for our technical debt.", "Microservices", NULL},
	{"Microservices will force the teams to write cleaner code.", "Microservices", NULL},
	{"We adopt microservices to untangle the coupled billing and shipping code.",
	 "microservices", NULL},
};

static const struct sentence spaghetti_no[] = {
	{"Microservices will not solve our spaghetti code.", NULL, "negated"},
	{"Microservices on top of spaghetti code just give us distributed spaghetti.", NULL,
	 "the seed's rebuttal"},
	{"We chose microservices because four teams deploy independently.", NULL,
	 "argued from teams, not code quality"},
	{"The code is messy, so we will clean it up inside the monolith first.", NULL,
	 "no microservices"},
	{"The seed's red flag \"Microservices will solve our spaghetti code\" is what we avoid.", NULL,
	 "quoted"},
	{"> Microservices will solve our spaghetti code.\n\nWe keep the monolith.", NULL,
	 "block quote"},
	{"Instead of microservices, we untangle the modules inside a modular monolith.", NULL,
	 "rejected in favour of a monolith"},
	{"Microservices do not improve code quality by themselves; we enforce module boundaries "
	 "first.", NULL, "negated (\"do not\")"},
	{"Moving to microservices would make our messy code worse, not better.", NULL,
	 "argues against"},
};

TEST(microservices_for_spaghetti_true_positives)
{
	RUN_TABLE("microservices-for-spaghetti", SPAGHETTI, spaghetti_yes, true);
}

TEST(microservices_for_spaghetti_true_negatives)
{
	RUN_TABLE("microservices-for-spaghetti", SPAGHETTI, spaghetti_no, false);
}

/* ---- data-migration-deferred ---- */

#define MIGRATION "defers the data migration"

static const struct sentence migration_yes[] = {
	{"We'll figure out how to migrate the data later.", "migrate", NULL},
	{"The data migration can happen after launch.", "migration", NULL},
	{"Migrating the old records is TBD.", "Migrating", NULL},
	{"We will migrate the database eventually.", "migrate", NULL},
	{"Schema migration will be handled in a future phase.", "migration", NULL},
	{"The data will be migrated once we have time.", "migrated", NULL},
	{"We launch on the new store and migrate the customer data down the road.", "migrate", NULL},
};

static const struct sentence migration_no[] = {
	{"We will migrate the data before cutover.", NULL, "planned before cutover"},
	{"We migrate the data up front, table by table, before the new service takes traffic.", NULL,
	 "planned up front"},
	{"Data migration cannot be deferred: data gravity is real.", NULL, "the seed's rebuttal"},
	{"We will migrate the data first; the UI comes later.", NULL,
	 "the migration comes first; only the UI is later"},
	{"Later, we may add a reporting replica.", NULL, "no migration"},
	{"We migrated the data last quarter.", NULL, "already done"},
	{"The seed's \"We'll figure out how to migrate the data later\" is what this plan prevents.",
	 NULL, "quoted"},
	{"We migrate all data during the maintenance window, and decommission the old database "
	 "later.", NULL, "the migration is planned; only the decommissioning is later"},
};

TEST(data_migration_deferred_true_positives)
{
	RUN_TABLE("data-migration-deferred", MIGRATION, migration_yes, true);
}

TEST(data_migration_deferred_true_negatives)
{
	RUN_TABLE("data-migration-deferred", MIGRATION, migration_no, false);
}

TEST(data_migration_deferred_in_the_debt_register)
{
	const char *sys = MODEL("10000", "[]", "",
				"debt:\n"
				"  - id: old-shop\n"
				"    title: Orders still in the 2014 shop\n"
				"    principal_days: 20\n"
				"    interest_hours_month: 16\n"
				"    load_bearing: true\n"
				"    owner: team\n"
				"    plan: Ship the new services first; migrate the data later.\n"
				"  - id: old-crm\n"
				"    title: Migrating the CRM data is TBD\n"
				"    principal_days: 5\n"
				"    interest_hours_month: 2\n");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "data-migration-deferred", 2);
	REQUIRE_FINDING(&f, "data-migration-deferred", "migrate the data later", p);
	CHECK_STR(p->message, MIGRATION ": \"migrate the data later\"");
	CHECK_POS(p, "arch/system.yaml", 33, 11); /* the plan's value */
	REQUIRE_FINDING(&f, "data-migration-deferred", "CRM", t);
	CHECK_STR(t->message, MIGRATION ": \"Migrating the CRM data is TBD\"");
	CHECK_POS(t, "arch/system.yaml", 35, 12); /* the title's value */
	done(&f);
	/* a planned migration in the register is fine */
	RUN(&f, MODEL("10000", "[]", "",
		      "debt:\n  - {id: old-shop, principal_days: 20, interest_hours_month: 16, "
		      "plan: Migrate the data before cutover and verify it with checksums}\n"),
	    NULL, NULL);
	CHECK_COUNT(&f, "data-migration-deferred", 0);
	done(&f);
}

/* ---- kubernetes-scale ---- */

TEST(kubernetes_scale_by_technology)
{
	static const char *const k8s_adr[] = {"decisions/0002-stack.md",
		ADR("002", "Use the stack", "Proposed", "We might run kubernetes, k8s or EKS."), NULL};
	const char *sys = MODEL("10000", "[go, kubernetes]", "", "");
	struct rfix f;
	RUN(&f, sys, NULL, k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 1);
	REQUIRE_FINDING(&f, "kubernetes-scale", "", g);
	CHECK_STR(g->message, "'api' runs on kubernetes, but the system serves 10000 users "
		  "(below 1000000)");
	CHECK_POS(g, "arch/system.yaml", 16, 39); /* "kubernetes" in the tech list */
	CHECK(g->rule->red_flag);
	CHECK_STR(g->phase, "1");
	CHECK_EQ_INT(g->sev, AG_SEV_ERROR);
	done(&f);
	/* its other names */
	static const char *const names[] = {"[k8s]", "[eks]", "[gke]", "[managed-kubernetes]"};
	for (size_t i = 0; i < 4; i++) {
		char s[4096];
		snprintf(s, sizeof(s), "%s%s%s%s%s%s", B_SYSTEM CONS("10000") B_CAPS B_BOUNDARIES,
			 "    - {id: api, name: API, tech: ", names[i],
			 ", metrics: /metrics, logs: json, errors: problem+json, tracing: w3c}\n",
			 B_RELATIONS, B_LATER);
		RUN(&f, s, NULL, k8s_adr);
		if (count(&f, "kubernetes-scale") != 1)
			TEST_FAIL_("tech %s: expected one kubernetes-scale finding", names[i]);
		done(&f);
	}
}

TEST(kubernetes_scale_by_accepted_decision)
{
	static const char *const accepted[] = {"decisions/0002-k8s.md",
		ADR("002", "Run on Kubernetes", "Accepted", "We will run the API on a managed cluster."),
		NULL};
	struct rfix f;
	RUN(&f, BASE, NULL, accepted);
	CHECK_COUNT(&f, "kubernetes-scale", 1);
	REQUIRE_FINDING(&f, "kubernetes-scale", "", g);
	CHECK_STR(g->message, "'Run on Kubernetes' decides on Kubernetes, but the system serves "
		  "10000 users (below 1000000)");
	CHECK_POS(g, "arch/decisions/0002-k8s.md", 1, 12);
	done(&f);
	/* named in the Decision, not the title */
	static const char *const in_decision[] = {"decisions/0002-platform.md",
		ADR("002", "Pick the platform", "Accepted", "We will run the API on Kubernetes."), NULL};
	RUN(&f, BASE, NULL, in_decision);
	CHECK_COUNT(&f, "kubernetes-scale", 1);
	done(&f);
	/* proposed, or mentioned only as context: nothing decided */
	static const char *const proposed[] = {"decisions/0002-k8s.md",
		ADR("002", "Run on Kubernetes", "Proposed", "We will run the API on a managed cluster."),
		NULL};
	RUN(&f, BASE, NULL, proposed);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	done(&f);
	static const char *const context[] = {"decisions/0002-run.md",
		"# ADR-002: Run one container\n\n**Status:** Accepted\n**Date:** 2026-01-15\n\n"
		"## Context\n\nKubernetes was suggested; we have 10k users.\n\n## Decision\n\n"
		"We will run one container on Cloud Run." ADR_TAIL, NULL};
	RUN(&f, BASE, NULL, context);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	done(&f);
	/* named in the decision only to say it is not taken: nothing decided;
	 * the same sentence for it after a sentence against it still counts */
	static const char *const against[][2] = {
		{"We will run one container on Cloud Run, not Kubernetes.", "0"},
		{"Cloud Run instead of Kubernetes.", "0"},
		{"We won't run our own Kubernetes cluster.", "0"},
		{"Cloud Run is simpler than Kubernetes for one team.", "0"},
		{"We deploy without k8s.", "0"},
		{"Not EKS; Kubernetes from day one.", "1"},
		{"No more VMs. We will run the API on Kubernetes.", "1"},
	};
	for (size_t i = 0; i < sizeof against / sizeof against[0]; i++) {
		const char *files[] = {"decisions/0002-platform.md", NULL, NULL};
		char text[1024];
		snprintf(text, sizeof text, "%s%s%s", ADR_HEAD("002", "Pick the platform", "Accepted"),
			 against[i][0], ADR_TAIL);
		files[1] = text;
		RUN(&f, BASE, NULL, files);
		if (count(&f, "kubernetes-scale") != (size_t)(against[i][1][0] - '0'))
			TEST_FAIL_("decision \"%s\": expected %s kubernetes-scale findings, got %zu",
				   against[i][0], against[i][1], count(&f, "kubernetes-scale"));
		done(&f);
	}
	/* the decision calls it by its managed-service name */
	static const char *const eks[] = {"decisions/0002-platform.md",
		ADR("002", "Pick the platform", "Accepted", "We will run the API on EKS."), NULL};
	RUN(&f, BASE, NULL, eks);
	if (count(&f, "kubernetes-scale") != 1)
		TEST_FAIL_("an Accepted record deciding on \"EKS\" (managed Kubernetes, which the "
			   "tech check recognises) at 10000 users: expected 1 kubernetes-scale "
			   "finding, got %zu", count(&f, "kubernetes-scale"));
	done(&f);
}

TEST(kubernetes_scale_threshold)
{
	static const char *const k8s_adr[] = {"decisions/0002-stack.md",
		ADR("002", "Use the stack", "Accepted", "We will build the API in Go on Kubernetes."),
		NULL};
	struct rfix f;
	RUN(&f, MODEL("2000000", "[go, kubernetes]", "", ""), NULL, k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	done(&f);
	RUN(&f, MODEL("1000000", "[go, kubernetes]", "", ""), NULL, k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	done(&f);
	/* the threshold is policy */
	RUN(&f, MODEL("10000", "[go, kubernetes]", "", ""), "thresholds: {kubernetes_min_users: 5000}\n",
	    k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	done(&f);
	RUN(&f, MODEL("20000", "[go, kubernetes]", "", ""), "thresholds: {kubernetes_min_users: 50000}\n",
	    k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 2); /* the tech and the decision */
	REQUIRE_FINDING(&f, "kubernetes-scale", "'api'", g);
	CHECK_STR(g->message, "'api' runs on kubernetes, but the system serves 20000 users "
		  "(below 50000)");
	done(&f);
	/* no stated scale, nothing to compare with (constraints-stated says so) */
	const char *nousers = B_SYSTEM "constraints:\n  latency: interactive\n  p99_ms: 300\n"
		"  compliance: []\n" B_CAPS B_BOUNDARIES C_API("[go, kubernetes]") B_RELATIONS B_LATER;
	RUN(&f, nousers, NULL, k8s_adr);
	CHECK_COUNT(&f, "kubernetes-scale", 0);
	CHECK_COUNT(&f, "constraints-stated", 1);
	done(&f);
}

/* ---- undocumented-technology ---- */

static size_t undocumented(const char *tech, const char *adr_decision, const char *status)
{
	char sys[4096], adr[4096];
	snprintf(sys, sizeof(sys), "%s    - {id: api, name: API, tech: [%s], metrics: /metrics, "
		 "logs: json, errors: problem+json, tracing: w3c}\n%s%s",
		 B_SYSTEM CONS("10000") B_CAPS B_BOUNDARIES, tech, B_RELATIONS, B_LATER);
	snprintf(adr, sizeof(adr), "# ADR-002: Choose the stack\n\n**Status:** %s\n"
		 "**Date:** 2026-01-15\n\n## Context\n\nThe shop has 10k users.\n\n## Decision\n\n"
		 "%s" ADR_TAIL, status, adr_decision);
	const char *files[] = {"decisions/0002-stack.md", adr, NULL};
	struct rfix f;
	if (run(&f, sys, NULL, files)) {
		TEST_FAIL_("fixture for tech [%s] does not load:", tech);
		diag_dump(&f.diags);
		done(&f);
		return 99;
	}
	size_t n = count(&f, "undocumented-technology");
	done(&f);
	return n;
}

/* tech [TECH] with one record (STATUS) whose Decision is DECISION gives N
 * undocumented-technology findings */
#define CHECK_UNDOC(tech, decision, status, n)                              \
	do {                                                                \
		size_t got_ = undocumented((tech), (decision), (status));   \
		if (got_ != (size_t)(n))                                    \
			TEST_FAIL_("tech [%s], %s record \"%s\": expected %d "  \
				   "undocumented-technology finding(s), got %zu", (tech), \
				   (status), (decision), (int)(n), got_);   \
	} while (0)

TEST(undocumented_technology_reported)
{
	const char *sys = MODEL("10000", "[redis]", "", "");
	struct rfix f;
	RUN(&f, sys, NULL, NULL);
	CHECK_COUNT(&f, "undocumented-technology", 1);
	REQUIRE_FINDING(&f, "undocumented-technology", "", g);
	CHECK_STR(g->message, "'redis' is in use ('api') but no decision record mentions it");
	CHECK_POS(g, "arch/system.yaml", 16, 35); /* api's tech: [redis] */
	CHECK(g->rule->red_flag);
	CHECK_STR(g->phase, "1");
	done(&f);
	/* a Rejected record does not document what is in use */
	CHECK_UNDOC("redis", "We will not use Redis.", "Rejected", 1);
	/* any other record that names it does */
	CHECK_UNDOC("redis", "We will cache sessions in Redis.", "Accepted", 0);
	CHECK_UNDOC("redis", "We will cache sessions in Redis.", "Proposed", 0);
}

TEST(undocumented_technology_aliases)
{
	CHECK_UNDOC("postgres", "We will store orders in PostgreSQL.", "Accepted", 0);
	CHECK_UNDOC("postgresql", "We will store orders in Postgres.", "Accepted", 0);
	CHECK_UNDOC("amazon-sqs", "We will queue jobs on Amazon SQS.", "Accepted", 0);
	CHECK_UNDOC("sqs", "We will queue jobs on Amazon SQS.", "Accepted", 0);
	CHECK_UNDOC("Amazon SQS", "We will queue jobs on SQS.", "Accepted", 0);
	CHECK_UNDOC("k8s", "We will run on Kubernetes.", "Accepted", 0);
	CHECK_UNDOC("typescript", "We will write the API in TypeScript.", "Accepted", 0);
	/* a different technology is not an alias */
	CHECK_UNDOC("mysql", "We will store orders in PostgreSQL.", "Accepted", 1);
	CHECK_UNDOC("amazon-sqs", "We will queue jobs on Amazon SNS.", "Accepted", 1);
	/* "go" the language is not documented by the verb */
	CHECK_UNDOC("go", "We go with Rust for the API.", "Accepted", 1);
}

TEST(undocumented_technology_reported_once_per_technology)
{
	const char *sys = MODEL("10000", "[redis, nats]",
				"    - {id: jobs, name: Jobs, kind: worker, tech: [Redis, nats], "
				"metrics: /metrics, logs: json, tracing: w3c}\n", "");
	static const char *const files[] = {
		"slo/jobs.yaml", "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: jobs}\n"
		"spec:\n  service: jobs\n  objectives: [{target: 0.99}]\n", NULL};
	struct rfix f;
	RUN(&f, sys, NULL, files);
	CHECK_COUNT(&f, "undocumented-technology", 2);
	REQUIRE_FINDING(&f, "undocumented-technology", "'redis'", r);
	CHECK_STR(r->message, "'redis' is in use ('api') but no decision record mentions it");
	CHECK_POS(r, "arch/system.yaml", 16, 35); /* api's, not jobs' "Redis" */
	REQUIRE_FINDING(&f, "undocumented-technology", "'nats'", n);
	CHECK_POS(n, "arch/system.yaml", 16, 42);
	done(&f);
}

/* ---- every red flag reopens Phase 1 and can be waived ---- */

struct flag_case {
	const char *rule;
	const char *system;
	const char *adr; /* NULL: none */
	size_t findings;
	const char *reports; /* what the finding says it matched */
};

#define WAIVE(rule)                                                            \
	"waivers:\n  - rule: " rule "\n    reason: accepted until the Q1 review; ADR in "  \
	"progress\n    expires: 2027-03-31\n"

static const struct flag_case flags[] = {
	{"authority-appeal", BASE,
	 ADR("002", "Shard the database", "Accepted", "We shard the database like Facebook does."), 1,
	 "\"We shard the database like Facebook does\""},
	{"microservices-for-spaghetti", BASE,
	 ADR("002", "Split the code", "Accepted", "Microservices will solve our spaghetti code."), 1,
	 "\"Microservices will solve our spaghetti code\""},
	{"data-migration-deferred", BASE,
	 ADR("002", "Launch the new shop", "Accepted",
	     "We'll figure out how to migrate the data later."), 1,
	 "\"We'll figure out how to migrate the data later\""},
	{"kubernetes-scale", MODEL("10000", "[kubernetes]", "", ""),
	 ADR("002", "Keep the options open", "Proposed", "We might need Kubernetes."), 1,
	 "runs on kubernetes"},
	{"undocumented-technology", MODEL("10000", "[redis]", "", ""), NULL, 1, "'redis' is in use"},
};

TEST(every_red_flag_reopens_phase_1)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		const struct flag_case *c = &flags[i];
		const char *files[] = {"decisions/0002-x.md", c->adr, NULL};
		struct rfix f;
		RUN(&f, c->system, NULL, c->adr ? files : NULL);
		if (count(&f, c->rule) != c->findings || f.res.findings.n != c->findings) {
			TEST_FAIL_("%s: expected exactly %zu finding(s), all of it; got:", c->rule,
				   c->findings);
			dump(&f);
		}
		const struct ag_finding *g = find(&f, c->rule, c->reports);
		if (!g)
			TEST_FAIL_("%s: no finding reports \"%s\"", c->rule, c->reports);
		else
			CHECK(ag_finding_blocks(g));
		char b[AG_NPHASES + 1];
		board(&f, b);
		if (!f.res.board.reopened || strcmp(b, "obbbbb") || f.res.board.current != 0)
			TEST_FAIL_("%s: board %s, reopened %d, current %d; expected obbbbb, 1, 0",
				   c->rule, b, f.res.board.reopened, f.res.board.current);
		CHECK_EQ_INT(f.res.board.state[0], AG_PHASE_OPEN);
		done(&f);
	}
}

TEST(every_red_flag_is_waivable)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		const struct flag_case *c = &flags[i];
		const char *files[] = {"decisions/0002-x.md", c->adr, NULL};
		char policy[512];
		snprintf(policy, sizeof(policy), WAIVE("%s"), c->rule);
		struct rfix f;
		RUN(&f, c->system, policy, c->adr ? files : NULL);
		const struct ag_finding *g = find(&f, c->rule, c->reports);
		if (!g || !g->waiver) {
			TEST_FAIL_("%s: the waiver did not apply; findings:", c->rule);
			dump(&f);
		} else {
			CHECK(!ag_finding_blocks(g));
			CHECK_STR(g->waiver->reason.s, "accepted until the Q1 review; ADR in progress");
		}
		CHECK_EQ_INT(f.res.waived, c->findings);
		CHECK_EQ_INT(f.res.errors, 0);
		CHECK_EQ_INT(count(&f, "waiver-unused"), 0);
		char b[AG_NPHASES + 1];
		board(&f, b);
		if (f.res.board.reopened || strcmp(b, "cccccc"))
			TEST_FAIL_("%s waived: board %s, reopened %d; expected cccccc, 0", c->rule, b,
				   f.res.board.reopened);
		done(&f);
	}
}

TEST(red_flag_waiver_needs_reason_and_expiry)
{
	const char *sys = MODEL("10000", "[redis]", "", "");
	struct rfix f;
	/* without a reason the policy does not load */
	CHECK(run(&f, sys, "waivers:\n  - {rule: undocumented-technology, expires: 2027-03-31}\n",
		  NULL) == -100);
	CHECK(diag_find(&f.diags, "reason") != NULL);
	done(&f);
	CHECK(run(&f, sys, "waivers:\n  - {rule: undocumented-technology, reason: the cache is being replaced}\n",
		  NULL) == -100);
	CHECK(diag_find(&f.diags, "expires") != NULL);
	done(&f);
	/* an expired waiver waives nothing: Phase 1 stays reopened */
	RUN(&f, sys, "waivers:\n  - {rule: undocumented-technology, reason: the cache is being replaced, "
	    "expires: 2026-11-24}\n", NULL);
	CHECK(f.res.board.reopened);
	CHECK_EQ_INT(f.res.waived, 0);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 1);
	done(&f);
	/* a waiver narrowed to another technology leaves this one active */
	RUN(&f, sys, "waivers:\n  - {rule: undocumented-technology, match: nats, "
	    "reason: the queue is being replaced, expires: 2027-03-31}\n", NULL);
	CHECK(f.res.board.reopened);
	CHECK_EQ_INT(count(&f, "waiver-unused"), 1);
	done(&f);
}

TEST(red_flag_as_warning_does_not_reopen)
{
	const char *sys = MODEL("10000", "[redis]", "", "");
	struct rfix f;
	RUN(&f, sys, "rules: {undocumented-technology: warning}\n", NULL);
	CHECK_COUNT(&f, "undocumented-technology", 1);
	CHECK(!f.res.board.reopened);
	CHECK_EQ_INT(f.res.board.state[0], AG_PHASE_COMPLETE);
	done(&f);
}

TEST_MAIN(
	TEST_ENTRY(authority_appeal_true_positives),
	TEST_ENTRY(authority_appeal_true_negatives),
	TEST_ENTRY(authority_appeal_not_in_rejected_alternatives_or_records),
	TEST_ENTRY(authority_appeal_in_rfcs),
	TEST_ENTRY(authority_appeal_in_a_title),
	TEST_ENTRY(authority_appeal_in_a_run_on_sentence),
	TEST_ENTRY(microservices_for_spaghetti_true_positives),
	TEST_ENTRY(microservices_for_spaghetti_true_negatives),
	TEST_ENTRY(data_migration_deferred_true_positives),
	TEST_ENTRY(data_migration_deferred_true_negatives),
	TEST_ENTRY(data_migration_deferred_in_the_debt_register),
	TEST_ENTRY(kubernetes_scale_by_technology),
	TEST_ENTRY(kubernetes_scale_by_accepted_decision),
	TEST_ENTRY(kubernetes_scale_threshold),
	TEST_ENTRY(undocumented_technology_reported),
	TEST_ENTRY(undocumented_technology_aliases),
	TEST_ENTRY(undocumented_technology_reported_once_per_technology),
	TEST_ENTRY(every_red_flag_reopens_phase_1),
	TEST_ENTRY(every_red_flag_is_waivable),
	TEST_ENTRY(red_flag_waiver_needs_reason_and_expiry),
	TEST_ENTRY(red_flag_as_warning_does_not_reopen)
)
