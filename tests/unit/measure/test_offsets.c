/* test_offsets.c: the planned offsets of src/measure/offsets.c: seq order, rand as a seeded
 * permutation of every block (each once, same seed same order, another seed
 * another order), block counts with a short last block, the last block's
 * length, invalid and empty plans, pattern names. */
#include "unit.h"

#include "offsets.h"

static void seq_order(void **state)
{
	struct mb_plan p;
	struct mb_slice s;

	(void)state;
	assert_int_equal(mb_plan_init(&p, MB_SEQ, 10 * 4096, 4096, 1, 1), 0);
	assert_int_equal(p.nblocks, 10);
	assert_null(p.order);
	s = mb_plan_all(&p);
	assert_int_equal(s.first, 0);
	assert_int_equal(s.count, 10);
	assert_int_equal(s.stride, 1);
	for (uint64_t i = 0; i < p.nblocks; i++) {
		assert_int_equal(mb_plan_offset(&p, i), i * 4096);
		assert_int_equal(mb_plan_len(&p, mb_plan_offset(&p, i)), 4096);
	}
	mb_plan_free(&p);
}

/* Checks that p.order holds every block index exactly once. */
static void assert_permutation(const struct mb_plan *p)
{
	unsigned char *seen = calloc(p->nblocks, 1);

	assert_non_null(seen);
	assert_non_null(p->order);
	for (uint64_t i = 0; i < p->nblocks; i++) {
		uint64_t b = p->order[i];

		if (b >= p->nblocks)
			fail_msg("order[%llu] = %llu, past the %llu blocks", (unsigned long long)i,
				 (unsigned long long)b, (unsigned long long)p->nblocks);
		if (seen[b])
			fail_msg("block %llu planned twice", (unsigned long long)b);
		seen[b] = 1;
		assert_int_equal(mb_plan_offset(p, i), b * p->block);
	}
	free(seen);
}

static void rand_is_permutation(void **state)
{
	static const uint64_t counts[] = {1, 2, 3, 7, 64, 1000, 4097};

	(void)state;
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		struct mb_plan p;

		assert_int_equal(mb_plan_init(&p, MB_RAND, counts[k] * 512, 512, 42 + k, 1), 0);
		assert_int_equal(p.nblocks, counts[k]);
		assert_permutation(&p);
		mb_plan_free(&p);
		assert_null(p.order);
	}
}

/* Not the identity, and not a rotation or reversal of it. */
static void rand_is_shuffled(void **state)
{
	struct mb_plan p;
	uint64_t fixed = 0, ascending = 0;

	(void)state;
	assert_int_equal(mb_plan_init(&p, MB_RAND, 1000ull * 4096, 4096, 1, 1), 0);
	for (uint64_t i = 0; i < p.nblocks; i++) {
		fixed += p.order[i] == i;
		ascending += i && p.order[i] == p.order[i - 1] + 1;
	}
	/* a random permutation of 1000 has ~1 fixed point and ~1 ascent by one */
	assert_in_range(fixed, 0, 10);
	assert_in_range(ascending, 0, 10);
	mb_plan_free(&p);
}

/* Over many seeds, every order of 4 blocks comes up about equally often (a
 * biased or cyclic-only shuffle, such as Sattolo's, would not). */
static void rand_is_uniform(void **state)
{
	enum { N = 4, NPERM = 24, ROUNDS = 24000 };
	unsigned counts[NPERM] = {0};

	(void)state;
	for (uint64_t seed = 0; seed < ROUNDS; seed++) {
		struct mb_plan p;
		unsigned code = 0, used = 0;

		assert_int_equal(mb_plan_init(&p, MB_RAND, N * 4096, 4096, seed, 1), 0);
		/* Lehmer code: rank of each element among those not yet used */
		for (unsigned i = 0; i < N; i++) {
			unsigned b = (unsigned)p.order[i], rank = 0;

			for (unsigned k = 0; k < b; k++)
				rank += !(used & (1u << k));
			used |= 1u << b;
			code = code * (N - i) + rank;
		}
		assert_true(used == (1u << N) - 1);
		counts[code]++;
		mb_plan_free(&p);
	}
	/* expected 1000 each, sd ~31 */
	for (unsigned c = 0; c < NPERM; c++)
		if (counts[c] < 800 || counts[c] > 1200)
			fail_msg("order #%u came up %u times in %u seeds (expected ~1000)", c, counts[c],
				 ROUNDS);
}

