/*
 * fuzz_metrics.c - the exposition checks of `archgate probe`
 * (src/probe/metrics.c) on any bytes, as the text format and as
 * OpenMetrics, and the W3C traceparent/tracestate syntax checks on the
 * first line.
 *
 * Checked: no crash or leak on any input; every finding has a known rule
 * prefix, a severity, a message and a line within the input (or 0); the
 * findings come in line order; a traceparent accepted has a 32-digit
 * lowercase hex trace id.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "probe/probe.h"

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

static void check(const char *text, size_t size, bool om)
{
	struct ag_probe_findings f = {0};
	struct ag_metrics_stats st;
	int rc = ag_metrics_lint(text, size, om, &f, &st);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	for (size_t i = 0; i < f.n; i++) {
		const struct ag_probe_finding *x = &f.v[i];
		FUZZ_CHECK(x->rule && !strncmp(x->rule, "metrics-", 8) && x->message);
		FUZZ_CHECK(x->sev == AG_SEV_ERROR || x->sev == AG_SEV_WARNING);
		FUZZ_CHECK(x->line >= 1 && (size_t)x->line <= lines);
		if (i)
			FUZZ_CHECK(f.v[i - 1].line <= x->line);
	}
	ag_probe_findings_release(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	const char *text = (const char *)data;
	check(text, size, false);
	check(text, size, true);
	const char *nl = memchr(text, '\n', size);
	size_t n = nl ? (size_t)(nl - text) : size;
	char *first = malloc(n + 1);
	if (!first)
		return 0;
	memcpy(first, text, n);
	first[n] = '\0';
	char why[256], id[33];
	if (ag_traceparent_check(first, why, sizeof(why), id) == 0) {
		FUZZ_CHECK(strlen(id) == 32);
		for (size_t i = 0; i < 32; i++)
			FUZZ_CHECK((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'));
	}
	(void)ag_tracestate_check(first, why, sizeof(why));
	free(first);
	return 0;
}
