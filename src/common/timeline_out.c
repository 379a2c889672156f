/* timeline_out.c: writes a repetition's timeline as CSV rows (see
 * timeline_out.h). The configuration's columns are cells of the results row
 * itself (schema.c), taken by name, so the two files join on them; the
 * interval columns are this file's own. */
#include "timeline_out.h"
#include "csvio.h"
#include "timeline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Columns C_WORKER..C_CG are the interval's, filled here; every other name is
 * a results column. Columns are only ever added at the end. */
const char *const mb_tlout_columns[] = {
	"run_id", "method", "advice", "consume", "pattern", "cache", "file_size_bytes",
	"block_size_bytes", "threads", "queue_depth", "rep", "round", "duration_ns",
	"worker", "t_start_ns", "t_end_ns", "ops", "bytes", "majflt", "dev_read_bytes",
	"cg_file_bytes",
	/* so that a timeline joins results from other hosts, kernels, filesystems */
	"op", "iov", "window_bytes", "fixed_buffers", "stdio_buf_bytes", "stride_blocks",
	"buf_offset_bytes", "seed", "host", "kernel", "fs_type", "boot_id",
};

#define NCOLS (sizeof(mb_tlout_columns) / sizeof(mb_tlout_columns[0]))
enum { C_WORKER = 13, C_START, C_END, C_OPS, C_BYTES, C_MAJFLT, C_DEVREAD, C_CG };

size_t mb_tlout_ncolumns(void)
{
	return NCOLS;
}

/* One interval's cells into c, numbers in num. */
static void interval_cells(const struct mb_tl_rep *tl, int k, size_t i, const char **c, char num[][32])
{
	const struct mb_tl_worker *w = &tl->w[k];
	const struct mb_tl_interval *iv = &w->iv[i];
	uint64_t start = i ? w->iv[i - 1].t_end : w->t_begin;

	snprintf(num[0], 32, "%d", k);
	snprintf(num[1], 32, "%" PRIu64, start - tl->io_start);
	snprintf(num[2], 32, "%" PRIu64, iv->t_end - tl->io_start);
	snprintf(num[3], 32, "%" PRIu64, tl->count_calls ? iv->calls : iv->blocks);
	snprintf(num[4], 32, "%" PRIu64, iv->bytes);
	snprintf(num[5], 32, "%" PRId64, iv->majflt);
	snprintf(num[6], 32, "%" PRId64, iv->dev_read_bytes);
	snprintf(num[7], 32, "%" PRId64, iv->cg_file_bytes);
	c[C_WORKER] = num[0];
	c[C_START] = num[1];
	c[C_END] = num[2];
	c[C_OPS] = num[3];
	c[C_BYTES] = num[4];
	c[C_MAJFLT] = iv->majflt >= 0 ? num[5] : "";
	c[C_DEVREAD] = iv->dev_read_bytes >= 0 ? num[6] : "";
	c[C_CG] = iv->cg_file_bytes >= 0 ? num[7] : "";
}

int mb_tlout_write(struct mb_csv_out *o, const struct mb_row *row, char *err, size_t errlen)
{
	const struct mb_tl_rep *tl = row->timeline;
	const char *cells[MB_MAX_COLUMNS], *c[NCOLS];
	char scratch[MB_ROW_SCRATCH], num[8][32];
	struct mb_csv_batch batch;

	if (!tl)
		return 0;
	mb_row_cells(row, cells, scratch);
	for (size_t i = 0; i < NCOLS; i++) {
		long at = i >= C_WORKER && i <= C_CG ? -1 : mb_column_index(mb_tlout_columns[i]);

		c[i] = at >= 0 ? cells[at] : "";
	}
	/* all intervals of the repetition go out in one write(2), like a results row */
	if (mb_csv_batch_open(&batch))
		return -ENOMEM;
	for (int k = 0; k < tl->nworkers; k++)
		for (size_t i = 0; i < tl->w[k].n; i++) {
			interval_cells(tl, k, i, c, num);
			mb_csv_batch_add(&batch, c, NCOLS);
		}
	return mb_csv_batch_write(&batch, o, err, errlen);
}
