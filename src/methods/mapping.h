/* mapping.h: the setup, run and teardown shared by the methods that map the
 * whole file once (mmap, mmap-private): they differ only in the mmap(2)
 * flags. Static inline so a method file needs nothing more than this header;
 * the ops tables take the functions' addresses. */
#ifndef MB_METHODS_MAPPING_H
#define MB_METHODS_MAPPING_H

#include "method.h"

#include <errno.h>
#include <sys/mman.h>

/* Maps all of the open file r->fd with prot and flags (MAP_SHARED or
 * MAP_PRIVATE) into r->map, which the core then advises. An empty file is not
 * mapped (mmap of 0 bytes is EINVAL; there is nothing to touch). 0, or -errno
 * with r->err set and r->fd closed. */
static inline int mb_map_opened(struct mb_run *r, int prot, int flags)
{
	int rc;

	r->map = NULL;
	r->map_len = (size_t)r->file_size;
	if (!r->map_len)
		return 0;
	r->map = mb_mmap_timed_prot(r, r->map_len, prot, flags, 0);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		rc = mb_run_fail(r, "mmap", errno);
		mb_close_fd(r);
		return rc;
	}
	return 0;
}

/* Timed setup: open the file and map all of it PROT_READ with flags. 0 or
 * -errno with r->err set; nothing left open on failure. */
static inline int mb_map_whole_setup(struct mb_run *r, int flags)
{
	int rc = mb_open_ro(r, 0);

	return rc ? rc : mb_map_opened(r, PROT_READ, flags);
}

/* Timed io: consume each planned block of the slice straight from r->map. */
static inline int mb_map_whole_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_consume_blocks(w, s, csum, w->run->map);
}

/* Timed teardown: munmap (timed on its own too) and close. */
static inline int mb_map_whole_teardown(struct mb_run *r)
{
	int rc = 0, e;

	if (r->map && (e = mb_munmap_timed(r, r->map, r->map_len)))
		rc = mb_run_fail(r, "munmap", -e);
	r->map = NULL;
	if (mb_close_fd(r) && !rc)
		rc = -EIO;
	return rc;
}

#endif
