/* chart_cmpratio.c: the comparison of `mapbench compare` as ratios: a row
 * per like configuration (the union over the sides, in the file's order, up
 * to max_rows), its ratio of medians target ÷ baseline with the confidence
 * interval on a log axis around 1, marked faster, slower or ~; each side's
 * geometric mean over its like configurations, with its interval, across
 * the whole panel. A panel per target side. Unlike and one-sided rows are
 * not drawn (the note counts them; the report lists them). */
#include "chart_axes.h"
#include "chart_model.h"
#include "chart_ratiorows.h"
#include "chart_sides.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_MAX_ROWS 200

struct cmp_ratio {
	struct mb_chart_ctx *x;
	struct mb_sides s;
	struct mb_words rows;      /* the configurations' labels, in the file's order */
	size_t shown;              /* rows drawn */
	double lo, hi;             /* the lowest and highest ratio or interval end drawn */
	double level_lo, level_hi; /* the intervals' real coverage */
};

/* The rows: every like configuration's label, first seen first. */
static void gather(struct cmp_ratio *m)
{
	const struct mb_chart_in *in = &m->x->in;

	for (size_t r = 0; r < in->t.nrows; r++)
		if (mb_sides_like(in, r))
			mb_words_add(&m->rows, mb_sides_label(in, r));
}

/* A point per like row shown: y its configuration's row, in its side's
 * panel, coloured by method. */
static void configurations(struct cmp_ratio *m, size_t max)
{
	const struct mb_chart_in *in = &m->x->in;
	struct mb_chart *c = m->x->c;

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long y = mb_words_find(&m->rows, mb_sides_label(in, r)), side = mb_sides_of(&m->s, in, r);
		const char *method = mb_chart_str(in, r, "method");
		struct mb_chart_point *p;

		if (!mb_sides_like(in, r) || y < 0 || (size_t)y >= max || side < 0)
			continue;
		p = mb_ratio_row(c, (size_t)side + 1, mb_chart_series(c, method, method), (double)y + 1,
				 mb_chart_num(in, r, "ratio"), mb_chart_num(in, r, "ratio_ci_lo"),
				 mb_chart_num(in, r, "ratio_ci_hi"), mb_sides_label(in, r));
		if (!p)
			return;
		snprintf(p->mark, sizeof(p->mark), "%s", mb_chart_str(in, r, "mark"));
		mb_ratio_extent(&m->lo, &m->hi, p->x_lo);
		mb_ratio_extent(&m->lo, &m->hi, p->x_hi);
		mb_ratio_extent(&m->level_lo, &m->level_hi, mb_chart_num(in, r, "ci_level"));
	}
}

/* Each side's geomean: x its ratio, x_lo..x_hi its interval, y_lo..y_hi the
 * panel's height (a dashed line and a shaded band); its summary in the
 * panel's title. */
static void geomeans(struct cmp_ratio *m)
{
	const struct mb_chart_in *in = &m->x->in;
	struct mb_chart *c = m->x->c;

	for (size_t i = 0; i < m->s.labels.n && !c->nomem; i++) {
		long r = m->s.geomean[i];
		struct mb_chart_panel *pan = &c->panels[i];
		struct mb_chart_point *p;
		char label[160];

		snprintf(pan->title, sizeof(pan->title), "%s ÷ %s", m->s.values[i], m->s.base);
		if (r < 0 || !(mb_chart_num(in, (size_t)r, "ratio") > 0))
			continue;
		snprintf(label, sizeof(label), "geomean %.3f× (%.3f–%.3f)", mb_chart_num(in, (size_t)r, "ratio"),
			 mb_chart_num(in, (size_t)r, "ratio_ci_lo"), mb_chart_num(in, (size_t)r, "ratio_ci_hi"));
		p = mb_ratio_row(c, i + 1, 0, ((double)m->shown + 1) / 2, mb_chart_num(in, (size_t)r, "ratio"),
				 mb_chart_num(in, (size_t)r, "ratio_ci_lo"), mb_chart_num(in, (size_t)r, "ratio_ci_hi"),
				 label);
		if (!p)
			return;
		snprintf(p->mark, sizeof(p->mark), "geomean");
		p->y_lo = 0.3, p->y_hi = (double)m->shown + 0.7;
		mb_ratio_extent(&m->lo, &m->hi, p->x_lo);
		mb_ratio_extent(&m->lo, &m->hi, p->x_hi);
		snprintf(pan->title + strlen(pan->title), sizeof(pan->title) - strlen(pan->title),
			 " · %s · %s faster · %s slower · %s ~", label, mb_chart_str(in, (size_t)r, "n_faster"),
			 mb_chart_str(in, (size_t)r, "n_slower"), mb_chart_str(in, (size_t)r, "n_same"));
	}
}

