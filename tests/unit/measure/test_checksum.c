/* test_checksum.c: mb_csum and mb_csum_byte (src/measure/checksum.c) against a slow
 * reference written here from the definition in src/measure/checksum.h: each 8-byte
 * little-endian word w at word index j of 4 KiB file page p adds
 * w * (A(p) + B(p) * (j + 1)), the bytes of a partial word that lie outside
 * the piece counting as zero, and each byte at position pos of page p adds
 * C(p) + D(p) * (pos + 1), whatever its value; all mod 2^64, with
 * A(p), B(p), C(p), D(p) = mix64(4p) | 1, mix64(4p + 1) & ~1, mix64(4p + 2) | 1,
 * mix64(4p + 3) & ~3.
 * Also: fixed vectors, order independence, sensitivity to misplaced, changed,
 * repeated or missing bytes, zero bytes and zero pages included. */
#include "unit.h"

#include "checksum.h"

#define PAGE 4096u

/* The splitmix64 finalizer of src/measure/checksum.c (state incremented first). */
static uint64_t ref_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Word by word, straight from the definition: every word that overlaps
 * [off, off + len) is assembled byte by byte, missing bytes zero; then every
 * byte's position term, one by one. */
static uint64_t ref_csum(uint64_t off, const unsigned char *p, size_t len)
{
	uint64_t end = off + len, sum = 0;

	for (uint64_t w0 = off & ~(uint64_t)7; w0 < end; w0 += 8) {
		uint64_t w = 0, page = w0 / PAGE, j = (w0 % PAGE) / 8;

		for (unsigned k = 0; k < 8; k++)
			if (w0 + k >= off && w0 + k < end)
				w |= (uint64_t)p[w0 + k - off] << (8 * k);
		sum += w * ((ref_mix64(4 * page) | 1) + (ref_mix64(4 * page + 1) & ~1ull) * (j + 1));
	}
	for (uint64_t pos = off; pos < end; pos++) {
		uint64_t page = pos / PAGE;

		sum += (ref_mix64(4 * page + 2) | 1) + (ref_mix64(4 * page + 3) & ~3ull) * (pos % PAGE + 1);
	}
	return sum;
}

static unsigned char *pattern_buf(size_t len)
{
	unsigned char *p = malloc(len);

	assert_non_null(p);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	return p;
}

/* Values computed once from the definition (independently of this file and
 * of src/measure/checksum.c) and frozen here: they pin the checksum itself, so that
 * changing src/measure/checksum.c (which would invalidate every dataset manifest)
 * cannot go unnoticed. A new function needs a new MB_CHECKSUM_ALG. */
static void known_vectors(void **state)
{
	unsigned char *pat = pattern_buf(3 * PAGE), ff = 0xff, z[8192], zero[PAGE] = {0};

	(void)state;
	assert_string_equal(MB_CHECKSUM_ALG, "mbsum-v2");
	memset(z, 0x5a, sizeof(z));
	assert_int_equal(mb_csum(0, "", 0), 0);
	assert_int_equal(mb_csum(12345, pat, 0), 0);
	assert_int_equal(mb_csum(0, "abcdefgh", 8), 0x201871ea564e85b7ull);
	assert_int_equal(mb_csum(0, pat, PAGE + 100), 0xd84788032903ef83ull);
	assert_int_equal(mb_csum(4093, pat, 1000), 0x46e0d4b1a8ef4162ull);
	assert_int_equal(mb_csum((1ull << 40) + 7, &ff, 1), 0xb792ba0ce92d8fd3ull);
	assert_int_equal(mb_csum(12345, z, sizeof(z)), 0x71430d3073081bdcull);
	assert_int_equal(mb_csum(5, "xyz", 3), 0x304c60604ce6d2c9ull);
	assert_int_equal(mb_csum((1ull << 40) + 4090, "hello, world", 12), 0xcae61c5dee2620dcull);
	/* zeros count: an all-zero page, a zero byte */
	assert_int_equal(mb_csum(0, zero, PAGE), 0x4e72896977ec5000ull);
	assert_int_equal(mb_csum(3 * PAGE, zero, PAGE), 0xfdcf7b656ae41000ull);
	assert_int_equal(mb_csum_byte(4095, 0), 0x48a6838e359616cfull);
	/* and the reference agrees with the frozen values */
	assert_int_equal(ref_csum(0, pat, PAGE + 100), 0xd84788032903ef83ull);
	assert_int_equal(ref_csum(12345, z, sizeof(z)), 0x71430d3073081bdcull);
	assert_int_equal(ref_csum(3 * PAGE, zero, PAGE), 0xfdcf7b656ae41000ull);
	free(pat);
}

