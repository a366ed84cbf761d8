/*
 * fuzz_api_ruleset.c - Spectral rulesets (src/api/api_ruleset.c) from any
 * bytes. Checked: a parse that fails says why; one that succeeds has only
 * known severities, and every skipped entry has a name, a reason and a
 * position in the file.
 */
#include <string.h>
#include "api/api_ruleset.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 20))
		return -1;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_api_ruleset rs;
	int rc = ag_api_ruleset_parse((const char *)data, size, ".spectral.yaml", &rs, &d);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM || rc == AG_EPARSE || rc == AG_ELIMIT ||
		   rc == AG_EINVAL);
	if (rc && rc != AG_ENOMEM)
		FUZZ_CHECK(ag_diags_count(&d, AG_SEV_ERROR) > 0 || d.dropped);
	if (!rc) {
		for (size_t i = 0; i < AG_API__NRULES; i++)
			FUZZ_CHECK(rs.sev[i] == AG_API_SEV_UNSET || rs.sev[i] == AG_API_SEV_DEFAULT ||
				   (rs.sev[i] >= AG_SEV_OFF && rs.sev[i] <= AG_SEV_ERROR));
		for (size_t i = 0; i < rs.nskipped; i++)
			FUZZ_CHECK(rs.skipped[i].name && rs.skipped[i].why &&
				   !strcmp(rs.skipped[i].pos.file, ".spectral.yaml") &&
				   rs.skipped[i].pos.line >= 1);
	}
	ag_api_ruleset_release(&rs);
	ag_diags_release(&d);
	return 0;
}
