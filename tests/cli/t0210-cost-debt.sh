#!/bin/bash
# t0210-cost-debt: Phase 3 cost governance and the Phase 4 loan book.
# `archgate cost`: the monthly total (items, AI model costs, transfers with
# cross-AZ priced at 0.02 per GB unless stated), cost per active user
# against the ceiling, json, exit 1 over the ceiling. `archgate debt`: the
# register ordered by monthly interest (load-bearing first among equals),
# payback = principal_days * 8 / interest_hours_month, the strangler-fig
# progress line, json.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

GOV=$FIXTURES/rulebook-govern

# ---- cost ----

run_in "$GOV" "$ARCHGATE" cost
expect_rc 0 "cost: within the ceiling"
expect_golden rulebook-cost.txt "$OUT" "cost: the report"
expect_empty "$ERR" "cost: nothing on stderr"
expect_line "$OUT" "  transfer web -> db, 5000 GB at 0.02                  100.00  cross-AZ" \
	"cost: a cross-AZ transfer without a price costs 0.02 per GB"
expect_line "$OUT" "  transfer web -> cache, 2000 GB at 0.01                20.00  cross-AZ" \
	"cost: a stated price_per_gb wins"
expect_line "$OUT" "  AI: Similar books                                    400.00" \
	"cost: AI model costs are items"
expect_line "$OUT" "  Total                                               2674.50" \
	"cost: total = 2150 items + 400 AI + 124.50 transfers"
expect_line "$OUT" "  Active users 40000: 0.0669 EUR per user per month, ceiling 0.1000: within" \
	"cost: per active user against the ceiling"

run "$ARCHGATE" cost --dir "$GOV/arch" --format json
expect_rc 0 "cost --format json"
cp "$OUT" "$T/cost.json"
python3 - "$T/cost.json" >"$T/cost.check" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
want_keys = ["currency", "items", "transfers", "items_total", "transfers_total", "total",
             "active_users", "per_user", "ceiling", "over_ceiling"]
assert list(d) == want_keys, list(d)
assert d["currency"] == "EUR"
assert d["items"][:3] == [{"name": "Web containers", "monthly": 1200},
                          {"name": "Managed PostgreSQL", "monthly": 800},
                          {"name": "Managed Redis", "monthly": 150}], d["items"]
assert d["transfers"] == [
    {"from": "web", "to": "db", "gb_month": 5000, "cross_az": True, "price_per_gb": 0.02, "monthly": 100},
    {"from": "web", "to": "cache", "gb_month": 2000, "cross_az": True, "price_per_gb": 0.01, "monthly": 20},
    {"from": "web", "to": "stripe", "gb_month": 50, "cross_az": False, "price_per_gb": 0.09, "monthly": 4.5},
], d["transfers"]
assert d["items_total"] == 2550 and d["transfers_total"] == 124.5 and d["total"] == 2674.5, d
assert d["active_users"] == 40000 and abs(d["per_user"] - 2674.5 / 40000) < 1e-6, d
assert d["ceiling"] == 0.1 and d["over_ceiling"] is False, d
print("ok")
EOF
check "cost json: fields, items, transfers and numbers" grep -qx ok "$T/cost.check"
grep -qx ok "$T/cost.check" || sed 's/^/    /' "$T/cost.check"

# Every amount of the text report is in the json: the listed items add up
# to items_total (the text lists the AI feature's 400 as an item).
python3 - "$T/cost.json" >"$T/cost.sum" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
listed = sum(i["monthly"] for i in d["items"]) + sum(a.get("monthly", a.get("cost_month", 0))
                                                   for a in d.get("ai", []))
if abs(listed - d["items_total"]) < 0.005:
    print("ok")
else:
    print("json lists items worth %.2f (%s) but items_total is %.2f; the AI cost "
          "'Similar books' (400.00) is in the total and the text report, not in the json"
          % (listed, ", ".join(i["name"] for i in d["items"]), d["items_total"]))
EOF
check "cost json: what it lists adds up to items_total (AI costs included)" grep -qx ok "$T/cost.sum"
grep -qx ok "$T/cost.sum" || sed 's/^/    /' "$T/cost.sum"

# Over the ceiling: exit 1, and check agrees (cost-ceiling).
copy_fixture rulebook-govern
sed -i 's/ceiling_per_user_month: 0.1$/ceiling_per_user_month: 0.05/' "$T/rulebook-govern/arch/system.yaml"
run_in "$T/rulebook-govern" "$ARCHGATE" cost
expect_rc 1 "cost: over the ceiling exits 1"
expect_line "$OUT" "  Active users 40000: 0.0669 EUR per user per month, ceiling 0.0500: OVER the ceiling" \
	"cost: says OVER"
