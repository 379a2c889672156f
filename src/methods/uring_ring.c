/* uring_ring.c: the io_uring side of the uring methods (see uring_ring.h),
 * built when liburing is there: one ring per worker, up to --qd requests in
 * flight. Reads go each into its own slot of the worker's buffer (registered
 * with --uring-fixed), each block consumed when its read completes; writes
 * go each straight from the source r->ref at the block's offset (with
 * --uring-fixed the source is registered, in chunks of at most 1 GiB). */
#include "uring_ring.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* One request in flight: a buffer and the block it is filling (a read) or
 * that it holds (a write: the source at the block's offset). */
struct uring_slot {
	void *buf;
	uint64_t off;      /* file offset of the block */
	uint64_t t_submit; /* first submission (only with latency) */
	unsigned len;      /* block length */
	unsigned done;     /* bytes moved so far (short ones are resubmitted) */
};

/* A registered buffer holds at most 1 GiB: the write source is registered in
 * chunks of whole blocks, so that no block straddles two. */
#define SRC_CHUNK_MAX (1ull << 30)

struct uring_worker {
	struct io_uring ring;
	struct uring_slot *slot;
	unsigned *free_slot; /* stack of idle slot indexes */
	unsigned nfree, qd;
	int fixed;
	int write;           /* the method's op is write */
	uint64_t chunk;      /* write, fixed: bytes of the source per registered buffer */
};

/* Why io_uring_setup failed, in terms a user can act on. */
static void setup_reason(int err, char *why, size_t len)
{
	char val[16] = "?";
	int fd;

	if (err == ENOSYS) {
		snprintf(why, len, "io_uring_setup: %s (kernel built without CONFIG_IO_URING)",
			 strerror(err));
		return;
	}
	if (err != EPERM) {
		snprintf(why, len, "io_uring_setup: %s", strerror(err));
		return;
	}
	fd = open("/proc/sys/kernel/io_uring_disabled", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, val, sizeof(val) - 1);

		val[n > 0 ? n : 0] = '\0';
		val[strcspn(val, "\n")] = '\0';
		close(fd);
	}
	if (!strcmp(val, "2"))
		snprintf(why, len, "io_uring_setup: %s (io_uring disabled by sysctl "
			 "kernel.io_uring_disabled = 2)", strerror(err));
	else if (!strcmp(val, "1"))
		snprintf(why, len, "io_uring_setup: %s (sysctl kernel.io_uring_disabled = 1: io_uring "
			 "only for root and the group kernel.io_uring_group)", strerror(err));
	else
		snprintf(why, len, "io_uring_setup: %s (sysctl kernel.io_uring_disabled = %s: a seccomp "
			 "filter or security module denies it)", strerror(err), val);
}

/* Probes once that a ring can be made and that it knows READ, READ_FIXED,
 * WRITE and WRITE_FIXED (all Linux 5.6). */
static int uring_probe(char *why, size_t len)
{
	struct io_uring_probe *p;
	struct io_uring ring;
	int rc = io_uring_queue_init(1, &ring, 0), ok;

	if (rc < 0) {
		setup_reason(-rc, why, len);
		return 0;
	}
	p = io_uring_get_probe_ring(&ring);
	ok = p && io_uring_opcode_supported(p, IORING_OP_READ) &&
	     io_uring_opcode_supported(p, IORING_OP_READ_FIXED) &&
	     io_uring_opcode_supported(p, IORING_OP_WRITE) &&
	     io_uring_opcode_supported(p, IORING_OP_WRITE_FIXED);
	if (!ok)
		snprintf(why, len, "io_uring lacks IORING_OP_READ or WRITE (needs Linux >= 5.6)");
	if (p)
		io_uring_free_probe(p);
	io_uring_queue_exit(&ring);
	return ok;
}

int mb_uring_ring_supported(char *why, size_t len)
{
	static char reason[256];
	static int probed, ok;

	if (!probed) {
		ok = uring_probe(reason, sizeof(reason));
		probed = 1;
	}
	if (!ok)
		snprintf(why, len, "%s", reason);
	return ok;
}

static void free_worker(struct uring_worker *u)
{
	free(u->slot);
	free(u->free_slot);
	free(u);
}

/* Registers iov[0..n) with the ring, freeing iov. */
static int register_iov(struct uring_worker *u, struct mb_worker *w, struct iovec *iov, unsigned n,
			uint64_t bytes)
{
	int rc = io_uring_register_buffers(&u->ring, iov, n);

	free(iov);
	if (rc == -ENOMEM)
		return mb_worker_failf(w, ENOMEM, "io_uring_register_buffers(%s): %s (%llu bytes "
				       "to pin: over RLIMIT_MEMLOCK? see ulimit -l)", w->run->path,
				       strerror(ENOMEM), (unsigned long long)bytes);
	if (rc < 0)
		return mb_worker_fail(w, "io_uring_register_buffers", -rc);
	u->fixed = 1;
	return 0;
}

