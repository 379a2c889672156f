/* registry.c: the table of access methods built from methods/methods.def,
 * plus the small helpers every method shares (open, buffers, full reads). */
#include "method.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MB_METHOD(sym) extern const struct mb_method mb_method_##sym;
#include "methods/methods.def"
#undef MB_METHOD

static const struct mb_method *const methods[] = {
#define MB_METHOD(sym) &mb_method_##sym,
#include "methods/methods.def"
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
		if (!strcmp(methods[i]->name, name))
			return methods[i];
	return NULL;
}

int mb_method_available(const struct mb_method *m, char *why, size_t len)
{
	if (len)
		why[0] = '\0';
	return m->supported ? m->supported(why, len) : 1;
}

int mb_run_fail(struct mb_run *r, const char *call, int err)
{
	snprintf(r->err, sizeof(r->err), "%s(%s): %s", call, r->path ? r->path : "-", strerror(err));
	return -err;
}

int mb_run_failf(struct mb_run *r, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -err;
}

int mb_open_ro(struct mb_run *r)
{
	r->fd = open(r->path, O_RDONLY | O_CLOEXEC);
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

int mb_alloc_block_buf(struct mb_run *r)
{
	r->buf_len = (size_t)r->plan->block;
	r->buf = mb_buf_alloc(r->buf_len, r->buf_misalign);
	if (!r->buf)
		return mb_run_fail(r, "posix_memalign", ENOMEM);
	return 0;
}

void mb_free_block_buf(struct mb_run *r)
{
	mb_buf_free(r->buf, r->buf_misalign);
	r->buf = NULL;
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

long mb_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));

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
