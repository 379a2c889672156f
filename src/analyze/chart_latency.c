/* chart_latency.c: the random-read latency charts, at the smallest block
 * size on the largest file measured with it, one panel per cache state: the
 * p50, p99 and p99.9 of each series (from a summary: medians over the
 * latency repetitions), one row per series; and the whole distribution of
 * repetition 1 as the fraction of operations slower than x (from the
 * histograms of `mapbench run --lat-out`), one line per series. */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "charts.h"
#include "group.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const mb_chart_latency_columns[] = {
	"run_id", "method", "advice", "consume", "op", "pattern", "cache", "file_size_bytes",
	"block_size_bytes", "threads", "queue_depth", "buf_offset_bytes", "iov", "window_bytes",
	"fixed_buffers", "method_options", "series", "rep", "bucket_hi_ns", "cum_fraction", "host",
	"kernel", "fs_type", "cpu_family", "cpu_model_id", "cpu_stepping", "hypervisor", NULL,
};

/* Row r is at the configuration the chart shows. */
static int at_point(const struct mb_chart_in *in, size_t r, double size, double block)
{
	return mb_chart_num(in, r, "file_size_bytes") == size &&
	       mb_chart_num(in, r, "block_size_bytes") == block;
}

/* A point (x, y) marked mark in panel (1, col) or, for col 0, in every
 * column. */
static void add_at(struct mb_chart *c, int col, size_t series, const char *mark, double x, double y)
{
	for (int k = mb_chart_first_col(col); k <= mb_chart_last_col(c, col); k++) {
		size_t panel;
		struct mb_chart_point *p;

		mb_chart_panel_at(c, 1, k, &panel);
		if (!(p = mb_chart_point(c, panel, series)))
			return;
		p->x = x, p->y = y;
		snprintf(p->mark, sizeof(p->mark), "%s", mark);
	}
}

/* The facts of the rows keep keeps, the configuration shown (the smallest
 * block, on the largest file measured with it) and a panel per cache state.
 * 0, -ENODATA (why) or -ENOMEM. */
static int cache_panels(struct mb_chart_ctx *x, struct mb_chart_facts *f,
			int (*keep)(const struct mb_chart_in *in, size_t r), const char *why, double *size,
			double *block)
{
	struct mb_chart *c = x->c;

	mb_facts_gather(f, &x->in, keep);
	if (!f->caches.n)
		return f->nomem ? -ENOMEM : mb_chart_nodata(x, "%s", why);
	mb_pick_smallest_block(f, size, block);
	mb_chart_grid(c, 1, (int)f->caches.n);
	for (int i = 0; i < c->cols && !c->nomem; i++)
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s cache", f->caches.v[i]);
	return 0;
}

static int keep_percentiles(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_is(in, r, "pattern", "rand") &&
	       mb_chart_num(in, r, "lat_p50_ns_median") > 0;
}

/* p50, p99, p99.9 in µs; a missing tail percentile is the one below it. */
static void add_percentiles(struct mb_chart *c, const struct mb_chart_in *in, size_t r, int col,
			    size_t series)
{
	double p50 = mb_chart_num(in, r, "lat_p50_ns_median");
	double p99 = mb_chart_num(in, r, "lat_p99_ns_median");
	double p999 = mb_chart_num(in, r, "lat_p999_ns_median");

	p99 = isnan(p99) ? p50 : p99;
	p999 = isnan(p999) ? p99 : p999;
	/* y: the series' row, set when the chart is finished */
	add_at(c, col, series, "p50", p50 / 1e3, NAN);
	add_at(c, col, series, "p99", p99 / 1e3, NAN);
	add_at(c, col, series, "p99.9", p999 / 1e3, NAN);
}

int mb_chart_latency_percentiles(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	double size, block, lo = NAN, hi = NAN;
	char b[32], s[32], base[200];
	int rc = cache_panels(x, &f, keep_percentiles, "no rand rows of a file method with latency percentiles",
			      &size, &block);

	if (rc)
		goto out;
	c->series_rows = 1;
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		int col = mb_facts_cache_col(&f, in, r);

		if (keep_percentiles(in, r) && at_point(in, r, size, block) && col >= 0)
			add_percentiles(c, in, r, col, mb_facts_series(&f, c, in, r));
	}
	if (!c->npoints && !c->nomem) {
		rc = mb_chart_nodata(x, "no rand rows with latency percentiles");
		goto out;
	}
	for (size_t i = 0; i < c->npoints; i++) {
		lo = isnan(lo) || c->points[i].x < lo ? c->points[i].x : lo;
		hi = isnan(hi) || c->points[i].x > hi ? c->points[i].x : hi;
	}
	mb_chart_finish(c);
	mb_chart_log_axis(c, 'x', lo, hi);
	mb_chart_bytes(block, b, sizeof(b));
	mb_chart_bytes(size, s, sizeof(s));
	snprintf(base, sizeof(base), "Random-read latency per operation: rand · block %s · file %s", b, s);
	mb_who_title(&f.who, base, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "latency per operation (µs; log)");
	c->label_width = mb_chart_row_labels_width(c);
	c->key_width = 150;
	mb_chart_canvas(c, c->label_width + c->cols * 480 + c->key_width,
			MB_CHART_TITLE_BAND + mb_chart_rows_height(c), 0, MB_CHART_ROW_PADS);
