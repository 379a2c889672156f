/* chart_rmw.c: rmw_time, the time a read-modify-write of a file takes per
 * rmw method (the median total time, log scale), from a summary: bars
 * grouped by file size (4-byte integers incremented: 10 thousand and 10
 * million by default), a bar per method in each group. Panels: pattern down,
 * cache state across, each pattern at one block size (picked as
 * throughput_vs_size picks it: rmw-block and rmw-read-write move blocks). */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "chart_who.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define GROUP_WIDTH 0.8 /* of a size's category: its bars, side by side */

static int keep_rmw(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "rmw") && mb_chart_num(in, r, "total_ns_median") > 0;
}

/* "10K ints (40000 B)": a size as integers and bytes. */
static void size_label(double size, char *buf, size_t len)
{
	double ints = size / 4;

	if (ints >= 1e6)
		snprintf(buf, len, "%gM ints (%.0f B)", ints / 1e6, size);
	else if (ints >= 1e3)
		snprintf(buf, len, "%gK ints (%.0f B)", ints / 1e3, size);
	else
		snprintf(buf, len, "%g ints (%.0f B)", ints, size);
}

/* The points' places once the series are ordered: each series' bar beside
 * the others in its size's group, from the axis' floor to its value. */
static void place_bars(struct mb_chart *c, double floor)
{
	double w = GROUP_WIDTH / (double)c->nseries;

	for (size_t i = 0; i < c->npoints; i++) {
		struct mb_chart_point *p = &c->points[i];
		double mid = p->x - GROUP_WIDTH / 2 + w * ((double)mb_chart_series_of(c, p->series)->place - 0.5);

		p->x = mid, p->x_lo = mid - w * 0.45, p->x_hi = mid + w * 0.45;
		p->y_lo = floor, p->y_hi = p->y;
	}
}

int mb_chart_rmw_time(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	struct mb_nums sizes = {0};
	double *pick = NULL, lo = NAN, hi = NAN;
	char label[64], shown[32];
	int rc = 0, min_h;

	mb_facts_gather(&f, in, keep_rmw);
	if (!f.nomem && !f.caches.n) {
		rc = mb_chart_nodata(x, "no rmw rows with a total time (mapbench run --op rmw)");
		goto out;
	}
	for (size_t i = 0; i < f.sizes.n; i++)
		mb_nums_add(&sizes, f.sizes.v[i]);
	mb_nums_sort(&sizes);
	if (f.nomem || sizes.nomem || !(pick = calloc(f.pats.n, sizeof(*pick)))) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < f.pats.n; i++)
		pick[i] = mb_pick_block(&f, f.pats.v[i]);
	mb_chart_grid(c, (int)f.pats.n, (int)f.caches.n);
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long pat = mb_words_find(&f.pats, mb_chart_str(in, r, "pattern"));
		int col = mb_facts_cache_col(&f, in, r);
		struct mb_chart_point *p;
		size_t panel;
		double y;

		if (!keep_rmw(in, r) || pat < 0 || col <= 0 || mb_chart_num(in, r, "block_size_bytes") != pick[pat])
			continue;
		mb_chart_panel_at(c, (int)pat + 1, col, &panel);
		if (!(p = mb_chart_point(c, panel, mb_chart_short_series(&f, c, in, r, NULL))))
			break;
		y = mb_chart_num(in, r, "total_ns_median");
		p->x = (double)mb_nums_rank(&sizes, mb_chart_num(in, r, "file_size_bytes"));
		p->y = y / 1e6;
		mb_chart_duration(y, label, sizeof(label));
		mb_chart_point_label(c, p, label);
		lo = isnan(lo) || p->y < lo ? p->y : lo;
		hi = isnan(hi) || p->y > hi ? p->y : hi;
	}
	if (c->nomem) {
		rc = -ENOMEM;
		goto out;
	}
	mb_chart_finish(c);
	mb_chart_log_axis(c, 'y', lo, hi * 4); /* room above the bars for their labels */
	place_bars(c, c->panels[0].y_min);
	mb_chart_range(c, 'x', 0.5, (double)sizes.n + 0.5);
	for (size_t i = 0; i < sizes.n; i++) {
		size_label(sizes.v[i], label, sizeof(label));
		mb_chart_tic(c, 'x', (double)i + 1, label);
	}
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		mb_chart_bytes(pick[p->row - 1], shown, sizeof(shown));
		snprintf(p->title, sizeof(p->title), "%s · %s cache · block %s", f.pats.v[p->row - 1],
			 f.caches.v[p->col - 1], shown);
	}
	mb_who_title(&f.who, "Read-modify-write time per method (median total time; log scale)", c->title,
		     sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "file size (4-byte integers incremented)");
	snprintf(c->y_label, sizeof(c->y_label), "time (ms; log)");
	c->key_width = mb_chart_key_width(c, &min_h) + 20; /* the key's boxes are wider than lines */
	mb_chart_canvas(c, 140 + c->cols * (160 + 110 * (int)sizes.n) + c->key_width,
			MB_CHART_TITLE_BAND + c->rows * 360, min_h, MB_CHART_PADS);
out:
	free(pick);
	mb_nums_free(&sizes);
	mb_facts_free(&f);
	return rc;
}
