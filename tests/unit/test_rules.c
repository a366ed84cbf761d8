/*
 * test_rules.c - the rule engine: policy severity overrides, waivers
 * (applied, expired, unused), the four-phase board (complete, open,
 * blocked, reopened by a red flag), phase-order findings, sorting and
 * counts; plus the registry and phase table. Each test writes a small arch/
 * folder from the strings below and runs ag_check_run with a fixed today.
 */
#include <time.h>
#include "model/model.h"
#include "rules/rules.h"
#include "test.h"
#include "util.h"
#include "rulefix.h"

#define S_SYSTEM "system: {name: Shop, description: Sells things}\n"          /* 1 */
#define S_CONSTRAINTS                                                          \
	"constraints:\n"                                        /* 2 */         \
	"  users: 10000\n"                                      /* 3 */         \
	"  latency: interactive\n"                              /* 4 */         \
	"  p99_ms: 300\n"                                       /* 5 */         \
	"  compliance: []\n"                                    /* 6 */
#define S_CAPS                                                                 \
	"capabilities:\n"                                                      \
	"  - {name: Payments, core: false, decision: buy, vendor: Stripe}\n"   \
	"  - {name: Pricing, core: true, decision: build}\n"    /* 7-9 */
#define S_CONTEXT                                                              \
	"  people: [{id: shopper, name: Shopper}]\n"                           \
	"  external: [{id: stripe, name: Stripe}]\n"                           \
	"  containers: [{id: api, name: API, metrics: /metrics, logs: json, "    \
	"errors: problem+json, tracing: w3c}]\n"                              \
	"  relations:\n"                                                       \
	"    - {from: shopper, to: api, label: Buys using}\n"                  \
	"    - {from: api, to: stripe, label: Charges cards with}\n"
/* "boundaries:" is line 10; its first key is at 11:3 */
#define S_MONOLITH "boundaries:\n  style: monolith\n" S_CONTEXT
#define S_NOSTYLE "boundaries:\n" S_CONTEXT
#define S_MICRO "boundaries:\n  style: microservices\n" S_CONTEXT

/* Phases 2 to 4, complete: after the boundaries so Phase 1 lines stay put */
#define S_LATER                                                                \
	"failure_modes:\n"                                                      \
	"  - {dependency: stripe, impact: No card payments, mitigation: Retry later}\n" \
	"cost:\n"                                                               \
	"  active_users: 1000\n"                                                \
	"  ceiling_per_user_month: 1\n"                                         \
	"  items: [{name: Hosting, monthly: 100}]\n"

#define GOOD S_SYSTEM S_CONSTRAINTS S_CAPS S_MONOLITH S_LATER
#define NOSTYLE S_SYSTEM S_CONSTRAINTS S_CAPS S_NOSTYLE S_LATER
#define MICRO S_SYSTEM S_CONSTRAINTS S_CAPS S_MICRO S_LATER

/* Every fixture also gets an SLO for 'api' and, unless its policy states
 * one, the review policy, so that only what a test varies can fail. */
#define SLO_API "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: api}\n" \
	"spec:\n  service: api\n  objectives: [{target: 0.999}]\n"
#define REVIEW_POLICY "review: {required: true}\n"

#define TODAY "2026-11-25"

#define ADR_ACCEPTED_P3                                                        \
	"# ADR-002: Adopt a tech radar\n\n**Status:** Accepted\n**Date:** 2026-02-01\n" \
	"**Phase:** 3\n"

/* The engine tests write short records; the decision-record rules (tested
 * in their own right) would object to their missing date and sections.
 * complete_adr() keeps the test's title and metadata and adds a date (when
 * missing) and a body that names nothing the rules look for. */
#define ADR_BODY                                                               \
	"\n## Context\n\nThe team needs an answer.\n\n## Decision\n\n"             \
	"We will do as the title says.\n\n## Consequences\n\n### Positive\n\n"       \
	"- It is settled.\n\n## Alternatives Considered\n\n"                       \
	"| Option | Pros | Cons | Why Rejected |\n|---|---|---|---|\n"               \
	"| The title's option (chosen) | Simple | None | N/A |\n"                  \
	"| Doing nothing | Free | Unsettled | Leaves the question open |\n"

