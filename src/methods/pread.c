/* pread.c: pread(2) of each planned block into one page-aligned buffer: one
 * system call per block, no shared file position. */
#include "checksum.h"
#include "method.h"

#include <errno.h>

static int pread_prepare(struct mb_run *r)
{
	return mb_alloc_block_buf(r);
}

static int pread_setup(struct mb_run *r)
{
	return mb_open_ro(r);
}

static int pread_run(struct mb_run *r, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = r->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n = mb_pread_full(r->fd, r->buf, len, off);

		if (n < 0)
			return mb_run_fail(r, "pread", (int)-n);
		if ((uint64_t)n != len)
			return mb_run_failf(r, EIO, "pread(%s): short read at offset %llu: %ld of %llu bytes",
					    r->path, (unsigned long long)off, n, (unsigned long long)len);
		sum += mb_csum(off, r->buf, len);
	}
	*csum += sum;
	return 0;
}

static int pread_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

static void pread_unprepare(struct mb_run *r)
{
	mb_free_block_buf(r);
}

const struct mb_method mb_method_pread = {
	.name = "pread",
	.desc = "pread(2) of each planned block into a page-aligned buffer",
	.caps = MB_CAP_FILE,
	.prepare = pread_prepare,
	.setup = pread_setup,
	.run = pread_run,
	.teardown = pread_teardown,
	.unprepare = pread_unprepare,
};
