/* probe_tlb.c: the machine probe's TLB shootdown figure: munmap(2) of a
 * touched page while a second thread, pinned to another CPU, has just
 * touched it and spins (its TLB holds the page, so the kernel must
 * interrupt it), minus munmap of a touched page with no other thread. The
 * thread is started and parked at a barrier before any clock runs. */
#include "probe.h"
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define TLB_ITERS 32

struct tlb_peer {
	pthread_barrier_t start;
	int cpu;
	_Atomic(unsigned char *) page;
	atomic_int seq;   /* main: iteration i + 1 published; -1: stop */
	atomic_int ack;   /* peer: iteration i + 1 touched */
};

static int pin(pthread_t t, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return -pthread_setaffinity_np(t, sizeof(set), &set);
}

static void *peer_main(void *arg)
{
	struct tlb_peer *p = arg;
	int seen = 0;

	pin(pthread_self(), p->cpu);
	pthread_barrier_wait(&p->start);
	for (;;) {
		int s;

		while ((s = atomic_load(&p->seq)) == seen)
			;
		if (s < 0)
			break;
		(void)*(volatile unsigned char *)atomic_load(&p->page);
		seen = s;
		atomic_store(&p->ack, s);
	}
	return NULL;
}

static unsigned char *touched_page(void)
{
	unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	*(volatile unsigned char *)p = 1;
	return p;
}

/* The summed ns of TLB_ITERS munmaps of a touched page; with peer, each page
 * touched by the peer thread first. */
static int munmaps(struct tlb_peer *peer, uint64_t *ns)
{
	*ns = 0;
	for (int i = 0; i < TLB_ITERS; i++) {
		unsigned char *p = touched_page();
		uint64_t t0;

		if (!p)
			return -ENOMEM;
		if (peer) {
			atomic_store(&peer->page, p);
			atomic_store(&peer->seq, i + 1);
			while (atomic_load(&peer->ack) != i + 1)
				;
		}
		t0 = mb_now_ns();
		munmap(p, 4096);
		*ns += mb_now_ns() - t0;
	}
	return 0;
}

/* The first two CPUs this process may run on; -EOPNOTSUPP when only one. */
static int two_cpus(int cpu[2], char *err, size_t errlen)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (int i = 0; i < CPU_SETSIZE && n < 2; i++)
		if (CPU_ISSET(i, &set))
			cpu[n++] = i;
	if (n == 2)
		return 0;
	snprintf(err, errlen, "one CPU only: no second CPU whose TLB munmap must flush");
	return -EOPNOTSUPP;
}

int mb_probe_tlb_shootdown(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	struct tlb_peer peer = {0};
	cpu_set_t old;
	uint64_t single, shared;
	pthread_t t;
	int cpu[2], rc;

	(void)c;
	rc = two_cpus(cpu, err, errlen);
	if (rc)
		return rc;
	if (sched_getaffinity(0, sizeof(old), &old))
		return -errno;
	rc = pin(pthread_self(), cpu[0]);
	if (rc)
		goto out_err;
	rc = munmaps(NULL, &single);
	if (rc)
		goto out_restore;
	peer.cpu = cpu[1];
	pthread_barrier_init(&peer.start, NULL, 2);
	rc = -pthread_create(&t, NULL, peer_main, &peer);
	if (rc)
		goto out_barrier;
	pthread_barrier_wait(&peer.start);
	rc = munmaps(&peer, &shared);
	atomic_store(&peer.seq, -1);
	pthread_join(t, NULL);
	*v = ((double)shared - (double)single) / TLB_ITERS;
out_barrier:
	pthread_barrier_destroy(&peer.start);
out_restore:
	sched_setaffinity(0, sizeof(old), &old);
out_err:
	if (rc)
		snprintf(err, errlen, "TLB shootdown: %s", strerror(-rc));
	return rc;
}
