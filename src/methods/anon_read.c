/* anon_read.c: the cost of the first read of fresh anonymous memory, one
 * page at a time: a read fault on a page never written maps the shared zero
 * page (no allocation, no zeroing; with hugepage, one fault per PMD-size
 * unit, which maps the huge zero page or, as Linux 6.18 does, a huge page
 * allocated and zeroed for it: vm_thp_fault_alloc). The mapping (anon.h)
 * is PROT_READ, the method's access, as mmap's of a file is: MAP_POPULATE
 * then maps the zero page everywhere inside mmap(2). The io reads the first
 * byte of each page in the plan's order (consume touch, block = page size),
 * so ops is pages, total_ns / ops the ns per page and minflt / ops the
 * faults per page. Verified: the touched bytes' checksum must be that of zero
 * bytes at their positions, computed after the io (untimed); a skipped page
 * changes it even though its byte is zero (checksum.h's position term). */
#include "method.h"
#include "anon.h"

#include <sys/mman.h>

static int anon_read_setup(struct mb_run *r)
{
	return mb_anon_setup(r, PROT_READ);
}

/* Untimed: what zero bytes at the touched positions sum to. */
static int anon_read_verify(struct mb_run *r, uint64_t *csum, uint64_t *expected)
{
	(void)csum; /* the io's: the bytes it read */
	*expected = mb_anon_touch_sum(r->file_size, NULL);
	return mb_anon_thp_check(r);
}

const struct mb_method mb_method_anon_read = {
	.name = "anon-read",
	.desc = "first read of each page of fresh anonymous memory (zero-page faults), one page at a time",
	.caps = MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_PAGE_BLOCK,
	.advice_mask = MB_ADVICE_ANON,
	.consume_mask = 1u << MB_CONSUME_TOUCH,
	.setup = anon_read_setup,
	.run = mb_map_whole_run,
	.teardown = mb_map_whole_teardown,
	.verify = anon_read_verify,
};
