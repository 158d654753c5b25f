/*
 * Thread counts and a pool that numbers its threads. The machines schools
 * use have two to eight cores; more threads than that only add memory.
 */
#include "util/threads.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/banned.h"

int threads_for(size_t work, size_t per_thread, int requested)
{
	const char *env = getenv("CARE_THREADS");
	long n;

	if (env && *env && atol(env) > 0) {
		n = atol(env);
		if ((size_t)n > work)
			n = (long)work;
	} else {
		n = requested > 0 ? requested : sysconf(_SC_NPROCESSORS_ONLN);
		if (per_thread && (size_t)n > work / per_thread + 1)
			n = (long)(work / per_thread + 1);
	}
	if (n > CARE_MAX_THREADS)
		n = CARE_MAX_THREADS;
	return n < 1 ? 1 : (int)n;
}

struct start {
	void (*fn)(void *data, int thread);
	void *data;
	int thread;
};

static void *trampoline(void *arg)
{
	struct start *s = arg;

	s->fn(s->data, s->thread);
	return NULL;
}

int threads_run(int n, void (*fn)(void *data, int thread), void *data)
{
	pthread_t tids[CARE_MAX_THREADS];
	struct start starts[CARE_MAX_THREADS];
	int i, started = 0;

	if (n > CARE_MAX_THREADS)
		n = CARE_MAX_THREADS;
	for (i = 1; i < n; i++) {
		starts[started].fn = fn;
		starts[started].data = data;
		starts[started].thread = started + 1;
		if (pthread_create(&tids[started], NULL, trampoline, &starts[started]))
			break;
		started++;
	}
	fn(data, 0);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	return started + 1;
}
