#!/bin/bash
# t0750-output-injection: hostile text in a repository (radar.yaml links and
# names, record titles and file names) cannot inject into what archgate
# writes (issue 10, ADR-023): URLs pass one allowlist (http, https, mailto,
# relative), CSV cells that a spreadsheet would run are neutralised,
# Mermaid, DOT and Markdown text is escaped; text output (advise, cost,
# explain, ...) shows control characters escaped.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/arch/decisions"
git -C "$R" init -q
cat >"$R/arch/radar.yaml" <<'YAML'
title: Hostile
rings: [adopt, trial, assess, hold]
quadrants: [languages-and-frameworks, tools, platforms, techniques]
entries:
  - name: "=HYPERLINK(\"http://x\")"
    quadrant: tools
    ring: adopt
    description: "-2+3"
    links: ["javascript:alert(1)", "https://ok.example/x"]
  - name: Good
    quadrant: tools
    ring: trial
    links: ["data:text/html,<script>alert(1)</script>", "java\tscript:alert(3)"]
  - name: "@SUM(A1)"
    quadrant: platforms
    ring: hold
    links: ["JaVaScRiPt:alert(2)", "vbscript:x", "mailto:team@example.com"]
  - {name: "+cmd", quadrant: techniques, ring: assess, links: ["docs/radar.md"]}
YAML
cat >"$R/arch/decisions/0001-javascript:alert(1).md" <<'MD'
# 1. Use x](javascript:alert(1)) %%{init: {"theme":"dark"}}%% "q" <b>

Date: 2026-01-01

## Status

Accepted

## Context

c

## Decision

d

## Consequences

e
MD

# --- 1. URLs: one allowlist for every document archgate writes ---
run_in "$R" "$ARCHGATE" radar render
expect_rc 0 "radar render"
expect_contains "$ERR" "arch/radar.yaml:9:13: warning: link 'javascript:alert(1)' is not an http, https or mailto URL or a relative path" \
	"a refused link is a warning at its place"
check "the SVG links only to allowed URLs" python3 - "$OUT" <<'PY'
import re, sys
hrefs = re.findall(r'href="([^"]*)"', open(sys.argv[1]).read())
assert hrefs == ["https://ok.example/x", "mailto:team@example.com", "docs/radar.md"], hrefs
PY
run_in "$R" "$ARCHGATE" radar export --format byor
expect_rc 0 "radar export byor"
expect_not_contains "$OUT" "javascript" "BYOR: no javascript: link in a description"
expect_not_contains "$OUT" "data:" "BYOR: no data: link in a description"
expect_contains "$OUT" 'href=""https://ok.example/x""' "BYOR: the allowed link stays"
run_in "$R" "$ARCHGATE" radar export --format zalando
expect_rc 0 "radar export zalando"
check "Zalando: each link is the first allowed one" python3 - "$OUT" <<'PY'
import json, sys
links = {e["label"]: e.get("link") for e in json.load(open(sys.argv[1]))["entries"]}
assert links == {'=HYPERLINK("http://x")': "https://ok.example/x", "Good": None,
                 "@SUM(A1)": "mailto:team@example.com", "+cmd": "docs/radar.md"}, links
PY
run_in "$R" "$ARCHGATE" radar export --format backstage
expect_rc 0 "radar export backstage"
check "Backstage: only allowed links" python3 - "$OUT" <<'PY'
import json, sys
urls = [l["url"] for e in json.load(open(sys.argv[1]))["entries"] for l in e.get("links", [])]
assert sorted(urls) == ["docs/radar.md", "https://ok.example/x", "mailto:team@example.com"], urls
PY
run_in "$R" "$ARCHGATE" adr toc
expect_rc 0 "adr toc"
expect_line "$OUT" '* [1. Use x\](javascript:alert(1)) %%{init: {"theme":"dark"}}%% "q" \<b\>](0001-javascript%3Aalert%281%29.md) — Accepted' \
	"toc: the title cannot close the label, the file name is no scheme"
