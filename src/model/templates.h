/*
 * templates.h - the files `archgate init` lays down, compiled in.
 *
 * templates/<set>/... in the source tree becomes ag_templates[] through
 * cmake/embed.cmake. Sets: "minimal" (archgate init) and "example"
 * (archgate init --example, a worked example that passes every gate).
 */
#ifndef AG_TEMPLATES_H
#define AG_TEMPLATES_H

#include <stddef.h>
#include "base/diag.h"

struct ag_template {
	const char *path; /* "<set>/<relative path>" */
	const char *data;
	size_t len;
};

/* Terminated by an entry whose path is NULL. */
extern const struct ag_template ag_templates[];

/* Lay down template set `set` under `dest` (created if needed). Nothing is
 * written when any target already exists: each one is diagnosed and
 * AG_EEXIST returned. Each created file's path is appended to `created`
 * as a note diagnostic. Returns 0, AG_ENOENT (unknown set), AG_EEXIST,
 * AG_EIO or AG_ENOMEM. */
int ag_init(const char *dest, const char *set, struct ag_diags *created,
	    struct ag_diags *errors);

/* One file for ag_init_files(): `rel` relative to the destination. */
struct ag_init_file {
	const char *rel;
	const char *data;
	size_t len;
};

/* ag_init() of any list of files (init's discovery writes its own
 * system.yaml): the same checks, all or nothing. */
int ag_init_files(const char *dest, const struct ag_init_file *files, size_t n,
		  struct ag_diags *created, struct ag_diags *errors);

/* The files of template set `set` (malloc'd array, rel within the set);
 * AG_ENOENT for an unknown set. */
int ag_template_files(const char *set, struct ag_init_file **files, size_t *n);

#endif
