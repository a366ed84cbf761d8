#!/bin/bash
# t0900-site: `archgate site` builds the example into a folder of pages that
# link to each other, with a search index; the same input gives the same
# bytes; the folder is replaced only when archgate built it; hostile records
# (script tags, event handlers, javascript: and data: links, entities, SVG,
# quotes, broken UTF-8) come out as text, never as markup or a live URL.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2

run "$ARCHGATE" site --out ../s1
expect_rc 0 "site builds the example"
expect_match "$OUT" "^wrote [0-9]+ pages \([0-9]+ files, [0-9]+ bytes; [0-9]+ changed, 0 unchanged\) to \.\./s1/: 7 decision records, 0 RFCs, 28 radar entries$" "it says what it wrote"
for p in index.html decisions/index.html radar.html diagrams.html slos.html system.html \
	findings.html rfcs/index.html assets/site.js assets/site.css assets/search.json \
	assets/search-index.js assets/live.js .archgate-site \
	decisions/0002-start-with-a-modular-monolith.html; do
	check "the site has $p" test -s ../s1/$p
done
check "the search index is JSON with every record" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
k=[x["k"] for x in d["docs"]]
assert k.count("decision")==7 and k.count("radar")==28, k
assert all(not x["u"].startswith(("/", "http")) for x in d["docs"])' ../s1/assets/search.json
check "search-index.js is the same JSON as a script" bash -c \
	'[ "$(sed "s/^window.AG_SEARCH = //; s/;\$//" ../s1/assets/search-index.js)" = "$(cat ../s1/assets/search.json)" ]'
# every relative link of every page points at a file of the site
check "every relative href and src resolves inside the site" python3 -c '
import os,re,sys
top=sys.argv[1]; bad=[]
for d,_,fs in os.walk(top):
    for f in fs:
        if not f.endswith(".html"): continue
        p=os.path.join(d,f); t=open(p,encoding="utf-8").read()
        for u in re.findall(r"(?:href|src)=\"([^\"#]*)(?:#[^\"]*)?\"",t):
            if not u or re.match(r"^[a-z]+:",u): continue
            q=os.path.normpath(os.path.join(d,u))
            if not q.startswith(os.path.abspath(top)) and not q.startswith(top) or not os.path.isfile(q): bad.append((p,u))
assert not bad, bad[:5]' ../s1
expect_contains ../s1/radar.html 'href="#entry-4"' "radar blips link to their entries"
expect_contains ../s1/radar.html 'id="entry-4"' "the entries have anchors"
expect_contains ../s1/decisions/index.html 'data-status="accepted"' "records carry their status for the filter"
expect_contains ../s1/decisions/index.html '<select id="f-status" data-filter="status">' "a status filter"
expect_contains ../s1/decisions/0007-use-the-supporting-stack-from-the-radar.html "Content-Security-Policy" "pages carry a CSP"

# deterministic: twice, same bytes (another folder, and the same folder again)
run "$ARCHGATE" site --out ../s2
expect_rc 0 "a second build"
check "two builds are byte-identical" diff -r ../s1 ../s2
ino=$(stat -c %i ../s1)
run "$ARCHGATE" site --out ../s1
expect_rc 0 "rebuilding over its own site"
check "the rebuilt site is byte-identical" diff -r ../s1 ../s2
check "it was replaced as a whole folder (a new inode)" test "$(stat -c %i ../s1)" != "$ino"
expect_match "$OUT" "; 0 changed, [0-9]+ unchanged\) to" "nothing changed, nothing written"
check "no temporary folder is left beside it" bash -c '! ls -a .. | grep -q "new-"'
run "$ARCHGATE" site --out ../s1 --format json
expect_rc 0 "--format json"
check "its summary is JSON" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["records"]==7' "$OUT"

# never over files archgate did not create
mkdir ../mine && echo keep >../mine/notes.txt
run "$ARCHGATE" site --out ../mine
expect_rc 2 "a folder of someone else's files is refused"
expect_match "$ERR" "^archgate site: '../mine/notes.txt' is not a file archgate wrote; not writing '../mine'" "saying which file"
check "the file is untouched" test "$(cat ../mine/notes.txt)" = keep
echo extra >../s1/decisions/extra.html
run "$ARCHGATE" site --out ../s1
expect_rc 2 "a built site with a file someone added is refused"
check "the added file is kept" test -f ../s1/decisions/extra.html
rm ../s1/decisions/extra.html
ln -s ../s2 ../link
run "$ARCHGATE" site --out ../link
expect_rc 2 "a symbolic link as the destination is refused"
echo x >../afile
run "$ARCHGATE" site --out ../afile
expect_rc 2 "a file as the destination is refused"
check "the file is untouched" test "$(cat ../afile)" = x
mkdir ../empty
run "$ARCHGATE" site --out ../empty
expect_rc 0 "an empty folder is filled"
run "$ARCHGATE" site --out ''
expect_rc 2 "an empty --out is a usage error"
run "$ARCHGATE" site extra
expect_rc 2 "an unexpected argument is a usage error"

# local images and attachments the records link to are copied
mkdir -p arch/decisions/img docs
printf '\211PNG fake' >arch/decisions/img/flow.png
printf '%%PDF-1.4 fake' >docs/spec.pdf
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>' >arch/decisions/img/ok.svg
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' >arch/decisions/img/evil.svg
printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' >arch/decisions/img/evil2.svg
printf '<script>alert(1)</script>' >arch/decisions/img/page.html
ln -s /etc/passwd arch/decisions/img/passwd.png
cat >arch/decisions/0050-pictures.md <<'MD'
# ADR-050: Pictures

