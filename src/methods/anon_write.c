/* anon_write.c: the cost of the first write to fresh anonymous memory, one
 * page at a time: a write fault allocates a page, zeroes it and maps it
 * (with hugepage, a huge page per PMD-size unit that fits); MAP_POPULATE
 * does all of that inside mmap(2). The mapping (anon.h) is PROT_READ |
 * PROT_WRITE; the io stores one byte at the start of each page in the plan's
 * order (consume touch, block = page size), so ops is pages, total_ns / ops
 * the ns per page and minflt / ops the faults per page; munmap(2) in teardown
 * frees the pages. It writes no file (no target, no cache state, sync none).
 * The stored byte is made from the page's offset (anon.h: never 0, no load
 * in the timed loop, where a read of the reference copy would add a cache
 * miss per page to the cost measured). Verified after the io, untimed,
 * before the munmap: the first byte of every page is re-read from the
 * mapping and its checksum must be that of the bytes due there. */
#include "method.h"
#include "anon.h"

#include <sys/mman.h>

static int anon_write_setup(struct mb_run *r)
{
	return mb_anon_setup(r, PROT_READ | PROT_WRITE);
}

static int anon_write_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = w->run->plan;
	unsigned char *map = w->run->map;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		map[off] = mb_anon_byte(off);
		mb_lat_tick(w);
	}
	return 0;
}

/* Untimed: the checksum of what the mapping holds at every page start, and
 * of what it must hold there. */
static int anon_write_verify(struct mb_run *r, uint64_t *csum, uint64_t *expected)
{
	const unsigned char *map = r->map;
	uint64_t ps = (uint64_t)mb_page_size(), sum = 0;

	for (uint64_t o = 0; o < r->file_size; o += ps)
		sum += mb_csum_byte(o, map[o]);
	*csum = sum;
	*expected = mb_anon_touch_sum(r->file_size, mb_anon_byte);
	return mb_anon_thp_check(r);
}

const struct mb_method mb_method_anon_write = {
	.name = "anon-write",
	.desc = "first write to each page of fresh anonymous memory (allocating faults), one page at a time",
	.caps = MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_PAGE_BLOCK,
	.op = MB_OP_WRITE,
	.sync_mask = 1u << MB_SYNC_NONE,
	.advice_mask = MB_ADVICE_ANON,
	.consume_mask = 1u << MB_CONSUME_TOUCH,
	.setup = anon_write_setup,
	.run = anon_write_run,
	.teardown = mb_map_whole_teardown,
	.verify = anon_write_verify,
};
