/*
 * example_log.h - the worked example's request log, written by
 * `archgate init --example` (ADR-0053).
 *
 * The Checkout API's requests over the seven days before `end` (unix
 * seconds: midnight UTC of the day init runs, or of ARCHGATE_TODAY), as
 * NDJSON events {"timestamp", "service", "status", "duration_ms"}: 5,000
 * of them, evenly spread, two of them server errors (503 on the second
 * day, 500 on the fifth) and some client errors (404, 422), which the
 * SLO counts as good. Against 99.9% that is 2 bad of 5,000 events, 40%
 * of the error budget: below the freeze at 50%. The bytes depend only on
 * `end`, so two inits on the same day write the same file.
 */
#ifndef AG_EXAMPLE_LOG_H
#define AG_EXAMPLE_LOG_H

#include "base/buf.h"

#define AG_EXAMPLE_LOG_PATH "logs/checkout-api.ndjson"
#define AG_EXAMPLE_LOG_EVENTS 5000
#define AG_EXAMPLE_LOG_DAYS 7

/* The log into out; AG_ENOMEM or 0. */
int ag_example_log(struct ag_buf *out, long long end);

#endif
