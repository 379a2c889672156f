/* chart_bars.c: the bar charts of a sequential scan of the largest file, at
 * the largest block size measured with it, from a summary, one row per
 * series and one panel column per cache state: page faults per MiB read
 * (minor faults in the first row of panels, major in the second), and CPU
 * time per GiB (user, with system stacked on it) against the wall time. */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>

struct bars {
	struct mb_chart_ctx *x;
	struct mb_chart_facts f;
	double size, block; /* the configuration shown */
	int (*keep)(const struct mb_chart_in *in, size_t r);
	/* adds row r's bars of series s in column col (1..) */
	void (*add)(struct bars *b, size_t r, int col, size_t s);
};

/* A bar of row (1..) and column col from lo to hi (x: the value), marked. */
static struct mb_chart_point *bar(struct bars *b, int row, int col, size_t s, const char *mark,
				  double lo, double hi, double value)
{
	struct mb_chart *c = b->x->c;
	struct mb_chart_point *p;
	size_t panel;

	mb_chart_panel_at(c, row, col, &panel);
	if (!(p = mb_chart_point(c, panel, s)))
		return NULL;
	p->x = value, p->x_lo = lo, p->x_hi = hi;
	snprintf(p->mark, sizeof(p->mark), "%s", mark);
	return p;
}

/* The facts of the kept rows, the configuration shown, and the bars of its
 * rows in a grid of `rows` rows of panels. 0, -ENODATA (why_none: no file
 * method; why_empty: no bar) or -ENOMEM. */
static int gather(struct bars *b, int rows, const char *why_none, const char *why_empty)
{
	const struct mb_chart_in *in = &b->x->in;
	struct mb_chart *c = b->x->c;

	mb_facts_gather(&b->f, in, b->keep);
	if (!b->f.caches.n)
		return b->f.nomem ? -ENOMEM : mb_chart_nodata(b->x, "%s", why_none);
	mb_pick_largest(&b->f, &b->size, &b->block);
	mb_chart_grid(c, rows, (int)b->f.caches.n);
	c->series_rows = 1;
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		int col = mb_facts_cache_col(&b->f, in, r);
		size_t s;

		if (!b->keep(in, r) || col < 0 || mb_chart_num(in, r, "file_size_bytes") != b->size ||
		    mb_chart_num(in, r, "block_size_bytes") != b->block)
			continue;
		s = mb_facts_series(&b->f, c, in, r);
		for (int k = mb_chart_first_col(col); k <= mb_chart_last_col(c, col); k++)
			b->add(b, r, k, s);
	}
	if (b->f.nomem || c->nomem)
		return -ENOMEM;
	return c->nseries ? 0 : mb_chart_nodata(b->x, "%s", why_empty);
}

/* The title (base, then the configuration shown), the series' rows and the
 * canvas: panel_w wide panels, a key strip key_w wide. */
static void finish(struct bars *b, const char *base, int panel_w, int key_w)
{
	struct mb_chart *c = b->x->c;
	char size[32], block[32], title[300];

	mb_chart_finish(c);
	mb_chart_bytes(b->size, size, sizeof(size));
	mb_chart_bytes(b->block, block, sizeof(block));
	snprintf(title, sizeof(title), "%s: seq · file %s · block %s", base, size, block);
	mb_who_title(&b->f.who, title, c->title, sizeof(c->title));
	c->label_width = mb_chart_row_labels_width(c);
	c->key_width = key_w;
	mb_chart_canvas(c, c->label_width + c->cols * panel_w + key_w,
			MB_CHART_TITLE_BAND + c->rows * mb_chart_rows_height(c), 0, MB_CHART_ROW_PADS);
}

/* --- page faults ---------------------------------------------------------------- */

static const char *const fault_cols[2] = {"minflt_per_mib_median", "majflt_per_mib_median"};
static const char *const fault_kinds[2] = {"minor faults (no I/O)", "major faults (waited for I/O)"};

