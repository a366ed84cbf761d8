#!/bin/bash
# t0140-adr-compat: existing repositories are read as they are. A real
# repository made with Debian's adr-tools is read back (statuses, links,
# "Superceded" spellings), changed by archgate, and adr-tools' own `adr list`
# and `adr generate toc` still work on it; hand-written MADR 2, 3 and 4 and
# log4brains records (each project's published template) are read back with
# their status, date, deciders and links. archgate and adr-tools side by
# side: a folder archgate's `adr init` set up is adr-tools', the folder's
# templates/template.md and $ADR_TEMPLATE give the same record from both,
# and `adr toc -i -o -p` and `adr graph -p -e` give adr-tools' links.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

jq_e() {
	jq -e "$@" >/dev/null
}

# links_of: "N:type>target-prefix" for every link in the last JSON list.
links_of() {
	jq -r '[.[] | (.number // .file | tostring) as $n | .links[] | "\($n):\(.type)>\(.target)"] | join(" ")' "$OUT"
}

# lint_rules DIR: the rule ids of `adr lint` findings in DIR, sorted, unique.
lint_rules() {
	(cd "$1" && "$ARCHGATE" adr lint --format json) | jq -r '[.findings[].rule] | unique | join(" ")'
}

# ---- a real adr-tools repository --------------------------------------------

