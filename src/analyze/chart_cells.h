/* chart_cells.h: what the heatmaps share (mmap_read_heatmap,
 * compare_heatmap): a cell per file size (across) and block size (up) at
 * their places among the sizes measured, the category axes that name them,
 * and a canvas of equal panels sized to their cells. */
#ifndef MB_CHART_CELLS_H
#define MB_CHART_CELLS_H

#include <stddef.h>

#include "chart.h"
#include "chart_words.h"

/* A cell in panel `panel`: x, y the places (1..) of size and block among
 * the sorted sizes and blocks, value the ratio. NULL when out of memory. */
struct mb_chart_point *mb_heat_cell(struct mb_chart *c, size_t panel, const struct mb_nums *sizes,
				    const struct mb_nums *blocks, double size, double block, double ratio);

/* The axes (file sizes across, block sizes up, a tic each, labelled) and
 * the canvas: c's grid of panels, each with room for its cells and its
 * title, and a key strip for the colour bar. Call once the titles and note
 * are set. */
void mb_heat_canvas(struct mb_chart *c, const struct mb_nums *sizes, const struct mb_nums *blocks);

#endif
