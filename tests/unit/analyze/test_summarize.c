/* test_summarize.c: the statistics of a sample (stats.c) against values
 * computed here independently, and `summarize` (summarize.c) on small CSVs:
 * grouping, only ok rows, empty cells, throughput and latency repetitions
 * (lat_timed) kept apart, and errors that name the line. */
#include "unit.h"

#include <math.h>

#include "stats.h"
#include "csvio.h"
#include "summarize.h"

/* Exact binomial tables for the median's 95% interval (1-based ranks). */
static void median_ci_ranks(void **state)
{
	static const struct { size_t n, lo, hi; double level; } want[] = {
		{6, 1, 6, 0.96875}, {9, 2, 8, 0.9609375}, {12, 3, 10, 0.9614258}, {20, 6, 15, 0.9586105},
	};
	double v[32];
	struct mb_stats st;

	(void)state;
	for (size_t t = 0; t < sizeof(want) / sizeof(want[0]); t++) {
		for (size_t i = 0; i < want[t].n; i++)
			v[i] = (double)(want[t].n - i) * 10; /* reversed: the function sorts */
		mb_stats_compute(v, want[t].n, &st);
		assert_true(st.ci_lo == (double)want[t].lo * 10);
		assert_true(st.ci_hi == (double)want[t].hi * 10);
		assert_true(fabs(st.ci_level - want[t].level) < 1e-6);
	}
	/* n < 6: no interval reaches 95%; [min, max] with its true coverage */
	for (size_t i = 0; i < 5; i++)
		v[i] = (double)i;
	mb_stats_compute(v, 5, &st);
	assert_true(st.ci_lo == 0 && st.ci_hi == 4);
	assert_true(fabs(st.ci_level - 0.9375) < 1e-9);
}

/* Mean, sample stddev, CV and median against a direct computation. */
static void moments_match(void **state)
{
	uint64_t seed = 7;
	double v[101], copy[101], sum = 0, ss = 0, mean, sd;
	struct mb_stats st;

	(void)state;
	for (size_t i = 0; i < 101; i++) {
		v[i] = copy[i] = 100.0 + (double)ut_below(&seed, 1000) / 10.0;
		sum += v[i];
	}
	mean = sum / 101;
	for (size_t i = 0; i < 101; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	sd = sqrt(ss / 100);
	mb_stats_compute(v, 101, &st);
	assert_int_equal(st.n, 101);
	assert_true(fabs(st.mean - mean) < 1e-9);
	assert_true(fabs(st.stddev - sd) < 1e-9);
	assert_true(fabs(st.cv - sd / mean) < 1e-12);
	/* the median: the value with 50 below and 50 above */
	for (size_t i = 0; i < 101; i++) {
		size_t below = 0, above = 0;

		for (size_t j = 0; j < 101; j++) {
			below += copy[j] < copy[i];
			above += copy[j] > copy[i];
		}
		if (below <= 50 && above <= 50)
			assert_true(st.median == copy[i]);
	}
}

static void outliers_by_modified_z(void **state)
{
	double v[] = {10.0, 10.1, 9.9, 10.05, 9.95, 30.0, 10.02};
	double same[] = {5, 5, 5, 5};
	struct mb_stats st;

	(void)state;
	mb_stats_compute(v, 7, &st);
	assert_int_equal(st.outliers, 1);
	mb_stats_compute(same, 4, &st); /* MAD 0: nothing is an outlier */
	assert_int_equal(st.outliers, 0);
	assert_true(st.stddev == 0);
	mb_stats_compute(v, 0, &st);
	assert_true(isnan(st.median) && st.n == 0);
}

/* Runs mb_summarize on text; returns its rc, output in *out (a table). */
static int summarize_text(const char *text, struct mb_csv_table *out, char *err, size_t errlen)
{
	char in[PATH_MAX], res[PATH_MAX], e2[256];
	FILE *f;
	int fd, rc;

	ut_tmp_path(in, sizeof(in), "in.csv");
	ut_tmp_path(res, sizeof(res), "sum.csv");
	ut_write_str(in, text);
	f = fopen(in, "re");
	assert_non_null(f);
	fd = open(res, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	rc = mb_summarize(f, "in.csv", fd, err, errlen);
	fclose(f);
	close(fd);
	memset(out, 0, sizeof(*out));
	if (!rc)
		assert_int_equal(mb_csv_table_load(res, out, e2, sizeof(e2)), 0);
	return rc;
}

#define HDR "status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s,lat_p99_ns\n"

static void groups_ok_rows(void **state)
{
	struct mb_csv_table t;
	char err[256];
	long n, med, lo, hi, lat;

	(void)state;
	assert_int_equal(summarize_text(HDR "ok,mmap,seq,warm,4096,4096,10,\n"
					    "ok,mmap,seq,warm,4096,4096,30,\n"
					    "error,mmap,seq,warm,4096,4096,999,\n"
					    "ok,pread,rand,cold,4096,4096,5,700\n"
					    "ok,mmap,seq,warm,4096,4096,20,\n",
					&t, err, sizeof(err)), 0);
	assert_int_equal(t.nrows, 2); /* two configurations, first-seen order */
	n = mb_csv_table_col(&t, "n");
	med = mb_csv_table_col(&t, "mib_per_s_median");
	lo = mb_csv_table_col(&t, "mib_per_s_min");
	hi = mb_csv_table_col(&t, "mib_per_s_max");
	lat = mb_csv_table_col(&t, "lat_p99_ns_median");
	assert_true(n >= 0 && med >= 0 && lo >= 0 && hi >= 0 && lat >= 0);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "method")], "mmap");
	assert_string_equal(t.rows[0][n], "3"); /* the error row is not a sample */
	assert_string_equal(t.rows[0][med], "20");
	assert_string_equal(t.rows[0][lo], "10");
	assert_string_equal(t.rows[0][hi], "30");
	assert_string_equal(t.rows[0][lat], ""); /* empty cells: not applicable */
	assert_string_equal(t.rows[1][n], "1");
	assert_string_equal(t.rows[1][lat], "700");
	mb_csv_table_free(&t);
}