static const char *complete_adr(const char *text)
{
	static char buf[8192];
	const char *nl = strchr(text, '\n');
	size_t title = nl ? (size_t)(nl - text) + 1 : strlen(text);
	snprintf(buf, sizeof(buf), "%.*s%s%s%s", (int)title, text,
		 strstr(text, "**Date:**") ? "" : "**Date:** 2026-01-15\n", text + title,
		 strstr(text, "## Context") ? "" : ADR_BODY);
	return buf;
}

static long days(const char *ymd)
{
	long d = 0;
	ag_date_parse(ymd, strlen(ymd), &d);
	return d;
}

/* Write arch/ (system.yaml, archgate.yaml when policy is non-NULL, and
 * decision records given as name, text, ..., NULL), load it and run the
 * rules up to max_phase (NULL = all) with today = `today`. Returns the
 * ag_check_run code, or -100 when the fixture itself does not load. */
static int run_at(struct rfix *f, const char *system, const char *policy,
		  const char *max_phase, const char *today, const char *const *adrs)
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
	char *pol = NULL;
	if (!policy || !strstr(policy, "review:")) {
		size_t n = (policy ? strlen(policy) : 0) + sizeof(REVIEW_POLICY) + 1;
		pol = malloc(n);
		snprintf(pol, n, "%s%s" REVIEW_POLICY, policy ? policy : "",
			 policy && *policy && policy[strlen(policy) - 1] != '\n' ? "\n" : "");
		policy = pol;
	}
	write_text(path_join(arch, "archgate.yaml"), policy);
	free(pol);
	mkdir(path_join(arch, "slo"), 0777);
	write_text(path_join(path_join(arch, "slo"), "api.yaml"), SLO_API);
	for (size_t i = 0; adrs && adrs[i]; i += 2) {
		char name[256];
		snprintf(name, sizeof(name), "arch/decisions/%s", adrs[i]);
		write_text(path_join(f->tmp, name), complete_adr(adrs[i + 1]));
	}
	if (ag_model_load(&f->m, arch, &f->diags)) {
		fprintf(stderr, "fixture does not load:\n");
		diag_dump(&f->diags);
		return f->rc = -100;
	}
	struct ag_check_opts opts = {.max_phase = max_phase, .today = today ? days(today) : 0};
	return f->rc = ag_check_run(&f->m, &opts, &f->res);
}

static int run(struct rfix *f, const char *system, const char *policy,
	       const char *const *adrs)
{
	return run_at(f, system, policy, NULL, TODAY, adrs);
}

static const struct ag_finding *find(const struct rfix *f, const char *rule)
{
	return find_msg(f, rule, "");
}

#define REQUIRE_FINDING(f, rule, var)                                       \
	const struct ag_finding *var = find((f), (rule));                   \
	if (!var) {                                                         \
		TEST_FAIL_("no '%s' finding; findings:", (rule));           \
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

static void check_board(const struct rfix *f, const char *expect, int current)
{
	/* expect: one letter per phase, c(omplete) o(pen) b(locked) */
	char got[AG_NPHASES + 1];
	for (int i = 0; i < AG_NPHASES; i++)
		got[i] = "cob"[f->res.board.state[i]];
	got[AG_NPHASES] = '\0';
	CHECK_STR(got, expect);
	CHECK_EQ_INT(f->res.board.current, current);
}

TEST(clean_model_passes_every_phase)
{
	struct rfix f;
	REQUIRE(run(&f, GOOD, NULL, NULL) == 0);
	if (f.res.findings.n)
		dump(&f);
	CHECK_EQ_INT(f.res.findings.n, 0);
	CHECK_EQ_INT(f.res.errors, 0);
	CHECK_EQ_INT(f.res.warnings, 0);
	CHECK_EQ_INT(f.res.notes, 0);
	CHECK_EQ_INT(f.res.waived, 0);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	CHECK(!f.res.board.reopened);
	CHECK_EQ_INT(f.res.max_phase, AG_NPHASES - 1);
	done(&f);
}

TEST(default_severity_error_blocks_phase_1)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, NULL, NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK_EQ_INT(b->sev, AG_SEV_ERROR);
	CHECK_STR(b->phase, "1");
	CHECK_STR(b->file, "arch/system.yaml");
	CHECK_EQ_INT(b->line, 11);
	CHECK_EQ_INT(b->col, 3);
	CHECK_CONTAINS(b->message, "do not declare an architecture style");
	CHECK(b->waiver == NULL);
	CHECK(ag_finding_blocks(b));
	CHECK_EQ_INT(f.res.errors, 1);
	check_board(&f, "obbbbb", 0);
	CHECK(!f.res.board.reopened);
	done(&f);
}

