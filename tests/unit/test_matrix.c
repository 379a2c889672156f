/* test_matrix.c: the run matrix of src/matrix.c: item counts for a spec,
 * methods varying fastest, methods without MB_CAP_FILE (memread) run once per
 * (size, block, pattern) with MB_CACHE_NA, blocks larger than the file
 * skipped and described, tiny files keeping only the smallest block. */
#include "unit.h"

#include "matrix.h"

#define K 1024ull
#define M (1024ull * K)

static const struct mb_method file_a = {.name = "file-a", .caps = MB_CAP_FILE};
static const struct mb_method file_b = {.name = "file-b", .caps = MB_CAP_FILE | MB_CAP_MMAP};
static const struct mb_method nofile = {.name = "nofile", .caps = 0};

static void spec_init(struct mb_matrix_spec *s, const uint64_t *sizes, size_t nsizes,
		      const uint64_t *blocks, size_t nblocks)
{
	memset(s, 0, sizeof(*s));
	s->methods[0] = &file_a;
	s->methods[1] = &file_b;
	s->methods[2] = &nofile;
	s->nmethods = 3;
	s->patterns[0] = MB_SEQ;
	s->patterns[1] = MB_RAND;
	s->npatterns = 2;
	s->caches[0] = MB_CACHE_WARM;
	s->caches[1] = MB_CACHE_COLD;
	s->ncaches = 2;
	s->sizes.n = nsizes;
	memcpy(s->sizes.v, sizes, nsizes * sizeof(*sizes));
	s->blocks.n = nblocks;
	memcpy(s->blocks.v, blocks, nblocks * sizeof(*blocks));
}

/* The items of spec_init's spec cut down to one method (file_a), one pattern
 * (seq) and one cache state (warm), so that they differ only by size and
 * block; fails unless mb_matrix_build succeeds. Free with free(). */
static struct mb_matrix_item *build_one(const uint64_t *sizes, size_t nsizes, const uint64_t *blocks,
					size_t nblocks, size_t *n, char *skipped, size_t skiplen)
{
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;

	spec_init(&s, sizes, nsizes, blocks, nblocks);
	s.nmethods = 1;
	s.npatterns = 1;
	s.ncaches = 1;
	assert_int_equal(mb_matrix_build(&s, &it, n, skipped, skiplen), 0);
	return it;
}

static size_t count_items(const struct mb_matrix_item *it, size_t n, const struct mb_method *m,
			  size_t size_idx, uint64_t block)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += (!m || it[i].method == m) && it[i].size_idx == size_idx && (!block || it[i].block == block);
	return c;
}

static void full_product(void **state)
{
	static const uint64_t sizes[] = {M, 4 * M};
	static const uint64_t blocks[] = {4 * K, 64 * K, M};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 99;
	char skipped[256] = "junk";

	(void)state;
	spec_init(&s, sizes, 2, blocks, 3);
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	/* per (size, block): 2 file methods x 2 patterns x 2 caches + 1 x 2 patterns */
	assert_int_equal(n, 2 * 3 * (2 * 2 * 2 + 2));
	assert_string_equal(skipped, "");
	for (size_t si = 0; si < 2; si++)
		for (size_t bi = 0; bi < 3; bi++) {
			assert_int_equal(count_items(it, n, &file_a, si, blocks[bi]), 4);
			assert_int_equal(count_items(it, n, &file_b, si, blocks[bi]), 4);
			assert_int_equal(count_items(it, n, &nofile, si, blocks[bi]), 2);
		}
	/* every (method, pattern, cache, size, block) at most once */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_false(it[i].method == it[j].method && it[i].pattern == it[j].pattern &&
				     it[i].cache == it[j].cache && it[i].size_idx == it[j].size_idx &&
				     it[i].block == it[j].block);
	/* methods vary fastest: the first items are one configuration, three methods */
	assert_ptr_equal(it[0].method, &file_a);
	assert_ptr_equal(it[1].method, &file_b);
	assert_ptr_equal(it[2].method, &nofile);
	assert_int_equal(it[0].pattern, it[1].pattern);
	assert_int_equal(it[0].cache, it[1].cache);
	assert_int_equal(it[0].block, it[2].block);
	free(it);
}

static void no_file_methods_once_without_cache(void **state)
{
	static const uint64_t sizes[] = {M};
	static const uint64_t blocks[] = {4 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, seen_seq = 0, seen_rand = 0;
	const struct mb_method *memread = mb_method_find("memread");
	char skipped[64];

	(void)state;
	assert_non_null(memread);
	assert_int_equal(memread->caps & MB_CAP_FILE, 0);
	spec_init(&s, sizes, 1, blocks, 1);
	s.methods[2] = memread;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 2 * 2 * 2 + 2);
	for (size_t i = 0; i < n; i++) {
		if (it[i].method == memread) {
			assert_int_equal(it[i].cache, MB_CACHE_NA);
			seen_seq += it[i].pattern == MB_SEQ;
			seen_rand += it[i].pattern == MB_RAND;
		} else {
			assert_true(it[i].cache == MB_CACHE_WARM || it[i].cache == MB_CACHE_COLD);
		}
	}
	assert_int_equal(seen_seq, 1);
	assert_int_equal(seen_rand, 1);
	free(it);

	/* with a single cache state, still once; with only memread, once per pattern */
	s.ncaches = 1;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 2 * 2 * 1 + 2);
	free(it);
	s.methods[0] = memread;
	s.nmethods = 1;
	s.ncaches = 2;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 2);
	free(it);
}

