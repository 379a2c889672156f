/* memread.c: the reference. The same consume over an anonymous buffer that
 * already holds the file's bytes (filled untimed, before setup), so it
 * measures the checksum at memory bandwidth: the limit no file method can beat
 * on warm data. The buffer is 2 MiB aligned and advised MADV_HUGEPAGE, because
 * a warm file read sequentially sits in large folios that mmap maps with PMD
 * entries; with 4 KiB anonymous pages the reference would pay TLB misses on
 * random access that the file methods do not. It touches no file while timed,
 * so cache state does not apply to it. */
#include "checksum.h"
#include "method.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#define HUGE_ALIGN (2u << 20)

/* Anonymous memory, 2 MiB aligned, MADV_HUGEPAGE when the kernel has THP. */
static int alloc_huge(struct mb_run *r)
{
	size_t len = (size_t)r->file_size + r->buf_misalign + 1, span = len + HUGE_ALIGN;
	unsigned char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t start;

	if (p == MAP_FAILED)
		return mb_run_fail(r, "mmap(anonymous)", errno);
	start = ((uintptr_t)p + HUGE_ALIGN - 1) & ~(uintptr_t)(HUGE_ALIGN - 1);
	r->priv = p;
	r->map_len = span;
	r->buf = (unsigned char *)start + r->buf_misalign;
	r->buf_len = (size_t)r->file_size;
	/* EINVAL: a kernel without THP; the reference then uses 4 KiB pages */
	if (madvise((void *)start, len, MADV_HUGEPAGE) && errno != EINVAL) {
		int e = errno;

		munmap(p, span);
		r->priv = NULL;
		return mb_run_fail(r, "madvise(MADV_HUGEPAGE)", e);
	}
	return 0;
}

static void free_huge(struct mb_run *r)
{
	if (r->priv)
		munmap(r->priv, r->map_len);
	r->priv = NULL;
	r->buf = NULL;
}

static int memread_prepare(struct mb_run *r)
{
	long n;
	int rc;

	if ((rc = alloc_huge(r)))
		return rc;
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
	free_huge(r);
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
	free_huge(r);
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
