/* uring_ring.c: the io_uring side of the uring method (see uring_ring.h),
 * built when liburing is there: one ring per worker, up to --qd reads in
 * flight, each into its own slot of the worker's buffer (registered with
 * --uring-fixed), each block consumed when its read completes. */
#include "uring_ring.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* One read in flight: a buffer and the block it is filling. */
struct uring_slot {
	void *buf;
	uint64_t off;      /* file offset of the block */
	uint64_t t_submit; /* first submission (only with latency) */
	unsigned len;      /* block length */
	unsigned done;     /* bytes read so far (short reads are resubmitted) */
};

struct uring_worker {
	struct io_uring ring;
	struct uring_slot *slot;
	unsigned *free_slot; /* stack of idle slot indexes */
	unsigned nfree, qd;
	int fixed;
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

/* Probes once that a ring can be made and that it knows READ and READ_FIXED. */
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
	     io_uring_opcode_supported(p, IORING_OP_READ_FIXED);
	if (!ok)
		snprintf(why, len, "io_uring lacks IORING_OP_READ (needs Linux >= 5.6)");
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

static int register_bufs(struct uring_worker *u, struct mb_worker *w)
{
	struct iovec *iov = calloc(u->qd, sizeof(*iov));
	int rc;

	if (!iov)
		return mb_worker_fail(w, "io_uring_register_buffers", ENOMEM);
	for (unsigned i = 0; i < u->qd; i++)
		iov[i] = (struct iovec){.iov_base = u->slot[i].buf, .iov_len = w->run->plan->block};
	rc = io_uring_register_buffers(&u->ring, iov, u->qd);
	free(iov);
	if (rc == -ENOMEM)
		return mb_worker_failf(w, ENOMEM, "io_uring_register_buffers(%s): %s (%u x %zu bytes "
				       "to pin: over RLIMIT_MEMLOCK? see ulimit -l)",
				       w->run->path, strerror(ENOMEM), u->qd, (size_t)w->run->plan->block);
	if (rc < 0)
		return mb_worker_fail(w, "io_uring_register_buffers", -rc);
	u->fixed = 1;
	return 0;
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
	/* the core allocated the qd slots, untimed, buf_stride apart */
	for (unsigned i = 0; i < qd; i++) {
		u->slot[i].buf = (char *)w->buf + (size_t)i * w->buf_stride;
		u->free_slot[i] = qd - 1 - i;
	}
	u->nfree = qd;
	rc = io_uring_queue_init(qd, &u->ring, 0);
	if (rc < 0) {
		rc = mb_worker_fail(w, "io_uring_queue_init", -rc);
		goto out_free;
	}
	if (r->opt[MB_URING_OPT_FIXED] && (rc = register_bufs(u, w)))
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

/* Queues (the rest of) slot i's read; the slot is the request's user_data. */
static int queue_read(struct uring_worker *u, int fd, unsigned i)
{
	struct uring_slot *sl = &u->slot[i];
	struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
	char *dst = (char *)sl->buf + sl->done;

	if (!sqe)
		return -EBUSY; /* cannot happen: one request per slot, qd <= SQ size */
	if (u->fixed)
		io_uring_prep_read_fixed(sqe, fd, dst, sl->len - sl->done, sl->off + sl->done, (int)i);
	else
		io_uring_prep_read(sqe, fd, dst, sl->len - sl->done, sl->off + sl->done);
	io_uring_sqe_set_data(sqe, sl);
	return 0;
}

/* One completion. 1 if its block is complete and consumed, 0 if the rest was
 * resubmitted, or -errno with w->err set. */
static int complete(struct mb_worker *w, struct uring_worker *u, const struct io_uring_cqe *cqe,
		    uint64_t now, uint64_t *sum)
{
	struct uring_slot *sl = io_uring_cqe_get_data(cqe);
	const char *call = u->fixed ? "io_uring read_fixed" : "io_uring read";

	if (cqe->res < 0)
		return mb_worker_fail(w, call, -cqe->res);
	if (cqe->res == 0)
		return mb_short_read(w, call, sl->off, (long)sl->done, sl->len);
	sl->done += (unsigned)cqe->res;
	if (sl->done < sl->len) {
		if (queue_read(u, w->run->fd, (unsigned)(sl - u->slot)))
			return mb_worker_failf(w, EBUSY, "%s(%s): submission queue full", call, w->run->path);
		return 0;
	}
	*sum += mb_consume(w, sl->off, sl->buf, sl->len);
	if (w->lat)
		mb_lat_record(w, now - sl->t_submit);
	u->free_slot[u->nfree++] = (unsigned)(sl - u->slot);
	return 1;
}

/* After an error: wait for what is still in flight, so that no read lands in
 * a buffer after it is freed. */
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
			if (queue_read(u, r->fd, i)) {
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
