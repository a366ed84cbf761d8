/*
 * observed.h - the map of calls the traces show (events/events_map.h)
 * drawn by the same renderers as `archgate diagram` (diagram.h): each
 * service with spans is a container, each callee only named by a client
 * span (an uninstrumented database, queue or API) an external system,
 * each caller-callee pair one arrow labelled with its calls, errors and
 * p99. Everything the renderers escape is escaped here too.
 */
#ifndef AG_REPORT_OBSERVED_H
#define AG_REPORT_OBSERVED_H

#include "base/buf.h"
#include "diagram/diagram.h"
#include "events/events_map.h"

/* Renders the map in one of diagram.h's notations (the container view).
 * Returns what ag_diagram_render returns. */
int ag_observed_diagram(struct ag_buf *out, const struct ag_evm *map,
			enum ag_diagram_format fmt, struct ag_buf *err);

#endif