static void rand_deterministic_per_seed(void **state)
{
	struct mb_plan a, b, c;

	(void)state;
	assert_int_equal(mb_plan_init(&a, MB_RAND, 1ull << 30, 1 << 16, 7, 1), 0);
	assert_int_equal(mb_plan_init(&b, MB_RAND, 1ull << 30, 1 << 16, 7, 1), 0);
	assert_int_equal(mb_plan_init(&c, MB_RAND, 1ull << 30, 1 << 16, 8, 1), 0);
	assert_int_equal(a.nblocks, 16384);
	assert_memory_equal(a.order, b.order, a.nblocks * sizeof(*a.order));
	assert_memory_not_equal(a.order, c.order, a.nblocks * sizeof(*a.order));
	assert_permutation(&c);
	mb_plan_free(&a);
	mb_plan_free(&b);
	mb_plan_free(&c);
}

static void short_last_block(void **state)
{
	static const enum mb_pattern pats[] = {MB_SEQ, MB_RAND};

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct mb_plan p;
		uint64_t total = 0, last_seen = 0;

		assert_int_equal(mb_plan_init(&p, pats[k], 10000, 4096, 3, 1), 0);
		assert_int_equal(p.nblocks, 3);
		assert_int_equal(mb_plan_len(&p, 0), 4096);
		assert_int_equal(mb_plan_len(&p, 4096), 4096);
		assert_int_equal(mb_plan_len(&p, 8192), 10000 - 8192);
		for (uint64_t i = 0; i < p.nblocks; i++) {
			uint64_t off = mb_plan_offset(&p, i);

			total += mb_plan_len(&p, off);
			last_seen += off == 8192;
		}
		assert_int_equal(total, 10000); /* every byte planned exactly once */
		assert_int_equal(last_seen, 1);
		mb_plan_free(&p);
	}
	/* exact multiple: no short block; one byte over: one more block */
	{
		struct mb_plan p;

		assert_int_equal(mb_plan_init(&p, MB_SEQ, 8192, 4096, 0, 1), 0);
		assert_int_equal(p.nblocks, 2);
		assert_int_equal(mb_plan_len(&p, 4096), 4096);
		assert_int_equal(mb_plan_init(&p, MB_SEQ, 8193, 4096, 0, 1), 0);
		assert_int_equal(p.nblocks, 3);
		assert_int_equal(mb_plan_len(&p, 8192), 1);
		/* a block larger than the file: one short block */
		assert_int_equal(mb_plan_init(&p, MB_SEQ, 100, 4096, 0, 1), 0);
		assert_int_equal(p.nblocks, 1);
		assert_int_equal(mb_plan_len(&p, 0), 100);
	}
}

static void block_zero_is_invalid(void **state)
{
	struct mb_plan p;

	(void)state;
	assert_int_equal(mb_plan_init(&p, MB_SEQ, 4096, 0, 1, 1), -EINVAL);
	assert_int_equal(mb_plan_init(&p, MB_RAND, 4096, 0, 1, 1), -EINVAL);
	assert_null(p.order);
	mb_plan_free(&p); /* safe after a failed init */
}

static void empty_file_has_no_blocks(void **state)
{
	struct mb_plan p;
	struct mb_slice s;

	(void)state;
	assert_int_equal(mb_plan_init(&p, MB_SEQ, 0, 4096, 1, 1), 0);
	assert_int_equal(p.nblocks, 0);
	mb_plan_free(&p);
	assert_int_equal(mb_plan_init(&p, MB_RAND, 0, 4096, 1, 1), 0);
	assert_int_equal(p.nblocks, 0);
	s = mb_plan_all(&p);
	assert_int_equal(s.count, 0);
	mb_plan_free(&p);
}

static void pattern_names(void **state)
{
	enum mb_pattern pat = MB_RAND;

	(void)state;
	assert_string_equal(mb_pattern_name(MB_SEQ), "seq");
	assert_string_equal(mb_pattern_name(MB_RAND), "rand");
	assert_int_equal(mb_pattern_parse("seq", &pat), 0);
	assert_int_equal(pat, MB_SEQ);
	assert_int_equal(mb_pattern_parse("rand", &pat), 0);
	assert_int_equal(pat, MB_RAND);
	assert_int_equal(mb_pattern_parse("random", &pat), -EINVAL);
	assert_int_equal(mb_pattern_parse("", &pat), -EINVAL);
	assert_int_equal(mb_pattern_parse("SEQ", &pat), -EINVAL);
}

