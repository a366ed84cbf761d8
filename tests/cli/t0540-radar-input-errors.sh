#!/bin/bash
# t0540-radar-input-errors: a bad radar.yaml is input (exit 2), every
# mistake reported as file:line:col in file order, never silently dropped.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

BAD=$FIXTURES/radar-bad/arch

run "$ARCHGATE" --dir "$BAD" check
expect_rc 2 "check refuses a radar with bad entries"
expect_empty "$OUT" "and reports no findings"
grep -v "has no system.yaml" "$ERR" >"$T/errors"
expect_golden radar-input-errors.txt "$T/errors" "every mistake, in file order"
expect_line "$T/errors" "arch/radar.yaml:9:58: error: unknown ring 'trail'; did you mean 'trial'? (adopt, trial, experiment, hold)" \
	"an unknown ring with did-you-mean"
expect_line "$T/errors" "arch/radar.yaml:13:4: error: entry 6 is empty; fill it in or remove the line" \
	"an empty entry is not dropped"
expect_line "$T/errors" "arch/radar.yaml:17:5: error: unknown key 'histroy' in entry; did you mean 'history'?" \
	"an unknown key with did-you-mean"
check "every error has a file:line:col" sh -c "! grep -v '^arch/radar.yaml:[0-9]*:[0-9]*: error: ' '$T/errors'"

for sub in "radar list" "radar scan" "radar render" "radar export --format byor" "status"; do
	run "$ARCHGATE" --dir "$BAD" $sub
	expect_rc 2 "$sub refuses it too"
done

# The templates and archgate's own radar are valid.
for t in minimal example; do
	run "$ARCHGATE" --dir "$AG_SRC/templates/$t/arch" radar list
	expect_rc 0 "templates/$t/arch/radar.yaml is valid"
done
run "$ARCHGATE" --dir "$AG_SRC/arch" radar list
expect_rc 0 "archgate's own arch/radar.yaml is valid"
finish
