#!/bin/bash
# t0190-adr-edit-style: edits follow the folder's own way. `adr new` writes
# from the folder's template (adr-tools' templates/template.md, MADR's
# adr-template.md, MADR 2's and log4brains' template.md, --template FILE,
# $ADR_TEMPLATE) with what it must say filled in and nothing else changed,
# names records the way the folder does (adr-012-, zero padding), carries
# the records' front matter, labels MADR links ADR-0000, slugs any script;
# `adr toc` URL-encodes links and takes adr-tools' -i/-o/-p, `adr graph`
# -p/-e; `adr init DIR`; a MADR record without a status gets one in its
# front matter; a status change keeps the rest of its line. Every template
# and record here is written for this test.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

jq_e() {
	jq -e "$@" >/dev/null
}

new_repo() {
	rm -rf "$1"
	mkdir -p "$1"
	git -C "$1" init -q
}

# ---- adr-tools' templates/template.md ---------------------------------------

A=$T/tools
new_repo "$A"
mkdir -p "$A/doc/adr/templates"
printf 'doc/adr\n' >"$A/.adr-dir"
cat >"$A/doc/adr/0001-keep-a-log.md" <<'EOF'
# 1. Keep a log

Date: 2026-01-05

## Status

Accepted

## Context

We forget why.

## Decision

We keep a log.

## Consequences

Some writing.
EOF
cat >"$A/doc/adr/templates/template.md" <<'EOF'
# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context and forces

Say what pushes us; the owner is the platform guild (see DATES.md).

## Decision

## Consequences
EOF
run_in "$A" "$ARCHGATE" adr new --no-edit "Store DATE columns as UTC, not TITLE"
expect_rc 0 "adr new in a folder with templates/template.md"
R=$A/doc/adr/0002-store-date-columns-as-utc-not-title.md
check "the record is named after the folder's records (0002-slug.md)" test -f "$R"
cat >"$T/want-tools.md" <<'EOF'
# 2. Store DATE columns as UTC, not TITLE

Date: 2026-11-25

## Status

Proposed

## Context and forces

Say what pushes us; the owner is the platform guild (see DATES.md).

## Decision

## Consequences
EOF
check "NUMBER, TITLE, DATE and STATUS are filled in, the title's own DATE and TITLE stay, nothing else changes" \
	diff "$T/want-tools.md" "$R"
run_in "$A" "$ARCHGATE" adr list --format json
check "the record reads back: adr-tools format, Proposed, its title" \
	jq_e '.[1] | .format == "adr-tools" and .status == "Proposed" and .title == "Store DATE columns as UTC, not TITLE"' "$OUT"

# --template FILE wins over $ADR_TEMPLATE, which wins over the folder's template
printf '# TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## From the environment\n' >"$T/env-template.md"
printf '# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## Given on the command line\n' >"$T/given-template.md"
run_in "$A" env ADR_TEMPLATE="$T/env-template.md" "$ARCHGATE" adr new --no-edit "Third"
expect_rc 0 "adr new with \$ADR_TEMPLATE"
expect_line "$A/doc/adr/0003-third.md" "## From the environment" "\$ADR_TEMPLATE wins over the folder's template (as in adr-tools)"
expect_first_line "$A/doc/adr/0003-third.md" "# Third" "... its heading as that template writes it"
run_in "$A" env ADR_TEMPLATE="$T/env-template.md" "$ARCHGATE" adr new --no-edit --template "$T/given-template.md" "Fourth"
expect_line "$A/doc/adr/0004-fourth.md" "## Given on the command line" "--template FILE wins over \$ADR_TEMPLATE"
run_in "$A" env ADR_TEMPLATE="$T/env-template.md" "$ARCHGATE" adr new --no-edit --template adr-tools "Fifth"
check "--template adr-tools is the built-in adr-tools template" \
	bash -c "! grep -q 'From the environment\|Given on the command line\|Context and forces' '$A/doc/adr/0005-fifth.md'"
