/*
 * fsutil.c - atomic, no-clobber file writes; see fsutil.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "array.h"
#include "fsutil.h"

ssize_t ag_read_fd(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int ag_read_file(const char *path, size_t limit, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? AG_ENOENT : AG_EIO;
	struct stat st;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return AG_EIO;
	}
	if ((unsigned long long)st.st_size > limit) {
		*len = (size_t)st.st_size;
		close(fd);
		return AG_ELIMIT;
	}
	size_t cap = (size_t)st.st_size;
	char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return AG_ENOMEM;
	}
	size_t n = 0;
	for (;;) {
		if (n == cap) { /* file grew while we read it; read up to the limit */
			if (cap >= limit) {
				free(buf);
				close(fd);
				*len = cap + 1;
				return AG_ELIMIT;
			}
			size_t ncap = cap * 2 + 4096 > limit ? limit : cap * 2 + 4096;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				close(fd);
				return AG_ENOMEM;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = ag_read_fd(fd, buf + n, cap - n);
		if (r < 0) {
			free(buf);
			close(fd);
			return AG_EIO;
		}
		n += (size_t)r;
		if (n < cap)
			break; /* the end of the file */
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

bool ag_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int ag_dir_lock(const char *dir, int *fd)
{
	*fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return errno == ENOENT ? AG_ENOENT : AG_EIO;
	while (flock(*fd, LOCK_EX)) {
		if (errno == EINTR)
			continue;
		close(*fd);
		*fd = -1;
		return AG_EIO;
	}
	return 0;
}

void ag_dir_unlock(int fd)
{
	if (fd < 0)
		return;
	flock(fd, LOCK_UN);
	close(fd);
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

/* Make a new or renamed directory entry durable: fsync the folder. */
static void sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
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
	if (!rc)
		sync_parent(path);
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
	if (!rc)
		sync_parent(path);
	return rc;
}

char *ag_path_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void ag_dir_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int ag_dir_list(const char *dir, bool (*want)(const char *name), char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t alloc = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!want(e->d_name))
			continue;
		char **v = ag_array_grow(*names, &alloc, *n + 1, sizeof(*v), 64);
		if (!v) {
			rc = AG_ENOMEM;
			break;
		}
		*names = v;
		if (!((*names)[*n] = strdup(e->d_name))) {
			rc = AG_ENOMEM;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (rc) {
		ag_dir_list_free(*names, *n);
		*names = NULL;
		*n = 0;
		return rc;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return 0;
}
