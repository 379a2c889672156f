/* latout.c: writes latency histograms as CSV rows (see latout.h). The row's
 * columns are cells of the results row itself (schema.c, columns.def), taken
 * by name, so the two files format every shared column the same way and join
 * on them; the bucket columns are this file's own. */
#include "latout.h"
#include "csvio.h"
#include "schema.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns C_LO..C_CUM are the bucket's, filled here; every other name is a
 * results column. Columns are only ever added at the end. */
const char *const mb_latout_columns[] = {
	"run_id", "method", "advice", "consume", "pattern", "cache", "file_size_bytes",
	"block_size_bytes", "threads", "queue_depth", "rep", "bucket_lo_ns", "bucket_hi_ns", "count",
	"cum_fraction", "iov", "window_bytes", "buf_offset_bytes", "seed",
	/* so that a latency file joins results from other hosts, kernels, filesystems */
	"op", "fixed_buffers", "lat_timed", "round", "host", "kernel", "fs_type", "cpu_family",
	"cpu_model_id", "boot_id",
	/* the write side */
	"target", "sync", "stdio_buf_bytes",
};

#define NCOLS (sizeof(mb_latout_columns) / sizeof(mb_latout_columns[0]))
enum { C_LO = 11, C_HI, C_COUNT, C_CUM }; /* the bucket columns */

size_t mb_latout_ncolumns(void)
{
	return NCOLS;
}

int mb_latout_write(struct mb_csv_out *o, const struct mb_row *row, const struct mb_hist *h,
		    char *err, size_t errlen)
{
	const char *cells[MB_MAX_COLUMNS], *c[NCOLS];
	char scratch[MB_ROW_SCRATCH], num[4][32];
	struct mb_csv_batch batch;
	uint64_t cum = 0;

	if (!h->count)
		return 0;
	mb_row_cells(row, cells, scratch);
	for (size_t i = 0; i < NCOLS; i++) {
		long at = i >= C_LO && i <= C_CUM ? -1 : mb_column_index(mb_latout_columns[i]);

		c[i] = at >= 0 ? cells[at] : "";
	}
	/* all buckets of the row go out in one write(2), like a results row */
	if (mb_csv_batch_open(&batch))
		return -ENOMEM;
	for (size_t i = 0; i < MB_HIST_BUCKETS; i++) {
		if (!h->n[i])
			continue;
		cum += h->n[i];
		snprintf(num[0], 32, "%" PRIu64, mb_hist_bucket_lo(i));
		snprintf(num[1], 32, "%" PRIu64, mb_hist_bucket_hi(i));
		snprintf(num[2], 32, "%" PRIu64, h->n[i]);
		snprintf(num[3], 32, "%.6f", (double)cum / (double)h->count);
		c[C_LO] = num[0];
		c[C_HI] = num[1];
		c[C_COUNT] = num[2];
		c[C_CUM] = num[3];
		mb_csv_batch_add(&batch, c, NCOLS);
	}
	return mb_csv_batch_write(&batch, o, err, errlen);
}
