/* mapping_rw.h: the setup shared by the methods that store into a mapping of
 * the whole file (mmap and mmap-private stores, rmw-mmap, rmw-mmap-msync):
 * open read-write, grow an empty target to its size (ftruncate(2), or
 * fallocate(2) with --fallocate), map it PROT_READ|PROT_WRITE. Teardown is
 * mapping.h's; the stores' io is mb_map_store_run. Static inline so a
 * method file needs nothing more. */
#ifndef MB_METHODS_MAPPING_RW_H
#define MB_METHODS_MAPPING_RW_H

#include "mapping.h"

#include <errno.h>
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

/* Timed io: memcpy each planned block of the slice from the source r->ref
 * into the mapping. */
static inline int mb_map_store_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	unsigned char *map = r->map;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		memcpy(map + off, r->ref + off, (size_t)mb_plan_len(p, off));
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
