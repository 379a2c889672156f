/* test_residency.c: page-cache state of src/measure/residency.c on a real
 * filesystem (not tmpfs, where nothing can be evicted): mb_cache_evict brings
 * a file to ~0% resident and mb_cache_fill to 100% as mincore sees it; empty
 * files, partial residency, missing paths and errors. */
#include "unit.h"

#include "residency.h"

#include <linux/magic.h>
#include <math.h>
#include <sys/mman.h>
#include <sys/vfs.h>

#ifndef MB_UNIT_BINARY_DIR
#error "MB_UNIT_BINARY_DIR (the build directory of the tests) must be defined"
#endif

#define FILE_SIZE (8u << 20)

static char tmpdir[PATH_MAX];
static char bigfile[PATH_MAX + 64];

static int setup_file(void **state)
{
	(void)state;
	return ut_synced_file(tmpdir, sizeof(tmpdir), bigfile, sizeof(bigfile), "big.dat", FILE_SIZE, 11);
}

static int remove_file(void **state)
{
	(void)state;
	ut_rmtree(tmpdir);
	return 0;
}

static void skip_if_tmpfs(void)
{
	ut_skip_if_tmpfs(tmpdir);
}

static void evict_then_fill(void **state)
{
	char err[256] = "";
	double pct = -1;

	(void)state;
	skip_if_tmpfs();
	if (mb_cache_evict(bigfile, 1, 0, err, sizeof(err)))
		fail_msg("evict: %s", err);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (!(pct <= 1.0))
		fail_msg("after evict: %.2f%% resident", pct);
	if (mb_cache_fill(bigfile, err, sizeof(err)))
		fail_msg("fill: %s", err);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (pct != 100.0)
		fail_msg("after fill: %.2f%% resident", pct);
	/* and back again */
	assert_int_equal(mb_cache_evict(bigfile, 0, 0, err, sizeof(err)), 0);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (!(pct <= 1.0))
		fail_msg("after the second evict: %.2f%% resident", pct);
}

/* Reading the first quarter makes about a quarter resident (mincore counts
 * pages, readahead may add a little). mb_resident_pct on an fd agrees with
 * the path version. */
static void partial_residency(void **state)
{
	char err[256] = "";
	double pct = -1, pct_fd = -2;
	long ps = sysconf(_SC_PAGESIZE);
	char *buf = malloc(1 << 20);
	int fd;

	(void)state;
	skip_if_tmpfs();
	assert_non_null(buf);
	assert_int_equal(mb_cache_evict(bigfile, 1, 0, err, sizeof(err)), 0);
	fd = open(bigfile, O_RDONLY);
	assert_true(fd >= 0);
	/* no readahead beyond what is read */
	assert_int_equal(posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pread(fd, buf, 1 << 20, (off_t)i << 20), 1 << 20);
	assert_int_equal(mb_resident_pct(fd, FILE_SIZE, &pct_fd), 0);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (pct < 25.0 || pct > 40.0)
		fail_msg("read 2 of 8 MiB: %.2f%% resident", pct);
	assert_true(pct_fd == pct);
	/* a size that is not a page multiple counts the partial page */
	assert_int_equal(mb_resident_pct(fd, (uint64_t)ps + 1, &pct_fd), 0);
	assert_true(pct_fd == 100.0);
	close(fd);
	free(buf);
}

static void empty_file_is_nan(void **state)
{
	char path[PATH_MAX + 64];
	double pct = 0;
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/empty.dat", tmpdir);
	ut_write_file(path, "", 0);
	assert_int_equal(mb_resident_pct_path(path, &pct), 1);
	assert_true(isnan(pct));
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	pct = 0;
	assert_int_equal(mb_resident_pct(fd, 0, &pct), 1);
	assert_true(isnan(pct));
	close(fd);
	/* evicting and filling an empty file are no-ops that succeed */
	{
		char err[128] = "";

		assert_int_equal(mb_cache_evict(path, 1, 0, err, sizeof(err)), 0);
		assert_int_equal(mb_cache_fill(path, err, sizeof(err)), 0);
	}
	unlink(path);
}

static void missing_path_is_negative_errno(void **state)
{
	char path[PATH_MAX + 64], err[256] = "";
	double pct = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/no-such-file", tmpdir);
	assert_int_equal(mb_resident_pct_path(path, &pct), -ENOENT);
	assert_true(isnan(pct));
	assert_int_equal(mb_cache_evict(path, 1, 0, err, sizeof(err)), -ENOENT);
	assert_contains(err, "no-such-file");
	err[0] = '\0';
	assert_int_equal(mb_cache_fill(path, err, sizeof(err)), -ENOENT);
	assert_contains(err, "no-such-file");
	/* a directory cannot be mapped */
	assert_true(mb_resident_pct_path(tmpdir, &pct) < 0);
	/* a bad fd */
	assert_int_equal(mb_resident_pct(-1, 4096, &pct), -EBADF);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(evict_then_fill),
		cmocka_unit_test(partial_residency),
		cmocka_unit_test(empty_file_is_nan),
		cmocka_unit_test(missing_path_is_negative_errno),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, setup_file, remove_file);
}
