/* test_histogram.c: the latency histogram of src/measure/histogram.c: p50, p90, p99,
 * p99.9 and max against a sorted copy of uniform, exponential and bimodal
 * data (ns to seconds, many seeds), each within 3% and max exact; the empty
 * histogram; values 0 and 1; values past the range (overflow, last bucket,
 * exact max); merge equal to recording everything in one histogram; bucket
 * geometry (each value inside its bucket, contiguous buckets, (hi - lo) / lo
 * at most 3%, and in fact under 1/64). */
#include "unit.h"

#include "histogram.h"

#include <math.h>

#define NVAL 20000
#define NSEED 40
#define TOP ((UINT64_C(1) << (MB_HIST_MAX_BITS + 1)) - 1) /* the last value with a bucket */

static const double quantiles[] = {0.5, 0.9, 0.99, 0.999, 1.0};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Uniform in (0, 1]. */
static double unit_open(uint64_t *s)
{
	return (double)((ut_rand(s) >> 11) + 1) * 0x1p-53;
}

/* Uniform in [0, 2^k) for k from 4 to 35 bits (16 ns to ~34 s) by seed. */
static void gen_uniform(uint64_t *v, size_t n, uint64_t seed)
{
	uint64_t s = seed * 3 + 1, range = UINT64_C(1) << (4 + seed % 32);

	for (size_t i = 0; i < n; i++)
		v[i] = ut_below(&s, range);
}

/* Exponential, mean 100 ns .. ~52 ms by seed. */
static void gen_exponential(uint64_t *v, size_t n, uint64_t seed)
{
	uint64_t s = seed * 5 + 2;
	double mean = 100.0 * (double)(UINT64_C(1) << (seed % 20));

	for (size_t i = 0; i < n; i++)
		v[i] = (uint64_t)(-mean * log(unit_open(&s)));
}

/* Page-cache hits (20 ns .. 2 us) and misses (log-uniform 50 us .. 3 s),
 * 1% to 40% misses by seed, so the tail quantiles fall in either mode. */
static void gen_bimodal(uint64_t *v, size_t n, uint64_t seed)
{
	uint64_t s = seed * 7 + 3, miss_pct = 1 + seed % 40;
	double lo = log(5e4), hi = log(3e9);

	for (size_t i = 0; i < n; i++) {
		if (ut_below(&s, 100) < miss_pct)
			v[i] = (uint64_t)exp(lo + (hi - lo) * unit_open(&s));
		else
			v[i] = 20 + ut_below(&s, 1980);
	}
}

static void record_all(struct mb_hist *h, const uint64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mb_hist_record(h, v[i]);
}

/* The ceil(q * n)-th smallest of sorted[0..n), as histogram.h defines the rank. */
static uint64_t exact_quantile(const uint64_t *sorted, size_t n, double q)
{
	double r = ceil(q * (double)n);
	size_t rank = r < 1 ? 1 : r > (double)n ? n : (size_t)r;

	return sorted[rank - 1];
}

/* Records v[0..n) and checks the quantiles against a sorted copy. */
static void check_quantiles(uint64_t *v, size_t n, const char *what, uint64_t seed)
{
	struct mb_hist h;

	mb_hist_init(&h);
	record_all(&h, v, n);
	qsort(v, n, sizeof(*v), cmp_u64);
	assert_int_equal(h.count, n);
	assert_int_equal(h.overflow, 0);
	assert_int_equal(h.min, v[0]);
	assert_int_equal(h.max, v[n - 1]);
	assert_int_equal(mb_hist_quantile(&h, 1.0), v[n - 1]);
	for (size_t k = 0; k < sizeof(quantiles) / sizeof(quantiles[0]); k++) {
		double q = quantiles[k];
		uint64_t want = exact_quantile(v, n, q), got = mb_hist_quantile(&h, q);

		/* the top of want's bucket (or max): never below, at most 3% above */
		if (got < want || (double)(got - want) > 0.03 * (double)want ||
		    mb_hist_index(got) != mb_hist_index(want))
			fail_msg("%s seed %llu: q %g: histogram says %llu, exact %llu", what,
				 (unsigned long long)seed, q, (unsigned long long)got,
				 (unsigned long long)want);
	}
}

static void quantiles_uniform(void **state)
{
	static uint64_t v[NVAL];

	(void)state;
	for (uint64_t seed = 0; seed < NSEED; seed++) {
		gen_uniform(v, NVAL, seed);
		check_quantiles(v, NVAL, "uniform", seed);
	}
}

static void quantiles_exponential(void **state)
{
	static uint64_t v[NVAL];

	(void)state;
	for (uint64_t seed = 0; seed < NSEED; seed++) {
		gen_exponential(v, NVAL, seed);
		check_quantiles(v, NVAL, "exponential", seed);
	}
}

