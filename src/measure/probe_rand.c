/* probe_rand.c: the machine probe's random-access figures: what a block
 * costs more when it is read at a random place than right after the block
 * before it (prefetch restarts, cache and TLB misses), for 4 KiB and
 * 128 KiB blocks. Each sample checksums the same blocks of a working set
 * larger than any CPU cache (in 2 MiB pages, as memread's copy and a
 * PMD-mapped file are) once in order and once in a fixed random order,
 * caches evicted before each; the figure is the difference per block (0
 * when the random order came out no slower). */
#include "probe.h"
#include "checksum.h"
#include "util.h"

#include <stdio.h>

static volatile uint64_t sink;

/* A random order of n blocks (Fisher-Yates over a fixed xorshift stream:
 * the same order every time). */
static void shuffle(uint32_t *perm, uint32_t n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j, t;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		j = (uint32_t)(x % (i + 1));
		t = perm[i], perm[i] = perm[j], perm[j] = t;
	}
}

/* Checksums the n blocks of far in order (rand 0) or in perm's order. */
static uint64_t blocks(const struct mb_probe_ctx *c, size_t block, uint32_t n, int rand)
{
	const unsigned char *far = c->far;
	uint64_t s = 0;

	for (uint32_t i = 0; i < n; i++)
		s += mb_csum(0, far + (size_t)(rand ? c->perm[i] : i) * block, block);
	return s;
}

/* ns of one pass over the n blocks, caches cold at its start */
static double pass(struct mb_probe_ctx *c, size_t block, uint32_t n, int rand)
{
	uint64_t t0;

	mb_probe_evict(c);
	t0 = mb_now_ns();
	sink += blocks(c, block, n, rand);
	return (double)(mb_now_ns() - t0);
}

static int rand_block(struct mb_probe_ctx *c, size_t block, double *v)
{
	uint32_t n = (uint32_t)(MB_PROBE_FAR / block);
	double seq, rnd;

	shuffle(c->perm, n);
	seq = pass(c, block, n, 0);
	rnd = pass(c, block, n, 1);
	/* a random order that came out no slower is no cost: noise, not a gain */
	*v = rnd > seq ? (rnd - seq) / n : 0;
	return 0;
}

int mb_probe_rand_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	return rand_block(c, 4096, v);
}

int mb_probe_rand_128k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	return rand_block(c, 131072, v);
}
