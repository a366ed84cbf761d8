/*
 * test_array.c - ag_array_grow(): doubling, the first capacity, overflow.
 */
#include <stdint.h>
#include "base/array.h"
#include "test.h"

TEST(grows_by_doubling_and_keeps_content)
{
	int *v = NULL;
	size_t n = 0, alloc = 0, reallocs = 0;
	for (int i = 0; i < 10000; i++) {
		size_t before = alloc;
		int *g = ag_array_grow(v, &alloc, n + 1, sizeof(*v), 8);
		REQUIRE(g != NULL);
		v = g;
		reallocs += alloc != before;
		v[n++] = i;
	}
	CHECK(alloc >= 10000);
	CHECK(reallocs < 20);
	int bad = 0;
	for (int i = 0; i < 10000; i++)
		bad += v[i] != i;
	CHECK_EQ_INT(bad, 0);
	free(v);
}

TEST(first_capacity_and_big_jumps)
{
	size_t alloc = 0;
	char *v = ag_array_grow(NULL, &alloc, 1, 1, 64);
	REQUIRE(v != NULL);
	CHECK_EQ_INT(alloc, 64);
	/* room already: the same pointer, the same capacity */
	CHECK(ag_array_grow(v, &alloc, 64, 1, 64) == v);
	CHECK_EQ_INT(alloc, 64);
	/* a need far past double the capacity is met at once */
	char *g = ag_array_grow(v, &alloc, 1000, 1, 64);
	REQUIRE(g != NULL);
	CHECK(alloc >= 1000);
	free(g);
}

TEST(overflow_is_null_and_keeps_the_array)
{
	size_t alloc = 4;
	int *v = malloc(4 * sizeof(*v));
	REQUIRE(v != NULL);
	CHECK(ag_array_grow(v, &alloc, SIZE_MAX / 2, sizeof(*v), 8) == NULL);
	CHECK_EQ_INT(alloc, 4);
	v[3] = 7; /* still ours */
	free(v);
}

TEST_MAIN(TEST_ENTRY(grows_by_doubling_and_keeps_content), TEST_ENTRY(first_capacity_and_big_jumps),
	  TEST_ENTRY(overflow_is_null_and_keeps_the_array))
