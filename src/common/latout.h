/* latout.h: the --lat-out file: every latency histogram of a run as CSV
 * (one row per non-empty bucket, with the configuration's identity and the
 * cumulative fraction), for CDF plots. Written with libcsv like the results. */
#ifndef MB_LATOUT_H
#define MB_LATOUT_H

#include <stddef.h>

#include "histogram.h"
#include "csvio.h"
#include "schema.h"

extern const char *const mb_latout_columns[];
size_t mb_latout_ncolumns(void);

/* Appends the buckets of hist for row, whole (mb_csv_out_append); 0 or
 * -errno with err naming the file. */
int mb_latout_write(struct mb_csv_out *o, const struct mb_row *row, const struct mb_hist *hist,
		    char *err, size_t errlen);

#endif
