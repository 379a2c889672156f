/* test_compare_cli.c: `mapbench compare` and `mapbench report --compare` end to
 * end, on result sets made from one real run: the run as the baseline, a
 * copy on another "kernel" with every time 10% longer (its throughput
 * 1/1.10), and a copy with the same samples. The shift is found (ratio
 * 0.909, inside every interval), identical samples are ~, the formats hold
 * what they promise, and bad input (the same file twice, a file that is no
 * results file, malformed CSV, nothing shared, unknown options) exits 2
 * with one line naming the file. */
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

static char base_csv[4096], slow_csv[4096], same_csv[4096], run_csv[4096];

/* Writes the rows of t to path with kernel set and times scaled by scale
 * (throughput by 1/scale). */
static void variant(const struct mb_csv_table *t, const char *path, const char *kernel, double scale)
{
	long kc = mb_csv_table_col(t, "kernel"), tc = mb_csv_table_col(t, "total_ns");
	long ic = mb_csv_table_col(t, "io_ns"), mc = mb_csv_table_col(t, "mib_per_s");
	size_t len, cap = 1 << 16, at = 0;
	char *all = malloc(cap), *rec;
	char tot[64], io[64], mib[64];

	assert_non_null(all);
	assert_true(kc >= 0 && tc >= 0 && ic >= 0 && mc >= 0);
	for (size_t r = 0; r <= t->nrows; r++) {
		const char **f = r ? (const char **)t->rows[r - 1] : (const char **)t->header;
		const char *cells[512];

		assert_true(t->ncols <= 512);
		memcpy(cells, f, t->ncols * sizeof(*cells));
		if (r) {
			cells[kc] = kernel;
			if (*f[tc]) {
				snprintf(tot, sizeof(tot), "%.0f", strtod(f[tc], NULL) * scale);
				snprintf(io, sizeof(io), "%.0f", strtod(f[ic], NULL) * scale);
				cells[tc] = tot, cells[ic] = io;
			}
			if (*f[mc]) {
				snprintf(mib, sizeof(mib), "%.6f", strtod(f[mc], NULL) / scale);
				cells[mc] = mib;
			}
		}
		assert_non_null(rec = mb_csv_format(cells, t->ncols, &len));
		while (at + len > cap)
			assert_non_null(all = realloc(all, cap *= 2));
		memcpy(all + at, rec, len);
		at += len;
		free(rec);
	}
	e2e_write_file(path, all, at);
	free(all);
}

static int make_sets(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;

	if (e2e_group_setup(state))
		return -1;
	E2E_RUN_MB(&r, NULL, "run", run_csv, "--method", "read,mmap", "--pattern", "seq", "--cache", "warm",
		   "--size", "256K,1M", "--block", "64K", "--reps", "8", "--quiet");
	if (r.status) {
		fprintf(stderr, "run failed: %s\n", r.err);
		return -1;
	}
	e2e_result_free(&r);
	t = e2e_load(run_csv);
	e2e_fmt(base_csv, sizeof(base_csv), "%s/base.csv", e2e_tmp);
	e2e_fmt(slow_csv, sizeof(slow_csv), "%s/slow.csv", e2e_tmp);
	e2e_fmt(same_csv, sizeof(same_csv), "%s/same.csv", e2e_tmp);
	variant(t, base_csv, "6.1.0-base", 1.0);
	variant(t, slow_csv, "6.3.0-slow", 1.10);
	variant(t, same_csv, "6.2.0-same", 1.0);
	e2e_table_free(t);
	return 0;
}

/* The CSV output of compare args into a table (the command must exit 0). */
static struct mb_csv_table *compare_csv(const char *name, const char *a, const char *b)
{
	struct e2e_result r;
	char path[4096];

	E2E_RUN(&r, NULL, "compare", "--format", "csv", a, b);
	e2e_expect_exit(&r, 0, "compare --format csv");
	e2e_fmt(path, sizeof(path), "%s/%s", e2e_tmp, name);
	e2e_write_file(path, r.out, strlen(r.out));
	e2e_result_free(&r);
	return e2e_load(path);
}

