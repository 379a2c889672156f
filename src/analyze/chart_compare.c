/* chart_compare.c: two result sets (kernels, filesystems, hosts, CPUs) side
 * by side, from `mapbench ratio --by FIELD`: one row per configuration, in
 * the file's order (up to max_rows of them), its ratio of medians with the
 * confidence interval on a log axis around 1, marked significant or not
 * (Mann-Whitney p < 0.05). The title names the field and what else differs
 * with it (also_differ). */
#include "chart_axes.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_who.h"
#include "chart_facts.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_MAX_ROWS 200

/* What the rows hold, over those with a ratio. */
struct cmp {
	size_t n;                       /* rows with a ratio */
	size_t label_chars;             /* the longest label */
	struct mb_words metrics, also;  /* measures compared; what else differs */
	struct mb_words sides;          /* the num and den values */
	double lo, hi;                  /* the lowest and highest ratio or interval end */
	double level_lo, level_hi;      /* the intervals' real coverage */
	struct mb_chart_who who;
};

/* The row's label: what tells its configuration apart (else its series). */
static const char *label_of(const struct mb_chart_in *in, size_t r)
{
	const char *l = mb_chart_str(in, r, "label");

	return *l ? l : mb_chart_str(in, r, "series");
}

static void low_high(double *lo, double *hi, double v)
{
	if (isnan(v))
		return;
	*lo = isnan(*lo) || v < *lo ? v : *lo;
	*hi = isnan(*hi) || v > *hi ? v : *hi;
}

static void survey(struct cmp *m, const struct mb_chart_in *in)
{
	m->lo = m->hi = m->level_lo = m->level_hi = NAN;
	for (size_t r = 0; r < in->t.nrows; r++) {
		double ratio = mb_chart_num(in, r, "ratio"), ci_lo = mb_chart_num(in, r, "ratio_ci_lo");
		size_t chars = mb_utf8_len(label_of(in, r));

		mb_words_add(&m->sides, mb_chart_str(in, r, "num"));
		if (!(ratio > 0))
			continue;
		m->n++;
		m->label_chars = chars > m->label_chars ? chars : m->label_chars;
		mb_words_add(&m->metrics, mb_chart_str(in, r, "metric"));
		mb_words_add(&m->also, mb_chart_str(in, r, "also_differ"));
		low_high(&m->lo, &m->hi, ratio);
		low_high(&m->lo, &m->hi, ci_lo > 0 ? ci_lo : ratio);
		low_high(&m->lo, &m->hi, mb_chart_num(in, r, "ratio_ci_hi"));
		low_high(&m->level_lo, &m->level_hi, mb_chart_num(in, r, "ratio_ci_level"));
		mb_who_add(&m->who, in, r);
	}
	for (size_t r = 0; r < in->t.nrows; r++)
		mb_words_add(&m->sides, mb_chart_str(in, r, "den"));
}

/* The compared field's column is empty in a ratio file: who measured is its
 * two values. */
static void who_by_field(struct cmp *m, const char *by)
{
	struct mb_words *w = !strcmp(by, "host") ? &m->who.hosts : !strcmp(by, "kernel") ?
			     &m->who.kernels : !strcmp(by, "fs_type") ? &m->who.fss : NULL;

	if (!w)
		return;
	mb_words_free(w);
	for (size_t i = 0; i < m->sides.n; i++)
		mb_words_add(w, m->sides.v[i]);
}

