/* rmw_mmap_msync.c: rmw-mmap, then msync(2) MS_SYNC of the whole mapping
 * before it is unmapped (the core's sync phase: sync_ns), so the increments
 * are on the device when the repetition ends, as read()+write() followed by
 * fsync would be. */
#include "method.h"
#include "mapping_rw.h"

#include <sys/mman.h>

const struct mb_method mb_method_rmw_mmap_msync = {
	.name = "rmw-mmap-msync",
	.desc = "rmw: rmw-mmap, then msync(2) MS_SYNC (timed as sync_ns)",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_RMW,
	.sync_mask = 1u << MB_SYNC_MSYNC,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = 1u << MB_CONSUME_INCREMENT,
	.setup = mb_map_rmw_setup,
	.run = mb_map_increment_run,
	.teardown = mb_map_whole_teardown,
};