static void test_shift_found(void **state)
{
	struct mb_csv_table *t = compare_csv("slow-cmp.csv", base_csv, slow_csv);
	struct e2e_result r;
	size_t like = 0;

	(void)state;
	for (size_t i = 0; i < t->nrows; i++) {
		const char *cls = e2e_cell(t, i, "class");
		double ratio = strtod(e2e_cell(t, i, "ratio"), NULL);

		assert_string_equal(e2e_cell(t, i, "side"), "kernel=6.3.0-slow");
		assert_string_equal(e2e_cell(t, i, "baseline"), "kernel=6.1.0-base");
		if (!strcmp(cls, "geomean")) {
			assert_true(fabs(ratio - 1 / 1.10) < 0.0005);
			assert_int_equal(atoi(e2e_cell(t, i, "base_n")), 4);
			continue;
		}
		assert_string_equal(cls, "like");
		like++;
		/* medians scale exactly: the ratio is 1/1.10 and inside its interval */
		assert_true(fabs(ratio - 1 / 1.10) < 0.0005);
		assert_true(strtod(e2e_cell(t, i, "ratio_ci_lo"), NULL) <= 0.9092);
		assert_true(strtod(e2e_cell(t, i, "ratio_ci_hi"), NULL) >= 0.9090);
		assert_int_equal(atoi(e2e_cell(t, i, "base_n")), 8);
		assert_string_not_equal(e2e_cell(t, i, "mark"), "faster");
	}
	assert_int_equal(like, 4);
	e2e_table_free(t);

	E2E_RUN(&r, NULL, "compare", base_csv, slow_csv);
	e2e_expect_exit(&r, 0, "compare (table)");
	assert_non_null(strstr(r.out, "kernel=6.3.0-slow vs kernel=6.1.0-base: 0.909× the baseline's mib_per_s"));
	assert_non_null(strstr(r.out, "geomean over 4 configurations"));
	assert_non_null(strstr(r.out, "-9.1%"));
	e2e_result_free(&r);
}

static void test_identical_is_same(void **state)
{
	struct mb_csv_table *t = compare_csv("same-cmp.csv", base_csv, same_csv);

	(void)state;
	for (size_t i = 0; i < t->nrows; i++) {
		if (!strcmp(e2e_cell(t, i, "class"), "geomean")) {
			assert_string_equal(e2e_cell(t, i, "ratio"), "1.0000");
			assert_string_equal(e2e_cell(t, i, "n_same"), "4");
			continue;
		}
		assert_string_equal(e2e_cell(t, i, "mark"), "~");
		assert_string_equal(e2e_cell(t, i, "ratio"), "1.0000");
	}
	e2e_table_free(t);
}

/* Three inputs: each against the first; md and benchstat formats. */
static void test_formats(void **state)
{
	struct e2e_result r;
	size_t bench = 0;

	(void)state;
	E2E_RUN(&r, NULL, "compare", "--format", "md", base_csv, slow_csv, same_csv);
	e2e_expect_exit(&r, 0, "compare --format md, three inputs");
	assert_non_null(strstr(r.out, "**kernel=6.3.0-slow vs kernel=6.1.0-base: 0.909×"));
	assert_non_null(strstr(r.out, "**kernel=6.2.0-same vs kernel=6.1.0-base: 1.00×"));
	assert_non_null(strstr(r.out, "| configuration | 6.1.0-base (baseline) | 6.3.0-slow |"));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "compare", "--format", "benchstat", base_csv, slow_csv);
	e2e_expect_exit(&r, 0, "compare --format benchstat");
	assert_non_null(strstr(r.out, "kernel: 6.1.0-base\nBenchmarkMapbench/"));
	assert_non_null(strstr(r.out, "kernel: 6.3.0-slow\nBenchmarkMapbench/"));
	for (const char *p = r.out; (p = strstr(p, "\nBenchmark")); p++)
		bench++;
	assert_int_equal(bench, 2 * 4 * 8); /* every sample of both sides */
	e2e_result_free(&r);

	/* one file, --by method: read against mmap */
	E2E_RUN(&r, NULL, "compare", "--by", "method", "--base", "read", run_csv);
	e2e_expect_exit(&r, 0, "compare --by method");
	assert_non_null(strstr(r.out, "method=mmap vs method=read: "));
	assert_non_null(strstr(r.out, "geomean over 2 configurations"));
	e2e_result_free(&r);
}

