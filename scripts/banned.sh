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
# snprintf's return value is the length the whole text would have had, not
# what it wrote: used as a length it reads past the buffer once the text is
# cut (the Gradle reader did, on `kotlin("` and a long name). Use
# ag_snprintf() (base/buf.h), which returns what it wrote. Comparing the
# return value to detect a cut is fine; assigning or returning it is not.
if grep -nE '(=|return)[[:space:]]*(\((size_t|int)\)[[:space:]]*)?v?snprintf[[:space:]]*\(' \
	src/*/*.c src/*/*.h | grep -v '^src/base/buf\.c:'; then
	echo "snprintf's return value used as a length: use ag_snprintf() (base/buf.h)" >&2
	exit 1
fi
