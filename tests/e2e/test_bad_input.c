/* test_bad_input.c: end-to-end, `mapbench run` on bad input. Each case must
 * exit 2 with exactly one line on stderr that names the bad thing, write
 * nothing to stdout and no results file: unknown method, malformed size and
 * block, missing --file, a directory as --file, an unreadable file (as nobody
 * when run as root), --reps 0 and -1, --out into a missing directory, --dir
 * whose parent is missing, an unknown option, an unknown subcommand, and an
 * existing --out whose header is not mapbench's (its bytes must survive). Also:
 * an existing results file with the right header is appended to, keeping its
 * rows and its single header. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[PATH_MAX];

static int group_setup(void **state)
{
	(void)state;
	e2e_mkdtemp(tmp, sizeof(tmp));
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	e2e_rmrf(tmp);
	return 0;
}

/* A fresh directory per case: <tmp>/<name>. */
static void case_dir(char *out, size_t len, const char *name)
{
	e2e_fmt(out, len, "%s/%s", tmp, name);
	assert_int_equal(mkdir(out, 0755), 0);
}

/* The common verdict: exit 2, one "mapbench: ..." line naming every needle,
 * nothing on stdout, and no results file at out (when given). */
static void expect_usage_error(const struct e2e_result *r, const char *out, const char *n1,
			       const char *n2)
{
	if (r->status != 2)
		fail_msg("exit %d, want 2; stderr:\n%s", r->status, r->err);
	if (e2e_count_lines(r->err) != 1)
		fail_msg("want exactly one line on stderr, got %zu:\n%s", e2e_count_lines(r->err), r->err);
	assert_true(r->err[strlen(r->err) - 1] == '\n');
	assert_true(!strncmp(r->err, "mapbench: ", 10));
	if (n1 && !strstr(r->err, n1))
		fail_msg("stderr does not name '%s': %s", n1, r->err);
	if (n2 && !strstr(r->err, n2))
		fail_msg("stderr does not name '%s': %s", n2, r->err);
	if (*r->out)
		fail_msg("stdout should be empty, got:\n%s", r->out);
	if (out && e2e_exists(out))
		fail_msg("a results file %s was written", out);
}

/* Runs `mapbench run` with a small valid matrix plus the given arguments
 * (which override the defaults: getopt keeps the last value). No --quiet: a
 * user who mistypes gets exactly one line, not progress around it. */
#define RUN_BAD(res, opts, dir, out, ...)                                                         \
	E2E_RUN((res), (opts), "run", "--method", "read", "--pattern", "seq", "--cache", "warm",     \
		"--size", "4K", "--block", "4K", "--reps", "1", "--warmup", "0", "--dir", (dir), "--out", \
		(out), __VA_ARGS__)

static void paths(const char *name, char *d, char *ds, char *out)
{
	case_dir(d, PATH_MAX, name);
	e2e_fmt(ds, PATH_MAX, "%s/ds", d);
	e2e_fmt(out, PATH_MAX, "%s/out.csv", d);
}

