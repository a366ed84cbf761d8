/*
 * schema.h - table-driven loading of YAML into typed C structures.
 *
 * Each typed struct (model.h, policy.h) is described once by a `struct
 * ag_schema`: key, type, offset, flags, meaning and example. One generic
 * loader walks a YAML mapping against that table and reports, as
 * file:line:col errors, unknown keys (with a did-you-mean), wrong types,
 * bad enum values and missing required keys. The same tables generate
 * docs/model.md, so the reference cannot drift from the code.
 *
 * Every scalar lands in a `struct ag_scalar` that remembers its position.
 */
#ifndef AG_SCHEMA_H
#define AG_SCHEMA_H

#include "base/ag.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/suggest.h"
#include "yaml_tree.h"

struct ag_scalar {
	const char *s;   /* text as written (NUL-terminated), NULL when unset */
	size_t len;
	struct ag_pos pos;
	bool set;
	long long i;     /* AG_F_INT */
	double d;        /* AG_F_NUM and AG_F_INT */
	bool b;          /* AG_F_BOOL */
	int e;           /* AG_F_ENUM: index into the field's values */
};

/* A list of scalars (struct ag_scalar) or of objects (the sub-schema's
 * struct). `v` points to n contiguous elements in the arena. */
struct ag_list {
	void *v;
	size_t n;
	struct ag_pos pos;
	bool set;
};

enum ag_ftype {
	AG_F_STR,  /* any scalar, kept as text */
	AG_F_INT,
	AG_F_NUM,
	AG_F_BOOL,
	AG_F_ENUM, /* a string from `values` */
	AG_F_DATE, /* YYYY-MM-DD */
	AG_F_STRS, /* a sequence of scalars; a single scalar is accepted as [x] */
	AG_F_OBJ,  /* a nested mapping, struct at `off` */
	AG_F_OBJS, /* a sequence of mappings, struct ag_list at `off` */
	AG_F_NODE, /* kept as a raw `const struct ag_ynode *` for custom loading */
};

enum {
	AG_F_REQUIRED = 1 << 0,
};

struct ag_schema;

struct ag_field {
	const char *key;
	enum ag_ftype type;
	size_t off;
	unsigned flags;
	const struct ag_schema *sub;  /* AG_F_OBJ, AG_F_OBJS */
	const char *const *values;    /* AG_F_ENUM, NULL-terminated */
	const char *doc;              /* one sentence: what it means */
	const char *example;          /* a YAML snippet */
};

struct ag_schema {
	const char *name;      /* "container", used in messages */
	size_t size;           /* sizeof the struct */
	size_t pos_off;        /* offsetof its `struct ag_pos pos` */
	const struct ag_field *fields;
	size_t nfields;
	const char *doc;
};

/* A table entry for member `k` of `struct st`, and the schema of `struct
 * st` (which has a `struct ag_pos pos`) from its field table. */
#define AG_FIELD(st, k, t, fl, sub, vals, doc, ex) \
	{#k, t, offsetof(struct st, k), fl, sub, vals, doc, ex}
#define AG_SCHEMA(st, name, fields, doc)                        \
	{name, sizeof(struct st), offsetof(struct st, pos), fields, \
	 sizeof(fields) / sizeof(fields[0]), doc}

struct ag_loader {
	struct ag_arena *arena;
	struct ag_diags *diags;
	const char *file;   /* display path, arena-owned */
	int errors;         /* input errors found so far */
};

/* Past this many input errors, loaders only count: nobody reads the rest,
 * and hostile input must not make them compute did-you-mean hints forever. */
#define AG_LOADER_MAX_ERRORS 100

/* True (and the error counted) when the loader has reported enough. */
bool ag_loader_saturated(struct ag_loader *l);

/* Reports an input error at (line, col) of the loader's file and counts
 * it; past AG_LOADER_MAX_ERRORS it is only counted. */
void ag_loader_error(struct ag_loader *l, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ag_loader_verror(struct ag_loader *l, int line, int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/* Fill `out` (a struct described by `s`) from mapping `node`. A null node
 * leaves the struct zeroed. Errors are diagnostics; the walk continues after
 * an error so that one run reports every problem. Returns AG_ENOMEM or 0;
 * check l->errors for input errors. */
int ag_schema_load(struct ag_loader *l, const struct ag_schema *s,
		   const struct ag_ynode *node, void *out);

/* ag_did_you_mean() and ag_edit_distance() are in base/suggest.h. */

/* Markdown reference for a schema tree, used to generate docs/model.md. */
int ag_schema_doc(struct ag_buf *out, const struct ag_schema *s, const char *path,
		  int level);

/* Parse YYYY-MM-DD into days since 1970-01-01; 0 on success. */
int ag_date_parse(const char *s, size_t n, long *days);
/* Format days since 1970-01-01 as YYYY-MM-DD (out has room for 11). */
void ag_date_format(long days, char *out);

#endif
