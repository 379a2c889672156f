/* chart.h: the chart-ready data behind each of mapbench's charts (`mapbench
 * chart NAME`). A chart takes the output of summarize, ratio or run
 * --lat-out and decides what gnuplot draws: which rows, in which panel and
 * series, in what order and colour, with which axis ranges, tics, titles and
 * canvas size. It selects and lays out, never aggregates: every number drawn
 * is a cell of its input (or that cell in other units). The gnuplot scripts
 * of plots/ read the result, one CSV per chart (chart_write.c; its columns
 * are in docs/csv-schema.md), and only draw. */
#ifndef MB_CHART_H
#define MB_CHART_H

#include <stddef.h>

/* A panel of the grid; ranges NAN where gnuplot autoscales. */
struct mb_chart_panel {
	int row, col; /* 1.. */
	char title[160];
	double x_min, x_max, y_min, y_max;
	size_t points;
	double left, right, bottom, top; /* its plot area, in fractions of the canvas */
};

/* A line, bar row or key entry: one per series label (and result set). */
struct mb_chart_series {
	char *name, *method;
	int color;    /* stable per method: plots/style.gp's colour of that index */
	int variant;  /* 0, 1, ...: earlier series of the same method (dash, point type, shade) */
	int limit;    /* the in-memory reference (memread): the physical limit */
	size_t place; /* display position, 1..: grouped by method, memread last */
};

/* A tic of the x (axis 'x') or y axis at `at`, labelled. */
struct mb_chart_tic {
	char axis;
	double at;
	char label[160];
};

/* A drawn point (or bar, cell, step); NAN for what does not apply. */
struct mb_chart_point {
	size_t panel;  /* 1.. (row-major) */
	size_t series; /* 1.. in first-seen order; 0: none */
	double x, x_lo, x_hi, y, y_lo, y_hi, value;
	char mark[16]; /* what the point is, where a series has several (p50, user, ...) */
	char *label;   /* text drawn at it, or NULL */
	size_t seq;    /* order added */
};

struct mb_chart {
	const char *name;
	char title[1024], note[256], x_label[512], y_label[512], z_label[512];
	const char *x_scale, *y_scale; /* "linear", "log2" or "log10" */
	double z_min, z_max;           /* the colour scale (heatmap) */
	int rows, cols;
	/* canvas, in pixels: its size, the title band, the key strip on the
	 * right and the strip of row labels left of the first column */
	int width, height, top, key_width, label_width;
	/* the key strip's box and the note's height, in fractions of the canvas */
	double key_left, key_right, key_bottom, key_top, note_y;
	int sort_x;      /* a series' points in a panel are drawn in order of x */
	int keep_order;  /* a panel's points stay in the order added, whatever their series */
	int series_rows; /* one row per series: y is the series' place */
	struct mb_chart_panel *panels; /* rows * cols, row-major */
	struct mb_chart_series *series;
	size_t nseries, series_cap;
	struct mb_chart_tic *tics;
	size_t ntics, tics_cap;
	struct mb_chart_point *points;
	size_t npoints, points_cap;
	int nomem; /* an allocation failed: the chart is incomplete */
};

/* What to draw: the chart NAME from input (and, for latency_cdf, the summary
 * that names who measured). */
struct mb_chart_request {
	const char *name;
	const char *input;
	const char *summary;  /* latency_cdf only; NULL: none */
	const char *series;   /* mmap_read_heatmap: the series shown; NULL: default */
	long max_rows;        /* compare: configurations drawn at most */
};

/* The charts, for --help: name, what it draws, and its input. */
size_t mb_chart_count(void);
const char *mb_chart_name(size_t i);
const char *mb_chart_about(size_t i);
const char *mb_chart_input(size_t i);

/* Builds chart rq->name into c. 0; -ENODATA when the data cannot support the
 * chart; -EINVAL for an input that is not what the chart draws (a missing
 * column, a malformed cell) or an unknown chart; -ENOENT and such for a file
 * that cannot be read; -ENOMEM. The reason, one line, in err. */
int mb_chart_make(const struct mb_chart_request *rq, struct mb_chart *c, char *err, size_t errlen);
void mb_chart_free(struct mb_chart *c);

/* Writes c as CSV to fd (libcsv), header first. 0 or -errno. */
int mb_chart_write(const struct mb_chart *c, int fd);

#endif
