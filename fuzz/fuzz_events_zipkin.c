/*
 * fuzz_events_zipkin.c - Zipkin v2 JSON (a span array): the record readers on
 * arbitrary input behind a fixed wrapper (fuzz_events_read.h says what is
 * checked).
 */
#include "fuzz_events_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, "[{\"traceId\":\"t\",\"id\":\"a\",\"localEndpoint\":{\"serviceName\":\"s\"},", "}]");
}
