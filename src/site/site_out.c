/*
 * site_out.c - writing a built site into its folder in one step.
 *
 * The files go into a new folder beside the destination (mkdtemp in the
 * same parent, so the final rename stays on one file system, private to
 * this user until it is complete), the manifest last. A file whose bytes
 * the site being replaced already holds, in a file archgate wrote and no
 * one changed since (regular, 0644, one link, the same bytes compared),
 * is a hard link to that file instead of a new one: its inode and mtime
 * stay, and nothing is written (ADR 0055). Every other file is created
 * with O_EXCL. Then the new tree is made durable (few files written:
 * fsync of each and of the folders; many: one syncfs) and:
 *   - no destination yet: rename(2) the new folder into place;
 *   - a destination archgate built (every file in it is in its manifest,
 *     no symbolic links, nothing but files and folders): exchange the two
 *     folders with renameat2(RENAME_EXCHANGE), one atomic step, and remove
 *     the old one - only the files its manifest names, then its folders;
 *   - an empty folder is the same as an archgate one (a user's mkdir);
 *   - anything else (a file archgate did not write, a symbolic link, the
 *     destination itself a link or a file): AG_EEXIST, nothing touched.
 * Where the kernel or file system has no RENAME_EXCHANGE, the old folder
 * is renamed aside first and the new one into place (two renames; a
 * reader may find no folder for that instant, never a half-written one).
 */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <unistd.h>
#include <linux/openat2.h>
#include "base/fsutil.h"
#include "site.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MANIFEST_HEAD "# archgate site: the files of this folder, which `archgate site` replaces\n"
#define MANIFEST_LIMIT ((size_t)64 << 20)

/* Whether `line` is one of the manifest's lines (a sorted list). */
static bool listed(char **lines, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(lines[mid], path);
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The manifest of `dir` split into sorted lines (pointing into *text). */
static int read_manifest(const char *dir, char **text, char ***lines, size_t *n)
{
	char *p = ag_path_join(dir, AG_SITE_MANIFEST);
	if (!p)
		return AG_ENOMEM;
	size_t len;
	int rc = ag_read_file(p, MANIFEST_LIMIT, text, &len);
	free(p);
	*lines = NULL;
	*n = 0;
	if (rc)
		return rc;
	if (strncmp(*text, MANIFEST_HEAD, strlen(MANIFEST_HEAD)))
		return AG_EINVAL;
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += (*text)[i] == '\n';
	*lines = calloc(cap, sizeof(**lines));
	if (!*lines)
		return AG_ENOMEM;
	char *s = *text + strlen(MANIFEST_HEAD);
	while (*s) {
		char *e = strchr(s, '\n');
		if (e)
			*e = 0;
		if (*s)
			(*lines)[(*n)++] = s;
		if (!e)
			break;
		s = e + 1;
	}
	qsort(*lines, *n, sizeof(**lines), cmp_line);
	return 0;
}

/* Walk `dir` (the site's top is `top`, rel the path inside it): every
 * entry must be a folder or a file the manifest lists. Returns 0, or
 * AG_EEXIST with the first foreign path in `why`. */
static int check_tree(const char *top, const char *rel, char **lines, size_t n,
		      struct ag_buf *why, size_t *entries)
{
	char *dir = *rel ? ag_path_join(top, rel) : strdup(top);
	if (!dir)
		return AG_ENOMEM;
	DIR *d = opendir(dir);
	if (!d) {
		int e = errno;
		free(dir);
		return ag_errno(e);
	}
	int rc = 0;
	struct dirent *de;
	while (!rc && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		(*entries)++;
		char *r = *rel ? ag_path_join(rel, de->d_name) : strdup(de->d_name);
		char *full = r ? ag_path_join(top, r) : NULL;
		struct stat st;
		if (!r || !full) {
			rc = AG_ENOMEM;
		} else if (lstat(full, &st)) {
			rc = ag_errno(errno);
		} else if (S_ISDIR(st.st_mode)) {
			rc = check_tree(top, r, lines, n, why, entries);
		} else if (!S_ISREG(st.st_mode) || (strcmp(r, AG_SITE_MANIFEST) &&
						    !listed(lines, n, r))) {
			ag_buf_printf(why, "'%s' is not a file archgate wrote%s", full,
				      S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
			rc = AG_EEXIST;
		}
		free(r);
		free(full);
	}
	closedir(d);
	free(dir);
	return rc;
}

/* Remove what a manifest lists from `top`, then its empty folders and
 * `top` itself; whatever else is there stays. */
static void remove_site(const char *top, char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strstr(lines[i], "..") || lines[i][0] == '/')
			continue;
		char *p = ag_path_join(top, lines[i]);
		if (p && unlink(p) && (errno == EISDIR || errno == EPERM))
			rmdir(p); /* a user's empty folder in place of a page */
		free(p);
	}
	char *m = ag_path_join(top, AG_SITE_MANIFEST);
	if (m)
		unlink(m);
	free(m);
	/* folders: every parent of a listed file, deepest first (the list is
	 * sorted, so walking it backwards and removing each parent chain
	 * leaves only folders someone else filled) */
	for (size_t i = n; i-- > 0;) {
		char *p = ag_path_join(top, lines[i]);
		if (!p)
			continue;
		size_t tl = strlen(top);
		for (char *s = strrchr(p, '/'); s && (size_t)(s - p) > tl; s = strrchr(p, '/')) {
			*s = 0;
			if (rmdir(p))
				break;
		}
		free(p);
	}
	rmdir(top);
}

