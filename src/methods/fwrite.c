/* fwrite.c: stdio fwrite(3) of each planned block from the source (the
 * dataset's bytes, in memory), fseeko(3) first when the next block is not
 * where the stream stands; fflush(3) at the end of the io, so every byte is
 * in the kernel before a sync call. The stream's buffer is --stdio-buf bytes
 * (setvbuf(3), _IOFBF), or the C library's default. One stream position:
 * one worker. */
#include "method.h"
#include "stdio_stream.h"

#include <errno.h>
#include <stdio.h>

static const struct mb_option fwrite_options[] = {MB_STDIO_BUF_OPTION, {0}};

static int fwrite_setup(struct mb_run *r)
{
	return mb_stdio_setup(r, "w");
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
	.teardown = mb_stdio_teardown,
};