/* A file offset for a random piece: often near a page or word boundary. */
static uint64_t random_offset(uint64_t *rs)
{
	uint64_t page = ut_below(rs, 4) == 0 ? ut_below(rs, 1ull << 36) : ut_below(rs, 64);

	switch (ut_below(rs, 4)) {
	case 0:
		return page * PAGE;                        /* page aligned */
	case 1:
		return page * PAGE + PAGE - 1 - ut_below(rs, 16); /* just before a page end */
	case 2:
		return page * PAGE + 8 * ut_below(rs, PAGE / 8); /* word aligned */
	default:
		return page * PAGE + ut_below(rs, PAGE);    /* anywhere */
	}
}

static void matches_reference_random(void **state)
{
	enum { MAXLEN = 9000, ROUNDS = 3000 };
	uint64_t rs = 0x6d617062656e6368ull;
	unsigned char *raw = malloc(MAXLEN + 64);

	(void)state;
	assert_non_null(raw);
	for (int r = 0; r < ROUNDS; r++) {
		size_t misalign = (size_t)ut_below(&rs, 16);
		size_t len = r < 200 ? (size_t)r : (size_t)ut_below(&rs, MAXLEN + 1);
		uint64_t off = random_offset(&rs);
		unsigned char *p = raw + misalign;
		uint64_t got, want;

		if (r % 3 == 0 && len)
			len = MAXLEN - (size_t)ut_below(&rs, 16); /* long pieces spanning 3 pages */
		ut_fill_random(&rs, p, len);
		got = mb_csum(off, p, len);
		want = ref_csum(off, p, len);
		if (got != want)
			fail_msg("round %d: off %llu len %zu misalign %zu: mb_csum %016llx, reference %016llx",
				 r, (unsigned long long)off, len, misalign, (unsigned long long)got,
				 (unsigned long long)want);
	}
	free(raw);
}

/* Every length 0..64 at every position in a word and around a page end. */
static void matches_reference_small_exhaustive(void **state)
{
	uint64_t rs = 42;
	unsigned char buf[80];

	(void)state;
	ut_fill_random(&rs, buf, sizeof(buf));
	for (uint64_t base = 0; base <= 2 * PAGE; base += PAGE)
		for (uint64_t d = 0; d < 48; d++)
			for (size_t len = 0; len <= 64; len++) {
				uint64_t off = base ? base - 24 + d : d;

				for (size_t mis = 0; mis < 8; mis += 3)
					assert_int_equal(mb_csum(off, buf + mis, len),
							 ref_csum(off, buf + mis, len));
			}
}

static void shuffle(uint64_t *rs, size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)ut_below(rs, i), t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Sum of the pieces of any cover, in any order, equals the whole. */
static void order_independent(void **state)
{
	enum { LEN = 64 * 1024 + 777, MAXCUTS = 40 };
	uint64_t rs = 7, whole_off = 3 * PAGE + 5;
	unsigned char *buf = malloc(LEN);
	uint64_t whole;

	(void)state;
	assert_non_null(buf);
	ut_fill_random(&rs, buf, LEN);
	memset(buf + 2 * PAGE - 5, 0, PAGE);   /* the whole file page 5 and more, zero */
	memset(buf + 9 * PAGE + 100, 0, 37); /* and a short zero run */
	whole = mb_csum(whole_off, buf, LEN);
	assert_int_equal(whole, ref_csum(whole_off, buf, LEN));
	for (int round = 0; round < 50; round++) {
		size_t cuts[MAXCUTS + 2], order[MAXCUTS + 1], ncuts = 1 + (size_t)ut_below(&rs, MAXCUTS);
		uint64_t sum = 0;

		cuts[0] = 0;
		for (size_t i = 1; i <= ncuts; i++)
			cuts[i] = (size_t)ut_below(&rs, LEN + 1);
		cuts[ncuts + 1] = LEN;
		/* sort the inner cuts (insertion sort; empty pieces allowed) */
		for (size_t i = 2; i <= ncuts; i++)
			for (size_t k = i; k > 1 && cuts[k - 1] > cuts[k]; k--) {
				size_t t = cuts[k];

				cuts[k] = cuts[k - 1];
				cuts[k - 1] = t;
			}
		for (size_t i = 0; i <= ncuts; i++)
			order[i] = i;
		shuffle(&rs, order, ncuts + 1);
		for (size_t i = 0; i <= ncuts; i++) {
			size_t a = cuts[order[i]], b = cuts[order[i] + 1];

			sum += mb_csum(whole_off + a, buf + a, b - a);
		}
		assert_int_equal(sum, whole);
	}
	free(buf);
}

