/* mapping_rw.h: the setup shared by the methods that store into a mapping of
 * the whole file (mmap and mmap-private stores, rmw-mmap, rmw-mmap-msync):
 * open read-write, grow an empty target to its size (ftruncate(2), or
 * fallocate(2) with --fallocate), map it PROT_READ|PROT_WRITE. Teardown is
 * mapping.h's; the stores' io is mb_map_store_blocks. Static inline so a
 * method file needs nothing more. */
#ifndef MB_METHODS_MAPPING_RW_H
#define MB_METHODS_MAPPING_RW_H

#include "mapping.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The store methods' option: how an empty (new) target gets its size. */
#define MB_FALLOCATE_OPTION                                                                       \
	{.name = "fallocate", .type = MB_OPT_FLAG, .min = 0, .max = 1, .def = 0,                   \
	 .help = "mapping stores into a new target: size it with fallocate(2) (allocated blocks) "  \
		 "instead of ftruncate(2) (a hole)",                                                 \
	 .column = "fallocate"}

/* Timed setup: 0 or -errno with r->err set; nothing left open on failure.
 * grow_by_fallocate: the value of MB_FALLOCATE_OPTION (0 without it). */
static inline int mb_map_rw_setup(struct mb_run *r, int flags, int grow_by_fallocate)
{
	int rc;

	r->fd = open(r->path, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		return mb_run_fail(r, "open", errno);
	if (r->new_file && r->file_size) {
		rc = grow_by_fallocate ? fallocate(r->fd, 0, 0, (off_t)r->file_size)
				       : ftruncate(r->fd, (off_t)r->file_size);
		if (rc) {
			rc = mb_run_fail(r, grow_by_fallocate ? "fallocate" : "ftruncate", errno);
			mb_close_fd(r);
			return rc;
		}
	}
	return mb_map_opened(r, PROT_READ | PROT_WRITE, flags);
}

/* The mmap store's option: msync(2) the span written since the previous call
 * every SIZE bytes of a worker's io (inside io_ns). */
#define MB_MSYNC_EVERY_OPTION                                                                     \
	{.name = "msync-every", .type = MB_OPT_SIZE, .min = 0, .max = 1ull << 50, .def = 0,        \
	 .help = "mmap stores: msync(2) what a worker stored since its previous msync every SIZE "  \
		 "bytes of its io (MS_ASYNC with --sync msync-async, else MS_SYNC; in io_ns); "     \
		 "0: never",                                                                         \
	 .column = "msync_every_bytes"}

/* Stores the block [off, off+len) from the source r->ref into the mapping:
 * all of it (consume copy), or, with consume touch, the source's byte at the
 * first byte of each page whose start lies in the block. */
static inline void mb_map_store_block(struct mb_run *r, uint64_t off, uint64_t len)
{
	unsigned char *map = r->map;
	uint64_t ps = (uint64_t)mb_page_size();

	if (r->consume != MB_CONSUME_TOUCH) {
		memcpy(map + off, r->ref + off, (size_t)len);
		return;
	}
	for (uint64_t p = (off + ps - 1) / ps * ps; p < off + len; p += ps)
		map[p] = r->ref[p];
}

/* msync(2) of the pages holding [lo, hi) of the mapping, from a worker. */
static inline int mb_map_msync_span(struct mb_worker *w, uint64_t lo, uint64_t hi)
{
	struct mb_run *r = w->run;
	uint64_t start = lo / (uint64_t)mb_page_size() * (uint64_t)mb_page_size();
	int flags = r->sync == MB_SYNC_MSYNC_ASYNC ? MS_ASYNC : MS_SYNC;

	if (msync((char *)r->map + start, (size_t)(hi - start), flags))
		return mb_worker_fail(w, "msync", errno);
	return 0;
}

/* Timed io: store each planned block of the slice from the source r->ref
 * into the mapping (mb_map_store_block). every > 0: after each `every` bytes
 * of planned blocks, msync(2) the span from the lowest to the highest byte
 * stored since the previous call (for seq exactly those blocks; for rand a
 * wider span, of which only the dirty pages are written). The last span is
 * left to the core's --sync call. */
static inline int mb_map_store_blocks(struct mb_worker *w, const struct mb_slice *s, uint64_t every)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	uint64_t due = 0, lo = UINT64_MAX, hi = 0;
	int rc;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len = mb_plan_len(p, off);

		mb_map_store_block(r, off, len);
		if (every) {
			lo = off < lo ? off : lo;
			hi = off + len > hi ? off + len : hi;
			if ((due += len) >= every) {
				if ((rc = mb_map_msync_span(w, lo, hi)))
					return rc;
				due = 0;
				lo = UINT64_MAX;
				hi = 0;
			}
		}
		mb_lat_tick(w);
	}
	return 0;
}

/* rmw: the setup of rmw-mmap and rmw-mmap-msync (MAP_SHARED, never grown). */
static inline int mb_map_rmw_setup(struct mb_run *r)
{
	return mb_map_rw_setup(r, MAP_SHARED, 0);
}

/* rmw, timed io: add 1 to every whole integer of each planned block of the
 * slice, in the mapping. */
static inline int mb_map_increment_run(struct mb_worker *w, const struct mb_slice *s,
				       uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	unsigned char *map = r->map;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		w->ops += mb_increment_ints(map + off, off, (size_t)mb_plan_len(p, off), r->file_size);
		mb_lat_tick(w);
	}
	return 0;
}

#endif
