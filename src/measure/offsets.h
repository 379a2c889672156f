/* offsets.h: the planned offsets of a run. seq visits blocks 0..n-1; rand visits
 * a seeded random permutation of every block, identical for every method at
 * the same seed, file size and block size; rev visits n-1..0 (iozone's
 * backwards read); stride S visits 0, S, 2S, ..., then 1, S+1, ..., then 2,
 * ... (iozone's stride read, made to cover every block once). Every plan
 * visits every block exactly once. The last block may be short. */
#ifndef MB_OFFSETS_H
#define MB_OFFSETS_H

#include <stdint.h>

enum mb_pattern { MB_SEQ, MB_RAND, MB_REV, MB_STRIDE, MB_PATTERN_COUNT };

struct mb_plan {
	enum mb_pattern pattern;
	uint64_t file_size;
	uint64_t block;
	uint64_t nblocks; /* ceil(file_size / block) */
	uint64_t seed;
	uint64_t stride;  /* blocks, for stride */
	uint64_t *order;  /* block indexes, NULL for seq */
};

/* Part of the plan done by one worker: plan items first, first+stride, ... */
struct mb_slice {
	uint64_t first;
	uint64_t count;
	uint64_t stride;
};

/* 0 or -errno (-EINVAL for block 0 or stride 0, -ENOMEM). seed: of rand;
 * stride: of stride (ignored by the others). */
int mb_plan_init(struct mb_plan *p, enum mb_pattern pat, uint64_t file_size, uint64_t block,
		 uint64_t seed, uint64_t stride);
void mb_plan_free(struct mb_plan *p);

/* The whole plan as one slice. */
struct mb_slice mb_plan_all(const struct mb_plan *p);

static inline uint64_t mb_plan_offset(const struct mb_plan *p, uint64_t i)
{
	return (p->order ? p->order[i] : i) * p->block;
}

static inline uint64_t mb_plan_len(const struct mb_plan *p, uint64_t off)
{
	uint64_t left = p->file_size - off;

	return left < p->block ? left : p->block;
}

const char *mb_pattern_name(enum mb_pattern pat);
/* 0 and *out, or -EINVAL for an unknown name. */
int mb_pattern_parse(const char *name, enum mb_pattern *out);

/* The seeded generator behind the plan (splitmix64), also used by datasets. */
uint64_t mb_splitmix64(uint64_t *state);

#endif
