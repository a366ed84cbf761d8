/*
 * fuzz_slo.c - the SLO reader (src/slo/slo_read.c): any bytes as one file
 * of OpenSLO, sloth or pyrra documents, then ag_slo_finish(), then the
 * budget, rules and explain writers over what was read (DataSources and
 * alert policies resolved by the reader).
 *
 * Checked: the reader reports input errors as diagnostics, never crashes;
 * every definition has a name and service (possibly ""), a window of at
 * least a second, a target in (0, 1) when it read without errors, and a
 * position in the file.
 */
#include <string.h>
#include "fuzz_common.h"
#include "slo/slo_budget.h"
#include "slo/slo_read.h"
#include "slo/slo_rules.h"
#include "slo/slo_convert.h"
#include "slo/slo_explain.h"

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	struct ag_arena arena;
	struct ag_diags diags;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	ag_diags_init(&diags);
	struct ag_slo_set s;
	ag_slo_set_init(&s, &arena);
	int rc = ag_slo_read(&s, "arch/slo/x.yaml", (const char *)data, size, &diags);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM);
	if (rc != AG_ENOMEM) {
		int r2 = ag_slo_finish(&s, &diags);
		FUZZ_CHECK(r2 == 0 || r2 == AG_EINVAL || r2 == AG_ENOMEM);
		if ((rc || r2) && r2 != AG_ENOMEM)
			FUZZ_CHECK(ag_diags_count(&diags, AG_SEV_ERROR) > 0 || diags.dropped > 0);
		for (size_t i = 0; i < s.n; i++) {
			const struct ag_slo_def *d = &s.v[i];
			FUZZ_CHECK(d->name && d->service && d->description && d->window);
			FUZZ_CHECK(d->window_s >= 1);
			FUZZ_CHECK(d->pos.file && d->pos.line >= 1 && d->pos.col >= 1);
			if (!rc && !r2)
				FUZZ_CHECK(d->target > 0 && d->target < 1);
		}
		if (!rc && !r2) {
			struct ag_buf out = AG_BUF_INIT;
			FUZZ_CHECK(ag_slo_budget_text(&out, &s) == 0);
			ag_buf_reset(&out);
			FUZZ_CHECK(ag_slo_budget_json(&out, &s) == 0);
			ag_buf_reset(&out);
			struct ag_slo_rules_opts o = {.min_events = (long long)(size % 3) * 50};
			int r3 = ag_slo_rules(&out, &s, &o, &diags);
			FUZZ_CHECK(r3 == 0 || r3 == AG_EINVAL);
			for (size_t i = 0; i < s.n; i++) {
				ag_buf_reset(&out);
				FUZZ_CHECK(ag_slo_explain(&out, &s.v[i], 0.5, i % 2) == 0);
			}
			for (int to = AG_SLO_OPENSLO; to <= AG_SLO_PYRRA; to++) {
				ag_buf_reset(&out);
				FUZZ_CHECK(ag_slo_convert(&out, &s, (enum ag_slo_format)to, &diags) == 0);
			}
			if (!r3) {
				/* the test generator reads every query's selector */
				ag_buf_reset(&out);
				FUZZ_CHECK(ag_slo_rules_tests(&out, &s, &o, "rules.yaml", &diags) == 0);
			}
			ag_buf_release(&out);
		}
	}
	ag_diags_release(&diags);
	ag_arena_release(&arena);
	return 0;
}
