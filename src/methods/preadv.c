/* preadv.c: preadv(2) with --iov N buffers per call at explicit offsets: the
 * readv method without a shared file position, so workers share the fd. What
 * a call reads, for seq and for rand, is described in vector.h. */
#include "method.h"
#include "vector.h"

static int preadv_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_vec_run(w, s, csum, 0);
}

const struct mb_method mb_method_preadv = {
	.name = "preadv",
	.desc = "preadv(2) of --iov buffers: N blocks per call (seq), one block in N pieces (rand)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.options = mb_vec_options,
	.setup = mb_vec_setup,
	.run = preadv_run,
};
