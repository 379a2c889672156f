/* latout.h: the --lat-out file: every latency histogram of a run as CSV
 * (one row per non-empty bucket, with the configuration's identity and the
 * cumulative fraction), for CDF plots. Written with libcsv like the results. */
#ifndef MB_LATOUT_H
#define MB_LATOUT_H

#include <stddef.h>

#include "histogram.h"
#include "schema.h"

extern const char *const mb_latout_columns[];
size_t mb_latout_ncolumns(void);

/* Appends the buckets of hist for row; 0 or -errno. */
int mb_latout_write(int fd, const struct mb_row *row, const struct mb_hist *hist);

#endif
