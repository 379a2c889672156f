/* pwritev.c: pwritev(2) of --iov pieces per call from the source (the
 * dataset's bytes, in memory), at explicit offsets, so workers share the
 * descriptor. As readv/preadv read (vector.h): seq writes N consecutive
 * planned blocks per call, one iovec each; the other patterns write one
 * planned block per call in N pieces. One operation is one call. */
#include "method.h"
#include "vector.h"

/* pwritev(2) until every iovec is written; 0 or -errno. v is consumed. */
static int pwritev_full(int fd, struct iovec *v, int n, uint64_t off)
{
	while (n > 0) {
		ssize_t put = pwritev(fd, v, n, (off_t)off);

		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			return -errno;
		if (put == 0)
			return -EIO;
		off += (uint64_t)put;
		for (; n > 0 && (size_t)put >= v->iov_len; v++, n--)
			put -= (ssize_t)v->iov_len;
		if (n > 0) {
			v->iov_base = (char *)v->iov_base + put;
			v->iov_len -= (size_t)put;
		}
	}
	return 0;
}

static int pwritev_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	int seq = p->order == NULL && s->stride == 1;
	unsigned iov = mb_vec_iov(r);
	struct iovec v[MB_MAX_IOV];

	(void)csum;
	for (uint64_t k = 0; k < s->count;) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len = mb_plan_len(p, off);
		uint64_t n = 1, piece;
		int nv = 0, rc;

		if (seq) { /* N consecutive blocks: one iovec each */
			n = s->count - k < iov ? s->count - k : iov;
			for (uint64_t i = 0; i < n; i++) {
				uint64_t o = mb_plan_offset(p, s->first + k + i);

				v[nv++] = (struct iovec){.iov_base = (void *)(r->ref + o),
							 .iov_len = (size_t)mb_plan_len(p, o)};
			}
		} else { /* one block in up to N pieces */
			uint64_t np = len < iov ? len : iov;

			piece = np ? len / np : 0;
			for (uint64_t i = 0; i < np; i++)
				v[nv++] = (struct iovec){.iov_base = (void *)(r->ref + off + i * piece),
							 .iov_len = (size_t)(i + 1 < np ? piece
									     : len - i * piece)};
		}
		if (nv && (rc = pwritev_full(r->fd, v, nv, off)))
			return mb_worker_fail(w, "pwritev", -rc);
		k += n;
		w->ops++;
		mb_lat_tick(w);
	}
	return 0;
}

static int pwritev_setup(struct mb_run *r)
{
	if (mb_vec_iov(r) < 1 || mb_vec_iov(r) > MB_MAX_IOV)
		return mb_run_failf(r, EINVAL, "%s: --iov %u is out of range 1..%d", r->method->name,
				    mb_vec_iov(r), MB_MAX_IOV);
	return mb_open_file(r, 0);
}

const struct mb_method mb_method_pwritev = {
	.name = "pwritev",
	.desc = "pwritev(2) from memory of --iov pieces: N blocks per call (seq), one block in N pieces (else)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.options = mb_vec_options,
	.setup = pwritev_setup,
	.run = pwritev_run,
};
