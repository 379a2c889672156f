/* latout.c: writes latency histograms as CSV rows (see latout.h). */
#include "latout.h"
#include "csvio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const mb_latout_columns[] = {
	"run_id", "method", "advice", "consume", "pattern", "cache", "file_size_bytes",
	"block_size_bytes", "threads", "queue_depth", "rep", "bucket_lo_ns", "bucket_hi_ns", "count",
	"cum_fraction", "iov", "window_bytes", "buf_offset_bytes", "seed",
};

#define NCOLS (sizeof(mb_latout_columns) / sizeof(mb_latout_columns[0]))

size_t mb_latout_ncolumns(void)
{
	return NCOLS;
}

int mb_latout_write(int fd, const struct mb_row *row, const struct mb_hist *h)
{
	char num[13][32], *buf = NULL;
	const char *c[NCOLS] = {row->run_id, row->method, row->advice, row->consume, row->pattern,
				row->cache};
	uint64_t cum = 0, window = 0, iov = 0;
	size_t len = 0;
	FILE *m;
	int rc = 0, has_window = mb_row_option(row, "window_bytes", &window);
	int has_iov = mb_row_option(row, "iov", &iov);

	if (!h->count)
		return 0;
	snprintf(num[0], 32, "%" PRIu64, row->file_size);
	snprintf(num[1], 32, "%" PRIu64, row->block);
	snprintf(num[2], 32, "%d", row->threads);
	snprintf(num[3], 32, "%d", row->queue_depth);
	snprintf(num[4], 32, "%d", row->rep);
	c[6] = num[0];
	c[7] = num[1];
	c[8] = num[2];
	c[9] = row->queue_depth ? num[3] : "";
	c[10] = num[4];
	snprintf(num[9], 32, "%" PRIu64, iov);
	snprintf(num[10], 32, "%" PRIu64, window);
	snprintf(num[11], 32, "%zu", row->buf_offset);
	snprintf(num[12], 32, "%" PRIu64, row->seed);
	c[15] = has_iov ? num[9] : "";
	c[16] = has_window ? num[10] : "";
	c[17] = num[11];
	c[18] = num[12];
	/* all buckets of the row go out in one write(2), like a results row */
	m = open_memstream(&buf, &len);
	if (!m)
		return -ENOMEM;
	for (size_t i = 0; i < MB_HIST_BUCKETS && !rc; i++) {
		char *line;
		size_t ll;

		if (!h->n[i])
			continue;
		cum += h->n[i];
		snprintf(num[5], 32, "%" PRIu64, mb_hist_bucket_lo(i));
		snprintf(num[6], 32, "%" PRIu64, mb_hist_bucket_hi(i));
		snprintf(num[7], 32, "%" PRIu64, h->n[i]);
		c[11] = num[5];
		c[12] = num[6];
		c[13] = num[7];
		snprintf(num[8], 32, "%.6f", (double)cum / (double)h->count);
		c[14] = num[8];
		line = mb_csv_format(c, NCOLS, &ll);
		if (!line || fwrite(line, 1, ll, m) != ll)
			rc = -ENOMEM;
		free(line);
	}
	if (fclose(m) && !rc)
		rc = -ENOMEM;
	if (!rc)
		rc = mb_csv_write_raw(fd, buf, len);
	free(buf);
	return rc;
}
