/* chart_model.c: a chart's panels, series, tics and points, and the order
 * they are drawn in (see chart_model.h). */
#include "chart_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mb_chart_init(struct mb_chart *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->x_scale = c->y_scale = "linear";
	c->z_min = c->z_max = NAN;
}

void mb_chart_grid(struct mb_chart *c, int rows, int cols)
{
	free(c->panels);
	c->rows = rows, c->cols = cols;
	c->panels = calloc((size_t)(rows * cols) + 1, sizeof(*c->panels));
	if (!c->panels) {
		c->nomem = 1;
		c->rows = c->cols = 0;
		return;
	}
	for (int i = 0; i < rows * cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		p->row = i / cols + 1, p->col = i % cols + 1;
		p->x_min = p->x_max = p->y_min = p->y_max = NAN;
	}
}

struct mb_chart_panel *mb_chart_panel_at(struct mb_chart *c, int row, int col, size_t *index)
{
	size_t i = (size_t)((row - 1) * c->cols + col - 1);

	if (index)
		*index = i + 1;
	return &c->panels[i];
}

void mb_chart_range(struct mb_chart *c, char axis, double min, double max)
{
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		if (axis == 'x')
			p->x_min = min, p->x_max = max;
		else
			p->y_min = min, p->y_max = max;
	}
}

/* Room for one more of n items of size each in *v (capacity *cap). */
static int grow(struct mb_chart *c, void **v, size_t n, size_t *cap, size_t size)
{
	void *nv;
	size_t ncap;

	if (c->nomem)
		return -1;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 32;
	nv = realloc(*v, ncap * size);
	if (!nv) {
		c->nomem = 1;
		return -1;
	}
	*v = nv;
	*cap = ncap;
	return 0;
}

size_t mb_chart_series(struct mb_chart *c, const char *name, const char *method)
{
	struct mb_chart_series *s;

	for (size_t i = 0; i < c->nseries; i++)
		if (!strcmp(c->series[i].name, name))
			return i + 1;
	if (grow(c, (void **)&c->series, c->nseries, &c->series_cap, sizeof(*c->series)))
		return 0;
	s = &c->series[c->nseries];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	s->method = strdup(method);
	if (!s->name || !s->method) {
		free(s->name);
		free(s->method);
		c->nomem = 1;
		return 0;
	}
	return ++c->nseries;
}

struct mb_chart_point *mb_chart_point(struct mb_chart *c, size_t panel, size_t series)
{
	struct mb_chart_point *p;

	if (grow(c, (void **)&c->points, c->npoints, &c->points_cap, sizeof(*c->points)))
		return NULL;
	p = &c->points[c->npoints];
	memset(p, 0, sizeof(*p));
	p->panel = panel, p->series = series, p->seq = c->npoints++;
	p->x = p->x_lo = p->x_hi = p->y = p->y_lo = p->y_hi = p->value = NAN;
	return p;
}

void mb_chart_point_label(struct mb_chart *c, struct mb_chart_point *p, const char *label)
{
	free(p->label);
	if (!(p->label = strdup(label)))
		c->nomem = 1;
}

void mb_chart_tic(struct mb_chart *c, char axis, double at, const char *label)
{
	struct mb_chart_tic *t;

	if (grow(c, (void **)&c->tics, c->ntics, &c->tics_cap, sizeof(*c->tics)))
		return;
	t = &c->tics[c->ntics++];
	t->axis = axis, t->at = at;
	snprintf(t->label, sizeof(t->label), "%s", label);
}

/* --- colours and order ----------------------------------------------------- */

/* Methods with a colour of their own, in plots/style.gp's order. */
static const char *const coloured[] = {
	"memread", "read", "pread", "readv", "preadv", "odirect", "dontcache", "uring", "mmap",
	"mmap-private", "mmap-window",
};
#define NCOLOURED (sizeof(coloured) / sizeof(coloured[0]))
/* Spare colours after those, for any other method. */
#define NSPARE 8

/* Write-side methods drawn in the colour of a read method like them (a
 * chart never draws both sides). */
