/* memread.c: the reference. The same consume over an anonymous buffer that
 * already holds the file's bytes (filled untimed, before setup), so it
 * measures the checksum at memory bandwidth: the limit no file method can beat
 * on warm data. The buffer is 2 MiB aligned and advised MADV_HUGEPAGE, because
 * a warm file read sequentially sits in large folios that mmap maps with PMD
 * entries; with 4 KiB anonymous pages the reference would pay TLB misses on
 * random access that the file methods do not. It touches no file while timed,
 * so cache state does not apply to it. */
#include "method.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_ALIGN (2u << 20)

struct memcopy {
	void *base;          /* the anonymous mapping */
	size_t span;
	unsigned char *data; /* the file's bytes: 2 MiB aligned + buf_misalign */
};

/* Anonymous memory, 2 MiB aligned, MADV_HUGEPAGE when the kernel has THP. */
static int alloc_huge(struct mb_run *r, struct memcopy *mc)
{
	size_t len = (size_t)r->file_size + r->buf_misalign + 1;
	uintptr_t start;

	mc->span = len + HUGE_ALIGN;
	mc->base = mmap(NULL, mc->span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mc->base == MAP_FAILED)
		return mb_run_fail(r, "mmap(anonymous)", errno);
	start = ((uintptr_t)mc->base + HUGE_ALIGN - 1) & ~(uintptr_t)(HUGE_ALIGN - 1);
	mc->data = (unsigned char *)start + r->buf_misalign;
	/* EINVAL: a kernel without THP; the reference then uses 4 KiB pages */
	if (madvise((void *)start, len, MADV_HUGEPAGE) && errno != EINVAL) {
		int e = errno;

		munmap(mc->base, mc->span);
		return mb_run_fail(r, "madvise(MADV_HUGEPAGE)", e);
	}
	return 0;
}

static void free_huge(struct mb_run *r)
{
	struct memcopy *mc = r->priv;

	if (mc)
		munmap(mc->base, mc->span);
	free(mc);
	r->priv = NULL;
}

static int memread_prepare(struct mb_run *r)
{
	struct memcopy *mc = calloc(1, sizeof(*mc));
	long n;
	int rc;

	if (!mc)
		return mb_run_fail(r, "calloc", ENOMEM);
	if ((rc = alloc_huge(r, mc))) {
		free(mc);
		return rc;
	}
	r->priv = mc;
	if ((rc = mb_open_ro(r, 0)))
		goto out_free;
	n = mb_pread_full(r->fd, mc->data, (size_t)r->file_size, 0);
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

static int memread_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_consume_blocks(w, s, csum, ((struct memcopy *)w->run->priv)->data);
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
	.caps = MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = MB_CONSUME_ALL,
	.prepare = memread_prepare,
	.setup = memread_setup,
	.run = memread_run,
	.teardown = memread_teardown,
	.unprepare = memread_unprepare,
};