TEST(severity_override_to_warning)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, "rules:\n  boundary-style: warning\n", NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK_EQ_INT(b->sev, AG_SEV_WARNING);
	CHECK(!ag_finding_blocks(b));
	CHECK_EQ_INT(f.res.errors, 0);
	CHECK_EQ_INT(f.res.warnings, 1);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
}

TEST(severity_override_to_note)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, "rules:\n  boundary-style: note\n", NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK_EQ_INT(b->sev, AG_SEV_NOTE);
	CHECK_EQ_INT(f.res.notes, 1);
	CHECK_EQ_INT(f.res.errors, 0);
	done(&f);
}

TEST(severity_override_off_disables_the_rule)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, "rules:\n  boundary-style: off\n", NULL) == 0);
	CHECK_NO_FINDING(&f, "boundary-style");
	CHECK_EQ_INT(f.res.findings.n, 0);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
}

TEST(severity_override_raises_a_warning_rule)
{
	const char *sys = S_SYSTEM
		"constraints:\n  users: 10000\n  latency: interactive\n  compliance: []\n"
		S_CAPS S_MONOLITH S_LATER;
	struct rfix f;
	REQUIRE(run(&f, sys, NULL, NULL) == 0);
	REQUIRE_FINDING(&f, "latency-budget", a);
	CHECK_EQ_INT(a->sev, AG_SEV_WARNING);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
	REQUIRE(run(&f, sys, "rules: {latency-budget: error}\n", NULL) == 0);
	REQUIRE_FINDING(&f, "latency-budget", b);
	CHECK_EQ_INT(b->sev, AG_SEV_ERROR);
	CHECK_EQ_INT(f.res.errors, 1);
	check_board(&f, "obbbbb", 0);
	done(&f);
}

#define WAIVER(rule, extra, expires)                                          \
	"waivers:\n"                                                          \
	"  - rule: " rule "\n"                                                \
	extra                                                                 \
	"    reason: the style is being decided in RFC-12\n"                  \
	"    expires: " expires "\n"

TEST(waiver_applies)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, WAIVER("boundary-style", "", "2027-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	REQUIRE(b->waiver != NULL);
	CHECK_STR(b->waiver->reason.s, "the style is being decided in RFC-12");
	CHECK(!ag_finding_blocks(b));
	CHECK_EQ_INT(f.res.waived, 1);
	CHECK_EQ_INT(f.res.errors, 0);
	CHECK_NO_FINDING(&f, "waiver-unused");
	CHECK_NO_FINDING(&f, "waiver-expired");
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
}

