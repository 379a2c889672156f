/* fread.c: stdio fread(3) of each planned block into a page-aligned buffer,
 * the way many programs read a file; fseeko(3) first when the next block is
 * not where the stream stands (every block of a random plan). The stream's
 * own buffer is --stdio-buf bytes (setvbuf(3), _IOFBF), or the C library's
 * default size; the library allocates it on the first read, so fread pays for
 * it in each repetition, as a program that opens the file does. The stream
 * has one position, so this method runs one worker only. */
#include "method.h"
#include "stdio_stream.h"

#include <errno.h>
#include <stdio.h>

static const struct mb_option fread_options[] = {MB_STDIO_BUF_OPTION, {0}};

static int fread_setup(struct mb_run *r)
{
	return mb_stdio_setup(r, "r");
}

static int fread_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;
	FILE *f = r->priv;
	uint64_t sum = 0, pos = 0;

	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t len = mb_plan_len(p, off);
		size_t n;

		if (off != pos && fseeko(f, (off_t)off, SEEK_SET))
			return mb_worker_fail(w, "fseeko", errno);
		n = fread(w->buf, 1, (size_t)len, f);
		if (n != len) {
			if (ferror(f))
				return mb_worker_fail(w, "fread", EIO);
			return mb_short_read(w, "fread", off, (long)n, len);
		}
		pos = off + len;
		sum += mb_consume(w, off, w->buf, len);
		mb_lat_tick(w);
	}
	*csum += sum;
	return 0;
}

const struct mb_method mb_method_fread = {
	.name = "fread",
	.desc = "stdio fread(3) of each planned block (fseeko(3) per block for rand), --stdio-buf buffering",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_BUF,
	.options = fread_options,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = fread_setup,
	.run = fread_run,
	.teardown = mb_stdio_teardown,
};
