#!/bin/bash
# gen-records.sh N DIR: write N decision records in the seed's template to
# DIR (made if missing), deterministic: statuses, tags, deciders and dates
# cycle, every tenth record supersedes the one before it, and each has
# a few paragraphs of generated text (about 1.5 KB a record), so site
# builds, searches and filters can be measured and tested at scale.
set -eu
n=$1 dir=$2
mkdir -p "$dir"
awk -v n="$n" -v dir="$dir" 'BEGIN {
	split("Accepted Accepted Accepted Proposed Deprecated Rejected", st, " ")
	split("storage api security payments search frontend ops data", tg, " ")
	split("Dana Okafor|Priya Raman|Tomas Herrera|Lee Wong", dc, "|")
	split("cache queue gateway ledger index schema replica broker", w, " ")
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/%04d-decision-about-%s-%d.md", dir, i, w[i % 8 + 1], i)
		status = st[i % 6 + 1]
		if (i % 10 == 9 && i < n) status = "Superseded"
		printf "# ADR-%04d: Decide the %s for area %d\n\n", i, w[i % 8 + 1], i > f
		printf "**Status:** %s\n**Date:** 2026-%02d-%02d\n**Deciders:** %s\n", status, i % 12 + 1, i % 28 + 1, dc[i % 4 + 1] > f
		printf "**Tags:** %s, %s\n\n", tg[i % 8 + 1], tg[(i * 3) % 8 + 1] > f
		if (status == "Superseded")
			printf "Superseded by [ADR-%04d](%04d-decision-about-%s-%d.md)\n\n", i + 1, i + 1, w[(i + 1) % 8 + 1], i + 1 > f
		printf "## Context\n\nArea %d needs a %s. The %s of area %d is shared by %d teams, and\n", i, w[i % 8 + 1], w[(i + 3) % 8 + 1], i, i % 5 + 2 > f
		printf "its load grows by %d%% a quarter. We measured p99 latency of %d ms.\n\n", i % 40 + 5, i % 300 + 20 > f
		printf "## Decision\n\nWe will use a %s for area %d, owned by the %s team.\n\n", w[(i + 1) % 8 + 1], i, tg[i % 8 + 1] > f
		printf "## Consequences\n\n- Positive: fewer %s incidents.\n- Negative: one more %s to run.\n\n", w[(i + 2) % 8 + 1], w[(i + 5) % 8 + 1] > f
		printf "## Alternatives Considered\n\n| Option | Why Rejected |\n|---|---|\n| A %s | N/A |\n| No %s | Costs %d hours a month |\n", w[(i + 1) % 8 + 1], w[i % 8 + 1], i % 30 + 1 > f
		close(f)
	}
}'
