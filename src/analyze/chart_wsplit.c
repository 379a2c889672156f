/* chart_wsplit.c: write_time_split, where a write's time goes, from a
 * summary: per write method, the medians of its timed phases stacked as one
 * horizontal bar, setup, io, sync (the fsync, fdatasync or msync after the
 * io) and teardown, the sum labelled. One configuration: the first pattern
 * (seq), its largest file and the largest block measured with it; a row of
 * panels per sync mode, a column per target and cache state, each panel its
 * own scale. */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_who.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const phase_cols[] = {"setup_ns_median", "io_ns_median", "sync_ns_median",
					 "teardown_ns_median"};
static const char *const phase_marks[] = {"setup", "io", "sync", "teardown"};
#define NPHASES 4

/* A write to a file with its phases' medians (sync may be empty: 0). */
static int keep_write(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "write") && *mb_chart_str(in, r, "target") &&
	       mb_chart_num(in, r, "setup_ns_median") >= 0 && mb_chart_num(in, r, "io_ns_median") >= 0 &&
	       mb_chart_num(in, r, "teardown_ns_median") >= 0;
}

/* The configuration shown: pattern pat, its largest file, the largest block
 * measured with it. */
static void pick(const struct mb_chart_facts *f, const char *pat, double *size, double *block)
{
	*size = *block = NAN;
	for (size_t i = 0; i < f->ntriples; i++)
		if (!strcmp(f->triples[i].pat, pat) && (isnan(*size) || f->triples[i].size > *size))
			*size = f->triples[i].size;
	for (size_t i = 0; i < f->ntriples; i++)
		if (!strcmp(f->triples[i].pat, pat) && f->triples[i].size == *size &&
		    (isnan(*block) || f->triples[i].block > *block))
			*block = f->triples[i].block;
}

/* Row r's phases stacked on the series' row of panel `panel`, in unit ns;
 * the sum labelled at the last. Returns the sum. */
static double add_bars(struct mb_chart *c, const struct mb_chart_in *in, size_t r, size_t panel, size_t s,
		       double unit)
{
	struct mb_chart_point *p = NULL;
	double at = 0;
	char label[48];

	for (int k = 0; k < NPHASES; k++) {
		double v = mb_chart_num(in, r, phase_cols[k]);

		if (isnan(v) || !(p = mb_chart_point(c, panel, s)))
			continue;
		p->x_lo = at / unit, p->x_hi = (at + v) / unit, p->x = v / unit;
		snprintf(p->mark, sizeof(p->mark), "%s", phase_marks[k]);
		at += v;
	}
	if (p) {
		label[0] = ' ';
		mb_chart_duration(at, label + 1, sizeof(label) - 1);
		mb_chart_point_label(c, p, label);
	}
	return at;
}

int mb_chart_write_time_split(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	struct mb_write_panels wp = {0};
	double size, block, most = 0, unit;
	char ssize[32], sblock[32], title[300];
	const char *pat;
	int rc = 0;

	mb_facts_gather(&f, in, keep_write);
	if (f.nomem) {
		rc = -ENOMEM;
		goto out;
	}
	if (!f.pats.n) {
		rc = mb_chart_nodata(x, "no write rows with phase times (mapbench run --op write)");
		goto out;
	}
	pat = f.pats.v[0];
	pick(&f, pat, &size, &block);
	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_write(in, r) && mb_chart_is(in, r, "pattern", pat)) {
			double sum = 0;

			for (int k = 0; k < NPHASES; k++)
				sum += isnan(mb_chart_num(in, r, phase_cols[k])) ? 0 : mb_chart_num(in, r, phase_cols[k]);
			most = sum > most ? sum : most;
		}
	unit = most >= 1e7 ? 1e6 : 1e3;
	mb_write_panels_gather(&wp, &f, in, keep_write);
	if (wp.nomem) {
		rc = -ENOMEM;
		goto out;
	}
	mb_chart_grid(c, (int)wp.rows.n, (int)wp.cols.n);
	c->series_rows = 1;
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		int prow, pcol;
		size_t panel;

		if (!keep_write(in, r) || !mb_chart_is(in, r, "pattern", pat) ||
		    mb_chart_num(in, r, "file_size_bytes") != size ||
		    mb_chart_num(in, r, "block_size_bytes") != block || !mb_write_panel(&wp, in, r, &prow, &pcol))
			continue;
		mb_chart_panel_at(c, prow, pcol, &panel);
		add_bars(c, in, r, panel, mb_chart_short_series(&f, c, in, r, NULL), unit);
	}
	if (c->nomem) {
		rc = -ENOMEM;
		goto out;
	}
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		p->x_min = 0;
		snprintf(p->title, sizeof(p->title), "sync %s · %s", wp.rows.v[p->row - 1], wp.cols.v[p->col - 1]);
	}
	mb_chart_finish(c);
	mb_chart_bytes(size, ssize, sizeof(ssize));
	mb_chart_bytes(block, sblock, sizeof(sblock));
	snprintf(title, sizeof(title), "Where a write's time goes (median per phase): %s · file %s · block %s",
		 pat, ssize, sblock);
	mb_who_title(&f.who, title, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "time (%s)", unit == 1e6 ? "ms" : "µs");
	/* each panel its own scale, with room on the right for the sums */
	for (size_t i = 0; i < c->npoints; i++) {
		struct mb_chart_panel *p = &c->panels[c->points[i].panel - 1];

		if (isnan(p->x_max) || c->points[i].x_hi * 1.3 > p->x_max)
			p->x_max = c->points[i].x_hi * 1.3;
	}
	c->label_width = mb_chart_row_labels_width(c);
	c->key_width = 130;
	mb_chart_canvas(c, c->label_width + c->cols * 420 + c->key_width,
			MB_CHART_TITLE_BAND + c->rows * mb_chart_rows_height(c), 0, MB_CHART_ROW_PADS);
out:
	mb_write_panels_free(&wp);
	mb_facts_free(&f);
	return rc;
}
