/*
 * diagram_svg.h - Graphviz `dot` as a subprocess: DOT in, SVG out.
 *
 * archgate lays out no graphs itself (ADR 0009): SVG diagrams are the DOT
 * writer's output fed through `dot -Tsvg`, the layout engine everyone
 * already trusts. The program is found on PATH and run through base/proc.h,
 * which writes the DOT and reads the SVG and the messages in one poll()
 * loop (neither side can block the other however large the diagram), keeps
 * SIGPIPE from killing archgate when `dot` dies early, and stops a `dot`
 * that runs past AG_SVG_DOT_TIMEOUT_MS.
 */
#ifndef AG_DIAGRAM_SVG_H
#define AG_DIAGRAM_SVG_H

#include "base/buf.h"

#define AG_SVG_DOT_TIMEOUT_MS (2u * 60 * 1000)

/* Run `dot -Tsvg` on `dot` (`len` bytes) and append its SVG to `svg`.
 * What dot wrote to its standard error (the first AG_PROC_ERR_MAX bytes) is
 * appended to `err` when that is not NULL (on success it may hold
 * warnings).
 *
 * Returns 0; AG_ENOENT when there is no `dot` on PATH; AG_EIO when it could
 * not be started or exited with an error (or was killed); AG_ENOMEM, or
 * AG_ELIMIT when the output passes the buffer's limit or dot runs past
 * AG_SVG_DOT_TIMEOUT_MS (dot is then stopped). */
int ag_svg_from_dot(const char *dot, size_t len, struct ag_buf *svg, struct ag_buf *err);

#endif
