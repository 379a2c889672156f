/* chart_words.c: ordered sets of strings and numbers (see chart_words.h). */
#include "chart_words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mb_words_add(struct mb_words *w, const char *s)
{
	char **nv, *copy;

	if (!*s || w->nomem || mb_words_find(w, s) >= 0)
		return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;

		if (!(nv = realloc(w->v, cap * sizeof(*nv)))) {
			w->nomem = 1;
			return;
		}
		w->v = nv;
		w->cap = cap;
	}
	if (!(copy = strdup(s))) {
		w->nomem = 1;
		return;
	}
	w->v[w->n++] = copy;
}

long mb_words_find(const struct mb_words *w, const char *s)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->v[i], s))
			return (long)i;
	return -1;
}

void mb_words_lead(struct mb_words *w, const char *const *first)
{
	size_t at = 0;

	for (; *first; first++) {
		long i = mb_words_find(w, *first);
		char *keep;

		if (i < (long)at)
			continue;
		keep = w->v[i];
		memmove(&w->v[at + 1], &w->v[at], ((size_t)i - at) * sizeof(*w->v));
		w->v[at++] = keep;
	}
}

size_t mb_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

size_t mb_words_widest(const struct mb_words *w)
{
	size_t most = 0;

	for (size_t i = 0; i < w->n; i++)
		if (mb_utf8_len(w->v[i]) > most)
			most = mb_utf8_len(w->v[i]);
	return most;
}

void mb_words_several(const struct mb_words *w, const char *what, char *buf, size_t len)
{
	if (w->n == 0)
		snprintf(buf, len, "%s", "");
	else if (w->n == 1)
		snprintf(buf, len, "%s", w->v[0]);
	else if (w->n == 2)
		snprintf(buf, len, "%s and %s", w->v[0], w->v[1]);
	else
		snprintf(buf, len, "%zu %ss", w->n, what);
}

void mb_words_free(struct mb_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

void mb_nums_add(struct mb_nums *s, double x)
{
	double *nv;

	if (isnan(x) || s->nomem)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == x)
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		if (!(nv = realloc(s->v, cap * sizeof(*nv)))) {
			s->nomem = 1;
			return;
		}
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void mb_nums_sort(struct mb_nums *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_double);
}

size_t mb_nums_rank(const struct mb_nums *s, double x)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == x)
			return i + 1;
	return 0;
}

double mb_nums_min(const struct mb_nums *s)
{
	double m = NAN;

	for (size_t i = 0; i < s->n; i++)
		if (isnan(m) || s->v[i] < m)
			m = s->v[i];
	return m;
}

double mb_nums_max(const struct mb_nums *s)
{
	double m = NAN;

	for (size_t i = 0; i < s->n; i++)
		if (isnan(m) || s->v[i] > m)
			m = s->v[i];
	return m;
}

void mb_nums_free(struct mb_nums *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
