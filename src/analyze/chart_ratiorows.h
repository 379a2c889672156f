/* chart_ratiorows.h: what the charts with a row per configuration and its
 * ratio along x share (compare, from `mapbench ratio`; compare_ratio, from
 * `mapbench compare`): the extent of the ratios, a row's point with its
 * confidence interval, the note on the intervals' real coverage, and the
 * canvas: a strip of row labels left, 16 pixels a row. */
#ifndef MB_CHART_RATIOROWS_H
#define MB_CHART_RATIOROWS_H

#include <stddef.h>

#include "chart.h"

/* Widens lo..hi (NAN: empty) to hold v; NAN is ignored. */
void mb_ratio_extent(double *lo, double *hi, double v);

/* A point in panel `panel` of series id `series` at row y: x the ratio,
 * x_lo..x_hi its interval (an end that is missing or not above 0: the
 * ratio), labelled. NULL when out of memory. */
struct mb_chart_point *mb_ratio_row(struct mb_chart *c, size_t panel, size_t series, double y,
				    double ratio, double ci_lo, double ci_hi, const char *label);

/* "bars: confidence interval of the ratio (real coverage 90–95%; below 95%
 * for few samples)", from the intervals' lowest and highest real coverage. */
void mb_ratio_levels_note(double level_lo, double level_hi, char *buf, size_t len);

/* The canvas of `rows` rows in each of c's panel columns, each panel
 * panel_w pixels wide, labels of up to label_chars characters left of the
 * first, a key strip of key_width; the y range rows + 0.7 (top) to 0.3. */
void mb_ratio_rows_canvas(struct mb_chart *c, size_t label_chars, size_t rows, int panel_w, int key_width);

#endif
