/* rmw_block.c: "add 1 to every integer of a file, in place" a block at a
 * time: for each planned block lseek(2) to it, read(2) it into the buffer,
 * increment its integers, lseek(2) back and write(2) it. One position: one
 * worker. Blocks are a multiple of 4 bytes (run checks). ops is the integers
 * incremented. */
#include "method.h"

#include <errno.h>
#include <unistd.h>

static int rmw_block_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len = mb_plan_len(p, off);
		long got;
		int rc;

		if (lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_worker_fail(w, "lseek", errno);
		got = mb_read_full(r->fd, w->buf, (size_t)len);
		if (got < 0)
			return mb_worker_fail(w, "read", (int)-got);
		if ((uint64_t)got != len)
			return mb_short_read(w, "read", off, got, len);
		w->ops += mb_increment_ints(w->buf, off, (size_t)len, r->file_size);
		if (lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_worker_fail(w, "lseek", errno);
		if ((rc = mb_write_full(r->fd, w->buf, (size_t)len)))
			return mb_worker_fail(w, "write", -rc);
		mb_lat_tick(w);
	}
	return 0;
}

const struct mb_method mb_method_rmw_block = {
	.name = "rmw-block",
	.desc = "rmw: per block lseek(2)+read(2), increment its integers, lseek(2)+write(2) back",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_REFCOPY,
	.op = MB_OP_RMW,
	.sync_mask = 1u << MB_SYNC_NONE,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_INCREMENT,
	.run = rmw_block_run,
};
