/*
 * diagram_svg.c - run Graphviz `dot -Tsvg`; see diagram_svg.h.
 */
#include "base/proc.h"
#include "diagram_svg.h"

int ag_svg_from_dot(const char *dot, size_t len, struct ag_buf *svg, struct ag_buf *err)
{
	static const char *const argv[] = {"dot", "-Tsvg", NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.in = dot;
	p.in_len = len;
	p.out = svg;
	p.out_max = AG_BUF_DEFAULT_LIMIT; /* the buffer's own cap stops it first */
	p.err = err;
	p.timeout_ms = AG_SVG_DOT_TIMEOUT_MS;
	int rc = ag_proc_run(&p, NULL);
	if (!rc && p.exit_code != 0)
		rc = AG_EIO;
	return rc;
}
