/* vector.h: what readv and preadv share (static inline, like mapping.h):
 * the --iov buffers are N consecutive block-size pieces of the worker's
 * buffer.
 *
 * seq: one call reads N consecutive planned blocks of the worker's range, one
 * block-size iovec each, so N blocks per system call. The last call of a range
 * may read fewer blocks, the last block of the file short.
 * rand: the planned blocks are not adjacent and one call reads at one offset,
 * so one call reads ONE planned block, scattered over N iovecs of block/N
 * bytes (the last iovec takes the remainder; fewer iovecs when the block has
 * fewer than N bytes). Same number of system calls as pread, plus the cost of
 * N segments.
 *
 * Every planned block is read once and consumed at its file offset. One
 * operation is one system call (N blocks for seq, one for rand): the row's ops
 * and latency samples count calls. */
#ifndef MB_METHODS_VECTOR_H
#define MB_METHODS_VECTOR_H

#include "method.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#define MB_MAX_IOV 1024 /* IOV_MAX on Linux, and the --iov limit */

/* --iov, the one option of both (r->opt[0]) */
static const struct mb_option mb_vec_options[] = {
	{.name = "iov", .type = MB_OPT_COUNT, .min = 1, .max = MB_MAX_IOV, .def = 4,
	 .help = "readv, preadv, pwritev: buffers per call (default 4)", .column = "iov", .buf_blocks = 1},
	{0},
};

static inline unsigned mb_vec_iov(const struct mb_run *r)
{
	return (unsigned)r->opt[0];
}

/* readv(2) (off < 0: at the file position) or preadv(2) at off until every
 * iovec is full or EOF; bytes read or -errno. v is consumed. */
static inline long mb_vec_full(int fd, struct iovec *v, int n, int64_t off)
{
	long done = 0;

	while (n > 0) {
		ssize_t got = off < 0 ? readv(fd, v, n) : preadv(fd, v, n, (off_t)(off + done));

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (got == 0)
			break;
		done += got;
		for (; n > 0 && (size_t)got >= v->iov_len; v++, n--)
			got -= (ssize_t)v->iov_len;
		if (n > 0) {
			v->iov_base = (char *)v->iov_base + got;
			v->iov_len -= (size_t)got;
		}
	}
	return done;
}

/* seq: plan items k.. of the slice, up to N blocks, one iovec each. Returns
 * the number of iovecs; *len is their total. */
static inline int mb_vec_coalesce(const struct mb_worker *w, const struct mb_slice *s, uint64_t k,
				  struct iovec *v, uint64_t *len)
{
	const struct mb_plan *p = w->run->plan;
	uint64_t n = s->count - k < mb_vec_iov(w->run) ? s->count - k : mb_vec_iov(w->run);

	*len = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t off = mb_plan_offset(p, s->first + k + i);

		v[i].iov_base = (char *)w->buf + i * p->block;
		v[i].iov_len = (size_t)mb_plan_len(p, off);
		*len += v[i].iov_len;
	}
	return (int)n;
}

/* rand: len bytes of one block over up to N consecutive iovecs. */
static inline int mb_vec_split(const struct mb_worker *w, uint64_t len, struct iovec *v)
{
	uint64_t n = len < mb_vec_iov(w->run) ? len : mb_vec_iov(w->run), piece = len / n;

	for (uint64_t i = 0; i < n; i++) {
		v[i].iov_base = (char *)w->buf + i * piece;
		v[i].iov_len = (size_t)(i + 1 < n ? piece : len - i * piece);
	}
	return (int)n;
}

/* Timed setup of both: --iov in range, then open. */
static inline int mb_vec_setup(struct mb_run *r)
{
	if (mb_vec_iov(r) < 1 || mb_vec_iov(r) > MB_MAX_IOV)
		return mb_run_failf(r, EINVAL, "%s: --iov %u is out of range 1..%d", r->method->name,
				    mb_vec_iov(r), MB_MAX_IOV);
	return mb_open_ro(r, 0);
}

/* The io phase of both. positioned: readv, which follows the shared file
 * position (one lseek(2) at the start of a seq range, one per call for
 * rand); otherwise preadv at explicit offsets. */
static inline int mb_vec_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum,
			     int positioned)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	const char *call = positioned ? "readv" : "preadv";
	int seq = p->order == NULL && s->stride == 1;
	struct iovec v[MB_MAX_IOV];
	uint64_t sum = 0, k = 0;

	if (positioned && seq && s->count && lseek(r->fd, (off_t)(s->first * p->block), SEEK_SET) < 0)
		return mb_worker_fail(w, "lseek", errno);
	while (k < s->count) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len;
		long got;
		int n = seq ? mb_vec_coalesce(w, s, k, v, &len) : mb_vec_split(w, len = mb_plan_len(p, off), v);

		if (positioned && !seq && lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return mb_worker_fail(w, "lseek", errno);
		got = mb_vec_full(r->fd, v, n, positioned ? -1 : (int64_t)off);
		if (got < 0)
			return mb_worker_fail(w, call, (int)-got);
		if ((uint64_t)got != len)
			return mb_short_read(w, call, off, got, len);
		if (seq) {
			for (int i = 0; i < n; i++, off += p->block)
				sum += mb_consume(w, off, (char *)w->buf + (size_t)i * p->block,
						  (size_t)mb_plan_len(p, off));
			k += (uint64_t)n;
		} else {
			sum += mb_consume(w, off, w->buf, (size_t)len);
			k++;
		}
		mb_lat_tick(w);
		w->ops++; /* one operation = one system call */
	}
	*csum += sum;
	return 0;
}

#endif
