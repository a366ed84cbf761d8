#!/bin/bash
# t0120-adr-list-toc-graph: adr list (filters, JSON shape), adr show, adr toc
# (to stdout and in place between markers, with links that resolve from
# where the file is), adr graph (DOT valid for Graphviz, Mermaid well formed).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

copy_fixture adr-seed
S=$T/adr-seed

# jq_e ARGS...: jq -e without printing the result.
jq_e() {
	jq -e "$@" >/dev/null
}

# numbers: the record numbers in the last JSON output, comma-separated.
numbers() {
	jq -r '[.[].number] | map(tostring) | join(",")' "$OUT"
}

# ---- list -------------------------------------------------------------------

run_in "$S" "$ARCHGATE" adr list
expect_rc 0 "adr list"
expect_golden adr-list.txt "$OUT" "adr list as text"
expect_empty "$ERR" "adr list writes nothing to stderr"

run_in "$S" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list --format json"
check "adr list --format json is a JSON array of 4 records" test "$(jq 'length' "$OUT")" = 4
check "every record has number, title, status, date, file and links [{type, target}]" \
	jq_e 'all(.[]; (.number|type) == "number" and (.title|type) == "string" and
		(.status|type) == "string" and (.date|type) == "string" and (.file|type) == "string" and
		(.links|type) == "array" and all(.links[]; (.type|type) == "string" and (.target|type) == "string"))' "$OUT"
jq -S . "$OUT" >"$T/list.json"
expect_golden adr-list.json "$T/list.json" "adr list --format json (pretty-printed with jq -S)"

