/* chart_input.h: the file a chart draws from (a summary, a ratio or a
 * latency file), read with libcsv and checked once: the columns the chart
 * needs are there and its numeric cells are numbers, so the chart code reads
 * cells by column name without checking again. */
#ifndef MB_CHART_INPUT_H
#define MB_CHART_INPUT_H

#include <stddef.h>

#include "csvio.h"

struct mb_chart_in {
	struct mb_csv_table t;
	const char *path;
};

/* Reads the whole file at path. 0 or -errno with the reason in err. */
int mb_chart_in_load(struct mb_chart_in *in, const char *path, char *err, size_t errlen);
/* Reads only the rows where column `col` is `is` (and only the columns of
 * keep that the file has), for large files such as the latency histograms. */
int mb_chart_in_load_where(struct mb_chart_in *in, const char *path, const char *const *keep,
			   const char *col, const char *is, char *err, size_t errlen);
void mb_chart_in_free(struct mb_chart_in *in);

/* -EINVAL, "PATH: no column 'X' (for: CHART draws WHAT)", unless in has every
 * column of text and of numbers (NULL-terminated lists), and every cell of
 * numbers is a number or empty ("PATH: line N: X 'v' is not a number"). */
int mb_chart_in_check(const struct mb_chart_in *in, const char *const *text,
		      const char *const *numbers, const char *chart, const char *what, char *err,
		      size_t errlen);

/* Row r's cell of column col: "" when the file has no such column. */
const char *mb_chart_str(const struct mb_chart_in *in, size_t r, const char *col);
/* Its number: NAN when empty or absent. */
double mb_chart_num(const struct mb_chart_in *in, size_t r, const char *col);
/* 1 when row r's column col is s. */
int mb_chart_is(const struct mb_chart_in *in, size_t r, const char *col, const char *s);

#endif
