#!/bin/bash
# t0430-diagram-mermaid: Mermaid itself (the npm package, pinned in
# tests/diagram/package-lock.json) parses and renders both Mermaid outputs
# (C4 and flowchart) for both views, every relation joins elements that
# exist and has a label, and the rendered text is the model's text: quotes,
# angle brackets, ampersands and '#' come out as written. Rendering runs in
# jsdom (tests/diagram/check-mermaid.mjs). Skipped when the packages are not
# installed (scripts/deps.sh --test runs `npm ci` for them).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

TOOLS=$AG_TESTS/diagram
# missing WHY: skip this script; but in CI, where scripts/deps.sh --test has
# installed everything, a missing tool is a failure, not a silent skip.
missing() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (scripts/deps.sh --test installs it)"
		finish
	fi
	skip_all "$1"
}

command -v node >/dev/null || missing "node is not installed"
[ -d "$TOOLS/node_modules/mermaid" ] && [ -d "$TOOLS/node_modules/jsdom" ] ||
	missing "mermaid is not installed (cd tests/diagram && npm ci)"

EX=$AG_SRC/templates/example/arch
NASTY=$FIXTURES/diagram-nasty/arch

files=
for name in example nasty; do
	dir=$EX
	[ $name = nasty ] && dir=$NASTY
	for view in context container; do
		for fmt in mermaid mermaid-flowchart; do
			run "$ARCHGATE" diagram --dir "$dir" --view $view --format $fmt
			expect_rc 0 "$name: the $view view as $fmt"
			cp "$OUT" $name-$view.$fmt.mmd
			files="$files $name-$view.$fmt.mmd"
		done
	done
done
mkdir words
# shellcheck disable=SC2086
run node "$TOOLS/check-mermaid.mjs" --text words $files
expect_rc 0 "Mermaid parses and renders all eight diagrams"
for f in $files; do
	expect_match "$OUT" "^ok $f \(" "Mermaid accepts $f"
done
expect_line "$OUT" "ok example-context.mermaid.mmd (c4, 10 elements, 9 relations)" \
	"the C4 context: 2 people, the system, 4 external systems, the key; 9 arrows"
expect_line "$OUT" "ok example-container.mermaid.mmd (c4, 18 elements, 23 relations)" \
	"the C4 container view: 8 containers and all 23 relations"

# The checker itself rejects what Mermaid rejects.
printf 'C4Context\ntitle t\nPerson(p, "P")\nRel(p, nobody, "x")\nBoundary(key, "Key") {\nPerson(key_p, "P")\n}\n' >bad-rel.mmd
printf 'C4Context\ntitle t\nPerson(p, "A "quoted" name")\n' >bad-quote.mmd
printf -- '---\ntitle: "t"\n---\nflowchart TB\n  a["x" --> b\n' >bad-flow.mmd
for f in bad-rel bad-quote bad-flow; do
	run node "$TOOLS/check-mermaid.mjs" $f.mmd
	expect_rc 1 "the checker rejects $f.mmd"
done

# What a reader sees (rendered text, whitespace removed).
for s in 'Ché "Quoted" <b>Shop</b>' 'Ann "the admin" <root>' 'Pay & Go [[link]] ~~wave~~' \
	'Calls "quoted" <api> & more' 'uses #quot; and #35; literally' \
	'Reads Rel(x, y) ${HOME} directly' 'end; %% not a comment' '顧客 👩‍💻'; do
	w=$(printf '%s' "$s" | tr -d ' \t')
	for fmt in mermaid mermaid-flowchart; do
		if grep -Fq -- "$w" words/nasty-container.$fmt.mmd.words; then
			pass "$fmt shows it as written: $s"
		else
			fail "$fmt shows it as written: $s" "not in the rendered text"
		fi
	done
done
expect_contains words/nasty-context.mermaid-flowchart.mmd.words \
	'SystemContextdiagramforChé"Quoted"<b>Shop</b>＆Co' "the flowchart title (with Mermaid's ampersand)"
expect_contains words/example-context.mermaid.mmd.words "SystemContextdiagramforCheckout" \
	"the C4 title is rendered"
expect_contains words/nasty-context.mermaid.mmd.words \
	'SystemContextdiagramforChé"Quoted"<b>Shop</b>&Co' "the C4 title, every character as written"

finish
