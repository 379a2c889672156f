/* ranktest.c: Mann-Whitney U test and the distribution-free interval of a
 * ratio (see ranktest.h; the method is in docs/methodology.md). */
#include "ranktest.h"
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Samples up to this size per side use the exact null distribution of U. */
#define EXACT_MAX 25
/* Above this many pairwise differences the interval comes from the medians'
 * own intervals instead (memory and time). */
#define PAIRS_MAX (4u << 20)

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The exact null cumulative distribution of U for sizes m, n (no ties):
 * cdf[u] = P(U <= u), u = 0..m*n. Counts subsets of ranks by their sum, all
 * additions, so no cancellation. The last (m, n) is cached. NULL on ENOMEM. */
static const double *u_cdf(size_t m, size_t n)
{
	static double *cdf;
	static size_t cm, cn;
	size_t smax = m * (m + n), nu = m * n;
	double *dp, total = 0, acc = 0;

	if (cdf && cm == m && cn == n)
		return cdf;
	dp = calloc((m + 1) * (smax + 1), sizeof(*dp));
	if (!dp)
		return NULL;
	dp[0] = 1; /* dp[k * (smax + 1) + s]: k ranks chosen summing to s */
	for (size_t j = 1; j <= m + n; j++)
		for (size_t k = j < m ? j : m; k >= 1; k--)
			for (size_t s = smax; s >= j; s--)
				dp[k * (smax + 1) + s] += dp[(k - 1) * (smax + 1) + s - j];
	free(cdf);
	cdf = malloc((nu + 1) * sizeof(*cdf));
	if (!cdf) {
		free(dp);
		return NULL;
	}
	/* U = rank sum - m(m+1)/2 */
	for (size_t u = 0; u <= nu; u++)
		total += dp[m * (smax + 1) + u + m * (m + 1) / 2];
	for (size_t u = 0; u <= nu; u++) {
		acc += dp[m * (smax + 1) + u + m * (m + 1) / 2];
		cdf[u] = acc / total;
	}
	free(dp);
	cm = m, cn = n;
	return cdf;
}

/* U of a over b (ties count 1/2) and the tie term sum(t^3 - t). */
static double u_stat(const double *a, size_t na, const double *b, size_t nb, double *ties)
{
	size_t n = na + nb, i = 0;
	double *all = malloc(n * sizeof(*all)), u = 0;

	for (size_t x = 0; x < na; x++)
		for (size_t y = 0; y < nb; y++)
			u += a[x] > b[y] ? 1.0 : a[x] == b[y] ? 0.5 : 0.0;
	*ties = 0;
	if (!all)
		return u;
	memcpy(all, a, na * sizeof(*a));
	memcpy(all + na, b, nb * sizeof(*b));
	qsort(all, n, sizeof(*all), cmp_double);
	while (i < n) {
		size_t j = i;

		while (j < n && all[j] == all[i])
			j++;
		*ties += (double)(j - i) * (double)(j - i) * (double)(j - i) - (double)(j - i);
		i = j;
	}
	free(all);
	return u;
}

double mb_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb)
{
	double ties, u, mu, var, z, p;
	const double *cdf;

	if (!na || !nb)
		return NAN;
	u = u_stat(a, na, b, nb, &ties);
	if (na <= EXACT_MAX && nb <= EXACT_MAX && ties == 0 && (cdf = u_cdf(na, nb))) {
		double lo = cdf[(size_t)floor(u)];
		double hi = 1.0 - (ceil(u) >= 1 ? cdf[(size_t)ceil(u) - 1] : 0.0);

		p = 2.0 * (lo < hi ? lo : hi);
		return p > 1.0 ? 1.0 : p;
	}
	mu = (double)na * (double)nb / 2.0;
	var = (double)na * (double)nb / 12.0 *
	      ((double)(na + nb + 1) - ties / ((double)(na + nb) * (double)(na + nb - 1)));
	if (var <= 0)
		return 1.0;
	z = (fabs(u - mu) - 0.5) / sqrt(var);
	p = z <= 0 ? 1.0 : erfc(z / M_SQRT2);
	return p > 1.0 ? 1.0 : p;
}

/* 1-based rank k of the interval's ends among the m*n differences, and its
 * coverage. */
static size_t interval_rank(size_t m, size_t n, double *level)
{
	size_t nu = m * n, k = 1;
	const double *cdf;

	if (m <= EXACT_MAX && n <= EXACT_MAX && (cdf = u_cdf(m, n))) {
		while (k + 1 <= (nu + 1) / 2 && cdf[k] <= 0.025)
			k++;
		*level = 1.0 - 2.0 * cdf[k - 1];
		return k;
	}
	{
		double kk = floor((double)nu / 2.0 - 1.959964 * sqrt((double)nu * (double)(m + n + 1) / 12.0));

		k = kk < 1 ? 1 : (size_t)kk;
		*level = 0.95;
	}
	return k;
}

/* The interval from the medians' own intervals: conservative, for samples too
 * large to pair up. */
static int interval_from_medians(const double *a, size_t na, const double *b, size_t nb,
				 struct mb_ratio *r)
{
	double *ca = malloc(na * sizeof(*ca)), *cb = malloc(nb * sizeof(*cb));
	struct mb_stats sa, sb;

	if (!ca || !cb) {
		free(ca);
		free(cb);
		return -ENOMEM;
	}
	memcpy(ca, a, na * sizeof(*a));
	memcpy(cb, b, nb * sizeof(*b));
	mb_stats_compute(ca, na, &sa);
	mb_stats_compute(cb, nb, &sb);
	r->ci_lo = sa.ci_lo / sb.ci_hi;
	r->ci_hi = sa.ci_hi / sb.ci_lo;
	r->ci_level = sa.ci_level * sb.ci_level; /* a lower bound of the joint coverage */
	free(ca);
	free(cb);
	return 0;
}

int mb_ratio_compute(const double *a, size_t na, const double *b, size_t nb, struct mb_ratio *r)
{
	double *d, *ca, *cb;
	size_t k, nd = na * nb;
	int rc = 0;

	if (!na || !nb)
		return -EINVAL;
	for (size_t i = 0; i < na; i++)
		if (!(a[i] > 0))
			return -EINVAL;
	for (size_t i = 0; i < nb; i++)
		if (!(b[i] > 0))
			return -EINVAL;
	ca = malloc(na * sizeof(*ca));
	cb = malloc(nb * sizeof(*cb));
	if (!ca || !cb) {
		rc = -ENOMEM;
		goto out_free;
	}
	memcpy(ca, a, na * sizeof(*a));
	memcpy(cb, b, nb * sizeof(*b));
	r->med_a = mb_median(ca, na);
	r->med_b = mb_median(cb, nb);
	r->ratio = r->med_a / r->med_b;
	r->p = mb_mann_whitney_p(a, na, b, nb);
	if (nd > PAIRS_MAX) {
		rc = interval_from_medians(a, na, b, nb, r);
		goto out_free;
	}
	d = malloc(nd * sizeof(*d));
	if (!d) {
		rc = -ENOMEM;
		goto out_free;
	}
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			d[i * nb + j] = log(a[i]) - log(b[j]);
	qsort(d, nd, sizeof(*d), cmp_double);
	k = interval_rank(na, nb, &r->ci_level);
	r->ci_lo = exp(d[k - 1]);
	r->ci_hi = exp(d[nd - k]);
	free(d);
out_free:
	free(ca);
	free(cb);
	return rc;
}
