/*
 * init.c - `archgate init`: lay down a template set; see templates.h.
 *
 * Two passes: first every target is checked so that nothing is written when
 * anything would be overwritten, then each file is created with
 * ag_write_new(), which still refuses to clobber a file that appeared in
 * between.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/fsutil.h"
#include "templates.h"

static const char *rel_in_set(const struct ag_template *t, const char *set)
{
	size_t n = strlen(set);
	if (strncmp(t->path, set, n) || t->path[n] != '/')
		return NULL;
	return t->path + n + 1;
}

int ag_init(const char *dest, const char *set, struct ag_diags *created,
	    struct ag_diags *errors)
{
	int found = 0, clash = 0;
	for (const struct ag_template *t = ag_templates; t->path; t++) {
		const char *rel = rel_in_set(t, set);
		if (!rel)
			continue;
		found++;
		char *p = ag_path_join(dest, rel);
		if (!p)
			return AG_ENOMEM;
		if (ag_exists(p)) {
			ag_diags_add(errors, AG_SEV_ERROR, p, 0, 0,
				     "'%s' already exists; archgate init never overwrites "
				     "a file", p);
			clash++;
		}
		free(p);
	}
	if (!found)
		return AG_ENOENT;
	if (clash)
		return AG_EEXIST;
	for (const struct ag_template *t = ag_templates; t->path; t++) {
		const char *rel = rel_in_set(t, set);
		if (!rel)
			continue;
		char *p = ag_path_join(dest, rel);
		if (!p)
			return AG_ENOMEM;
		char *slash = strrchr(p, '/');
		*slash = '\0';
		int rc = ag_mkdirs(p);
		*slash = '/';
		if (!rc)
			rc = ag_write_new(p, t->data, t->len);
		if (rc) {
			ag_diags_add(errors, AG_SEV_ERROR, p, 0, 0, "cannot create '%s': %s", p,
				     rc == AG_EEXIST ? "it appeared while init was running"
						     : ag_strerror(rc));
			free(p);
			return rc;
		}
		ag_diags_add(created, AG_SEV_NOTE, p, 0, 0, "created");
		free(p);
	}
	return 0;
}
