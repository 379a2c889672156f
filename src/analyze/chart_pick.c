/* chart_pick.c: the file and block sizes a chart's panels show (see
 * chart_pick.h). */
#include "chart_pick.h"

#include <math.h>
#include <string.h>

/* How many (cache state, file size) a file method measured pat at block. */
static size_t measured_at_block(const struct mb_chart_facts *f, const char *pat, double block)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nquads; i++)
		n += f->quads[i].block == block && !strcmp(f->quads[i].pat, pat);
	return n;
}

double mb_pick_block(const struct mb_chart_facts *f, const char *pat)
{
	int is_rand = !strcmp(pat, "rand");
	double best = NAN, least = NAN, most = NAN;
	size_t bestn = 0;

	for (size_t i = 0; i < f->ntriples; i++) {
		double b = f->triples[i].block;
		size_t n;

		if (strcmp(f->triples[i].pat, pat))
			continue;
		least = isnan(least) || b < least ? b : least;
		most = isnan(most) || b > most ? b : most;
		n = measured_at_block(f, pat, b);
		if (n > bestn || (n == bestn && n > 0 && (is_rand ? b < best : b > best)))
			best = b, bestn = n;
	}
	return bestn ? best : is_rand ? least : most;
}

double mb_pick_size(const struct mb_chart_facts *f, const char *pat)
{
	double best = NAN;
	size_t bestn = 0;

	for (size_t s = 0; s < f->sizes.n; s++) {
		double size = f->sizes.v[s];
		size_t n = 0;

		for (size_t i = 0; i < f->ntriples; i++)
			n += f->triples[i].size == size && !strcmp(f->triples[i].pat, pat);
		if (n > bestn || (n == bestn && n > 0 && size > best))
			best = size, bestn = n;
	}
	return best;
}

void mb_pick_largest(const struct mb_chart_facts *f, double *size, double *block)
{
	*size = *block = NAN;
	for (size_t i = 0; i < f->ntriples; i++)
		if (isnan(*size) || f->triples[i].size > *size)
			*size = f->triples[i].size;
	for (size_t i = 0; i < f->ntriples; i++)
		if (f->triples[i].size == *size && (isnan(*block) || f->triples[i].block > *block))
			*block = f->triples[i].block;
}

void mb_pick_smallest_block(const struct mb_chart_facts *f, double *size, double *block)
{
	*size = *block = NAN;
	for (size_t i = 0; i < f->ntriples; i++)
		if (isnan(*block) || f->triples[i].block < *block)
			*block = f->triples[i].block;
	for (size_t i = 0; i < f->ntriples; i++)
		if (f->triples[i].block == *block && (isnan(*size) || f->triples[i].size > *size))
			*size = f->triples[i].size;
}
