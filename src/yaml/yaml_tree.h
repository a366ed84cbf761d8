/*
 * yaml_tree.h - YAML text to a positioned node tree, with hard safety limits.
 *
 * Built on libyaml's event parser (see arch/decisions/0002): libyaml checks
 * the syntax and reports a line and column for every problem; this module
 * composes the events into a tree that remembers where each node started,
 * rejects duplicate mapping keys, and bounds everything hostile input could
 * use against us:
 *
 *   AG_YAML_MAX_BYTES  file size                      (error before parsing)
 *   AG_YAML_MAX_DEPTH  nesting of sequences/mappings  (10,000-deep input stops
 *                                                     at level 100)
 *   AG_YAML_MAX_NODES  nodes after alias expansion    (billion laughs stops
 *                                                     here; aliases are shared,
 *                                                     never copied)
 *
 * Ownership: the tree lives in the arena passed to ag_yaml_parse(); the
 * caller releases the arena. Diagnostics go to the caller's list as
 * "file:line:col" errors. The parser is not thread-safe per document but
 * holds no global state.
 */
#ifndef AG_YAML_TREE_H
#define AG_YAML_TREE_H

#include "base/ag.h"
#include "base/arena.h"
#include "base/diag.h"

#define AG_YAML_MAX_BYTES ((size_t)16 * 1024 * 1024)
#define AG_YAML_MAX_DEPTH 100
#define AG_YAML_MAX_NODES ((size_t)1000000)

enum ag_ykind {
	AG_Y_SCALAR,
	AG_Y_SEQ,
	AG_Y_MAP,
};

struct ag_ynode {
	enum ag_ykind kind;
	int line, col;     /* where the node starts, 1-based */
	/* scalars: the value (NUL-terminated copy) and whether it is plain, i.e.
	 * unquoted and untagged, so that core-schema typing (null, true, 12)
	 * applies. Quoted and !!str scalars are always strings. */
	const char *str;
	size_t len;
	bool plain;
	/* sequences: n items. mappings: n/2 pairs, kids[2i] key, kids[2i+1] value;
	 * keys are always scalars. A node reached through an alias is shared. */
	struct ag_ynode **kids;
	size_t n;
	size_t weight;     /* nodes in this subtree after alias expansion */
};

/* Parse `len` bytes of `text` (need not be NUL-terminated). On success *root
 * is the document's root node, or NULL for an empty document. `file` is used
 * in diagnostics and must outlive them (diagnostics copy it). Returns 0,
 * AG_EPARSE, AG_ELIMIT or AG_ENOMEM; on failure at least one error
 * diagnostic has been added. */
int ag_yaml_parse(struct ag_arena *arena, const char *file, const char *text,
		  size_t len, struct ag_ynode **root, struct ag_diags *diags);
/* The same for a text that starts at line `first_line` of `file` (one
 * document of a multi-document file): every line in the tree and in the
 * diagnostics counts from there. */
int ag_yaml_parse_at(struct ag_arena *arena, const char *file, const char *text,
		     size_t len, int first_line, struct ag_ynode **root,
		     struct ag_diags *diags);

/* The value of `key` in mapping `map`; NULL when absent or not a mapping. */
const struct ag_ynode *ag_yaml_get(const struct ag_ynode *map, const char *key);

/* Core-schema interpretation of a plain scalar. */
bool ag_yaml_is_null(const struct ag_ynode *n);
/* 1 true, 0 false, -1 not a boolean (true/false/True/False/TRUE/FALSE). */
int ag_yaml_bool(const struct ag_ynode *n);
/* 0 and *out set when the plain scalar is a YAML integer that fits. */
int ag_yaml_int(const struct ag_ynode *n, long long *out);
/* 0 and *out set when the plain scalar is a YAML float or integer. */
int ag_yaml_num(const struct ag_ynode *n, double *out);
/* "a mapping", "a sequence", "null", "a string", "an integer", ... */
const char *ag_yaml_describe(const struct ag_ynode *n);

#endif
