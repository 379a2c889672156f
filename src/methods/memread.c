/* memread.c: the reference. The same consume over an anonymous, page-aligned
 * buffer that already holds the file's bytes (filled untimed, before setup),
 * so it measures the checksum at memory bandwidth: the limit no file method can
 * beat on warm data. It touches no file while timed, so cache state does not
 * apply to it. */
#include "checksum.h"
#include "method.h"
#include "util.h"

#include <errno.h>

static int memread_prepare(struct mb_run *r)
{
	long n;
	int rc;

	r->buf_len = (size_t)r->file_size;
	r->buf = mb_buf_alloc(r->buf_len, r->buf_misalign);
	if (!r->buf)
		return mb_run_fail(r, "posix_memalign", ENOMEM);
	if ((rc = mb_open_ro(r)))
		goto out_free;
	n = mb_pread_full(r->fd, r->buf, r->buf_len, 0);
	if (n < 0) {
		rc = mb_run_fail(r, "pread", (int)-n);
		goto out_close;
	}
	if ((uint64_t)n != r->file_size) {
		rc = mb_run_failf(r, EIO, "pread(%s): short read: %ld of %llu bytes", r->path, n,
				  (unsigned long long)r->file_size);
		goto out_close;
	}
	return mb_close_fd(r);
out_close:
	mb_close_fd(r);
out_free:
	mb_buf_free(r->buf, r->buf_misalign);
	r->buf = NULL;
	return rc;
}

static int memread_setup(struct mb_run *r)
{
	(void)r;
	return 0;
}

static int memread_run(struct mb_run *r, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = r->plan;
	const unsigned char *base = r->buf;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		sum += mb_csum(off, base + off, mb_plan_len(p, off));
	}
	*csum += sum;
	return 0;
}

static int memread_teardown(struct mb_run *r)
{
	(void)r;
	return 0;
}

static void memread_unprepare(struct mb_run *r)
{
	mb_buf_free(r->buf, r->buf_misalign);
	r->buf = NULL;
}

const struct mb_method mb_method_memread = {
	.name = "memread",
	.desc = "reference: the same checksum over an in-memory copy of the file (memory bandwidth)",
	.caps = 0,
	.prepare = memread_prepare,
	.setup = memread_setup,
	.run = memread_run,
	.teardown = memread_teardown,
	.unprepare = memread_unprepare,
};
