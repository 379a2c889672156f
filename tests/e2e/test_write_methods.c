/* test_write_methods.c: end-to-end, the write methods and modes not in the
 * default write list, each verified byte for byte by the core's re-read of
 * the scratch on files of 0 B, 1 B, 4 KiB and 1 MiB + 123 B, seq and rand,
 * rewrite and new targets, warm and cold, with the sync modes it takes:
 * odirect (the off-alignment tail rounded up and truncated back; threads 1
 * and 2), uring (qd 1 and 4, with and without --uring-fixed), mmap and
 * mmap-private stores with --consume touch (the dataset's byte at each page
 * start only, blocks of 4 KiB and 12 bytes) and mmap stores with
 * --msync-every. Afterwards the datasets still verify and no scratch file is
 * left. (test_writes.c covers the default write methods.) */
#include "e2e_writes.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#define SIZES "0,1,4K,1048699"

/* mapbench run --op write with extra arguments into out (dir: the datasets;
 * no latency repetitions unless extra asks); exit 0 and every row verified.
 * The table, for more checks. */
static struct mb_csv_table *run_writes(const char *dir, const char *out, const char *const *extra)
{
	const char *args[48] = {"run", "--op", "write", "--pattern", "seq,rand", "--size", SIZES,
				"--cache", "warm,cold", "--target", "rewrite,new", "--reps", "1",
				"--warmup", "0", "--lat-reps", "0", "--dir", dir, "--out", out, "--quiet"};
	size_t n = 22;
	struct mb_csv_table *t;
	struct e2e_result r;

	for (size_t k = 0; extra[k]; k++)
		args[n++] = extra[k];
	unlink(out);
	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, 0, out);
	e2e_result_free(&r);
	t = e2e_load(out);
	e2e_writes_verified(t, dir);
	return t;
}

/* Every size, pattern, target and cache state for method m (with column
 * col = v when col is given), and each sync mode of syncs. */
static void covered(const struct mb_csv_table *t, const char *m, const char *col, const char *v,
		    const char *const *syncs)
{
	static const char *const cols[][2] = {
		{"file_size_bytes", "0"}, {"file_size_bytes", "1"}, {"file_size_bytes", "4096"},
		{"file_size_bytes", "1048699"}, {"pattern", "seq"}, {"pattern", "rand"},
		{"target", "rewrite"}, {"target", "new"}, {"cache", "warm"}, {"cache", "cold"}};
	const size_t ncols = sizeof(cols) / sizeof(cols[0]);

	for (size_t k = 0; k < ncols + 8 && (k < ncols || syncs[k - ncols]); k++) {
		const char *c = k < ncols ? cols[k][0] : "sync", *want = k < ncols ? cols[k][1]
									      : syncs[k - ncols];
		size_t n = 0;

		for (size_t i = 0; i < t->nrows; i++)
			n += !strcmp(e2e_cell(t, i, "method"), m) &&
			     (!col || !strcmp(e2e_cell(t, i, col), v)) && !strcmp(e2e_cell(t, i, c), want);
		if (!n)
			fail_msg("%s%s%s%s: no row with %s %s", m, col ? " " : "", col ? col : "",
				 col ? v : "", c, want);
	}
}

static const char *const fd_sync_modes[] = {"none", "fsync", "fdatasync", "o_sync", "o_dsync", NULL};

/* odirect: every row ok and verified; every sync mode with 64 KiB blocks (the
 * 1 MiB + 123 B file ends off the alignment: its last write is rounded up,
 * then truncated back), threads 1 and 2 with 4 KiB blocks. Where the test
 * directory is on tmpfs it is unsupported, saying so. */
static void test_odirect_writes_verified(void **state)
{
	static const char *const some[] = {"none", "fdatasync", NULL};
	char dir[PATH_MAX], out[PATH_MAX + 16];
	struct mb_csv_table *t;
	struct statfs sf;
	struct e2e_result r;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/w-ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/odirect.csv", e2e_tmp);
	assert_int_equal(statfs(e2e_tmp, &sf), 0);
	if (sf.f_type == TMPFS_MAGIC) {
		E2E_RUN(&r, NULL, "run", "--op", "write", "--method", "odirect", "--size", "4K",
			"--reps", "1", "--dir", dir, "--out", out, "--quiet");
		e2e_expect_exit(&r, 4, "odirect writes on tmpfs");
		e2e_result_free(&r);
		print_message("test directory on tmpfs: odirect writes unsupported there; checked that\n");
		return;
	}
	t = run_writes(dir, out, (const char *const[]){"--method", "odirect", "--sync",
		"none,fsync,fdatasync,o_sync,o_dsync", "--block", "64K", NULL});
	covered(t, "odirect", NULL, NULL, fd_sync_modes);
	e2e_table_free(t);
	t = run_writes(dir, out, (const char *const[]){"--method", "odirect", "--sync", "none,fdatasync",
		"--block", "4K", "--threads", "1,2", NULL});
	covered(t, "odirect", "threads", "2", some);
	e2e_table_free(t);
	e2e_datasets_verify(dir);
	e2e_no_scratch_left(dir);
}

