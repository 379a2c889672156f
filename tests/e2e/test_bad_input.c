/* test_bad_input.c: end-to-end, `mapbench run` on bad input. Each case must
 * exit 2 with exactly one line on stderr that names the bad thing, write
 * nothing to stdout and no results file: unknown method, malformed size and
 * block, missing --file, a directory as --file, an unreadable file (as nobody
 * when run as root), --reps 0 and -1, --out into a missing directory, --dir
 * whose parent is missing, an unknown option, an unknown subcommand, an
 * existing --out whose header is not mapbench's (its bytes must survive), and
 * --drop-caches when not root (as nobody when run as root), --mkfs-opts with a
 * line break or over 255 bytes. Also: an existing
 * results file with the right header is appended to, keeping its rows and its
 * single header, and as root --drop-caches on a tiny cold run succeeds. */
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

#define DROP_CACHES "/proc/sys/vm/drop_caches"

/* A fresh directory per case: <e2e_tmp>/<name>. */
static void case_dir(char *out, size_t len, const char *name)
{
	e2e_fmt(out, len, "%s/%s", e2e_tmp, name);
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
#define RUN_ARGS(dir, out)                                                                         \
	"run", "--method", "read", "--pattern", "seq", "--cache", "warm", "--size", "4K", "--block", \
		"4K", "--reps", "1", "--warmup", "0", "--dir", (dir), "--out", (out)
#define RUN_BAD(res, opts, dir, out, ...) E2E_RUN((res), (opts), RUN_ARGS(dir, out), __VA_ARGS__)

/* RUN_BAD with the extra arguments (NULL-terminated) must be refused as
 * expect_usage_error says, naming n1 (and n2), and before any work is done:
 * no dataset directory ds. */
static void expect_refused(const char *ds, const char *out, const char *n1, const char *n2,
			   const char *const *extra)
{
	const char *args[48] = {RUN_ARGS(ds, out)};
	size_t n = 0;
	struct e2e_result r;

	while (args[n])
		n++;
	for (; *extra; extra++) {
		assert_true(n + 1 < sizeof(args) / sizeof(args[0]));
		args[n++] = *extra;
	}
	e2e_run(&r, NULL, args);
	expect_usage_error(&r, out, n1, n2);
	if (e2e_exists(ds))
		fail_msg("datasets were made in %s before the bad input was noticed", ds);
	e2e_result_free(&r);
}
#define EXPECT_REFUSED(ds, out, n1, n2, ...) \
	expect_refused((ds), (out), (n1), (n2), (const char *const[]){__VA_ARGS__, NULL})

static void paths(const char *name, char *d, char *ds, char *out)
{
	case_dir(d, PATH_MAX, name);
	e2e_fmt(ds, PATH_MAX, "%s/ds", d);
	e2e_fmt(out, PATH_MAX, "%s/out.csv", d);
}

static void test_unknown_method(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("method", d, ds, out);
	EXPECT_REFUSED(ds, out, "nosuch", NULL, "--method", "nosuch");
	/* a bad name after good ones is still found */
	EXPECT_REFUSED(ds, out, "nosuch2", NULL, "--method", "read,mmap,nosuch2");
}

static void test_malformed_size(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("size", d, ds, out);
	EXPECT_REFUSED(ds, out, "12Q", NULL, "--size", "12Q");
	EXPECT_REFUSED(ds, out, "7XB", NULL, "--size", "4K,1M,7XB");
}

static void test_malformed_block(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("block", d, ds, out);
	EXPECT_REFUSED(ds, out, "4KX", "--block", "--block", "4KX");
	/* well-formed but out of range: the message names the bad value */
	EXPECT_REFUSED(ds, out, "--block", "2G", "--block", "4K,2G");
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
		/* nobody may enter e2e_tmp and d and write into w, but not read f */
		assert_int_equal(chmod(e2e_tmp, 0755), 0);
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
	e2e_skip_if_cannot_drop(&r, w);
	expect_usage_error(&r, out, f, "Permission denied");
	e2e_result_free(&r);
}

static void test_reps_zero_negative(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("reps", d, ds, out);
	EXPECT_REFUSED(ds, out, "--reps", "'0'", "--reps", "0");
	EXPECT_REFUSED(ds, out, "--reps", "-1", "--reps", "-1");
	EXPECT_REFUSED(ds, out, "--reps", "-1", "--reps=-1");
}

/* --order takes rounds or blocks; --lat-reps a count from 0. */
static void test_order_lat_reps(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("order", d, ds, out);
	EXPECT_REFUSED(ds, out, "--order", "rounds or blocks", "--order", "shuffled");
	EXPECT_REFUSED(ds, out, "--order", NULL, "--order", "");
	EXPECT_REFUSED(ds, out, "--lat-reps", "-1", "--lat-reps", "-1");
	EXPECT_REFUSED(ds, out, "--lat-reps", "x", "--lat-reps", "x");
}

/* Every item of --pattern and --cache is checked, not just the first two. */
static void test_unknown_pattern_cache(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("patcache", d, ds, out);
	EXPECT_REFUSED(ds, out, "zigzag", NULL, "--pattern", "zigzag");
	EXPECT_REFUSED(ds, out, "zigzag", NULL, "--pattern", "seq,rand,zigzag");
	EXPECT_REFUSED(ds, out, "tepid", NULL, "--cache", "tepid");
	EXPECT_REFUSED(ds, out, "tepid", NULL, "--cache", "warm,cold,tepid");
}

/* --mkfs-opts is recorded as one CSV cell of one line: a line break or more
 * than 255 bytes is refused. */
static void test_mkfs_opts_refused(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX], longer[300];

	(void)state;
	paths("mkfs", d, ds, out);
	EXPECT_REFUSED(ds, out, "--mkfs-opts", "one line", "--mkfs-opts", "mkfs.ext4 -q\n-F");
	EXPECT_REFUSED(ds, out, "--mkfs-opts", "one line", "--mkfs-opts", "mkfs.ext4\r");
	memset(longer, 'x', 256);
	longer[256] = '\0';
	EXPECT_REFUSED(ds, out, "--mkfs-opts", "256 bytes", "--mkfs-opts", longer);
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
	EXPECT_REFUSED(ds, bad, bad, NULL, "--seed", "1");
	assert_false(e2e_exists(out));
	/* --out naming a directory */
	RUN_BAD(&r, NULL, ds, d, "--seed", "1");
	expect_usage_error(&r, NULL, d, NULL);
	e2e_result_free(&r);
}

