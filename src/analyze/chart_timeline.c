/* chart_timeline.c: throughput over time, from the file of `mapbench run
 * --timeline`: for repetition 1 at each pattern's smallest block size, on
 * the largest file measured with it, and one thread count (the smallest), the MiB/s of
 * each interval against the time it ended, one line per series (method,
 * with its advice and consume mode when not the default); panels: cache
 * state across, pattern down. A repetition's workers close their intervals
 * at about the same times (multiples of the interval from their start), so
 * interval i's point sums the workers' MiB/s in their interval i and sits
 * at worker 0's end of it: the one place a chart adds up cells. */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_lines.h"
#include "chart_model.h"
#include "chart_pick.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int keep_timeline(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_is(in, r, "rep", "1") && mb_chart_num(in, r, "t_end_ns") >
	       mb_chart_num(in, r, "t_start_ns");
}

/* The series of row r: its method, and its advice and consume mode where
 * they are not the default, and the run where the file holds several. */
static size_t timeline_series(struct mb_chart *c, const struct mb_chart_in *in, size_t r, int runs)
{
	char name[400];
	size_t at;

	snprintf(name, sizeof(name), "%s", mb_chart_str(in, r, "method"));
	at = strlen(name);
	if (!mb_chart_is(in, r, "advice", "none") && at < sizeof(name))
		at += (size_t)snprintf(name + at, sizeof(name) - at, " %s", mb_chart_str(in, r, "advice"));
	if (!mb_chart_is(in, r, "consume", "sum") && at < sizeof(name))
		at += (size_t)snprintf(name + at, sizeof(name) - at, " %s", mb_chart_str(in, r, "consume"));
	if (runs && at < sizeof(name))
		snprintf(name + at, sizeof(name) - at, " %s", mb_chart_str(in, r, "run_id"));
	return mb_chart_series(c, name, mb_chart_str(in, r, "method"));
}

/* Row r is of the same worker's repetition as row q. */
static int same_worker(const struct mb_chart_in *in, size_t r, size_t q)
{
	static const char *const cols[] = {"run_id", "method", "advice", "consume", "pattern", "cache",
					   "file_size_bytes", "block_size_bytes", "threads", "queue_depth",
					   "rep", "worker", "duration_ns", "iov", "window_bytes", NULL};

	for (const char *const *c = cols; *c; c++)
		if (strcmp(mb_chart_str(in, r, *c), mb_chart_str(in, q, *c)))
			return 0;
	return 1;
}

/* A point per interval of worker 0 (one per panel column it shows in:
 * memread's in every one); the other workers' MiB/s in their interval i
 * added to its points i. The file holds a repetition's workers one after
 * the other, each worker's intervals in order. */
static void timeline_points(struct mb_chart *c, const struct mb_chart_in *in, const struct mb_chart_facts *f,
			    const double *size, const double *block, double threads, int runs)
{
	size_t base = 0, idx = 0, prev = (size_t)-1;

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		double t0 = mb_chart_num(in, r, "t_start_ns"), t1 = mb_chart_num(in, r, "t_end_ns");
		double mibs = mb_chart_num(in, r, "bytes") / 1048576.0 / ((t1 - t0) / 1e9);
		int col = mb_facts_cache_col(f, in, r);
		long row = mb_words_find(&f->pats, mb_chart_str(in, r, "pattern")) + 1;
		int first = mb_chart_first_col(col), span = mb_chart_last_col(c, col) - first + 1;
		size_t s, panel, at;

		if (!keep_timeline(in, r) || col < 0 || row < 1 ||
		    mb_chart_num(in, r, "file_size_bytes") != size[row - 1] ||
		    mb_chart_num(in, r, "block_size_bytes") != block[row - 1] ||
		    mb_chart_num(in, r, "threads") != threads)
			continue;
		idx = prev != (size_t)-1 && same_worker(in, r, prev) ? idx + 1 : 0;
		prev = r;
		if (!mb_chart_is(in, r, "worker", "0")) {
			for (int k = 0; k < span; k++)
				if ((at = base + idx * (size_t)span + (size_t)k) < c->npoints)
					c->points[at].y = c->points[at].y_lo = c->points[at].y_hi =
						c->points[at].y + mibs;
			continue;
		}
		if (!idx)
			base = c->npoints;
		s = timeline_series(c, in, r, runs);
		for (int k = first; k < first + span; k++) {
			struct mb_chart_point *p;

			mb_chart_panel_at(c, (int)row, k, &panel);
			if (!(p = mb_chart_point(c, panel, s)))
				return;
			p->x = t1 / 1e9;
			p->y = p->y_lo = p->y_hi = mibs; /* no interval: a point marks each */
		}
	}
}

