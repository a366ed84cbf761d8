/*
 * fuzz_events_jaeger.c - Jaeger JSON (a trace object: spans and processes): the record readers on
 * arbitrary input behind a fixed wrapper (fuzz_events_read.h says what is
 * checked).
 */
#include "fuzz_events_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, "{\"traceID\":\"t\",\"spans\":", ",\"processes\":{\"p1\":{\"serviceName\":\"s\"}}}");
}