/* What report --compare writes, and nothing outside OUT_DIR. */
static void test_report(void **state)
{
	struct e2e_result r;
	char out[4096], md[4096], csv[4096];
	unsigned char *text;
	size_t len;

	(void)state;
	e2e_fmt(out, sizeof(out), "%s/cmp-report", e2e_tmp);
	e2e_rmrf(out);
	E2E_RUN(&r, NULL, "report", "--compare", base_csv, slow_csv, out);
	e2e_expect_exit(&r, 0, "report --compare");
	e2e_result_free(&r);
	assert_int_equal(e2e_dir_entries(out), 2);
	e2e_fmt(md, sizeof(md), "%s/COMPARE.md", out);
	e2e_fmt(csv, sizeof(csv), "%s/compare.csv", out);
	text = e2e_read_file(md, &len);
	assert_non_null(text);
	assert_non_null(strstr((char *)text, "## Summary\n\n- kernel=6.3.0-slow vs kernel=6.1.0-base: 0.909×"));
	assert_non_null(strstr((char *)text, "| kernel | 6.1.0-base | 6.3.0-slow |"));
	assert_non_null(strstr((char *)text, "No charts yet"));
	e2e_free(text);
	e2e_table_free(e2e_load(csv));

	E2E_RUN(&r, NULL, "report", "--compare", base_csv, out);
	e2e_expect_exit(&r, 2, "report --compare with one input and no --by");
	e2e_result_free(&r);
}

static void expect_refused(const char *what, const char *want, const char *const *args)
{
	struct e2e_result r;

	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, 2, what);
	if (!strstr(r.err, want))
		fail_msg("%s: stderr '%s' lacks '%s'", what, r.err, want);
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
}
#define REFUSED(what, want, ...) expect_refused((what), (want), (const char *const[]){__VA_ARGS__, NULL})

static void test_bad_input(void **state)
{
	char notcsv[4096], broken[4096], other[4096];
	const char *broken_text = "schema,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s,status\n"
				  "1,read,seq,warm,4096,4096,\"12,ok\n";

	(void)state;
	e2e_fmt(notcsv, sizeof(notcsv), "%s/notresults.csv", e2e_tmp);
	e2e_write_file(notcsv, "a,b\n1,2\n", 8);
	e2e_fmt(broken, sizeof(broken), "%s/broken.csv", e2e_tmp);
	e2e_write_file(broken, broken_text, strlen(broken_text));
	e2e_fmt(other, sizeof(other), "%s/nowhere.csv", e2e_tmp);
	REFUSED("the same file twice", "is the same row as", "compare", base_csv, base_csv);
	REFUSED("a file that is no results file", "notresults.csv: line 1: no column", "compare", base_csv, notcsv);
	REFUSED("malformed CSV", "broken.csv: line 2", "compare", base_csv, broken);
	REFUSED("a missing file", "nowhere.csv: No such file", "compare", base_csv, other);
	REFUSED("unknown --by", "unknown --by column 'colour'", "compare", "--by", "colour", base_csv, slow_csv);
	REFUSED("unknown --format", "unknown --format 'xml'", "compare", "--format", "xml", base_csv, slow_csv);
	REFUSED("one file, one kernel", "no environment column takes two values", "compare", base_csv);
	REFUSED("--base with two files", "--base names a value with one file", "compare", "--base", "x",
		base_csv, slow_csv);
	REFUSED("no operands", "usage: mapbench compare", "compare");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_shift_found),
		E2E_TEST(test_identical_is_same),
		E2E_TEST(test_formats),
		E2E_TEST(test_report),
		E2E_TEST(test_bad_input),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, make_sets, e2e_group_teardown);
}
