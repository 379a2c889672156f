/* chart_lines.h: what the line charts over a byte-size axis share
 * (chart_lines.c): the rows they keep, the size each pattern's panels show,
 * one point per kept row with its interval, the y extent, the key and the
 * canvas. The read charts place a row by its pattern and cache state; the
 * write side's (chart_wthroughput.c) by its own panel function. */
#ifndef MB_CHART_LINES_H
#define MB_CHART_LINES_H

#include <stddef.h>

#include "chart_facts.h"
#include "charts.h"

struct mb_lines {
	struct mb_chart_ctx *x;
	struct mb_chart_facts f;
	double *pick;          /* per pattern (f.pats order): the size its panels show */
	const char *pick_col;  /* ... of this column */
	const char *x_col;     /* what runs along x */
	const char *y, *lo, *hi; /* y and its interval's ends (an end missing: y) */
	int ratio;             /* ratio file: an end <= 0 is missing too; panels: one per pattern */
	int (*keep)(const struct mb_chart_in *in, size_t r);
	/* the panel (row, col) of row r, col 0 for every column, 0 when it is
	 * not drawn; NULL: pattern down, cache state across */
	int (*panel)(const struct mb_lines *l, size_t r, int *prow, int *pcol);
	/* the series of row r; NULL: its series label */
	size_t (*series)(const struct mb_lines *l, size_t r);
	void *own; /* the builder's */
};

/* The facts of the kept rows and the picks per pattern. 0 or -ENOMEM. */
int mb_lines_facts(struct mb_lines *l, double (*pick)(const struct mb_chart_facts *, const char *));
/* 1 when row r is kept and at its pattern's pick. */
int mb_lines_picked(const struct mb_lines *l, size_t r);
/* A point per row placed in a panel (of the grid made by then). 0 or -ENOMEM. */
int mb_lines_points(struct mb_lines *l);
/* The lowest interval end above 0 and the highest, over every point. */
void mb_lines_y_extent(const struct mb_chart *c, double *lo, double *hi);
/* The key, the canvas (panel_w x panel_h a panel) and the series order. */
void mb_lines_finish(struct mb_chart *c, int panel_w, int panel_h);
void mb_lines_free(struct mb_lines *l);

#endif
