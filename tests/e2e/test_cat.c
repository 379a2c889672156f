/* test_cat.c: end-to-end, `mapbench cat`, the single-shot whole-file reader
 * that bench/hyperfine.sh times: for every method of the registry that reads
 * the file, datasets of 0 bytes, 1 byte, one page and 1 MiB + 123 bytes and
 * blocks of 128K (default), 4K, 1000 bytes and 2M, stdout is exactly the
 * checksum `mapbench dataset verify` and the manifest give, and nothing is on
 * stderr; every advice a method takes gives the same checksum; --verify passes
 * on a dataset, exits 1 on one silently corrupted in place and 2 on a file that
 * is not a dataset; bad input exits 2 with one line, a method that cannot do a
 * read here exits 4. */
#include "e2e.h"
#include "method.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NDS 4
static const char *const ds_names[NDS] = {"mb-0-s1.dat", "mb-1-s1.dat", "mb-4K-s1.dat",
					  "mb-1048699-s1.dat"};
/* NULL: the default block (128K) */
static const char *const blocks[] = {NULL, "4K", "1000", "2M"};
#define NBLOCKS (sizeof(blocks) / sizeof(blocks[0]))

static char ds_dir[PATH_MAX];
static char ds_sum[NDS][17]; /* from `dataset verify` */

/* Makes the datasets once and reads their checksums from `dataset verify`,
 * checked against the manifest. */
static int make_datasets(void **state)
{
	struct mb_csv_table *t;
	struct e2e_result r;
	char m[PATH_MAX + 16];

	e2e_group_setup(state);
	e2e_fmt(ds_dir, sizeof(ds_dir), "%s/ds", e2e_tmp);
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "0,1,4K,1048699", "--dir", ds_dir);
	e2e_expect_exit(&r, 0, "dataset make");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "dataset", "verify", "--dir", ds_dir);
	e2e_expect_exit(&r, 0, "dataset verify");
	for (size_t i = 0; i < NDS; i++) {
		char want[128], *p;
		uint64_t size;

		e2e_fmt(want, sizeof(want), "ok  %s (", ds_names[i]);
		p = strstr(r.out, want);
		if (!p || sscanf(p + strlen(want), "%" SCNu64 " bytes, checksum %16[0-9a-f])", &size,
				 ds_sum[i]) != 2 || strlen(ds_sum[i]) != 16)
			fail_msg("dataset verify: no checksum for %s:\n%s", ds_names[i], r.out);
	}
	e2e_result_free(&r);
	e2e_fmt(m, sizeof(m), "%s/manifest.csv", ds_dir);
	t = e2e_load(m);
	assert_int_equal(t->nrows, NDS);
	for (size_t row = 0; row < t->nrows; row++)
		for (size_t i = 0; i < NDS; i++)
			if (!strcmp(e2e_cell(t, row, "name"), ds_names[i]))
				assert_string_equal(e2e_cell(t, row, "checksum"), ds_sum[i]);
	e2e_table_free(t);
	return 0;
}

/* `cat` of dataset i with args (NULL-terminated, before FILE); fills r. */
static void cat(struct e2e_result *r, size_t i, const char *const *args)
{
	const char *argv[24];
	char path[PATH_MAX + 32];
	size_t n = 0;

	argv[n++] = "cat";
	for (; *args; args++) {
		assert_true(n < 20);
		argv[n++] = *args;
	}
	e2e_fmt(path, sizeof(path), "%s/%s", ds_dir, ds_names[i]);
	argv[n++] = path;
	argv[n] = NULL;
	e2e_run(r, NULL, argv);
}

/* Exit 0, stdout exactly the checksum of dataset i and a newline, stderr empty. */
static void expect_sum(const struct e2e_result *r, size_t i, const char *what)
{
	char want[18];

	e2e_fmt(want, sizeof(want), "%s\n", ds_sum[i]);
	e2e_expect_exit(r, 0, what);
	if (strcmp(r->out, want) || r->err[0])
		fail_msg("%s on %s: stdout '%s' (want '%s'), stderr '%s'", what, ds_names[i], r->out,
			 ds_sum[i], r->err);
}

/* Exit 4 is an answer only from a method the registry calls unavailable here,
 * or from one with documented run-time limits (odirect: the direct-I/O
 * alignment, tmpfs; dontcache: the filesystem must opt in), on one line. */
