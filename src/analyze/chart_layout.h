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

/* Room kept inside a panel's cell, in pixels, for its tic labels, axis
 * labels and title. */
struct mb_chart_pads {
	int left, right, bottom, top;
};
#define MB_CHART_PADS ((struct mb_chart_pads){.left = 80, .right = 18, .bottom = 50, .top = 30})
/* ... for charts whose rows are the series, named left of the grid */
#define MB_CHART_ROW_PADS ((struct mb_chart_pads){.left = 24, .right = 18, .bottom = 50, .top = 30})

/* The canvas: w x h pixels (h counting a title band of MB_CHART_TITLE_BAND),
 * widened to fit the title, at least min_h (and 440) high, taller by a line
 * for a note under the title. Then where everything goes: the grid of
 * panels fills the canvas but for the title band, the key strip
 * (c->key_width, right) and the row labels' strip (c->label_width, left),
 * each panel's plot area its cell less pads; the key strip's box; the
 * note's line. Call once the title, note and strips are set. */
void mb_chart_canvas(struct mb_chart *c, int w, int h, int min_h, struct mb_chart_pads pads);
/* A key strip wide enough for the longest series' entry; the canvas height
 * it needs for one entry per series into *min_h. */
int mb_chart_key_width(const struct mb_chart *c, int *min_h);
/* Charts with one row per series: the width of the series names left of the
 * first column, and the height of a panel. */
int mb_chart_row_labels_width(const struct mb_chart *c);
int mb_chart_rows_height(const struct mb_chart *c);

#endif
