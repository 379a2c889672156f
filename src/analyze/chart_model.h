/* chart_model.h: filling a chart (chart.h): its panel grid, series, tics and
 * points. Allocation failures set c->nomem (the first one sticks) instead of
 * being checked at every call; mb_chart_make reports them. */
#ifndef MB_CHART_MODEL_H
#define MB_CHART_MODEL_H

#include "chart.h"

void mb_chart_init(struct mb_chart *c, const char *name);
/* A rows x cols grid of panels, every range NAN. */
void mb_chart_grid(struct mb_chart *c, int rows, int cols);
/* Panel (row, col), 1-based; its index (1..) in *index if not NULL. */
struct mb_chart_panel *mb_chart_panel_at(struct mb_chart *c, int row, int col, size_t *index);
/* Sets the x (or y) range of every panel. */
void mb_chart_range(struct mb_chart *c, char axis, double min, double max);

/* The id (1..) of the series called name, made on first use; 0 when out of
 * memory. */
size_t mb_chart_series(struct mb_chart *c, const char *name, const char *method);
/* A new point in panel index `panel` of series id `series` (0: none), every
 * value NAN; NULL when out of memory. */
struct mb_chart_point *mb_chart_point(struct mb_chart *c, size_t panel, size_t series);
/* The point's label (copied). */
void mb_chart_point_label(struct mb_chart *c, struct mb_chart_point *p, const char *label);
void mb_chart_tic(struct mb_chart *c, char axis, double at, const char *label);

/* Ends the filling: each series' place, colour, variant; with series_rows,
 * each point's y, the y range and tics; points in drawing order; the panels'
 * point counts. */
void mb_chart_finish(struct mb_chart *c);

/* The panel columns a row of panel column col goes in: col, or every one for
 * col 0 (memread, which reads no file: its line is the same in every cache
 * state's panel). */
static inline int mb_chart_first_col(int col)
{
	return col ? col : 1;
}

static inline int mb_chart_last_col(const struct mb_chart *c, int col)
{
	return col ? col : c->cols;
}

/* The series of id (1..). */
static inline struct mb_chart_series *mb_chart_series_of(const struct mb_chart *c, size_t id)
{
	return &c->series[id - 1];
}

#endif
