/*
 * fuzz_api_diff.c - `archgate api diff` (src/api/api_diff.c): any bytes cut
 * at the first form feed (or in the middle) into an old and a new spec in
 * memory, and the new one diffed against the old one and against itself.
 *
 * Checked: every change has a known kind at its own level, a message and a
 * position (line and column >= 1) in the new spec, an old position in the
 * old spec when it has one, and the per-level counts add up; a spec
 * compared with itself has no breaking change.
 */
#include <string.h>
#include "api/api_diff.h"
#include "fuzz_common.h"

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

static void check_diff(const struct ag_api_diff *df, const char *newname, const char *oldname)
{
	FUZZ_CHECK(df->count[0] + df->count[1] + df->count[2] == df->n + df->dropped);
	for (size_t i = 0; i < df->n; i++) {
		const struct ag_api_change *c = &df->v[i];
		bool known = false;
		for (size_t k = 0; ag_api_change_kinds[k].kind && !known; k++)
			known = ag_api_change_kinds[k].kind == c->kind &&
				ag_api_change_kinds[k].level == c->level;
		FUZZ_CHECK(known);
		FUZZ_CHECK(c->message && c->pos.file && !strcmp(c->pos.file, newname));
		FUZZ_CHECK(c->pos.line >= 1 && c->pos.col >= 1);
		if (c->old.file)
			FUZZ_CHECK(!strcmp(c->old.file, oldname) && c->old.line >= 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	const char *text = (const char *)data;
	const char *ff = memchr(text, '\f', size);
	size_t cut = ff ? (size_t)(ff - text) : size / 2;
	size_t rest = ff ? cut + 1 : cut;
	struct ag_diags diags;
	ag_diags_init(&diags);
	struct ag_api_set os, ns;
	FUZZ_CHECK(ag_api_set_init(&os, NULL, &diags) == 0);
	FUZZ_CHECK(ag_api_set_init(&ns, NULL, &diags) == 0);
	size_t od, nd;
	int orc = ag_api_add_text(&os, "old.yaml", text, cut, &od);
	int nrc = ag_api_add_text(&ns, "new.yaml", text + rest, size - rest, &nd);
	if (!orc && !nrc) {
		struct ag_api_diff df = {0};
		int rc = ag_api_diff(&os, od, &ns, nd, &df);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		if (!rc)
			check_diff(&df, "new.yaml", "old.yaml");
		ag_api_diff_release(&df);
		struct ag_api_diff self = {0};
		rc = ag_api_diff(&ns, nd, &ns, nd, &self);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		if (!rc)
			FUZZ_CHECK(self.count[AG_API_BREAKING] == 0);
		ag_api_diff_release(&self);
	}
	ag_api_set_release(&os);
	ag_api_set_release(&ns);
	ag_diags_release(&diags);
	return 0;
}
