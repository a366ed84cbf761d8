/*
 * fuzz_common.h - shared bits of the libFuzzer targets.
 *
 * Every target allocates from an arena with a byte budget (like the real
 * loaders) and checks the API contracts documented in the headers, turning a
 * broken contract into abort() so that libFuzzer reports it as a crash.
 */
#ifndef AG_FUZZ_COMMON_H
#define AG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Arena budget per input: enough for any legitimate input under the size
 * limits below, small enough that hostile input hits AG_ELIMIT/AG_ENOMEM
 * paths instead of the fuzzer's RSS limit. */
#define FUZZ_ARENA_BUDGET ((size_t)256 << 20)

#define FUZZ_CHECK(cond)                                                          \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, \
				__LINE__, #cond);                                 \
			abort();                                                  \
		}                                                                 \
	} while (0)

/* A position a parser reported: in `file`, 1-based. */
#define FUZZ_CHECK_POS(p, f)                                                      \
	do {                                                                      \
		FUZZ_CHECK((p)->file == (f));                                     \
		FUZZ_CHECK((p)->line >= 1 && (p)->col >= 1);                      \
	} while (0)

#endif
