/* chart_axes.h: a chart's axes: scales, ranges (every panel alike) and tics,
 * for byte sizes (log2, a tic at each size measured, labelled 4K, 1M),
 * throughputs and latencies (log10, padded to a third of a decade), ratios
 * (log, around 1) and categories (1..n). */
#ifndef MB_CHART_AXES_H
#define MB_CHART_AXES_H

#include <stddef.h>

#include "chart.h"
#include "chart_words.h"

/* Bytes as 4K, 64K, 1M, 1.5G (powers of 1024, as --size takes them). */
void mb_chart_bytes(double v, char *buf, size_t len);

/* Nanoseconds as "850 ns", "12.5 µs", "3.2 ms", "1.5 s" (3 digits). */
void mb_chart_duration(double ns, char *buf, size_t len);

/* A log2 axis over the byte sizes of vals, a tic at each (every other one
 * beyond 12). */
void mb_chart_byte_axis(struct mb_chart *c, char axis, const struct mb_nums *vals);
/* A log10 axis from lo to hi, padded to the next third of a decade. */
void mb_chart_log_axis(struct mb_chart *c, char axis, double lo, double hi);
/* A log axis for ratios from lo to hi: base 2 (10 when hi/lo > 64), tics at
 * its powers, and at 0.8 and 1.25 when the range is narrow. */
void mb_chart_ratio_axis(struct mb_chart *c, char axis, double lo, double hi);
/* Categories 1..n, one per byte size of sorted vals. */
void mb_chart_category_axis(struct mb_chart *c, char axis, const struct mb_nums *sorted_vals);

#endif
