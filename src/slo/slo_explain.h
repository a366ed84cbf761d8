/*
 * slo_explain.h - what one SLO means, in words and with the numbers used:
 * the objective, the allowed bad fraction and bad time (or bad slices),
 * the freeze threshold of the error-budget policy, and each burn-rate
 * alert's windows, factor and threshold (docs/slo.md).
 */
#ifndef AG_SLO_EXPLAIN_H
#define AG_SLO_EXPLAIN_H

#include "base/buf.h"
#include "slo_read.h"

/* `freeze_at` is the policy's share (0.5). */
int ag_slo_explain(struct ag_buf *out, const struct ag_slo_def *d, double freeze_at, bool json);

#endif