TEST(waiver_file_and_match_narrow_it)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE,
		    WAIVER("boundary-style", "    file: arch/system.yaml\n"
			   "    match: architecture style\n", "2027-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", a);
	CHECK(a->waiver != NULL);
	CHECK_NO_FINDING(&f, "waiver-unused");
	done(&f);

	REQUIRE(run(&f, NOSTYLE, WAIVER("boundary-style", "    file: arch/other.yaml\n",
					"2027-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK(b->waiver == NULL);
	CHECK_EQ_INT(count(&f, "waiver-unused"), 1);
	done(&f);

	REQUIRE(run(&f, NOSTYLE, WAIVER("boundary-style", "    match: no such text\n",
					"2027-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", c);
	CHECK(c->waiver == NULL);
	CHECK_EQ_INT(f.res.errors, 1);
	CHECK_EQ_INT(count(&f, "waiver-unused"), 1);
	done(&f);
}

TEST(expired_waiver_is_an_error_and_waives_nothing)
{
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-24"), NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK(b->waiver == NULL);
	CHECK(ag_finding_blocks(b));
	REQUIRE_FINDING(&f, "waiver-expired", e);
	CHECK_EQ_INT(e->sev, AG_SEV_ERROR);
	CHECK_STR(e->phase, "1"); /* the phase of the waived rule */
	CHECK_STR(e->file, "arch/archgate.yaml");
	CHECK_EQ_INT(e->line, 4);
	CHECK_EQ_INT(e->col, 14);
	CHECK_STR(e->message, "waiver for 'boundary-style' expired on 2026-11-24 (reason "
		  "given: the style is being decided in RFC-12)");
	CHECK_NO_FINDING(&f, "waiver-unused");
	CHECK_EQ_INT(f.res.errors, 2);
	CHECK_EQ_INT(f.res.waived, 0);
	check_board(&f, "obbbbb", 0);
	done(&f);
}

TEST(waiver_applies_through_its_expiry_day)
{
	/* archgate.yaml's reference (policy.c) documents `expires` as "the last
	 * day the waiver applies" */
	struct rfix f;
	REQUIRE(run_at(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-25"), NULL,
		       "2026-11-25", NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", b);
	CHECK(b->waiver != NULL);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 0);
	done(&f);
	/* and the day after, it is expired */
	REQUIRE(run_at(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-25"), NULL,
		       "2026-11-26", NULL) == 0);
	REQUIRE_FINDING(&f, "boundary-style", c);
	CHECK(c->waiver == NULL);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 1);
	done(&f);
}

TEST(unused_waiver_is_a_warning)
{
	struct rfix f;
	REQUIRE(run(&f, GOOD, WAIVER("buy-core", "", "2027-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "waiver-unused", u);
	CHECK_EQ_INT(u->sev, AG_SEV_WARNING);
	CHECK_STR(u->message, "waiver for 'buy-core' matches no finding");
	CHECK_STR(u->file, "arch/archgate.yaml");
	CHECK_EQ_INT(u->line, 2);
	CHECK_EQ_INT(u->col, 5);
	CHECK_EQ_INT(f.res.errors, 0);
	CHECK_EQ_INT(f.res.warnings, 1);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
}

TEST(engine_rules_obey_severity_overrides)
{
	struct rfix f;
	REQUIRE(run(&f, GOOD, "rules: {waiver-unused: off}\n" WAIVER("buy-core", "", "2027-01-01"),
		    NULL) == 0);
	CHECK_NO_FINDING(&f, "waiver-unused");
	done(&f);
	REQUIRE(run(&f, NOSTYLE, "rules: {waiver-expired: warning}\n"
		    WAIVER("boundary-style", "", "2020-01-01"), NULL) == 0);
	REQUIRE_FINDING(&f, "waiver-expired", e);
	CHECK_EQ_INT(e->sev, AG_SEV_WARNING);
	done(&f);
}

TEST(today_comes_from_archgate_today)
{
	struct rfix f;
	setenv("ARCHGATE_TODAY", "2026-11-25", 1);
	REQUIRE(run_at(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-24"), NULL, NULL,
		       NULL) == 0);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 1);
	done(&f);
	setenv("ARCHGATE_TODAY", "2026-11-20", 1);
	REQUIRE(run_at(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-24"), NULL, NULL,
		       NULL) == 0);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 0);
	CHECK_EQ_INT(f.res.waived, 1);
	done(&f);
	/* opts.today beats the environment */
	REQUIRE(run_at(&f, NOSTYLE, WAIVER("boundary-style", "", "2026-11-24"), NULL,
		       "2030-01-01", NULL) == 0);
	CHECK_EQ_INT(count(&f, "waiver-expired"), 1);
	done(&f);
	unsetenv("ARCHGATE_TODAY");
}

TEST(ag_today_reads_the_environment)
{
	setenv("ARCHGATE_TODAY", "2026-11-25", 1);
	CHECK_EQ_INT(ag_today(), 20782);
	long clock_days = (long)(time(NULL) / 86400);
	setenv("ARCHGATE_TODAY", "next tuesday", 1);
	CHECK(ag_today() >= clock_days && ag_today() <= clock_days + 1);
	setenv("ARCHGATE_TODAY", "2026-02-30", 1);
	CHECK(ag_today() >= clock_days && ag_today() <= clock_days + 1);
	unsetenv("ARCHGATE_TODAY");
	CHECK(ag_today() >= clock_days && ag_today() <= clock_days + 1);
}

TEST(board_with_max_phase)
{
	struct rfix f;
	REQUIRE(run_at(&f, GOOD, NULL, "1", TODAY, NULL) == 0);
	CHECK_EQ_INT(f.res.max_phase, 0);
	/* phase 1 is complete; 1.5 was not checked, so it is open, not complete */
	check_board(&f, "cobbbb", 1);
	done(&f);
	REQUIRE(run_at(&f, GOOD, NULL, "2.5", TODAY, NULL) == 0);
	CHECK_EQ_INT(f.res.max_phase, 3);
	check_board(&f, "cccco" "b", 4);
	done(&f);
	REQUIRE(run_at(&f, GOOD, NULL, "Phase 4", TODAY, NULL) == 0);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);
}

TEST(unknown_max_phase_is_einval)
{
	struct rfix f;
	CHECK_EQ_INT(run_at(&f, GOOD, NULL, "7", TODAY, NULL), AG_EINVAL);
	done(&f);
	CHECK_EQ_INT(run_at(&f, GOOD, NULL, "", TODAY, NULL), AG_EINVAL);
	done(&f);
}

TEST(red_flag_reopens_phase_1)
{
	struct rfix f;
	REQUIRE(run(&f, MICRO, NULL, NULL) == 0);
	REQUIRE_FINDING(&f, "microservices-justified", r);
	CHECK(r->rule->red_flag);
	CHECK_EQ_INT(r->sev, AG_SEV_ERROR);
	CHECK_EQ_INT(r->line, 11);
	CHECK_EQ_INT(r->col, 10);
	CHECK(f.res.board.reopened);
	check_board(&f, "obbbbb", 0);
	done(&f);

	/* a red flag turned into a warning no longer reopens anything */
	REQUIRE(run(&f, MICRO, "rules: {microservices-justified: warning}\n", NULL) == 0);
	CHECK(!f.res.board.reopened);
	check_board(&f, "cccccc", AG_NPHASES - 1);
	done(&f);

	/* nor does a waived one */
	REQUIRE(run(&f, MICRO, WAIVER("microservices-justified", "", "2027-01-01"), NULL) == 0);
	CHECK(!f.res.board.reopened);
	CHECK_EQ_INT(f.res.waived, 1);
	done(&f);
}

#define ADR_MICRO                                                              \
	"# ADR-003: Split into microservices\n\n**Status:** Accepted\n\n"     \
	"Four teams own checkout, search, catalogue and payments; microservices " \
	"let them deploy independently.\n"

TEST(red_flag_cleared_by_adr_and_teams)
{
	static const char *const adrs[] = {"0003-microservices.md", ADR_MICRO, NULL};
	const char *four = S_SYSTEM
		"constraints:\n  users: 10000\n  latency: batch\n  compliance: []\n  teams: 4\n"
		S_CAPS S_MICRO;
	const char *one = S_SYSTEM
		"constraints:\n  users: 10000\n  latency: batch\n  compliance: []\n  teams: 1\n"
		S_CAPS S_MICRO;
	struct rfix f;
	REQUIRE(run(&f, four, NULL, adrs) == 0);
	CHECK_NO_FINDING(&f, "microservices-justified");
	CHECK(!f.res.board.reopened);
	done(&f);
	REQUIRE(run(&f, one, NULL, adrs) == 0);
	REQUIRE_FINDING(&f, "microservices-justified", r);
	CHECK_CONTAINS(r->message, "with 1 team (fewer than 3)");
	CHECK_CONTAINS(r->message, "'Split into microservices'");
	CHECK(f.res.board.reopened);
	done(&f);
	/* the team threshold is policy */
	REQUIRE(run(&f, one, "thresholds: {microservices_min_teams: 1}\n", adrs) == 0);
	CHECK_NO_FINDING(&f, "microservices-justified");
	done(&f);
}

TEST(phase_order_accepted_later_phase_while_phase_1_open)
{
	static const char *const adrs[] = {"0002-radar.md", ADR_ACCEPTED_P3, NULL};
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, NULL, adrs) == 0);
	REQUIRE_FINDING(&f, "phase-order", p);
	CHECK_EQ_INT(p->sev, AG_SEV_ERROR);
	CHECK_STR(p->phase, "3");
	CHECK_STR(p->file, "arch/decisions/0002-radar.md");
	CHECK_EQ_INT(p->line, 3);
	CHECK_EQ_INT(p->col, 13);
	CHECK_STR(p->message, "'Adopt a tech radar' (Phase 3) is Accepted while Phase 1 "
		  "(Constraints & Trade-offs) is still open; complete it first");
	CHECK(ag_finding_blocks(p));
	CHECK_EQ_INT(f.res.errors, 2);
	done(&f);
}

TEST(phase_order_mentions_the_red_flag)
{
	static const char *const adrs[] = {"0002-radar.md", ADR_ACCEPTED_P3, NULL};
	struct rfix f;
	REQUIRE(run(&f, MICRO, NULL, adrs) == 0);
	REQUIRE_FINDING(&f, "phase-order", p);
	CHECK_CONTAINS(p->message, "is still reopened by a red flag");
	done(&f);
}

TEST(phase_order_only_for_accepted_later_records)
{
	static const char *const proposed[] = {
		"0002-radar.md",
		"# ADR-002: Adopt a tech radar\n\n**Status:** Proposed\n**Phase:** 3\n", NULL};
	static const char *const same_phase[] = {
		"0002-style.md",
		"# ADR-002: Pick a style\n\n**Status:** Accepted\n**Phase:** 1\n", NULL};
	static const char *const no_phase[] = {
		"0002-x.md", "# ADR-002: No phase\n\n**Status:** Accepted\n", NULL};
	static const char *const accepted[] = {"0002-radar.md", ADR_ACCEPTED_P3, NULL};
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE, NULL, proposed) == 0);
	CHECK_NO_FINDING(&f, "phase-order");
	done(&f);
	REQUIRE(run(&f, NOSTYLE, NULL, same_phase) == 0);
	CHECK_NO_FINDING(&f, "phase-order");
	done(&f);
	REQUIRE(run(&f, NOSTYLE, NULL, no_phase) == 0);
	CHECK_NO_FINDING(&f, "phase-order");
	done(&f);
	/* once Phase 1 is complete, a Phase 3 decision is in order */
	REQUIRE(run(&f, GOOD, NULL, accepted) == 0);
	CHECK_NO_FINDING(&f, "phase-order");
	done(&f);
	/* "off" means off */
	REQUIRE(run(&f, NOSTYLE, "rules: {phase-order: off}\n", accepted) == 0);
	CHECK_NO_FINDING(&f, "phase-order");
	done(&f);
}

