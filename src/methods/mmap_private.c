/* mmap_private.c: map the whole file MAP_PRIVATE (PROT_READ) and consume each
 * planned block straight from the mapping, as mmap does with MAP_SHARED. The
 * mapping is only read, so no copy-on-write ever happens: read faults map the
 * page-cache pages themselves, exactly as for a shared mapping. What it
 * measures is whether the private flavour costs anything on its own (VMA
 * setup, fault path, PMD mapping of large folios, munmap), since programs
 * often map read-only files MAP_PRIVATE by habit. mmap(2) is timed in setup,
 * munmap(2) in teardown; both also on their own (mmap_ns, munmap_ns). */
#include "method.h"
#include "mapping.h"

#include <sys/mman.h>

static int mmap_private_setup(struct mb_run *r)
{
	return mb_map_whole_setup(r, MAP_PRIVATE);
}

const struct mb_method mb_method_mmap_private = {
	.name = "mmap-private",
	.desc = "mmap(2) the whole file MAP_PRIVATE (read-only, so no copy-on-write) and consume "
		"blocks from the mapping",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = MB_CONSUME_ALL,
	.setup = mmap_private_setup,
	.run = mb_map_whole_run,
	.teardown = mb_map_whole_teardown,
};
