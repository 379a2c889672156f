/* iobuf.c: primed I/O buffers and the reference copy, made once per
 * configuration before the clock (see iobuf.h). */
#include "iobuf.h"
#include "checksum.h"
#include "trace.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_UNIT (2u << 20)
#define IO_CHUNK (1u << 30) /* read(2) moves at most ~2 GiB per call */

static size_t round_up(size_t v, size_t unit)
{
	return (v + unit - 1) / unit * unit;
}

/* One load per page, from user mode, into a sink the compiler must keep. */
static void user_read_pages(const void *p, size_t len)
{
	static volatile uint64_t sink;
	size_t ps = (size_t)mb_page_size();
	const volatile unsigned char *q = p;
	uint64_t s = 0;

	for (size_t o = 0; o < len; o += ps)
		s += q[o];
	if (len)
		s += q[len - 1];
	sink += s;
}

int mb_prime_pages(void *p, size_t len)
{
	int fd;

	if (!len)
		return 0;
	memset(p, 0, len);
	fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < IO_CHUNK ? len - done : IO_CHUNK;
		ssize_t got = read(fd, (char *)p + done, n);

		if (got <= 0) {
			int e = got < 0 ? errno : EIO;

			if (e == EINTR)
				continue;
			close(fd);
			return -e;
		}
		done += (size_t)got;
	}
	close(fd);
	user_read_pages(p, len);
	return 0;
}

int mb_iobuf_alloc(struct mb_iobuf *b, size_t len, size_t misalign, char *err, size_t errlen)
{
	size_t ps = (size_t)mb_page_size();
	int rc;

	memset(b, 0, sizeof(*b));
	if (!len)
		return 0;
	/* one byte past the end so a method that overruns by one hits its own
	 * memory, as with the old allocator; whole pages either way */
	b->span = round_up(len + misalign + 1, ps);
	b->map = mmap(NULL, b->span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b->map == MAP_FAILED) {
		rc = -errno;
		b->map = NULL;
		snprintf(err, errlen, "mmap(%zu bytes of buffer): %s", b->span, strerror(-rc));
		return rc;
	}
	mb_trace(MB_TRACE_BUF_ALLOC, "buffer");
	if ((rc = mb_prime_pages(b->map, b->span))) {
		snprintf(err, errlen, "priming a buffer (read of /dev/zero): %s", strerror(-rc));
		mb_iobuf_free(b);
		return rc;
	}
	mb_trace(MB_TRACE_BUF_PRIMED, "buffer");
	b->p = (char *)b->map + misalign;
	b->len = len;
	return 0;
}

void mb_iobuf_free(struct mb_iobuf *b)
{
	if (b->map)
		munmap(b->map, b->span);
	memset(b, 0, sizeof(*b));
}

/* Anonymous memory for the copy, 2 MiB aligned, MADV_HUGEPAGE over whole
 * units when the kernel has THP (EINVAL: it has not; 4 KiB pages then). */
static int ref_alloc(struct mb_refcopy *rc, size_t misalign, char *err, size_t errlen)
{
	size_t len = round_up((size_t)rc->size + misalign + 1, HUGE_UNIT);
	uintptr_t start;

	rc->span = len + HUGE_UNIT;
	rc->map = mmap(NULL, rc->span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rc->map == MAP_FAILED) {
		int e = errno;

		rc->map = NULL;
		snprintf(err, errlen, "mmap(anonymous, %zu bytes for the reference copy): %s", rc->span,
			 strerror(e));
		return -e;
	}
	start = ((uintptr_t)rc->map + HUGE_UNIT - 1) & ~(uintptr_t)(HUGE_UNIT - 1);
	rc->data = (unsigned char *)start + misalign;
	if (madvise((void *)start, len, MADV_HUGEPAGE) && errno != EINVAL) {
		int e = errno;

		snprintf(err, errlen, "madvise(reference copy, MADV_HUGEPAGE): %s", strerror(e));
		return -e;
	}
	return 0;
}

static int ref_fill(struct mb_refcopy *rc, const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long n;

	if (fd < 0) {
		int e = errno;

		snprintf(err, errlen, "open(%s): %s", path, strerror(e));
		return -e;
	}
	for (n = 0; (uint64_t)n < rc->size;) {
		size_t want = rc->size - (uint64_t)n < IO_CHUNK ? (size_t)(rc->size - (uint64_t)n) : IO_CHUNK;
		ssize_t got = pread(fd, rc->data + n, want, (off_t)n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			int e = got < 0 ? errno : EIO;

			if (got == 0)
				snprintf(err, errlen, "pread(%s): short read: %ld of %" PRIu64 " bytes", path,
					 n, rc->size);
			else
				snprintf(err, errlen, "pread(%s): %s", path, strerror(e));
			close(fd);
			return -e;
		}
		n += got;
	}
	close(fd);
	return 0;
}

int mb_refcopy_make(struct mb_refcopy *rc, const char *path, uint64_t size, size_t misalign,
		    char *err, size_t errlen)
{
	static volatile uint64_t sink;
	int e;

	memset(rc, 0, sizeof(*rc));
	rc->size = size;
	if ((e = ref_alloc(rc, misalign, err, errlen)) || (e = ref_fill(rc, path, err, errlen)))
		goto fail;
	mb_trace(MB_TRACE_REF_COPY, path);
	/* the one untimed user-mode pass over every byte (what memread does
	 * timed); the repetitions check their own checksums */
	sink += mb_csum(0, rc->data, (size_t)size);
	mb_trace(MB_TRACE_REF_PRIMED, path);
	return 0;
fail:
	mb_refcopy_free(rc);
	return e;
}

void mb_refcopy_free(struct mb_refcopy *rc)
{
	if (rc->map)
		munmap(rc->map, rc->span);
	memset(rc, 0, sizeof(*rc));
}