expect_line "$A/doc/adr/0005-fifth.md" "## Context" "... with adr-tools' sections"
expect_not_contains "$A/doc/adr/0005-fifth.md" "## Alternatives Considered" \
	"... and no section adr-tools records never had"

# templates that are not templates
run_in "$A" "$ARCHGATE" adr new --no-edit --template "$T/missing.md" "Nope"
expect_rc 2 "a --template FILE that does not exist is bad usage"
expect_contains "$ERR" "cannot read the template '$T/missing.md'" "... saying which file"
run_in "$A" "$ARCHGATE" adr new --no-edit --template "$T" "Nope"
expect_rc 2 "a --template that is a folder"
mkfifo "$T/fifo.md"
run_in "$A" timeout 10 "$ARCHGATE" adr new --no-edit --template "$T/fifo.md" "Nope"
expect_rc 2 "a --template that is a FIFO is refused, without hanging"
printf '# TITLE\n\nab\0cd\n' >"$T/nul.md"
run_in "$A" "$ARCHGATE" adr new --no-edit --template "$T/nul.md" "Nope"
expect_rc 2 "a template with a NUL byte"
expect_match "$ERR" "nul\\.md:3:3: error: the template holds a NUL byte" "... is an error at its place (file:line:col)"
run_in "$A" env ADR_TEMPLATE="$T/missing.md" "$ARCHGATE" adr new --no-edit "Nope"
expect_rc 2 "an \$ADR_TEMPLATE that does not exist"
expect_contains "$ERR" "(\$ADR_TEMPLATE)" "... names the variable"
mv "$A/doc/adr/templates/template.md" "$A/doc/adr/templates/kept.md"
printf 'secret\n' >"$T/secret.md"
ln -s "$T/secret.md" "$A/doc/adr/templates/template.md"
run_in "$A" "$ARCHGATE" adr new --no-edit "Nope"
expect_rc 2 "a folder template that is a symbolic link out of the repository is refused"
expect_contains "$ERR" "outside the repository" "... saying why"
rm "$A/doc/adr/templates/template.md" && mv "$A/doc/adr/templates/kept.md" "$A/doc/adr/templates/template.md"
check "no record was written by the refused commands" test "$(ls "$A/doc/adr" | grep -c '\.md$')" -eq 5

# ---- MADR 3/4: adr-template.md, front matter --------------------------------

M=$T/madr
new_repo "$M"
mkdir -p "$M/docs/decisions"
cat >"$M/docs/decisions/adr-template.md" <<'EOF'
---
# optional fields; delete what you do not use
status: "{proposed | rejected | accepted | deprecated | superseded by ADR-0123}"
date: {YYYY-MM-DD of the last change}
decision-makers: {who decides}
consulted: {whose advice we ask}
---

# {a short title naming the problem and the way out}

## Context and Problem Statement

{Two or three sentences, or a story.}

## Considered Options

* {option 1}
* {option 2}
EOF
cat >"$M/docs/decisions/0007-use-queues.md" <<'EOF'
---
status: accepted
date: 2025-02-03
---

# Use queues

## Context and Problem Statement

Spikes.
EOF
run_in "$M" "$ARCHGATE" adr new --no-edit --deciders 'Ana Lima, "Bo" Chen' 'Use "gRPC": between services'
expect_rc 0 "adr new in a MADR folder with adr-template.md"
R=$M/docs/decisions/0008-use-grpc-between-services.md
cat >"$T/want-madr.md" <<'EOF'
---
# optional fields; delete what you do not use
status: proposed
date: 2026-11-25
decision-makers: "Ana Lima, \"Bo\" Chen"
consulted: {whose advice we ask}
---

# Use "gRPC": between services

## Context and Problem Statement

{Two or three sentences, or a story.}

## Considered Options

* {option 1}
* {option 2}
EOF
check "MADR's template: status, date and decision-makers filled in (YAML-quoted), the title in the heading, the rest as it is" \
	diff "$T/want-madr.md" "$R"
