/*
 * git.h - asking the repository's git for history.
 *
 * archgate reads git by running the real `git` binary (plumbing commands
 * with fixed output formats), never by parsing .git itself: the formats are
 * stable, and the user's git knows about worktrees, packs and replace refs.
 */
#ifndef AG_GIT_H
#define AG_GIT_H

#include "base/buf.h"

#define AG_GIT_OUT_MAX ((size_t)64 << 20)  /* stdout past this: AG_ELIMIT */
#define AG_GIT_TIMEOUT_MS (5u * 60 * 1000) /* a git that hangs is stopped */

/* Run `git -C repo ARGS...` (argv NULL-terminated, without "git") through
 * base/proc.h: stdin /dev/null, stdout appended to `out`, stderr
 * discarded. Returns git's exit code (0 success), or a negative AG_E*:
 * AG_ENOENT when there is no git, AG_ELIMIT when it wrote more than
 * AG_GIT_OUT_MAX or ran past AG_GIT_TIMEOUT_MS (it is killed), AG_EIO when
 * it could not be started or died of a signal. */
int ag_git(const char *repo, const char *const *argv, struct ag_buf *out);

/* Whether `repo` is inside a git work tree. */
bool ag_git_is_repo(const char *repo);

#endif