static void test_unknown_method(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("method", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--method", "nosuch");
	expect_usage_error(&r, out, "nosuch", NULL);
	assert_false(e2e_exists(ds)); /* rejected before any dataset is made */
	e2e_result_free(&r);
	/* a bad name after good ones is still found */
	RUN_BAD(&r, NULL, ds, out, "--method", "read,mmap,nosuch2");
	expect_usage_error(&r, out, "nosuch2", NULL);
	e2e_result_free(&r);
}

static void test_malformed_size(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("size", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--size", "12Q");
	expect_usage_error(&r, out, "12Q", NULL);
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--size", "4K,1M,7XB");
	expect_usage_error(&r, out, "7XB", NULL);
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
}

static void test_malformed_block(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("block", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--block", "4KX");
	expect_usage_error(&r, out, "4KX", "--block");
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
	/* well-formed but out of range: the message names the bad value */
	RUN_BAD(&r, NULL, ds, out, "--block", "4K,2G");
	expect_usage_error(&r, out, "--block", "2G");
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
}

static void test_missing_file(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX], f[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	paths("nofile", d, ds, out);
	e2e_fmt(f, sizeof(f), "%s/no-such-file.dat", d);
	E2E_RUN(&r, NULL, "run", "--file", f, "--out", out);
	expect_usage_error(&r, out, f, "No such file");
	e2e_result_free(&r);
}

static void test_directory_as_file(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("dirfile", d, ds, out);
	E2E_RUN(&r, NULL, "run", "--file", d, "--out", out);
	expect_usage_error(&r, out, d, "directory");
	e2e_result_free(&r);
}

/* An unreadable file. As root (who reads anything) the child drops to
 * nobody (65534) first; the file is root's, mode 0600. */
static void test_unreadable_file(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out0[PATH_MAX], out[PATH_MAX + 16], w[PATH_MAX + 8], f[PATH_MAX + 16];
	struct e2e_opts o = {0};
	struct e2e_result r;

	(void)state;
	paths("unreadable", d, ds, out0);
	e2e_fmt(w, sizeof(w), "%s/w", d);
	e2e_fmt(out, sizeof(out), "%s/out.csv", w);
	e2e_fmt(f, sizeof(f), "%s/secret.dat", d);
	assert_int_equal(mkdir(w, 0755), 0);
	e2e_write_file(f, "secret\n", 7);
	if (geteuid() == 0) {
		/* nobody may enter tmp and d and write into w, but not read f */
		assert_int_equal(chmod(tmp, 0755), 0);
		assert_int_equal(chmod(d, 0755), 0);
		assert_int_equal(chmod(w, 0777), 0);
		assert_int_equal(chmod(f, 0600), 0);
		o = (struct e2e_opts){.cwd = w, .drop_to_nobody = 1, .nobody_path = w};
	} else {
		assert_int_equal(chmod(f, 0000), 0);
		if (access(f, R_OK) == 0)
			skip(); /* CAP_DAC_OVERRIDE without being root: cannot make it unreadable */
		o = (struct e2e_opts){.cwd = w};
	}
	E2E_RUN(&r, &o, "run", "--file", f, "--out", out);
	if (r.status == E2E_EXIT_CANNOT_DROP) {
		e2e_result_free(&r);
		print_message("cannot run the binary or reach %s as uid 65534: skipped\n", w);
		skip();
	}
	expect_usage_error(&r, out, f, "Permission denied");
	e2e_result_free(&r);
}

static void test_reps_zero_negative(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("reps", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--reps", "0");
	expect_usage_error(&r, out, "--reps", "'0'");
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--reps", "-1");
	expect_usage_error(&r, out, "--reps", "-1");
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--reps=-1");
	expect_usage_error(&r, out, "--reps", "-1");
	e2e_result_free(&r);
}

/* Every item of --pattern and --cache is checked, not just the first two. */
static void test_unknown_pattern_cache(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("patcache", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--pattern", "zigzag");
	expect_usage_error(&r, out, "zigzag", NULL);
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--pattern", "seq,rand,zigzag");
	expect_usage_error(&r, out, "zigzag", NULL);
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--cache", "tepid");
	expect_usage_error(&r, out, "tepid", NULL);
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "--cache", "warm,cold,tepid");
	expect_usage_error(&r, out, "tepid", NULL);
	e2e_result_free(&r);
	assert_false(e2e_exists(ds));
}

/* An option given without its value says so. */
static void test_option_missing_value(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "run", "--reps");
	expect_usage_error(&r, NULL, "--reps", NULL);
	if (strstr(r.err, "unknown option"))
		fail_msg("--reps is a known option that lacks its value, but: %s", r.err);
	e2e_result_free(&r);
}

static void test_out_missing_dir(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX], bad[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	paths("outdir", d, ds, out);
	e2e_fmt(bad, sizeof(bad), "%s/missing/out.csv", d);
	RUN_BAD(&r, NULL, ds, bad, "--seed", "1");
	expect_usage_error(&r, bad, bad, NULL);
	assert_false(e2e_exists(out));
	/* bad input is found before any work is done */
	if (e2e_exists(ds))
		fail_msg("datasets were made in %s before the bad --out was noticed", ds);
	e2e_result_free(&r);
	/* --out naming a directory */
	RUN_BAD(&r, NULL, ds, d, "--seed", "1");
	expect_usage_error(&r, NULL, d, NULL);
	e2e_result_free(&r);
}

static void test_dir_parent_missing(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX], bad[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	paths("dirparent", d, ds, out);
	e2e_fmt(bad, sizeof(bad), "%s/no/such", d);
	RUN_BAD(&r, NULL, bad, out, "--seed", "1");
	expect_usage_error(&r, out, bad, NULL);
	assert_false(e2e_exists(bad));
	e2e_result_free(&r);
}

static void test_unknown_option(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_result r;

	(void)state;
	paths("option", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--bogus-option");
	expect_usage_error(&r, out, "--bogus-option", NULL);
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
	RUN_BAD(&r, NULL, ds, out, "stray-argument");
	expect_usage_error(&r, out, "stray-argument", NULL);
	e2e_result_free(&r);
}

static void test_unknown_subcommand(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "frobnicate", "--size", "4K");
	expect_usage_error(&r, NULL, "frobnicate", NULL);
	e2e_result_free(&r);
}

static void test_out_header_mismatch(void **state)
{
	static const char foreign[] = "name,value\n\"quoted, cell\",1\nlast,2\n";
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct stat before, after;
	struct e2e_result r;
	unsigned char *got;
	size_t len;

	(void)state;
	paths("mismatch", d, ds, out);
	/* the dataset exists already: only the --out check can fail */
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K", "--dir", ds);
	assert_int_equal(r.status, 0);
	e2e_result_free(&r);
	e2e_write_file(out, foreign, sizeof(foreign) - 1);
	assert_int_equal(stat(out, &before), 0);
	RUN_BAD(&r, NULL, ds, out, "--seed", "1");
	if (r.status != 2)
		fail_msg("exit %d, want 2; stderr:\n%s", r.status, r.err);
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, out));
	assert_string_equal(r.out, "");
	got = e2e_read_file(out, &len);
	assert_non_null(got);
	assert_int_equal(len, sizeof(foreign) - 1);
	assert_memory_equal(got, foreign, len);
	assert_int_equal(stat(out, &after), 0);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	e2e_free(got);
	e2e_result_free(&r);
}

/* The right header: appended to, old rows kept byte for byte, one header. */
static void test_out_append(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	unsigned char *first, *second;
	size_t flen, slen, lines = 0, headers = 0;
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	paths("append", d, ds, out);
	RUN_BAD(&r, NULL, ds, out, "--run-id", "first", "--reps", "2");
	if (r.status)
		fail_msg("first run: exit %d\n%s", r.status, r.err);
	e2e_result_free(&r);
	first = e2e_read_file(out, &flen);
	assert_non_null(first);
	RUN_BAD(&r, NULL, ds, out, "--run-id", "second", "--reps", "3");
	if (r.status)
		fail_msg("second run: exit %d\n%s", r.status, r.err);
	e2e_result_free(&r);
	second = e2e_read_file(out, &slen);
	assert_non_null(second);
	assert_true(slen > flen);
	assert_memory_equal(first, second, flen); /* old bytes kept, in place */
	for (size_t i = 0; i < slen; i++)
		if (second[i] == '\n' && i + 1 < slen) {
			lines++;
			headers += !strncmp((const char *)second + i + 1, "schema,", 7);
		}
	assert_int_equal(headers, 0); /* the only header is the first line */
	assert_true(!strncmp((const char *)second, "schema,", 7));

	t = e2e_load(out);
	assert_int_equal(t->nrows, 5);
	assert_int_equal(lines, 5);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "run_id"), i < 2 ? "first" : "second");
		assert_string_equal(e2e_cell(t, i, "status"), "ok");
		assert_string_equal(e2e_cell(t, i, "schema"), "1");
	}
	e2e_table_free(t);
	e2e_free(first);
	e2e_free(second);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_unknown_method),
		E2E_TEST(test_malformed_size),
		E2E_TEST(test_malformed_block),
		E2E_TEST(test_missing_file),
		E2E_TEST(test_directory_as_file),
		E2E_TEST(test_unreadable_file),
		E2E_TEST(test_reps_zero_negative),
		E2E_TEST(test_unknown_pattern_cache),
		E2E_TEST(test_option_missing_value),
		E2E_TEST(test_out_missing_dir),
		E2E_TEST(test_dir_parent_missing),
		E2E_TEST(test_unknown_option),
		E2E_TEST(test_unknown_subcommand),
		E2E_TEST(test_out_header_mismatch),
		E2E_TEST(test_out_append),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