check "adr-template.md is not read as a record" \
	bash -c "cd '$M' && '$ARCHGATE' adr list --format json | jq -e 'length == 2' >/dev/null"
run_in "$M" "$ARCHGATE" adr list --format json
check "the record reads back: madr, Proposed, date, deciders, title" \
	jq_e '.[1] | .format == "madr" and .status == "Proposed" and .date == "2026-11-25" and .deciders == "Ana Lima, \"Bo\" Chen" and .title == "Use \"gRPC\": between services"' "$OUT"
run_in "$M" "$ARCHGATE" adr supersede 7 8
expect_rc 0 "adr supersede in the MADR folder"
expect_line "$M/docs/decisions/0007-use-queues.md" \
	'status: "superseded by [ADR-0008: Use \"gRPC\": between services](0008-use-grpc-between-services.md)"' \
	"MADR's own labels: ADR-0008, four digits, not ADR-008"
run_in "$M" "$ARCHGATE" adr toc
expect_contains "$OUT" "* [ADR-0007: Use queues](0007-use-queues.md)" "the table of contents labels MADR records ADR-0007"

# a MADR record without a status gets one in its front matter
cat >"$M/docs/decisions/0009-cache-reads.md" <<'EOF'
---
date: 2025-03-01
---

# Cache reads

## Context and Problem Statement

Slow.
EOF
printf '# Log in JSON\n\n## Context and Problem Statement\n\nGrep.\n\n## Decision Outcome\n\nJSON.\n' >"$M/docs/decisions/0010-log-in-json.md"
run_in "$M" "$ARCHGATE" adr accept 9
expect_rc 0 "adr accept on a MADR record without a status"
check "the status goes into its front matter, the rest unchanged" \
	test "$(head -n 4 "$M/docs/decisions/0009-cache-reads.md" | tr '\n' '|')" = "---|date: 2025-03-01|status: accepted|---|"
run_in "$M" "$ARCHGATE" adr accept 10
expect_rc 0 "adr accept on a MADR record without front matter"
check "... gets a front matter with its status" \
	test "$(head -n 5 "$M/docs/decisions/0010-log-in-json.md" | tr '\n' '|')" = "---|status: accepted|---||# Log in JSON|"
run_in "$M" "$ARCHGATE" adr list --format json
check "both read back as Accepted" jq_e '[.[2,3].status] == ["Accepted","Accepted"]' "$OUT"

# a status change keeps the front matter's quoting and a comment after it
printf -- "---\nstatus: 'proposed' # review in May\n---\n\n# Quoted\n\n## Context and Problem Statement\n\nq\n\n## Decision Outcome\n\nq\n" \
	>"$M/docs/decisions/0011-quoted.md"
printf -- '---\nstatus: "proposed"\n---\n\n# Double\n\n## Context and Problem Statement\n\nq\n\n## Decision Outcome\n\nq\n' \
	>"$M/docs/decisions/0012-double.md"
run_in "$M" "$ARCHGATE" adr accept 11
expect_line "$M/docs/decisions/0011-quoted.md" "status: 'accepted' # review in May" \
	"a single-quoted status stays single-quoted, its comment stays"
run_in "$M" "$ARCHGATE" adr supersede 12 11
expect_line "$M/docs/decisions/0012-double.md" 'status: "superseded by [ADR-0011: Quoted](0011-quoted.md)"' \
	"a double-quoted status stays double-quoted"
run_in "$M" "$ARCHGATE" adr list --format json
check "both read back" jq_e '[.[4,5].status] == ["Accepted","Superseded"]' "$OUT"

# ---- MADR 2: template.md with <!-- optional --> comments --------------------

M2=$T/madr2
new_repo "$M2"
mkdir -p "$M2/docs/adr"
cat >"$M2/docs/adr/template.md" <<'EOF'
# [short title of the problem and the way out]

