#ifndef CARE_THREADS_H
#define CARE_THREADS_H

#include <stddef.h>

/*
 * The one place that decides how many threads work on a job, and runs
 * them. Every per-thread array in the library is CARE_MAX_THREADS long and
 * indexed by the thread number threads_run() hands out, never by a counter
 * of its own.
 */
#define CARE_MAX_THREADS 16

/*
 * How many threads to use for work items when each thread should get at
 * least per_thread of them: $CARE_THREADS when set (exactly that many, so
 * tests can make several threads run on a small job), else requested when
 * above 0, else one per processor; never more than CARE_MAX_THREADS, nor
 * more threads than items, never fewer than 1.
 */
int threads_for(size_t work, size_t per_thread, int requested);

/*
 * Runs fn(data, t) for t = 0 .. n-1, each on its own thread; the calling
 * thread is thread 0. Returns how many ran: when a thread cannot be
 * started, fewer (at least 1), and fn must then share the work among the
 * threads that did run, which a shared counter of work items does.
 */
int threads_run(int n, void (*fn)(void *data, int thread), void *data);

#endif