/* Reads: the qd slots of the worker's buffer. */
static int register_bufs(struct uring_worker *u, struct mb_worker *w)
{
	struct iovec *iov = calloc(u->qd, sizeof(*iov));

	if (!iov)
		return mb_worker_fail(w, "io_uring_register_buffers", ENOMEM);
	for (unsigned i = 0; i < u->qd; i++)
		iov[i] = (struct iovec){.iov_base = u->slot[i].buf, .iov_len = w->run->plan->block};
	return register_iov(u, w, iov, u->qd, (uint64_t)u->qd * w->run->plan->block);
}

/* Writes: the source, in chunks of whole blocks (nothing for an empty file). */
static int register_source(struct uring_worker *u, struct mb_worker *w)
{
	struct mb_run *r = w->run;
	uint64_t block = r->plan->block, n;
	struct iovec *iov;

	u->chunk = SRC_CHUNK_MAX / block * block;
	if (!u->chunk)
		return mb_worker_failf(w, EOPNOTSUPP, "--uring-fixed writes: a block of %llu bytes "
				       "is larger than a registered buffer may be (1 GiB)",
				       (unsigned long long)block);
	if (!r->file_size)
		return 0;
	n = (r->file_size + u->chunk - 1) / u->chunk;
	if (!(iov = calloc((size_t)n, sizeof(*iov))))
		return mb_worker_fail(w, "io_uring_register_buffers", ENOMEM);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t left = r->file_size - i * u->chunk;

		iov[i] = (struct iovec){.iov_base = (void *)(r->ref + i * u->chunk),
					.iov_len = (size_t)(left < u->chunk ? left : u->chunk)};
	}
	return register_iov(u, w, iov, (unsigned)n, r->file_size);
}

/* Timed in setup: the ring and, with --uring-fixed, buffer registration. */
int mb_uring_ring_worker_setup(struct mb_run *r, struct mb_worker *w)
{
	unsigned qd = r->qd ? r->qd : 1;
	struct uring_worker *u = calloc(1, sizeof(*u));
	int rc;

	if (!u || !(u->slot = calloc(qd, sizeof(*u->slot))) ||
	    !(u->free_slot = calloc(qd, sizeof(*u->free_slot)))) {
		rc = mb_worker_failf(w, ENOMEM, "allocating %u io_uring slots: %s", qd, strerror(ENOMEM));
		goto out_free;
	}
	u->qd = qd;
	u->write = r->method->op == MB_OP_WRITE;
	/* reads: the core allocated the qd slots, untimed, buf_stride apart;
	 * writes need none (each points into the source when queued) */
	for (unsigned i = 0; i < qd; i++) {
		if (w->buf)
			u->slot[i].buf = (char *)w->buf + (size_t)i * w->buf_stride;
		u->free_slot[i] = qd - 1 - i;
	}
	u->nfree = qd;
	rc = io_uring_queue_init(qd, &u->ring, 0);
	if (rc < 0) {
		rc = mb_worker_fail(w, "io_uring_queue_init", -rc);
		goto out_free;
	}
	if (r->opt[MB_URING_OPT_FIXED] &&
	    (rc = u->write ? register_source(u, w) : register_bufs(u, w)))
		goto out_exit;
	w->priv = u;
	return 0;
out_exit:
	io_uring_queue_exit(&u->ring);
out_free:
	if (u)
		free_worker(u);
	return rc;
}

/* The name of the worker's request, for errors. */
static const char *request_name(const struct uring_worker *u)
{
	return u->write ? u->fixed ? "io_uring write_fixed" : "io_uring write"
			: u->fixed ? "io_uring read_fixed" : "io_uring read";
}

/* Queues (the rest of) slot i's read or write; the slot is the request's
 * user_data. A fixed read uses buffer i (the slot's own), a fixed write the
 * chunk of the source that holds the block. */
static int queue_io(struct uring_worker *u, int fd, unsigned i)
{
	struct uring_slot *sl = &u->slot[i];
	struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
	char *p = (char *)sl->buf + sl->done;
	unsigned n = sl->len - sl->done;
	uint64_t at = sl->off + sl->done;

	if (!sqe)
		return -EBUSY; /* cannot happen: one request per slot, qd <= SQ size */
	if (u->write && u->fixed)
		io_uring_prep_write_fixed(sqe, fd, p, n, at, (int)(sl->off / u->chunk));
	else if (u->write)
		io_uring_prep_write(sqe, fd, p, n, at);
	else if (u->fixed)
		io_uring_prep_read_fixed(sqe, fd, p, n, at, (int)i);
	else
		io_uring_prep_read(sqe, fd, p, n, at);
	io_uring_sqe_set_data(sqe, sl);
	return 0;
}

