/* histogram.h: a fixed-memory log-linear latency histogram (HdrHistogram
 * style): values 0 .. 2^41 - 1 ns are kept with a relative bucket error under
 * 1/64 (< 1.6%); recording does no allocation and no system call.
 *
 * Layout: values below 64 have one bucket each; each power of two [2^e, 2^(e+1)),
 * 6 <= e <= 40, has 64 sub-buckets of width 2^(e-6) (so values below 128 are
 * exact). A bucket [lo, hi] in [2^e, 2^(e+1)) has (hi - lo) / lo <= (2^(e-6) - 1) / 2^e
 * = 1/64 - 2^-e: at most 1/64 - 2^-40 (~1.5625%) over all buckets, under the 3%
 * required. So mb_hist_quantile's answer a for a true value t < 2^41 has
 * t <= a <= t + t/64. The last bucket also counts every value above 2^41 - 1
 * (see overflow). */
#ifndef MB_HISTOGRAM_H
#define MB_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>

#define MB_HIST_SUB_BITS 6                      /* 64 sub-buckets per power of two */
#define MB_HIST_SUB (1u << MB_HIST_SUB_BITS)
#define MB_HIST_MAX_BITS 40                     /* top power of two: values < 2^41 ns (~36 min) */
#define MB_HIST_BUCKETS (MB_HIST_SUB + (MB_HIST_MAX_BITS - MB_HIST_SUB_BITS + 1) * MB_HIST_SUB)

struct mb_hist {
	uint64_t count;        /* values recorded */
	uint64_t max;          /* exact largest value */
	uint64_t min;          /* exact smallest value (UINT64_MAX when empty) */
	uint64_t overflow;     /* values above the range, counted in the last bucket too */
	uint64_t n[MB_HIST_BUCKETS];
};

void mb_hist_init(struct mb_hist *h);
/* Adds one value (ns). Values past the range go to the last bucket. */
void mb_hist_record(struct mb_hist *h, uint64_t v);
/* Adds every count of src into dst (threads combine their histograms). */
void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src);
/* The value at quantile q (0 < q <= 1): the highest value equivalent to the
 * bucket holding the ceil(q * count)-th smallest value, capped at max. 0 when empty. */
uint64_t mb_hist_quantile(const struct mb_hist *h, double q);

/* Bucket geometry, for writing the histogram out: index -> [lo, hi] values.
 * i < MB_HIST_BUCKETS (larger i reads as the last bucket, whose hi is
 * 2^41 - 1 although it also counts the overflow). */
size_t mb_hist_index(uint64_t v);
uint64_t mb_hist_bucket_lo(size_t i);
uint64_t mb_hist_bucket_hi(size_t i);

#endif
