/* fault.c: ns per page to fault in a cached file mapping, one page at a
 * time: lmbench's lat_pagefault done honestly. The whole file is mapped
 * MAP_SHARED, PROT_READ in setup and the io reads the first byte of each
 * page in the plan's order, seq or rand (consume touch, block = page size:
 * ops is pages). The cache state is the core's, set and verified with
 * mincore(2) before every repetition, never assumed: `warm` (large folios,
 * which a fault may map whole, a PMD at a time) and `warm-4k` (4 KiB folios,
 * where each fault maps up to fault_around_bytes, 64 KiB by default, of
 * cached pages around it: minflt below the pages touched is fault-around at
 * work); `cold` adds the reads. The checksum is consume touch's, compared
 * with the file's touch checksum.
 *
 * It is exactly `mmap --consume touch --block <page size>`: the same hooks
 * (mapping.h), listed as a method of its own so that its rows say what they
 * measure and cannot run with another block size or consume mode. */
#include "method.h"
#include "mapping.h"

#include <sys/mman.h>

static int fault_setup(struct mb_run *r)
{
	return mb_map_whole_setup(r, MAP_SHARED);
}

const struct mb_method mb_method_fault = {
	.name = "fault",
	.desc = "page faults of a cached file mapping, one page at a time (mmap, touch, block = page)",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_PAGE_BLOCK,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = 1u << MB_CONSUME_TOUCH,
	.setup = fault_setup,
	.run = mb_map_whole_run,
	.teardown = mb_map_whole_teardown,
};
