/* histogram.c: the fixed-memory log-linear latency histogram (see histogram.h). */
#include "histogram.h"

#include <math.h>
#include <string.h>

/* The largest value with a bucket of its own: 2^(MB_HIST_MAX_BITS + 1) - 1. */
#define HIST_TOP ((UINT64_C(1) << (MB_HIST_MAX_BITS + 1)) - 1)
#define HIST_LAST ((size_t)MB_HIST_BUCKETS - 1)

/*
 * v in [2^e, 2^(e+1)) with e >= SUB_BITS: shift = e - SUB_BITS, v >> shift is
 * in [SUB, 2 * SUB), and the bucket is shift * SUB + (v >> shift). OR-ing SUB
 * in makes e >= SUB_BITS, so values below SUB get shift 0 and index v: one
 * formula, no branch, and no clz of 0.
 */
static inline size_t hist_index(uint64_t v)
{
	unsigned int e = 63 - (unsigned int)__builtin_clzll(v | MB_HIST_SUB);
	unsigned int shift = e - MB_HIST_SUB_BITS;
	uint64_t i = (uint64_t)shift * MB_HIST_SUB + (v >> shift);

	return i < HIST_LAST ? (size_t)i : HIST_LAST;
}

/* Inverse of hist_index: bucket i's values are lo .. lo + 2^shift - 1. */
static inline unsigned int bucket_shift(size_t i)
{
	return i < MB_HIST_SUB ? 0 : (unsigned int)(i / MB_HIST_SUB) - 1;
}

void mb_hist_init(struct mb_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

void mb_hist_record(struct mb_hist *h, uint64_t v)
{
	h->n[hist_index(v)]++;
	h->count++;
	h->overflow += v > HIST_TOP;
	h->min = v < h->min ? v : h->min;
	h->max = v > h->max ? v : h->max;
}

void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src)
{
	for (size_t i = 0; i < MB_HIST_BUCKETS; i++)
		dst->n[i] += src->n[i];
	dst->count += src->count;
	dst->overflow += src->overflow;
	dst->min = src->min < dst->min ? src->min : dst->min;
	dst->max = src->max > dst->max ? src->max : dst->max;
}

uint64_t mb_hist_quantile(const struct mb_hist *h, double q)
{
	uint64_t rank, seen = 0;
	double r;

	if (!h->count)
		return 0;
	/* rank in [1, count]; q out of (0, 1] (or NaN) lands on an end */
	r = ceil(q * (double)h->count);
	if (r >= (double)h->count)
		rank = h->count;
	else if (r > 1)
		rank = (uint64_t)r;
	else
		rank = 1;

	for (size_t i = 0; i < MB_HIST_BUCKETS; i++) {
		uint64_t hi;

		seen += h->n[i];
		if (seen < rank)
			continue;
		/* the last bucket's values reach max, overflow included */
		hi = i == HIST_LAST ? h->max : mb_hist_bucket_hi(i);
		return hi < h->max ? hi : h->max;
	}
	return h->max; /* only if the counts do not add up to count */
}

size_t mb_hist_index(uint64_t v)
{
	return hist_index(v);
}

uint64_t mb_hist_bucket_lo(size_t i)
{
	if (i > HIST_LAST)
		i = HIST_LAST;
	if (i < MB_HIST_SUB)
		return i;
	return (uint64_t)(i % MB_HIST_SUB + MB_HIST_SUB) << bucket_shift(i);
}

uint64_t mb_hist_bucket_hi(size_t i)
{
	if (i > HIST_LAST)
		i = HIST_LAST;
	return mb_hist_bucket_lo(i) + (UINT64_C(1) << bucket_shift(i)) - 1;
}
