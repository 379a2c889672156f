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
/* Bisection stops when at most this many differences are left between its
 * bounds: they are then picked out and sorted. */
#define PICK_MAX 64

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

struct tagged {
	double v;
	int of_a;
};

static int cmp_tagged(const void *x, const void *y)
{
	return cmp_double(&((const struct tagged *)x)->v, &((const struct tagged *)y)->v);
}

/* U of a over b (ties count 1/2) and the tie term sum(t^3 - t), from the
 * mid-ranks of the pooled sample: U = (rank sum of a) - na(na + 1)/2.
 * NAN when out of memory. */
static double u_stat(const double *a, size_t na, const double *b, size_t nb, double *ties)
{
	size_t n = na + nb, i = 0;
	struct tagged *all = malloc(n * sizeof(*all));
	double rank_a = 0;

	*ties = 0;
	if (!all)
		return NAN;
	for (size_t x = 0; x < na; x++)
		all[x] = (struct tagged){a[x], 1};
	for (size_t y = 0; y < nb; y++)
		all[na + y] = (struct tagged){b[y], 0};
	qsort(all, n, sizeof(*all), cmp_tagged);
	while (i < n) {
		size_t j = i, in_a = 0;
		double t;

		while (j < n && all[j].v == all[i].v)
			in_a += (size_t)all[j++].of_a;
		t = (double)(j - i);
		/* ranks i + 1 .. j share their mean */
		rank_a += (double)in_a * ((double)(i + 1) + (double)j) / 2.0;
		*ties += t * t * t - t;
		i = j;
	}
	free(all);
	return rank_a - (double)na * (double)(na + 1) / 2.0;
}

double mb_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb)
{
	double ties, u, mu, var, z, p;
	const double *cdf;

	if (!na || !nb)
		return NAN;
	u = u_stat(a, na, b, nb, &ties);
	if (isnan(u))
		return NAN;
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

/* The number of pairs with x[i] - y[j] <= t (x, y ascending): for each i,
 * the differences fall as j rises. */
static size_t count_le(const double *x, size_t nx, const double *y, size_t ny, double t)
{
	size_t cnt = 0, j = 0;

	for (size_t i = 0; i < nx; i++) {
		while (j < ny && x[i] - y[j] > t)
			j++;
		cnt += ny - j;
	}
	return cnt;
}

/* The k-th smallest (1-based) of the nx * ny differences x[i] - y[j] (x, y
 * ascending) without listing them: bisection on the value, counting pairs
 * below it in O(nx + ny), until few are left between the bounds; those are
 * picked out and sorted. NAN when out of memory. */
static double kth_difference(const double *x, size_t nx, const double *y, size_t ny, size_t k)
{
	double lo = x[0] - y[ny - 1], hi = x[nx - 1] - y[0], pick[PICK_MAX], mid;
	size_t below, between, n = 0;

	if (k <= 1)
		return lo; /* the smallest difference */
	/* invariant: count_le(lo) < k <= count_le(hi) */
	below = count_le(x, nx, y, ny, lo);
	if (below >= k)
		return lo; /* ties at the smallest */
	between = nx * ny - below;
	while (between > PICK_MAX) {
		size_t c;

		mid = lo + (hi - lo) / 2;
		if (!(mid > lo && mid < hi))
			return hi; /* adjacent doubles: every difference left is hi */
		c = count_le(x, nx, y, ny, mid);
		if (c >= k)
			hi = mid, between = c - below;
		else
			lo = mid, between -= c - below, below = c;
	}
	/* the differences in (lo, hi]: for each i, a run of j */
	for (size_t i = 0, jhi = 0, jlo = 0; i < nx; i++) {
		while (jhi < ny && x[i] - y[jhi] > hi)
			jhi++;
		while (jlo < ny && x[i] - y[jlo] > lo)
			jlo++;
		for (size_t j = jhi; j < jlo && n < PICK_MAX; j++)
			pick[n++] = x[i] - y[j];
	}
	qsort(pick, n, sizeof(*pick), cmp_double);
	return n && k - below >= 1 && k - below <= n ? pick[k - below - 1] : hi;
}

int mb_ratio_compute(const double *a, size_t na, const double *b, size_t nb, struct mb_ratio *r)
{
	double *la, *lb;
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
	la = malloc(na * sizeof(*la));
	lb = malloc(nb * sizeof(*lb));
	if (!la || !lb) {
		rc = -ENOMEM;
		goto out_free;
	}
	memcpy(la, a, na * sizeof(*a));
	memcpy(lb, b, nb * sizeof(*b));
	r->med_a = mb_median(la, na); /* sorts */
	r->med_b = mb_median(lb, nb);
	r->ratio = r->med_a / r->med_b;
	r->p = mb_mann_whitney_p(a, na, b, nb);
	if (isnan(r->p)) {
		rc = -ENOMEM;
		goto out_free;
	}
	for (size_t i = 0; i < na; i++)
		la[i] = log(la[i]);
	for (size_t i = 0; i < nb; i++)
		lb[i] = log(lb[i]);
	/* the Hodges-Lehmann interval: ranks k and nd + 1 - k of the log differences */
	k = interval_rank(na, nb, &r->ci_level);
	r->ci_lo = exp(kth_difference(la, na, lb, nb, k));
	r->ci_hi = exp(kth_difference(la, na, lb, nb, nd + 1 - k));
out_free:
	free(la);
	free(lb);
	return rc;
}
