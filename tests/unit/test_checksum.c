/* test_checksum.c: mb_csum and mb_csum_byte (src/checksum.c) against a slow
 * reference written here from the definition in src/checksum.h: each 8-byte
 * little-endian word w at word index j of 4 KiB file page p adds
 * w * (A(p) + B(p) * (j + 1)) mod 2^64, A(p) = mix64(2p), B(p) = mix64(2p + 1),
 * the bytes of a partial word that lie outside the piece counting as zero.
 * Also: fixed vectors, order independence, sensitivity to misplaced, changed,
 * repeated or missing bytes. */
#include "unit.h"

#include "checksum.h"

#define PAGE 4096u

/* The splitmix64 finalizer of src/checksum.c (state incremented first). */
static uint64_t ref_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Word by word, straight from the definition: every word that overlaps
 * [off, off + len) is assembled byte by byte, missing bytes zero. */
static uint64_t ref_csum(uint64_t off, const unsigned char *p, size_t len)
{
	uint64_t end = off + len, sum = 0;

	for (uint64_t w0 = off & ~(uint64_t)7; w0 < end; w0 += 8) {
		uint64_t w = 0, page = w0 / PAGE, j = (w0 % PAGE) / 8;

		for (unsigned k = 0; k < 8; k++)
			if (w0 + k >= off && w0 + k < end)
				w |= (uint64_t)p[w0 + k - off] << (8 * k);
		sum += w * (ref_mix64(2 * page) + ref_mix64(2 * page + 1) * (j + 1));
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

/* Values computed once with ref_csum and frozen here: they pin the checksum
 * itself, so that changing src/checksum.c (which would invalidate every
 * dataset manifest) cannot go unnoticed. */
static void known_vectors(void **state)
{
	unsigned char *pat = pattern_buf(3 * PAGE), ff = 0xff, z[8192];

	(void)state;
	memset(z, 0x5a, sizeof(z));
	assert_int_equal(mb_csum(0, "", 0), 0);
	assert_int_equal(mb_csum(12345, pat, 0), 0);
	assert_int_equal(mb_csum(0, "abcdefgh", 8), 0xb82f393009bef470ull);
	assert_int_equal(mb_csum(0, pat, PAGE + 100), 0x2d7879f500dbab3full);
	assert_int_equal(mb_csum(4093, pat, 1000), 0x48994ab9532c9a58ull);
	assert_int_equal(mb_csum((1ull << 40) + 7, &ff, 1), 0x3400000000000000ull);
	assert_int_equal(mb_csum(12345, z, sizeof(z)), 0xc7c4d9fbc1ad6410ull);
	assert_int_equal(mb_csum(5, "xyz", 3), 0x82d4800000000000ull);
	assert_int_equal(mb_csum((1ull << 40) + 4090, "hello, world", 12), 0x315e448895ad5f60ull);
	/* and the reference agrees with its own frozen values */
	assert_int_equal(ref_csum(0, pat, PAGE + 100), 0x2d7879f500dbab3full);
	assert_int_equal(ref_csum(12345, z, sizeof(z)), 0xc7c4d9fbc1ad6410ull);
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
	assert_int_equal(mb_csum_byte(4095, 0), 0);
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
		cmocka_unit_test(byte_equals_one_byte_piece),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
