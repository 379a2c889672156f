/* test_scratch.c: the scratch target of write and rmw repetitions
 * (scratch.c): what it is made of, that verification sees every way a method
 * can get it wrong (a block not written, a private store that reached the
 * file, an integer incremented twice or not at all, a wrong size), that only
 * a file it created is ever removed, the rmw increment itself
 * (mb_increment_ints) on partial integers, and what stores with consume
 * touch must leave (the dataset's byte at each page start only). */
#include "unit.h"

#include "checksum.h"
#include "method.h"
#include "scratch.h"

#include <fcntl.h>
#include <unistd.h>

#define SIZE (1048576 + 123) /* a partial last integer (3 bytes) and chunk */

static unsigned char *ref;

static int setup(void **state)
{
	uint64_t s = 7;

	if (ut_tmpdir_setup(state))
		return -1;
	ref = malloc(SIZE);
	if (!ref)
		return -1;
	ut_fill_random(&s, ref, SIZE);
	return 0;
}

static int teardown(void **state)
{
	free(ref);
	return ut_tmpdir_teardown(state);
}

static void dataset_path(char *buf, size_t len)
{
	ut_tmp_path(buf, len, "mb-1M-s1.dat");
}

/* Overwrites [off, off+len) of path with p. */
static void put(const char *path, uint64_t off, const void *p, size_t len)
{
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	assert_int_equal(mb_pwrite_full(fd, p, len, off), 0);
	assert_int_equal(close(fd), 0);
}

static int verify(const struct mb_scratch *s, enum mb_scratch_want want, enum mb_target t,
		  uint64_t size, char *err, size_t len)
{
	uint64_t sum, want_sum;
	int rc = mb_scratch_verify(s, want, t, ref, size, &sum, &want_sum, err, len);

	if (rc == 0)
		assert_true(sum == want_sum);
	else if (rc == -1)
		assert_true(sum != want_sum || strstr(err, "bytes"));
	return rc;
}

/* rewrite: the fill pattern, not the dataset; writing the dataset's bytes
 * passes; one block left unwritten fails, naming its first byte. */
static void rewrite_needs_every_block(void **state)
{
	struct mb_scratch s;
	char ds[PATH_MAX], err[512];

	(void)state;
	dataset_path(ds, sizeof(ds));
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_WRITE, MB_TARGET_REWRITE, ref, SIZE, err,
					 sizeof(err)), 0);
	assert_int_equal(verify(&s, MB_WANT_UNCHANGED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), 0);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	put(s.path, 0, ref, SIZE);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), 0);
	/* block [8192, 12288) as it was: the fill */
	ref[8192] = MB_SCRATCH_FILL; /* so that the first wrong byte is 8193 */
	ref[8193] = MB_SCRATCH_FILL ^ 1;
	put(s.path, 8192, (unsigned char[4096]){[0 ... 4095] = MB_SCRATCH_FILL}, 4096);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "byte 8193 "));
	assert_non_null(strstr(err, "not written"));
	put(s.path, 8192, ref + 8192, 4096);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), 0);
	mb_scratch_remove(&s);
	assert_int_equal(access(s.path, F_OK), -1);
}

/* new: empty; a short file and a long one fail on their size. */
static void new_target_size_checked(void **state)
{
	struct mb_scratch s;
	char ds[PATH_MAX], err[512];
	struct stat st;

	(void)state;
	dataset_path(ds, sizeof(ds));
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_WRITE, MB_TARGET_NEW, ref, SIZE, err,
					 sizeof(err)), 0);
	assert_int_equal(stat(s.path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_NEW, SIZE, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "holds 0 bytes"));
	put(s.path, 0, ref, SIZE);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_NEW, SIZE, err, sizeof(err)), 0);
	put(s.path, SIZE, "x", 1);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_NEW, SIZE, err, sizeof(err)), -1);
	/* a private mapping's new target: zeros after its ftruncate */
	assert_int_equal(truncate(s.path, 0), 0);
	assert_int_equal(truncate(s.path, SIZE), 0);
	assert_int_equal(verify(&s, MB_WANT_UNCHANGED, MB_TARGET_NEW, SIZE, err, sizeof(err)), 0);
	put(s.path, 100, "y", 1);
	assert_int_equal(verify(&s, MB_WANT_UNCHANGED, MB_TARGET_NEW, SIZE, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "MAP_PRIVATE"));
	mb_scratch_remove(&s);
}

/* rmw: a copy of the dataset; every whole integer once, the 3-byte tail
 * untouched; none, twice or a touched tail all fail. */
