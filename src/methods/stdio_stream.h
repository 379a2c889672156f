/* stdio_stream.h: what fread and fwrite share: the --stdio-buf option, a
 * stream opened on the method's descriptor (buffered as the option says) in
 * the timed setup, and its fclose(3) in the timed teardown. Static inline so
 * a method file needs nothing more. */
#ifndef MB_METHODS_STDIO_STREAM_H
#define MB_METHODS_STDIO_STREAM_H

#include "method.h"

#include <errno.h>
#include <stdio.h>

#define MB_STDIO_BUF_OPTION                                                                       \
	{.name = "stdio-buf", .type = MB_OPT_SIZE, .min = 0, .max = 1ull << 30, .def = 0,          \
	 .help = "fread, fwrite: the stdio stream's buffer in bytes (setvbuf; default 0: the C "     \
		 "library's own size)",                                                              \
	 .column = "stdio_buf_bytes"}

/* Timed setup: r->fd for the method's op, then a stream on it in mode ("r",
 * "w") into r->priv, with a buffer of r->opt[0] bytes when not 0. 0 or
 * -errno with r->err set. */
static inline int mb_stdio_setup(struct mb_run *r, const char *mode)
{
	FILE *f;
	int rc = mb_open_file(r, 0);

	if (rc)
		return rc;
	f = fdopen(r->fd, mode);
	if (!f)
		return mb_run_fail(r, "fdopen", errno);
	r->priv = f;
	if (r->opt[0] && setvbuf(f, NULL, _IOFBF, (size_t)r->opt[0]))
		return mb_run_failf(r, EINVAL, "setvbuf(%s, %llu bytes): refused", r->path,
				    (unsigned long long)r->opt[0]);
	return 0;
}

/* Timed teardown: fclose(3) the stream (which closes r->fd), or close r->fd
 * when setup failed before the stream existed. */
static inline int mb_stdio_teardown(struct mb_run *r)
{
	FILE *f = r->priv;

	r->priv = NULL;
	if (!f)
		return mb_close_fd(r);
	r->fd = -1; /* fclose closes it */
	if (fclose(f))
		return mb_run_fail(r, "fclose", errno);
	return 0;
}

#endif
