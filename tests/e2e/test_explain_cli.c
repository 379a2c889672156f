/* test_explain_cli.c: `mapbench explain` end to end on the fixture results
 * (tests/fixtures/explain/results.csv, one configuration built to take twice
 * the model's time) and a handmade machine.csv: the unexplained
 * configuration is listed as such in every format, the CSV holds the
 * predicted and measured columns, machine.csv is found next to the results
 * or its absence exits 3 naming `mapbench probe`, a figure the file lacks
 * makes its term unknown, and bad input exits 2 with one line. The report
 * gains a "why" column and the probe's figures with machine.csv beside its
 * results, and stays as it was without; the explain chart stacks the terms. A short real
 * run is explained too: every configuration gets a prediction. */
#include "e2e.h"
#include "csvio.h"
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES MB_SOURCE_DIR "/tests/fixtures/explain"
static const char results[] = FIXTURES "/results.csv";
static const char machine[] = FIXTURES "/machine.csv";

/* The row of the CSV table t whose method and cache are these. */
static size_t row_of(const struct mb_csv_table *t, const char *method, const char *cache)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (e2e_is(t, r, "method", method) && e2e_is(t, r, "cache", cache))
			return r;
	fail_msg("no row of %s %s", method, cache);
	return 0;
}

static void test_table(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "explain", results, "--machine", machine);
	e2e_expect_exit(&r, 0, "explain (table)");
	assert_non_null(strstr(r.out, "UNEXPLAINED mmap, warm seq 16M/128K: 4,096 first touches × 400 ns"));
	assert_non_null(strstr(r.out, "\nread, warm seq 16M/128K     2.58 ms      2.6 ms       +1%  yes"));
	assert_non_null(strstr(r.out, "unknown device term (no odirect_ns_per_byte)"));
	assert_non_null(strstr(r.out, "explained within 25%: 2/4, within 10%: 2/4"));
	assert_non_null(strstr(r.out, "worst: mmap, warm seq 16M/128K +100%"));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "explain", results, "--machine", machine, "--format", "md");
	e2e_expect_exit(&r, 0, "explain --format md");
	assert_non_null(strstr(r.out, "| configuration | predicted | measured | residual | explained | why |"));
	assert_non_null(strstr(r.out, "| mmap, warm seq 16M/128K | 2.68 ms | 5.37 ms | +100% | no |"));
	e2e_result_free(&r);
}

static void test_csv(void **state)
{
	char out[4096];
	struct e2e_result r;
	struct mb_csv_table *t;
	size_t i;

	(void)state;
	E2E_RUN(&r, NULL, "explain", results, "--machine", machine, "--format", "csv");
	e2e_expect_exit(&r, 0, "explain --format csv");
	e2e_fmt(out, sizeof(out), "%s/x.csv", e2e_tmp);
	e2e_write_file(out, r.out, strlen(r.out));
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_int_equal(t->nrows, 4);
	i = row_of(t, "mmap", "warm");
	assert_string_equal(e2e_cell(t, i, "predicted_ns"), "2684061");
	assert_string_equal(e2e_cell(t, i, "measured_ns"), "5370000");
	assert_string_equal(e2e_cell(t, i, "residual_pct"), "100.1");
	assert_string_equal(e2e_cell(t, i, "explained"), "no");
	assert_string_equal(e2e_cell(t, i, "dominant_term"), "fault");
	assert_string_equal(e2e_cell(t, i, "term_fault_ns"), "1638400");
	assert_string_equal(e2e_cell(t, i, "term_copy_ns"), "");
	i = row_of(t, "read", "warm");
	assert_string_equal(e2e_cell(t, i, "explained"), "yes");
	assert_string_equal(e2e_cell(t, i, "term_calls_ns"), "64000");
	i = row_of(t, "read", "cold");
	assert_string_equal(e2e_cell(t, i, "explained"), "unknown");
	assert_string_equal(e2e_cell(t, i, "predicted_ns"), "");
	assert_string_equal(e2e_cell(t, i, "term_device_ns"), "unknown");
	assert_string_equal(e2e_cell(t, i, "unknown_terms"), "device");
	assert_string_equal(e2e_cell(t, i, "priced_ns"), "2580582");
	e2e_table_free(t);
}

/* The chart: mmap's predicted bar stacked checksum, map, fault up to the
 * prediction, its measured bar twice as long, marked unexplained. */
