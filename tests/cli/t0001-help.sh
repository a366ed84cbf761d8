#!/bin/bash
# t0001-help: every command documents itself with an example; usage errors
# say what went wrong, suggest the command meant, and exit 2.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" --help
expect_rc 0 "archgate --help"
expect_first_line "$OUT" "usage: archgate [--dir DIR] COMMAND [ARGS]" "--help starts with the usage line"
expect_contains "$OUT" "Example" "--help has an example"
expect_contains "$OUT" "Exit codes: 0 all good, 1 a gate or rule failed, 2 bad usage or input." \
	"--help documents the exit codes"
expect_empty "$ERR" "--help writes nothing to stderr"
cp "$OUT" "$T/main-help"

# The commands are whatever --help lists, so new commands are covered too.
commands=$(sed -n '/^Commands:/,/^$/p' "$T/main-help" | awk 'NR > 1 && NF { print $1 }')
for c in init status check rules explain docs help version; do
	if printf '%s\n' $commands | grep -qx "$c"; then
		pass "--help lists '$c'"
	else
		fail "--help lists '$c'" "commands found: $(echo $commands)"
	fi
done

for c in $commands; do
	run "$ARCHGATE" help "$c"
	expect_rc 0 "archgate help $c"
	expect_first_line_match "$OUT" "^usage: archgate $c( |\$)" "help $c starts with 'usage: archgate $c'"
	expect_contains "$OUT" "Example" "help $c has an example"
	cp "$OUT" "$T/help-$c"

	run "$ARCHGATE" "$c" --help
	expect_rc 0 "archgate $c --help"
	check "$c --help prints the same as help $c" cmp -s "$OUT" "$T/help-$c"
	expect_empty "$ERR" "$c --help writes nothing to stderr"

	run "$ARCHGATE" "$c" -h
	check "$c -h prints the same as help $c" cmp -s "$OUT" "$T/help-$c"
done

run "$ARCHGATE" help
expect_rc 0 "archgate help"
check "help without a command prints the main help" cmp -s "$OUT" "$T/main-help"

run "$ARCHGATE" -h
check "-h prints the main help" cmp -s "$OUT" "$T/main-help"

# Version: the project's version from CMakeLists.txt.
want=$(sed -n 's/^project(archgate VERSION \([0-9][0-9.]*\).*/\1/p' "$AG_SRC/CMakeLists.txt")
run "$ARCHGATE" --version
expect_rc 0 "archgate --version"
expect_first_line "$OUT" "archgate $want" "--version prints 'archgate $want'"
run "$ARCHGATE" -V
expect_first_line "$OUT" "archgate $want" "-V prints the version"
run "$ARCHGATE" version
expect_rc 0 "archgate version"
expect_first_line "$OUT" "archgate $want" "version prints the version"

# Usage errors: exit 2, a one-line reason on stderr, nothing on stdout.
run "$ARCHGATE"
expect_rc 2 "no command at all"
expect_empty "$OUT" "no command: nothing on stdout"
expect_contains "$ERR" "usage: archgate" "no command: the usage goes to stderr"

run "$ARCHGATE" chek
expect_rc 2 "unknown command 'chek'"
expect_first_line "$ERR" "archgate: 'chek' is not an archgate command; did you mean 'check'?" \
	"unknown command suggests 'check'"
expect_empty "$OUT" "unknown command: nothing on stdout"

run "$ARCHGATE" stauts
expect_rc 2 "unknown command 'stauts'"
expect_first_line "$ERR" "archgate: 'stauts' is not an archgate command; did you mean 'status'?" \
	"unknown command suggests 'status'"

run "$ARCHGATE" frobnicate
expect_rc 2 "unknown command 'frobnicate'"
expect_first_line "$ERR" "archgate: 'frobnicate' is not an archgate command" \
	"no suggestion when nothing is close"

run "$ARCHGATE" help chek
expect_rc 2 "help for an unknown command"
expect_first_line "$ERR" "archgate help: no such command 'chek'" "help names the unknown command"

run "$ARCHGATE" --frobnicate
expect_rc 2 "unknown global option"
expect_first_line "$ERR" "archgate: unknown option '--frobnicate'" "unknown global option is named"

run "$ARCHGATE" check --bogus
expect_rc 2 "unknown option to check"
expect_first_line "$ERR" "archgate check: unknown option '--bogus'" "unknown option is named"
expect_line "$ERR" "usage: archgate check [--format FMT] [--phase P] [--dir DIR]" \
	"unknown option shows the command's usage"
expect_empty "$OUT" "unknown option: nothing on stdout"

run "$ARCHGATE" check --format xml
expect_rc 2 "unknown format"
expect_first_line "$ERR" "archgate check: unknown format 'xml' (use text, json, sarif, junit, github)" \
	"unknown format lists the formats"

run "$ARCHGATE" status --format sarif
expect_rc 2 "status has no sarif format"
expect_first_line "$ERR" "archgate status: unknown format 'sarif' (use text, json)" \
	"status lists its own formats"

run "$ARCHGATE" check --phase 7
expect_rc 2 "unknown phase"
expect_first_line "$ERR" "archgate check: unknown phase '7' (use 1, 1.5, 2, 2.5, 3 or 4)" \
	"unknown phase lists the phases"

run "$ARCHGATE" check --format
expect_rc 2 "option without its value"
expect_first_line "$ERR" "archgate check: option '--format' needs a value" "missing value is named"

run "$ARCHGATE" check --color=sometimes
expect_rc 2 "bad --color value"
expect_first_line "$ERR" "archgate check: --color must be auto, always or never, not 'sometimes'" \
	"bad --color value is named"

run "$ARCHGATE" explain build-need-adr
expect_rc 2 "explain an unknown rule"
expect_first_line "$ERR" "archgate explain: no rule 'build-need-adr'; did you mean 'build-needs-adr'?" \
	"explain suggests the rule meant"

# The rules explain themselves (the seed: "explain why").
run "$ARCHGATE" rules
expect_rc 0 "archgate rules"
expect_match "$OUT" "^build-needs-adr +1 +error +" "rules lists id, phase, severity and title"
for id in $(awk '{ print $1 }' "$OUT"); do
	run "$ARCHGATE" explain "$id"
	if [ "$rc" = 0 ] && grep -qx "Why" "$OUT" && grep -qx "Fix" "$OUT"; then
		pass "explain $id has a Why and a Fix"
	else
		fail "explain $id has a Why and a Fix"
		_show_last
	fi
done
run "$ARCHGATE" rules --format json
expect_rc 0 "rules --format json"
if command -v jq >/dev/null; then
	check "rules json: every rule has id, phase, severity, title, rationale and fix" \
		jq -e 'length > 0 and all(.[]; .id and .phase and .severity and .title and .rationale and .fix)' "$OUT" >/dev/null
fi

finish
