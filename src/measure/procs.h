/* procs.h: the worker processes of `mapbench run --procs N`. Each child is
 * forked before its repetition's io, does its own setup (its own descriptor
 * or mapping), waits at a gate in shared memory, and reports its stamps,
 * checksum part and counters through that shared memory: no child writes a
 * row. Every child is reaped before mb_procs_run returns, and on SIGINT or
 * SIGTERM the children are killed first. */
#ifndef MB_PROCS_H
#define MB_PROCS_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "account.h"

#define MB_MAX_PROCS 256

/* What one child reports (shared memory, written by the child only). */
struct mb_proc_slot {
	uint64_t setup_ns, teardown_ns;   /* its own setup and teardown */
	uint64_t start_ns, end_ns;        /* its io, CLOCK_MONOTONIC */
	uint64_t csum, ops, blocks, mmap_ns, munmap_ns;
	struct mb_acct_delta acct;        /* getrusage(RUSAGE_SELF), setup to teardown */
	int rc;                           /* 0 or -errno (err says why) */
	int done;                         /* the child filled the slot */
	char err[512];
};

struct mb_procs_shm {
	atomic_uint ready, go;
	uint64_t release_ns;              /* when the parent opened the gate */
	struct mb_proc_slot slot[MB_MAX_PROCS];
};

/* The child's work: fill *s, calling mb_procs_gate once (also after a
 * failed setup) between its setup and its io. */
typedef void (*mb_proc_main)(void *arg, int k, int n, struct mb_proc_slot *s, struct mb_procs_shm *shm);

/* The child's side of the gate: counts itself ready, waits for the release. */
void mb_procs_gate(struct mb_procs_shm *shm);

/* Forks n children running fn(arg, k, ...), releases them together once all
 * are ready, and reaps them all. *shm (unmapped by mb_procs_free) holds
 * their reports; a child that died without reporting has rc and err set
 * ("process 2 of 2: killed by signal 7 (Bus error)"). 0, -EINTR (stopped by
 * SIGINT/SIGTERM: the children were killed) or -errno with err set. */
int mb_procs_run(int n, mb_proc_main fn, void *arg, struct mb_procs_shm **shm, char *err, size_t errlen);
void mb_procs_free(struct mb_procs_shm *shm);

#endif