for c in "--status accepted|1,3" "--status Superseded|2" "--status proposed|4" "--status rejected|" \
	"--tag data|2,3" "--tag DATA|2,3" "--tag cost|3" "--tag nosuchtag|" \
	"--since 2026-03-01|2,3,4" "--until 2026-03-01|1,2" "--since 2026-03-02 --until 2026-09-30|3" \
	"--status accepted --tag data|3" "--status accepted --since 2026-03-01|3"; do
	args=${c%|*}
	want=${c#*|}
	# shellcheck disable=SC2086
	run_in "$S" "$ARCHGATE" adr list $args --format json
	expect_rc 0 "adr list $args"
	check "adr list $args lists [$want]" test "$(numbers)" = "$want"
done
run_in "$S" "$ARCHGATE" adr list --status accepted
expect_golden adr-list-accepted.txt "$OUT" "adr list --status accepted as text"
run_in "$S" "$ARCHGATE" adr list --status bogus
expect_rc 2 "an unknown --status is bad usage"
run_in "$S" "$ARCHGATE" adr list --since 2026-13-45
expect_rc 2 "a --since that is not a date is bad usage"
run_in "$S" "$ARCHGATE" adr list --format yaml
expect_rc 2 "an unknown --format is bad usage"

mkdir -p "$T/empty" && git -C "$T/empty" init -q
run_in "$T/empty" "$ARCHGATE" adr list --format json
expect_rc 0 "adr list in a repository without records"
check "... is an empty JSON array" test "$(jq -c . "$OUT")" = "[]"

# ---- show -------------------------------------------------------------------

run_in "$S" "$ARCHGATE" adr show 3
expect_rc 0 "adr show 3"
check "adr show prints the record byte for byte" \
	cmp -s "$OUT" "$S/arch/decisions/0003-store-orders-in-postgresql-17-on-neon.md"
run_in "$S" "$ARCHGATE" adr show 3 --format json
expect_rc 0 "adr show 3 --format json"
check "adr show --format json has the record's fields and its text" \
	jq_e --rawfile t "$S/arch/decisions/0003-store-orders-in-postgresql-17-on-neon.md" \
	'.number == 3 and .status == "Accepted" and .date == "2026-06-15" and .text == $t and
	 .deciders == "Dana Okafor, Priya Raman" and .tags == ["data","cost"] and
	 .links == [{"type":"Supersedes","target":"0002-store-orders-in-postgresql.md"},
	            {"type":"Amended by","target":"0004-cache-product-pages-at-the-edge.md"}]' "$OUT"
run_in "$S" "$ARCHGATE" adr show 99
expect_rc 2 "adr show of a record that does not exist"
expect_empty "$OUT" "... prints no record"

# ---- toc --------------------------------------------------------------------

run_in "$S" "$ARCHGATE" adr toc
expect_rc 0 "adr toc"
expect_golden adr-toc.md "$OUT" "adr toc to stdout"

# links_resolve FILE: every relative link in FILE names an existing file,
# resolved from FILE's folder (what a Markdown viewer does).
links_resolve() {
	local file=$1 dir bad=0 target
	dir=$(dirname "$file")
	while read -r target; do
		[ -f "$dir/$target" ] || { echo "    unresolved: $target"; bad=1; }
	done < <(grep -o '](\([^)]*\))' "$file" | sed 's/^](//; s/)$//')
	return $bad
}

printf '# Checkout\n\nIntro text.\n\n## Decisions\n\n<!-- archgate:adr-toc -->\nstale line\n<!-- archgate:end -->\n\nTail text.\n' >"$S/README.md"
run_in "$S" "$ARCHGATE" adr toc --in README.md
expect_rc 0 "adr toc --in README.md (at the repository root)"
check "the table sits between the markers, the rest of README.md is unchanged" \
	test "$(sed '/<!-- archgate:adr-toc -->/,/<!-- archgate:end -->/d' "$S/README.md" | cksum)" = \
	"$(printf '# Checkout\n\nIntro text.\n\n## Decisions\n\n\nTail text.\n' | cksum)"
check "the stale content between the markers is gone" bash -c "! grep -q 'stale line' '$S/README.md'"
check "README.md lists 4 records between the markers" \
	test "$(sed -n '/<!-- archgate:adr-toc -->/,/<!-- archgate:end -->/p' "$S/README.md" | grep -c '^\* \[ADR-')" = 4
check "every link in the root README.md resolves (arch/decisions/NNNN-...md)" links_resolve "$S/README.md"
expect_contains "$S/README.md" "* [ADR-001: Start with a modular monolith](arch/decisions/0001-start-with-a-modular-monolith.md) — Accepted" \
	"a root README.md links into arch/decisions/"
cp "$S/README.md" "$T/readme1"
run_in "$S" "$ARCHGATE" adr toc --in README.md
check "running adr toc --in again changes nothing" cmp -s "$T/readme1" "$S/README.md"

mkdir -p "$S/docs/architecture"
printf '<!-- archgate:adr-toc -->\n<!-- archgate:end -->\n' >"$S/docs/architecture/index.md"
run_in "$S" "$ARCHGATE" adr toc --in docs/architecture/index.md
expect_rc 0 "adr toc --in a file in another folder"
check "every link in docs/architecture/index.md resolves (../../arch/decisions/...)" \
	links_resolve "$S/docs/architecture/index.md"
printf 'Decisions:\n<!-- archgate:adr-toc -->\n<!-- archgate:end -->\n' >"$S/arch/decisions/README.md"
run_in "$S/arch/decisions" "$ARCHGATE" adr toc --in README.md
expect_rc 0 "adr toc --in the README.md of the decisions folder"
check "every link in arch/decisions/README.md resolves" links_resolve "$S/arch/decisions/README.md"
expect_golden adr-toc-in-decisions.md "$S/arch/decisions/README.md" "the table in the decisions folder links by file name"
run_in "$S" "$ARCHGATE" adr list --format json
check "a README.md in the decisions folder is not taken for a record" test "$(jq length "$OUT")" = 4

printf '# Notes\n\nNo markers here.\n' >"$S/NOTES.md"
before=$(cksum <"$S/NOTES.md")
run_in "$S" "$ARCHGATE" adr toc --in NOTES.md
expect_rc 2 "adr toc --in a file without markers is refused"
expect_contains "$ERR" "<!-- archgate:adr-toc -->" "... naming the markers to add"
check "... and the file is untouched" test "$(cksum <"$S/NOTES.md")" = "$before"
printf 'only the start\n<!-- archgate:adr-toc -->\nkeep\n' >"$S/HALF.md"
before=$(cksum <"$S/HALF.md")
run_in "$S" "$ARCHGATE" adr toc --in HALF.md
expect_rc 2 "adr toc --in a file with only the start marker is refused"
check "... and the file is untouched" test "$(cksum <"$S/HALF.md")" = "$before"
run_in "$S" "$ARCHGATE" adr toc --in MISSING.md
expect_rc 2 "adr toc --in a file that does not exist"
check "... does not create it" test ! -e "$S/MISSING.md"

# ---- graph ------------------------------------------------------------------

run_in "$S" "$ARCHGATE" adr graph
expect_rc 0 "adr graph (DOT by default)"
expect_golden adr-graph.dot "$OUT" "adr graph as DOT"
cp "$OUT" "$T/graph.dot"
run_in "$S" "$ARCHGATE" adr graph --format dot
check "--format dot is the default" cmp -s "$OUT" "$T/graph.dot"
if command -v dot >/dev/null 2>&1; then
	run dot -Tsvg "$T/graph.dot"
	expect_rc 0 "Graphviz renders the DOT graph"
	expect_contains "$OUT" "<svg" "... as SVG"
	expect_contains "$OUT" "ADR&#45;003: Store orders in PostgreSQL 17 on Neon" "... with the records as nodes"
else
	echo "# skip: Graphviz (dot) is not installed; the DOT output is not rendered"
fi
run_in "$S" "$ARCHGATE" adr graph --format mermaid
expect_rc 0 "adr graph --format mermaid"
expect_golden adr-graph.mmd "$OUT" "adr graph as Mermaid"
expect_first_line "$OUT" "flowchart LR" "Mermaid output starts with a flowchart header"
check "Mermaid declares each record once as a node" \
	test "$(grep -cE '^  n[0-9]+\["[^"]*"\]$' "$OUT")" = 4
check "Mermaid draws each link pair once (Supersedes, Amends), never the '... by' side" \
	test "$(grep -E -- '-->' "$OUT" | tr '\n' '|')" = "  n2 -->|\"Supersedes\"| n1|  n3 -->|\"Amends\"| n2|"
check "every Mermaid edge joins declared nodes" \
	bash -c "for n in \$(grep -oE -- 'n[0-9]+' <(grep -- '-->' '$OUT') | sort -u); do grep -qE \"^  \$n\\[\" '$OUT' || exit 1; done"
run_in "$S" "$ARCHGATE" adr graph --format png
expect_rc 2 "an unknown graph format is bad usage"

# Titles that need escaping in both languages, linked to each other.
mkdir -p "$T/gq" && git -C "$T/gq" init -q
run_in "$T/gq" "$ARCHGATE" adr new --no-edit 'Say "hello" \ goodbye'
run_in "$T/gq" "$ARCHGATE" adr new --no-edit 'Pipes | and [brackets] and <angle> & amp'
run_in "$T/gq" "$ARCHGATE" adr link 1 Amends 2
expect_rc 0 "adr link between records with quotes, brackets and pipes in their titles"
run_in "$T/gq" "$ARCHGATE" adr list --format json
check "both ends of that link are read back" \
	test "$(jq -c '[.[] | [.links[] | "\(.type)>\(.target[0:4])"]]' "$OUT")" = '[["Amends>0002"],["Amended by>0001"]]'
run_in "$T/gq" "$ARCHGATE" adr graph
if command -v dot >/dev/null 2>&1; then
	cp "$OUT" "$T/gq.dot"
	run dot -Tsvg "$T/gq.dot"
	expect_rc 0 "Graphviz accepts titles with quotes, backslashes, pipes and brackets"
fi
run_in "$T/gq" "$ARCHGATE" adr graph --format mermaid
check "Mermaid labels hold no bare double quote" \
	test "$(grep -E '^  n[0-9]+\[' "$OUT" | sed -E 's/^  n[0-9]+\["(.*)"\]$/\1/' | grep -c '"')" = 0
expect_contains "$OUT" "#quot;hello#quot;" "a double quote in a Mermaid label is written as #quot;"

# A symmetric link is one relation: one edge, not two.
mkdir -p "$T/gs" && git -C "$T/gs" init -q
run_in "$T/gs" "$ARCHGATE" adr new --no-edit "Use Kafka"
run_in "$T/gs" "$ARCHGATE" adr new --no-edit "Use NATS"
run_in "$T/gs" "$ARCHGATE" adr link 2 "Relates to" 1
run_in "$T/gs" "$ARCHGATE" adr graph
check "a 'Relates to' link (written on both records) is drawn once in DOT" \
	test "$(grep -c -- '->' "$OUT")" = 1
run_in "$T/gs" "$ARCHGATE" adr graph --format mermaid
check "... and once in Mermaid" test "$(grep -c -- '-->' "$OUT")" = 1

finish
