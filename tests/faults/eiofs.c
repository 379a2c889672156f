/* eiofs.c: a read-only FUSE filesystem that injects I/O errors, for the
 * fault tests. It serves two regular files with the bytes of a backing file:
 * `good`, always readable, and `bad`, whose reads that touch a byte range
 * fail with EIO, the way a disk with a bad sector fails. With --good-reads N
 * each page of the range is served N times before it fails, so that a reader
 * can first take a checksum of the whole file and then meet the error when
 * it reads again (mapbench run --file reads the file once before measuring).
 * Reads go through the page cache (no direct_io), so mmap(2) works and a
 * failed page-in is a SIGBUS.
 *
 *   eiofs --bad-offset N --bad-length N [--good-reads N] BACKING MOUNTPOINT
 *
 * Runs in the background once mounted; unmount with fusermount3 -u. */
#define FUSE_USE_VERSION 31
#include <fuse.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096ULL

static struct {
	int fd;
	uint64_t size, bad_off, bad_len;
	unsigned good_reads;
	unsigned char *served; /* times each page of the range was served */
} eio;

static int is_file(const char *path)
{
	return !strcmp(path, "/good") || !strcmp(path, "/bad");
}

static int eio_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	(void)fi;
	memset(st, 0, sizeof(*st));
	if (!strcmp(path, "/")) {
		st->st_mode = S_IFDIR | 0555;
		st->st_nlink = 2;
		return 0;
	}
	if (!is_file(path))
		return -ENOENT;
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = 1;
	st->st_size = (off_t)eio.size;
	return 0;
}

static int eio_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
		       struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	(void)off;
	(void)fi;
	(void)flags;
	if (strcmp(path, "/"))
		return -ENOENT;
	fill(buf, ".", NULL, 0, 0);
	fill(buf, "..", NULL, 0, 0);
	fill(buf, "good", NULL, 0, 0);
	fill(buf, "bad", NULL, 0, 0);
	return 0;
}

static int eio_open(const char *path, struct fuse_file_info *fi)
{
	if (!is_file(path))
		return -ENOENT;
	if ((fi->flags & O_ACCMODE) != O_RDONLY)
		return -EROFS;
	fi->direct_io = 0;
	return 0;
}

/* The bad file's read of [off, off + len): -EIO when it touches the bad
 * range and one of the pages it touches there was served good_reads times. */
static int injected(uint64_t off, uint64_t len)
{
	uint64_t lo = off > eio.bad_off ? off : eio.bad_off;
	uint64_t hi = off + len < eio.bad_off + eio.bad_len ? off + len : eio.bad_off + eio.bad_len;
	uint64_t first, last;

	if (lo >= hi)
		return 0;
	first = (lo - eio.bad_off) / PAGE;
	last = (hi - 1 - eio.bad_off) / PAGE;
	for (uint64_t p = first; p <= last; p++)
		if (eio.served[p] >= eio.good_reads)
			return -EIO;
	for (uint64_t p = first; p <= last; p++)
		eio.served[p]++;
	return 0;
}

static int eio_read(const char *path, char *buf, size_t len, off_t off, struct fuse_file_info *fi)
{
	ssize_t n;
	int rc;

	(void)fi;
	if ((uint64_t)off >= eio.size)
		return 0;
	if ((uint64_t)off + len > eio.size)
		len = (size_t)(eio.size - (uint64_t)off);
	if (!strcmp(path, "/bad") && (rc = injected((uint64_t)off, len)))
		return rc;
	n = pread(eio.fd, buf, len, off);
	return n < 0 ? -errno : (int)n;
}

static const struct fuse_operations eio_ops = {
	.getattr = eio_getattr,
	.readdir = eio_readdir,
	.open = eio_open,
	.read = eio_read,
};

static int usage(void)
{
	fprintf(stderr, "usage: eiofs --bad-offset N --bad-length N [--good-reads N] BACKING MOUNTPOINT\n");
	return 2;
}

int main(int argc, char **argv)
{
	char *fargv[] = { argv[0], "-s", "-o", "ro,fsname=eiofs,subtype=eiofs", NULL, NULL };
	const char *backing = NULL, *mnt = NULL;
	struct stat st;
	int i;

	for (i = 1; i < argc; i++) {
		char *end;
		unsigned long long v;

		if (argv[i][0] != '-') {
			if (!backing)
				backing = argv[i];
			else if (!mnt)
				mnt = argv[i];
			else
				return usage();
			continue;
		}
		if (i + 1 >= argc)
			return usage();
		errno = 0;
		v = strtoull(argv[i + 1], &end, 0);
		if (errno || *end || end == argv[i + 1])
			return usage();
		if (!strcmp(argv[i], "--bad-offset"))
			eio.bad_off = v;
		else if (!strcmp(argv[i], "--bad-length"))
			eio.bad_len = v;
		else if (!strcmp(argv[i], "--good-reads") && v <= 255)
			eio.good_reads = (unsigned)v;
		else
			return usage();
		i++;
	}
	if (!backing || !mnt || eio.bad_off % PAGE)
		return usage();
	eio.fd = open(backing, O_RDONLY | O_CLOEXEC);
	if (eio.fd < 0 || fstat(eio.fd, &st)) {
		fprintf(stderr, "eiofs: %s: %s\n", backing, strerror(errno));
		return 3;
	}
	eio.size = (uint64_t)st.st_size;
	eio.served = calloc(eio.bad_len / PAGE + 2, 1);
	if (!eio.served) {
		fprintf(stderr, "eiofs: %s\n", strerror(ENOMEM));
		return 3;
	}
	fargv[4] = (char *)mnt;
	return fuse_main(5, fargv, &eio_ops, NULL);
}
