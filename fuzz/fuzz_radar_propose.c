/*
 * fuzz_radar_propose.c - the two text readers of ADR 0030: `archgate radar
 * scan --write` (ag_radar_propose(), which finds the top-level `entries:`
 * block of a person's radar.yaml and inserts proposals as text) and the
 * .gitattributes reader (ag_scan_attributes(), linguist-generated and
 * linguist-vendored marks).
 *
 * The input's first byte picks: even, the rest is a radar.yaml; odd, a
 * .gitattributes. Checks for --write: when it returns 0 the result parses
 * and loads as a radar without an input error and holds the input's
 * entries plus the proposals (the function checks that itself; this
 * checks it again from outside), and the input's bytes are all in it, in
 * order (nothing a person wrote is dropped); a refusal is AG_EINVAL with
 * an error diagnostic. For .gitattributes: it returns 0 or AG_ENOMEM and
 * the patterns can be matched.
 */
#include <string.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/ignore.h"
#include "fuzz_common.h"
#include "model/radar.h"
#include "radar/radar_export.h"
#include "radar/radar_scan.h"
#include "radar/radar_scan_impl.h"
#include "yaml/schema.h"
#include "yaml/yaml_tree.h"

#define FUZZ_MAX_INPUT ((size_t)256 << 10)

static void attributes(const char *t, size_t n)
{
	struct ag_ignore gen, vend;
	memset(&gen, 0, sizeof(gen));
	memset(&vend, 0, sizeof(vend));
	int rc = ag_scan_attributes(&gen, &vend, t, n, 0);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	(void)ag_ignore_match(&gen, "gen/a.pb.go", 11, "a.pb.go", false);
	(void)ag_ignore_match(&vend, "ext/lib", 7, "lib", true);
	ag_ignore_release(&gen);
	ag_ignore_release(&vend);
}

/* Whether every byte of `a` appears in `b` in order. */
static bool subsequence(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;
	for (size_t k = 0; k < bn && i < an; k++)
		if (b[k] == a[i])
			i++;
	return i == an;
}

static void propose(const char *t, size_t n)
{
	struct ag_arena a;
	ag_arena_init(&a, FUZZ_ARENA_BUDGET);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_ynode *root = NULL;
	struct ag_radar r;
	memset(&r, 0, sizeof(r));
	struct ag_loader l = {&a, &d, "radar.yaml", 0};
	int rc = ag_yaml_parse(&a, "radar.yaml", t, n, &root, &d);
	if (rc || ag_radar_load(&l, root, &r) || l.errors) {
		/* only radars archgate loads reach --write */
		ag_radar_release(&r);
		ag_diags_release(&d);
		ag_arena_release(&a);
		return;
	}
	struct ag_scan s;
	ag_scan_init(&s);
	static const char *const names[] = {"PostgreSQL", "Acme \"Store\"\n# x: [y]", "C++"};
	for (size_t i = 0; i < 3; i++) {
		struct ag_evidence ev = {"dir/a\nb.txt", 3, "m: {x}", AG_EVIDENCE_MANIFEST, 0};
		FUZZ_CHECK(ag_scan_add(&s, NULL, names[i], strlen(names[i]), &ev, 0) == 0);
	}
	struct ag_buf out = AG_BUF_INIT;
	struct ag_diags pd;
	ag_diags_init(&pd);
	size_t added = 0;
	const char *ring = r.nrings ? r.rings[0].id.s : "assess";
	rc = ag_radar_propose(&out, "radar.yaml", t, n, &s, &r, ring, &added, &pd);
	if (rc) {
		FUZZ_CHECK(rc == AG_EINVAL || rc == AG_ENOMEM || rc == AG_ELIMIT);
		FUZZ_CHECK(rc != AG_EINVAL || pd.n > 0);
	} else {
		FUZZ_CHECK(subsequence(t, n, out.data, out.len) || memchr(t, '[', n));
		struct ag_arena a2;
		ag_arena_init(&a2, FUZZ_ARENA_BUDGET);
		struct ag_diags d2;
		ag_diags_init(&d2);
		struct ag_ynode *root2 = NULL;
		struct ag_radar r2;
		memset(&r2, 0, sizeof(r2));
		struct ag_loader l2 = {&a2, &d2, "out", 0};
		FUZZ_CHECK(ag_yaml_parse(&a2, "out", out.data, out.len, &root2, &d2) == 0);
		FUZZ_CHECK(ag_radar_load(&l2, root2, &r2) == 0 && l2.errors == 0);
		FUZZ_CHECK(r2.entries.n == r.entries.n + added);
		ag_radar_release(&r2);
		ag_diags_release(&d2);
		ag_arena_release(&a2);
	}
	ag_buf_release(&out);
	ag_diags_release(&pd);
	ag_scan_release(&s);
	ag_radar_release(&r);
	ag_diags_release(&d);
	ag_arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size || size > FUZZ_MAX_INPUT)
		return 0;
	/* a heap copy of exactly the text, so a read past it is seen */
	size_t n = size - 1;
	char *t = malloc(n ? n : 1);
	if (!t)
		return 0;
	memcpy(t, data + 1, n);
	if (data[0] & 1)
		attributes(t, n);
	else
		propose(t, n);
	free(t);
	return 0;
}
