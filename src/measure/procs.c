/* procs.c: forked worker processes released together at a gate in shared
 * memory (see procs.h). The parent waits for the children's exit by polling
 * (waitpid WNOHANG and a short sleep), so a stop request is seen even though
 * the signal handlers restart system calls. */
#include "procs.h"
#include "compat.h"
#include "util.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void mb_procs_gate(struct mb_procs_shm *shm)
{
	atomic_fetch_add_explicit(&shm->ready, 1, memory_order_acq_rel);
	for (unsigned i = 1; !atomic_load_explicit(&shm->go, memory_order_acquire); i++) {
		mb_cpu_relax();
		if (!(i % 256))
			sched_yield();
	}
}

static void reason(struct mb_proc_slot *s, int k, int n, int status)
{
	if (WIFSIGNALED(status))
		snprintf(s->err, sizeof(s->err), "process %d of %d: killed by signal %d (%s)", k + 1, n,
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(s->err, sizeof(s->err), "process %d of %d: exited with status %d before reporting",
			 k + 1, n, WEXITSTATUS(status));
	s->rc = -EIO;
}

/* Reaps whoever exited; returns how many children are still running. */
static int reap(pid_t *pid, int n, struct mb_procs_shm *shm)
{
	int alive = 0;

	for (int k = 0; k < n; k++) {
		int status;

		if (pid[k] <= 0)
			continue;
		if (waitpid(pid[k], &status, WNOHANG) == pid[k]) {
			pid[k] = 0;
			if (!shm->slot[k].done || !WIFEXITED(status) || WEXITSTATUS(status))
				reason(&shm->slot[k], k, n, status);
		} else {
			alive++;
		}
	}
	return alive;
}

static void kill_all(pid_t *pid, int n)
{
	for (int k = 0; k < n; k++)
		if (pid[k] > 0) {
			kill(pid[k], SIGKILL);
			waitpid(pid[k], NULL, 0);
			pid[k] = 0;
		}
}

int mb_procs_run(int n, mb_proc_main fn, void *arg, struct mb_procs_shm **shmp, char *err, size_t errlen)
{
	const struct timespec nap = {.tv_nsec = 200000};
	pid_t pid[MB_MAX_PROCS] = {0};
	struct mb_procs_shm *shm;
	pid_t parent = getpid();
	int rc = 0;

	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED) {
		rc = -errno;
		snprintf(err, errlen, "mapping the processes' shared memory: %s", strerror(-rc));
		return rc;
	}
	*shmp = shm;
	fflush(NULL); /* nothing buffered is written twice */
	for (int k = 0; k < n; k++) {
		if ((pid[k] = fork()) < 0) {
			rc = -errno;
			snprintf(err, errlen, "fork (process %d of %d): %s", k + 1, n, strerror(-rc));
			goto fail;
		}
		if (!pid[k]) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(1);
			fn(arg, k, n, &shm->slot[k], shm);
			shm->slot[k].done = 1;
			_exit(0);
		}
	}
	/* untimed: every child is set up and at the gate (or dead) */
	for (unsigned i = 1; atomic_load_explicit(&shm->ready, memory_order_acquire) < (unsigned)n; i++) {
		mb_cpu_relax();
		if (i % 256)
			continue;
		sched_yield();
		if (mb_stop_requested) {
			rc = -EINTR;
			goto fail;
		}
		if (reap(pid, n, shm) < n)
			break; /* one died before the gate: its slot says why */
	}
	shm->release_ns = mb_now_ns();
	atomic_store_explicit(&shm->go, 1, memory_order_release);
	while (reap(pid, n, shm)) {
		if (mb_stop_requested) {
			rc = -EINTR;
			goto fail;
		}
		nanosleep(&nap, NULL);
	}
	return 0;
fail:
	kill_all(pid, n);
	return rc;
}

void mb_procs_free(struct mb_procs_shm *shm)
{
	if (shm)
		munmap(shm, sizeof(*shm));
}
