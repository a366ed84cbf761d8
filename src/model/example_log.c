/*
 * example_log.c - the worked example's request log; see example_log.h.
 */
#include "example_log.h"

int ag_example_log(struct ag_buf *out, long long end)
{
	const long long span = AG_EXAMPLE_LOG_DAYS * 86400LL, n = AG_EXAMPLE_LOG_EVENTS;
	const long long start = end - span;
	for (long long i = 0; i < n; i++) {
		/* evenly spread, a few seconds of jitter; the last one well before end */
		long long t = start + i * span / n + (i * 37) % 61;
		int status = 200;
		if (i == 1500)
			status = 503; /* the second day: a payment provider timeout */
		else if (i == 3600)
			status = 500; /* the fifth day */
		else if (i % 89 == 17)
			status = 404;
		else if (i % 263 == 5)
			status = 422;
		/* 40 to 300 ms, slower on the errors */
		long long ms = 40 + (i * 7919) % 181 + (i % 97 == 3 ? 120 : 0);
		if (status >= 500)
			ms = 3000;
		ag_buf_printf(out,
			      "{\"timestamp\":%lld,\"service\":\"checkout-api\",\"status\":%d,"
			      "\"duration_ms\":%lld}\n",
			      t, status, ms);
	}
	return ag_buf_err(out);
}
