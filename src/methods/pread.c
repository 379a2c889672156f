/* pread.c: pread(2) of each planned block into a page-aligned buffer: one
 * system call per block, no shared file position, so workers share the fd. */
#include "method.h"

static long pread_block(struct mb_worker *w, uint64_t off, uint64_t len)
{
	return mb_pread_full(w->run->fd, w->buf, (size_t)len, off);
}

static int pread_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_read_blocks(w, s, csum, "pread", pread_block);
}

const struct mb_method mb_method_pread = {
	.name = "pread",
	.desc = "pread(2) of each planned block into a page-aligned buffer",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.run = pread_run,
};
