/* residency.c: mincore-based residency, fadvise/drop_caches eviction and
 * sequential cache filling (see residency.h). */
#include "residency.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DROP_CACHES "/proc/sys/vm/drop_caches"

int mb_resident_pct(int fd, uint64_t size, double *pct)
{
	size_t ps = (size_t)mb_page_size();
	size_t pages = (size_t)((size + ps - 1) / ps), in = 0;
	unsigned char *vec;
	void *map;
	int rc = 0;

	*pct = NAN;
	if (!size)
		return 1;
	/* Mapping without touching faults nothing in: mincore only looks. */
	map = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -errno;
	vec = malloc(pages);
	if (!vec) {
		rc = -ENOMEM;
		goto out_unmap;
	}
	if (mincore(map, (size_t)size, vec)) {
		rc = -errno;
		goto out_free;
	}
	for (size_t i = 0; i < pages; i++)
		in += vec[i] & 1;
	*pct = 100.0 * (double)in / (double)pages;
out_free:
	free(vec);
out_unmap:
	munmap(map, (size_t)size);
	return rc;
}

int mb_resident_pct_path(const char *path, double *pct)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	*pct = NAN;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st))
		rc = -errno;
	else
		rc = mb_resident_pct(fd, (uint64_t)st.st_size, pct);
	close(fd);
	return rc;
}

int mb_can_drop_caches(void)
{
	return access(DROP_CACHES, W_OK) == 0;
}

static int drop_caches(char *err, size_t errlen)
{
	int fd, rc = 0;

	sync();
	fd = open(DROP_CACHES, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", DROP_CACHES, strerror(errno));
		return rc;
	}
	if (write(fd, "1", 1) != 1) {
		rc = -errno;
		snprintf(err, errlen, "write(%s): %s", DROP_CACHES, strerror(errno));
	}
	close(fd);
	return rc;
}

int mb_cache_evict(const char *path, int sync_first, int drop, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", path, strerror(errno));
		return rc;
	}
	if (sync_first && fdatasync(fd)) {
		rc = -errno;
		snprintf(err, errlen, "fdatasync(%s): %s", path, strerror(errno));
		goto out_close;
	}
	rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	if (rc) {
		snprintf(err, errlen, "posix_fadvise(%s, DONTNEED): %s", path, strerror(rc));
		rc = -rc;
		goto out_close;
	}
	if (drop)
		rc = drop_caches(err, errlen);
out_close:
	close(fd);
	return rc;
}

int mb_cache_fill(const char *path, char *err, size_t errlen)
{
	const size_t chunk = 1u << 20;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	void *buf;
	ssize_t n;

	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", path, strerror(errno));
		return rc;
	}
	buf = mb_buf_alloc(chunk, 0);
	if (!buf) {
		rc = -ENOMEM;
		snprintf(err, errlen, "warming %s: out of memory", path);
		goto out_close;
	}
	while ((n = read(fd, buf, chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			snprintf(err, errlen, "read(%s): %s", path, strerror(errno));
			break;
		}
	}
	mb_buf_free(buf, 0);
out_close:
	close(fd);
	return rc;
}

int mb_cache_fill_4k(const char *path, char *err, size_t errlen)
{
	const size_t chunk = 4096;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
	void *buf;
	off_t off = 0;
	ssize_t n;

	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", path, strerror(errno));
		return rc;
	}
	rc = posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
	if (rc) {
		snprintf(err, errlen, "posix_fadvise(%s, RANDOM): %s", path, strerror(rc));
		rc = -rc;
		goto out_close;
	}
	buf = mb_buf_alloc(chunk, 0);
	if (!buf) {
		rc = -ENOMEM;
		snprintf(err, errlen, "warming %s: out of memory", path);
		goto out_close;
	}
	while ((n = pread(fd, buf, chunk, off)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			snprintf(err, errlen, "pread(%s): %s", path, strerror(errno));
			break;
		}
		off += n;
	}
	mb_buf_free(buf, 0);
out_close:
	close(fd);
	return rc;
}