TEST(phase_order_waiver_is_used)
{
	static const char *const adrs[] = {"0002-radar.md", ADR_ACCEPTED_P3, NULL};
	struct rfix f;
	REQUIRE(run(&f, NOSTYLE,
		    "waivers:\n"
		    "  - rule: phase-order\n"
		    "    reason: the radar was adopted before archgate was introduced\n"
		    "    expires: 2027-01-01\n", adrs) == 0);
	REQUIRE_FINDING(&f, "phase-order", p);
	CHECK(p->waiver != NULL);
	/* the waiver matched the phase-order finding, so it is not unused */
	CHECK_NO_FINDING(&f, "waiver-unused");
	done(&f);
}

TEST(build_needs_an_accepted_adr)
{
	const char *sys = S_SYSTEM S_CONSTRAINTS
		"capabilities:\n"
		"  - {name: Search, core: false, decision: build}\n"
		S_MONOLITH;
	static const char *const accepted[] = {
		"0004-search.md",
		"# ADR-004: Build search in-house\n\n**Status:** Accepted\n", NULL};
	static const char *const proposed[] = {
		"0004-search.md",
		"# ADR-004: Build search in-house\n\n**Status:** Proposed\n", NULL};
	static const char *const research[] = {
		"0004-research.md",
		"# ADR-004: Research budget\n\n**Status:** Accepted\n", NULL};
	struct rfix f;
	REQUIRE(run(&f, sys, NULL, NULL) == 0);
	REQUIRE_FINDING(&f, "build-needs-adr", b);
	CHECK_STR(b->message, "'Search' is not core but is built, and no Accepted ADR names it "
		  "to say why");
	CHECK_EQ_INT(b->line, 8);
	done(&f);
	REQUIRE(run(&f, sys, NULL, accepted) == 0);
	CHECK_NO_FINDING(&f, "build-needs-adr");
	done(&f);
	REQUIRE(run(&f, sys, NULL, proposed) == 0);
	CHECK_EQ_INT(count(&f, "build-needs-adr"), 1);
	done(&f);
	REQUIRE(run(&f, sys, NULL, research) == 0);
	CHECK_EQ_INT(count(&f, "build-needs-adr"), 1);
	done(&f);
}

