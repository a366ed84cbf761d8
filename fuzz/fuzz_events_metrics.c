/*
 * fuzz_events_metrics.c - OTLP/JSON metrics (gauge, sum, histogram data points): the record readers on
 * arbitrary input behind a fixed wrapper (fuzz_events_read.h says what is
 * checked).
 */
#include "fuzz_events_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":", "}]}]}");
}