if command -v adr >/dev/null 2>&1 && [ -x /usr/libexec/adr-tools/adr-new ] || command -v adr-new >/dev/null 2>&1; then
	A=$T/adrtools
	mkdir -p "$A" && git -C "$A" init -q
	adrt() { (cd "$A" && env -u VISUAL EDITOR=true adr "$@") >/dev/null 2>&1; }
	adrt init doc/architecture/decisions
	adrt new "Use PostgreSQL"
	adrt new "Adopt Java 3 runtime"
	adrt new -s 2 "Use CockroachDB"
	adrt new -l "3:Amends:Amended by" "Tune the JVM garbage collector"
	adrt link 5 "Relates to" 4 "Relates to"
	AD=$A/doc/architecture/decisions
	check "adr-tools made five records" test "$(ls "$AD" | wc -l)" -eq 5

	run_in "$A" "$ARCHGATE" adr list --format json
	expect_rc 0 "archgate reads the adr-tools repository"
	check "records are found through .adr-dir in doc/architecture/decisions" \
		test "$(jq -r '.[].file' "$OUT" | sed 's|/[^/]*$||' | sort -u)" = "doc/architecture/decisions"
	check "every record is read as adr-tools (Nygard) format" \
		test "$(jq -r '[.[].format] | unique | join(",")' "$OUT")" = "adr-tools"
	check "titles without the '1.' prefix" \
		test "$(jq -r '[.[].title] | join("|")' "$OUT")" = "Record architecture decisions|Use PostgreSQL|Adopt Java 3 runtime|Use CockroachDB|Tune the JVM garbage collector"
	check "statuses: 2 is Superseded (adr-tools wrote 'Superseded by [...]'), the rest Accepted" \
		test "$(jq -r '[.[].status] | join(",")' "$OUT")" = "Accepted,Superseded,Accepted,Accepted,Accepted"
	check "dates are read" jq_e 'all(.[]; .date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))' "$OUT"
	want="2:Superseded by>0004-use-cockroachdb.md 3:Amended by>0005-tune-the-jvm-garbage-collector.md 4:Supersedes>0002-use-postgresql.md 4:Relates to>0005-tune-the-jvm-garbage-collector.md 5:Amends>0003-adopt-java-3-runtime.md 5:Relates to>0004-use-cockroachdb.md"
	check "links adr-tools wrote (-s, -l, adr link) are read on both ends" test "$(links_of)" = "$want"
	check "adr lint finds no link, status, date or number problem in adr-tools' records" \
		bash -c "! (cd '$A' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule | test(\"adr-(links|status|date|number-unique)\"))' >/dev/null"

	# A supersede chain made by adr-tools alone: the middle record's Status
	# section is "Supersedes [2...]" then "Superseded by [4...]" (adr-tools
	# removes "Accepted" and appends the new link).
	C=$T/chain
	mkdir -p "$C" && git -C "$C" init -q
	(cd "$C" && env -u VISUAL EDITOR=true adr init doc/adr && env -u VISUAL EDITOR=true adr new "Use MySQL" &&
	 env -u VISUAL EDITOR=true adr new -s 2 "Use PostgreSQL" && env -u VISUAL EDITOR=true adr new -s 3 "Use CockroachDB") >/dev/null 2>&1
	check "adr-tools wrote the chain (3 both supersedes 2 and is superseded by 4)" \
		test "$(sed -n '/^## Status$/,/^## Context$/p' "$C/doc/adr/0003-use-postgresql.md" | grep -v '^$' | tr '\n' '|')" = \
		"## Status|Supersedes [2. Use MySQL](0002-use-mysql.md)|Superseded by [4. Use CockroachDB](0004-use-cockroachdb.md)|## Context|"
	run_in "$C" "$ARCHGATE" adr list --format json
	check "the middle of an adr-tools supersede chain reads as Superseded" \
		test "$(jq -r '[.[].status] | join(",")' "$OUT")" = "Accepted,Superseded,Superseded,Accepted"
	check "... with both of its links" \
		jq_e '.[2].links == [{"type":"Supersedes","target":"0002-use-mysql.md"},{"type":"Superseded by","target":"0004-use-cockroachdb.md"}]' "$OUT"
	check "adr lint finds no status or link problem in adr-tools' own chain" \
		bash -c "! (cd '$C' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule | test(\"adr-(links|status)\"))' >/dev/null"

	# adr-tools <= 2 spelled it "Superceded"; both spellings are read.
	cp -R "$A" "$T/superceded"
	sed -i 's/^Superseded by/Superceded by/; s/^Supersedes/Supercedes/' "$T/superceded/doc/architecture/decisions/"*.md
	check "the copy really uses the old spelling" grep -q '^Superceded by' "$T/superceded/doc/architecture/decisions/0002-use-postgresql.md"
	run_in "$T/superceded" "$ARCHGATE" adr list --format json
	check "'Superceded by' is read as status Superseded" test "$(jq -r '.[1].status' "$OUT")" = "Superseded"
	check "'Superceded by'/'Supercedes' links are read as Superseded by/Supersedes" \
		test "$(jq -r '[.[1].links[0].type, .[3].links[0].type] | join(",")' "$OUT")" = "Superseded by,Supersedes"
	check "... and count as reciprocal" \
		bash -c "! (cd '$T/superceded' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule == \"adr-links\")' >/dev/null"

	# archgate changes the adr-tools repository ...
	run_in "$A" "$ARCHGATE" adr new --no-edit "Use Redis & Valkey | as the session cache"
	expect_rc 0 "archgate adr new in the adr-tools repository"
	expect_first_line "$AD/0006-use-redis-valkey-as-the-session-cache.md" "# 6. Use Redis & Valkey | as the session cache" \
		"the new record is in adr-tools' format, title unmangled (adr-tools itself fails on '|')"
	run_in "$A" "$ARCHGATE" adr supersede 5 6
	expect_rc 0 "archgate adr supersede 5 6"
	run_in "$A" "$ARCHGATE" adr accept 6
	expect_rc 0 "archgate adr accept 6"
	run_in "$A" "$ARCHGATE" adr link 6 Amends 3
	expect_rc 0 "archgate adr link 6 Amends 3"
	check "archgate's changes are consistent by its own lint" \
		bash -c "! (cd '$A' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule | test(\"adr-(links|status|date|number-unique)\"))' >/dev/null"

	# ... and adr-tools still works on it.
	run_in "$A" env -u VISUAL EDITOR=true adr list
	expect_rc 0 "adr-tools' adr list on a folder archgate wrote to"
	check "adr-tools lists all six records" test "$(wc -l <"$OUT")" -eq 6
	check "every file adr-tools lists exists" bash -c "cd '$A' && while read -r f; do test -f \"\$f\" || exit 1; done <'$OUT'"
	run_in "$A" env -u VISUAL EDITOR=true adr generate toc
	expect_rc 0 "adr-tools' adr generate toc on a folder archgate wrote to"
	expect_golden adr-compat-adrtools-toc.md "$OUT" "adr-tools' table of contents has every record with its correct title"
	run_in "$A" env -u VISUAL EDITOR=true adr generate graph
	expect_rc 0 "adr-tools' adr generate graph on a folder archgate wrote to"
	expect_contains "$OUT" '_6 -> _5 [label="Supersedes", weight=0]' "adr-tools sees archgate's Supersedes link"
	expect_contains "$OUT" '_6 -> _3 [label="Amends", weight=0]' "adr-tools sees archgate's Amends link"
	# adr-tools supersedes a record archgate wrote; archgate reads the result.
	adrt new -s 6 "Use Valkey for sessions"
	check "adr-tools could supersede archgate's record" test -f "$AD/0007-use-valkey-for-sessions.md"
	run_in "$A" "$ARCHGATE" adr list --format json
	check "archgate reads adr-tools' supersede of its record (6 Superseded, 7 Supersedes 6)" \
		jq_e '.[5].status == "Superseded" and (.[5].links | any(.type == "Superseded by" and .target == "0007-use-valkey-for-sessions.md")) and
		      (.[6].links | any(.type == "Supersedes" and .target == "0006-use-redis-valkey-as-the-session-cache.md"))' "$OUT"
	check "and the repository stays link-consistent" \
		bash -c "! (cd '$A' && '$ARCHGATE' adr lint --format json) | jq -e '.findings[] | select(.rule == \"adr-links\")' >/dev/null"

	# ---- adr-tools and archgate side by side: init, templates, toc, graph ----
	# unquote: stdin with %XX decoded (archgate URL-encodes links, adr-tools
	# writes them raw; the same link either way).
	unquote() { python3 -c 'import sys, urllib.parse; sys.stdout.write(urllib.parse.unquote(sys.stdin.read()))'; }
	adrx() { env -u VISUAL EDITOR=true adr "$@"; }
	B=$T/side
	mkdir -p "$B" && git -C "$B" init -q
	run_in "$B" "$ARCHGATE" adr init doc/decisions
	expect_rc 0 "archgate adr init doc/decisions"
	run_in "$B" env -u VISUAL EDITOR=true adr list
	check "adr-tools finds the folder archgate set up (.adr-dir) and its first record" \
		test "$(cat "$OUT")" = "doc/decisions/0001-record-architecture-decisions.md"
	(cd "$B" && adrx new "Use Kafka") >/dev/null 2>&1
	check "adr-tools' adr new writes into it, numbered after archgate's record" test -f "$B/doc/decisions/0002-use-kafka.md"
	mkdir -p "$B/doc/decisions/templates"
	printf '# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nWhy we must choose.\n\n## Decision\n\nWhat we chose.\n\n## Consequences\n\nWhat follows.\n' \
		>"$B/doc/decisions/templates/template.md"
	cp -R "$B" "$T/side2"
	(cd "$B" && adrx new "Use NATS for events") >/dev/null 2>&1
	run_in "$T/side2" "$ARCHGATE" adr new --no-edit "Use NATS for events"
	expect_rc 0 "archgate adr new with the folder's templates/template.md"
	check "archgate fills the folder's template as adr-tools does; only the status differs (archgate: Proposed)" \
		test "$(diff "$B/doc/decisions/0003-use-nats-for-events.md" "$T/side2/doc/decisions/0003-use-nats-for-events.md" | grep '^[<>]' | tr '\n' '|')" = "< Accepted|> Proposed|"
	printf '# TITLE (from the environment)\n\nDate: DATE\n\n## Status\n\nSTATUS\n' >"$T/env-tpl.md"
	(cd "$B" && ADR_TEMPLATE="$T/env-tpl.md" adrx new "Use Redis") >/dev/null 2>&1
	run_in "$T/side2" env ADR_TEMPLATE="$T/env-tpl.md" "$ARCHGATE" adr new --no-edit "Use Redis"
	check "both honour \$ADR_TEMPLATE over the folder's template, with the same result but the status" \
		test "$(diff "$B/doc/decisions/0004-use-redis.md" "$T/side2/doc/decisions/0004-use-redis.md" | grep '^[<>]' | tr '\n' '|')" = "< Accepted|> Proposed|"
	run_in "$B" "$ARCHGATE" adr new --no-edit "数据库 und Café (v2)"
	expect_rc 0 "archgate adr new with a Chinese, accented, parenthesised title"
	check "its slug keeps the Chinese and transliterates the accent" test -f "$B/doc/decisions/0005-数据库-und-cafe-v2.md"
	run_in "$B" env -u VISUAL EDITOR=true adr list
	check "adr-tools lists it" test "$(tail -n 1 "$OUT")" = "doc/decisions/0005-数据库-und-cafe-v2.md"
	printf 'Decisions of the shop.\n' >"$B/intro.md"
	printf 'Ask in #architecture.\n' >"$B/outro.md"
	run_in "$B" env -u VISUAL EDITOR=true adr generate toc -i intro.md -o outro.md -p https://docs.example.com/adr/
	expect_rc 0 "adr-tools' generate toc -i -o -p"
	cp "$OUT" "$T/toc-tools.md"
	run_in "$B" "$ARCHGATE" adr toc -i intro.md -o outro.md -p https://docs.example.com/adr/
	expect_rc 0 "archgate adr toc -i -o -p"
	check "archgate's table is adr-tools' (links URL-decoded, statuses taken off)" \
		diff -u "$T/toc-tools.md" <(sed "s/ — [A-Za-z]*\$//" "$OUT" | unquote)
	expect_contains "$OUT" "(https://docs.example.com/adr/0005-%E6%95%B0%E6%8D%AE%E5%BA%93-und-cafe-v2.md)" \
		"... where archgate's non-ASCII link is URL-encoded"
	run_in "$B" env -u VISUAL EDITOR=true adr generate graph -p ../html/ -e .html
	grep -o 'URL="[^"]*"' "$OUT" >"$T/graph-tools.txt"
	run_in "$B" "$ARCHGATE" adr graph -p ../html/ -e .html
	expect_rc 0 "archgate adr graph -p -e"
	check "archgate's graph links every record where adr-tools' does (-p -e, URL-decoded)" \
		diff "$T/graph-tools.txt" <(grep -o 'URL="[^"]*"' "$OUT" | unquote)
	run_in "$B" env -u VISUAL EDITOR=true adr generate toc
	expect_rc 0 "adr-tools' generate toc still works on the folder archgate initialised and wrote to"
