/* compare_stats.c: the statistics `mapbench compare` adds to ranktest.c's
 * per-configuration ones: Holm's correction over many configurations, and
 * the geometric mean of their ratios with a seeded bootstrap interval. */
#include "compare.h"
#include "offsets.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

struct pv {
	double p;
	size_t i;
};

static int by_p(const void *a, const void *b)
{
	const struct pv *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p ? 1 : (x->i > y->i) - (x->i < y->i);
}

void mb_holm(const double *p, size_t n, double *adj)
{
	struct pv *s = malloc(n * sizeof(*s));
	double run = 0;

	if (!s) { /* no memory: Bonferroni, which Holm never exceeds */
		for (size_t i = 0; i < n; i++)
			adj[i] = fmin(1.0, p[i] * (double)n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		s[i] = (struct pv){.p = p[i], .i = i};
	qsort(s, n, sizeof(*s), by_p);
	/* the k-th smallest (from 0) times n - k, never below the one before */
	for (size_t k = 0; k < n; k++) {
		double v = fmin(1.0, s[k].p * (double)(n - k));

		run = v > run ? v : run;
		adj[s[k].i] = run;
	}
	free(s);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int mb_geomean_ci(const double *x, size_t n, uint64_t seed, size_t boot, double *g, double *lo,
		  double *hi)
{
	double *logs, *means, sum = 0;
	uint64_t state = seed;

	if (!n)
		return -EINVAL;
	if (!boot)
		boot = 2000;
	logs = malloc(n * sizeof(*logs));
	means = malloc(boot * sizeof(*means));
	if (!logs || !means) {
		free(logs);
		free(means);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		sum += logs[i] = log(x[i]);
	*g = exp(sum / (double)n);
	for (size_t b = 0; b < boot; b++) {
		double s = 0;

		for (size_t i = 0; i < n; i++)
			s += logs[mb_splitmix64(&state) % n];
		means[b] = s / (double)n;
	}
	qsort(means, boot, sizeof(*means), by_value);
	*lo = exp(means[(size_t)floor(0.025 * (double)(boot - 1))]);
	*hi = exp(means[(size_t)ceil(0.975 * (double)(boot - 1))]);
	free(logs);
	free(means);
	return 0;
}
