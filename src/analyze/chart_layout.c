/* chart_layout.c: a chart's canvas size and strips (see chart_layout.h). */
#include "chart_layout.h"
#include "chart_words.h"

#include <string.h>

#define NOTE_LINE 12    /* the note's line under the title */
#define MIN_HEIGHT 440  /* no canvas is lower */
#define KEY_LINE 21     /* a key entry's height */
#define SERIES_ROW 22   /* a row of a one-row-per-series panel */

/* Each panel's plot area and the key strip's box, in fractions of the
 * canvas (0 at the left and bottom). */
static void place(struct mb_chart *c, struct mb_chart_pads pads)
{
	double w = c->width, h = c->height, grid_top = h - c->top;
	double cell_w = (w - c->key_width - c->label_width) / c->cols, cell_h = grid_top / c->rows;

	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		p->left = (c->label_width + (p->col - 1) * cell_w + pads.left) / w;
		p->right = (c->label_width + p->col * cell_w - pads.right) / w;
		p->bottom = (grid_top - p->row * cell_h + pads.bottom) / h;
		p->top = (grid_top - (p->row - 1) * cell_h - pads.top) / h;
	}
	c->key_left = (w - c->key_width + 10) / w;
	c->key_right = (w - 10) / w;
	c->key_bottom = pads.bottom / h;
	c->key_top = (grid_top - pads.top) / h;
	c->note_y = (h - 40) / h;
}

void mb_chart_canvas(struct mb_chart *c, int w, int h, int min_h, struct mb_chart_pads pads)
{
	int fit = 80 + 9 * (int)mb_utf8_len(c->title);

	min_h = min_h > MIN_HEIGHT ? min_h : MIN_HEIGHT;
	c->top = MB_CHART_TITLE_BAND + (c->note[0] ? NOTE_LINE : 0);
	c->width = w > fit ? w : fit;
	c->height = (h > min_h ? h : min_h) + c->top - MB_CHART_TITLE_BAND;
	if (c->rows > 0 && c->cols > 0)
		place(c, pads);
}

static size_t longest_name(const struct mb_chart *c, int *has_limit)
{
	size_t most = 0;

	*has_limit = 0;
	for (size_t i = 0; i < c->nseries; i++) {
		size_t n = mb_utf8_len(c->series[i].name);

		most = n > most ? n : most;
		*has_limit |= !strcmp(c->series[i].method, "memread");
	}
	return most;
}

int mb_chart_key_width(const struct mb_chart *c, int *min_h)
{
	int has_limit, lines = MB_CHART_TITLE_BAND + 100 + KEY_LINE * (int)c->nseries;
	size_t chars = longest_name(c, &has_limit);

	*min_h = lines > MIN_HEIGHT ? lines : MIN_HEIGHT;
	/* " (RAM limit)" follows memread's name */
	return 80 + (int)(7.2 * (double)(chars + (has_limit ? 12 : 0)));
}

int mb_chart_row_labels_width(const struct mb_chart *c)
{
	int has_limit;

	return 10 + (int)(7.5 * (double)longest_name(c, &has_limit));
}

int mb_chart_rows_height(const struct mb_chart *c)
{
	/* the panel's top and bottom pads, its rows, a margin */
	return MB_CHART_PADS.top + MB_CHART_PADS.bottom + SERIES_ROW * (int)c->nseries + 20;
}
