/* test_tlsummary.c: the figures of `mapbench timeline` from a synthetic
 * timeline: two workers, six intervals each in shuffled file order, known
 * rates: the first and last thirds' medians summed over the workers,
 * settled ÷ first, MiB/s and major faults per second of the last third,
 * read_amp, the cgroup's cache at worker 0's last interval; two
 * repetitions apart; a malformed cell and a file that is not a timeline
 * refused, naming the line or the column. */
#include "unit.h"

#include "csvio.h"
#include "tlsummary.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define HDR "run_id,method,rep,worker,t_start_ns,t_end_ns,ops,bytes,majflt,dev_read_bytes,cg_file_bytes\n"

/* The summary of text (CSV) into t; the rc. */
static int summary_of(const char *text, struct mb_csv_table *t, char *err, size_t errlen)
{
	char in[PATH_MAX], out[PATH_MAX], e2[256];
	int fd, rc;

	ut_tmp_path(in, sizeof(in), "tl.csv");
	ut_tmp_path(out, sizeof(out), "tlsum.csv");
	ut_write_str(in, text);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	rc = mb_tlsummary(in, NULL, 0, fd, err, errlen);
	close(fd);
	memset(t, 0, sizeof(*t));
	if (!rc)
		assert_int_equal(mb_csv_table_load(out, t, e2, sizeof(e2)), 0);
	return rc;
}

static double num(const struct mb_csv_table *t, size_t r, const char *col)
{
	long c = mb_csv_table_col(t, col);

	assert_true(c >= 0);
	return *t->rows[r][c] ? strtod(t->rows[r][c], NULL) : NAN;
}

static void third_rate(void **state)
{
	double ops[] = {10, 20, 30, 40}, ns[] = {1e9, 1e9, 1e9, 0};

	(void)state;
	assert_true(fabs(mb_tl_third_rate(ops, ns, 0, 3) - 20) < 1e-9);
	assert_true(fabs(mb_tl_third_rate(ops, ns, 0, 2) - 15) < 1e-9);
	assert_true(isnan(mb_tl_third_rate(ops, ns, 3, 4))); /* an empty interval has no rate */
	assert_true(isnan(mb_tl_third_rate(ops, ns, 2, 2)));
}

/* Worker 0: 1 s intervals of 100, 100, 50, 50, 10, 10 ops (4096 bytes each,
 * the last two with 2 and 4 major faults); worker 1: 200 ops each. First
 * third: 100 + 200; last third: 10 + 200. */
static void figures(void **state)
{
	static const char text[] = HDR
		"r1,mmap,1,0,4000000000,5000000000,10,40960,2,409600,1000\n"
		"r1,mmap,1,1,0,1000000000,200,819200,0,,\n"
		"r1,mmap,1,0,0,1000000000,100,409600,0,4096000,9000\n"
		"r1,mmap,1,0,1000000000,2000000000,100,409600,0,0,8000\n"
		"r1,mmap,1,0,2000000000,3000000000,50,204800,0,0,7000\n"
		"r1,mmap,1,0,3000000000,4000000000,50,204800,0,0,6000\n"
		"r1,mmap,1,0,5000000000,6000000000,10,40960,4,0,500\n"
		"r1,mmap,1,1,1000000000,2000000000,200,819200,0,,\n"
		"r1,mmap,1,1,2000000000,3000000000,200,819200,0,,\n"
		"r1,mmap,1,1,3000000000,4000000000,200,819200,0,,\n"
		"r1,mmap,1,1,4000000000,5000000000,200,819200,0,,\n"
		"r1,mmap,1,1,5000000000,6000000000,200,819200,0,,\n"
		"r1,mmap,2,0,0,2000000000,40,163840,,,\n";
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(summary_of(text, &t, err, sizeof(err)), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "rep")], "1");
	assert_true(num(&t, 0, "workers_seen") == 2);
	assert_true(num(&t, 0, "intervals") == 6);
	assert_true(fabs(num(&t, 0, "seconds") - 6) < 1e-9);
	assert_true(num(&t, 0, "ops") == 320 + 1200);
	assert_true(fabs(num(&t, 0, "first_ops_per_s") - 300) < 1e-6);
	assert_true(fabs(num(&t, 0, "settled_ops_per_s") - 210) < 1e-6);
	assert_true(fabs(num(&t, 0, "settled_vs_first") - 0.7) < 1e-6);
	assert_true(fabs(num(&t, 0, "settled_mib_per_s") - 210.0 * 4096 / (1 << 20)) < 1e-4);
	assert_true(fabs(num(&t, 0, "settled_majflt_per_s") - 3) < 1e-9);
	assert_true(fabs(num(&t, 0, "read_amp") - 4505600.0 / (1520 * 4096)) < 1e-4);
	assert_true(num(&t, 0, "end_cg_file_bytes") == 500);
	/* repetition 2: one worker, one interval; no fault counts, no cgroup */
	assert_true(fabs(num(&t, 1, "settled_ops_per_s") - 20) < 1e-9);
	assert_true(isnan(num(&t, 1, "settled_majflt_per_s")));
	assert_true(isnan(num(&t, 1, "end_cg_file_bytes")));
	mb_csv_table_free(&t);
}

static void refused(void **state)
{
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(summary_of(HDR "r1,mmap,1,0,0,1000,ten,4096,,,\n", &t, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "line 2"));
	assert_int_equal(summary_of(HDR "r1,mmap,1,0,2000,1000,1,4096,,,\n", &t, err, sizeof(err)), -EINVAL);
	assert_int_equal(summary_of("status,method\nok,read\n", &t, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not a mapbench --timeline file"));
}

/* --columns: the figures named, in that order; an unknown name refused. */
static void columns(void **state)
{
	char in[PATH_MAX], out[PATH_MAX], err[256], *got;
	int fd;

	(void)state;
	ut_tmp_path(in, sizeof(in), "tlc.csv");
	ut_tmp_path(out, sizeof(out), "tlc.out");
	ut_write_str(in, HDR "r1,mmap,1,0,0,1000000000,7,28672,,,\n");
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_tlsummary(in, "settled_ops_per_s,method", 0, fd, err, sizeof(err)), 0);
	assert_int_equal(mb_tlsummary(in, "method,bogus", 0, fd, err, sizeof(err)), -EINVAL);
	close(fd);
	assert_non_null(strstr(err, "'bogus'"));
	got = ut_read_file(out, NULL);
	assert_string_equal(got, "settled_ops_per_s,method\n7,mmap\n");
	free(got);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(third_rate),
		cmocka_unit_test(figures),
		cmocka_unit_test(refused),
		cmocka_unit_test(columns),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