static int keep_faults(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_is(in, r, "pattern", "seq") &&
	       (mb_chart_num(in, r, fault_cols[0]) >= 0 || mb_chart_num(in, r, fault_cols[1]) >= 0);
}

/* A bar per kind of fault the row has, labelled with its value. */
static void add_faults(struct bars *b, size_t r, int col, size_t s)
{
	char label[32];

	for (int k = 0; k < 2; k++) {
		double v = mb_chart_num(&b->x->in, r, fault_cols[k]);
		struct mb_chart_point *p;

		if (isnan(v) || !(p = bar(b, k + 1, col, s, k ? "major" : "minor", 0, v, v)))
			continue;
		snprintf(label, sizeof(label), " %.3g", v);
		mb_chart_point_label(b->x->c, p, label);
	}
}

int mb_chart_faults_per_mib(struct mb_chart_ctx *x)
{
	struct bars b = {.x = x, .keep = keep_faults, .add = add_faults};
	struct mb_chart *c = x->c;
	int rc = gather(&b, 2, "no seq rows of a file method with fault counts",
			"no seq rows with fault counts");

	if (rc)
		goto out;
	/* one x range per kind of fault, shared by the cache states */
	for (int row = 1; row <= 2; row++) {
		double most = NAN;

		for (size_t i = 0; i < c->npoints; i++)
			if (c->panels[c->points[i].panel - 1].row == row &&
			    (isnan(most) || c->points[i].x > most))
				most = c->points[i].x;
		for (int col = 1; col <= c->cols; col++) {
			struct mb_chart_panel *p = mb_chart_panel_at(c, row, col, NULL);

			p->x_min = 0, p->x_max = most > 0 ? most * 1.2 : 1;
			snprintf(p->title, sizeof(p->title), "%s · %s cache", fault_kinds[row - 1],
				 b.f.caches.v[col - 1]);
		}
	}
	snprintf(c->x_label, sizeof(c->x_label), "faults per MiB read");
	finish(&b, "Page faults per MiB read (median)", 430, 30);
out:
	mb_facts_free(&b.f);
	return rc;
}

/* --- CPU time -------------------------------------------------------------------- */

static int keep_cpu(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_is(in, r, "pattern", "seq") &&
	       mb_chart_num(in, r, "user_ms_per_gib_median") >= 0 &&
	       mb_chart_num(in, r, "sys_ms_per_gib_median") >= 0;
}

/* User time from 0, system time stacked on it, the wall time as a point. */
static void add_cpu(struct bars *b, size_t r, int col, size_t s)
{
	double user = mb_chart_num(&b->x->in, r, "user_ms_per_gib_median");
	double sys = mb_chart_num(&b->x->in, r, "sys_ms_per_gib_median");
	double wall = mb_chart_num(&b->x->in, r, "wall_ms_per_gib_median");

	bar(b, 1, col, s, "user", 0, user, user);
	bar(b, 1, col, s, "system", user, user + sys, sys);
	if (!isnan(wall))
		bar(b, 1, col, s, "wall", NAN, NAN, wall);
}

int mb_chart_cpu_split(struct mb_chart_ctx *x)
{
	struct bars b = {.x = x, .keep = keep_cpu, .add = add_cpu};
	struct mb_chart *c = x->c;
	int rc = gather(&b, 1, "no seq rows of a file method with CPU times", "no seq rows with CPU times");

	if (rc)
		goto out;
	/* each panel its own scale, from 0: cold and warm times differ by orders of magnitude */
	for (int col = 1; col <= c->cols; col++) {
		struct mb_chart_panel *p = mb_chart_panel_at(c, 1, col, NULL);

		p->x_min = 0;
		snprintf(p->title, sizeof(p->title), "%s cache", b.f.caches.v[col - 1]);
	}
	snprintf(c->x_label, sizeof(c->x_label), "time per GiB read (ms/GiB)");
	finish(&b, "CPU and wall time per GiB read (median)", 480, 170);
out:
	mb_facts_free(&b.f);
	return rc;
}
