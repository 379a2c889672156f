/* test_ratio.c: comparing two samples (ranktest.c) against values computed
 * here independently: the exact null distribution of the Mann-Whitney U by
 * enumerating every assignment of ranks (and, for sizes too large for that,
 * by the classic recurrence on the largest value), the normal approximation
 * from its formula, the Hodges-Lehmann interval from the sorted pairwise
 * differences, and its coverage by a seeded simulation. Then results rows
 * grouped by configuration (group.c) and paired into ratios (ratio.c) on
 * small CSVs: only ok rows, derived measures, series labels, merging files
 * by column name, and errors that name the line. */
#include "unit.h"

#include <math.h>

#include "csvio.h"
#include "group.h"
#include "schema.h"
#include "ranktest.h"
#include "ratio.h"

/* ---- independent reference computations ------------------------------ */

/* Uniform in (0, 1) and standard normal (Box-Muller), from ut_rand. */
static double ut_unit(uint64_t *s)
{
	return ((double)(ut_rand(s) >> 11) + 0.5) / 9007199254740992.0;
}

static double ut_normal(uint64_t *s)
{
	double u = ut_unit(s), v = ut_unit(s);

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

#define NU_MAX 1600 /* m * n up to 40 x 40 */

/* The null distribution of U for sizes m, n without ties: count[u] of the
 * total equally likely orderings have U = u. */
struct null {
	size_t m, n, nu;
	double count[NU_MAX + 1], total;
};

/* By brute force: every m-subset of the ranks 1..m+n (Gosper's hack walks
 * the bit masks with m bits set), U = rank sum - m(m+1)/2. */
static void null_brute(struct null *nl, size_t m, size_t n)
{
	size_t nn = m + n;
	double binom = 1;

	assert_true(m >= 1 && n >= 1 && nn <= 24 && m * n <= NU_MAX);
	memset(nl, 0, sizeof(*nl));
	nl->m = m, nl->n = n, nl->nu = m * n;
	for (uint32_t mask = (UINT32_C(1) << m) - 1; mask < (UINT32_C(1) << nn);) {
		size_t sum = 0;
		uint32_t c = mask & -mask, r = mask + c;

		for (size_t i = 0; i < nn; i++)
			if (mask >> i & 1)
				sum += i + 1;
		nl->count[sum - m * (m + 1) / 2] += 1;
		nl->total += 1;
		mask = (((r ^ mask) >> 2) / c) | r;
	}
	for (size_t i = 1; i <= m; i++) /* C(m + n, m) */
		binom = binom * (double)(n + i) / (double)i;
	assert_true(nl->total == round(binom));
}

/* By the recurrence on the largest of the m + n values: an a (beating all j
 * b's) or a b, so f(i, j, u) = f(i - 1, j, u - j) + f(i, j - 1, u). */
static void null_recurrence(struct null *nl, size_t m, size_t n)
{
	size_t w = m * n + 1;
	double *prev = calloc((n + 1) * w, sizeof(double)), *cur = calloc((n + 1) * w, sizeof(double));

	assert_true(m >= 1 && n >= 1 && m * n <= NU_MAX);
	assert_non_null(prev);
	assert_non_null(cur);
	memset(nl, 0, sizeof(*nl));
	nl->m = m, nl->n = n, nl->nu = m * n;
	for (size_t i = 0; i <= m; i++) {
		double *t;

		for (size_t j = 0; j <= n; j++) {
			double *c = cur + j * w;

			memset(c, 0, w * sizeof(*c));
			if (i == 0 || j == 0) {
				c[0] = 1;
				continue;
			}
			for (size_t u = 0; u <= i * j; u++)
				c[u] = (u >= j ? prev[j * w + u - j] : 0) + cur[(j - 1) * w + u];
		}
		t = prev, prev = cur, cur = t;
	}
	for (size_t u = 0; u < w; u++) {
		nl->count[u] = prev[n * w + u];
		nl->total += nl->count[u];
	}
	free(prev);
	free(cur);
}

/* P(U <= u) and P(U >= u). */
static double null_le(const struct null *nl, double u)
{
	double c = 0;

	for (size_t v = 0; v <= nl->nu; v++)
		if ((double)v <= u)
			c += nl->count[v];
	return c / nl->total;
}

static double null_ge(const struct null *nl, double u)
{
	double c = 0;

	for (size_t v = 0; v <= nl->nu; v++)
		if ((double)v >= u)
			c += nl->count[v];
	return c / nl->total;
}

static double exact_p(const struct null *nl, double u)
{
	double lo = null_le(nl, u), hi = null_ge(nl, u), p = 2 * (lo < hi ? lo : hi);

	return p > 1 ? 1 : p;
}

/* The largest k with P(U <= k - 1) <= 0.025 (1 if none), and 1 - 2 P(U <= k - 1). */
static size_t null_k(const struct null *nl, double *level)
{
	size_t k = 1;

	for (size_t j = 1; j <= nl->nu + 1; j++)
		if (null_le(nl, (double)(j - 1)) <= 0.025)
			k = j;
	*level = 1 - 2 * null_le(nl, (double)(k - 1));
	return k;
}

/* U of a over b: pairs a > b, ties 1/2. */
static double u_of(const double *a, size_t na, const double *b, size_t nb)
{
	double u = 0;

	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			u += a[i] > b[j] ? 1.0 : a[i] == b[j] ? 0.5 : 0.0;
	return u;
}

static double at(const double *a, size_t na, const double *b, size_t i)
{
	return i < na ? a[i] : b[i - na];
}

/* Normal approximation: z = (|U - mn/2| - 1/2) / sd, sd with the tie term
 * sum(t^3 - t) over groups of equal values (counted pairwise here). */
static double normal_p(const double *a, size_t na, const double *b, size_t nb)
{
	size_t n = na + nb;
	double u = u_of(a, na, b, nb), ties = 0, mu, var, z;

	for (size_t i = 0; i < n; i++) {
		size_t t = 0, first = 1;

		for (size_t j = 0; j < n; j++)
			if (at(a, na, b, j) == at(a, na, b, i)) {
				if (j < i)
					first = 0;
				t++;
			}
		if (first)
			ties += (double)t * (double)t * (double)t - (double)t;
	}
	mu = (double)na * (double)nb / 2;
	var = (double)na * (double)nb / 12 * ((double)n + 1 - ties / ((double)n * (double)(n - 1)));
	z = (fabs(u - mu) - 0.5) / sqrt(var);
	return z <= 0 ? 1.0 : erfc(z / sqrt(2.0));
}

static void sort_doubles(double *v, size_t n) /* insertion sort: not the code's qsort */
{
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static double median_of(const double *v, size_t n)
{
	double *c = malloc(n * sizeof(*c)), m;

	assert_non_null(c);
	memcpy(c, v, n * sizeof(*c));
	sort_doubles(c, n);
	m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
	free(c);
	return m;
}

static int cmp_d(const void *x, const void *y)
{
	double p = *(const double *)x, q = *(const double *)y;

	return p < q ? -1 : p > q;
}

/* The m*n differences log a_i - log b_j, sorted; malloc'ed. */
static double *log_diffs(const double *a, size_t na, const double *b, size_t nb)
{
	double *d = malloc(na * nb * sizeof(*d));

	assert_non_null(d);
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			d[i * nb + j] = log(a[i]) - log(b[j]);
	qsort(d, na * nb, sizeof(*d), cmp_d);
	return d;
}

static int close_rel(double got, double want, double tol)
{
	return fabs(got - want) <= tol * fabs(want) || (want == 0 && fabs(got) <= tol);
}

#define assert_close(got, want, tol)                                                          \
	do {                                                                                  \
		double g_ = (got), w_ = (want);                                               \
		if (!close_rel(g_, w_, (tol)))                                                \
			fail_msg("%s = %.17g, want %.17g", #got, g_, w_);                     \
	} while (0)

/* ---- 1. exact p-values --------------------------------------------------- */

/* Every ordering of the two samples, for each size: the p-value against the
 * enumerated null distribution, both ways round. */
static void exact_p_every_interleaving(void **state)
{
	static const size_t sizes[][2] = {{1, 1}, {2, 3}, {3, 3}, {4, 5}, {5, 5},
					  {6, 4}, {7, 7}, {3, 9}, {10, 5}};
	struct null nl;
	double a[16], b[16];

	(void)state;
	for (size_t t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
		size_t m = sizes[t][0], n = sizes[t][1], nn = m + n, cases = 0;

		null_brute(&nl, m, n);
		for (uint32_t mask = (UINT32_C(1) << m) - 1; mask < (UINT32_C(1) << nn);) {
			uint32_t c = mask & -mask, r = mask + c;
			size_t na = 0, nb = 0;
			double u, want, got, back;

			/* ranks to values: increasing, not evenly spaced, a given
			 * in decreasing order */
			for (size_t i = 0; i < nn; i++) {
				double v = exp(0.37 * (double)(i + 1));

				if (mask >> i & 1)
					a[m - 1 - na++] = v;
				else
					b[nb++] = v;
			}
			u = u_of(a, m, b, n);
			want = exact_p(&nl, u);
			got = mb_mann_whitney_p(a, m, b, n);
			back = mb_mann_whitney_p(b, n, a, m);
			if (fabs(got - want) > 1e-12 || fabs(back - want) > 1e-12)
				fail_msg("%zu x %zu, a at ranks %#x (U = %g): p %.17g and %.17g reversed, want %.17g",
					 m, n, (unsigned)mask, u, got, back, want);
			cases++;
			mask = (((r ^ mask) >> 2) / c) | r;
		}
		assert_true((double)cases == nl.total);
	}
}

static void exact_p_known_values(void **state)
{
	double a[10], b[10];
	/* R: wilcox.test(x, y, alternative = "greater") gives W = 35,
	 * p = 0.1272 (exact, no ties): two-sided 0.2544 */
	const double x[] = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
	const double y[] = {1.15, 0.88, 0.90, 0.74, 1.21};
	struct null nl;

	(void)state;
	/* complete separation, 5 vs 5: 2 / C(10, 5) either way */
	for (size_t i = 0; i < 5; i++)
		a[i] = 10.0 + (double)i, b[i] = 1.0 + (double)i;
	assert_close(mb_mann_whitney_p(a, 5, b, 5), 2.0 / 252, 1e-12);
	assert_close(mb_mann_whitney_p(b, 5, a, 5), 2.0 / 252, 1e-12);
	/* 3 vs 3: 2 / 20; one swap (U = 8): 2 * 2 / 20 */
	assert_close(mb_mann_whitney_p(a, 3, b, 3), 0.1, 1e-12);
	b[2] = 10.5; /* b = 1 2 10.5 against a = 10 11 12: U = 2 + 2 + 3 + ... */
	assert_close(u_of(a, 3, b, 3), 8, 0);
	assert_close(mb_mann_whitney_p(a, 3, b, 3), 0.2, 1e-12);
	/* perfectly interleaved, a = 1 3 5 7, b = 2 4 6 8: U = 6 of 16, p = 2 P(U <= 6) */
	for (size_t i = 0; i < 4; i++)
		a[i] = 1.0 + 2.0 * (double)i, b[i] = 2.0 + 2.0 * (double)i;
	null_brute(&nl, 4, 4);
	assert_close(u_of(a, 4, b, 4), 6, 0);
	assert_close(mb_mann_whitney_p(a, 4, b, 4), 2 * null_le(&nl, 6), 1e-12);
	assert_close(2 * null_le(&nl, 6), 2 * 24.0 / 70, 1e-12); /* 1,1,2,3,5,5,7 orderings */

	null_brute(&nl, 10, 5);
	assert_close(u_of(x, 10, y, 5), 35, 0);
	assert_close(exact_p(&nl, 35), 2 * 382.0 / 3003, 1e-12); /* R's 0.1272 one-sided */
	assert_true(fabs(exact_p(&nl, 35) - 0.2544) < 1e-4);
	assert_close(mb_mann_whitney_p(x, 10, y, 5), exact_p(&nl, 35), 1e-12);
}

/* The largest sizes with an exact p (25 x 25) against the recurrence, which
 * first agrees with the enumeration where both can run; 26 on one side goes
 * to the normal approximation. */
static void exact_p_at_the_limit(void **state)
{
	static struct null nl, nb2;
	uint64_t seed = 2024;
	double a[26], b[26];

	(void)state;
	for (size_t m = 1; m <= 8; m++)
		for (size_t n = 1; n <= 8; n++) {
			null_brute(&nl, m, n);
			null_recurrence(&nb2, m, n);
			assert_true(nl.total == nb2.total);
			for (size_t u = 0; u <= m * n; u++)
				assert_true(nl.count[u] == nb2.count[u]);
		}
	null_recurrence(&nl, 25, 25);
	for (int rep = 0; rep < 20; rep++) {
		double shift = 0.1 * rep, u, p;

		for (size_t i = 0; i < 26; i++)
			a[i] = ut_normal(&seed) + shift, b[i] = ut_normal(&seed);
		u = u_of(a, 25, b, 25);
		p = mb_mann_whitney_p(a, 25, b, 25);
		if (fabs(p - exact_p(&nl, u)) > 1e-12)
			fail_msg("25 x 25, U = %g: p %.17g, want %.17g (exact)", u, p, exact_p(&nl, u));
		assert_close(mb_mann_whitney_p(a, 26, b, 26), normal_p(a, 26, b, 26), 1e-9);
		assert_close(mb_mann_whitney_p(a, 26, b, 10), normal_p(a, 26, b, 10), 1e-9);
		assert_close(mb_mann_whitney_p(a, 10, b, 26), normal_p(a, 10, b, 26), 1e-9);
	}
}

/* ---- 2. normal approximation ------------------------------------------- */

static void normal_approximation(void **state)
{
	uint64_t seed = 99;
	double a[40], b[40], p;
	/* R: wilcox.test(x, y, exact = TRUE) gives p = 0.1329: with ties (1.06,
	 * 1.29 twice in y) R falls back to the normal approximation with tie
	 * and continuity corrections, as mapbench does. (Permuting midranks
	 * exactly would give 0.1299: not what either computes.) */
	const double x[] = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
	const double y[] = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
	const double ta[] = {1, 2, 2, 3, 4}, tb[] = {2, 3, 3, 5, 6};
	const double same[] = {1, 2};

	(void)state;
	/* 40 vs 40, continuous, a shifted up */
	for (size_t i = 0; i < 40; i++)
		a[i] = 1.3 + ut_unit(&seed), b[i] = 1.0 + ut_unit(&seed);
	p = mb_mann_whitney_p(a, 40, b, 40);
	assert_close(p, normal_p(a, 40, b, 40), 1e-9);
	assert_true(p < 0.01);
	assert_close(mb_mann_whitney_p(b, 40, a, 40), p, 1e-12);
	/* rounded to 0.1: many ties, the tie term matters */
	for (size_t i = 0; i < 40; i++)
		a[i] = floor(a[i] * 10) / 10, b[i] = floor(b[i] * 10) / 10;
	assert_close(mb_mann_whitney_p(a, 40, b, 40), normal_p(a, 40, b, 40), 1e-9);
	/* no shift: p well above 0.05 */
	for (size_t i = 0; i < 40; i++)
		a[i] = 1.0 + ut_unit(&seed), b[i] = 1.0 + ut_unit(&seed);
	p = mb_mann_whitney_p(a, 40, b, 40);
	assert_close(p, normal_p(a, 40, b, 40), 1e-9);
	/* small samples with ties: normal path too */
	assert_close(mb_mann_whitney_p(ta, 5, tb, 5), normal_p(ta, 5, tb, 5), 1e-12);
	assert_close(mb_mann_whitney_p(x, 9, y, 9), normal_p(x, 9, y, 9), 1e-12);
	assert_true(fabs(mb_mann_whitney_p(x, 9, y, 9) - 0.1329) < 5e-5);
	/* |U - mn/2| <= 1/2: p = 1 */
	assert_true(mb_mann_whitney_p(same, 2, same, 2) == 1.0);
	assert_true(isnan(mb_mann_whitney_p(same, 0, same, 2)));
}

/* ---- 3. ratio and its interval ------------------------------------------ */

/* mb_ratio_compute on a and b (no ties) against the medians, the sorted
 * differences and k from the enumerated null. */
static void check_ratio(const double *a, size_t na, const double *b, size_t nb, const struct null *nl)
{
	struct mb_ratio r;
	double level, *d = log_diffs(a, na, b, nb), u = u_of(a, na, b, nb);
	size_t k = null_k(nl, &level), nd = na * nb;

	assert_int_equal(mb_ratio_compute(a, na, b, nb, &r), 0);
	assert_close(r.med_a, median_of(a, na), 1e-15);
	assert_close(r.med_b, median_of(b, nb), 1e-15);
	assert_close(r.ratio, median_of(a, na) / median_of(b, nb), 1e-15);
	if (!close_rel(r.ci_lo, exp(d[k - 1]), 1e-12) || !close_rel(r.ci_hi, exp(d[nd - k]), 1e-12))
		fail_msg("%zu x %zu: interval [%.17g, %.17g], want ranks %zu and %zu of %zu: [%.17g, %.17g]",
			 na, nb, r.ci_lo, r.ci_hi, k, nd - k + 1, nd, exp(d[k - 1]), exp(d[nd - k]));
	assert_close(r.ci_level, level, 1e-12);
	assert_close(r.p, exact_p(nl, u), 1e-12);
	assert_true(r.ci_lo <= r.ci_hi);
	free(d);
}

static void ratio_interval_exact(void **state)
{
	static const size_t sizes[][2] = {{1, 1}, {2, 2}, {1, 3}, {3, 3}, {4, 5},
					  {5, 4}, {5, 5}, {6, 4}, {7, 7}, {9, 8}};
	uint64_t seed = 31337;
	struct null nl;
	double a[16], b[16], copy[16], level;

	(void)state;
	/* the example of the brief: 5 x 5 has k = 3, coverage 1 - 2 * 4/252 */
	null_brute(&nl, 5, 5);
	assert_int_equal(null_k(&nl, &level), 3);
	assert_close(level, 1 - 2 * 4.0 / 252, 1e-15);
	null_brute(&nl, 3, 3); /* none reaches 95%: k = 1, [min, max], 1 - 2/20 */
	assert_int_equal(null_k(&nl, &level), 1);
	assert_close(level, 0.9, 1e-15);

	for (size_t t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
		size_t m = sizes[t][0], n = sizes[t][1];

		null_brute(&nl, m, n);
		for (int rep = 0; rep < 20; rep++) {
			for (size_t i = 0; i < m; i++)
				a[i] = 1.25 * exp(0.6 * ut_normal(&seed));
			for (size_t i = 0; i < n; i++)
				b[i] = exp(0.6 * ut_normal(&seed));
			memcpy(copy, a, m * sizeof(*a));
			check_ratio(a, m, b, n, &nl);
			assert_memory_equal(a, copy, m * sizeof(*a)); /* inputs untouched */
		}
	}
	/* hand-made: a = 2 4 8 (median 4), b = 1 3 (median 2): ratio 2; the
	 * 6 ratios 2/3 4/3 8/3 2 4 8, k = 1: [2/3, 8], coverage 1 - 2/10 */
	{
		const double ha[] = {8, 2, 4}, hb[] = {3, 1};
		struct mb_ratio r;

		assert_int_equal(mb_ratio_compute(ha, 3, hb, 2, &r), 0);
		assert_close(r.med_a, 4, 0);
		assert_close(r.med_b, 2, 0);
		assert_close(r.ratio, 2, 1e-15);
		assert_close(r.ci_lo, 2.0 / 3, 1e-12);
		assert_close(r.ci_hi, 8, 1e-12);
		assert_close(r.ci_level, 0.8, 1e-12);
		assert_close(r.p, 2 * 2.0 / 10, 1e-12); /* U = 5 of 6: P(U >= 5) = 2/10 */
	}
}

static void ratio_scale_and_edges(void **state)
{
	uint64_t seed = 5;
	double a[7], b[6], a2[7], b2[6], zero[3] = {1, 0, 2}, neg[3] = {1, -2, 3}, nan3[3] = {1, NAN, 2};
	const double same[] = {3, 5, 7, 11, 13};
	struct mb_ratio r, r2;

	(void)state;
	for (size_t i = 0; i < 7; i++)
		a[i] = exp(ut_normal(&seed)), a2[i] = 2 * a[i];
	for (size_t i = 0; i < 6; i++)
		b[i] = exp(ut_normal(&seed)), b2[i] = 2 * b[i];
	assert_int_equal(mb_ratio_compute(a, 7, b, 6, &r), 0);
	assert_int_equal(mb_ratio_compute(a2, 7, b, 6, &r2), 0);
	assert_close(r2.ratio, 2 * r.ratio, 1e-12);
	assert_close(r2.ci_lo, 2 * r.ci_lo, 1e-12);
	assert_close(r2.ci_hi, 2 * r.ci_hi, 1e-12);
	assert_close(r2.ci_level, r.ci_level, 0);
	assert_close(r2.p, mb_mann_whitney_p(a2, 7, b, 6), 0); /* the ranks change: p too */
	assert_int_equal(mb_ratio_compute(a, 7, b2, 6, &r2), 0);
	assert_close(r2.ratio, r.ratio / 2, 1e-12);
	assert_close(r2.ci_lo, r.ci_lo / 2, 1e-12);
	assert_close(r2.ci_hi, r.ci_hi / 2, 1e-12);
	/* b over a: the reciprocal interval */
	assert_int_equal(mb_ratio_compute(b, 6, a, 7, &r2), 0);
	assert_close(r2.ratio, 1 / r.ratio, 1e-12);
	assert_close(r2.ci_lo, 1 / r.ci_hi, 1e-12);
	assert_close(r2.ci_hi, 1 / r.ci_lo, 1e-12);
	assert_close(r2.p, r.p, 1e-12);

	/* identical samples: ratio 1, the interval holds 1, p = 1 */
	assert_int_equal(mb_ratio_compute(same, 5, same, 5, &r), 0);
	assert_close(r.ratio, 1, 0);
	assert_true(r.ci_lo < 1 && r.ci_hi > 1);
	assert_close(r.ci_lo, 5.0 / 13, 1e-12); /* rank 3 of the 25 ratios: 3/13 3/11 5/13 */
	assert_true(r.p == 1.0);

	/* nothing to compare */
	assert_int_equal(mb_ratio_compute(a, 0, b, 6, &r), -EINVAL);
	assert_int_equal(mb_ratio_compute(a, 7, b, 0, &r), -EINVAL);
	assert_int_equal(mb_ratio_compute(zero, 3, b, 6, &r), -EINVAL);
	assert_int_equal(mb_ratio_compute(a, 7, zero, 3, &r), -EINVAL);
	assert_int_equal(mb_ratio_compute(neg, 3, b, 6, &r), -EINVAL);
	assert_int_equal(mb_ratio_compute(a, 7, nan3, 3, &r), -EINVAL);
}

/* Above 25 per side: the interval's ends from the exact null (by the
 * recurrence) or one rank wider (the normal approximation's rounding), never
 * narrower than 95%, and the reported level near the real coverage. */
static void ratio_interval_large(void **state)
{
	static struct null nl;
	uint64_t seed = 77;
	double a[40], b[40], level, *d, real;
	struct mb_ratio r;
	size_t k, kc = 0;

	(void)state;
	null_recurrence(&nl, 40, 40);
	k = null_k(&nl, &level);
	assert_int_equal(k, 597);
	for (size_t i = 0; i < 40; i++)
		a[i] = 3 * exp(0.4 * ut_normal(&seed)), b[i] = exp(0.4 * ut_normal(&seed));
	assert_int_equal(mb_ratio_compute(a, 40, b, 40, &r), 0);
	d = log_diffs(a, 40, b, 40);
	for (size_t i = 0; i < 1600; i++)
		if (close_rel(r.ci_lo, exp(d[i]), 1e-12))
			kc = i + 1;
	if (kc != k && kc + 1 != k)
		fail_msg("40 x 40: lower end at rank %zu, want %zu (exact) or %zu", kc, k, k - 1);
	assert_close(r.ci_hi, exp(d[1600 - kc]), 1e-12);
	real = 1 - 2 * null_le(&nl, (double)(kc - 1));
	assert_true(real >= 0.95);
	if (fabs(r.ci_level - real) > 0.005)
		fail_msg("40 x 40: ci_level %.6f, real coverage of rank %zu is %.6f", r.ci_level, kc, real);
	assert_close(r.p, normal_p(a, 40, b, 40), 1e-9);
	free(d);
}

/* Large samples: the interval's ends are still the k-th smallest and
 * largest of all the pairwise differences (which the code never lists),
 * against the listed and sorted differences: 2049 a side (4.2 million
 * pairs), and 300 a side of small whole numbers, full of ties; the p-value
 * against U counted pair by pair. */
static void ratio_interval_huge(void **state)
{
	static const struct {
		size_t n;
		int ties;
	} cases[] = {{2049, 0}, {300, 1}};
	uint64_t seed = 4;

	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		size_t n = cases[c].n, nu = n * n, k;
		double *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b)), *d;
		struct mb_ratio r;

		assert_true(a && b);
		for (size_t i = 0; i < n; i++) {
			if (cases[c].ties) {
				a[i] = (double)(1 + ut_below(&seed, 4));
				b[i] = (double)(1 + ut_below(&seed, 3));
			} else {
				b[i] = exp(ut_normal(&seed));
				a[i] = 2 * b[i] * exp(0.1 * ut_normal(&seed));
			}
		}
		k = (size_t)floor((double)nu / 2 - 1.959964 * sqrt((double)nu * (double)(2 * n + 1) / 12));
		assert_int_equal(mb_ratio_compute(a, n, b, n, &r), 0);
		d = log_diffs(a, n, b, n);
		if (!close_rel(r.ci_lo, exp(d[k - 1]), 1e-12) || !close_rel(r.ci_hi, exp(d[nu - k]), 1e-12))
			fail_msg("%zu a side%s: interval [%.17g, %.17g], want [%.17g, %.17g] (rank %zu)", n,
				 cases[c].ties ? " with ties" : "", r.ci_lo, r.ci_hi, exp(d[k - 1]),
				 exp(d[nu - k]), k);
		assert_close(r.ratio, median_of(a, n) / median_of(b, n), 1e-15);
		assert_close(r.p, normal_p(a, n, b, n), 1e-9);
		assert_close(r.ci_level, 0.95, 0);
		free(d);
		free(a);
		free(b);
	}
}

