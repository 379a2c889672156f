/* registry.c: the table of access methods built from methods/methods.def,
 * plus the small helpers every method shares (errors, open, timed mmap, full
 * reads). */
#include "method.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define MB_METHOD(sym) extern const struct mb_method mb_method_##sym;
#include "methods.def"
#undef MB_METHOD

static const struct mb_method *const methods[] = {
#define MB_METHOD(sym) &mb_method_##sym,
#include "methods.def"
#undef MB_METHOD
};

size_t mb_method_count(void)
{
	return sizeof(methods) / sizeof(methods[0]);
}

const struct mb_method *mb_method_at(size_t i)
{
	return i < mb_method_count() ? methods[i] : NULL;
}

const struct mb_method *mb_method_find(const char *name)
{
	for (size_t i = 0; i < mb_method_count(); i++)
		if (methods[i]->op == MB_OP_READ && !strcmp(methods[i]->name, name))
			return methods[i];
	return NULL;
}

int mb_method_available(const struct mb_method *m, char *why, size_t len)
{
	if (len)
		why[0] = '\0';
	return m->supported ? m->supported(why, len) : 1;
}

/* The first error of a repetition sticks: a later one (a teardown after a
 * failed io) never hides it. Records into buf (len bytes) only when empty. */
static int record(char *buf, size_t len, int err, const char *fmt, va_list ap)
{
	if (!buf[0])
		vsnprintf(buf, len, fmt, ap);
	return -err;
}

static int record_call(char *buf, size_t len, int err, const char *call, const char *path)
{
	if (!buf[0])
		snprintf(buf, len, "%s(%s): %s", call, path ? path : "-", strerror(err));
	return -err;
}

int mb_run_fail(struct mb_run *r, const char *call, int err)
{
	return record_call(r->err, sizeof(r->err), err, call, r->path);
}

int mb_run_failf(struct mb_run *r, int err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = record(r->err, sizeof(r->err), err, fmt, ap);
	va_end(ap);
	return rc;
}

int mb_worker_fail(struct mb_worker *w, const char *call, int err)
{
	return record_call(w->err, sizeof(w->err), err, call, w->run->path);
}

int mb_worker_failf(struct mb_worker *w, int err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = record(w->err, sizeof(w->err), err, fmt, ap);
	va_end(ap);
	return rc;
}

int mb_short_read(struct mb_worker *w, const char *call, uint64_t off, long got, uint64_t want)
{
	return mb_worker_failf(w, EIO, "%s(%s): short read at offset %llu: %ld of %llu bytes", call,
			       w->run->path, (unsigned long long)off, got, (unsigned long long)want);
}

int mb_read_error(struct mb_worker *w, const char *call, uint64_t off, int err)
{
	return mb_worker_failf(w, err, "%s(%s) at offset %llu: %s", call, w->run->path, (unsigned long long)off,
			       strerror(err));
}

int mb_open_ro(struct mb_run *r, int extra_flags)
{
	r->fd = open(r->path, O_RDONLY | O_CLOEXEC | extra_flags);
	if (r->fd < 0)
		return mb_run_fail(r, "open", errno);
	return 0;
}

int mb_open_file(struct mb_run *r, int extra_flags)
{
	static const int access[MB_OP_COUNT] = {O_RDONLY, O_WRONLY, O_RDWR};
	int sync = r->sync == MB_SYNC_O_SYNC ? O_SYNC : r->sync == MB_SYNC_O_DSYNC ? O_DSYNC : 0;

	r->fd = open(r->path, access[r->method->op] | O_CLOEXEC | sync | extra_flags);
	if (r->fd < 0)
		return mb_run_fail(r, "open", errno);
	return 0;
}

int mb_close_fd(struct mb_run *r)
{
	int fd = r->fd;

	r->fd = -1;
	if (fd >= 0 && close(fd))
		return mb_run_fail(r, "close", errno);
	return 0;
}

void *mb_mmap_timed(struct mb_run *r, size_t len, int flags, uint64_t off)
{
	return mb_mmap_timed_prot(r, len, PROT_READ, flags, off);
}

void *mb_mmap_timed_prot(struct mb_run *r, size_t len, int prot, int flags, uint64_t off)
{
	uint64_t t0;
	void *p;

	if (r->advice == MB_ADV_MAP_POPULATE)
		flags |= MAP_POPULATE;
	t0 = mb_now_ns();
	p = mmap(NULL, len, prot, flags, r->fd, (off_t)off);
	__atomic_fetch_add(&r->mmap_ns, mb_now_ns() - t0, __ATOMIC_RELAXED); /* workers too */
	return p;
}

void *mb_worker_mmap_timed(struct mb_worker *w, size_t len, int flags, uint64_t off)
{
	uint64_t t0;
	void *p;

	if (w->run->advice == MB_ADV_MAP_POPULATE)
		flags |= MAP_POPULATE;
	t0 = mb_now_ns();
	p = mmap(NULL, len, PROT_READ, flags, w->run->fd, (off_t)off);
	w->mmap_ns += mb_now_ns() - t0;
	return p;
}

int mb_worker_munmap_timed(struct mb_worker *w, void *addr, size_t len)
{
	uint64_t t0 = mb_now_ns();
	int rc = munmap(addr, len);

	w->munmap_ns += mb_now_ns() - t0;
	return rc ? -errno : 0;
}

int mb_munmap_timed(struct mb_run *r, void *addr, size_t len)
{
	uint64_t t0 = mb_now_ns();
	int rc = munmap(addr, len);

	__atomic_fetch_add(&r->munmap_ns, mb_now_ns() - t0, __ATOMIC_RELAXED);
	return rc ? -errno : 0;
}

long mb_read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

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

long mb_pread_upto(int fd, void *buf, size_t want, size_t need, uint64_t off, int flags)
{
	size_t done = 0;

	while (done < need) {
		struct iovec v = {.iov_base = (char *)buf + done, .iov_len = want - done};
		/* flags 0: pread(2) itself, the call the pread method stands for */
		ssize_t n = flags ? preadv2(fd, &v, 1, (off_t)(off + done), flags)
				  : pread(fd, v.iov_base, v.iov_len, (off_t)(off + done));

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

long mb_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	return mb_pread_upto(fd, buf, len, len, off, 0);
}

int mb_read_blocks(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum, const char *call,
		   mb_block_reader rd)
{
	const struct mb_plan *p = w->run->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		long n;

		w->err[0] = '\0';
		n = rd(w, off, len);
		if (n < 0)
			return w->err[0] ? (int)n : mb_read_error(w, call, off, (int)-n);
		if ((uint64_t)n < len)
			return mb_short_read(w, call, off, n, len);
		sum += mb_consume(w, off, w->buf, (size_t)len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

int mb_consume_blocks(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum,
		      const unsigned char *base)
{
	const struct mb_plan *p = w->run->plan;
	uint64_t sum = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);

		sum += mb_consume(w, off, base + off, mb_plan_len(p, off));
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}
