#!/bin/bash
# t0440-diagram-structurizr: the Structurizr DSL output is a workspace
# Structurizr would load. No Debian package parses the DSL, so
# tests/diagram/check-structurizr.py reads it with Structurizr's own rules
# (its tokenizer, one statement per line, braces, no forward references)
# and checks what Structurizr's model rejects (duplicate names, relations
# between a container and its system, the same relation twice, unknown
# identifiers, ${NAME} substitution). The checker is tested on broken
# workspaces first, so a pass means something.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# missing WHY: skip this script; but in CI, where scripts/deps.sh --test has
# installed everything, a missing tool is a failure, not a silent skip.
missing() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (scripts/deps.sh --test installs it)"
		finish
	fi
	skip_all "$1"
}

command -v python3 >/dev/null || missing "python3 is not installed"
CHECK=$AG_TESTS/diagram/check-structurizr.py
EX=$AG_SRC/templates/example/arch
NASTY=$FIXTURES/diagram-nasty/arch

# workspace BODY-LINES: a minimal workspace around model lines.
workspace() {
	printf 'workspace "w" {\n    model {\n%s\n    }\n    views {\n        systemContext s "k" {\n            include *\n            title "t"\n        }\n    }\n}\n' "$1"
}
workspace '        s = softwareSystem "S"
        s -> nobody "x"' >undefined.dsl
workspace '        u = person "U"
        u -> s "x"
        s = softwareSystem "S"' >forward.dsl
workspace '        s = softwareSystem "S"
        t = softwareSystem "S"' >dupname.dsl
workspace '        s = softwareSystem "S" {
            c = container "C"
        }
        c -> s "x"' >parent.dsl
workspace '        s = softwareSystem "S"
        u = person "U"
        u -> s "x"
        u -> s "x"' >duprel.dsl
workspace '        s = softwareSystem "S ${HOME}"' >subst.dsl
workspace '        s = softwareSystem "S "quoted""' >quote.dsl
workspace '        s = softwareSystem "S" {
            c = container "C" }' >brace.dsl
workspace '        s = softwareSystem "S"
        u = person "U"
        u -> s' >nolabel.dsl
printf 'workspace "w" {\n    model {\n        s = softwareSystem "S"\n    }\n' >unclosed.dsl
for f in undefined forward dupname parent duprel subst quote brace nolabel unclosed; do
	run python3 "$CHECK" $f.dsl
	expect_rc 1 "the checker rejects $f.dsl"
done
workspace '        s = softwareSystem "S"
        u = person "U \"the user\""
        u -> s "Uses" "HTTPS"' >good.dsl
run python3 "$CHECK" good.dsl
expect_rc 0 "the checker accepts a sound workspace"

for name in example nasty; do
	dir=$EX
	[ $name = nasty ] && dir=$NASTY
	for view in context container; do
		run "$ARCHGATE" diagram --dir "$dir" --view $view --format structurizr
		expect_rc 0 "$name: the $view view as Structurizr DSL"
		cp "$OUT" $name-$view.dsl
		run python3 "$CHECK" $name-$view.dsl
		expect_rc 0 "$name: the $view workspace is sound"
		expect_empty "$ERR" "$name: no complaints about the $view workspace"
	done
done
expect_line "$OUT" "ok nasty-container.dsl (9 elements, 10 relations, 1 views)" \
	"the hostile model: every element, relations merged where Structurizr needs it"
run python3 "$CHECK" example-container.dsl
expect_line "$OUT" "ok example-container.dsl (15 elements, 23 relations, 1 views)" \
	"the example: 15 elements and all 23 relations"
expect_line example-context.dsl "        systemContext sys \"context\" {" "the context view"
expect_line example-container.dsl "        container sys \"containers\" {" "the container view"

finish
