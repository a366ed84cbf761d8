/*
 * fuzz_api.c - the API linter (src/api/): any bytes as one OpenAPI or
 * Swagger spec in memory, linted by every api-* rule, then turned into a
 * check result and written in every report format.
 *
 * Checked: reading reports input errors as diagnostics, never crashes;
 * $refs to other files are refused without touching the file system (the
 * spec is not a file); every finding has a known rule, a message and a
 * position (line and column >= 1) in the spec; every exception a finding
 * names is one of the result's; the writers succeed on whatever was found.
 */
#include <string.h>
#include "api/api_lint.h"
#include "fuzz_common.h"
#include "report/report.h"
#include "rules/rules_api.h"

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	struct ag_diags diags;
	ag_diags_init(&diags);
	struct ag_api_set s;
	FUZZ_CHECK(ag_api_set_init(&s, NULL, &diags) == 0);
	size_t doc;
	int rc = ag_api_add_text(&s, "spec.yaml", (const char *)data, size, &doc);
	FUZZ_CHECK(rc == 0 || rc == AG_EPARSE || rc == AG_ELIMIT || rc == AG_ENOMEM);
	if (rc && rc != AG_ENOMEM)
		FUZZ_CHECK(ag_diags_count(&diags, AG_SEV_ERROR) > 0 || diags.dropped > 0);
	if (!rc) {
		struct ag_api_result ar = {0};
		struct ag_api_lint_opts o = {20000}; /* 2024-10-04 */
		rc = ag_api_lint(&s, &o, &ar);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		FUZZ_CHECK(s.n == 1); /* nothing read behind an in-memory spec */
		for (size_t i = 0; i < ar.n; i++) {
			const struct ag_api_finding *f = &ar.v[i];
			FUZZ_CHECK(ag_api_rule_id(f->rule) != NULL);
			FUZZ_CHECK(f->message && f->pos.file && !strcmp(f->pos.file, "spec.yaml"));
			FUZZ_CHECK(f->pos.line >= 1 && f->pos.col >= 1);
			if (f->ignore)
				FUZZ_CHECK(f->ignore >= ar.ignores && f->ignore < ar.ignores + ar.nignores &&
					   !f->ignore->expired);
		}
		if (!rc) {
			struct ag_waiver *wv = calloc(ar.nignores + 1, sizeof(*wv));
			struct ag_result res;
			if (wv && ag_api_result_to_check(NULL, &ar, wv, &res) == 0) {
				FUZZ_CHECK(res.findings.n == ar.n);
				struct ag_report_opts ro = {false, "fuzz"};
				for (int f = 0; f < AG_FMT__COUNT; f++) {
					struct ag_buf out = AG_BUF_INIT;
					int wr = ag_report_check(&out, (enum ag_format)f, NULL, &res, &ro);
					FUZZ_CHECK(wr == 0 || wr == AG_ENOMEM);
					ag_buf_release(&out);
				}
			}
			ag_result_release(&res);
			free(wv);
		}
		ag_api_result_release(&ar);
	}
	ag_api_set_release(&s);
	ag_diags_release(&diags);
	return 0;
}