/* sync_ns, ns_per_op, minflt_per_op, tlb_shootdowns and tlb_per_op: after
 * n_lat (columns only grow at the end), the per-op measures derived per row
 * from total_ns, minflt, tlb_shootdowns and ops. */
static void appended_measures(void **state)
{
	struct mb_csv_table t;
	char err[256];
	long nlat, sync, nsop, fltop, tlb, tlbop;

	(void)state;
	assert_int_equal(summarize_text("status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s,"
					"total_ns,minflt,ops,sync_ns,tlb_shootdowns\n"
					"ok,fault,seq,warm,65536,4096,10,16000,16,16,,4\n"
					"ok,fault,seq,warm,65536,4096,10,32000,8,16,,8\n"
					"ok,fault,seq,warm,65536,4096,10,48000,4,16,,40\n"
					"ok,pwrite,seq,warm,65536,4096,10,5000,0,0,3000,\n",
					&t, err, sizeof(err)), 0);
	nlat = mb_csv_table_col(&t, "n_lat");
	sync = mb_csv_table_col(&t, "sync_ns_median");
	nsop = mb_csv_table_col(&t, "ns_per_op_median");
	fltop = mb_csv_table_col(&t, "minflt_per_op_median");
	tlb = mb_csv_table_col(&t, "tlb_shootdowns_median");
	tlbop = mb_csv_table_col(&t, "tlb_per_op_median");
	assert_true(nlat > 0 && sync == nlat + 1 && nsop > sync && fltop > nsop && tlb > fltop && tlbop > tlb);
	assert_string_equal(t.header[t.ncols - 1], "tlb_per_op_ci_hi");
	assert_string_equal(t.rows[0][tlb], "8");
	assert_string_equal(t.rows[0][tlbop], "0.5");
	assert_string_equal(t.rows[1][tlb], "");
	assert_string_equal(t.rows[1][tlbop], "");
	assert_string_equal(t.rows[0][nsop], "2000");
	assert_string_equal(t.rows[0][fltop], "0.5");
	assert_string_equal(t.rows[0][sync], "");
	assert_string_equal(t.rows[1][sync], "3000");
	assert_string_equal(t.rows[1][nsop], ""); /* no ops: not applicable */
	mb_csv_table_free(&t);
}