/* uring: every row ok and verified; every sync mode at qd 4 with 64 KiB
 * blocks; --uring-fixed at qd 1 and 4, threads 1 and 2, with 4 KiB blocks
 * and latency repetitions (the per-request latency path). */
static void test_uring_writes_verified(void **state)
{
	static const char *const none[] = {"none", NULL};
	char dir[PATH_MAX], out[PATH_MAX + 16];
	struct mb_csv_table *t;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/w-ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/uring.csv", e2e_tmp);
	t = run_writes(dir, out, (const char *const[]){"--method", "uring", "--sync",
		"none,fsync,fdatasync,o_sync,o_dsync", "--block", "64K", "--qd", "4", NULL});
	covered(t, "uring", "fixed_buffers", "0", fd_sync_modes);
	e2e_table_free(t);
	t = run_writes(dir, out, (const char *const[]){"--method", "uring", "--block", "4K", "--qd",
		"1,4", "--threads", "1,2", "--uring-fixed", "--lat-reps", "1", NULL});
	covered(t, "uring", "queue_depth", "4", none);
	covered(t, "uring", "threads", "2", none);
	assert_int_equal(e2e_rows_with(t, "fixed_buffers", "1", NULL, NULL), t->nrows);
	assert_true(e2e_rows_with(t, "lat_timed", "1", NULL, NULL) > 0);
	e2e_table_free(t);
	e2e_datasets_verify(dir);
	e2e_no_scratch_left(dir);
}

/* Mapping stores: --consume touch (mmap, mmap-private), verified as the
 * dataset's byte at each page start only, every sync mode with 4 KiB
 * blocks; blocks of 12 bytes put page starts inside blocks. mmap with
 * --msync-every, copy and touch, threads 1 and 2; msync_every_bytes
 * recorded. */
static void test_mapping_store_modes_verified(void **state)
{
	static const char *const map_syncs[] = {"none", "fsync", "msync", "msync-async",
						"msync-invalidate", NULL};
	static const char *const none[] = {"none", NULL}, *const msyncs[] = {"msync", "msync-async", NULL};
	char dir[PATH_MAX], out[PATH_MAX + 16];
	struct mb_csv_table *t;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/w-ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/touch.csv", e2e_tmp);
	t = run_writes(dir, out, (const char *const[]){"--method", "mmap,mmap-private", "--consume",
		"touch", "--sync", "none,fsync,msync,msync-async,msync-invalidate", "--block", "4K", NULL});
	covered(t, "mmap", NULL, NULL, map_syncs);
	covered(t, "mmap-private", NULL, NULL, none);
	assert_int_equal(e2e_rows_with(t, "consume", "touch", NULL, NULL), t->nrows);
	assert_int_equal(e2e_rows_with(t, "msync_every_bytes", "0", NULL, NULL),
			 e2e_rows_with(t, "method", "mmap", NULL, NULL));
	e2e_table_free(t);
	t = run_writes(dir, out, (const char *const[]){"--method", "mmap,mmap-private", "--consume",
		"touch", "--block", "12", NULL});
	covered(t, "mmap", "block_size_bytes", "12", none);
	covered(t, "mmap-private", "block_size_bytes", "12", none);
	e2e_table_free(t);
	t = run_writes(dir, out, (const char *const[]){"--method", "mmap", "--consume", "copy,touch",
		"--sync", "msync,msync-async", "--block", "4K", "--threads", "1,2", "--msync-every", "8K",
		NULL});
	covered(t, "mmap", "consume", "copy", msyncs);
	covered(t, "mmap", "consume", "touch", msyncs);
	covered(t, "mmap", "threads", "2", msyncs);
	assert_int_equal(e2e_rows_with(t, "msync_every_bytes", "8192", NULL, NULL), t->nrows);
	e2e_table_free(t);
	e2e_datasets_verify(dir);
	e2e_no_scratch_left(dir);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_odirect_writes_verified),
		E2E_TEST(test_uring_writes_verified),
		E2E_TEST(test_mapping_store_modes_verified),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
