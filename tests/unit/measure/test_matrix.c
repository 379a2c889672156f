/* test_matrix.c: the run matrix of src/measure/matrix.c: item counts for a spec
 * (sizes x blocks x patterns x caches x threads x consumes x advices x
 * methods), methods varying fastest, methods without MB_CAP_FILE (memread)
 * run once per (size, block, pattern, threads, consume, advice) with
 * MB_CACHE_NA, blocks larger than the file skipped and described, tiny files
 * keeping only the smallest block, and advice, consume modes, thread counts
 * and (for the methods of one page per operation) blocks a method does not
 * take skipped with one note per kind, however many configurations they would
 * have been in; without --consume, a method of one consume mode runs with it;
 * a write method that writes no file has no target. */
#include "unit.h"

#include "matrix.h"

#define K 1024ull
#define M (1024ull * K)

#define ALL_ADVICE ((1u << MB_ADV_COUNT) - 1)

/* Methods that take every advice and consume mode and any number of threads,
 * so that the tests of sizes and blocks see every item. */
static const struct mb_method file_a = {.name = "file-a", .caps = MB_CAP_FILE | MB_CAP_THREADS,
					.advice_mask = ALL_ADVICE, .consume_mask = MB_CONSUME_ALL};
static const struct mb_method file_b = {.name = "file-b",
					.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS,
					.advice_mask = ALL_ADVICE, .consume_mask = MB_CONSUME_ALL};
static const struct mb_method nofile = {.name = "nofile", .caps = MB_CAP_THREADS,
					.advice_mask = ALL_ADVICE, .consume_mask = MB_CONSUME_ALL};

/* Methods with the masks and caps of the real kinds. */
static const struct mb_method fd_m = {.name = "fd-m", .caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_THREADS,
				      .advice_mask = MB_ADVICE_FD, .consume_mask = MB_CONSUME_SUM_ONLY};
static const struct mb_method map_m = {.name = "map-m",
				       .caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS,
				       .advice_mask = MB_ADVICE_MMAP, .consume_mask = MB_CONSUME_ALL};
static const struct mb_method single = {.name = "single", .caps = MB_CAP_FILE | MB_CAP_FD,
					.advice_mask = MB_ADVICE_FD, .consume_mask = MB_CONSUME_SUM_ONLY};
static const struct mb_method mem_m = {.name = "mem-m", .caps = MB_CAP_THREADS,
				       .advice_mask = MB_ADVICE_NONE_ONLY, .consume_mask = MB_CONSUME_ALL};

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
	s->advices[0] = MB_ADV_NONE;
	s->nadvices = 1;
	s->consumes[0] = MB_CONSUME_SUM;
	s->nconsumes = 1;
	s->threads.n = 1;
	s->threads.v[0] = 1;
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

/* Occurrences of needle in haystack. */
static size_t occurrences(const char *haystack, const char *needle)
{
	size_t c = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		c++;
	return c;
}

/* Fails unless no two items are the same configuration. */
static void assert_unique(const struct mb_matrix_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (it[i].method == it[j].method && it[i].pattern == it[j].pattern &&
			    it[i].cache == it[j].cache && it[i].size_idx == it[j].size_idx &&
			    it[i].block == it[j].block && it[i].threads == it[j].threads &&
			    it[i].consume == it[j].consume && it[i].advice == it[j].advice)
				fail_msg("items %zu and %zu are the same configuration (%s)", i, j,
					 it[i].method->name);
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
	assert_unique(it, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(it[i].threads, 1);
		assert_int_equal(it[i].consume, MB_CONSUME_SUM);
		assert_int_equal(it[i].advice, MB_ADV_NONE);
	}
	/* methods vary fastest: the first items are one configuration, three methods */
	assert_ptr_equal(it[0].method, &file_a);
	assert_ptr_equal(it[1].method, &file_b);
	assert_ptr_equal(it[2].method, &nofile);
	assert_int_equal(it[0].pattern, it[1].pattern);
	assert_int_equal(it[0].cache, it[1].cache);
	assert_int_equal(it[0].block, it[2].block);
	free(it);
}

/* advices x consumes x threads multiply the product; every combination once,
 * with methods varying fastest and then advice, consume and threads. */
