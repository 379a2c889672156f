/* read.c: read(2) of block-size chunks into one page-aligned buffer, the way a
 * plain streaming reader works. For a random plan each block is an lseek(2)
 * then a read(2); for seq the file position simply advances. The file
 * position is shared, so this method runs one worker only. */
#include "method.h"

#include <errno.h>
#include <unistd.h>

static int read_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	int positioned = p->order == NULL && s->stride == 1;
	uint64_t sum = 0;

	if (positioned && lseek(r->fd, (off_t)(s->first * p->block), SEEK_SET) < 0)
		return mb_worker_fail(w, "lseek", errno);
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n;

		if (!positioned && lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_worker_fail(w, "lseek", errno);
		n = mb_read_full(r->fd, w->buf, len);
		if (n < 0)
			return mb_read_error(w, "read", off, (int)-n);
		if ((uint64_t)n != len)
			return mb_short_read(w, "read", off, n, len);
		sum += mb_consume(w, off, w->buf, len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

const struct mb_method mb_method_read = {
	.name = "read",
	.desc = "read(2) of block-size chunks into a page-aligned buffer (lseek(2) per block for rand)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.run = read_run,
};