/* ---- 4. coverage ---------------------------------------------------------- */

/* 2000 pairs of 10 vs 10 from one skewed distribution, a scaled by c: the
 * interval holds c about as often as its level says (exact here: 0.9567);
 * with c = 1, p < 0.05 about as often as the exact null says. */
static void coverage_monte_carlo(void **state)
{
	static struct null nl;
	const int reps = 2000;
	const double c = 1.7;
	uint64_t seed = 123456789;
	double a[10], b[10], level, sd, cov, alpha = 0, rej;
	int hit = 0, low = 0;
	struct mb_ratio r;

	(void)state;
	null_brute(&nl, 10, 10);
	assert_int_equal(null_k(&nl, &level), 24);
	for (size_t u = 0; u <= 100; u++)
		if (exact_p(&nl, (double)u) < 0.05)
			alpha += nl.count[u] / nl.total;
	for (int rep = 0; rep < reps; rep++) {
		for (size_t i = 0; i < 10; i++) {
			a[i] = c * (0.2 - log(ut_unit(&seed)));
			b[i] = 0.2 - log(ut_unit(&seed));
		}
		assert_int_equal(mb_ratio_compute(a, 10, b, 10, &r), 0);
		assert_close(r.ci_level, level, 1e-12);
		hit += r.ci_lo <= c && c <= r.ci_hi;
		for (size_t i = 0; i < 10; i++)
			a[i] /= c;
		low += mb_mann_whitney_p(a, 10, b, 10) < 0.05;
	}
	cov = (double)hit / reps;
	sd = sqrt(level * (1 - level) / reps);
	print_message("coverage %.4f (exact %.4f), rejections under the null %.4f (exact %.4f)\n", cov,
		      level, (double)low / reps, alpha);
	assert_true(cov >= 0.93 && cov <= 0.975);
	assert_true(fabs(cov - level) <= 4 * sd);
	rej = (double)low / reps;
	assert_true(alpha <= 0.05);
	assert_true(fabs(rej - alpha) <= 4 * sqrt(alpha * (1 - alpha) / reps));
}

