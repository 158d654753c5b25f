#ifndef CARE_UTIL_LIMIT_H
#define CARE_UTIL_LIMIT_H

#include <stdlib.h>

/*
 * The limits of what care reads are compile-time constants, listed in
 * docs/design.md ("Limits"). A test may lower one through its
 * CARE_TEST_MAX_* variable, so that hitting it needs no 100,001 files;
 * nothing raises one, so the variable can only make care refuse more.
 */
static inline size_t limit_get(size_t max, const char *test_env)
{
	const char *v = getenv(test_env);
	char *end;
	unsigned long long n;

	if (!v || !*v)
		return max;
	n = strtoull(v, &end, 10);
	return *end || n >= max ? max : (size_t)n;
}

#endif
