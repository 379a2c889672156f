/* chart_input.c: a chart's input file, read with libcsv and checked (see
 * chart_input.h). */
#include "chart_input.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mb_chart_in_load(struct mb_chart_in *in, const char *path, char *err, size_t errlen)
{
	in->path = path;
	return mb_csv_table_load(path, &in->t, err, errlen);
}

/* --- reading a selection of a large file ----------------------------------- */

struct where {
	struct mb_chart_in *in;
	const char *const *keep;
	const char *col, *is;
	long at[64];  /* the file's column of each kept column */
	long cond;    /* the file's column of col */
	size_t nfields;
	char *err;
	size_t errlen;
};

static int where_header(struct where *w, char **fields, size_t n)
{
	struct mb_csv_table *t = &w->in->t;
	size_t k = 0;

	for (size_t i = 0; w->keep[i]; i++)
		k++;
	if (k > sizeof(w->at) / sizeof(w->at[0]) || !(t->header = calloc(k + 1, sizeof(char *))))
		return -ENOMEM;
	for (size_t i = 0; w->keep[i]; i++) {
		long at = mb_csv_field_index(fields, n, w->keep[i]);

		if (at < 0)
			continue;
		if (!(t->header[t->ncols] = strdup(w->keep[i])))
			return -ENOMEM;
		w->at[t->ncols++] = at;
	}
	w->cond = mb_csv_field_index(fields, n, w->col);
	w->nfields = n;
	return 0;
}

static int where_row(struct where *w, size_t line, char **fields)
{
	struct mb_csv_table *t = &w->in->t;
	char **row;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		char ***nr = realloc(t->rows, cap * sizeof(*nr));
		size_t *nl;

		if (!nr)
			return -ENOMEM;
		t->rows = nr;
		if (!(nl = realloc(t->lines, cap * sizeof(*nl))))
			return -ENOMEM;
		t->lines = nl;
		t->cap = cap;
	}
	if (!(row = calloc(t->ncols + 1, sizeof(*row))))
		return -ENOMEM;
	t->lines[t->nrows] = line;
	t->rows[t->nrows++] = row;
	for (size_t c = 0; c < t->ncols; c++)
		if (!(row[c] = strdup(fields[w->at[c]])))
			return -ENOMEM;
	return 0;
}

static int where_record(void *ctx, size_t line, char **fields, size_t n)
{
	struct where *w = ctx;

	if (!w->in->t.header)
		return where_header(w, fields, n);
	if (n != w->nfields) {
		snprintf(w->err, w->errlen, "line %zu: %zu fields, but the header has %zu", line, n,
			 w->nfields);
		return -EINVAL;
	}
	if (w->cond < 0 || strcmp(fields[w->cond], w->is))
		return 0;
	return where_row(w, line, fields);
}

int mb_chart_in_load_where(struct mb_chart_in *in, const char *path, const char *const *keep,
			   const char *col, const char *is, char *err, size_t errlen)
{
	struct where w = {.in = in, .keep = keep, .col = col, .is = is, .err = err, .errlen = errlen};
	FILE *f = fopen(path, "re");
	int rc;

	memset(&in->t, 0, sizeof(in->t));
	in->path = path;
	if (!f) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	rc = mb_csv_read_named(f, path, where_record, &w, err, errlen);
	fclose(f);
	if (!rc && !in->t.header) {
		snprintf(err, errlen, "%s: empty file, no header", path);
		rc = -EINVAL;
	}
	if (rc)
		mb_chart_in_free(in);
	return rc;
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