**Status:** Accepted
**Date:** 2026-03-01

## Context

![flow](img/flow.png) ![ok](img/ok.svg "an SVG") [spec](../../docs/spec.pdf#page=2)
![evil](img/evil.svg) ![evil2](img/evil2.svg) [page](img/page.html)
![passwd](img/passwd.png) ![up](../../../../../../etc/passwd) ![abs](/etc/passwd)
![missing](img/nothere.png) ![enc](img/fl%6Fw.png)
MD
run "$ARCHGATE" site --out ../pics
expect_rc 0 "a record with pictures and attachments"
P=../pics/decisions/0050-pictures.html
check "the image is copied" cmp ../pics/files/arch/decisions/img/flow.png arch/decisions/img/flow.png
expect_contains $P '<img src="../files/arch/decisions/img/flow.png" alt="flow">' "and the page shows the copy"
expect_contains $P '<img src="../files/arch/decisions/img/flow.png" alt="enc">' "a percent-encoded path finds the same file"
expect_contains $P '<a href="../files/docs/spec.pdf#page=2">spec</a>' "an attachment outside arch/ but inside the repository, with its fragment"
check "an inert SVG is copied" test -f ../pics/files/arch/decisions/img/ok.svg
check "an SVG with an event handler is not" test ! -e ../pics/files/arch/decisions/img/evil.svg
check "an SVG with a script is not" test ! -e ../pics/files/arch/decisions/img/evil2.svg
check "an HTML file is not" test ! -e ../pics/files/arch/decisions/img/page.html
check "a symbolic link out of the repository is not" test ! -e ../pics/files/arch/decisions/img/passwd.png
check "nothing outside the repository is copied" bash -c '! grep -rq "root:" ../pics'
check "files/ holds exactly the three allowed files" test "$(cd ../pics/files && find . -type f | sort | tr '\n' ' ')" = "./arch/decisions/img/flow.png ./arch/decisions/img/ok.svg ./docs/spec.pdf "
rm -r arch/decisions/img arch/decisions/0050-pictures.md docs

# the hostile corpus
bash "$AG_TESTS/site/hostile-corpus.sh" arch
run "$ARCHGATE" site --out ../h1
expect_rc 0 "the hostile corpus builds"
cat ../h1/*.html ../h1/*/*.html >all.html
check "the only script elements are the site's own" bash -c \
	'[ "$(grep -o "<script[^>]*>" all.html | sort -u | tr "\n" " ")" = "<script src=\"../assets/live.js\" defer> <script src=\"../assets/site.js\" defer> <script src=\"assets/live.js\" defer> <script src=\"assets/site.js\" defer> " ]'
expect_not_contains all.html "<img src=x" "no raw <img> from the records"
expect_not_contains all.html "<svg onload" "no raw <svg> from the records"
expect_not_contains all.html "<b>x</b>" "tags are text"
check "no javascript: or data: URL in any attribute" bash -c \
	'! grep -Eio "(href|src)=\"[[:space:]]*(javascript|data|vbscript):" all.html'
check "parsed as HTML: no event handler, no foreign script, no live URL scheme" python3 -c '
import html.parser,sys
class P(html.parser.HTMLParser):
    def handle_starttag(self,tag,attrs):
        for k,v in attrs:
            assert not k.startswith("on"), (tag,k,v)
            if k in ("href","src","action","formaction","xlink:href"):
                assert not (v or "").strip().lower().startswith(("javascript:","data:","vbscript:")), (tag,k,v)
        if tag=="script":
            assert dict(attrs).get("src","").endswith(("assets/site.js","assets/live.js")), attrs
        assert tag not in ("iframe","object","embed","form","base","meta") or tag=="meta" and (dict(attrs).get("charset") or dict(attrs).get("name")=="viewport" or dict(attrs).get("http-equiv")=="Content-Security-Policy"), (tag,attrs)
P().feed(open(sys.argv[1],encoding="utf-8").read())' all.html
expect_contains ../h1/decisions/0100-hostile.html "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; &apos;single&apos;" "the title is escaped text"
expect_contains ../h1/decisions/0100-hostile.html '<a href="https://example.org/a&quot;b" title="quote&quot;title">ok</a>' "an allowed link keeps its URL, escaped"
expect_contains ../h1/decisions/0100-hostile.html '<a href="0101-other.html">next</a>' "a link to another record goes to its page"
expect_contains ../h1/decisions/0100-hostile.html 'click data' "a refused link keeps its text"
expect_contains ../h1/decisions/0100-hostile.html '<pre><code>&lt;script&gt;alert(17)&lt;/script&gt;' "code blocks are text; a hostile info string is dropped"
expect_contains ../h1/radar.html '&lt;script&gt;alert(18)&lt;/script&gt;' "a hostile radar entry is text"
expect_contains ../h1/radar.html '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">' "its allowed link is kept, escaped"
check "broken UTF-8 is replaced: every page is valid UTF-8" python3 -c '
import glob,sys
for f in glob.glob(sys.argv[1]+"/**/*", recursive=True):
    if f.endswith((".html",".json",".js")): open(f,"rb").read().decode("utf-8")' ../h1
check "the hostile search index is valid JSON with the titles as text" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
t=[x["t"] for x in d["docs"] if x["k"]=="decision"]
assert any("<script>alert(\"title\")</script>" in x for x in t), t' ../h1/assets/search.json
run "$ARCHGATE" site --out ../h2
check "the hostile corpus builds byte-identically twice" diff -r ../h1 ../h2
finish
