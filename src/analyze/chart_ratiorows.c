/* chart_ratiorows.c: the rows of the ratio charts, their note and canvas
 * (see chart_ratiorows.h). */
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ratiorows.h"

#include <math.h>
#include <stdio.h>

void mb_ratio_extent(double *lo, double *hi, double v)
{
	if (isnan(v))
		return;
	*lo = isnan(*lo) || v < *lo ? v : *lo;
	*hi = isnan(*hi) || v > *hi ? v : *hi;
}

struct mb_chart_point *mb_ratio_row(struct mb_chart *c, size_t panel, size_t series, double y,
				    double ratio, double ci_lo, double ci_hi, const char *label)
{
	struct mb_chart_point *p = mb_chart_point(c, panel, series);

	if (!p)
		return NULL;
	p->y = y;
	p->x = ratio;
	p->x_lo = ci_lo > 0 ? ci_lo : ratio;
	p->x_hi = ci_hi > 0 ? ci_hi : ratio;
	mb_chart_point_label(c, p, label);
	return p;
}

void mb_ratio_levels_note(double level_lo, double level_hi, char *buf, size_t len)
{
	char levels[64];

	if (isnan(level_lo))
		snprintf(levels, sizeof(levels), "not given");
	else if (level_hi - level_lo < 0.005)
		snprintf(levels, sizeof(levels), "%.0f%%", 100 * level_lo);
	else
		snprintf(levels, sizeof(levels), "%.0f–%.0f%%", 100 * level_lo, 100 * level_hi);
	snprintf(buf, len, "bars: confidence interval of the ratio (real coverage %s; below 95%% for few samples)",
		 levels);
}

void mb_ratio_rows_canvas(struct mb_chart *c, size_t label_chars, size_t rows, int panel_w, int key_width)
{
	struct mb_chart_pads pads = {.left = 14, .right = 18, .bottom = 54, .top = 24};

	mb_chart_range(c, 'y', (double)rows + 0.7, 0.3);
	c->label_width = 20 + (int)(6.6 * (double)label_chars);
	c->key_width = key_width;
	/* the panel's pads, a row of 16 pixels per configuration */
	mb_chart_canvas(c, c->label_width + panel_w * c->cols + c->key_width,
			MB_CHART_TITLE_BAND + pads.top + pads.bottom + 16 * (int)rows + 16, 0, pads);
}
