/*
 * test_govern.c - the numbers and verdicts the CLI used to work out itself
 * and now asks the library for: the monthly bill's lines (AI model costs
 * counted once, as items), the cost-ceiling verdict, the debt book's order
 * and payback, the sign-off roles and events lint's required fields,
 * thresholds and verdict, with their defaults.
 */
#include "events/events_lint.h"
#include "model/policy.h"
#include "report/govern.h"
#include "test.h"
#include "util.h"

static const char system_yaml[] =
	"system: {name: Shop}\n"
	"ai:\n"
	"  - {name: Search, cost_month: 100}\n"
	"  - {name: Chat}\n"
	"cost:\n"
	"  active_users: 1000\n"
	"  ceiling_per_user_month: 0.5\n"
	"  items: [{name: Postgres, monthly: 300}, {name: CDN, monthly: 50}]\n"
	"debt:\n"
	"  - {id: b-small, principal_days: 10, interest_hours_month: 5}\n"
	"  - {id: a-big, principal_days: 20, interest_hours_month: 40}\n"
	"  - {id: c-tie, principal_days: 2, interest_hours_month: 5, load_bearing: true}\n"
	"  - {id: d-unknown}\n"
	"observability:\n"
	"  required_fields: [trace_id, service, trace_id, '']\n";

static int load(struct ag_model *m, char **dir)
{
	*dir = make_tmpdir();
	if (!*dir || write_text(path_join(*dir, "system.yaml"), system_yaml))
		return -1;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_model_load(m, *dir, &d);
	if (rc)
		diag_dump(&d);
	ag_diags_release(&d);
	return rc;
}

TEST(ai_model_costs_are_bill_lines_counted_once)
{
	struct ag_model m;
	char *dir;
	REQUIRE(load(&m, &dir) == 0);
	struct ag_cost_report r;
	REQUIRE(ag_cost_compute(&m, &r) == 0);
	CHECK_EQ_INT(r.nlines, 3); /* two items and the one AI feature with a cost */
	CHECK_STR(r.lines[2].name, "Search");
	CHECK(r.lines[2].ai && !r.lines[0].ai);
	CHECK(r.items == 450.0 && r.total == 450.0);
	CHECK(r.over_ceiling == false); /* 0.45 a user, under 0.5 */
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_report_cost(&b, AG_FMT_JSON, &m, &r) == 0);
	CHECK_CONTAINS(b.data, "{\"name\":\"AI: Search\",\"monthly\":100.00}");
	CHECK_CONTAINS(b.data, "\"items_total\":450.00,");
	ag_buf_reset(&b);
	REQUIRE(ag_report_cost(&b, AG_FMT_TEXT, &m, &r) == 0);
	CHECK_CONTAINS(b.data, "  AI: Search ");
	CHECK_EQ_INT(ag_report_cost(&b, AG_FMT_SARIF, &m, &r), AG_EINVAL);
	ag_buf_release(&b);
	ag_cost_release(&r);
	ag_model_release(&m);
	rm_rf(dir);
	free(dir);
}

TEST(debt_book_by_interest_then_load_bearing_then_id)
{
	struct ag_model m;
	char *dir;
	REQUIRE(load(&m, &dir) == 0);
	struct ag_debt_book b;
	REQUIRE(ag_debt_book_compute(&m, &b) == 0);
	REQUIRE(b.n == 4);
	CHECK_STR(b.rows[0].d->id.s, "a-big");
	CHECK_STR(b.rows[1].d->id.s, "c-tie"); /* load-bearing first among equals */
	CHECK_STR(b.rows[2].d->id.s, "b-small");
	CHECK_STR(b.rows[3].d->id.s, "d-unknown");
	CHECK(b.rows[0].payback == 20 * AG_DEBT_HOURS_PER_DAY / 40);
	CHECK(b.rows[3].payback < 0);
	CHECK(b.principal == 32 && b.interest == 50);
	ag_debt_book_release(&b);
	ag_model_release(&m);
	rm_rf(dir);
	free(dir);
}

TEST(required_fields_as_stated_or_the_default)
{
	struct ag_model m;
	char *dir;
	REQUIRE(load(&m, &dir) == 0);
	const char *f[8];
	REQUIRE(ag_model_required_fields(&m, f, 8) == 2); /* duplicates and "" dropped */
	CHECK_STR(f[0], "trace_id");
	CHECK_STR(f[1], "service");
	REQUIRE(ag_model_required_fields(NULL, f, 8) == 4);
	CHECK_STR(f[1], "span_id");
	CHECK_EQ_INT(ag_model_required_fields(NULL, f, 2), 2);
	ag_model_release(&m);
	rm_rf(dir);
	free(dir);
}

TEST(policy_defaults)
{
	struct ag_policy p;
	memset(&p, 0, sizeof(p));
	const char *roles[8];
	REQUIRE(ag_policy_signoff_roles(&p, roles, 8) == 3);
	CHECK_STR(roles[0], "Lead Backend");
	CHECK_STR(roles[2], "DevOps");
	p.signoff.roles.set = true; /* roles: [] names none: still the seed's */
	CHECK_EQ_INT(ag_policy_signoff_roles(&p, roles, 8), 3);
	CHECK(ag_policy_distinct_signers(&p));
	CHECK(ag_policy_min_json_share(NULL) == 0.99);
	CHECK(ag_policy_min_field_coverage(&p) == 0.99);
}

TEST(events_lint_verdict)
{
	const char *req[] = {"trace_id", "service"};
	uint64_t present[] = {10, 9};
	struct ag_evl_result r;
	memset(&r, 0, sizeof(r));
	r.lines = 11;
	r.blank = 1;
	r.events = 10;
	r.required = req;
	r.required_present = present;
	r.nrequired = 2;
	CHECK(ag_evl_ok(&r, 0.99, 0.9));
	CHECK(!ag_evl_ok(&r, 0.99, 0.95)); /* service at 90% */
	CHECK(ag_evl_field_ok(&r, 0, 1.0) && !ag_evl_field_ok(&r, 1, 0.95));
	r.invalid = 1; /* 9 of 10 non-blank lines are events */
	CHECK(!ag_evl_share_ok(&r, 0.99) && ag_evl_share_ok(&r, 0.9));
	/* nothing to judge is not a pass, whatever the thresholds */
	struct ag_evl_result none;
	memset(&none, 0, sizeof(none));
	none.lines = none.blank = 3;
	CHECK(!ag_evl_ok(&none, 0, 0));
	/* no events at all: coverage is not judged, the share is */
	struct ag_evl_result text;
	memset(&text, 0, sizeof(text));
	text.lines = 2;
	text.invalid = 2;
	text.required = req;
	text.required_present = present;
	text.nrequired = 2;
	CHECK(ag_evl_ok(&text, 0, 0.99) && !ag_evl_ok(&text, 0.5, 0.99));
}

TEST_MAIN(TEST_ENTRY(ai_model_costs_are_bill_lines_counted_once),
	  TEST_ENTRY(debt_book_by_interest_then_load_bearing_then_id),
	  TEST_ENTRY(required_fields_as_stated_or_the_default), TEST_ENTRY(policy_defaults),
	  TEST_ENTRY(events_lint_verdict))
