/*
 * diag.c - diagnostic lists; see diag.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"

const char *ag_strerror(int err)
{
	switch (err) {
	case AG_OK: return "success";
	case AG_ENOMEM: return "out of memory";
	case AG_EIO: { /* the cause when a file read recorded one */
		const char *why = ag_io_reason();
		return *why ? why : "input/output error";
	}
	case AG_EPARSE: return "malformed input";
	case AG_EINVAL: return "invalid input";
	case AG_ENOENT: return "not found";
	case AG_EEXIST: return "already exists";
	case AG_ELIMIT: return "input exceeds a safety limit";
	case AG_EACCES: return "permission denied";
	case AG_ENOSPC: return "no space left on device";
	case AG_EDANGLING: return "dangling symbolic link";
	case AG_EREADONLY: return "the file is read-only";
	case AG_EOUTSIDE: return "a symbolic link that leads out of the repository";
	}
	return "unknown error";
}

void ag_diags_init(struct ag_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void ag_diags_release(struct ag_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	free(d->v);
	ag_diags_init(d);
}

int ag_diags_vaddc(struct ag_diags *d, enum ag_severity sev, const char *code,
		   const char *file, int line, int col, const char *fmt, va_list ap)
{
	size_t max = d->max ? d->max : 100;
	if (d->n >= max) {
		d->dropped++;
		return 0;
	}
	struct ag_diag *v = ag_array_grow(d->v, &d->alloc, d->n + 1, sizeof(*v), 8);
	if (!v)
		return AG_ENOMEM;
	d->v = v;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_vprintf(&b, fmt, ap);
	char *msg = ag_buf_detach(&b, NULL);
	char *f = NULL;
	if (!msg || (file && !(f = strdup(file)))) {
		free(msg);
		return AG_ENOMEM;
	}
	struct ag_diag *g = &d->v[d->n++];
	g->sev = sev;
	g->code = code ? code : AG_DIAG_INPUT;
	g->file = f;
	g->line = line;
	g->col = col;
	g->message = msg;
	return 0;
}

int ag_diags_add(struct ag_diags *d, enum ag_severity sev, const char *file,
		 int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_diags_vaddc(d, sev, NULL, file, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

int ag_diags_addc(struct ag_diags *d, enum ag_severity sev, const char *code,
		  const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_diags_vaddc(d, sev, code, file, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

int ag_diags_addpos(struct ag_diags *d, enum ag_severity sev,
		    const struct ag_pos *pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_diags_vaddc(d, sev, NULL, pos ? pos->file : NULL, pos ? pos->line : 0,
		      pos ? pos->col : 0, fmt, ap);
	va_end(ap);
	return rc;
}

size_t ag_diags_count(const struct ag_diags *d, enum ag_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].sev == sev;
	return n;
}

const char *ag_severity_name(enum ag_severity s)
{
	switch (s) {
	case AG_SEV_OFF: return "off";
	case AG_SEV_NOTE: return "note";
	case AG_SEV_WARNING: return "warning";
	case AG_SEV_ERROR: return "error";
	}
	return "error";
}

int ag_severity_parse(const char *s, size_t n)
{
	static const char *const names[] = {"off", "note", "warning", "error"};
	for (int i = 0; i < 4; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n))
			return i;
	return -1;
}