/* The summary of text as f says, into buf (NUL-terminated); the rc. */
static int summarize_as(const char *text, const struct mb_summary_format *f, char *buf, size_t len,
			char *err, size_t errlen)
{
	char in[PATH_MAX], res[PATH_MAX];
	struct mb_groups gs = {0};
	FILE *fp;
	int fd, rc;
	ssize_t n;

	ut_tmp_path(in, sizeof(in), "in.csv");
	ut_tmp_path(res, sizeof(res), "as.txt");
	ut_write_str(in, text);
	fp = fopen(in, "re");
	assert_non_null(fp);
	assert_int_equal(mb_groups_read(&gs, fp, "in.csv", err, errlen), 0);
	fclose(fp);
	fd = open(res, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	rc = mb_summarize_write_as(&gs, fd, f, err, errlen);
	n = pread(fd, buf, len - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	mb_groups_free(&gs);
	return rc;
}

/* --columns picks and orders columns; --format table aligns them, numbers
 * with a fraction to 4 significant digits; an unknown column is refused. */
static void columns_and_table(void **state)
{
	static const char text[] = HDR "ok,read,seq,warm,65536,4096,123456.7,\n"
				       "ok,mmap,seq,warm,65536,4096,25.5,\n";
	struct mb_summary_format f = {.columns = "mib_per_s_median,method,n"};
	char buf[4096], err[256];

	(void)state;
	assert_int_equal(summarize_as(text, &f, buf, sizeof(buf), err, sizeof(err)), 0);
	assert_string_equal(buf, "mib_per_s_median,method,n\n123456.7,read,1\n25.5,mmap,1\n");
	f.table = 1;
	assert_int_equal(summarize_as(text, &f, buf, sizeof(buf), err, sizeof(err)), 0);
	assert_string_equal(buf, "mib_per_s_median  method  n\n"
				 "123457            read    1\n"
				 "25.5              mmap    1\n");
	f.columns = "method,bogus_median";
	assert_int_equal(summarize_as(text, &f, buf, sizeof(buf), err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "'bogus_median'"));
}

static void errors_name_the_line(void **state)
{
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(summarize_text(HDR "ok,mmap,seq,warm,4096,4096,10,\nok,mmap,seq\n", &t, err,
					sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "line 3"));
	assert_int_equal(summarize_text(HDR "ok,mmap,seq,warm,4096,4096,fast,\n", &t, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "line 2"));
	assert_non_null(strstr(err, "'fast'"));
	assert_int_equal(summarize_text("status,method\nok,mmap\n", &t, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "no column 'pattern'"));
	assert_int_equal(summarize_text(HDR "ok,mmap,seq,warm,4096,4096,\"10\n", &t, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "line 2"));
}

/* Throughput repetitions (lat_timed=0) and latency repetitions (lat_timed=1,
 * each operation timed, so much slower) of one configuration: one group, its
 * throughput, times and faults from the first kind only, its percentiles from
 * the second only. A stray percentile in a throughput row is not a sample. */
#define LT_HDR "status,method,pattern,cache,file_size_bytes,block_size_bytes,lat_timed,mib_per_s,total_ns," \
	"minflt,bytes,lat_p50_ns,lat_p99_ns,lat_p999_ns,lat_max_ns\n"
#define LT_ROWS                                                                        \
	"ok,pread,rand,warm,1048576,4096,0,1000,1000000,10,1048576,,,,\n"             \
	"ok,pread,rand,warm,1048576,4096,1,100,10000000,90,1048576,400,900,1500,2000\n" \
	"ok,pread,rand,warm,1048576,4096,0,1200,800000,12,1048576,77,77,77,77\n"      \
	"ok,pread,rand,warm,1048576,4096,1,120,9000000,80,1048576,500,1100,1700,2500\n" \
	"ok,pread,rand,warm,1048576,4096,0,1100,900000,11,1048576,,,,\n"              \
	"error,pread,rand,warm,1048576,4096,1,,,,,,,,\n"                              \
	"ok,pread,rand,warm,1048576,4096,1,110,9500000,85,1048576,450,1000,1600,2200\n"

static const char *cell_of(const struct mb_csv_table *t, size_t r, const char *col)
{
	long c = mb_csv_table_col(t, col);

	if (c < 0)
		fail_msg("no column %s", col);
	return t->rows[r][c];
}

static void latency_rows_apart(void **state)
{
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(summarize_text(LT_HDR LT_ROWS, &t, err, sizeof(err)), 0);
	assert_int_equal(t.nrows, 1); /* lat_timed is no key */
	assert_string_equal(cell_of(&t, 0, "n"), "3"); /* throughput repetitions only */
	assert_string_equal(cell_of(&t, 0, "n_lat"), "3");
	assert_string_equal(cell_of(&t, 0, "mib_per_s_median"), "1100");
	assert_string_equal(cell_of(&t, 0, "mib_per_s_min"), "1000");
	assert_string_equal(cell_of(&t, 0, "total_ns_max"), "1000000");
	assert_string_equal(cell_of(&t, 0, "minflt_max"), "12");
	assert_string_equal(cell_of(&t, 0, "minflt_per_mib_median"), "11"); /* derived: same rows */
	assert_string_equal(cell_of(&t, 0, "wall_ms_per_gib_max"), "1024");
	assert_string_equal(cell_of(&t, 0, "lat_p50_ns_median"), "450");
	assert_string_equal(cell_of(&t, 0, "lat_p50_ns_min"), "400"); /* not the stray 77 */
	assert_string_equal(cell_of(&t, 0, "lat_p99_ns_median"), "1000");
	assert_string_equal(cell_of(&t, 0, "lat_p999_ns_max"), "1700");
	assert_string_equal(cell_of(&t, 0, "lat_max_ns_median"), "2200");
	mb_csv_table_free(&t);

	/* only latency repetitions: no throughput sample at all */
	assert_int_equal(summarize_text(LT_HDR "ok,pread,rand,warm,4096,4096,1,100,1000,1,4096,400,900,1500,2000\n",
					&t, err, sizeof(err)), 0);
	assert_string_equal(cell_of(&t, 0, "n"), "0");
	assert_string_equal(cell_of(&t, 0, "mib_per_s_median"), "");
	assert_string_equal(cell_of(&t, 0, "lat_p99_ns_median"), "900");
	mb_csv_table_free(&t);

	/* an empty lat_timed cell (a row converted from another tool) and a file
	 * without the column count for everything, as before the column */
	assert_int_equal(summarize_text(LT_HDR "ok,pread,rand,warm,4096,4096,,100,1000,1,4096,400,900,1500,2000\n",
					&t, err, sizeof(err)), 0);
	assert_string_equal(cell_of(&t, 0, "n"), "1");
	assert_string_equal(cell_of(&t, 0, "n_lat"), "0");
	assert_string_equal(cell_of(&t, 0, "mib_per_s_median"), "100");
	assert_string_equal(cell_of(&t, 0, "lat_p99_ns_median"), "900");
	mb_csv_table_free(&t);
	assert_int_equal(summarize_text(HDR "ok,pread,rand,cold,4096,4096,5,700\nok,pread,rand,cold,4096,4096,7,800\n",
					&t, err, sizeof(err)), 0);
	assert_string_equal(cell_of(&t, 0, "n"), "2");
	assert_string_equal(cell_of(&t, 0, "mib_per_s_median"), "6");
	assert_string_equal(cell_of(&t, 0, "lat_p99_ns_median"), "750");
	mb_csv_table_free(&t);

	/* a value that is neither */
	assert_int_equal(summarize_text(LT_HDR "ok,pread,rand,warm,4096,4096,yes,100,1000,1,4096,,,,\n", &t,
					err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "line 2"));
	assert_non_null(strstr(err, "lat_timed 'yes'"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_ci_ranks),
		cmocka_unit_test(moments_match),
		cmocka_unit_test(outliers_by_modified_z),
		cmocka_unit_test(groups_ok_rows),
		cmocka_unit_test(appended_measures),
		cmocka_unit_test(columns_and_table),
		cmocka_unit_test(errors_name_the_line),
		cmocka_unit_test(latency_rows_apart),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
