/* mmap_store.c: the write side of mmap: map the whole target MAP_SHARED,
 * PROT_READ|PROT_WRITE, and memcpy each planned block from the source (the
 * dataset's bytes, in memory) into the mapping: page faults and dirty pages
 * instead of system calls. With --consume touch it stores one byte per page
 * instead (the source's byte at each page start in the block): the cost of
 * the write faults and dirtying alone, without the copy. A new target is
 * sized first (ftruncate(2), or fallocate(2) with --fallocate), in the timed
 * setup. msync(2) after the io is the core's (--sync msync, msync-async,
 * msync-invalidate, in sync_ns); --msync-every SIZE adds the worker's own
 * msync(2) calls inside the io (io_ns), as a program that flushes as it goes. */
#include "method.h"
#include "mapping_rw.h"

#include <sys/mman.h>

enum { OPT_FALLOCATE, OPT_MSYNC_EVERY };

static const struct mb_option store_options[] = {
	[OPT_FALLOCATE] = MB_FALLOCATE_OPTION,
	[OPT_MSYNC_EVERY] = MB_MSYNC_EVERY_OPTION,
	{0},
};

static int store_setup(struct mb_run *r)
{
	return mb_map_rw_setup(r, MAP_SHARED, (int)r->opt[OPT_FALLOCATE]);
}

static int store_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)csum;
	return mb_map_store_blocks(w, s, w->run->opt[OPT_MSYNC_EVERY]);
}

const struct mb_method mb_method_mmap_store = {
	.name = "mmap",
	.desc = "mmap(2) the whole target MAP_SHARED read-write and memcpy each block into it "
		"(touch: one byte per page), --msync-every",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_MAP_MODES,
	.options = store_options,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = (1u << MB_CONSUME_COPY) | (1u << MB_CONSUME_TOUCH),
	.setup = store_setup,
	.run = store_run,
	.teardown = mb_map_whole_teardown,
};