static int unsupported_here(const struct e2e_result *r, const struct mb_method *m)
{
	char why[256];

	if (r->status != 4)
		return 0;
	if (r->out[0] || e2e_count_lines(r->err) != 1 || !strstr(r->err, m->name) ||
	    !strstr(r->err, "not supported here"))
		fail_msg("%s: exit 4 without one line saying why:\nstdout:\n%s\nstderr:\n%s", m->name,
			 r->out, r->err);
	if (mb_method_available(m, why, sizeof(why)) && strcmp(m->name, "odirect") &&
	    strcmp(m->name, "dontcache"))
		fail_msg("%s: available here, yet exit 4: %s", m->name, r->err);
	return 1;
}

static void test_every_method_every_block(void **state)
{
	size_t ok = 0, methods = 0;

	(void)state;
	for (size_t k = 0; k < mb_method_count(); k++) {
		const struct mb_method *m = mb_method_at(k);

		if (!(m->caps & MB_CAP_FILE) || m->op != MB_OP_READ ||
		    !(m->consume_mask & (1u << MB_CONSUME_SUM)))
			continue; /* cat reads every byte: not memread, not fault */
		methods++;
		for (size_t b = 0; b < NBLOCKS; b++)
			for (size_t i = 0; i < NDS; i++) {
				const char *args[] = {"--method", m->name, "--verify", "--block", blocks[b], NULL};
				char what[96];
				struct e2e_result r;

				if (!blocks[b])
					args[3] = NULL;
				e2e_fmt(what, sizeof(what), "cat --method %s --block %s", m->name,
					blocks[b] ? blocks[b] : "(default)");
				cat(&r, i, args);
				if (!unsupported_here(&r, m)) {
					expect_sum(&r, i, what);
					ok++;
				}
				e2e_result_free(&r);
			}
	}
	/* read, pread, readv, preadv, odirect, dontcache, uring, mmap, mmap-private, mmap-window */
	assert_true(methods >= 10);
	/* at least read, pread, mmap and mmap-private everywhere */
	assert_true(ok >= 4 * NBLOCKS * NDS);
}

static const char *advice_name(int a)
{
	return mb_advice_name((enum mb_advice)a);
}

/* Every advice a method takes (and this kernel accepts) reads the same bytes. */
static void test_every_advice(void **state)
{
	static const char *const ms[] = {"pread", "mmap"};
	char why[256];

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		const struct mb_method *m = mb_method_find(ms[k]);

		assert_non_null(m);
		for (int a = 0; a < MB_ADV_COUNT; a++) {
			const char *args[] = {"--method", m->name, "--advice", advice_name(a), NULL};
			struct e2e_result r;
			char what[96];

			if (!(m->advice_mask & (1u << a)) || !mb_advice_available((enum mb_advice)a, why,
										   sizeof(why)))
				continue;
			e2e_fmt(what, sizeof(what), "cat --method %s --advice %s", m->name, advice_name(a));
			cat(&r, NDS - 1, args);
			expect_sum(&r, NDS - 1, what);
			e2e_result_free(&r);
		}
	}
}

/* Flips one byte of path in place, same size, mtime restored. */
static void corrupt_silently(const char *path, off_t off)
{
	struct timespec times[2];
	struct stat sb;
	unsigned char b;
	int fd;

	assert_int_equal(stat(path, &sb), 0);
	times[0] = sb.st_atim;
	times[1] = sb.st_mtim;
	fd = open(path, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x5a;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(close(fd), 0);
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_verify(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32], other[PATH_MAX + 32], good[17], bad[17];
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-verify", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64K-s1.dat", d);
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "64K", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset make 64K");
	e2e_result_free(&r);
	e2e_file_checksum_hex(f, good);

	E2E_RUN(&r, NULL, "cat", "--method", "mmap", "--verify", f);
	e2e_expect_exit(&r, 0, "cat --verify of a good dataset");
	assert_int_equal(strlen(r.out), 17);
	assert_true(!strncmp(r.out, good, 16));
	e2e_result_free(&r);

	corrupt_silently(f, 40000);
	e2e_file_checksum_hex(f, bad);
	assert_string_not_equal(good, bad);
	for (const char *const *m = (const char *const[]){"read", "mmap", NULL}; *m; m++) {
		/* without --verify: the checksum of what is there now, exit 0 */
		E2E_RUN(&r, NULL, "cat", "--method", *m, f);
		e2e_expect_exit(&r, 0, "cat of a changed dataset without --verify");
		assert_true(!strncmp(r.out, bad, 16));
		e2e_result_free(&r);
		/* with --verify: exit 1, the checksum read still printed, one line why */
		E2E_RUN(&r, NULL, "cat", "--method", *m, "--verify", f);
		e2e_expect_exit(&r, 1, "cat --verify of a silently corrupted dataset");
		assert_true(!strncmp(r.out, bad, 16));
		assert_int_equal(e2e_count_lines(r.err), 1);
		if (!strstr(r.err, "checksum") || !strstr(r.err, good))
			fail_msg("--verify mismatch: stderr does not name the manifest checksum %s:\n%s", good,
				 r.err);
		e2e_result_free(&r);
	}

	/* not a dataset: beside a manifest but not in it, and with no manifest at all */
	e2e_fmt(other, sizeof(other), "%s/mine.dat", d);
	e2e_write_file(other, "hello\n", 6);
	E2E_RUN(&r, NULL, "cat", "--method", "read", "--verify", other);
	e2e_expect_exit(&r, 2, "cat --verify of a file the manifest does not list");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
	e2e_fmt(other, sizeof(other), "%s/mine.dat", e2e_tmp);
	e2e_write_file(other, "hello\n", 6);
	E2E_RUN(&r, NULL, "cat", "--method", "read", "--verify", other);
	e2e_expect_exit(&r, 2, "cat --verify of a file with no manifest beside it");
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
}

