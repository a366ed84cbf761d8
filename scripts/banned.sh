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
