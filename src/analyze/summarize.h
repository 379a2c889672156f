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

#endif
