/*
 * fuzz_events_otlp.c - OTLP/JSON traces and logs: the record readers on
 * arbitrary input behind a fixed wrapper (fuzz_events_read.h says what is
 * checked).
 */
#include "fuzz_events_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, "", "");
}
