/* workers.c: parked worker threads released together at a gate (see
 * workers.h). Waiting at the gate spins (with the CPU's relax hint, yielding
 * now and then so the thread that opens the gate is never starved on a
 * machine with fewer CPUs than workers). Parking between repetitions, and the
 * caller's wait for the others once its own part is done, sleep on condition
 * variables: no CPU time is burnt outside the work itself. */
#include "workers.h"
#include "compat.h"
#include "trace.h"
#include "util.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

/* Spins until *v reaches want (== for the gate, >= for the ready count). */
static void spin_until_eq(atomic_uint *v, unsigned want)
{
	for (unsigned i = 1; atomic_load_explicit(v, memory_order_acquire) != want; i++) {
		mb_cpu_relax();
		if (!(i % 256))
			sched_yield();
	}
}

static void spin_until_ge(atomic_uint *v, unsigned want)
{
	for (unsigned i = 1; atomic_load_explicit(v, memory_order_acquire) < want; i++) {
		mb_cpu_relax();
		if (!(i % 256))
			sched_yield();
	}
}

static void *worker_main(void *arg)
{
	struct mb_pool *p = ((struct mb_pool_arg *)arg)->p;
	int k = ((struct mb_pool_arg *)arg)->k;
	unsigned seen = 0;

	for (;;) {
		unsigned gen;

		pthread_mutex_lock(&p->lock);
		while (p->arm == seen && !p->quit)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->quit) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		gen = seen = p->arm;
		pthread_mutex_unlock(&p->lock);
		atomic_fetch_add_explicit(&p->ready, 1, memory_order_acq_rel);
		spin_until_eq(&p->go, gen);
		p->start[k] = mb_now_ns();
		p->job(p->arg, k);
		p->end[k] = mb_now_ns();
		pthread_mutex_lock(&p->lock);
		if (++p->done == (unsigned)(p->n - 1))
			pthread_cond_signal(&p->done_cond);
		pthread_mutex_unlock(&p->lock);
	}
}

int mb_pool_start(struct mb_pool *p, int n, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	p->n = n;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	pthread_cond_init(&p->done_cond, NULL);
	for (int k = 1; k < n; k++) {
		int rc;

		p->args[k] = (struct mb_pool_arg){.p = p, .k = k};
		if ((rc = pthread_create(&p->tid[k], NULL, worker_main, &p->args[k]))) {
			snprintf(err, errlen, "pthread_create (worker %d of %d): %s", k + 1, n, strerror(rc));
			mb_pool_stop(p);
			return -rc;
		}
		p->started++;
		mb_trace(MB_TRACE_THREAD_START, "worker");
	}
	return 0;
}

void mb_pool_run(struct mb_pool *p, mb_pool_job job, void *arg)
{
	unsigned helpers = (unsigned)(p->n - 1), gen;

	p->job = job;
	p->arg = arg;
	atomic_store(&p->ready, 0);
	if (helpers) {
		pthread_mutex_lock(&p->lock);
		p->done = 0;
		gen = ++p->arm;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		/* untimed: every helper is awake and spinning at the gate */
		spin_until_ge(&p->ready, helpers);
		atomic_store_explicit(&p->go, gen, memory_order_release);
	}
	p->start[0] = mb_now_ns();
	job(arg, 0);
	p->end[0] = mb_now_ns();
	if (!helpers)
		return;
	/* the stragglers' stamps are their own: this wait may sleep */
	pthread_mutex_lock(&p->lock);
	while (p->done < helpers)
		pthread_cond_wait(&p->done_cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

uint64_t mb_pool_first_start(const struct mb_pool *p)
{
	uint64_t t = p->start[0];

	for (int k = 1; k < p->n; k++)
		if (p->start[k] < t)
			t = p->start[k];
	return t;
}

uint64_t mb_pool_last_end(const struct mb_pool *p)
{
	uint64_t t = p->end[0];

	for (int k = 1; k < p->n; k++)
		if (p->end[k] > t)
			t = p->end[k];
	return t;
}

uint64_t mb_pool_start_spread(const struct mb_pool *p)
{
	uint64_t hi = p->start[0];

	for (int k = 1; k < p->n; k++)
		if (p->start[k] > hi)
			hi = p->start[k];
	return hi - mb_pool_first_start(p);
}

void mb_pool_stop(struct mb_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	for (int k = 1; k <= p->started; k++) {
		pthread_join(p->tid[k], NULL);
		mb_trace(MB_TRACE_THREAD_STOP, "worker");
	}
	p->started = 0;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	pthread_cond_destroy(&p->done_cond);
}
