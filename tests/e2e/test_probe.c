/* test_probe.c: end-to-end, `mapbench probe --quick`: machine.csv has the
 * header of docs/csv-schema.md exactly, at least 20 rows, every measured
 * median positive and finite inside its CI, a warm 4 KiB pread dearer than a
 * bare system call, and the probe's files gone from --dir afterwards; with
 * MB_TEST_PROBE_FAKE making pread_4k_ns cheaper than a system call, one of
 * the two is flagged "suspect"; bad input (--out into a missing directory,
 * an existing --out, an unknown option) exits 2 with one line. Every column
 * and figure is documented in docs/csv-schema.md's machine.csv section. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const header[] = {
	"schema", "run_id", "host", "kernel", "cpu_vendor", "cpu_family", "cpu_model", "cpu_name",
	"hypervisor", "figure", "unit", "median", "ci_low", "ci_high", "samples", "flag", "note",
};

/* A number cell: the whole cell parses as a finite number. */
static double number(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = e2e_cell(t, r, col);
	char *end;
	double x = strtod(s, &end);

	if (!*s || *end || !isfinite(x))
		fail_msg("row %zu (%s): %s '%s' is not a finite number", r, e2e_cell(t, r, "figure"),
			 col, s);
	return x;
}

static long row_of(const struct mb_csv_table *t, const char *figure)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (e2e_is(t, r, "figure", figure))
			return (long)r;
	fail_msg("no row for figure %s", figure);
	return -1;
}

/* `probe --quick --dir <case dir> --out <case>.csv` with env: the table. */
static struct mb_csv_table *probe(const char *name, const char *const *env)
{
	struct e2e_opts o = {.env = env};
	struct e2e_result r;
	char dir[PATH_MAX], out[PATH_MAX];