static const char *const alias[][2] = {
	{"write", "read"}, {"pwrite", "pread"}, {"pwritev", "preadv"}, {"rmw-read-write", "read"},
	{"rmw-block", "pread"}, {"rmw-element", "readv"}, {"rmw-mmap", "mmap"},
	{"rmw-mmap-msync", "mmap-private"},
};

/* A method's colour index: its own, or a spare one picked by a hash of its
 * name, so a new method needs no chart change and keeps its colour. */
static int method_color(const char *m)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
	unsigned h = 7;

	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(m, alias[i][0]))
			m = alias[i][1];
	for (size_t i = 0; i < NCOLOURED; i++)
		if (!strcmp(m, coloured[i]))
			return (int)i;
	for (const char *p = m; *p; p++) {
		const char *at = strchr(chars, *p);

		h = (31 * h + (at ? (unsigned)(at - chars) + 1 : 0)) % 65521;
	}
	return (int)(NCOLOURED + h % NSPARE);
}

/* Where series i goes: methods in order of first appearance, a method's
 * variants after it, the memory reference last. */
static size_t method_key(const struct mb_chart *c, size_t i)
{
	size_t first = 0;

	if (c->series[i].limit)
		return (size_t)-1;
	while (strcmp(c->series[first].method, c->series[i].method))
		first++;
	return first;
}

static void order_series(struct mb_chart *c)
{
	for (size_t i = 0; i < c->nseries; i++) {
		struct mb_chart_series *s = &c->series[i];

		s->limit = !strcmp(s->method, "memread");
		s->color = method_color(s->method);
		s->variant = 0;
		for (size_t j = 0; j < i; j++)
			s->variant += !strcmp(c->series[j].method, s->method);
	}
	for (size_t i = 0; i < c->nseries; i++) {
		size_t ki = method_key(c, i);

		c->series[i].place = 1;
		for (size_t j = 0; j < c->nseries; j++) {
			size_t kj = method_key(c, j);

			c->series[i].place += kj < ki || (kj == ki && j < i);
		}
	}
}

static size_t place_of(const struct mb_chart *c, const struct mb_chart_point *p)
{
	return p->series ? mb_chart_series_of(c, p->series)->place : 0;
}

/* Drawing order: by panel, then series (each series' points contiguous, so
 * gnuplot draws one line through them), then x where the chart asks, then
 * the order they were added in. */
static int cmp_points(const void *a, const void *b, void *chart)
{
	const struct mb_chart_point *p = a, *q = b;
	const struct mb_chart *c = chart;
	size_t sp = place_of(c, p), sq = place_of(c, q);

	if (p->panel != q->panel)
		return p->panel < q->panel ? -1 : 1;
	if (sp != sq && !c->keep_order)
		return sp < sq ? -1 : 1;
	if (c->sort_x && p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->seq > q->seq) - (p->seq < q->seq);
}

/* One row per series, top to bottom in display order, named on the y axis. */
static void series_rows(struct mb_chart *c)
{
	size_t n = c->nseries;

	for (size_t i = 0; i < c->npoints; i++)
		if (c->points[i].series)
			c->points[i].y = (double)mb_chart_series_of(c, c->points[i].series)->place;
	mb_chart_range(c, 'y', (double)n + 0.6, 0.4);
	for (size_t place = 1; place <= n; place++)
		for (size_t i = 0; i < n; i++)
			if (c->series[i].place == place)
				mb_chart_tic(c, 'y', (double)place, c->series[i].name);
}

void mb_chart_finish(struct mb_chart *c)
{
	if (c->nomem)
		return;
	order_series(c);
	if (c->series_rows)
		series_rows(c);
	qsort_r(c->points, c->npoints, sizeof(*c->points), cmp_points, c);
	for (size_t i = 0; i < c->npoints; i++)
		c->panels[c->points[i].panel - 1].points++;
}

void mb_chart_free(struct mb_chart *c)
{
	for (size_t i = 0; i < c->nseries; i++) {
		free(c->series[i].name);
		free(c->series[i].method);
	}
	for (size_t i = 0; i < c->npoints; i++)
		free(c->points[i].label);
	free(c->series);
	free(c->points);
	free(c->tics);
	free(c->panels);
	memset(c, 0, sizeof(*c));
}
