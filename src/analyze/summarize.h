/* summarize.h: results CSV -> one row per configuration with n, median, min,
 * max, mean, stddev, CV and the 95% CI of the median of every measure
 * (DESIGN §5), read and written with libcsv, streaming, so a million rows
 * take seconds. Only status=ok rows are samples. Every column is always
 * written; a measure the input lacks is empty. */
#ifndef MB_SUMMARIZE_H
#define MB_SUMMARIZE_H

#include <stddef.h>
#include <stdio.h>

#include "group.h"

/* Reads the results CSV in, writes the summary CSV to fd out. 0, or -errno
 * with a one-line reason (naming the line for a malformed row) in err. */
int mb_summarize(FILE *in, const char *name, int out, char *err, size_t errlen);
/* Writes the summary of groups already read to fd out. */
int mb_summarize_write(struct mb_groups *gs, int out, char *err, size_t errlen);

/* How to write it: the columns named in a comma-separated list (NULL:
 * every one), as CSV or as an aligned text table (numbers with a fraction
 * to 4 significant digits), for scripts that print figures. */
struct mb_summary_format {
	const char *columns;
	int table;
};
/* mb_summarize_write as f says (NULL: as mb_summarize_write); -EINVAL with
 * the reason in err for a column the summary has not. */
int mb_summarize_write_as(struct mb_groups *gs, int out, const struct mb_summary_format *f, char *err,
			  size_t errlen);

#endif
