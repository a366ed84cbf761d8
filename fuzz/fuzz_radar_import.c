/*
 * fuzz_radar_import.c - `archgate radar import`: ag_radar_import() of BYOR
 * CSV (built as fuzz_radar_import_byor) or Zalando JSON (built as
 * fuzz_radar_import_zalando, FUZZ_ZALANDO defined).
 *
 * The round-trip property (issue 10): when import returns 0, what it wrote
 * is a radar.yaml archgate loads without an input error - parsed with
 * ag_yaml_parse() and loaded with ag_radar_load() as the model loader does.
 * Import may refuse input (AG_EPARSE, AG_EINVAL with an error diagnostic),
 * never succeed with a file archgate rejects; a refusal must say why.
 */
#include <string.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "fuzz_common.h"
#include "model/radar.h"
#include "radar/radar_export.h"
#include "yaml/schema.h"
#include "yaml/yaml_tree.h"

/* BYOR sheets and Zalando configs are a few hundred entries, far under this. */
#define FUZZ_MAX_INPUT ((size_t)256 << 10)

#ifdef FUZZ_ZALANDO
#define FUZZ_FMT AG_RX_ZALANDO
#else
#define FUZZ_FMT AG_RX_BYOR
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_radar_import(&out, "in", (const char *)data, size, FUZZ_FMT, "2026-11-25", &d);
	if (rc) {
		FUZZ_CHECK(rc == AG_EPARSE || rc == AG_EINVAL || rc == AG_ENOMEM || rc == AG_ELIMIT);
		FUZZ_CHECK(rc == AG_ENOMEM || ag_diags_count(&d, AG_SEV_ERROR) > 0);
	} else {
		FUZZ_CHECK(ag_diags_count(&d, AG_SEV_ERROR) == 0);
		FUZZ_CHECK(ag_utf8_valid(out.data, out.len));
		struct ag_arena a;
		ag_arena_init(&a, FUZZ_ARENA_BUDGET);
		struct ag_diags ld;
		ag_diags_init(&ld);
		struct ag_ynode *root = NULL;
		int prc = ag_yaml_parse(&a, "radar.yaml", out.data, out.len, &root, &ld);
		if (prc != AG_ENOMEM && prc != AG_ELIMIT) {
			FUZZ_CHECK(prc == 0);
			struct ag_radar r;
			memset(&r, 0, sizeof(r));
			struct ag_loader l = {&a, &ld, "radar.yaml", 0};
			int lrc = ag_radar_load(&l, root, &r);
			if (lrc != AG_ENOMEM) {
				if (l.errors)
					for (size_t i = 0; i < ld.n; i++)
						fprintf(stderr, "%d:%d: %s\n", ld.v[i].line, ld.v[i].col,
							ld.v[i].message);
				FUZZ_CHECK(lrc == 0 && l.errors == 0);
			}
			ag_radar_release(&r);
		}
		ag_diags_release(&ld);
		ag_arena_release(&a);
	}
	ag_diags_release(&d);
	ag_buf_release(&out);
	return 0;
}
