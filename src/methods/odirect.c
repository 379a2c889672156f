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
#include "direct_io.h"
#include "method.h"

#include <errno.h>
#include <string.h>

static int odirect_setup(struct mb_run *r)
{
	uint32_t align;

	return mb_dio_open(r, &align);
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
