/* scratch.c: the scratch target of write and rmw repetitions (see scratch.h). */
#include "scratch.h"
#include "checksum.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)

static int fill(int fd, enum mb_op op, const unsigned char *ref, uint64_t size)
{
	unsigned char *chunk = NULL;
	int rc = 0;

	if (op != MB_OP_RMW && size && !(chunk = malloc(CHUNK)))
		return -ENOMEM;
	if (chunk)
		memset(chunk, MB_SCRATCH_FILL, CHUNK);
	for (uint64_t off = 0; off < size && !rc; off += CHUNK) {
		size_t n = size - off < CHUNK ? (size_t)(size - off) : CHUNK;

		rc = mb_write_full(fd, op == MB_OP_RMW ? ref + off : chunk, n);
	}
	free(chunk);
	if (!rc && fdatasync(fd))
		rc = -errno;
	return rc;
}

int mb_scratch_make(struct mb_scratch *s, const char *dataset_path, enum mb_op op,
		    enum mb_target t, const unsigned char *ref, uint64_t size, char *err, size_t errlen)
{
	const char *slash = strrchr(dataset_path, '/');
	int dirlen = slash ? (int)(slash - dataset_path) : 1, fd, rc;

	s->made = 0;
	if (snprintf(s->path, sizeof(s->path), "%.*s/.mb-scratch-%ld.tmp", dirlen,
		     slash ? dataset_path : ".", (long)getpid()) >= (int)sizeof(s->path)) {
		snprintf(err, errlen, "scratch file next to %s: path too long", dataset_path);
		return -ENAMETOOLONG;
	}
	fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "creating scratch file %s: %s", s->path, strerror(-rc));
		return rc;
	}
	s->made = 1;
	rc = t == MB_TARGET_NEW && op == MB_OP_WRITE ? 0 : fill(fd, op, ref, size);
	if (close(fd) && !rc)
		rc = -errno;
	if (rc) {
		snprintf(err, errlen, "filling scratch file %s: %s", s->path, strerror(-rc));
		mb_scratch_remove(s);
	}
	return rc;
}

/* The bytes [off, off+n) of the scratch should hold, into exp. */
static void expected(enum mb_scratch_want want, enum mb_target t, const unsigned char *ref,
		     uint64_t size, uint64_t off, size_t n, unsigned char *exp)
{
	uint64_t ps = (uint64_t)mb_page_size();

	if (want == MB_WANT_UNCHANGED || want == MB_WANT_TOUCHED) {
		memset(exp, t == MB_TARGET_NEW ? 0 : MB_SCRATCH_FILL, n);
		for (uint64_t p = (off + ps - 1) / ps * ps; want == MB_WANT_TOUCHED && p < off + n; p += ps)
			exp[p - off] = ref[p];
		return;
	}
	memcpy(exp, ref + off, n);
	if (want != MB_WANT_INCREMENTED)
		return;
	mb_increment_ints(exp, off, n, size); /* off is a multiple of 4 */
}

static int verify_fd(int fd, enum mb_scratch_want want, enum mb_target t, const unsigned char *ref,
		     uint64_t size, uint64_t *sum, uint64_t *want_sum, char *err, size_t errlen,
		     const char *path)
{
	unsigned char *got = malloc(CHUNK), *exp = malloc(CHUNK);
	int rc = 0, bad = 0;

	if (!got || !exp)
		rc = -ENOMEM;
	for (uint64_t off = 0; off < size && !rc; off += CHUNK) {
		size_t n = size - off < CHUNK ? (size_t)(size - off) : CHUNK;
		long r = mb_pread_full(fd, got, n, off);

		if (r < 0) {
			rc = (int)r;
			break;
		}
		if ((size_t)r != n) {
			snprintf(err, errlen, "%s holds %llu bytes, not %llu", path,
				 (unsigned long long)(off + (uint64_t)r), (unsigned long long)size);
			rc = -1;
			break;
		}
		expected(want, t, ref, size, off, n, exp);
		*sum += mb_csum(off, got, n);
		*want_sum += mb_csum(off, exp, n);
		for (size_t i = 0; !bad && i < n; i++)
			if (got[i] != exp[i]) {
				bad = 1;
				snprintf(err, errlen, "%s: byte %llu is 0x%02x, not 0x%02x (%s)", path,
					 (unsigned long long)(off + i), got[i], exp[i],
					 want == MB_WANT_UNCHANGED ? "MAP_PRIVATE stores reached the file"
					 : want == MB_WANT_INCREMENTED ? "an integer not incremented exactly once"
					 : want == MB_WANT_TOUCHED ? "a page's first byte not stored, or a "
								     "byte stored that touch must not store"
					 : "a block not written, or written wrong");
			}
	}
	free(got);
	free(exp);
	if (rc < -1)
		snprintf(err, errlen, "re-reading %s: %s", path, strerror(-rc));
	return rc ? rc : bad ? -1 : 0;
}

int mb_scratch_verify(const struct mb_scratch *s, enum mb_scratch_want want, enum mb_target t,
		      const unsigned char *ref, uint64_t size, uint64_t *sum, uint64_t *want_sum,
		      char *err, size_t errlen)
{
	int fd = open(s->path, O_RDONLY | O_CLOEXEC), rc;
	struct stat st;

	*sum = *want_sum = 0;
	if (fd < 0 || fstat(fd, &st)) {
		rc = -errno;
		snprintf(err, errlen, "re-reading %s: %s", s->path, strerror(-rc));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	if ((uint64_t)st.st_size != size) {
		snprintf(err, errlen, "%s holds %llu bytes after the run, not %llu", s->path,
			 (unsigned long long)st.st_size, (unsigned long long)size);
		close(fd);
		return -1;
	}
	rc = verify_fd(fd, want, t, ref, size, sum, want_sum, err, errlen, s->path);
	close(fd);
	return rc;
}

void mb_scratch_remove(struct mb_scratch *s)
{
	if (s->made && unlink(s->path) && errno != ENOENT)
		mb_warn("removing scratch file %s: %s", s->path, strerror(errno));
	s->made = 0;
}