	e2e_fmt(dir, sizeof(dir), "%s/%s", e2e_tmp, name);
	e2e_fmt(out, sizeof(out), "%s/%s.csv", e2e_tmp, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	E2E_RUN(&r, &o, "probe", "--quick", "--dir", dir, "--out", out);
	e2e_expect_exit(&r, 0, "mapbench probe --quick");
	assert_non_null(strstr(r.out, "pread_4k_ns"));
	assert_non_null(strstr(r.err, "probe [34/34]"));
	e2e_result_free(&r);
	assert_int_equal(e2e_dir_entries(dir), 0);
	return e2e_load(out);
}

/* Fails unless docs/csv-schema.md's machine.csv section names every column
 * and every figure of t as `name`. */
static void expect_documented(const struct mb_csv_table *t)
{
	size_t len;
	unsigned char *raw = e2e_read_file(MB_SOURCE_DIR "/docs/csv-schema.md", &len);
	char *doc = e2e_alloc(len + 1), *sec, *end, want[80];

	assert_non_null(raw);
	memcpy(doc, raw, len);
	doc[len] = 0;
	e2e_free(raw);
	sec = strstr(doc, "## The machine.csv file");
	assert_non_null(sec);
	end = strstr(sec + 1, "\n## ");
	if (end)
		*end = 0;
	for (size_t i = 0; i < t->ncols + t->nrows; i++) {
		const char *name = i < t->ncols ? t->header[i] : e2e_cell(t, i - t->ncols, "figure");

		e2e_fmt(want, sizeof(want), "`%s`", name);
		if (!strstr(sec, want))
			fail_msg("docs/csv-schema.md's machine.csv section does not document %s", want);
	}
	e2e_free(doc);
}

static void test_quick(void **state)
{
	struct mb_csv_table *t = probe("quick", NULL);
	size_t measured = 0;

	(void)state;
	assert_int_equal(t->ncols, sizeof(header) / sizeof(header[0]));
	for (size_t i = 0; i < t->ncols; i++)
		assert_string_equal(t->header[i], header[i]);
	assert_true(t->nrows >= 20);
	for (size_t r = 0; r < t->nrows; r++) {
		double med, lo, hi;

		assert_true(e2e_is(t, r, "schema", "1"));
		if (e2e_is(t, r, "flag", "skipped")) {
			assert_string_equal(e2e_cell(t, r, "median"), "");
			assert_true(*e2e_cell(t, r, "note"));
			continue;
		}
		med = number(t, r, "median");
		lo = number(t, r, "ci_low");
		hi = number(t, r, "ci_high");
		/* a random block may cost nothing more than one in order */
		if (!((med > 0 || (med == 0 && !strncmp(e2e_cell(t, r, "figure"), "rand_block_", 11))) &&
		      lo <= med && med <= hi))
			fail_msg("%s: median %g, CI [%g, %g]", e2e_cell(t, r, "figure"), med, lo, hi);
		assert_true(number(t, r, "samples") >= 1);
		measured++;
	}
	assert_true(measured >= 20);
	if (!(number(t, row_of(t, "pread_4k_ns"), "median") >
	      number(t, row_of(t, "syscall_ns"), "median")))
		fail_msg("pread_4k_ns %s <= syscall_ns %s", e2e_cell(t, row_of(t, "pread_4k_ns"), "median"),
			 e2e_cell(t, row_of(t, "syscall_ns"), "median"));
	assert_true(e2e_is(t, row_of(t, "odirect_4k_ns"), "flag", "skipped"));
	/* a PMD maps 512 pages with one fault, fault-around at most a few dozen */
	if (!e2e_is(t, row_of(t, "file_minflt_pmd_per_page"), "flag", "skipped") &&
	    !(number(t, row_of(t, "file_minflt_pmd_per_page"), "median") <
	      number(t, row_of(t, "file_minflt_large_per_page"), "median")))
		fail_msg("file_minflt_pmd_per_page %s is not below file_minflt_large_per_page %s",
			 e2e_cell(t, row_of(t, "file_minflt_pmd_per_page"), "median"),
			 e2e_cell(t, row_of(t, "file_minflt_large_per_page"), "median"));
	expect_documented(t);
	e2e_table_free(t);
}

static void test_fake_suspect(void **state)
{
	static const char *const env[] = {"MB_TEST_PROBE_FAKE=pread_4k_ns=1", NULL};
	struct mb_csv_table *t = probe("fake", env);
	long p, s;

	(void)state;
	p = row_of(t, "pread_4k_ns");
	s = row_of(t, "syscall_ns");
	assert_true(e2e_is(t, p, "median", "1"));
	if (!e2e_is(t, p, "flag", "suspect") && !e2e_is(t, s, "flag", "suspect"))
		fail_msg("neither pread_4k_ns nor syscall_ns is flagged suspect");
	assert_true(*e2e_cell(t, e2e_is(t, p, "flag", "suspect") ? p : s, "note"));
	e2e_table_free(t);
}

static void expect_usage(const struct e2e_result *r, const char *needle)
{
	if (r->status != 2)
		fail_msg("exit %d, want 2; stderr:\n%s", r->status, r->err);
	if (e2e_count_lines(r->err) != 1)
		fail_msg("want one line on stderr, got:\n%s", r->err);
	if (!strstr(r->err, needle))
		fail_msg("stderr does not name '%s': %s", needle, r->err);
	assert_string_equal(r->out, "");
}

static void test_bad_input(void **state)
{
	struct e2e_result r;
	char out[PATH_MAX], old[PATH_MAX];

	(void)state;
	e2e_fmt(out, sizeof(out), "%s/missing/machine.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "probe", "--quick", "--out", out);
	expect_usage(&r, "missing/machine.csv");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "probe", "--quick", "--bogus");
	expect_usage(&r, "--bogus");
	e2e_result_free(&r);
	e2e_fmt(old, sizeof(old), "%s/old.csv", e2e_tmp);
	e2e_write_file(old, "keep\n", 5);
	E2E_RUN(&r, NULL, "probe", "--quick", "--out", old);
	expect_usage(&r, "old.csv");
	e2e_result_free(&r);
	e2e_expect_file(old, "keep\n", 5);
	E2E_RUN(&r, NULL, "probe", "--help");
	e2e_expect_exit(&r, 0, "probe --help");
	assert_non_null(strstr(r.out, "usage: mapbench probe"));
	e2e_result_free(&r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_bad_input),
		E2E_TEST(test_quick),
		E2E_TEST(test_fake_suspect),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
