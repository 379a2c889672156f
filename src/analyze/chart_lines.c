/* chart_lines.c: the line charts over a byte-size axis, one line per series
 * with its 95% CI: throughput against file size and against block size
 * (from a summary), and the cold ÷ warm ratio against file size (from
 * `mapbench ratio --by cache`). Each pattern's panels show one block (or
 * file) size, picked by chart_pick.c and named in the panel titles. The
 * gathering is shared (chart_lines.h) with the write side's throughput. */
#include "chart_axes.h"
#include "chart_layout.h"
#include "chart_lines.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read rows only: the write side has charts of its own. */
static int keep_throughput(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_num(in, r, "mib_per_s_median") > 0;
}

static int keep_ratio(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_num(in, r, "ratio") > 0;
}

/* An interval end: the cell, or y where it is missing. */
static double end_or(const struct mb_lines *l, size_t r, const char *col, double y)
{
	double v = mb_chart_num(&l->x->in, r, col);

	return isnan(v) || (l->ratio && v <= 0) ? y : v;
}

int mb_lines_picked(const struct mb_lines *l, size_t r)
{
	const struct mb_chart_in *in = &l->x->in;
	long pat = mb_words_find(&l->f.pats, mb_chart_str(in, r, "pattern"));

	return l->keep(in, r) && pat >= 0 && mb_chart_num(in, r, l->pick_col) == l->pick[pat];
}

/* The panel (row, col) of row r, col 0 for every column; 0 when not drawn:
 * pattern down, cache state across (a ratio: pattern across). */
static int panel_of(const struct mb_lines *l, size_t r, int *prow, int *pcol)
{
	const struct mb_chart_in *in = &l->x->in;
	long pat = mb_words_find(&l->f.pats, mb_chart_str(in, r, "pattern"));

	if (!mb_lines_picked(l, r))
		return 0;
	*prow = l->ratio ? 1 : (int)pat + 1;
	*pcol = l->ratio ? (int)pat + 1 : mb_facts_cache_col(&l->f, in, r);
	return *pcol >= 0;
}

static void add_point(struct mb_lines *l, size_t r, size_t panel, size_t series)
{
	const struct mb_chart_in *in = &l->x->in;
	struct mb_chart_point *p = mb_chart_point(l->x->c, panel, series);

	if (!p)
		return;
	p->x = mb_chart_num(in, r, l->x_col);
	p->y = mb_chart_num(in, r, l->y);
	p->y_lo = end_or(l, r, l->lo, p->y);
	p->y_hi = end_or(l, r, l->hi, p->y);
}

int mb_lines_facts(struct mb_lines *l, double (*pick)(const struct mb_chart_facts *, const char *))
{
	mb_facts_gather(&l->f, &l->x->in, l->keep);
	if (!(l->pick = calloc(l->f.pats.n + 1, sizeof(double))))
		return -ENOMEM;
	for (size_t i = 0; i < l->f.pats.n; i++)
		l->pick[i] = pick(&l->f, l->f.pats.v[i]);
	return l->f.nomem ? -ENOMEM : 0;
}

int mb_lines_points(struct mb_lines *l)
{
	const struct mb_chart_in *in = &l->x->in;
	struct mb_chart *c = l->x->c;

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		int prow, pcol;
		size_t s, panel;

		if (!(l->panel ? l->panel(l, r, &prow, &pcol) : panel_of(l, r, &prow, &pcol)))
			continue;
		s = l->series ? l->series(l, r) : mb_facts_series(&l->f, c, in, r);
		for (int col = mb_chart_first_col(pcol); col <= mb_chart_last_col(c, pcol); col++) {
			mb_chart_panel_at(c, prow, col, &panel);
			add_point(l, r, panel, s);
		}
	}
	return l->f.nomem || c->nomem ? -ENOMEM : 0;
}

/* The facts of the kept rows, the picks per pattern, the grid and the
 * points. 0, or -ENOMEM. */
static int gather(struct mb_lines *l, double (*pick)(const struct mb_chart_facts *, const char *))
{
	struct mb_chart *c = l->x->c;
	int rc = mb_lines_facts(l, pick);

	if (rc)
		return rc;
	if (l->ratio)
		mb_chart_grid(c, 1, (int)l->f.pats.n);
	else
		mb_chart_grid(c, (int)l->f.pats.n, (int)l->f.caches.n);
	return mb_lines_points(l);
}

void mb_lines_y_extent(const struct mb_chart *c, double *lo, double *hi)
{
	*lo = *hi = NAN;
	for (size_t i = 0; i < c->npoints; i++) {
		const struct mb_chart_point *p = &c->points[i];

		if (p->y_lo > 0 && (isnan(*lo) || p->y_lo < *lo))
			*lo = p->y_lo;
		if (isnan(*hi) || p->y_hi > *hi)
			*hi = p->y_hi;
	}
}