TEST(findings_are_sorted_and_counted)
{
	static const char *const adrs[] = {"0002-radar.md", ADR_ACCEPTED_P3, NULL};
	const char *sys = "system: {name: Shop}\n" S_NOSTYLE S_LATER;
	struct rfix f;
	REQUIRE(run(&f, sys, WAIVER("buy-core", "", "2027-01-01"), adrs) == 0);
	REQUIRE(f.res.findings.n >= 4);
	size_t e = 0, w = 0, n = 0, wv = 0;
	for (size_t i = 0; i < f.res.findings.n; i++) {
		const struct ag_finding *g = &f.res.findings.v[i];
		if (g->waiver)
			wv++;
		else if (g->sev == AG_SEV_ERROR)
			e++;
		else if (g->sev == AG_SEV_WARNING)
			w++;
		else
			n++;
		if (!i)
			continue;
		const struct ag_finding *p = &f.res.findings.v[i - 1];
		int pp = ag_phase_index(p->phase), gp = ag_phase_index(g->phase);
		int fc = strcmp(p->file ? p->file : "", g->file ? g->file : "");
		bool ordered = pp < gp || (pp == gp && (fc < 0 || (fc == 0 &&
			       (p->line < g->line || (p->line == g->line && p->col <= g->col)))));
		if (!ordered) {
			TEST_FAIL_("findings %zu and %zu are out of order:", i - 1, i);
			dump(&f);
			break;
		}
	}
	CHECK_EQ_INT(f.res.errors, e);
	CHECK_EQ_INT(f.res.warnings, w);
	CHECK_EQ_INT(f.res.notes, n);
	CHECK_EQ_INT(f.res.waived, wv);
	/* the Phase 3 phase-order finding sorts after every Phase 1 finding */
	CHECK_STR(f.res.findings.v[f.res.findings.n - 1].rule->id, "phase-order");
	done(&f);
}

