/* pwrite.c: pwrite(2) of each planned block from the source (the dataset's
 * bytes, in memory): one system call per block, no shared file position, so
 * workers share the descriptor. */
#include "method.h"

static int pwrite_block(struct mb_worker *w, uint64_t off, uint64_t len)
{
	return mb_pwrite_full(w->run->fd, w->run->ref + off, (size_t)len, off);
}

static int pwrite_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)csum;
	return mb_write_blocks(w, s, "pwrite", pwrite_block);
}

const struct mb_method mb_method_pwrite = {
	.name = "pwrite",
	.desc = "pwrite(2) of each planned block from memory",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.run = pwrite_run,
};
