/*
 * fsutil.h - writing files safely.
 *
 * Everything archgate writes goes through here: data is written to a
 * temporary file in the destination folder, flushed, and then moved into
 * place in one step, so a reader never sees half a file and a crash leaves
 * the old state. ag_write_new() refuses to replace anything (link(2) fails
 * if the name exists), which is how "never over a file archgate did not
 * create" is kept.
 */
#ifndef AG_FSUTIL_H
#define AG_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>
#include "ag.h"

/* Errors of the writers name their cause: AG_EACCES, AG_ENOSPC,
 * AG_EREADONLY, AG_EDANGLING, AG_EOUTSIDE, AG_ENOENT (a missing folder),
 * else AG_EIO. ag_errno() is that mapping of an errno value. */
int ag_errno(int e);

/* Create `path` with `len` bytes of `data` (mode 0644), atomically;
 * AG_EEXIST when the name is taken (by anything: file, link or folder). */
int ag_write_new(const char *path, const void *data, size_t len);

/* Replace `path` atomically (temp file + rename). Callers must have
 * established that archgate owns the file. The file keeps what it was:
 * its permission bits (a 0600 record stays 0600; a new one is 0644) and,
 * where allowed, its owner. A file without any write bit is refused
 * (AG_EREADONLY): someone made it read-only on purpose. A symbolic link is
 * written through, the link kept, only when what it resolves to lies
 * inside the folder `root` (AG_EOUTSIDE otherwise, AG_EDANGLING when it
 * resolves to nothing); with `root` NULL every symbolic link is refused
 * (AG_EOUTSIDE). Anything but a regular file is refused (AG_EINVAL). */
int ag_write_replace_in(const char *root, const char *path, const void *data, size_t len);

/* What ag_write_replace_in() would refuse `path` for, without writing: 0,
 * or its error. A missing file is 0. */
int ag_write_check(const char *root, const char *path);

/* ag_write_replace_in() with no root: symbolic links refused. */
int ag_write_replace(const char *path, const void *data, size_t len);

/* The test hook of crash-safety tests: when ARCHGATE_TEST_CRASH_AFTER=N is
 * set, the Nth call (counted per process) ends the process at once with
 * _exit(99), as a kill -9 would, between two steps of a multi-file edit.
 * Writers call it between their steps (each temp file written, each
 * rename, each unlink). Costs one getenv per process otherwise. */
void ag_crash_point(void);

/* Wait for an exclusive flock(2) on the folder `dir` itself (an open
 * directory descriptor: no lock file is left behind, and a crashed holder
 * releases it). *fd is the descriptor to hand to ag_dir_unlock(). Every
 * read-modify-write of files in a folder holds it (ADR-015). Returns 0 or
 * an AG_E* code (AG_ENOENT: no such folder). */
int ag_dir_lock(const char *dir, int *fd);
void ag_dir_unlock(int fd);

/* mkdir -p; 0 when the folder exists afterwards. */
int ag_mkdirs(const char *path);

/* Whether something exists at `path` (lstat). */
bool ag_exists(const char *path);

/* Every read of repository content opens through here (ADR 0021): without
 * blocking (a FIFO is refused, never waited on), regular files only, and a
 * symbolic link only when it resolves inside the root set with
 * ag_fs_set_root() (anywhere while none is set). Returns 0 and an open
 * descriptor, AG_ENOENT when nothing is there, or AG_EIO with the cause in
 * ag_io_reason(): "not a regular file (a FIFO)", "dangling symbolic link",
 * "symbolic link to a file outside the repository", or strerror's text
 * ("permission denied", ...). */
int ag_open_read(const char *path, int *fd);

/* The repository whose files symbolic links may point to (realpath'd);
 * NULL allows none to be checked. AG_EIO when root cannot be resolved. */
int ag_fs_set_root(const char *root);

/* Why the last ag_open_read()/ag_read_file() on this thread failed with
 * AG_EIO ("" when it did not); ag_strerror(AG_EIO) says it too. */
const char *ag_io_reason(void);
void ag_io_set_reason(const char *why);

/* Read a whole file into a malloc'd NUL-terminated buffer, refusing files
 * over `limit` bytes with AG_ELIMIT (size reported via *len). AG_ENOENT when
 * it does not exist, AG_EIO when it is not a regular file or unreadable
 * (opened with ag_open_read(): the reason is in ag_io_reason()). */
int ag_read_file(const char *path, size_t limit, char **data, size_t *len);

/* Reads from `fd` until `n` bytes are in `buf` or the file ends, retrying
 * on EINTR. Returns the number of bytes read, or -1 (errno set). */
ssize_t ag_read_fd(int fd, void *buf, size_t n);

/* "a/b", malloc'd; NULL on ENOMEM. */
char *ag_path_join(const char *a, const char *b);

/* The names in `dir` for which want(name) is true, sorted (strcmp), as a
 * malloc'd array of malloc'd strings; free with ag_dir_list_free(). A
 * missing folder gives an empty list and 0. Returns 0 or AG_ENOMEM. */
int ag_dir_list(const char *dir, bool (*want)(const char *name), char ***names, size_t *n);
void ag_dir_list_free(char **names, size_t n);

#endif
