/* chart_input.c: a chart's input file, read with libcsv and checked (see
 * chart_input.h). */
#include "chart_input.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The error of reading in->path, naming it. */
static int named(const struct mb_chart_in *in, int rc, char *err, size_t errlen)
{
	char e[512];

	if (rc && strncmp(err, in->path, strlen(in->path))) {
		snprintf(e, sizeof(e), "%s", err);
		snprintf(err, errlen, "%s: %s", in->path, e);
	}
	return rc;
}

int mb_chart_in_load(struct mb_chart_in *in, const char *path, char *err, size_t errlen)
{
	in->path = path;
	return named(in, mb_csv_table_load(path, &in->t, err, errlen), err, errlen);
}

int mb_chart_in_load_where(struct mb_chart_in *in, const char *path, const char *const *keep,
			   const char *col, const char *is, char *err, size_t errlen)
{
	in->path = path;
	return named(in, mb_csv_table_load_where(path, &in->t, keep, col, is, err, errlen), err, errlen);
}

void mb_chart_in_free(struct mb_chart_in *in)
{
	mb_csv_table_free(&in->t);
}

/* --- checking and reading cells ----------------------------------------------- */

static int is_number(const char *s)
{
	char *end;
	double x;

	if (!*s)
		return 1;
	x = strtod(s, &end);
	return !*end && !isnan(x);
}

int mb_chart_in_check(const struct mb_chart_in *in, const char *const *text,
		      const char *const *numbers, const char *chart, const char *what, char *err,
		      size_t errlen)
{
	const char *const *lists[] = {text, numbers};

	for (size_t l = 0; l < 2; l++)
		for (const char *const *c = lists[l]; *c; c++)
			if (mb_csv_table_col(&in->t, *c) < 0) {
				snprintf(err, errlen, "%s: no column '%s' (%s draws %s)", in->path, *c, chart,
					 what);
				return -EINVAL;
			}
	for (const char *const *c = numbers; *c; c++) {
		long at = mb_csv_table_col(&in->t, *c);

		for (size_t r = 0; r < in->t.nrows; r++)
			if (!is_number(in->t.rows[r][at])) {
				snprintf(err, errlen, "%s: line %zu: %s '%s' is not a number", in->path,
					 in->t.lines[r], *c, in->t.rows[r][at]);
				return -EINVAL;
			}
	}
	return 0;
}

const char *mb_chart_str(const struct mb_chart_in *in, size_t r, const char *col)
{
	long at = mb_csv_table_col(&in->t, col);

	return at < 0 ? "" : in->t.rows[r][at];
}

double mb_chart_num(const struct mb_chart_in *in, size_t r, const char *col)
{
	const char *s = mb_chart_str(in, r, col);

	return *s ? strtod(s, NULL) : NAN;
}

int mb_chart_is(const struct mb_chart_in *in, size_t r, const char *col, const char *s)
{
	return !strcmp(mb_chart_str(in, r, col), s);
}
