/* stats.h: order statistics used by the end-of-run summary (and by
 * `summarize` later): median of a sample. */
#ifndef MB_STATS_H
#define MB_STATS_H

#include <stddef.h>

/* Median of n values (n > 0); v is sorted in place. NAN when n is 0. */
double mb_median(double *v, size_t n);

#endif