/* A row per configuration: y its place, x its ratio and interval. */
static void rows(struct mb_chart *c, const struct mb_chart_in *in, size_t max)
{
	size_t k = 0;

	for (size_t r = 0; r < in->t.nrows && k < max && !c->nomem; r++) {
		double ratio = mb_chart_num(in, r, "ratio"), ci_lo = mb_chart_num(in, r, "ratio_ci_lo");
		double ci_hi = mb_chart_num(in, r, "ratio_ci_hi");
		const char *method = mb_chart_str(in, r, "method");
		struct mb_chart_point *p;

		if (!(ratio > 0))
			continue;
		if (!(p = mb_chart_point(c, 1, mb_chart_series(c, method, method))))
			return;
		p->y = (double)++k;
		p->x = ratio, p->x_lo = ci_lo > 0 ? ci_lo : ratio, p->x_hi = isnan(ci_hi) ? ratio : ci_hi;
		snprintf(p->mark, sizeof(p->mark), "%s", mb_chart_is(in, r, "significant", "yes") ? "yes" : "~");
		mb_chart_point_label(c, p, label_of(in, r));
		mb_chart_tic(c, 'y', p->y, label_of(in, r));
	}
}

static void text(struct mb_chart *c, const struct cmp *m, const struct mb_ratio_what *w, size_t shown)
{
	char levels[64], metric[200], base[1024];

	if (m->level_hi - m->level_lo < 0.005)
		snprintf(levels, sizeof(levels), "%.0f%%", 100 * m->level_lo);
	else
		snprintf(levels, sizeof(levels), "%.0f–%.0f%%", 100 * m->level_lo, 100 * m->level_hi);
	snprintf(c->note, sizeof(c->note),
		 "bars: confidence interval of the ratio (real coverage %s; below 95%% for few samples)", levels);
	if (m->n > shown)
		snprintf(c->note + strlen(c->note), sizeof(c->note) - strlen(c->note),
			 "     first %zu of %zu configurations", shown, m->n);
	if (m->metrics.n == 1 && !strcmp(m->metrics.v[0], "mib_per_s"))
		snprintf(metric, sizeof(metric), "throughput");
	else
		mb_words_several(&m->metrics, "metric", metric, sizeof(metric));
	snprintf(base, sizeof(base), "%s ÷ %s (%s%s%s): %s · ratio of medians", w->num, w->den, w->by,
		 m->also.n == 1 ? "; also " : "", m->also.n == 1 ? m->also.v[0] : "", metric);
	mb_who_title(&m->who, base, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "%s ÷ %s (×; log; > 1: %s higher)", w->num, w->den, w->num);
}

int mb_chart_compare(struct mb_chart_ctx *x)
{
	struct mb_chart *c = x->c;
	struct cmp m = {0};
	struct mb_ratio_what w;
	struct mb_chart_pads pads = {.left = 14, .right = 18, .bottom = 54, .top = 24};
	size_t max = x->rq->max_rows > 0 ? (size_t)x->rq->max_rows : DEFAULT_MAX_ROWS, shown;
	int rc = mb_ratio_what(&x->in, &w);

	if (!rc)
		survey(&m, &x->in);
	if (!rc && !m.n)
		rc = mb_chart_nodata(x, "no ratio rows");
	if (rc)
		goto out;
	who_by_field(&m, w.by);
	shown = m.n < max ? m.n : max;
	mb_chart_grid(c, 1, 1);
	c->keep_order = 1; /* the file's order, whatever the method */
	rows(c, &x->in, max);
	mb_chart_finish(c);
	text(c, &m, &w, shown);
	mb_chart_ratio_axis(c, 'x', m.lo < 1 ? m.lo : 1, m.hi > 1 ? m.hi : 1);
	mb_chart_range(c, 'y', (double)shown + 0.7, 0.3);
	c->label_width = 20 + (int)(6.6 * (double)m.label_chars);
	c->key_width = 260;
	/* the panel's pads, a row of 16 pixels per configuration */
	mb_chart_canvas(c, c->label_width + 640 + c->key_width,
			MB_CHART_TITLE_BAND + pads.top + pads.bottom + 16 * (int)shown + 16, 0, pads);
out:
	if (!rc && (c->nomem || m.metrics.nomem || m.also.nomem || m.sides.nomem))
		rc = -ENOMEM;
	mb_words_free(&m.metrics);
	mb_words_free(&m.also);
	mb_words_free(&m.sides);
	mb_who_free(&m.who);
	return rc;
}
