/* mmap.c: map the whole file (MAP_SHARED, PROT_READ) and consume each planned
 * block straight from the mapping: no copy, page faults instead of syscalls.
 * mmap(2) is timed in setup, munmap(2) in teardown. */
#include "checksum.h"
#include "method.h"

#include <errno.h>
#include <sys/mman.h>

static int mmap_setup(struct mb_run *r)
{
	int rc = mb_open_ro(r);

	if (rc)
		return rc;
	r->map = NULL;
	r->map_len = (size_t)r->file_size;
	if (!r->map_len) /* mmap of 0 bytes is EINVAL; there is nothing to read */
		return 0;
	r->map = mmap(NULL, r->map_len, PROT_READ, MAP_SHARED, r->fd, 0);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		rc = mb_run_fail(r, "mmap", errno);
		mb_close_fd(r);
		return rc;
	}
	return 0;
}

static int mmap_run(struct mb_run *r, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = r->plan;
	const unsigned char *base = r->map;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		sum += mb_csum(off, base + off, mb_plan_len(p, off));
	}
	*csum += sum;
	return 0;
}

static int mmap_teardown(struct mb_run *r)
{
	int rc = 0;

	if (r->map && munmap(r->map, r->map_len))
		rc = mb_run_fail(r, "munmap", errno);
	r->map = NULL;
	if (mb_close_fd(r) && !rc)
		rc = -EIO;
	return rc;
}

const struct mb_method mb_method_mmap = {
	.name = "mmap",
	.desc = "mmap(2) the whole file MAP_SHARED and checksum blocks straight from the mapping",
	.caps = MB_CAP_FILE | MB_CAP_MMAP,
	.setup = mmap_setup,
	.run = mmap_run,
	.teardown = mmap_teardown,
};
