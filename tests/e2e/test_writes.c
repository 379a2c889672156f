/* test_writes.c: end-to-end, the write side of `mapbench run`. Every write
 * method with every target, every sync mode it takes and both patterns, and
 * every rmw method, on files of 0 B, 1 B, 4 KiB and 1 MiB + 123 B (rmw: 64
 * KiB + 123 B; a partial last block, and a partial last integer), warm and
 * cold, with blocks of 4 KiB and 12 bytes: every row ok, with
 * the scratch's re-read checksum equal to what it must hold (the dataset's
 * bytes; for mmap-private stores the scratch as it was made, not the
 * dataset's). Afterwards the datasets still verify and no scratch file is
 * left (test_write_methods.c does the same for the write methods and modes
 * not in the default list). As root, on a 1 MiB tmpfs the test mounts and
 * unmounts: a write that runs out of space is an error row (ENOSPC from write(2), SIGBUS from a
 * mapping store) and the run goes on, exit 1, no scratch left; on the same
 * filesystem mounted read-only, one clear line and a non-zero exit; odirect
 * writes there are unsupported (tmpfs has no direct I/O to measure). Bad
 * write-side options are refused with exit 2 and one line naming them. */
#include "e2e_writes.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIZES "0,1,4K,1048699"
#define RMW_SIZES "0,1,4K,65659" /* rmw-element: two system calls per integer */

static void test_every_write_method_verified(void **state)
{
	static const char *const methods[] = {"write", "pwrite", "pwritev", "fwrite", "mmap", "mmap-private"};
	static const char *const fd_syncs[] = {"none", "fsync", "fdatasync", "o_sync", "o_dsync"};
	static const char *const map_syncs[] = {"msync", "msync-async", "msync-invalidate"};
	char dir[PATH_MAX], out[PATH_MAX + 16];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/w-ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/w.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--op", "write", "--target", "rewrite,new", "--sync",
		"none,fsync,fdatasync,o_sync,o_dsync,msync,msync-async,msync-invalidate", "--pattern",
		"seq,rand", "--size", SIZES, "--block", "4K,64K", "--cache", "warm,cold", "--reps", "1",
		"--warmup", "0", "--dir", dir, "--out", out, "--quiet");
	e2e_expect_exit(&r, 0, "mapbench run --op write");
	e2e_result_free(&r);
	t = e2e_load(out);
	e2e_writes_verified(t, dir);
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		int map = !strncmp(methods[i], "mmap", 4);

		if (!e2e_rows_with(t, "method", methods[i], "target", "new") ||
		    !e2e_rows_with(t, "method", methods[i], "target", "rewrite") ||
		    !e2e_rows_with(t, "method", methods[i], "pattern", "rand") ||
		    !e2e_rows_with(t, "method", methods[i], "cache", "cold") ||
		    !e2e_rows_with(t, "method", methods[i], "file_size_bytes", "1048699") ||
		    !e2e_rows_with(t, "method", methods[i], "file_size_bytes", "0"))
			fail_msg("%s misses a target, pattern, cache state or size", methods[i]);
		if (!strcmp(methods[i], "mmap-private")) { /* one mode: none */
			assert_int_equal(e2e_rows_with(t, "method", methods[i], "sync", "none"),
					 e2e_rows_with(t, "method", methods[i], NULL, NULL));
			continue;
		}
		for (size_t k = 0; k < 5; k++)
			if (!map || k < 3)
				assert_true(e2e_rows_with(t, "method", methods[i], "sync", fd_syncs[k]) > 0);
		for (size_t k = 0; map && k < 3; k++)
			assert_true(e2e_rows_with(t, "method", methods[i], "sync", map_syncs[k]) > 0);
	}
	/* a new target has no cache state */
	for (size_t i = 0; i < t->nrows; i++)
		if (!strcmp(e2e_cell(t, i, "target"), "new"))
			assert_string_equal(e2e_cell(t, i, "cache"), "");
	e2e_table_free(t);
	e2e_datasets_verify(dir);
	e2e_no_scratch_left(dir);
}

static void test_every_rmw_method_verified(void **state)
{
	static const char *const methods[] = {"rmw-read-write", "rmw-block", "rmw-element", "rmw-mmap",
					      "rmw-mmap-msync"};
	char dir[PATH_MAX], out[PATH_MAX + 16];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/r-ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/r.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--op", "rmw", "--pattern", "seq,rand", "--size", RMW_SIZES, "--block",
		"4K,12", "--cache", "warm,cold", "--reps", "1", "--warmup", "0", "--dir", dir, "--out",
		out, "--quiet");
	e2e_expect_exit(&r, 0, "mapbench run --op rmw");
	e2e_result_free(&r);
	t = e2e_load(out);
	e2e_writes_verified(t, dir);
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		/* patterns x blocks x cache states, and rand's latency repetitions */
		assert_int_equal(e2e_rows_with(t, "method", methods[i], "file_size_bytes", "65659"),
				 2 * 2 * 2 + 2 * 2);
	for (size_t i = 0; i < t->nrows; i++) { /* ops: the integers, each once */
		char want[32];

		e2e_fmt(want, sizeof(want), "%llu",
			strtoull(e2e_cell(t, i, "file_size_bytes"), NULL, 10) / 4);
		assert_string_equal(e2e_cell(t, i, "ops"), want);
		assert_string_equal(e2e_cell(t, i, "op"), "rmw");
		assert_string_equal(e2e_cell(t, i, "sync"),
				    strcmp(e2e_cell(t, i, "method"), "rmw-mmap-msync") ? "none" : "msync");
	}
	e2e_table_free(t);
	e2e_datasets_verify(dir);
	e2e_no_scratch_left(dir);
}

