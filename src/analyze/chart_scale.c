/* chart_scale.c: scale, operations per second against the number of
 * workers (the threads column: threads sharing one descriptor or mapping,
 * or processes with their own), one line per method and kind of worker with
 * its 95% CI, from a summary: how a method scales, and whether threads that
 * share a mapping fall behind processes that do not (mmap_lock, TLB
 * shootdowns). Panels: pattern down, cache state across, each at one block
 * size (picked as throughput_vs_size picks it) of the largest file. The
 * line machinery is chart_lines.h's. */
#include "chart_axes.h"
#include "chart_lines.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "chart_who.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int keep_scale(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_num(in, r, "ops_per_s_median") > 0 &&
	       mb_chart_num(in, r, "threads") >= 1;
}

/* Default panels, at the largest file only. */
static int panel(const struct mb_lines *l, size_t r, int *prow, int *pcol)
{
	const struct mb_chart_in *in = &l->x->in;
	long pat = mb_words_find(&l->f.pats, mb_chart_str(in, r, "pattern"));

	if (!mb_lines_picked(l, r) || mb_chart_num(in, r, "file_size_bytes") != mb_nums_max(&l->f.sizes))
		return 0;
	*prow = (int)pat + 1;
	*pcol = mb_facts_cache_col(&l->f, in, r);
	return *pcol >= 0;
}

/* "mmap · threads", "pread advice random · processes": the method, its
 * advice when not none, the kind of worker. */
static size_t series(const struct mb_lines *l, size_t r)
{
	const struct mb_chart_in *in = &l->x->in;
	const char *m = mb_chart_str(in, r, "method"), *a = mb_chart_str(in, r, "advice");
	const char *w = mb_chart_str(in, r, "workers");
	char name[160];

	snprintf(name, sizeof(name), "%s%s%s · %s", m, *a && strcmp(a, "none") ? " advice " : "",
		 *a && strcmp(a, "none") ? a : "", !strcmp(w, "procs") ? "processes" : "threads");
	return mb_chart_series(l->x->c, name, m);
}

/* How many worker counts the kept rows of file size `size` have. */
static size_t worker_counts(const struct mb_chart_in *in, double size)
{
	struct mb_nums n = {0};
	size_t k;

	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_scale(in, r) && mb_chart_num(in, r, "file_size_bytes") == size)
			mb_nums_add(&n, mb_chart_num(in, r, "threads"));
	k = n.n;
	mb_nums_free(&n);
	return k;
}

/* x: the worker counts, log2, a tic at each. */
static void workers_axis(struct mb_chart *c, const struct mb_chart_in *in)
{
	struct mb_nums n = {0};
	char label[32];

	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_scale(in, r))
			mb_nums_add(&n, mb_chart_num(in, r, "threads"));
	mb_nums_sort(&n);
	c->nomem |= n.nomem;
	c->x_scale = "log2";
	mb_chart_range(c, 'x', mb_nums_min(&n) / 1.3, mb_nums_max(&n) * 1.3);
	for (size_t i = 0; i < n.n; i++) {
		snprintf(label, sizeof(label), "%g", n.v[i]);
		mb_chart_tic(c, 'x', n.v[i], label);
	}
	mb_nums_free(&n);
}

int mb_chart_scale(struct mb_chart_ctx *x)
{
	struct mb_lines l = {
		.x = x, .keep = keep_scale, .y = "ops_per_s_median", .lo = "ops_per_s_ci_lo",
		.hi = "ops_per_s_ci_hi", .x_col = "threads", .pick_col = "block_size_bytes",
		.panel = panel, .series = series,
	};
	struct mb_chart *c = x->c;
	char shown[32], size[32];
	double lo, hi;
	int rc = mb_lines_facts(&l, mb_pick_block);

	if (!rc && !l.f.pats.n)
		rc = mb_chart_nodata(x, "no read rows with operations per second (ops_per_s_median)");
	if (!rc && worker_counts(&x->in, mb_nums_max(&l.f.sizes)) < 2)
		rc = mb_chart_nodata(x, "one worker count only at the largest file (bench/scale.sh runs several)");
	if (rc)
		goto out;
	mb_chart_grid(c, (int)l.f.pats.n, (int)(l.f.caches.n ? l.f.caches.n : 1));
	if ((rc = mb_lines_points(&l)))
		goto out;
	if (!c->npoints) {
		rc = mb_chart_nodata(x, "no rows to draw");
		goto out;
	}
	mb_chart_bytes(mb_nums_max(&l.f.sizes), size, sizeof(size));
	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];

		mb_chart_bytes(l.pick[p->row - 1], shown, sizeof(shown));
		snprintf(p->title, sizeof(p->title), "%s · %s cache · block %s · file %s", l.f.pats.v[p->row - 1],
			 l.f.caches.n ? l.f.caches.v[p->col - 1] : "-", shown, size);
	}
	mb_lines_y_extent(c, &lo, &hi);
	mb_chart_log_axis(c, 'y', lo, hi);
	workers_axis(c, &x->in);
	mb_who_title(&l.f.who, "Operations per second vs workers (median; 95% CI): threads share one "
		     "descriptor or mapping, processes have their own", c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "workers (threads or processes)");
	snprintf(c->y_label, sizeof(c->y_label), "operations per second (all workers)");
	mb_lines_finish(c, 470, 380);
out:
	mb_lines_free(&l);
	return rc;
}
