/*
 * fsutil.c - atomic, no-clobber file writes; see fsutil.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fsutil.h"

bool ag_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int ag_mkdirs(const char *path)
{
	size_t n = strlen(path);
	char *p = malloc(n + 1);
	if (!p)
		return AG_ENOMEM;
	memcpy(p, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0777) && errno != EEXIST) {
			free(p);
			return AG_EIO;
		}
		p[i] = c;
	}
	struct stat st;
	int rc = stat(p, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : AG_EIO;
	free(p);
	return rc;
}

/* Write data to a fresh temporary file beside `path`; returns its name. */
static int write_temp(const char *path, const void *data, size_t len, char **tmp_out)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return AG_ENOMEM;
	snprintf(tmp, n + 16, "%s.agtmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return AG_EIO;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			free(tmp);
			return AG_EIO;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0644) || fsync(fd) || close(fd)) {
		unlink(tmp);
		free(tmp);
		return AG_EIO;
	}
	*tmp_out = tmp;
	return 0;
}

int ag_write_new(const char *path, const void *data, size_t len)
{
	if (ag_exists(path))
		return AG_EEXIST;
	char *tmp;
	int rc = write_temp(path, data, len, &tmp);
	if (rc)
		return rc;
	if (link(tmp, path))
		rc = errno == EEXIST ? AG_EEXIST : AG_EIO;
	unlink(tmp);
	free(tmp);
	return rc;
}

int ag_write_replace(const char *path, const void *data, size_t len)
{
	char *tmp;
	int rc = write_temp(path, data, len, &tmp);
	if (rc)
		return rc;
	if (rename(tmp, path)) {
		unlink(tmp);
		rc = AG_EIO;
	}
	free(tmp);
	return rc;
}