run_in "$T/rulebook-govern" "$ARCHGATE" cost --format json
expect_rc 1 "cost --format json: over the ceiling exits 1 too"
check "cost json: over_ceiling is true" python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["over_ceiling"] is True else 1)' "$OUT"
run_in "$T/rulebook-govern" "$ARCHGATE" check
expect_rc 1 "check: cost-ceiling fails the same model"
expect_contains "$OUT" "error: cost per active user is 0.0669 EUR a month, over the ceiling of 0.0500 (total 2674.50 EUR for 40000 users) [cost-ceiling]" \
	"check: the same numbers as cost"

# Missing parts: no user count, no ceiling.
sed -i '/^  active_users: 40000$/d; /^  ceiling_per_user_month:/d' "$T/rulebook-govern/arch/system.yaml"
run_in "$T/rulebook-govern" "$ARCHGATE" cost
expect_rc 0 "cost: without users and ceiling it reports, exit 0"
expect_line "$OUT" "  No active-user count (cost.active_users)" "cost: says the user count is missing"
run_in "$T/rulebook-govern" "$ARCHGATE" cost --format json
check "cost json: active_users, per_user and ceiling are null, not over" python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if (d["active_users"], d["per_user"], d["ceiling"], d["over_ceiling"]) == (None, None, None, False) else 1)' "$OUT"

run_in "$GOV" "$ARCHGATE" cost --format sarif
expect_rc 2 "cost: --format sarif is a usage error"
run_in "$GOV" "$ARCHGATE" cost extra
expect_rc 2 "cost: no positional arguments"

# ---- debt ----

run_in "$GOV" "$ARCHGATE" debt
expect_rc 0 "debt"
expect_golden rulebook-debt.txt "$OUT" "debt: the loan book"
awk '/^  [a-z]/ && !/^  ID / {print $1}' "$OUT" | sed -n '1,4p' >"$T/order"
check "debt: ordered by interest, load-bearing first among equals, no interest last" \
	test "$(tr '\n' ' ' <"$T/order")" = "legacy-orders flaky-tests css-soup old-cron "
expect_match "$OUT" '^  legacy-orders +30 d +40 h/mo +6\.0 mo  team-orders  load-bearing$' \
	"debt: payback 30 d * 8 / 40 h = 6.0 months, load-bearing marked"
expect_match "$OUT" '^  css-soup +10 d +4 h/mo +20\.0 mo  team-web$' "debt: payback 10 * 8 / 4 = 20.0"
expect_match "$OUT" '^  old-cron +2 d +0 h/mo +-  \(no owner\)$' "debt: no interest, no payback"
expect_line "$OUT" "  4 items: 47 days of principal, 84 hours of interest a month" "debt: totals"
expect_line "$OUT" "Strangler fig: 2 of 5 routes on the new system [########............] 40%" \
	"debt: strangler-fig progress"

run "$ARCHGATE" debt --dir "$GOV/arch" --format json
expect_rc 0 "debt --format json"
python3 - "$OUT" >"$T/debt.check" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["debt", "migration"], list(d)
assert [x["id"] for x in d["debt"]] == ["legacy-orders", "flaky-tests", "css-soup", "old-cron"]
for x in d["debt"]:
    assert list(x) == ["id", "title", "principal_days", "interest_hours_month", "payback_months",
                       "load_bearing", "owner", "plan"], list(x)
lo = d["debt"][0]
assert lo == {"id": "legacy-orders", "title": "Orders still written by the 2014 shop",
              "principal_days": 30, "interest_hours_month": 40, "payback_months": 6,
              "load_bearing": True, "owner": "team-orders",
              "plan": "Strangle the order routes behind the new web shop, one route at a time"}, lo
assert d["debt"][1]["payback_months"] == 1 and d["debt"][2]["payback_months"] == 20
for x in d["debt"][:3]:
    assert abs(x["payback_months"] - x["principal_days"] * 8 / x["interest_hours_month"]) < 0.005, x
assert d["debt"][3]["payback_months"] is None and d["debt"][3]["owner"] is None
assert d["migration"] == {"legacy": "legacy-shop", "routes": 5, "on_new": 2}, d["migration"]
print("ok")
EOF
check "debt json: order, fields, payback and migration" grep -qx ok "$T/debt.check"
grep -qx ok "$T/debt.check" || sed 's/^/    /' "$T/debt.check"

# an empty register and no migration
run_in "$FIXTURES/clean" "$ARCHGATE" debt
expect_rc 0 "debt: an empty register"
expect_line "$OUT" "  0 items: 0 days of principal, 0 hours of interest a month" "debt: says 0 items"
expect_not_contains "$OUT" "Strangler fig" "debt: no migration, no progress line"
run "$ARCHGATE" debt --dir "$FIXTURES/clean/arch" --format json
check "debt json: empty" test "$(cat "$OUT")" = '{"debt":[],"migration":{"legacy":null,"routes":0,"on_new":0}}'

finish
