/* mmap.c: map the whole file (MAP_SHARED, PROT_READ) and consume each planned
 * block straight from the mapping: no copy, page faults instead of system
 * calls. mmap(2) is timed in setup, munmap(2) in teardown; both also on their
 * own (mmap_ns, munmap_ns). The hooks are shared with mmap-private
 * (mapping.h). */
#include "method.h"
#include "mapping.h"

#include <sys/mman.h>

static int mmap_setup(struct mb_run *r)
{
	return mb_map_whole_setup(r, MAP_SHARED);
}

const struct mb_method mb_method_mmap = {
	.name = "mmap",
	.desc = "mmap(2) the whole file MAP_SHARED and consume blocks straight from the mapping",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = MB_CONSUME_ALL,
	.setup = mmap_setup,
	.run = mb_map_whole_run,
	.teardown = mb_map_whole_teardown,
};
