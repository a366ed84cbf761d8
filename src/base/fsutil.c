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

/* ---- opening repository files for reading (ADR 0021) ---- */

static _Thread_local char io_reason[160];
static char *fs_root; /* realpath of the repository, or NULL */

void ag_io_set_reason(const char *why)
{
	snprintf(io_reason, sizeof(io_reason), "%s", why ? why : "");
	/* strerror's "Permission denied" reads as "permission denied" after a colon */
	if (io_reason[0] >= 'A' && io_reason[0] <= 'Z' && io_reason[1] >= 'a' &&
	    io_reason[1] <= 'z')
		io_reason[0] = (char)(io_reason[0] - 'A' + 'a');
}

const char *ag_io_reason(void)
{
	return io_reason;
}

int ag_fs_set_root(const char *root)
{
	free(fs_root);
	fs_root = root ? realpath(root, NULL) : NULL;
	return root && !fs_root ? AG_EIO : 0;
}

static const char *type_name(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket"
	       : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
	       : "not a plain file";
}

/* Whether `real` (a realpath) is fs_root or below it. */
static bool inside_root(const char *real)
{
	size_t n = strlen(fs_root);
	if (n == 1) /* the root is "/" */
		return true;
	return !strncmp(real, fs_root, n) && (real[n] == '\0' || real[n] == '/');
}

int ag_open_read(const char *path, int *fdp)
{
	*fdp = -1;
	io_reason[0] = '\0';
	/* O_NONBLOCK: opening a FIFO for reading must not wait for a writer;
	 * O_NOFOLLOW: a symbolic link is resolved and checked below instead */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 && errno == ELOOP) {
		char *real = realpath(path, NULL);
		if (!real) {
			int e = errno;
			ag_io_set_reason(e == ENOENT ? "dangling symbolic link" : strerror(e));
			return AG_EIO;
		}
		if (fs_root && !inside_root(real)) {
			ag_io_set_reason("symbolic link to a file outside the repository");
			free(real);
			return AG_EIO;
		}
		fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
		free(real);
	}
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return AG_ENOENT;
		ag_io_set_reason(strerror(e));
		return AG_EIO;
	}
	struct stat st;
	if (fstat(fd, &st)) {
		ag_io_set_reason(strerror(errno));
		close(fd);
		return AG_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		char why[64];
		snprintf(why, sizeof(why), "not a regular file (%s)", type_name(st.st_mode));
		ag_io_set_reason(why);
		close(fd);
		return AG_EIO;
	}
	/* a regular file: reads block as usual again */
	int fl = fcntl(fd, F_GETFL);
	if (fl != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	*fdp = fd;
	return 0;
}

int ag_read_file(const char *path, size_t limit, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int fd;
	int rc = ag_open_read(path, &fd);
	if (rc)
		return rc;
	struct stat st;
	if (fstat(fd, &st)) {
		ag_io_set_reason(strerror(errno));
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
			ag_io_set_reason(strerror(errno));
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
		struct stat st;
		int rc = 0;
		if (mkdir(p, 0777) && errno != EEXIST)
			rc = ag_errno(errno);
		else if (stat(p, &st))
			rc = errno == ENOENT && !lstat(p, &st) ? AG_EDANGLING : ag_errno(errno);
		if (rc) {
			free(p);
			return rc;
		}
		p[i] = c;
	}
	struct stat st;
	int rc = 0;
	if (stat(p, &st))
		rc = errno == ENOENT && !lstat(p, &st) ? AG_EDANGLING : ag_errno(errno);
	else if (!S_ISDIR(st.st_mode))
		rc = AG_EEXIST;
	free(p);
	return rc;
}

int ag_errno(int e)
{
	switch (e) {
	case ENOENT: return AG_ENOENT;
	case EACCES: case EPERM: return AG_EACCES;
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		return AG_ENOSPC;
	case EROFS: return AG_EREADONLY;
	case ENOMEM: return AG_ENOMEM;
	}
	return AG_EIO;
}

void ag_crash_point(void)
{
	/* per-process state of a test hook, not of the program: the one
	 * mutable static here, read only when the variable is set */
	static long left = -2;
	if (left == -2) {
		const char *v = getenv("ARCHGATE_TEST_CRASH_AFTER");
		left = v && *v >= '0' && *v <= '9' ? ag_leading_number(v) : -1;
	}
	if (left < 0)
		return;
	if (left-- <= 1)
		_exit(99);
}

