/*
 * fuzz_model.c - YAML to typed structures: ag_yaml_parse(), then
 * ag_schema_load() with ag_system_schema (system.yaml) and ag_policy_load()
 * (archgate.yaml, ag_policy_schema plus rule ids, waivers and severities) on
 * the same tree, each into the arena like ag_model_load() does.
 *
 * After loading, the filled structures are walked generically through their
 * schema tables and checked: a scalar marked set has NUL-terminated text and
 * a 1-based position, enum indexes are in range, list lengths match their
 * arrays. The loaders must report input errors as diagnostics, never crash.
 */
#include <string.h>
#include "fuzz_common.h"
#include "model/model.h"
#include "model/policy.h"
#include "yaml/schema.h"
#include "yaml/yaml_tree.h"

/* Real system.yaml files are well under 1 MiB (the benchmark model with 200
 * containers is 210 KiB). */
#define FUZZ_MAX_INPUT ((size_t)1 << 20)

static void check_scalar(const struct ag_field *f, const struct ag_scalar *s)
{
	if (!s->set)
		return;
	FUZZ_CHECK(s->s != NULL);
	FUZZ_CHECK(s->s[s->len] == '\0');
	FUZZ_CHECK(s->pos.file != NULL && s->pos.line >= 1 && s->pos.col >= 1);
	if (f->type == AG_F_ENUM) {
		int nv = 0;
		while (f->values[nv])
			nv++;
		FUZZ_CHECK(s->e >= 0 && s->e < nv);
		FUZZ_CHECK(strlen(f->values[s->e]) == s->len);
	}
	if (f->type == AG_F_BOOL)
		FUZZ_CHECK(s->b == 0 || s->b == 1);
}

static void check_struct(const struct ag_schema *s, const void *obj, int depth)
{
	FUZZ_CHECK(depth < 32);
	const struct ag_pos *pos = (const struct ag_pos *)((const char *)obj + s->pos_off);
	if (pos->file)
		FUZZ_CHECK(pos->line >= 1 && pos->col >= 1);
	for (size_t i = 0; i < s->nfields; i++) {
		const struct ag_field *f = &s->fields[i];
		const void *p = (const char *)obj + f->off;
		switch (f->type) {
		case AG_F_STRS:
		case AG_F_OBJS: {
			const struct ag_list *l = p;
			if (!l->set) {
				FUZZ_CHECK(l->n == 0);
				break;
			}
			FUZZ_CHECK(l->n == 0 || l->v != NULL);
			size_t el = f->type == AG_F_STRS ? sizeof(struct ag_scalar) : f->sub->size;
			struct ag_field ef = *f;
			ef.type = AG_F_STR;
			for (size_t k = 0; k < l->n; k++) {
				const void *e = (const char *)l->v + k * el;
				if (f->type == AG_F_STRS)
					check_scalar(&ef, e);
				else
					check_struct(f->sub, e, depth + 1);
			}
			break;
		}
		case AG_F_OBJ:
			check_struct(f->sub, p, depth + 1);
			break;
		case AG_F_NODE: {
			const struct ag_ynode *n = *(const struct ag_ynode *const *)p;
			if (n)
				FUZZ_CHECK(n->kind == AG_Y_SCALAR || n->kind == AG_Y_SEQ ||
					   n->kind == AG_Y_MAP);
			break;
		}
		default:
			check_scalar(f, p);
		}
	}
}

static void check_diags(const struct ag_diags *d, int errors)
{
	for (size_t i = 0; i < d->n; i++)
		FUZZ_CHECK(d->v[i].message != NULL);
	/* every counted input error was reported (or dropped past the cap, or
	 * suppressed once the loader saturated) */
	if (errors)
		FUZZ_CHECK(ag_diags_count(d, AG_SEV_ERROR) > 0 || d->dropped > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	struct ag_arena arena;
	struct ag_diags diags;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	ag_diags_init(&diags);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(&arena, "arch/system.yaml", (const char *)data, size, &root,
			       &diags);
	if (rc == 0) {
		/* system.yaml */
		struct ag_system *sys = ag_arena_alloc(&arena, sizeof(*sys));
		if (sys) {
			struct ag_loader l = {&arena, &diags, "arch/system.yaml", 0};
			rc = ag_schema_load(&l, &ag_system_schema, root, sys);
			FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
			if (rc == 0) {
				check_struct(&ag_system_schema, sys, 0);
				check_diags(&diags, l.errors);
			}
		}
		/* archgate.yaml, from the same tree */
		ag_diags_release(&diags);
		ag_diags_init(&diags);
		struct ag_policy *pol = ag_arena_alloc(&arena, sizeof(*pol));
		if (pol) {
			struct ag_loader l = {&arena, &diags, "arch/archgate.yaml", 0};
			rc = ag_policy_load(&l, root, pol);
			FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
			if (rc == 0) {
				check_struct(&ag_policy_schema, pol, 0);
				check_diags(&diags, l.errors);
				for (size_t i = 0; i < pol->noverrides; i++) {
					FUZZ_CHECK(pol->overrides[i].rule != NULL);
					FUZZ_CHECK(pol->overrides[i].sev >= AG_SEV_OFF &&
						   pol->overrides[i].sev <= AG_SEV_ERROR);
					int sev = ag_policy_severity(pol, pol->overrides[i].rule,
								     AG_SEV_ERROR);
					FUZZ_CHECK(sev >= AG_SEV_OFF && sev <= AG_SEV_ERROR);
				}
				(void)ag_policy_microservices_min_teams(pol);
			}
		}
	}
	ag_diags_release(&diags);
	ag_arena_release(&arena);
	return 0;
}
