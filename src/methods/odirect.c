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
 * measure pread) make the row an error that starts "unsupported: " and says
 * why (the hook returns -EOPNOTSUPP). A short last block is read with the
 * full (aligned) block length: the kernel stops at EOF and only the bytes up
 * to EOF are consumed. fadvise means nothing to O_DIRECT, so only advice none
 * applies. */
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
		return mb_run_failf(r, EOPNOTSUPP, "unsupported: %s is on %s, which keeps files in memory: "
				    "O_DIRECT is accepted but served from memory, there is no device "
				    "read to measure", r->path, sf.f_type == TMPFS_MAGIC ? "tmpfs" : "ramfs");
	return 0;
}

/* The alignment the filesystem reports (Linux >= 6.1); unknown: no check, a
 * misaligned read then fails with EINVAL in run. */
static int check_align(struct mb_run *r)
{
#ifdef STATX_DIOALIGN
	struct statx sx;
	uint32_t oa, ma;

	if (statx(r->fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) || !(sx.stx_mask & STATX_DIOALIGN))
		return 0;
	oa = sx.stx_dio_offset_align;
	ma = sx.stx_dio_mem_align;
	if (!oa)
		return mb_run_failf(r, EOPNOTSUPP, "unsupported: statx(%s) says this file has no direct I/O "
				    "(STATX_DIOALIGN offset alignment 0)", r->path);
	if (r->plan->block % oa)
		return mb_run_failf(r, EOPNOTSUPP, "unsupported: O_DIRECT needs the block size (%llu bytes) "
				    "to be a multiple of %u bytes, the direct-I/O alignment of %s",
				    (unsigned long long)r->plan->block, oa, r->path);
	if (ma && r->buf_misalign % ma)
		return mb_run_failf(r, EOPNOTSUPP, "unsupported: O_DIRECT needs buffers aligned to %u bytes "
				    "for %s; --buf-offset %zu is not", ma, r->path, r->buf_misalign);
#else
	(void)r;
#endif
	return 0;
}

static int odirect_setup(struct mb_run *r)
{
	int rc = mb_open_ro(r, O_DIRECT);

	if (rc == -EINVAL)
		return mb_run_failf(r, EOPNOTSUPP, "unsupported: open(%s, O_DIRECT): %s: the filesystem has "
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

/* pread(2) of want (aligned) bytes at off until at least len (the bytes up to
 * EOF or the block end) are in; bytes read or -errno. */
static long dio_pread(int fd, void *buf, uint64_t want, uint64_t len, uint64_t off)
{
	uint64_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, (size_t)(want - done), (off_t)(off + done));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		done += (uint64_t)n;
	}
	return (long)done;
}

static int odirect_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n = dio_pread(r->fd, w->buf, p->block, len, off);

		if (n == -EINVAL)
			return mb_worker_failf(w, EOPNOTSUPP, "unsupported: pread(%s) with O_DIRECT of %llu "
					       "bytes at offset %llu into a buffer %zu bytes past a page: "
					       "%s: not aligned as this filesystem's direct I/O requires",
					       r->path, (unsigned long long)p->block,
					       (unsigned long long)off, r->buf_misalign, strerror(EINVAL));
		if (n < 0)
			return mb_worker_fail(w, "pread", (int)-n);
		if ((uint64_t)n < len)
			return mb_short_read(w, "pread", off, n, len);
		sum += mb_consume(w, off, w->buf, (size_t)len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

static int odirect_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

const struct mb_method mb_method_odirect = {
	.name = "odirect",
	.desc = "pread(2) of each planned block with O_DIRECT into an aligned buffer (no page cache)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = odirect_setup,
	.run = odirect_run,
	.teardown = odirect_teardown,
};
