/* offsets.c: seq, rand, rev and stride offset plans (see offsets.h). */
#include "offsets.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uint64_t mb_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Unbiased integer in [0, n) (Lemire's multiply-and-reject). */
static uint64_t below(uint64_t *state, uint64_t n)
{
	unsigned __int128 m = (unsigned __int128)mb_splitmix64(state) * n;
	uint64_t lo = (uint64_t)m;

	if (lo < n) {
		uint64_t t = -n % n;

		while (lo < t) {
			m = (unsigned __int128)mb_splitmix64(state) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

int mb_plan_init(struct mb_plan *p, enum mb_pattern pat, uint64_t file_size, uint64_t block,
		 uint64_t seed, uint64_t stride)
{
	memset(p, 0, sizeof(*p));
	if (!block || (pat == MB_STRIDE && !stride))
		return -EINVAL;
	p->pattern = pat;
	p->file_size = file_size;
	p->block = block;
	p->nblocks = file_size / block + (file_size % block != 0);
	p->seed = seed;
	p->stride = stride;
	if (pat == MB_SEQ || !p->nblocks)
		return 0;
	if (p->nblocks > SIZE_MAX / sizeof(*p->order))
		return -ENOMEM;
	p->order = malloc(p->nblocks * sizeof(*p->order));
	if (!p->order)
		return -ENOMEM;
	if (pat == MB_REV) {
		for (uint64_t i = 0; i < p->nblocks; i++)
			p->order[i] = p->nblocks - 1 - i;
	} else if (pat == MB_STRIDE) {
		uint64_t k = 0;

		for (uint64_t start = 0; start < stride && start < p->nblocks; start++)
			for (uint64_t b = start; b < p->nblocks; b += stride)
				p->order[k++] = b;
	} else {
		uint64_t st = seed;

		for (uint64_t i = 0; i < p->nblocks; i++)
			p->order[i] = i;
		/* Fisher-Yates */
		for (uint64_t i = p->nblocks - 1; i > 0; i--) {
			uint64_t j = below(&st, i + 1), t = p->order[i];

			p->order[i] = p->order[j];
			p->order[j] = t;
		}
	}
	return 0;
}

void mb_plan_free(struct mb_plan *p)
{
	free(p->order);
	p->order = NULL;
}

struct mb_slice mb_plan_all(const struct mb_plan *p)
{
	struct mb_slice s = {.first = 0, .count = p->nblocks, .stride = 1};

	return s;
}

static const char *const pattern_names[MB_PATTERN_COUNT] = {"seq", "rand", "rev", "stride"};

const char *mb_pattern_name(enum mb_pattern pat)
{
	return pat < MB_PATTERN_COUNT ? pattern_names[pat] : "?";
}

int mb_pattern_parse(const char *name, enum mb_pattern *out)
{
	for (int i = 0; i < MB_PATTERN_COUNT; i++)
		if (!strcmp(name, pattern_names[i])) {
			*out = (enum mb_pattern)i;
			return 0;
		}
	return -EINVAL;
}