/* ---- 5. groups and ratios ---------------------------------------------- */

/* 16 MiB read per row of an 8 MiB file (bytes, not file_size_bytes, is the
 * divisor): minflt / 16, ms per GiB = ms * 64. */
#define F1                                                                                                    \
	"status,method,advice,pattern,cache,file_size_bytes,block_size_bytes,queue_depth,mib_per_s,bytes,minflt,user_us,total_ns,error\n" \
	"ok,mmap,none,seq,warm,8388608,4096,1,1000,16777216,2048,5000,8000000,\n"                                 \
	"ok,mmap,none,seq,warm,8388608,4096,1,1200,16777216,1024,2500,4000000,\n"                                 \
	"ok,read,none,seq,warm,8388608,4096,1,500,16777216,16,10000,16000000,\n"                                  \
	"ok,mmap,none,seq,warm,8388608,4096,1,1100,16777216,512,,12000000,\n"                                     \
	"error,mmap,none,seq,warm,8388608,4096,1,,,,,,\"open(x): No such file, or \"\"directory\"\"\"\n"           \
	"ok,read,none,seq,warm,8388608,4096,1,600,16777216,8,,,\n"                                                \
	"ok,mmap,none,seq,warm,8388608,4096,1,,16777216,256,1000,2000000,\n"                                      \
	"ok,read,none,seq,warm,8388608,4096,1,550,16777216,,,,\n"                                                 \
	"ok,mmap,none,seq,cold,8388608,4096,1,100,16777216,,,,\n"                                                 \
	"ok,read,none,seq,cold,8388608,4096,1,60,16777216,,,,\n"                                                  \
	"ok,mmap,none,seq,cold,8388608,4096,1,140,16777216,,,,\n"                                                 \
	"ok,read,none,seq,cold,8388608,4096,1,80,,,,,\n"                                                          \
	"ok,mmap,random,seq,warm,8388608,4096,1,900,16777216,,,,\n"                                               \
	"ok,uring,none,seq,warm,8388608,4096,32,700,16777216,,,,\n"                                               \
	"ok,uring,none,seq,warm,8388608,4096,1,650,16777216,,,,\n"                                                \
	"unsupported,read,random,seq,warm,8388608,4096,1,,,,,,no fadvise\n"

