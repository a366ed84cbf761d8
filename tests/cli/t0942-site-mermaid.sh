#!/bin/bash
# t0942-site-mermaid: a fenced ```mermaid block in a decision record (and in
# an RFC) is drawn at build time by the real Mermaid CLI (mmdc from
# tests/package-lock.json, driving Debian's chromium): the page shows an
# <img> of an SVG under mermaid/ named by its content hash, with the node
# labels as SVG text and the source below it; the SVG holds nothing that
# runs (no script, handler, foreignObject, link); both are drawn in one run
# of mmdc, with the same bytes as a diagram drawn alone; two builds give
# the same bytes, and the second takes the SVG from the cache without
# running mmdc;
# an edited cache file cannot put anything into the site.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

missing() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (scripts/deps.sh --test installs it)"
		finish
	fi
	skip_all "$1"
}
MMDC=$AG_TESTS/node_modules/.bin/mmdc
command -v node >/dev/null || missing "node is not installed"
[ -x /usr/bin/chromium ] || missing "chromium is not installed (apt-get install chromium)"
[ -x "$MMDC" ] || missing "mmdc is not installed (cd tests && npm ci)"
export HOME=$T # chromium's profile and crash folders
# the renderer through a wrapper that counts its runs
printf '#!/bin/sh\necho ran >>"%s/runs"\nexec "%s" "$@"\n' "$T" "$MMDC" >"$T/mmdc"
chmod +x "$T/mmdc"
export ARCHGATE_MERMAID=$T/mmdc ARCHGATE_CACHE_DIR=$T/cache

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cat >demo/arch/decisions/0009-checkout-flow.md <<'MD'
# 9. Checkout flow

**Status:** Accepted
**Date:** 2026-11-20

## Context

How an order is paid:

```mermaid
flowchart LR
  A[Checkout] --> B[Payments]
  B --> C[(Ledger)]
```

## Decision

Keep it.
MD
run_in demo "$ARCHGATE" rfc new "Refunds" --author "Dana Okafor"
expect_rc 0 "rfc new"
cat >>demo/arch/rfcs/0001-refunds.md <<'MD'

```mermaid
sequenceDiagram
  Shopper->>Refunds: ask
  Refunds-->>Shopper: done
```
MD

run_in demo "$ARCHGATE" site --out ../s1 --format json
expect_rc 0 "the site builds"
expect_empty "$ERR" "no warning when every block is drawn"
check "two blocks drawn, none shown as code" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["mermaid"]
assert m == {"svg": 2, "code": 0}, m' "$OUT"
REC=s1/decisions/0009-checkout-flow.html
expect_match $REC '<figure class="mermaid"><img class="diagram" src="\.\./mermaid/[0-9a-f]{32}\.svg" alt="Diagram \(Mermaid\); its source follows">' \
	"the record shows the diagram as an <img> of mermaid/HASH.svg"
expect_contains $REC '<details><summary>Mermaid source</summary><pre><code class="language-mermaid">flowchart LR
  A[Checkout] --&gt; B[Payments]' "its source below it, escaped"
check "no bare code block: the source only inside the figure" test \
	"$(grep -c '<pre><code class="language-mermaid">' $REC)" = \
	"$(grep -c '<details><summary>Mermaid source</summary><pre><code class="language-mermaid">' $REC)"
SVG=s1/$(grep -o 'mermaid/[0-9a-f]*\.svg' $REC | head -1)
check "the SVG is in the site" test -s "$SVG"
check "the SVG is well-formed XML" xmllint --noout "$SVG"
for label in Checkout Payments Ledger; do
	check "the SVG has the label $label as text" python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1])
txt = " ".join("".join(e.itertext()) for e in t.iter("{http://www.w3.org/2000/svg}text"))
assert sys.argv[2] in txt, txt' "$SVG" $label
done
check "the SVG has a size of its own (for <img>)" grep -Eq '^<svg [^>]*width="[0-9]+" height="[0-9]+"' "$SVG"
check "nothing in the SVG runs or links" python3 -c '
import re, sys
s = open(sys.argv[1]).read().lower()
for bad in ("<script", "foreignobject", "<a ", "javascript:", "data:", "<image", " on"):
    assert bad not in re.sub(r"<style>.*?</style>", "", s, flags=re.S) or bad == " on" and not re.search(r"\son[a-z]+\s*=", s), bad' "$SVG"
check "the pixels: rsvg-convert draws it" rsvg-convert -o "$T/flow.png" "$SVG"
RFC=$(ls s1/rfcs/*.html | grep -v index.html | head -1)
expect_match "$RFC" '<img class="diagram" src="\.\./mermaid/[0-9a-f]{32}\.svg"' "an RFC's block is drawn too"
check "the sequence diagram has its participants" grep -q 'Refunds' s1/$(grep -o 'mermaid/[0-9a-f]*\.svg' "$RFC" | head -1)
expect_contains s1/.archgate-site "${SVG#s1/}" "the SVG is in the manifest"
check "the cache holds the SVG and its source" test -s "$T/cache/mermaid/$(basename "$SVG")" -a -s "$T/cache/mermaid/$(basename "$SVG" .svg).mmd"

check "mmdc ran once for both diagrams (one batch)" test "$(wc -l <"$T/runs")" = 1
# the second build: the same bytes, from the cache (mmdc is not run)
run_in demo "$ARCHGATE" site --out ../s2
expect_rc 0 "a second build"
check "the second build ran no renderer" test "$(wc -l <"$T/runs")" = 1
check "two builds are byte-identical" diff -r s1 s2
# without the cache: mmdc again, the same bytes (deterministic ids)
rm -rf "$T/cache"
run_in demo "$ARCHGATE" site --out ../s3
expect_rc 0 "a build with an empty cache"
check "drawn again, the same bytes" diff -r s1 s3

# a diagram drawn alone (no batch: the only one of its repository, and
# no cache) has the same bytes as when drawn in a batch
mkdir -p solo/arch/decisions
cp demo/arch/decisions/0009-checkout-flow.md solo/arch/decisions/
ARCHGATE_CACHE_DIR=$T/solo-cache run_in solo "$ARCHGATE" site --out ../s-solo
expect_rc 0 "a repository with one diagram"
check "drawn alone: the same SVG, byte for byte" cmp "s-solo/${SVG#s1/}" "$SVG"

# an edited cache file is cleaned again on the way in
C=$T/cache/mermaid/$(basename "$SVG")
python3 - "$C" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace("<g", '<script>alert(1)</script><g onclick="alert(2)"', 1)
open(p, "w").write(s)
PY
run_in demo "$ARCHGATE" site --out ../s4
expect_rc 0 "a build from an edited cache"
check "nothing of the edit reaches the site" sh -c "! grep -q -e '<script' -e onclick s4/mermaid/*.svg"

finish