* Status: [proposed | rejected | accepted | deprecated] <!-- optional -->
* Deciders: [who took part] <!-- optional -->
* Date: [YYYY-MM-DD of the last change] <!-- optional -->

## Context and Problem Statement

[Two or three sentences.]
EOF
run_in "$M2" "$ARCHGATE" adr new --no-edit "Pick a message broker"
expect_rc 0 "adr new with MADR 2's template.md"
R=$M2/docs/adr/0001-pick-a-message-broker.md
expect_first_line "$R" "# Pick a message broker" "the title replaces the placeholder heading"
expect_line "$R" "* Status: proposed <!-- optional -->" "the status in the template's lowercase, its comment kept"
expect_line "$R" "* Date: 2026-11-25 <!-- optional -->" "the date, its comment kept"
expect_line "$R" "* Deciders: [who took part] <!-- optional -->" "no --deciders: the placeholder stays"
run_in "$M2" "$ARCHGATE" adr list --format json
check "the comment is not part of the values read back" \
	jq_e '.[0] | .status_text == "proposed" and .date == "2026-11-25" and .deciders == "[who took part]"' "$OUT"
run_in "$M2" "$ARCHGATE" adr accept 1
expect_line "$R" "* Status: accepted <!-- optional -->" "adr accept keeps what the status line says after the value"
printf '# Use X\n\n* Status: accepted; supersedes ADR-0045 <!-- optional -->\n\n## Context and Problem Statement\n\nx\n' >"$M2/docs/adr/0002-use-x.md"
run_in "$M2" "$ARCHGATE" adr deprecate 2
expect_line "$M2/docs/adr/0002-use-x.md" "* Status: deprecated; supersedes ADR-0045 <!-- optional -->" \
	"a status change keeps '; supersedes ADR-0045' and the comment"

# ---- log4brains: template.md, date-prefixed names ---------------------------

L=$T/l4b
new_repo "$L"
mkdir -p "$L/docs/adr"
printf 'project:\n  name: shop\n  tz: Europe/Paris\n  adrFolder: ./docs/adr\n' >"$L/.log4brains.yml"
cat >"$L/docs/adr/20250101-use-log4brains.md" <<'EOF'
# Use log4brains

- Status: accepted
- Date: 2025-01-01

## Context and Problem Statement

Docs.
EOF
cat >"$L/docs/adr/template.md" <<'EOF'
# [short title]

- Status: [draft | proposed | rejected | accepted | deprecated | superseded by [xxx](yyyymmdd-xxx.md)]
- Deciders: [list] <!-- optional -->
- Date: [YYYY-MM-DD] <!-- optional -->
- Tags: [space and/or comma separated list of tags] <!-- optional -->

## Context and Problem Statement

[Describe]
EOF
run_in "$L" "$ARCHGATE" adr new --no-edit --deciders "Sam" "Serve images from a CDN"
expect_rc 0 "adr new with log4brains' template.md"
R=$L/docs/adr/20261125-serve-images-from-a-cdn.md
check "the record is YYYYMMDD-slug.md" test -f "$R"
check "the template filled in: title, status, deciders, date; tags untouched" \
	test "$(head -n 6 "$R" | tr '\n' '|')" = "# Serve images from a CDN||- Status: proposed|- Deciders: Sam <!-- optional -->|- Date: 2026-11-25 <!-- optional -->|- Tags: [space and/or comma separated list of tags] <!-- optional -->|"

L2=$T/l4b-empty
new_repo "$L2"
mkdir -p "$L2/docs/adr"
printf 'project:\n  name: shop\n  adrFolder: ./docs/adr\n' >"$L2/.log4brains.yml"
run_in "$L2" "$ARCHGATE" adr new --no-edit "First decision"
check "the first record of a folder .log4brains.yml names is log4brains' YYYYMMDD-slug.md" \
	test -f "$L2/docs/adr/20261125-first-decision.md"

# ---- naming in the folder's style -------------------------------------------

