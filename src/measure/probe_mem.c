/* probe_mem.c: the machine probe's call and memory figures: a system call,
 * the latency timer, a warm 4 KiB pread(2) (whole, and without its copy),
 * the page cache -> user copy per byte, the checksum's read per byte and
 * memcpy per byte. Buffers are written before; the clock is read around a
 * batch and the figure is the batch's time over its count. The copy, the
 * checksum and memcpy start each sample with cold CPU caches (a 64 MiB
 * buffer read through, untimed), as repetitions do in a run. */
#include "probe.h"
#include "checksum.h"
#include "histogram.h"
#include "method.h"
#include "ticks.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYSCALL_BATCH 200
#define TIMER_BATCH 5000
#define PREAD_BATCH 100
#define COPY_BYTES (1u << 20)   /* read per block size in one copy sample */

static volatile uint64_t sink;

int mb_probe_syscall(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	(void)c, (void)err, (void)errlen;
	t0 = mb_now_ns();
	for (int i = 0; i < SYSCALL_BATCH; i++)
		syscall(SYS_getppid);
	*v = (double)(mb_now_ns() - t0) / SYSCALL_BATCH;
	return 0;
}

/* The timer of run --latency: one clock read and one histogram record. */
int mb_probe_timer(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	struct mb_worker w = {.lat = c->hist};
	uint64_t t0;

	(void)err, (void)errlen;
	t0 = mb_now_ns();
	w.lat_prev = mb_ticks();
	for (int i = 0; i < TIMER_BATCH; i++)
		mb_lat_tick(&w);
	*v = (double)(mb_now_ns() - t0) / TIMER_BATCH;
	return 0;
}

/* Reads the eviction buffer through, a cache line at a time (untimed): the
 * next sample starts with cold CPU caches. */
static void evict_caches(const struct mb_probe_ctx *c)
{
	const volatile unsigned char *p = c->evict;
	unsigned char x = 0;

	for (size_t i = 0; i < MB_PROBE_EVICT; i += 64)
		x ^= p[i];
	sink += x;
}

/* ns per call of n warm preads of len bytes cycling over the large-folio file. */
static int pread_batch(struct mb_probe_ctx *c, size_t len, int n, double *v, char *err,
		       size_t errlen)
{
	size_t slots = MB_PROBE_FILE / len;
	uint64_t t0 = mb_now_ns();

	for (int i = 0; i < n; i++)
		if (pread(c->large_fd, c->buf, len, (off_t)(((size_t)i % slots) * len)) != (ssize_t)len)
			goto out_err;
	*v = (double)(mb_now_ns() - t0) / n;
	return 0;
out_err:
	snprintf(err, errlen, "pread(%s): %s", c->large_path, strerror(errno ? errno : EIO));
	return errno ? -errno : -EIO;
}

int mb_probe_pread_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return pread_batch(c, 4096, PREAD_BATCH, v, err, errlen);
}

int mb_probe_pread_call(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	int rc;

	if (!isfinite(c->copy_ns_per_byte)) {
		snprintf(err, errlen, "copy_ns_per_byte, which it subtracts, was not measured");
		return -EOPNOTSUPP;
	}
	rc = pread_batch(c, 4096, PREAD_BATCH, v, err, errlen);
	*v -= 4096 * c->copy_ns_per_byte;
	return rc;
}

/* The least-squares slope of the per-call time over the block sizes 4 KiB .. 1 MiB. */
int mb_probe_copy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	static const size_t sizes[] = {4096, 16384, 65536, 262144, 1048576};
	const int k = sizeof(sizes) / sizeof(sizes[0]);
	double x[5], y[5], mx = 0, my = 0, sxy = 0, sxx = 0;
	int rc;

	for (int i = 0; i < k; i++) {
		x[i] = (double)sizes[i];
		evict_caches(c);
		rc = pread_batch(c, sizes[i], (int)(COPY_BYTES / sizes[i]), &y[i], err, errlen);
		if (rc)
			return rc;
		mx += x[i] / k;
		my += y[i] / k;
	}
	for (int i = 0; i < k; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
	}
	*v = sxy / sxx;
	return 0;
}

int mb_probe_memread(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	(void)err, (void)errlen;
	evict_caches(c);
	t0 = mb_now_ns();
	sink = mb_csum(0, c->buf, MB_PROBE_BUF);
	*v = (double)(mb_now_ns() - t0) / MB_PROBE_BUF;
	return 0;
}

int mb_probe_memcpy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	(void)err, (void)errlen;
	evict_caches(c);
	t0 = mb_now_ns();
	memcpy(c->buf2, c->buf, MB_PROBE_BUF);
	*v = (double)(mb_now_ns() - t0) / MB_PROBE_BUF;
	sink = ((volatile unsigned char *)c->buf2)[MB_PROBE_BUF / 2];
	return 0;
}
