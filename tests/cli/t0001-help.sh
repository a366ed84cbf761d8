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

# Every subcommand too, found the same way (the "Subcommands:" list of its
# parent's help): its own usage, an example, and the same text from
# 'archgate help PARENT SUB', 'PARENT SUB --help' and 'PARENT SUB -h'.
leaves=
for c in $commands; do
	subs=$(sed -n '/^Subcommands:/,/^$/p' "$T/help-$c" | awk 'NR > 1 && NF { print $1 }')
	if [ -z "$subs" ]; then
		leaves="$leaves $c"
		continue
	fi
	for s in $subs; do
		run "$ARCHGATE" help "$c" "$s"
		expect_rc 0 "archgate help $c $s"
		expect_first_line_match "$OUT" "^usage: archgate $c $s( |\$)" \
			"help $c $s starts with 'usage: archgate $c $s'"
		expect_contains "$OUT" "Example" "help $c $s has an example"
		expect_not_contains "$OUT" "Subcommands:" "help $c $s is about $c $s alone"
		cp "$OUT" "$T/help-$c-$s"
		run "$ARCHGATE" "$c" "$s" --help
		expect_rc 0 "archgate $c $s --help"
		check "$c $s --help prints the same as help $c $s" cmp -s "$OUT" "$T/help-$c-$s"
		expect_empty "$ERR" "$c $s --help writes nothing to stderr"
		run "$ARCHGATE" "$c" "$s" -h
		check "$c $s -h prints the same as help $c $s" cmp -s "$OUT" "$T/help-$c-$s"
		leaves="$leaves $c-$s"
	done
	# a parent without its subcommand: the help, on stderr, and exit 2
	run "$ARCHGATE" "$c"
	expect_rc 2 "archgate $c without a subcommand"
	expect_empty "$OUT" "$c without a subcommand: nothing on stdout"
	expect_first_line_match "$ERR" "^usage: archgate $c " "$c without a subcommand: its usage on stderr"
done
run "$ARCHGATE" adr new --help
expect_first_line_match "$OUT" "^usage: archgate adr new TITLE" "adr new --help shows adr new's usage"
expect_not_contains "$OUT" "adr renumber" "adr new --help is not all of adr's help"

# Every option a help lists is one the command takes: a per-command table
# is the only list there is, so help and parser cannot drift apart. The
# commands take more than 32 options between them (the old global option
# mask had room for 32, and a 33rd would have been undefined behaviour);
# tests/unit/test_cli.c gives one command 40.
npairs=0
names=
for leaf in $leaves; do
	path=$(echo "$leaf" | tr '-' ' ')
	opts=$(sed -n '/^Options:/,/^$/p' "$T/help-$leaf" | sed -n 's/^  \(-., \)\{0,1\}--\([a-z0-9-]*\)\( [A-Z][A-Z|a-z.-]*\)\{0,1\}.*/\2\3/p' | tr ' ' '=')
	for o in $opts; do
		name=${o%%=*}
		case $o in *=*) arg=(--"$name" x) ;; *) arg=(--"$name") ;; esac
		run "$ARCHGATE" $path "${arg[@]}" --help
		if [ "$rc" = 0 ] && cmp -s "$OUT" "$T/help-$leaf"; then
			pass "$path takes --$name"
		else
			fail "$path takes --$name"
			_show_last
		fi
		npairs=$((npairs + 1))
		names="$names $name"
	done
done
ndistinct=$(printf '%s\n' $names | sort -u | wc -l)
if [ "$npairs" -gt 32 ]; then
	pass "the commands take $npairs options ($ndistinct names), each from its own table"
else
	fail "the commands take more than 32 options" "pairs: $npairs, names: $ndistinct"
fi

# Unknown subcommands get a did-you-mean, like unknown commands.
for pair in "adr nwe new" "rfc sgin sign" "events stast stats" "radar scna scan" "docs mdoel model" \
	"gate deplyo deploy"; do
	set -- $pair
	run "$ARCHGATE" "$1" "$2"
	expect_rc 2 "unknown subcommand '$1 $2'"
	expect_first_line "$ERR" "archgate $1: unknown subcommand '$2'; did you mean '$3'?" \
		"$1 $2 suggests '$1 $3'"
	expect_empty "$OUT" "$1 $2: nothing on stdout"
done
run "$ARCHGATE" radar frobnicate
expect_first_line "$ERR" "archgate radar: unknown subcommand 'frobnicate'" \
	"no suggestion when no subcommand is close"
run "$ARCHGATE" check --formt json
expect_rc 2 "unknown option '--formt'"
expect_first_line "$ERR" "archgate check: unknown option '--formt'; did you mean '--format'?" \
	"an unknown option suggests the one meant"

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
