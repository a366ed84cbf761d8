/*
 * ag.h - things every archgate module shares: error codes and positions.
 *
 * Functions that can fail return int: 0 on success, a negative AG_E* code on
 * failure. Human-readable detail never travels in the return code; it is
 * appended to a caller-owned diagnostic list (diag.h). The library never
 * prints and never exits: only src/cli/ turns results into text and exit codes.
 */
#ifndef AG_AG_H
#define AG_AG_H

#include <stdbool.h>
#include <stddef.h>

enum ag_err {
	AG_OK = 0,
	AG_ENOMEM = -1,  /* allocation failed */
	AG_EIO = -2,     /* a file could not be read or written */
	AG_EPARSE = -3,  /* input is malformed; diagnostics say where */
	AG_EINVAL = -4,  /* input is well-formed but invalid; diagnostics say why */
	AG_ENOENT = -5,  /* something that must exist does not */
	AG_EEXIST = -6,  /* something archgate would create already exists */
	AG_ELIMIT = -7,  /* input exceeds a safety limit (size, depth, aliases) */
	/* why a file could not be written, named (fsutil.h) */
	AG_EACCES = -8,   /* permission denied (EACCES, EPERM) */
	AG_ENOSPC = -9,   /* no space left on device (ENOSPC, EDQUOT) */
	AG_EDANGLING = -10, /* a symbolic link that points at nothing */
	AG_EREADONLY = -11, /* the file is read-only (no write bit), or the file system is */
	AG_EOUTSIDE = -12,  /* a symbolic link that leads out of the repository */
};

/* A place in a file. `file` is borrowed: it points into a model's arena or
 * a static string and lives as long as the thing that holds the position. */
struct ag_pos {
	const char *file;
	int line; /* 1-based; 0 when unknown */
	int col;  /* 1-based; 0 when unknown */
};

const char *ag_strerror(int err);

/* Evaluates x, an AG_E* result, and returns it from the calling function
 * when it is not 0: for writers whose every step can fail the same way. */
#define AG_TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

/* The decimal number at the start of `s`, read from at most 9 digits so it
 * cannot overflow (the caller decides whether more digits mean "too big");
 * -1 when `s` does not start with a digit. Used instead of the C library's
 * string-to-int call, which is undefined on overflow. */
static inline int ag_leading_number(const char *s)
{
	if (*s < '0' || *s > '9')
		return -1;
	int v = 0;
	for (int i = 0; i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

#endif