out:
	rc = !rc && (f.nomem || c->nomem) ? -ENOMEM : rc;
	mb_facts_free(&f);
	return rc;
}

/* --- the latency distribution ------------------------------------------------ */

/* The name of row r's series: the file's own series column, else the label
 * `mapbench summarize` gives the configuration, and the run when the file
 * holds several. */
static void cdf_series(const struct mb_chart_in *in, size_t r, const struct mb_words *runs,
		       char *buf, size_t len)
{
	struct mb_group g;
	size_t at;

	if (*mb_chart_str(in, r, "series")) {
		snprintf(buf, len, "%s", mb_chart_str(in, r, "series"));
		return;
	}
	memset(&g, 0, sizeof(g));
	for (size_t k = 0; k < MB_NKEYS; k++)
		g.kv[k] = mb_chart_str(in, r, mb_gkey_names[k]);
	mb_group_series(&g, buf, len);
	at = strlen(buf);
	if (runs->n > 1 && at < len)
		snprintf(buf + at, len - at, " %s", mb_chart_str(in, r, "run_id"));
}

static int keep_cdf(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_is(in, r, "rep", "1") && mb_chart_num(in, r, "bucket_hi_ns") > 0;
}

/* The percentages a log axis of fractions is labelled with. */
static void percent_tics(struct mb_chart *c)
{
	static const char *const pct[] = {"100%", "10%", "1%", "0.1%", "0.01%", "0.001%", "0.0001%"};

	for (int i = 0; i < 7; i++)
		mb_chart_tic(c, 'y', pow(10, -i), pct[i]);
}

/* The points (bucket by bucket, as the file has them) of the histograms of
 * repetition 1 at the configuration shown. */
static void cdf_points(struct mb_chart *c, const struct mb_chart_in *in, const struct mb_chart_facts *f,
		       const struct mb_words *runs, double size, double block)
{
	char name[600];

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		double slower = 1 - mb_chart_num(in, r, "cum_fraction");
		int col = mb_facts_cache_col(f, in, r);
		size_t s;

		if (!keep_cdf(in, r) || !at_point(in, r, size, block) || col < 0 || !(slower > 0))
			continue;
		cdf_series(in, r, runs, name, sizeof(name));
		s = mb_chart_series(c, name, mb_chart_str(in, r, "method"));
		add_at(c, col, s, "", mb_chart_num(in, r, "bucket_hi_ns") / 1e3, slower);
	}
}

int mb_chart_latency_cdf(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	struct mb_chart_who who = {0};
	struct mb_words runs = {0};
	double size, block, xlo = NAN, xhi = NAN, ylo = NAN;
	char b[32], s[32], base[200];
	int rc = cache_panels(x, &f, keep_cdf, "no rand rows of a file method in the latency file", &size,
			      &block), min_h;

	if (rc)
		goto out;
	for (size_t r = 0; r < in->t.nrows; r++)
		if (mb_chart_is(in, r, "rep", "1"))
			mb_words_add(&runs, mb_chart_str(in, r, "run_id"));
	cdf_points(c, in, &f, &runs, size, block);
	if (!c->npoints && !c->nomem) {
		rc = mb_chart_nodata(x, "no rand rows in the latency file");
		goto out;
	}
	for (size_t i = 0; i < c->npoints; i++) {
		const struct mb_chart_point *p = &c->points[i];

		xlo = isnan(xlo) || p->x < xlo ? p->x : xlo;
		xhi = isnan(xhi) || p->x > xhi ? p->x : xhi;
		ylo = isnan(ylo) || p->y < ylo ? p->y : ylo;
	}
	mb_chart_finish(c);
	mb_chart_log_axis(c, 'x', xlo, xhi);
	c->y_scale = "log10";
	mb_chart_range(c, 'y', pow(10, floor(log10(ylo))), 1.3);
	percent_tics(c);
	/* who measured: the summary's rows; the latency file's own without one */
	for (size_t r = 0; r < x->summary.t.nrows; r++)
		mb_who_add(&who, &x->summary, r);
	mb_chart_bytes(block, b, sizeof(b));
	mb_chart_bytes(size, s, sizeof(s));
	snprintf(base, sizeof(base),
		 "Random-read latency distribution: rand · block %s · file %s · repetition 1", b, s);
	mb_who_title(x->summary.t.nrows ? &who : &f.who, base, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "latency per operation (µs; log)");
	snprintf(c->y_label, sizeof(c->y_label), "operations slower than x (fraction; log)");
	c->key_width = mb_chart_key_width(c, &min_h);
	mb_chart_canvas(c, 140 + c->cols * 520 + c->key_width, MB_CHART_TITLE_BAND + 470, min_h, MB_CHART_PADS);
out:
	rc = !rc && (f.nomem || c->nomem || runs.nomem) ? -ENOMEM : rc;
	mb_facts_free(&f);
	mb_who_free(&who);
	mb_words_free(&runs);
	return rc;
}
