/* machine_in.c: reads machine.csv, the probe's figures (see machine_in.h). */
#include "machine_in.h"
#include "csvio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_FIGURE, C_UNIT, C_MEDIAN, C_CI_LOW, C_CI_HIGH, C_SAMPLES, C_FLAG, C_NOTE, C_N };
static const char *const cols[C_N] = {"figure", "unit", "median", "ci_low", "ci_high",
				      "samples", "flag", "note"};

struct reader {
	struct mb_machine *m;
	long col[C_N];
	size_t nfields;
	int have_header;
	char *err;
	size_t errlen;
};

static const char *cell(const struct reader *r, char **fields, int c)
{
	return r->col[c] >= 0 ? fields[r->col[c]] : "";
}

/* A number cell: 1 with *x, 0 when empty, -1 when malformed. */
static int number(const char *s, double *x)
{
	char *end;

	*x = NAN;
	if (!*s)
		return 0;
	*x = strtod(s, &end);
	if (*end || !isfinite(*x)) {
		*x = NAN;
		return -1;
	}
	return 1;
}

static int header(struct reader *r, char **fields, size_t n)
{
	for (int c = 0; c < C_N; c++)
		r->col[c] = mb_csv_field_index(fields, n, cols[c]);
	if (r->col[C_FIGURE] < 0 || r->col[C_MEDIAN] < 0) {
		snprintf(r->err, r->errlen, "line 1: no column '%s' (not a machine.csv of mapbench probe?)",
			 r->col[C_FIGURE] < 0 ? "figure" : "median");
		return -EINVAL;
	}
	r->nfields = n;
	r->have_header = 1;
	return 0;
}

static int add(struct reader *r, size_t line, char **fields)
{
	struct mb_machine *m = r->m;
	struct mb_figure *f;
	double x;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		struct mb_figure *nf = realloc(m->f, cap * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		m->f = nf;
		m->cap = cap;
	}
	f = &m->f[m->n];
	memset(f, 0, sizeof(*f));
	if (number(cell(r, fields, C_MEDIAN), &f->median) < 0 && strcmp(cell(r, fields, C_FLAG), "skipped")) {
		snprintf(r->err, r->errlen, "line %zu: median '%s' of %s is not a number", line,
			 cell(r, fields, C_MEDIAN), cell(r, fields, C_FIGURE));
		return -EINVAL;
	}
	if (!strcmp(cell(r, fields, C_FLAG), "skipped"))
		f->median = NAN;
	f->flag = strdup(cell(r, fields, C_FLAG));
	number(cell(r, fields, C_CI_LOW), &f->ci_lo);
	number(cell(r, fields, C_CI_HIGH), &f->ci_hi);
	f->samples = number(cell(r, fields, C_SAMPLES), &x) == 1 ? (long)x : -1;
	f->name = strdup(cell(r, fields, C_FIGURE));
	f->unit = strdup(cell(r, fields, C_UNIT));
	f->note = strdup(cell(r, fields, C_NOTE));
	m->n++;
	return f->name && f->unit && f->note && f->flag ? 0 : -ENOMEM;
}

static int on_record(void *ctx, size_t line, char **fields, size_t n)
{
	struct reader *r = ctx;

	if (!r->have_header)
		return header(r, fields, n);
	if (n != r->nfields) {
		snprintf(r->err, r->errlen, "line %zu: %zu fields, but the header has %zu", line, n,
			 r->nfields);
		return -EINVAL;
	}
	if (!*fields[r->col[C_FIGURE]]) {
		snprintf(r->err, r->errlen, "line %zu: no figure name", line);
		return -EINVAL;
	}
	return add(r, line, fields);
}

int mb_machine_load(const char *path, struct mb_machine *m, char *err, size_t errlen)
{
	struct reader r = {.m = m, .err = err, .errlen = errlen};
	FILE *f = fopen(path, "re");
	int rc;

	memset(m, 0, sizeof(*m));
	if (!f) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	err[0] = '\0';
	rc = mb_csv_read_named(f, path, on_record, &r, err, errlen);
	fclose(f);
	if (!rc && !r.have_header) {
		snprintf(err, errlen, "%s: empty, no header", path);
		rc = -EINVAL;
	}
	if (rc)
		mb_machine_free(m);
	return rc;
}

void mb_machine_free(struct mb_machine *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->f[i].name);
		free(m->f[i].unit);
		free(m->f[i].flag);
		free(m->f[i].note);
	}
	free(m->f);
	memset(m, 0, sizeof(*m));
}

const struct mb_figure *mb_machine_find(const struct mb_machine *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->f[i].name, name))
			return &m->f[i];
	return NULL;
}

int mb_machine_get(const struct mb_machine *m, const char *name, double *v)
{
	const struct mb_figure *f = mb_machine_find(m, name);

	*v = f ? f->median : NAN;
	return !isnan(*v);
}