static void full_product_with_variants(void **state)
{
	static const uint64_t sizes[] = {M, 4 * M};
	static const uint64_t blocks[] = {4 * K, 64 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0;
	char notes[256] = "junk";
	size_t per_file, per_nofile;

	(void)state;
	spec_init(&s, sizes, 2, blocks, 2);
	s.advices[0] = MB_ADV_NONE;
	s.advices[1] = MB_ADV_RANDOM;
	s.advices[2] = MB_ADV_WILLNEED;
	s.nadvices = 3;
	s.consumes[0] = MB_CONSUME_SUM;
	s.consumes[1] = MB_CONSUME_COPY;
	s.nconsumes = 2;
	s.threads.n = 3;
	s.threads.v[0] = 1;
	s.threads.v[1] = 2;
	s.threads.v[2] = 8;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_string_equal(notes, "");
	/* per (size, block, pattern): file methods x caches x threads x consumes x advices */
	per_file = 2 * 3 * 2 * 3;
	per_nofile = 3 * 2 * 3;
	assert_int_equal(n, 2 * 2 * 2 * (2 * per_file + per_nofile));
	assert_unique(it, n);
	for (size_t si = 0; si < 2; si++)
		for (size_t bi = 0; bi < 2; bi++) {
			assert_int_equal(count_items(it, n, &file_a, si, blocks[bi]), 2 * per_file);
			assert_int_equal(count_items(it, n, &nofile, si, blocks[bi]), 2 * per_nofile);
		}
	for (size_t i = 0; i < n; i++) {
		int t = it[i].threads;

		assert_true(t == 1 || t == 2 || t == 8);
		assert_true(it[i].consume == MB_CONSUME_SUM || it[i].consume == MB_CONSUME_COPY);
		assert_true(it[i].advice == MB_ADV_NONE || it[i].advice == MB_ADV_RANDOM ||
			    it[i].advice == MB_ADV_WILLNEED);
	}
	/* the first configuration: three methods side by side, then the next advice */
	assert_ptr_equal(it[0].method, &file_a);
	assert_ptr_equal(it[1].method, &file_b);
	assert_ptr_equal(it[2].method, &nofile);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(it[i].advice, MB_ADV_NONE);
		assert_int_equal(it[i].consume, MB_CONSUME_SUM);
		assert_int_equal(it[i].threads, 1);
	}
	assert_ptr_equal(it[3].method, &file_a);
	assert_int_equal(it[3].advice, MB_ADV_RANDOM);
	assert_int_equal(it[3].consume, MB_CONSUME_SUM);
	assert_int_equal(it[3].threads, 1);
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

/* A method without MB_CAP_FILE: once per (size, block, pattern, threads,
 * consume, advice), never once per cache state, with three cache states. */
static void no_file_methods_once_per_variant(void **state)
{
	static const uint64_t sizes[] = {M, 2 * M};
	static const uint64_t blocks[] = {4 * K, 128 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, nmem = 0;
	char notes[256];
	unsigned seen[2][2][2][3][MB_CONSUME_COUNT] = {{{{{0}}}}};

	(void)state;
	spec_init(&s, sizes, 2, blocks, 2);
	s.methods[0] = &mem_m;
	s.methods[1] = &map_m;
	s.nmethods = 2;
	s.caches[2] = MB_CACHE_WARM4K;
	s.ncaches = 3;
	s.threads.n = 3;
	s.threads.v[0] = 1;
	s.threads.v[1] = 2;
	s.threads.v[2] = 3;
	s.consumes[0] = MB_CONSUME_SUM;
	s.consumes[1] = MB_CONSUME_TOUCH;
	s.consumes[2] = MB_CONSUME_COPY;
	s.nconsumes = 3;
	/* mem_m takes no advice but none: only the none items are its */
	s.advices[0] = MB_ADV_NONE;
	s.advices[1] = MB_ADV_SEQUENTIAL;
	s.nadvices = 2;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_unique(it, n);
	for (size_t i = 0; i < n; i++) {
		if (it[i].method != &mem_m) {
			assert_true(it[i].cache != MB_CACHE_NA);
			continue;
		}
		nmem++;
		assert_int_equal(it[i].cache, MB_CACHE_NA);
		assert_int_equal(it[i].advice, MB_ADV_NONE);
		seen[it[i].size_idx][it[i].block == 4 * K][it[i].pattern == MB_SEQ][it[i].threads - 1]
		    [it[i].consume]++;
	}
	/* 2 sizes x 2 blocks x 2 patterns x 3 threads x 3 consumes x 1 advice */
	assert_int_equal(nmem, 2 * 2 * 2 * 3 * 3);
	for (size_t a = 0; a < 2; a++)
		for (size_t b = 0; b < 2; b++)
			for (size_t p = 0; p < 2; p++)
				for (size_t t = 0; t < 3; t++)
					for (size_t c = 0; c < s.nconsumes; c++)
						assert_int_equal(seen[a][b][p][t][c], 1);
	/* map_m: every state, thread count, consume mode and advice */
	assert_int_equal(n - nmem, 2 * 2 * 2 * 3 * 3 * 3 * 2);
	assert_string_equal(notes, "advice sequential does not apply to: mem-m");
	free(it);
}

/* An advice a method does not take: its items are left out, other methods
 * keep theirs, and one note per (advice, method) says so, however many
 * configurations it would have been in. */
static void advice_not_taken_noted_once(void **state)
{
	static const uint64_t sizes[] = {64 * K, M, 4 * M};
	static const uint64_t blocks[] = {4 * K, 64 * K, 128 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, nfd = 0, nmap = 0;
	char notes[1024];

	(void)state;
	spec_init(&s, sizes, 3, blocks, 3);
	s.methods[0] = &fd_m;
	s.methods[1] = &map_m;
	s.nmethods = 2;
	s.advices[0] = MB_ADV_NONE;
	s.advices[1] = MB_ADV_HUGEPAGE;   /* mappings only */
	s.advices[2] = MB_ADV_RANDOM;     /* both */
	s.advices[3] = MB_ADV_NOREUSE;    /* descriptors only */
	s.advices[4] = MB_ADV_MAP_POPULATE; /* mappings only */
	s.nadvices = 5;
	s.threads.n = 2;
	s.threads.v[1] = 2;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_unique(it, n);
	for (size_t i = 0; i < n; i++) {
		enum mb_advice a = it[i].advice;

		if (it[i].method == &fd_m) {
			nfd++;
			assert_true(a == MB_ADV_NONE || a == MB_ADV_RANDOM || a == MB_ADV_NOREUSE);
		} else {
			assert_ptr_equal(it[i].method, &map_m);
			nmap++;
			assert_true(a == MB_ADV_NONE || a == MB_ADV_RANDOM || a == MB_ADV_HUGEPAGE ||
				    a == MB_ADV_MAP_POPULATE);
		}
	}
	/* (size, block) pairs that run: 64K with 4K and 64K; 1M and 4M with all three */
	assert_int_equal(nfd, (2 + 3 + 3) * 2 * 2 * 2 * 3);
	assert_int_equal(nmap, (2 + 3 + 3) * 2 * 2 * 2 * 4);
	assert_int_equal(occurrences(notes, "advice hugepage does not apply to: fd-m"), 1);
	assert_int_equal(occurrences(notes, "advice map-populate does not apply to: fd-m"), 1);
	assert_int_equal(occurrences(notes, "advice noreuse does not apply to: map-m"), 1);
	assert_int_equal(occurrences(notes, "block 128K for 64K files (larger than the file)"), 1);
	assert_null(strstr(notes, "advice none"));
	assert_null(strstr(notes, "advice random"));
	assert_null(strstr(notes, "consume"));
	assert_null(strstr(notes, "thread"));
	/* four kinds, one line each */
	assert_int_equal(occurrences(notes, "\n"), 3);
	free(it);

	/* only advice nobody takes: nothing runs, one note naming both methods */
	s.advices[0] = MB_ADV_READAHEAD;
	s.nadvices = 1;
	s.methods[0] = &map_m;
	s.methods[1] = &mem_m;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_int_equal(n, 0);
	assert_int_equal(occurrences(notes, "advice readahead does not apply to: map-m, mem-m\n"), 1);
	free(it);
}

/* The same for consume modes. */
static void consume_not_taken_noted_once(void **state)
{
	static const uint64_t sizes[] = {M, 4 * M};
	static const uint64_t blocks[] = {4 * K, 128 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, nfd = 0, nmap = 0;
	char notes[512];

	(void)state;
	spec_init(&s, sizes, 2, blocks, 2);
	s.methods[0] = &fd_m;
	s.methods[1] = &map_m;
	s.nmethods = 2;
	s.consumes[0] = MB_CONSUME_TOUCH;
	s.consumes[1] = MB_CONSUME_SUM;
	s.consumes[2] = MB_CONSUME_COPY;
	s.nconsumes = 3;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_unique(it, n);
	for (size_t i = 0; i < n; i++) {
		if (it[i].method == &fd_m) {
			nfd++;
			assert_int_equal(it[i].consume, MB_CONSUME_SUM);
		} else {
			nmap++;
		}
	}
	assert_int_equal(nfd, 2 * 2 * 2 * 2);
	assert_int_equal(nmap, 2 * 2 * 2 * 2 * 3);
	assert_int_equal(occurrences(notes, "consume touch does not apply to: fd-m"), 1);
	assert_int_equal(occurrences(notes, "consume copy does not apply to: fd-m"), 1);
	assert_null(strstr(notes, "map-m"));
	assert_null(strstr(notes, "consume sum"));
	assert_int_equal(occurrences(notes, "\n"), 1);
	free(it);
}

/* threads > 1 on a method without MB_CAP_THREADS: left out, noted once;
 * its one-thread items and the other methods' items stay. */
static void threads_not_taken_noted_once(void **state)
{
	static const uint64_t sizes[] = {M, 4 * M};
	static const uint64_t blocks[] = {4 * K, 128 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, nsingle = 0, nfd = 0;
	char notes[512];

	(void)state;
	spec_init(&s, sizes, 2, blocks, 2);
	s.methods[0] = &single;
	s.methods[1] = &fd_m;
	s.nmethods = 2;
	s.threads.n = 4;
	s.threads.v[0] = 2;
	s.threads.v[1] = 1;
	s.threads.v[2] = 3;
	s.threads.v[3] = 16;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_unique(it, n);
	for (size_t i = 0; i < n; i++) {
		if (it[i].method == &single) {
			nsingle++;
			assert_int_equal(it[i].threads, 1);
		} else {
			nfd++;
		}
	}
	assert_int_equal(nsingle, 2 * 2 * 2 * 2);
	assert_int_equal(nfd, 2 * 2 * 2 * 2 * 4);
	assert_string_equal(notes, "one thread only: single");
	free(it);

	/* one thread only asked: nothing to say */
	s.threads.n = 1;
	s.threads.v[0] = 1;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_int_equal(n, 2 * 2 * 2 * 2 * 2);
	assert_string_equal(notes, "");
	free(it);
}

/* Notes about methods whose names extend one another (read/readv,
 * pread/preadv, mmap/mmap-private) are each given: one does not hide the other. */
static void notes_of_similar_names_kept_apart(void **state)
{
	static const struct mb_method longer = {.name = "readv", .caps = MB_CAP_FILE | MB_CAP_FD,
						.advice_mask = MB_ADVICE_NONE_ONLY,
						.consume_mask = MB_CONSUME_SUM_ONLY};
	static const struct mb_method shorter = {.name = "read", .caps = MB_CAP_FILE | MB_CAP_FD,
						 .advice_mask = MB_ADVICE_NONE_ONLY,
						 .consume_mask = MB_CONSUME_SUM_ONLY};
	static const struct mb_method prefixed = {.name = "pread", .caps = MB_CAP_FILE | MB_CAP_FD,
						  .advice_mask = MB_ADVICE_NONE_ONLY,
						  .consume_mask = MB_CONSUME_SUM_ONLY};
	static const uint64_t sizes[] = {M};
	static const uint64_t blocks[] = {4 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0;
	char notes[1024];

	(void)state;
	spec_init(&s, sizes, 1, blocks, 1);
	s.methods[0] = &longer;
	s.methods[1] = &shorter;
	s.methods[2] = &prefixed;
	s.nmethods = 3;
	s.advices[0] = MB_ADV_RANDOM;
	s.nadvices = 1;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	free(it);
	assert_int_equal(n, 0);
	/* one line for the kind, each name once: read is not taken for part of readv */
	assert_string_equal(notes, "advice random does not apply to: readv, read, pread");

	s.advices[0] = MB_ADV_NONE;
	s.threads.v[0] = 2;
	s.methods[0] = &prefixed;
	s.methods[2] = &longer;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	free(it);
	assert_int_equal(n, 0);
	assert_string_equal(notes, "one thread only: pread, read, readv");
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
	assert_string_equal(skipped, "block 128K for 64K files (larger than the file)\n"
				     "block 256K for 64K files (larger than the file)");
	free(it);
}

static void tiny_file_keeps_smallest_block(void **state)
{
	static const uint64_t sizes[] = {1000, 0, 8 * K};
	static const uint64_t blocks[] = {16 * K, 4 * K, 64 * K};
	struct mb_matrix_item *it;
	size_t n = 0;
	char skipped[512];

	(void)state;
	it = build_one(sizes, 3, blocks, 3, &n, skipped, sizeof(skipped));
	/* 1000 B and 0 B: only 4K, the smallest; 8K: only 4K too */
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(it[i].block, 4 * K);
		assert_int_equal(it[i].size_idx, i);
	}
	assert_contains(skipped, "block 16K for 1000 files (larger than the file)");
	assert_contains(skipped, "block 64K for 1000 files (larger than the file)");
	assert_contains(skipped, "block 16K for 0 files (larger than the file)");
	assert_contains(skipped, "block 64K for 0 files (larger than the file)");
	assert_contains(skipped, "block 64K for 8K files (larger than the file)");
	assert_contains(skipped, "block 16K for 8K files (larger than the file)");
	assert_int_equal(occurrences(skipped, "\n"), 5);
	assert_null(strstr(skipped, "block 4K for")); /* the smallest block is never skipped */
	free(it);
}

/* Skip notes longer than the buffer are cut with a "..." line, never overflowing. */
static void skipped_text_truncated(void **state)
{
	uint64_t sizes[40], blocks[] = {4 * K, M};
	struct mb_matrix_item *it;
	size_t n = 0;
	char skipped[128];
	static const char head[] = "block 1M for 8K files (larger than the file)\n"
				   "block 1M for 16K files (larger than the file)";

	(void)state;
	for (size_t i = 0; i < 40; i++)
		sizes[i] = 8 * K * (i + 1);
	memset(skipped, 'x', sizeof(skipped));
	it = build_one(sizes, 40, blocks, 2, &n, skipped, sizeof(skipped));
	assert_int_equal(n, 40);
	assert_non_null(memchr(skipped, '\0', sizeof(skipped)));
	assert_true(strncmp(skipped, head, strlen(head)) == 0);
	assert_contains(skipped, "...");
	assert_int_equal(occurrences(skipped, "..."), 1);
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
	assert_true(buf.skipped[0] != ',' && buf.skipped[0] != ';');
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
	/* an advice, a consume mode and a thread count that single does not take */
	s.methods[2] = &single;
	s.advices[1] = MB_ADV_HUGEPAGE;
	s.nadvices = 2;
	s.consumes[1] = MB_CONSUME_TOUCH;
	s.nconsumes = 2;
	s.threads.v[1] = 2;
	s.threads.n = 2;
	rc = mb_matrix_build(&s, &it, &n, NULL, 0);
	free(it);
	/* file_a, file_b: everything; single: 1 thread, sum, none */
	return rc || n != 2 * (2 * 2 * 2 * 2 * 2) + 2 * 2;
}

static void skipped_no_buffer(void **state)
{
	(void)state;
	ut_in_child(build_without_notes, NULL, "mb_matrix_build(..., NULL, 0) with skipped items");
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

	/* no advice, consume mode or thread count: nothing either */
	spec_init(&s, sizes, 1, blocks, 1);
	s.nadvices = 0;
	n = 99;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 0);
	free(it);
	spec_init(&s, sizes, 1, blocks, 1);
	s.threads.n = 0;
	n = 99;
	assert_int_equal(mb_matrix_build(&s, &it, &n, skipped, sizeof(skipped)), 0);
	assert_int_equal(n, 0);
	free(it);
}

/* spec_init's spec with methods a and b only, built into *it and *n. */
static void build_two(struct mb_matrix_spec *s, const struct mb_method *a, const struct mb_method *b,
		      struct mb_matrix_item **it, size_t *n, char *notes, size_t len)
{
	s->methods[0] = a;
	s->methods[1] = b;
	s->nmethods = 2;
	assert_int_equal(mb_matrix_build(s, it, n, notes, len), 0);
}

/* A method of one page per operation (fault, anon-read): only the page-size
 * block runs, and one note per block names it; the others keep every block. */
static void page_block_only(void **state)
{
	static const struct mb_method page_m = {.name = "page-m",
						.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_PAGE_BLOCK,
						.advice_mask = MB_ADVICE_MMAP, .consume_mask = MB_CONSUME_ALL};
	const uint64_t ps = (uint64_t)mb_page_size();
	const uint64_t sizes[] = {M, 4 * M}, blocks[] = {ps, 2 * ps, 128 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	char notes[512], want[256], b2[32], b3[32];
	size_t n = 0;

	(void)state;
	spec_init(&s, sizes, 2, blocks, 3);
	build_two(&s, &page_m, &map_m, &it, &n, notes, sizeof(notes));
	for (size_t z = 0; z < 2; z++) {
		assert_int_equal(count_items(it, n, &page_m, z, ps), 2 * 2);
		assert_int_equal(count_items(it, n, &page_m, z, 0), 2 * 2);
		assert_int_equal(count_items(it, n, &map_m, z, 0), 3 * 2 * 2);
	}
	snprintf(want, sizeof(want), "block %s does not apply to: page-m\nblock %s does not apply to: page-m",
		 mb_fmt_size(2 * ps, b2, sizeof(b2)), mb_fmt_size(128 * K, b3, sizeof(b3)));
	assert_string_equal(notes, want);
	free(it);
}

/* --consume not given (method_consume): a method that does not take the
 * op's default and takes one mode only runs with that one; the others keep
 * the default. Given, the same method is skipped with a note. */
static void own_consume_when_not_given(void **state)
{
	static const struct mb_method touch_m = {.name = "touch-m", .caps = MB_CAP_FILE | MB_CAP_MMAP,
						 .advice_mask = MB_ADVICE_MMAP,
						 .consume_mask = 1u << MB_CONSUME_TOUCH};
	static const uint64_t sizes[] = {M}, blocks[] = {4 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	char notes[256];
	size_t n = 0;

	(void)state;
	spec_init(&s, sizes, 1, blocks, 1);
	s.method_consume = 1;
	build_two(&s, &touch_m, &fd_m, &it, &n, notes, sizeof(notes));
	assert_int_equal(n, 2 * 2 * 2); /* 2 patterns x 2 caches x 2 methods */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(it[i].consume, it[i].method == &touch_m ? MB_CONSUME_TOUCH : MB_CONSUME_SUM);
	assert_string_equal(notes, "");
	free(it);

	s.method_consume = 0;
	assert_int_equal(mb_matrix_build(&s, &it, &n, notes, sizeof(notes)), 0);
	assert_int_equal(n, 2 * 2);
	assert_int_equal(count_items(it, n, &touch_m, 0, 0), 0);
	assert_string_equal(notes, "consume sum does not apply to: touch-m");
	free(it);
}

/* A write method that writes no file (anon-write): no target and no cache
 * state, so once per configuration whatever --target and --cache list. */
static void no_file_writes_have_no_target(void **state)
{
	static const struct mb_method anon_w = {.name = "anon-w", .caps = MB_CAP_MMAP, .op = MB_OP_WRITE,
						.sync_mask = 1u << MB_SYNC_NONE,
						.advice_mask = MB_ADVICE_NONE_ONLY,
						.consume_mask = 1u << MB_CONSUME_COPY};
	static const struct mb_method file_w = {.name = "file-w", .caps = MB_CAP_FILE | MB_CAP_FD,
						.op = MB_OP_WRITE, .sync_mask = 1u << MB_SYNC_NONE,
						.advice_mask = MB_ADVICE_NONE_ONLY,
						.consume_mask = 1u << MB_CONSUME_COPY};
	static const uint64_t sizes[] = {M}, blocks[] = {4 * K};
	struct mb_matrix_spec s;
	struct mb_matrix_item *it = NULL;
	size_t n = 0, nanon = 0;
	char notes[256];

	(void)state;
	spec_init(&s, sizes, 1, blocks, 1);
	s.npatterns = 1;
	s.consumes[0] = MB_CONSUME_COPY;
	s.targets[0] = MB_TARGET_REWRITE;
	s.targets[1] = MB_TARGET_NEW;
	s.ntargets = 2;
	s.syncs[0] = MB_SYNC_NONE;
	s.nsyncs = 1;
	build_two(&s, &anon_w, &file_w, &it, &n, notes, sizeof(notes));
	for (size_t i = 0; i < n; i++) {
		if (it[i].method != &anon_w)
			continue;
		nanon++;
		assert_int_equal(it[i].target, MB_TARGET_NA);
		assert_int_equal(it[i].cache, MB_CACHE_NA);
	}
	assert_int_equal(nanon, 1);
	/* file-w: rewrite warm, rewrite cold, new (no cache state) */
	assert_int_equal(n - nanon, 3);
	free(it);
}

/* The real registry: every method takes advice none, its op's default
 * consume mode (read: sum, write: copy, rmw: increment) or exactly one mode,
 * and one thread, so the default run is never empty; write and rmw methods
 * take sync none or exactly one sync mode and write a file from the
 * reference copy, or write none and verify their memory themselves. */
static void registry_defaults_apply(void **state)
{
	(void)state;
	assert_true(mb_method_count() > 0);
	for (size_t i = 0; i < mb_method_count(); i++) {
		const struct mb_method *m = mb_method_at(i);

		assert_non_null(m->name);
		if (!(m->advice_mask & (1u << MB_ADV_NONE)))
			fail_msg("%s does not take advice none", m->name);
		static const enum mb_consume op_default[MB_OP_COUNT] = {
			MB_CONSUME_SUM, MB_CONSUME_COPY, MB_CONSUME_INCREMENT};

		/* the op's default, or one mode only (the matrix then runs it with that one) */
		if (!(m->consume_mask & (1u << op_default[m->op])) &&
		    (!m->consume_mask || m->consume_mask & (m->consume_mask - 1)))
			fail_msg("%s takes neither consume %s nor exactly one mode", m->name,
				 mb_consume_name(op_default[m->op]));
		if (m->op == MB_OP_READ && m->sync_mask)
			fail_msg("%s reads, yet has sync modes", m->name);
		if (m->op != MB_OP_READ && !(m->sync_mask & 1u << MB_SYNC_NONE) &&
		    (!m->sync_mask || m->sync_mask & (m->sync_mask - 1)))
			fail_msg("%s writes: it must take sync none, or exactly one sync mode", m->name);
		if (m->op != MB_OP_READ && m->caps & MB_CAP_FILE && !(m->caps & MB_CAP_REFCOPY))
			fail_msg("%s writes a file without the reference copy (its source)", m->name);
		/* a method that writes no file has nothing the core re-reads: it must verify */
		if (m->op != MB_OP_READ && !(m->caps & MB_CAP_FILE) && !m->verify)
			fail_msg("%s writes no file and has no verify hook: nothing checks its bytes", m->name);
		if (m->advice_mask >> MB_ADV_COUNT)
			fail_msg("%s: advice_mask %#x has bits past MB_ADV_COUNT", m->name, m->advice_mask);
		if (m->consume_mask >> MB_CONSUME_COUNT)
			fail_msg("%s: consume_mask %#x has bits past MB_CONSUME_COUNT", m->name,
				 m->consume_mask);
		/* advice is applied to r->map or r->fd: a method with neither takes none only */
		if (!(m->caps & (MB_CAP_MMAP | MB_CAP_FD)) && m->advice_mask != MB_ADVICE_NONE_ONLY)
			fail_msg("%s takes advice but has neither MB_CAP_MMAP nor MB_CAP_FD", m->name);
		if (m->advice_mask & ~MB_ADVICE_MMAP && m->advice_mask & ~MB_ADVICE_FD &&
		    !(m->caps & MB_CAP_FD && m->caps & MB_CAP_MMAP))
			fail_msg("%s takes both mapping-only and descriptor-only advice", m->name);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_product),
		cmocka_unit_test(full_product_with_variants),
		cmocka_unit_test(no_file_methods_once_without_cache),
		cmocka_unit_test(no_file_methods_once_per_variant),
		cmocka_unit_test(advice_not_taken_noted_once),
		cmocka_unit_test(consume_not_taken_noted_once),
		cmocka_unit_test(threads_not_taken_noted_once),
		cmocka_unit_test(notes_of_similar_names_kept_apart),
		cmocka_unit_test(block_larger_than_file_skipped),
		cmocka_unit_test(tiny_file_keeps_smallest_block),
		cmocka_unit_test(skipped_text_truncated),
		cmocka_unit_test(skipped_tiny_buffer),
		cmocka_unit_test(skipped_no_buffer),
		cmocka_unit_test(empty_lists),
		cmocka_unit_test(page_block_only),
		cmocka_unit_test(own_consume_when_not_given),
		cmocka_unit_test(no_file_writes_have_no_target),
		cmocka_unit_test(registry_defaults_apply),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