static void test_chart(void **state)
{
	char x[4096], out[4096];
	struct e2e_result r;
	struct mb_csv_table *t;
	int fault = 0, meas = 0;

	(void)state;
	E2E_RUN(&r, NULL, "explain", results, "--machine", machine, "--format", "csv");
	e2e_expect_exit(&r, 0, "explain --format csv");
	e2e_fmt(x, sizeof(x), "%s/chart-in.csv", e2e_tmp);
	e2e_write_file(x, r.out, strlen(r.out));
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "chart", "explain", x);
	e2e_expect_exit(&r, 0, "chart explain");
	e2e_fmt(out, sizeof(out), "%s/chart.csv", e2e_tmp);
	e2e_write_file(out, r.out, strlen(r.out));
	e2e_result_free(&r);
	t = e2e_load(out);
	for (size_t i = 0; i < t->nrows; i++) {
		if (!e2e_is(t, i, "kind", "point"))
			continue;
		/* the warm configurations only: read, mmap, memread */
		assert_true(strtod(e2e_cell(t, i, "y"), NULL) <= 8);
		if (e2e_is(t, i, "series", "fault")) {
			fault++;
			assert_true(fabs(strtod(e2e_cell(t, i, "x_lo"), NULL) - 1.045661) < 1e-5);
			assert_true(fabs(strtod(e2e_cell(t, i, "x_hi"), NULL) - 2.684061) < 1e-5);
			assert_string_equal(e2e_cell(t, i, "y"), "4");
		}
		if (e2e_is(t, i, "series", "measured") && e2e_is(t, i, "y", "5")) {
			meas++;
			assert_true(fabs(strtod(e2e_cell(t, i, "x_hi"), NULL) - 5.37) < 1e-9);
			assert_non_null(strstr(e2e_cell(t, i, "label"), "+100%"));
			assert_non_null(strstr(e2e_cell(t, i, "label"), "unexplained"));
		}
	}
	assert_int_equal(fault, 1);
	assert_int_equal(meas, 1);
	e2e_table_free(t);
}

/* A new folder name in the scratch directory holding the fixture results as
 * results.csv; its path in dir, machine.csv's path there (not made) in mc. */
static void results_folder(const char *name, char *dir, char *mc)
{
	char res[4096];
	unsigned char *text;
	size_t len;

	e2e_fmt(dir, 4096, "%s/%s", e2e_tmp, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(res, sizeof(res), "%s/results.csv", dir);
	e2e_fmt(mc, 4096, "%s/machine.csv", dir);
	assert_non_null(text = e2e_read_file(results, &len));
	e2e_write_file(res, text, len);
	e2e_free(text);
}

/* machine.csv next to the results, or exit 3 naming the probe. */
static void test_machine_beside(void **state)
{
	char dir[4096], res[4096], mc[4096];
	struct e2e_result r;
	unsigned char *text;
	size_t len;

	(void)state;
	results_folder("beside", dir, mc);
	e2e_fmt(res, sizeof(res), "%s/results.csv", dir);
	E2E_RUN(&r, NULL, "explain", res);
	e2e_expect_exit(&r, 3, "explain without machine.csv");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "mapbench probe --out"));
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
	assert_non_null(text = e2e_read_file(machine, &len));
	e2e_write_file(mc, text, len);
	e2e_free(text);
	E2E_RUN(&r, NULL, "explain", res);
	e2e_expect_exit(&r, 0, "explain with machine.csv beside the results");
	assert_non_null(strstr(r.out, "explained within 25%: 2/4"));
	e2e_result_free(&r);
}

/* A machine.csv without the copy figure: the copying methods' copy term is unknown. */
static void test_missing_figure(void **state)
{
	char mc[4096], line[512];
	struct e2e_result r;
	unsigned char *text;
	size_t len, at = 0, out = 0;
	char *kept;

	(void)state;
	assert_non_null(text = e2e_read_file(machine, &len));
	assert_non_null(kept = e2e_alloc(len + 1));
	while (at < len) {
		size_t n = strcspn((char *)text + at, "\n") + 1;

		snprintf(line, sizeof(line), "%.*s", (int)n, (char *)text + at);
		if (!strstr(line, ",copy_ns_per_byte,"))
			memcpy(kept + out, line, n), out += n;
		at += n;
	}
	e2e_fmt(mc, sizeof(mc), "%s/nocopy.csv", e2e_tmp);
	e2e_write_file(mc, kept, out);
	e2e_free(kept);
	e2e_free(text);
	E2E_RUN(&r, NULL, "explain", results, "--machine", mc);
	e2e_expect_exit(&r, 0, "explain with a figure missing");
	assert_non_null(strstr(r.out, "read, warm seq 16M/128K: unknown copy term (no copy_ns_per_byte)"));
	assert_non_null(strstr(r.out, "explained within 25%: 1/4"));
	e2e_result_free(&r);
}

static void expect_refused(int code, const char *what, const char *want, const char *const *args)
{
	struct e2e_result r;

	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, code, what);
	if (!strstr(r.err, want))
		fail_msg("%s: stderr '%s' lacks '%s'", what, r.err, want);
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
}
#define REFUSED(code, what, want, ...)                                                             \
	expect_refused((code), (what), (want), (const char *const[]){__VA_ARGS__, NULL})

