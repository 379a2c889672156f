/* mmap_store.c: the write side of mmap: map the whole target MAP_SHARED,
 * PROT_READ|PROT_WRITE, and memcpy each planned block from the source (the
 * dataset's bytes, in memory) into the mapping: page faults and dirty pages
 * instead of system calls. A new target is sized first (ftruncate(2), or
 * fallocate(2) with --fallocate), in the timed setup. msync(2) is the core's
 * (--sync msync, msync-async, msync-invalidate). */
#include "method.h"
#include "mapping_rw.h"

#include <sys/mman.h>

static const struct mb_option store_options[] = {MB_FALLOCATE_OPTION, {0}};

static int store_setup(struct mb_run *r)
{
	return mb_map_rw_setup(r, MAP_SHARED, (int)r->opt[0]);
}

const struct mb_method mb_method_mmap_store = {
	.name = "mmap",
	.desc = "mmap(2) the whole target MAP_SHARED read-write and memcpy each block into it",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_MAP_MODES,
	.options = store_options,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.setup = store_setup,
	.run = mb_map_store_run,
	.teardown = mb_map_whole_teardown,
};
