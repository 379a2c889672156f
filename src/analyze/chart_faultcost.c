/* chart_faultcost.c: fault_cost, what a page fault costs, from a summary:
 * the median time per page (total_ns ÷ ops: the fault methods touch one
 * page per op) as a horizontal bar per series, labelled with the minor
 * faults per page. Series: anon-read and anon-write (fresh anonymous memory)
 * per advice (none, map-populate, hugepage), and fault (a cached file's
 * mapping) per advice and cache state (warm, warm-4k, cold). A panel per
 * pattern; the largest file measured. */
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
#include <string.h>

/* The methods that touch one page per operation, in display order; the
 * advice and cache states of their series, in display order. */
static const char *const methods[] = {"anon-read", "anon-write", "fault", NULL};
static const char *const advice_order[] = {"none", "map-populate", "hugepage", NULL};
static const char *const cache_order[] = {"warm", "warm-4k", "cold", NULL};

/* The place of s among order (NULL-terminated), after them when absent. */
static size_t rank_of(const char *const *order, const char *s)
{
	size_t i;

	for (i = 0; order[i] && strcmp(order[i], s); i++)
		;
	return i;
}

static int keep_faults(const struct mb_chart_in *in, size_t r)
{
	return rank_of(methods, mb_chart_str(in, r, "method")) < 3 && mb_chart_num(in, r, "ns_per_op_median") > 0;
}

/* Rows in the order their series are shown: method, cache state, advice. */
static int by_series(const void *a, const void *b, void *arg)
{
	const struct mb_chart_in *in = arg;
	size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
	static const char *const cols[] = {"method", "cache", "advice"};
	const char *const *orders[] = {methods, cache_order, advice_order};

	for (int k = 0; k < 3; k++) {
		size_t x = rank_of(orders[k], mb_chart_str(in, ra, cols[k]));
		size_t y = rank_of(orders[k], mb_chart_str(in, rb, cols[k]));

		if (x != y)
			return x < y ? -1 : 1;
	}
	return (ra > rb) - (ra < rb);
}

int mb_chart_fault_cost(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	double size, block, lo = NAN, hi = NAN;
	size_t *rows = NULL, nrows = 0;
	char label[96], t[32], shown[32], title[200];
	int rc = 0;

	mb_facts_gather(&f, in, keep_faults);
	if (f.nomem) {
		rc = -ENOMEM;
		goto out;
	}
	if (!f.pats.n) {
		rc = mb_chart_nodata(x, "no rows of anon-read, anon-write or fault with a time per page");
		goto out;
	}
	mb_pick_largest(&f, &size, &block);
	if (!(rows = calloc(in->t.nrows, sizeof(*rows)))) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_faults(in, r) && mb_chart_num(in, r, "file_size_bytes") == size)
			rows[nrows++] = r;
	qsort_r(rows, nrows, sizeof(*rows), by_series, (void *)in);
	mb_chart_grid(c, 1, (int)f.pats.n);
	c->series_rows = 1;
	for (size_t i = 0; i < nrows && !c->nomem; i++) {
		size_t r = rows[i];
		long pat = mb_words_find(&f.pats, mb_chart_str(in, r, "pattern"));
		const char *cache = mb_chart_str(in, r, "cache");
		double ns = mb_chart_num(in, r, "ns_per_op_median"), flt = mb_chart_num(in, r, "minflt_per_op_median");
		struct mb_chart_point *p;
		size_t panel;

		if (pat < 0)
			continue;
		mb_chart_panel_at(c, 1, (int)pat + 1, &panel);
		if (!(p = mb_chart_point(c, panel, mb_chart_short_series(&f, c, in, r, *cache ? cache : NULL))))
			break;
		p->x = p->x_hi = ns;
		mb_chart_duration(ns, t, sizeof(t));
		if (isnan(flt))
			snprintf(label, sizeof(label), " %s", t);
		else
			snprintf(label, sizeof(label), " %s · %.3g minflt/page", t, flt);
		mb_chart_point_label(c, p, label);
		lo = isnan(lo) || ns < lo ? ns : lo;
		hi = isnan(hi) || ns > hi ? ns : hi;
	}
	if (c->nomem) {
		rc = -ENOMEM;
		goto out;
	}
	mb_chart_finish(c);
	/* bars from the axis' floor; room on the right for the labels */
	mb_chart_log_axis(c, 'x', lo, hi * 30);
	for (size_t i = 0; i < c->npoints; i++)
		c->points[i].x_lo = c->panels[0].x_min;
	for (int i = 0; i < c->cols; i++)
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s", f.pats.v[i]);
	mb_chart_bytes(size, shown, sizeof(shown));
	snprintf(title, sizeof(title), "Time per page touched (median; minor faults per page beside): %s each",
		 shown);
	mb_who_title(&f.who, title, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "ns per page (total_ns ÷ ops; log)");
	c->label_width = mb_chart_row_labels_width(c);
	c->key_width = 30;
	mb_chart_canvas(c, c->label_width + c->cols * 480 + c->key_width,
			MB_CHART_TITLE_BAND + mb_chart_rows_height(c), 0, MB_CHART_ROW_PADS);
out:
	free(rows);
	mb_facts_free(&f);
	return rc;
}
