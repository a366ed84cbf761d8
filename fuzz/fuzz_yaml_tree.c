/*
 * fuzz_yaml_tree.c - ag_yaml_parse() on arbitrary bytes.
 *
 * Checks, beyond "no crash, no leak, no UB": a failed parse leaves at least
 * one error diagnostic; a successful one yields a well-formed tree
 * (positions are 1-based, mapping keys are scalars and come in pairs,
 * scalars are NUL-terminated at `len`, weights respect AG_YAML_MAX_NODES),
 * and the core-schema helpers accept every node.
 */
#include <string.h>
#include "fuzz_common.h"
#include "yaml/yaml_tree.h"

/* Real arch files are a few hundred KiB at most; the parser's own limit is
 * 16 MiB. Bigger fuzz inputs only slow the search down. */
#define FUZZ_MAX_INPUT ((size_t)1 << 20)
/* Aliases share nodes, so a walk can revisit a subtree many times; bound the
 * walk, not the tree. */
#define FUZZ_MAX_VISITS 200000

static void check_node(const struct ag_ynode *n)
{
	FUZZ_CHECK(n->line >= 1 && n->col >= 1);
	FUZZ_CHECK(n->weight >= 1 && n->weight <= AG_YAML_MAX_NODES);
	FUZZ_CHECK(ag_yaml_describe(n) != NULL);
	switch (n->kind) {
	case AG_Y_SCALAR: {
		FUZZ_CHECK(n->str != NULL);
		FUZZ_CHECK(n->str[n->len] == '\0');
		long long i;
		double d;
		(void)ag_yaml_is_null(n);
		int b = ag_yaml_bool(n);
		FUZZ_CHECK(b >= -1 && b <= 1);
		if (ag_yaml_int(n, &i) == 0)
			FUZZ_CHECK(ag_yaml_num(n, &d) == 0);
		(void)ag_yaml_num(n, &d);
		break;
	}
	case AG_Y_SEQ:
		FUZZ_CHECK(n->n == 0 || n->kids != NULL);
		break;
	case AG_Y_MAP:
		FUZZ_CHECK(n->n % 2 == 0);
		FUZZ_CHECK(n->n == 0 || n->kids != NULL);
		for (size_t i = 0; i < n->n; i += 2)
			FUZZ_CHECK(n->kids[i]->kind == AG_Y_SCALAR);
		break;
	default:
		FUZZ_CHECK(!"unknown node kind");
	}
}

static void walk(const struct ag_ynode *root)
{
	/* explicit stack: the tree is at most AG_YAML_MAX_DEPTH deep, but a
	 * node can have many children */
	const struct ag_ynode **stack = malloc(FUZZ_MAX_VISITS * sizeof(*stack));
	FUZZ_CHECK(stack != NULL);
	size_t sp = 0, visits = 0;
	stack[sp++] = root;
	while (sp && visits < FUZZ_MAX_VISITS) {
		const struct ag_ynode *n = stack[--sp];
		visits++;
		check_node(n);
		for (size_t i = 0; n->kind != AG_Y_SCALAR && i < n->n; i++) {
			FUZZ_CHECK(n->kids[i] != NULL);
			if (sp < FUZZ_MAX_VISITS)
				stack[sp++] = n->kids[i];
		}
	}
	free(stack);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1; /* do not add to the corpus */
	struct ag_arena arena;
	struct ag_diags diags;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	ag_diags_init(&diags);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(&arena, "fuzz.yaml", (const char *)data, size, &root, &diags);
	FUZZ_CHECK(rc == 0 || rc == AG_EPARSE || rc == AG_ELIMIT || rc == AG_ENOMEM);
	if (rc)
		FUZZ_CHECK(ag_diags_count(&diags, AG_SEV_ERROR) > 0 || diags.dropped > 0);
	else if (root)
		walk(root);
	for (size_t i = 0; i < diags.n; i++)
		FUZZ_CHECK(diags.v[i].message != NULL);
	ag_diags_release(&diags);
	ag_arena_release(&arena);
	return 0;
}
