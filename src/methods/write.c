/* write.c: write(2) of each planned block from the source (the dataset's
 * bytes, in memory) at the file position: one system call per block, and an
 * lseek(2) first when the next block is not where the position stands
 * (every block of a random plan). One position: one worker. */
#include "method.h"

#include <errno.h>
#include <unistd.h>

static int write_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	uint64_t pos = 0;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len = mb_plan_len(p, off);
		int rc;

		if (off != pos && lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_worker_fail(w, "lseek", errno);
		if ((rc = mb_write_full(r->fd, r->ref + off, (size_t)len)))
			return mb_worker_fail(w, "write", -rc);
		pos = off + len;
		mb_lat_tick(w);
	}
	return 0;
}

const struct mb_method mb_method_write = {
	.name = "write",
	.desc = "write(2) of each planned block from memory (lseek(2) first for rand)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.run = write_run,
};