static void quantiles_bimodal(void **state)
{
	static uint64_t v[NVAL];

	(void)state;
	for (uint64_t seed = 0; seed < NSEED; seed++) {
		gen_bimodal(v, NVAL, seed);
		check_quantiles(v, NVAL, "bimodal", seed);
	}
	/* small samples: every rank is its own value */
	for (size_t n = 1; n <= 50; n++) {
		gen_bimodal(v, n, 1000 + n);
		check_quantiles(v, n, "bimodal, small", 1000 + n);
	}
}

static void empty_histogram(void **state)
{
	struct mb_hist h, e;

	(void)state;
	mb_hist_init(&h);
	assert_int_equal(h.count, 0);
	assert_int_equal(h.max, 0);
	assert_int_equal(h.min, UINT64_MAX);
	assert_int_equal(h.overflow, 0);
	for (size_t i = 0; i < MB_HIST_BUCKETS; i++)
		assert_int_equal(h.n[i], 0);
	for (size_t k = 0; k < sizeof(quantiles) / sizeof(quantiles[0]); k++)
		assert_int_equal(mb_hist_quantile(&h, quantiles[k]), 0);
	assert_int_equal(mb_hist_quantile(&h, 1e-9), 0);
	/* empty into empty stays empty */
	mb_hist_init(&e);
	mb_hist_merge(&h, &e);
	assert_memory_equal(&h, &e, sizeof(h));
}

static void zero_and_one(void **state)
{
	struct mb_hist h;

	(void)state;
	assert_int_equal(mb_hist_index(0), 0);
	assert_int_equal(mb_hist_index(1), 1);
	mb_hist_init(&h);
	mb_hist_record(&h, 0);
	assert_int_equal(h.count, 1);
	assert_int_equal(h.n[0], 1);
	assert_int_equal(h.min, 0);
	assert_int_equal(h.max, 0);
	assert_int_equal(mb_hist_quantile(&h, 0.5), 0);
	assert_int_equal(mb_hist_quantile(&h, 1.0), 0);
	mb_hist_record(&h, 1);
	assert_int_equal(h.n[1], 1);
	assert_int_equal(h.min, 0);
	assert_int_equal(h.max, 1);
	assert_int_equal(mb_hist_quantile(&h, 0.5), 0);  /* 1st of 2 */
	assert_int_equal(mb_hist_quantile(&h, 0.75), 1); /* 2nd of 2 */
	assert_int_equal(mb_hist_quantile(&h, 1.0), 1);
	assert_int_equal(h.overflow, 0);
}

static void past_the_range(void **state)
{
	const size_t last = MB_HIST_BUCKETS - 1;
	struct mb_hist h;

	(void)state;
	assert_int_equal(mb_hist_bucket_hi(last), TOP);
	assert_int_equal(mb_hist_index(TOP), last);
	assert_int_equal(mb_hist_index(TOP + 1), last);
	assert_int_equal(mb_hist_index(UINT64_MAX), last);

	/* one value past the range: overflow, last bucket, exact max */
	mb_hist_init(&h);
	mb_hist_record(&h, TOP + 1);
	assert_int_equal(h.overflow, 1);
	assert_int_equal(h.n[last], 1);
	assert_int_equal(h.max, TOP + 1);
	assert_int_equal(mb_hist_quantile(&h, 0.5), TOP + 1);
	assert_int_equal(mb_hist_quantile(&h, 1.0), TOP + 1);

	/* the top of the range is not overflow */
	mb_hist_record(&h, TOP);
	assert_int_equal(h.overflow, 1);
	assert_int_equal(h.n[last], 2);
	assert_int_equal(h.min, TOP);

	mb_hist_record(&h, UINT64_MAX);
	for (int i = 0; i < 7; i++)
		mb_hist_record(&h, 1000);
	assert_int_equal(h.count, 10);
	assert_int_equal(h.overflow, 2);
	assert_int_equal(h.n[last], 3);
	assert_int_equal(h.min, 1000);
	assert_int_equal(h.max, UINT64_MAX);
	assert_int_equal(mb_hist_quantile(&h, 0.5), mb_hist_bucket_hi(mb_hist_index(1000)));
	assert_int_equal(mb_hist_quantile(&h, 0.65), mb_hist_bucket_hi(mb_hist_index(1000)));
	assert_int_equal(mb_hist_quantile(&h, 0.75), UINT64_MAX);
	assert_int_equal(mb_hist_quantile(&h, 1.0), UINT64_MAX);
}

