/* readv.c: readv(2) with --iov N buffers per call: what scatter I/O costs,
 * and what N blocks per system call save over read(2). It follows the file
 * position like read (an lseek(2) at the start of seq, one per call for
 * rand), so it runs one worker only. What a call reads, for seq and for rand,
 * is described in vector.h, which it shares with preadv. */
#include "method.h"
#include "vector.h"

static int readv_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_vec_run(w, s, csum, 1);
}

const struct mb_method mb_method_readv = {
	.name = "readv",
	.desc = "readv(2) of --iov buffers: N blocks per call (seq), one block in N pieces (rand)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.options = mb_vec_options,
	.setup = mb_vec_setup,
	.run = readv_run,
};