TEST(registry_is_well_formed)
{
	size_t n;
	const struct ag_rule *const *all = ag_rules_all(&n);
	REQUIRE(n >= 12);
	int last_phase = 0, red_flags = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ag_rule *r = all[i];
		REQUIRE(r && r->id);
		for (const char *c = r->id; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
				TEST_FAIL_("rule id '%s' is not kebab-case", r->id);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(all[k]->id, r->id))
				TEST_FAIL_("rule id '%s' is registered twice", r->id);
		int p = ag_phase_index(r->phase);
		if (p < 0)
			TEST_FAIL_("rule '%s' has unknown phase '%s'", r->id, r->phase);
		if (p < last_phase)
			TEST_FAIL_("rule '%s' (phase %s) is out of phase order", r->id, r->phase);
		last_phase = p;
		if (!r->title || !*r->title || !r->rationale || strlen(r->rationale) < 40 ||
		    !r->fix || !*r->fix)
			TEST_FAIL_("rule '%s' lacks a title, a rationale (the why) or a fix", r->id);
		if (r->severity < AG_SEV_NOTE || r->severity > AG_SEV_ERROR)
			TEST_FAIL_("rule '%s' has default severity %d", r->id, (int)r->severity);
		CHECK(ag_rule_find(r->id) == r);
		red_flags += r->red_flag;
	}
	CHECK(red_flags >= 1);
	CHECK(ag_rule_find("no-such-rule") == NULL);
	CHECK(ag_rule_find("phase-order") != NULL);
	CHECK(ag_rule_find("waiver-expired") != NULL);
	CHECK(ag_rule_find("waiver-unused") != NULL);
}

