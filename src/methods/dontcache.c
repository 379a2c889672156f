/* dontcache.c: preadv2(2) of each planned block with RWF_DONTCACHE into a
 * page-aligned buffer: uncached buffered reads (Linux >= 6.14). The read goes
 * through the page cache like pread, but folios it brings in are dropped once
 * copied, so a cold run leaves the file uncached; folios that were already
 * cached stay. It is pread without the cache's memory footprint, and unlike
 * O_DIRECT it has no alignment rules and keeps readahead.
 *
 * supported() probes the kernel once (preadv2 with the flag on
 * /proc/self/exe, then on a temporary file in /tmp). Filesystems opt in
 * separately, so a dataset on one that does not (tmpfs, say) fails at run
 * time with EOPNOTSUPP: the row is an error that starts "unsupported: " (the
 * hook returns -EOPNOTSUPP). */
#include "method.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef RWF_DONTCACHE
#define RWF_DONTCACHE 0x00000080
#endif

/* preadv2(RWF_DONTCACHE) of one byte of fd: 0 or errno. */
static int probe_fd(int fd)
{
	char byte;
	struct iovec v = {.iov_base = &byte, .iov_len = 1};

	return preadv2(fd, &v, 1, 0, RWF_DONTCACHE) < 0 ? errno : 0;
}

/* 0 or errno: the flag on the running binary, else on a new file in /tmp. */
static int probe(void)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), e = ENOENT;

	if (fd >= 0) {
		e = probe_fd(fd);
		close(fd);
	}
	if (e && (fd = open("/tmp", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600)) >= 0) {
		e = probe_fd(fd);
		close(fd);
	}
	return e;
}

static int dontcache_supported(char *why, size_t len)
{
	static int probed, err;

	if (!probed) {
		err = probe();
		probed = 1;
	}
	if (err == EOPNOTSUPP || err == EINVAL || err == ENOSYS) {
		snprintf(why, len, "RWF_DONTCACHE needs Linux >= 6.14 and filesystem support "
			 "(preadv2 on /proc/self/exe and /tmp: %s)", strerror(err));
		return 0;
	}
	return 1; /* supported, or could not probe: run time will tell */
}

static int dontcache_setup(struct mb_run *r)
{
	return mb_open_ro(r, 0);
}

/* preadv2(RWF_DONTCACHE) of len bytes at off; bytes read (< len at EOF) or
 * -errno. */
static long dontcache_read(int fd, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		struct iovec v = {.iov_base = (char *)buf + done, .iov_len = len - done};
		ssize_t n = preadv2(fd, &v, 1, (off_t)(off + done), RWF_DONTCACHE);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (long)done;
}

static int dontcache_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n = dontcache_read(r->fd, w->buf, (size_t)len, off);

		if (n == -EOPNOTSUPP)
			return mb_worker_failf(w, EOPNOTSUPP, "unsupported: preadv2(%s, RWF_DONTCACHE): %s: "
					       "this file's filesystem has no uncached buffered reads",
					       r->path, strerror(EOPNOTSUPP));
		if (n < 0)
			return mb_worker_fail(w, "preadv2", (int)-n);
		if ((uint64_t)n != len)
			return mb_short_read(w, "preadv2", off, n, len);
		sum += mb_consume(w, off, w->buf, (size_t)len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

static int dontcache_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

const struct mb_method mb_method_dontcache = {
	.name = "dontcache",
	.desc = "preadv2(2) with RWF_DONTCACHE per block: uncached buffered reads (Linux >= 6.14)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.supported = dontcache_supported,
	.setup = dontcache_setup,
	.run = dontcache_run,
	.teardown = dontcache_teardown,
};
