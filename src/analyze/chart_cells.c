/* chart_cells.c: the heatmaps' cells, axes and canvas (see chart_cells.h). */
#include "chart_axes.h"
#include "chart_cells.h"
#include "chart_layout.h"
#include "chart_model.h"

#include <stdio.h>

void mb_heat_cell(struct mb_chart *c, const struct mb_heat_where *w, const struct mb_chart_in *in, size_t r,
		  const char *mark, int significant)
{
	struct mb_chart_point *p = mb_chart_point(c, w->panel, 0);
	char label[64];

	if (!p)
		return;
	p->x = (double)mb_nums_rank(w->sizes, mb_chart_num(in, r, "file_size_bytes"));
	p->y = (double)mb_nums_rank(w->blocks, mb_chart_num(in, r, "block_size_bytes"));
	p->value = mb_chart_num(in, r, "ratio");
	snprintf(p->mark, sizeof(p->mark), "%s", mark);
	snprintf(label, sizeof(label), "%.2f%s%s", p->value, w->unit, significant ? "" : " ~");
	mb_chart_point_label(c, p, label);
}

void mb_heat_canvas(struct mb_chart *c, const struct mb_nums *sizes, const struct mb_nums *blocks)
{
	/* room for the block sizes left, the file sizes and the axis label below */
	struct mb_chart_pads pads = {.left = 60, .right = 18, .bottom = 56, .top = 30};
	/* a panel: its pads, some room, and its cells */
	int panel_w = pads.left + pads.right + 26 + (int)sizes->n * 76;
	int panel_h = pads.top + pads.bottom + 40 + (int)blocks->n * 44;

	/* wider where a panel's title needs it (about 7 pixels a character) */
	for (int i = 0; i < c->rows * c->cols; i++) {
		int need = 40 + 7 * (int)mb_utf8_len(c->panels[i].title);

		panel_w = need > panel_w ? need : panel_w;
	}

	mb_chart_category_axis(c, 'x', sizes);
	mb_chart_category_axis(c, 'y', blocks);
	snprintf(c->x_label, sizeof(c->x_label), "file size (bytes)");
	snprintf(c->y_label, sizeof(c->y_label), "block size (bytes)");
	c->key_width = 150;
	mb_chart_canvas(c, panel_w * c->cols + c->key_width, MB_CHART_TITLE_BAND + panel_h * c->rows, 0, pads);
}