run_in "$R" "$ARCHGATE" adr graph
expect_rc 0 "adr graph (DOT)"
expect_contains "$OUT" 'URL="0001-javascript%3Aalert%281%29.md"' "DOT: the record's URL is a relative path"
expect_contains "$OUT" '%%{init: {\"theme\":\"dark\"}}%% \"q\"' "DOT: quotes in a title escaped"

# --- 2. BYOR CSV: cells a spreadsheet would run are neutralised ---
run_in "$R" "$ARCHGATE" radar export --format byor
check "BYOR: formula cells get a leading quote, quoting is RFC 4180" python3 - "$OUT" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
names = [r["name"] for r in rows]
assert names == ["'=HYPERLINK(\"http://x\")", "Good", "'@SUM(A1)", "'+cmd"], names
for r in rows:
    for v in r.values():
        assert v[:1] not in ("=", "+", "-", "@", "\t", "\r"), r
PY
cp "$OUT" "$T/hostile.csv"
run "$ARCHGATE" radar import "$T/hostile.csv"
expect_rc 0 "the export imports again"
expect_line "$OUT" '  - name: "=HYPERLINK(\"http://x\")"' "import takes the neutralising quote off again"

# --- 3. Mermaid: no directive, no broken label ---
run_in "$R" "$ARCHGATE" adr graph --format mermaid
expect_rc 0 "adr graph --format mermaid"
expect_not_contains "$OUT" "%%" "Mermaid: a title cannot form a %%{init}%% directive"
expect_not_contains "$OUT" '"theme' "Mermaid: quotes in a title escaped"
expect_contains "$OUT" '#37;#37;{init: {#quot;theme#quot;' "Mermaid: the title is kept, as entities"

# --- 4. text output: no control character and no forged line ---
FORGED="$R/arch/decisions/0002-x
forged.md:1:1: error: forged.md"
printf '# 2. Bell\a and \033[31mred\033[0m\n\nbroken\n' >"$FORGED"
run_in "$R" "$ARCHGATE" check
expect_rc 1 "check fails on the broken records"
expect_not_contains "$OUT" "$(printf '\033')" "check: no ESC byte"
check "check: every finding is one line; a file name's newline is shown as \\n" \
	grep -Fq 'arch/decisions/0002-x\nforged.md:1:1: error: forged.md:1:' "$OUT"
check "check: no line starts with the forged location" bash -c "! grep -q '^forged.md' '$OUT'"
run_in "$R" "$ARCHGATE" adr list
expect_rc 0 "adr list"
expect_line "$OUT" '0002   (none)      -          Bell\x07 and \x1b[31mred\x1b[0m' "adr list: BEL and ESC shown escaped"
run_in "$R" "$ARCHGATE" check --format github
check "github: no raw ESC, the file name's newline is %0A" bash -c \
	"! grep -q \$'\\033' '$OUT' && grep -Fq 'file=arch/decisions/0002-x%0Aforged.md%3A1%3A1%3A error%3A forged.md' '$OUT'"
rm -f "$FORGED"
printf 'title: x\nrings: [adopt]\nquadrants: [tools]\nentries:\n  - {name: "a\\u001b[2Jb", quadrant: tools, ring: adopt}\n' >"$T/r2.yaml"
mkdir -p "$T/r2/arch" && cp "$T/r2.yaml" "$T/r2/arch/radar.yaml" && git -C "$T/r2" init -q
run_in "$T/r2" "$ARCHGATE" radar list
expect_rc 0 "radar list"
expect_contains "$OUT" 'a\x1b[2Jb' "radar list: an ESC in a name is shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "radar list: no ESC byte"
printf 'system:\n  name: "Shop\\e]0;pwned\\a\\nforged"\n' >"$T/r2/arch/system.yaml"
run_in "$T/r2" "$ARCHGATE" status
expect_contains "$OUT" 'Shop\x1b]0;pwned\x07\nforged: four-phase board' "status: the system name is shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "status: no ESC byte"
printf '{"level":"error","service":"a\\u001b[31mb\\nc","msg":"x\\u0007"}\n' >"$T/ev.jsonl"
run "$ARCHGATE" events stats "$T/ev.jsonl"
expect_rc 0 "events stats"
expect_match "$OUT" '^a\\x1b\[31mb\\nc +1 +1 ' "events stats: a service name's ESC and newline shown escaped, one row"
run "$ARCHGATE" events query 'by msg' "$T/ev.jsonl"
expect_line "$OUT" 'x\x07      1' "events query: a BEL in a key shown escaped"
mkdir -p "$T/r2/d
x" && printf '{"dependencies":{"vue":"3"}}' >"$T/r2/d
x/package.json"
run_in "$T/r2" "$ARCHGATE" radar scan
expect_line "$OUT" '    d\nx/package.json:1: vue' "radar scan: a folder name's newline shown escaped"