/* As root: a 1 MiB tmpfs, mounted here and unmounted at the end (also when
 * an assertion fails: the group teardown removes the tree, so it is
 * unmounted first). */
static char tfs[PATH_MAX];

static int unmount_tfs(void)
{
	if (tfs[0] && umount(tfs) && umount2(tfs, MNT_DETACH))
		return -1;
	tfs[0] = '\0';
	return 0;
}

static void test_full_and_read_only_filesystem(void **state)
{
	char dir[PATH_MAX + 8], out[PATH_MAX + 16];
	struct mb_csv_table *t;
	struct e2e_result r;
	size_t nospace = 0, sigbus = 0;

	(void)state;
	if (geteuid() != 0) {
		print_message("not root: cannot mount a small tmpfs; skipped\n");
		skip();
	}
	e2e_fmt(tfs, sizeof(tfs), "%s/tfs", e2e_tmp);
	assert_int_equal(mkdir(tfs, 0755), 0);
	if (mount("tmpfs", tfs, "tmpfs", 0, "size=1M")) {
		tfs[0] = '\0';
		print_message("mount tmpfs: %s; skipped\n", strerror(errno));
		skip();
	}
	e2e_fmt(dir, sizeof(dir), "%s/ds", tfs);
	e2e_fmt(out, sizeof(out), "%s/full.csv", e2e_tmp);
	/* a 640K dataset leaves under 400K: no target fits */
	E2E_RUN(&r, NULL, "run", "--op", "write", "--method", "pwrite,fwrite,mmap", "--target",
		"new,rewrite", "--size", "640K", "--block", "64K", "--pattern", "seq", "--cache", "warm",
		"--reps", "2", "--warmup", "0", "--dir", dir, "--out", out, "--quiet");
	e2e_expect_exit(&r, 1, "writes on a full filesystem");
	e2e_result_free(&r);
	t = e2e_load(out);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *err = e2e_cell(t, i, "error");

		assert_string_equal(e2e_cell(t, i, "status"), "error");
		nospace += strstr(err, "No space left on device") != NULL;
		sigbus += strstr(err, "SIGBUS") != NULL;
	}
	assert_int_equal(t->nrows, 3 * 2 * 2); /* every repetition ran, each an error row */
	assert_int_equal(sigbus, 2);           /* mmap stores into a new target */
	assert_int_equal(nospace, t->nrows - sigbus);
	e2e_table_free(t);
	e2e_no_scratch_left(dir);
	e2e_datasets_verify(dir);
	/* odirect writes: tmpfs has no direct I/O to measure */
	e2e_fmt(out, sizeof(out), "%s/odirect-tmpfs.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--op", "write", "--method", "odirect", "--target", "new", "--size",
		"640K", "--block", "64K", "--pattern", "seq", "--reps", "1", "--warmup", "0", "--dir",
		dir, "--out", out, "--quiet");
	e2e_expect_exit(&r, 4, "odirect writes on tmpfs");
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(e2e_cell(t, 0, "status"), "unsupported");
	assert_non_null(strstr(e2e_cell(t, 0, "error"), "tmpfs"));
	e2e_table_free(t);
	e2e_no_scratch_left(dir);
	/* read-only: one line, nothing written */
	assert_int_equal(mount(NULL, tfs, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	e2e_fmt(out, sizeof(out), "%s/ro.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--op", "write", "--method", "pwrite", "--size", "640K", "--block",
		"64K", "--pattern", "seq", "--cache", "warm", "--reps", "1", "--warmup", "0", "--dir",
		dir, "--out", out, "--quiet");
	assert_true(r.status != 0);
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "Read-only file system"));
	e2e_result_free(&r);
	assert_int_equal(unmount_tfs(), 0);
}

/* Bad write-side input: exit 2, one line naming the option. */
static void test_bad_write_options(void **state)
{
	static const char *const cases[][8] = {
		{"--op", "scribble", NULL},
		{"--sync", "fsync", NULL},                          /* a read run */
		{"--target", "new", NULL},
		{"--op", "write", "--sync", "sometimes", NULL},
		{"--op", "write", "--target", "old", NULL},
		{"--op", "rmw", "--sync", "fsync", NULL},
		{"--op", "rmw", "--block", "6", NULL},
		{"--op", "write", "--cache", "warm-4k", NULL},
		{"--op", "write", "--method", "pread", NULL},
		{"--op", "write", "--file", "/etc/hostname", NULL},
	};
	static const char *const names[] = {"--op", "--sync", "--target", "--sync", "--target", "--sync",
					    "--block", "--cache", "--method", "--file"};
	char dir[PATH_MAX];

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/bad-ds", e2e_tmp);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *args[24] = {"run", "--size", "4K", "--reps", "1", "--dir", dir, "--quiet"};
		size_t n = 8;
		struct e2e_result r;

		for (size_t k = 0; cases[i][k]; k++)
			args[n++] = cases[i][k];
		e2e_run(&r, NULL, args);
		if (r.status != 2 || e2e_count_lines(r.err) != 1 || !strstr(r.err, names[i]))
			fail_msg("case %zu: exit %d, want 2 and one line naming %s: %s", i, r.status,
				 names[i], r.err);
		e2e_result_free(&r);
	}
	assert_false(e2e_exists(dir));
}

static int teardown(void **state)
{
	int rc = unmount_tfs();

	return e2e_group_teardown(state) || rc;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_every_write_method_verified),
		E2E_TEST(test_every_rmw_method_verified),
		E2E_TEST(test_full_and_read_only_filesystem),
		E2E_TEST(test_bad_write_options),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, teardown);
}