static void block_larger_than_file_skipped(void **state)
{
	static const uint64_t sizes[] = {64 * K, M};
	static const uint64_t blocks[] = {4 * K, 64 * K, 128 * K, 256 * K};
	struct mb_matrix_item *it;
	size_t n = 0;
	char skipped[256];

	(void)state;
	it = build_one(sizes, 2, blocks, 4, &n, skipped, sizeof(skipped));
	/* 64K file: 4K and 64K (equal to the file) run; 1M file: all four */
	assert_int_equal(n, 2 + 4);
	assert_int_equal(count_items(it, n, NULL, 0, 128 * K), 0);
	assert_int_equal(count_items(it, n, NULL, 0, 256 * K), 0);
	assert_int_equal(count_items(it, n, NULL, 0, 64 * K), 1);
	assert_int_equal(count_items(it, n, NULL, 1, 256 * K), 1);
	assert_string_equal(skipped, "128K for 64K, 256K for 64K");
	free(it);
}

static void tiny_file_keeps_smallest_block(void **state)
{
	static const uint64_t sizes[] = {1000, 0, 8 * K};
	static const uint64_t blocks[] = {16 * K, 4 * K, 64 * K};
	struct mb_matrix_item *it;
	size_t n = 0;
	char skipped[256];

	(void)state;
	it = build_one(sizes, 3, blocks, 3, &n, skipped, sizeof(skipped));
	/* 1000 B and 0 B: only 4K, the smallest; 8K: only 4K too */
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(it[i].block, 4 * K);
		assert_int_equal(it[i].size_idx, i);
	}
	assert_contains(skipped, "16K for 1000");
	assert_contains(skipped, "64K for 1000");
	assert_contains(skipped, "16K for 0");
	assert_contains(skipped, "64K for 8K");
	assert_contains(skipped, "16K for 8K");
	assert_null(strstr(skipped, ", 4K for")); /* the smallest block is never skipped */
	assert_true(strncmp(skipped, "4K for", 6) != 0);
	free(it);
}

/* Skip notes longer than the buffer are cut with ", ...", never overflowing. */
static void skipped_text_truncated(void **state)
{
	uint64_t sizes[40], blocks[] = {4 * K, M};
	struct mb_matrix_item *it;
	size_t n = 0;
	char skipped[128];

	(void)state;
	for (size_t i = 0; i < 40; i++)
		sizes[i] = 8 * K * (i + 1);
	memset(skipped, 'x', sizeof(skipped));
	it = build_one(sizes, 40, blocks, 2, &n, skipped, sizeof(skipped));
	assert_int_equal(n, 40);
	assert_non_null(memchr(skipped, '\0', sizeof(skipped)));
	assert_true(strncmp(skipped, "1M for 8K, 1M for 16K", 21) == 0);
	assert_contains(skipped, "...");
	free(it);
}

/* A buffer too small for even one note stays a valid string. */
static void skipped_tiny_buffer(void **state)
{
	static const uint64_t sizes[] = {8 * K};
	static const uint64_t blocks[] = {4 * K, M};
	struct mb_matrix_item *it;
	size_t n = 0;
	struct {
		char before[16];
		char skipped[24];
		char after[16];
	} buf;

	(void)state;
	memset(&buf, 'x', sizeof(buf));
	it = build_one(sizes, 1, blocks, 2, &n, buf.skipped, sizeof(buf.skipped));
	assert_int_equal(n, 1);
	assert_non_null(memchr(buf.skipped, '\0', sizeof(buf.skipped)));
	assert_true(buf.skipped[0] != ',');
	for (size_t i = 0; i < sizeof(buf.before); i++)
		assert_int_equal(buf.before[i], 'x');
	for (size_t i = 0; i < sizeof(buf.after); i++)
		assert_int_equal(buf.after[i], 'x');
	free(it);
}

/* skiplen 0 (and no buffer): the caller does not want the notes. */
static int build_without_notes(void *arg)
{
	static const uint64_t sizes[] = {8 * K};
	static const uint64_t blocks[] = {4 * K, M};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0;
	int rc;

	(void)arg;
	spec_init(&s, sizes, 1, blocks, 2);
	rc = mb_matrix_build(&s, &it, &n, NULL, 0);
	free(it);
	return rc || n != 2 * 2 * 2 + 2;
}

static void skipped_no_buffer(void **state)
{
	(void)state;
	ut_in_child(build_without_notes, NULL, "mb_matrix_build(..., NULL, 0) with a skipped block");
}

static void empty_lists(void **state)
{
	static const uint64_t sizes[] = {M};
	static const uint64_t blocks[] = {4 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 99;
	char skipped[64];

	(void)state;
	spec_init(&s, sizes, 1, blocks, 1);
	s.nmethods = 0;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 0);
	free(it);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_product),
		cmocka_unit_test(no_file_methods_once_without_cache),
		cmocka_unit_test(block_larger_than_file_skipped),
		cmocka_unit_test(tiny_file_keeps_smallest_block),
		cmocka_unit_test(skipped_text_truncated),
		cmocka_unit_test(skipped_tiny_buffer),
		cmocka_unit_test(skipped_no_buffer),
		cmocka_unit_test(empty_lists),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
