/* stats.h: the statistics of a sample (DESIGN §5): median, min, max, mean,
 * standard deviation, coefficient of variation, a distribution-free 95%
 * confidence interval of the median, and outliers by modified z-score. */
#ifndef MB_STATS_H
#define MB_STATS_H

#include <stddef.h>

/* Median of n values (n > 0); v is sorted in place. NAN when n is 0. */
double mb_median(double *v, size_t n);

struct mb_stats {
	size_t n;
	double median, min, max, mean;
	double stddev;       /* sample standard deviation (n - 1); 0 when n < 2 */
	double cv;           /* stddev / mean; NAN when the mean is 0 */
	double ci_lo, ci_hi; /* 95% CI of the median: order statistics x(l), x(n+1-l) */
	double ci_level;     /* the interval's exact binomial coverage (< 0.95 when n < 6) */
	size_t outliers;     /* values with a modified z-score above 3.5 */
};

/* Fills *st from the n values of v (sorted in place). n = 0 leaves NANs. */
void mb_stats_compute(double *v, size_t n, struct mb_stats *st);

/* 1 when st's 95% interval of the median is a real 95% one (n >= 6) and
 * lies within +-frac of a positive median: --ci-target's stopping rule. */
int mb_stats_ci_within(const struct mb_stats *st, double frac);

#endif
