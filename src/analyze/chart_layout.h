/* chart_layout.h: a chart's canvas in pixels: its size (grown to fit the
 * title, the key and one row per series), the title band, the key strip and
 * the strip of row labels. Text widths are estimated from character counts
 * (about 7 pixels a character at the charts' font sizes). plots/style.gp
 * places the panels in what is left. */
#ifndef MB_CHART_LAYOUT_H
#define MB_CHART_LAYOUT_H

#include "chart.h"

/* The height of the title band the canvas heights below count in. */
#define MB_CHART_TITLE_BAND 56

/* The canvas: w x h pixels (h counting a title band of MB_CHART_TITLE_BAND),
 * widened to fit the title, at least min_h (and 440) high, taller by a line for a note
 * under the title. Call after the title and note are set. */
void mb_chart_canvas(struct mb_chart *c, int w, int h, int min_h);
/* A key strip wide enough for the longest series' entry; the canvas height
 * it needs for one entry per series into *min_h. */
int mb_chart_key_width(const struct mb_chart *c, int *min_h);
/* Charts with one row per series: the width of the series names left of the
 * first column, and the height of a panel. */
int mb_chart_row_labels_width(const struct mb_chart *c);
int mb_chart_rows_height(const struct mb_chart *c);

#endif