static void test_bad_input(void **state)
{
	char bad[4096], none[4096];

	(void)state;
	e2e_fmt(bad, sizeof(bad), "%s/badmachine.csv", e2e_tmp);
	e2e_write_file(bad, "figure,unit,median\nsyscall_ns,ns,quick\n", 38);
	e2e_fmt(none, sizeof(none), "%s/nowhere.csv", e2e_tmp);
	REFUSED(2, "a missing results file", "nowhere.csv: No such file", "explain", none, "--machine", machine);
	REFUSED(3, "a missing --machine file", "nowhere.csv: No such file", "explain", results, "--machine", none);
	REFUSED(2, "a malformed machine.csv", "badmachine.csv: line 2: median 'quick' of syscall_ns is not a number",
		"explain", results, "--machine", bad);
	REFUSED(2, "a machine.csv given as results", "machine.csv: line 1: no column 'status'", "explain",
		machine, "--machine", machine);
	REFUSED(2, "results given as machine.csv", "results.csv: line 1: no column 'figure'", "explain",
		results, "--machine", results);
	REFUSED(2, "an unknown format", "--format 'xml'", "explain", results, "--machine", machine, "--format",
		"xml");
	REFUSED(2, "no operands", "usage: mapbench explain", "explain");
}

/* report: a "why" column and the probe's figures with machine.csv in the
 * folder, the report as before without it. */
static void test_report(void **state)
{
	char dir[4096], mc[4096], rep[4096];
	struct e2e_result r;
	unsigned char *text;
	size_t len;

	(void)state;
	results_folder("report", dir, mc);
	e2e_fmt(rep, sizeof(rep), "%s/REPORT.md", dir);
	E2E_RUN(&r, NULL, "report", dir);
	e2e_expect_exit(&r, 0, "report without machine.csv");
	e2e_result_free(&r);
	assert_non_null(text = e2e_read_file(rep, &len));
	assert_non_null(strstr((char *)text, "| workload | mmap ÷ read (95% CI) | verdict |\n|---|---|---|\n"));
	assert_null(strstr((char *)text, "Machine figures"));
	e2e_free(text);

	assert_non_null(text = e2e_read_file(machine, &len));
	e2e_write_file(mc, text, len);
	e2e_free(text);
	E2E_RUN(&r, NULL, "report", dir);
	e2e_expect_exit(&r, 0, "report with machine.csv");
	e2e_result_free(&r);
	assert_non_null(text = e2e_read_file(rep, &len));
	assert_non_null(strstr((char *)text, "| workload | mmap ÷ read (95% CI) | verdict | why |\n|---|---|---|---|\n"));
	/* 3 repetitions a side: no significant difference, so both sentences */
	assert_non_null(strstr((char *)text, "| mmap: 4,096 first touches × 400 ns + 16 MiB checksummed at "
					     "18.6 GiB/s + 1 smaller term = 2.68 ms of 5.37 ms measured (50%) "
					     "(unexplained); read: 16 MiB copied at 9.31 GiB/s"));
	assert_non_null(strstr((char *)text, "### Machine figures (mapbench probe, machine.csv)"));
	assert_non_null(strstr((char *)text, "| pread_call_ns | ns | 500 | 475–525 |  |\n"));
	assert_non_null(strstr((char *)text, "| odirect_ns_per_byte | ns_per_byte | – | – | skipped: not measured here: no --device |\n"));
	e2e_free(text);

	e2e_write_file(mc, "figure,unit,median\nsyscall_ns,ns,quick\n", 38);
	E2E_RUN(&r, NULL, "report", dir);
	e2e_expect_exit(&r, 2, "report with a malformed machine.csv");
	assert_non_null(strstr(r.err, "machine.csv: line 2: median 'quick'"));
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
}

/* A short real run: every configuration gets a prediction from the fixture figures. */
static void test_real_run(void **state)
{
	char csv[4096], out[4096];
	struct e2e_result r;
	struct mb_csv_table *t;

	(void)state;
	E2E_RUN_MB(&r, NULL, "real", csv, "--method", "read,pread,mmap,memread", "--pattern", "seq,rand",
		   "--cache", "warm", "--size", "256K", "--block", "4K,64K", "--reps", "2", "--quiet");
	e2e_expect_exit(&r, 0, "run");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "explain", csv, "--machine", machine, "--format", "csv");
	e2e_expect_exit(&r, 0, "explain of a real run");
	e2e_fmt(out, sizeof(out), "%s/real-x.csv", e2e_tmp);
	e2e_write_file(out, r.out, strlen(r.out));
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_int_equal(t->nrows, 16);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_int_not_equal(e2e_numeric(e2e_cell(t, i, "predicted_ns")), 0);
		assert_int_not_equal(e2e_numeric(e2e_cell(t, i, "measured_ns")), 0);
		assert_true(strtod(e2e_cell(t, i, "predicted_ns"), NULL) > 0);
	}
	e2e_table_free(t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_table),
		E2E_TEST(test_csv),
		E2E_TEST(test_machine_beside),
		E2E_TEST(test_missing_figure),
		E2E_TEST(test_bad_input),
		E2E_TEST(test_report),
		E2E_TEST(test_chart),
		E2E_TEST(test_real_run),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
