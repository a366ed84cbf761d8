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

/* Run `git -C repo ARGS...` (argv NULL-terminated, without "git"), stdout
 * into `out` (capped at 64 MiB), stderr discarded. Returns git's exit code
 * (0 success), or a negative AG_E* when git could not be run. */
int ag_git(const char *repo, const char *const *argv, struct ag_buf *out);

/* Whether `repo` is inside a git work tree. */
bool ag_git_is_repo(const char *repo);

#endif