else
	echo "# skip: Debian's adr-tools is not installed (apt-get install adr-tools); the adr-tools round trip is not tested"
fi

# ---- MADR 2: bullet metadata, ## Links --------------------------------------

copy_fixture adr-madr2
run_in "$T/adr-madr2" "$ARCHGATE" adr list --format json
expect_rc 0 "MADR 2 records in docs/decisions are found"
check "MADR 2: format, statuses, dates and deciders" \
	jq_e '[.[] | [.format, .status, .date, .deciders]] ==
	      [["madr","Accepted","2021-03-04","Alice Liddell, Bob Marley"],
	       ["madr","Superseded","2021-05-10","Alice Liddell"],
	       ["madr","Accepted","2022-01-17","Alice Liddell, Carol Danvers"]]' "$OUT"
check "MADR 2: the 'superseded by [ADR-0003](...)' status is a link" \
	jq_e '.[1].links == [{"type":"superseded by","target":"0003-store-sessions-in-redis.md"}]' "$OUT"
check "MADR 2: the '## Links' section's 'Supersedes [ADR-0002](...)' is a link" \
	jq_e '.[2].links | any(.type == "Supersedes" and .target == "0002-store-sessions-in-memcached.md")' "$OUT"
run_in "$T/adr-madr2" "$ARCHGATE" adr lint
expect_rc 0 "MADR 2 records that follow the template pass adr lint"