/* Other column order, dev_read_bytes, no user_us, advice or error. */
#define F2                                                                                         \
	"block_size_bytes,mib_per_s,queue_depth,cache,status,method,file_size_bytes,pattern,advice,bytes,dev_read_bytes,minflt,total_ns\n" \
	"4096,1300,1,warm,ok,mmap,8388608,seq,none,16777216,33554432,4096,\n"                           \
	"65536,2000,1,warm,ok,mmap,8388608,seq,none,16777216,,,\n"                                      \
	"65536,1000,1,warm,ok,read,8388608,seq,none,16777216,,,\n"

static struct mb_group *grp(const struct mb_groups *gs, const char *method, const char *advice,
			    const char *cache, const char *block, const char *qd)
{
	const char *kv[MB_NKEYS];

	for (size_t i = 0; i < MB_NKEYS; i++)
		kv[i] = "";
	kv[MB_K_method] = method, kv[MB_K_advice] = advice, kv[MB_K_pattern] = "seq";
	kv[MB_K_cache] = cache, kv[MB_K_file_size_bytes] = "8388608", kv[MB_K_block_size_bytes] = block;
	kv[MB_K_queue_depth] = qd;
	return mb_groups_find(gs, kv);
}

static void assert_samples(const struct mb_samples *s, const double *want, size_t n, const char *what)
{
	if (s->n != n)
		fail_msg("%s: %zu samples, want %zu", what, s->n, n);
	for (size_t i = 0; i < n; i++)
		if (!close_rel(s->v[i], want[i], 1e-12))
			fail_msg("%s[%zu] = %.17g, want %.17g", what, i, s->v[i], want[i]);
}

static int read_text(struct mb_groups *gs, const char *name, const char *text, char *err, size_t errlen)
{
	char path[PATH_MAX];

	ut_tmp_path(path, sizeof(path), name);
	ut_write_str(path, text);
	return mb_groups_read_path(gs, path, err, errlen);
}