/* Per pattern (f->pats order): its smallest block, and the largest file
 * measured with it. */
static void pick_per_pattern(const struct mb_chart_in *in, const struct mb_chart_facts *f, double *size,
			     double *block)
{
	for (size_t i = 0; i < f->pats.n; i++)
		size[i] = block[i] = NAN;
	for (int pass = 0; pass < 2; pass++)
		for (size_t r = 0; r < in->t.nrows; r++) {
			long p = mb_words_find(&f->pats, mb_chart_str(in, r, "pattern"));
			double b = mb_chart_num(in, r, "block_size_bytes"), z = mb_chart_num(in, r, "file_size_bytes");

			if (!keep_timeline(in, r) || p < 0)
				continue;
			if (!pass && (isnan(block[p]) || b < block[p]))
				block[p] = b;
			if (pass && b == block[p] && (isnan(size[p]) || z > size[p]))
				size[p] = z;
		}
}

int mb_chart_timeline(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	struct mb_words runs = {0};
	double *size = NULL, *block = NULL, threads = NAN;
	char b[32], s[32], base[240];
	int rc = 0;

	mb_facts_gather(&f, in, keep_timeline);
	if (!f.pats.n) {
		rc = f.nomem ? -ENOMEM : mb_chart_nodata(x, "no intervals of repetition 1 in the timeline");
		goto out;
	}
	size = calloc(f.pats.n, sizeof(*size));
	block = calloc(f.pats.n, sizeof(*block));
	if (!size || !block) {
		rc = -ENOMEM;
		goto out;
	}
	pick_per_pattern(in, &f, size, block);
	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep_timeline(in, r)) {
			double t = mb_chart_num(in, r, "threads");

			threads = isnan(threads) || t < threads ? t : threads;
			mb_words_add(&runs, mb_chart_str(in, r, "run_id"));
		}
	mb_chart_grid(c, (int)f.pats.n, f.caches.n ? (int)f.caches.n : 1);
	for (int i = 0; i < c->rows * c->cols && !c->nomem; i++) {
		mb_chart_bytes(block[i / c->cols], b, sizeof(b));
		mb_chart_bytes(size[i / c->cols], s, sizeof(s));
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s · %s cache · block %s · file %s",
			 f.pats.v[i / c->cols], f.caches.n ? f.caches.v[i % c->cols] : "no", b, s);
	}
	timeline_points(c, in, &f, size, block, threads, runs.n > 1);
	if (!c->npoints && !c->nomem) {
		rc = mb_chart_nodata(x, "no intervals of repetition 1 in the timeline");
		goto out;
	}
	mb_chart_range(c, 'x', 0, NAN);
	mb_chart_range(c, 'y', 0, NAN);
	snprintf(base, sizeof(base), "Throughput over time: %g thread%s · repetition 1", threads,
		 threads == 1 ? "" : "s");
	mb_who_title(&f.who, base, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "time from the io start (s; the interval's end)");
	snprintf(c->y_label, sizeof(c->y_label), "throughput in the interval (MiB/s, all workers)");
	mb_lines_finish(c, 520, 360);
out:
	rc = !rc && (f.nomem || c->nomem || runs.nomem) ? -ENOMEM : rc;
	mb_facts_free(&f);
	mb_words_free(&runs);
	free(size);
	free(block);
	return rc;
}
