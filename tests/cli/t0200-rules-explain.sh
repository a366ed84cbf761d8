#!/bin/bash
# t0200-rules-explain: "Every rule carries the seed's reasoning as its
# rationale and a concrete fix." `archgate rules` lists every rule of the
# registry (text and json agree, and the rulebook's rules are all there);
# for every rule, `archgate explain ID` prints a non-empty Why (the
# rationale) and Fix section, its phase and severity, and says when it is a
# red flag; `explain ID --format json` is the registry entry.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

run "$ARCHGATE" rules --format json
expect_rc 0 "rules --format json"
cp "$OUT" "$T/rules.json"
if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/rules.json" 2>/dev/null; then
	fail "rules --format json is one JSON document"
	_show_last
	finish
fi
pass "rules --format json is one JSON document"

python3 - "$T/rules.json" >"$T/ids" 2>"$T/ids.err" <<'EOF'
import json, sys
rules = json.load(open(sys.argv[1]))
for r in rules:
    assert set(r) == {"id", "phase", "severity", "red_flag", "title", "rationale", "fix"}, r
    assert r["phase"] in ("1", "1.5", "2", "2.5", "3", "4"), r
    assert r["severity"] in ("error", "warning", "note"), r
    assert isinstance(r["red_flag"], bool), r
    for k in ("title", "rationale", "fix"):
        assert r[k].strip(), (r["id"], k)
    print(r["id"])
EOF
check "every rule in json has id, phase, severity, red_flag, title, rationale and fix" \
	test ! -s "$T/ids.err"
sed 's/^/    /' "$T/ids.err"

# The rules of the rulebook (Phases 1.5 to 4 and the red flags) are all
# registered.
for id in edge-runtime-limits global-latency-edge local-first-sync ai-controls \
	data-owner financial-consistency data-gravity failure-modes \
	structured-logs trace-propagation slo-defined \
	metrics-endpoint error-format review-policy cost-ceiling cross-az-transfer \
	unreviewed-deploy load-bearing-plan debt-terms big-bang-rewrite \
	authority-appeal microservices-for-spaghetti data-migration-deferred \
	kubernetes-scale undocumented-technology microservices-justified; do
	check "rule $id is registered" grep -qx -- "$id" "$T/ids"
done
for id in authority-appeal microservices-for-spaghetti data-migration-deferred \
	kubernetes-scale undocumented-technology unreviewed-deploy microservices-justified; do
	check "rule $id is a red flag" python3 -c 'import json,sys
r = {x["id"]: x for x in json.load(open(sys.argv[1]))}[sys.argv[2]]
sys.exit(0 if r["red_flag"] else 1)' "$T/rules.json" "$id"
done

# `archgate rules` lists the same rules, in the same order, one per line:
# id, phase, severity, title (and "(red flag)" for the red flags).
run "$ARCHGATE" rules
expect_rc 0 "rules"
awk '{print $1}' "$OUT" >"$T/text-ids"
check "rules (text) lists exactly the json's rules, in order" cmp -s "$T/ids" "$T/text-ids"
python3 - "$T/rules.json" "$OUT" >"$T/rows" 2>&1 <<'EOF'
import json, re, sys
rules = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
bad = []
for r, line in zip(rules, lines):
    m = re.match(r"^(\S+) +(\S+) +(\S+) +(.*)$", line)
    title = r["title"] + (" (red flag)" if r["red_flag"] else "")
    if not m or m.groups() != (r["id"], r["phase"], r["severity"], title):
        bad.append("row does not match the registry: %r" % line)
print("\n".join(bad) or "ok")
EOF
check "each text row is id, phase, severity and title (red flags marked)" grep -qx ok "$T/rows"
grep -qx ok "$T/rows" || sed 's/^/    /' "$T/rows"
# the columns line up: the phase starts at the same column on every row
python3 - "$OUT" >"$T/cols" 2>&1 <<'EOF'
import re, sys
cols = {}
for line in open(sys.argv[1]).read().splitlines():
    m = re.match(r"^(\S+ +)\S", line)
    cols.setdefault(len(m.group(1)), []).append(line.split()[0])
if len(cols) == 1:
    print("ok")
else:
    for c, ids in sorted(cols.items()):
        print("phase at column %d: %s" % (c + 1, ", ".join(ids[:3]) + (" ..." if len(ids) > 3 else "")))
EOF
check "rules (text): the phase column lines up on every row" grep -qx ok "$T/cols"
grep -qx ok "$T/cols" || sed 's/^/    /' "$T/cols"

# explain, for every rule
while read -r id; do
	run "$ARCHGATE" explain "$id"
	if [ "$rc" != 0 ]; then
		fail "explain $id exits 0" "exit code $rc"
		_show_last
		continue
	fi
	python3 - "$T/rules.json" "$id" "$OUT" >"$T/explain" 2>&1 <<'EOF'
import json, re, sys
rule = {r["id"]: r for r in json.load(open(sys.argv[1]))}[sys.argv[2]]
text = open(sys.argv[3]).read()
lines = text.splitlines()
problems = []
if lines[0] != "%s: %s" % (rule["id"], rule["title"]):
    problems.append("first line is not 'ID: title': %r" % lines[0])
def section(name):
    if name not in lines:
        problems.append("no %s section" % name)
        return ""
    body = []
    for l in lines[lines.index(name) + 1:]:
        if not l.startswith("  "):
            break
        body.append(l.strip())
    return " ".join(body)
norm = lambda s: " ".join(s.split())
why, fix = section("Why"), section("Fix")
if not why:
    problems.append("the Why section is empty")
elif norm(why) != norm(rule["rationale"]):
    problems.append("Why is not the rationale:\n  %s\n  %s" % (norm(why), norm(rule["rationale"])))
if not fix:
    problems.append("the Fix section is empty")
elif norm(fix) != norm(rule["fix"]):
    problems.append("Fix is not the registry's fix:\n  %s\n  %s" % (norm(fix), norm(rule["fix"])))
m = re.search(r"^  Phase: +(\S+) \(", text, re.M)
if not m or m.group(1) != rule["phase"]:
    problems.append("phase line missing or wrong")
m = re.search(r"^  Severity: +(.*)$", text, re.M)
want = rule["severity"] + (", red flag (reopens Phase 1)" if rule["red_flag"] else "")
if not m or m.group(1) != want:
    problems.append("severity line is %r, expected %r" % (m and m.group(1), want))
if "    %s: warning" % rule["id"] not in lines and "    %s: off" % rule["id"] not in lines:
    problems.append("no policy example for the rule")
print("\n".join(problems) or "ok")
EOF
	if grep -qx ok "$T/explain"; then
		pass "explain $id: title, phase, severity, Why = rationale, Fix = fix"
	else
		fail "explain $id: title, phase, severity, Why = rationale, Fix = fix"
		sed 's/^/    /' "$T/explain"
	fi
	run "$ARCHGATE" explain "$id" --format json
	python3 - "$T/rules.json" "$id" "$OUT" >"$T/ej" 2>&1 <<'EOF'
import json, sys
rule = {r["id"]: r for r in json.load(open(sys.argv[1]))}[sys.argv[2]]
print("ok" if json.load(open(sys.argv[3])) == rule else "differs")
EOF
	check "explain $id --format json is the registry entry" grep -qx ok "$T/ej"
done <"$T/ids"

run "$ARCHGATE" explain no-such-rule
expect_rc 2 "explain: an unknown rule is a usage error"
expect_contains "$ERR" "no rule 'no-such-rule'" "explain: says which rule is unknown"
run "$ARCHGATE" explain edge-runtime
expect_rc 2 "explain: a prefix is not a rule"

finish
