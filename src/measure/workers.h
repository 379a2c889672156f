/* workers.h: the threads of one configuration (DESIGN §2): created once,
 * before any clock starts, parked between repetitions, and released together
 * at a gate for each repetition's io phase. The calling thread is worker 0,
 * so one worker means no thread at all. Each worker stamps its own start and
 * end, so the io phase is last end - first start, and a thread that starts
 * late shows as a start spread instead of being hidden in the time. */
#ifndef MB_WORKERS_H
#define MB_WORKERS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "runner.h"

typedef void (*mb_pool_job)(void *arg, int k);

struct mb_pool {
	int n;                      /* workers, the caller included */
	int started;                /* threads created (n - 1 when all went well) */
	pthread_t tid[MB_MAX_THREADS];
	mb_pool_job job;
	void *arg;
	uint64_t start[MB_MAX_THREADS], end[MB_MAX_THREADS];
	/* parking: threads sleep until arm changes (or quit) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned arm;
	int quit;
	/* the gate: armed threads count themselves ready and spin until go
	 * equals the generation they were armed for */
	atomic_uint ready, go;
	unsigned done;              /* helpers finished (under lock), signalled to the caller */
	pthread_cond_t done_cond;
	struct mb_pool_arg {
		struct mb_pool *p;
		int k;
	} args[MB_MAX_THREADS];
};

/* Creates n - 1 parked threads. 0 or -errno with err set (no thread left). */
int mb_pool_start(struct mb_pool *p, int n, char *err, size_t errlen);
/* Runs job(arg, k) on every worker k at once and returns when all are done;
 * p->start[k] and p->end[k] hold each worker's stamps (mb_now_ns). */
void mb_pool_run(struct mb_pool *p, mb_pool_job job, void *arg);
/* First start, last end and last start - first start of the last run. */
uint64_t mb_pool_first_start(const struct mb_pool *p);
uint64_t mb_pool_last_end(const struct mb_pool *p);
uint64_t mb_pool_start_spread(const struct mb_pool *p);
/* Wakes and joins the threads. */
void mb_pool_stop(struct mb_pool *p);

#endif
