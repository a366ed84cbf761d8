/*
 * init.c - `archgate init`: lay down a template set; see templates.h.
 *
 * Two passes: first every target is checked so that nothing is written when
 * anything would be overwritten, then each file is created with
 * ag_write_new(), which still refuses to clobber a file that appeared in
 * between. All or nothing: when a write fails part-way (no space left, a
 * folder that is a dangling link, no permission), every file created and
 * every folder made is removed again, newest first, and the error names
 * the cause.
 */
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/fsutil.h"
#include "templates.h"

static const char *rel_in_set(const struct ag_template *t, const char *set)
{
	size_t n = strlen(set);
	if (strncmp(t->path, set, n) || t->path[n] != '/')
		return NULL;
	return t->path + n + 1;
}

static int remember(char ***v, size_t *n, size_t *alloc, const char *p)
{
	char **nv = ag_array_grow(*v, alloc, *n + 1, sizeof(**v), 16);
	if (!nv)
		return AG_ENOMEM;
	*v = nv;
	if (!(nv[*n] = strdup(p)))
		return AG_ENOMEM;
	(*n)++;
	return 0;
}

int ag_template_files(const char *set, struct ag_init_file **files, size_t *n)
{
	size_t count = 0;
	for (const struct ag_template *t = ag_templates; t->path; t++)
		count += rel_in_set(t, set) != NULL;
	*files = NULL;
	*n = 0;
	if (!count)
		return AG_ENOENT;
	struct ag_init_file *v = malloc(count * sizeof(*v));
	if (!v)
		return AG_ENOMEM;
	for (const struct ag_template *t = ag_templates; t->path; t++) {
		const char *rel = rel_in_set(t, set);
		if (rel)
			v[(*n)++] = (struct ag_init_file){rel, t->data, t->len};
	}
	*files = v;
	return 0;
}

int ag_init(const char *dest, const char *set, struct ag_diags *created,
	    struct ag_diags *errors)
{
	struct ag_init_file *files;
	size_t n;
	int rc = ag_template_files(set, &files, &n);
	if (!rc)
		rc = ag_init_files(dest, files, n, created, errors);
	free(files);
	return rc;
}

int ag_init_files(const char *dest, const struct ag_init_file *files, size_t nfiles,
		  struct ag_diags *created, struct ag_diags *errors)
{
	int clash = 0;
	for (size_t i = 0; i < nfiles; i++) {
		char *p = ag_path_join(dest, files[i].rel);
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
	if (clash)
		return AG_EEXIST;
	/* what this run made, to take back on failure */
	char **made = NULL;
	size_t nmade = 0, amade = 0;
	int rc = 0;
	for (size_t i = 0; i < nfiles && !rc; i++) {
		char *p = ag_path_join(dest, files[i].rel);
		if (!p)
			return AG_ENOMEM;
		/* the folders that do not exist yet, outermost first */
		for (char *s = strchr(p + 1, '/'); s && !rc; s = strchr(s + 1, '/')) {
			*s = '\0';
			struct stat st;
			if (lstat(p, &st)) {
				rc = ag_mkdirs(p);
				if (!rc)
					rc = remember(&made, &nmade, &amade, p);
			} else if (!S_ISDIR(st.st_mode)) {
				rc = ag_mkdirs(p); /* names the cause: a dangling link, a file */
			}
			*s = '/';
		}
		if (!rc)
			rc = ag_write_new(p, files[i].data, files[i].len);
		if (!rc)
			rc = remember(&made, &nmade, &amade, p);
		if (rc)
			ag_diags_add(errors, AG_SEV_ERROR, p, 0, 0, "cannot create '%s': %s", p,
				     rc == AG_EEXIST ? "it appeared while init was running"
						     : ag_strerror(rc));
		else
			ag_diags_add(created, AG_SEV_NOTE, p, 0, 0, "created");
		free(p);
	}
	while (nmade-- > 0) { /* newest first: files, then their folders */
		if (rc && unlink(made[nmade]))
			rmdir(made[nmade]);
		free(made[nmade]);
	}
	free(made);
	if (rc) /* nothing of it is left */
		ag_diags_release(created);
	return rc;
}