static void text(struct cmp_ratio *m)
{
	struct mb_chart *c = m->x->c;
	char sides[600], above[128], out[200];
	size_t at;

	mb_ratio_levels_note(m->level_lo, m->level_hi, c->note, sizeof(c->note));
	mb_sides_left_out(&m->s, out, sizeof(out));
	at = strlen(c->note);
	snprintf(c->note + at, sizeof(c->note) - at, "     dashed: geomean (shaded: its 95%% CI)%s%s",
		 *out ? "     " : "", out);
	if (m->rows.n > m->shown) {
		at = strlen(c->note);
		snprintf(c->note + at, sizeof(c->note) - at, "     first %zu of %zu configurations", m->shown,
			 m->rows.n);
	}
	mb_sides_title(&m->s, "÷", sides, sizeof(sides));
	snprintf(c->title, sizeof(c->title), "%s · %s · ratio of medians per configuration", sides, m->s.measure);
	mb_sides_above_one(&m->s, above, sizeof(above));
	snprintf(c->x_label, sizeof(c->x_label), "%s ÷ %s (×; log; %s)", m->s.labels.n == 1 ? m->s.values[0] : "side",
		 m->s.base, above);
}

/* A panel wide enough for its title (about 7 pixels a character), at least
 * 640 pixels for one side, 480 for several. */
static int panel_width(const struct mb_chart *c)
{
	int w = c->cols > 1 ? 480 : 640;

	for (int i = 0; i < c->cols; i++) {
		int need = 60 + 7 * (int)mb_utf8_len(c->panels[i].title);

		w = need > w ? need : w;
	}
	return w;
}

int mb_chart_compare_ratio(struct mb_chart_ctx *x)
{
	struct cmp_ratio m = {.x = x, .lo = NAN, .hi = NAN, .level_lo = NAN, .level_hi = NAN};
	struct mb_chart *c = x->c;
	size_t max = x->rq->max_rows > 0 ? (size_t)x->rq->max_rows : DEFAULT_MAX_ROWS;
	int rc = mb_sides_read(&m.s, &x->in, x->err, x->errlen);

	if (rc)
		goto out;
	gather(&m);
	m.shown = m.rows.n < max ? m.rows.n : max;
	mb_chart_grid(c, 1, (int)m.s.labels.n);
	c->keep_order = 1; /* the file's order, whatever the method */
	configurations(&m, max);
	geomeans(&m);
	mb_chart_finish(c);
	for (size_t i = 0; i < m.shown; i++)
		mb_chart_tic(c, 'y', (double)i + 1, m.rows.v[i]);
	text(&m);
	mb_chart_ratio_axis(c, 'x', m.lo < 1 ? m.lo : 1, m.hi > 1 ? m.hi : 1);
	mb_ratio_rows_canvas(c, mb_words_widest(&m.rows), m.shown, panel_width(c), 260);
out:
	if (!rc && (c->nomem || m.rows.nomem))
		rc = -ENOMEM;
	mb_words_free(&m.rows);
	mb_sides_free(&m.s);
	return rc;
}
