/* uring_ring.h: the io_uring side of the uring methods (uring.c reads,
 * uring_write.c writes), one of two builds chosen by CMake: uring_ring.c
 * with liburing, uring_ring_stub.c without it (the methods are then listed
 * as unavailable, with the reason, and keep their capabilities). */
#ifndef MB_URING_RING_H
#define MB_URING_RING_H

#include "method.h"

/* uring's options (the tables of uring.c and uring_write.c), by index into r->opt */
enum { MB_URING_OPT_FIXED };

/* --uring-fixed, one option of both uring methods. */
#define MB_URING_FIXED_OPTION                                                                     \
	{.name = "uring-fixed", .type = MB_OPT_FLAG, .min = 0, .max = 1, .def = 0,                 \
	 .help = "uring: registered (fixed) buffers: reads READ_FIXED into the queue buffers, "    \
		 "writes WRITE_FIXED from the registered source",                                   \
	 .column = "fixed_buffers"}

/* 1 when a ring can be made here and knows READ, WRITE and their FIXED
 * forms; else 0 and why. */
int mb_uring_ring_supported(char *why, size_t len);
/* Timed in setup: the worker's ring of --qd entries over its buffer slots
 * (reads), and with --uring-fixed the registration of the slots (reads) or
 * of the source r->ref (writes). */
int mb_uring_ring_worker_setup(struct mb_run *r, struct mb_worker *w);
/* The io loop: --qd requests in flight; a read's block consumed on completion,
 * a write's taken from r->ref at its offset. */
int mb_uring_ring_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum);
/* Timed in teardown: the ring's exit. */
void mb_uring_ring_worker_teardown(struct mb_run *r, struct mb_worker *w);

#endif