/* The set as written by mb_ratio_write into file name, loaded into t. */
static void ratio_table(const struct mb_ratio_set *set, const char *name, struct mb_csv_table *t)
{
	char out[PATH_MAX], err[512];
	int fd;

	ut_tmp_path(out, sizeof(out), name);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_ratio_write(set, fd), 0);
	close(fd);
	if (mb_csv_table_load(out, t, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

static void groups_derived_and_series(void **state)
{
	struct mb_groups gs = {0};
	struct mb_group *g;
	char err[512], s[128];

	(void)state;
	assert_int_equal(read_text(&gs, "f1.csv", F1, err, sizeof(err)), 0);
	assert_int_equal(gs.n, 7); /* error and unsupported rows make no group */
	assert_true(&gs.g[0] == grp(&gs, "mmap", "none", "warm", "4096", "1"));
	assert_true(&gs.g[1] == grp(&gs, "read", "none", "warm", "4096", "1"));
	assert_true(&gs.g[2] == grp(&gs, "mmap", "none", "cold", "4096", "1"));
	assert_true(&gs.g[3] == grp(&gs, "read", "none", "cold", "4096", "1"));
	assert_true(&gs.g[4] == grp(&gs, "mmap", "random", "warm", "4096", "1"));
	assert_true(&gs.g[5] == grp(&gs, "uring", "none", "warm", "4096", "32"));
	assert_true(&gs.g[6] == grp(&gs, "uring", "none", "warm", "4096", "1"));
	assert_null(grp(&gs, "read", "random", "warm", "4096", "1"));
	assert_string_equal(gs.g[0].kv[MB_K_host], ""); /* absent column */

	g = &gs.g[0];
	assert_int_equal(g->rows, 4); /* one with an empty mib_per_s */
	assert_samples(&g->m[MB_M_MIB_PER_S], (const double[]){1000, 1200, 1100}, 3, "mmap warm mib_per_s");
	assert_samples(&g->m[MB_M_MINFLT_PER_MIB], (const double[]){128, 64, 32, 16}, 4, "minflt_per_mib");
	assert_samples(&g->m[MB_M_USER_MS_PER_GIB], (const double[]){320, 160, 64}, 3, "user_ms_per_gib");
	assert_samples(&g->m[MB_M_WALL_MS_PER_GIB], (const double[]){512, 256, 768, 128}, 4,
		       "wall_ms_per_gib");
	assert_samples(&g->m[MB_M_TOTAL_NS], (const double[]){8e6, 4e6, 12e6, 2e6}, 4, "total_ns");
	assert_int_equal(g->m[MB_M_SYS_MS_PER_GIB].n, 0);    /* no sys_us column */
	assert_int_equal(g->m[MB_M_MAJFLT_PER_MIB].n, 0);    /* no majflt column */
	assert_int_equal(g->m[MB_M_DEV_READ_PER_BYTE].n, 0); /* no dev_read_bytes column */
	g = &gs.g[1];
	assert_int_equal(g->rows, 3);
	assert_samples(&g->m[MB_M_MIB_PER_S], (const double[]){500, 600, 550}, 3, "read warm mib_per_s");
	assert_samples(&g->m[MB_M_MINFLT_PER_MIB], (const double[]){1, 0.5}, 2, "read minflt_per_mib");
	assert_samples(&g->m[MB_M_USER_MS_PER_GIB], (const double[]){640}, 1, "read user_ms_per_gib");
	assert_samples(&g->m[MB_M_WALL_MS_PER_GIB], (const double[]){1024}, 1, "read wall_ms_per_gib");
	assert_int_equal(gs.g[3].rows, 2);
	assert_samples(&gs.g[3].m[MB_M_MIB_PER_S], (const double[]){60, 80}, 2, "read cold mib_per_s");

	mb_group_series(&gs.g[0], s, sizeof(s));
	assert_string_equal(s, "mmap");
	mb_group_series(&gs.g[1], s, sizeof(s));
	assert_string_equal(s, "read");
	mb_group_series(&gs.g[4], s, sizeof(s));
	assert_string_equal(s, "mmap advice=random"); /* group.h */
	mb_group_series(&gs.g[5], s, sizeof(s));
	assert_string_equal(s, "uring qd32");
	mb_group_series(&gs.g[6], s, sizeof(s));
	assert_string_equal(s, "uring qd1");
	mb_groups_free(&gs);
}

static void ratio_pairs_and_labels(void **state)
{
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	const char *v[4];
	char err[512], s[128];

	(void)state;
	assert_int_equal(read_text(&gs, "f1.csv", F1, err, sizeof(err)), 0);

	assert_int_equal(mb_groups_distinct(&gs, MB_K_method, v, 4), 3);
	assert_string_equal(v[0], "mmap");
	assert_string_equal(v[1], "read");
	assert_string_equal(v[2], "uring");
	assert_int_equal(mb_groups_distinct(&gs, MB_K_method, v, 1), 3); /* all counted, one kept */
	assert_string_equal(v[0], "mmap");
	assert_int_equal(mb_groups_distinct(&gs, MB_K_cache, v, 4), 2);
	assert_int_equal(mb_groups_distinct(&gs, MB_K_advice, v, 4), 2);
	assert_int_equal(mb_groups_distinct(&gs, MB_K_queue_depth, v, 4), 2);
	assert_int_equal(mb_groups_distinct(&gs, MB_K_host, v, 4), 1);
	assert_string_equal(v[0], "");
	assert_int_equal(mb_groups_distinct(&gs, MB_K_cache, v, 0), 2);

	/* mmap / read: warm (medians 1100 / 550) and cold (120 / 70); mmap
	 * random and uring have no read partner */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 2);
	assert_true(set.rows[0].num == &gs.g[0] && set.rows[0].den == &gs.g[1]);
	assert_true(set.rows[1].num == &gs.g[2] && set.rows[1].den == &gs.g[3]);
	assert_close(set.rows[0].r.med_a, 1100, 0);
	assert_close(set.rows[0].r.med_b, 550, 0);
	assert_close(set.rows[0].r.ratio, 2, 1e-15);
	assert_close(set.rows[0].r.p, 0.1, 1e-12);          /* 3 vs 3, separated */
	assert_close(set.rows[0].r.ci_lo, 1000.0 / 600, 1e-12); /* k = 1: [min, max] ratio */
	assert_close(set.rows[0].r.ci_hi, 1200.0 / 500, 1e-12);
	assert_close(set.rows[0].r.ci_level, 0.9, 1e-12);
	assert_close(set.rows[1].r.ratio, 120.0 / 70, 1e-15);
	assert_close(set.rows[1].r.p, 1.0 / 3, 1e-12); /* 2 vs 2, separated: 2/6 */
	assert_close(set.rows[1].r.ci_lo, 100.0 / 80, 1e-12);
	assert_close(set.rows[1].r.ci_hi, 140.0 / 60, 1e-12);
	for (size_t k = 0; k < MB_NKEYS; k++)
		assert_int_equal(set.vary[k], k == MB_K_cache);
	mb_ratio_label(&set, &set.rows[0], s, sizeof(s));
	assert_string_equal(s, "warm");
	mb_ratio_label(&set, &set.rows[1], s, sizeof(s));
	assert_string_equal(s, "cold");
	mb_ratio_set_free(&set);

	/* uring / read: only qd 1 has a partner; nothing varies */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "uring", "read", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 1);
	assert_true(set.rows[0].num == &gs.g[6] && set.rows[0].den == &gs.g[1]);
	assert_close(set.rows[0].r.ratio, 650.0 / 550, 1e-15);
	mb_ratio_label(&set, &set.rows[0], s, sizeof(s));
	assert_string_equal(s, "all");
	mb_ratio_set_free(&set);

	/* cold / warm: method varies */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_cache, "cold", "warm", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 2);
	assert_true(set.rows[0].num == &gs.g[2] && set.rows[0].den == &gs.g[0]);
	assert_close(set.rows[0].r.ratio, 120.0 / 1100, 1e-15);
	assert_close(set.rows[1].r.ratio, 70.0 / 550, 1e-15);
	mb_ratio_label(&set, &set.rows[1], s, sizeof(s));
	assert_string_equal(s, "read");
	mb_ratio_set_free(&set);

	/* a derived measure: only warm has minflt on both sides, medians 48 / 0.75 */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MINFLT_PER_MIB, &set), 0);
	assert_int_equal(set.n, 1);
	assert_close(set.rows[0].r.ratio, 48 / 0.75, 1e-15);
	mb_ratio_set_free(&set);
	/* no samples at all, or values that do not exist */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_SYS_MS_PER_GIB, &set), 0);
	assert_int_equal(set.n, 0);
	mb_ratio_set_free(&set);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "pread", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 0);
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

/* The set written as by --columns/--format: the chosen columns in their
 * order, as CSV or as the aligned table, an empty cell "-" in the table. */
static char *ratio_text(const struct mb_ratio_set *set, const char *name, const char *columns, int table,
			int want_rc)
{
	char out[PATH_MAX], err[256] = "";
	size_t len;
	int fd;

	ut_tmp_path(out, sizeof(out), name);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_ratio_write_as(set, fd, columns, table, err, sizeof(err)), want_rc);
	close(fd);
	if (want_rc) {
		assert_non_null(strstr(err, "no column 'nope'"));
		return NULL;
	}
	return ut_read_file(out, &len);
}

static void ratio_columns_and_table(void **state)
{
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	char err[512], *text;

	(void)state;
	assert_int_equal(read_text(&gs, "f1.csv", F1, err, sizeof(err)), 0);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MIB_PER_S, &set), 0);
	/* warm 2 [1000/600, 1200/500], cold 120/70 [100/80, 140/60]; host empty */
	text = ratio_text(&set, "r.txt", "cache,ratio,ratio_ci_lo,ratio_ci_hi,host", 1, 0);
	assert_string_equal(text, "cache  ratio  ratio_ci_lo  ratio_ci_hi  host\n"
				  "warm   2      1.667        2.4          -\n"
				  "cold   1.714  1.25         2.333        -\n");
	free(text);
	text = ratio_text(&set, "r.csv", "cache,ratio", 0, 0);
	assert_non_null(strstr(text, "cache,ratio"));
	assert_non_null(strstr(text, "warm,2"));
	assert_non_null(strstr(text, "cold,1.71429"));
	assert_null(strstr(text, "ratio_ci_lo"));
	free(text);
	assert_null(ratio_text(&set, "bad.txt", "cache,nope", 1, -EINVAL));
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