N=$T/naming
new_repo "$N"
mkdir -p "$N/docs/adr"
printf '# ADR-001: First\n\n**Status:** Accepted\n**Date:** 2025-01-01\n' >"$N/docs/adr/adr-001-first.md"
printf '# ADR-012: Twelfth\n\n**Status:** Accepted\n**Date:** 2025-01-01\n' >"$N/docs/adr/adr-012-twelfth.md"
run_in "$N" "$ARCHGATE" adr new --no-edit "Thirteenth"
expect_rc 0 "adr new in an adr-NNN- folder"
check "the next record is adr-013-slug.md: the folder's prefix, three digits, after its highest number" \
	test -f "$N/docs/adr/adr-013-thirteenth.md"
run_in "$N" "$ARCHGATE" adr mv 13 20
expect_rc 0 "adr mv 13 20 in an adr-NNN- folder"
check "the moved record keeps the prefix and the width (adr-020-thirteenth.md)" test -f "$N/docs/adr/adr-020-thirteenth.md"
run_in "$N" "$ARCHGATE" adr mv 20 "Thirteenth and last"
check "a retitled record keeps them too" test -f "$N/docs/adr/adr-020-thirteenth-and-last.md"
N2=$T/naming2
new_repo "$N2"
mkdir -p "$N2/decisions"
printf '# 1. One\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n' >"$N2/decisions/001-one.md"
run_in "$N2" "$ARCHGATE" adr new --no-edit "Two"
check "a folder of 001-slug.md gets 002-slug.md" test -f "$N2/decisions/002-two.md"
expect_first_line "$N2/decisions/002-two.md" "# 2. Two" "... in the folder's adr-tools format"
printf '# Three without a number\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n' >"$N2/decisions/003-three.md"
run_in "$N2" "$ARCHGATE" adr mv 3 9
expect_rc 0 "adr mv of an adr-tools record whose heading has no number"
expect_first_line "$N2/decisions/009-three.md" "# Three without a number" "... keeps its heading unnumbered"

# ---- front matter the records carry -----------------------------------------

J=$T/jekyll
new_repo "$J"
mkdir -p "$J/docs/decisions"
for i in 1 2; do
	cat >"$J/docs/decisions/000$i-decision-$i.md" <<EOF
---
layout: default
parent: Decisions
nav_order: $((i * 5))
status: accepted
date: 2025-01-0$i
---

# Decision $i

## Context and Problem Statement

Because.
EOF
done
run_in "$J" "$ARCHGATE" adr new --no-edit "Decision 3"
expect_rc 0 "adr new in a folder whose records carry Jekyll front matter"
R=$J/docs/decisions/0003-decision-3.md
check "layout and parent are carried, nav_order is one more than the largest, status and date are the record's own" \
	test "$(awk 'NR == 1 && /^---$/ { f = 1; next } f && /^---$/ { exit } f' "$R" | sort | tr '\n' '|')" = "date: 2026-11-25|decision-makers: [Names]|layout: default|nav_order: 11|parent: Decisions|status: proposed|"
run_in "$J" "$ARCHGATE" adr list --format json
check "the new record reads back Proposed with its title" \
	jq_e '.[2] | .status == "Proposed" and .title == "Decision 3"' "$OUT"
printf '# NUMBER. TITLE\n\n## Status\n\nSTATUS\n' >"$J/docs/decisions/template.md"
run_in "$J" "$ARCHGATE" adr new --no-edit "Decision 4"
check "a template without front matter gets the carried keys in a new one" \
	test "$(head -n 5 "$J/docs/decisions/0004-decision-4.md" | tr '\n' '|')" = "---|layout: default|parent: Decisions|nav_order: 12|---|"

# ---- slugs in any script ----------------------------------------------------

