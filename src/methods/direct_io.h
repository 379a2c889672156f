/* direct_io.h: what the O_DIRECT methods (odirect reads and writes) share:
 * the open with O_DIRECT, the refusal of filesystems that keep files in
 * memory, and the alignment checks from statx STATX_DIOALIGN. Each refusal
 * is -EOPNOTSUPP with the reason in r->err (the row is unsupported). Static
 * inline so a method file needs nothing more. */
#ifndef MB_METHODS_DIRECT_IO_H
#define MB_METHODS_DIRECT_IO_H

#include "compat.h"
#include "method.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* tmpfs and ramfs keep files in memory: no direct I/O to measure. */
static inline int mb_dio_check_fs(struct mb_run *r)
{
	struct statfs sf;

	if (fstatfs(r->fd, &sf))
		return mb_run_fail(r, "fstatfs", errno);
	if (sf.f_type == TMPFS_MAGIC || sf.f_type == RAMFS_MAGIC)
		return mb_run_failf(r, EOPNOTSUPP, "%s is on %s, which keeps files in memory: "
				    "O_DIRECT is accepted but served from memory, there is no device "
				    "I/O to measure", r->path, sf.f_type == TMPFS_MAGIC ? "tmpfs" : "ramfs");
	return 0;
}

/* The alignment the filesystem reports (Linux >= 6.1) into *offset_align;
 * unknown (an older kernel, or headers without STATX_DIOALIGN): 0, no check
 * in advance, and a misaligned request then fails with EINVAL in run. */
static inline int mb_dio_check_align(struct mb_run *r, uint32_t *offset_align)
{
	uint32_t oa = 0, ma = 0;

	*offset_align = 0;
	if (mb_dio_align(r->fd, &oa, &ma))
		return 0;
	if (!oa)
		return mb_run_failf(r, EOPNOTSUPP, "statx(%s) says this file has no direct I/O "
				    "(STATX_DIOALIGN offset alignment 0)", r->path);
	if (r->plan->block % oa)
		return mb_run_failf(r, EOPNOTSUPP, "O_DIRECT needs the block size (%llu bytes) "
				    "to be a multiple of %u bytes, the direct-I/O alignment of %s",
				    (unsigned long long)r->plan->block, oa, r->path);
	if (ma && r->buf_misalign % ma)
		return mb_run_failf(r, EOPNOTSUPP, "O_DIRECT needs buffers aligned to %u bytes "
				    "for %s; --buf-offset %zu is not", ma, r->path, r->buf_misalign);
	*offset_align = oa;
	return 0;
}

/* Timed setup: r->fd opened for the method's op with O_DIRECT (mb_open_file:
 * O_SYNC/O_DSYNC too when the sync mode says so), then both checks. 0 or
 * -errno with r->err set; nothing left open on failure. */
static inline int mb_dio_open(struct mb_run *r, uint32_t *offset_align)
{
	int rc = mb_open_file(r, O_DIRECT);

	if (rc == -EINVAL) {
		r->err[0] = '\0';
		return mb_run_failf(r, EOPNOTSUPP, "open(%s, O_DIRECT): %s: the filesystem has "
				    "no direct I/O", r->path, strerror(EINVAL));
	}
	if (rc)
		return rc;
	if ((rc = mb_dio_check_fs(r)) || (rc = mb_dio_check_align(r, offset_align))) {
		char why[sizeof(r->err)];

		memcpy(why, r->err, sizeof(why));
		mb_close_fd(r);
		memcpy(r->err, why, sizeof(why));
	}
	return rc;
}

#endif