static void rmw_every_integer_once(void **state)
{
	struct mb_scratch s;
	char ds[PATH_MAX], err[512];
	unsigned char *buf = malloc(SIZE);

	(void)state;
	assert_non_null(buf);
	dataset_path(ds, sizeof(ds));
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_RMW, MB_TARGET_NA, ref, SIZE, err, sizeof(err)),
			 0);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_NA, SIZE, err, sizeof(err)), 0);
	assert_int_equal(verify(&s, MB_WANT_INCREMENTED, MB_TARGET_NA, SIZE, err, sizeof(err)), -1);
	memcpy(buf, ref, SIZE);
	assert_int_equal(mb_increment_ints(buf, 0, SIZE, SIZE), SIZE / 4);
	put(s.path, 0, buf, SIZE);
	assert_int_equal(verify(&s, MB_WANT_INCREMENTED, MB_TARGET_NA, SIZE, err, sizeof(err)), 0);
	/* integer 1000 incremented twice */
	assert_int_equal(mb_increment_ints(buf + 4000, 4000, 4, SIZE), 1);
	put(s.path, 4000, buf + 4000, 4);
	assert_int_equal(verify(&s, MB_WANT_INCREMENTED, MB_TARGET_NA, SIZE, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exactly once"));
	put(s.path, 4000, ref + 4000, 4); /* not at all */
	assert_int_equal(verify(&s, MB_WANT_INCREMENTED, MB_TARGET_NA, SIZE, err, sizeof(err)), -1);
	/* the partial tail is no integer: it stays as it was */
	memcpy(buf, ref, SIZE);
	mb_increment_ints(buf, 0, SIZE, SIZE);
	buf[SIZE - 1] ^= 1;
	put(s.path, 0, buf, SIZE);
	assert_int_equal(verify(&s, MB_WANT_INCREMENTED, MB_TARGET_NA, SIZE, err, sizeof(err)), -1);
	mb_scratch_remove(&s);
	free(buf);
}

/* The first byte of every page stored from the dataset, on a target of
 * either kind. */
static void store_touched(const char *path, uint64_t size)
{
	uint64_t ps = (uint64_t)mb_page_size();

	for (uint64_t p = 0; p < size; p += ps)
		put(path, p, ref + p, 1);
}

/* touch: the dataset's byte at each page start, the rest as made (fill, or
 * zeros for a new target); a page start not stored, a byte stored past it,
 * or the whole dataset written all fail. */
static void touched_page_starts_only(void **state)
{
	uint64_t ps = (uint64_t)mb_page_size();
	struct mb_scratch s;
	char ds[PATH_MAX], err[512];
	unsigned char b;

	(void)state;
	dataset_path(ds, sizeof(ds));
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_WRITE, MB_TARGET_REWRITE, ref, SIZE, err,
					 sizeof(err)), 0);
	ref[0] = ref[ps] = MB_SCRATCH_FILL ^ 0x0f; /* a fill byte would hide a missing store */
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	store_touched(s.path, SIZE);
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), 0);
	assert_int_equal(verify(&s, MB_WANT_DATASET, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	put(s.path, ps, (unsigned char[]){MB_SCRATCH_FILL}, 1); /* page 1's store missing */
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "first byte not stored"));
	put(s.path, ps, ref + ps, 1);
	b = ref[ps + 1] == MB_SCRATCH_FILL ? 0 : ref[ps + 1]; /* a byte past a page start */
	put(s.path, ps + 1, &b, 1);
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	put(s.path, 0, ref, SIZE); /* copy where touch was asked */
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_REWRITE, SIZE, err, sizeof(err)), -1);
	mb_scratch_remove(&s);
	/* new: zeros between the page starts (a hole grown by ftruncate) */
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_WRITE, MB_TARGET_NEW, ref, SIZE, err,
					 sizeof(err)), 0);
	assert_int_equal(truncate(s.path, SIZE), 0);
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_NEW, SIZE, err, sizeof(err)), -1);
	store_touched(s.path, SIZE);
	assert_int_equal(verify(&s, MB_WANT_TOUCHED, MB_TARGET_NEW, SIZE, err, sizeof(err)), 0);
	mb_scratch_remove(&s);
}

/* mb_increment_ints: whole integers only, by the file's size, not the piece's. */
static void increment_whole_integers_only(void **state)
{
	unsigned char b[12] = {0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 9, 9, 9, 9};
	uint32_t v;

	(void)state;
	assert_int_equal(mb_increment_ints(b, 0, 12, 11), 2); /* the third is cut by EOF */
	memcpy(&v, b, 4);
	assert_int_equal(v, 0);                   /* wraps */
	memcpy(&v, b + 4, 4);
	assert_int_equal(v, 2);
	assert_int_equal(b[8], 9);
	assert_int_equal(mb_increment_ints(b, 0, 3, 100), 0); /* a piece of 3 bytes */
}

/* Only a file the scratch created is removed: a file already at its path is
 * left alone, and making fails. */
static void never_removes_a_foreign_file(void **state)
{
	struct mb_scratch s, t;
	char ds[PATH_MAX], err[512];
	int fd;

	(void)state;
	dataset_path(ds, sizeof(ds));
	assert_int_equal(mb_scratch_make(&s, ds, MB_OP_WRITE, MB_TARGET_NEW, ref, 0, err,
					 sizeof(err)), 0);
	mb_scratch_remove(&s);
	fd = open(s.path, O_WRONLY | O_CREAT | O_EXCL, 0600); /* someone else's now */
	assert_true(fd >= 0);
	close(fd);
	assert_true(mb_scratch_make(&t, ds, MB_OP_WRITE, MB_TARGET_NEW, ref, 0, err, sizeof(err)) < 0);
	assert_non_null(strstr(err, "creating scratch file"));
	mb_scratch_remove(&t);
	assert_int_equal(access(s.path, F_OK), 0);
	assert_int_equal(unlink(s.path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rewrite_needs_every_block),
		cmocka_unit_test(new_target_size_checked),
		cmocka_unit_test(rmw_every_integer_once),
		cmocka_unit_test(increment_whole_integers_only),
		cmocka_unit_test(touched_page_starts_only),
		cmocka_unit_test(never_removes_a_foreign_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
