/*
 * api_spec.h - OpenAPI and Swagger documents read into positioned trees,
 * and their $refs resolved, within hard limits (ADR-0032).
 *
 * A spec set is the documents of one lint run: the specs named by the
 * caller (roots) and every file their $refs reach. Each document is parsed
 * by yaml/yaml_tree.h, which reads JSON too (JSON is YAML's flow style), so
 * every node keeps the line and column where it starts and the YAML limits
 * (16 MiB, 100 levels, 1,000,000 nodes after alias expansion: billion laughs
 * stops there) hold for every document.
 *
 * $refs are never expanded into a copy: ag_api_deref() follows a chain of
 * them to the node they name, in whichever document it is, so a recursive
 * schema is a loop nobody walks, and a finding made on a referenced node
 * points at that node's own file:line:col. The set adds its own limits:
 *
 *   AG_API_MAX_DOCS   files one set may read             (64)
 *   AG_API_MAX_BYTES  bytes of all of them together      (64 MiB)
 *   AG_API_MAX_HOPS   $refs followed to reach one node   (32: longer is a cycle)
 *
 * A cross-file $ref is a relative path resolved against the referencing
 * file's folder; it must stay inside the root folder given to
 * ag_api_set_init() (the repository), and remote ones (http:, https:) are
 * never fetched. Only JSON-pointer fragments (#/a/b) are understood.
 *
 * Ownership: the set owns its documents; the trees live in the set's arena
 * and are freed by ag_api_set_release(). Input errors (unreadable or
 * malformed files, limits) go to the set's diagnostics; a $ref that does not
 * resolve is not an input error but a lint finding (api_lint.h), so
 * ag_api_deref() returns the reason as text.
 */
#ifndef AG_API_SPEC_H
#define AG_API_SPEC_H

#include "base/arena.h"
#include "base/diag.h"
#include "yaml/yaml_tree.h"

#define AG_API_MAX_DOCS 64
#define AG_API_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define AG_API_MAX_HOPS 32

enum ag_api_dialect {
	AG_API_NONE,    /* not an OpenAPI document (a referenced fragment file) */
	AG_API_SWAGGER2,
	AG_API_OAS30,
	AG_API_OAS31,   /* 3.1 and 3.2 */
};

struct ag_api_doc {
	char *name;      /* the path as shown in findings (owned) */
	char *path;      /* the path it was read from; NULL for text in memory (owned) */
	char *real;      /* realpath, to read each file once (owned) */
	const struct ag_ynode *root; /* NULL for an empty file */
	enum ag_api_dialect dialect;
	bool is_root;    /* named by the caller, not only reached by a $ref */
	bool failed;     /* could not be read or parsed (diagnostics say why) */
};

struct ag_api_set {
	struct ag_arena arena;
	struct ag_api_doc *docs;
	size_t n, alloc;
	size_t bytes;           /* read so far, against AG_API_MAX_BYTES */
	char *root;             /* realpath of the folder refs must stay in; NULL: any */
	struct ag_diags *diags; /* borrowed */
	struct ag_api_idx *idx; /* key indexes of big mappings (open addressing) */
	size_t nidx, idx_cap;
};

/* A node and the document it is in. */
struct ag_api_loc {
	size_t doc;
	const struct ag_ynode *node;
};

/* `root` is the folder cross-file $refs may reach (NULL: no limit; the
 * CLI passes the repository). Diagnostics go to `diags`. */
int ag_api_set_init(struct ag_api_set *s, const char *root, struct ag_diags *diags);
void ag_api_set_release(struct ag_api_set *s);

/* Reads `path` as a root spec (shown as `name`). Returns 0; AG_EPARSE,
 * AG_ELIMIT or AG_EIO after adding an error diagnostic (the file is not an
 * OpenAPI 3.x or Swagger 2.0 document, cannot be read, is malformed or too
 * big); AG_ENOMEM. *doc is its index. Reading the same file twice gives
 * the same index. */
int ag_api_add(struct ag_api_set *s, const char *path, const char *name, size_t *doc);

/* The same from text in memory (fuzzing, tests): `name` is its name and
 * the folder relative $refs resolve against. */
int ag_api_add_text(struct ag_api_set *s, const char *name, const char *text, size_t len,
		    size_t *doc);

/* Resolves the $ref string `ref` written in document `from`. 0 and *out;
 * AG_ENOMEM; otherwise AG_EINVAL and a reason in `why` (dangling pointer,
 * remote, outside the repository, unreadable file, limit). Reads the
 * referenced file on first use. */
int ag_api_resolve(struct ag_api_set *s, size_t from, const char *ref, struct ag_api_loc *out,
		   char *why, size_t whylen);

/* If `at` is a mapping with a string `$ref`, follows it (and the $refs it
 * leads to, at most AG_API_MAX_HOPS) to a node that is not a $ref. Returns
 * as ag_api_resolve(); *out is `at` itself when it is no $ref. */
int ag_api_deref(struct ag_api_set *s, struct ag_api_loc at, struct ag_api_loc *out, char *why,
		 size_t whylen);

/* The `$ref` string of a mapping, or NULL. */
const char *ag_api_ref_of(const struct ag_ynode *n);

/* ag_yaml_get() that stays fast on mappings of many thousands of keys
 * (components/schemas of a big spec): those get an index on first use. */
const struct ag_ynode *ag_api_get(struct ag_api_set *s, const struct ag_ynode *map,
				  const char *key, size_t keylen);

#endif
