#!/usr/bin/env bash
# bench/init-corpus.sh - `archgate init`'s discovery (issue 17) measured on
# real repositories against a truth written by hand first.
#
#   bench/init-corpus.sh CHECKOUTS TRUTHS [ARCHGATE]
#
# CHECKOUTS holds one folder per repository (kept outside this repository);
# TRUTHS holds NAME.txt for each, written from the repository's own files
# before looking at archgate's answer:
#
#   container ID KIND [TECH ...]   a container that really is one
#   relation FROM TO               a relation between two of them
#   # ...                          comments
#
# For each repository with a truth file it copies the checkout, runs
# `archgate init --no-input` in the copy, and prints: containers (truth,
# found, matched by id, precision, recall), kinds right, relations (truth,
# found, matched, precision, recall), init's wall time, and the exit codes
# of `archgate baseline && archgate check` then — red flags, which the
# seed says STOP at, stay out of a baseline unless policy allows them — the
# same with `baseline: {red_flags: true}`.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,22p' "$0"; exit 2; }
CHECKOUTS=$1
TRUTHS=$2
AG=${3:-$(cd "$(dirname "$0")/.." && pwd)/build/archgate}
[ -x "$AG" ] || { echo "init-corpus.sh: no archgate at $AG (build first)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.0f%%", 100 * a / b }'; }

printf '%-28s %5s %5s %5s %6s %6s %5s | %5s %5s %5s %6s %6s | %7s %5s %5s\n' \
	repository truth found match prec recall kinds truth found match prec recall "init s" check "+rf"
for t in "$TRUTHS"/*.txt; do
	name=$(basename "$t" .txt)
	[ -d "$CHECKOUTS/$name" ] || continue
	R=$WORK/$name
	rm -rf "$R"
	cp -R "$CHECKOUTS/$name" "$R"
	rm -rf "$R/.git"
	start=$(date +%s.%N)
	(cd "$R" && "$AG" init --no-input >/dev/null 2>&1) || { echo "$name: init failed"; continue; }
	end=$(date +%s.%N)
	S=$R/arch/system.yaml
	# what init wrote: "C id kind" and "R from to" (its own, fixed layout)
	awk '/^    - id: /{id=$3; gsub(/"/,"",id)} /^      kind: /{if (id!="") print "C", id, $2; id=""}
	     /^    - from: /{f=$3} /^      to: /{print "R", f, $2}' "$S" | sort -u >"$WORK/found"
	{ grep -E '^container ' "$t" || true; } | awk '{print "C", $2, $3}' | sort -u >"$WORK/truth-c"
	{ grep -E '^relation ' "$t" || true; } | awk '{print "R", $2, $3}' | sort -u >"$WORK/truth-r"
	tc=$(wc -l <"$WORK/truth-c"); tr_=$(wc -l <"$WORK/truth-r")
	fc=$(grep -c '^C' "$WORK/found" || true); fr=$(grep -c '^R' "$WORK/found" || true)
	mc=$(join <(awk '{print $2}' "$WORK/truth-c" | sort) <(awk '/^C/{print $2}' "$WORK/found" | sort) | wc -l)
	mk=$(comm -12 "$WORK/truth-c" <(grep '^C' "$WORK/found" | sort) | wc -l)
	mr=$(comm -12 "$WORK/truth-r" <(grep '^R' "$WORK/found" | sort) | wc -l)
	c1=0 c2=0
	(cd "$R" && "$AG" baseline >/dev/null 2>&1; "$AG" check >/dev/null 2>&1) || c1=$?
	printf '\nbaseline:\n  red_flags: true\n' >>"$R/arch/archgate.yaml"
	(cd "$R" && "$AG" baseline --accept-new >/dev/null 2>&1; "$AG" check >/dev/null 2>&1) || c2=$?
	printf '%-28s %5d %5d %5d %6s %6s %5d | %5d %5d %5d %6s %6s | %7.2f %5d %5d\n' "$name" \
		"$tc" "$fc" "$mc" "$(pct "$mc" "$fc")" "$(pct "$mc" "$tc")" "$mk" \
		"$tr_" "$fr" "$mr" "$(pct "$mr" "$fr")" "$(pct "$mr" "$tr_")" \
		"$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$c1" "$c2"
	if [ -n "${VERBOSE:-}" ]; then
		echo "  missed:  $(comm -23 <(awk '{print $2}' "$WORK/truth-c" | sort) <(awk '/^C/{print $2}' "$WORK/found" | sort) | tr '\n' ' ')"
		echo "  extra:   $(comm -13 <(awk '{print $2}' "$WORK/truth-c" | sort) <(awk '/^C/{print $2}' "$WORK/found" | sort) | tr '\n' ' ')"
		echo "  kinds:   $(comm -13 "$WORK/truth-c" <(grep '^C' "$WORK/found" | sort) | tr '\n' ' ')"
		echo "  rel missed: $(comm -23 "$WORK/truth-r" <(grep '^R' "$WORK/found" | sort) | tr '\n' ' ')"
		echo "  rel extra:  $(comm -13 "$WORK/truth-r" <(grep '^R' "$WORK/found" | sort) | tr '\n' ' ')"
	fi
done