/* 2^61 blocks: nblocks * sizeof(uint64_t) wraps to 0 in 64 bits. The plan
 * cannot be made, and must say so rather than write past a tiny buffer. */
static int huge_rand_plan_child(void *arg)
{
	struct mb_plan p;
	int rc;

	(void)arg;
	rc = mb_plan_init(&p, MB_RAND, 1ull << 63, 4, 1, 1);
	mb_plan_free(&p);
	return rc != -ENOMEM && rc != -EINVAL && rc != -EFBIG;
}

static void huge_rand_plan(void **state)
{
	(void)state;
	ut_in_child(huge_rand_plan_child, NULL, "mb_plan_init(MB_RAND, 2^63 bytes, block 4, 1)");
}

/* splitmix64 reference values (Vigna's splitmix64.c, seed 0). */
static void splitmix64_vectors(void **state)
{
	uint64_t st = 0;

	(void)state;
	assert_int_equal(mb_splitmix64(&st), 0xe220a8397b1dcdafull);
	assert_int_equal(mb_splitmix64(&st), 0x6e789e6aa1b965f4ull);
	assert_int_equal(mb_splitmix64(&st), 0x06c45d188009454full);
	assert_int_equal(st, 3 * 0x9e3779b97f4a7c15ull);
}

/* rev: the last block first; stride S: 0, S, 2S, ... then 1, S+1, ...; both
 * visit every block exactly once, also when S exceeds the block count or does
 * not divide it. Stride 0 is refused. */
static void rev_and_stride_orders(void **state)
{
	static const uint64_t strides[] = {1, 3, 4, 10, 11, 100};
	struct mb_plan p;

	(void)state;
	assert_int_equal(mb_plan_init(&p, MB_REV, 10 * 4096 + 1, 4096, 1, 1), 0);
	assert_int_equal(p.nblocks, 11);
	for (uint64_t i = 0; i < 11; i++)
		assert_int_equal(mb_plan_offset(&p, i), (10 - i) * 4096);
	assert_int_equal(mb_plan_len(&p, mb_plan_offset(&p, 0)), 1); /* the short block first */
	mb_plan_free(&p);
	for (size_t k = 0; k < sizeof(strides) / sizeof(strides[0]); k++) {
		uint64_t s = strides[k], seen[11] = {0}, prev = 0, start = 0;

		assert_int_equal(mb_plan_init(&p, MB_STRIDE, 11 * 4096, 4096, 1, s), 0);
		for (uint64_t i = 0; i < p.nblocks; i++) {
			uint64_t b = mb_plan_offset(&p, i) / 4096;

			assert_true(b < 11);
			seen[b]++;
			/* within a pass +S; a new pass starts one after the previous start */
			if (i && b != prev + s)
				assert_int_equal(b, ++start);
			prev = b;
		}
		for (uint64_t b = 0; b < 11; b++)
			assert_int_equal(seen[b], 1);
		assert_int_equal(mb_plan_offset(&p, 0), 0);
		if (s > 1 && s < 11)
			assert_int_equal(mb_plan_offset(&p, 1), s * 4096);
		mb_plan_free(&p);
	}
	assert_int_equal(mb_plan_init(&p, MB_STRIDE, 4096, 4096, 1, 0), -EINVAL);
	assert_string_equal(mb_pattern_name(MB_REV), "rev");
	assert_string_equal(mb_pattern_name(MB_STRIDE), "stride");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_order),
		cmocka_unit_test(rand_is_permutation),
		cmocka_unit_test(rand_is_shuffled),
		cmocka_unit_test(rand_is_uniform),
		cmocka_unit_test(rand_deterministic_per_seed),
		cmocka_unit_test(short_last_block),
		cmocka_unit_test(block_zero_is_invalid),
		cmocka_unit_test(empty_file_has_no_blocks),
		cmocka_unit_test(pattern_names),
		cmocka_unit_test(splitmix64_vectors),
		cmocka_unit_test(huge_rand_plan),
		cmocka_unit_test(rev_and_stride_orders),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
