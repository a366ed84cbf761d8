/*
 * fuzz_events_doc.c - documents that span lines: pretty-printed JSON, arrays, objects back to back: the record readers on
 * arbitrary input behind a fixed wrapper (fuzz_events_read.h says what is
 * checked).
 */
#include "fuzz_events_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, "", "");
}
