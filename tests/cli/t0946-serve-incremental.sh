#!/bin/bash
# t0946-serve-incremental: `archgate serve` after an edit (ADR 0055) logs
# how long the rebuild took and where (build_ms, swap_ms) and how many files
# changed, and its CPU time; unchanged files keep their responses (the same ETag, the same
# gzip bytes), changed ones are new; after several edits every file served
# is the bytes of a clean `archgate site` build; the open page is still told
# to reload; a failed rebuild keeps the site, and the next good one works.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

command -v curl >/dev/null || skip_all "curl is not installed"
run "$ARCHGATE" init --example demo
expect_rc 0 "init --example"
cd demo || exit 2
R=decisions/0002-start-with-a-modular-monolith

pid=
trap 'if [ -n "$pid" ]; then kill $pid; fi; cd /; rm -rf "$T"' EXIT
"$ARCHGATE" serve --port 0 --no-graphviz >../serve.out 2>../serve.err &
pid=$!
wait_for() {
	for _ in $(seq 1 400); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}
wait_for grep -q '^serving ' ../serve.out
U=$(sed -n 's|^serving \(http://127.0.0.1:[0-9]*/\)$|\1|p' ../serve.out)
check "the server listens" test -n "$U"
etag() { curl -sI "$@" | sed -n 's/^ETag: \(.*\)\r$/\1/p'; }
rebuilds() { grep -c '"event":"rebuilt"' ../serve.err; }
# wait_rebuilt N: until more than N rebuilds are logged
wait_rebuilt() { wait_for bash -c "[ \$(grep -c '\"event\":\"rebuilt\"' ../serve.err) -gt $1 ]"; }

css0=$(etag "${U}assets/site.css")
radar0=$(etag "${U}radar.html")
radar_gz0=$(curl -s -H 'Accept-Encoding: gzip' "${U}radar.html" | md5sum)
rec0=$(etag "${U}$R.html")
check "the pages have ETags" test -n "$css0" -a -n "$radar0" -a -n "$rec0"
curl -sN "${U}_archgate/events" >../events.txt &
cpid=$!
wait_for grep -q "archgate live reload" ../events.txt

n=$(rebuilds)
sed -i 's/^# ADR-002: Start with a modular monolith/# ADR-002: Start with a NEW-TITLE monolith/' \
	arch/$R.md
check "an edit is rebuilt" wait_rebuilt "$n"
check "the open page is told to reload" wait_for grep -q "^event: reload" ../events.txt
kill $cpid 2>/dev/null
wait $cpid 2>/dev/null
check "the rebuild logs its time, where it went and what changed" python3 -c '
import json,sys
ls=[json.loads(l) for l in open(sys.argv[1]) if "\"rebuilt\"" in l]
d=ls[-1]
assert {"files","changed","duration_ms","build_ms","swap_ms","cpu_ms"} <= set(d), d
assert 0 < d["changed"] < d["files"], d
assert d["build_ms"] >= 0 and d["swap_ms"] >= 0 and d["duration_ms"] >= d["build_ms"], d' ../serve.err
check "the first build logs every file as changed" python3 -c '
import json,sys
d=[json.loads(l) for l in open(sys.argv[1]) if "\"built\"" in l][0]
assert d["changed"]==d["files"], d' ../serve.err
check "the edited page has a new ETag" test "$(etag "${U}$R.html")" != "$rec0"
check "the stylesheet kept its ETag" test "$(etag "${U}assets/site.css")" = "$css0"
check "an unchanged page kept its ETag" test "$(etag "${U}radar.html")" = "$radar0"
check "and its gzip bytes" test "$(curl -s -H 'Accept-Encoding: gzip' "${U}radar.html" | md5sum)" = "$radar_gz0"
curl -s -o ../one -H "If-None-Match: $radar0" -w '%{http_code}' "${U}radar.html" >../code
check "If-None-Match with the old ETag of an unchanged page is still 304" test "$(cat ../code)" = 304

# several edits, then every file served equals a clean build
n=$(rebuilds)
sed -i 's/^\*\*Status:\*\* Accepted/**Status:** Deprecated/' arch/decisions/0005-*.md
check "a status edit is rebuilt" wait_rebuilt "$n"
n=$(rebuilds)
printf '# ADR-060: A new one\n\n**Status:** Proposed\n\n## Context\n\nSee [it](0002-start-with-a-modular-monolith.md).\n' \
	>arch/decisions/0060-new-one.md
check "a new record is rebuilt" wait_rebuilt "$n"
check "its page is served" wait_for bash -c "curl -sf '${U}decisions/0060-new-one.html' | grep -q 'A new one'"
n=$(rebuilds)
printf 'system: [unclosed\n' >../bad.yaml
cp arch/system.yaml ../system.yaml.good
cp ../bad.yaml arch/system.yaml
check "a broken model fails the rebuild" wait_for grep -q '"event":"rebuild-failed"' ../serve.err
cp ../system.yaml.good arch/system.yaml
check "fixed, it rebuilds" wait_rebuilt "$n"
run "$ARCHGATE" site --out ../clean --no-graphviz
expect_rc 0 "a clean build of the same input"
same=0 differ=
while read -r f; do
	[ "$f" = assets/live.js ] && continue
	curl -s -o ../one "$U$f"
	if cmp -s ../one "../clean/$f"; then same=$((same + 1)); else differ="$differ $f"; fi
done < <(cd ../clean && find . -type f ! -name .archgate-site | sed 's|^\./||' | sort)
check "every file served equals the clean build ($same files${differ:+; differ:$differ})" test -z "$differ"
check "gzip variants unpack to the clean build's bytes" bash -c \
	"curl -s -H 'Accept-Encoding: gzip' '${U}decisions/index.html' | gzip -dc | cmp - ../clean/decisions/index.html"
kill -TERM $pid
wait $pid
src=$?
pid=
check "SIGTERM stops it with exit 0" test "$src" = 0
finish
