/* odirect.c: pread(2) of each planned block on a descriptor opened O_DIRECT,
 * into the page-aligned buffer: reads bypass the page cache and go to the
 * device whatever the cache state, so this is the device's speed at one
 * synchronous request of the block size (fio psync direct=1). A warm row
 * shows that the cached copy is not used.
 *
 * Direct I/O needs the file offset, the length and the buffer address aligned
 * to the filesystem's direct-I/O alignment (statx STATX_DIOALIGN, usually the
 * device's logical block size). A block size or --buf-offset that is not
 * aligned, a filesystem without direct I/O (EINVAL), or tmpfs/ramfs (which
 * accept O_DIRECT since Linux 6.6 but serve it from memory, so it would
 * measure pread) make the row unsupported, saying why (the hook returns
 * -EOPNOTSUPP). A short last block is read with the
 * full (aligned) block length: the kernel stops at EOF and only the bytes up
 * to EOF are consumed. fadvise means nothing to O_DIRECT, so only advice none
 * applies. */
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
static int check_fs(struct mb_run *r)
{
	struct statfs sf;

	if (fstatfs(r->fd, &sf))
		return mb_run_fail(r, "fstatfs", errno);
	if (sf.f_type == TMPFS_MAGIC || sf.f_type == RAMFS_MAGIC)
		return mb_run_failf(r, EOPNOTSUPP, "%s is on %s, which keeps files in memory: "
				    "O_DIRECT is accepted but served from memory, there is no device "
				    "read to measure", r->path, sf.f_type == TMPFS_MAGIC ? "tmpfs" : "ramfs");
	return 0;
}

/* The alignment the filesystem reports (Linux >= 6.1); unknown (an older
 * kernel, or headers without STATX_DIOALIGN): no check in advance, and a
 * misaligned read then fails with EINVAL in run, named in the row. */
static int check_align(struct mb_run *r)
{
	uint32_t oa = 0, ma = 0;

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
	return 0;
}

static int odirect_setup(struct mb_run *r)
{
	int rc = mb_open_ro(r, O_DIRECT);

	if (rc == -EINVAL)
		return mb_run_failf(r, EOPNOTSUPP, "open(%s, O_DIRECT): %s: the filesystem has "
				    "no direct I/O", r->path, strerror(EINVAL));
	if (rc)
		return rc;
	if ((rc = check_fs(r)) || (rc = check_align(r))) {
		char why[sizeof(r->err)];

		memcpy(why, r->err, sizeof(why));
		mb_close_fd(r);
		memcpy(r->err, why, sizeof(why));
		return rc;
	}
	return 0;
}

static long odirect_block(struct mb_worker *w, uint64_t off, uint64_t len)
{
	struct mb_run *r = w->run;
	long n = mb_pread_upto(r->fd, w->buf, (size_t)r->plan->block, (size_t)len, off, 0);

	if (n == -EINVAL)
		return mb_worker_failf(w, EOPNOTSUPP, "pread(%s) with O_DIRECT of %llu "
				       "bytes at offset %llu into a buffer %zu bytes past a page: "
				       "%s: not aligned as this filesystem's direct I/O requires",
				       r->path, (unsigned long long)r->plan->block,
				       (unsigned long long)off, r->buf_misalign, strerror(EINVAL));
	return n;
}

static int odirect_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_read_blocks(w, s, csum, "pread", odirect_block);
}

const struct mb_method mb_method_odirect = {
	.name = "odirect",
	.desc = "pread(2) of each planned block with O_DIRECT into an aligned buffer (no page cache)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = odirect_setup,
	.run = odirect_run,
};
