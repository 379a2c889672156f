/* chart_compare.c: two result sets (kernels, filesystems, hosts, CPUs) side
 * by side, from `mapbench ratio --by FIELD`: one row per configuration, in
 * the file's order (up to max_rows of them), its ratio of medians with the
 * confidence interval on a log axis around 1, marked significant or not
 * (Mann-Whitney p < 0.05). The title names the field and what else differs
 * with it (also_differ). */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_model.h"
#include "chart_ratiorows.h"
#include "chart_who.h"
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
		mb_ratio_extent(&m->lo, &m->hi, ratio);
		mb_ratio_extent(&m->lo, &m->hi, ci_lo > 0 ? ci_lo : ratio);
		mb_ratio_extent(&m->lo, &m->hi, mb_chart_num(in, r, "ratio_ci_hi"));
		mb_ratio_extent(&m->level_lo, &m->level_hi, mb_chart_num(in, r, "ratio_ci_level"));
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
		double ratio = mb_chart_num(in, r, "ratio");
		const char *method = mb_chart_str(in, r, "method");
		struct mb_chart_point *p;

		if (!(ratio > 0))
			continue;
		p = mb_ratio_row(c, 1, mb_chart_series(c, method, method), (double)++k, ratio,
				 mb_chart_num(in, r, "ratio_ci_lo"), mb_chart_num(in, r, "ratio_ci_hi"),
				 label_of(in, r));
		if (!p)
			return;
		snprintf(p->mark, sizeof(p->mark), "%s", mb_chart_is(in, r, "significant", "yes") ? "yes" : "~");
		mb_chart_tic(c, 'y', p->y, label_of(in, r));
	}
}

static void text(struct mb_chart *c, const struct cmp *m, const struct mb_ratio_what *w, size_t shown)
{
	char metric[200], base[1024];

	mb_ratio_levels_note(m->level_lo, m->level_hi, c->note, sizeof(c->note));
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
	mb_ratio_rows_canvas(c, m.label_chars, shown, 640, 260);
out:
	if (!rc && (c->nomem || m.metrics.nomem || m.also.nomem || m.sides.nomem))
		rc = -ENOMEM;
	mb_words_free(&m.metrics);
	mb_words_free(&m.also);
	mb_words_free(&m.sides);
	mb_who_free(&m.who);
	return rc;
}