/* Write data to a fresh temporary file beside `path` with permission
 * bits `mode`; returns its name. */
static int write_temp(const char *path, const void *data, size_t len, mode_t mode,
		      const struct stat *owner, char **tmp_out)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return AG_ENOMEM;
	snprintf(tmp, n + 16, "%s.agtmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = ag_errno(errno);
		free(tmp);
		return rc;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int rc = w < 0 ? ag_errno(errno) : AG_EIO;
			close(fd);
			unlink(tmp);
			free(tmp);
			return rc;
		}
		p += w;
		left -= (size_t)w;
	}
	/* the owner first: chown clears set-id bits, the chmod after restores
	 * what may be kept; an owner we may not give is not an error */
	if (owner && (owner->st_uid != geteuid() || owner->st_gid != getegid()) &&
	    fchown(fd, owner->st_uid, owner->st_gid)) {
		/* keep the caller's ownership */
	}
	if (fchmod(fd, mode) || fsync(fd)) {
		int rc = ag_errno(errno);
		close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	if (close(fd)) {
		int rc = ag_errno(errno);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	*tmp_out = tmp;
	ag_crash_point();
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
	int rc = write_temp(path, data, len, 0644, NULL, &tmp);
	if (rc)
		return rc;
	if (link(tmp, path))
		rc = errno == EEXIST ? AG_EEXIST : ag_errno(errno);
	unlink(tmp);
	free(tmp);
	if (!rc) {
		sync_parent(path);
		ag_crash_point();
	}
	return rc;
}

/* Whether `path` (resolved) lies inside `root` (resolved). */
static bool inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return true;
	return !strncmp(root, path, n) && (path[n] == '/' || path[n] == '\0');
}

/* What a write to `path` must replace: `path` itself, or the file a
 * symbolic link inside `root` resolves to (malloc'd in *target). */
static int replace_target(const char *root, const char *path, char **target, struct stat *st,
			  bool *exists)
{
	*target = NULL;
	*exists = false;
	if (lstat(path, st)) {
		if (errno != ENOENT)
			return ag_errno(errno);
		return (*target = strdup(path)) ? 0 : AG_ENOMEM;
	}
	if (S_ISLNK(st->st_mode)) {
		if (!root)
			return AG_EOUTSIDE;
		char *real = realpath(path, NULL);
		if (!real)
			return errno == ENOENT ? AG_EDANGLING : ag_errno(errno);
		char *rroot = realpath(root, NULL);
		bool ok = rroot && inside(rroot, real);
		free(rroot);
		if (!ok) {
			free(real);
			return AG_EOUTSIDE;
		}
		if (stat(real, st)) {
			int rc = ag_errno(errno);
			free(real);
			return rc;
		}
		*target = real;
	} else if (!(*target = strdup(path))) {
		return AG_ENOMEM;
	}
	*exists = true;
	if (!S_ISREG(st->st_mode)) {
		free(*target);
		*target = NULL;
		return AG_EINVAL;
	}
	if (!(st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH))) {
		free(*target);
		*target = NULL;
		return AG_EREADONLY;
	}
	return 0;
}

int ag_write_check(const char *root, const char *path)
{
	char *target;
	struct stat st;
	bool exists;
	int rc = replace_target(root, path, &target, &st, &exists);
	free(target);
	return rc;
}

int ag_write_replace_in(const char *root, const char *path, const void *data, size_t len)
{
	char *target, *tmp;
	struct stat st;
	bool exists;
	int rc = replace_target(root, path, &target, &st, &exists);
	if (rc)
		return rc;
	rc = write_temp(target, data, len, exists ? st.st_mode & 07777 : 0644,
			exists ? &st : NULL, &tmp);
	if (rc) {
		free(target);
		return rc;
	}
	if (rename(tmp, target)) {
		rc = ag_errno(errno);
		unlink(tmp);
	}
	free(tmp);
	if (!rc) {
		sync_parent(target);
		ag_crash_point();
	}
	free(target);
	return rc;
}

int ag_write_replace(const char *path, const void *data, size_t len)
{
	return ag_write_replace_in(NULL, path, data, len);
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