S=$T/slugs
new_repo "$S"
slug_of() { # TITLE: the file name adr new gives it
	(cd "$S" && "$ARCHGATE" adr new --no-edit -- "$1") | sed 's|.*/||'
}
check "Latin accents are transliterated (é ü ß æ)" test "$(slug_of 'Café für Straße and Æsir')" = "0001-cafe-fur-strasse-and-aesir.md"
check "Latin Extended-A too (Ł ó ź Š ő œ)" test "$(slug_of 'Łódź Šibenik Győr œuvre')" = "0002-lodz-sibenik-gyor-oeuvre.md"
check "Vietnamese vowels with two marks" test "$(slug_of 'Cà phê Việt Nam')" = "0003-ca-phe-viet-nam.md"
check "a decomposed accent (e + U+0301) is dropped, not a dash" test "$(slug_of $'Cafe\xcc\x81 menu')" = "0004-cafe-menu.md"
check "Chinese is kept" test "$(slug_of '选择数据库')" = "0005-选择数据库.md"
check "Japanese and Cyrillic are kept, Cyrillic lowercased" test "$(slug_of 'ログ形式 Выбор базы')" = "0006-ログ形式-выбор-базы.md"
check "emoji, symbols and a right-to-left override are separators" \
	test "$(slug_of $'Ship \xf0\x9f\x9a\x80 it \xe2\x80\xae now \xe2\x86\x92 later')" = "0007-ship-it-now-later.md"
check "a title of symbols only still gets a file" test "$(slug_of '🚀 → ✓')" = "0008-untitled.md"
long=$(printf '数据%.0s' $(seq 1 40))
name=$(slug_of "$long")
check "a long non-Latin slug is cut at 60 bytes, never inside a character" \
	bash -c "[ \$(printf %s '${name%.md}' | LC_ALL=C wc -c) -le 65 ] && printf %s '$name' | iconv -f UTF-8 -t UTF-8 >/dev/null"
run_in "$S" "$ARCHGATE" adr show 选择数据库
expect_rc 0 "a record is found by its non-Latin slug"

# ---- adr toc: URL-encoded links, -i -o -p -----------------------------------

C=$T/toc
new_repo "$C"
mkdir -p "$C/doc/adr"
printf '# 1. Use (a) thing\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n' >"$C/doc/adr/0001-use (a) thing.md"
printf '# 2. Café\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n' >"$C/doc/adr/0002-café.md"
printf 'Our decisions, newest last.\n' >"$C/intro.md"
printf 'See also the [wiki](https://wiki.example.com).' >"$C/outro.md"
run_in "$C" "$ARCHGATE" adr toc
expect_line "$OUT" "* [1. Use (a) thing](0001-use%20%28a%29%20thing.md) — Accepted" "spaces and parentheses in a file name are URL-encoded"
expect_line "$OUT" "* [2. Café](0002-caf%C3%A9.md) — Accepted" "non-ASCII bytes are URL-encoded"
run_in "$C" "$ARCHGATE" adr toc -i intro.md -o outro.md -p https://docs.example.com/adr/
expect_rc 0 "adr toc -i -o -p"
cat >"$T/want-toc.md" <<'EOF'
# Architecture Decision Records

Our decisions, newest last.

