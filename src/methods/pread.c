/* pread.c: pread(2) of each planned block into a page-aligned buffer: one
 * system call per block, no shared file position, so workers share the fd. */
#include "method.h"

static int pread_setup(struct mb_run *r)
{
	return mb_open_ro(r, 0);
}

static int pread_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n = mb_pread_full(r->fd, w->buf, len, off);

		if (n < 0)
			return mb_worker_fail(w, "pread", (int)-n);
		if ((uint64_t)n != len)
			return mb_short_read(w, "pread", off, n, len);
		sum += mb_consume(w, off, w->buf, len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

static int pread_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

const struct mb_method mb_method_pread = {
	.name = "pread",
	.desc = "pread(2) of each planned block into a page-aligned buffer",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = pread_setup,
	.run = pread_run,
	.teardown = pread_teardown,
};
