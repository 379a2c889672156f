/* uring_ring.h: the io_uring side of the uring method (uring.c), one of two
 * builds chosen by CMake: uring_ring.c with liburing, uring_ring_stub.c
 * without it (the method is then listed as unavailable, with the reason, and
 * keeps its capabilities). */
#ifndef MB_URING_RING_H
#define MB_URING_RING_H

#include "method.h"

/* uring's options (uring.c's table), by index into r->opt */
enum { MB_URING_OPT_FIXED };

/* 1 when a ring can be made here and knows READ and READ_FIXED; else 0 and why. */
int mb_uring_ring_supported(char *why, size_t len);
/* Timed in setup: the worker's ring of --qd entries over its buffer slots. */
int mb_uring_ring_worker_setup(struct mb_run *r, struct mb_worker *w);
/* The io loop: --qd reads in flight, each block consumed on completion. */
int mb_uring_ring_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum);
/* Timed in teardown: the ring's exit. */
void mb_uring_ring_worker_teardown(struct mb_run *r, struct mb_worker *w);

#endif