/* Block-wise like a method: 4 KiB blocks in reverse order, 1-byte touches. */
static void blockwise_and_bytewise_equal_whole(void **state)
{
	enum { LEN = 5 * PAGE + 123 };
	uint64_t rs = 99, sum = 0, bytes = 0, whole;
	unsigned char *buf = malloc(LEN);

	(void)state;
	assert_non_null(buf);
	ut_fill_random(&rs, buf, LEN);
	whole = mb_csum(0, buf, LEN);
	for (size_t b = (LEN + PAGE - 1) / PAGE; b-- > 0;) {
		size_t off = b * PAGE, n = LEN - off < PAGE ? LEN - off : PAGE;

		sum += mb_csum(off, buf + off, n);
	}
	for (size_t i = 0; i < LEN; i++)
		bytes += mb_csum_byte(i, buf[i]);
	assert_int_equal(sum, whole);
	assert_int_equal(bytes, whole);
	free(buf);
}

/* A swapped, changed, repeated, misplaced or missing block changes the value. */
static void sensitive(void **state)
{
	enum { LEN = 8 * PAGE };
	uint64_t rs = 1234, whole, v;
	unsigned char *buf = malloc(LEN), *alt = malloc(LEN);

	(void)state;
	assert_non_null(buf);
	assert_non_null(alt);
	ut_fill_random(&rs, buf, LEN);
	whole = mb_csum(0, buf, LEN);

	/* two 4 KiB blocks swapped */
	memcpy(alt, buf, LEN);
	memcpy(alt + 1 * PAGE, buf + 5 * PAGE, PAGE);
	memcpy(alt + 5 * PAGE, buf + 1 * PAGE, PAGE);
	assert_int_not_equal(mb_csum(0, alt, LEN), whole);

	/* two 8-byte words swapped inside one page (same page weights) */
	memcpy(alt, buf, LEN);
	memcpy(alt + 2 * PAGE + 16, buf + 2 * PAGE + 64, 8);
	memcpy(alt + 2 * PAGE + 64, buf + 2 * PAGE + 16, 8);
	assert_int_not_equal(mb_csum(0, alt, LEN), whole);

	/* two bytes swapped inside one word */
	memcpy(alt, buf, LEN);
	alt[100] = buf[101];
	alt[101] = buf[100];
	if (buf[100] != buf[101])
		assert_int_not_equal(mb_csum(0, alt, LEN), whole);

	/* one byte changed, at every bit position of a word and each page */
	for (size_t pos = 0; pos < LEN; pos += PAGE + 1) {
		memcpy(alt, buf, LEN);
		alt[pos] ^= (unsigned char)(1u << (pos % 8));
		assert_int_not_equal(mb_csum(0, alt, LEN), whole);
	}

	/* a block dropped, a block read twice, a block read from the wrong place */
	v = 0;
	for (size_t b = 0; b < LEN / PAGE; b++)
		if (b != 3)
			v += mb_csum(b * PAGE, buf + b * PAGE, PAGE);
	assert_int_not_equal(v, whole);
	assert_int_equal(v + mb_csum(3 * PAGE, buf + 3 * PAGE, PAGE), whole);
	assert_int_not_equal(v + 2 * mb_csum(3 * PAGE, buf + 3 * PAGE, PAGE), whole);
	assert_int_not_equal(v + mb_csum(3 * PAGE, buf + 4 * PAGE, PAGE), whole);
	/* same bytes, checksummed as if at another file offset */
	assert_int_not_equal(mb_csum(PAGE, buf, PAGE), mb_csum(0, buf, PAGE));
	assert_int_not_equal(mb_csum(8, buf, 8), mb_csum(0, buf, 8));

	free(alt);
	free(buf);
}

/* A zero page counts: a method that skipped it, or read it from elsewhere,
 * would otherwise pass (the value term of zero bytes is zero). */