/* Removes the files of `site` written under `top`, and `top`. */
static void remove_written(const char *top, const struct ag_site *site)
{
	char **lines = calloc(site->n + 1, sizeof(*lines));
	for (size_t i = 0; lines && i < site->n; i++)
		lines[i] = site->v[i].path;
	if (lines)
		remove_site(top, lines, site->n);
	free(lines);
}

/* What one write of a site keeps track of: the folders made so far in the
 * new tree (the files come sorted, so one folder's files are together and
 * mkdir -p runs once a folder, not once a file), the old tree's top (an
 * open descriptor; -1: none), the counts. */
struct wr {
	const char *top;  /* the new folder */
	int old_fd;       /* the destination being replaced, or -1 */
	char **old;       /* its manifest, sorted */
	size_t nold;
	char **dirs;      /* folders of the new tree (inside top), for fsync */
	size_t ndirs;
	struct ag_site_write_stats st;
	bool manifest_written;
	mode_t mode;      /* what write_file() gives a file: 0644 less the umask */
};

/* mkdir -p of the folders of `path` inside `top`, once a folder. */
static int parents(struct wr *w, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	size_t dl = (size_t)(slash - path);
	if (w->ndirs && strlen(w->dirs[w->ndirs - 1]) == dl &&
	    !memcmp(w->dirs[w->ndirs - 1], path, dl))
		return 0;
	char *rel = strndup(path, dl);
	char *dir = rel ? ag_path_join(w->top, rel) : NULL;
	int rc = dir ? ag_mkdirs(dir) : AG_ENOMEM;
	char **nv = rc ? NULL : realloc(w->dirs, (w->ndirs + 1) * sizeof(*nv));
	if (!rc && !nv)
		rc = AG_ENOMEM;
	if (!rc) {
		w->dirs = nv;
		w->dirs[w->ndirs++] = rel;
		rel = NULL;
	}
	free(rel);
	free(dir);
	return rc;
}

/* Create `path` with `data`: O_EXCL in the private new folder, no fsync
 * per file here (see flush()). */
static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return ag_errno(errno);
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;
			close(fd);
			return ag_errno(e);
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd) ? ag_errno(errno) : 0;
}

/* Open `rel` inside the old tree without following any symbolic link on
 * the way (openat2 RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH; where the kernel
 * has no openat2, O_NOFOLLOW on the last part: check_tree() has just seen
 * that the tree holds no link). */
static int open_old(int dfd, const char *rel)
{
	struct open_how how = {.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
			       .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH};
	long fd = syscall(SYS_openat2, dfd, rel, &how, sizeof how);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		fd = openat(dfd, rel, (int)how.flags);
	return (int)fd;
}

/* Whether the old tree's `rel` holds exactly the bytes `data`, as a file
 * archgate would write (regular, mode 0644 less the umask, ours, no other
 * name): then it is hard-linked into the new tree at `newp` (same inode:
 * same mtime, no write) and true is returned. Anything else - missing,
 * changed by a user, another mode, a second hard link someone made to it,
 * a folder in its place - and the caller writes the file anew. */