/* By method, memread (cache empty) pairs with the warm group either way. */
static void ratio_memread_pairs_with_warm(void **state)
{
	static const char text[] = "status,method,advice,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"
				   "ok,mmap,none,seq,warm,1048576,4096,800\n"
				   "ok,mmap,none,seq,cold,1048576,4096,100\n"
				   "ok,memread,none,seq,,1048576,4096,1000\n";
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	char err[512];

	(void)state;
	assert_int_equal(read_text(&gs, "mr.csv", text, err, sizeof(err)), 0);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "memread", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.rows[0].num->kv[MB_K_cache], "warm");
	assert_close(set.rows[0].r.ratio, 0.8, 1e-15);
	mb_ratio_set_free(&set);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "memread", "mmap", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.rows[0].den->kv[MB_K_cache], "warm");
	assert_close(set.rows[0].r.ratio, 1.25, 1e-15);
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

/* A second file with its columns in another order adds to the same groups. */
static void groups_merge_by_column_name(void **state)
{
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	struct mb_csv_table t;
	struct mb_group *g;
	char err[512], s[128];

	(void)state;
	assert_int_equal(read_text(&gs, "f1.csv", F1, err, sizeof(err)), 0);
	assert_int_equal(read_text(&gs, "f2.csv", F2, err, sizeof(err)), 0);
	assert_int_equal(gs.n, 9);
	g = grp(&gs, "mmap", "none", "warm", "4096", "1");
	assert_true(g == &gs.g[0]);
	assert_int_equal(g->rows, 5);
	assert_samples(&g->m[MB_M_MIB_PER_S], (const double[]){1000, 1200, 1100, 1300}, 4, "merged mib_per_s");
	assert_samples(&g->m[MB_M_MINFLT_PER_MIB], (const double[]){128, 64, 32, 16, 256}, 5,
		       "merged minflt_per_mib");
	assert_samples(&g->m[MB_M_DEV_READ_PER_BYTE], (const double[]){2}, 1, "dev_read_per_byte");
	assert_int_equal(g->m[MB_M_USER_MS_PER_GIB].n, 3);  /* f2 has no user_us */
	assert_int_equal(g->m[MB_M_WALL_MS_PER_GIB].n, 4);  /* f2's total_ns is empty */
	assert_true(&gs.g[7] == grp(&gs, "mmap", "none", "warm", "65536", "1"));
	assert_true(&gs.g[8] == grp(&gs, "read", "none", "warm", "65536", "1"));

	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 3);
	assert_close(set.rows[0].r.ratio, 1150.0 / 550, 1e-15);
	assert_close(set.rows[1].r.ratio, 120.0 / 70, 1e-15);
	assert_true(set.rows[2].num == &gs.g[7] && set.rows[2].den == &gs.g[8]);
	assert_close(set.rows[2].r.ratio, 2, 1e-15);
	for (size_t k = 0; k < MB_NKEYS; k++)
		assert_int_equal(set.vary[k], k == MB_K_cache || k == MB_K_block_size_bytes);
	mb_ratio_label(&set, &set.rows[0], s, sizeof(s));
	assert_string_equal(s, "warm 4K blocks");
	mb_ratio_label(&set, &set.rows[1], s, sizeof(s));
	assert_string_equal(s, "cold 4K blocks");
	mb_ratio_label(&set, &set.rows[2], s, sizeof(s));
	assert_string_equal(s, "warm 64K blocks");

	/* and as CSV */
	ratio_table(&set, "ratio.csv", &t);
	assert_int_equal(t.ncols, MB_NKEYS + 17);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "also_differ")], ""); /* by method */
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "method")], ""); /* the by field */
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "cache")], "warm");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "series")], "mmap");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "label")], "warm 4K blocks");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "by")], "method");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "num")], "mmap");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "den")], "read");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "metric")], "mib_per_s");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "n_num")], "4");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "n_den")], "3");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "median_num")], "1150");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "ratio")], "2.09091");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "p_value")], "0.0571429"); /* 2/35 */
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "significant")], "~");
	assert_string_equal(t.rows[2][mb_csv_table_col(&t, "ratio")], "2");
	assert_string_equal(t.rows[2][mb_csv_table_col(&t, "p_value")], "1");
	mb_csv_table_free(&t);
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

/* Past the first hash-table sizes: 1500 file sizes x 2 methods, read rows
 * first and in reverse, so pairs follow read's order. */
static void groups_many(void **state)
{
	const size_t n = 1500;
	size_t cap = 256 * 1024, len = 0;
	char *text = malloc(cap), err[512], s[64];
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	const char *v[4];

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len,
				"status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n");
	for (size_t i = n; i-- > 0;)
		len += (size_t)snprintf(text + len, cap - len, "ok,read,seq,warm,%zu,4096,%zu\n",
					(i + 1) * 4096, i + 1);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "ok,mmap,seq,warm,%zu,4096,%zu\n",
					(i + 1) * 4096, 2 * (i + 1));
	assert_true(len < cap);
	assert_int_equal(read_text(&gs, "many.csv", text, err, sizeof(err)), 0);
	assert_int_equal(gs.n, 2 * n);
	assert_int_equal(mb_groups_distinct(&gs, MB_K_file_size_bytes, v, 4), n);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct mb_ratio_row *row = &set.rows[i];
		char want[32];

		snprintf(want, sizeof(want), "%zu", (n - i) * 4096);
		assert_string_equal(row->den->kv[MB_K_file_size_bytes], want);
		assert_string_equal(row->num->kv[MB_K_file_size_bytes], want);
		assert_string_equal(row->num->kv[MB_K_method], "mmap");
		assert_close(row->r.ratio, 2, 0);
	}
	mb_ratio_label(&set, &set.rows[n - 1], s, sizeof(s));
	assert_string_equal(s, "4K file");
	mb_ratio_label(&set, &set.rows[n - 256], s, sizeof(s));
	assert_string_equal(s, "1M file");
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
	free(text);
}

/* Two machines that look alike (same host name, kernel and cpu_model): a Zen 3
 * guest and a Zen 5 guest. Then an older file of the Zen 3 one, without the
 * identity columns. */
#define IDH "status,host,kernel,cpu_model,cpu_vendor,cpu_family,cpu_model_id,cpu_stepping,microcode," \
	"hypervisor,mitigations,boot_id,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"
#define ZEN3 "vm,6.1,AMD EPYC,AuthenticAMD,25,1,1,0xa0011d1,KVMKVMKVM,spectre_v2:Retpolines"
#define ZEN5 "vm,6.1,AMD EPYC,AuthenticAMD,26,2,1,,KVMKVMKVM,meltdown:PTI;spectre_v2:Retpolines"
#define IDROWS                                                                                     \
	"ok," ZEN3 ",boot-a,mmap,seq,warm,1048576,4096,1000\n"                                     \
	"ok," ZEN3 ",boot-b,mmap,seq,warm,1048576,4096,1100\n" /* another boot: same group */      \
	"ok," ZEN3 ",boot-a,read,seq,warm,1048576,4096,500\n"                                      \
	"ok," ZEN5 ",boot-c,mmap,seq,warm,1048576,4096,3000\n"                                     \
	"ok," ZEN5 ",boot-c,read,seq,warm,1048576,4096,1000\n"
#define OLDH "status,host,kernel,cpu_model,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"

