/* preadv.c: preadv(2) with --iov N buffers per call at explicit offsets: the
 * readv method without a shared file position, so workers share the fd. The
 * N buffers are N consecutive block-size pieces of the worker's buffer.
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
#include "method.h"

#include <errno.h>
#include <sys/uio.h>

#define MAX_IOV 1024 /* IOV_MAX on Linux, and the --iov limit */

/* preadv(2) at off until every iovec is full or EOF; bytes read or -errno.
 * v is consumed. */
static long preadv_full(int fd, struct iovec *v, int n, uint64_t off)
{
	long done = 0;

	while (n > 0) {
		ssize_t got = preadv(fd, v, n, (off_t)(off + (uint64_t)done));

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
static int coalesce(const struct mb_worker *w, const struct mb_slice *s, uint64_t k,
		    struct iovec *v, uint64_t *len)
{
	const struct mb_plan *p = w->run->plan;
	uint64_t n = s->count - k < w->run->iov ? s->count - k : w->run->iov;

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
static int split(const struct mb_worker *w, uint64_t len, struct iovec *v)
{
	uint64_t n = len < w->run->iov ? len : w->run->iov, piece = len / n;

	for (uint64_t i = 0; i < n; i++) {
		v[i].iov_base = (char *)w->buf + i * piece;
		v[i].iov_len = (size_t)(i + 1 < n ? piece : len - i * piece);
	}
	return (int)n;
}

static int preadv_setup(struct mb_run *r)
{
	if (r->iov < 1 || r->iov > MAX_IOV)
		return mb_run_failf(r, EINVAL, "preadv: --iov %u is out of range 1..%d", r->iov, MAX_IOV);
	return mb_open_ro(r, 0);
}

static int preadv_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	int seq = p->order == NULL && s->stride == 1;
	struct iovec v[MAX_IOV];
	uint64_t sum = 0, k = 0;

	while (k < s->count) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len;
		long got;
		int n;

		if (seq)
			n = coalesce(w, s, k, v, &len);
		else
			n = split(w, len = mb_plan_len(p, off), v);
		got = preadv_full(r->fd, v, n, off);
		if (got < 0)
			return mb_worker_fail(w, "preadv", (int)-got);
		if ((uint64_t)got != len)
			return mb_short_read(w, "preadv", off, got, len);
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

static int preadv_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

const struct mb_method mb_method_preadv = {
	.name = "preadv",
	.desc = "preadv(2) of --iov buffers: N blocks per call (seq), one block in N pieces (rand)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_IOV | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = preadv_setup,
	.run = preadv_run,
	.teardown = preadv_teardown,
};
