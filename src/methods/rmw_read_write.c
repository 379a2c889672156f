/* rmw_read_write.c: the seed's read()+write() version of "add 1 to every
 * integer of a file, in place": one read(2) of the whole file into a buffer
 * (the core's, made once per configuration), the increments in memory, one
 * lseek(2) back to the start and one write(2) of the whole buffer. One
 * position: one worker. ops is the integers incremented. */
#include "method.h"

#include <errno.h>
#include <unistd.h>

static int rmw_rw_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	size_t len = (size_t)r->file_size;
	long got;
	int rc;

	(void)s;
	(void)csum;
	got = mb_read_full(r->fd, w->buf, len);
	if (got < 0)
		return mb_worker_fail(w, "read", (int)-got);
	if ((size_t)got != len)
		return mb_short_read(w, "read", 0, got, len);
	w->ops = mb_increment_ints(w->buf, 0, len, r->file_size);
	if (lseek(r->fd, 0, SEEK_SET) < 0)
		return mb_worker_fail(w, "lseek", errno);
	if ((rc = mb_write_full(r->fd, w->buf, len)))
		return mb_worker_fail(w, "write", -rc);
	mb_lat_tick(w);
	return 0;
}

const struct mb_method mb_method_rmw_read_write = {
	.name = "rmw-read-write",
	.desc = "rmw: one read(2) of the whole file, increment every integer, one write(2) back",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_WHOLEBUF | MB_CAP_REFCOPY,
	.op = MB_OP_RMW,
	.sync_mask = 1u << MB_SYNC_NONE,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_INCREMENT,
	.run = rmw_rw_run,
};