# --- 5. radar import never writes a radar.yaml archgate rejects ---
printf 'name,ring,quadrant,isNew,description\n"!!!",adopt,tools,FALSE,\n"caf\351",hold,tools,FALSE,\nx,adopt,tools,FALSE,"<a href=""\377"">l</a>"\nNode.js,adopt,tools,FALSE,\nnodejs,trial,tools,FALSE,\nGood,adopt,tools,FALSE,\n' >"$T/bad.csv"
run "$ARCHGATE" radar import "$T/bad.csv"
expect_rc 2 "import: a sheet archgate would reject is refused"
expect_empty "$OUT" "import: nothing written"
expect_contains "$ERR" "bad.csv:2:1: error: the name '!!!' has no letter or digit" "import: a name without a letter or digit, at its row"
expect_contains "$ERR" "bad.csv:3:1: error: the entry's name is not valid UTF-8" "import: invalid UTF-8 in a name, at its row"
expect_contains "$ERR" "bad.csv:4:1: error: the entry's link is not valid UTF-8" "import: invalid UTF-8 in a link, at its row"
expect_contains "$ERR" "bad.csv:6:1: error: 'nodejs' is listed twice (first at line 5)" "import: one technology twice"
printf '{"entries":[{"label":"A","quadrant":0,"ring":0},{"label":"--","quadrant":1,"ring":0}]}' >"$T/bad.json"
run "$ARCHGATE" radar import "$T/bad.json"
expect_rc 2 "import: a Zalando file archgate would reject is refused"
expect_empty "$OUT" "import (Zalando): nothing written"
expect_contains "$ERR" "the name '--' has no letter or digit" "import (Zalando): a name without a letter or digit"
cp "$T/bad.csv" "$T/with
newline.csv"
printf 'name,ring,quadrant\nGo,adopt,tools\n' >"$T/with
newline.csv"
run "$ARCHGATE" radar import "$T/with
newline.csv"
expect_rc 0 "import of a file whose name holds a newline"
expect_first_line_match "$OUT" '^# Imported from .*/with\\nnewline.csv ' "import: the file name in the comment stays one line"
mkdir -p "$T/ok/arch" && git -C "$T/ok" init -q && cp "$OUT" "$T/ok/arch/radar.yaml"
run_in "$T/ok" "$ARCHGATE" radar list
expect_rc 0 "what import wrote loads"

# --- 7. advise, cost and explain: model strings and arguments escaped ---
A=$T/adv
mkdir -p "$A/arch" && git -C "$A" init -q
cat >"$A/arch/system.yaml" <<'YAML'
system:
  name: Shop
constraints:
  users: 5000
boundaries:
  style: monolith
  containers:
    - {id: "fn\e[31mx\nforged: error", name: Fn, runtime: serverless, cpu_ms: 200}
ai:
  - {name: "bot\e]0;pwned\a"}
cost:
  currency: "E\eUR"
