/* summarize.c: the statistics of every configuration's samples, one CSV row
 * per group (see summarize.h). */
#include "summarize.h"
#include "csvio.h"
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <string.h>

static const char *const stat_names[] = {"median", "min", "max", "mean", "stddev", "cv", "ci_lo",
					 "ci_hi"};
#define NSTATS (sizeof(stat_names) / sizeof(stat_names[0]))
#define NCOLS (MB_NKEYS + 2 + MB_NMETRICS * NSTATS + 3)

static int write_header(int out)
{
	const char *h[NCOLS];
	char names[MB_NMETRICS * NSTATS][48];
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
			snprintf(names[k], sizeof(names[k]), "%s_%s", mb_gmetric_names[i], stat_names[j]);
			h[n++] = names[k++];
		}
	}
	return mb_csv_write_fd(out, h, n);
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

static int write_group(struct mb_group *g, int out)
{
	const char *cells[NCOLS];
	char num[MB_NMETRICS * NSTATS + 4][32], series[256];
	struct mb_stats mib = {0};
	size_t n = 0, k = 0;

	for (size_t i = 0; i < MB_NKEYS; i++)
		cells[n++] = g->kv[i];
	mb_group_series(g, series, sizeof(series));
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
	return mb_csv_write_fd(out, cells, n);
}

int mb_summarize_write(struct mb_groups *gs, int out, char *err, size_t errlen)
{
	int rc = write_header(out);

	for (size_t i = 0; !rc && i < gs->n; i++)
		rc = write_group(&gs->g[i], out);
	if (rc)
		snprintf(err, errlen, "writing the summary: %s", strerror(-rc));
	return rc;
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
