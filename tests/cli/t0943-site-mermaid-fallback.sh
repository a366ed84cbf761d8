#!/bin/bash
# t0943-site-mermaid-fallback: a ```mermaid block is shown as code, the
# build never fails, and stderr says so once, naming the record's
# file:line: when no renderer is installed (ARCHGATE_MERMAID names a
# missing program; mmdc is not on PATH), when the renderer fails on a
# block (a real mmdc on a diagram with a syntax error: its error is
# quoted), and not at all with --no-mermaid or ARCHGATE_MERMAID=none. A
# diagram that names an image on a server of 127.0.0.1 never reaches it:
# the browser mmdc starts has the network refused.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

export HOME=$T
export ARCHGATE_CACHE_DIR=$T/cache
MMDC=$AG_TESTS/node_modules/.bin/mmdc

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cat >demo/arch/decisions/0009-flow.md <<'MD'
# 9. Flow

**Status:** Accepted
**Date:** 2026-11-20

## Context

```mermaid
flowchart LR
  A[Checkout] --> B[Payments]
```

And a second one:

~~~mermaid
flowchart TD
  X --> Y
~~~
MD

# ---- no renderer ---------------------------------------------------------
ARCHGATE_MERMAID=$T/no-such-mmdc run_in demo "$ARCHGATE" site --out ../s1 --format json
expect_rc 0 "no renderer: the build succeeds"
expect_first_line "$ERR" "arch/decisions/0009-flow.md:8: warning: Mermaid block shown as code: no Mermaid renderer ('$T/no-such-mmdc' is not installed; install @mermaid-js/mermaid-cli or set ARCHGATE_MERMAID)" \
	"one warning naming the first block's file:line"
expect_contains "$ERR" "warning: 1 more Mermaid blocks shown as code for the same reason" "and how many more"
check "two lines of warning in all" test "$(wc -l <"$ERR")" = 2
check "JSON counts both as code" python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["mermaid"] == {"svg": 0, "code": 2}' "$OUT"
expect_contains s1/decisions/0009-flow.html '<pre><code class="language-mermaid">flowchart LR
  A[Checkout] --&gt; B[Payments]
</code></pre>' "the block as code, escaped"
check "no mermaid/ folder" test ! -e s1/mermaid
check "nothing cached" test ! -e "$T/cache"

# mmdc looked up on PATH by default: not there
PATH=/usr/bin:/bin ARCHGATE_MERMAID= run_in demo "$ARCHGATE" site --out ../s2
expect_rc 0 "ARCHGATE_MERMAID empty: the build succeeds"
expect_empty "$ERR" "ARCHGATE_MERMAID empty: off, no warning"
(cd demo && env -u ARCHGATE_MERMAID PATH=/usr/bin:/bin "$ARCHGATE" site --out ../s3) >/dev/null 2>"$T/path.err"
check "mmdc not on PATH: the default renderer named in the warning" grep -q "no Mermaid renderer ('mmdc' is not installed" "$T/path.err"
check "the same pages as with a missing ARCHGATE_MERMAID" diff -r s1 s3

ARCHGATE_MERMAID=$T/no-such-mmdc run_in demo "$ARCHGATE" site --out ../s4 --no-mermaid
expect_rc 0 "--no-mermaid"
expect_empty "$ERR" "--no-mermaid: no warning"
check "--no-mermaid: the same pages" diff -r s1 s4
ARCHGATE_MERMAID=none run_in demo "$ARCHGATE" site --out ../s5
expect_empty "$ERR" "ARCHGATE_MERMAID=none: no warning"

# ---- a renderer that fails ---------------------------------------------------
printf '#!/bin/sh\necho "Error: the renderer broke" >&2\nexit 3\n' >"$T/broken"
chmod +x "$T/broken"
ARCHGATE_MERMAID=$T/broken run_in demo "$ARCHGATE" site --out ../s6
expect_rc 0 "a failing renderer: the build succeeds"
expect_first_line "$ERR" "arch/decisions/0009-flow.md:8: warning: Mermaid block shown as code: the renderer failed: it exited with status 3: Error: the renderer broke" \
	"the failure named, with its file:line and the renderer's error"
check "the pages as without a renderer" diff -r s1 s6

if [ -x "$MMDC" ] && [ -x /usr/bin/chromium ]; then
	# a real mmdc on a diagram it cannot parse, and on one naming an image
	# on a local server
	: >"$T/http.log"
	python3 -u -m http.server 0 --bind 127.0.0.1 >"$T/http.log" 2>&1 &
	hpid=$!
	trap 'kill $hpid 2>/dev/null; cd /; rm -rf "$T"' EXIT
	PORT=
	for _ in $(seq 1 100); do
		PORT=$(sed -n 's|.*port \([0-9]*\).*|\1|p' "$T/http.log" | head -1)
		[ -n "$PORT" ] && break
		sleep 0.05
	done
	check "a local HTTP server listens" test -n "$PORT"
	cat >demo/arch/decisions/0010-broken.md <<MD
# 10. Broken

**Status:** Accepted

## Context

\`\`\`mermaid
flowchart LR
  A[x --> B
\`\`\`

\`\`\`mermaid
flowchart LR
  A[Start] --> D@{ img: "http://127.0.0.1:$PORT/pic.png", label: "Pic", pos: "t", h: 60 }
  click A href "http://127.0.0.1:$PORT/link"
  style A fill:url(http://127.0.0.1:$PORT/fill)
\`\`\`
MD
	ARCHGATE_MERMAID=$MMDC run_in demo "$ARCHGATE" site --out ../s7 --format json
	expect_rc 0 "real mmdc, a broken diagram: the build succeeds"
	expect_match "$ERR" "^arch/decisions/0010-broken.md:7: warning: Mermaid block shown as code: the renderer failed: it exited with status 1: Error: Parse error on line" \
		"mmdc's parse error quoted with the block's file:line"
	check "the good diagrams drawn" grep -q '<img class="diagram" src="../mermaid/' s7/decisions/0009-flow.html
	expect_contains s7/decisions/0010-broken.html '<pre><code class="language-mermaid">flowchart LR
  A[x --&gt; B' "the broken one as code"
	sleep 0.5
	check "nothing reached the local server" sh -c "! grep -q 'GET ' '$T/http.log'"
	curl -s "http://127.0.0.1:$PORT/control" >/dev/null
	sleep 0.2
	check "(the server logs what does reach it)" grep -q 'GET /control' "$T/http.log"
	kill $hpid
	wait $hpid 2>/dev/null
else
	pass "# skipped: the real mmdc (cd tests && npm ci) and chromium"
fi

finish
