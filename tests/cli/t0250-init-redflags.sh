#!/bin/bash
# t0250-init-redflags: `archgate init --red-flags DIR` lays down an example
# that trips every red flag of the seed: `status` shows Phase 1 reopened
# with each of them (and what it matched), `check` exits 1, and committing
# and tagging it without review adds the unreviewed deploy. `archgate init
# --example DIR` still passes check and status with exit 0.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --red-flags rf
expect_rc 0 "init --red-flags"
expect_line "$OUT" "created rf/arch/system.yaml" "init --red-flags: writes the model"
expect_line "$OUT" "created rf/arch/decisions/0001-split-into-microservices.md" \
	"init --red-flags: writes the decision record"

run_in rf "$ARCHGATE" status
expect_rc 1 "status: exit 1"
expect_match "$OUT" '^\[ \] Phase 1 .* open +[0-9]+ blockers +<- current$' "status: Phase 1 is open and current"
expect_line "$OUT" "      reopened by a red flag: STOP. Return to Phase 1." "status: reopened by a red flag"
for p in 1\\.5 2 2\\.5 3 4; do
	expect_match "$OUT" "^\[-\] Phase $p .* blocked" "status: Phase ${p//\\/} is blocked"
done
expect_line "$OUT" "Current phase: 1 (Constraints & Trade-offs)" "status: current phase 1"

# every red flag of the seed that text can show, with what it matched
# "Let's use Kubernetes because Google uses it." (You are not Google.)
expect_contains "$OUT" "argues from a big company's authority: \"We will use Kubernetes because Google uses it, and this is how Netflix does it too\" [authority-appeal, red flag]" \
	"status: authority-appeal quotes the sentence"
expect_contains "$OUT" "'albums' runs on kubernetes, but the system serves 5000 users (below 1000000) [kubernetes-scale, red flag]" \
	"status: kubernetes-scale names the container and the scale"
# "Microservices will solve our spaghetti code."
expect_contains "$OUT" "proposes microservices to fix code quality: \"Microservices will solve our spaghetti code, because every service gets its own small, clean code base\" [microservices-for-spaghetti, red flag]" \
	"status: microservices-for-spaghetti quotes the sentence"
expect_contains "$OUT" "[microservices-justified, red flag]" "status: microservices for one team"
# "I don't need to write this down, it's in my head."
expect_contains "$OUT" "'mongodb' is in use ('feed') but no decision record mentions it [undocumented-technology, red flag]" \
	"status: undocumented-technology names mongodb"
expect_contains "$OUT" "'elixir' is in use ('feed') but no decision record mentions it [undocumented-technology, red flag]" \
	"status: undocumented-technology names elixir"
# "We'll figure out how to migrate the data later."
expect_contains "$OUT" "arch/system.yaml:68:11: error: defers the data migration: \"we'll figure out how to migrate the data later\" [data-migration-deferred, red flag]" \
	"status: data-migration-deferred quotes the debt plan, at the plan"
# "I'll let every team choose their own language." The example runs Go,
# Rust and Elixir with thresholds.max_languages: 2 and an ADR that says
# "Each service owner picks the language they like best."
expect_match "$OUT" "language.*\[[a-z-]+, red flag\]" \
	"status: every team choosing its own language (3 languages, max_languages 2) is a red flag"

run "$ARCHGATE" status --dir rf/arch --format json
python3 - "$OUT" >"$T/rf.check" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reopened"] is True and d["current"] == "1", d
assert d["phases"][0]["state"] == "open", d["phases"][0]
assert all(p["state"] == "blocked" for p in d["phases"][1:]), d["phases"]
rules = {f["rule"] for f in d["red_flags"]}
want = {"authority-appeal", "kubernetes-scale", "microservices-for-spaghetti",
        "microservices-justified", "undocumented-technology", "data-migration-deferred"}
assert want <= rules, sorted(want - rules)
assert all(f["red_flag"] for f in d["red_flags"])
print("ok")
EOF
check "status json: reopened, Phase 1 open, later phases blocked, every text red flag listed" \
	grep -qx ok "$T/rf.check"
grep -qx ok "$T/rf.check" || sed 's/^/    /' "$T/rf.check"

run_in rf "$ARCHGATE" check
expect_rc 1 "check: exit 1"
expect_match "$OUT" "^[0-9]+ errors" "check: counts the errors"
run_in rf "$ARCHGATE" check --phase 1
expect_rc 1 "check --phase 1: the red flags are Phase 1's"

# The README's last red flag: deploy without review.
if command -v git >/dev/null; then
	git -C rf init -q
	git -C rf add -A
	git -C rf -c user.name="Sam Solo" -c user.email=sam@example.com commit -q -m "Photo Share"
	git -C rf tag deploy/1
	run_in rf "$ARCHGATE" check
	expect_contains "$OUT" "shipped commit $(git -C rf rev-parse --short=12 HEAD) \"Photo Share\" by Sam Solo <sam@example.com> without a review by someone else [unreviewed-deploy, red flag]" \
		"check: a commit tagged deploy/1 without a review is the deploy red flag"
	run_in rf "$ARCHGATE" gate deploy
	expect_rc 1 "gate deploy: STOP"
fi

# --example: the worked example passes every gate
run "$ARCHGATE" init --example ex
expect_rc 0 "init --example"
run_in ex "$ARCHGATE" check
expect_rc 0 "init --example: check passes"
run_in ex "$ARCHGATE" status
expect_rc 0 "init --example: status exit 0"
expect_line "$OUT" "All phases complete." "init --example: every phase complete"
expect_line "$OUT" "No red flags." "init --example: no red flags"

run "$ARCHGATE" init --example --red-flags both
expect_rc 2 "init: --example and --red-flags together is a usage error"
check "init: and writes nothing" test ! -e both

finish
