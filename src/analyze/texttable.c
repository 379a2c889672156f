/* texttable.c: the aligned text table (see texttable.h). */
#include "texttable.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mb_ttable_add(struct mb_ttable *t, const char *const *c, const size_t *idx, int shorten)
{
	char buf[64], *end;

	if (t->nomem)
		return;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		char **nc = realloc(t->cell, cap * t->cols * sizeof(*nc));

		if (!nc) {
			t->nomem = 1;
			return;
		}
		t->cell = nc;
		t->cap = cap;
	}
	for (size_t j = 0; j < t->cols; j++) {
		const char *v = c[idx ? idx[j] : j];
		double x = *v && shorten ? strtod(v, &end) : NAN;

		if (!isnan(x) && !*end && strchr(v, '.')) {
			snprintf(buf, sizeof(buf), fabs(x) >= 1000 ? "%.0f" : "%.4g", x);
			v = buf;
		}
		if (!(t->cell[t->rows * t->cols + j] = strdup(v)))
			t->nomem = 1;
	}
	t->rows++;
}

int mb_ttable_write(const struct mb_ttable *t, int fd)
{
	size_t *w = calloc(t->cols ? t->cols : 1, sizeof(*w));
	int rc = 0;

	if (!w)
		return -ENOMEM;
	for (size_t i = 0; i < t->rows; i++)
		for (size_t j = 0; j < t->cols; j++) {
			const char *v = t->cell[i * t->cols + j];
			size_t l = v ? strlen(v) : 0;

			w[j] = l > w[j] ? l : w[j];
		}
	for (size_t i = 0; i < t->rows && !rc; i++)
		for (size_t j = 0; j < t->cols && !rc; j++) {
			const char *v = t->cell[i * t->cols + j];
			int last = j + 1 == t->cols;

			if (dprintf(fd, "%-*s%s", last ? 0 : (int)w[j], v ? v : "", last ? "\n" : "  ") < 0)
				rc = -errno;
		}
	free(w);
	return rc;
}

void mb_ttable_free(struct mb_ttable *t)
{
	for (size_t i = 0; i < t->rows * t->cols; i++)
		free(t->cell[i]);
	free(t->cell);
	t->cell = NULL;
	t->rows = t->cap = 0;
}

int mb_ttable_pick(const char *list, const char *const *h, size_t nh, size_t *idx, size_t *n, char *err,
		   size_t errlen)
{
	const char *p = list;

	*n = 0;
	if (!list) {
		for (size_t i = 0; i < nh; i++)
			idx[(*n)++] = i;
		return 0;
	}
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < nh && (strlen(h[i]) != len || strncmp(h[i], p, len)); i++)
			;
		if (i == nh || *n == nh) {
			snprintf(err, errlen, "--columns: no column '%.*s' here (see docs/csv-schema.md)",
				 (int)(len > 64 ? 64 : len), p);
			return -EINVAL;
		}
		idx[(*n)++] = i;
		p += len + (p[len] == ',');
	}
	if (!*n) {
		snprintf(err, errlen, "--columns: no column named");
		return -EINVAL;
	}
	return 0;
}
