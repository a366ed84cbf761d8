/*
 * fuzz_baseline.c - arch/baseline.json (rules/baseline.h): any bytes as a
 * baseline. Checks: a refused file leaves a diagnostic with a place and
 * keeps nothing; an accepted one has sorted fingerprints, each of which it
 * then says it has.
 */
#include <string.h>
#include "base/diag.h"
#include "fuzz_common.h"
#include "rules/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return -1;
	struct ag_baseline b;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_baseline_parse((const char *)data, size, "arch/baseline.json", &b, &d);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	if (rc == AG_EINVAL) {
		FUZZ_CHECK(d.n == 1 && d.v[0].line >= 1 && d.v[0].col >= 1);
	} else if (!rc) {
		for (size_t i = 0; i < b.n; i++) {
			FUZZ_CHECK(!i || b.fp[i - 1] <= b.fp[i]);
			FUZZ_CHECK(ag_baseline_has(&b, b.fp[i]));
		}
	}
	ag_baseline_release(&b);
	ag_diags_release(&d);
	return 0;
}
