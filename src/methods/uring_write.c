/* uring_write.c: the write side of uring: io_uring (liburing) buffered
 * writes of each planned block straight from the source (the dataset's
 * bytes, in memory), keeping up to --qd writes in flight per worker, as the
 * reads do (uring_ring.c: one ring per worker, workers share the
 * descriptor, a short write resubmitted for the rest). Buffered writes need
 * no alignment, so there is no copy: each request points at the source at
 * its block's offset. --uring-fixed registers the source itself (in chunks of
 * at most 1 GiB, in the timed setup) and writes with WRITE_FIXED. Latency per
 * operation is submission to observed completion, as for the reads.
 *
 * A buffered write that would block (a page to read in first, a cold
 * partial page, a filesystem taking a lock) is punted by the kernel to an
 * io-wq worker thread (iou-wrk-*), whose CPU time is charged to the process. */
#include "method.h"
#include "uring_ring.h"

static const struct mb_option uring_write_options[] = {
	[MB_URING_OPT_FIXED] = MB_URING_FIXED_OPTION,
	{0},
};

const struct mb_method mb_method_uring_write = {
	.name = "uring",
	.desc = "io_uring buffered writes from memory (liburing), --qd in flight per worker, --uring-fixed source",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_THREADS | MB_CAP_QD | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.options = uring_write_options,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.supported = mb_uring_ring_supported,
	.worker_setup = mb_uring_ring_worker_setup,
	.run = mb_uring_ring_run,
	.worker_teardown = mb_uring_ring_worker_teardown,
};