/* Recording in parts and merging gives the same histogram as recording all in one. */
static void merge_equals_one(void **state)
{
	static uint64_t v[NVAL];

	(void)state;
	for (uint64_t seed = 0; seed < 10; seed++) {
		/* parts: [0, a), [a, a) (empty), [a, b), [b, NVAL) */
		uint64_t s = seed + 99;
		size_t a = (size_t)ut_below(&s, NVAL), b = a + (size_t)ut_below(&s, NVAL - a);
		size_t cut[] = {0, a, a, b, NVAL};
		struct mb_hist one, merged, part;

		(seed % 2 ? gen_bimodal : gen_exponential)(v, NVAL, seed);
		v[ut_below(&s, NVAL)] = UINT64_MAX; /* an overflow in some part */
		mb_hist_init(&one);
		record_all(&one, v, NVAL);
		mb_hist_init(&merged);
		for (size_t k = 0; k + 1 < sizeof(cut) / sizeof(cut[0]); k++) {
			mb_hist_init(&part);
			record_all(&part, v + cut[k], cut[k + 1] - cut[k]);
			mb_hist_merge(&merged, &part);
		}
		assert_int_equal(merged.count, one.count);
		assert_int_equal(merged.min, one.min);
		assert_int_equal(merged.max, one.max);
		assert_int_equal(merged.overflow, one.overflow);
		assert_memory_equal(merged.n, one.n, sizeof(one.n));
		for (size_t k = 0; k < sizeof(quantiles) / sizeof(quantiles[0]); k++)
			assert_int_equal(mb_hist_quantile(&merged, quantiles[k]),
					 mb_hist_quantile(&one, quantiles[k]));
	}
}

static void assert_in_bucket(uint64_t v)
{
	size_t i = mb_hist_index(v);

	if (i >= MB_HIST_BUCKETS || mb_hist_bucket_lo(i) > v || v > mb_hist_bucket_hi(i))
		fail_msg("value %llu: index %zu, bucket [%llu, %llu]", (unsigned long long)v, i,
			 (unsigned long long)mb_hist_bucket_lo(i),
			 (unsigned long long)mb_hist_bucket_hi(i));
}

static void bucket_geometry(void **state)
{
	uint64_t s = 12345, worst_lo = 0, worst_w = 0;

	(void)state;
	/* every bucket: its ends map back to it, it follows the previous one,
	 * values below 128 are exact, the others' width is under 1/64 of lo */
	assert_int_equal(mb_hist_bucket_lo(0), 0);
	for (size_t i = 0; i < MB_HIST_BUCKETS; i++) {
		uint64_t lo = mb_hist_bucket_lo(i), hi = mb_hist_bucket_hi(i);

		assert_true(lo <= hi);
		assert_int_equal(mb_hist_index(lo), i);
		assert_int_equal(mb_hist_index(hi), i);
		if (i)
			assert_int_equal(lo, mb_hist_bucket_hi(i - 1) + 1);
		if (lo < 128)
			assert_int_equal(lo, hi);
		if (lo >= 64) {
			/* (hi - lo) / lo <= 0.03, and < 1/64, in integers */
			if ((hi - lo) * 100 > 3 * lo || (hi - lo) * 64 >= lo)
				fail_msg("bucket %zu [%llu, %llu] is too wide", i,
					 (unsigned long long)lo, (unsigned long long)hi);
			if ((double)(hi - lo) / (double)lo > (double)worst_w / (double)(worst_lo | 1)) {
				worst_lo = lo;
				worst_w = hi - lo;
			}
		}
	}
	assert_int_equal(mb_hist_bucket_hi(MB_HIST_BUCKETS - 1), TOP);
	/* the widest, relatively: the first bucket of the top power of two,
	 * (2^34 - 1) / 2^40 = 1/64 - 2^-40, the bound histogram.h states */
	assert_int_equal(worst_lo, UINT64_C(1) << MB_HIST_MAX_BITS);
	assert_int_equal(worst_w, (UINT64_C(1) << (MB_HIST_MAX_BITS - MB_HIST_SUB_BITS)) - 1);

	/* values: all small ones, each power of two and its neighbours, random
	 * ones of every magnitude */
	for (uint64_t v = 0; v < (1u << 16); v++)
		assert_in_bucket(v);
	for (unsigned e = 1; e <= MB_HIST_MAX_BITS; e++) {
		assert_in_bucket((UINT64_C(1) << e) - 1);
		assert_in_bucket(UINT64_C(1) << e);
		assert_in_bucket((UINT64_C(1) << e) + 1);
	}
	assert_in_bucket(TOP);
	for (int k = 0; k < 1000000; k++)
		assert_in_bucket((ut_rand(&s) >> ut_below(&s, 64)) & TOP);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantiles_uniform),
		cmocka_unit_test(quantiles_exponential),
		cmocka_unit_test(quantiles_bimodal),
		cmocka_unit_test(empty_histogram),
		cmocka_unit_test(zero_and_one),
		cmocka_unit_test(past_the_range),
		cmocka_unit_test(merge_equals_one),
		cmocka_unit_test(bucket_geometry),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
