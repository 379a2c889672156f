/* memread.c: the reference. The same consume over an in-memory copy of the
 * file that the core made, filled and read once from user mode before any
 * clock started (iobuf.h: 2 MiB aligned, MADV_HUGEPAGE over whole 2 MiB
 * units, as a warm file read sequentially sits in large folios that mmap maps
 * with PMD entries). So it measures the checksum at memory bandwidth: the
 * limit no file method can beat on warm data. It touches no file while timed,
 * so cache state does not apply to it. */
#include "method.h"

static int memread_setup(struct mb_run *r)
{
	(void)r;
	return 0;
}

static int memread_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_consume_blocks(w, s, csum, w->run->ref);
}

static int memread_teardown(struct mb_run *r)
{
	(void)r;
	return 0;
}

const struct mb_method mb_method_memread = {
	.name = "memread",
	.desc = "reference: the same checksum over an in-memory copy of the file (memory bandwidth)",
	.caps = MB_CAP_THREADS | MB_CAP_REFCOPY,
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = MB_CONSUME_ALL,
	.setup = memread_setup,
	.run = memread_run,
	.teardown = memread_teardown,
};
