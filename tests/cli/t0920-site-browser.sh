#!/bin/bash
# t0920-site-browser: the site in a real browser. playwright-core (pinned in
# tests/package-lock.json) drives Debian's chromium, headless, through
# tests/site/check-site.mjs: every page type of the example loads with no
# console error, no page error and no CSP violation, and axe-core finds no
# serious or critical WCAG 2 A/AA violation on it; search finds and opens a
# record; the status filter shows exactly the rows of each status; a radar
# blip leads to its entry; no request leaves the site. The same from
# file:// and from `archgate serve` (where an edit reloads the open page),
# for a generated 1,000-record repository, and for the hostile corpus,
# where no script of the records may run (alert, confirm and prompt are
# trapped; dialogs are counted). Screenshots of every page type are kept
# in $AG_BUILD/site-screenshots/.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

missing() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (scripts/deps.sh --test installs it)"
		finish
	fi
	skip_all "$1"
}
command -v node >/dev/null || missing "node is not installed"
[ -x /usr/bin/chromium ] || missing "chromium is not installed (apt-get install chromium)"
[ -d "$AG_TESTS/node_modules/playwright-core" ] && [ -d "$AG_TESTS/node_modules/axe-core" ] ||
	missing "playwright-core is not installed (cd tests && npm ci)"
CHECK=$AG_TESTS/site/check-site.mjs
SHOTS=${AG_BUILD:-$T}/site-screenshots
rm -rf "$SHOTS"
export HOME=$T # chromium's profile and crash folders

browse() { # browse NAME ARGS...: run the checker, one expectation per line
	local name=$1
	shift
	node "$CHECK" --shots "$SHOTS/$name" "$@" >"$T/$name.txt" 2>&1
	local brc=$?
	while IFS= read -r line; do
		case $line in
		"ok - "*failed) ;;
		"ok - "*) pass "$name: ${line#ok - }" ;;
		"FAIL - "*failed) ;;
		"FAIL - "*) fail "$name: ${line#FAIL - }" ;;
		esac
	done <"$T/$name.txt"
	if [ $brc != 0 ] && ! grep -q "^FAIL" "$T/$name.txt"; then
		fail "$name: the browser check ran to its end" "$(tail -20 "$T/$name.txt")"
	fi
}

run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
REC=decisions/0005-publish-order-events-through-a-transactional-outbox.html
# the example's SLO over its request log gives the SLOs page a burn-down chart (t0940)
run_in demo "$ARCHGATE" site --out ../example
expect_rc 0 "the example's site"
check "with a burn-down chart" grep -q '<figure class="burn"' "$T/example/slos.html"
browse file-example --base "file://$T/example/" --record $REC --search outbox --expect "ADR-005"

# archgate serve, and live reload
(cd demo && exec "$ARCHGATE" serve --port 0 --no-graphviz >"$T/serve.out" 2>"$T/serve.err") &
pid=$!
trap 'kill $pid 2>/dev/null; cd /; rm -rf "$T"' EXIT
U=
for _ in $(seq 1 200); do
	U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' "$T/serve.out")
	[ -n "$U" ] && break
	sleep 0.05
done
check "archgate serve listens" test -n "$U"
browse serve-example --base "$U" --record $REC --search outbox --expect "ADR-005" \
	--live "$T/demo/arch/decisions/0005-publish-order-events-through-a-transactional-outbox.md:## Context:## Context (LIVE-EDIT)"
kill $pid
wait $pid 2>/dev/null

# 1,000 records
mkdir -p big/arch
bash "$AG_TESTS/site/gen-records.sh" 1000 big/arch/decisions
git init -q big
run_in big "$ARCHGATE" site --out ../bigsite --no-graphviz
expect_rc 0 "the site of 1,000 records"
expect_match "$OUT" "1000 decision records" "with every record"
browse file-1000 --base "file://$T/bigsite/" --record decisions/0500-decision-about-index-500.html \
	--search "area 777" --expect "ADR-777"

# the hostile corpus: no script of the records runs in the browser
run "$ARCHGATE" init --example hostile
bash "$AG_TESTS/site/hostile-corpus.sh" hostile/arch
run_in hostile "$ARCHGATE" site --out ../hostsite
expect_rc 0 "the hostile corpus builds"
browse file-hostile --base "file://$T/hostsite/" --record decisions/0100-hostile.html --hostile \
	--search "script" --expect "<script>"
check "screenshots of every page type are kept" test -s "$SHOTS/file-example/radar.png"
finish
