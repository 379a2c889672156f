/* fwrite.c: stdio fwrite(3) of each planned block from the source (the
 * dataset's bytes, in memory), fseeko(3) first when the next block is not
 * where the stream stands; fflush(3) at the end of the io, so every byte is
 * in the kernel before a sync call. The stream's buffer is --stdio-buf bytes
 * (setvbuf(3), _IOFBF), or the C library's default. One stream position:
 * one worker. */
#include "method.h"

#include <errno.h>
#include <stdio.h>

static const struct mb_option fwrite_options[] = {
	{.name = "stdio-buf", .type = MB_OPT_SIZE, .min = 0, .max = 1ull << 30, .def = 0,
	 .help = "fread, fwrite: the stdio stream's buffer in bytes (setvbuf; default 0: the C library's own size)",
	 .column = "stdio_buf_bytes"},
	{0},
};

static int fwrite_setup(struct mb_run *r)
{
	FILE *f;
	int rc = mb_open_file(r, 0);

	if (rc)
		return rc;
	f = fdopen(r->fd, "w");
	if (!f)
		return mb_run_fail(r, "fdopen", errno);
	r->priv = f;
	if (r->opt[0] && setvbuf(f, NULL, _IOFBF, (size_t)r->opt[0]))
		return mb_run_failf(r, EINVAL, "setvbuf(%s, %llu bytes): refused", r->path,
				    (unsigned long long)r->opt[0]);
	return 0;
}

static int fwrite_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	FILE *f = r->priv;
	uint64_t pos = 0;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), len = mb_plan_len(p, off);

		if (off != pos && fseeko(f, (off_t)off, SEEK_SET))
			return mb_worker_fail(w, "fseeko", errno);
		if (fwrite(r->ref + off, 1, (size_t)len, f) != len)
			return mb_worker_fail(w, "fwrite", errno ? errno : EIO);
		pos = off + len;
		mb_lat_tick(w);
	}
	if (fflush(f))
		return mb_worker_fail(w, "fflush", errno);
	return 0;
}

static int fwrite_teardown(struct mb_run *r)
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

const struct mb_method mb_method_fwrite = {
	.name = "fwrite",
	.desc = "stdio fwrite(3) of each planned block from memory (fseeko(3) for rand), --stdio-buf buffering",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_REFCOPY,
	.op = MB_OP_WRITE,
	.sync_mask = MB_SYNC_FD_MODES,
	.options = fwrite_options,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_COPY,
	.setup = fwrite_setup,
	.run = fwrite_run,
	.teardown = fwrite_teardown,
};
