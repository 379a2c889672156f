/* uring_ring_stub.c: the io_uring side of the uring methods (reads and
 * writes) in a build without liburing (see uring_ring.h): both stay listed,
 * unavailable, with the reason; their rows say unsupported. */
#include "uring_ring.h"

#include <errno.h>
#include <stdio.h>

int mb_uring_ring_supported(char *why, size_t len)
{
	snprintf(why, len, "built without liburing (install liburing-dev and rebuild)");
	return 0;
}

int mb_uring_ring_worker_setup(struct mb_run *r, struct mb_worker *w)
{
	(void)r;
	return mb_worker_failf(w, EOPNOTSUPP, "built without liburing");
}

int mb_uring_ring_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)s;
	(void)csum;
	return mb_worker_failf(w, EOPNOTSUPP, "built without liburing");
}

void mb_uring_ring_worker_teardown(struct mb_run *r, struct mb_worker *w)
{
	(void)r;
	(void)w;
}