static void groups_tell_machines_apart(void **state)
{
	struct mb_groups gs = {0};
	struct mb_group *g;
	char err[512];
	const char *v[4];

	(void)state;
	assert_int_equal(read_text(&gs, "id.csv", IDH IDROWS, err, sizeof(err)), 0);
	assert_int_equal(gs.n, 4); /* mmap and read on each CPU family; boot_id is no key */
	assert_int_equal(mb_groups_distinct(&gs, MB_K_cpu_family, v, 4), 2);
	assert_string_equal(v[0], "25");
	assert_string_equal(v[1], "26");
	g = &gs.g[0];
	assert_string_equal(g->kv[MB_K_method], "mmap");
	assert_string_equal(g->kv[MB_K_cpu_vendor], "AuthenticAMD");
	assert_string_equal(g->kv[MB_K_cpu_model_id], "1");
	assert_string_equal(g->kv[MB_K_microcode], "0xa0011d1");
	assert_string_equal(g->kv[MB_K_hypervisor], "KVMKVMKVM");
	assert_string_equal(g->kv[MB_K_mitigations], "spectre_v2:Retpolines");
	assert_samples(&g->m[MB_M_MIB_PER_S], (const double[]){1000, 1100}, 2, "zen3 mmap");
	assert_samples(&gs.g[2].m[MB_M_MIB_PER_S], (const double[]){3000}, 1, "zen5 mmap");
	assert_string_equal(gs.g[2].kv[MB_K_cpu_family], "26");
	assert_string_equal(gs.g[2].kv[MB_K_microcode], "");

	/* a file without the columns: its rows read, identity empty, a group of their own */
	assert_int_equal(read_text(&gs, "old.csv", OLDH "ok,vm,6.1,AMD EPYC,mmap,seq,warm,1048576,4096,900\n",
				   err, sizeof(err)), 0);
	assert_int_equal(gs.n, 5);
	assert_string_equal(gs.g[4].kv[MB_K_cpu_family], "");
	assert_string_equal(gs.g[4].kv[MB_K_mitigations], "");
	assert_string_equal(gs.g[4].kv[MB_K_host], "vm");
	mb_groups_free(&gs);

	/* two files whose rows differ in cpu_family alone: two groups */
	assert_int_equal(read_text(&gs, "fam25.csv", IDH "ok," ZEN3 ",b,mmap,seq,warm,4096,4096,10\n", err,
				   sizeof(err)), 0);
	assert_int_equal(read_text(&gs, "fam26.csv", IDH "ok,vm,6.1,AMD EPYC,AuthenticAMD,26,1,1,0xa0011d1,"
							 "KVMKVMKVM,spectre_v2:Retpolines,b,mmap,seq,warm,4096,4096,30\n",
				   err, sizeof(err)), 0);
	assert_int_equal(gs.n, 2);
	assert_string_equal(gs.g[0].kv[MB_K_cpu_family], "25");
	assert_string_equal(gs.g[1].kv[MB_K_cpu_family], "26");
	for (size_t k = 0; k < MB_NKEYS; k++)
		if (k != MB_K_cpu_family)
			assert_string_equal(gs.g[0].kv[k], gs.g[1].kv[k]);
	mb_groups_free(&gs);
}

/* Two runs that differ only in readahead, mount options or THP stay apart:
 * that is the comparison users come for. */
static void groups_keep_settings_apart(void **state)
{
	static const char *const fields[] = {"read_ahead_kb", "mount_opts", "thp"};
	static const enum mb_gkey keys[] = {MB_K_read_ahead_kb, MB_K_mount_opts, MB_K_thp};

	(void)state;
	for (size_t f = 0; f < 3; f++) {
		struct mb_groups gs = {0};
		char err[512], h[256], a[128], b[128];

		snprintf(h, sizeof(h), "status,host,kernel,fs_type,%s,method,pattern,cache,file_size_bytes,"
			 "block_size_bytes,mib_per_s\n", fields[f]);
		snprintf(a, sizeof(a), "ok,vm,6.1,ext4,one,mmap,seq,warm,4096,4096,10\n");
		snprintf(b, sizeof(b), "ok,vm,6.1,ext4,two,mmap,seq,warm,4096,4096,20\n");
		{
			char ta[512], tb[512];

			snprintf(ta, sizeof(ta), "%s%s", h, a);
			snprintf(tb, sizeof(tb), "%s%s", h, b);
			assert_int_equal(read_text(&gs, "a.csv", ta, err, sizeof(err)), 0);
			assert_int_equal(read_text(&gs, "b.csv", tb, err, sizeof(err)), 0);
		}
		if (gs.n != 2)
			fail_msg("two runs differing only in %s were merged into %zu group(s)", fields[f], gs.n);
		assert_string_equal(gs.g[0].kv[keys[f]], "one");
		assert_string_equal(gs.g[1].kv[keys[f]], "two");
		mb_groups_free(&gs);
	}
}

/* A method option's own column (appended per option, method.h) separates
 * groups too: mmap stores with and without --fallocate are two
 * configurations; an option with a column of the table (stdio_buf_bytes) is
 * a key of its own. */
static void groups_keep_method_options_apart(void **state)
{
	struct mb_groups gs = {0};
	char err[512], label[128];

	(void)state;
	assert_int_equal(read_text(&gs, "o.csv", "status,host,method,pattern,cache,file_size_bytes,"
				   "block_size_bytes,mib_per_s,stdio_buf_bytes,fallocate\n"
				   "ok,vm,fread,seq,warm,4096,4096,10,4096,\n"
				   "ok,vm,fread,seq,warm,4096,4096,20,65536,\n"
				   "ok,vm,mmap,seq,warm,4096,4096,30,,1\n"
				   "ok,vm,mmap,seq,warm,4096,4096,30,,0\n"
				   "ok,vm,pread,seq,warm,4096,4096,30,,\n", err, sizeof(err)), 0);
	assert_int_equal(gs.n, 5);
	assert_string_equal(gs.g[0].kv[MB_K_stdio_buf_bytes], "4096");
	assert_string_equal(gs.g[1].kv[MB_K_stdio_buf_bytes], "65536");
	assert_string_equal(gs.g[0].kv[MB_K_method_options], "");
	assert_string_equal(gs.g[2].kv[MB_K_method_options], "fallocate=1");
	assert_string_equal(gs.g[3].kv[MB_K_method_options], "fallocate=0");
	assert_string_equal(gs.g[4].kv[MB_K_method_options], "");
	/* series labels name an option only when it is not its default */
	mb_group_series(&gs.g[2], label, sizeof(label));
	assert_string_equal(label, "mmap fallocate=1");
	mb_group_series(&gs.g[3], label, sizeof(label));
	assert_string_equal(label, "mmap");
	mb_groups_free(&gs);
}

/* The grouping keys are the KEY columns of the results table (columns.def),
 * environment first, then method_options; an identity or config column that
 * is no key is one of these, which never tell configurations apart. */
static void every_column_that_can_differ_is_a_key(void **state)
{
	static const char *const not_keys[] = {
		"schema",            /* the file format, not the measurement */
		"run_id", "timestamp_utc", "boot_id", /* when: runs are what a group pools */
		"cpu_model",         /* superseded by cpu_vendor/family/model_id/stepping */
		"rep", "round", "lat_timed", /* which repetition: the samples of a group */
		"seed", "data_seed", "file", "expected_checksum", /* the same bytes, checked per row */
	};
	size_t n = sizeof(not_keys) / sizeof(not_keys[0]), nkeys = 0, nenv = 0;

	(void)state;
	for (size_t i = 0; i < mb_nbase_columns(); i++) {
		const struct mb_column *c = &mb_base_columns[i];
		int found = 0, listed = 0;

		for (size_t k = 0; k < MB_NKEYS && !found; k++)
			if (!strcmp(mb_gkey_names[k], c->name)) {
				found = 1;
				assert_int_equal(mb_gkey_is_env((enum mb_gkey)k), c->role == MB_ROLE_IDENTITY);
			}
		for (size_t k = 0; k < n && !listed; k++)
			listed = !strcmp(not_keys[k], c->name);
		if (c->role != MB_ROLE_IDENTITY && c->role != MB_ROLE_CONFIG) {
			if (found || c->key == MB_KEY)
				fail_msg("%s is a measure or an outcome, and a grouping key", c->name);
			continue;
		}
		if (c->key == MB_KEY && !found)
			fail_msg("column %s is marked KEY but is no grouping key", c->name);
		if (c->key != MB_KEY && !listed)
			fail_msg("column %s can differ between runs but is no grouping key", c->name);
		if (c->key == MB_KEY && listed)
			fail_msg("column %s never tells configurations apart, yet is a key", c->name);
		nkeys += c->key == MB_KEY;
		nenv += c->key == MB_KEY && c->role == MB_ROLE_IDENTITY;
	}
	assert_int_equal(nkeys + 1, MB_NKEYS);
	assert_int_equal(nenv, MB_NENV_KEYS);
	assert_string_equal(mb_gkey_names[MB_K_method_options], "method_options");
	for (size_t k = 1; k < MB_NKEYS; k++) /* the environment comes first */
		assert_true(mb_gkey_is_env((enum mb_gkey)k) <= mb_gkey_is_env((enum mb_gkey)(k - 1)));
}

/* Comparing by an environment field: the fields that go with it (one value
 * on each side) may differ too, and are named; fields that do not (a host
 * with two kernels) must still match. */
