/*
 * The countdowns of the fault-injection build (`make FAULTS=1`): each
 * kind of call is counted, and the one whose number the environment
 * names fails, once, as a full disk or a failed allocation would. The
 * limits are read once, on the first call of any kind; threads share
 * the counts, so which page of a render meets the failure may vary, but
 * that one call fails. In the normal build this file is empty.
 */
#include "util/fault.h"

#ifdef CARE_FAULTS
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "util/banned.h"

static const char *const names[FAULT_KINDS] = { "ALLOC", "WRITE", "FSYNC", "RENAME" };
static const char *const vars[FAULT_KINDS] = { "CARE_FAULT_ALLOC", "CARE_FAULT_WRITE", "CARE_FAULT_FSYNC",
						"CARE_FAULT_RENAME" };
static unsigned long limit[FAULT_KINDS];
static atomic_ulong count[FAULT_KINDS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void read_limits(void)
{
	int k;

	for (k = 0; k < FAULT_KINDS; k++) {
		const char *v = getenv(vars[k]);
		limit[k] = v ? strtoul(v, NULL, 10) : 0;
	}
}

int fault_hit(enum fault_kind k)
{
	unsigned long n;

	pthread_once(&once, read_limits);
	n = atomic_fetch_add(&count[k], 1) + 1;
	return limit[k] && n == limit[k];
}

unsigned long fault_count(enum fault_kind k)
{
	return atomic_load(&count[k]);
}

const char *fault_name(enum fault_kind k)
{
	return names[k];
}
#else
/* ISO C wants something in a translation unit. */
typedef int fault_empty;
#endif