* [1. Use (a) thing](https://docs.example.com/adr/0001-use%20%28a%29%20thing.md) — Accepted
* [2. Café](https://docs.example.com/adr/0002-caf%C3%A9.md) — Accepted

See also the [wiki](https://wiki.example.com).
EOF
check "the intro, the table with prefixed links, the outro (adr-tools' layout)" diff "$T/want-toc.md" "$OUT"
run_in "$C" "$ARCHGATE" adr toc --intro intro.md --link-prefix '../my docs/'
expect_line "$OUT" "* [2. Café](../my%20docs/0002-caf%C3%A9.md) — Accepted" "--link-prefix: a space in the prefix is encoded too"
run_in "$C" "$ARCHGATE" adr toc -p 'javascript:alert(1)//'
expect_rc 2 "a javascript: link prefix is refused (ADR-023's URL allowlist)"
run_in "$C" "$ARCHGATE" adr toc -p $'a\nb'
expect_rc 2 "a link prefix with a newline is refused"
run_in "$C" "$ARCHGATE" adr toc -i missing.md
expect_rc 2 "a missing intro file is bad usage"
printf '# Index\n\n<!-- archgate:adr-toc -->\n<!-- archgate:end -->\n' >"$C/README.md"
run_in "$C" "$ARCHGATE" adr toc --in README.md -p ./doc/adr/ -o outro.md
expect_rc 0 "adr toc --in with a prefix and an outro"
expect_line "$C/README.md" "* [2. Café](./doc/adr/doc/adr/0002-caf%C3%A9.md) — Accepted" \
	"--in: the prefix goes before the link relative to the file"
expect_line "$C/README.md" "See also the [wiki](https://wiki.example.com)." "--in: the outro is inside the markers"
expect_line "$C/README.md" "<!-- archgate:end -->" "... which stay"

# ---- adr graph -p -e ---------------------------------------------------------

run_in "$C" "$ARCHGATE" adr graph -p https://docs.example.com/adr/ -e .html
expect_rc 0 "adr graph -p -e"
expect_contains "$OUT" 'URL="https://docs.example.com/adr/0001-use%20%28a%29%20thing.html"' "the URL is the prefix, the name without .md, the extension"
run_in "$C" "$ARCHGATE" adr graph
expect_contains "$OUT" 'URL="0002-caf%C3%A9.md"' "without options the URL is the file name"
run_in "$C" "$ARCHGATE" adr graph --format mermaid --link-extension .html
expect_line "$OUT" '  click n1 href "0002-caf%C3%A9.html"' "mermaid: a click link when asked"
run_in "$C" "$ARCHGATE" adr graph -p 'data:text/html,x'
expect_rc 2 "a data: prefix is refused"

# ---- adr init ---------------------------------------------------------------

I=$T/init
new_repo "$I"
mkdir -p "$I/sub"
run_in "$I/sub" "$ARCHGATE" adr init ../docs/architecture/decisions
expect_rc 0 "adr init DIR (relative to the current folder)"
check ".adr-dir at the root names the folder from the root" test "$(cat "$I/.adr-dir")" = "docs/architecture/decisions"
R=$I/docs/architecture/decisions/0001-record-architecture-decisions.md
check "the first record is written" test -f "$R"
expect_line "$R" "**Status:** Accepted" "... Accepted"
run_in "$I" "$ARCHGATE" adr lint
expect_rc 0 "the first record passes adr lint (no template prompts)"
run_in "$I" "$ARCHGATE" adr new --no-edit "Second"
check "adr new then writes into the folder .adr-dir names" test -f "$I/docs/architecture/decisions/0002-second.md"
run_in "$I" "$ARCHGATE" adr init docs/architecture/decisions
expect_rc 0 "adr init on a folder that holds records"
expect_contains "$OUT" "holds 2 records already; none written" "... only points at it"
check "... and writes no record" test "$(ls "$I/docs/architecture/decisions" | wc -l)" -eq 2
run_in "$I" "$ARCHGATE" adr init --template madr handbook/adr
expect_rc 0 "adr init --template madr DIR"
check ".adr-dir now names it" test "$(cat "$I/.adr-dir")" = "handbook/adr"
run_in "$I" "$ARCHGATE" adr list --format json
check "the MADR first record reads back Accepted" \
	jq_e 'length == 1 and .[0].format == "madr" and .[0].status == "Accepted" and .[0].title == "Record architecture decisions"' "$OUT"
run_in "$I" "$ARCHGATE" adr init ../outside
expect_rc 2 "adr init outside the repository is refused"
check "... and makes nothing there" test ! -e "$T/outside"
I2=$T/init2
new_repo "$I2"
run_in "$I2" "$ARCHGATE" adr init doc/adr
check "adr init doc/adr writes no .adr-dir (adr-tools looks there by itself)" test ! -e "$I2/.adr-dir"
check "... and the first record" test -f "$I2/doc/adr/0001-record-architecture-decisions.md"

finish
