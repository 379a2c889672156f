/* ranktest.h: comparing two samples without assuming a distribution (DESIGN
 * §5): the ratio of their medians, a confidence interval for that ratio from
 * the Mann-Whitney (Hodges-Lehmann) inversion on log values, and the
 * two-sided Mann-Whitney U test p-value. Exact null distribution for small
 * samples, normal approximation with tie correction for large ones. */
#ifndef MB_RANKTEST_H
#define MB_RANKTEST_H

#include <stddef.h>

struct mb_ratio {
	double med_a, med_b; /* the medians */
	double ratio;        /* med_a / med_b */
	double ci_lo, ci_hi; /* 95% interval of the ratio a/b (shift of log a vs log b) */
	double ci_level;     /* the interval's real coverage: below 0.95 for tiny samples */
	double p;            /* two-sided Mann-Whitney p-value of "a and b are alike" */
};

/* Two-sided Mann-Whitney U test p-value of a (na values) against b. */
double mb_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb);

/* Fills *r for positive samples a and b; -EINVAL when either is empty or
 * holds a value <= 0 (no ratio), -ENOMEM. */
int mb_ratio_compute(const double *a, size_t na, const double *b, size_t nb, struct mb_ratio *r);

#endif
