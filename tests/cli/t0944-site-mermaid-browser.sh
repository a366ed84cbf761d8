#!/bin/bash
# t0944-site-mermaid-browser: hostile Mermaid blocks (click callbacks,
# javascript: links, HTML with event handlers in labels, %%{init}%%
# directives asking for securityLevel loose, HTML labels and CSS that
# imports) drawn by the real Mermaid CLI execute nothing in a real browser:
# playwright-core drives Debian's chromium over the file:// build through
# tests/site/check-mermaid.mjs, which loads the record's page and then
# opens each diagram's SVG as a document of its own (where script would
# run), clicks and hovers everything, and traps alert, confirm and prompt.
# The labels are drawn; no request leaves the site. Screenshots go to
# $AG_BUILD/site-screenshots/mermaid/.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

missing() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (scripts/deps.sh --test installs it)"
		
# the control: the same check on a copy whose first SVG is given a script
# and a handler must fail, so the checks above can see script run
cp -r site control
V=control/$(grep -o 'mermaid/[0-9a-f]*\.svg' site/decisions/0009-hostile-diagrams.html | head -1)
sed -i 's|<g|<script>alert("control")</script><g onclick="alert(11)"|' "$V"
node "$AG_TESTS/site/check-mermaid.mjs" --base "file://$T/control/" \
	--page decisions/0009-hostile-diagrams.html --shots "$T/control-shots" >"$T/control.txt" 2>&1
check "control: the checker fails on an SVG with a script" test $? = 1
expect_match "$T/control.txt" '^FAIL - [0-9a-f]+\.svg: nothing ran when clicked and hovered: .*control' \
	"control: the script was seen running"
finish
	fi
	skip_all "$1"
}
MMDC=$AG_TESTS/node_modules/.bin/mmdc
command -v node >/dev/null || missing "node is not installed"
[ -x /usr/bin/chromium ] || missing "chromium is not installed (apt-get install chromium)"
[ -x "$MMDC" ] || missing "mmdc is not installed (cd tests && npm ci)"
[ -d "$AG_TESTS/node_modules/playwright-core" ] || missing "playwright-core is not installed (cd tests && npm ci)"
export HOME=$T
export ARCHGATE_MERMAID=$MMDC ARCHGATE_CACHE_DIR=$T/cache
SHOTS=${AG_BUILD:-$T}/site-screenshots/mermaid
rm -rf "$SHOTS"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cat >demo/arch/decisions/0009-hostile-diagrams.md <<'MD'
# 9. Hostile diagrams

**Status:** Accepted

## Context

```mermaid
%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": "@import url(x.css); .node rect { fill: red }"}}%%
flowchart LR
  A["<img src=x onerror=alert(1)>Start"] --> B["<b onmouseover=alert(2)>Bold</b>"]
  B --> C[Evil]
  C --> E["<a href='javascript:alert(4)'>Link</a>"]
  click A callback "Tooltip"
  click B "javascript:alert(3)"
  click C href "javascript:alert(5)"
```

```mermaid
%%{init: {"securityLevel": "loose"}}%%
sequenceDiagram
  participant Shop as <script>alert(6)</script>Shop
  Shop->>Bank: pay <img src=x onerror=alert(7)>
  link Shop: Evil @ javascript:alert(8)
```

```mermaid
%%{init: {"securityLevel": "antiscript", "startOnLoad": true}}%%
classDiagram
  class Ledger {
    +post() void
  }
  click Ledger call alert(9)
  link Ledger "javascript:alert(10)"
```
MD
run_in demo "$ARCHGATE" site --out ../site --format json
expect_rc 0 "the site builds"
check "the three diagrams drawn" python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["mermaid"] == {"svg": 3, "code": 0}, open(sys.argv[1]).read()' "$OUT"
node "$AG_TESTS/site/check-mermaid.mjs" --base "file://$T/site/" \
	--page decisions/0009-hostile-diagrams.html --labels Start,Bold,Evil,Shop,Bank,Ledger \
	--shots "$SHOTS" >"$T/browser.txt" 2>&1
brc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	"FAIL - "*) fail "${line#FAIL - }" ;;
	esac
done <"$T/browser.txt"
if [ $brc != 0 ] && ! grep -q "^FAIL" "$T/browser.txt"; then
	fail "the browser check ran to its end" "$(tail -20 "$T/browser.txt")"
fi

# the control: the same check on a copy whose first SVG is given a script
# and a handler must fail, so the checks above can see script run
cp -r site control
V=control/$(grep -o 'mermaid/[0-9a-f]*\.svg' site/decisions/0009-hostile-diagrams.html | head -1)
sed -i 's|<g|<script>alert("control")</script><g onclick="alert(11)"|' "$V"
node "$AG_TESTS/site/check-mermaid.mjs" --base "file://$T/control/" \
	--page decisions/0009-hostile-diagrams.html --shots "$T/control-shots" >"$T/control.txt" 2>&1
check "control: the checker fails on an SVG with a script" test $? = 1
expect_match "$T/control.txt" '^FAIL - [0-9a-f]+\.svg: nothing ran when clicked and hovered: .*control' \
	"control: the script was seen running"
finish