static void test_dir_parent_missing(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX], bad[PATH_MAX + 32];

	(void)state;
	paths("dirparent", d, ds, out);
	e2e_fmt(bad, sizeof(bad), "%s/no/such", d);
	EXPECT_REFUSED(bad, out, bad, NULL, "--seed", "1"); /* bad is not made either */
}

static void test_unknown_option(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];

	(void)state;
	paths("option", d, ds, out);
	EXPECT_REFUSED(ds, out, "--bogus-option", NULL, "--bogus-option");
	EXPECT_REFUSED(ds, out, "stray-argument", NULL, "stray-argument");
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

	(void)state;
	paths("mismatch", d, ds, out);
	/* the dataset exists already: only the --out check can fail */
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K", "--dir", ds);
	e2e_expect_exit(&r, 0, "dataset make");
	e2e_result_free(&r);
	e2e_write_file(out, foreign, sizeof(foreign) - 1);
	assert_int_equal(stat(out, &before), 0);
	RUN_BAD(&r, NULL, ds, out, "--seed", "1");
	expect_usage_error(&r, NULL, out, NULL); /* out exists: it is the foreign file */
	e2e_expect_file(out, foreign, sizeof(foreign) - 1);
	assert_int_equal(stat(out, &after), 0);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
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
	e2e_expect_exit(&r, 0, "first run");
	e2e_result_free(&r);
	first = e2e_read_file(out, &flen);
	assert_non_null(first);
	RUN_BAD(&r, NULL, ds, out, "--run-id", "second", "--reps", "3");
	e2e_expect_exit(&r, 0, "second run");
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

/* --drop-caches needs root. As root, a tiny cold run with it succeeds; as
 * anyone else (uid 65534, when the test runs as root) it is a usage error
 * naming the option and root, found before any work is done. */
static void test_drop_caches_needs_root(void **state)
{
	char d[PATH_MAX], ds[PATH_MAX], out[PATH_MAX];
	struct e2e_opts o = {0};
	struct e2e_result r;

	(void)state;
	if (geteuid() == 0) {
		paths("dropcaches-root", d, ds, out);
		E2E_RUN(&r, NULL, "run", "--size", "4K", "--cache", "cold", "--method", "pread", "--reps", "1",
			"--warmup", "0", "--drop-caches", "--dir", ds, "--out", out);
		if (access(DROP_CACHES, W_OK)) {
			/* e.g. a read-only /proc/sys in a container: refused as for anyone */
			print_message("%s is not writable even by root here\n", DROP_CACHES);
			expect_usage_error(&r, out, "--drop-caches", "root");
		} else {
			struct mb_csv_table *t;

			e2e_expect_exit(&r, 0, "run --drop-caches as root");
			t = e2e_load(out);
			assert_true(t->nrows >= 1);
			for (size_t i = 0; i < t->nrows; i++) {
				assert_string_equal(e2e_cell(t, i, "status"), "ok");
				assert_string_equal(e2e_cell(t, i, "method"), "pread");
				assert_string_equal(e2e_cell(t, i, "cache"), "cold");
			}
			e2e_table_free(t);
		}
		e2e_result_free(&r);
		/* nobody may enter e2e_tmp and d and write into d */
		paths("dropcaches-nobody", d, ds, out);
		assert_int_equal(chmod(e2e_tmp, 0755), 0);
		assert_int_equal(chmod(d, 0777), 0);
		o = (struct e2e_opts){.cwd = d, .drop_to_nobody = 1, .nobody_path = d};
	} else {
		paths("dropcaches", d, ds, out);
		if (access(DROP_CACHES, W_OK) == 0)
			skip(); /* allowed to drop caches without being root: nothing to refuse */
		o = (struct e2e_opts){.cwd = d};
	}
	RUN_BAD(&r, &o, ds, out, "--cache", "cold", "--drop-caches");
	e2e_skip_if_cannot_drop(&r, d);
	expect_usage_error(&r, out, "--drop-caches", "root");
	assert_false(e2e_exists(ds));
	e2e_result_free(&r);
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
		E2E_TEST(test_order_lat_reps),
		E2E_TEST(test_unknown_pattern_cache),
		E2E_TEST(test_mkfs_opts_refused),
		E2E_TEST(test_option_missing_value),
		E2E_TEST(test_out_missing_dir),
		E2E_TEST(test_dir_parent_missing),
		E2E_TEST(test_unknown_option),
		E2E_TEST(test_unknown_subcommand),
		E2E_TEST(test_out_header_mismatch),
		E2E_TEST(test_out_append),
		E2E_TEST(test_drop_caches_needs_root),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
