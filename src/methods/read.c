/* read.c: read(2) of block-size chunks into one page-aligned buffer, the way a
 * plain streaming reader works. For a random plan each block is an lseek(2)
 * then a read(2); for seq the file position simply advances. */
#include "checksum.h"
#include "method.h"

#include <errno.h>
#include <unistd.h>

static int read_prepare(struct mb_run *r)
{
	return mb_alloc_block_buf(r);
}

static int read_setup(struct mb_run *r)
{
	return mb_open_ro(r);
}

static int read_run(struct mb_run *r, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = r->plan;
	int positioned = p->order == NULL && s->stride == 1;
	uint64_t sum = 0;

	if (positioned && lseek(r->fd, (off_t)(s->first * p->block), SEEK_SET) < 0)
		return mb_run_fail(r, "lseek", errno);
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n;

		if (!positioned && lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_run_fail(r, "lseek", errno);
		n = mb_read_full(r->fd, r->buf, len);
		if (n < 0)
			return mb_run_fail(r, "read", (int)-n);
		if ((uint64_t)n != len)
			return mb_run_failf(r, EIO, "read(%s): short read at offset %llu: %ld of %llu bytes",
					    r->path, (unsigned long long)off, n, (unsigned long long)len);
		sum += mb_csum(off, r->buf, len);
	}
	*csum += sum;
	return 0;
}

static int read_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

static void read_unprepare(struct mb_run *r)
{
	mb_free_block_buf(r);
}

const struct mb_method mb_method_read = {
	.name = "read",
	.desc = "read(2) of block-size chunks into a page-aligned buffer (lseek(2) per block for rand)",
	.caps = MB_CAP_FILE,
	.prepare = read_prepare,
	.setup = read_setup,
	.run = read_run,
	.teardown = read_teardown,
	.unprepare = read_unprepare,
};
