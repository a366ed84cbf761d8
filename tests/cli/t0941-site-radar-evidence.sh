#!/bin/bash
# t0941-site-radar-evidence: each radar entry on the site shows what
# `archgate radar scan` found for it: at most three places (file:line, what
# matched, where from), then how many more; file names and matches escaped;
# the same input gives the same bytes.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
mkdir -p 'web<i>&'
printf '{\n  "name": "w",\n  "dependencies": {\n    "next": "14.0.0"\n  }\n}\n' > 'web<i>&/package.json'

run "$ARCHGATE" radar scan --format json
expect_rc 0 "radar scan"
expect_contains "$OUT" '"file":"web<i>&/package.json","line":4' "the scan finds next in the manifest"

run "$ARCHGATE" site --out ../s1
expect_rc 0 "site builds"
expect_contains ../s1/radar.html '<p class="evidence">Found by the scan:</p><ul class="evidence"><li><code>web&lt;i&gt;&amp;/package.json:4</code> next <span class="ring">(manifest)</span></li><li><code>arch/system.yaml:109</code> web: tech next.js <span class="ring">(model)</span></li></ul>' \
	"an entry's evidence, the file name escaped"
expect_contains ../s1/radar.html '<li><code>arch/system.yaml:134</code> api: tech typescript <span class="ring">(model)</span></li><li>and 1 more (<code>archgate radar scan</code>)</li></ul>' \
	"at most three places, then how many more"
expect_not_contains ../s1/radar.html 'web<i>' "no raw markup from a file name"
check "no entry lists more than three places" python3 -c '
import re, sys
for ul in re.findall(r"<ul class=\"evidence\">(.*?)</ul>", open(sys.argv[1]).read()):
    assert len(re.findall(r"<li><code>", ul)) <= 3, ul' ../s1/radar.html

run "$ARCHGATE" site --out ../s2
expect_rc 0 "a second build"
check "two builds are byte-identical" diff -r ../s1 ../s2

finish