TEST(phase_table)
{
	size_t n;
	const struct ag_phase *p = ag_phases(&n);
	REQUIRE(n == AG_NPHASES);
	static const char *const ids[] = {"1", "1.5", "2", "2.5", "3", "4"};
	for (size_t i = 0; i < n; i++) {
		CHECK_STR(p[i].id, ids[i]);
		CHECK(p[i].name && *p[i].name);
		CHECK(p[i].goal && *p[i].goal);
		CHECK_EQ_INT(ag_phase_index(ids[i]), (long long)i);
	}
	CHECK_STR(p[0].name, "Constraints & Trade-offs");
	CHECK_EQ_INT(ag_phase_index("Phase 2.5"), 3);
	CHECK_EQ_INT(ag_phase_index("phase 1"), 0);
	CHECK_EQ_INT(ag_phase_index("5"), -1);
	CHECK_EQ_INT(ag_phase_index("1.0"), -1);
	CHECK_EQ_INT(ag_phase_index(""), -1);
	CHECK_EQ_INT(ag_phase_index(NULL), -1);
	CHECK_STR(ag_phase_state_name(AG_PHASE_COMPLETE), "complete");
	CHECK_STR(ag_phase_state_name(AG_PHASE_OPEN), "open");
	CHECK_STR(ag_phase_state_name(AG_PHASE_BLOCKED), "blocked");
}

TEST_MAIN(
	TEST_ENTRY(clean_model_passes_every_phase),
	TEST_ENTRY(default_severity_error_blocks_phase_1),
	TEST_ENTRY(severity_override_to_warning),
	TEST_ENTRY(severity_override_to_note),
	TEST_ENTRY(severity_override_off_disables_the_rule),
	TEST_ENTRY(severity_override_raises_a_warning_rule),
	TEST_ENTRY(waiver_applies),
	TEST_ENTRY(waiver_file_and_match_narrow_it),
	TEST_ENTRY(expired_waiver_is_an_error_and_waives_nothing),
	TEST_ENTRY(waiver_applies_through_its_expiry_day),
	TEST_ENTRY(unused_waiver_is_a_warning),
	TEST_ENTRY(engine_rules_obey_severity_overrides),
	TEST_ENTRY(today_comes_from_archgate_today),
	TEST_ENTRY(ag_today_reads_the_environment),
	TEST_ENTRY(board_with_max_phase),
	TEST_ENTRY(unknown_max_phase_is_einval),
	TEST_ENTRY(red_flag_reopens_phase_1),
	TEST_ENTRY(red_flag_cleared_by_adr_and_teams),
	TEST_ENTRY(phase_order_accepted_later_phase_while_phase_1_open),
	TEST_ENTRY(phase_order_mentions_the_red_flag),
	TEST_ENTRY(phase_order_only_for_accepted_later_records),
	TEST_ENTRY(phase_order_waiver_is_used),
	TEST_ENTRY(build_needs_an_accepted_adr),
	TEST_ENTRY(findings_are_sorted_and_counted),
	TEST_ENTRY(registry_is_well_formed),
	TEST_ENTRY(phase_table)
)
