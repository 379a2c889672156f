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
 * time with EOPNOTSUPP: the row is unsupported, saying why (the hook returns
 * -EOPNOTSUPP). */
#include "compat.h"
#include "method.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>


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

static long dontcache_block(struct mb_worker *w, uint64_t off, uint64_t len)
{
	long n = mb_pread_upto(w->run->fd, w->buf, (size_t)len, (size_t)len, off, RWF_DONTCACHE);

	if (n == -EOPNOTSUPP)
		return mb_worker_failf(w, EOPNOTSUPP, "preadv2(%s, RWF_DONTCACHE): %s: "
				       "this file's filesystem has no uncached buffered reads",
				       w->run->path, strerror(EOPNOTSUPP));
	return n;
}

static int dontcache_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	return mb_read_blocks(w, s, csum, "preadv2", dontcache_block);
}

const struct mb_method mb_method_dontcache = {
	.name = "dontcache",
	.desc = "preadv2(2) with RWF_DONTCACHE per block: uncached buffered reads (Linux >= 6.14)",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF | MB_CAP_THREADS,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.supported = dontcache_supported,
	.run = dontcache_run,
};
