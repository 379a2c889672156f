/* probe_mem.c: the machine probe's call and memory figures: a system call,
 * the latency timer, a warm 4 KiB pread(2) (whole, and without its copy),
 * the page cache -> user copy per byte, the checksum's read per byte (from
 * memory, and of a block already in the CPU cache) and memcpy per byte.
 * Buffers are written before; the clock is read around a batch and the
 * figure is the batch's time over its count. The copy, the checksum and
 * memcpy start each sample with cold CPU caches (a 64 MiB buffer read
 * through, untimed), as repetitions do in a run. */
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
#include <sys/mman.h>
#include <unistd.h>

#define SYSCALL_BATCH 200
#define TIMER_BATCH 5000
#define COPY_BYTES (2u << 20)   /* read per block size in one copy sample */
#define COPY_AT (6u << 20)      /* ... from here on (the largest folios) */
#define HOT_BYTES (64u << 10)   /* a block a copying read just wrote: in L1/L2 */
#define HOT_ROUNDS 64

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

/* ns per call of the warm preads of len bytes that read COPY_BYTES of fd in
 * order from COPY_AT, the CPU caches cold at the start: in a sequential
 * read's file, the part past its first readahead ramp, where its folios are
 * large. */
static int pread_batch(struct mb_probe_ctx *c, int fd, size_t len, double *v, char *err,
		       size_t errlen)
{
	size_t n = COPY_BYTES / len;
	uint64_t t0;

	mb_probe_evict(c);
	t0 = mb_now_ns();
	for (size_t i = 0; i < n; i++)
		if (pread(fd, c->buf, len, (off_t)(COPY_AT + i * len)) != (ssize_t)len)
			goto out_err;
	*v = (double)(mb_now_ns() - t0) / (double)n;
	return 0;
out_err:
	snprintf(err, errlen, "pread(%s): %s",
		 fd == c->pmd_fd ? c->pmd_path : fd == c->small_fd ? c->small_path : c->large_path,
		 strerror(errno ? errno : EIO));
	return errno ? -errno : -EIO;
}

int mb_probe_pread_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return pread_batch(c, c->large_fd, 4096, v, err, errlen);
}

/* A 4 KiB pread less its copy: what a call costs whatever its size. */
int mb_probe_pread_call(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	int rc;

	if (!isfinite(c->copy_ns_per_byte)) {
		snprintf(err, errlen, "copy_ns_per_byte, which it subtracts, was not measured");
		return -EOPNOTSUPP;
	}
	rc = pread_batch(c, c->large_fd, 4096, v, err, errlen);
	*v -= 4096 * c->copy_ns_per_byte;
	return rc;
}

/* The least-squares slope of the per-call time over the block sizes 4 KiB ..
 * 128 KiB: blocks a run reuses one buffer for, which stays in the CPU's L2
 * (a 1 MiB destination would add its own cache misses to every byte). The
 * source is the page cache of fd, cold after the eviction. */
static int copy_slope(struct mb_probe_ctx *c, int fd, double *v, char *err, size_t errlen)
{
	static const size_t sizes[] = {4096, 16384, 32768, 65536, 131072};
	const int k = sizeof(sizes) / sizeof(sizes[0]);
	double x[5], y[5], mx = 0, my = 0, sxy = 0, sxx = 0;
	int rc;

	for (int i = 0; i < k; i++) {
		x[i] = (double)sizes[i];
		rc = pread_batch(c, fd, sizes[i], &y[i], err, errlen);
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

/* In the large folios of a sequential read (PTE-mapped sizes, below 2 MiB). */
int mb_probe_copy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return copy_slope(c, c->large_fd, v, err, errlen);
}

/* In 4 KiB folios: a folio to look up and walk per page. */
int mb_probe_copy_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return copy_slope(c, c->small_fd, v, err, errlen);
}

/* In 2 MiB folios: fewer folios to look up and walk per byte. */
int mb_probe_copy_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	if (c->pmd_why[0]) {
		snprintf(err, errlen, "%s", c->pmd_why);
		return -EOPNOTSUPP;
	}
	return copy_slope(c, c->pmd_fd, v, err, errlen);
}

/* The checksum over a MB_PROBE_FAR buffer in 2 MiB pages, as memread's
 * copy of a file is. Each sample reads a buffer of its own, mapped, filled
 * and read once before (untimed), as each configuration's copy is: on a
 * virtual machine the bandwidth of fresh memory can differ from one
 * allocation to the next (how the host backs it), and the median over
 * allocations prices the typical one. */
int mb_probe_memread(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p = mb_probe_map_aligned(MB_PROBE_FAR, c->thp_ok ? MADV_HUGEPAGE : MADV_NORMAL);
	uint64_t t0;

	if (!p) {
		snprintf(err, errlen, "a %u MiB buffer: %s", MB_PROBE_FAR >> 20, strerror(errno ? errno : ENOMEM));
		return errno ? -errno : -ENOMEM;
	}
	for (size_t off = 0; off < MB_PROBE_FAR; off += MB_PROBE_FILE)
		if (pread(c->large_fd, p + off, MB_PROBE_FILE, 0) != (ssize_t)MB_PROBE_FILE) {
			snprintf(err, errlen, "pread(%s): %s", c->large_path, strerror(errno ? errno : EIO));
			mb_probe_unmap_aligned(p, MB_PROBE_FAR);
			return errno ? -errno : -EIO;
		}
	sink = mb_csum(0, p, MB_PROBE_FAR);
	mb_probe_evict(c);
	t0 = mb_now_ns();
	sink = mb_csum(0, p, MB_PROBE_FAR);
	*v = (double)(mb_now_ns() - t0) / MB_PROBE_FAR;
	mb_probe_unmap_aligned(p, MB_PROBE_FAR);
	return 0;
}

int mb_probe_memcpy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	(void)err, (void)errlen;
	mb_probe_evict(c);
	t0 = mb_now_ns();
	memcpy(c->buf2, c->buf, MB_PROBE_BUF);
	*v = (double)(mb_now_ns() - t0) / MB_PROBE_BUF;
	sink = ((volatile unsigned char *)c->buf2)[MB_PROBE_BUF / 2];
	return 0;
}

/* The checksum of a block a copying read has just written into its reused
 * buffer: HOT_BYTES read HOT_ROUNDS times, in the cache after the first. */
int mb_probe_csum_hot(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0, s = 0;

	(void)err, (void)errlen;
	s += mb_csum(0, c->buf, HOT_BYTES);
	t0 = mb_now_ns();
	for (int i = 0; i < HOT_ROUNDS; i++)
		s += mb_csum(0, c->buf, HOT_BYTES);
	*v = (double)(mb_now_ns() - t0) / ((double)HOT_BYTES * HOT_ROUNDS);
	sink = s;
	return 0;
}
