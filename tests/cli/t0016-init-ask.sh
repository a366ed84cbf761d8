#!/bin/bash
# t0016-init-ask: `archgate init`'s guided Phase 1 on a terminal, driven in
# tmux as a person would (send-keys, capture-pane): the seed's questions in
# order with what discovery found beside them, '?' explains, '<' goes back,
# a summary before writing, and stopping writes nothing. Off a terminal,
# init never asks: flags answer, the rest stays a question in system.yaml.
# Waits poll the pane for the next prompt (no fixed sleeps decide anything).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v tmux >/dev/null || skip_all "tmux is not installed (scripts/deps.sh --test installs it)"

# a tmux server of its own for each start (-L), none of the caller's config
RUNS=0
tm() { tmux -L "ag-t0016-$$-$RUNS" -f /dev/null "$@"; }
stop_all() {
	local i
	for ((i = 1; i <= RUNS; i++)); do
		tmux -L "ag-t0016-$$-$i" kill-server 2>/dev/null
	done
	rm -rf "$T"
}
trap stop_all EXIT

# start DIR: archgate init in DIR on tmux's terminal; its exit code lands in $T/rc.
start() {
	rm -f "$T/rc"
	tm kill-server 2>/dev/null
	RUNS=$((RUNS + 1))
	tm new-session -d -s t -x 220 -y 50 \
		"cd $(printf %q "$1") && env ARCHGATE_TODAY=$ARCHGATE_TODAY $(printf %q "$ARCHGATE") init; echo \$? >$(printf %q "$T/rc"); sleep 600"
	tm set-option -t t history-limit 5000 >/dev/null
}
screen() { tm capture-pane -p -t t -S - -E - ; }
# wait_for TEXT: until the pane shows TEXT (at most 30 s).
wait_for() {
	local i
	for ((i = 0; i < 300; i++)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "the terminal never showed: $1"
	screen | sed 's/^/      | /'
	return 1
}
# answer PROMPT TEXT: wait for PROMPT (the Nth time: $3), then type TEXT and Enter.
answer() {
	local want=${3:-1} i
	for ((i = 0; i < 300; i++)); do
		[ "$(screen | grep -cF -- "$1")" -ge "$want" ] && break
		sleep 0.1
	done
	tm send-keys -t t -l -- "$2"
	tm send-keys -t t Enter
}
wait_rc() {
	local i
	for ((i = 0; i < 300; i++)); do
		[ -s "$T/rc" ] && return 0
		sleep 0.1
	done
	return 1
}

copy_fixture discover
R=$T/discover
start "$R"
wait_for "discovered 8 containers and 3 relations" && pass "discovery is shown before the questions"
answer "1/6 How many users must the system serve?" "50k"
answer "2/6 Latency:" "?"
wait_for "\"Real-time (Gaming) or Batch (Reporting)?\"" && pass "'?' explains the question in the seed's words"
answer "Latency: realtime (gaming, trading), interactive" "inter" 2
answer "and the p99 target, in milliseconds? [300]" ""
answer "3/6 Compliance:" "GDPR, PCI-DSS"
answer "4/6 Availability target" "<"
answer "3/6 Compliance:" "HIPAA" 2
answer "4/6 Availability target" "99.95" 2
answer "capability (Enter when done)" "Auth"
answer "is it the core differentiator?" "n"
answer "buy or build? [buy]" ""
answer "from which vendor?" "Auth0"
answer "capability (Enter when done)" "Pricing engine" 2
answer "is it the core differentiator?" "y" 2
answer "buy or build? [build]" ""
answer "capability (Enter when done)" "" 3
wait_for "6/6 Monolith or microservices? (Hint: Start with Monolith.) Discovery found 6 services [monolith]" &&
	pass "the style question shows what discovery found and the seed's hint"
answer "6/6 Monolith or microservices?" ""
wait_for "Summary (written to arch/system.yaml):" && pass "a summary before writing"
screen >"$T/pane"
expect_contains "$T/pane" "  compliance:   HIPAA" "'<' went back: the second answer to compliance counts"
expect_contains "$T/pane" "    Pricing engine: core, build" "each capability in the summary"
expect_contains "$T/pane" "  and 8 discovered containers, as drafts to confirm" "the drafts in the summary"
answer "Write it? (y: write, n: stop, <: back to the questions) [y]" "y"
wait_rc
check "init exits 0" test "$(cat "$T/rc")" = 0
S=$R/arch/system.yaml
expect_contains "$S" "constraints:
  users: 50000
  latency: interactive
  p99_ms: 300
  availability: 99.95
  compliance: [HIPAA]" "the constraints as answered"
expect_contains "$S" "capabilities:
  - {name: Auth, core: false, decision: buy, vendor: Auth0}
  - {name: Pricing engine, core: true, decision: build}" "buy vs build as answered"
expect_line "$S" '  style: monolith  # "Start with Monolith."' "the style as answered"
run_in "$R" "$ARCHGATE" check --format json
check "no Phase 1 finding about the answered questions" \
	jq -e '[.findings[] | select(.rule == "constraints-stated" or .rule == "capabilities-stated" or .rule == "capability-decided" or .rule == "boundary-style" or .rule == "latency-budget")] | length == 0' "$OUT"

# n at the summary: nothing written
copy_fixture discover
before=$(tree_digest "$T/discover")
start "$T/discover"
for q in "1/6" "2/6" "p99 target" "3/6" "4/6" "capability (Enter" "6/6"; do
	answer "$q" ""
done
answer "Write it?" "n"
wait_rc
check "stopping at the summary exits 1" test "$(cat "$T/rc")" = 1
wait_for "stopped: nothing written" && pass "and says so"
check "and writes nothing" test "$(tree_digest "$T/discover")" = "$before"

# Ctrl-D at the first question: nothing written
start "$T/discover"
wait_for "1/6 How many users"
tm send-keys -t t C-d
wait_rc
check "Ctrl-D exits 1" test "$(cat "$T/rc")" = 1
check "and writes nothing" test "$(tree_digest "$T/discover")" = "$before"

# off a terminal: never a question; flags answer
run_in "$T/discover" "$ARCHGATE" init --users 2000 --latency batch --compliance none --style modular-monolith </dev/null
expect_rc 0 "init off a terminal"
expect_not_contains "$OUT" "1/6" "never asks off a terminal"
expect_contains "$T/discover/arch/system.yaml" "constraints:
  users: 2000
  latency: batch
  compliance: []  # none apply" "flags answer the questions; none is an answer"
expect_line "$T/discover/arch/system.yaml" "  style: modular-monolith  # \"Start with Monolith.\"" "--style"
run "$ARCHGATE" init --latency sometimes "$T/y"
expect_rc 2 "a bad --latency is a usage error"
expect_contains "$ERR" "--latency is realtime, interactive or batch, not 'sometimes'" "naming the value"
run "$ARCHGATE" init --example --users 5 "$T/z"
expect_rc 2 "answers with --example are a usage error"

finish
