/* chart_layout.c: a chart's canvas size and strips (see chart_layout.h). */
#include "chart_layout.h"
#include "chart_words.h"

#include <string.h>

#define NOTE_LINE 12    /* the note's line under the title */
#define MIN_HEIGHT 440  /* no canvas is lower */
#define KEY_LINE 21     /* a key entry's height */
#define SERIES_ROW 22   /* a row of a one-row-per-series panel */

void mb_chart_canvas(struct mb_chart *c, int w, int h, int min_h)
{
	int fit = 80 + 9 * (int)mb_utf8_len(c->title);

	min_h = min_h > MIN_HEIGHT ? min_h : MIN_HEIGHT;
	c->top = MB_CHART_TITLE_BAND + (c->note[0] ? NOTE_LINE : 0);
	c->width = w > fit ? w : fit;
	c->height = (h > min_h ? h : min_h) + c->top - MB_CHART_TITLE_BAND;
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
	/* the panel's top and bottom pads (30 + 50), its rows, a margin */
	return 30 + 50 + SERIES_ROW * (int)c->nseries + 20;
}