void mb_lines_finish(struct mb_chart *c, int panel_w, int panel_h)
{
	int min_h;

	c->sort_x = 1;
	mb_chart_finish(c);
	c->key_width = mb_chart_key_width(c, &min_h);
	mb_chart_canvas(c, 140 + c->cols * panel_w + c->key_width,
			MB_CHART_TITLE_BAND + c->rows * panel_h, min_h, MB_CHART_PADS);
}

void mb_lines_free(struct mb_lines *l)
{
	mb_facts_free(&l->f);
	free(l->pick);
}

/* Throughput against file size or block size (along). */
static int throughput(struct mb_chart_ctx *x, int along_size)
{
	struct mb_lines l = {
		.x = x, .keep = keep_throughput, .y = "mib_per_s_median", .lo = "mib_per_s_ci_lo",
		.hi = "mib_per_s_ci_hi",
		.x_col = along_size ? "file_size_bytes" : "block_size_bytes",
		.pick_col = along_size ? "block_size_bytes" : "file_size_bytes",
	};
	struct mb_chart *c = x->c;
	char shown[32];
	double lo, hi;
	int rc = gather(&l, along_size ? mb_pick_block : mb_pick_size);

	if (!rc && !l.f.caches.n)
		rc = mb_chart_nodata(x, "no rows with a throughput (mib_per_s_median) of a file method");
	if (!rc && !along_size && l.f.blocks.n < 2) {
		mb_chart_bytes(l.f.blocks.v[0], shown, sizeof(shown));
		rc = mb_chart_nodata(x, "one block size only (%s)", shown);
	}
	if (!rc && !c->npoints)
		rc = mb_chart_nodata(x, "no rows with a throughput");
	if (rc)
		goto out;
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		mb_chart_bytes(l.pick[p->row - 1], shown, sizeof(shown));
		snprintf(p->title, sizeof(p->title), "%s · %s cache · %s %s", l.f.pats.v[p->row - 1],
			 l.f.caches.v[p->col - 1], along_size ? "block" : "file", shown);
	}
	mb_lines_y_extent(c, &lo, &hi);
	mb_chart_log_axis(c, 'y', lo, hi);
	mb_chart_byte_axis(c, 'x', along_size ? &l.f.sizes : &l.f.blocks);
	mb_who_title(&l.f.who, along_size ? "Throughput vs file size (MiB/s; median; 95% CI)" :
			 "Throughput vs block size (MiB/s; median; 95% CI)", c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "%s", along_size ? "file size (bytes)" :
		 "block size (bytes per read or touch)");
	snprintf(c->y_label, sizeof(c->y_label), "throughput (MiB/s)");
	mb_lines_finish(c, 470, 380);
out:
	mb_lines_free(&l);
	return rc;
}

int mb_chart_throughput_vs_size(struct mb_chart_ctx *x)
{
	return throughput(x, 1);
}

int mb_chart_throughput_vs_block(struct mb_chart_ctx *x)
{
	return throughput(x, 0);
}

int mb_chart_cold_warm_ratio(struct mb_chart_ctx *x)
{
	struct mb_lines l = {
		.x = x, .keep = keep_ratio, .ratio = 1, .y = "ratio", .lo = "ratio_ci_lo",
		.hi = "ratio_ci_hi", .x_col = "file_size_bytes", .pick_col = "block_size_bytes",
	};
	struct mb_chart *c = x->c;
	struct mb_ratio_what w;
	char shown[32], base[400];
	double lo, hi;
	int rc = mb_ratio_what(&x->in, &w);

	if (!rc && strcmp(w.by, "cache"))
		return mb_chart_nodata(x, "not a cache ratio (by %s)", w.by);
	if (!rc)
		rc = gather(&l, mb_pick_block);
	if (!rc && !c->npoints)
		rc = mb_chart_nodata(x, "no ratio rows");
	if (rc)
		goto out;
	for (int i = 0; i < c->cols; i++) {
		mb_chart_bytes(l.pick[i], shown, sizeof(shown));
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s · block %s", l.f.pats.v[i],
			 shown);
	}
	mb_lines_y_extent(c, &lo, &hi);
	mb_chart_log_axis(c, 'y', lo < 1 ? lo : 0.9, hi > 1 ? hi : 1.1);
	mb_chart_byte_axis(c, 'x', &l.f.sizes);
	snprintf(base, sizeof(base), "%s ÷ %s throughput (ratio of medians; 95%% CI)", w.num, w.den);
	mb_who_title(&l.f.who, base, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "file size (bytes)");
	snprintf(c->y_label, sizeof(c->y_label), "%s ÷ %s throughput (×; log)", w.num, w.den);
	mb_lines_finish(c, 520, 460);
out:
	mb_lines_free(&l);
	return rc;
}
