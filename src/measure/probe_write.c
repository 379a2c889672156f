/* probe_write.c: the machine probe's write-side figures: dirtying a clean
 * cached page by pwrite(2) and by a store to a fresh shared mapping,
 * msync(MS_SYNC) and fsync(2) of 64 KiB of dirty pages, and (--device)
 * O_DIRECT reads on the probe directory's device. Cleaning pages
 * (fdatasync), mapping and dirtying before a sync are untimed. */
#include "probe.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define DIRTY_PAGES 64
#define STORE_OFF (1u << 20)
#define MSYNC_OFF (2u << 20)
#define FSYNC_OFF (3u << 20)
#define ODIRECT_4K_READS 16
#define ODIRECT_BIG (1u << 20)
#define ODIRECT_BIG_READS 4

static int fail(struct mb_probe_ctx *c, const char *call, char *err, size_t errlen)
{
	int e = errno ? errno : EIO;

	snprintf(err, errlen, "%s(%s): %s", call, c->write_path, strerror(e));
	return -e;
}

int mb_probe_write_dirty(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	if (fdatasync(c->write_fd))
		return fail(c, "fdatasync", err, errlen);
	t0 = mb_now_ns();
	for (int i = 0; i < DIRTY_PAGES; i++)
		if (pwrite(c->write_fd, c->buf, 4096, (off_t)i * 4096) != 4096)
			return fail(c, "pwrite", err, errlen);
	*v = (double)(mb_now_ns() - t0) / DIRTY_PAGES;
	return 0;
}

static unsigned char *map_shared(struct mb_probe_ctx *c, size_t len, off_t off, char *err,
				 size_t errlen)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, c->write_fd, off);

	if (p != MAP_FAILED)
		return p;
	fail(c, "mmap", err, errlen);
	return NULL;
}

int mb_probe_store_dirty(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p;
	uint64_t t0;

	if (fdatasync(c->write_fd))
		return fail(c, "fdatasync", err, errlen);
	p = map_shared(c, DIRTY_PAGES * 4096, STORE_OFF, err, errlen);
	if (!p)
		return -EIO;
	t0 = mb_now_ns();
	for (int i = 0; i < DIRTY_PAGES; i++)
		((volatile unsigned char *)p)[i * 4096] ^= 1;
	*v = (double)(mb_now_ns() - t0) / DIRTY_PAGES;
	munmap(p, DIRTY_PAGES * 4096);
	return 0;
}

int mb_probe_msync_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p = map_shared(c, MB_PROBE_SYNC_LEN, MSYNC_OFF, err, errlen);
	uint64_t t0;
	int rc = 0;

	if (!p)
		return -EIO;
	for (size_t i = 0; i < MB_PROBE_SYNC_LEN; i += 4096)
		p[i] ^= 1;
	t0 = mb_now_ns();
	if (msync(p, MB_PROBE_SYNC_LEN, MS_SYNC))
		rc = fail(c, "msync", err, errlen);
	*v = (double)(mb_now_ns() - t0);
	munmap(p, MB_PROBE_SYNC_LEN);
	return rc;
}

int mb_probe_fsync_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0;

	if (pwrite(c->write_fd, c->buf, MB_PROBE_SYNC_LEN, FSYNC_OFF) != MB_PROBE_SYNC_LEN)
		return fail(c, "pwrite", err, errlen);
	t0 = mb_now_ns();
	if (fsync(c->write_fd))
		return fail(c, "fsync", err, errlen);
	*v = (double)(mb_now_ns() - t0);
	return 0;
}

/* An O_DIRECT descriptor of the large file, or -EOPNOTSUPP with the reason. */
static int open_direct(struct mb_probe_ctx *c, char *err, size_t errlen)
{
	int fd;

	if (!c->device) {
		snprintf(err, errlen, "device figures are measured with --device");
		return -EOPNOTSUPP;
	}
	fd = open(c->large_path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	snprintf(err, errlen, "O_DIRECT refused on the filesystem of %s: %s", c->dir, strerror(errno));
	return errno == EINVAL || errno == EOPNOTSUPP ? -EOPNOTSUPP : -errno;
}

/* ns per read (per byte when per_byte) of n O_DIRECT reads of len bytes at
 * spread offsets of the large file. */
static int direct_reads(struct mb_probe_ctx *c, size_t len, int n, int per_byte, double *v,
			char *err, size_t errlen)
{
	size_t slots = MB_PROBE_FILE / len;
	int fd = open_direct(c, err, errlen), rc = 0;
	size_t seed = (size_t)(mb_now_ns() & 0xffff);
	uint64_t t0;

	if (fd < 0)
		return fd;
	t0 = mb_now_ns();
	for (int i = 0; i < n; i++) {
		size_t slot = ((size_t)i * 2654435761u + seed) % slots;

		if (pread(fd, c->buf, len, (off_t)(slot * len)) != (ssize_t)len) {
			rc = errno == EINVAL ? -EOPNOTSUPP : -(errno ? errno : EIO);
			snprintf(err, errlen, "O_DIRECT pread(%s): %s", c->large_path,
				 strerror(errno ? errno : EIO));
			break;
		}
	}
	*v = (double)(mb_now_ns() - t0) / n / (per_byte ? (double)len : 1.0);
	close(fd);
	return rc;
}

int mb_probe_odirect_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return direct_reads(c, 4096, ODIRECT_4K_READS, 0, v, err, errlen);
}

int mb_probe_odirect_byte(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return direct_reads(c, ODIRECT_BIG, ODIRECT_BIG_READS, 1, v, err, errlen);
}