# ---- MADR 3: front matter, deciders -----------------------------------------

copy_fixture adr-madr3
run_in "$T/adr-madr3" "$ARCHGATE" adr list --format json
expect_rc 0 "MADR 3 records are read"
check "MADR 3: statuses, dates and deciders from the front matter (a YAML list too)" \
	jq_e '[.[] | [.format, .status, .date, .deciders]] ==
	      [["madr","Superseded","2023-02-01","Dana Scully, Fox Mulder"],
	       ["madr","Accepted","2024-06-12","Dana Scully, Monica Reyes"]]' "$OUT"
check "MADR 3: titles come from the heading after the front matter" \
	test "$(jq -r '[.[].title] | join("|")' "$OUT")" = "Use plain JSON for serialized information|Use Protocol Buffers between services"
check "MADR 3: 'status: superseded by [ADR-0002](...)' is a link" \
	jq_e '.[0].links == [{"type":"superseded by","target":"0002-use-protocol-buffers-between-services.md"}]' "$OUT"
run_in "$T/adr-madr3" "$ARCHGATE" adr lint --format json
check "MADR 3: every finding's column lies within its line" \
	bash -c "jq -r '.findings[] | \"\(.file) \(.line) \(.col)\"' '$OUT' | while read -r f l c; do
		len=\$(sed -n \"\${l}p\" '$T/adr-madr3/'\"\$f\" | wc -c); [ \"\$c\" -le \"\$len\" ] || { echo \"\$f:\$l:\$c beyond \$len\"; exit 1; }; done"
run_in "$T/adr-madr3" "$ARCHGATE" adr accept 1
expect_rc 0 "adr accept on a MADR 3 record"
check "the front matter's status becomes 'accepted', the rest of the file is unchanged" \
	test "$(diff "$FIXTURES/adr-madr3/docs/decisions/0001-use-plain-json-for-serialized-information.md" \
		"$T/adr-madr3/docs/decisions/0001-use-plain-json-for-serialized-information.md" | grep '^[<>]' | tr '\n' '|')" = \
	"< status: superseded by [ADR-0002](0002-use-protocol-buffers-between-services.md)|> status: accepted|"

# ---- MADR 4: decision-makers, "superseded by ADR-0123" ----------------------

copy_fixture adr-madr4
run_in "$T/adr-madr4" "$ARCHGATE" adr list --format json
expect_rc 0 "MADR 4 records are read"
check "MADR 4: statuses (quoted), dates and decision-makers" \
	jq_e '[.[] | [.number, .format, .status, .date, .deciders]] ==
	      [[122,"madr","Superseded","2024-09-02","Ellen Ripley, Dwayne Hicks"],
	       [123,"madr","Accepted","2025-04-14","Ellen Ripley, Rebecca Jorden"]]' "$OUT"
check "MADR 4: 'superseded by ADR-0123' links to record 0123" \
	jq_e '.[0].links | any((.type | ascii_downcase) == "superseded by" and .target == "0123-offer-graphql-next-to-rest.md")' "$OUT"
run_in "$T/adr-madr4" "$ARCHGATE" adr show ADR-0123
expect_first_line "$OUT" "---" "adr show ADR-0123 finds the MADR 4 record by number"
run_in "$T/adr-madr4" "$ARCHGATE" adr lint --format json
check "MADR 4: no status or date findings" \
	bash -c "! jq -e '.findings[] | select(.rule == \"adr-status\" or .rule == \"adr-date\")' '$OUT' >/dev/null"

# ---- log4brains: "- Status:" bullets, YYYYMMDD-slug.md, .log4brains.yml ------

copy_fixture adr-log4brains
G=$T/adr-log4brains
git -C "$G" init -q
run_in "$G" "$ARCHGATE" adr list --format json
expect_rc 0 "log4brains records are found through .log4brains.yml (docs/adr)"
check "log4brains: file names, formats, no numbers" \
	jq_e '[.[] | [.file, .format, .number]] ==
	      [["docs/adr/20240115-use-log4brains-to-manage-the-adrs.md","log4brains",null],
	       ["docs/adr/20240302-deploy-the-shop-on-heroku.md","log4brains",null],
	       ["docs/adr/20250610-deploy-the-shop-on-fly-io.md","log4brains",null]]' "$OUT"
check "log4brains: statuses, dates, deciders and tags" \
	jq_e '[.[] | [.status, .date, .deciders, .tags]] ==
	      [["Accepted","2024-01-15",null,["dev-tools","doc"]],
	       ["Superseded","2024-03-02","Sam Vimes, Angua von Überwald",["hosting"]],
	       ["Accepted","2025-06-10","Sam Vimes, Cheery Littlebottom",["hosting","cost"]]]' "$OUT"
check "log4brains: 'superseded by [..](20250610-...md)' is a link" \
	jq_e '.[1].links == [{"type":"superseded by","target":"20250610-deploy-the-shop-on-fly-io.md"}]' "$OUT"
check "log4brains: the '## Links' section's 'Supersedes [..](20240302-...md)' is a link" \
	jq_e '.[2].links | any(.type == "Supersedes" and .target == "20240302-deploy-the-shop-on-heroku.md")' "$OUT"
run_in "$G" "$ARCHGATE" adr list --tag hosting --format json
check "adr list --tag reads log4brains' Tags bullet" test "$(jq length "$OUT")" = 2
run_in "$G" "$ARCHGATE" adr lint
expect_rc 0 "log4brains records that follow the template pass adr lint"

run_in "$G" "$ARCHGATE" adr new --no-edit "Run Postgres on Neon"
expect_rc 0 "adr new in a log4brains repository"
L4=$G/docs/adr/20261125-run-postgres-on-neon.md
check "the new record is docs/adr/YYYYMMDD-slug.md" test -f "$L4"
expect_line "$L4" "- Status: proposed" "... with log4brains' '- Status:' bullet"
run_in "$G" "$ARCHGATE" adr supersede deploy-the-shop-on-fly-io run-postgres-on-neon
expect_rc 0 "adr supersede by slug in a log4brains repository"
expect_line "$G/docs/adr/20250610-deploy-the-shop-on-fly-io.md" \
	"- Status: superseded by [Run Postgres on Neon](20261125-run-postgres-on-neon.md)" \
	"the old record's status bullet is log4brains' 'superseded by [..](..)'"
run_in "$G" "$ARCHGATE" adr list --format json
check "both ends of the supersede are read back" \
	jq_e '.[2].status == "Superseded" and (.[3].links | any(.type == "Supersedes" and .target == "20250610-deploy-the-shop-on-fly-io.md"))' "$OUT"
check "the new record's Supersedes line is its own Markdown line, not glued to the Deciders bullet" \
	bash -c "awk '/Supersedes \\[/ { if (prev != \"\" && \$0 !~ /^[-*] /) bad = 1 } { prev = \$0 } END { exit bad }' '$L4'"

finish