static void ratio_by_env_field_follows(void **state)
{
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	struct mb_csv_table t;
	char err[512], s[256];

	(void)state;
	assert_int_equal(read_text(&gs, "id.csv", IDH IDROWS, err, sizeof(err)), 0);
	/* by cpu_family: microcode and mitigations go with it */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_cpu_family, "26", "25", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 2);
	assert_true(set.rows[0].num == &gs.g[2] && set.rows[0].den == &gs.g[0]);
	assert_close(set.rows[0].r.ratio, 3000.0 / 1050, 1e-12);
	assert_close(set.rows[1].r.ratio, 2, 1e-12);
	for (size_t k = 0; k < MB_NKEYS; k++)
		assert_int_equal(set.follow[k], k == MB_K_cpu_model_id || k == MB_K_microcode ||
							k == MB_K_mitigations);
	mb_ratio_also(&set, s, sizeof(s));
	/* a value longer than 24 characters: the field is named, not quoted */
	assert_string_equal(s, "cpu_model_id 2 vs 1; microcode (empty) vs 0xa0011d1; mitigations");
	mb_ratio_label(&set, &set.rows[1], s, sizeof(s));
	assert_string_equal(s, "read");

	ratio_table(&set, "ratio-id.csv", &t);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "cpu_family")], "");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "microcode")], ""); /* differs: not one value */
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "hypervisor")], "KVMKVMKVM");
	assert_contains(t.rows[0][mb_csv_table_col(&t, "also_differ")], "cpu_model_id 2 vs 1");
	mb_csv_table_free(&t);
	mb_ratio_set_free(&set);

	/* by method: nothing follows, each CPU family is its own pair */
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "mmap", "read", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 2);
	for (size_t k = 0; k < MB_NKEYS; k++)
		assert_int_equal(set.follow[k], 0);
	mb_ratio_label(&set, &set.rows[1], s, sizeof(s));
	assert_string_equal(s, "26 2 meltdown:PTI;spectre_v2:Retpolines");
	mb_ratio_also(&set, s, sizeof(s));
	assert_string_equal(s, "");
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);

	/* host a runs kernels 6.1 and 6.6, host b 6.1 only: by kernel, the host
	 * does not go with the kernel, so only host a's pair is made */
	assert_int_equal(read_text(&gs, "k.csv", "status,host,kernel,mitigations,method,pattern,cache,"
						 "file_size_bytes,block_size_bytes,mib_per_s\n"
						 "ok,a,6.1,m1,mmap,seq,warm,4096,4096,100\n"
						 "ok,a,6.6,m2,mmap,seq,warm,4096,4096,110\n"
						 "ok,b,6.1,m1,mmap,seq,warm,4096,4096,300\n",
				   err, sizeof(err)), 0);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_kernel, "6.6", "6.1", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.rows[0].den->kv[MB_K_host], "a");
	assert_int_equal(set.follow[MB_K_host], 0);
	assert_int_equal(set.follow[MB_K_mitigations], 1); /* m2 on 6.6, m1 on every 6.1 */
	mb_ratio_also(&set, s, sizeof(s));
	assert_string_equal(s, "mitigations m2 vs m1");
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

#define EH "status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s,bytes,error\n"

static void groups_errors_name_the_line(void **state)
{
	struct mb_groups gs = {0};
	char err[512], path[PATH_MAX];

	(void)state;
	/* a quoted line break in row 3: the bad row starts on line 5 */
	assert_int_equal(read_text(&gs, "bad.csv", EH "ok,mmap,seq,warm,4096,4096,10,4096,\n"
						       "error,mmap,seq,warm,4096,4096,,,\"two\nlines\"\n"
						       "ok,mmap,seq,warm,4096,4096,fast,4096,\n",
				   err, sizeof(err)),
			 -EINVAL);
	assert_contains(err, "bad.csv");
	assert_contains(err, "line 5");
	assert_contains(err, "mib_per_s");
	assert_contains(err, "'fast'");
	mb_groups_free(&gs);

	assert_int_equal(read_text(&gs, "bad.csv", EH "ok,mmap,seq,warm,4096,4096,10,4k,\n", err, sizeof(err)),
			 -EINVAL);
	assert_contains(err, "line 2");
	assert_contains(err, "'4k'");
	mb_groups_free(&gs);

	assert_int_equal(read_text(&gs, "bad.csv", EH "ok,mmap,seq,warm,4096,4096,10,4096,\n"
						       "ok,mmap,seq,warm,4096,4096,inf,4096,\n",
				   err, sizeof(err)),
			 -EINVAL);
	assert_contains(err, "line 3");
	assert_contains(err, "'inf'");
	mb_groups_free(&gs);

	assert_int_equal(read_text(&gs, "bad.csv", EH "ok,mmap,seq\n", err, sizeof(err)), -EINVAL);
	assert_contains(err, "line 2");
	mb_groups_free(&gs);

	assert_int_equal(read_text(&gs, "bad.csv", "status,method\nok,mmap\n", err, sizeof(err)), -EINVAL);
	assert_contains(err, "no column 'pattern'");
	mb_groups_free(&gs);

	assert_int_equal(read_text(&gs, "bad.csv", "", err, sizeof(err)), -EINVAL);
	assert_contains(err, "empty");
	mb_groups_free(&gs);

	ut_tmp_path(path, sizeof(path), "no-such.csv");
	assert_int_equal(mb_groups_read_path(&gs, path, err, sizeof(err)), -ENOENT);
	assert_contains(err, "no-such.csv");
	mb_groups_free(&gs);

	/* rows that are not ok are not samples: their cells are not read */
	assert_int_equal(read_text(&gs, "ok.csv", EH "error,mmap,seq,warm,4096,4096,fast,,oops\n", err,
				   sizeof(err)),
			 0);
	assert_int_equal(gs.n, 0);
	mb_groups_free(&gs);
}

/* Another tool's rows (fio's, with its own tool_version) pair with
 * mapbench's by method only when tool_version may go with the method
 * (mb_ratio_pairs_also, `mapbench ratio --follow tool_version`); a field
 * with two values on one side still must match. */
static void ratio_also_follows_a_field(void **state)
{
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	const uint64_t tv = UINT64_C(1) << MB_K_tool_version;
	char err[512], s[256];

	(void)state;
	assert_int_equal(read_text(&gs, "fio.csv", "status,tool_version,kernel,method,pattern,cache,"
				   "file_size_bytes,block_size_bytes,mib_per_s\n"
				   "ok,0.1.0,6.1,pread,seq,warm,4096,4096,100\n"
				   "ok,fio-3.33,6.1,fio-psync,seq,warm,4096,4096,50\n"
				   "ok,0.1.0,6.6,pread,seq,warm,4096,4096,300\n"
				   "ok,fio-3.33,6.6,fio-psync,seq,warm,4096,4096,100\n", err, sizeof(err)), 0);
	assert_int_equal(mb_ratio_pairs(&gs, MB_K_method, "pread", "fio-psync", MB_M_MIB_PER_S, &set), 0);
	assert_int_equal(set.n, 0);
	mb_ratio_set_free(&set);
	assert_int_equal(mb_ratio_pairs_also(&gs, MB_K_method, "pread", "fio-psync", MB_M_MIB_PER_S, tv, &set), 0);
	assert_int_equal(set.n, 2);
	assert_close(set.rows[0].r.ratio, 2, 1e-12);
	assert_close(set.rows[1].r.ratio, 3, 1e-12);
	assert_string_equal(set.rows[1].num->kv[MB_K_kernel], "6.6"); /* kernels still pair alike */
	for (size_t k = 0; k < MB_NKEYS; k++)
		assert_int_equal(set.follow[k], k == MB_K_tool_version);
	mb_ratio_also(&set, s, sizeof(s));
	assert_string_equal(s, "tool_version 0.1.0 vs fio-3.33");
	mb_ratio_set_free(&set);
	/* a field with two values on a side does not follow */
	assert_int_equal(mb_ratio_pairs_also(&gs, MB_K_method, "pread", "fio-psync", MB_M_MIB_PER_S,
					     UINT64_C(1) << MB_K_kernel, &set), 0);
	assert_int_equal(set.n, 0);
	mb_ratio_set_free(&set);
	mb_groups_free(&gs);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_p_every_interleaving),
		cmocka_unit_test(exact_p_known_values),
		cmocka_unit_test(exact_p_at_the_limit),
		cmocka_unit_test(normal_approximation),
		cmocka_unit_test(ratio_interval_exact),
		cmocka_unit_test(ratio_scale_and_edges),
		cmocka_unit_test(ratio_interval_large),
		cmocka_unit_test(ratio_interval_huge),
		cmocka_unit_test(coverage_monte_carlo),
		cmocka_unit_test(groups_derived_and_series),
		cmocka_unit_test(ratio_pairs_and_labels),
		cmocka_unit_test(ratio_columns_and_table),
		cmocka_unit_test(ratio_memread_pairs_with_warm),
		cmocka_unit_test(groups_merge_by_column_name),
		cmocka_unit_test(groups_many),
		cmocka_unit_test(groups_tell_machines_apart),
		cmocka_unit_test(groups_keep_settings_apart),
		cmocka_unit_test(every_column_that_can_differ_is_a_key),
		cmocka_unit_test(groups_keep_method_options_apart),
		cmocka_unit_test(ratio_by_env_field_follows),
		cmocka_unit_test(ratio_also_follows_a_field),
		cmocka_unit_test(groups_errors_name_the_line),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
