#!/usr/bin/env bash
# Functions archgate's C code does not use (after curl's checksrc): they
# overflow buffers (sprintf, strcpy, strcat, gets), are undefined on bad
# input (atoi, atol) or keep hidden state (strtok). Exits 1 naming each use.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atoll|gets)[[:space:]]*\(' \
	src/*/*.c src/*/*.h; then
	echo "banned function used (see scripts/banned.sh for why and what to use)" >&2
	exit 1
fi

# snprintf's return value is the length it WOULD have written, which is
# more than the buffer when the text is cut (issue 10: a Gradle name longer
# than the key buffer became a key length past the stack buffer). A return
# value kept in a variable must be compared with the capacity within the
# next two lines, or the line says why it always fits with a "fits:"
# comment (numbers in a buffer sized for them). Lengths of text built from
# input come from the pieces (see ag_scan_join in src/radar/radar_read.c).
if ! awk '
	function report(f, l, t) { printf "%s:%d: %s\n", f, l, t; bad = 1 }
	FNR == 1 { pend = "" }
	{
		if (pend != "") {
			if ($0 ~ ("(\\(size_t\\))?" pend "[[:space:]]*(<|>|<=|>=)") ||
			    $0 ~ ("(<|>|<=|>=)[[:space:]]*(\\(int\\))?" pend "\\>"))
				pend = ""
			else if (FNR > pline + 2) {
				report(FILENAME, pline, ptext)
				pend = ""
			}
		}
		if ($0 ~ /fits:/ || prev ~ /fits:/) { prev = $0; next }
		prev = $0
		if (match($0, /[A-Za-z_][A-Za-z_0-9]*[[:space:]]*\+?=[[:space:]]*(\(size_t\))?v?snprintf\(/)) {
			v = substr($0, RSTART, RLENGTH)
			sub(/[[:space:]]*\+?=.*/, "", v)
			pend = v; pline = FNR; ptext = "snprintf return value used unchecked: " $0
		} else if ($0 ~ /(return|\(size_t\))[[:space:]]*v?snprintf\(/) {
			report(FILENAME, FNR, "snprintf return value used as a length: " $0)
		}
	}
	END { exit bad }' src/*/*.c; then
	echo "check snprintf's return value against the buffer (see scripts/banned.sh)" >&2
	exit 1
fi