static bool keep_old(struct wr *w, const char *rel, const char *newp, const char *data,
		     size_t len)
{
	if (w->old_fd < 0 || (strcmp(rel, AG_SITE_MANIFEST) && !listed(w->old, w->nold, rel)))
		return false;
	int fd = open_old(w->old_fd, rel);
	if (fd < 0)
		return false;
	struct stat st, nst;
	bool same = !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
		    (st.st_mode & 07777) == w->mode && st.st_uid == geteuid() &&
		    (uintmax_t)st.st_size == (uintmax_t)len;
	char buf[65536];
	size_t off = 0;
	while (same) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (size_t)r > len - off)
			same = false;
		else if (r == 0)
			break;
		else
			same = !memcmp(buf, data + off, (size_t)r), off += (size_t)r;
	}
	same = same && off == len;
	/* link by name, then make sure the name reached the inode just compared
	 * (a rename in the old tree between the two would link something else) */
	if (same && linkat(w->old_fd, rel, AT_FDCWD, newp, 0))
		same = false;
	else if (same && (lstat(newp, &nst) || nst.st_ino != st.st_ino || nst.st_dev != st.st_dev)) {
		unlink(newp);
		same = false;
	}
	close(fd);
	return same;
}

/* fsync a path (a file or a folder). */
static int sync_path(const char *p)
{
	int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ag_errno(errno);
	int rc = fsync(fd) ? ag_errno(errno) : 0;
	close(fd);
	return rc;
}

/* Make the new tree durable before it moves into place. A few files
 * written (an incremental build): fsync each of them and each folder
 * (the hard links are folder entries). Many (a first build): one syncfs
 * of the file system, which costs one flush instead of a disk round trip
 * a page. */
#define FSYNC_EACH_MAX 64
static int flush(struct wr *w, const struct ag_site *site, const bool *fresh)
{
	int rc = 0;
	if (w->st.written + 1 > FSYNC_EACH_MAX) {
		int dfd = open(w->top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			if (syscall(SYS_syncfs, dfd))
				rc = ag_errno(errno);
			close(dfd);
		}
		return rc;
	}
	for (size_t i = 0; !rc && i < site->n; i++) {
		if (!fresh[i])
			continue;
		char *p = ag_path_join(w->top, site->v[i].path);
		rc = p ? sync_path(p) : AG_ENOMEM;
		free(p);
	}
	if (!rc && w->manifest_written) {
		char *p = ag_path_join(w->top, AG_SITE_MANIFEST);
		rc = p ? sync_path(p) : AG_ENOMEM;
		free(p);
	}
	/* each folder and the ones above it (files/a/b: b, a, files) */
	for (size_t i = 0; !rc && i < w->ndirs; i++) {
		char *p = ag_path_join(w->top, w->dirs[i]);
		if (!p) {
			rc = AG_ENOMEM;
			break;
		}
		size_t tl = strlen(w->top);
		while (!rc && strlen(p) > tl) {
			rc = sync_path(p);
			char *s = strrchr(p, '/');
			if (!s)
				break;
			*s = 0;
		}
		free(p);
	}
	return rc ? rc : sync_path(w->top);
}

static bool safe_path(const char *p)
{
	return *p && *p != '/' && !strstr(p, "..") && !strstr(p, "//");
}

int ag_site_write(const struct ag_site *site, const char *out, struct ag_site_write_stats *st,
		  struct ag_buf *why)
{
	struct stat sb;
	bool exists = false;
	char *old_text = NULL, **old = NULL;
	size_t nold = 0;
	int rc = 0;
	if (!lstat(out, &sb)) {
		if (S_ISLNK(sb.st_mode) || !S_ISDIR(sb.st_mode)) {
			ag_buf_printf(why, "'%s' exists and is not a folder archgate built%s", out,
				      S_ISLNK(sb.st_mode) ? " (a symbolic link)" : "");
			return AG_EEXIST;
		}
		exists = true;
		rc = read_manifest(out, &old_text, &old, &nold);
		size_t entries = 0;
		if (rc == AG_ENOENT || rc == AG_EINVAL) {
			/* no manifest: only an empty folder may be replaced */
			int r2 = check_tree(out, "", NULL, 0, why, &entries);
			if (r2 == AG_EEXIST || (!r2 && entries)) {
				if (!why->len)
					ag_buf_printf(why, "'%s' holds files archgate did not write",
						      out);
				rc = AG_EEXIST;
			} else {
				rc = r2;
			}
		} else if (!rc) {
			rc = check_tree(out, "", old, nold, why, &entries);
		}
		if (rc) {
			free(old);
			free(old_text);
			return rc;
		}
	} else if (errno != ENOENT) {
		return ag_errno(errno);
	}