/* One completion. 1 if its block is complete (a read's consumed), 0 if the
 * rest was resubmitted, or -errno with w->err set. */
static int complete(struct mb_worker *w, struct uring_worker *u, const struct io_uring_cqe *cqe,
		    uint64_t now, uint64_t *sum)
{
	struct uring_slot *sl = io_uring_cqe_get_data(cqe);
	const char *call = request_name(u);

	if (cqe->res < 0)
		return mb_worker_fail(w, call, -cqe->res);
	if (cqe->res == 0 && u->write)
		return mb_worker_failf(w, EIO, "%s(%s): wrote nothing at offset %llu (%u of %u bytes "
				       "done)", call, w->run->path, (unsigned long long)sl->off,
				       sl->done, sl->len);
	if (cqe->res == 0)
		return mb_short_read(w, call, sl->off, (long)sl->done, sl->len);
	sl->done += (unsigned)cqe->res;
	if (sl->done < sl->len) {
		if (queue_io(u, w->run->fd, (unsigned)(sl - u->slot)))
			return mb_worker_failf(w, EBUSY, "%s(%s): submission queue full", call, w->run->path);
		return 0;
	}
	if (!u->write)
		*sum += mb_consume(w, sl->off, sl->buf, sl->len);
	if (w->lat)
		mb_lat_record(w, now - sl->t_submit);
	u->free_slot[u->nfree++] = (unsigned)(sl - u->slot);
	return 1;
}

/* After an error: wait for what is still in flight, so that no read lands in
 * a buffer after it is freed (nor a write reads the source after). */
static void drain(struct uring_worker *u, unsigned inflight)
{
	struct io_uring_cqe *cqe;

	while (inflight) {
		int rc = io_uring_submit_and_wait(&u->ring, 1);

		if (rc < 0 && rc != -EINTR)
			return;
		while (inflight && !io_uring_peek_cqe(&u->ring, &cqe)) {
			io_uring_cqe_seen(&u->ring, cqe);
			inflight--;
		}
	}
}

int mb_uring_ring_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	struct uring_worker *u = w->priv;
	unsigned inflight = 0;
	uint64_t sum = 0, k = 0;
	int rc = 0;

	while (k < s->count || inflight) {
		uint64_t now = w->lat ? mb_now_ns() : 0;
		struct io_uring_cqe *cqe;
		unsigned head, ready, seen = 0;

		for (; u->nfree && k < s->count; k++, inflight++) {
			unsigned i = u->free_slot[--u->nfree];
			struct uring_slot *sl = &u->slot[i];

			sl->off = mb_plan_offset(p, s->first + k * s->stride);
			sl->len = (unsigned)mb_plan_len(p, sl->off);
			sl->done = 0;
			sl->t_submit = now;
			if (u->write)
				sl->buf = (void *)(r->ref + sl->off);
			if (queue_io(u, r->fd, i)) {
				rc = mb_worker_failf(w, EBUSY, "io_uring(%s): submission queue full", r->path);
				goto out_drain;
			}
		}
		/* Submit what is queued; wait only if nothing is ready to reap. */
		rc = io_uring_submit_and_wait(&u->ring, io_uring_cq_ready(&u->ring) ? 0 : 1);
		if (rc == -EINTR)
			continue;
		if (rc < 0) {
			rc = mb_worker_fail(w, "io_uring_enter", -rc);
			goto out_drain;
		}
		/* Reap what is ready now, stamped with one completion time. */
		now = w->lat ? mb_now_ns() : 0;
		ready = io_uring_cq_ready(&u->ring);
		io_uring_for_each_cqe(&u->ring, head, cqe) {
			if (seen == ready)
				break;
			seen++;
			rc = complete(w, u, cqe, now, &sum);
			if (rc < 0)
				break;
			inflight -= (unsigned)rc;
		}
		io_uring_cq_advance(&u->ring, seen);
		if (rc < 0) {
			inflight--; /* the failed request is done */
			goto out_drain;
		}
	}
	*csum += sum;
	return 0;
out_drain:
	drain(u, inflight);
	return rc;
}

void mb_uring_ring_worker_teardown(struct mb_run *r, struct mb_worker *w)
{
	struct uring_worker *u = w->priv;

	if (!u)
		return;
	(void)r;
	io_uring_queue_exit(&u->ring);
	free_worker(u);
	w->priv = NULL;
}
