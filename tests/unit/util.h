/*
 * util.h - helpers shared by the unit tests: temporary folders, files and
 * looking things up in diagnostic lists. Everything is static: each test
 * file is its own program.
 */
#ifndef AG_TEST_UTIL_H
#define AG_TEST_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/diag.h"

#define UNUSED_ __attribute__((unused))

/* A fresh folder under $TMPDIR (or /tmp); the caller frees the string and
 * removes the folder with rm_rf(). */
static UNUSED_ char *make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	size_t n = strlen(base) + 32;
	char *p = malloc(n);
	if (!p)
		return NULL;
	snprintf(p, n, "%s/agtest.XXXXXX", base);
	if (!mkdtemp(p)) {
		free(p);
		return NULL;
	}
	/* realpath: macOS-style /tmp symlinks would make path comparisons lie */
	char *r = realpath(p, NULL);
	free(p);
	return r;
}

/* rm -rf without following symbolic links. */
static UNUSED_ void rm_rf(const char *path)
{
	struct stat st;
	if (!path || lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			size_t n = strlen(path) + strlen(e->d_name) + 2;
			char *p = malloc(n);
			if (!p)
				break;
			snprintf(p, n, "%s/%s", path, e->d_name);
			rm_rf(p);
			free(p);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* "a" + "/" + "b" in a static rotating buffer (enough for one expression).
 * A path that does not fit aborts the test program: a silently truncated
 * path would make a test check the wrong file. */
static UNUSED_ const char *path_join(const char *a, const char *b)
{
	static char bufs[8][4096];
	static int k;
	size_t la = strlen(a), lb = strlen(b);
	if (la + 1 + lb >= sizeof(bufs[0])) {
		fprintf(stderr, "path_join: %s/%s is too long\n", a, b);
		abort();
	}
	char *p = bufs[k++ & 7];
	char tmp[sizeof(bufs[0])]; /* a or b may be an earlier result */
	memcpy(tmp, a, la);
	tmp[la] = '/';
	memcpy(tmp + la + 1, b, lb + 1);
	memcpy(p, tmp, la + lb + 2);
	return p;
}

/* Write `len` bytes to `path`, creating parent folders. */
static UNUSED_ int write_bytes(const char *path, const void *data, size_t len)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *s = dir + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(dir, 0777) && errno != EEXIST)
				return -1;
			*s = '/';
		}
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

static UNUSED_ int write_text(const char *path, const char *text)
{
	return write_bytes(path, text, strlen(text));
}

/* Whole file as a malloc'd NUL-terminated string, or NULL. */
static UNUSED_ char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Number of entries in a folder whose name contains `needle` ("" = all),
 * not counting "." and "..". -1 when the folder cannot be read. */
static UNUSED_ int count_entries(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strstr(e->d_name, needle))
			n++;
	closedir(d);
	return n;
}

/* First diagnostic whose message contains `needle`, or NULL. */
static UNUSED_ const struct ag_diag *diag_find(const struct ag_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].message && strstr(d->v[i].message, needle))
			return &d->v[i];
	return NULL;
}

/* Print a diagnostic list (shown when a check about it fails). */
static UNUSED_ void diag_dump(const struct ag_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "    [%s] %s:%d:%d: %s\n", ag_severity_name(d->v[i].sev),
			d->v[i].file ? d->v[i].file : "(none)", d->v[i].line, d->v[i].col,
			d->v[i].message);
}

/* CHECK that a diagnostic containing `needle` exists at line:col (0 = any),
 * dumping the list when it does not. */
#define CHECK_DIAG(diags, needle, ln, cl)                                   \
	do {                                                                \
		const struct ag_diag *dg_ = diag_find((diags), (needle));   \
		if (!dg_) {                                                 \
			TEST_FAIL_("no diagnostic contains \"%s\"; got:", (needle)); \
			diag_dump(diags);                                   \
		} else if (((ln) && dg_->line != (ln)) || ((cl) && dg_->col != (cl))) { \
			TEST_FAIL_("diagnostic \"%s\" at %d:%d, expected %d:%d", \
				   dg_->message, dg_->line, dg_->col, (ln), (cl)); \
		}                                                           \
	} while (0)

#endif