	/* the new folder beside the destination */
	size_t ol = strlen(out);
	while (ol > 1 && out[ol - 1] == '/')
		ol--;
	char *tmpl = malloc(ol + 32);
	if (!tmpl) {
		free(old), free(old_text);
		return AG_ENOMEM;
	}
	const char *slash = NULL;
	for (size_t i = 0; i < ol; i++)
		if (out[i] == '/')
			slash = out + i;
	size_t pl = slash ? (size_t)(slash - out) + 1 : 0;
	snprintf(tmpl, ol + 32, "%.*s.%.*s.new-XXXXXX", (int)pl, out, (int)(ol - pl), out + pl);
	if (!mkdtemp(tmpl)) {
		rc = ag_errno(errno);
		free(tmpl), free(old), free(old_text);
		return rc;
	}
	/* unchanged files are hard links to the old tree's (ADR 0055) */
	mode_t um = umask(0);
	umask(um);
	struct wr w = {.top = tmpl, .old_fd = -1, .old = old, .nold = nold, .mode = 0644 & ~um};
	if (exists)
		w.old_fd = open(out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	bool *fresh = calloc(site->n + 1, sizeof(*fresh));
	if (!fresh)
		rc = AG_ENOMEM;
	struct ag_buf man = AG_BUF_INIT;
	ag_buf_adds(&man, MANIFEST_HEAD);
	for (size_t i = 0; !rc && i < site->n; i++) {
		const struct ag_site_file *f = &site->v[i];
		if (!safe_path(f->path)) {
			rc = AG_EINVAL;
			break;
		}
		rc = parents(&w, f->path);
		char *p = rc ? NULL : ag_path_join(tmpl, f->path);
		if (!rc && !p)
			rc = AG_ENOMEM;
		if (!rc && keep_old(&w, f->path, p, f->data.data, f->data.len)) {
			w.st.kept++;
		} else if (!rc) {
			rc = write_file(p, f->data.data, f->data.len);
			fresh[i] = true;
			w.st.written++;
		}
		free(p);
		ag_buf_adds(&man, f->path);
		ag_buf_addc(&man, '\n');
	}
	if (!rc)
		rc = ag_buf_err(&man);
	if (!rc) {
		char *p = ag_path_join(tmpl, AG_SITE_MANIFEST);
		if (!p)
			rc = AG_ENOMEM;
		else if (!keep_old(&w, AG_SITE_MANIFEST, p, man.data, man.len))
			rc = write_file(p, man.data, man.len), w.manifest_written = true;
		free(p);
	}
	/* durable, then readable by others, then into place */
	if (!rc)
		rc = flush(&w, site, fresh);
	if (!rc && chmod(tmpl, 0755))
		rc = ag_errno(errno);
	if (w.old_fd >= 0)
		close(w.old_fd);
	for (size_t i = 0; i < w.ndirs; i++)
		free(w.dirs[i]);
	free(w.dirs);
	free(fresh);
	if (st)
		*st = w.st;
	ag_buf_release(&man);
	if (rc) {
		remove_written(tmpl, site); /* what was written is ours alone */
		free(tmpl), free(old), free(old_text);
		return rc;
	}
	ag_crash_point();
	if (!exists) {
		if (rename(tmpl, out)) {
			rc = errno == EEXIST || errno == ENOTEMPTY ? AG_EEXIST : ag_errno(errno);
			if (rc == AG_EEXIST)
				ag_buf_printf(why, "'%s' appeared while the site was being built", out);
		}
	} else if (syscall(SYS_renameat2, AT_FDCWD, tmpl, AT_FDCWD, out, RENAME_EXCHANGE)) {
		if (errno != EINVAL && errno != ENOSYS) {
			rc = ag_errno(errno);
		} else {
			/* no exchange here: aside, then into place */
			char *aside = malloc(strlen(tmpl) + 8);
			if (!aside) {
				rc = AG_ENOMEM;
			} else {
				snprintf(aside, strlen(tmpl) + 8, "%s.old", tmpl);
				if (rename(out, aside)) {
					rc = ag_errno(errno);
				} else if (rename(tmpl, out)) {
					rc = ag_errno(errno);
					rename(aside, out);
				} else {
					remove_site(aside, old, nold);
				}
			}
			free(aside);
		}
	} else {
		/* tmpl now holds the old site */
		remove_site(tmpl, old, nold);
	}
	if (rc)
		remove_written(tmpl, site);
	free(tmpl), free(old), free(old_text);
	return rc;
}
