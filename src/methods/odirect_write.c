/* odirect_write.c: the write side of odirect: pwrite(2) of each planned
 * block on a descriptor opened O_DIRECT, from the worker's aligned I/O
 * buffer, past the page cache: the device's speed at one synchronous write
 * request of the block size (fio psync direct=1, rw=write).
 *
 * The source (the dataset's bytes, in memory) has no alignment O_DIRECT
 * needs, so each block is first memcpy'd into the worker's page-aligned
 * buffer: that copy is part of this method (a program writing with O_DIRECT
 * from unaligned data makes it too) and is inside io_ns. Alignment and
 * filesystems are checked as for odirect reads (direct_io.h): a block size
 * or --buf-offset the filesystem's STATX_DIOALIGN refuses, a filesystem
 * without direct I/O, tmpfs and ramfs give an unsupported row.
 *
 * A last block that ends the file off the alignment (a file size that is not
 * a multiple of it) is written rounded up to the alignment, the bytes past
 * the end of the file zero, and the worker that wrote it then ftruncate(2)s
 * the file back to its size, inside io_ns. Only that block reaches past the
 * end, and blocks are disjoint, so no other write races the truncation. */
#include "direct_io.h"
#include "method.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* The offset alignment direct_io.h found (0: unknown, then the block size,
 * which must itself be aligned for any block to be written), kept in r->priv
 * as a number. */
static int odirect_write_setup(struct mb_run *r)
{
	uint32_t align;
	int rc = mb_dio_open(r, &align);

	r->priv = (void *)(uintptr_t)(align ? align : r->plan->block);
	return rc;
}

static int odirect_write_block(struct mb_worker *w, uint64_t off, uint64_t len)
{
	struct mb_run *r = w->run;
	uint64_t align = (uint64_t)(uintptr_t)r->priv, alen = (len + align - 1) / align * align;
	unsigned char *buf = w->buf;
	int rc;

	memcpy(buf, r->ref + off, (size_t)len);
	if (alen > len)
		memset(buf + len, 0, (size_t)(alen - len));
	rc = mb_pwrite_full(r->fd, buf, (size_t)alen, off);
	if (rc == -EINVAL)
		return mb_worker_failf(w, EOPNOTSUPP, "pwrite(%s) with O_DIRECT of %llu bytes at "
				       "offset %llu from a buffer %zu bytes past a page: %s: not "
				       "aligned as this filesystem's direct I/O requires", r->path,
				       (unsigned long long)alen, (unsigned long long)off,
				       r->buf_misalign, strerror(EINVAL));
	if (rc)
		return mb_worker_fail(w, "pwrite", -rc);
	if (alen > len && ftruncate(r->fd, (off_t)(off + len)))
		return mb_worker_fail(w, "ftruncate", errno);
	return 0;
}

static int odirect_write_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)csum;
	return mb_write_blocks(w, s, "pwrite", odirect_write_block);
}

const struct mb_method mb_method_odirect_write = {
	.name = "odirect",
	.desc = "pwrite(2) with O_DIRECT of each block, copied first into an aligned buffer (no page cache)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.setup = odirect_write_setup,
	.run = odirect_write_run,
};