static void test_bad_input(void **state)
{
	char f[PATH_MAX + 32], missing[PATH_MAX + 32];
	struct {
		const char *args[8];
		const char *says; /* a word the one-line error must hold */
	} cases[] = {
		{{"--method", "nope", f}, "nope"},
		{{"--method", "memread", f}, "memread"},
		{{"--method", "fault", f}, "fault"},
		{{"--method", "anon-read", f}, "anon-read"},
		{{"--method", "read", missing}, "missing.dat"},
		{{"--method", "read", ds_dir}, "directory"},
		{{"--method", "read", "--advice", "hugepage", f}, "hugepage"},
		{{"--method", "mmap", "--advice", "noreuse", f}, "noreuse"},
		{{"--method", "read", "--advice", "bogus", f}, "bogus"},
		{{f}, "--method"},
		{{"--method", "read"}, "FILE"},
		{{"--method", "read", f, f}, "one FILE"},
		{{"--method", "read", "--block", "0", f}, "--block"},
		{{"--method", "read", "--block", "12Q", f}, "12Q"},
		{{"--method", "read", "--frobnicate", f}, "--frobnicate"},
		{{"--method", "read", "/dev/null"}, "regular"},
	};

	(void)state;
	e2e_fmt(f, sizeof(f), "%s/%s", ds_dir, ds_names[2]);
	e2e_fmt(missing, sizeof(missing), "%s/missing.dat", ds_dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[10] = {"cat"};
		struct e2e_result r;

		for (size_t k = 0; cases[i].args[k]; k++)
			argv[k + 1] = cases[i].args[k];
		e2e_run(&r, NULL, argv);
		if (r.status != 2 || r.out[0] || e2e_count_lines(r.err) != 1 ||
		    !strstr(r.err, cases[i].says))
			fail_msg("case %zu (%s): exit %d, want 2 with one line naming '%s'\nstdout:\n%s\n"
				 "stderr:\n%s", i, cases[i].args[1] ? cases[i].args[1] : cases[i].args[0],
				 r.status, cases[i].says, r.out, r.err);
		e2e_result_free(&r);
	}
}

/* A read the method cannot do here: O_DIRECT with a block that is not a
 * multiple of the direct-I/O alignment (or no direct I/O at all). */
static void test_unsupported(void **state)
{
	char f[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	e2e_fmt(f, sizeof(f), "%s/%s", ds_dir, ds_names[3]);
	E2E_RUN(&r, NULL, "cat", "--method", "odirect", "--block", "1000", f);
	e2e_expect_exit(&r, 4, "cat --method odirect --block 1000");
	assert_string_equal(r.out, "");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "odirect"));
	e2e_result_free(&r);
}

static void test_help(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "cat", "--help");
	e2e_expect_exit(&r, 0, "cat --help");
	assert_non_null(strstr(r.out, "usage: mapbench cat"));
	assert_non_null(strstr(r.out, "--verify"));
	assert_string_equal(r.err, "");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "--help");
	e2e_expect_exit(&r, 0, "mapbench --help");
	assert_non_null(strstr(r.out, "\n  cat "));
	e2e_result_free(&r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_every_method_every_block),
		E2E_TEST(test_every_advice),
		E2E_TEST(test_verify),
		E2E_TEST(test_bad_input),
		E2E_TEST(test_unsupported),
		E2E_TEST(test_help),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, make_datasets, e2e_group_teardown);
}
