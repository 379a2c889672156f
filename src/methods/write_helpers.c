/* write_helpers.c: what the write and rmw methods share: full writes through
 * EINTR and short writes, the one-block-per-call write loop, and the
 * in-place increment of the rmw methods (see method.h). */
#include "method.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* write(2) (off < 0) or pwrite(2) at off of all len bytes. */
static int write_loop(int fd, const void *buf, size_t len, int64_t off)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t n = off < 0 ? write(fd, p, len) : pwrite(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
		if (off >= 0)
			off += n;
	}
	return 0;
}

int mb_write_full(int fd, const void *buf, size_t len)
{
	return write_loop(fd, buf, len, -1);
}

int mb_pwrite_full(int fd, const void *buf, size_t len, uint64_t off)
{
	if (off > (uint64_t)INT64_MAX)
		return -EOVERFLOW;
	return write_loop(fd, buf, len, (int64_t)off);
}

int mb_write_blocks(struct mb_worker *w, const struct mb_slice *s, const char *call,
		    mb_block_writer wr)
{
	const struct mb_plan *p = w->run->plan;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		int rc;

		w->err[0] = '\0';
		rc = wr(w, off, mb_plan_len(p, off));
		if (rc)
			return w->err[0] ? rc : mb_worker_fail(w, call, -rc);
		mb_lat_tick(w);
	}
	return 0;
}

uint64_t mb_increment_ints(unsigned char *p, uint64_t off, size_t len, uint64_t size)
{
	uint64_t n = 0;

	for (size_t i = 0; i + 4 <= len && off + i + 4 <= size; i += 4, n++) {
		uint32_t v;

		memcpy(&v, p + i, 4); /* little-endian hosts: the file's order */
		v++;
		memcpy(p + i, &v, 4);
	}
	return n;
}
