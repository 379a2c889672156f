/* chart_cells.h: what the heatmaps share (mmap_read_heatmap,
 * compare_heatmap): a cell per file size (across) and block size (up) at
 * their places among the sizes measured, the category axes that name them,
 * and a canvas of equal panels sized to their cells. */
#ifndef MB_CHART_CELLS_H
#define MB_CHART_CELLS_H

#include <stddef.h>

#include "chart.h"
#include "chart_input.h"
#include "chart_words.h"

/* Where a cell goes and what it says. */
struct mb_heat_where {
	size_t panel;
	const struct mb_nums *sizes, *blocks; /* sorted */
	const char *unit;                     /* after the ratio in the label: "×", "" */
};

/* The cell of row r of in in w->panel: x, y the places (1..) of its
 * file_size_bytes and block_size_bytes among the sizes and blocks, value
 * its ratio, mark as given, labelled "1.23" + unit, then " ~" unless
 * significant. An allocation failure sets c->nomem. */
void mb_heat_cell(struct mb_chart *c, const struct mb_heat_where *w, const struct mb_chart_in *in, size_t r,
		  const char *mark, int significant);

/* The axes (file sizes across, block sizes up, a tic each, labelled) and
 * the canvas: c's grid of panels, each with room for its cells and its
 * title, and a key strip for the colour bar. Call once the titles and note
 * are set. */
void mb_heat_canvas(struct mb_chart *c, const struct mb_nums *sizes, const struct mb_nums *blocks);

#endif
