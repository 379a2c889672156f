/* test_procs.c: end-to-end, `mapbench run --procs N`:
 *
 * - pread and mmap, warm and cold, seq and rand, with --procs 2 and 3 reps:
 *   every row ok, workers=procs, threads=2, its checksum the dataset's, ops
 *   the plan's blocks (the processes' shares add up to the plan), io and
 *   thread_start_spread_ns numbers;
 * - the one-line command of the documentation (rand, warm, 16M, 4K) is ok;
 * - a silently corrupted dataset gives error rows naming the checksum;
 * - methods that cannot run per process (memread) give unsupported rows;
 * - --procs 0, abc and --procs 2 --threads 2 exit 2 with one line;
 * - no process of the run is left after it ends, nor after SIGINT (no
 *   process in /proc still has the run's unique output path on its command
 *   line).
 *
 * Only what is certain is asserted, never a time. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t count_status(const struct mb_csv_table *t, const char *status)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows; i++)
		n += e2e_is(t, i, "status", status);
	return n;
}

/* Processes (other than this one) whose command line holds token. */
static int procs_with(const char *token)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[PATH_MAX], buf[8192];
		ssize_t len;
		int fd;

		if (!atoi(e->d_name) || atoi(e->d_name) == getpid())
			continue;
		e2e_fmt(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		for (ssize_t i = 0; i < len; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[len] = '\0';
		n += strstr(buf, token) != NULL;
	}
	closedir(d);
	return n;
}

/* The rows of a run that must exit 0 with every row ok. */
static struct mb_csv_table *ok_rows(const char *out, size_t nrows)
{
	struct mb_csv_table *t = e2e_load(out);

	assert_int_equal(procs_with(out), 0);
	assert_int_equal(t->nrows, nrows);
	assert_int_equal(count_status(t, "ok"), t->nrows);
	return t;
}

static void test_rows_ok(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX];

	(void)state;
	E2E_RUN_MB(&r, NULL, "matrix", out, "--quiet", "--method", "pread,mmap", "--pattern", "seq,rand",
		   "--cache", "warm,cold", "--size", "256K", "--block", "4K", "--procs", "2", "--reps", "3");
	e2e_expect_exit(&r, 0, "run --procs 2");
	e2e_result_free(&r);
	/* 2 methods x 2 patterns x 2 caches x 3 reps (no latency reps) */
	t = ok_rows(out, 24);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "workers"), "procs");
		assert_string_equal(e2e_cell(t, i, "threads"), "2");
		assert_string_equal(e2e_cell(t, i, "checksum"), e2e_cell(t, i, "expected_checksum"));
		assert_string_equal(e2e_cell(t, i, "ops"), "64");
		assert_string_equal(e2e_cell(t, i, "bytes"), "262144");
		assert_int_equal(e2e_numeric(e2e_cell(t, i, "io_ns")), 1);
		assert_int_equal(e2e_numeric(e2e_cell(t, i, "thread_start_spread_ns")), 1);
	}
	e2e_table_free(t);

	E2E_RUN_MB(&r, NULL, "documented", out, "--quiet", "--method", "pread,mmap", "--pattern", "rand",
		   "--cache", "warm", "--size", "16M", "--block", "4K", "--procs", "2", "--reps", "3");
	e2e_expect_exit(&r, 0, "the documented --procs run");
	e2e_result_free(&r);
	t = ok_rows(out, 6);
	for (size_t i = 0; i < t->nrows; i++)
		assert_string_equal(e2e_cell(t, i, "ops"), "4096");
	e2e_table_free(t);
}

static void test_threads_rows_say_threads(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX];

	(void)state;
	E2E_RUN_MB(&r, NULL, "threads", out, "--quiet", "--method", "pread", "--pattern", "seq",
		   "--cache", "warm", "--size", "64K", "--block", "4K", "--threads", "2", "--reps", "1");
	e2e_expect_exit(&r, 0, "run --threads 2");
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(e2e_cell(t, 0, "workers"), "threads");
	assert_string_equal(e2e_cell(t, 0, "threads"), "2");
	e2e_table_free(t);
}

static void test_unsupported(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX];

	(void)state;
	E2E_RUN_MB(&r, NULL, "memread", out, "--quiet", "--method", "memread", "--pattern", "seq",
		   "--size", "64K", "--block", "4K", "--procs", "2", "--reps", "1");
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_true(t->nrows >= 1);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "status"), "unsupported");
		assert_non_null(strstr(e2e_cell(t, i, "error"), "--procs"));
	}
	e2e_table_free(t);
}

static void test_corrupt(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;
	char d[PATH_MAX], f[PATH_MAX], out[PATH_MAX];

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/dsc", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64K-s1.dat", d);
	e2e_fmt(out, sizeof(out), "%s/corrupt.csv", e2e_tmp);
#define ARGS "run", "--quiet", "--method", "pread,mmap", "--pattern", "seq,rand", "--cache", "warm", \
	     "--size", "64K", "--block", "4K", "--procs", "2", "--reps", "2", "--warmup", "0", "--dir", d, \
	     "--out", out
	E2E_RUN(&r, NULL, ARGS);
	e2e_expect_exit(&r, 0, "run before the corruption");
	e2e_result_free(&r);
	e2e_flip_byte_silently(f, 12345);
	unlink(out);
	E2E_RUN(&r, NULL, ARGS);
#undef ARGS
	e2e_expect_exit(&r, 1, "run --procs 2 on a silently corrupted dataset");
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_int_equal(t->nrows, 8);
	assert_int_equal(count_status(t, "error"), t->nrows);
	for (size_t i = 0; i < t->nrows; i++)
		assert_non_null(strstr(e2e_cell(t, i, "error"), "checksum"));
	e2e_table_free(t);
}

static void expect_usage(const char *const *extra, const char *what)
{
	struct e2e_result r;
	char out[PATH_MAX];

	e2e_run_mb(&r, NULL, "usage", out, sizeof(out), extra);
	e2e_expect_exit(&r, 2, what);
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "--procs"));
	assert_false(e2e_exists(out));
	e2e_result_free(&r);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_usage((const char *const[]){"--procs", "0", "--size", "64K", NULL}, "--procs 0");
	expect_usage((const char *const[]){"--procs", "abc", "--size", "64K", NULL}, "--procs abc");
	expect_usage((const char *const[]){"--procs", "2", "--threads", "2", "--size", "64K", NULL},
		     "--procs 2 --threads 2");
}

static void test_sigint_leaves_no_process(void **state)
{
	struct e2e_opts o = {.sigint_after_ms = 1500};
	struct e2e_result r;
	char out[PATH_MAX];

	(void)state;
	E2E_RUN_MB(&r, &o, "sigint", out, "--quiet", "--method", "pread,mmap", "--pattern", "rand",
		   "--cache", "warm", "--size", "16M", "--block", "4K", "--procs", "2", "--reps", "100000");
	e2e_expect_exit(&r, 130, "run --procs 2 stopped by SIGINT");
	e2e_result_free(&r);
	assert_int_equal(procs_with(out), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_bad_values),
		E2E_TEST(test_rows_ok),
		E2E_TEST(test_threads_rows_say_threads),
		E2E_TEST(test_unsupported),
		E2E_TEST(test_corrupt),
		E2E_TEST(test_sigint_leaves_no_process),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
