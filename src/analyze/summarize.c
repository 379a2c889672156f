/* summarize.c: the statistics of every configuration's samples, one CSV row
 * per group (see summarize.h). */
#include "summarize.h"
#include "csvio.h"
#include "stats.h"
#include "texttable.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stat_names[] = {"median", "min", "max", "mean", "stddev", "cv", "ci_lo",
					 "ci_hi"};
#define NSTATS (sizeof(stat_names) / sizeof(stat_names[0]))
#define NCOLS (MB_NKEYS + 2 + MB_NMETRICS * NSTATS + 3)

/* The summary's column names into h (the metric ones built in names). */
static size_t header_names(const char **h, char names[][48])
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < MB_NKEYS; i++)
		h[n++] = mb_gkey_names[i];
	h[n++] = "series";
	h[n++] = "n";
	/* the measures added since n_lat come after it (columns only grow at the end) */
	for (size_t i = 0; i < MB_NMETRICS; i++) {
		if (i == MB_M_APPENDED) {
			h[n++] = "mib_per_s_ci_level";
			h[n++] = "mib_per_s_outliers";
			h[n++] = "n_lat";
		}
		for (size_t j = 0; j < NSTATS; j++) {
			snprintf(names[k], 48, "%s_%s", mb_gmetric_names[i], stat_names[j]);
			h[n++] = names[k++];
		}
	}
	return n;
}

/* x with %.10g, or the empty cell for NAN. */
static const char *fmt(char *buf, double x)
{
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%.10g", x);
	return buf;
}

/* mib_per_s_ci_level, mib_per_s_outliers and n_lat into cells from n, their
 * text in num[0..2]; returns the new n. */
static size_t write_trailer(const struct mb_group *g, const struct mb_stats *mib, const char **cells,
			    size_t n, char (*num)[32])
{
	if (isnan(mib->ci_level))
		num[0][0] = '\0';
	else
		snprintf(num[0], 32, "%.4f", mib->ci_level);
	snprintf(num[1], 32, "%zu", mib->outliers);
	snprintf(num[2], 32, "%zu", g->lat_rows);
	for (int i = 0; i < 3; i++)
		cells[n++] = num[i];
	return n;
}

/* A group's cells (numbers in num, the label in series). */
struct group_cells {
	const char *c[NCOLS];
	char num[MB_NMETRICS * NSTATS + 4][32], series[256];
};

static void group_cells(struct mb_group *g, struct group_cells *gc)
{
	const char **cells = gc->c;
	char(*num)[32] = gc->num, *series = gc->series;
	struct mb_stats mib = {0};
	size_t n = 0, k = 0;

	for (size_t i = 0; i < MB_NKEYS; i++)
		cells[n++] = g->kv[i];
	mb_group_series(g, series, sizeof(gc->series));
	cells[n++] = series;
	snprintf(num[k], 32, "%zu", g->rows);
	cells[n++] = num[k++];
	for (size_t i = 0; i < MB_NMETRICS; i++) {
		struct mb_stats st;
		double vals[NSTATS];

		if (i == MB_M_APPENDED)
			n = write_trailer(g, &mib, cells, n, &num[k]), k += 3;
		mb_stats_compute(g->m[i].v, g->m[i].n, &st);
		if (i == MB_M_MIB_PER_S)
			mib = st;
		vals[0] = st.median, vals[1] = st.min, vals[2] = st.max, vals[3] = st.mean;
		vals[4] = st.stddev, vals[5] = st.cv, vals[6] = st.ci_lo, vals[7] = st.ci_hi;
		for (size_t j = 0; j < NSTATS; j++)
			cells[n++] = fmt(num[k++], vals[j]);
	}
}

int mb_summarize_write_as(struct mb_groups *gs, int out, const struct mb_summary_format *f, char *err,
			  size_t errlen)
{
	const char *h[NCOLS], *sel[NCOLS];
	char names[MB_NMETRICS * NSTATS][48];
	size_t idx[NCOLS], n;
	struct mb_ttable t = {0};
	struct group_cells *gc = malloc(sizeof(*gc));
	int rc;

	header_names(h, names);
	if (!gc) {
		snprintf(err, errlen, "summarize: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	if ((rc = mb_ttable_pick(f ? f->columns : NULL, h, NCOLS, idx, &n, err, errlen)))
		goto out;
	t.cols = n;
	for (size_t j = 0; j < n; j++)
		sel[j] = h[idx[j]];
	if (f && f->table)
		mb_ttable_add(&t, h, idx, 0);
	else
		rc = mb_csv_write_fd(out, sel, n);
	for (size_t i = 0; !rc && i < gs->n; i++) {
		group_cells(&gs->g[i], gc);
		if (f && f->table) {
			mb_ttable_add(&t, gc->c, idx, 1);
			continue;
		}
		for (size_t j = 0; j < n; j++)
			sel[j] = gc->c[idx[j]];
		rc = mb_csv_write_fd(out, sel, n);
	}
	if (!rc && t.nomem)
		rc = -ENOMEM;
	if (!rc && f && f->table)
		rc = mb_ttable_write(&t, out);
	if (rc)
		snprintf(err, errlen, "writing the summary: %s", strerror(-rc));
out:
	mb_ttable_free(&t);
	free(gc);
	return rc;
}

int mb_summarize_write(struct mb_groups *gs, int out, char *err, size_t errlen)
{
	return mb_summarize_write_as(gs, out, NULL, err, errlen);
}

int mb_summarize(FILE *in, const char *name, int out, char *err, size_t errlen)
{
	struct mb_groups gs = {0};
	int rc = mb_groups_read(&gs, in, name, err, errlen);

	if (!rc)
		rc = mb_summarize_write(&gs, out, err, errlen);
	mb_groups_free(&gs);
	return rc;
}
