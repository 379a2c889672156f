/* uring.c: io_uring (liburing) reads of each planned block, keeping up to
 * --qd reads in flight per worker, each into its own page-aligned block-size
 * buffer; --uring-fixed registers those buffers and uses READ_FIXED. One ring
 * per worker; workers share the descriptor. Completions arrive in any order:
 * each buffer is consumed at its own file offset when its read completes.
 * Latency per operation is submission to observed completion: a cached read
 * completes inline in io_uring_enter(2), so at qd > 1 each read's latency
 * spans its whole batch of up to qd reads.
 *
 * These are buffered reads through the page cache, as pread's are: O_DIRECT is
 * the odirect method's business. On an uncached file the kernel cannot finish
 * a buffered read inline; it either retries it from a page-unlock callback
 * (async buffered reads, Linux >= 5.9, ext4/xfs/btrfs) or punts it to an io-wq
 * worker thread (iou-wrk-*), whose CPU time is charged to the process. */
#include "method.h"
#include "uring_ring.h"

static const struct mb_option uring_options[] = {
	[MB_URING_OPT_FIXED] = MB_URING_FIXED_OPTION,
	{0},
};

const struct mb_method mb_method_uring = {
	.name = "uring",
	.desc = "io_uring buffered reads (liburing), --qd in flight per worker, --uring-fixed buffers",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS | MB_CAP_QD,
	.options = uring_options,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.supported = mb_uring_ring_supported,
	.worker_setup = mb_uring_ring_worker_setup,
	.run = mb_uring_ring_run,
	.worker_teardown = mb_uring_ring_worker_teardown,
};