static void zero_page_counts(void **state)
{
	enum { LEN = 4 * PAGE };
	uint64_t rs = 77, whole, skipped, zeros;
	unsigned char *buf = malloc(LEN), *z = calloc(1, LEN);

	(void)state;
	assert_non_null(buf);
	assert_non_null(z);
	ut_fill_random(&rs, buf, LEN);
	memset(buf + 2 * PAGE, 0, PAGE); /* page 2 is all zero */
	whole = mb_csum(0, buf, LEN);
	skipped = mb_csum(0, buf, 2 * PAGE) + mb_csum(3 * PAGE, buf + 3 * PAGE, PAGE);
	assert_int_not_equal(skipped, whole);
	assert_int_equal(skipped + mb_csum(2 * PAGE, buf + 2 * PAGE, PAGE), whole);
	/* the zero page checksummed as if it were another (zero) page */
	assert_int_not_equal(mb_csum(2 * PAGE, z, PAGE), mb_csum(5 * PAGE, z, PAGE));
	/* the zero page read twice in place of a neighbour */
	assert_int_not_equal(mb_csum(0, buf, 2 * PAGE) + 2 * mb_csum(2 * PAGE, z, PAGE), whole);

	/* a file of zeros: any page skipped, any byte skipped, changes the sum */
	zeros = mb_csum(0, z, LEN);
	assert_int_not_equal(zeros, 0);
	for (size_t p = 0; p < LEN / PAGE; p++)
		assert_int_not_equal(zeros - mb_csum(p * PAGE, z, PAGE), zeros);
	for (size_t i = 0; i < LEN; i += 97)
		assert_int_not_equal(zeros - mb_csum_byte(i, 0), zeros);
	/* the position term of n zero bytes within a page is 2^k times an odd
	 * number, 2^k the largest power of two dividing n: never 0 */
	for (uint64_t page = 0; page < 40000; page += 12345)
		for (uint64_t b = 0; b < PAGE; b += b < 8 ? 1 : 1021)
			for (size_t n = 1; n <= PAGE - b; n++) {
				uint64_t v = mb_csum(page * PAGE + b, z, n);

				if (!v || __builtin_ctzll(v) != __builtin_ctzll(n))
					fail_msg("page %llu, %zu zero bytes at %llu: %016llx",
						 (unsigned long long)page, n, (unsigned long long)b,
						 (unsigned long long)v);
			}
	/* a zero piece at every length and position within a page is its byte terms */
	for (uint64_t off = PAGE - 40; off < PAGE + 40; off++)
		for (size_t len = 0; len <= 48; len++) {
			uint64_t bytes = 0;

			for (size_t i = 0; i < len; i++)
				bytes += mb_csum_byte(off + i, 0);
			assert_int_equal(mb_csum(off, z, len), bytes);
			assert_int_equal(mb_csum(off, z, len), ref_csum(off, z, len));
		}
	free(z);
	free(buf);
}

static void byte_equals_one_byte_piece(void **state)
{
	uint64_t rs = 5;

	(void)state;
	for (unsigned b = 0; b < 256; b++) {
		unsigned char c = (unsigned char)b;
		uint64_t off = b * 17;

		assert_int_equal(mb_csum_byte(off, c), mb_csum(off, &c, 1));
	}
	for (int i = 0; i < 5000; i++) {
		unsigned char c = (unsigned char)ut_rand(&rs);
		uint64_t off = random_offset(&rs);

		assert_int_equal(mb_csum_byte(off, c), mb_csum(off, &c, 1));
		assert_int_equal(mb_csum_byte(off, c), ref_csum(off, &c, 1));
	}
	/* a zero byte counts, and differently at each position */
	for (uint64_t off = 0; off < 3 * PAGE; off += 509) {
		assert_int_not_equal(mb_csum_byte(off, 0), 0);
		assert_int_equal(mb_csum_byte(off, 0), ref_csum(off, (const unsigned char *)"", 1));
		assert_int_not_equal(mb_csum_byte(off, 0), mb_csum_byte(off + 1, 0));
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_vectors),
		cmocka_unit_test(matches_reference_random),
		cmocka_unit_test(matches_reference_small_exhaustive),
		cmocka_unit_test(order_independent),
		cmocka_unit_test(blockwise_and_bytewise_equal_whole),
		cmocka_unit_test(sensitive),
		cmocka_unit_test(zero_page_counts),
		cmocka_unit_test(byte_equals_one_byte_piece),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
