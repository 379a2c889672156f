/* rmw_mmap.c: the seed's mmap version of "add 1 to every integer of a file,
 * in place": map the whole file MAP_SHARED read-write and increment each
 * integer where it lies; the dirty pages reach the file by write-back (no
 * msync: see rmw-mmap-msync). Workers share the mapping. ops is the integers
 * incremented. The hooks are shared with rmw-mmap-msync (mapping_rw.h). */
#include "method.h"
#include "mapping_rw.h"

#include <sys/mman.h>

const struct mb_method mb_method_rmw_mmap = {
	.name = "rmw-mmap",
	.desc = "rmw: mmap(2) the file MAP_SHARED read-write and increment every integer in place",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_RMW,
	.sync_mask = 1u << MB_SYNC_NONE,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = 1u << MB_CONSUME_INCREMENT,
	.setup = mb_map_rmw_setup,
	.run = mb_map_increment_run,
	.teardown = mb_map_whole_teardown,
};
