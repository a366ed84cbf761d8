#!/bin/bash
# t0046-error-causes: a write or read that fails names its cause (issue 10):
# "permission denied", "no space left on device", "dangling symbolic link",
# never a bare "input/output error". EACCES runs as a user without the
# power to override file modes (non-root: as is; root: setpriv drops
# CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH). ENOSPC runs in a private mount
# namespace on a full 64 KiB tmpfs (root with unshare and mount only;
# skipped otherwise). Dangling links are also in t0045 and t0165.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# a repository with one record
fresh() {
	rm -rf "$1"
	mkdir -p "$1/arch/decisions"
	git -C "$1" init -q
	(cd "$1" && "$ARCHGATE" adr new --no-edit "Use Kafka" >/dev/null)
}

# the command as someone file modes apply to
UNPRIV=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null &&
		setpriv --bounding-set -dac_override,-dac_read_search,-fowner true 2>/dev/null; then
		UNPRIV=(setpriv --bounding-set -dac_override,-dac_read_search,-fowner)
	else
		UNPRIV=(skip)
	fi
fi

# ---- permission denied ------------------------------------------------------
if [ "${UNPRIV[0]:-}" != skip ]; then
	R=$T/acc
	fresh "$R"
	chmod 555 "$R/arch/decisions"
	run_in "$R" "${UNPRIV[@]}" "$ARCHGATE" adr new --no-edit "Use NATS"
	expect_rc 2 "adr new in a folder it may not write"
	expect_contains "$ERR" "permission denied" "... names the cause"
	expect_not_contains "$ERR" "input/output error" "... not a bare I/O error"
	run_in "$R" "${UNPRIV[@]}" "$ARCHGATE" adr accept 1
	expect_rc 2 "adr accept in a folder it may not write"
	expect_contains "$ERR" "permission denied" "... names the cause"
	chmod 755 "$R/arch/decisions"
	chmod 000 "$R/arch/decisions/0001-use-kafka.md"
	run_in "$R" "${UNPRIV[@]}" "$ARCHGATE" adr list
	expect_rc 2 "adr list of a record it may not read"
	expect_contains "$ERR" "permission denied" "... names the cause"
	chmod 644 "$R/arch/decisions/0001-use-kafka.md"
	mkdir -p "$T/ro"
	chmod 555 "$T/ro"
	run "${UNPRIV[@]}" "$ARCHGATE" init "$T/ro/x"
	expect_rc 2 "init where it may not write"
	expect_contains "$ERR" "permission denied" "... names the cause"
	check "... and writes nothing" test ! -e "$T/ro/x"
	chmod 755 "$T/ro"
else
	echo "# skipped: permission denied (root without setpriv)"
fi

# ---- dangling symbolic link -------------------------------------------------
R=$T/dang
fresh "$R"
rm -rf "$R/arch/decisions"
ln -s "$T/nowhere" "$R/arch/decisions"
run_in "$R" "$ARCHGATE" adr new --no-edit "Use NATS"
expect_rc 2 "adr new when the records folder is a dangling symbolic link"
expect_contains "$ERR" "dangling symbolic link" "... names the cause"
check "... and does not create where it points" test ! -e "$T/nowhere"

# ---- no space left on device ------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m sh -c "mount -t tmpfs -o size=64k none '$T' 2>/dev/null" 2>/dev/null; then
	mkdir -p "$T/full"
	# inside: a full tmpfs on $T/full holding a repository; each command's
	# exit code, stdout and stderr are kept outside it, in $T
	run unshare -m bash -c '
		set -u
		M=$1 AG=$2 O=$3
		mount -t tmpfs -o size=64k none "$M" || exit 90
		mkdir -p "$M/r/arch/decisions" "$M/r/.git"
		(cd "$M/r" && "$AG" adr new --no-edit "Use Kafka" >/dev/null) || exit 91
		head -c 1000000 /dev/zero >"$M/fill" 2>/dev/null
		(cd "$M/r" && "$AG" adr new --no-edit "Use NATS") >"$O/new.out" 2>"$O/new.err"
		echo $? >"$O/new.rc"
		(cd "$M/r" && "$AG" adr accept 1) >"$O/acc.out" 2>"$O/acc.err"
		echo $? >"$O/acc.rc"
		"$AG" init "$M/i" >"$O/init.out" 2>"$O/init.err"
		echo $? >"$O/init.rc"
		ls -A "$M/r/arch/decisions" >"$O/left"
		test -e "$M/i/arch/system.yaml" && echo yes >"$O/init-left"
		exit 0' sh "$T/full" "$ARCHGATE" "$T"
	expect_rc 0 "a full 64 KiB tmpfs in a private mount namespace"
	check "adr new on a full disk fails" test "$(cat "$T/new.rc")" = 2
	expect_contains "$T/new.err" "no space left on device" "... naming the cause"
	expect_not_contains "$T/new.err" "input/output error" "... not a bare I/O error"
	check "adr accept on a full disk fails" test "$(cat "$T/acc.rc")" = 2
	expect_contains "$T/acc.err" "no space left on device" "... naming the cause"
	check "... and leaves no temp file" test "$(cat "$T/left")" = "0001-use-kafka.md"
	check "init on a full disk fails" test "$(cat "$T/init.rc")" = 2
	expect_contains "$T/init.err" "no space left on device" "... naming the cause"
	check "... and leaves nothing half written" test ! -e "$T/init-left"
else
	echo "# skipped: no space left on device (needs root, unshare and mount)"
fi

# ---- the terminal's own output --------------------------------------------
R=$T/out
fresh "$R"
run_in "$R" sh -c "'$ARCHGATE' adr list >/dev/full"
expect_rc 2 "stdout on a full device"
expect_contains "$ERR" "cannot write output: No space left on device" "... names the cause"

finish
