/* chart_wthroughput.c: write_throughput, the write side's throughput (median
 * MiB/s and its 95% CI) per write method, against file size (or, with one
 * file size only, block size), from a summary: a row of panels per sync
 * mode, a column per target, pattern and cache state. The read charts'
 * line machinery (chart_lines.h) gathers the points: each pattern's panels
 * show one block (or file) size, picked as throughput_vs_size picks it. */
#include "chart_axes.h"
#include "chart_lines.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "chart_who.h"
#include "charts.h"

#include <errno.h>
#include <stdio.h>

/* A write to a file (a target; not anon-write's memory) with a throughput. */
static int keep_write(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "write") && *mb_chart_str(in, r, "target") &&
	       mb_chart_num(in, r, "mib_per_s_median") > 0;
}

/* Along file size when there are several: each pattern's block as
 * throughput_vs_size picks it; else along block size, its file size. */
static double pick(const struct mb_chart_facts *f, const char *pat)
{
	return f->sizes.n >= 2 ? mb_pick_block(f, pat) : mb_pick_size(f, pat);
}

static int panel(const struct mb_lines *l, size_t r, int *prow, int *pcol)
{
	return mb_lines_picked(l, r) && mb_write_panel(l->own, &l->x->in, r, prow, pcol);
}

static size_t series(const struct mb_lines *l, size_t r)
{
	return mb_chart_short_series(&l->f, l->x->c, &l->x->in, r, NULL);
}

/* The pattern (its place in l->f.pats) of panel column col's rows. */
static size_t column_pattern(const struct mb_lines *l, const struct mb_write_panels *wp, int col)
{
	const struct mb_chart_in *in = &l->x->in;
	int prow, pcol;

	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_write(in, r) && mb_write_panel(wp, in, r, &prow, &pcol) && pcol == col)
			return (size_t)mb_words_find(&l->f.pats, mb_chart_str(in, r, "pattern"));
	return 0;
}

int mb_chart_write_throughput(struct mb_chart_ctx *x)
{
	struct mb_write_panels wp = {0};
	struct mb_lines l = {
		.x = x, .keep = keep_write, .y = "mib_per_s_median", .lo = "mib_per_s_ci_lo",
		.hi = "mib_per_s_ci_hi", .panel = panel, .series = series, .own = &wp,
	};
	struct mb_chart *c = x->c;
	char shown[32];
	double lo, hi;
	int along_size, rc = mb_lines_facts(&l, pick);

	if (!rc && !l.f.pats.n)
		rc = mb_chart_nodata(x, "no write rows with a throughput (mapbench run --op write)");
	if (rc)
		goto out;
	along_size = l.f.sizes.n >= 2;
	l.x_col = along_size ? "file_size_bytes" : "block_size_bytes";
	l.pick_col = along_size ? "block_size_bytes" : "file_size_bytes";
	mb_write_panels_gather(&wp, &l.f, &x->in, keep_write);
	if (wp.nomem) {
		rc = -ENOMEM;
		goto out;
	}
	mb_chart_grid(c, (int)wp.rows.n, (int)wp.cols.n);
	if ((rc = mb_lines_points(&l)))
		goto out;
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		mb_chart_bytes(l.pick[column_pattern(&l, &wp, p->col)], shown, sizeof(shown));
		snprintf(p->title, sizeof(p->title), "sync %s · %s · %s %s", wp.rows.v[p->row - 1],
			 wp.cols.v[p->col - 1], along_size ? "block" : "file", shown);
	}
	mb_lines_y_extent(c, &lo, &hi);
	mb_chart_log_axis(c, 'y', lo, hi);
	mb_chart_byte_axis(c, 'x', along_size ? &l.f.sizes : &l.f.blocks);
	mb_who_title(&l.f.who, along_size ? "Write throughput vs file size (MiB/s; median; 95% CI)" :
			 "Write throughput vs block size (MiB/s; median; 95% CI)", c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "%s", along_size ? "file size (bytes)" :
		 "block size (bytes per write)");
	snprintf(c->y_label, sizeof(c->y_label), "throughput (MiB/s)");
	mb_lines_finish(c, 430, 340);
out:
	mb_write_panels_free(&wp);
	mb_lines_free(&l);
	return rc;
}
