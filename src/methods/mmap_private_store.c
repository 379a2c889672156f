/* mmap_private_store.c: the write side of mmap-private: map the whole target
 * MAP_PRIVATE, PROT_READ|PROT_WRITE, and memcpy each planned block into it.
 * Every first store to a page is a copy-on-write fault: the kernel copies the
 * file's page (reading it first when it is not cached) into a private anonymous
 * page, and nothing ever reaches the file, which the core verifies unchanged
 * after the run. With --consume touch it stores one byte per page instead
 * (the source's byte at each page start): one copy-on-write fault per page
 * without the block copy. A new target is sized first (ftruncate(2), or
 * fallocate(2) with --fallocate). */
#include "method.h"
#include "mapping_rw.h"

#include <sys/mman.h>

static const struct mb_option private_options[] = {MB_FALLOCATE_OPTION, {0}};

static int private_setup(struct mb_run *r)
{
	return mb_map_rw_setup(r, MAP_PRIVATE, (int)r->opt[0]);
}

static int private_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)csum;
	return mb_map_store_blocks(w, s, 0);
}

const struct mb_method mb_method_mmap_private_store = {
	.name = "mmap-private",
	.desc = "mmap(2) the whole target MAP_PRIVATE read-write and memcpy each block into it (touch: one byte per page; copy-on-write: the file stays unchanged)",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_REFCOPY | MB_CAP_PRIVATE,
	.op = MB_OP_WRITE,
	.sync_mask = 1u << MB_SYNC_NONE,
	.options = private_options,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = (1u << MB_CONSUME_COPY) | (1u << MB_CONSUME_TOUCH),
	.setup = private_setup,
	.run = private_run,
	.teardown = mb_map_whole_teardown,
};
