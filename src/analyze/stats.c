/* stats.c: sample statistics (see stats.h). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double sorted_median(const double *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double mb_median(double *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return sorted_median(v, n);
}

/* P(X <= k) for X ~ Binomial(n, 1/2), in logs so large n does not overflow. */
static double binom_cdf_half(size_t n, size_t k)
{
	double sum = 0, logc = 0; /* log C(n, 0) */

	for (size_t i = 0; i <= k && i <= n; i++) {
		if (i)
			logc += log((double)(n - i + 1)) - log((double)i);
		sum += exp(logc - (double)n * log(2.0));
	}
	return sum;
}

/* The 95% CI of the median from order statistics: the largest l (1-based)
 * with P(X <= l - 1) <= 0.025, so [x(l), x(n+1-l)] covers the median with
 * probability 1 - 2 P(X <= l - 1) >= 0.95. For n < 6 no such l exists: the
 * interval is [min, max] and its coverage, below 0.95, is reported. */
static void median_ci(const double *v, size_t n, struct mb_stats *st)
{
	size_t l = 1;

	if (n > 60) { /* normal approximation as the start, refined exactly */
		l = (size_t)floor(((double)n - 1.96 * sqrt((double)n)) / 2.0);
		if (l < 1)
			l = 1;
		while (l > 1 && binom_cdf_half(n, l - 1) > 0.025)
			l--;
	}
	while (l + 1 <= (n + 1) / 2 && binom_cdf_half(n, l) <= 0.025)
		l++;
	st->ci_lo = v[l - 1];
	st->ci_hi = v[n - l];
	st->ci_level = 1.0 - 2.0 * binom_cdf_half(n, l - 1);
}

void mb_stats_compute(double *v, size_t n, struct mb_stats *st)
{
	double sum = 0, ss = 0, mad;
	double *dev;

	*st = (struct mb_stats){.n = n, .median = NAN, .min = NAN, .max = NAN, .mean = NAN,
				.stddev = NAN, .cv = NAN, .ci_lo = NAN, .ci_hi = NAN, .ci_level = NAN};
	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_double);
	st->median = sorted_median(v, n);
	st->min = v[0];
	st->max = v[n - 1];
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	st->mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - st->mean) * (v[i] - st->mean);
	st->stddev = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	st->cv = st->mean != 0 ? st->stddev / st->mean : NAN;
	median_ci(v, n, st);
	/* modified z-score (Iglewicz and Hoaglin): 0.6745 (x - median) / MAD */
	dev = malloc(n * sizeof(*dev));
	if (!dev)
		return;
	for (size_t i = 0; i < n; i++)
		dev[i] = fabs(v[i] - st->median);
	mad = mb_median(dev, n);
	for (size_t i = 0; mad > 0 && i < n; i++)
		st->outliers += 0.6745 * fabs(v[i] - st->median) / mad > 3.5;
	free(dev);
}

int mb_stats_ci_within(const struct mb_stats *st, double frac)
{
	return st->ci_level >= 0.95 && st->median > 0 &&
	       fmax(st->ci_hi - st->median, st->median - st->ci_lo) <= frac * st->median;
}
