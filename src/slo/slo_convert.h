/*
 * slo_convert.h - SLOs written out as OpenSLO v1, sloth prometheus/v1 or
 * pyrra ServiceLevelObjective documents: lossless where the target format
 * can say it, a warning at the SLO for each thing it cannot (a window
 * other than sloth's 30 days, time slices, a good-events ratio in pyrra,
 * a threshold indicator). See docs/slo.md.
 */
#ifndef AG_SLO_CONVERT_H
#define AG_SLO_CONVERT_H

#include "base/buf.h"
#include "base/diag.h"
#include "slo_read.h"

/* to: AG_SLO_OPENSLO, AG_SLO_SLOTH or AG_SLO_PYRRA. AG_ENOMEM or 0; what
 * is dropped is a warning in diags, an SLO left out a warning too. */
int ag_slo_convert(struct ag_buf *out, const struct ag_slo_set *s, enum ag_slo_format to,
		   struct ag_diags *diags);

#endif
