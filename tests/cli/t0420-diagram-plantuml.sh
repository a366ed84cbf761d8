#!/bin/bash
# t0420-diagram-plantuml: Debian's PlantUML reads the PlantUML output with
# its bundled C4 standard library (!include <C4/...>) and renders it, and
# the rendered text is the model's text: no macro expanded, no Creole
# markup applied, no character mangled, even with the platform charset at
# ASCII (LC_ALL=C). Skipped without PlantUML (scripts/deps.sh --test
# installs it).
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

command -v plantuml >/dev/null || missing "PlantUML is not installed (apt-get install plantuml)"

EX=$AG_SRC/templates/example/arch
NASTY=$FIXTURES/diagram-nasty/arch

# svg_words FILE: all text of an SVG, entities decoded, whitespace removed
# (PlantUML wraps long labels wherever it likes).
svg_words() {
	python3 -c 'import sys, re, xml.etree.ElementTree as ET
out = []
for el in ET.parse(sys.argv[1]).iter():
    if el.tag.endswith("}text") and el.text:
        out.append(el.text)
sys.stdout.write(re.sub(r"\s+", "", "".join(out)) + "\n")' "$1"
}

files=
for name in example nasty; do
	dir=$EX
	[ $name = nasty ] && dir=$NASTY
	for view in context container; do
		run "$ARCHGATE" diagram --dir "$dir" --view $view --format plantuml
		expect_rc 0 "$name: the $view view as PlantUML"
		cp "$OUT" $name-$view.puml
		files="$files $name-$view.puml"
		run plantuml -syntax <$name-$view.puml
		expect_first_line "$OUT" "DESCRIPTION" "$name: plantuml -syntax reads the $view view as a diagram"
		expect_not_contains "$OUT" "ERROR" "$name: plantuml -syntax finds no error in the $view view"
	done
done

# One JVM for all four: render them, and fail on any error.
# shellcheck disable=SC2086
run plantuml -tsvg -failfast2 $files
expect_rc 0 "plantuml renders all four diagrams"
expect_empty "$ERR" "plantuml reports nothing"
for f in $files; do
	svg=${f%.puml}.svg
	check "$svg was rendered" test -s "$svg"
	svg_words "$svg" >"${f%.puml}.words"
done

expect_contains example-context.words "SystemContextdiagramforCheckout" "the context view has its title"
expect_contains example-container.words "ContainerdiagramforCheckout" "the container view has its title"
expect_contains example-context.words "externalsystem" "the legend explains external systems"
expect_contains example-container.words "[Datastore:postgresql]" "kind and technology are shown"
expect_contains example-context.words "Redirectssign-into;Signsusersinwith;" \
	"merged labels are drawn"
for s in 'Ché "Quoted" <b>Shop</b> & Co' '**bold** //italic// --strike--' \
	'Rel(a, b, "x") ${HOME} $tags %date() \n' 'Zürich — naïve café ✓' \
	'Ann "the admin" <root>' 'Pay & Go [[link]] ~~wave~~' "{braces} (parens) 'single'" \
	'Calls "quoted" <api> & more' 'Reads Rel(x, y) ${HOME} directly' 'Writes ** to **' \
	'Charges -- with // care' 'API \ back\slash' '[Service: C# .NET, <xml>]' '顧客 👩‍💻'; do
	w=$(printf '%s' "$s" | tr -d ' \t')
	if grep -Fq -- "$w" nasty-context.words || grep -Fq -- "$w" nasty-container.words; then
		pass "PlantUML shows it as written: $s"
	else
		fail "PlantUML shows it as written: $s" "not found in the rendered text"
	fi
done

finish