YAML
run_in "$A" "$ARCHGATE" advise
expect_rc 0 "advise on a model with ESC in a container name"
expect_contains "$OUT" "because 'fn\x1b[31mx\nforged: error' is serverless" "advise: the container name's ESC and newline shown escaped"
expect_contains "$OUT" "because AI feature 'bot\x1b]0;pwned\x07' is declared" "advise: the AI feature's ESC and BEL shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "advise: no ESC byte"
run_in "$A" "$ARCHGATE" cost
expect_contains "$OUT" 'Monthly cost (E\x1bUR)' "cost: the currency shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "cost: no ESC byte"
run_in "$A" "$ARCHGATE" explain "$(printf 'fn\033[2Jx')"
expect_rc 2 "explain of an unknown rule"
expect_contains "$ERR" "no rule 'fn\x1b[2Jx'" "explain: the argument shown escaped"
expect_not_contains "$ERR" "$(printf '\033')" "explain: no ESC byte"
run_in "$A" "$ARCHGATE" explain constraints-stated
expect_rc 0 "explain of a rule (its text is archgate's own)"
expect_not_contains "$OUT" "$(printf '\033')" "explain: no ESC byte without colour"

# the CLI's own lines: record file names, renumber moves, RFC roles
E=$T/edits
mkdir -p "$E/arch/decisions" && git -C "$E" init -q
printf '# 1. Bell\n\n## Status\n\nProposed\n' >"$E/arch/decisions/0001-a$(printf '\033')[2Jb.md"
printf '# 1. Twin\n\n## Status\n\nProposed\n' >"$E/arch/decisions/0001-twin.md"
run_in "$E" "$ARCHGATE" adr accept 0001-twin.md
expect_rc 0 "adr accept"
run_in "$E" "$ARCHGATE" adr accept "0001-a$(printf '\033')[2Jb.md"
expect_rc 0 "adr accept of a record whose file name holds an ESC"
expect_contains "$OUT" 'arch/decisions/0001-a\x1b[2Jb.md: Accepted' "adr accept: the file name shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "adr accept: no ESC byte"
run_in "$E" "$ARCHGATE" adr show "x$(printf '\033')y"
expect_contains "$ERR" "no decision record 'x\x1by'" "adr show: the argument shown escaped"
run_in "$E" "$ARCHGATE" adr renumber
expect_rc 0 "adr renumber of a record whose file name holds an ESC"
expect_not_contains "$OUT" "$(printf '\033')" "adr renumber: no ESC byte"
run_in "$E" "$ARCHGATE" rfc new --author Ann "An RFC"
expect_rc 0 "rfc new"
printf 'version: 1\nsignoff:\n  roles: ["Ops\\e[31m", DevOps]\n' >"$E/arch/archgate.yaml"
run_in "$E" "$ARCHGATE" rfc status 1
expect_contains "$OUT" 'Ops\x1b[31m' "rfc status: the role from archgate.yaml shown escaped"
expect_not_contains "$OUT" "$(printf '\033')" "rfc status: no ESC byte"

# --- 6. a compressed events file cut inside its header: the error alone ---
for cut in 'gz:\037' 'zst:\050\265' 'zst:\050\265\057' 'xz:\375' 'xz:\3757zXZ' 'bz2:BZh'; do
	ext=${cut%%:*}
	printf "${cut#*:}" >"$T/cut.$ext"
	run "$ARCHGATE" events stats "$T/cut.$ext"
	expect_rc 2 "events stats: $ext cut inside its header ($(od -An -c "$T/cut.$ext" | tr -s ' '))"
	expect_empty "$OUT" "events stats: no empty table for the cut $ext file"
	expect_contains "$ERR" "truncated $( [ "$ext" = gz ] && echo gzip || { [ "$ext" = zst ] && echo zstd || { [ "$ext" = xz ] && echo xz || echo bzip2; }; }) data (the file ends inside its header)" \
		"events stats: the error names the format"
done
printf '\037' | "$ARCHGATE" events stats - >"$OUT" 2>"$ERR"
rc=$?
expect_rc 2 "events stats on a pipe cut inside a gzip header"
expect_empty "$OUT" "events stats: no empty table for the cut pipe"
run "$ARCHGATE" events lint "$T/cut.gz"
expect_rc 2 "events lint: a cut gzip file is an error"
printf '(plain text, not zstd\n' >"$T/paren.log"
run "$ARCHGATE" events stats "$T/paren.log"
expect_rc 0 "a text file that starts like a magic is still text"

finish
