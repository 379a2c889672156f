/* chart_cmpscatter.c: the comparison of `mapbench compare` as a scatter:
 * each like configuration at its baseline median (x) and target median
 * (y), with both 95% CIs, on equal log axes, against the line y = x (no
 * change) and y = 1.1 x, 0.9 x (±10%). Coloured by series (method), marked
 * significant or ~. A panel per target side. */
#include "chart_axes.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ratiorows.h"
#include "chart_sides.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The lines drawn in every panel: y = k x. */
static const struct {
	const char *mark;
	double k;
} reference[] = {{"y=x", 1}, {"+10%", 1.1}, {"-10%", 0.9}};

static int keep(const struct mb_chart_in *in, size_t r)
{
	return mb_sides_like(in, r) && mb_chart_num(in, r, "base_median") > 0 &&
	       mb_chart_num(in, r, "target_median") > 0;
}

/* An interval end, or the median where it is missing. */
static double end_or(const struct mb_chart_in *in, size_t r, const char *col, double median)
{
	double v = mb_chart_num(in, r, col);

	return v > 0 ? v : median;
}

/* A point per kept row in its side's panel; the extent of every value into
 * lo..hi. */
static void configurations(struct mb_chart *c, const struct mb_sides *s, const struct mb_chart_in *in,
			   double *lo, double *hi)
{
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long side = mb_sides_of(s, in, r);
		struct mb_chart_point *p;

		if (!keep(in, r) || side < 0)
			continue;
		p = mb_chart_point(c, (size_t)side + 1,
				   mb_chart_series(c, mb_chart_str(in, r, "series"), mb_chart_str(in, r, "method")));
		if (!p)
			return;
		p->x = mb_chart_num(in, r, "base_median");
		p->x_lo = end_or(in, r, "base_ci_lo", p->x), p->x_hi = end_or(in, r, "base_ci_hi", p->x);
		p->y = mb_chart_num(in, r, "target_median");
		p->y_lo = end_or(in, r, "target_ci_lo", p->y), p->y_hi = end_or(in, r, "target_ci_hi", p->y);
		snprintf(p->mark, sizeof(p->mark), "%s", mb_chart_str(in, r, "mark"));
		mb_ratio_extent(lo, hi, p->x_lo);
		mb_ratio_extent(lo, hi, p->x_hi);
		mb_ratio_extent(lo, hi, p->y_lo);
		mb_ratio_extent(lo, hi, p->y_hi);
	}
}

/* The reference lines of every panel across its x range: two points each,
 * without a series. */
static void reference_lines(struct mb_chart *c)
{
	for (int i = 0; i < c->rows * c->cols; i++) {
		const struct mb_chart_panel *pan = &c->panels[i];

		for (size_t k = 0; k < sizeof(reference) / sizeof(reference[0]); k++) {
			double ends[2] = {pan->x_min, pan->x_max};

			for (size_t e = 0; e < 2; e++) {
				struct mb_chart_point *p = mb_chart_point(c, (size_t)i + 1, 0);

				if (!p)
					return;
				p->x = ends[e];
				p->y = ends[e] * reference[k].k;
				snprintf(p->mark, sizeof(p->mark), "%s", reference[k].mark);
			}
		}
	}
}

static void text(struct mb_chart *c, const struct mb_sides *s)
{
	char sides[600], named[300], out[100];

	for (int i = 0; i < c->cols; i++)
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s vs %s", s->values[i], s->base);
	mb_sides_title(s, "vs", sides, sizeof(sides));
	snprintf(c->title, sizeof(c->title), "%s · %s · median per configuration", sides, s->measure);
	mb_sides_left_out(s, out, sizeof(out));
	snprintf(c->note, sizeof(c->note), "filled: significant (Holm-corrected p < 0.05)     bars: 95%% CI "
		 "of the medians%s%s", *out ? "     " : "", out);
	mb_sides_named(s, s->base, named, sizeof(named));
	snprintf(c->x_label, sizeof(c->x_label), "%s (baseline): %s", named, s->measure);
	if (s->labels.n == 1)
		mb_sides_named(s, s->values[0], named, sizeof(named));
	snprintf(c->y_label, sizeof(c->y_label), "%s: %s", s->labels.n == 1 ? named : "target side", s->measure);
}

int mb_chart_compare_scatter(struct mb_chart_ctx *x)
{
	struct mb_chart *c = x->c;
	struct mb_sides s;
	double lo = NAN, hi = NAN;
	int rc = mb_sides_read(&s, &x->in, x->err, x->errlen), min_h, key_w;
	struct mb_chart_pads pads = MB_CHART_PADS;
	int width;

	if (rc)
		goto out;
	mb_chart_grid(c, 1, (int)s.labels.n);
	configurations(c, &s, &x->in, &lo, &hi);
	if (!c->npoints && !c->nomem) {
		rc = mb_chart_nodata(x, "no like configuration has both medians");
		goto out;
	}
	mb_chart_log_axis(c, 'x', lo, hi);
	mb_chart_log_axis(c, 'y', lo, hi);
	reference_lines(c);
	mb_chart_finish(c);
	text(c, &s);
	/* the key: a line per series, and four for the marks and lines */
	key_w = mb_chart_key_width(c, &min_h);
	c->key_width = key_w > 270 ? key_w : 270;
	/* square plot areas of 420 pixels; the note (about 6 pixels a
	 * character) fits */
	width = (420 + pads.left + pads.right) * c->cols + c->key_width;
	if (width < 40 + 6 * (int)mb_utf8_len(c->note))
		width = 40 + 6 * (int)mb_utf8_len(c->note);
	mb_chart_canvas(c, width,
			MB_CHART_TITLE_BAND + 420 + pads.top + pads.bottom, min_h + 4 * 21, pads);
out:
	if (!rc && c->nomem)
		rc = -ENOMEM;
	mb_sides_free(&s);
	return rc;
}
